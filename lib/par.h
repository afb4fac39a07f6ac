/* par: split one input file into byte ranges that start at record starts, so
 * several threads can each read one range (with the CSV header in front) and
 * their mergeable results be combined, as `parallel --pipe` would, exactly.
 * A CSV range never starts inside a quoted field (the boundary is a newline
 * after an even number of '"' bytes from the start of the file); a JSON Lines
 * range starts after any newline (JSON strings hold no raw newline). */
#ifndef IPM_PAR_H
#define IPM_PAR_H

#include <stddef.h>
#include <stdio.h>

#include "rec.h"
#include "reject.h"

struct ipm_chunk {
	long long start, end;  /* byte range [start, end) */
	long line;             /* line number of its first line */
};

struct ipm_chunks {
	int fd;
	enum ipm_fmt fmt;      /* as detected when AUTO was asked */
	long long hdr_len;     /* CSV: bytes of the header (its lines included) */
	long hdr_lines;
	struct ipm_chunk *c;
	size_t n;
};

/* Plan at most n ranges of path (a regular file, read once to find the
 * boundaries; "-" is stdin when it is one), each of about min_bytes or more. 0 on success (ch->n may be 1
 * for a small file), -1 when path is not a regular readable file (nothing is
 * printed: read it serially). */
int ipm_chunks_plan(const char *path, size_t n, long long min_bytes, enum ipm_fmt fmt,
                    struct ipm_chunks *ch);
/* A stream of the header (CSV) then range i; close with fclose. NULL on error. */
FILE *ipm_chunk_open(const struct ipm_chunks *ch, size_t i);
void ipm_chunks_free(struct ipm_chunks *ch);

/* Read the records of path with up to n threads, one per range of at least
 * min_bytes (see ipm_chunks_plan): thread i
 * calls each(ctx[i], record) for the records of range i, in order. Malformed
 * records are reported as a serial read would (same file:line), and passed
 * to rj (which may be NULL) in file order once all threads have ended.
 * only/nonly: the columns each reader keeps (ipm_reader_only; nonly 0: all).
 * Returns the number of malformed records, or -1 when path cannot be split
 * (not a regular file, ...): then nothing was read, read it serially. */
long ipm_par_read(const char *path, size_t n, long long min_bytes, enum ipm_fmt fmt, char delim,
                  const char *const *only, size_t nonly,
                  ipm_rejects *rj, void (*each)(void *ctx, ipm_rec *r), void **ctx);

/* Map the JSON Lines records of a stream with n threads, output in input
 * order: the main thread cuts fp into batches of whole lines (about
 * batch_bytes each, any line length), thread i calls map(ctx[i], record) on
 * the records of the batches it takes and writes them as JSON Lines into the
 * batch's buffer, and the main thread writes the buffers to out in order. At
 * most 2n batches are held, so memory is bounded whatever the input size; the
 * bytes written are those of a serial loop. Malformed lines are reported as a
 * serial read would (same file:line) and passed to rj (which may be NULL) in
 * input order. Returns the number of malformed lines, or -1 on a read error. */
long ipm_par_map(FILE *fp, const char *name, FILE *out, size_t n, size_t batch_bytes,
                 ipm_rejects *rj, void (*map)(void *ctx, ipm_rec *r), void **ctx);

#endif
