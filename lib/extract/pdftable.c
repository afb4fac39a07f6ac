/* pdftable: the table lines of a PDF-text region -> row blocks: each line
 * cut into pieces of one column (name, item text, URL piece), pieces into
 * groups (one name, its items and URLs), groups into rows. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/dict.h"
#include "core/utf8.h"
#include "core/util.h"
#include "pdftext_impl.h"
#include "text/links.h"
#include "text/urls.h"
#include "text/zh.h"

/* ---- groups (one actor with its items and URLs) ---- */

/* Default order only (a table read column by column): pair items with URLs
 * to know which URLs belong to which name's row. */
static void pair_urls(const pl_group *g, long *pair)
{
	const char **it = ipm_malloc((g->nitems + 1) * sizeof *it), **u = ipm_malloc((g->nurls + 1) * sizeof *u);
	size_t *il = ipm_malloc((g->nitems + 1) * sizeof *il), *ul = ipm_malloc((g->nurls + 1) * sizeof *ul), i;

	for (i = 0; i < g->nitems; i++) {
		it[i] = g->items[i].text.s ? g->items[i].text.s : "";
		il[i] = g->items[i].text.len;
	}
	for (i = 0; i < g->nurls; i++) {
		u[i] = g->urls[i].s ? g->urls[i].s : "";
		ul[i] = g->urls[i].len;
	}
	ipm_links_pair(g->nitems, it, il, g->nurls, u, ul, pair);
	free(it);
	free(u);
	free(il);
	free(ul);
}

/* Does item text t name actor a (its first two characters, "天津" of 天津市)? */
static int names_actor(const ipm_buf *t, const ipm_buf *a)
{
	size_t k, n = 0, i;

	for (i = 0; i < a->len && n < 2; n++) {
		ipm_cp_at(a->s, a->len, i, &k);
		i += k;
	}
	return n == 2 && t->len && ipm_mem_find(t->s, t->len, a->s, i) != NULL;
}

/* Default order, a table read column by column: k names, then the items of
 * all k rows. Split the items into k runs in order (each name one run at
 * least), so that as many items as possible name their row's actor.
 * owner[i] gets the name index of item i (0: g->actor, j: g->more[j-1]). */
static void partition_items(const pl_group *g, size_t *owner)
{
	size_t k = g->nmore + 1, m = g->nitems, i, j;
	int *best;
	unsigned char *adv;

	if (m < k || k * m > (1u << 20)) {
		for (i = 0; i < m; i++)
			owner[i] = i < k ? i : k - 1;
		return;
	}
	best = ipm_malloc(k * m * sizeof *best);
	adv = ipm_calloc(k * m, 1);
	for (i = 0; i < m; i++)
		for (j = 0; j < k && j <= i; j++) {
			const ipm_buf *a = j ? &g->more[j - 1] : &g->actor;
			int sc = names_actor(&g->items[i].text, a), stay = -1, step = -1;
			if (i == 0) {
				best[0] = sc;
				continue;
			}
			if (j < i)
				stay = best[(i - 1) * k + j];
			if (j > 0)
				step = best[(i - 1) * k + j - 1];
			if (stay < 0 && step < 0) {
				best[i * k + j] = -1000000;
				continue;
			}
			adv[i * k + j] = step > stay;
			best[i * k + j] = sc + (step > stay ? step : stay);
		}
	for (i = m, j = k - 1; i-- > 0;) {
		owner[i] = j;
		if (i > 0 && adv[i * k + j])
			j--;
	}
	free(best);
	free(adv);
}

/* Default order: the rows of k names read column by column, one row per
 * item (the name filling every row it spans), with the URL paired to it. */
static void emit_partitioned(pl_ctx *c)
{
	pl_group *g = &c->g;
	size_t i;
	long *pair = ipm_malloc((g->nitems + 1) * sizeof *pair);
	size_t *owner = ipm_calloc(g->nitems + 1, sizeof *owner);
	unsigned char *used = ipm_calloc(g->nurls + 1, 1);

	partition_items(g, owner);
	for (i = 0; i < g->nmore; i++)
		if (g->nitems <= i + 1 || owner[g->nitems - 1] < i + 1)
			pdf_drop(c, g->more_lines[i], "pdf: actor without item", g->more[i].s, g->more[i].len);
	pair_urls(g, pair);
	for (i = 0; i < g->nitems; i++) {
		const char *cells[3];
		size_t lens[3], n = c->ncols >= 3 ? 3 : 2;
		long u = pair[i];
		const ipm_buf *a = owner[i] ? &g->more[owner[i] - 1] : &g->actor;
		cells[0] = a->len ? a->s : "";
		lens[0] = a->len;
		cells[1] = g->items[i].text.s ? g->items[i].text.s : "";
		lens[1] = g->items[i].text.len;
		cells[2] = u >= 0 ? g->urls[u].s : "";
		lens[2] = u >= 0 ? g->urls[u].len : 0;
		if (u >= 0 && n == 3)
			used[u] = 1;
		pdf_out_fail(c, ipm_blocks_row(c->out, cells, lens, n, g->items[i].line));
	}
	for (i = 0; i < g->nurls; i++)
		if (!used[i])
			pdf_drop(c, g->url_lines[i], "pdf: url without item", g->urls[i].s, g->urls[i].len);
	free(pair);
	free(owner);
	free(used);
}

/* One table row: [name, items, URLs], items and URLs one per line of their
 * cell, with the source line of every line (ipm-rows pairs them). */
static void emit_row(pl_ctx *c)
{
	pl_group *g = &c->g;
	const char *cells[3];
	size_t lens[3], i, n = c->ncols >= 3 ? 3 : 2, nl = 0;
	long *lines = ipm_malloc((g->nitems + g->nurls + 3) * sizeof *lines);

	ipm_buf_clear(&c->cell_items);
	ipm_buf_clear(&c->cell_urls);
	lines[nl++] = g->actor.len ? g->actor_line : g->items[0].line;
	for (i = 0; i < g->nitems; i++) {
		if (i)
			ipm_buf_addc(&c->cell_items, '\n');
		ipm_buf_add(&c->cell_items, g->items[i].text.s ? g->items[i].text.s : "", g->items[i].text.len);
		lines[nl++] = g->items[i].line;
	}
	for (i = 0; i < g->nurls && n == 3; i++) {
		if (i)
			ipm_buf_addc(&c->cell_urls, '\n');
		ipm_buf_add(&c->cell_urls, g->urls[i].s, g->urls[i].len);
		lines[nl++] = g->url_lines[i];
	}
	if (n == 3 && !g->nurls)
		lines[nl++] = g->items[0].line;
	for (i = 0; i < g->nurls && n < 3; i++)
		pdf_drop(c, g->url_lines[i], "pdf: url in a table without a link column", g->urls[i].s, g->urls[i].len);
	cells[0] = g->actor.len ? g->actor.s : "";
	lens[0] = g->actor.len;
	cells[1] = c->cell_items.s ? c->cell_items.s : "";
	lens[1] = c->cell_items.len;
	cells[2] = c->cell_urls.s ? c->cell_urls.s : "";
	lens[2] = c->cell_urls.len;
	pdf_out_fail(c, ipm_blocks_row_lines(c->out, cells, lens, n, g->items[0].line, lines, nl));
	free(lines);
}

void pdf_group_emit(pl_ctx *c)
{
	pl_group *g = &c->g;
	size_t i;

	if (!g->actor.len && c->split_open && c->split_actor.len)
		ipm_buf_add(&g->actor, c->split_actor.s, c->split_actor.len);
	c->split_open = 0;
	if (g->nitems == 0) {
		if (g->actor.len)
			pdf_drop(c, g->actor_line, "pdf: actor without item", g->actor.s, g->actor.len);
		for (i = 0; i < g->nurls; i++)
			pdf_drop(c, g->url_lines[i], "pdf: url without item", g->urls[i].s, g->urls[i].len);
	} else if (g->nmore) {
		emit_partitioned(c);
	} else {
		emit_row(c);
	}
	ipm_buf_clear(&g->actor);
	for (i = 0; i < g->nmore; i++)
		ipm_buf_clear(&g->more[i]);
	g->nmore = 0;
	for (i = 0; i < g->nitems; i++)
		ipm_buf_clear(&g->items[i].text);
	for (i = 0; i < g->nurls; i++)
		ipm_buf_clear(&g->urls[i]);
	g->nitems = g->nurls = 0;
	g->last = K_NONE;
	g->item_open = 0;
}

/* Write out the group with its URLs before index keep; the URLs from keep on
 * stay, as the first URLs of a new group without a name yet. */
static void group_split(pl_ctx *c, size_t keep)
{
	pl_group *g = &c->g;
	size_t n = g->nurls, j;

	g->nurls = keep;
	ipm_buf_clear(&c->split_actor);
	if (g->actor.len)
		ipm_buf_add(&c->split_actor, g->actor.s, g->actor.len);
	pdf_group_emit(c);
	c->split_open = 1;
	for (j = 0; keep + j < n; j++) {
		ipm_buf t = g->urls[j];
		long l = g->url_lines[j];
		g->urls[j] = g->urls[keep + j];
		g->url_lines[j] = g->url_lines[keep + j];
		g->urls[keep + j] = t;
		g->url_lines[keep + j] = l;
	}
	g->nurls = n - keep;
}

void pdf_group_free(pl_group *g)
{
	size_t i;

	ipm_buf_free(&g->actor);
	for (i = 0; i < g->capmore; i++)
		ipm_buf_free(&g->more[i]);
	free(g->more);
	free(g->more_lines);
	for (i = 0; i < g->capitems; i++)
		ipm_buf_free(&g->items[i].text);
	for (i = 0; i < g->capurls; i++)
		ipm_buf_free(&g->urls[i]);
	free(g->items);
	free(g->urls);
	free(g->url_lines);
}

static pl_item *item_new(pl_group *g, long line)
{
	if (g->nitems == g->capitems) {
		size_t n = g->capitems ? g->capitems * 2 : 8;
		g->items = ipm_realloc(g->items, n * sizeof *g->items);
		memset(g->items + g->capitems, 0, (n - g->capitems) * sizeof *g->items);
		g->capitems = n;
	}
	g->items[g->nitems].line = line;
	ipm_buf_clear(&g->items[g->nitems].text);
	return &g->items[g->nitems++];
}

/* Grow a list of texts with their source lines (new texts empty). */
static void grow_lined(ipm_buf **v, long **lines, size_t *cap)
{
	size_t n = *cap ? *cap * 2 : 8;

	*v = ipm_realloc(*v, n * sizeof **v);
	*lines = ipm_realloc(*lines, n * sizeof **lines);
	memset(*v + *cap, 0, (n - *cap) * sizeof **v);
	*cap = n;
}

static ipm_buf *url_new(pl_group *g, long line)
{
	if (g->nurls == g->capurls)
		grow_lined(&g->urls, &g->url_lines, &g->capurls);
	g->url_lines[g->nurls] = line;
	ipm_buf_clear(&g->urls[g->nurls]);
	return &g->urls[g->nurls++];
}

/* Does a URL look finished (a file name or a query at its end)? */
int pdf_url_done(const ipm_buf *u)
{
	return ipm_url_complete(u->s, u->len);
}

/* "http://" alone at a line's end: the address follows on the next line. */
static int bare_scheme(const ipm_buf *u)
{
	return u->len >= 3 && u->len <= 8 && memcmp(u->s + u->len - 3, "://", 3) == 0;
}

/* "l" after a URL ending in ".htm" or ".shtm": the tail of ".html" wrapped alone. */
static int html_tail(const ipm_buf *u, const char *s, size_t len)
{
	return len == 1 && s[0] == 'l' && u->len >= 4 && memcmp(u->s + u->len - 3, "htm", 3) == 0;
}

/* A URL fragment: continue the URL just before, else the newest unfinished one. */
static void url_fragment(pl_ctx *c, const char *s, size_t len, long line)
{
	pl_group *g = &c->g;
	size_t i;

	if (g->nurls == 0) {
		pdf_drop(c, line, "pdf: url fragment without url", s, len);
		return;
	}
	if (g->last != K_URL || (c->split_hdr && pdf_url_done(&g->urls[g->nurls - 1]))) {
		for (i = g->nurls; i-- > 0 && i + 64 >= g->nurls;)   /* bounded look back */
			if (!pdf_url_done(&g->urls[i])) {
				ipm_url_clean(s, len, &g->urls[i]);
				return;
			}
		if (c->split_hdr && pdf_url_done(&g->urls[g->nurls - 1]) &&
		    !html_tail(&g->urls[g->nurls - 1], s, len)) {
			pdf_drop(c, line, "pdf: url fragment without url", s, len);
			return;   /* default order: the head of this URL is elsewhere */
		}
	}
	ipm_url_clean(s, len, &g->urls[g->nurls - 1]);
}

static void item_text(pl_ctx *c, const char *s, size_t len, long line)
{
	pl_group *g = &c->g;
	pl_item *it = g->nitems ? &g->items[g->nitems - 1] : item_new(g, line);
	int w = ipm_disp_width(s, len);

	ipm_zh_join(&it->text, s, len);
	if (w > c->maxw_item)
		c->maxw_item = w;
	g->item_open = w * 100 >= c->maxw_item * FULL_PCT && !pdf_ends_with_any(s, len, pdf_terminal_punct);
	g->last = K_ITEM;
}

/* Default order, a table read column by column: a name after an empty line,
 * when the group has names but nothing else yet, is the next row's name; a
 * name's next line joins it. Returns 1 when the piece was taken here. */
static int another_name(pl_ctx *c, const char *s, size_t len, long line)
{
	pl_group *g = &c->g;

	if (!c->split_hdr || g->nitems || g->nurls || !g->actor.len || g->last != K_ACTOR)
		return 0;
	if (!c->gap && g->nmore) {
		ipm_zh_join(&g->more[g->nmore - 1], s, len);
		return 1;
	}
	if (!c->gap)
		return 0;
	if (g->nmore == g->capmore)
		grow_lined(&g->more, &g->more_lines, &g->capmore);
	ipm_buf_clear(&g->more[g->nmore]);
	ipm_buf_add(&g->more[g->nmore], s, len);
	g->more_lines[g->nmore++] = line;
	return 1;
}

/* Default reading order: a row's URLs, or the rest of its last item after a
 * page break, may be printed after the next row's name. So a name after items
 * holds the group: URLs go to it until it has one per item, item text without
 * a leading date continues its last item; a new item releases it. Returns 1
 * when the piece was taken here. */
void pdf_held_release(pl_ctx *c)
{
	pl_group *g = &c->g;

	if (!c->held)
		return;
	c->held = 0;
	pdf_group_emit(c);
	ipm_buf_add(&g->actor, c->next_actor.s, c->next_actor.len);
	g->actor_line = c->next_actor_line;
	g->actor_last = c->next_actor_line;
	g->last = K_ACTOR;
	ipm_buf_clear(&c->next_actor);
}

static int held_piece(pl_ctx *c, const char *s, size_t len, long line, int kind, int bullet)
{
	pl_group *g = &c->g;

	if (!c->split_hdr)
		return 0;
	if (!c->held && kind == K_ACTOR && g->nitems && g->actor.len && ipm_disp_width(s, len) <= 2) {
		ipm_zh_join(&g->actor, s, len);   /* "黑龙江" … "省": a name's last character */
		return 1;
	}
	if (!c->held && kind == K_ACTOR && g->nitems && g->last != K_ACTOR) {
		c->held = 1;
		ipm_buf_clear(&c->next_actor);
		c->next_actor_line = line;
	}
	if (!c->held)
		return 0;
	if (kind == K_ACTOR) {
		ipm_zh_join(&c->next_actor, s, len);
		return 1;
	}
	if (kind == K_URL && (!ipm_url_starts(s, len) || g->nurls < g->nitems))
		return 0;   /* the held group's own URL (or a piece of it) */
	if (kind == K_ITEM && !bullet && !pdf_date_lead(s, len))
		return 0;   /* the held group's last item goes on past a page break */
	pdf_held_release(c);
	return 0;
}

/* -layout: the width of the widest name fragment in this table, and of the
 * last one: a name wrapped in a narrow column fills its lines but the last,
 * so a fragment after one narrower than the widest begins another name. */
void pdf_frag_width(pl_ctx *c, const char *s, size_t len)
{
	c->frag_w = ipm_disp_width(s, len);
	if (c->frag_w > c->name_w)
		c->name_w = c->frag_w;
}

/* Does a name end like one: 北京市, 工信部, 国家卫生健康委员会, 中国电信 (not
 * 广西壮 of 广西壮族自治区)? */
int pdf_name_ends(const char *s, size_t len)
{
	static const char *const ends = "省市区县部局委会院厅办司署行社团所馆台站队处府盟州信通动";
	const char *p = s + len;
	size_t k;

	if (!len)
		return 0;
	while (p > s && ((unsigned char)p[-1] & 0xC0) == 0x80)
		p--;
	if (p > s)
		p--;
	k = (size_t)(s + len - p);
	return k == 3 && ipm_mem_find(ends, strlen(ends), p, 3) != NULL;
}

/* -layout: a name fragment s beside a dated item: does it begin another
 * name (rather than go on with the one before, "黑龙江" / "省", "广西壮" /
 * "族自治")? Yes when the last fragment did not fill the name column, or s
 * has 2+ characters and the name so far ends like a name. */
int pdf_name_done(const pl_ctx *c, const char *s, size_t len, const char *name, size_t nlen)
{
	return c->frag_w < c->name_w || (ipm_disp_width(s, len) > 2 && pdf_name_ends(name, nlen));
}

/* One piece of a table line whose column is known (kind) or to be guessed (K_NONE). */
static void piece(pl_ctx *c, const char *s, size_t len, long line, int kind, int bullet)
{
	pl_group *g = &c->g;

	if (!len)
		return;
	if (kind == K_NONE) {
		if (ipm_url_starts(s, len))
			kind = K_URL;
		else if (bullet || (pdf_date_lead(s, len) && (!g->item_open || pdf_date_starts_item(s, len))))
			kind = K_ITEM, bullet = 1;
		else if (ipm_url_chars(s, len) && g->nurls && (g->last == K_URL || !pdf_url_done(&g->urls[g->nurls - 1]) ||
		                                        !g->item_open))
			kind = K_URL;
		else if (pdf_actor_like(s, len) && (g->last == K_ACTOR || !g->item_open || (c->split_hdr && c->gap)))
			kind = K_ACTOR;
		else
			kind = K_ITEM;
	} else if (kind == K_ITEM) {
		bullet = bullet || pdf_date_lead(s, len);
	}
	if (c->pending && kind != K_URL) {
		/* -layout: a new item after an empty line begins a new row */
		if (kind == K_ITEM && bullet && c->pending_url <= g->nurls)
			group_split(c, c->pending_url);
		c->pending = 0;
	}
	if (held_piece(c, s, len, line, kind, bullet))
		return;
	switch (kind) {
	case K_ACTOR:
		if (another_name(c, s, len, line))
			break;
		if (c->layout == 1) {
			/* -layout: the pieces of a name sit on nearby lines of one row
			 * (every other line when the name is centred in its cell); a
			 * row begun without a name takes the first one printed in it;
			 * names moved whole to their rows' first lines are one each */
			if (g->actor.len && (line - g->actor_last > 2 || c->frag_w < c->name_w ||
			                     (c->name_dated && g->nitems &&
			                      (c->names_moved || pdf_name_done(c, s, len, g->actor.s, g->actor.len)))))
				pdf_group_emit(c);
			pdf_frag_width(c, s, len);
		} else if (g->last != K_ACTOR || g->nitems) {
			if (g->nitems || g->actor.len)
				pdf_group_emit(c);
		}
		if (!g->actor.len)
			g->actor_line = line;
		c->split_open = 0;
		ipm_zh_join(&g->actor, s, len);
		g->actor_last = line;
		g->last = K_ACTOR;
		break;
	case K_URL:
		if (ipm_url_starts(s, len) && !(g->nurls && bare_scheme(&g->urls[g->nurls - 1])))
			ipm_url_clean(s, len, url_new(g, line));
		else
			url_fragment(c, s, len, line);
		g->last = K_URL;
		break;
	default:
		if (bullet && g->nitems >= GROUP_MAX_ITEMS) {
			/* bounded memory: write out a huge group, keep its actor */
			ipm_buf_clear(&c->tmp);
			if (g->actor.len)
				ipm_buf_add(&c->tmp, g->actor.s, g->actor.len);
			pdf_group_emit(c);
			if (c->tmp.len)
				ipm_buf_add(&g->actor, c->tmp.s, c->tmp.len);
		}
		if (bullet) {
			pl_item *it = item_new(g, line);
			if (c->mark_len)
				ipm_buf_add(&it->text, c->mark, c->mark_len);
		}
		c->mark_len = 0;
		item_text(c, s, len, line);
		break;
	}
}

/* A line known to be a name (the next row's). */
void pdf_name_line(pl_ctx *c, const char *name, size_t nlen, long line)
{
	piece(c, name, nlen, line, K_ACTOR, 0);
}

/* -raw: name begins a row that takes the last item of the group and its
 * URL (printed before the name: the name is centred in its row). */
void pdf_name_takes_item(pl_ctx *c, const char *name, size_t nlen, long line)
{
	pl_group *g = &c->g;
	pl_item *it;
	long il = g->items[g->nitems - 1].line;
	int maxw = c->maxw_item;

	int open = g->item_open, url = g->nurls && (g->nurls == g->nitems || !pdf_url_done(&g->urls[g->nurls - 1]));
	long ul = url ? g->url_lines[g->nurls - 1] : 0;
	ipm_buf u = {0};   /* (name may be c->tmp2's text) */

	ipm_buf_clear(&c->tmp);
	ipm_buf_add(&c->tmp, g->items[g->nitems - 1].text.s, g->items[g->nitems - 1].text.len);
	ipm_buf_clear(&g->items[g->nitems - 1].text);
	g->nitems--;
	if (url) {   /* the item's URL (or its head) goes with it */
		ipm_buf_add(&u, g->urls[g->nurls - 1].s, g->urls[g->nurls - 1].len);
		g->nurls--;
	}
	if (g->nitems || g->actor.len)
		pdf_group_emit(c);
	ipm_buf_add(&g->actor, name, nlen);
	g->actor_line = g->actor_last = line;
	it = item_new(g, il);
	ipm_buf_add(&it->text, c->tmp.s, c->tmp.len);
	if (url)
		ipm_buf_add(url_new(g, ul), u.s, u.len);
	ipm_buf_free(&u);
	c->maxw_item = maxw;
	g->item_open = open;
	g->last = url ? K_URL : K_ITEM;
}

/* Does the text before n (spaces skipped) end a sentence? */
static int sentence_end_before(const char *s, size_t n)
{
	while (n > 0 && s[n - 1] == ' ')
		n--;
	return pdf_ends_with_any(s, n, pdf_terminal_punct);
}

static void table_line_split(pl_ctx *c, const char *s, size_t len, long line, int kind);

/* Default reading order (split header) only: text of the other columns runs
 * into a URL line. Length of s's leading run of ASCII (the URL part). */
static size_t ascii_prefix(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && (unsigned char)s[i] < 0x80)
		i++;
	while (i > 0 && s[i - 1] == ' ')
		i--;
	return i;
}

/* Does s hold any of the characters of set? */
static int has_any(const char *s, size_t len, const char *set)
{
	for (; *set; set++)
		if (memchr(s, *set, len))
			return 1;
	return 0;
}

static int lower_word(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] < 'a' || s[i] > 'z')
			return 0;
	return len > 0;
}

/* "…的通知》。 67148.htm": a URL's tail printed after item text on the same
 * line. Returns where that last word starts, or NULL. */
static const char *url_tail_at_end(const pl_group *g, const char *s, size_t len)
{
	const char *p = s + len;
	size_t n;

	while (p > s && p[-1] != ' ')
		p--;
	n = len - (size_t)(p - s);
	if (p == s || !ipm_has_cjk(s, (size_t)(p - s)) || !ipm_url_chars(p, n))
		return NULL;
	/* "html", "ml" alone only after an unfinished URL ("….", "….ht") */
	if (!has_any(p, n, "/._?=") && !(n <= 5 && lower_word(p, n) && g->nurls &&
	                                 !pdf_url_done(&g->urls[g->nurls - 1])))
		return NULL;
	return p;
}

/* "国家发展和 2 月 19 日，…" then "改革委员会 “互联网+”…": a name split over
 * two lines whose second part starts the next line (default order only).
 * Returns the length of that leading name part, 0 if none. */
static size_t name_rest_at_start(const pl_ctx *c, const char *s, size_t len, long line)
{
	const char *sp = memchr(s, ' ', len);
	size_t n = sp ? (size_t)(sp - s) : len;

	if (!c->split_hdr || !c->g.actor.len || c->g.actor_last != line - 1 || c->g.nitems != 1 ||
	    !pdf_actor_like(s, n) || ipm_disp_width(s, n) > 12)
		return 0;
	return n;
}

/* CJK text after a URL on one line: a name's last character or two
 * ("…c186327局") end the actor; anything else is item text. */
static void text_after_url(pl_ctx *c, const char *s, size_t len, long line, int kind)
{
	ipm_zh_trim(&s, &len);
	if (!len)
		return;
	if (c->g.actor.len && c->g.nitems && pdf_actor_like(s, len) && ipm_disp_width(s, len) <= 4) {
		ipm_zh_join(&c->g.actor, s, len);
		return;
	}
	table_line_split(c, s, len, line, kind == K_URL ? K_NONE : kind);
}

/* A table line: split "海南 4 月 25 日，… http://…" into its columns. kind is
 * K_ITEM when the line is known to sit in the item column (-layout), else
 * K_NONE (guess from the shape). */
static void table_line_split(pl_ctx *c, const char *s, size_t len, long line, int kind)
{
	const char *h = NULL, *p, *s0 = s;
	int bullet = pdf_strip_bullet(&s, &len);
	size_t n;

	if (bullet) {   /* the glyph stays in the item's text: ipm-rows reads it */
		c->mark = s0;
		c->mark_len = (size_t)(s - s0);
	}

	for (p = s; (p = ipm_mem_find(p, len - (size_t)(p - s), " http", 5)) != NULL; p++)
		if (ipm_url_starts(p + 1, len - (size_t)(p + 1 - s)))
			h = p;
	if (h) {
		size_t rest = len - (size_t)(h + 1 - s), u = rest;
		table_line_split(c, s, (size_t)(h - s), line, kind);
		if (c->split_hdr)
			u = ascii_prefix(h + 1, rest);
		piece(c, h + 1, u, line, K_URL, 0);
		if (u < rest)
			text_after_url(c, h + 1 + u, rest - u, line, kind);
		return;
	}
	if (kind == K_NONE && (n = name_rest_at_start(c, s, len, line)) > 0) {
		const char *r = s + n;
		size_t rl = len - n;
		ipm_zh_join(&c->g.actor, s, n);   /* (one line only: actor_last stays) */
		ipm_zh_trim(&r, &rl);
		if (rl)
			table_line_split(c, r, rl, line, K_ITEM);
		return;
	}
	if (c->split_hdr && kind != K_URL && (p = url_tail_at_end(&c->g, s, len)) != NULL) {
		const char *l = s;
		size_t ll = (size_t)(p - s);
		ipm_zh_trim(&l, &ll);
		table_line_split(c, l, ll, line, kind);
		piece(c, p, len - (size_t)(p - s), line, K_URL, 0);
		return;
	}
	p = memchr(s, ' ', len);
	if (kind == K_NONE && !bullet && p && pdf_actor_like(s, (size_t)(p - s))) {
		const char *r = p, *r2;
		size_t rl = len - (size_t)(p - s), rl2;
		int b;
		ipm_zh_trim(&r, &rl);
		r2 = r;
		rl2 = rl;
		b = pdf_strip_bullet(&r2, &rl2);
		if (b || pdf_date_starts_item(r2, rl2)) {
			piece(c, s, (size_t)(p - s), line, K_ACTOR, 0);
			table_line_split(c, r, rl, line, K_ITEM);
			return;
		}
	}
	/* "… ➢ 3月9日消息，…" or "…工作。 2月24日消息，…": a bullet after a space,
	 * or a date after a sentence's end and a space, starts another item */
	for (p = s + 1; p < s + len; p++) {
		size_t k, rest = len - (size_t)(p - s);
		if (p[-1] != ' ')
			continue;
		if (((unsigned char)*p >= 0xC2 && ipm_is_bullet_cp(ipm_cp_at(p, rest, 0, &k))) ||
		    (pdf_digit(*p) && sentence_end_before(s, (size_t)(p - s)) && pdf_date_starts_item(p, rest))) {
			const char *l = s;
			size_t ll = (size_t)(p - s);
			ipm_zh_trim(&l, &ll);
			table_line_split(c, l, ll, line, kind);
			table_line_split(c, p, rest, line, kind == K_NONE ? K_NONE : K_ITEM);
			return;
		}
	}
	if (kind == K_ITEM && ipm_url_starts(s, len)) {
		piece(c, s, len, line, K_URL, 0);
		return;
	}
	piece(c, s, len, line, kind, bullet);
}

void pdf_table_line_flowed(pl_ctx *c, const char *s, size_t len, long line)
{
	table_line_split(c, s, len, line, K_NONE);
}


size_t pdf_segments(const char *s, size_t len, pl_seg *seg, size_t max)
{
	size_t i = 0, k, n = 0;
	int col = 0, sp = 0;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		int space = c == ' ' || c == '\t' || c == '\r' || c == '\f' ||
		            (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0);
		k = c == 0xC2 && space ? 2 : 1;
		if (space) {
			sp++;
		} else if ((c & 0xC0) != 0x80) {   /* a code point starts here */
			if (n == 0 || sp >= 2) {
				if (n == max)
					return n;
				seg[n].off = i;
				seg[n].col = col;
				n++;
			}
			sp = 0;
		}
		if (n && !space)
			seg[n - 1].len = i + k - seg[n - 1].off;
		if ((c & 0xC0) != 0x80)
			col += c == '\t' ? 8 - col % 8 : c == '\f' ? 0 : 1;
		i += k;
	}
	return n;
}

/* Decide whether table lines sit side by side (-layout) and where items start. */
/* A name's last character or two centred in a narrow name column sit just
 * left of the item column ("      通" under "中国联"). */
int pdf_short_frag(const pl_seg *seg, size_t n, int col, size_t len)
{
	return seg[0].col < col && len <= 6 && (n == 1 || seg[1].col >= col);
}

/* The column where items start in lines [from, to): the most common column
 * of a segment that starts with a date. 0 when no such segment. */
int pdf_item_column(pl_ctx *c, size_t from, size_t to, size_t *lines, size_t *wide)
{
	size_t i, n, j;
	int hist[256] = { 0 }, best = 0;
	pl_seg seg[SEG_MAX];

	for (i = from; i < to; i++) {
		const char *s = c->raw.s + c->v[i].off;
		if (c->v[i].flags & (F_EMPTY | F_BLANK | F_FURN))
			continue;
		++*lines;
		n = pdf_segments(s, c->v[i].len, seg, SEG_MAX);
		if (n >= 2 || (n == 1 && seg[0].col >= 4))
			++*wide;
		for (j = 0; j < n; j++) {
			const char *t = s + seg[j].off;
			size_t tl = seg[j].len;
			pdf_strip_bullet(&t, &tl);
			if (seg[j].col > 0 && seg[j].col < 256 && pdf_date_lead(t, tl))
				hist[seg[j].col]++;
		}
	}
	for (i = 1; i < 256; i++)
		if (hist[i] > hist[best])
			best = (int)i;
	return best;
}

void pdf_layout_detect(pl_ctx *c, size_t from)
{
	size_t lines = 0, wide = 0;

	c->col_item = pdf_item_column(c, from, c->n, &lines, &wide);
	c->layout = lines >= 4 && wide * 100 >= lines * 40;
	/* a small table after a side-by-side one is side by side too, when any
	 * of its lines shows columns */
	if (!c->layout && c->was_layout && wide > 0)
		c->layout = 1;
	if (c->layout)
		c->was_layout = 1;
}

/* pdftotext -layout places each page on its own grid: a new page (line at,
 * with its form feed) gets its own item column, if it has dated items. */
void pdf_layout_page(pl_ctx *c, size_t at)
{
	size_t to = at + 1, lines = 0, wide = 0;
	int col;

	while (to < c->n && !(c->v[to].flags & F_FF))
		to++;
	col = pdf_item_column(c, at, to, &lines, &wide);
	if (col > 0)
		c->col_item = col;
}

/* Space-separated URL pieces, each a piece of the link column. */
static void url_words(pl_ctx *c, const char *s, size_t len, long line)
{
	const char *w = s, *e;

	while (w < s + len) {
		if (!(e = memchr(w, ' ', (size_t)(s + len - w))))
			e = s + len;
		if (e > w)
			piece(c, w, (size_t)(e - w), line, K_URL, 0);
		w = e + 1;
	}
}

/* Item text of a -layout line; URL pieces glued on by one space go to the
 * link column ("…实施细 gg/201902/t2019", "…医疗 122486782.htm http://…"). */
static void layout_item(pl_ctx *c, const char *t, size_t tl, long line)
{
	const char *cut = NULL, *p, *w;
	int mark = 0;

	/* the longest tail of URL-shaped words after CJK text and a space */
	for (p = t + tl; p > t;) {
		const char *sp = p;
		while (sp > t && sp[-1] != ' ')
			sp--;
		if (sp == t || !ipm_url_chars(sp, (size_t)(p - sp)))
			break;
		for (w = sp; w < p; w++)
			mark |= strchr("/._=?&%-", *w) != NULL;
		mark |= p - sp >= 6;
		if (sp - 1 > t && (unsigned char)sp[-2] >= 0x80)
			cut = sp - 1;
		p = sp - 1;
	}
	if (c->ncols >= 3 && cut && (mark || (c->g.nurls && (!pdf_url_done(&c->g.urls[c->g.nurls - 1]) ||
	                                                   html_tail(&c->g.urls[c->g.nurls - 1], cut + 1,
	                                                             (size_t)(t + tl - cut - 1)))))) {
		table_line_split(c, t, (size_t)(cut - t), line, K_ITEM);
		url_words(c, cut + 1, (size_t)(t + tl - cut - 1), line);
		return;
	}
	table_line_split(c, t, tl, line, K_ITEM);
}

/* A name glued to its item by one space ("中共中 融、商贸…"): at column 0 as
 * ever; further right (an indented page) only before a dated item, or with
 * 2+ characters before CJK text or punctuation ("理 200 余项…", "小组印发
 * 2019 年…" are items' lines). */
int pdf_glued_name(int col, const char *t, size_t tl, const char *sp)
{
	const char *u = sp + 1;
	size_t ul = (size_t)(t + tl - u);

	size_t k;

	if (col == 0)
		return 1;
	pdf_strip_bullet(&u, &ul);
	if (pdf_date_lead(u, ul))
		return 1;
	(void)k;
	return ipm_disp_width(t, (size_t)(sp - t)) >= 4 && ul && (unsigned char)u[0] >= 0x80;
}

void pdf_table_line_layout(pl_ctx *c, const char *s, size_t len, long line)
{
	pl_seg seg[SEG_MAX];
	size_t n = pdf_segments(s, len, seg, SEG_MAX), first = 0, j;
	const char *t;
	size_t tl;

	if (!n)
		return;
	if (c->row_break && c->split_open) {
		/* a whole row went by without a name: it continued the last one */
		if (!c->g.actor.len && c->split_actor.len)
			ipm_buf_add(&c->g.actor, c->split_actor.s, c->split_actor.len);
		c->split_open = 0;
	}
	/* (names moved to their rows' first lines: a row without one goes on
	 * past the break) */
	if (c->row_break && c->g.nitems && !c->pending && !c->names_moved) {
		c->pending = 1;   /* confirmed by a new item, undone by more text */
		c->pending_url = c->g.nurls;
	}
	c->row_break = 0;
	t = s + seg[0].off;
	tl = seg[0].len;
	/* a name: left of the item column (centred in its cell, it need not
	 * start at column 0) */
	if ((seg[0].col == 0 || seg[0].col + 2 < c->col_item || pdf_short_frag(seg, n, c->col_item, tl)) &&
	    pdf_actor_like(t, tl) && (n >= 2 || c->col_item > 0)) {
		/* a name beside a dated item: a named row's first line */
		c->name_dated = n >= 2 && pdf_date_lead(s + seg[1].off, seg[1].len);
		piece(c, t, tl, c->name_line ? c->name_line : line, K_ACTOR, 0);
		c->name_dated = 0;
		first = 1;
	} else if (seg[0].col == 0 || seg[0].col + 2 < c->col_item) {
		const char *sp = memchr(t, ' ', tl);
		if (sp && pdf_actor_like(t, (size_t)(sp - t)) && !pdf_date_lead(t, tl) &&
		    pdf_glued_name(seg[0].col, t, tl, sp)) {
			const char *u = sp + 1;
			size_t ul = (size_t)(t + tl - u);
			pdf_strip_bullet(&u, &ul);
			c->name_dated = pdf_date_lead(u, ul) != 0;
			piece(c, t, (size_t)(sp - t), c->name_line ? c->name_line : line, K_ACTOR, 0);
			c->name_dated = 0;
			seg[0].off += (size_t)(sp + 1 - t);
			seg[0].len -= (size_t)(sp + 1 - t);
		}
	}
	if (first == n)
		return;
	/* a trailing ASCII run (one URL piece or several) is the link column */
	t = s + seg[n - 1].off;
	tl = seg[n - 1].len;
	if (c->ncols >= 3 && pdf_urlish_words(t, tl) && !pdf_date_lead(t, tl) &&
	    (n - first >= 2 || seg[n - 1].col > c->col_item + 4)) {
		for (j = first; j + 1 < n; j++)
			layout_item(c, s + seg[j].off, seg[j].len, line);
		url_words(c, t, tl, line);
		return;
	}
	ipm_buf_clear(&c->tmp2);
	for (j = first; j < n; j++)
		ipm_zh_join(&c->tmp2, s + seg[j].off, seg[j].len);
	layout_item(c, c->tmp2.s, c->tmp2.len, line);
}
