/* pdftext: PDF text layout (pdftotext output with or without -layout, and
 * copy-pasted PDF text) -> layout blocks. Interleaved table columns, actor
 * names and URLs broken over lines, page headers/footers and page numbers
 * inside tables. Owned by the PDF-text helper; the signature below is the
 * agreement with lib/extract.c (which detects the layout and calls it). */
#ifndef IPM_PDFTEXT_H
#define IPM_PDFTEXT_H

#include "core/blocks.h"
#include "core/reject.h"
#include "lines.h"

/* Blocks written (see doc-pdftext.md):
 *   heading level 2 for "【…】" and "一、…" section titles, level 3 for "1. …";
 *   para for wrapped paragraph lines joined (a line shorter than 80% of the
 *   widest ends a paragraph);
 *   row for the table header line (its words as cells), then ONE ROW PER ITEM:
 *   ["actor", "item text from its leading date on", "url or empty"] — or two
 *   cells when the header has two words (no link column). The actor is
 *   rejoined and repeated on every row of its group (also after page breaks),
 *   URLs are rejoined and '‐' (U+2010/2011) inside them becomes '-'.
 * Rejected (rj): page numbers and running headers ("pdf: page furniture"),
 * repeated table headers, URLs without an item, actors without items.
 *
 * Read every line from in (lines the detector peeked at come first) and
 * write blocks to out (the "doc" block is already written by the caller).
 * Lines that end in no block go to rj with a reason. Returns 0, or -1 on a
 * read or write error (message printed). */
int ipm_pdftext_blocks(ipm_lines *in, ipm_blocks *out, ipm_rejects *rj);

#endif
