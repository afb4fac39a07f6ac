/* policy: the label/value "meta" blocks of a gov.cn policy page (索引号,
 * 主题分类, 发文机关, 成文日期, 标题, 发文字号, 发布日期) plus its body
 * paragraphs -> one "policy" record. One page's text is held at a time. */
#include "policy.h"

#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "text/dates.h"
#include "text/zh.h"

enum { F_TITLE, F_ISSUER, F_NUMBER, F_DATE, F_PUBLISHED, F_TOPIC, F_URL, F_N };
static const char *const labels[F_N] = {
	"标题", "发文机关", "发文字号", "成文日期", "发布日期", "主题分类", "url"
};

struct page {
	ipm_buf f[F_N];
	int have[F_N];
	ipm_buf body, tmp;
	long line;
	int any;
};

static int field_of(const char *key)
{
	int i;

	for (i = 0; i < F_N; i++)
		if (!strcmp(key, labels[i]))
			return i;
	if (!strcmp(key, "网址") || !strcmp(key, "链接"))
		return F_URL;
	return -1;
}

int ipm_policy_score(ipm_bsrc *src, size_t look)
{
	const ipm_rec *b;
	size_t i;
	int score = 0;

	for (i = 0; i < look && ipm_bsrc_peek(src, i, &b) > 0; i++) {
		const char *k;
		if (ipm_block_type(b) != IPM_B_META || !(k = ipm_rec_str(b, "key")))
			continue;
		if (field_of(k) >= 0 && field_of(k) != F_URL)
			score += 3;
	}
	return score;
}

/* "国发[2019]5号", "国发（2019）5 号" -> "国发〔2019〕5号". */
static void doc_number(const char *s, ipm_buf *out)
{
	static const char *const open[] = { "[", "\xEF\xBC\xBB", "\xE3\x80\x90", "\xEF\xBC\x88", "(",
	                                     "\xE3\x80\x94", "\xEF\xB8\xB9", NULL };
	static const char *const close[] = { "]", "\xEF\xBC\xBD", "\xE3\x80\x91", "\xEF\xBC\x89", ")",
	                                      "\xE3\x80\x95", "\xEF\xB8\xBA", NULL };
	ipm_buf sq = {0};
	size_t i = 0, k, j;

	ipm_zh_squeeze(s, strlen(s), &sq);
	while (sq.s && i < sq.len) {
		for (j = 0; open[j]; j++) {
			k = strlen(open[j]);
			if (!strncmp(sq.s + i, open[j], k) && i + k + 4 <= sq.len &&
			    strspn(sq.s + i + k, "0123456789") == 4) {
				size_t c = i + k + 4, m;
				for (m = 0; close[m]; m++)
					if (!strncmp(sq.s + c, close[m], strlen(close[m])))
						break;
				if (close[m]) {
					ipm_buf_adds(out, "\xE3\x80\x94");
					ipm_buf_add(out, sq.s + i + k, 4);
					ipm_buf_adds(out, "\xE3\x80\x95");
					i = c + strlen(close[m]);
					break;
				}
			}
		}
		if (!open[j])
			ipm_buf_addc(out, sq.s[i++]);
	}
	ipm_buf_free(&sq);
}

/* Split joint issuers "国务院办公厅、中央军委办公厅" / "国务院 中央军委". */
static void issuers(ipm_rec *r, const char *s)
{
	static const char *const seps[] = {
		"\xE3\x80\x81", "\xEF\xBC\x8C", ",", ";", "\xEF\xBC\x9B", " ", "\xE3\x80\x80", NULL
	};
	size_t n = strlen(s), i = 0, from = 0, j, k;

	ipm_rec_set_arr(r, "issuer", NULL, NULL, 0);
	while (i <= n) {
		for (j = 0, k = 0; seps[j]; j++)
			if (i < n && !strncmp(s + i, seps[j], strlen(seps[j]))) {
				k = strlen(seps[j]);
				break;
			}
		if (i == n || k) {
			const char *p = s + from;
			size_t len = i - from;
			ipm_zh_trim(&p, &len);
			if (len)
				ipm_rec_arr_push(r, "issuer", p, len);
			i += k ? k : 1;
			from = i;
		} else {
			i++;
		}
	}
}

static void set_date(ipm_events *ev, const char *key, const char *raw_key, const ipm_buf *v)
{
	struct ipm_date d;
	char iso[16] = "";

	if (v->len && ipm_date_at(v->s, v->len, &d) && d.y && d.m && d.d)
		ipm_date_iso(d.y, d.m, d.d, iso);
	ipm_events_set(ev, key, iso[0] ? iso : NULL, (size_t)-1);
	if (raw_key)
		ipm_events_set(ev, raw_key, v->len ? v->s : NULL, v->len);
}

static int put_page(struct page *p, ipm_events *ev)
{
	ipm_rec *r;
	int i, rc;

	if (!p->any)
		return 0;
	r = ipm_events_begin(ev, "policy");
	if (p->f[F_ISSUER].len)
		ipm_events_set(ev, "actor", p->f[F_ISSUER].s, p->f[F_ISSUER].len);
	set_date(ev, "date", "date_raw", &p->f[F_DATE]);
	ipm_events_set(ev, "text", p->body.s ? p->body.s : "", p->body.len);
	ipm_events_set(ev, "url", p->f[F_URL].len ? p->f[F_URL].s : NULL, p->f[F_URL].len);
	ipm_rec_set_long(r, "line", p->line);
	ipm_events_set(ev, "title", p->have[F_TITLE] ? p->f[F_TITLE].s : NULL, p->f[F_TITLE].len);
	if (p->f[F_ISSUER].len)
		issuers(r, p->f[F_ISSUER].s);
	else
		ipm_rec_set_arr(r, "issuer", NULL, NULL, 0);
	ipm_buf_clear(&p->tmp);
	if (p->f[F_NUMBER].len)
		doc_number(p->f[F_NUMBER].s, &p->tmp);
	ipm_events_set(ev, "doc_number", p->tmp.len ? p->tmp.s : NULL, p->tmp.len);
	set_date(ev, "published", NULL, &p->f[F_PUBLISHED]);
	ipm_events_set(ev, "topic", p->f[F_TOPIC].len ? p->f[F_TOPIC].s : NULL, p->f[F_TOPIC].len);
	rc = ipm_events_put(ev);
	for (i = 0; i < F_N; i++) {
		ipm_buf_clear(&p->f[i]);
		p->have[i] = 0;
	}
	ipm_buf_clear(&p->body);
	p->any = 0;
	p->line = 0;
	return rc;
}

static void on_meta(struct page *p, const ipm_rec *b)
{
	const char *k = ipm_rec_str(b, "key"), *v = ipm_rec_str(b, "value");
	int f;
	size_t n;

	if (!k || !v || (f = field_of(k)) < 0 || p->have[f])
		return;
	n = strlen(v);
	ipm_zh_trim(&v, &n);
	ipm_buf_add(&p->f[f], v, n);
	p->have[f] = 1;
	if (!p->line || f == F_TITLE)
		p->line = ipm_block_line(b);   /* the title's line when there is one */
	p->any = 1;
}

/* A table in the body: its cells, space-separated, as one line of text. */
static void body_row(struct page *p, const ipm_rec *b)
{
	const ipm_val *c = ipm_rec_get(b, "cells");
	size_t i;

	if (!c || c->t != IPM_V_ARR)
		return;
	if (p->body.len)
		ipm_buf_addc(&p->body, '\n');
	for (i = 0; i < c->n; i++) {
		if (i)
			ipm_buf_addc(&p->body, ' ');
		ipm_buf_add(&p->body, c->items[i], c->ilen[i]);
	}
}

int ipm_policy_rows(ipm_bsrc *src, ipm_events *ev)
{
	struct page p;
	const ipm_rec *b;
	int rc, status = 0, i;

	memset(&p, 0, sizeof p);
	while ((rc = ipm_bsrc_next(src, &b)) > 0) {
		enum ipm_btype t = ipm_block_type(b);
		const char *text = ipm_rec_str(b, "text");
		if (t == IPM_B_DOC) {
			if (put_page(&p, ev) != 0)
				status = -1;
		} else if (t == IPM_B_META) {
			on_meta(&p, b);
		} else if ((t == IPM_B_PARA || t == IPM_B_HEADING) && text && p.any) {
			if (p.body.len)
				ipm_buf_addc(&p.body, '\n');
			ipm_buf_adds(&p.body, text);
		} else if (t == IPM_B_ROW && p.any) {
			body_row(&p, b);
		} else {
			ipm_reject(ev->rj, ev->file, ipm_block_line(b), "policy: block outside the page body",
			           text ? text : "", text ? strlen(text) : 0);
		}
	}
	if (put_page(&p, ev) != 0 || rc < 0)
		status = -1;
	for (i = 0; i < F_N; i++)
		ipm_buf_free(&p.f[i]);
	ipm_buf_free(&p.body);
	ipm_buf_free(&p.tmp);
	return status;
}
