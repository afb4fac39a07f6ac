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
	int fixed;             /* cols were given: a record may lack some */
	ipm_buf tmp, cell, quoted;
	size_t nrec;           /* records written (JSON array: the separators) */
	size_t nlost;          /* values CSV cannot carry (see ipm_writer_nlost) */
	int told_empty, told_semi;
};

ipm_writer *ipm_writer_open(FILE *fp, enum ipm_fmt fmt, char delim,
                            const char *const *cols, size_t ncols)
{
	ipm_writer *w = ipm_calloc(1, sizeof *w);
	size_t i;

	w->fp = fp;
	w->fmt = fmt == IPM_FMT_CSV || fmt == IPM_FMT_JSONA ? fmt : IPM_FMT_JSON;
	w->delim = delim ? delim : ',';
	if (w->fmt != IPM_FMT_CSV) {
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
		w->fixed = 1;
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
	if (w->fmt == IPM_FMT_JSONA)   /* a JSON array, one record per line */
		fputs(w->nrec ? ",\n" : "[\n", w->fp);
	fwrite(buf, 1, len, w->fp);
	if (w->fmt == IPM_FMT_JSON)
		putc('\n', w->fp);
	w->nrec++;
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

/* A value CSV cannot carry: counted (--strict makes it exit 1), said once a kind. */
static void lost(ipm_writer *w, int *told, const char *what)
{
	w->nlost++;
	if (!*told) {
		*told = 1;
		ipm_err(NULL, 0, "CSV output: %s", what);
	}
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
			if (memchr(v->items[k], ';', v->ilen[k]))
				lost(w, &w->told_semi, "an array item holding ';' does not split back the same");
		}
		/* the empty array is an empty cell (null; [] again where the schema
		 * knows the field is an array); [""] is "" */
		csv_cell(w, w->cell.s ? w->cell.s : "", w->cell.len, v->n > 0 && w->cell.len == 0);
		return;
	}
	/* an empty string is written "" so it reads back as a string, not null */
	csv_cell(w, v->s, v->len, v->t == IPM_V_STR && v->len == 0);
}

static void csv_header(ipm_writer *w)
{
	size_t i;

	if (w->header_done)
		putc('\n', w->fp);   /* a new block: a blank line, then its header (as Miller) */
	for (i = 0; i < w->ncols; i++) {
		if (i)
			putc(w->delim, w->fp);
		csv_cell(w, w->cols[i], strlen(w->cols[i]), 0);
	}
	if (w->ncols == 1 && !w->cols[0][0])
		fputs("\"\"", w->fp);   /* a lone empty name: not a blank line */
	putc('\n', w->fp);
	w->header_done = 1;
}

static int has_col(const ipm_writer *w, const char *key)
{
	size_t k;

	for (k = 0; k < w->ncols; k++)
		if (strcmp(key, w->cols[k]) == 0)
			return 1;
	return 0;
}

/* Do the record's fields fit the columns? Columns taken from records: the
 * same names in the same order. Given columns: every field is one of them
 * (a missing one is an empty cell). */
static int fits(const ipm_writer *w, const ipm_rec *r)
{
	size_t i;

	if (!w->cols)
		return 0;
	if (!w->fixed) {
		if (r->n != w->ncols)
			return 0;
		for (i = 0; i < r->n; i++)
			if (strcmp(r->f[i].key, w->cols[i]) != 0)
				return 0;
		return 1;
	}
	for (i = 0; i < r->n; i++)
		if (!has_col(w, r->f[i].key))
			return 0;
	return 1;
}

/* New columns for r: its fields, or the given columns and r's others after them. */
static void new_block(ipm_writer *w, const ipm_rec *r)
{
	size_t i, n = w->fixed ? w->ncols : 0;

	if (!w->fixed) {
		for (i = 0; i < w->ncols; i++)
			free(w->cols[i]);
		w->ncols = 0;
	}
	w->cols = ipm_realloc(w->cols, (n + r->n + 1) * sizeof *w->cols);
	for (i = 0; i < r->n; i++)
		if (!w->fixed || !has_col(w, r->f[i].key))
			w->cols[n++] = ipm_strndup(r->f[i].key, strlen(r->f[i].key));
	w->ncols = n;
	csv_header(w);
}

static int put_csv(ipm_writer *w, const ipm_rec *r)
{
	size_t i;
	const ipm_val *v;

	if (r->n == 0) {
		lost(w, &w->told_empty, "a record with no fields cannot be written (left out)");
		return 0;
	}
	if (!fits(w, r))
		new_block(w, r);
	else if (!w->header_done)
		csv_header(w);
	for (i = 0; i < w->ncols; i++) {
		if (i)
			putc(w->delim, w->fp);
		csv_value(w, ipm_rec_get(r, w->cols[i]));
	}
	/* one empty cell alone (null, []) would be a blank line, which ends a block: "" */
	if (w->ncols == 1 && (!(v = ipm_rec_get(r, w->cols[0])) || v->t == IPM_V_NULL ||
	                      (v->t == IPM_V_ARR && v->n == 0)))
		fputs("\"\"", w->fp);
	putc('\n', w->fp);
	return ferror(w->fp) ? -1 : 0;
}

size_t ipm_writer_nlost(const ipm_writer *w)
{
	return w ? w->nlost : 0;
}

int ipm_writer_put(ipm_writer *w, const ipm_rec *r)
{
	int rc = w->fmt == IPM_FMT_CSV ? put_csv(w, r) : put_json(w, r);

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
	if (w->fmt == IPM_FMT_CSV && w->cols && !w->header_done && w->ncols)
		csv_header(w);
	if (w->fmt == IPM_FMT_JSONA)
		fputs(w->nrec ? "\n]\n" : "[\n]\n", w->fp);
	rc = fflush(w->fp) != 0 || ferror(w->fp) ? -1 : 0;
	if (w->g)
		yajl_gen_free(w->g);
	for (i = 0; i < w->ncols; i++)
		free(w->cols[i]);
	free(w->cols);
	ipm_buf_free(&w->tmp);
	ipm_buf_free(&w->cell);
	ipm_buf_free(&w->quoted);
	free(w);
	return rc;
}

