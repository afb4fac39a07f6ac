/* pdftext: PDF text layout (pdftotext output with or without -layout, and
 * copy-pasted PDF text) -> layout blocks. Interleaved table columns, actor
 * names and URLs broken over lines, page headers/footers and page numbers
 * inside tables. Owned by the PDF-text helper; the signature below is the
 * agreement with lib/extract.c (which detects the layout and calls it). */
#ifndef IPM_PDFTEXT_H
#define IPM_PDFTEXT_H

#include "blocks.h"
#include "lines.h"
#include "reject.h"

/* Read every line from in (lines the detector peeked at come first) and
 * write blocks to out (the "doc" block is already written by the caller).
 * Lines that end in no block go to rj with a reason. Returns 0, or -1 on a
 * read or write error (message printed). */
int ipm_pdftext_blocks(ipm_lines *in, ipm_blocks *out, ipm_rejects *rj);

#endif
