/* lines: a line source with bounded lookahead, so a layout detector can peek
 * at the first lines of a stream and the chosen parser still sees them all.
 * Lines come without their "\n" and a trailing "\r" (CRLF input) is removed.
 * Memory: the longest line times the deepest lookahead asked for. */
#ifndef IPM_LINES_H
#define IPM_LINES_H

#include <stddef.h>
#include <stdio.h>

typedef struct ipm_lines ipm_lines;

/* fp stays the caller's; name is used in messages ("-" shows as "<stdin>"). */
ipm_lines *ipm_lines_open(FILE *fp, const char *name);
/* A source over a memory buffer (for fuzzers and tests); buf must outlive it. */
ipm_lines *ipm_lines_mem(const char *buf, size_t len, const char *name);
/* Next line: 1 with *s and *len set (valid until the next next/peek call; NUL
 * terminated, may hold NULs), 0 at end of input, -1 on a read error. */
int ipm_lines_next(ipm_lines *ls, const char **s, size_t *len);
/* Look at the k-th line ahead (0 = the one next() returns next) without
 * consuming it. Same returns as next(); the pointer is valid until the next
 * next() call. *lineno (may be NULL) gets that line's number. */
int ipm_lines_peek(ipm_lines *ls, size_t k, const char **s, size_t *len, long *lineno);
/* Number of the line last returned by next() (1-based; 0 before the first). */
long ipm_lines_lineno(const ipm_lines *ls);
const char *ipm_lines_name(const ipm_lines *ls);
void ipm_lines_close(ipm_lines *ls);

#endif
