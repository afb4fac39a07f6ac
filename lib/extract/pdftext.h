/* pdftext: PDF text layout (pdftotext output with or without -layout, and
 * copy-pasted PDF text) -> layout blocks. Interleaved table columns, actor
 * names and URLs broken over lines, page headers/footers and page numbers
 * inside tables. extract.c detects the layout and calls it. */
#ifndef IPM_PDFTEXT_H
#define IPM_PDFTEXT_H

#include "core/blocks.h"
#include "core/reject.h"
#include "lines.h"

/* Blocks written :
 *   heading level 2 for "【…】" and "一、…" section titles, level 3 for "1. …";
 *   para for wrapped paragraph lines joined (a line shorter than 80% of the
 *   widest ends a paragraph);
 *   row for the table header line (its words as cells), then one row per
 *   table row: [name, items, URLs], items and URLs one per "\n" piece, with
 *   "lines" giving each piece's source line (ipm-rows pairs items and URLs);
 *   two cells when the header has two words (no link column). A name is
 *   rejoined when a line or page break cut it, URLs likewise, and '‐'
 *   (U+2010/2011) inside them becomes '-'. Read in pdftotext's default
 *   order (names before their items), one row per item, the name repeated.
 * Rejected (rj): page numbers and running headers ("pdf: page furniture"),
 * repeated table headers, URLs without an item, actors without items.
 *
 * Read every line from in (lines the detector peeked at come first) and
 * (columns.tsv, the words of a table header, is read from data_dir)
 * write blocks to out (the "doc" block is already written by the caller).
 * Lines that end in no block go to rj with a reason. Returns 0, or -1 on a
 * read or write error (message printed). */
int ipm_pdftext_blocks(ipm_lines *in, ipm_blocks *out, ipm_rejects *rj, const char *data_dir);

#endif
