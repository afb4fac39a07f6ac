/* pdfgeom: a PDF read from its page geometry -> layout blocks. The glyph
 * boxes and the ruling lines come from MuPDF's `mutool trace` (run as a
 * separate process on a named .pdf file, or its XML read from the input);
 * tables are rebuilt from column positions, rules and name cells
 * (pdfgeom_table.c), running headers and footers dropped. extract.c
 * detects the input and calls it. */
#ifndef IPM_PDFGEOM_H
#define IPM_PDFGEOM_H

#include <stddef.h>

#include "core/blocks.h"
#include "core/reject.h"
#include "lines.h"

/* 1 when s (the first line of an input) starts `mutool trace` XML. */
int ipm_pdfgeom_sniff(const char *s, size_t n);
/* 1 when s starts a PDF file ("%PDF-"). */
int ipm_pdfgeom_is_pdf(const char *s, size_t n);

/* Blocks written (after the whole document was read: a bad input writes
 * nothing): the doc block (layout "pdfgeom"); heading for a numbered title
 * line; para for lines joined; for a table, its header row ("header":true)
 * and one row per name cell, [name, items, links] (two cells without a link
 * column), items and links one per "\n" piece, "lines" the printed line of
 * each piece (lines are counted over the document, page by page, top
 * down). Rejected (rj): running headers, footers and page numbers ("pdf:
 * page furniture"), repeated table headers, names or links without items.
 * columns.tsv (the words of table headers) is read from data_dir.
 *
 * If the first line of in starts a PDF, in must be a named file: `mutool
 * trace FILE` is run (argv, no shell) and its output read; else in is read
 * as mutool trace output. Returns 0, or -1 after a message naming the input
 * (not a PDF, encrypted, damaged, no text, mutool missing or failing, a
 * write error). */
int ipm_pdfgeom_blocks(ipm_lines *in, ipm_blocks *out, ipm_rejects *rj, const char *data_dir);

/* The same from a memory buffer of trace XML (fuzzing, tests): no messages
 * for bad XML, returns -1. */
int ipm_pdfgeom_mem(const char *buf, size_t len, ipm_blocks *out, ipm_rejects *rj,
                    const char *data_dir);

#endif
