/* read_json: JSON Lines into records, through yajl's callbacks. Objects at
 * the top level become records; a nested object or mixed array is kept as
 * its JSON text (IPM_V_RAW), an array of strings as an array value. */
#include <stdlib.h>
#include <string.h>

#include "rec_impl.h"
#include "util.h"

static void arr_add(struct jctx *j, const char *s, size_t len)
{
	if (j->an == j->acap) {
		j->acap = j->acap ? j->acap * 2 : 8;
		j->aoff = ipm_realloc(j->aoff, j->acap * sizeof *j->aoff);
		j->alen = ipm_realloc(j->alen, j->acap * sizeof *j->alen);
	}
	j->aoff[j->an] = j->arr.len;
	j->alen[j->an++] = len;
	ipm_buf_add(&j->arr, s, len);
	ipm_buf_addc(&j->arr, '\0');
}

static void raw_begin(struct jctx *j)
{
	yajl_gen_clear(j->g);
	yajl_gen_reset(j->g, NULL);
	j->mode = J_RAW;
}

/* A string array met a non-string: replay its items into the raw capture. */
static void array_to_raw(struct jctx *j)
{
	size_t i;

	raw_begin(j);
	j->raw_depth = 2;
	yajl_gen_array_open(j->g);
	for (i = 0; i < j->an; i++)
		yajl_gen_string(j->g, (const unsigned char *)j->arr.s + j->aoff[i], j->alen[i]);
}

static void raw_end(struct jctx *j)
{
	const unsigned char *buf;
	size_t len;

	yajl_gen_get_buf(j->g, &buf, &len);
	ipm_rec_set_raw(j->rec, j->key.s, (const char *)buf, len);
	j->mode = J_TOP;
}

/* Depth below the record's container: 0 outside a record, 1 inside it. */
#define RD(j) ((j)->depth - (j)->base)

/* Scalar at depth 1 (field value) or 2 (array item) or deeper (raw). */
static int scalar(struct jctx *j, enum ipm_vt t, const char *s, size_t len)
{
	if (RD(j) == 0) {
		j->bad_top = 1;
		return 0;
	}
	if (j->mode == J_ARRAY && t != IPM_V_STR)
		array_to_raw(j);
	if (j->mode == J_RAW) {
		switch (t) {
		case IPM_V_NULL: yajl_gen_null(j->g); break;
		case IPM_V_BOOL: yajl_gen_bool(j->g, s[0] == 't'); break;
		case IPM_V_NUM: yajl_gen_number(j->g, s, len); break;
		default: yajl_gen_string(j->g, (const unsigned char *)s, len); break;
		}
		return 1;
	}
	if (j->mode == J_ARRAY) {
		arr_add(j, s, len);
		return 1;
	}
	switch (t) {
	case IPM_V_NULL: ipm_rec_set_null(j->rec, j->key.s); break;
	case IPM_V_STR: ipm_rec_set_str(j->rec, j->key.s, s, len); break;
	case IPM_V_NUM: ipm_rec_set_num_text(j->rec, j->key.s, s, len); break;
	case IPM_V_BOOL: ipm_rec_set_bool(j->rec, j->key.s, s[0] == 't'); break;
	default: break;
	}
	return 1;
}

static int cb_null(void *ctx) { return scalar(ctx, IPM_V_NULL, "null", 4); }
static int cb_bool(void *ctx, int b) { return scalar(ctx, IPM_V_BOOL, b ? "true" : "false", b ? 4 : 5); }
static int cb_number(void *ctx, const char *s, size_t len) { return scalar(ctx, IPM_V_NUM, s, len); }
static int cb_string(void *ctx, const unsigned char *s, size_t len) { return scalar(ctx, IPM_V_STR, (const char *)s, len); }

static int too_deep(struct jctx *j)
{
	if (RD(j) < IPM_JSON_MAX_DEPTH)
		return 0;
	j->too_deep = 1;
	return 1;
}

static int cb_start_map(void *ctx)
{
	struct jctx *j = ctx;

	if (too_deep(j))
		return 0;
	if (RD(j) == 0) {
		j->rec = rd_queue_slot(j->rd);
		ipm_rec_clear(j->rec);
	} else if (j->mode == J_TOP) {
		raw_begin(j);
		j->raw_depth = j->depth + 1;
		yajl_gen_map_open(j->g);
	} else {
		if (j->mode == J_ARRAY)
			array_to_raw(j);
		yajl_gen_map_open(j->g);
	}
	j->depth++;
	return 1;
}

static int cb_map_key(void *ctx, const unsigned char *s, size_t len)
{
	struct jctx *j = ctx;

	if (RD(j) == 1) {
		ipm_buf_clear(&j->key);
		/* keys with NUL bytes are cut at the NUL: keys are C strings */
		ipm_buf_add(&j->key, s, strnlen((const char *)s, len));
		/* the last value of a repeated key is kept, in the first one's place
		 * (as jq and Miller do); said once per input */
		if (!j->dup_told && ipm_rec_get(j->rec, j->key.s)) {
			j->dup_told = 1;
			ipm_err(j->rd->name, j->rd->lineno, "duplicate key '%s': the last value is kept "
			        "(further duplicate keys of this input are not reported)", j->key.s);
		}
		return 1;
	}
	yajl_gen_string(j->g, s, len);
	return 1;
}

static int cb_end_map(void *ctx)
{
	struct jctx *j = ctx;

	j->depth--;
	if (RD(j) == 0) {
		rd_queue_done(j->rd, j->rec);
		return 1;
	}
	yajl_gen_map_close(j->g);
	if (j->mode == J_RAW && j->depth + 1 == j->raw_depth)
		raw_end(j);
	return 1;
}

static int cb_start_array(void *ctx)
{
	struct jctx *j = ctx;

	if (j->depth == 0 && j->stream && !j->base) {   /* a JSON array of records */
		j->base = 1;
		j->depth = 1;
		return 1;
	}
	if (RD(j) == 0) {
		j->bad_top = 1;
		return 0;
	}
	if (too_deep(j))
		return 0;
	if (RD(j) == 1) {
		j->mode = J_ARRAY;
		j->an = 0;
		ipm_buf_clear(&j->arr);
	} else {
		if (j->mode == J_ARRAY)
			array_to_raw(j);
		yajl_gen_array_open(j->g);
	}
	j->depth++;
	return 1;
}

static int cb_end_array(void *ctx)
{
	struct jctx *j = ctx;
	const char **items;
	size_t i;

	if (j->base && j->depth == 1) {   /* the end of the records' array */
		j->base = 0;
		j->depth = 0;
		return 1;
	}
	j->depth--;
	if (j->mode == J_ARRAY && RD(j) == 1) {
		items = ipm_malloc((j->an ? j->an : 1) * sizeof *items);
		for (i = 0; i < j->an; i++)
			items[i] = j->arr.s + j->aoff[i];
		ipm_rec_set_arr(j->rec, j->key.s, items, j->alen, j->an);
		free(items);
		j->mode = J_TOP;
		return 1;
	}
	yajl_gen_array_close(j->g);
	if (j->mode == J_RAW && j->depth + 1 == j->raw_depth)
		raw_end(j);
	return 1;
}

const yajl_callbacks rd_json_callbacks = {
	cb_null, cb_bool, NULL, NULL, cb_number, cb_string,
	cb_start_map, cb_map_key, cb_end_map, cb_start_array, cb_end_array
};



void rd_json_new(ipm_reader *rd)
{
	if (rd->yh)
		yajl_free(rd->yh);
	rd->yh = yajl_alloc(&rd_json_callbacks, NULL, &rd->j);
	if (!rd->yh)
		ipm_die(IPM_EXIT_DATA, "out of memory");
	yajl_config(rd->yh, yajl_allow_multiple_values, 1);
	rd->j.depth = 0;
	rd->j.base = 0;
	rd->j.mode = J_TOP;
	rd->j.bad_top = 0;
	rd->j.too_deep = 0;
	rd->j.stream = rd->fmt == IPM_FMT_JSONA;
	rd->j.rd = rd;
}


ipm_rec *rd_queue_slot(struct ipm_reader *rd)
{
	if (rd->qhead == rd->qn)
		rd->qhead = rd->qn = 0;
	if (rd->qn == rd->qcap) {
		rd->q = ipm_realloc(rd->q, (rd->qcap + 4) * sizeof *rd->q);
		memset(rd->q + rd->qcap, 0, 4 * sizeof *rd->q);
		rd->qcap += 4;
	}
	if (!rd->q[rd->qn])
		rd->q[rd->qn] = ipm_rec_new();
	return rd->q[rd->qn];
}


/* A reader's record names the reader's file without a copy: the name lives
 * as long as the records the reader hands out (ipm_rec_copy copies it). */
void rec_set_pos_borrowed(ipm_rec *r, const char *file, long line)
{
	r->file = file;
	r->line = line;
}


void rd_queue_done(struct ipm_reader *rd, ipm_rec *rec)
{
	rec_set_pos_borrowed(rec, rd->name, rd->lineno);
	rd->qn++;
}


static int hexval(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
	       c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The \uXXXX escape at p (6 bytes within e), or -1. */
static long u_escape(const char *p, const char *e)
{
	long v = 0;
	int i, h;

	if (e - p < 6 || p[0] != '\\' || p[1] != 'u')
		return -1;
	for (i = 2; i < 6; i++) {
		if ((h = hexval((unsigned char)p[i])) < 0)
			return -1;
		v = v * 16 + h;
	}
	return v;
}

/* yajl decodes a lone surrogate escape (\ud800 without its pair) as '?':
 * rewrite each one as \ufffd first (the same 6 bytes), so it reads as U+FFFD. */
static void fix_surrogates(char *s, size_t len)
{
	char *p = s, *e = s + len;
	long u, lo;

	while ((p = memchr(p, '\\', (size_t)(e - p))) != NULL) {
		u = u_escape(p, e);
		if (u >= 0xD800 && u <= 0xDBFF && (lo = u_escape(p + 6, e)) >= 0xDC00 && lo <= 0xDFFF) {
			p += 12;
			continue;
		}
		if (u >= 0xD800 && u <= 0xDFFF) {
			memcpy(p, "\\ufffd", 6);
			p += 6;
			continue;
		}
		p += p + 1 < e ? 2 : 1;   /* any escape: its next byte is not a new one */
	}
}

/* Feed one line to yajl; each object completed on it is queued by the
 * callbacks (a line may hold several). A bad line is rejected whole.
 * JSON Lines: every line is a complete parse. A JSON array (JSONA): one
 * parse over all lines, finished at the end (rd_json_end); after an error
 * the rest of the input cannot be placed and is reported as not read. */
void rd_json_line(ipm_reader *rd)
{
	const unsigned char *p = (const unsigned char *)rd->ls;
	size_t len = rd->llen;
	yajl_status st;
	unsigned char *msg;
	char reason[256];

	if (rd->jdead) {
		if (!rd->jdead_n++)
			rd->jdead_first = rd->lineno;
		return;
	}
	if (!rd->yh)
		rd_json_new(rd);
	/* yajl takes form feed as white space; JSON does not, and a raw 0x0C is
	 * invalid inside strings too, so any such byte makes the line invalid */
	if (memchr(p, '\f', len)) {
		rd_reject(rd, rd->lineno, "invalid JSON: form feed outside a string", rd->ls, len);
		if (rd->j.stream)
			rd->jdead = 1;
		return;
	}
	if (memchr(p, '\\', len))
		fix_surrogates(rd->ls, len);
	st = yajl_parse(rd->yh, p, len);
	if (st == yajl_status_ok && !rd->j.stream)
		st = yajl_complete_parse(rd->yh);
	if (st == yajl_status_ok)
		return;
	if (rd->j.too_deep) {
		snprintf(reason, sizeof reason, "JSON nested deeper than %d levels", IPM_JSON_MAX_DEPTH);
	} else if (rd->j.bad_top) {
		snprintf(reason, sizeof reason, rd->j.stream ? "expected a JSON object or an array of objects"
		                                             : "expected a JSON object per line");
	} else {
		msg = yajl_get_error(rd->yh, 0, p, len);
		snprintf(reason, sizeof reason, "invalid JSON: %s", msg ? (char *)msg : "parse error");
		reason[strcspn(reason, "\n")] = '\0';   /* yajl's message ends in a newline */
		if (msg)
			yajl_free_error(rd->yh, msg);
	}
	rd_reject(rd, rd->lineno, reason, rd->ls, rd->llen);
	if (rd->j.stream)
		rd->jdead = 1;
	else
		rd_json_new(rd);
}

/* End of a JSON array input: an unfinished value is an error; lines left
 * unread after an error are reported (once, with the first one's number). */
void rd_json_end(ipm_reader *rd)
{
	char reason[160];

	if (rd->jdead) {
		if (rd->jdead_n) {
			snprintf(reason, sizeof reason, "not read: %ld line%s after the invalid JSON above",
			         rd->jdead_n, rd->jdead_n == 1 ? "" : "s");
			rd_reject(rd, rd->jdead_first, reason, "", 0);
		}
		return;
	}
	if (rd->yh && (yajl_complete_parse(rd->yh) != yajl_status_ok || rd->j.depth != 0))
		rd_reject(rd, rd->lineno, "invalid JSON: the input ends inside a value", "", 0);
}

int ipm_json_validate(const char *buf, size_t len, char *err, size_t errlen)
{
	yajl_handle h = yajl_alloc(NULL, NULL, NULL);
	yajl_status st;
	unsigned char *msg;

	if (!h)
		ipm_die(IPM_EXIT_DATA, "out of memory");
	if (memchr(buf, '\f', len)) {   /* see json_line */
		if (err && errlen)
			snprintf(err, errlen, "form feed outside a string");
		yajl_free(h);
		return -1;
	}
	st = yajl_parse(h, (const unsigned char *)buf, len);
	if (st == yajl_status_ok)
		st = yajl_complete_parse(h);
	if (st != yajl_status_ok) {
		msg = yajl_get_error(h, 0, (const unsigned char *)buf, len);
		if (err && errlen) {
			snprintf(err, errlen, "%s", msg ? (char *)msg : "parse error");
			err[strcspn(err, "\n")] = '\0';
		}
		if (msg)
			yajl_free_error(h, msg);
		yajl_free(h);
		return -1;
	}
	yajl_free(h);
	return 0;
}

