/* read_csv: CSV/TSV rows into records, through libcsv's callbacks (strict
 * RFC 4180); the header row names the fields. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "rec_impl.h"
#include "util.h"

void rd_csv_field(void *s, size_t len, void *data)
{
	struct cctx *c = data;

	c->raw += len;
	if (c->keep && (c->n >= c->nkeep || !c->keep[c->n])) {
		c->n++;   /* parsed and counted, not stored (nor read: see csv_take_row) */
		return;
	}
	if (c->n >= c->cap) {
		c->cap = c->n + 16;
		c->off = ipm_realloc(c->off, c->cap * sizeof *c->off);
		c->len = ipm_realloc(c->len, c->cap * sizeof *c->len);
		c->isnull = ipm_realloc(c->isnull, c->cap);
	}
	c->off[c->n] = c->fields.len;
	c->len[c->n] = s ? len : 0;
	c->isnull[c->n] = s == NULL;
	c->n++;
	len = s ? len : 0;
	if (c->fields.len + len + 2 > c->fields.cap)   /* a hot path: the call only to grow */
		ipm_buf_reserve(&c->fields, len + 1);
	if (len)
		memcpy(c->fields.s + c->fields.len, s, len);
	c->fields.len += len;
	c->fields.s[c->fields.len++] = '\0';
}

void rd_csv_row(int ch, void *data)
{
	struct cctx *c = data;

	(void)ch;
	c->rows++;
	c->n_at_row = c->n;
}



void rd_csv_new(ipm_reader *rd)
{
	if (rd->cp_live)
		csv_free(&rd->cp);
	if (csv_init(&rd->cp, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL) != 0)
		ipm_die(IPM_EXIT_DATA, "out of memory");
	csv_set_delim(&rd->cp, (unsigned char)rd->delim);
	csv_set_space_func(&rd->cp, NULL);
	rd->cp_live = 1;
	rd->c.n = 0;
	rd->c.rows = 0;
	rd->c.raw = 0;
	ipm_buf_clear(&rd->c.fields);
}

static int no_space(unsigned char c)
{
	(void)c;
	return 0;
}

/* Spaces and tabs are part of a field (RFC 4180, as Miller reads them), but
 * libcsv trims them around unquoted fields unless a space function says no
 * byte is a space, and that function costs a call per byte. So a row is
 * parsed without it and again with it only when a space may have been
 * trimmed: its line holds a space or tab and its fields fall short of the
 * line (or it spans lines). A row that only parses with spaces trimmed (a
 * space before a quoted field) is kept as trimmed. text: the row's lines. */
static void keep_spaces(ipm_reader *rd, const char *text, size_t len)
{
	struct cctx *c = &rd->c;
	size_t content = rd->llen - (rd->llen && rd->ls[rd->llen - 1] == '\r');

	if (!rd->pending.len && c->n && c->raw + c->n - 1 == content)
		return;   /* the fields and delimiters fill the line: nothing trimmed */
	if (!memchr(text, ' ', len) && (rd->delim == '\t' || !memchr(text, '\t', len)))
		return;
	c->n = c->rows = 0;
	c->raw = c->fields.len = 0;
	csv_set_space_func(&rd->cp, no_space);
	if (csv_parse(&rd->cp, text, len, rd_csv_field, rd_csv_row, c) == len && c->rows == 1 &&
	    c->n == c->n_at_row) {
		csv_set_space_func(&rd->cp, NULL);
		return;
	}
	rd_csv_new(rd);   /* the lenient reading, as the first parse had it */
	csv_parse(&rd->cp, text, len, rd_csv_field, rd_csv_row, c);
}


/* Fast path for CSV rows: append a field without the duplicate-key search
 * and without copying. key is the reader's header name and s points into the
 * reader's row buffer: both live until the next ipm_reader_next() call, which
 * is as long as the reader's record is valid. */
void rec_append_borrowed(ipm_rec *r, const char *key, uint32_t h, const char *s, size_t len, int isnull)
{
	struct field *f;

	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->f = ipm_realloc(r->f, r->cap * sizeof *r->f);
	}
	f = &r->f[r->n++];
	memset(&f->v, 0, sizeof f->v);
	f->key = key;
	f->h = h;
	if (r->n > REC_IX_MIN || r->ix)
		rec_indexed(r);
	if (!isnull) {
		f->v.t = IPM_V_STR;
		f->v.s = s;
		f->v.len = len;
	}
}


/* After the header: which columns ipm_reader_only() keeps. */
static void keep_columns(ipm_reader *rd)
{
	size_t i, k;

	rd->cols = ipm_malloc((rd->nhdr ? rd->nhdr : 1) * sizeof *rd->cols);
	rd->ncols = 0;
	if (rd->only) {
		rd->c.keep = ipm_calloc(rd->nhdr ? rd->nhdr : 1, 1);
		rd->c.nkeep = rd->nhdr;
	}
	for (i = 0; i < rd->nhdr; i++) {
		for (k = 0; k < rd->nonly && !rd->c.keep[i]; k++)
			rd->c.keep[i] = strcmp(rd->hdr[i], rd->only[k]) == 0;
		if (!rd->only || rd->c.keep[i])
			rd->cols[rd->ncols++] = i;
	}
}


void ipm_reader_only(ipm_reader *rd, const char *const *names, size_t n)
{
	size_t i;

	rd->only = ipm_malloc((n ? n : 1) * sizeof *rd->only);
	for (i = 0; i < n; i++)
		rd->only[i] = ipm_strndup(names[i], strlen(names[i]));
	rd->nonly = n;
}


static int csv_take_row(ipm_reader *rd, int header)
{
	struct cctx *c = &rd->c;
	size_t i, k;
	int isnew;
	ipm_hash *seen;
	char reason[128];

	if (header) {
		for (i = 0; i < rd->nhdr; i++)   /* a later block's header replaces the last */
			free(rd->hdr[i]);
		free(rd->hdr);
		free(rd->hdr_h);
		free(rd->cols);
		free(rd->c.keep);
		rd->c.keep = NULL;
		free(rd->ctype);
		rd->ctype = NULL;
		rd->csv_blank = 0;
		rd->hdr = ipm_malloc((c->n ? c->n : 1) * sizeof *rd->hdr);
		rd->hdr_h = ipm_malloc((c->n ? c->n : 1) * sizeof *rd->hdr_h);
		rd->nhdr = c->n;
		rd->hdr_unique = 1;
		rd->shape = rec_shape_new();
		seen = ipm_hash_new();   /* a repeated name: wide headers stay linear */
		for (i = 0; i < c->n; i++) {
			rd->hdr[i] = ipm_strndup(c->fields.s + c->off[i], c->len[i]);
			rd->hdr_h[i] = rec_key_hash(rd->hdr[i], NULL);
			ipm_hash_put(seen, rd->hdr[i], strlen(rd->hdr[i]), &isnew);
			if (!isnew)
				rd->hdr_unique = 0;
		}
		ipm_hash_free(seen);
		if (!rd->hdr_unique && !rd->dup_told) {
			rd->dup_told = 1;
			ipm_err(rd->name, rd->row_line, "a column name is repeated in the header: "
			        "the last column of a name is kept (as Miller does)");
		}
		keep_columns(rd);
		rd->ctype = ipm_calloc(rd->nhdr ? rd->nhdr : 1, 1);
		if (!(rd->schema = ipm_schema_match(rd->hdr, rd->nhdr, rd->ctype))) {
			free(rd->ctype);
			rd->ctype = NULL;
		}
		return 0;
	}
	if (c->n != rd->nhdr) {
		snprintf(reason, sizeof reason, "wrong number of fields (%zu, header has %zu)", c->n, rd->nhdr);
		if (rd->pending.len)
			rd_reject(rd, rd->row_line, reason, rd->pending.s, rd->pending.len);
		else   /* a one-line row, with its '\n' (at EOF llen is 0, pending is not) */
			rd_reject(rd, rd->row_line, reason, rd->ls, rd->llen + (rd->llen > 0));
		return 0;
	}
	ipm_rec_clear(rd->crec);
	for (k = 0; k < rd->ncols && rd->hdr_unique; k++) {
		i = rd->cols[k];
		rec_append_borrowed(rd->crec, rd->hdr[i], rd->hdr_h[i], c->fields.s + c->off[i], c->len[i], c->isnull[i]);
	}
	for (k = 0; k < rd->ncols && !rd->hdr_unique; k++) {
		i = rd->cols[k];
		if (c->isnull[i])
			ipm_rec_set_null(rd->crec, rd->hdr[i]);
		else
			ipm_rec_set_str(rd->crec, rd->hdr[i], c->fields.s + c->off[i], c->len[i]);
	}
	for (k = 0; k < rd->ncols && rd->ctype; k++) {   /* typed CSV: a known schema */
		i = rd->cols[k];
		if (rd->ctype[i] != IPM_T_STR)
			rd_csv_type(rd->crec, rd->hdr[i], rd->ctype[i], c->fields.s + c->off[i], c->len[i], c->isnull[i]);
	}
	rec_set_pos_borrowed(rd->crec, rd->name, rd->row_line);
	rd->crec->shape = rd->shape;   /* the header's keys at the header's positions */
	return 1;
}


/* Feed one line to libcsv; returns 1 when a data row completed. */
int rd_csv_line(ipm_reader *rd, int at_eof)
{
	size_t n, len;
	char reason[160];
	int got = 0;

	if (!rd->cp_live)
		rd_csv_new(rd);
	if (rd->c.n == 0 && rd->pending.len == 0) {
		rd->row_line = rd->lineno;
		/* an empty line between rows ends a block: the next row is a header
		 * (Miller's CSV writer starts a new block so when the fields change) */
		if (!at_eof && (rd->llen == 0 || (rd->llen == 1 && rd->ls[0] == '\r'))) {
			if (rd->hdr) {
				rd->csv_blank = rd->saw_blank = 1;
				free(rd->c.keep);   /* the next header's names are all stored */
				rd->c.keep = NULL;
				rd->c.nkeep = 0;
			}
			return 0;
		}
	}
	if (!at_eof) {
		len = rd->llen + 1;   /* the line with its '\n' (see lsrc_next) */
		n = csv_parse(&rd->cp, rd->ls, len, rd_csv_field, rd_csv_row, &rd->c);
		/* pending keeps the earlier lines of a row only: most rows are one line */
		if (n < len || rd->c.rows == 0 || rd->pending.len)
			ipm_buf_add(&rd->pending, rd->ls, len);
		/* a row ended inside the line (a bare CR) and more follows: the line
		 * holds more than one row, which one record cannot say. More follows
		 * when fields came after the row or libcsv is inside one (its pstate
		 * is not 0, ROW_NOT_BEGUN: a quote opened after the CR, say) */
		if (n == len && rd->c.rows > 0 &&
		    (rd->c.rows > 1 || rd->c.n != rd->c.n_at_row || rd->cp.pstate != 0)) {
			snprintf(reason, sizeof reason, "a CSV row ends at a bare CR inside the line (old Mac "
			         "line ends: tr '\\r' '\\n' converts them)");
			if (rd->pending.len)
				rd_reject(rd, rd->row_line, reason, rd->pending.s, rd->pending.len);
			else
				rd_reject(rd, rd->row_line, reason, rd->ls, len);
			rd_csv_new(rd);
			ipm_buf_clear(&rd->pending);
			return 0;
		}
		if (n < len) {
			snprintf(reason, sizeof reason, "malformed CSV: %s", csv_strerror(csv_error(&rd->cp)));
			rd_reject(rd, rd->row_line, reason, rd->pending.s, rd->pending.len);
			rd_csv_new(rd);
			ipm_buf_clear(&rd->pending);
			return 0;
		}
	} else if (csv_fini(&rd->cp, rd_csv_field, rd_csv_row, &rd->c) != 0) {
		snprintf(reason, sizeof reason, "malformed CSV: unterminated quoted field");
		rd_reject(rd, rd->row_line, reason, rd->pending.s, rd->pending.len);
		rd->c.n = 0;
		rd->c.rows = 0;
		rd->c.raw = 0;
		ipm_buf_clear(&rd->pending);
		return 0;
	}
	if (rd->c.rows) {
		if (!at_eof)
			keep_spaces(rd, rd->pending.len ? rd->pending.s : rd->ls,
			            rd->pending.len ? rd->pending.len : rd->llen + 1);
		got = csv_take_row(rd, rd->hdr == NULL || rd->csv_blank);
		rd->c.n = 0;
		rd->c.rows = 0;
		rd->c.raw = 0;
		/* not ipm_buf_clear: the returned record borrows these bytes */
		rd->c.fields.len = 0;
		ipm_buf_clear(&rd->pending);
	}
	return got;
}

