#include "yearbook.h"

#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "text/dates.h"
#include "text/zh.h"

enum part { P_NONE = 0, P_MINISTRY, P_REGION, P_CHRONICLE, P_OTHER };
enum kind { K_FRONT, K_TOC, K_SHORT, K_CAPTION, K_ROW, K_NOTE, K_OTHER, K_N };
static const char *const kind_names[K_N] = {
	"front matter", "table of contents", "short lines (names, titles)",
	"figure captions", "table rows (see ipm-tables)", "table notes and sources",
	"other blocks"
};

#define MAX_TOC 20000
#define MAX_DEPTH 32

struct head {
	int level;        /* -2 part, -1 chapter, else the heading block's level */
	int style;        /* numbering style (style_of), 0 for none */
	char *text;
};

struct yb {
	ipm_events *ev;
	int front, toc, part;
	char **tocs;
	size_t ntoc;
	struct head h[MAX_DEPTH];
	size_t nh;
	ipm_buf actor, path, tmp;
	/* the chronicle entry being built */
	ipm_buf ctext, craw;
	char cdate[16];
	long cline;
	int open;
	size_t skipped[K_N], chronicle, paragraphs;
};

/* ---- small text tests ---- */

static int cp_len(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return (int)n;
}

static int has_any(const char *s, const char *const *set)
{
	for (; *set; set++)
		if (strstr(s, *set))
			return 1;
	return 0;
}

static const char *const sentence_marks[] = {
	"\xE3\x80\x82", "\xEF\xBC\x8C", "\xEF\xBC\x9B", "\xEF\xBC\x81", "\xEF\xBC\x9F",
	"\xEF\xBC\x9A", "\xE3\x80\x81", ",", ";", ":", NULL
};

/* squeezed copy of s in y->tmp */
static const char *squeezed(struct yb *y, const char *s)
{
	ipm_buf_clear(&y->tmp);
	ipm_zh_squeeze(s, strlen(s), &y->tmp);
	return y->tmp.s ? y->tmp.s : "";
}

static int ends_with(const char *s, const char *suf)
{
	size_t n = strlen(s), k = strlen(suf);

	return n >= k && memcmp(s + n - k, suf, k) == 0;
}

/* A part title: "部委篇", "地区发展篇", "信息化大事记", "附录". */
static int part_of(const char *sq)
{
	if (strstr(sq, "大事记") && cp_len(sq) <= 8)
		return P_CHRONICLE;
	if (!strcmp(sq, "附录"))
		return P_OTHER;
	if (!ends_with(sq, "篇") || cp_len(sq) > 6 || cp_len(sq) < 2)
		return P_NONE;
	if (!strcmp(sq, "部委篇"))
		return P_MINISTRY;
	if (strstr(sq, "地区"))
		return P_REGION;
	return P_OTHER;
}

/* "教育信息化发展概况..... 55" / "北京市信息化发展概况" (row cell) -> the title
 * without dots and page number, squeezed, into out; 1 when a page number
 * was there. */
static int toc_title(const char *s, ipm_buf *out)
{
	size_t n = strlen(s);
	int page = 0;

	while (n > 0 && s[n - 1] >= '0' && s[n - 1] <= '9') {
		n--;
		page = 1;
	}
	for (;;) {
		while (n > 0 && (s[n - 1] == '.' || s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		if (n >= 2 && !memcmp(s + n - 2, "\xC2\xB7", 2))            /* · */
			n -= 2;
		else if (n >= 3 && (!memcmp(s + n - 3, "\xE2\x80\xA6", 3) ||  /* … */
		                    !memcmp(s + n - 3, "\xE2\x80\xA7", 3) ||
		                    !memcmp(s + n - 3, "\xC2\xB7", 2)))
			n -= 3;
		else
			break;
	}
	ipm_buf_clear(out);
	ipm_zh_squeeze(s, n, out);
	return page;
}

static int is_toc_entry(struct yb *y, const char *sq)
{
	size_t i;

	for (i = 0; i < y->ntoc; i++)
		if (!strcmp(y->tocs[i], sq))
			return 1;
	return 0;
}

static void add_toc(struct yb *y, const ipm_buf *t)
{
	if (!t->len || y->ntoc >= MAX_TOC || is_toc_entry(y, t->s))
		return;
	if (y->ntoc % 64 == 0)
		y->tocs = ipm_realloc(y->tocs, (y->ntoc + 64) * sizeof *y->tocs);
	y->tocs[y->ntoc++] = ipm_strndup(t->s, t->len);
}

/* ---- heading path ---- */

static void pop_to(struct yb *y, int level)
{
	while (y->nh > 0 && y->h[y->nh - 1].level >= level) {
		free(y->h[--y->nh].text);
	}
}

/* Numbering styles of headings: "一、" 1, "（一）" 2, "1." 3, "（1）" 4,
 * "第X章" 5, "第X节" 6, "【…】" 7; 0 for none. */
static int style_of(const char *s)
{
	static const char cn[] = "一二三四五六七八九十百";
	size_t n = strlen(s), i = 0;
	char c3[4] = {0};

	if (ipm_zh_starts(s, n, "【"))
		return 7;
	if (ipm_zh_starts(s, n, "第")) {
		const char *z = strstr(s, "章"), *j = strstr(s, "节");
		if (z && z - s <= 12)
			return 5;
		if (j && j - s <= 12)
			return 6;
		return 0;
	}
	if (s[0] == '(' || ipm_zh_starts(s, n, "（")) {
		i = s[0] == '(' ? 1 : 3;
		if (s[i] >= '0' && s[i] <= '9')
			return 4;
		memcpy(c3, s + i, i + 3 <= n ? 3 : 0);
		return c3[0] && strstr(cn, c3) ? 2 : 0;
	}
	if (s[0] >= '0' && s[0] <= '9') {
		while (s[i] >= '0' && s[i] <= '9')
			i++;
		return s[i] == '.' || ipm_zh_starts(s + i, n - i, "、") ||
		       ipm_zh_starts(s + i, n - i, "．") ? 3 : 0;
	}
	while (i + 3 <= n) {
		memcpy(c3, s + i, 3);
		if (!strstr(cn, c3))
			break;
		i += 3;
	}
	return i && ipm_zh_starts(s + i, n - i, "、") ? 1 : 0;
}

/* A numbered heading replaces its sibling of the same style, whatever
 * level the layout gave it ("### 三、" after "## 二、" is no child of 二、). */
static int sibling_level(struct yb *y, int style, int level)
{
	size_t i;

	if (!style)
		return level;
	for (i = y->nh; i-- > 0 && y->h[i].level >= 0;)
		if (y->h[i].style == style)
			return y->h[i].level;
	return level;
}

static void push(struct yb *y, int level, const char *text)
{
	if (y->nh == MAX_DEPTH)
		pop_to(y, y->h[MAX_DEPTH - 1].level);
	y->h[y->nh].style = level >= 0 ? style_of(text) : 0;
	y->h[y->nh].level = level;
	y->h[y->nh].text = ipm_strndup(text, strlen(text));
	y->nh++;
}

static const char *path(struct yb *y)
{
	size_t i;

	ipm_buf_clear(&y->path);
	for (i = 0; i < y->nh; i++) {
		if (i)
			ipm_buf_adds(&y->path, " > ");
		ipm_buf_adds(&y->path, y->h[i].text);
	}
	return y->nh ? y->path.s : NULL;
}

/* The actor of a chapter in 部委篇/地区发展篇: its title without the suffix. */
static void set_actor(struct yb *y, const char *title)
{
	static const char *const suffix[] = {
		"信息化发展概况", "信息化发展报告", "信息化发展情况", "信息化建设概况",
		"信息化工作概况", "发展概况", "概况", NULL
	};
	size_t i, n = strlen(title);

	ipm_buf_clear(&y->actor);
	if (y->part != P_MINISTRY && y->part != P_REGION)
		return;
	for (i = 0; suffix[i]; i++)
		if (ends_with(title, suffix[i])) {
			n -= strlen(suffix[i]);
			break;
		}
	ipm_buf_add(&y->actor, title, n);
}

/* ---- chronicle ---- */

static int flush_entry(struct yb *y)
{
	struct ipm_item it = {0};
	int rc;

	if (!y->open)
		return 0;
	it.section = "chronicle";
	it.date = y->cdate[0] ? y->cdate : NULL;
	it.date_raw = y->craw.s;
	it.text = y->ctext.s;
	it.line = y->cline;
	rc = ipm_events_item(y->ev, &it);
	y->open = 0;
	y->chronicle++;
	return rc;
}

/* A full date ("2016 年 6 月 1—2 日") at s[i] followed by ',' or '，', not
 * inside a longer number: its length, else 0. */
static size_t entry_date_at(const char *s, size_t n, size_t i, struct ipm_date *d)
{
	size_t k, j;

	if (s[i] < '1' || s[i] > '2' || (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9'))
		return 0;
	k = ipm_date_at(s + i, n - i, d);
	if (!k || d->y == 0 || d->m == 0 || d->d == 0)
		return 0;
	j = i + k;
	while (j < n && s[j] == ' ')
		j++;
	if (j < n && (s[j] == ',' || ipm_zh_starts(s + j, n - j, "\xEF\xBC\x8C")))
		return k;
	return 0;
}

static int start_entry(struct yb *y, const char *s, size_t n, size_t k,
                       const struct ipm_date *d, long line)
{
	if (flush_entry(y) != 0)
		return -1;
	ipm_buf_clear(&y->ctext);
	ipm_buf_clear(&y->craw);
	ipm_buf_add(&y->craw, s, k);
	ipm_date_iso(d->y, d->m, d->d, y->cdate);
	y->cline = line;
	y->open = 1;
	(void)n;
	return 0;
}

static void cont_entry(struct yb *y, const char *s, size_t n, long line)
{
	ipm_zh_trim(&s, &n);
	if (!n)
		return;
	if (!y->open) {
		ipm_reject(y->ev->rj, y->ev->file, line, "chronicle: text before the first dated entry",
		           s, n);
		return;
	}
	ipm_zh_join(&y->ctext, s, n);
}

static int chronicle_text(struct yb *y, const char *s, long line)
{
	size_t n = strlen(s), i, from = 0, k;
	struct ipm_date d;

	for (i = 0; i < n; i++) {
		if (!(k = entry_date_at(s, n, i, &d)))
			continue;
		cont_entry(y, s + from, i - from, line);
		if (start_entry(y, s + i, n - i, k, &d, line) != 0)
			return -1;
		from = i;
		i += k - 1;
	}
	cont_entry(y, s + from, n - from, line);
	return 0;
}

/* ---- blocks ---- */

static int is_caption(const char *sq)
{
	return (ipm_zh_starts(sq, strlen(sq), "图") || ipm_zh_starts(sq, strlen(sq), "表")) &&
	       sq[3] >= '0' && sq[3] <= '9';
}

static int is_note(const char *sq)
{
	static const char *const labels[] = { "注：", "注:", "数据来源", "资料来源", "续表", NULL };
	size_t i;

	for (i = 0; labels[i]; i++)
		if (ipm_zh_starts(sq, strlen(sq), labels[i]))
			return 1;
	return 0;
}

static int skip(struct yb *y, enum kind k)
{
	y->skipped[k]++;
	return 0;
}

static int enter_part(struct yb *y, int part, const char *sq)
{
	if (flush_entry(y) != 0)
		return -1;
	y->part = part;
	y->front = y->toc = 0;
	pop_to(y, -1000);
	push(y, -2, sq);
	ipm_buf_clear(&y->actor);
	return 0;
}

static int paragraph(struct yb *y, const char *text, const char *sq, long line)
{
	struct ipm_item it = {0};
	struct ipm_date d;
	char iso[16] = "";
	size_t k;

	if (is_caption(sq))
		return skip(y, K_CAPTION);
	if (is_note(sq))
		return skip(y, K_NOTE);
	if (cp_len(sq) <= 20 && !has_any(sq, sentence_marks))
		return skip(y, K_SHORT);
	it.section = "paragraph";
	it.actor = y->actor.len ? y->actor.s : NULL;
	it.heading = path(y);
	it.text = text;
	it.line = line;
	k = ipm_date_at(text, strlen(text), &d);
	if (k && d.y && d.m && d.d) {
		ipm_date_iso(d.y, d.m, d.d, iso);
		it.date = iso;
		ipm_buf_clear(&y->tmp);
		ipm_buf_add(&y->tmp, text, k);
		it.date_raw = y->tmp.s;
	}
	y->paragraphs++;
	return ipm_events_item(y->ev, &it);
}

static int on_text(struct yb *y, const ipm_rec *b, int heading)
{
	const char *text = ipm_rec_str(b, "text");
	long line = ipm_block_line(b);
	const char *sq;
	int part;
	char *title;

	if (!text)
		return skip(y, K_OTHER);
	sq = squeezed(y, text);
	if (!strcmp(sq, "目录")) {
		y->toc = 1;
		y->front = 0;
		return skip(y, K_TOC);
	}
	if (y->toc) {
		ipm_buf t = {0};
		int page = toc_title(text, &t);
		if (page || (!heading && is_toc_entry(y, t.s ? t.s : "") && !part_of(t.s))) {
			add_toc(y, &t);
			ipm_buf_free(&t);
			return skip(y, K_TOC);
		}
		ipm_buf_free(&t);
		y->toc = 0;
		sq = squeezed(y, text);
	}
	if ((part = part_of(sq)) != P_NONE && !heading)
		return enter_part(y, part, sq);
	if (y->part == P_CHRONICLE)
		return chronicle_text(y, text, line);
	if (y->front) {
		if (heading && (!strcmp(sq, "序言") || !strcmp(sq, "前言") || !strcmp(sq, "序")))
			y->front = 0;
		else
			return skip(y, K_FRONT);
	}
	title = ipm_strndup(sq, strlen(sq));
	if (heading) {
		int lvl = (int)ipm_rec_long(b, "level", 1);
		lvl = sibling_level(y, style_of(title), lvl < 0 ? 0 : lvl);
		pop_to(y, lvl);
		push(y, lvl, title);
		free(title);
		return 0;
	}
	if (y->part != P_NONE && is_toc_entry(y, title) && cp_len(title) <= 40) {
		pop_to(y, -1);
		push(y, -1, title);
		set_actor(y, title);
		free(title);
		return 0;
	}
	free(title);
	return paragraph(y, text, squeezed(y, text), line);
}

static int on_block(struct yb *y, const ipm_rec *b)
{
	switch (ipm_block_type(b)) {
	case IPM_B_HEADING:
		return on_text(y, b, 1);
	case IPM_B_PARA:
		return on_text(y, b, 0);
	case IPM_B_ROW:
		if (y->toc || y->front) {
			const ipm_val *c = ipm_rec_get(b, "cells");
			if (y->toc && c && c->t == IPM_V_ARR && c->n >= 1) {
				ipm_buf t = {0};
				char *cell = ipm_strndup(c->items[0], c->ilen[0]);
				const char *last = c->items[c->n - 1];
				if (c->n >= 2 && c->ilen[c->n - 1] && last[0] >= '0' && last[0] <= '9') {
					toc_title(cell, &t);
					add_toc(y, &t);
				}
				free(cell);
				ipm_buf_free(&t);
			}
			return skip(y, y->toc ? K_TOC : K_FRONT);
		}
		return skip(y, K_ROW);
	case IPM_B_DOC:
		return 0;
	default:
		return skip(y, K_OTHER);
	}
}

/* Front matter (CIP data, editorial board) is skipped when the book has it. */
static int has_front_matter(ipm_bsrc *src, size_t look)
{
	const ipm_rec *b;
	size_t i;

	for (i = 0; i < look && ipm_bsrc_peek(src, i, &b) > 0; i++) {
		const char *t = ipm_rec_str(b, "text");
		if (t && (strstr(t, "图书在版编目") || strstr(t, "编委会")))
			return 1;
	}
	return 0;
}

int ipm_yearbook_score(ipm_bsrc *src, size_t look)
{
	const ipm_rec *b;
	size_t i;
	int score = 0, parts = 0;
	ipm_buf sq = {0};

	for (i = 0; i < look && ipm_bsrc_peek(src, i, &b) > 0; i++) {
		const char *t = ipm_rec_str(b, "text");
		if (!t)
			continue;
		ipm_buf_clear(&sq);
		ipm_zh_squeeze(t, strlen(t), &sq);
		if (strstr(t, "图书在版编目"))
			score += 4;
		if (strstr(t, "年鉴"))
			score += 2;
		if (sq.s && !strcmp(sq.s, "目录"))
			score += 2;
		if (sq.s && part_of(sq.s) != P_NONE && parts < 6) {
			parts++;
			score += 1;
		}
	}
	ipm_buf_free(&sq);
	return score;
}

static void summary(struct yb *y)
{
	ipm_buf m = {0};
	size_t k;

	for (k = 0; k < K_N; k++)
		if (y->skipped[k])
			ipm_buf_printf(&m, "%s%zu %s", m.len ? ", " : "", y->skipped[k], kind_names[k]);
	if (m.len || y->ev->verbose)
		ipm_err(y->ev->file, 0, "%zu paragraphs, %zu chronicle entries; skipped: %s",
		        y->paragraphs, y->chronicle, m.len ? m.s : "nothing");
	ipm_buf_free(&m);
}

int ipm_yearbook_rows(ipm_bsrc *src, ipm_events *ev)
{
	struct yb y;
	const ipm_rec *b;
	int rc, status = 0;
	size_t i;

	memset(&y, 0, sizeof y);
	y.ev = ev;
	y.front = has_front_matter(src, 64);
	while ((rc = ipm_bsrc_next(src, &b)) > 0)
		if (on_block(&y, b) != 0) {
			status = -1;
			break;
		}
	if (rc < 0 || flush_entry(&y) != 0)
		status = -1;
	summary(&y);
	pop_to(&y, -1000);
	for (i = 0; i < y.ntoc; i++)
		free(y.tocs[i]);
	free(y.tocs);
	ipm_buf_free(&y.actor);
	ipm_buf_free(&y.path);
	ipm_buf_free(&y.tmp);
	ipm_buf_free(&y.ctext);
	ipm_buf_free(&y.craw);
	return status;
}
