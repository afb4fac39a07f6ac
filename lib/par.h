/* par: threads over one input. ipm_par_read splits a file into parts that
 * start at record starts, so several threads can each read one part (with
 * the CSV header in front) and their mergeable results be combined, as
 * `parallel --pipe` would, exactly; ipm_par_map maps a stream in batches and
 * writes the results in input order. */
#ifndef IPM_PAR_H
#define IPM_PAR_H

#include <stddef.h>
#include <stdio.h>

#include "rec.h"
#include "reject.h"

/* Read the records of path with up to n threads, one per part of at least
 * min_bytes: thread i calls each(ctx[i], record) for the records of part i,
 * in order. Parts are guessed at line starts and checked afterwards (see
 * par.c): a part that began inside a quoted CSV field is read again after
 * reset(ctx[i]), so the records seen are exactly those of a serial read
 * (*reread, when not NULL, gets how many parts were read again). Line numbers
 * of the records passed to each() count from the part's own start; malformed
 * records are reported at file lines, as a serial read would, and passed to
 * rj (which may be NULL) in file order once all threads have ended.
 * only/nonly: the columns each reader keeps (ipm_reader_only; nonly 0: all).
 * Returns the number of malformed records, or -1 when path cannot be split
 * (not a regular file, no complete CSV header line): then nothing was read,
 * read it serially. */
long ipm_par_read(const char *path, size_t n, long long min_bytes, enum ipm_fmt fmt, char delim,
                  const char *const *only, size_t nonly, ipm_rejects *rj,
                  void (*each)(void *ctx, ipm_rec *r), void (*reset)(void *ctx), void **ctx,
                  size_t *reread);

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
