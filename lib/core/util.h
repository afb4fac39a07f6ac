/* util: exit codes, one error printer, checked allocation, growable byte buffer.
 * Every tool and module reports through ipm_err()/ipm_die() so messages share
 * the form "ipm-TOOL: FILE:LINE: message". */
#ifndef IPM_UTIL_H
#define IPM_UTIL_H

#include <stddef.h>
#include <stdio.h>

enum ipm_exit {
	IPM_EXIT_OK = 0,    /* success */
	IPM_EXIT_DATA = 1,  /* data error, I/O error, or loss under --strict */
	IPM_EXIT_USAGE = 2  /* bad command line */
};

#define IPM_VERSION "0.1.0"

/* Set the program name used as the message prefix (basename of argv0);
 * also restores default SIGPIPE so `ipm-x | head` ends quietly. */
void ipm_init(const char *argv0);
const char *ipm_progname(void);

/* "prog: file:line: msg\n" on stderr; file may be NULL, line 0 to omit.
 * A format ending in ':' gets ": strerror(errno)" appended. stdout is flushed first. */
void ipm_err(const char *file, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* ipm_err: of messages of one kind (the same text but for its numbers and
 * quoted words) the first 10 are printed and the rest counted, summed up in
 * one line at exit; ipm_err_show_all(1) (-v) prints every one. */
void ipm_err_show_all(int all);
/* ipm_err(NULL, 0, ...) then exit(status). */
void ipm_die(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));

/* Fault in about bytes of heap with one system call, then free them for
 * malloc to reuse: on a virtual machine a page fault can cost ~10 us, and a
 * tool that builds large tables at start-up touches hundreds of pages. Only
 * useful when freed memory stays in the heap (M_TRIM_THRESHOLD, M_MMAP_THRESHOLD). */
void ipm_heap_prefault(size_t bytes);

/* Checked allocation: exit 1 with a message on failure. Never return NULL. */
void *ipm_malloc(size_t n);
void *ipm_calloc(size_t n, size_t size);
/* ipm_calloc on whole cache lines of its own (free with free): for state one
 * thread writes on every record while another thread's state is allocated
 * next to it (false sharing made ipm-agg's two threads 2x slower there). */
#define IPM_CACHE_LINE 64
void *ipm_calloc_own(size_t n, size_t size);
void *ipm_realloc(void *p, size_t n);
char *ipm_strndup(const char *s, size_t n);

/* Growable byte buffer; data is always NUL-terminated; caller owns it. */
typedef struct {
	char *s;
	size_t len, cap;
} ipm_buf;

void ipm_buf_reserve(ipm_buf *b, size_t extra);
void ipm_buf_add(ipm_buf *b, const void *p, size_t n);
void ipm_buf_addc(ipm_buf *b, int c);
void ipm_buf_adds(ipm_buf *b, const char *s);
void ipm_buf_printf(ipm_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void ipm_buf_clear(ipm_buf *b);   /* len = 0, keeps memory */
void ipm_buf_free(ipm_buf *b);

/* Read one line (without its '\n'; a trailing '\r' is kept) into b.
 * Returns 1 on a line, 0 at EOF, -1 on a read error (errno set). No length limit. */
int ipm_getline(FILE *fp, ipm_buf *b);

/* Open a named input ("-" = stdin) for reading; NULL and message on failure. */
FILE *ipm_fopen_in(const char *path);

/* Flush and close stdout; on a write error print a message and return 1, else 0.
 * A closed pipe (EPIPE) counts as success: the reader wanted no more. */
int ipm_close_stdout(void);

/* Strict numeric option parsing: whole string must be a number within range.
 * Return 0 on success, -1 (with no message) otherwise. */
int ipm_parse_long(const char *s, long min, long max, long *out);

#endif
