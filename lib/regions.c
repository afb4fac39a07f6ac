#include "datafile.h"
#include "regions.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "text.h"

struct region {
	char *full, *shortn;
};

static struct region *reg;
static size_t nreg;
static int tried;

static void clear(void)
{
	size_t i;

	for (i = 0; i < nreg; i++) {
		free(reg[i].full);
		free(reg[i].shortn);
	}
	free(reg);
	reg = NULL;
	nreg = 0;
}

int ipm_regions_load(const char *path)
{
	FILE *fp = fopen(path, "r");
	ipm_buf line = {0};
	char *tab;

	tried = 1;
	if (!fp)
		return -1;
	clear();
	while (ipm_getline(fp, &line) > 0) {
		if (!line.len || line.s[0] == '#' || !(tab = strchr(line.s, '\t')))
			continue;
		if (line.s[line.len - 1] == '\r')
			line.s[--line.len] = '\0';
		reg = ipm_realloc(reg, (nreg + 1) * sizeof *reg);
		reg[nreg].full = ipm_strndup(line.s, (size_t)(tab - line.s));
		reg[nreg].shortn = ipm_strndup(tab + 1, strlen(tab + 1));
		nreg++;
	}
	ipm_buf_free(&line);
	fclose(fp);
	return 0;
}

static void load_default(void)
{
	char *path = ipm_data_file("regions.tsv");

	tried = 1;
	if (ipm_regions_load(path) != 0)
		ipm_err(NULL, 0, "warning: %s not found (set IPM_DATA): "
		        "a lost actor cell keeps the actor above it", path);
	free(path);
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
		load_default();
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
