/* monthly: the monthly 《"互联网+"发展情况 舆情监测》 report, as layout
 * blocks, -> one record per measure. Sections 一…五 map to ministry,
 * province, enterprise, summit, special; table rows continued across page
 * breaks are joined; actors carried over continuation rows and rejoined when
 * a page break split them; a cell holding several items is split at each
 * leading date, <p> or bullet; each item is paired with its link in order;
 * the year of "4 月 28 日" comes from the monitoring period. */
#ifndef IPM_MONTHLY_H
#define IPM_MONTHLY_H

#include <stddef.h>

#include "core/blocks.h"
#include "events.h"

/* How much the first `look` blocks of src look like a monthly report
 * (0 = not at all). Consumes none. */
int ipm_monthly_score(ipm_bsrc *src, size_t look);
/* Read every block of src, write item records to ev; blocks that give no
 * record are counted in ev->rj. 0, or -1 on an I/O error. */
int ipm_monthly_rows(ipm_bsrc *src, ipm_events *ev);

#endif
