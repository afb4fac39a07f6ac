/* policy: the label/value "meta" blocks of a gov.cn policy page (索引号,
 * 主题分类, 发文机关, 成文日期, 标题, 发文字号, 发布日期) plus its body
 * paragraphs -> one "policy" record. One page's text is held at a time. */
#include "policy.h"

#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "text/datecn.h"
#include "text/docno.h"
#include "text/zh.h"

enum { F_TITLE, F_ISSUER, F_NUMBER, F_DATE, F_PUBLISHED, F_TOPIC, F_URL, F_N };
static const char *const labels[F_N] = {
	"标题", "发文机关", "发文字号", "成文日期", "发布日期", "主题分类", "url"
};

struct page {
	ipm_buf f[F_N];
	int have[F_N];
	ipm_buf body;
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

static void set_date(ipm_events *ev, const char *key, const char *raw_key, const char *v, size_t n)
{
	struct ipm_date d;
	enum ipm_datecn_form form;
	char iso[16] = "";

	if (n && ipm_datecn_at(v, n, &d, &form))
		ipm_date_iso(d.y, d.m, d.d, iso);
	ipm_events_set(ev, key, iso[0] ? iso : NULL, (size_t)-1);
	if (raw_key)
		ipm_events_set(ev, raw_key, n ? v : NULL, n);
}

static const char *or_null(const char *s, size_t n)
{
	return s && n ? s : NULL;
}

int ipm_policy_put(ipm_events *ev, const struct ipm_policy *f)
{
	ipm_rec *r = ipm_events_begin(ev, "policy");
	ipm_buf num = { 0 };
	int rc;

	if (f->issuer_len)
		ipm_events_set(ev, "actor", f->issuer, f->issuer_len);
	set_date(ev, "date", "date_raw", f->date, f->date_len);
	ipm_events_set(ev, "text", f->body ? f->body : "", f->body_len);
	ipm_events_set(ev, "url", or_null(f->url, f->url_len), f->url_len);
	ipm_rec_set_long(r, "line", f->line);
	ipm_events_set(ev, "title", f->title, f->title_len);
	if (f->issuer_len)
		issuers(r, f->issuer);
	else
		ipm_rec_set_arr(r, "issuer", NULL, NULL, 0);
	if (f->number_len)
		ipm_docno_norm(f->number, f->number_len, &num);
	ipm_events_set(ev, "doc_number", num.len ? num.s : NULL, num.len);
	set_date(ev, "published", NULL, f->published, f->published_len);
	ipm_events_set(ev, "topic", or_null(f->topic, f->topic_len), f->topic_len);
	rc = ipm_events_put(ev);
	ipm_buf_free(&num);
	return rc;
}

static int put_page(struct page *p, ipm_events *ev)
{
	struct ipm_policy f;
	int i, rc;

	if (!p->any)
		return 0;
	memset(&f, 0, sizeof f);
#define F(name, k) f.name = p->f[k].s, f.name##_len = p->f[k].len
	F(issuer, F_ISSUER); F(date, F_DATE); F(url, F_URL); F(number, F_NUMBER);
	F(published, F_PUBLISHED); F(topic, F_TOPIC);
#undef F
	f.title = p->have[F_TITLE] ? p->f[F_TITLE].s : NULL;
	f.title_len = p->f[F_TITLE].len;
	f.body = p->body.s;
	f.body_len = p->body.len;
	f.line = p->line;
	rc = ipm_policy_put(ev, &f);
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
	return status;
}
