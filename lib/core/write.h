/* write: records out as JSON Lines (yajl) or CSV/TSV (libcsv quoting). */
#ifndef IPM_WRITE_H
#define IPM_WRITE_H

#include <stdio.h>

#include "rec.h"

typedef struct ipm_writer ipm_writer;

/* CSV columns: cols (n entries) when given, else the keys of the first record.
 * Keys outside the columns are dropped from CSV with one warning per key.
 * JSON Lines: every field, in record order. Invalid UTF-8 is replaced by U+FFFD. */
ipm_writer *ipm_writer_open(FILE *fp, enum ipm_fmt fmt, char delim,
                            const char *const *cols, size_t ncols);
/* 0 on success, -1 on a write error (message printed). */
int ipm_writer_put(ipm_writer *w, const ipm_rec *r);
/* Flush; returns 0 or -1 on a write error. Frees w. Does not close fp. */
int ipm_writer_close(ipm_writer *w);

#endif
