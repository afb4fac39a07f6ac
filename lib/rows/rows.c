#include "rows.h"

#include <string.h>

#include "core/util.h"
#include "monthly.h"
#include "narrative.h"
#include "notice.h"
#include "policy.h"
#include "yearbook.h"

static const char *const kind_names[] = {"auto", "monthly", "yearbook", "policy", "narrative", "notice"};

const char *ipm_dockind_name(enum ipm_dockind k)
{
	return kind_names[k];
}

int ipm_dockind_parse(const char *name, enum ipm_dockind *k)
{
	size_t i;

	for (i = 0; i < sizeof kind_names / sizeof kind_names[0]; i++)
		if (strcmp(name, kind_names[i]) == 0) {
			*k = (enum ipm_dockind)i;
			return 0;
		}
	return -1;
}

enum ipm_dockind ipm_dockind_detect(ipm_bsrc *src, const char *data_dir)
{
	int mon = ipm_monthly_score(src, IPM_ROWS_LOOK);
	int pol = ipm_policy_score(src, IPM_ROWS_LOOK);
	int yb = ipm_yearbook_score(src, IPM_ROWS_LOOK);

	if (pol > 0 && pol >= mon && pol >= yb)
		return IPM_K_POLICY;
	if (mon < 3 && ipm_notice_score(src, IPM_ROWS_LOOK, data_dir) >= 4)
		return IPM_K_NOTICE;
	if (mon >= 3 && mon >= yb)
		return IPM_K_MONTHLY;
	if (yb > 0)
		return IPM_K_YEARBOOK;
	return IPM_K_NARRATIVE;
}

int ipm_rows_run(ipm_bsrc *src, enum ipm_dockind k, ipm_events *ev)
{
	if (k == IPM_K_AUTO)
		k = ipm_dockind_detect(src, ev->data_dir);
	if (ev->verbose)
		ipm_err(ev->file, 0, "document kind: %s", ipm_dockind_name(k));
	switch (k) {
	case IPM_K_MONTHLY:
		return ipm_monthly_rows(src, ev);
	case IPM_K_YEARBOOK:
		return ipm_yearbook_rows(src, ev);
	case IPM_K_POLICY:
		return ipm_policy_rows(src, ev);
	case IPM_K_NOTICE:
		return ipm_notice_rows(src, ev);
	default:
		return ipm_narrative_rows(src, ev);
	}
}
