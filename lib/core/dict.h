/* dict: the TSV dictionaries under lib/data (installed to share/ipm).
 * A dictionary file starts with comment lines ('#'), one of which is
 * "# source: …" naming where the data comes from and its licence; then a
 * header row naming the columns; then one row per entry, tab-separated
 * (read with libcsv). Every row must have every column.
 *
 * Ownership: a table owns all its strings; they live until ipm_table_free. */
#ifndef IPM_DICT_H
#define IPM_DICT_H

#include <stddef.h>

typedef struct ipm_table ipm_table;


/* Load DIR/NAME. On any error (missing file, no "# source:" line, a row with
 * a missing or empty column) prints "ipm-x: DIR/NAME:LINE: why" and returns NULL. */
ipm_table *ipm_table_load(const char *dir, const char *name);
/* An overlay folder (--data-add DIR; without it $IPM_DATA_ADD): when it holds
 * NAME too, ipm_table_load adds its rows to the shipped ones, a row whose
 * first cell names a shipped row replacing it. Same header; no "# source:"
 * line needed. */
void ipm_dict_set_overlay(const char *dir);
void ipm_table_free(ipm_table *t);

size_t ipm_table_nrows(const ipm_table *t);
/* Column index of name in the header, or -1. */
int ipm_table_col(const ipm_table *t, const char *name);
/* Cell text (never NULL for a valid row/col; "" otherwise). */
const char *ipm_table_cell(const ipm_table *t, size_t row, int col);
/* Length in bytes of that cell. */
size_t ipm_table_len(const ipm_table *t, size_t row, int col);
/* The text after "# source:" (trimmed). */
const char *ipm_table_source(const ipm_table *t);
/* Source line number of a row (for messages). */
long ipm_table_line(const ipm_table *t, size_t row);
/* The path the table was loaded from. */
const char *ipm_table_path(const ipm_table *t);

#endif
