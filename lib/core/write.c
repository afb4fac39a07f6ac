/* write: records out as JSON Lines (yajl) or CSV/TSV (libcsv quoting). */
#include "write.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>
#include <yajl/yajl_gen.h>
#include <yajl/yajl_parse.h>

#include "read.h"
#include "rec_impl.h"
#include "utf8.h"
#include "util.h"

/* ------------------------------------------------------------- writer */

struct ipm_writer {
	FILE *fp;
	enum ipm_fmt fmt;
	char delim;
	yajl_gen g;
	char **cols;
	size_t ncols;
	int header_done;
	ipm_buf tmp, cell, quoted;
	char **warned;         /* keys dropped from CSV, warned once */
	size_t nwarned;
};

ipm_writer *ipm_writer_open(FILE *fp, enum ipm_fmt fmt, char delim,
                            const char *const *cols, size_t ncols)
{
	ipm_writer *w = ipm_calloc(1, sizeof *w);
	size_t i;

	w->fp = fp;
	w->fmt = fmt == IPM_FMT_CSV ? IPM_FMT_CSV : IPM_FMT_JSON;
	w->delim = delim ? delim : ',';
	if (w->fmt == IPM_FMT_JSON) {
		w->g = yajl_gen_alloc(NULL);
		if (!w->g)
			ipm_die(IPM_EXIT_DATA, "out of memory");
		/* no yajl_gen_validate_utf8: gen_string checks every string with the
		 * stricter ipm_utf8_valid_len, and raw values come through yajl's parser */
	}
	if (cols) {
		w->cols = ipm_malloc((ncols ? ncols : 1) * sizeof *w->cols);
		for (i = 0; i < ncols; i++)
			w->cols[i] = ipm_strndup(cols[i], strlen(cols[i]));
		w->ncols = ncols;
	}
	return w;
}

static void gen_string(ipm_writer *w, const char *s, size_t len)
{
	if (ipm_utf8_valid_len(s, len) == len) {
		yajl_gen_string(w->g, (const unsigned char *)s, len);
		return;
	}
	ipm_buf_clear(&w->tmp);
	ipm_utf8_sanitize(s, len, &w->tmp);
	yajl_gen_string(w->g, (const unsigned char *)w->tmp.s, w->tmp.len);
}

/* Re-emit a raw JSON value through a parser so the output is always valid. */
static int raw_cb_null(void *g) { return yajl_gen_null(g) == yajl_gen_status_ok; }
static int raw_cb_bool(void *g, int b) { return yajl_gen_bool(g, b) == yajl_gen_status_ok; }
static int raw_cb_num(void *g, const char *s, size_t l) { return yajl_gen_number(g, s, l) == yajl_gen_status_ok; }
static int raw_cb_str(void *g, const unsigned char *s, size_t l) { return yajl_gen_string(g, s, l) == yajl_gen_status_ok; }
static int raw_cb_mo(void *g) { return yajl_gen_map_open(g) == yajl_gen_status_ok; }
static int raw_cb_mc(void *g) { return yajl_gen_map_close(g) == yajl_gen_status_ok; }
static int raw_cb_ao(void *g) { return yajl_gen_array_open(g) == yajl_gen_status_ok; }
static int raw_cb_ac(void *g) { return yajl_gen_array_close(g) == yajl_gen_status_ok; }
static const yajl_callbacks raw_callbacks = {
	raw_cb_null, raw_cb_bool, NULL, NULL, raw_cb_num, raw_cb_str,
	raw_cb_mo, raw_cb_str, raw_cb_mc, raw_cb_ao, raw_cb_ac
};

static void gen_raw(ipm_writer *w, const char *s, size_t len)
{
	yajl_handle h = yajl_alloc(&raw_callbacks, NULL, w->g);
	yajl_status st;

	st = yajl_parse(h, (const unsigned char *)s, len);
	if (st == yajl_status_ok)
		st = yajl_complete_parse(h);
	yajl_free(h);
	if (st != yajl_status_ok)
		yajl_gen_null(w->g);   /* unreachable for raw values made by this library */
}

static void gen_num(ipm_writer *w, const char *s, size_t len)
{
	/* numbers set from CSV text might not be JSON numbers: write them as strings */
	if (ipm_json_validate(s, len, NULL, 0) == 0 && len && (s[0] == '-' || (s[0] >= '0' && s[0] <= '9')))
		yajl_gen_number(w->g, s, len);
	else
		gen_string(w, s, len);
}

static int put_json(ipm_writer *w, const ipm_rec *r)
{
	const unsigned char *buf;
	size_t i, k, len;
	const ipm_val *v;

	yajl_gen_map_open(w->g);
	for (i = 0; i < r->n; i++) {
		v = &r->f[i].v;
		gen_string(w, r->f[i].key, strlen(r->f[i].key));
		switch (v->t) {
		case IPM_V_NULL: yajl_gen_null(w->g); break;
		case IPM_V_BOOL: yajl_gen_bool(w->g, v->s[0] == 't'); break;
		case IPM_V_NUM: gen_num(w, v->s, v->len); break;
		case IPM_V_STR: gen_string(w, v->s, v->len); break;
		case IPM_V_RAW: gen_raw(w, v->s, v->len); break;
		case IPM_V_ARR:
			yajl_gen_array_open(w->g);
			for (k = 0; k < v->n; k++)
				gen_string(w, v->items[k], v->ilen[k]);
			yajl_gen_array_close(w->g);
			break;
		}
	}
	yajl_gen_map_close(w->g);
	yajl_gen_get_buf(w->g, &buf, &len);
	fwrite(buf, 1, len, w->fp);
	putc('\n', w->fp);
	yajl_gen_clear(w->g);
	yajl_gen_reset(w->g, NULL);
	return ferror(w->fp) ? -1 : 0;
}

/* Quote only when needed (as xsv and mlr do), with libcsv doing the quoting. */
static void csv_cell(ipm_writer *w, const char *s, size_t len, int force_quote)
{
	size_t i, need;

	ipm_buf_clear(&w->tmp);
	if (ipm_utf8_valid_len(s, len) != len) {
		ipm_utf8_sanitize(s, len, &w->tmp);
		s = w->tmp.s;
		len = w->tmp.len;
	}
	for (i = 0; i < len && !force_quote; i++)
		if (s[i] == w->delim || s[i] == '"' || s[i] == '\n' || s[i] == '\r')
			force_quote = 1;
	if (!force_quote) {
		fwrite(s, 1, len, w->fp);
		return;
	}
	need = 2 * len + 2;
	ipm_buf_clear(&w->quoted);
	ipm_buf_reserve(&w->quoted, need);
	w->quoted.len = csv_write(w->quoted.s, need + 1, s, len);
	fwrite(w->quoted.s, 1, w->quoted.len, w->fp);
}

static void csv_value(ipm_writer *w, const ipm_val *v)
{
	size_t k;

	if (!v || v->t == IPM_V_NULL)
		return;
	if (v->t == IPM_V_ARR) {
		ipm_buf_clear(&w->cell);
		for (k = 0; k < v->n; k++) {
			if (k)
				ipm_buf_addc(&w->cell, ';');
			ipm_buf_add(&w->cell, v->items[k], v->ilen[k]);
		}
		csv_cell(w, w->cell.s ? w->cell.s : "", w->cell.len, 0);
		return;
	}
	/* an empty string is written "" so it reads back as a string, not null */
	csv_cell(w, v->s, v->len, v->t == IPM_V_STR && v->len == 0);
}

static void warn_dropped(ipm_writer *w, const char *key)
{
	size_t i;

	for (i = 0; i < w->nwarned; i++)
		if (strcmp(w->warned[i], key) == 0)
			return;
	w->warned = ipm_realloc(w->warned, (w->nwarned + 1) * sizeof *w->warned);
	w->warned[w->nwarned++] = ipm_strndup(key, strlen(key));
	ipm_err(NULL, 0, "CSV output: field '%s' is not a column and is left out", key);
}

static int put_csv(ipm_writer *w, const ipm_rec *r)
{
	size_t i, k;

	if (!w->cols) {
		w->ncols = r->n;
		w->cols = ipm_malloc((r->n ? r->n : 1) * sizeof *w->cols);
		for (i = 0; i < r->n; i++)
			w->cols[i] = ipm_strndup(r->f[i].key, strlen(r->f[i].key));
	}
	if (!w->header_done) {
		for (i = 0; i < w->ncols; i++) {
			if (i)
				putc(w->delim, w->fp);
			csv_cell(w, w->cols[i], strlen(w->cols[i]), 0);
		}
		putc('\n', w->fp);
		w->header_done = 1;
	}
	for (i = 0; i < w->ncols; i++) {
		if (i)
			putc(w->delim, w->fp);
		csv_value(w, ipm_rec_get(r, w->cols[i]));
	}
	putc('\n', w->fp);
	for (i = 0; i < r->n; i++) {
		for (k = 0; k < w->ncols; k++)
			if (strcmp(r->f[i].key, w->cols[k]) == 0)
				break;
		if (k == w->ncols)
			warn_dropped(w, r->f[i].key);
	}
	return ferror(w->fp) ? -1 : 0;
}

int ipm_writer_put(ipm_writer *w, const ipm_rec *r)
{
	int rc = w->fmt == IPM_FMT_JSON ? put_json(w, r) : put_csv(w, r);

	if (rc != 0 && errno != EPIPE)
		ipm_err(NULL, 0, "write error:");
	return rc;
}

int ipm_writer_close(ipm_writer *w)
{
	size_t i;
	int rc;

	if (!w)
		return 0;
	/* a CSV writer with fixed columns and no records still writes its header */
	if (w->fmt == IPM_FMT_CSV && w->cols && !w->header_done && w->ncols) {
		for (i = 0; i < w->ncols; i++) {
			if (i)
				putc(w->delim, w->fp);
			csv_cell(w, w->cols[i], strlen(w->cols[i]), 0);
		}
		putc('\n', w->fp);
	}
	rc = fflush(w->fp) != 0 || ferror(w->fp) ? -1 : 0;
	if (w->g)
		yajl_gen_free(w->g);
	for (i = 0; i < w->ncols; i++)
		free(w->cols[i]);
	free(w->cols);
	for (i = 0; i < w->nwarned; i++)
		free(w->warned[i]);
	free(w->warned);
	ipm_buf_free(&w->tmp);
	ipm_buf_free(&w->cell);
	ipm_buf_free(&w->quoted);
	free(w);
	return rc;
}

