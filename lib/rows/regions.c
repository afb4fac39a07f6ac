#include "regions.h"

#include <stdlib.h>
#include <string.h>

#include "core/dict.h"
#include "core/utf8.h"

/* The provincial-level rows of the gazetteer (level "province"): the full
 * (canonical) name and the short one, each region once, in file order. */
struct region {
	const char *full, *shortn;
};

static ipm_table *gaz;
static struct region *reg;
static size_t nreg;
static int tried;

static void load_regions(void)
{
	char *dir = ipm_dict_dir(NULL, "gazetteer.tsv");
	int level, prov, canon;
	size_t r, k;

	tried = 1;
	if (!dir || !(gaz = ipm_table_load(dir, "gazetteer.tsv"))) {
		ipm_err(NULL, 0, "warning: gazetteer.tsv not found (set IPM_DATA): "
		        "a lost actor cell keeps the actor above it");
		free(dir);
		return;
	}
	free(dir);
	level = ipm_table_col(gaz, "level");
	prov = ipm_table_col(gaz, "province");
	canon = ipm_table_col(gaz, "canonical");
	reg = ipm_malloc(ipm_table_nrows(gaz) * sizeof *reg);
	for (r = 0; r < ipm_table_nrows(gaz) && level >= 0 && prov >= 0 && canon >= 0; r++) {
		if (strcmp(ipm_table_cell(gaz, r, level), "province") != 0)
			continue;
		for (k = 0; k < nreg && strcmp(reg[k].full, ipm_table_cell(gaz, r, canon)) != 0; k++)
			;
		if (k == nreg) {
			reg[nreg].full = ipm_table_cell(gaz, r, canon);
			reg[nreg++].shortn = ipm_table_cell(gaz, r, prov);
		}
	}
}

static const char *find(const char *h, size_t hn, const char *nd)
{
	return *nd ? ipm_mem_find(h, hn, nd, strlen(nd)) : NULL;
}

int ipm_region_moved(const char *actor, size_t an, const char *text, size_t tn, ipm_buf *out)
{
	const char *nl = memchr(text, '\n', tn), *best = NULL, *p;
	size_t i, bi = 0;

	if (!tried)
		load_regions();
	if (nl)
		tn = (size_t)(nl - text);
	for (i = 0; i < nreg; i++) {
		if (an && find(actor, an, reg[i].shortn)) {
			if (find(text, tn, reg[i].shortn))
				return 0;   /* the item names the actor's own region */
			continue;
		}
		p = find(text, tn, reg[i].shortn);
		if (p && (!best || p < best)) {
			best = p;
			bi = i;
		}
	}
	if (!best)
		return 0;
	ipm_buf_clear(out);
	ipm_buf_adds(out, reg[bi].full);
	return 1;
}
