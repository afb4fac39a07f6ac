/* pdfcentre.c: names printed in the middle of their rows (a name cell
 * spanning its items' rows, or centred vertically), in -layout and -raw
 * text: which items each name owns, and the lines moved so that the table
 * reads as one with top-aligned names (pdftable.c). */
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "core/util.h"
#include "pdftext_impl.h"
#include "text/urls.h"
#include "text/zh.h"

/* ---- -layout: names centred in their rows ----
 *
 * A name cell spanning the rows of its items (rowspan), or a name centred
 * vertically in a tall cell, is printed by pdftotext -layout on a line in
 * the middle of its group: the group's first items come before it. When a
 * table shows that (items before its first name, or a quarter of its names
 * beside no item start), the units (a dated item and its lines) are split
 * into one run per name so that each name sits nearest the middle of its
 * run (dynamic programming over the run boundaries), and each name is moved
 * to the first line of its run: the rows then read as top-aligned ones. */

typedef struct {
	size_t first, last;   /* line indexes of the name's fragments */
	size_t nfrag;
} pl_name;

#define CENTRE_MAX_UNITS 4000

/* The name at the start of line i (left of the item column col), as the
 * parser would take it: its byte range in the line. */
static int line_name(pl_ctx *c, size_t i, int col, size_t *off, size_t *len, int *dated)
{
	const char *s = c->raw.s + c->v[i].off;
	pl_seg seg[SEG_MAX];
	size_t n = pdf_segments(s, c->v[i].len, seg, SEG_MAX);
	const char *t, *sp;
	size_t tl;

	*dated = 0;
	if (!n)
		return 0;
	t = s + seg[0].off;
	tl = seg[0].len;
	if ((seg[0].col == 0 || seg[0].col + 2 < col || pdf_short_frag(seg, n, col, tl)) && pdf_actor_like(t, tl) &&
	    (n >= 2 || col > 0)) {
		*off = seg[0].off;
		*len = tl;
		if (n >= 2) {
			const char *u = s + seg[1].off;
			size_t ul = seg[1].len;
			pdf_strip_bullet(&u, &ul);
			*dated = pdf_date_starts_item(u, ul);
		}
		return 1;
	}
	if ((seg[0].col == 0 || seg[0].col + 2 < col) && (sp = memchr(t, ' ', tl)) != NULL &&
	    pdf_actor_like(t, (size_t)(sp - t)) && !pdf_date_lead(t, tl) && pdf_glued_name(seg[0].col, t, tl, sp)) {
		*off = seg[0].off;
		*len = (size_t)(sp - t);
		t = sp + 1;
		tl = (size_t)(s + seg[0].off + seg[0].len - t);
		pdf_strip_bullet(&t, &tl);
		*dated = pdf_date_starts_item(t, tl);
		return 1;
	}
	return 0;
}

/* A name fragment (at off, len bytes, in line a) printed beside item text
 * (not URL pieces only) sits on the items' lines, so its next fragment would be on the very next
 * line: a fragment after a line of item text (URL pieces aside) is another
 * name (a one-line name, then the next row's name centred in its cell). */
static int item_line_after_name(pl_ctx *c, size_t a, size_t off, size_t len, size_t b)
{
	const char *s = c->raw.s + c->v[a].off + off + len, *t;
	size_t sl = c->v[a].len - off - len, tl, i;

	ipm_zh_trim(&s, &sl);
	if (!sl || pdf_urlish_words(s, sl))
		return 0;   /* a name on a line of its own (or with URL pieces only) */
	for (i = a + 1; i < b; i++) {
		if (c->v[i].flags & (F_EMPTY | F_BLANK | F_FURN | F_HDR))
			continue;
		t = c->raw.s + c->v[i].off;
		tl = c->v[i].len;
		ipm_zh_trim(&t, &tl);
		if (!pdf_urlish_words(t, tl))
			return 1;
	}
	return 0;
}

/* Does line i start an item (a segment that starts with an item's date,
 * wherever pdftotext put the row's item column)? */
static int line_unit(pl_ctx *c, size_t i, int col)
{
	const char *s = c->raw.s + c->v[i].off;
	pl_seg seg[SEG_MAX];
	size_t n = pdf_segments(s, c->v[i].len, seg, SEG_MAX), j, off, len;
	int dated;

	if (line_name(c, i, col, &off, &len, &dated) && dated)
		return 1;
	for (j = 0; j < n; j++) {
		const char *t = s + seg[j].off;
		size_t tl = seg[j].len;
		(void)col;   /* pdftotext may shift a row's item column either way */
		if (pdf_strip_bullet(&t, &tl) || pdf_date_starts_item(t, tl))
			return 1;
	}
	return 0;
}

/* Replace line i by text (appended to the region buffer). */
static void line_set(pl_ctx *c, size_t i, const ipm_buf *text)
{
	c->v[i].off = c->raw.len;
	c->v[i].len = text->len;
	ipm_buf_add(&c->raw, text->s ? text->s : "", text->len);
}

/* Does the first line of unit u (a name beside it left out) hold the first
 * two characters of name ("天津" of 天津市)? */
static int unit_names(pl_ctx *c, size_t u, const ipm_buf *name)
{
	const char *s = c->raw.s + c->v[u].off;
	size_t sl = c->v[u].len, off, len, i = 0, k, n;
	int dated;

	if (line_name(c, u, c->col_item, &off, &len, &dated)) {
		s += off + len;
		sl -= off + len;
	}
	for (n = 0; n < 2 && i < name->len; n++) {
		ipm_cp_at(name->s, name->len, i, &k);
		i += k;
	}
	return n == 2 && ipm_mem_find(s, sl, name->s, i) != NULL;
}

/* For each name k, miss[k * (nu + 1) + u]: how many of units 0..u-1 do not
 * name it; NULL when the table is too large to count. */
static size_t *unit_misses(pl_ctx *c, const size_t *unit, size_t nu, const pl_name *nm, size_t nn,
                           const size_t *frag_line, const size_t *frag_off, const size_t *frag_len)
{
	size_t *miss, k, u, f = 0, j;
	ipm_buf name = {0};

	if (nn * (nu + 1) > (1u << 22))
		return NULL;
	miss = ipm_malloc(nn * (nu + 1) * sizeof *miss);
	for (k = 0; k < nn; k++) {
		ipm_buf_clear(&name);
		for (j = 0; j < nm[k].nfrag; j++, f++)
			ipm_zh_join(&name, c->raw.s + c->v[frag_line[f]].off + frag_off[f], frag_len[f]);
		miss[k * (nu + 1)] = 0;
		for (u = 0; u < nu; u++)
			miss[k * (nu + 1) + u + 1] = miss[k * (nu + 1) + u] + !unit_names(c, unit[u], &name);
	}
	ipm_buf_free(&name);
	return miss;
}

/* Of the names given runs of 2+ units, do more sit inside their runs than
 * on their first lines? (Names are centred in this table, not top-aligned.) */
static int mostly_centred(const size_t *unit, size_t nu, const pl_name *nm, size_t nn, const size_t *runs)
{
	size_t k, top = 0, mid = 0;

	for (k = 0; k < nn; k++) {
		size_t end = k + 1 < nn ? runs[k + 1] : nu;
		if (end - runs[k] < 2)
			continue;
		if (unit[runs[k]] == nm[k].first || unit[runs[k]] == nm[k].first + 1)
			top++;
		else
			mid++;
	}
	return mid > top;
}

/* Positions of lines [from, n) with the gap of a page break (the empty lines
 * and furniture around a form feed) taken out: a row split by a page break
 * has its name centred as if the pages were one. */
static size_t *page_joined(pl_ctx *c, size_t from)
{
	size_t *pos = ipm_malloc((c->n - from + 1) * sizeof *pos), i, j, p = 0;
	char *gap = ipm_calloc(c->n - from + 1, 1);
	const int skip = F_EMPTY | F_BLANK | F_FURN;

	for (i = from; i < c->n; i++) {
		if (!(c->v[i].flags & F_FF))
			continue;
		for (j = i; j > from && (c->v[j - 1].flags & skip); j--)
			gap[j - 1 - from] = 1;
		for (j = i; j < c->n && (c->v[j].flags & skip); j++)
			gap[j - from] = 1;
	}
	for (i = from; i < c->n; i++) {
		pos[i - from] = p;
		p += !gap[i - from];
	}
	free(gap);
	return pos;
}

/* The run of units (by index of its first unit) of each of the nn names,
 * each name nearest its run's middle or at its run's first line (dynamic
 * programming over the run boundaries), or NULL. unit[u] / ulast[u]: first
 * and last line of unit u. */
static size_t *centre_runs(const size_t *unit, const size_t *ulast, size_t nu, const pl_name *nm,
                           size_t nn, const size_t *page, const size_t *miss, int top_multi)
{
	size_t k, a, b, i, *from_k, *runs = NULL;
	double *cost;

	if (!nn || !nu || nn > nu || nu > CENTRE_MAX_UNITS || nn * nu * nu > 50000000u)
		return NULL;
	/* cost[k * (nu + 1) + b]: names 0..k-1 over units 0..b-1 */
	cost = ipm_malloc((nn + 1) * (nu + 1) * sizeof *cost);
	from_k = ipm_malloc((nn + 1) * (nu + 1) * sizeof *from_k);
	for (i = 0; i < (nn + 1) * (nu + 1); i++)
		cost[i] = 1e18;
	cost[0] = 0;
	for (k = 1; k <= nn; k++) {
		double y = (double)(nm[k - 1].first + nm[k - 1].last) / 2;
		for (b = k; b <= nu - (nn - k); b++) {
			for (a = k - 1; a < b; a++) {
				double prev = cost[(k - 1) * (nu + 1) + a], mid, g;
				if (prev >= 1e17)
					continue;
				/* centred in its run, or at its top (a table may mix
				 * them: a top-aligned name wins a tie) */
				mid = (double)(unit[a] + ulast[b - 1]) / 2;
				g = (mid > y ? mid - y : y - mid) + 0.5;
				if ((unit[a] == nm[k - 1].first || unit[a] == nm[k - 1].first + 1) &&
				    (top_multi || page[a] != page[b - 1]))
					g = (double)(unit[a] - nm[k - 1].first);
				if (nm[k - 1].first + 1 < unit[a] || nm[k - 1].last > ulast[b - 1] + 1)
					g += 1000;   /* the name outside its run */
				/* an item not naming its run's name costs a fifth of a
				 * line: near ties (a name half a line off the middle of
				 * an even run) go to the runs whose items name it */
				if (miss)
					g += 0.2 * (double)(miss[(k - 1) * (nu + 1) + b] - miss[(k - 1) * (nu + 1) + a]);
				if (prev + g < cost[k * (nu + 1) + b]) {
					cost[k * (nu + 1) + b] = prev + g;
					from_k[k * (nu + 1) + b] = a;
				}
			}
		}
	}
	if (cost[nn * (nu + 1) + nu] < 1e17) {
		runs = ipm_malloc(nn * sizeof *runs);
		b = nu;
		for (k = nn; k > 0; k--) {   /* each name's run, back from the end */
			runs[k - 1] = from_k[k * (nu + 1) + b];
			b = runs[k - 1];
		}
	}
	free(cost);
	free(from_k);
	return runs;
}

/* The run of each name (by index of its first unit), chosen on positions
 * with page gaps taken out: first letting a name atop its run own several
 * units, then, when most names of several units sit inside their runs (a
 * table of centred names), again with that only for a run split by a page
 * break (chromium prints a split row's name atop its first part). NULL when
 * no choice fits. */
static size_t *choose_runs(pl_ctx *c, size_t from, const size_t *unit, const size_t *ulast, size_t nu,
                           const pl_name *nm, size_t nn, const size_t *frag_line, const size_t *frag_off,
                           const size_t *frag_len)
{
	size_t *pos = page_joined(c, from), *pu = ipm_malloc(nu * sizeof *pu), *pl = ipm_malloc(nu * sizeof *pl);
	size_t *page = ipm_malloc(nu * sizeof *page), *runs, i, f = from, np = 0;
	size_t *miss = unit_misses(c, unit, nu, nm, nn, frag_line, frag_off, frag_len);
	pl_name *pn = ipm_malloc(nn * sizeof *pn);

	for (i = 0; i < nu; i++) {
		pu[i] = pos[unit[i] - from];
		pl[i] = pos[ulast[i] - from];
		for (; f <= ulast[i]; f++)   /* the page of each unit's last line */
			np += f > from && (c->v[f].flags & F_FF);
		page[i] = np;
	}
	for (i = 0; i < nn; i++) {
		pn[i] = nm[i];
		pn[i].first = pos[nm[i].first - from];
		pn[i].last = pos[nm[i].last - from];
	}
	runs = centre_runs(pu, pl, nu, pn, nn, page, miss, 1);
	if (runs && mostly_centred(pu, nu, pn, nn, runs)) {
		free(runs);
		runs = centre_runs(pu, pl, nu, pn, nn, page, miss, 0);
	}
	free(page);
	free(miss);
	free(pos);
	free(pu);
	free(pl);
	free(pn);
	return runs;
}

void pdf_layout_centred(pl_ctx *c, size_t from)
{
	size_t i, k, nu = 0, nn = 0, cap_u = 0, cap_n = 0, off, len, pg = from, lines, wide;
	size_t *unit = NULL, *ulast = NULL, *frag_line = NULL, *frag_off = NULL, *frag_len = NULL;
	size_t nfr = 0, cap_f = 0, f0, *runs = NULL;
	char *touched = NULL;
	pl_name *nm = NULL;
	int col = c->col_item, dated, centred = 0;
	size_t last_text = from, *pos = page_joined(c, from);
	ipm_buf name = {0}, line = {0};

	for (i = from; i < c->n; i++) {
		int fl = c->v[i].flags;
		const char *s;
		size_t sl;
		if (fl & F_FF || i == from) {   /* each page has its own item column */
			size_t to = i + 1;
			lines = wide = 0;
			while (to < c->n && !(c->v[to].flags & F_FF))
				to++;
			pg = to;
			col = pdf_item_column(c, i, to, &lines, &wide);
			if (col <= 0)
				col = c->col_item;
		}
		(void)pg;
		if (fl & (F_EMPTY | F_BLANK | F_FURN | F_HDR))
			continue;
		s = c->raw.s + c->v[i].off;
		sl = c->v[i].len;
		ipm_zh_trim(&s, &sl);
		if (pdf_table_header(s, sl))
			continue;
		if (line_unit(c, i, col)) {
			if (nu == cap_u) {
				cap_u = cap_u ? cap_u * 2 : 64;
				unit = ipm_realloc(unit, cap_u * sizeof *unit);
				ulast = ipm_realloc(ulast, cap_u * sizeof *ulast);
			}
			if (nu)
				ulast[nu - 1] = last_text;
			unit[nu++] = i;
		}
		if (!pdf_urlish_words(s, sl))   /* a run ends at its last line of text */
			last_text = i;
		if (line_name(c, i, col, &off, &len, &dated)) {
			/* a fragment within 2 lines of the last one (a page gap
			 * not counted) continues that name, unless both begin an
			 * item (two one-line rows), or it repeats the last one past
			 * a page gap (wkhtmltopdf prints a cut name on both pages) */
			int join = nn && pos[i - from] - pos[nm[nn - 1].last - from] <= 2 && c->frag_w >= c->name_w &&
			           !(dated && pdf_name_done(c, c->raw.s + c->v[i].off + off, len,
			                                c->raw.s + c->v[frag_line[nfr - 1]].off + frag_off[nfr - 1],
			                                frag_len[nfr - 1])) &&
			           !item_line_after_name(c, frag_line[nfr - 1], frag_off[nfr - 1], frag_len[nfr - 1], i) &&
			           !(i - nm[nn - 1].last > 2 && frag_len[nfr - 1] == len &&
			             memcmp(c->raw.s + c->v[frag_line[nfr - 1]].off + frag_off[nfr - 1],
			                    c->raw.s + c->v[i].off + off, len) == 0);
			if (nfr == cap_f) {
				cap_f = cap_f ? cap_f * 2 : 64;
				frag_line = ipm_realloc(frag_line, cap_f * sizeof *frag_line);
				frag_off = ipm_realloc(frag_off, cap_f * sizeof *frag_off);
				frag_len = ipm_realloc(frag_len, cap_f * sizeof *frag_len);
			}
			pdf_frag_width(c, c->raw.s + c->v[i].off + off, len);
			frag_line[nfr] = i;
			frag_off[nfr] = off;
			frag_len[nfr++] = len;
			if (join) {
				nm[nn - 1].last = i;
				nm[nn - 1].nfrag++;
			} else {
				if (nn == cap_n) {
					cap_n = cap_n ? cap_n * 2 : 32;
					nm = ipm_realloc(nm, cap_n * sizeof *nm);
				}
				nm[nn].first = nm[nn].last = i;
				nm[nn++].nfrag = 1;
			}
		}
	}
	if (nu)
		ulast[nu - 1] = last_text;
	c->frag_w = c->name_w = 0;   /* the parser measures them again */
	if (!nn || !nu)
		goto done;
	/* centred: items before the first name, or names beside no item start */
	k = 0;
	for (i = 0; i < nn; i++)
		k += !line_unit(c, nm[i].first, c->col_item);
	centred = unit[0] < nm[0].first || k * 4 > nn;
	if (!centred)
		goto done;
	runs = choose_runs(c, from, unit, ulast, nu, nm, nn, frag_line, frag_off, frag_len);
	if (!runs)
		goto done;
	touched = ipm_calloc(c->n - from, 1);
	c->names_moved = 1;
	/* move each name to its run's first line */
	f0 = 0;
	for (k = 0; k < nn; k++) {
		size_t f, at = unit[runs[k]];
		ipm_buf_clear(&name);
		for (f = f0; f < f0 + nm[k].nfrag; f++) {
			const char *s = c->raw.s + c->v[frag_line[f]].off;
			size_t p, q;
			ipm_zh_join(&name, s + frag_off[f], frag_len[f]);
			if (touched[frag_line[f] - from])
				continue;   /* moved already: this copy stays */
			/* the fragment becomes spaces, one per code point */
			ipm_buf_clear(&line);
			ipm_buf_add(&line, s, frag_off[f]);
			for (p = frag_off[f]; p < frag_off[f] + frag_len[f]; p += q) {
				ipm_cp_at(s, frag_off[f] + frag_len[f], p, &q);
				ipm_buf_addc(&line, ' ');
			}
			ipm_buf_add(&line, s + frag_off[f] + frag_len[f],
			            c->v[frag_line[f]].len - frag_off[f] - frag_len[f]);
			line_set(c, frag_line[f], &line);
		}
		f0 += nm[k].nfrag;
		{
			/* the run begins at its first line after the last one's text
			 * (a URL printed above its item's first line) */
			const char *s;
			size_t sl, lead, cps = 0, p, q, prev = runs[k] ? ulast[runs[k] - 1] : from;
			for (p = prev + 1; p < at; p++) {
				const char *u = c->raw.s + c->v[p].off;
				size_t ul = c->v[p].len;
				ipm_zh_trim(&u, &ul);
				if (!(c->v[p].flags & (F_EMPTY | F_BLANK | F_FURN | F_HDR)) && ul &&
				    ipm_url_starts(u, ul))
					break;   /* not a URL's continuation: that is the run above's */
			}
			if (p < at && !touched[p - from])
				at = p;
			s = c->raw.s + c->v[at].off;
			sl = c->v[at].len;
			lead = strspn(s, " ");
			for (p = 0; p < name.len; p += q, cps++)
				ipm_cp_at(name.s, name.len, p, &q);
			ipm_buf_clear(&line);
			ipm_buf_add(&line, name.s, name.len);
			if (lead >= cps + 2) {   /* in the line's indent: columns kept */
				for (p = cps; p < lead; p++)
					ipm_buf_addc(&line, ' ');
				ipm_buf_add(&line, s + lead, sl - lead);
			} else {
				ipm_buf_add(&line, "  ", 2);
				ipm_buf_add(&line, s, sl);
			}
			line_set(c, at, &line);
			c->v[at].name_line = c->v[nm[k].first].line;
			touched[at - from] = 1;
		}
	}
done:
	free(pos);
	free(unit);
	free(ulast);
	free(nm);
	free(frag_line);
	free(frag_off);
	free(frag_len);
	free(runs);
	free(touched);
	ipm_buf_free(&name);
	ipm_buf_free(&line);
}

