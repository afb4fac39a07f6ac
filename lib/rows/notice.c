/* notice: a local notice as text -> one policy record and its paragraphs.
 * The whole notice is held (its body goes into the policy record); a doc
 * block starts the next one. */
#include "notice.h"

#include <stdlib.h>
#include <string.h>

#include "core/dict.h"
#include "core/utf8.h"
#include "core/util.h"
#include "narrative.h"
#include "policy.h"
#include "text/datecn.h"
#include "text/docno.h"
#include "text/hant.h"
#include "text/zh.h"

#define HEAD 20        /* the header is in the first HEAD blocks */
#define TAIL 8         /* the signature in the last TAIL */
#define MAXNUM 8       /* 文号 candidates kept */

enum role { R_BODY = 0, R_LABEL, R_REDHEAD, R_NUMBER, R_MISC, R_TITLE, R_SIGN };
enum field { L_INDEX, L_TOPIC, L_ISSUER, L_DATE, L_TITLE, L_NUMBER, L_PUB, L_SOURCE, L_OTHER, L_N };

static const struct label {
	const char *name;
	enum field f;
} LABELS[] = {
	{"索引号", L_INDEX}, {"主题分类", L_TOPIC}, {"主题词", L_OTHER}, {"发文机关", L_ISSUER},
	{"发布机构", L_ISSUER}, {"发文单位", L_ISSUER}, {"成文日期", L_DATE}, {"成文时间", L_DATE},
	{"标题", L_TITLE}, {"发文字号", L_NUMBER}, {"文号", L_NUMBER}, {"发布日期", L_PUB},
	{"发布时间", L_PUB}, {"公开日期", L_PUB}, {"信息来源", L_SOURCE}, {"来源", L_SOURCE},
	{"有效性", L_OTHER}, {"生效日期", L_OTHER}, {"废止日期", L_OTHER}, {"浏览次数", L_OTHER},
	{NULL, L_N}
};

/* Words a title ends in (the document's kind). */
static const char *const KINDS[] = {
	"通知", "意见", "办法", "方案", "规定", "决定", "批复", "通告", "公告", "细则", "规划",
	"计划", "纲要", "措施", "函", "指引", "指南", "条例", "要点", "报告", "命令", "决议", NULL
};

/* Words an issuer ends in. */
static const char *const ORGS[] = {
	"政府", "厅", "局", "委", "委员会", "办公室", "办", "院", "部", "会", "室", "中心", "署",
	"处", "党委", "省委", "市委", "县委", "区委", NULL
};

struct blk {
	size_t off, len;       /* clean text (glosses out, simplified) in n->txt */
	size_t soff, slen;     /* the same with glosses out, characters as printed, in n->src */
	long line;
	int type, level, role;
	size_t cut;            /* R_TITLE: where the addressee begins (0: none) */
};

struct notice {
	struct blk *b;
	size_t nb, cap;
	ipm_buf txt, src, tmp, sq, strip;
	ipm_hant *hant;
	ipm_table *docn;
	/* found */
	ipm_buf f[L_N];
	int have[L_N];
	ipm_buf title, issuer, number, date, body;
	char num[MAXNUM][64];
	int nnum;
	long title_line;
};

/* ---------------------------------------------------------------- helpers */

static int ends(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);

	return n >= k && !memcmp(s + n - k, w, k);
}

static int ends_any(const char *s, size_t n, const char *const *ws)
{
	size_t j;

	for (j = 0; ws[j]; j++)
		if (ends(s, n, ws[j]))
			return 1;
	return 0;
}

static const char *clean(const struct notice *n, const struct blk *b)
{
	return n->txt.s + b->off;
}

/* The squeezed clean text of b in n->sq. */
static const char *squeezed(struct notice *n, const struct blk *b, size_t *len)
{
	ipm_buf_clear(&n->sq);
	ipm_zh_squeeze(clean(n, b), b->len, &n->sq);
	ipm_buf_add(&n->sq, "", 0);
	*len = n->sq.len;
	return n->sq.s;
}

static size_t cps(const char *s, size_t n)
{
	return ipm_cp_count(s, n);
}

static void add_block(struct notice *n, const char *s, size_t len, long line, int type, int level)
{
	struct blk *b;
	size_t before;

	if (n->nb == n->cap) {
		n->cap = n->cap ? n->cap * 2 : 64;
		n->b = ipm_realloc(n->b, n->cap * sizeof *n->b);
	}
	b = &n->b[n->nb++];
	memset(b, 0, sizeof *b);
	b->line = line;
	b->type = type;
	b->level = level;
	ipm_buf_clear(&n->tmp);
	ipm_pinyin_strip(s, len, &n->tmp);
	b->soff = n->src.len;
	b->slen = n->tmp.len;
	ipm_buf_add(&n->src, n->tmp.s, n->tmp.len);
	before = n->txt.len;
	b->off = before;
	ipm_hant_simplify(n->hant, n->tmp.s, n->tmp.len, &n->txt);
	b->len = n->txt.len - before;
	if (b->len != b->slen)          /* a mapping changed the byte length: use the mapped text */
		b->slen = 0;
}

/* A table row of the header as text: a cell that is a label gets its colon
 * ("索引号 | 000/2019-1" -> "索引号：000/2019-1 "). */
static void row_text(const ipm_rec *r, ipm_buf *out)
{
	const ipm_val *c = ipm_rec_get(r, "cells");
	size_t i, k;

	if (!c || c->t != IPM_V_ARR)
		return;
	for (i = 0; i < c->n; i++) {
		const char *s = c->items[i];
		size_t len = c->ilen[i];

		ipm_zh_trim(&s, &len);
		if (ends(s, len, "：") || ends(s, len, ":"))
			len -= ends(s, len, ":") ? 1 : 3;
		for (k = 0; LABELS[k].name && !(strlen(LABELS[k].name) == len && !memcmp(s, LABELS[k].name, len)); k++)
			;
		if (out->len && !LABELS[k].name)
			ipm_buf_addc(out, ' ');
		ipm_buf_add(out, c->items[i], c->ilen[i]);
		if (LABELS[k].name && !ends(c->items[i], c->ilen[i], "：") && !ends(c->items[i], c->ilen[i], ":"))
			ipm_buf_adds(out, "：");
	}
}

/* ----------------------------------------------------------------- labels */

/* The label at s[i] followed by a colon: its index, *end after the colon;
 * -1 when none. */
static int label_at(const char *s, size_t n, size_t i, size_t *end)
{
	int k;

	for (k = 0; LABELS[k].name; k++) {
		size_t l = strlen(LABELS[k].name);
		if (i + l <= n && !memcmp(s + i, LABELS[k].name, l)) {
			if (i + l < n && s[i + l] == ':') {
				*end = i + l + 1;
				return k;
			}
			if (i + l + 3 <= n && !memcmp(s + i + l, "：", 3)) {
				*end = i + l + 3;
				return k;
			}
		}
	}
	return -1;
}

/* The offset of the first label of s, or len when it has none. */
static size_t first_label(const char *s, size_t len)
{
	size_t i, e;

	for (i = 0; i < len; i++)
		if (label_at(s, len, i, &e) >= 0)
			return i;
	return len;
}

/* Split a squeezed header paragraph at its labels into n->f. Returns the
 * offset of the first label (s + 0 when the paragraph starts with one), or
 * len when it has none. */
static size_t split_labels(struct notice *n, const char *s, size_t len)
{
	size_t i, first = len, vst = 0, e;
	int cur = -1, k;

	for (i = 0; i <= len; i++) {
		k = i < len ? label_at(s, len, i, &e) : -1;
		if (k < 0 && i < len)
			continue;
		if (cur >= 0) {
			const char *v = s + vst;
			size_t vl = i - vst;
			enum field f = LABELS[cur].f;
			ipm_zh_trim(&v, &vl);
			if (!n->have[f] && vl) {
				ipm_buf_add(&n->f[f], v, vl);
				ipm_buf_add(&n->f[f], "", 0);
				n->have[f] = 1;
			}
		}
		if (k < 0)
			break;
		if (first == len)
			first = i;
		cur = k;
		vst = e;
		i = e - 1;
	}
	return first;
}

/* -------------------------------------------------------- 文号 candidates */

/* The prefix of d starts after the last word that cannot be part of one
 * (docnum.tsv issuer "-": 印发, 转发, 关于 …) and at the first known prefix
 * after that when three or more characters stand before it ("…网站川府发
 * 〔2019〕8号" -> 川府发; but 闽教财 stays: 闽 is part of it). */
static void refine_prefix(const struct notice *n, const char *s, struct ipm_docno *d)
{
	size_t i, r, from = d->pstart, known = 0;
	int kp, ki;

	if (!n->docn || (kp = ipm_table_col(n->docn, "prefix")) < 0 || (ki = ipm_table_col(n->docn, "issuer")) < 0)
		return;
	for (i = d->pstart; i < d->pend; i++) {
		if ((((unsigned char)s[i]) & 0xC0) == 0x80)
			continue;
		for (r = 0; r < ipm_table_nrows(n->docn); r++) {
			size_t l = ipm_table_len(n->docn, r, kp);
			if (i + l > d->pend || memcmp(s + i, ipm_table_cell(n->docn, r, kp), l))
				continue;
			if (!strcmp(ipm_table_cell(n->docn, r, ki), "-")) {
				if (i + l > from)
					from = i + l, known = 0;
			} else if (!known && i >= from && cps(s + from, i - from) >= 3) {
				known = i + 1;
			}
		}
	}
	if (known)
		d->start = d->pstart = known - 1;
	else if (from < d->pend)
		d->start = d->pstart = from;
}

static void add_number(struct notice *n, const char *s, const struct ipm_docno *d)
{
	int i;

	ipm_buf_clear(&n->tmp);
	ipm_docno_format(s, d, &n->tmp);
	if (n->tmp.len >= sizeof n->num[0])
		return;
	for (i = 0; i < n->nnum; i++)
		if (!strcmp(n->num[i], n->tmp.s))
			return;
	if (n->nnum < MAXNUM) {
		memcpy(n->num[n->nnum], n->tmp.s, n->tmp.len);
		n->num[n->nnum++][n->tmp.len] = 0;
	}
}

/* The paragraph is a 文号 line: 文号s and at most 14 other characters
 * (a 签发人 name, a red header before it). Candidates added when add. */
static int number_line(struct notice *n, const char *s, size_t len, int add)
{
	struct ipm_docno d;
	size_t pos = 0, other = cps(s, len), found = 0;

	while (ipm_docno_next(s, len, &pos, &d)) {
		if (add) {
			refine_prefix(n, s, &d);
			add_number(n, s, &d);
		}
		other -= cps(s + d.start, d.end - d.start);
		found++;
	}
	return found && other <= 14;
}

/* ----------------------------------------------------------------- header */

/* Where a title merged with its addressee line ends: after the kind word
 * that is followed by neither 的 nor a closing mark; 0 when s is no such
 * paragraph. */
static size_t title_cut(const char *s, size_t len)
{
	size_t i, j, last = 0;

	if (!(ends(s, len, "：") || ends(s, len, ":")))
		return 0;
	for (i = 0; i < len; i++)
		for (j = 0; KINDS[j]; j++) {
			size_t k = strlen(KINDS[j]), e = i + k;
			if (e < len && !memcmp(s + i, KINDS[j], k) && memcmp(s + e, "的", 3) &&
			    memcmp(s + e, "》", 3) && memcmp(s + e, "”", 3) && memcmp(s + e, "（", 3) &&
			    s[e] != '(' && s[e] != ' ' && len - e > 6) {
				if (!memcmp(s + e, "各", 3) || !memcmp(s + e, "有关", 6))
					return e;   /* "…的通知各市人民政府…：" */
				last = e;
			}
		}
	return last;
}

static int has_kind(const char *s, size_t len)
{
	size_t j;

	for (j = 0; KINDS[j]; j++)
		if (ipm_mem_find(s, len, KINDS[j], strlen(KINDS[j])))
			return 1;
	return 0;
}

static int titleish(const char *s, size_t len)
{
	size_t c = cps(s, len);

	return c >= 4 && c <= 120 && !ends(s, len, "。") && !ends(s, len, "；") &&
	       (has_kind(s, len) || ipm_mem_find(s, len, "关于", 6));
}

/* 1 when the words of s are mostly single characters ("市 人 民 政 府"). */
static int letter_spaced(const char *s, size_t len)
{
	size_t i = 0, st, l, pieces = 0, singles = 0;

	for (;;) {
		while (i < len && ipm_is_space_cp(ipm_cp_at(s, len, i, &l)))
			i += l;
		if (i >= len)
			break;
		st = i;
		while (i < len && !ipm_is_space_cp(ipm_cp_at(s, len, i, &l)))
			i += l;
		pieces++;
		singles += cps(s + st, i - st) == 1;
	}
	return pieces > 2 && singles * 2 >= pieces;
}

/* s tidied into out: a letter-spaced text squeezed, else runs of white
 * space made one space and the ends trimmed. */
static void tidy(const char *s, size_t len, ipm_buf *out)
{
	size_t i = 0, l;
	int sp = 0;

	if (letter_spaced(s, len)) {
		ipm_zh_squeeze(s, len, out);
		return;
	}
	ipm_zh_trim(&s, &len);
	while (i < len) {
		uint32_t c = ipm_cp_at(s, len, i, &l);
		if (ipm_is_space_cp(c)) {
			sp = 1;
		} else {
			if (sp)
				ipm_buf_addc(out, ' ');
			sp = 0;
			ipm_buf_add(out, s + i, l);
		}
		i += l;
	}
}

/* Issuers of a red header or signature, from the printed text (spaces
 * separate joint issuers; a letter-spaced one is squeezed): appended to
 * out joined by 、. */
static void issuers_of(struct notice *n, const char *s, size_t len, ipm_buf *out)
{
	size_t i, l;

	ipm_buf_clear(&n->tmp);
	tidy(s, len, &n->tmp);
	if (!n->tmp.len)
		return;
	if (out->len)
		ipm_buf_adds(out, "、");
	for (i = 0; i < n->tmp.len; i += l) {
		if (n->tmp.s[i] == ' ' && !(i > 0 && i + 1 < n->tmp.len && (unsigned char)n->tmp.s[i - 1] < 0x80 &&
		                            (unsigned char)n->tmp.s[i + 1] < 0x80)) {
			ipm_buf_adds(out, "、");
			l = 1;
			continue;
		}
		ipm_cp_at(n->tmp.s, n->tmp.len, i, &l);
		ipm_buf_add(out, n->tmp.s + i, l);
	}
}

/* The header: labels, red header, 文号 lines, title, addressee. Returns the
 * index of the first body block. */
static size_t header(struct notice *n, ipm_buf *redhead)
{
	size_t i, len, e, first;
	int titled = 0, src_at = -1;
	const char *s;

	for (i = 0; i < n->nb && i < HEAD; i++) {
		struct blk *b = &n->b[i];
		s = squeezed(n, b, &len);
		if (!len) {
			b->role = R_MISC;
			continue;
		}
		if (label_at(s, len, 0, &e) >= 0 ||
		    ((first = first_label(s, len)) < len && titleish(s, first) && !titled)) {
			struct ipm_docno d;
			size_t pos = 0, st = 0;
			ipm_buf_clear(&n->strip);
			while (ipm_docno_next(s, len, &pos, &d)) {
				refine_prefix(n, s, &d);
				add_number(n, s, &d);
				ipm_buf_add(&n->strip, s + st, d.start - st);
				st = d.end;
			}
			ipm_buf_add(&n->strip, s + st, len - st);
			ipm_buf_clear(&n->sq);
			ipm_buf_add(&n->sq, n->strip.s, n->strip.len);
			ipm_buf_add(&n->sq, "", 0);
			s = n->sq.s;
			len = n->sq.len;
			first = split_labels(n, s, len);
			b->role = R_LABEL;
			if (n->have[L_TITLE] && !n->title_line) {
				n->title_line = b->line;
				titled = 1;
			}
			if (n->have[L_SOURCE] && src_at < 0)
				src_at = (int)i;
			if (first > 0 && !n->title.len) {   /* "关于…的通知发布时间：…" */
				ipm_buf_add(&n->title, s, first);
				n->title_line = b->line;
				titled = 1;
			}
			continue;
		}
		if (b->type == IPM_B_HEADING && titled)
			return i;
		if (number_line(n, clean(n, b), b->len, 1)) {
			struct ipm_docno d;
			size_t pos = 0;
			b->role = R_NUMBER;
			/* "福建省人民政府文件闽政〔2019〕12号": the red header before it */
			if (ipm_docno_next(clean(n, b), b->len, &pos, &d) && d.start > 0 &&
			    ends(clean(n, b), d.start, "文件"))
				issuers_of(n, clean(n, b), d.start - 6, redhead);
			continue;
		}
		if (ends(s, len, "文件") && cps(s, len) <= 40 && !titled) {
			b->role = R_REDHEAD;
			if (ends(clean(n, b), b->len, "文件"))
				issuers_of(n, clean(n, b), b->len - 6, redhead);
			else
				issuers_of(n, s, len - 6, redhead);   /* "文 件": letter-spaced */
			continue;
		}
		if (!titled && titleish(clean(n, b), b->len)) {
			b->role = R_TITLE;
			b->cut = title_cut(clean(n, b), b->len);
			titled = 1;
			n->title_line = b->line;
			tidy(clean(n, b), b->cut ? b->cut : b->len, &n->title);
			if (b->cut)
				return i;   /* its addressee part starts the body */
			continue;
		}
		if (ends(s, len, "：") || ends(s, len, ":"))
			return i;   /* the addressee line */
		if (!titled && cps(s, len) <= 30 && !ends(s, len, "。")) {
			b->role = R_MISC;   /* 特急, 签发人, a header without 文件 */
			continue;
		}
		return i;
	}
	/* a repost: the paragraph before its 发布时间/来源 line is the title */
	if (!titled && src_at > 0 && n->b[src_at - 1].role == R_MISC) {
		struct blk *b = &n->b[src_at - 1];
		b->role = R_TITLE;
		n->title_line = b->line;
		tidy(clean(n, b), b->len, &n->title);
	}
	return i;
}

/* The signature: a short paragraph among the last ones that ends in a full
 * date, the issuer before the date or on the line above. */
static void signature(struct notice *n, size_t body, ipm_buf *signer, ipm_buf *date, long *line)
{
	size_t i, k, len;
	struct ipm_date d;
	enum ipm_datecn_form form;

	for (k = 0, i = n->nb; i > body && k < TAIL; i--, k++) {
		struct blk *b = &n->b[i - 1];
		const char *s = squeezed(n, b, &len), *c = clean(n, b);
		size_t at = 0, last = (size_t)-1, lastlen = 0, trim;

		if (b->type != IPM_B_PARA || !len || cps(s, len) > 80 || ipm_mem_find(s, len, "印发", 6) ||
		    ipm_zh_starts(s, len, "抄送") || ipm_zh_starts(s, len, "（") || ipm_zh_starts(s, len, "("))
			continue;
		/* the last full date of the clean text, which must end it */
		while (at < b->len && ipm_datecn_find(c + at, b->len - at, &d, &form)) {
			last = at + d.off;
			lastlen = d.len;
			at = last + d.len;
		}
		if (last == (size_t)-1) {
			/* "2018115": digits that lost 年 and 月 and read two ways */
			size_t e = b->len, st;
			while (e > 0 && c[e - 1] == ' ')
				e--;
			for (st = e; st > 0 && c[st - 1] >= '0' && c[st - 1] <= '9'; st--)
				;
			if ((e - st == 7 || e - st == 8) && !date->len) {
				ipm_buf_add(date, c + st, e - st);
				ipm_buf_add(date, "", 0);
				*line = b->line;
				b->role = R_SIGN;
				return;
			}
			continue;
		}
		trim = b->len;
		while (trim > last + lastlen && (c[trim - 1] == ' '))
			trim--;
		if (trim != last + lastlen)
			continue;
		b->role = R_SIGN;
		*line = b->line;
		ipm_buf_add(date, c + last, lastlen);
		ipm_buf_add(date, "", 0);
		if (last > 0) {
			const char *p = c;
			size_t pl = last;
			ipm_zh_trim(&p, &pl);
			if (pl && ends_any(p, pl, ORGS))
				issuers_of(n, p, pl, signer);
		} else if (i >= 2 && i - 2 >= body && n->b[i - 2].type == IPM_B_PARA) {
			struct blk *a = &n->b[i - 2];
			const char *p = clean(n, a);
			size_t pl = a->len;
			ipm_zh_trim(&p, &pl);
			if (pl && cps(p, pl) <= 40 && ends_any(p, pl, ORGS)) {
				a->role = R_SIGN;
				issuers_of(n, p, pl, signer);
			}
		}
		return;
	}
}

/* The issuer a 文号 prefix names (lib/data/docnum.tsv: the longest key that
 * starts it), or NULL. */
static const char *infer_issuer(const struct notice *n, const char *num)
{
	size_t r, best = 0;
	const char *who = NULL;
	int kp, ki;

	if (!n->docn || (kp = ipm_table_col(n->docn, "prefix")) < 0 || (ki = ipm_table_col(n->docn, "issuer")) < 0)
		return NULL;
	for (r = 0; r < ipm_table_nrows(n->docn); r++) {
		size_t l = ipm_table_len(n->docn, r, kp);
		if (l > best && !strncmp(num, ipm_table_cell(n->docn, r, kp), l) &&
		    strcmp(ipm_table_cell(n->docn, r, ki), "-")) {
			best = l;
			who = ipm_table_cell(n->docn, r, ki);
		}
	}
	return who;
}

/* The issuer a title starts with ("新乡市人民政府办公室关于…"): 1 and it
 * appended to out when the words before 关于 end like an issuer. */
static int title_issuer(struct notice *n, ipm_buf *out)
{
	const char *k = n->title.len ? ipm_mem_find(n->title.s, n->title.len, "关于", 6) : NULL;
	const char *s = n->title.s;
	size_t len = k ? (size_t)(k - s) : 0;

	ipm_zh_trim(&s, &len);
	if (!len || !ends_any(s, len, ORGS))
		return 0;
	issuers_of(n, s, len, out);
	return 1;
}

/* --------------------------------------------------------------- records */

static const char *printed(const struct notice *n, const struct blk *b, size_t *len)
{
	if (b->slen || !b->len) {
		*len = b->slen;
		return n->src.s + b->soff;
	}
	*len = b->len;
	return clean(n, b);
}

static void add_body(ipm_buf *body, const char *s, size_t len)
{
	if (body->len)
		ipm_buf_addc(body, '\n');
	ipm_buf_add(body, s, len);
}

static int paragraphs(struct notice *n, ipm_events *ev, size_t from)
{
	ipm_headpath hp;
	size_t i, len;
	int err = 0;

	memset(&hp, 0, sizeof hp);
	for (i = from; i < n->nb; i++) {
		struct blk *b = &n->b[i];
		const char *s = printed(n, b, &len), *path;

		if (b->role == R_TITLE && b->cut) {
			s += b->cut;
			len -= b->cut;
		} else if (b->role != R_BODY) {
			continue;
		}
		if (b->type == IPM_B_HEADING) {
			ipm_headpath_push(&hp, b->level, s, len);
			continue;
		}
		if (b->type != IPM_B_PARA)
			continue;   /* a body table row: in the policy text only */
		ipm_events_begin(ev, "paragraph");
		ipm_events_set(ev, "text", s, len);
		ipm_rec_set_long(ev->rec, "line", b->line);
		path = ipm_headpath_str(&hp);
		ipm_events_set(ev, "heading", *path ? path : NULL, (size_t)-1);
		if (ipm_events_put(ev) != 0)
			err = 1;
	}
	ipm_headpath_free(&hp);
	return err ? -1 : 0;
}

static void warn(ipm_events *ev, long line, const char *what, const char *a, const char *b)
{
	ipm_err(ev->file, line, "warning: notice: %s%s%s%s%s", what, a ? " " : "", a ? a : "",
	        b ? ", " : "", b ? b : "");
}

static int put_notice(struct notice *n, ipm_events *ev)
{
	ipm_buf redhead = { 0 }, signer = { 0 }, sigdate = { 0 };
	struct ipm_policy f;
	size_t body, i, len;
	long sigline = 0, first = n->nb ? n->b[0].line : 0;
	int rc;

	if (!n->nb)
		return 0;
	body = header(n, &redhead);
	signature(n, body, &signer, &sigdate, &sigline);
	memset(&f, 0, sizeof f);

	/* title */
	if (n->have[L_TITLE]) {
		ipm_buf_clear(&n->title);
		ipm_buf_adds(&n->title, n->f[L_TITLE].s);
	}
	if (!n->title.len)
		warn(ev, first, "no title", NULL, NULL);
	f.title = n->title.len ? n->title.s : NULL;
	f.title_len = n->title.len;
	f.line = n->title_line ? n->title_line : first;

	/* 文号: the label's, else the one the header lines agree on */
	if (n->have[L_NUMBER]) {
		struct ipm_docno d;
		size_t pos = 0;
		const char *v = n->f[L_NUMBER].s;
		if (ipm_docno_next(v, n->f[L_NUMBER].len, &pos, &d)) {
			refine_prefix(n, v, &d);
			ipm_docno_format(v, &d, &n->number);
		}
		else {
			ipm_buf_add(&n->number, v, n->f[L_NUMBER].len);
			warn(ev, first, "文号 not of the form X〔YYYY〕N号, kept as printed:", v, NULL);
		}
	} else if (n->nnum == 1) {
		ipm_buf_adds(&n->number, n->num[0]);
	} else if (n->nnum > 1) {
		warn(ev, first, "two 文号 candidates, doc_number left null:", n->num[0], n->num[1]);
	} else {
		warn(ev, first, "no 文号", NULL, NULL);
	}
	f.number = n->number.s;
	f.number_len = n->number.len;

	/* issuer: label, red header, signature, else the 文号 prefix */
	if (n->have[L_ISSUER])
		ipm_buf_adds(&n->issuer, n->f[L_ISSUER].s);
	else if (redhead.len)
		ipm_buf_add(&n->issuer, redhead.s, redhead.len);
	else if (signer.len)
		ipm_buf_add(&n->issuer, signer.s, signer.len);
	else if (title_issuer(n, &n->issuer))
		;
	else if (n->number.len && infer_issuer(n, n->number.s))
		ipm_buf_adds(&n->issuer, infer_issuer(n, n->number.s));
	else
		warn(ev, first, "no issuer", NULL, NULL);
	ipm_buf_add(&n->issuer, "", 0);
	f.issuer = n->issuer.s;
	f.issuer_len = n->issuer.len;

	/* 成文 date: the label's, else the signature's; never the repost's */
	if (n->have[L_DATE]) {
		ipm_buf_adds(&n->date, n->f[L_DATE].s);
	} else if (sigdate.len) {
		ipm_buf_add(&n->date, sigdate.s, sigdate.len);
	}
	if (n->date.len) {
		struct ipm_date d;
		enum ipm_datecn_form form;
		if (!ipm_datecn_at(n->date.s, n->date.len, &d, &form))
			warn(ev, n->have[L_DATE] ? first : sigline, "成文 date is no date or reads two ways:",
			     n->date.s, NULL);
	} else {
		warn(ev, first, "no 成文 date (signature or 成文日期)", NULL, NULL);
	}
	f.date = n->date.s;
	f.date_len = n->date.len;
	if (n->have[L_PUB]) {
		f.published = n->f[L_PUB].s;
		f.published_len = n->f[L_PUB].len;
	}
	if (n->have[L_TOPIC]) {
		f.topic = n->f[L_TOPIC].s;
		f.topic_len = n->f[L_TOPIC].len;
	}

	/* body: the title and everything after the header as printed */
	for (i = 0; i < n->nb && n->b[i].role != R_TITLE; i++)
		;
	if (i == n->nb && n->title.len)
		add_body(&n->body, n->title.s, n->title.len);
	for (i = 0; i < n->nb; i++) {
		const struct blk *b = &n->b[i];
		const char *s = printed(n, b, &len);
		if (b->role == R_TITLE && b->cut && len > b->cut) {
			add_body(&n->body, s, b->cut);
			add_body(&n->body, s + b->cut, len - b->cut);
		} else if (b->role == R_TITLE || (i >= body && b->role != R_LABEL && b->role != R_MISC)) {
			add_body(&n->body, s, len);
		}
	}
	f.body = n->body.s;
	f.body_len = n->body.len;
	rc = ipm_policy_put(ev, &f);
	if (paragraphs(n, ev, 0) != 0)
		rc = -1;
	ipm_buf_free(&redhead);
	ipm_buf_free(&signer);
	ipm_buf_free(&sigdate);
	return rc;
}

static void reset(struct notice *n)
{
	int i;

	n->nb = 0;
	n->nnum = 0;
	n->title_line = 0;
	ipm_buf_clear(&n->txt);
	ipm_buf_clear(&n->src);
	for (i = 0; i < L_N; i++) {
		ipm_buf_clear(&n->f[i]);
		n->have[i] = 0;
	}
	ipm_buf_clear(&n->title);
	ipm_buf_clear(&n->issuer);
	ipm_buf_clear(&n->number);
	ipm_buf_clear(&n->date);
	ipm_buf_clear(&n->body);
}

int ipm_notice_rows(ipm_bsrc *src, ipm_events *ev)
{
	struct notice n;
	const ipm_rec *b;
	ipm_buf row = { 0 };
	int rc, status = 0, i;

	memset(&n, 0, sizeof n);
	n.hant = ipm_hant_load(ev->data_dir);
	n.docn = ev->data_dir ? ipm_table_load(ev->data_dir, "docnum.tsv") : NULL;
	while ((rc = ipm_bsrc_next(src, &b)) > 0) {
		enum ipm_btype t = ipm_block_type(b);
		const char *text = ipm_rec_str(b, "text");

		if (t == IPM_B_DOC) {
			if (put_notice(&n, ev) != 0)
				status = -1;
			reset(&n);
		} else if ((t == IPM_B_PARA || t == IPM_B_HEADING) && text) {
			add_block(&n, text, strlen(text), ipm_block_line(b), (int)t, (int)ipm_rec_long(b, "level", 1));
		} else if (t == IPM_B_ROW) {
			ipm_buf_clear(&row);
			row_text(b, &row);
			add_block(&n, row.s ? row.s : "", row.len, ipm_block_line(b), (int)t, 0);
		} else {
			size_t len;
			const char *s = ipm_block_text(b, &row, &len);
			ipm_reject(ev->rj, ev->file, ipm_block_line(b), "notice: not a paragraph", s, len);
		}
	}
	if (put_notice(&n, ev) != 0 || rc < 0)
		status = -1;
	for (i = 0; i < L_N; i++)
		ipm_buf_free(&n.f[i]);
	ipm_buf_free(&n.txt);
	ipm_buf_free(&n.src);
	ipm_buf_free(&n.tmp);
	ipm_buf_free(&n.sq);
	ipm_buf_free(&n.strip);
	ipm_buf_free(&n.title);
	ipm_buf_free(&n.issuer);
	ipm_buf_free(&n.number);
	ipm_buf_free(&n.date);
	ipm_buf_free(&n.body);
	ipm_buf_free(&row);
	free(n.b);
	ipm_hant_free(n.hant);
	ipm_table_free(n.docn);
	return status;
}

/* ------------------------------------------------------------------ score */

int ipm_notice_score(ipm_bsrc *src, size_t look, const char *data_dir)
{
	const ipm_rec *b;
	ipm_buf t = { 0 }, sq = { 0 }, u = { 0 };
	ipm_hant *h = NULL;
	struct notice dummy;
	size_t i, seen = 0, e;
	int score = 0, labels = 0;

	memset(&dummy, 0, sizeof dummy);
	h = data_dir ? ipm_hant_load(data_dir) : NULL;
	for (i = 0; i < look && seen < 15 && ipm_bsrc_peek(src, i, &b) > 0; i++) {
		enum ipm_btype ty = ipm_block_type(b);
		const char *s = ipm_rec_str(b, "text");

		if (ty == IPM_B_META) {
			score = 0;   /* a gov.cn page: policy.c */
			break;
		}
		if (ty != IPM_B_PARA && ty != IPM_B_HEADING && ty != IPM_B_ROW)
			continue;
		seen++;
		ipm_buf_clear(&t);
		ipm_buf_clear(&sq);
		if (ty == IPM_B_ROW)
			row_text(b, &t);
		else if (s)
			ipm_pinyin_strip(s, strlen(s), &t);
		ipm_buf_clear(&u);
		ipm_hant_simplify(h, t.s ? t.s : "", t.len, &u);
		ipm_zh_squeeze(u.s ? u.s : "", u.len, &sq);
		ipm_buf_add(&sq, "", 0);
		if (number_line(&dummy, sq.s, sq.len, 0)) {
			score += 4;
		} else if (ends(sq.s, sq.len, "文件") && cps(sq.s, sq.len) <= 40) {
			score += 2;
		} else if ((e = first_label(sq.s, sq.len)) < sq.len && (e == 0 || titleish(sq.s, e))) {
			size_t p = e, end;
			struct ipm_docno d;
			for (; p < sq.len && labels < 3; p++)
				if (label_at(sq.s, sq.len, p, &end) >= 0)
					score += 2, labels++, p = end - 1;
			p = 0;
			if (ipm_docno_next(sq.s, sq.len, &p, &d))
				score += 2;
		}
	}
	ipm_buf_free(&t);
	ipm_buf_free(&sq);
	ipm_buf_free(&u);
	ipm_hant_free(h);
	return score;
}
