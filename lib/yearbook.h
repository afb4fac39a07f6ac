/* yearbook: yearbooks and books (中国信息化年鉴-like) -> chronicle records
 * (section "chronicle", one per dated 大事记 entry) and narrative "paragraph"
 * records with heading path and chapter actor (ministry/province).
 * OWNED BY THE YEARBOOK HELPER (issue 4); ipm-rows dispatches here. */
#ifndef IPM_YEARBOOK_H
#define IPM_YEARBOOK_H

#include "blocks.h"
#include "events.h"

/* Score how much the first blocks look like a yearbook (0 = not at all,
 * higher = surer). Peeks at up to `look` blocks of src, consumes none. */
int ipm_yearbook_score(ipm_bsrc *src, size_t look);
/* Read every block of src and write records to ev. 0, or -1 on an I/O error. */
int ipm_yearbook_rows(ipm_bsrc *src, ipm_events *ev);

#endif
