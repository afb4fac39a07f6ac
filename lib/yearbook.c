/* yearbook.c -- STUB written by the reports helper to fix the interface.
 * OWNED BY THE YEARBOOK HELPER: replace this file completely. Until then
 * the score is 0 (never chosen) and every block is counted as rejected. */
#include "yearbook.h"

int ipm_yearbook_score(ipm_bsrc *src, size_t look)
{
	(void)src;
	(void)look;
	return 0;
}

int ipm_yearbook_rows(ipm_bsrc *src, ipm_events *ev)
{
	const ipm_rec *b;
	int rc;

	while ((rc = ipm_bsrc_next(src, &b)) > 0)
		ipm_reject(ev->rj, ev->file, ipm_block_line(b), "yearbook: not implemented", "", 0);
	return rc < 0 ? -1 : 0;
}
