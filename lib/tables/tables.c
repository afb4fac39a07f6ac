#include "tables.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "text/zh.h"

enum { COL_DATA = 0, COL_LABEL, COL_UNIT, COL_RANK };
enum { ST_NONE = 0, ST_ROWS, ST_TAIL, ST_SKIP };

struct strv {            /* a row of owned strings */
	char **s;
	size_t n;
	long line;
};

struct col {
	char *name, *unit;
	int kind;
};

struct sum {             /* one checkable column */
	char *table, *col, *unit, *key;
	int year;
	size_t rows;
	double sum, total;
	int has_total;
};

struct natl {            /* a national indicator value, for province sums */
	char *row, *col, *unit, *table;
	double v;
};

struct ipm_stats {
	char *doc;
	int check;
	ipm_stats_emit emit;
	void *ctx;
	ipm_rejects *rj;
	const char *file;
	struct ipm_stats_counts c;
	/* context before a table */
	ipm_buf cand[2];
	size_t ncand;
	ipm_buf group, unit_line;
	/* the open table */
	int state, cont, hdr_skip, built;
	ipm_buf title, tunit, source;
	struct strv hdr[2];
	size_t nhdr;
	struct col *cols;
	size_t ncols, width;
	struct strv *rows;
	size_t nrows, caprows;
	/* --check */
	struct sum *sums;
	size_t nsums;
	struct natl *nat;
	size_t nnat;
	ipm_rec *out;
	ipm_buf tmp;
};

static char *dup_buf(const ipm_buf *b) { return ipm_strndup(b->s ? b->s : "", b->len); }

static char *squeeze_dup(const char *s, size_t n)
{
	ipm_buf b = {0};
	char *r;

	ipm_zh_squeeze(s, n, &b);
	r = dup_buf(&b);
	ipm_buf_free(&b);
	return r;
}

static void strv_free(struct strv *v)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		free(v->s[i]);
	free(v->s);
	v->s = NULL;
	v->n = 0;
}

/* Copy the trimmed cells of a row block (an array field "cells"). */
static void strv_from_cells(struct strv *v, const ipm_val *cells, long line)
{
	size_t i;

	v->n = cells && cells->t == IPM_V_ARR ? cells->n : 0;
	v->s = ipm_calloc(v->n ? v->n : 1, sizeof *v->s);
	v->line = line;
	for (i = 0; i < v->n; i++) {
		const char *p = cells->items[i];
		size_t k = cells->ilen[i];
		ipm_zh_trim(&p, &k);
		v->s[i] = ipm_strndup(p, k);
	}
	while (v->n > 0 && v->s[v->n - 1][0] == '\0')   /* trailing empty cells */
		free(v->s[--v->n]);
}

ipm_stats *ipm_stats_new(const char *doc, int check, ipm_stats_emit emit,
                         void *ctx, ipm_rejects *rj)
{
	ipm_stats *st = ipm_calloc(1, sizeof *st);

	st->doc = doc ? ipm_strndup(doc, strlen(doc)) : NULL;
	st->check = check;
	st->emit = emit;
	st->ctx = ctx;
	st->rj = rj;
	st->out = ipm_rec_new();
	return st;
}

void ipm_stats_set_doc(ipm_stats *st, const char *doc)
{
	if (st->doc || !doc)
		return;
	st->doc = ipm_strndup(doc, strlen(doc));
}

const struct ipm_stats_counts *ipm_stats_counts(const ipm_stats *st) { return &st->c; }

static int squeezed_eq(const char *a, const char *b)
{
	ipm_buf x = {0}, y = {0};
	int eq;

	ipm_zh_squeeze(a, strlen(a), &x);
	ipm_zh_squeeze(b, strlen(b), &y);
	eq = x.len == y.len && (x.len == 0 || memcmp(x.s, y.s, x.len) == 0);
	ipm_buf_free(&x);
	ipm_buf_free(&y);
	return eq;
}

static int rows_equal(const struct strv *a, const struct strv *b)
{
	size_t i;

	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++)
		if (!squeezed_eq(a->s[i], b->s[i]))
			return 0;
	return 1;
}

static int is_number_cell(const char *s)
{
	struct ipm_zh_num v;

	ipm_zh_parse_num(s, strlen(s), &v);
	return v.ok && !v.percent;
}

static int any_number(const struct strv *v)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		if (is_number_cell(v->s[i]))
			return 1;
	return 0;
}

/* ---- table end ---- */

static void reset_table(ipm_stats *st)
{
	size_t i;

	for (i = 0; i < st->nrows; i++)
		strv_free(&st->rows[i]);
	st->nrows = 0;
	strv_free(&st->hdr[0]);
	strv_free(&st->hdr[1]);
	st->nhdr = 0;
	for (i = 0; i < st->ncols; i++) {
		free(st->cols[i].name);
		free(st->cols[i].unit);
	}
	free(st->cols);
	st->cols = NULL;
	st->ncols = st->width = 0;
	st->built = st->cont = st->hdr_skip = 0;
	ipm_buf_clear(&st->title);
	ipm_buf_clear(&st->tunit);
	ipm_buf_clear(&st->source);
	st->state = ST_NONE;
}

/* ---- header -> columns ---- */

static int is_rank_name(const char *n)
{
	return strstr(n, "排名") || strcmp(n, "序号") == 0 || strcmp(n, "名次") == 0;
}

static void build_cols(ipm_stats *st)
{
	size_t j, n = st->hdr[0].n;
	const char *top = "";
	int label_set = 0;

	if (st->nhdr > 1 && st->hdr[1].n > n)
		n = st->hdr[1].n;
	st->cols = ipm_calloc(n ? n : 1, sizeof *st->cols);
	st->ncols = n;
	for (j = 0; j < n; j++) {
		const char *t = j < st->hdr[0].n ? st->hdr[0].s[j] : "";
		const char *b = st->nhdr > 1 && j < st->hdr[1].n ? st->hdr[1].s[j] : "";
		const char *u = NULL;
		size_t ulen = 0, cut;
		ipm_buf name = {0};

		if (*t)
			top = t;
		else if (st->nhdr > 1 && j > 0)
			t = top;   /* a spanning top cell covers the empty ones after it */
		ipm_buf_clear(&st->tmp);
		ipm_buf_adds(&st->tmp, t);
		ipm_zh_strip_marks(st->tmp.s, &st->tmp.len);
		cut = ipm_zh_unit_paren(st->tmp.s, st->tmp.len, &u, &ulen);
		if (u)
			st->cols[j].unit = squeeze_dup(u, ulen);
		ipm_zh_squeeze(st->tmp.s, cut, &name);
		if (*b) {
			size_t bl = strlen(b);
			cut = ipm_zh_unit_paren(b, bl, &u, &ulen);
			if (u) {
				free(st->cols[j].unit);
				st->cols[j].unit = squeeze_dup(u, ulen);
			}
			if (name.len)
				ipm_buf_addc(&name, '/');
			ipm_zh_squeeze(b, cut, &name);
		}
		st->cols[j].name = dup_buf(&name);
		ipm_buf_free(&name);
		if (strcmp(st->cols[j].name, "单位") == 0)
			st->cols[j].kind = COL_UNIT;
		else if (is_rank_name(st->cols[j].name))
			st->cols[j].kind = COL_RANK;
		else if (!label_set) {
			st->cols[j].kind = COL_LABEL;
			label_set = 1;
		}
	}
	st->width = n;
	/* side by side: "排名 | 公司名称 | 排名 | 公司名称" */
	if (n >= 4 && n % 2 == 0) {
		size_t k = n / 2;
		for (j = 0; j < k; j++)
			if (strcmp(st->cols[j].name, st->cols[j + k].name) != 0)
				break;
		if (j == k) {
			st->width = k;
			for (j = 0; j < k; j++)
				st->cols[j + k].kind = st->cols[j].kind;
		}
	}
	st->built = 1;
}

/* ---- cells ---- */

static void add_flag(ipm_rec *r, const char *f) { ipm_rec_arr_push(r, "flags", f, strlen(f)); }

static void add_marks(ipm_rec *r, size_t marks)
{
	static const char stars[] = "*****";

	if (marks)
		ipm_rec_arr_push(r, "flags", stars, marks > 5 ? 5 : marks);
}

static void note_sum(ipm_stats *st, const char *label, size_t c, const struct ipm_zh_num *v,
                     const char *unit);

static int is_total_label(const char *s)
{
	return !strcmp(s, "全国") || !strcmp(s, "合计") || !strcmp(s, "总计") ||
	       !strcmp(s, "全国合计") || !strcmp(s, "全国总计");
}

/* What one row (or half row) gives all its cells. */
struct rowctx {
	ipm_buf label;           /* squeezed row label */
	size_t marks;            /* footnote marks on the label */
	const char *rowu;        /* unit in the label's parenthesis */
	size_t ulen;
	const char *unitcell;    /* the row's 单位 cell */
	long line;
};

static void set_opt(ipm_rec *o, const char *key, const ipm_buf *b)
{
	if (b->len)
		ipm_rec_set_str(o, key, b->s, b->len);
	else
		ipm_rec_set_null(o, key);
}

/* The unit of one cell, by precedence (see stats.h). */
static void set_unit(const ipm_stats *st, ipm_rec *o, const struct rowctx *rc,
                     const struct col *c, const struct ipm_zh_num *v)
{
	if (rc->unitcell)
		ipm_rec_set_cstr(o, "unit", rc->unitcell);
	else if (c->unit)
		ipm_rec_set_cstr(o, "unit", c->unit);
	else if (rc->rowu)
		ipm_rec_set_str(o, "unit", rc->rowu, rc->ulen);
	else if (v->percent)
		ipm_rec_set_cstr(o, "unit", "%");
	else
		set_opt(o, "unit", &st->tunit);
}

static void set_flags(ipm_rec *o, const struct rowctx *rc, const struct col *c,
                      const struct ipm_zh_num *v, const char *raw)
{
	ipm_rec_set_arr(o, "flags", NULL, NULL, 0);
	add_marks(o, rc->marks);
	add_marks(o, (size_t)v->marks);
	if (v->cmp)
		add_flag(o, v->cmp == IPM_ZH_GT ? ">" : v->cmp == IPM_ZH_LT ? "<" :
		            v->cmp == IPM_ZH_GE ? ">=" : "<=");
	if (v->paren)
		add_flag(o, "()");
	if (v->arrow)
		add_flag(o, v->arrow > 0 ? "up" : "down");
	if (c->kind == COL_RANK)
		add_flag(o, "rank");
	if (!v->ok && !v->nodata && raw[0])
		add_flag(o, "text");
}

/* Build and emit the record of one cell. */
static int emit_cell(ipm_stats *st, const struct rowctx *rc, size_t j, const char *raw)
{
	const struct col *c = &st->cols[j];
	struct ipm_zh_num v;
	ipm_rec *o = st->out;

	ipm_zh_parse_num(raw, strlen(raw), &v);
	ipm_rec_clear(o);
	ipm_rec_set_cstr(o, "doc", st->doc);
	set_opt(o, "table", &st->title);
	ipm_rec_set_str(o, "row", rc->label.s ? rc->label.s : "", rc->label.len);
	ipm_rec_set_cstr(o, "col", c->name);
	set_unit(st, o, rc, c, &v);
	if (v.ok)
		ipm_rec_set_num_text(o, "value", v.num, strlen(v.num));
	else
		ipm_rec_set_null(o, "value");
	ipm_rec_set_cstr(o, "raw", raw);
	set_opt(o, "source", &st->source);
	ipm_rec_set_long(o, "line", rc->line);
	set_flags(o, rc, c, &v, raw);
	st->c.cells++;
	if (v.ok)
		st->c.numbers++;
	if (st->check && v.ok && c->kind == COL_DATA)
		note_sum(st, rc->label.s ? rc->label.s : "", j, &v, ipm_rec_str(o, "unit"));
	return st->emit(st->ctx, o) != 0 ? -1 : 0;
}

/* Emit the cells of columns [g, g+width) of one data row: 1 when the part
 * has no data cells (a group label row, an empty half), else 0 or -1. */
static int emit_group(ipm_stats *st, const struct strv *r, size_t g)
{
	struct rowctx rc = { {0}, 0, NULL, 0, NULL, r->line };
	size_t j, lc = g, cut;
	const char *ls;
	size_t ln;
	int rv = 0, any = 0;

	for (j = g; j < g + st->width && j < st->ncols; j++)
		if (st->cols[j].kind == COL_LABEL)
			lc = j;
		else if (st->cols[j].kind == COL_UNIT && j < r->n && r->s[j][0])
			rc.unitcell = r->s[j];
	for (j = g; j < g + st->width && j < r->n; j++)
		if (j != lc && st->cols[j].kind != COL_UNIT && r->s[j][0])
			any = 1;
	if (!any)
		return 1;
	ls = lc < r->n ? r->s[lc] : "";
	ln = strlen(ls);
	rc.marks = ipm_zh_strip_marks(ls, &ln);
	cut = ipm_zh_unit_paren(ls, ln, &rc.rowu, &rc.ulen);
	ipm_zh_squeeze(ls, cut, &rc.label);
	st->c.rows++;
	for (j = g; j < g + st->width && j < st->ncols && rv == 0; j++)
		if (j != lc && st->cols[j].kind != COL_UNIT)
			rv = emit_cell(st, &rc, j, j < r->n ? r->s[j] : "");
	ipm_buf_free(&rc.label);
	return rv;
}

/* Emit the buffered rows of the open table and free them. */
static int emit_rows(ipm_stats *st)
{
	size_t i, g;
	int rc = 0;

	if (!st->built)
		build_cols(st);
	for (i = 0; i < st->nrows && rc == 0; i++) {
		int empty = 1;
		for (g = 0; g < st->ncols && rc == 0; g += st->width) {
			int e = emit_group(st, &st->rows[i], g);
			if (e < 0)
				rc = -1;
			else if (e == 0)
				empty = 0;
		}
		if (empty)
			st->c.group_rows++;
	}
	for (i = 0; i < st->nrows; i++)
		strv_free(&st->rows[i]);
	st->nrows = 0;
	return rc;
}

static int flush_table(ipm_stats *st)
{
	int rc = 0;

	if (st->state == ST_ROWS || st->state == ST_TAIL)
		rc = emit_rows(st);
	reset_table(st);
	return rc;
}

/* ---- --check bookkeeping ---- */

static int title_year(const char *t)
{
	const char *p;

	for (p = t; *p; p++)
		if (p[0] == '2' && p[1] == '0' && p[2] >= '0' && p[2] <= '9' &&
		    p[3] >= '0' && p[3] <= '9' && (p == t || p[-1] < '0' || p[-1] > '9') &&
		    !(p[4] >= '0' && p[4] <= '9')) {
			/* the last year of a range "2012—2016 年" is the one meant */
			const char *q = p + 4;
			int y = atoi(p);
			if (!strncmp(q, "\xE2\x80\x94", 3) || *q == '-')
				continue;
			return y;
		}
	return 0;
}

static struct sum *find_sum(ipm_stats *st, size_t c)
{
	size_t i;
	const char *t = st->title.s ? st->title.s : "";

	for (i = st->nsums; i-- > 0;)
		if (!strcmp(st->sums[i].table, t) && !strcmp(st->sums[i].key, st->cols[c].name))
			return &st->sums[i];
	st->sums = ipm_realloc(st->sums, (st->nsums + 1) * sizeof *st->sums);
	memset(&st->sums[st->nsums], 0, sizeof *st->sums);
	st->sums[st->nsums].table = ipm_strndup(t, strlen(t));
	st->sums[st->nsums].key = ipm_strndup(st->cols[c].name, strlen(st->cols[c].name));
	st->sums[st->nsums].year = title_year(t);
	return &st->sums[st->nsums++];
}

static void note_sum(ipm_stats *st, const char *label, size_t c, const struct ipm_zh_num *v,
                     const char *unit)
{
	const char *lh = st->cols[0].name;
	struct sum *s;

	if (unit && st->ncols > 1 && st->cols[1].kind == COL_UNIT && st->nnat < 100000) {
		struct natl *n;
		st->nat = ipm_realloc(st->nat, (st->nnat + 1) * sizeof *st->nat);
		n = &st->nat[st->nnat++];
		n->row = ipm_strndup(label, strlen(label));
		n->col = ipm_strndup(st->cols[c].name, strlen(st->cols[c].name));
		n->unit = ipm_strndup(unit, strlen(unit));
		n->table = ipm_strndup(st->title.s ? st->title.s : "", st->title.len);
		n->v = v->v;
		return;
	}
	if (!(strstr(lh, "省") || strstr(lh, "地区") || strstr(lh, "行业")) || st->nsums >= 100000)
		return;
	/* shares, rates and per-head figures do not add up */
	if ((unit && (!strcmp(unit, "%") || strchr(unit, '/'))) || strstr(st->cols[c].name, "每") ||
	    strstr(st->cols[c].name, "率") || strstr(st->cols[c].name, "比重"))
		return;
	s = find_sum(st, c);
	if (!s->unit && unit)
		s->unit = ipm_strndup(unit, strlen(unit));
	if (is_total_label(label)) {
		s->total = v->v;
		s->has_total = 1;
	} else {
		s->sum += v->v;
		s->rows++;
	}
}

/* The national value for a province column: a row named like the column
 * (its name before any "/"), in the column of the table's year. */
static const struct natl *national(const ipm_stats *st, const struct sum *s)
{
	char year[16];
	size_t i;

	snprintf(year, sizeof year, "%d年", s->year);
	for (i = 0; i < st->nnat; i++)
		if (!strcmp(st->nat[i].row, s->key) && !strcmp(st->nat[i].col, year))
			return &st->nat[i];
	return NULL;
}

void ipm_stats_check(const ipm_stats *st, FILE *out)
{
	size_t i;

	fputs("table\tcol\tunit\trows\tsum\ttotal\ttotal_from\tdiff_pct\n", out);
	for (i = 0; i < st->nsums; i++) {
		const struct sum *s = &st->sums[i];
		const struct natl *n = NULL;
		double total = s->total, f = 1;
		const char *from = "total row";

		if (!s->has_total) {
			const char *b1, *b2;
			size_t l1, l2;
			double f1, f2;
			if (!s->year || !s->unit || !(n = national(st, s)))
				continue;
			f1 = ipm_zh_unit_scale(s->unit, strlen(s->unit), &b1, &l1);
			f2 = ipm_zh_unit_scale(n->unit, strlen(n->unit), &b2, &l2);
			if (l1 != l2 || memcmp(b1, b2, l1) != 0)
				continue;
			f = f1 / f2;
			total = n->v;
			from = n->table;
		}
		fprintf(out, "%s\t%s\t%s\t%zu\t%.10g\t%.10g\t%s\t%.2f\n", s->table, s->key,
		        n ? n->unit : s->unit ? s->unit : "", s->rows, s->sum * f, total, from,
		        total != 0 ? 100.0 * (s->sum * f - total) / fabs(total) : 0.0);
	}
}

/* ---- blocks ---- */

static int text_starts(const char *s, const char *p) { return ipm_zh_starts(s, strlen(s), p); }

/* Text after a "数据来源：" style label (ASCII or full-width colon). */
static const char *after_colon(const char *s)
{
	const char *p = strstr(s, "\xEF\xBC\x9A");
	const char *q = strchr(s, ':');

	if (p && (!q || p < q))
		return p + 3;
	return q ? q + 1 : s + strlen(s);
}

/* s is "LABEL：…" or "LABEL: …" ("注：", not "注册用户"). */
static int is_label(const char *s, const char *label)
{
	if (!text_starts(s, label))
		return 0;
	s += strlen(label);
	while (*s == ' ')
		s++;
	return *s == ':' || text_starts(s, "\xEF\xBC\x9A");
}

static int is_note(const char *s) { return is_label(s, "注"); }

/* A source line that a layout stage joined with the next table's title
 * ("…《中国统计年鉴》2012—2016 年全国…情况"): where the title starts, or
 * the end of s. A title starts with a year right after text (not after a
 * comma or colon: "IDC，2016年2月" is a source) and has no 。or ， after it. */
static const char *joined_title(const char *s)
{
	const char *p, *end = s + strlen(s);

	for (p = s + 1; p + 4 <= end; p++) {
		unsigned char b = (unsigned char)p[-1];
		if (!(p[0] == '2' && p[1] == '0' && p[2] >= '0' && p[2] <= '9' &&
		      p[3] >= '0' && p[3] <= '9'))
			continue;
		if ((b >= '0' && b <= '9') || b == ' ' || b == ',' || b == ':' || b == '.' ||
		    (p - s >= 3 && (!strncmp(p - 3, "\xEF\xBC\x8C", 3) ||   /* ， */
		                    !strncmp(p - 3, "\xEF\xBC\x9A", 3) ||   /* ： */
		                    !strncmp(p - 3, "\xE3\x80\x81", 3))))  /* 、 */
			continue;
		if (strstr(p, "年") && !strstr(p, "\xE3\x80\x82") && !strstr(p, "\xEF\xBC\x8C"))
			return p;
	}
	return end;
}

static int is_subtitle(const char *s)
{
	/* "（一）…", "(三) …", "自然科学类一等奖：1 项" */
	if (text_starts(s, "\xEF\xBC\x88") || s[0] == '(') {
		const char *p = s[0] == '(' ? s + 1 : s + 3;
		return strncmp(p, "\xE4\xB8", 2) == 0 || strncmp(p, "\xE5\x9B\x9B", 3) == 0 ||
		       strncmp(p, "\xE5\x85", 2) == 0 || strncmp(p, "\xE5\x8D\x81", 3) == 0 ||
		       strncmp(p, "\xE4\xBA\x8C", 3) == 0 || strncmp(p, "\xE4\xBA\x94", 3) == 0;
	}
	return strstr(s, "\xEF\xBC\x9A") != NULL;   /* full-width colon */
}

static int starts_title(const char *s)
{
	return (s[0] >= '0' && s[0] <= '9') || text_starts(s, "表");
}

static void set_title(ipm_stats *st)
{
	const char *last = st->ncand ? st->cand[st->ncand - 1].s : NULL;
	const char *prev = st->ncand > 1 ? st->cand[0].s : NULL;

	ipm_buf_clear(&st->title);
	if (!last)
		return;
	if (is_subtitle(last)) {
		if (prev && !is_subtitle(prev)) {
			ipm_buf_clear(&st->group);
			ipm_buf_adds(&st->group, prev);
		}
		if (st->group.len)
			ipm_zh_squeeze(st->group.s, st->group.len, &st->title);
	} else if (prev && (last[0] == '(' || text_starts(last, "\xEF\xBC\x88") ||
	                    (starts_title(prev) && !starts_title(last)))) {
		ipm_zh_squeeze(prev, strlen(prev), &st->title);
		ipm_buf_clear(&st->group);
	} else {
		ipm_buf_clear(&st->group);
	}
	ipm_zh_squeeze(last, strlen(last), &st->title);
	st->ncand = 0;
}

static void start_table(ipm_stats *st, struct strv *hdr)
{
	size_t i;

	reset_table(st);
	for (i = 0; i < hdr->n; i++)
		if (is_number_cell(hdr->s[i])) {   /* a TOC line or a list: no header */
			st->state = ST_SKIP;
			st->c.headerless++;
			st->c.headerless_rows++;
			st->ncand = 0;
			strv_free(hdr);
			return;
		}
	set_title(st);
	if (st->unit_line.len) {
		ipm_buf_add(&st->tunit, st->unit_line.s, st->unit_line.len);
		ipm_buf_clear(&st->unit_line);
	}
	st->hdr[0] = *hdr;
	st->nhdr = 1;
	st->state = ST_ROWS;
	st->c.tables++;
}

/* The first data row repeats a header cell in its column: the "header" was data. */
static int header_is_data(const ipm_stats *st, const struct strv *r)
{
	size_t j;

	for (j = 0; j < r->n && j < st->hdr[0].n; j++)
		if (r->s[j][0] && !is_number_cell(r->s[j]) && !strcmp(r->s[j], st->hdr[0].s[j]))
			return 1;
	return 0;
}

/* Rows held per table before they are written without waiting for the
 * source line (memory bound for endless tables). */
#define MAX_HELD_ROWS 100000

static int add_row(ipm_stats *st, struct strv *r)
{
	if (st->nrows >= MAX_HELD_ROWS) {
		ipm_err(st->file, r->line, "table longer than %d rows: its cells are written "
		        "before its source line is known (source null)", MAX_HELD_ROWS);
		if (emit_rows(st) != 0)
			return -1;
	}
	if (st->nrows == st->caprows) {
		st->caprows = st->caprows ? 2 * st->caprows : 64;
		st->rows = ipm_realloc(st->rows, st->caprows * sizeof *st->rows);
	}
	st->rows[st->nrows++] = *r;
	return 0;
}

static int on_row(ipm_stats *st, const ipm_rec *b)
{
	struct strv r;

	strv_from_cells(&r, ipm_rec_get(b, "cells"), ipm_rec_long(b, "line", 0));
	if (r.n == 0) {
		strv_free(&r);
		return 0;
	}
	if (st->state == ST_SKIP) {
		st->c.headerless_rows++;
		strv_free(&r);
		return 0;
	}
	if (st->state == ST_TAIL && !st->cont) {
		if (flush_table(st) != 0) {
			strv_free(&r);
			return -1;
		}
	}
	if (st->state == ST_NONE) {
		start_table(st, &r);
		return 0;
	}
	st->state = ST_ROWS;
	if (st->cont) {
		st->cont = 0;
		if (rows_equal(&r, &st->hdr[0]) || (r.n && st->hdr[0].n &&
		    squeezed_eq(r.s[0], st->hdr[0].s[0]) && !any_number(&r))) {
			st->hdr_skip = (int)st->nhdr - 1;
			strv_free(&r);
			return 0;
		}
		ipm_err(st->file, r.line, "续表 without its header repeated");
	} else if (st->hdr_skip > 0) {
		st->hdr_skip--;
		if (rows_equal(&r, &st->hdr[1]) || !any_number(&r)) {
			strv_free(&r);
			return 0;
		}
	} else if (st->nrows == 0 && st->nhdr == 1 && r.n && r.s[0][0] == '\0' && !any_number(&r)) {
		st->hdr[1] = r;   /* a second header row under spanning cells */
		st->nhdr = 2;
		return 0;
	}
	if (st->nrows == 0 && st->nhdr == 1 && header_is_data(st, &r)) {
		st->c.tables--;
		st->c.headerless++;
		st->c.headerless_rows += 2;
		reset_table(st);
		st->state = ST_SKIP;
		strv_free(&r);
		return 0;
	}
	if (is_note(r.s[0])) {
		st->c.notes++;
		strv_free(&r);
		return 0;
	}
	if (!st->built)
		build_cols(st);
	if (r.n > st->ncols && st->rj) {
		ipm_buf_clear(&st->tmp);
		ipm_buf_printf(&st->tmp, "row has %zu cells, header %zu", r.n, st->ncols);
		ipm_reject(st->rj, st->file, r.line, st->tmp.s, r.s[st->ncols],
		           strlen(r.s[st->ncols]));
	}
	return add_row(st, &r);
}

/* A line of running text: not a title. */
static int is_narrative(const char *s)
{
	return strlen(s) > 150 || strstr(s, "\xE3\x80\x82") != NULL;   /* 。 */
}

static int on_text(ipm_stats *st, char *t, int heading)
{
	if (st->state == ST_SKIP)
		st->state = ST_NONE;
	if (st->state == ST_ROWS || st->state == ST_TAIL) {
		if (text_starts(t, "续表")) {
			st->cont = 1;
			st->c.joins++;
			return 0;
		}
		if (is_note(t)) {
			st->c.notes++;
			st->state = ST_TAIL;
			return 0;
		}
		if (text_starts(t, "数据来源") || text_starts(t, "资料来源")) {
			const char *p = after_colon(t), *title = joined_title(p);
			size_t n = (size_t)(title - p);
			ipm_zh_trim(&p, &n);
			ipm_buf_clear(&st->source);
			ipm_buf_add(&st->source, p, n);
			st->state = ST_TAIL;
			if (!*title)
				return 0;
			if (flush_table(st) != 0)
				return -1;
			t = (char *)title;   /* the next table's title, joined on by the extractor */
		} else {
			if (flush_table(st) != 0)
				return -1;
		}
	}
	st->c.other_blocks++;
	{
		/* "单位：%", or "…比重单位：%": a title with its unit line joined on */
		char *u = strstr(t, "单位");
		if (u && is_label(u, "单位") && strlen(u) < 40) {
			const char *p = after_colon(u);
			size_t n = strlen(p);
			ipm_zh_trim(&p, &n);
			ipm_buf_clear(&st->unit_line);
			ipm_zh_squeeze(p, n, &st->unit_line);
			if (u == t)
				return 0;
			*u = '\0';
		}
	}
	if (is_narrative(t) || (heading && !is_subtitle(t))) {
		st->ncand = 0;
		ipm_buf_clear(&st->group);
		ipm_buf_clear(&st->unit_line);
		if (heading) {
			ipm_buf_clear(&st->cand[0]);
			ipm_buf_adds(&st->cand[0], t);
			st->ncand = 1;
		}
		return 0;
	}
	if (st->ncand == 2) {
		ipm_buf tmp = st->cand[0];
		st->cand[0] = st->cand[1];
		st->cand[1] = tmp;
		st->ncand = 1;
	}
	ipm_buf_clear(&st->cand[st->ncand]);
	ipm_buf_adds(&st->cand[st->ncand], t);
	st->ncand++;
	return 0;
}

int ipm_stats_block(ipm_stats *st, const ipm_rec *b, const char *file)
{
	const char *type = ipm_rec_str(b, "type");
	const char *text;

	st->file = file;
	if (!type)
		return 0;
	if (!strcmp(type, "row"))
		return on_row(st, b);
	if (!strcmp(type, "doc")) {
		ipm_stats_set_doc(st, ipm_rec_str(b, "doc"));
		return 0;
	}
	text = ipm_rec_str(b, "text");
	if (!text || (strcmp(type, "para") && strcmp(type, "heading"))) {
		st->c.other_blocks++;
		return 0;
	}
	{
		const char *p = text;
		size_t n = strlen(text);
		int rc;
		ipm_zh_trim(&p, &n);
		ipm_buf_clear(&st->tmp);
		ipm_buf_add(&st->tmp, p, n);
		{
			char *copy = dup_buf(&st->tmp);
			rc = on_text(st, copy, !strcmp(type, "heading"));
			free(copy);
		}
		return rc;
	}
}

int ipm_stats_finish(ipm_stats *st)
{
	return flush_table(st);
}

void ipm_stats_free(ipm_stats *st)
{
	size_t i;

	if (!st)
		return;
	reset_table(st);
	free(st->rows);
	for (i = 0; i < st->nsums; i++) {
		free(st->sums[i].table);
		free(st->sums[i].key);
		free(st->sums[i].unit);
		free(st->sums[i].col);
	}
	free(st->sums);
	for (i = 0; i < st->nnat; i++) {
		free(st->nat[i].row);
		free(st->nat[i].col);
		free(st->nat[i].unit);
		free(st->nat[i].table);
	}
	free(st->nat);
	ipm_buf_free(&st->cand[0]);
	ipm_buf_free(&st->cand[1]);
	ipm_buf_free(&st->group);
	ipm_buf_free(&st->unit_line);
	ipm_buf_free(&st->title);
	ipm_buf_free(&st->tunit);
	ipm_buf_free(&st->source);
	ipm_buf_free(&st->tmp);
	ipm_rec_free(st->out);
	free(st->doc);
	free(st);
}
