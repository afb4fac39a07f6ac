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

struct ipm_regions {
	ipm_table *gaz;
	struct region *reg;
	size_t n;
};

ipm_regions *ipm_regions_load(const char *dir)
{
	ipm_regions *g = ipm_calloc(1, sizeof *g);
	int level, prov, canon;
	size_t r, k;

	if (!dir || !(g->gaz = ipm_table_load(dir, "gazetteer.tsv"))) {
		ipm_err(NULL, 0, "warning: gazetteer.tsv not found (set IPM_DATA): "
		        "a lost actor cell keeps the actor above it");
		return g;
	}
	level = ipm_table_col(g->gaz, "level");
	prov = ipm_table_col(g->gaz, "province");
	canon = ipm_table_col(g->gaz, "canonical");
	g->reg = ipm_malloc((ipm_table_nrows(g->gaz) + 1) * sizeof *g->reg);
	for (r = 0; r < ipm_table_nrows(g->gaz) && level >= 0 && prov >= 0 && canon >= 0; r++) {
		if (strcmp(ipm_table_cell(g->gaz, r, level), "province") != 0)
			continue;
		for (k = 0; k < g->n && strcmp(g->reg[k].full, ipm_table_cell(g->gaz, r, canon)) != 0; k++)
			;
		if (k == g->n) {
			g->reg[g->n].full = ipm_table_cell(g->gaz, r, canon);
			g->reg[g->n++].shortn = ipm_table_cell(g->gaz, r, prov);
		}
	}
	return g;
}

void ipm_regions_free(ipm_regions *g)
{
	if (!g)
		return;
	ipm_table_free(g->gaz);
	free(g->reg);
	free(g);
}

static const char *find(const char *h, size_t hn, const char *nd)
{
	return *nd ? ipm_mem_find(h, hn, nd, strlen(nd)) : NULL;
}

int ipm_region_moved(const ipm_regions *g, const char *actor, size_t an, const char *text, size_t tn,
                     ipm_buf *out)
{
	const char *nl = memchr(text, '\n', tn), *best = NULL, *p;
	size_t i, bi = 0;

	if (nl)
		tn = (size_t)(nl - text);
	for (i = 0; i < g->n; i++) {
		if (an && find(actor, an, g->reg[i].shortn)) {
			if (find(text, tn, g->reg[i].shortn))
				return 0;   /* the item names the actor's own region */
			continue;
		}
		p = find(text, tn, g->reg[i].shortn);
		if (p && (!best || p < best)) {
			best = p;
			bi = i;
		}
	}
	if (!best)
		return 0;
	ipm_buf_clear(out);
	ipm_buf_adds(out, g->reg[bi].full);
	return 1;
}
