/* pdftext.c -- STUB written by the reports helper to fix the interface.
 * OWNED BY THE PDF-TEXT HELPER: replace this file completely. Until then,
 * each non-blank line becomes a "para" block. */
#include "pdftext.h"

#include <string.h>

int ipm_pdftext_blocks(ipm_lines *in, ipm_blocks *out, ipm_rejects *rj)
{
	const char *s;
	size_t len;
	int rc;

	(void)rj;
	while ((rc = ipm_lines_next(in, &s, &len)) > 0) {
		if (strspn(s, " \t") == len)
			continue;
		if (ipm_blocks_para(out, s, len, ipm_lines_lineno(in)) != 0)
			return -1;
	}
	return rc < 0 ? -1 : 0;
}
