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
	static const char *const rel[] = {"/../data/regions.tsv", "/../../../data/regions.tsv"};
	char exe[PATH_MAX], path[PATH_MAX + 64], *slash;
	const char *env = getenv("IPM_DATA");
	ssize_t n;
	size_t k;

	tried = 1;
	if (env && *env) {
		snprintf(path, sizeof path, "%s/regions.tsv", env);
		if (ipm_regions_load(path) == 0)
			return;
	}
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	exe[n > 0 ? n : 0] = '\0';
	if ((slash = strrchr(exe, '/')) != NULL)
		*slash = '\0';
	for (k = 0; k < sizeof rel / sizeof rel[0]; k++) {
		snprintf(path, sizeof path, "%s%s", exe, rel[k]);
		if (ipm_regions_load(path) == 0)
			return;
	}
	if (ipm_regions_load("data/regions.tsv") == 0)
		return;
	ipm_err(NULL, 0, "warning: data/regions.tsv not found (set IPM_DATA): "
	        "a lost actor cell keeps the actor above it");
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
