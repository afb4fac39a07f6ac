/* htmldoc.c -- STUB written by the reports helper to fix the interface.
 * OWNED BY THE YEARBOOK/POLICY HELPER: replace this file completely.
 * Until then every line's text (tags stripped) becomes a "para" block. */
#include "htmldoc.h"

#include "html.h"

int ipm_htmldoc_blocks(ipm_lines *in, ipm_blocks *out, ipm_rejects *rj)
{
	ipm_buf t = {0};
	const char *s;
	size_t len;
	int rc;

	(void)rj;
	while ((rc = ipm_lines_next(in, &s, &len)) > 0) {
		ipm_buf_clear(&t);
		ipm_html_text(s, len, &t);
		if (t.len && ipm_blocks_para(out, t.s, t.len, ipm_lines_lineno(in)) != 0)
			rc = -1;
		if (rc < 0)
			break;
	}
	ipm_buf_free(&t);
	return rc < 0 ? -1 : 0;
}
