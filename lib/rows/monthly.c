#include "monthly.h"

#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "core/util.h"
#include "regions.h"
#include "text/dates.h"
#include "text/links.h"
#include "text/urls.h"
#include "text/zh.h"

/* Memory bounds: items held for one actor, bytes of one topic's text. */
#define MAX_GROUP 512
#define MAX_TOPIC (1 << 20)

enum sec { S_NONE, S_MINISTRY, S_PROVINCE, S_ENTERPRISE, S_SUMMIT, S_SPECIAL };
static const char *const sec_name[] = {
	"", "ministry", "province", "enterprise", "summit", "special"
};

struct item {
	ipm_buf text;
	long line;
};

/* The rows of one actor, across continuation rows, until the next actor. */
struct group {
	int open;
	ipm_buf actor;
	struct item *it;
	size_t nit, capit;
	ipm_buf *url;
	long *url_line;
	size_t nurl, capurl;
};

struct mstate {
	ipm_events *ev;
	const char *file;
	enum sec sec;
	struct ipm_period per;
	int title_year, title_month;
	struct group g;
	int after_break;          /* a continuation table began (empty header) */
	long last_row;            /* line of the last table row */
	int warned_year;
	size_t sec_start;         /* records written when the section began */
	int topic_open;           /* summit / special topic being collected */
	ipm_buf topic_actor, topic_text;
	long topic_line;
	ipm_buf tmp;
	ipm_regions *reg;         /* the gazetteer's regions, read at the first need */
	long *lines;              /* a row's "lines" */
	size_t nlines, caplines;
};


static int has(const char *s, size_t n, const char *p)
{
	return ipm_mem_find(s, n, p, strlen(p)) != NULL;
}

static void rej_at(struct mstate *m, long line, const char *why, const char *t, size_t n)
{
	ipm_reject(m->ev->rj, m->file, line, why, t ? t : "", t ? n : 0);
}

static void rej(struct mstate *m, const ipm_rec *b, const char *why, const char *t, size_t n)
{
	rej_at(m, b ? ipm_block_line(b) : 0, why, t, n);
}

/* ---- section headings and the report's year ---- */

static const char *const cnum[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九"};

/* Section of a top-level title "一、国家部委…", or S_NONE. */
static enum sec section_of(const char *s, size_t n)
{
	size_t k, i;

	if (n > 180 || has(s, n, "....") || has(s, n, "…"))
		return S_NONE;   /* long text, or a table-of-contents line */
	for (k = 0; k < sizeof cnum / sizeof cnum[0]; k++)
		if (ipm_zh_starts(s, n, cnum[k]))
			break;
	if (k == sizeof cnum / sizeof cnum[0])
		return S_NONE;
	i = 3;
	if (!(ipm_zh_starts(s + i, n - i, "、") || ipm_zh_starts(s + i, n - i, "．") || ipm_zh_starts(s + i, n - i, ".")))
		return S_NONE;
	if (has(s, n, "部委"))
		return S_MINISTRY;
	if (has(s, n, "各省") || has(s, n, "地方") || has(s, n, "各地"))
		return S_PROVINCE;
	if (has(s, n, "企业") || has(s, n, "运营商"))
		return S_ENTERPRISE;
	if (has(s, n, "峰会") || has(s, n, "会议") || has(s, n, "论坛"))
		return S_SUMMIT;
	if (has(s, n, "专题"))
		return S_SPECIAL;
	return S_NONE;
}

/* A top-level title numbered 五 to 九 ("六、…"), not a contents line. */
static int later_part(const char *s, size_t n)
{
	size_t k;

	if (n > 180 || has(s, n, "....") || has(s, n, "…"))
		return 0;
	for (k = 4; k < sizeof cnum / sizeof cnum[0]; k++)
		if (ipm_zh_starts(s, n, cnum[k]) && ipm_zh_starts(s + 3, n - 3, "、"))
			return 1;
	return 0;
}

/* "(2019 年 3 月)" or "(2018 年第 3 期)" before the first section. */
static void title_year(struct mstate *m, const char *s, size_t n)
{
	struct ipm_date d;
	size_t i;

	if (m->title_year || n > 60)
		return;
	for (i = 0; i + 4 <= n; i++) {
		int y = 0, k;
		for (k = 0; k < 4 && s[i + k] >= '0' && s[i + k] <= '9'; k++)
			y = y * 10 + s[i + k] - '0';
		if (k == 4 && y >= 1990 && y <= 2100) {
			size_t j = i + 4;
			while (j < n && s[j] == ' ')
				j++;
			if (ipm_zh_starts(s + j, n - j, "年")) {
				m->title_year = y;
				j += 3;
				while (j < n && s[j] == ' ')
					j++;
				if (!ipm_zh_starts(s + j, n - j, "第") && ipm_date_find(s + i, n - i, &d) == 0) {
					int mo = atoi(s + j);
					if (mo >= 1 && mo <= 12)
						m->title_month = mo;
				}
				return;
			}
		}
	}
}

static int year_of(const struct mstate *m, const struct ipm_date *d)
{
	int fb = m->title_year;

	if (d->y)
		return d->y;
	/* a January report without a period: December items are last year's */
	if (fb && m->title_month && d->m > m->title_month + 1)
		fb--;
	return ipm_period_year(&m->per, d->m, fb);
}

/* ---- items ---- */

static int bullet_at(const char *s, size_t n)
{
	int bul;

	ipm_zh_skip_bullet(s, n, &bul);
	return bul;
}

static int ends_sentence(const ipm_buf *b)
{
	static const char *const e[] = {"。", "！", "？", "；", "”", "）"};
	size_t k;

	for (k = 0; k < sizeof e / sizeof e[0]; k++)
		if (b->len >= 3 && memcmp(b->s + b->len - 3, e[k], 3) == 0)
			return 1;
	return b->len && strchr(".!?;)", b->s[b->len - 1]);
}

static struct item *new_item(struct group *g, long line)
{
	if (g->nit == g->capit) {
		size_t old = g->capit;
		g->capit = g->capit ? g->capit * 2 : 8;
		g->it = ipm_realloc(g->it, g->capit * sizeof *g->it);
		memset(g->it + old, 0, (g->capit - old) * sizeof *g->it);
	}
	ipm_buf_clear(&g->it[g->nit].text);
	g->it[g->nit].line = line;
	return &g->it[g->nit++];
}

/* One piece of a measures cell: a new item when it starts with a date or a
 * bullet (or follows a finished sentence), else the rest of the last item. */
static void add_piece(struct group *g, const char *s, size_t n, long line, int first_cont)
{
	struct ipm_date d;
	int bul;
	size_t k = ipm_zh_skip_bullet(s, n, &bul);
	struct item *last = g->nit ? &g->it[g->nit - 1] : NULL;

	s += k;
	n -= k;
	if (!n)
		return;
	if (!last || bul || ipm_date_at(s, n, &d) ||
	    (!first_cont && ends_sentence(&last->text)))
		last = new_item(g, line);
	ipm_zh_join(&last->text, s, n);
}

/* The source line of piece k of a cell: from the row's "lines" (PDF text,
 * where a row's lines are apart), else the row's own line. */
struct plines {
	const long *v;
	size_t n;
	long line;
};

static long piece_line(const struct plines *pl, size_t k)
{
	return k < pl->n ? pl->v[k] : pl->line;
}

/* Split a cell at "\n" and at "。 3月9日" (items separated by spaces). */
static void add_measures(struct group *g, const char *s, size_t n, const struct plines *pl, int cont)
{
	size_t i = 0, st = 0, k = 0;
	struct ipm_date d;
	int first = cont;
	long line = piece_line(pl, 0);

	while (i <= n) {
		int cut = i == n || s[i] == '\n';
		if (!cut && s[i] == ' ' && i > st && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
		    bullet_at(s + i + 1, n - i - 1)) {
			cut = 1;   /* "… ➢ 3月14日，…": items after bullets in one line */
		} else if (!cut && s[i] == ' ' && i > st && i + 1 < n && ipm_date_at(s + i + 1, n - i - 1, &d)) {
			size_t j = i;
			while (j > st && s[j - 1] == ' ')
				j--;
			cut = j >= st + 3 && (has(s + j - 3, 3, "。") || has(s + j - 3, 3, "；") ||
			                      has(s + j - 3, 3, "！"));
		}
		if (cut) {
			size_t e = i;
			while (e > st && s[e - 1] == ' ')
				e--;
			if (e > st) {
				add_piece(g, s + st, e - st, line, first);
				first = 0;
			}
			st = i + 1;
			if (i < n && s[i] == '\n')
				line = piece_line(pl, ++k);
		}
		i++;
	}
}

/* The links of a cell, each with the line of the "\n" piece it is in. */
static void add_links(struct mstate *m, const char *s, size_t n, const struct plines *pl)
{
	struct group *g = &m->g;
	size_t pos = 0, pn, k = 0;
	const char *p, *seen = s;

	while (ipm_url_next_piece(s, n, &pos, &p, &pn)) {
		ipm_buf *u;
		long line;
		for (; seen < p; seen++)
			k += *seen == '\n';
		line = piece_line(pl, k);
		if (!ipm_url_starts(p, pn)) {
			size_t sk = ipm_url_scheme(p, pn);
			p += sk;
			pn -= sk;
			u = g->nurl ? &g->url[g->nurl - 1] : NULL;
			if (u && !ipm_url_complete(u->s, u->len))
				ipm_url_clean(p, pn, u);   /* the rest of a URL cut by a break */
			else
				rej_at(m, line, "link fragment without its URL", p, pn);
			continue;
		}
		if (g->nurl >= MAX_GROUP * 4) {
			rej_at(m, line, "too many links for one actor", p, pn);
			continue;
		}
		if (g->nurl == g->capurl) {
			size_t old = g->capurl;
			g->capurl = g->capurl ? g->capurl * 2 : 8;
			g->url = ipm_realloc(g->url, g->capurl * sizeof *g->url);
			g->url_line = ipm_realloc(g->url_line, g->capurl * sizeof *g->url_line);
			memset(g->url + old, 0, (g->capurl - old) * sizeof *g->url);
		}
		g->url_line[g->nurl] = line;
		u = &g->url[g->nurl++];
		ipm_buf_clear(u);
		if (!ipm_url_scheme(p, pn))
			ipm_buf_adds(u, "http://");   /* "www.x.cn/…": its scheme was cut off */
		ipm_url_clean(p, pn, u);
	}
}

/* The stated monitoring period ("本监测期内（2018年4月16-2018年5月15日）"), so
 * the report shows the window the analysts stated, not one guessed from dates. */
static void set_period(struct mstate *m)
{
	char a[16], b[16];

	if (!m->per.y1)
		return;
	ipm_date_iso(m->per.y1, m->per.m1, m->per.d1, a);
	ipm_date_iso(m->per.y2, m->per.m2, m->per.d2, b);
	ipm_events_set(m->ev, "period_start", a[0] ? a : NULL, (size_t)-1);
	ipm_events_set(m->ev, "period_end", b[0] ? b : NULL, (size_t)-1);
}

static int emit_item(struct mstate *m, const char *actor, const char *text, size_t tn,
                     const char *url, long line, int first_date_anywhere)
{
	struct ipm_date d;
	char iso[16] = "";
	int found, y;
	ipm_rec *r = ipm_events_begin(m->ev, sec_name[m->sec]);

	found = first_date_anywhere ? ipm_date_find(text, tn, &d) : ipm_date_at(text, tn, &d) > 0;
	ipm_events_set(m->ev, "actor", actor, (size_t)-1);
	if (found) {
		y = year_of(m, &d);
		if (!y && !m->warned_year) {
			ipm_err(m->file, line, "warning: no report year or monitoring period found: dates without a year are left null");
			m->warned_year = 1;
		}
		ipm_date_iso(y, d.m, d.d, iso);
		ipm_events_set(m->ev, "date", iso[0] ? iso : NULL, (size_t)-1);
		ipm_events_set(m->ev, "date_raw", text + d.off, d.len);
	}
	ipm_events_set(m->ev, "text", text, tn);
	ipm_events_set(m->ev, "url", url, (size_t)-1);
	ipm_rec_set_long(r, "line", line);
	set_period(m);
	return ipm_events_put(m->ev);
}

/* Which link goes with which item (text/links: in order, or by the dates
 * the URLs carry when the counts differ); pair[i] is a link index or -1. */
static void pair_links(struct group *g, long *pair, unsigned char *used)
{
	size_t n = g->nit + g->nurl, i;
	const char **s = ipm_malloc((n + 1) * sizeof *s);
	size_t *len = ipm_malloc((n + 1) * sizeof *len);

	for (i = 0; i < n; i++) {   /* the items, then the links */
		const ipm_buf *b = i < g->nit ? &g->it[i].text : &g->url[i - g->nit];
		s[i] = b->s ? b->s : "";
		len[i] = b->len;
	}
	ipm_links_pair(g->nit, s, len, g->nurl, s + g->nit, len + g->nit, pair);
	for (i = 0; i < g->nit; i++)
		if (pair[i] >= 0)
			used[pair[i]] = 1;
	free(s);
	free(len);
}

static int flush_group(struct mstate *m, const ipm_rec *b)
{
	struct group *g = &m->g;
	size_t i;
	int rc = 0;
	long *pair;
	unsigned char *used;

	(void)b;
	if (!g->open)
		return 0;
	pair = ipm_malloc((g->nit + 1) * sizeof *pair);
	used = ipm_calloc(g->nurl + 1, 1);
	pair_links(g, pair, used);
	for (i = 0; i < g->nit; i++)
		if (emit_item(m, g->actor.len ? g->actor.s : NULL, g->it[i].text.s, g->it[i].text.len,
		              pair[i] >= 0 ? g->url[pair[i]].s : NULL, g->it[i].line, 0) != 0)
			rc = -1;
	for (i = 0; i < g->nurl; i++)
		if (!used[i])
			rej_at(m, g->url_line[i], "link without an item", g->url[i].s, g->url[i].len);
	free(pair);
	free(used);
	g->open = 0;
	g->nit = g->nurl = 0;
	ipm_buf_clear(&g->actor);
	return rc;
}

/* Bounded memory: a group that keeps growing (one actor over very many
 * continuation rows) writes out all but its last item, with their links. */
static int trim_group(struct mstate *m)
{
	struct group *g = &m->g;
	size_t k = g->nit - 1, i;
	int rc = 0;
	ipm_buf t;

	for (i = 0; i < k; i++)
		if (emit_item(m, g->actor.len ? g->actor.s : NULL, g->it[i].text.s, g->it[i].text.len,
		              i < g->nurl ? g->url[i].s : NULL, g->it[i].line, 0) != 0)
			rc = -1;
	t = g->it[0].text;
	g->it[0].text = g->it[k].text;
	g->it[k].text = t;
	g->it[0].line = g->it[k].line;
	g->nit = 1;
	for (i = k; i < g->nurl; i++) {
		t = g->url[i - k];
		g->url[i - k] = g->url[i];
		g->url[i] = t;
		g->url_line[i - k] = g->url_line[i];
	}
	g->nurl = g->nurl > k ? g->nurl - k : 0;
	return rc;
}

/* Actor text: whitespace removed. */
static void actor_add(ipm_buf *a, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == ' ' || s[i] == '\n' || s[i] == '\t')
			continue;
		if (i + 3 <= n && memcmp(s + i, "\xe3\x80\x80", 3) == 0) {
			i += 2;
			continue;
		}
		ipm_buf_addc(a, s[i]);
	}
}

/* The tail of a name a page break cut off: "省", "自治区", "委员会"… */
static int name_tail(const char *s, size_t n)
{
	static const char *const tails[] = {
		"省", "市", "区", "自治区", "委", "会", "委员会", "部", "局", "厅", "办", "院", "司", "公司", "集团"
	};
	size_t k;

	for (k = 0; k < sizeof tails / sizeof tails[0]; k++)
		if (n == strlen(tails[k]) && memcmp(s, tails[k], n) == 0)
			return 1;
	return 0;
}

static int first_dated(const char *s, size_t n)
{
	struct ipm_date d;
	int bul;
	size_t k = ipm_zh_skip_bullet(s, n, &bul);

	return bul || ipm_date_at(s + k, n - k, &d) > 0;
}

/* A row of rule cells ("--", ":-:"), as pandoc makes of a Markdown table's
 * separator line in a standalone HTML page: layout, not data. */
static int rule_row(const char **cell, const size_t *len, size_t nc)
{
	size_t i, k;
	int dash = 0;

	for (i = 0; i < nc; i++)
		for (k = 0; k < len[i]; k++) {
			if (cell[i][k] == '-')
				dash = 1;
			else if (cell[i][k] != ':' && cell[i][k] != ' ' && cell[i][k] != '|')
				return 0;
		}
	return dash;
}

/* The lines of every cell's pieces, from the row's "lines" when it has them
 * (a JSON array of numbers: one per "\n" piece of each cell, in cell order). */
static void row_lines(struct mstate *m, const ipm_rec *b, const char *const *cell,
                      const size_t *len, size_t nc, struct plines *pl)
{
	const ipm_val *v = ipm_rec_get(b, "lines");
	const char *p, *e;
	size_t i, k, off = 0;

	m->nlines = 0;
	if (v && v->t == IPM_V_RAW)
		for (p = v->s, e = v->s + v->len; p < e; p++) {
			char *end;
			long l;
			if (*p < '0' || *p > '9')
				continue;
			l = strtol(p, &end, 10);
			if (m->nlines == m->caplines) {
				m->caplines = m->caplines ? m->caplines * 2 : 16;
				m->lines = ipm_realloc(m->lines, m->caplines * sizeof *m->lines);
			}
			m->lines[m->nlines++] = l;
			p = end - 1;
		}
	for (i = 0; i < nc; i++) {
		pl[i].line = ipm_block_line(b);
		pl[i].v = off < m->nlines ? m->lines + off : NULL;
		pl[i].n = off < m->nlines ? m->nlines - off : 0;
		for (k = 0, off++; k < len[i]; k++)
			off += cell[i][k] == '\n';
	}
}

static const ipm_regions *regions(struct mstate *m)
{
	if (!m->reg)
		m->reg = ipm_regions_load(m->ev->data_dir);
	return m->reg;
}

static int table_row(struct mstate *m, const ipm_rec *b)
{
	const char *cell[64];
	struct plines pl[64];
	size_t len[64], nc, i;
	int cont, rc = 0;
	struct group *g = &m->g;
	const ipm_val *hv = ipm_rec_get(b, "header");
	const char *s;
	size_t n;

	nc = ipm_rec_list(b, "cells", cell, len, 64);
	if (nc > 64)
		nc = 64;
	for (i = 0; i < nc && len[i] == 0; i++)
		;
	if (hv && hv->t == IPM_V_BOOL && hv->s[0] == 't' && !(nc >= 2 && first_dated(cell[1], len[1]))) {
		m->after_break = i == nc;   /* an empty header: the table goes on */
		if (i < nc) {
			rc = flush_group(m, b);
			s = ipm_block_text(b, &m->tmp, &n);
			rej(m, b, "table header", s, n);
		}
		return rc;
	}   /* a "header" holding dated items (rows above a |---| rule) is data */
	if (i == nc)
		return 0;   /* an empty row */
	if (rule_row(cell, len, nc)) {
		rej(m, b, "table rule row", cell[i], len[i]);
		return 0;
	}
	if (nc < 2) {
		rej(m, b, "row with one cell in a table section", nc ? cell[0] : "", nc ? len[0] : 0);
		return 0;
	}
	/* a header row the layout did not mark (TAB tables): no date, short cells */
	if (!g->open && !m->after_break && len[1] < 40 && !first_dated(cell[1], len[1]) &&
	    (has(cell[1], len[1], "相关") || has(cell[1], len[1], "举措") || has(cell[1], len[1], "政策")))
		return 0;
	cont = 0;
	if (len[0] == 0) {
		cont = g->open;
	} else if (g->open && ((m->after_break && !first_dated(cell[1], len[1])) ||
	                       (name_tail(cell[0], len[0]) &&
	                        (m->after_break || ipm_block_line(b) > m->last_row + 1)))) {
		actor_add(&g->actor, cell[0], len[0]);   /* an actor split by the break */
		cont = 1;
	}
	if (!cont) {
		rc = flush_group(m, b);
		g->open = 1;
		actor_add(&g->actor, cell[0], len[0]);
	} else if (m->sec == S_PROVINCE && first_dated(cell[1], len[1]) &&
	           ipm_region_moved(regions(m), g->actor.s, g->actor.len, cell[1], len[1], &m->tmp)) {
		/* a lost actor cell: the item names another region */
		rc = flush_group(m, b);
		g->open = 1;
		ipm_buf_add(&g->actor, m->tmp.s, m->tmp.len);
	}
	m->after_break = 0;
	m->last_row = ipm_block_line(b);
	row_lines(m, b, cell, len, nc, pl);
	add_measures(g, cell[1], len[1], &pl[1], cont);
	for (i = 2; i < nc; i++)
		add_links(m, cell[i], len[i], &pl[i]);
	if (g->nit > MAX_GROUP && trim_group(m) != 0)
		rc = -1;
	return rc;
}

/* ---- summits and special topics ---- */

static int flush_topic(struct mstate *m)
{
	int rc;

	if (!m->topic_open)
		return 0;
	m->topic_open = 0;
	rc = emit_item(m, m->topic_actor.s, m->topic_text.s ? m->topic_text.s : "",
	               m->topic_text.len, NULL, m->topic_line, 1);
	ipm_buf_clear(&m->topic_actor);
	ipm_buf_clear(&m->topic_text);
	return rc;
}

/* Topic title without its number: "1. 2019 工业互联网峰会" -> "2019 工业互联网峰会". */
static void topic_title(ipm_buf *out, const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i && i < n && s[i] == '.')
		i++;
	else if (i && ipm_zh_starts(s + i, n - i, "、"))
		i += 3;
	else if (i && ipm_zh_starts(s + i, n - i, "．"))
		i += 3;
	else
		i = 0;
	while (i < n && s[i] == ' ')
		i++;
	ipm_buf_clear(out);
	ipm_buf_add(out, s + i, n - i);
}

static int footer(const char *s, size_t n)
{
	return ipm_zh_starts(s, n, "联系人") || ipm_zh_starts(s, n, "Tel") || ipm_zh_starts(s, n, "Email") ||
	       ipm_zh_starts(s, n, "E-mail") || ipm_zh_starts(s, n, "电话") || ipm_zh_starts(s, n, "邮箱") ||
	       ipm_zh_starts(s, n, "地址：") || ipm_zh_starts(s, n, "传真");
}

static int topic_block(struct mstate *m, const ipm_rec *b, enum ipm_btype t,
                       const char *s, size_t n)
{
	int rc = 0;

	if (t == IPM_B_HEADING) {
		rc = flush_topic(m);
		m->topic_open = 1;
		m->topic_line = ipm_block_line(b);
		topic_title(&m->topic_actor, s, n);
		return rc;
	}
	if (t == IPM_B_PARA && footer(s, n)) {
		rc = flush_topic(m);
		rej(m, b, "footer", s, n);
		return rc;
	}
	if (t == IPM_B_PARA && m->topic_open && m->topic_text.len + n > MAX_TOPIC) {
		rej(m, b, "topic text over the size limit", s, n);
		return 0;
	}
	if (t == IPM_B_PARA && m->topic_open) {
		ipm_zh_join(&m->topic_text, s, n);
		return 0;
	}
	if (t == IPM_B_ROW)
		s = ipm_block_text(b, &m->tmp, &n);
	rej(m, b, t == IPM_B_ROW ? "table row in a summit/special section" :
	          "paragraph before the first topic", s, n);
	return 0;
}

/* ---- the block loop ---- */

/* A section that gave nothing is worth a warning (a lost table?). */
static void end_section(struct mstate *m, long line)
{
	if (m->sec != S_NONE && m->ev->n == m->sec_start)
		ipm_err(m->file, line, "warning: section '%s' ends without items (no table or topics?)",
		        sec_name[m->sec]);
}

static int block(struct mstate *m, const ipm_rec *b)
{
	enum ipm_btype t = ipm_block_type(b);
	const ipm_val *v = ipm_rec_get(b, "text");
	const char *s = v && v->t == IPM_V_STR ? v->s : "";
	size_t n = v && v->t == IPM_V_STR ? v->len : 0;
	enum sec ns = S_NONE;
	int rc = 0;

	if (t == IPM_B_DOC)
		return 0;
	if (t == IPM_B_HEADING || t == IPM_B_PARA)
		ns = section_of(s, n);
	if (ns == S_NONE && t == IPM_B_HEADING && m->sec >= S_SUMMIT && later_part(s, n))
		ns = S_SPECIAL;   /* "六、热点聚焦": a further part after the summits */
	if (ns != S_NONE) {
		rc = flush_group(m, b) | flush_topic(m);
		end_section(m, ipm_block_line(b));
		m->sec = ns;
		m->sec_start = m->ev->n;
		m->after_break = 0;
		return rc;
	}
	if (m->sec == S_NONE) {
		if (t == IPM_B_PARA || t == IPM_B_HEADING) {
			title_year(m, s, n);
			if (!m->per.y1)
				ipm_period_find(s, n, &m->per);
		}
		rej(m, b, "front matter", s, n);
		return 0;
	}
	if (m->sec == S_SUMMIT || m->sec == S_SPECIAL)
		return topic_block(m, b, t, s, n);
	if (t == IPM_B_ROW)
		return table_row(m, b);
	if (t == IPM_B_META)
		s = ipm_block_text(b, &m->tmp, &n);
	rej(m, b, t == IPM_B_PARA ? "paragraph in a table section" :
	          t == IPM_B_HEADING ? "heading in a table section" : "meta block in a table section", s, n);
	return 0;
}

static void group_free(struct group *g)
{
	size_t i;

	for (i = 0; i < g->capit; i++)
		ipm_buf_free(&g->it[i].text);
	for (i = 0; i < g->capurl; i++)
		ipm_buf_free(&g->url[i]);
	free(g->it);
	free(g->url);
	free(g->url_line);
	ipm_buf_free(&g->actor);
}

int ipm_monthly_rows(ipm_bsrc *src, ipm_events *ev)
{
	struct mstate m;
	const ipm_rec *b;
	int rc, err = 0;
	size_t before = ev->n;

	memset(&m, 0, sizeof m);
	m.ev = ev;
	m.file = ev->file;
	while ((rc = ipm_bsrc_next(src, &b)) > 0)
		if (block(&m, b) != 0)
			err = 1;
	if (flush_group(&m, NULL) | flush_topic(&m))
		err = 1;
	end_section(&m, 0);
	if (ev->n == before)
		ipm_err(ev->file, 0, "warning: no report items found (no section 一…五 with a table?)");
	group_free(&m.g);
	ipm_buf_free(&m.topic_actor);
	ipm_buf_free(&m.topic_text);
	ipm_buf_free(&m.tmp);
	free(m.lines);
	ipm_regions_free(m.reg);
	return err || rc < 0 ? -1 : 0;
}

int ipm_monthly_score(ipm_bsrc *src, size_t look)
{
	const ipm_rec *b;
	size_t k;
	int score = 0;

	for (k = 0; k < look && ipm_bsrc_peek(src, k, &b) > 0; k++) {
		const char *s = ipm_rec_str(b, "text");
		enum ipm_btype t = ipm_block_type(b);
		if (!s || (t != IPM_B_HEADING && t != IPM_B_PARA))
			continue;
		if (has(s, strlen(s), "舆情监测"))
			score += 2;
		if (section_of(s, strlen(s)) == S_MINISTRY)
			score += 1;
		if (section_of(s, strlen(s)) == S_PROVINCE)
			score += 2;
	}
	return score;
}
