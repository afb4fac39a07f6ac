#include "blocks.h"

#include <stdlib.h>
#include <string.h>

#include "read.h"
#include "util.h"
#include "write.h"

struct ipm_blocks {
	int (*put)(void *ctx, const ipm_rec *block);
	void *ctx;
	ipm_rec *r;
	size_t n;
	int failed;
	ipm_buf tmp;
};

ipm_blocks *ipm_blocks_open(int (*put)(void *ctx, const ipm_rec *block), void *ctx)
{
	ipm_blocks *b = ipm_calloc(1, sizeof *b);

	b->put = put;
	b->ctx = ctx;
	b->r = ipm_rec_new();
	return b;
}

static int put_writer(void *ctx, const ipm_rec *block)
{
	return ipm_writer_put(ctx, block);
}

ipm_blocks *ipm_blocks_open_writer(ipm_writer *w)
{
	return ipm_blocks_open(put_writer, w);
}

void ipm_blocks_close(ipm_blocks *b)
{
	if (!b)
		return;
	ipm_rec_free(b->r);
	ipm_buf_free(&b->tmp);
	free(b);
}

static ipm_rec *begin(ipm_blocks *b, const char *type)
{
	ipm_rec_clear(b->r);
	ipm_rec_set_cstr(b->r, "type", type);
	return b->r;
}

static int finish(ipm_blocks *b, long line)
{
	ipm_rec_set_long(b->r, "line", line);
	if (b->failed)
		return -1;
	if (b->put(b->ctx, b->r) != 0) {
		b->failed = 1;
		return -1;
	}
	b->n++;
	return 0;
}

int ipm_blocks_doc(ipm_blocks *b, const char *layout, long line)
{
	ipm_rec_set_cstr(begin(b, "doc"), "layout", layout);
	return finish(b, line);
}

int ipm_blocks_doc_file(ipm_blocks *b, const char *layout, const char *file, long line)
{
	ipm_rec_set_cstr(begin(b, "doc"), "layout", layout);
	if (file)
		ipm_rec_set_cstr(b->r, "file", file);
	return finish(b, line);
}

int ipm_blocks_heading(ipm_blocks *b, int level, const char *text, size_t len, long line)
{
	ipm_rec *r = begin(b, "heading");

	ipm_rec_set_long(r, "level", level);
	ipm_rec_set_str(r, "text", text, len);
	return finish(b, line);
}

int ipm_blocks_para(ipm_blocks *b, const char *text, size_t len, long line)
{
	ipm_rec_set_str(begin(b, "para"), "text", text, len);
	return finish(b, line);
}

int ipm_blocks_row(ipm_blocks *b, const char *const *cells, const size_t *lens,
                   size_t n, long line)
{
	ipm_rec_set_arr(begin(b, "row"), "cells", cells, lens, n);
	return finish(b, line);
}

int ipm_blocks_row_lines(ipm_blocks *b, const char *const *cells, const size_t *lens,
                         size_t n, long line, const long *lines, size_t nlines)
{
	size_t i;

	ipm_rec_set_arr(begin(b, "row"), "cells", cells, lens, n);
	ipm_buf_clear(&b->tmp);
	ipm_buf_addc(&b->tmp, '[');
	for (i = 0; i < nlines; i++)
		ipm_buf_printf(&b->tmp, i ? ",%ld" : "%ld", lines[i]);
	ipm_buf_addc(&b->tmp, ']');
	ipm_rec_set_raw(b->r, "lines", b->tmp.s, b->tmp.len);
	return finish(b, line);
}

int ipm_blocks_header(ipm_blocks *b, const char *const *cells, const size_t *lens,
                      size_t n, long line)
{
	ipm_rec_set_arr(begin(b, "row"), "cells", cells, lens, n);
	ipm_rec_set_bool(b->r, "header", 1);
	return finish(b, line);
}

int ipm_blocks_meta(ipm_blocks *b, const char *key, const char *value, size_t vlen, long line)
{
	ipm_rec *r = begin(b, "meta");

	ipm_rec_set_cstr(r, "key", key);
	ipm_rec_set_str(r, "value", value, vlen);
	return finish(b, line);
}

size_t ipm_blocks_count(const ipm_blocks *b)
{
	return b->n;
}

/* ---- reading ---- */

struct ipm_bsrc {
	ipm_reader *rd;
	ipm_rec **q;            /* ring of copies of peeked blocks */
	size_t nq, head, count;
	ipm_rec *cur;
	int eof;
	int failed;             /* a read error ended the input */
};

ipm_bsrc *ipm_bsrc_open(ipm_reader *rd)
{
	ipm_bsrc *s = ipm_calloc(1, sizeof *s);

	s->rd = rd;
	s->cur = ipm_rec_new();
	return s;
}

static void bgrow(ipm_bsrc *s)
{
	size_t n = s->nq ? s->nq * 2 : 8, i;
	ipm_rec **q = ipm_calloc(n, sizeof *q);

	for (i = 0; i < s->nq; i++)
		q[i] = s->q[(s->head + i) % s->nq];
	for (; i < n; i++)
		q[i] = ipm_rec_new();
	free(s->q);
	s->q = q;
	s->nq = n;
	s->head = 0;
}

/* The next block from the reader: 1, or 0/-1 at the end (remembered, and a
 * read error as failed). */
static int read_block(ipm_bsrc *s, ipm_rec **r)
{
	int rc;

	if (s->eof)
		return 0;
	if ((rc = ipm_reader_next(s->rd, r)) <= 0) {
		s->eof = 1;
		s->failed |= rc < 0;
	}
	return rc;
}

int ipm_bsrc_peek(ipm_bsrc *s, size_t k, const ipm_rec **b)
{
	ipm_rec *r;
	int rc;

	while (s->count <= k) {
		if ((rc = read_block(s, &r)) <= 0)
			return rc;
		if (s->count == s->nq)
			bgrow(s);
		ipm_rec_copy(s->q[(s->head + s->count) % s->nq], r);
		s->count++;
	}
	*b = s->q[(s->head + k) % s->nq];
	return 1;
}

int ipm_bsrc_next(ipm_bsrc *s, const ipm_rec **b)
{
	ipm_rec *r, *tmp;
	int rc;

	if (s->count) {
		tmp = s->cur;    /* swap: no copy */
		s->cur = s->q[s->head];
		s->q[s->head] = tmp;
		s->head = (s->head + 1) % s->nq;
		s->count--;
		*b = s->cur;
		return 1;
	}
	if ((rc = read_block(s, &r)) <= 0)
		return rc;
	*b = r;
	return 1;
}

int ipm_bsrc_failed(const ipm_bsrc *s)
{
	return s->failed;
}

const char *ipm_bsrc_name(const ipm_bsrc *s)
{
	return ipm_reader_name(s->rd);
}

void ipm_bsrc_close(ipm_bsrc *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->nq; i++)
		ipm_rec_free(s->q[i]);
	free(s->q);
	ipm_rec_free(s->cur);
	free(s);
}

enum ipm_btype ipm_block_type(const ipm_rec *b)
{
	static const struct { const char *name; enum ipm_btype t; } tab[] = {
		{"doc", IPM_B_DOC}, {"heading", IPM_B_HEADING}, {"para", IPM_B_PARA},
		{"row", IPM_B_ROW}, {"meta", IPM_B_META}
	};
	const char *t = ipm_rec_str(b, "type");
	size_t i;

	for (i = 0; t && i < sizeof tab / sizeof tab[0]; i++)
		if (strcmp(t, tab[i].name) == 0)
			return tab[i].t;
	return IPM_B_OTHER;
}

long ipm_block_line(const ipm_rec *b)
{
	long l = ipm_rec_long(b, "line", 0);

	return l ? l : ipm_rec_line(b);
}

const char *ipm_block_text(const ipm_rec *b, ipm_buf *tmp, size_t *n)
{
	const ipm_val *v = ipm_rec_get(b, "text");
	const char *items[256];
	size_t lens[256], k, i;

	if (v && v->t == IPM_V_STR) {
		*n = v->len;
		return v->s;
	}
	ipm_buf_clear(tmp);
	if ((v = ipm_rec_get(b, "cells")) != NULL) {
		k = ipm_val_list(v, items, lens, 256);
		for (i = 0; i < k && i < 256; i++) {
			if (i)
				ipm_buf_adds(tmp, " | ");
			ipm_buf_add(tmp, items[i], lens[i]);
		}
	} else if (ipm_rec_str(b, "key")) {
		ipm_buf_printf(tmp, "%s: %s", ipm_rec_str(b, "key"),
		               ipm_rec_str(b, "value") ? ipm_rec_str(b, "value") : "");
	}
	*n = tmp->len;
	return tmp->s ? tmp->s : "";
}
