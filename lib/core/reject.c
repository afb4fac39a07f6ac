#include "reject.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_gen.h>

#include "utf8.h"
#include "util.h"

struct reason {
	char *text;
	size_t count;
};

struct ipm_rejects {
	FILE *fp;
	char *path;
	size_t total;
	struct reason *r;
	size_t nr;
	yajl_gen g;
	ipm_buf tmp;
	int failed;
};

ipm_rejects *ipm_rejects_open(const char *path)
{
	ipm_rejects *rj = ipm_calloc(1, sizeof *rj);

	if (path) {
		rj->fp = fopen(path, "w");
		if (!rj->fp)
			ipm_die(IPM_EXIT_DATA, "%s: cannot open for writing:", path);
		rj->path = ipm_strndup(path, strlen(path));
		rj->g = yajl_gen_alloc(NULL);
	}
	return rj;
}

/* Reasons are counted by their text up to the first ':' or '(' so that
 * "wrong number of fields (4, header has 3)" variants share a summary line. */
static size_t reason_key_len(const char *reason)
{
	size_t i;

	for (i = 0; reason[i]; i++)
		if (reason[i] == ':' || reason[i] == '(')
			break;
	while (i > 0 && reason[i - 1] == ' ')
		i--;
	return i ? i : strlen(reason);
}

static void count_reason(ipm_rejects *rj, const char *reason)
{
	size_t i, n = reason_key_len(reason);

	for (i = 0; i < rj->nr; i++)
		if (strlen(rj->r[i].text) == n && strncmp(rj->r[i].text, reason, n) == 0) {
			rj->r[i].count++;
			return;
		}
	rj->r = ipm_realloc(rj->r, (rj->nr + 1) * sizeof *rj->r);
	rj->r[rj->nr].text = ipm_strndup(reason, n);
	rj->r[rj->nr].count = 1;
	rj->nr++;
}

static void gen_str(ipm_rejects *rj, const char *s, size_t len)
{
	ipm_buf_clear(&rj->tmp);
	ipm_utf8_sanitize(s, len, &rj->tmp);
	yajl_gen_string(rj->g, (const unsigned char *)(rj->tmp.s ? rj->tmp.s : ""), rj->tmp.len);
}

void ipm_reject(ipm_rejects *rj, const char *file, long line, const char *reason,
                const char *text, size_t len)
{
	const unsigned char *buf;
	size_t blen;

	rj->total++;
	count_reason(rj, reason);
	if (!rj->fp)
		return;
	yajl_gen_map_open(rj->g);
	gen_str(rj, "file", 4);
	if (file)
		gen_str(rj, file, strlen(file));
	else
		yajl_gen_null(rj->g);
	gen_str(rj, "line", 4);
	yajl_gen_integer(rj->g, line);
	gen_str(rj, "reason", 6);
	gen_str(rj, reason, strlen(reason));
	gen_str(rj, "text", 4);
	gen_str(rj, text ? text : "", text ? len : 0);
	yajl_gen_map_close(rj->g);
	yajl_gen_get_buf(rj->g, &buf, &blen);
	if (fwrite(buf, 1, blen, rj->fp) != blen || putc('\n', rj->fp) == EOF)
		rj->failed = 1;
	yajl_gen_clear(rj->g);
	yajl_gen_reset(rj->g, NULL);
}

size_t ipm_rejects_count(const ipm_rejects *rj)
{
	return rj->total;
}

void ipm_rejects_hook(void *ctx, const char *file, long line, const char *reason,
                      const char *text, size_t len)
{
	ipm_reject(ctx, file, line, reason, text, len);
}

int ipm_rejects_close(ipm_rejects *rj, int strict, int verbose)
{
	size_t i;
	int rc = 0;

	if (rj->total || verbose) {
		fflush(stdout);
		fprintf(stderr, "%s: %zu input line%s not turned into records", ipm_progname(),
		        rj->total, rj->total == 1 ? "" : "s");
		for (i = 0; i < rj->nr; i++)
			fprintf(stderr, "%s %zu %s", i ? "," : ":", rj->r[i].count, rj->r[i].text);
		if (rj->total && rj->path)
			fprintf(stderr, "; details in %s", rj->path);
		else if (rj->total)
			fputs("; details with --rejects FILE", stderr);
		fputc('\n', stderr);
	}
	if (rj->fp && (fclose(rj->fp) != 0 || rj->failed)) {
		ipm_err(rj->path, 0, "write error:");
		rc = 1;
	}
	if (strict && rj->total)
		rc = 1;
	for (i = 0; i < rj->nr; i++)
		free(rj->r[i].text);
	free(rj->r);
	free(rj->path);
	if (rj->g)
		yajl_gen_free(rj->g);
	ipm_buf_free(&rj->tmp);
	free(rj);
	return rc;
}
