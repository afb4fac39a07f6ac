/* extract: text of a report in any layout -> layout blocks (see blocks.h).
 * The layout is detected from the first lines (bounded lookahead); each
 * layout has its own line-by-line parser, all streaming. */
#ifndef IPM_EXTRACT_H
#define IPM_EXTRACT_H

#include "core/blocks.h"
#include "core/reject.h"
#include "lines.h"

enum ipm_layout { IPM_L_AUTO = 0, IPM_L_MARKDOWN, IPM_L_TSV, IPM_L_PDF, IPM_L_HTML, IPM_L_TEXT, IPM_L_PDFGEOM };

/* Lines the detector looks at. */
#define IPM_DETECT_LINES 400

/* Guess the layout from the first IPM_DETECT_LINES lines (peeked, not
 * consumed); a PDF file or `mutool trace` XML is IPM_L_PDFGEOM. */
enum ipm_layout ipm_layout_detect(ipm_lines *in);
/* "markdown", "tsv", "pdf", "html", "text", "pdfgeom" (static strings). */
const char *ipm_layout_name(enum ipm_layout l);
/* Parse a layout name; IPM_L_AUTO for "auto"; -1 if unknown. */
int ipm_layout_parse(const char *name, enum ipm_layout *l);

/* Write the doc block and every block of in to out, in layout l (AUTO:
 * detect); data_dir holds columns.tsv (PDF text table headers; may be NULL). Returns 0, or -1 on a read/write error or a
 * PDF / mutool trace XML that cannot be read (said on stderr; then no block is written). */
int ipm_extract(ipm_lines *in, enum ipm_layout l, ipm_blocks *out, ipm_rejects *rj,
                const char *data_dir);


#endif
