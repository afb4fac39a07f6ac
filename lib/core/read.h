/* read: streaming readers of records: JSON Lines (yajl) or CSV/TSV with a
 * header row (libcsv). Malformed records are reported and skipped. */
#ifndef IPM_READ_H
#define IPM_READ_H

#include <stddef.h>
#include <stdio.h>

#include "rec.h"

typedef struct ipm_reader ipm_reader;

/* fmt AUTO: a first non-blank byte '{' means JSON Lines, else CSV with a header.
 * delim is the CSV delimiter (',' by default, '\t' for TSV). name is used in
 * messages ("-" or NULL shows as "<stdin>"). The reader does not close fp. */
ipm_reader *ipm_reader_open(FILE *fp, const char *name, enum ipm_fmt fmt, char delim);
/* The format AUTO finds for a stream that begins with buf: JSON Lines when
 * its first non-blank line starts with '{' (after blanks and a BOM). */
enum ipm_fmt ipm_sniff(const char *buf, size_t len);
/* A reader over a part of a file, for threads (par.c): the bytes
 * [0, hdr_len) (a CSV header; 0 for none), then the file from offset start
 * on, read with pread (fd stays the caller's; several readers may share it).
 * Malformed records go to the reject hook only (the caller reports them, at
 * file line numbers it alone knows). */
ipm_reader *ipm_reader_open_part(int fd, const char *name, enum ipm_fmt fmt, char delim,
                                 long long hdr_len, long long start);
/* A reader over memory, without a copy: buf[0, len) is all the input and
 * buf[len] must be writable (a '\n' is put there after a last line that lacks
 * one); buf outlives the reader. */
ipm_reader *ipm_reader_open_mem(char *buf, size_t len, const char *name, enum ipm_fmt fmt, char delim);
/* End the input at the first record boundary once nbytes past the header
 * are read: a CSV row that began before ends first (whatever its length),
 * and the end is not taken for the end of the input (no unterminated-quote
 * check). */
void ipm_reader_stop_after(ipm_reader *rd, long long nbytes);
/* Bytes of input lines read so far, past the header. */
long long ipm_reader_used(const ipm_reader *rd);
/* Number of the last line read (header lines included). */
long ipm_reader_lineno(const ipm_reader *rd);
/* CSV/TSV: a blank line between rows was read (a new block of columns starts) */
int ipm_reader_saw_blank(const ipm_reader *rd);
/* Next record: 1 and *out set, 0 at end of input, -1 on an I/O error.
 * Malformed records are reported (file:line: message), counted, passed to the
 * reject hook if set, and skipped. */
int ipm_reader_next(ipm_reader *rd, ipm_rec **out);
enum ipm_fmt ipm_reader_fmt(const ipm_reader *rd);
size_t ipm_reader_nbad(const ipm_reader *rd);   /* malformed records skipped */
const char *ipm_reader_name(const ipm_reader *rd);
/* Lines already read before this stream: the next line is numbered n + 1
 * (for a reader over a batch of a longer stream; see ipm_par_map). */
void ipm_reader_set_lineno(ipm_reader *rd, long n);
/* Called for each malformed input line (text not NUL-safe beyond len). */
void ipm_reader_on_reject(ipm_reader *rd,
	void (*fn)(void *ctx, const char *file, long line, const char *reason,
	           const char *text, size_t len), void *ctx);
/* CSV: store only these columns in each record (the others are parsed and
 * counted, not copied), for a stage that reads few fields of wide rows; n 0:
 * none (a count). Names are copied; call before the first record. JSON Lines:
 * no effect. */
void ipm_reader_only(ipm_reader *rd, const char *const *names, size_t n);
void ipm_reader_close(ipm_reader *rd);

/* Parse one complete JSON text (any value) from buf; 0 if valid, else -1 and
 * a message in err (caller's buffer, errlen bytes). For conformance tests. */
int ipm_json_validate(const char *buf, size_t len, char *err, size_t errlen);

#endif
