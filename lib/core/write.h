/* write: records out as JSON Lines (yajl) or CSV/TSV (libcsv quoting). */
#ifndef IPM_WRITE_H
#define IPM_WRITE_H

#include <stdio.h>

#include "rec.h"

typedef struct ipm_writer ipm_writer;

/* fmt JSON: JSON Lines; JSONA: a JSON array ("[", one record a line, "]"),
 * streamed; CSV: CSV/TSV (delim) with a header row.
 * CSV columns: cols (n entries) when given, else the keys of the first
 * record. No field is dropped: when a record does not fit the columns (its
 * keys differ, or with cols: it has a key outside them) a new block starts,
 * as in Miller: a blank line, then a header of the record's keys (with cols:
 * cols and the record's other keys). A record whose one cell is null is
 * written "" (a blank line would end the block). JSON: every field, in record
 * order. Invalid UTF-8 is replaced by U+FFFD. */
ipm_writer *ipm_writer_open(FILE *fp, enum ipm_fmt fmt, char delim,
                            const char *const *cols, size_t ncols);
/* 0 on success, -1 on a write error (message printed). */
int ipm_writer_put(ipm_writer *w, const ipm_rec *r);
/* Values CSV could not carry (a record with no fields, an array item holding
 * ';'), each kind told once on stderr; --strict turns any into exit 1. */
size_t ipm_writer_nlost(const ipm_writer *w);
/* Flush (JSON array: the closing "]"); returns 0 or -1 on a write error.
 * Frees w. Does not close fp. */
int ipm_writer_close(ipm_writer *w);

#endif
