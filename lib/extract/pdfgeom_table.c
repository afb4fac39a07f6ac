/* pdfgeom_table: one table of a PDF page geometry -> row blocks.
 *  - columns: from the vertical rules between the header's cells, else from
 *    where body text starts between two header cells (x-clusters), else the
 *    middle of the gap;
 *  - the table goes on (over pages) until a heading, a line that crosses a
 *    column boundary, a line below the last rule of a ruled page part, a
 *    wide vertical gap, or a new header; running headers/footers and
 *    repeated table headers inside it are dropped as rejects;
 *  - each column's lines become pieces: names (column 0) joined over their
 *    lines, items split where a dated item or a bullet starts or the line
 *    pitch widens (on the column's own baseline; in ruled rows inside a
 *    name cell, only at a rule; not at a page's foot under a full line),
 *    links split where a URL starts;
 *  - name cells: horizontal rules across column 0 separate them (not one
 *    through a page part's first or last line: its frame); without
 *    rules, a name starts its cell (top-aligned) or sits in the middle of
 *    its items (centred); a cell part without a name on one side of a page
 *    break belongs to the named part on the other side, and so does a part
 *    without an item of its own (a name wrapped or centred past the break);
 *  - one row block per name cell: [name, items, links] with "lines". */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "pdfgeom_impl.h"
#include "text/dates.h"
#include "text/urls.h"
#include "text/zh.h"

#define PAGE_SPAN 100000.0   /* global position: page * PAGE_SPAN + y */

typedef struct {
	int col;
	size_t page, page_end;   /* where it starts and ends */
	float y0, y1, size;
	double top, bot;   /* global positions */
	long no;
	long grp;          /* unruled: the name (index) it belongs to, -1 none */
	ipm_buf text;
	long *nos;         /* line numbers of the lines joined (first only used) */
} pc_piece;

typedef struct {
	double at;
	int hard;
} pc_sep;

typedef struct {
	pg_ctx *c;
	int ncol;
	float bx[PG_MAX_COLS + 1];   /* column k is [bx[k], bx[k+1]) */
	pg_hdr hdr;                  /* the header (its cells, to spot repeats) */
	pg_hdr again;                /* a header further down */
	/* the table's lines */
	size_t *lp, *li, nl, capl;
	pc_piece *pc;
	size_t npc, cappc;
	pc_sep *sep;
	size_t nsep, capsep;
	int ruled;
	int rowspan;       /* rules across the items that miss the names */
	int item_rows;     /* name cells span several ruled item rows */
} pc_tab;

void pg_put(pg_ctx *c, int rc)
{
	if (rc != 0)
		c->failed = 1;
}

void pg_drop(pg_ctx *c, long line, const char *why, const char *s, size_t n)
{
	ipm_reject(c->rj, c->name, line, why, s, n);
}

static int starts_item(const char *s, size_t n)
{
	struct ipm_date dt;
	int bul = 0;
	size_t k = ipm_zh_skip_bullet(s, n, &bul);

	return bul || ipm_date_at(s + k, n - k, &dt) > 0;
}

static const char *const roles[] = { "actor", "item", "link" };

/* Role (0 actor, 1 item, 2 link) of a header word, -1 if none. */
static int word_role(pg_ctx *c, const char *s, size_t n)
{
	size_t r, nr;
	int wc, rc, k;

	if (!c->colwords)
		return -1;
	wc = ipm_table_col(c->colwords, "word");
	rc = ipm_table_col(c->colwords, "role");
	if (wc < 0 || rc < 0)
		return -1;
	nr = ipm_table_nrows(c->colwords);
	for (r = 0; r < nr; r++) {
		if (ipm_table_len(c->colwords, r, wc) != n || memcmp(ipm_table_cell(c->colwords, r, wc), s, n))
			continue;
		for (k = 0; k < 3; k++)
			if (strcmp(ipm_table_cell(c->colwords, r, rc), roles[k]) == 0)
				return k;
	}
	return -1;
}

/* Does s (a header cell, maybe cut by a wrap) begin a header word? */
static int word_prefix(pg_ctx *c, const char *s, size_t n)
{
	size_t r, nr;
	int wc;

	if (!c->colwords || n < 3)
		return 0;
	wc = ipm_table_col(c->colwords, "word");
	nr = ipm_table_nrows(c->colwords);
	for (r = 0; r < nr; r++)
		if (ipm_table_len(c->colwords, r, wc) > n && memcmp(ipm_table_cell(c->colwords, r, wc), s, n) == 0)
			return 1;
	return 0;
}

/* The header cell that [x0, x1] overlaps (2 points of slack), or h->ncol. */
static int hdr_cell_at(const pg_hdr *h, float x0, float x1)
{
	int k;

	for (k = 0; k < h->ncol; k++)
		if (x0 < h->x1[k] + 2 && x1 > h->x0[k] - 2)
			break;
	return k;
}

/* Fragments of line l into the header cells h (by x overlap). Returns 0
 * when they make too many cells. */
static int band_add(pg_ctx *c, const pg_page *p, const pg_line *l, pg_hdr *h)
{
	float x0[PG_MAX_COLS + 1], x1[PG_MAX_COLS + 1];
	size_t nf, i, st = 0, f = 0;
	int k, j;

	ipm_buf_clear(&c->tmp);
	nf = pg_fragments(p, l, 0.8f, x0, x1, PG_MAX_COLS + 1, &c->tmp);
	if (nf > PG_MAX_COLS)
		return 0;
	for (i = 0; i <= c->tmp.len; i++) {
		if (i < c->tmp.len && c->tmp.s[i] != '\t')
			continue;
		k = hdr_cell_at(h, x0[f], x1[f]);
		if (k == h->ncol) {
			if (h->ncol == PG_MAX_COLS)
				return 0;
			for (k = 0; k < h->ncol && h->x0[k] < x0[f]; k++)
				;
			for (j = h->ncol; j > k; j--) {
				ipm_buf t = h->cell[j];
				h->x0[j] = h->x0[j - 1];
				h->x1[j] = h->x1[j - 1];
				h->cell[j] = h->cell[j - 1];
				h->cell[j - 1] = t;
			}
			ipm_buf_clear(&h->cell[k]);
			h->x0[k] = x0[f];
			h->x1[k] = x1[f];
			h->ncol++;
		}
		pg_join(&h->cell[k], c->tmp.s + st, i - st);
		h->x0[k] = fminf(h->x0[k], x0[f]);
		h->x1[k] = fmaxf(h->x1[k], x1[f]);
		st = i + 1;
		f++;
	}
	h->y0 = fminf(h->y0, l->y0);
	h->y1 = fmaxf(h->y1, l->y1);
	return 1;
}

/* Are the cells of h a table header: 2+ short cells, two of them column
 * words (or their starts), the first an actor's? */
static int band_ok(pg_ctx *c, const pg_hdr *h)
{
	int k, known = 0, first = -1;

	if (h->ncol < 2)
		return 0;
	for (k = 0; k < h->ncol; k++) {
		const ipm_buf *b = &h->cell[k];
		int r = word_role(c, b->s, b->len), pre = word_prefix(c, b->s, b->len);
		if (r >= 0 || pre)
			known++;
		if (k == 0)
			first = r >= 0 ? r : pre ? 0 : -1;
		if (!b->len || ipm_cp_count(b->s, b->len) > 8)
			return 0;
	}
	return known >= 2 && first == 0;
}

/* Line l right under the band: only short text inside the cells. */
static int band_more(pg_ctx *c, const pg_page *p, const pg_line *l, const pg_hdr *h)
{
	float x0[PG_MAX_COLS + 1], x1[PG_MAX_COLS + 1];
	size_t nf, i, st = 0, f = 0;
	int k;

	if (l->furn || l->y0 - h->y1 > 0.6f * l->size || l->y0 < h->y0)
		return 0;
	ipm_buf_clear(&c->tmp);
	nf = pg_fragments(p, l, 0.8f, x0, x1, PG_MAX_COLS + 1, &c->tmp);
	if (nf > (size_t)h->ncol)
		return 0;
	for (i = 0; i <= c->tmp.len; i++) {
		if (i < c->tmp.len && c->tmp.s[i] != '\t')
			continue;
		k = hdr_cell_at(h, x0[f], x1[f]);
		if (k == h->ncol || ipm_cp_count(c->tmp.s + st, i - st) > 4 || starts_item(c->tmp.s + st, i - st))
			return 0;
		st = i + 1;
		f++;
	}
	return 1;
}

static void hdr_reset(pg_hdr *h)
{
	int k;

	for (k = 0; k < PG_MAX_COLS; k++)
		ipm_buf_clear(&h->cell[k]);
	h->ncol = 0;
	h->nl = 0;
	h->y0 = 1e30f;
	h->y1 = -1e30f;
}

void pg_hdr_free(pg_hdr *h)
{
	int k;

	for (k = 0; k < PG_MAX_COLS; k++)
		ipm_buf_free(&h->cell[k]);
}

int pg_header(pg_ctx *c, const pg_page *p, size_t li, pg_hdr *h)
{
	size_t k, j;

	for (k = 0; k < 3 && li + k < p->nln; k++) {
		hdr_reset(h);
		for (j = 0; j <= k; j++) {
			const pg_line *l = &p->ln[li + j];
			if (l->furn || (j && l->y0 - p->ln[li + j - 1].y1 > 0.6f * l->size) ||
			    !band_add(c, p, l, h))
				break;
		}
		if (j <= k || !band_ok(c, h))
			continue;
		h->nl = k + 1;
		/* a cell wrapped further ("发布机" / "构") */
		while (li + h->nl < p->nln && h->nl < 6 && band_more(c, p, &p->ln[li + h->nl], h)) {
			band_add(c, p, &p->ln[li + h->nl], h);
			h->nl++;
		}
		return h->ncol;
	}
	hdr_reset(h);
	return 0;
}

static int hdr_same(const pg_hdr *a, const pg_hdr *b)
{
	int k;

	if (a->ncol != b->ncol)
		return 0;
	for (k = 0; k < a->ncol; k++)
		if (a->cell[k].len != b->cell[k].len || memcmp(a->cell[k].s, b->cell[k].s, a->cell[k].len))
			return 0;
	return 1;
}

/* ---- columns ---- */

static int near_count(const float *v, size_t n, float x)
{
	size_t i;
	int k = 0;

	for (i = 0; i < n; i++)
		if (fabsf(v[i] - x) <= 2)
			k++;
	return k;
}

static void columns(pc_tab *t, const pg_page *p, size_t hl)
{
	pg_ctx *c = t->c;
	const pg_hdr *h = &t->hdr;
	const float *x0 = h->x0, *x1 = h->x1;
	float *starts = NULL;
	size_t nf = (size_t)h->ncol, i, j, ns = 0, caps = 0;
	int k;

	t->ncol = h->ncol;
	/* the starts of body fragments below the header on its page */
	for (j = hl + h->nl; j < p->nln && j < hl + 80; j++) {
		float f0[16], f1[16];
		size_t m, q;
		ipm_buf_clear(&c->tmp2);
		m = pg_fragments(p, &p->ln[j], 0.6f, f0, f1, 16, &c->tmp2);
		for (q = 0; q < m && q < 16; q++) {
			if (ns == caps) {
				caps = caps ? caps * 2 : 64;
				starts = ipm_realloc(starts, caps * sizeof *starts);
			}
			starts[ns++] = f0[q];
		}
	}
	t->bx[0] = -1e9f;
	t->bx[nf] = 1e9f;
	for (k = 1; k < (int)nf; k++) {
		float lo = x1[k - 1], hi = x0[k], best = 1e9f;
		/* a vertical rule between the two header cells */
		for (i = 0; i < p->nvr; i++) {
			const pg_rule *r = &p->vr[i];
			if (r->at > lo && r->at < hi && r->a0 <= h->y1 && r->a1 >= h->y0 - 1 && r->at < best)
				best = r->at;
		}
		if (best < 1e9f) {
			t->ruled = 1;
			t->bx[k] = best;
			continue;
		}
		for (i = 0; i < ns; i++)
			if (starts[i] > lo - 1 && starts[i] <= hi + 1 && starts[i] < best && near_count(starts, ns, starts[i]) >= 2)
				best = starts[i];
		t->bx[k] = best < 1e9f ? best - 1 : (lo + hi) / 2;
	}
	free(starts);
	/* the table's outer rules */
	for (i = 0; i < p->nvr; i++) {
		const pg_rule *r = &p->vr[i];
		if (r->a0 <= h->y1 && r->a1 >= h->y0 - 1) {
			if (r->at < x0[0] && r->at > t->bx[0])
				t->bx[0] = r->at;
			if (r->at > x1[nf - 1] && r->at < t->bx[nf])
				t->bx[nf] = r->at;
		}
	}
}

/* ---- which lines are the table's ---- */

static void add_line(pc_tab *t, size_t pi, size_t li)
{
	if (t->nl == t->capl) {
		t->capl = t->capl ? t->capl * 2 : 64;
		t->lp = ipm_realloc(t->lp, t->capl * sizeof *t->lp);
		t->li = ipm_realloc(t->li, t->capl * sizeof *t->li);
	}
	t->lp[t->nl] = pi;
	t->li[t->nl++] = li;
}

/* A horizontal rule across x in page p, below y: the lowest one's y (or -1). */
static float lowest_rule(const pg_page *p, float xa, float xb)
{
	size_t i;
	float y = -1;

	for (i = 0; i < p->nhr; i++)
		if (p->hr[i].a0 <= xb && p->hr[i].a1 >= xa && p->hr[i].a1 - p->hr[i].a0 > (xb - xa) * 0.3f)
			y = fmaxf(y, p->hr[i].at);
	return y;
}

static int crosses(const pc_tab *t, const pg_page *p, const pg_line *l)
{
	size_t k;
	int b;

	for (k = l->first; k < l->first + l->n; k++) {
		const pg_glyph *g = &p->g[p->order[k]];
		for (b = 1; b < t->ncol; b++)
			if (g->x0 < t->bx[b] - 1 && g->x1 > t->bx[b] + 1 && g->cp != ' ')
				return 1;
	}
	return 0;
}

/* In a ruled table: a column rule runs beside the line. */
static int in_ruled(const pc_tab *t, const pg_page *p, const pg_line *l)
{
	float ym = (l->y0 + l->y1) / 2;
	size_t i;

	for (i = 0; i < p->nvr; i++)
		if (fabsf(p->vr[i].at - t->bx[1]) < 2 && p->vr[i].a0 <= ym && p->vr[i].a1 >= ym)
			return 1;
	return 0;
}

/* Below the last rule of a page: the start of a row that a page break
 * splits (its column rules are drawn on the next page): right under the
 * rule, or right under such a line. */
static int split_row(const pg_line *l, const pg_line *prev, float low)
{
	if (low < 0 || l->y0 < low - 1)
		return 0;
	return l->y0 - low < 1.2f * l->size || (prev && prev->y0 > low && l->y0 - prev->y1 < 1.5f * l->size);
}

/* Below the last rule of a page: the rest of the page is table-like and
 * the table goes on at the top of the next page (a row split by the break,
 * its rules drawn only there). */
static int split_tail(pc_tab *t, size_t pi, size_t li)
{
	const pg_doc *d = t->c->d;
	const pg_page *p = &d->p[pi];
	size_t j;

	for (j = li; j < p->nln; j++) {
		const pg_line *l = &p->ln[j];
		if (l->furn)
			continue;
		ipm_buf_clear(&t->c->tmp2);
		pg_text(p, l->first, l->first + l->n, -1e9f, 1e9f, &t->c->tmp2);
		if (ipm_zh_heading_level(t->c->tmp2.s, t->c->tmp2.len) > 0 || crosses(t, p, l))
			return 0;
	}
	if (pi + 1 >= d->np)
		return 0;
	p = &d->p[pi + 1];
	for (j = 0; j < p->nln; j++)
		if (!p->ln[j].furn)
			return in_ruled(t, p, &p->ln[j]);
	return 0;
}

/* Walk from the header: collect the table's lines; *np, *nl: where the
 * document goes on. */
static void collect(pc_tab *t, size_t hp, size_t hl, size_t *np, size_t *nl)
{
	pg_ctx *c = t->c;
	const pg_doc *d = c->d;
	size_t pi = hp, li;
	const pg_line *prev = &d->p[hp].ln[hl + t->hdr.nl - 1];
	float xa = t->bx[0] > -1e8f ? t->bx[0] : d->p[hp].ln[hl].x0;
	float xb = t->bx[t->ncol] < 1e8f ? t->bx[t->ncol] : d->p[hp].ln[hl].x1;

	for (li = hl; li < hl + t->hdr.nl; li++)
		add_line(t, hp, li);
	for (; pi < d->np; pi++, li = 0) {
		const pg_page *p = &d->p[pi];
		float low = lowest_rule(p, xa, xb);
		for (; li < p->nln; li++) {
			const pg_line *l = &p->ln[li];
			ipm_buf_clear(&c->tmp);
			pg_text(p, l->first, l->first + l->n, -1e9f, 1e9f, &c->tmp);
			if (!l->furn && pg_header(c, p, li, &t->again)) {
				size_t k;
				if (!hdr_same(&t->again, &t->hdr))
					goto end;   /* another table */
				for (k = li; k < li + t->again.nl; k++) {
					ipm_buf_clear(&c->tmp);
					pg_text(p, p->ln[k].first, p->ln[k].first + p->ln[k].n, -1e9f, 1e9f, &c->tmp);
					pg_drop(c, p->ln[k].no, "pdf: repeated table header", c->tmp.s, c->tmp.len);
				}
				li += t->again.nl - 1;
				prev = NULL;
				continue;
			}
			ipm_buf_clear(&c->tmp);
			pg_text(p, l->first, l->first + l->n, -1e9f, 1e9f, &c->tmp);
			if (l->furn) {
				pg_drop(c, l->no, "pdf: page furniture", c->tmp.s, c->tmp.len);
				continue;
			}
			if ((ipm_zh_heading_level(c->tmp.s, c->tmp.len) > 0 && l->x0 < t->bx[1]) ||
			    crosses(t, p, l) || (t->ruled && !in_ruled(t, p, l) && !split_row(l, prev, low) && !split_tail(t, pi, li)) ||
			    (!t->ruled && low >= 0 && l->y0 > low + l->size && (!prev || l->y0 - prev->y1 > 0.8f * l->size)) ||
			    (prev && !t->ruled && l->y0 - prev->y1 > 2.5f * l->size)) {
end:
				*np = pi;
				*nl = li;
				return;
			}
			add_line(t, pi, li);
			prev = l;
		}
		prev = NULL;   /* a page break: no gap to measure */
	}
	*np = d->np;
	*nl = 0;
}

/* ---- separators: page breaks, rules across the name column ---- */

static void add_sep(pc_tab *t, double at, int hard)
{
	if (t->nsep == t->capsep) {
		t->capsep = t->capsep ? t->capsep * 2 : 64;
		t->sep = ipm_realloc(t->sep, t->capsep * sizeof *t->sep);
	}
	t->sep[t->nsep].at = at;
	t->sep[t->nsep++].hard = hard;
}

static int by_at(const void *a, const void *b)
{
	const pc_sep *x = a, *y = b;

	return x->at < y->at ? -1 : x->at > y->at ? 1 : y->hard - x->hard;
}

/* A horizontal rule of page p across x at height y (within a point): each
 * cell may draw its own border, the name cell's beside the item's. */
static int rule_across(const pg_page *p, float x, float y)
{
	size_t i;

	for (i = 0; i < p->nhr; i++)
		if (fabsf(p->hr[i].at - y) < 1 && p->hr[i].a0 <= x && p->hr[i].a1 >= x)
			return 1;
	return 0;
}

static void separators(pc_tab *t)
{
	const pg_doc *d = t->c->d;
	size_t i, pi;

	for (pi = t->lp[0]; t->nl && pi <= t->lp[t->nl - 1]; pi++)
		add_sep(t, pi * PAGE_SPAN, 0);
	if (t->ruled) {
		for (pi = t->lp[0]; pi <= t->lp[t->nl - 1]; pi++) {
			const pg_page *p = &d->p[pi];
			float lo = 1e30f, hi = -1e30f, xm;
			for (i = 0; i < t->nl; i++)
				if (t->lp[i] == pi) {
					/* a rule through the first or last line is the frame
					 * of the page's part (its glyphs poke out of the clip) */
					lo = fminf(lo, p->ln[t->li[i]].y1 - 1);
					hi = fmaxf(hi, p->ln[t->li[i]].y0 + 1);
				}
			xm = t->bx[0] > -1e8f ? (t->bx[0] + t->bx[1]) / 2 : t->bx[1] - 8;
			for (i = 0; i < p->nhr; i++) {
				const pg_rule *r = &p->hr[i];
				if (r->at <= lo || r->at >= hi)
					continue;
				if (r->a0 <= xm && r->a1 >= xm)
					add_sep(t, pi * PAGE_SPAN + r->at, 1);
				else if (t->ncol > 1 && r->a0 < t->bx[2] && r->a1 > t->bx[1] + 2) {
					/* a rule across the items, not the name: rows inside
					 * a name cell, or cells drawing their own borders */
					t->rowspan = 1;
					if (!rule_across(p, xm, r->at))
						t->item_rows = 1;   /* only the former */
				}
			}
		}
	}
	qsort(t->sep, t->nsep, sizeof *t->sep, by_at);
}

/* ---- pieces ---- */

static pc_piece *new_piece(pc_tab *t)
{
	pc_piece *q;

	if (t->npc == t->cappc) {
		size_t old = t->cappc;
		t->cappc = t->cappc ? t->cappc * 2 : 64;
		t->pc = ipm_realloc(t->pc, t->cappc * sizeof *t->pc);
		memset(t->pc + old, 0, (t->cappc - old) * sizeof *t->pc);
	}
	q = &t->pc[t->npc++];
	ipm_buf_clear(&q->text);
	return q;
}

/* A hard separator (a rule across column col) between y0 and y1 on page p. */
static int rule_between(const pc_tab *t, const pg_page *p, int col, float y0, float y1)
{
	float xm;
	size_t i;

	if (!t->ruled)
		return 0;
	xm = (fmaxf(t->bx[col], -1e6f) + fminf(t->bx[col + 1], 1e6f)) / 2;
	if (t->bx[col] < -1e8f)
		xm = t->bx[col + 1] - 8;
	for (i = 0; i < p->nhr; i++)
		if (p->hr[i].at > y0 && p->hr[i].at < y1 && p->hr[i].a0 <= xm && p->hr[i].a1 >= xm)
			return 1;
	return 0;
}

#define NO_BASE -1e30f

/* The baseline of line l's glyphs in column col, NO_BASE when it has none
 * there: the cells of one printed line may sit a little apart (a cell's
 * new paragraph), and one line holds them all. */
static float col_base(const pc_tab *t, const pg_page *p, const pg_line *l, int col)
{
	size_t k;

	for (k = l->first; k < l->first + l->n; k++) {
		const pg_glyph *g = &p->g[p->order[k]];
		float cx = (g->x0 + g->x1) / 2;
		if (g->cp != ' ' && cx >= t->bx[col] && cx < t->bx[col + 1])
			return g->base;
	}
	return NO_BASE;
}

/* The typical baseline pitch of the lines of column col (the most common
 * distance between two of its lines, within 0.5 pt). */
static float pitch(const pc_tab *t, int col)
{
	const pg_doc *d = t->c->d;
	float v[128], best = 0, last = 0;
	size_t i, n = 0, kb = 0, lastp = (size_t)-1;

	for (i = 0; i < t->nl && n < 128; i++) {
		const pg_page *p = &d->p[t->lp[i]];
		const pg_line *b = &p->ln[t->li[i]];
		float base = col_base(t, p, b, col), dd = base - last;
		if (base == NO_BASE)
			continue;
		if (t->lp[i] == lastp && dd > 0 && dd < 2.2f * b->size)
			v[n++] = dd;
		last = base;
		lastp = t->lp[i];
	}
	for (i = 0; i < n; i++) {
		size_t j, k = 0;
		for (j = 0; j < n; j++)
			if (fabsf(v[j] - v[i]) <= 0.5f)
				k++;
		if (k > kb || (k == kb && v[i] < best)) {
			kb = k;
			best = v[i];
		}
	}
	return best;
}

/* The top and bottom of the table's lines on page pi. */
static void page_extent(const pc_tab *t, size_t pi, float *lo, float *hi)
{
	const pg_page *p = &t->c->d->p[pi];
	size_t i;

	*lo = 1e30f;
	*hi = -1e30f;
	for (i = 0; i < t->nl; i++)
		if (t->lp[i] == pi) {
			*lo = fminf(*lo, p->ln[t->li[i]].y0);
			*hi = fmaxf(*hi, p->ln[t->li[i]].y1);
		}
}

/* Does a name (column 0) at y0 on line l of page pi start a new cell,
 * after cur on an earlier page? Not when the page break cut one name cell:
 * no rule closes cur on its page (unruled: cur ends its page's table), l
 * starts this page's table and no dated item starts beside it (a rule at
 * the top of the page may be a repeated header's). */
static int name_breaks(pc_tab *t, const pc_piece *cur, size_t pi, const pg_line *l, float y0, float size)
{
	const pg_doc *d = t->c->d;
	const pg_page *p = &d->p[pi];
	float lo, hi;

	page_extent(t, cur->page_end, &lo, &hi);
	if (t->ruled ? rule_between(t, &d->p[cur->page_end], 0, cur->y1 - 0.5f, hi + 1.5f * size) : cur->y1 < hi - 1)
		return 1;
	page_extent(t, pi, &lo, &hi);
	if (y0 > lo + 1 || t->ncol < 2)
		return 1;
	ipm_buf_clear(&t->c->tmp2);
	pg_text(p, l->first, l->first + l->n, t->bx[1], t->bx[2], &t->c->tmp2);
	return starts_item(t->c->tmp2.s, t->c->tmp2.len);
}

/* Is the table's line i, after a gap, the last on its page, under a
 * line that ran to the column's edge (short of it by room: less than 2.5
 * glyphs, what a line-break rule may carry over with a mark, or a latin
 * run)? The paragraph goes on: wkhtmltopdf sets a page's last line at the
 * page's foot, a gap above it. */
static int pushed_to_foot(const pc_tab *t, size_t i, float room, float size)
{
	return (i + 1 == t->nl || t->lp[i + 1] != t->lp[i]) && room < 2.5f * size;
}

static void pieces(pc_tab *t)
{
	const pg_doc *d = t->c->d;
	int col;
	size_t i, k;

	for (col = 0; col < t->ncol; col++) {
		pc_piece *cur = NULL;
		float pt = pitch(t, col), right = -1e30f, last_x1 = 0;
		float last_base = 0;

		/* the column's right edge: where its full lines end */
		for (i = t->hdr.nl; i < t->nl; i++) {
			const pg_page *p = &d->p[t->lp[i]];
			const pg_line *l = &p->ln[t->li[i]];
			for (k = l->first; k < l->first + l->n; k++) {
				const pg_glyph *g = &p->g[p->order[k]];
				float cx = (g->x0 + g->x1) / 2;
				if (g->cp != ' ' && cx >= t->bx[col] && cx < t->bx[col + 1])
					right = fmaxf(right, g->x1);
			}
		}
		for (i = t->hdr.nl; i < t->nl; i++) {
			const pg_page *p = &d->p[t->lp[i]];
			const pg_line *l = &p->ln[t->li[i]];
			float y0 = 1e30f, y1 = -1e30f, size = 0, x1 = -1e30f, base;
			size_t st = t->c->tmp.len;
			int fresh;
			for (k = l->first; k < l->first + l->n; k++) {
				const pg_glyph *g = &p->g[p->order[k]];
				float cx = (g->x0 + g->x1) / 2;
				if (g->cp == ' ' || cx < t->bx[col] || cx >= t->bx[col + 1])
					continue;
				y0 = fminf(y0, g->y0);
				y1 = fmaxf(y1, g->y1);
				x1 = fmaxf(x1, g->x1);
				size = fmaxf(size, g->size);
			}
			if (size == 0)
				continue;
			base = col_base(t, p, l, col);
			ipm_buf_clear(&t->c->tmp);
			st = 0;
			pg_text(p, l->first, l->first + l->n, t->bx[col], t->bx[col + 1], &t->c->tmp);
			if (t->c->tmp.len == st)
				continue;
			if (!cur)
				fresh = 1;
			else if (cur->page_end != t->lp[i])
				fresh = col == 0 ? name_breaks(t, cur, t->lp[i], l, y0, size) :
				        col == t->ncol - 1 && t->ncol >= 3 ? ipm_url_starts(t->c->tmp.s, t->c->tmp.len) :
				        starts_item(t->c->tmp.s, t->c->tmp.len);
			else if (rule_between(t, p, col, cur->y1 - 0.5f, y0 + 0.5f))
				fresh = 1;
			else if (col == 0)
				fresh = y0 - cur->y1 > 0.8f * size;
			else if (col == t->ncol - 1 && t->ncol >= 3)
				fresh = ipm_url_starts(t->c->tmp.s, t->c->tmp.len) || y0 - cur->y1 > 1.5f * size;
			else if (t->item_rows)   /* an item is a ruled row: a gap inside is none */
				fresh = starts_item(t->c->tmp.s, t->c->tmp.len);
			else
				fresh = starts_item(t->c->tmp.s, t->c->tmp.len) ||
				        (((pt > 0 && base - last_base > pt * 1.2f + 0.5f) || y0 - cur->y1 > 1.5f * size) &&
				         !pushed_to_foot(t, i, right - last_x1, size));
			if (fresh) {
				cur = new_piece(t);
				cur->col = col;
				cur->page = t->lp[i];
				cur->y0 = y0;
				cur->size = size;
				cur->top = t->lp[i] * PAGE_SPAN + y0;
				cur->no = l->no;
				ipm_buf_add(&cur->text, t->c->tmp.s, t->c->tmp.len);
			} else if (col == t->ncol - 1 && t->ncol >= 3) {
				ipm_buf_add(&cur->text, t->c->tmp.s, t->c->tmp.len);   /* a URL goes on */
			} else {
				/* a line that ended short of the edge broke at a space */
				if (right - last_x1 > pg_lead_width(p, l, t->bx[col], t->bx[col + 1]) + 0.1f * size &&
				    pg_latin_edge(&cur->text, &t->c->tmp))
					ipm_buf_addc(&cur->text, ' ');
				pg_join(&cur->text, t->c->tmp.s, t->c->tmp.len);
			}
			last_x1 = x1;
			cur->y1 = y1;
			cur->page_end = t->lp[i];
			cur->bot = t->lp[i] * PAGE_SPAN + y1;
			last_base = base;
		}
	}
}

/* ---- name cells ---- */

static int by_top(const void *a, const void *b)
{
	const pc_piece *x = a, *y = b;

	if (x->top != y->top)
		return x->top < y->top ? -1 : 1;
	return x->col - y->col;
}

typedef struct {
	size_t from, to;   /* pieces */
	int named, soft;   /* a name in it; a page break before it */
} pc_seg;

static void emit_group(pc_tab *t, const pc_seg *g)
{
	pg_ctx *c = t->c;
	ipm_buf cell[PG_MAX_COLS];
	const char *ptr[PG_MAX_COLS];
	size_t len[PG_MAX_COLS], i, nl = 0, capl = 16;
	long *lines = ipm_malloc(capl * sizeof *lines), row = 0;
	int col, items = 0;

	memset(cell, 0, sizeof cell);
	for (col = 0; col < t->ncol; col++) {
		size_t np = 0;
		for (i = g->from; i < g->to; i++) {
			const pc_piece *q = &t->pc[i];
			if (q->col != col)
				continue;
			if (col == 0 && np) {
				pg_join(&cell[0], q->text.s, q->text.len);
				continue;
			}
			if (np)
				ipm_buf_addc(&cell[col], '\n');
			ipm_buf_add(&cell[col], q->text.s, q->text.len);
			if (nl == capl) {
				capl *= 2;
				lines = ipm_realloc(lines, capl * sizeof *lines);
			}
			lines[nl++] = q->no;
			if (!row || (col == 1 && !items))
				row = q->no;
			if (col == 1)
				items++;
			np++;
		}
		if (!np) {
			if (nl == capl) {
				capl *= 2;
				lines = ipm_realloc(lines, capl * sizeof *lines);
			}
			lines[nl++] = 0;
		}
	}
	for (i = 0; i < nl; i++)
		if (!lines[i])
			lines[i] = row;
	if (!items) {
		for (i = g->from; i < g->to; i++)
			pg_drop(c, t->pc[i].no, t->pc[i].col == 0 ? "pdf: actor without item" : "pdf: url without item",
			        t->pc[i].text.s, t->pc[i].text.len);
	} else {
		for (col = 0; col < t->ncol; col++) {
			ptr[col] = cell[col].s ? cell[col].s : "";
			len[col] = cell[col].len;
		}
		pg_put(c, ipm_blocks_row_lines(c->out, ptr, len, (size_t)t->ncol, row, lines, nl));
	}
	for (col = 0; col < t->ncol; col++)
		ipm_buf_free(&cell[col]);
	free(lines);
}

/* Does the last item of segment a run on past its page (a row the page
 * break cut)? */
static int runs_over(const pc_tab *t, const pc_seg *a)
{
	size_t i;

	for (i = a->to; i > a->from; i--)
		if (t->pc[i - 1].col == 1)
			return (size_t)(t->pc[i - 1].top / PAGE_SPAN) != t->pc[i - 1].page_end;
	return 0;
}

/* After a page break, does segment b continue the cell of a? b without an
 * item of its own is the rest of a's cell (a name wrapped or centred past
 * the break, its items going on from the page before). Else one of them
 * has no name; b without a name is no new row (its first item goes on
 * from the page before, or the names span rows); a without a name gets
 * b's when b's name is centred (items above it on b's page) or the break
 * cut a's last row (the name, centred in the whole cell, fell past it). */
static int joins(const pc_tab *t, const pc_seg *a, const pc_seg *b)
{
	size_t i;
	const pc_piece *item = NULL, *name = NULL;

	for (i = b->from; i < b->to; i++) {
		if (t->pc[i].col == 1 && !item)
			item = &t->pc[i];
		if (t->pc[i].col == 0 && !name)
			name = &t->pc[i];
	}
	if (!item)
		return 1;
	if (a->named && b->named)
		return 0;
	if (!b->named)
		return t->rowspan || (size_t)(item->top / PAGE_SPAN) != item->page_end ||
		       !starts_item(item->text.s, item->text.len);
	return name->top > item->top + 0.5 * name->size || runs_over(t, a);
}

static void groups(pc_tab *t)
{
	pc_seg *seg = ipm_malloc((t->nsep + 2) * sizeof *seg), cur;
	size_t ns = 0, i = 0, s;
	int have = 0;

	qsort(t->pc, t->npc, sizeof *t->pc, by_top);
	/* segments between separators */
	for (s = 0; s <= t->nsep; s++) {
		double end = s < t->nsep ? t->sep[s].at : 1e300;
		pc_seg g = { i, i, 0, s > 0 && !t->sep[s - 1].hard };
		while (i < t->npc && t->pc[i].top < end) {
			if (t->pc[i].col == 0)
				g.named = 1;
			i++;
		}
		g.to = i;
		if (g.to > g.from)
			seg[ns++] = g;   /* an empty part is skipped */
	}
	/* a page break splits a cell: the part without a name joins the other */
	for (s = 0; s < ns; s++) {
		if (have && seg[s].soft && joins(t, &cur, &seg[s])) {
			cur.to = seg[s].to;
			cur.named |= seg[s].named;
			continue;
		}
		if (have)
			emit_group(t, &cur);
		cur = seg[s];
		have = 1;
	}
	if (have)
		emit_group(t, &cur);
	free(seg);
}

static int by_grp(const void *a, const void *b)
{
	const pc_piece *x = a, *y = b;

	if (x->grp != y->grp)
		return x->grp < y->grp ? -1 : 1;
	return by_top(a, b);
}

/* Unruled: the pieces of a column (indexes p, n of them) to the names
 * (indexes nm, nn): with top-aligned names (top) a cell starts with its
 * name; centred ones have their middle at the name's middle (greedy, in
 * page order). */
static void assign_col(pc_tab *t, const size_t *p, size_t n, const size_t *nm, size_t nn, int top)
{
	size_t i, j, e;

	if (top) {
		for (j = 0, i = 0; j < n; j++) {
			pc_piece *q = &t->pc[p[j]];
			while (i < nn && t->pc[nm[i]].top - 0.5 * t->pc[nm[i]].size <= q->top)
				i++;
			q->grp = (long)i - 1;
		}
		return;
	}
	for (i = 0, j = 0; i < nn && j < n; i++) {
		const pc_piece *a = &t->pc[nm[i]];
		double c = (a->top + a->bot) / 2, bd = 1e300;
		size_t best = j;
		if (t->pc[p[j]].top > c && i + 1 < nn)
			continue;   /* this row has nothing in the column */
		for (e = j; e < n; e++) {
			double m;
			if (i + 1 < nn && t->pc[p[e]].top > (t->pc[nm[i + 1]].top + t->pc[nm[i + 1]].bot) / 2)
				break;
			m = fabs((t->pc[p[j]].top + t->pc[p[e]].bot) / 2 - c);
			if (m < bd) {
				bd = m;
				best = e;
			}
		}
		for (e = j; e <= best; e++)
			t->pc[p[e]].grp = (long)i;
		j = best + 1;
	}
	for (; j < n; j++)
		t->pc[p[j]].grp = (long)nn - 1;
}

static void groups_unruled(pc_tab *t)
{
	size_t *nm = ipm_malloc((t->npc + 1) * sizeof *nm), *p = ipm_malloc((t->npc + 1) * sizeof *p);
	size_t nn = 0, n, i, from;
	int col, top = 1;

	qsort(t->pc, t->npc, sizeof *t->pc, by_top);
	for (i = 0; i < t->npc; i++) {
		t->pc[i].grp = -1;
		if (t->pc[i].col == 0) {
			t->pc[i].grp = (long)nn;
			nm[nn++] = i;
		}
	}
	for (col = 1; col < t->ncol; col++) {
		for (i = 0, n = 0; i < t->npc; i++)
			if (t->pc[i].col == col)
				p[n++] = i;
		if (col == 1) {
			/* top-aligned names: each starts where an item does */
			size_t k, j, off = 0;
			for (k = 0; k < nn; k++) {
				for (j = 0; j < n; j++)
					if (fabs(t->pc[p[j]].top - t->pc[nm[k]].top) < 0.4 * t->pc[nm[k]].size)
						break;
				off += j == n;
			}
			top = off * 5 <= nn;
		}
		assign_col(t, p, n, nm, nn, top);
	}
	free(nm);
	free(p);
	qsort(t->pc, t->npc, sizeof *t->pc, by_grp);
	for (from = 0, i = 1; i <= t->npc; i++)
		if (i == t->npc || t->pc[i].grp != t->pc[from].grp) {
			pc_seg g = { from, i, 0, 0 };
			emit_group(t, &g);
			from = i;
		}
}

void pg_table(pg_ctx *c, size_t hp, size_t hl, const pg_hdr *h, size_t *np, size_t *nl)
{
	pc_tab t;
	size_t i;
	const char *cells[PG_MAX_COLS];
	size_t lens[PG_MAX_COLS];

	memset(&t, 0, sizeof t);
	t.c = c;
	t.hdr.ncol = h->ncol;
	t.hdr.nl = h->nl;
	t.hdr.y0 = h->y0;
	t.hdr.y1 = h->y1;
	for (i = 0; i < (size_t)h->ncol; i++) {
		t.hdr.x0[i] = h->x0[i];
		t.hdr.x1[i] = h->x1[i];
		ipm_buf_add(&t.hdr.cell[i], h->cell[i].s, h->cell[i].len);
		cells[i] = t.hdr.cell[i].s ? t.hdr.cell[i].s : "";
		lens[i] = t.hdr.cell[i].len;
	}
	columns(&t, &c->d->p[hp], hl);
	collect(&t, hp, hl, np, nl);
	pg_put(c, ipm_blocks_header(c->out, cells, lens, (size_t)t.ncol, c->d->p[hp].ln[hl].no));
	if (t.ruled)
		separators(&t);   /* before pieces: they read t.item_rows */
	pieces(&t);
	if (t.npc && t.ruled)   /* no pieces: a header alone, t.pc NULL (no qsort) */
		groups(&t);
	else if (t.npc)
		groups_unruled(&t);
	for (i = 0; i < t.cappc; i++)
		ipm_buf_free(&t.pc[i].text);
	pg_hdr_free(&t.hdr);
	pg_hdr_free(&t.again);
	free(t.pc);
	free(t.sep);
	free(t.lp);
	free(t.li);
}
