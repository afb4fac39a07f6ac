/* pdftext.c: PDF text of a monitoring report -> layout blocks.
 *
 * The input is cut into regions at section headings ("一、…", "【…】"); a region
 * is buffered (bounded: REGION_MAX_LINES / REGION_MAX_BYTES, then flushed as
 * is) so page furniture can be recognised with lookahead. Before a table
 * header ("地区 相关政策 链接") a region is paragraphs; after it, table lines.
 *
 * Table lines become pieces of one column: actor fragment, item text, or URL
 * fragment. With `pdftotext -layout` the column comes from the position on
 * the line; otherwise from the line's shape and its neighbour (a short CJK
 * line after a closed item is an actor; an item starts at a leading date; an
 * ASCII run continues the newest unfinished URL). Pieces build groups (one
 * actor, its items, its URLs in order); each item becomes one row block
 * [actor, item, url] (or [actor, item] in a table without a link column). */
#include "pdftext.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/dict.h"
#include "core/utf8.h"
#include "core/util.h"
#include "pdftext_impl.h"
#include "text/urls.h"
#include "text/zh.h"

/* ---- regions ---- */

static const char *line_text(pl_ctx *c, size_t i, size_t *len)
{
	const char *s = c->raw.s + c->v[i].off;

	*len = c->v[i].len;
	ipm_zh_trim(&s, len);
	return s;
}

static int furn_known(pl_ctx *c, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < c->nfurn; i++)
		if (strlen(c->furn[i]) == len && memcmp(c->furn[i], s, len) == 0)
			return 1;
	return 0;
}

static void furn_learn(pl_ctx *c, const char *s, size_t len)
{
	if (c->nfurn < FURN_MAX && !furn_known(c, s, len))
		c->furn[c->nfurn++] = ipm_strndup(s, len);
}

static size_t next_text(pl_ctx *c, size_t i)
{
	while (i < c->n && (c->v[i].flags & (F_EMPTY | F_BLANK)))
		i++;
	return i;
}

static size_t prev_text(pl_ctx *c, size_t i)
{
	while (i > 0 && (c->v[i - 1].flags & (F_EMPTY | F_BLANK)))
		i--;
	return i > 0 ? i - 1 : c->n;
}

/* A line that may be a running header/footer: a short name, no sentence. */
static int furn_shape(pl_ctx *c, size_t i)
{
	size_t len;
	const char *s;

	if (i >= c->n || (c->v[i].flags & F_FURN))
		return 0;
	s = line_text(c, i, &len);
	return pdf_actor_like(s, len) && !pdf_table_header(s, len) && !pdf_section_heading(s, len);
}

/* Is line i a page number with evidence of a page break around it: a form
 * feed on it or a neighbour, a run of 2+ empty lines before it (a page
 * gap), or a neighbour already known as furniture? */
static int page_break_at(pl_ctx *c, size_t i, int *ff)
{
	size_t len, p, q, j;
	const char *s = line_text(c, i, &len);
	long pg = pdf_page_number(s, len);
	int gap = 0;

	if (pg < 0)
		return 0;
	for (j = i; j > 0 && (c->v[j - 1].flags & (F_EMPTY | F_BLANK)); j--)
		gap += (c->v[j - 1].flags & F_EMPTY) != 0;
	p = prev_text(c, i);
	q = next_text(c, i + 1);
	*ff = (c->v[i].flags & F_FF) || (p < c->n && (c->v[p].flags & F_FF)) ||
	      (q < c->n && (c->v[q].flags & F_FF));
	if (!*ff && gap < 2) {
		const char *t;
		size_t tl;
		int known = 0;
		if (p < c->n && (t = line_text(c, p, &tl)) != NULL)
			known |= furn_known(c, t, tl);
		if (q < c->n && (t = line_text(c, q, &tl)) != NULL)
			known |= furn_known(c, t, tl);
		if (!known)
			return 0;
	}
	/* a bare number far from the last page is more likely a URL piece */
	if (!*ff && c->last_page > 0 && pg > c->last_page + 40)
		return 0;
	c->last_page = pg;
	return 1;
}

static void furn_mark(pl_ctx *c, size_t i)
{
	size_t len;
	const char *s = line_text(c, i, &len);

	c->v[i].flags |= F_FURN;
	if (pdf_page_number(s, len) < 0)
		furn_learn(c, s, len);
}

/* Mark page numbers and the running header/footer next to them. The line
 * after a page number is furniture when it is name-shaped and the break was
 * seen by a form feed on it or by a page gap (text copied from a PDF); the
 * line before when it has a form feed, or when the same text sits next to
 * another page number in this region. Lines equal to learnt furniture go. */
static void mark_furniture(pl_ctx *c)
{
	size_t i, k, nb = 0, len, pl, ql;
	size_t *br = NULL;
	int *ffs = NULL, ff;

	for (i = 0; i < c->n; i++) {
		const char *s;
		if (c->v[i].flags & (F_EMPTY | F_BLANK))
			continue;
		s = line_text(c, i, &len);
		if (furn_known(c, s, len)) {
			c->v[i].flags |= F_FURN;
			continue;
		}
		if (!page_break_at(c, i, &ff))
			continue;
		c->v[i].flags |= F_FURN;
		br = ipm_realloc(br, (nb + 1) * sizeof *br);
		ffs = ipm_realloc(ffs, (nb + 1) * sizeof *ffs);
		br[nb] = i;
		ffs[nb++] = ff;
	}
	for (k = 0; k < nb; k++) {
		size_t p = prev_text(c, br[k]), q = next_text(c, br[k] + 1), m;
		if (furn_shape(c, q) && (!ffs[k] || (c->v[q].flags & F_FF)))
			furn_mark(c, q);
		if (!furn_shape(c, p))
			continue;
		if (c->v[p].flags & F_FF) {
			furn_mark(c, p);
			continue;
		}
		for (m = k > 32 ? k - 32 : 0; m < nb && m <= k + 32; m++) {   /* nearby breaks */
			size_t o = prev_text(c, br[m]);
			const char *a, *b;
			if (m == k || o >= c->n)
				continue;
			a = line_text(c, p, &pl);
			b = line_text(c, o, &ql);
			if (pl == ql && memcmp(a, b, pl) == 0) {
				furn_mark(c, p);
				break;
			}
		}
	}
	free(br);
	free(ffs);
}

/* An empty line, or furniture seen by its shape alone (a page number, a
 * footer with one). */
static int furniture_gap(pl_ctx *c, size_t i)
{
	size_t len;
	const char *s;

	if (c->v[i].flags & (F_EMPTY | F_BLANK | F_FURN))
		return 1;
	s = line_text(c, i, &len);
	return pdf_page_number(s, len) >= 0 || pdf_numbered_edge(s, len);
}

/* wkhtmltopdf prints a line cut by a page break on both pages: the last
 * text line of a page (furniture aside) equal to the first of the next is
 * marked F_CUT, and only its second copy is read (nor is either taken for
 * a running header or footer). */
static void mark_cut_lines(pl_ctx *c)
{
	size_t i, p, q, pl, ql;

	for (i = 1; i < c->n; i++) {
		const char *a, *b;
		if (!(c->v[i].flags & F_FF))
			continue;
		for (p = i; p > 0 && furniture_gap(c, p - 1); p--)
			;
		for (q = i; q < c->n && furniture_gap(c, q); q++)
			;
		if (p == 0 || q == c->n)
			continue;
		a = line_text(c, p - 1, &pl);
		b = line_text(c, q, &ql);
		if (pl && pl == ql && memcmp(a, b, pl) == 0)
			c->v[p - 1].flags |= F_CUT;
	}
}

/* ---- furniture by position and repetition ---- */

/* A line's shape for comparing page edges: digit runs as '#', spaces
 * squeezed ("2   中国信息通信研究院" and "3 中国信息通信研究院" match, as do
 * "file:///x.html 1/5" and "file:///x.html 2/5"). */
static void edge_sig(const char *s, size_t len, ipm_buf *out)
{
	size_t i;

	ipm_buf_clear(out);
	for (i = 0; i < len; i++) {
		char ch = s[i];
		if (ch >= '0' && ch <= '9') {
			if (!out->len || out->s[out->len - 1] != '#')
				ipm_buf_addc(out, '#');
		} else if (ch == ' ' || ch == '\t' || ch == '\f') {
			if (out->len && out->s[out->len - 1] != ' ')
				ipm_buf_addc(out, ' ');
		} else {
			ipm_buf_addc(out, ch);
		}
	}
	while (out->len && out->s[out->len - 1] == ' ')
		out->len--;
}

static int sig_known(pl_ctx *c, const ipm_buf *sig)
{
	size_t i;

	for (i = 0; i < c->nfsig; i++)
		if (strlen(c->fsig[i]) == sig->len && memcmp(c->fsig[i], sig->s, sig->len) == 0)
			return 1;
	return 0;
}

/* Was this edge shape seen at a page edge of an earlier region? */
static int sig_seen(pl_ctx *c, const ipm_buf *sig)
{
	size_t i;

	for (i = 0; i < c->nesig; i++)
		if (strlen(c->esig[i]) == sig->len && memcmp(c->esig[i], sig->s, sig->len) == 0)
			return 1;
	return 0;
}

/* The first two and last two text lines of each page (a page starts at a
 * form feed) are its edges. An edge line whose shape is seen at the edge of
 * another page (a running header or footer, with or without the page
 * number: "2   中国信息通信研究院", a browser's "file:///… 2/5") is furniture,
 * and its shape is learnt for the rest of the document; so is one whose
 * shape was at a page edge of an earlier region (ESIG_MAX shapes kept). A shape with no
 * letter or CJK character (a bare number) is left to the page-number rule. */
static void mark_edges(pl_ctx *c)
{
	size_t *e = NULL, ne = 0, cap = 0, i, j, k, p;
	ipm_buf *sig = NULL;

	for (i = 0; i < c->n; i++) {
		size_t at[4];
		if (!(c->v[i].flags & F_FF))
			continue;
		at[0] = (c->v[i].flags & (F_EMPTY | F_BLANK)) ? next_text(c, i) : i;
		at[1] = at[0] < c->n ? next_text(c, at[0] + 1) : c->n;
		at[2] = prev_text(c, i);
		at[3] = at[2] < c->n ? prev_text(c, at[2]) : c->n;
		for (k = 0; k < 4; k++) {
			if (at[k] >= c->n)
				continue;
			if (ne == cap) {
				cap = cap ? cap * 2 : 16;
				e = ipm_realloc(e, cap * sizeof *e);
			}
			e[ne++] = at[k];
		}
	}
	if (!ne)
		return;
	sig = ipm_calloc(ne, sizeof *sig);
	for (j = 0; j < ne; j++) {
		size_t len;
		const char *s = line_text(c, e[j], &len);
		edge_sig(s, len, &sig[j]);
	}
	for (j = 0; j < ne; j++) {
		int hit = 0, word = 0;
		for (p = 0; p < sig[j].len && !word; p++)
			word = (unsigned char)sig[j].s[p] >= 0x80 || ((sig[j].s[p] | 0x20) >= 'a' && (sig[j].s[p] | 0x20) <= 'z');
		if (!word || sig[j].len < 4 || (c->v[e[j]].flags & (F_FURN | F_CUT)))
			continue;
		{   /* a table header repeated on each page starts its table */
			size_t len;
			const char *s = line_text(c, e[j], &len);
			if (pdf_table_header(s, len) || pdf_column_word(c, s, len))
				continue;
		}
		if (sig_known(c, &sig[j]) || sig_seen(c, &sig[j]))
			hit = 1;
		{   /* a footer with its page number needs no second page to be seen */
			size_t len;
			const char *s = line_text(c, e[j], &len);
			hit |= pdf_numbered_edge(s, len);
		}
		for (k = 0; k < ne && !hit; k++)
			hit = k != j && e[k] != e[j] && !(c->v[e[k]].flags & F_CUT) && sig[k].len == sig[j].len &&
			      memcmp(sig[k].s, sig[j].s, sig[j].len) == 0;
		if (!hit)
			continue;
		c->v[e[j]].flags |= F_FURN;
		if (!sig_known(c, &sig[j]) && c->nfsig < FURN_MAX)
			c->fsig[c->nfsig++] = ipm_strndup(sig[j].s, sig[j].len);
	}
	for (j = 0; j < ne; j++) {   /* remembered for the regions after this one */
		if (!(c->v[e[j]].flags & F_FURN) && sig[j].len >= 4 && c->nesig < ESIG_MAX &&
		    !sig_seen(c, &sig[j]))
			c->esig[c->nesig++] = ipm_strndup(sig[j].s, sig[j].len);
		ipm_buf_free(&sig[j]);
	}
	free(sig);
	free(e);
}

static void para_line(pl_ctx *c, const char *s, size_t len, long line)
{
	int w = ipm_disp_width(s, len);

	if (!c->para.len)
		c->para_line = line;
	ipm_zh_join(&c->para, s, len);
	if (w > c->maxw_para)
		c->maxw_para = w;
	if (w * 100 < c->maxw_para * FULL_PCT)
		pdf_para_flush(c);
}

/* A region with URL lines and dated lines but no table header: the table
 * came out in pdftotext's default reading order, header words on their own
 * lines and cells of neighbouring rows mixed. */
static int scrambled_table(pl_ctx *c)
{
	size_t i, len, urls = 0, dates = 0;
	const char *s;

	for (i = 0; i < c->n; i++) {
		if (c->v[i].flags & (F_EMPTY | F_BLANK | F_FURN))
			continue;
		s = line_text(c, i, &len);
		if (pdf_table_header(s, len) || pdf_column_word(c, s, len) == R_ACTOR)
			return 0;
		urls += ipm_url_starts(s, len);
		dates += pdf_date_starts_item(s, len) != 0;
	}
	return urls >= 2 && dates >= 2;
}

/* The table's header line again (a new page), however it is spaced. */
static int same_header(pl_ctx *c, const char *s, size_t len)
{
	size_t i, j = 0;
	const char *h = c->header.s;

	if (!c->header.len || !pdf_table_header(s, len))
		return 0;
	for (i = 0; i < len; i++) {
		if (s[i] == ' ')
			continue;
		while (j < c->header.len && h[j] == ' ')
			j++;
		if (j == c->header.len || h[j] != s[i])
			return 0;
		j++;
	}
	while (j < c->header.len && h[j] == ' ')
		j++;
	return j == c->header.len;
}

/* The trimmed text of the next text line after i, or NULL. */
static const char *next_line_text(pl_ctx *c, size_t i, size_t *j, size_t *len)
{
	*j = next_text(c, i + 1);
	if (*j >= c->n || (c->v[*j].flags & F_FURN))
		return NULL;
	return line_text(c, *j, len);
}

/* A short CJK word of at most max characters, no spaces. */
static int short_word(const char *s, size_t len, size_t max)
{
	size_t i = 0, k, n = 0;

	while (i < len) {
		uint32_t cp = ipm_cp_at(s, len, i, &k);
		if (!ipm_is_cjk_cp(cp) || ++n > max)
			return 0;
		i += k;
	}
	return n > 0;
}

/* A header whose first cell wrapped in a narrow column, read line by line:
 * "发布机" / "构" / "相关举措 链接" (-raw). When the first two lines join
 * into a column word and the third completes a header, the lines after i
 * are marked as header and the header text goes into out; returns its
 * number of columns, else 0. */
static int wrapped_header_before(pl_ctx *c, size_t i, ipm_buf *out)
{
	size_t len, l2, l3, j, k;
	const char *s = line_text(c, i, &len), *t, *u;
	int nc;

	if (!short_word(s, len, 6) || !(t = next_line_text(c, i, &j, &l2)) || !short_word(t, l2, 3))
		return 0;
	ipm_buf_clear(out);
	ipm_buf_add(out, s, len);
	ipm_buf_add(out, t, l2);
	if (pdf_column_word(c, out->s, out->len) != R_ACTOR || !(u = next_line_text(c, j, &k, &l3)))
		return 0;
	ipm_buf_addc(out, ' ');
	ipm_buf_add(out, u, l3);
	if (!(nc = pdf_table_header(out->s, out->len)))
		return 0;
	c->v[j].flags |= F_HDR;
	c->v[k].flags |= F_HDR;
	return nc;
}

/* A header line whose cells wrapped onto the next line: "发布机 相关举措 链接"
 * then "构" (-layout). A next line of short words each completing a header
 * word into a column word is marked as header; the joined header goes into
 * out. Returns 1 when so. */
static int header_wrapped_after(pl_ctx *c, size_t i, const char *s, size_t len, ipm_buf *out)
{
	size_t l2, j, a, b, e, wl, hits = 0;
	const char *t = next_line_text(c, i, &j, &l2);
	ipm_buf h = {0}, w = {0};

	if (!t || l2 > 40)
		return 0;
	ipm_buf_add(&h, s, len);   /* s may be out's own text */
	ipm_buf_clear(out);
	for (a = 0; a < l2; a = b) {   /* each word of the next line */
		size_t p, hb = 0, best = (size_t)-1;
		while (a < l2 && t[a] == ' ')
			a++;
		for (b = a; b < l2 && t[b] != ' '; b++)
			;
		if (a == b)
			break;
		if (!short_word(t + a, b - a, 3))
			goto no;
		/* the header word it completes */
		for (p = 0; p < h.len; p = e) {
			while (p < h.len && h.s[p] == ' ')
				p++;
			for (e = p; e < h.len && h.s[e] != ' '; e++)
				;
			wl = e - p;
			if (!wl)
				break;
			ipm_buf_clear(&w);
			ipm_buf_add(&w, h.s + p, wl);
			ipm_buf_add(&w, t + a, b - a);
			if (pdf_column_word(c, w.s, w.len) != R_NONE) {
				best = p;
				hb = e;
				break;
			}
		}
		if (best == (size_t)-1)
			goto no;
		/* insert the piece after that header word */
		ipm_buf_clear(&w);
		ipm_buf_add(&w, h.s, hb);
		ipm_buf_add(&w, t + a, b - a);
		ipm_buf_add(&w, h.s + hb, h.len - hb);
		ipm_buf_clear(&h);
		ipm_buf_add(&h, w.s, w.len);
		hits++;
	}
	if (!hits)
		goto no;
	ipm_buf_add(out, h.s, h.len);
	c->v[j].flags |= F_HDR;
	ipm_buf_free(&h);
	ipm_buf_free(&w);
	return 1;
no:
	ipm_buf_free(&h);
	ipm_buf_free(&w);
	return 0;
}

/* A table header line: its words become a header row; a table begins. */
static void table_start(pl_ctx *c, const char *s, size_t len, long line, int ncols)
{
	const char *cells[4];
	size_t lens[4], k = 0, m = 0;

	pdf_para_flush(c);
	while (k < len && m < 4) {
		size_t e = k, n;
		while (e < len && !ipm_is_space_cp(ipm_cp_at(s, len, e, &n)))
			e += n;
		if (e > k) {
			cells[m] = s + k;
			lens[m++] = e - k;
		}
		k = pdf_skip_sp(s, len, e);
	}
	pdf_out_fail(c, ipm_blocks_header(c->out, cells, lens, m, line));
	c->ncols = ncols;
	ipm_buf_clear(&c->header);
	ipm_buf_add(&c->header, s, len);
	c->layout = -1;
	c->names_moved = 0;
	c->maxw_item = 0;
	c->name_w = c->frag_w = 0;
}

/* pdftotext's default reading order prints a table header's words on lines of
 * their own, in a small table column by column ("企业", "中国移动", "相关举措",
 * item, "链接", URL). From a line holding a first-column word, the next
 * column words of the region (in column order) make the header; their lines
 * are marked F_HDR. Returns the number of columns, 0 if this is no header. */
static int split_header_start(pl_ctx *c, size_t at)
{
	const char *cells[3], *s;
	size_t lens[3], idx[3], i, len;
	int n = 0, dated = 0;

	for (i = at; i < c->n; i++) {
		if (c->v[i].flags & (F_EMPTY | F_BLANK | F_FURN))
			continue;
		s = line_text(c, i, &len);
		if (n < 3 && pdf_column_word(c, s, len) == R_ACTOR + n) {
			cells[n] = s;
			lens[n] = len;
			idx[n++] = i;
		} else if (n) {
			pdf_strip_bullet(&s, &len);
			dated |= pdf_date_lead(s, len) != 0;
		}
	}
	if (n < 2 || !dated)
		return 0;
	pdf_para_flush(c);
	pdf_out_fail(c, ipm_blocks_header(c->out, cells, lens, (size_t)n, c->v[at].line));
	for (i = 0; i < (size_t)n; i++)
		c->v[idx[i]].flags |= F_HDR;
	c->ncols = n;
	c->split_hdr = 1;
	ipm_buf_clear(&c->header);
	c->layout = -1;
	c->names_moved = 0;
	c->maxw_item = 0;
	return n;
}

/* The next line of table text after i (furniture and the like skipped), or c->n. */
static size_t next_table_line(pl_ctx *c, size_t i)
{
	for (i++; i < c->n && (c->v[i].flags & (F_EMPTY | F_BLANK | F_FURN | F_HDR | F_CUT)); i++)
		;
	return i;
}

/* A short name line that continues no item (2+ characters, no more than
 * half the widest item line, one word of CJK). */
static int short_name_line(pl_ctx *c, const char *s, size_t len)
{
	int w = ipm_disp_width(s, len);

	return pdf_actor_like(s, len) && !memchr(s, ' ', len) && w >= 4 && w * 2 <= c->maxw_item &&
	       pdf_column_word(c, s, len) == R_NONE;
}

/* "腾讯 2月27日，…": a name and its item's date begin the line. */
static int named_item_line(const char *s, size_t len)
{
	const char *sp = memchr(s, ' ', len);

	return sp && pdf_actor_like(s, (size_t)(sp - s)) &&
	       pdf_date_starts_item(sp + 1, (size_t)(s + len - sp - 1));
}

/* Does s hold the first two characters of name ("天津" of 天津市)? */
static int names_first_two(const char *s, size_t len, const char *name, size_t nlen)
{
	size_t i = 0, k, n;

	for (n = 0; n < 2 && i < nlen; n++) {
		ipm_cp_at(name, nlen, i, &k);
		i += k;
	}
	return n == 2 && ipm_mem_find(s, len, name, i) != NULL;
}

/* "安徽省 政务服务办法>的…": a short name that ends like one (not "发展" of
 * "…发展 深入推进…"), one space, and CJK text (no date) begin line i; the
 * name's length, else 0. */
static size_t glued_name_len(pl_ctx *c, size_t i)
{
	size_t len, k = 0;
	const char *s = line_text(c, i, &len);

	while (k < len && s[k] != ' ')
		k++;
	if (k == len)
		return 0;
	if (!short_name_line(c, s, k) || !pdf_name_ends(s, k) || k + 1 >= len || !ipm_has_cjk(s + k + 1, len - k - 1 < 3 ? len - k - 1 : 3) ||
	    (unsigned char)s[k + 1] < 0x80 || named_item_line(s, len))
		return 0;
	return k;
}

/* -raw: a name centred in its row is printed among the row's lines, even
 * between two lines of an item ("…首个" / "浙江省" / "询、慢病…"): the lines
 * of a short name after an open item line, when the item goes on after
 * them (or the rest of its URL does), begin that name's row with that
 * item; when an item that names it follows, they are the next row's name
 * (the open item ended without punctuation). A short name glued by a space
 * to the next line of an open item that names it begins its row with that
 * item too. Returns
 * the index after the name's lines, or i when line i is no such name. */
static size_t name_in_item(pl_ctx *c, size_t i)
{
	size_t j = i, len, tl, k;
	const char *s, *t;

	if (!c->g.nitems)
		return i;
	if (c->g.item_open && (k = glued_name_len(c, i)) > 0 &&
	    names_first_two(c->g.items[c->g.nitems - 1].text.s, c->g.items[c->g.nitems - 1].text.len,
	                    line_text(c, i, &len), k)) {
		/* "安徽省 政务服务办法>的…": glued to the next line of an open
		 * item that names it ("平台 打造…" after "…黑龙江启动…" is none) */
		s = line_text(c, i, &len);
		ipm_buf_clear(&c->tmp2);
		ipm_buf_add(&c->tmp2, s, k);
		pdf_name_takes_item(c, c->tmp2.s, c->tmp2.len, c->v[i].line);
		pdf_table_line_flowed(c, s + k + 1, len - k - 1, c->v[i].line);
		return i + 1;
	}
	ipm_buf_clear(&c->tmp2);
	for (; j < c->n && (s = line_text(c, j, &len)) != NULL && short_name_line(c, s, len) && j - i < 3;
	     j = next_table_line(c, j))
		ipm_zh_join(&c->tmp2, s, len);
	if (j == i || j >= c->n)
		return i;
	t = line_text(c, j, &tl);
	if (pdf_urlish_words(t, tl) && !ipm_url_starts(t, tl) && c->g.nurls &&
	    !pdf_url_done(&c->g.urls[c->g.nurls - 1])) {
		/* the rest of the last item's URL after it: that item is its */
		pdf_name_takes_item(c, c->tmp2.s, c->tmp2.len, c->v[i].line);
		return j;
	}
	if (!c->g.item_open)
		return i;
	if (pdf_strip_bullet(&t, &tl) || pdf_date_starts_item(t, tl)) {
		/* an item after it that names it: the name of the next row
		 * (the open item ended without punctuation) */
		if (!names_first_two(t, tl, c->tmp2.s, c->tmp2.len))
			return i;
		pdf_name_line(c, c->tmp2.s, c->tmp2.len, c->v[i].line);
		return j;
	}
	if (!ipm_has_cjk(t, tl) || ipm_url_starts(t, tl) || pdf_date_lead(t, tl) || pdf_table_header(t, tl) ||
	    named_item_line(t, tl))
		return i;
	pdf_name_takes_item(c, c->tmp2.s, c->tmp2.len, c->v[i].line);
	return j;
}

static void region_flush(pl_ctx *c)
{
	size_t i, k, len;
	const char *s;
	size_t table_from = 0, page_from = 0;

	mark_cut_lines(c);
	mark_edges(c);
	mark_furniture(c);
	if (!c->ncols && !c->warned && scrambled_table(c)) {
		ipm_err(c->name, c->v[0].line, "warning: a table without a header line, cells "
		        "out of order? (pdftotext without -layout or -raw): its lines become paragraphs");
		c->warned = 1;
	}
	for (i = 0; i < c->n && !c->failed; i++) {
		long line = c->v[i].line;
		int lv, nc;
		if (c->v[i].flags & F_FF)
			page_from = i;
		if (c->v[i].flags & (F_EMPTY | F_BLANK | F_FURN))
			c->row_break = c->gap = 1;   /* -layout: rows are apart by empty lines */
		if (c->v[i].flags & (F_EMPTY | F_BLANK | F_HDR))
			continue;
		s = line_text(c, i, &len);
		if (c->v[i].flags & F_CUT) {
			pdf_drop(c, line, "pdf: line printed on both sides of a page break", s, len);
			continue;
		}
		if (c->v[i].flags & F_FURN) {
			pdf_drop(c, line, "pdf: page furniture", s, len);
			continue;
		}
		if (c->ncols) {
			if (same_header(c, s, len) ||
			    (c->split_hdr && pdf_column_word(c, s, len))) {
				pdf_drop(c, line, "pdf: repeated table header", s, len);
				continue;
			}
			if (c->layout < 0) {
				pdf_layout_detect(c, table_from);
				if (c->layout > 0)
					pdf_layout_centred(c, i);
			} else if (c->layout > 0 && page_from > table_from)
				pdf_layout_page(c, page_from);
			page_from = 0;
			c->mark_len = 0;
			c->name_line = c->v[i].name_line;
			if (c->layout)
				pdf_table_line_layout(c, c->raw.s + c->v[i].off, c->v[i].len, line);
			else if (!c->split_hdr && (k = name_in_item(c, i)) > i)
				i = k - 1;   /* its lines were read */
			else
				pdf_table_line_flowed(c, s, len, line);
			c->gap = 0;
			c->prev_line = line;
			continue;
		}
		if (pdf_column_word(c, s, len) == R_ACTOR && split_header_start(c, i)) {
			table_from = i + 1;
			continue;
		}
		nc = pdf_table_header(s, len);
		if (!nc && (nc = wrapped_header_before(c, i, &c->tmp2)) > 0) {
			s = c->tmp2.s;   /* "发布机" / "构" / "相关举措 链接" */
			len = c->tmp2.len;
		}
		if (nc) {
			if (header_wrapped_after(c, i, s, len, &c->tmp2)) {
				s = c->tmp2.s;   /* "发布机 相关举措 链接" / "构" */
				len = c->tmp2.len;
			}
			table_start(c, s, len, line, nc);
			table_from = i + 1;
			while (table_from < c->n && (c->v[table_from].flags & F_HDR))
				table_from++;
			continue;
		}
		lv = pdf_sub_heading(s, len);
		if (lv) {
			pdf_para_flush(c);
			pdf_out_fail(c, ipm_blocks_heading(c->out, lv, s, len, line));
			continue;
		}
		para_line(c, s, len, line);
	}
	c->n = 0;
	ipm_buf_clear(&c->raw);
}

/* End of a section: pending paragraph and table group go out. */
static void section_end(pl_ctx *c)
{
	region_flush(c);
	pdf_para_flush(c);
	pdf_held_release(c);
	if (c->ncols)
		pdf_group_emit(c);
	c->ncols = 0;
	c->split_hdr = 0;
	c->layout = -1;
}

static void region_add(pl_ctx *c, const char *s, size_t len, long line)
{
	const char *t = s;
	size_t tl = len;
	int flags = 0;

	if (memchr(s, '\f', len) || line == 1)
		flags |= F_FF;   /* the start of the text is a page start too */
	ipm_zh_trim(&t, &tl);
	if (len == 0)
		flags |= F_EMPTY;
	else if (tl == 0)
		flags |= F_BLANK;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 256;
		c->v = ipm_realloc(c->v, c->cap * sizeof *c->v);
	}
	c->v[c->n].off = c->raw.len;
	c->v[c->n].len = len;
	c->v[c->n].line = line;
	c->v[c->n].flags = flags;
	c->v[c->n].name_line = 0;
	c->n++;
	ipm_buf_add(&c->raw, s, len);
}

/* Does the next non-blank line (within 3) carry dot leaders? */
static int toc_follows(ipm_lines *in)
{
	const char *s;
	size_t k, len;

	for (k = 0; k < 3 && ipm_lines_peek(in, k, &s, &len, NULL) > 0; k++) {
		ipm_zh_trim(&s, &len);
		if (len)
			return pdf_has_leader(s, len);
	}
	return 0;
}

int ipm_pdftext_blocks(ipm_lines *in, ipm_blocks *out, ipm_rejects *rj, const char *data_dir)
{
	pl_ctx c;
	const char *s;
	size_t len, i;
	int rc = 0, lv;

	memset(&c, 0, sizeof c);
	c.in = in;
	c.out = out;
	c.rj = rj;
	c.name = ipm_lines_name(in);
	c.layout = -1;
	c.data_dir = data_dir;
	while (!c.failed && (rc = ipm_lines_next(in, &s, &len)) > 0) {
		long line = ipm_lines_lineno(in);
		const char *t = s;
		size_t tl = len;
		ipm_zh_trim(&t, &tl);
		lv = pdf_section_heading(t, tl);
		if (lv && toc_follows(in)) {
			lv = 0;   /* a contents entry whose dot leaders went to the next line */
		}
		if (lv) {
			section_end(&c);
			pdf_out_fail(&c, ipm_blocks_heading(out, lv, t, tl, line));
			continue;
		}
		region_add(&c, s, len, line);
		if (c.n >= REGION_MAX_LINES || c.raw.len >= REGION_MAX_BYTES)
			region_flush(&c);
	}
	if (!c.failed)
		section_end(&c);
	ipm_buf_free(&c.raw);
	ipm_buf_free(&c.para);
	ipm_buf_free(&c.header);
	ipm_buf_free(&c.tmp);
	ipm_buf_free(&c.tmp2);
	ipm_buf_free(&c.cell_items);
	ipm_table_free(c.colwords);
	ipm_buf_free(&c.cell_urls);
	ipm_buf_free(&c.split_actor);
	ipm_buf_free(&c.next_actor);
	pdf_group_free(&c.g);
	free(c.v);
	for (i = 0; i < c.nfurn; i++)
		free(c.furn[i]);
	for (i = 0; i < c.nfsig; i++)
		free(c.fsig[i]);
	for (i = 0; i < c.nesig; i++)
		free(c.esig[i]);
	if (c.failed)
		return -1;
	return rc < 0 ? -1 : 0;
}
