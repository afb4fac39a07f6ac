/* par: threads over one input. ipm_par_read splits a file into parts that
 * start at record starts, so several threads can each read one part (with
 * the CSV header in front) and their mergeable results be combined, as
 * `parallel --pipe` would, exactly; ipm_par_map maps a stream in batches and
 * writes the results in input order. */
#ifndef IPM_PAR_H
#define IPM_PAR_H

#include <stddef.h>
#include <stdio.h>

#include "read.h"
#include "rec.h"
#include "reject.h"

/* What ipm_par_read does with records: open(arg) makes an empty state
 * (called by the threads), each() adds a record to one, merge() folds a state
 * into result and frees it (called by the calling thread, in file order),
 * drop() frees a state unused. */
struct ipm_par_sink {
	void *(*open)(void *arg);
	void (*each)(void *state, ipm_rec *r);
	void (*merge)(void *result, void *state);
	void (*drop)(void *state);
	void *arg, *result;
};

/* Read the records of fp (named path in messages; nothing read from it yet)
 * with up to n threads. The file is cut into parts
 * of at least min_bytes (several a thread, so a faster core takes more);
 * the threads take them in order, each part into a state of its own, and the
 * calling thread merges the states in file order as the parts complete.
 * Part starts are guessed at line starts and checked (see par.c): a part that
 * began inside a quoted CSV field is read again, so the records merged are
 * exactly those of a serial read (*reread, when not NULL, gets how many parts
 * were read again). Line numbers of the records passed to each() count from
 * the part's own start; malformed records are reported at file lines, as a
 * serial read would, and passed to rj (which may be NULL) in file order.
 * From the first part holding a blank CSV line (after which a new header may
 * start a new block of columns) the file is read on by one reader to its end.
 * only/nonly: the columns each reader keeps (ipm_reader_only; only NULL: all).
 * Returns the number of malformed records, or -1 when path cannot be split
 * (not a regular file, no complete CSV header line): then nothing was read,
 * read it serially. */
long ipm_par_read(FILE *fp, const char *path, size_t n, long long min_bytes, enum ipm_fmt fmt, char delim,
                  const char *const *only, size_t nonly, ipm_rejects *rj,
                  const struct ipm_par_sink *sink, size_t *reread);

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
