/* pdfgeom_lines: glyphs -> printed lines (by baseline, then x), their text
 * (spaces where the gaps are), fragments split at wide gaps and vertical
 * rules, and page furniture: a line in the top or bottom tenth of the page
 * whose text (digits aside) comes back at the same height on other pages,
 * or a page number there (alone, or on a page's last line 2 em apart from
 * a short title). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "pdfgeom_impl.h"

static const pg_page *sort_page;

static int by_base(const void *a, const void *b)
{
	const pg_glyph *g = &sort_page->g[*(const size_t *)a], *h = &sort_page->g[*(const size_t *)b];

	if (g->base != h->base)
		return g->base < h->base ? -1 : 1;
	if (g->x0 != h->x0)
		return g->x0 < h->x0 ? -1 : 1;
	return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

static int by_x(const void *a, const void *b)
{
	const pg_glyph *g = &sort_page->g[*(const size_t *)a], *h = &sort_page->g[*(const size_t *)b];

	if (g->x0 != h->x0)
		return g->x0 < h->x0 ? -1 : 1;
	return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

static void page_lines(pg_page *p)
{
	size_t i, st;

	p->order = ipm_malloc((p->ng + 1) * sizeof *p->order);
	for (i = 0; i < p->ng; i++)
		p->order[i] = i;
	sort_page = p;
	qsort(p->order, p->ng, sizeof *p->order, by_base);
	for (st = 0; st < p->ng; st = i) {
		const pg_glyph *f = &p->g[p->order[st]];
		float lo = f->base, tol = f->size * 0.3f;
		pg_line *l;
		size_t k;

		for (i = st + 1; i < p->ng && p->g[p->order[i]].base - lo <= tol; i++)
			;
		qsort(p->order + st, i - st, sizeof *p->order, by_x);
		if (p->nln == p->capln) {
			p->capln = p->capln ? p->capln * 2 : 64;
			p->ln = ipm_realloc(p->ln, p->capln * sizeof *p->ln);
		}
		l = &p->ln[p->nln++];
		memset(l, 0, sizeof *l);
		l->first = st;
		l->n = i - st;
		l->x0 = l->y0 = 1e30f;
		l->x1 = l->y1 = -1e30f;
		for (k = st; k < i; k++) {
			const pg_glyph *g = &p->g[p->order[k]];
			if (g->cp == ' ')
				continue;
			l->x0 = fminf(l->x0, g->x0);
			l->x1 = fmaxf(l->x1, g->x1);
			l->y0 = fminf(l->y0, g->y0);
			l->y1 = fmaxf(l->y1, g->y1);
			l->size = fmaxf(l->size, g->size);
		}
		l->base = f->base;
		if (l->size == 0) {   /* spaces only */
			p->nln--;
			continue;
		}
	}
}

int pg_vrule_between(const pg_page *p, float x0, float x1, float y0, float y1)
{
	size_t i;
	float mid = (y0 + y1) / 2;

	for (i = 0; i < p->nvr; i++)
		if (p->vr[i].at > x0 && p->vr[i].at < x1 && p->vr[i].a0 <= mid && p->vr[i].a1 >= mid)
			return 1;
	return 0;
}

static void add_cp(ipm_buf *b, uint32_t cp)
{
	char u[4];

	if (cp == 0x2010 || cp == 0x2011)
		cp = '-';
	if (cp >= 0x110000 || (cp >= 0xd800 && cp < 0xe000))
		cp = 0xfffd;
	ipm_buf_add(b, u, ipm_utf8_encode(cp, u));
}

void pg_text(const pg_page *p, size_t from, size_t to, float xa, float xb, ipm_buf *b)
{
	const pg_glyph *prev = NULL;
	size_t k, start = b->len;

	for (k = from; k < to; k++) {
		const pg_glyph *g = &p->g[p->order[k]];
		float c = (g->x0 + g->x1) / 2;
		if (c < xa || c >= xb)
			continue;
		if (g->cp == ' ') {
			if (b->len > start && b->s[b->len - 1] != ' ')
				ipm_buf_addc(b, ' ');
			continue;
		}
		/* a glyph drawn twice (fake bold, shadow) counts once */
		if (prev && prev->cp == g->cp && fabsf(prev->x0 - g->x0) < g->size * 0.2f)
			continue;
		if (prev && g->x0 - prev->x1 > g->size * 0.25f && b->len > start && b->s[b->len - 1] != ' ')
			ipm_buf_addc(b, ' ');
		add_cp(b, g->cp);
		prev = g;
	}
	while (b->len > start && b->s[b->len - 1] == ' ')
		b->len--;
	if (b->s)
		b->s[b->len] = '\0';
}

size_t pg_fragments(const pg_page *p, const pg_line *l, float gap, float *x0v, float *x1v,
                    size_t max, ipm_buf *b)
{
	size_t k, nf = 0, st = l->first;
	float fx0 = 0, fx1 = 0;
	int open = 0;

	for (k = l->first; k <= l->first + l->n; k++) {
		const pg_glyph *g = k < l->first + l->n ? &p->g[p->order[k]] : NULL;
		if (g && g->cp == ' ')
			continue;
		if (open && (!g || g->x0 - fx1 > gap * g->size || pg_vrule_between(p, fx1 - 0.5f, g->x0 + 0.5f, l->y0, l->y1))) {
			if (nf < max) {
				if (nf)
					ipm_buf_addc(b, '\t');
				pg_text(p, st, k, -1e9f, 1e9f, b);
				x0v[nf] = fx0;
				x1v[nf] = fx1;
			}
			nf++;
			open = 0;
		}
		if (!g)
			break;
		if (!open) {
			open = 1;
			st = k;
			fx0 = g->x0;
			fx1 = g->x1;
		}
		fx1 = fmaxf(fx1, g->x1);
	}
	return nf;
}

/* ---- page furniture ---- */

/* The line's text with every digit run as '#'. */
static void furn_key(const pg_page *p, const pg_line *l, ipm_buf *b)
{
	size_t i, o = 0;

	ipm_buf_clear(b);
	pg_text(p, l->first, l->first + l->n, -1e9f, 1e9f, b);
	for (i = 0; i < b->len; i++) {
		if (b->s[i] >= '0' && b->s[i] <= '9') {
			if (!(o && b->s[o - 1] == '#'))
				b->s[o++] = '#';
		} else if (b->s[i] != ' ') {
			b->s[o++] = b->s[i];
		}
	}
	b->len = o;
}

static int page_number_key(const ipm_buf *k)
{
	static const char *const forms[] = { "#", "-#-", "第#页", "#/#", "第#页共#页", "Page#", "page#", "Page#of#",
	                                     "—#—", "–#–" };
	size_t i;

	for (i = 0; i < sizeof forms / sizeof forms[0]; i++)
		if (k->len == strlen(forms[i]) && memcmp(k->s, forms[i], k->len) == 0)
			return 1;
	return 0;
}

static int in_band(const pg_page *p, const pg_line *l)
{
	return l->y1 < p->h * 0.1f || l->y0 > p->h * 0.9f;
}

/* Line j of page p (number no) is the page's last, in its bottom tenth,
 * and holds the page number set 2 em apart from a short title ("1
 * 中国信息通信研究院"): a footer even where no other page repeats it (a
 * one-page document). Not at the top: a numbered heading may start page 1
 * there with a tab after its number. */
static int numbered_footer(const pg_page *p, size_t j, size_t no, ipm_buf *b)
{
	float x0[3], x1[3];
	char num[24];
	size_t nf, n = (size_t)snprintf(num, sizeof num, "%zu", no);

	if (j + 1 != p->nln || p->ln[j].y0 <= p->h * 0.9f)
		return 0;
	ipm_buf_clear(b);
	nf = pg_fragments(p, &p->ln[j], 2.0f, x0, x1, 3, b);
	if (nf != 2 || b->len <= n + 1 || ipm_cp_count(b->s, b->len) > 30 + n + 1)
		return 0;
	return (memcmp(b->s, num, n) == 0 && b->s[n] == '\t') ||
	       (memcmp(b->s + b->len - n, num, n) == 0 && b->s[b->len - n - 1] == '\t');
}

static void furniture(pg_doc *d)
{
	ipm_buf a = { 0 }, b = { 0 };
	size_t i, j, k, m, need = d->np > 4 ? (d->np - 1) / 3 : 1;

	for (i = 0; i < d->np; i++) {
		pg_page *p = &d->p[i];
		for (j = 0; j < p->nln; j++) {
			pg_line *l = &p->ln[j];
			size_t same = 0;
			if (!in_band(p, l))
				continue;
			furn_key(p, l, &a);
			if (page_number_key(&a)) {
				l->furn = 1;
				continue;
			}
			/* a line beside a table's column rule is the table's */
			if (pg_vrule_between(p, l->x0 - 1e4f, l->x1 + 1e4f, l->y0, l->y1))
				continue;
			if (numbered_footer(p, j, i + 1, &b)) {
				l->furn = 1;
				continue;
			}
			/* the same text at the same height on other pages: on a third of them */
			for (k = 0; k < d->np && same < need; k++) {
				const pg_page *q = &d->p[k];
				if (k == i)
					continue;
				for (m = 0; m < q->nln; m++) {
					const pg_line *o = &q->ln[m];
					if (fabsf(o->base - l->base) > 3 || !in_band(q, o))
						continue;
					furn_key(q, o, &b);
					if (b.len == a.len && memcmp(a.s, b.s, a.len) == 0) {
						same++;
						break;
					}
				}
			}
			if (same >= need)
				l->furn = 1;
		}
	}
	ipm_buf_free(&a);
	ipm_buf_free(&b);
}

void pg_lines_build(pg_doc *d)
{
	size_t i, j;
	long no = 0;

	for (i = 0; i < d->np; i++)
		page_lines(&d->p[i]);
	furniture(d);
	for (i = 0; i < d->np; i++)
		for (j = 0; j < d->p[i].nln; j++)
			d->p[i].ln[j].no = ++no;
}

static int alnum(char ch)
{
	return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

void pg_join(ipm_buf *b, const char *s, size_t n)
{
	if (b->len && n && alnum(b->s[b->len - 1]) && alnum(s[0]))
		ipm_buf_addc(b, ' ');
	ipm_buf_add(b, s, n);
}

/* Closing marks a line may not start with (they go with the glyph before). */
static int closing(uint32_t c)
{
	static const uint32_t v[] = { 0xff0c, 0x3002, 0x3001, 0xff1b, 0xff1a, 0xff1f, 0xff01, 0x201d, 0x2019,
	                              0xff09, 0x300b, 0x300d, 0x300f, 0x3011, 0x3009, ',', '.', ';', ':', ')',
	                              '!', '?', 0x2026, 0x2014 };
	size_t i;

	for (i = 0; i < sizeof v / sizeof v[0]; i++)
		if (v[i] == c)
			return 1;
	return 0;
}

static int word_cp(uint32_t c)
{
	return c < 0x80 && c != ' ';
}

float pg_lead_width(const pg_page *p, const pg_line *l, float xa, float xb)
{
	const pg_glyph *first = NULL, *last = NULL;
	size_t k;
	int word = 1;   /* still in the leading ASCII word */

	for (k = l->first; k < l->first + l->n; k++) {
		const pg_glyph *g = &p->g[p->order[k]];
		float c = (g->x0 + g->x1) / 2;
		if (c < xa || c >= xb)
			continue;
		if (!first) {
			if (g->cp == ' ')
				continue;
			first = last = g;
			continue;
		}
		if (word && word_cp(first->cp) && word_cp(g->cp))
			last = g;
		else if (closing(g->cp))
			last = g, word = 0;   /* "2035》，" goes as one */
		else
			break;
	}
	return first ? last->x1 - first->x0 : 0;
}

int pg_latin_edge(const ipm_buf *a, const ipm_buf *b)
{
	if (!a->len || !b->len || a->s[a->len - 1] == ' ' || b->s[0] == ' ')
		return 0;
	return alnum(a->s[a->len - 1]) || alnum(b->s[0]);
}
