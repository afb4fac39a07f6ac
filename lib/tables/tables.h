/* stats: statistical tables in layout blocks (ipm-extract output) -> one
 * tidy record per cell: {doc, table, row, col, unit, value, raw, source,
 * line, flags}.
 *
 * A table is a title (the short lines before it, "单位：X" as its unit), a
 * header row (or two, the second starting with an empty cell), data rows,
 * then 注：notes and a 数据来源：/资料来源： line. "续表" continues the table
 * before it: the repeated header is dropped. A block of rows whose first
 * data row repeats a header cell in the same column, or whose "header" has
 * a bare number (a table of contents, a name list), is no table: its rows
 * are skipped and counted. Cells are buffered per table (the source comes
 * after the rows), up to 100000 rows; a longer table is written in parts
 * with a warning (those cells get source null), so memory stays bounded.
 *
 * Ownership: the caller keeps the blocks; records handed to emit are valid
 * only during the call. */
#ifndef IPM_STATS_H
#define IPM_STATS_H

#include <stdio.h>

#include "core/rec.h"
#include "core/reject.h"

typedef struct ipm_stats ipm_stats;

/* Called once per cell record; return 0, or -1 to stop (write error). */
typedef int (*ipm_stats_emit)(void *ctx, const ipm_rec *cell);

struct ipm_stats_counts {
	size_t tables;       /* tables started (continuations not counted) */
	size_t joins;        /* 续表 parts joined to the table before */
	size_t rows;         /* data rows */
	size_t cells;        /* cell records */
	size_t numbers;      /* cells with a numeric value */
	size_t group_rows;   /* label-only rows ("总体发展水平") */
	size_t notes;        /* 注： lines */
	size_t headerless;   /* row blocks that are no table (TOC, name lists) */
	size_t headerless_rows;
	size_t other_blocks; /* paragraphs and headings outside tables */
};

/* doc may be NULL (records get doc null); rj may be NULL. check != 0
 * collects sums for ipm_stats_check(). */
ipm_stats *ipm_stats_new(const char *doc, int check, ipm_stats_emit emit,
                         void *ctx, ipm_rejects *rj);
/* Set the doc id when it is learnt from the input (a "doc" block). */
void ipm_stats_set_doc(ipm_stats *st, const char *doc);
/* Feed one block. file names the input in messages. Returns 0, -1 when
 * emit failed. */
int ipm_stats_block(ipm_stats *st, const ipm_rec *block, const char *file);
/* End of input: flush the open table. Returns 0 or -1 (emit failed). */
int ipm_stats_finish(ipm_stats *st);
const struct ipm_stats_counts *ipm_stats_counts(const ipm_stats *st);
/* Print the cross-checks as TSV (table, col, unit, rows, sum, total,
 * total_from, diff_pct): a table's 全国/合计/总计 row against the sum of
 * its other rows, and a province table's column against the national
 * table that has the column's name as a row (same year, units scaled). */
void ipm_stats_check(const ipm_stats *st, FILE *out);
void ipm_stats_free(ipm_stats *st);

#endif
