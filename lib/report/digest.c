#define _GNU_SOURCE   /* memmem */
/* digest: per-record tallying for the report. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "digest.h"

ipm_digest *ipm_digest_new(void)
{
	ipm_digest *d = ipm_calloc(1, sizeof *d);
	ipm_tally **t[] = { &d->sections, &d->docs, &d->dates, &d->sectors,
		&d->subsectors, &d->provinces, &d->prov_sector, &d->companies,
		&d->sec_actor, &d->sec_sub, &d->sub_prov, &d->evt_prov, &d->evt_sub,
		&d->sub_evt_prov, &d->policies, &d->stated, &d->items };
	size_t i;

	for (i = 0; i < sizeof t / sizeof *t; i++)
		*t[i] = ipm_tally_new();
	return d;
}

/* The tallies of d in a fixed order, for free and merge. */
static size_t tallies(const ipm_digest *d, ipm_tally **v)
{
	ipm_tally *t[] = { d->sections, d->docs, d->dates, d->sectors,
		d->subsectors, d->provinces, d->prov_sector, d->companies,
		d->sec_actor, d->sec_sub, d->sub_prov, d->evt_prov, d->evt_sub,
		d->sub_evt_prov, d->policies, d->stated, d->items };

	memcpy(v, t, sizeof t);
	return sizeof t / sizeof *t;
}

void ipm_digest_free(ipm_digest *d)
{
	ipm_tally *v[17];
	size_t i, n;

	if (!d)
		return;
	n = tallies(d, v);
	for (i = 0; i < n; i++)
		ipm_tally_free(v[i]);
	free(d);
}

void ipm_digest_merge(ipm_digest *dst, const ipm_digest *src)
{
	ipm_tally *a[17], *b[17];
	size_t i, n = tallies(dst, a);

	tallies(src, b);
	for (i = 0; i < n; i++)
		ipm_tally_merge(a[i], b[i]);
	dst->total += src->total;
}

/* A list field's items, growing the caller's arrays as needed. */
struct list {
	const char **it;
	size_t *len, n, cap;
};

static void get_list(const ipm_rec *r, const char *key, struct list *l)
{
	for (;;) {
		l->n = ipm_rec_list(r, key, l->it, l->len, l->cap);
		if (l->n <= l->cap)
			return;
		l->cap = l->n;
		l->it = ipm_realloc(l->it, l->cap * sizeof *l->it);
		l->len = ipm_realloc(l->len, l->cap * sizeof *l->len);
	}
}

/* Count a SEP b. */
static ipm_tally_ent *add2(ipm_tally *t, const char *a, const char *b, size_t blen, ipm_buf *k)
{
	ipm_buf_clear(k);
	ipm_buf_adds(k, a);
	ipm_buf_addc(k, IPM_TALLY_SEP);
	ipm_buf_add(k, b, blen);
	return ipm_tally_add(t, k->s, k->len, 1);
}

static int is_date(const char *s)
{
	static const char pat[] = "dddd-dd-dd";
	size_t i;

	for (i = 0; i < 10; i++)
		if (pat[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != '-')
			return 0;
	return s[10] == '\0';
}

/* A policy title without its 《》 brackets. */
static void bare_title(const char *s, size_t len, ipm_buf *out)
{
	static const char open[] = "\xe3\x80\x8a", close[] = "\xe3\x80\x8b";

	if (len >= 3 && memcmp(s, open, 3) == 0) {
		s += 3;
		len -= 3;
	}
	if (len >= 3 && memcmp(s + len - 3, close, 3) == 0)
		len -= 3;
	ipm_buf_clear(out);
	ipm_buf_add(out, s, len);
}

/* Whether t (no brackets) is only a document type, maybe with a modifier:
 * 意见, 行动计划, 实施方案 ... name no document by themselves. */
int ipm_policy_abbrev(const char *t, size_t len)
{
	static const char *const mod[] = { "实施", "指导", "行动", "工作", "管理", "建设",
		"若干", "发展", "专项", "总体", "三年", "有关", "相关", "这一", "该", "上述", "两个" };
	static const char *const type[] = { "意见", "通知", "方案", "计划", "规划", "办法",
		"决定", "条例", "规定", "纲要", "细则", "指南", "要点", "规范", "草案", "倡议",
		"报告", "战略", "通告", "公告", "批复", "函", "措施", "意见稿", "征求意见稿" };
	size_t i;
	int again = 1;

	while (again && len) {
		again = 0;
		for (i = 0; i < sizeof mod / sizeof *mod; i++) {
			size_t m = strlen(mod[i]);

			if (len > m && memcmp(t, mod[i], m) == 0) {
				t += m;
				len -= m;
				again = 1;
			}
		}
	}
	for (i = 0; i < sizeof type / sizeof *type; i++)
		if (len == strlen(type[i]) && memcmp(t, type[i], len) == 0)
			return 1;
	return len == 0;
}

/* The full title an abbreviation stands for: the last title of d (this
 * document, seen before) that ends with the abbreviation and is longer;
 * NULL when there is none. */
static const ipm_tally_ent *resolve_abbrev(const ipm_digest *d, const char *t, size_t len)
{
	const ipm_tally_ent **v = ipm_tally_sorted(d->policies, IPM_TALLY_BY_SEQ);
	const ipm_tally_ent *hit = NULL;
	size_t i = ipm_tally_len(d->policies);

	while (i-- > 0)
		if (v[i]->klen > len && memcmp(v[i]->key + v[i]->klen - len, t, len) == 0 &&
		    !ipm_policy_abbrev(v[i]->key, v[i]->klen)) {
			hit = v[i];
			break;
		}
	free(v);
	return hit;
}

static void add_policies(ipm_digest *d, const ipm_rec *r, const char *section,
                         struct list *l, ipm_buf *k)
{
	const char *actor = ipm_rec_str(r, "actor"), *date = ipm_rec_str(r, "date");
	const char *url = ipm_rec_str(r, "url"), *title = ipm_rec_str(r, "title");
	ipm_buf val = { 0 };
	size_t i;

	if (strcmp(section, "policy") == 0) {
		get_list(r, "issuer", l);
		for (i = 0; i < l->n; i++) {
			if (i)
				ipm_buf_adds(&val, "\xe3\x80\x81");
			ipm_buf_add(&val, l->it[i], l->len[i]);
		}
		if (ipm_rec_str(r, "published"))
			date = ipm_rec_str(r, "published");
	} else if (actor) {
		ipm_buf_adds(&val, actor);
	}
	ipm_buf_printf(&val, "%c%s%c%s", IPM_TALLY_SEP, date ? date : "",
	               IPM_TALLY_SEP, url ? url : "");
	if (strcmp(section, "policy") == 0 && title && *title) {
		bare_title(title, strlen(title), k);
		ipm_tally_setval(ipm_tally_add(d->policies, k->s, k->len, 1), val.s);
	} else {
		get_list(r, "policy_docs", l);
		for (i = 0; i < l->n; i++) {
			bare_title(l->it[i], l->len[i], k);
			if (k->len && ipm_policy_abbrev(k->s, k->len)) {
				/* a bare 《意见》: the full title named earlier, else left out */
				const ipm_tally_ent *full = resolve_abbrev(d, k->s, k->len);
				size_t j;

				if (!full)
					continue;
				for (j = 0; j < l->n; j++)   /* this record names it already */
					if (l->len[j] >= full->klen && memmem(l->it[j], l->len[j], full->key, full->klen))
						break;
				if (j == l->n)
					ipm_tally_add(d->policies, full->key, full->klen, 1);
				continue;
			}
			if (k->len)
				ipm_tally_setval(ipm_tally_add(d->policies, k->s, k->len, 1), val.s);
		}
	}
	ipm_buf_free(&val);
}

/* The record as an item: doc SEP line SEP text -> section SEP actor SEP date SEP url. */
static void add_item(ipm_digest *d, const ipm_rec *r, const char *sec, ipm_buf *k)
{
	const char *doc = ipm_rec_str(r, "doc"), *text = ipm_rec_str(r, "text");
	const char *actor = ipm_rec_str(r, "actor"), *date = ipm_rec_str(r, "date");
	const char *url = ipm_rec_str(r, "url");
	ipm_buf val = { 0 };
	long line = ipm_rec_long(r, "line", -1);

	if (!text || !*text)
		return;
	ipm_buf_clear(k);
	ipm_buf_printf(k, "%s%c", doc ? doc : "", IPM_TALLY_SEP);
	if (line >= 0)
		ipm_buf_printf(k, "%ld", line);
	ipm_buf_printf(k, "%c%s", IPM_TALLY_SEP, text);
	ipm_buf_printf(&val, "%s%c%s%c%s%c%s", sec, IPM_TALLY_SEP, actor ? actor : "", IPM_TALLY_SEP,
	               date && is_date(date) ? date : "", IPM_TALLY_SEP, url ? url : "");
	ipm_tally_setval(ipm_tally_add(d->items, k->s, k->len, 1), val.s);
	ipm_buf_free(&val);
}

void ipm_digest_add(ipm_digest *d, const ipm_rec *r)
{
	static struct list l;   /* reused across records; bounded by the widest list */
	const char *sec = ipm_rec_str(r, "section"), *prov = ipm_rec_str(r, "province");
	const char *s, *evt = ipm_rec_str(r, "event_type");
	ipm_buf k = { 0 };
	size_t i, j;
	int in_prov;

	sec = sec && *sec ? sec : "other";
	prov = prov && *prov ? prov : NULL;
	in_prov = prov && strcmp(sec, "province") == 0;
	d->total++;
	ipm_tally_addc(d->sections, sec, 1);
	s = ipm_rec_str(r, "doc");
	ipm_tally_addc(d->docs, s ? s : "", 1);
	if ((s = ipm_rec_str(r, "date")) && is_date(s))
		ipm_tally_addc(d->dates, s, 1);
	if ((s = ipm_rec_str(r, "period_start")) && is_date(s) && (evt = ipm_rec_str(r, "period_end")) &&
	    is_date(evt) && strcmp(s, evt) <= 0)
		add2(d->stated, s, evt, strlen(evt), &k);
	evt = ipm_rec_str(r, "event_type");
	if ((s = ipm_rec_str(r, "actor")) && *s)
		add2(d->sec_actor, sec, s, strlen(s), &k);
	if (prov)
		ipm_tally_addc(d->provinces, prov, 1);
	get_list(r, "sectors", &l);
	for (i = 0; i < l.n; i++) {
		ipm_tally_add(d->sectors, l.it[i], l.len[i], 1);
		if (prov)
			add2(d->prov_sector, prov, l.it[i], l.len[i], &k);
	}
	get_list(r, "subsectors", &l);
	for (i = 0; i < l.n; i++) {
		ipm_tally_add(d->subsectors, l.it[i], l.len[i], 1);
		add2(d->sec_sub, sec, l.it[i], l.len[i], &k);
		if (in_prov) {
			ipm_buf_clear(&k);
			ipm_buf_add(&k, l.it[i], l.len[i]);
			ipm_buf_addc(&k, IPM_TALLY_SEP);
			ipm_buf_adds(&k, prov);
			ipm_tally_add(d->sub_prov, k.s, k.len, 1);
			if (evt && *evt) {
				add2(d->evt_sub, evt, l.it[i], l.len[i], &k);
				ipm_buf_clear(&k);
				ipm_buf_add(&k, l.it[i], l.len[i]);
				ipm_buf_printf(&k, "%c%s%c%s", IPM_TALLY_SEP, evt, IPM_TALLY_SEP, prov);
				ipm_tally_add(d->sub_evt_prov, k.s, k.len, 1);
			}
		}
	}
	if (in_prov && evt && *evt)
		add2(d->evt_prov, evt, prov, strlen(prov), &k);
	get_list(r, "companies", &l);
	for (j = 0; j < l.n; j++)
		ipm_tally_add(d->companies, l.it[j], l.len[j], 1);
	add_policies(d, r, sec, &l, &k);
	add_item(d, r, sec, &k);
	ipm_buf_free(&k);
}

/* Days since 1970-01-01 of a valid YYYY-MM-DD (civil calendar). */
static long days(const char *s)
{
	long y = atol(s), m = atol(s + 5), dd = atol(s + 8), era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + dd - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The date at rank q (0-based) of the sorted date histogram. */
static const char *at_rank(const ipm_tally_ent **v, size_t n, long q)
{
	size_t i;
	long c = 0;

	for (i = 0; i < n; i++) {
		c += v[i]->n;
		if (q < c)
			return v[i]->key;
	}
	return n ? v[n - 1]->key : "";
}

/* The most common stated period of d into start/end; 0 when none. */
static int stated_window(const ipm_digest *d, char *start, char *end)
{
	const ipm_tally_ent **v;

	if (!ipm_tally_len(d->stated))
		return 0;
	v = ipm_tally_sorted(d->stated, IPM_TALLY_BY_COUNT);
	snprintf(start, 11, "%.10s", v[0]->key);
	snprintf(end, 11, "%.10s", v[0]->key + 11);
	free(v);
	return 1;
}

void ipm_digest_window(const ipm_digest *d, char *start, char *end, char *label)
{
	const ipm_tally_ent **v;
	size_t n = ipm_tally_len(d->dates);
	long tot = ipm_tally_total(d->dates);

	start[0] = end[0] = '\0';
	strcpy(label, "undated");
	if (stated_window(d, start, end)) {
		snprintf(label, 11, "%.7s", end);
		return;
	}
	if (!n)
		return;
	v = ipm_tally_sorted(d->dates, IPM_TALLY_BY_KEY);
	snprintf(start, 11, "%s", at_rank(v, n, (tot - 1) * 5 / 100));
	snprintf(end, 11, "%s", at_rank(v, n, ((tot - 1) * 95 + 99) / 100));
	if (days(end) - days(start) <= 62)
		snprintf(label, 11, "%.7s", end);
	else
		snprintf(label, 11, "%.4s", at_rank(v, n, (tot - 1) / 2));
	free(v);
}

void ipm_period_init(struct ipm_period *p, ipm_digest *d)
{
	p->d = d;
	ipm_digest_window(d, p->start, p->end, p->label);
}

static int by_label(const void *a, const void *b)
{
	return strcmp(((const struct ipm_period *)a)->label, ((const struct ipm_period *)b)->label);
}

struct ipm_period *ipm_periods_group(ipm_digest *const *docs, size_t n, size_t *np)
{
	struct ipm_period *p = ipm_malloc((n ? n : 1) * sizeof *p);
	size_t i, j;

	*np = 0;
	for (i = 0; i < n; i++) {
		struct ipm_period one;

		ipm_period_init(&one, docs[i]);
		for (j = 0; j < *np && strcmp(p[j].label, one.label) != 0; j++)
			;
		if (j == *np)
			p[(*np)++].d = ipm_digest_new();
		ipm_digest_merge(p[j].d, docs[i]);
		ipm_period_init(&p[j], p[j].d);
		snprintf(p[j].label, sizeof p[j].label, "%s", one.label);
	}
	qsort(p, *np, sizeof *p, by_label);
	return p;
}

void ipm_periods_free(struct ipm_period *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		ipm_digest_free(p[i].d);
	free(p);
}

const struct ipm_period *ipm_period_prev(const struct ipm_period *p, size_t i)
{
	size_t k = i;

	if (strcmp(p[i].label, "undated") == 0)
		return NULL;
	while (k-- > 0)
		if (strlen(p[k].label) == strlen(p[i].label) && strcmp(p[k].label, "undated") != 0)
			return &p[k];
	return NULL;
}

enum ipm_doc_kind ipm_digest_kind(const ipm_digest *d)
{
	long book = ipm_tally_count(d->sections, "paragraph") + ipm_tally_count(d->sections, "chronicle");
	long pol = ipm_tally_count(d->sections, "policy");
	long rest = d->total - book - pol;

	if (pol > 0 && pol >= book && pol >= rest)
		return IPM_KIND_POLICY;
	if (book > 0 && book >= rest)
		return IPM_KIND_BOOK;
	return IPM_KIND_REPORT;
}

int ipm_section_rank(const char *sec)
{
	static const char *const order[] = { "ministry", "province", "enterprise", "summit",
		"special", "chronicle", "paragraph", "policy" };
	int i;

	for (i = 0; i < (int)(sizeof order / sizeof *order); i++)
		if (strcmp(sec, order[i]) == 0)
			return i;
	return i;
}

/* Sorting context: the actor ranks come from the digest's sec_actor order. */
static const ipm_tally *sort_actors;

static int item_cmp(const void *pa, const void *pb)
{
	const struct ipm_item *a = pa, *b = pb;
	int c = ipm_section_rank(a->section) - ipm_section_rank(b->section);
	long la, lb;

	if (c)
		return c;
	if ((c = strcmp(a->section, b->section)) != 0)
		return c;
	if (strcmp(a->actor, b->actor) != 0) {
		ipm_buf k = { 0 };
		const ipm_tally_ent *ea, *eb;
		size_t sa, sb;

		ipm_buf_printf(&k, "%s%c%s", a->section, IPM_TALLY_SEP, a->actor);
		ea = ipm_tally_get(sort_actors, k.s, k.len);
		ipm_buf_clear(&k);
		ipm_buf_printf(&k, "%s%c%s", b->section, IPM_TALLY_SEP, b->actor);
		eb = ipm_tally_get(sort_actors, k.s, k.len);
		ipm_buf_free(&k);
		sa = ea ? ea->seq : (size_t)-1;
		sb = eb ? eb->seq : (size_t)-1;
		if (sa != sb)
			return sa < sb ? -1 : 1;
		return strcmp(a->actor, b->actor);
	}
	if ((c = strcmp(a->date, b->date)) != 0)
		return c;
	if ((c = strcmp(a->doc, b->doc)) != 0)
		return c;
	la = atol(a->line);
	lb = atol(b->line);
	if (la != lb)
		return la < lb ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Split s at the next SEP (NUL-terminating it); returns what follows. */
static char *cut(char *s)
{
	char *p = strchr(s, IPM_TALLY_SEP);

	if (!p)
		return s + strlen(s);
	*p = '\0';
	return p + 1;
}

struct ipm_item *ipm_digest_items(const ipm_digest *d, size_t *n, char **store)
{
	const ipm_tally_ent **v = ipm_tally_sorted(d->items, IPM_TALLY_BY_SEQ);
	size_t i, len = 0, m = ipm_tally_len(d->items);
	struct ipm_item *it = ipm_malloc((m ? m : 1) * sizeof *it);
	char *p;

	for (i = 0; i < m; i++)
		len += v[i]->klen + 2 + (v[i]->val ? strlen(v[i]->val) : 0) + 8;
	p = *store = ipm_malloc(len + 1);
	for (i = 0; i < m; i++) {
		char *s;
		size_t vl;

		memcpy(p, v[i]->key, v[i]->klen);
		p[v[i]->klen] = '\0';
		it[i].doc = p;
		s = cut(p);
		it[i].line = s;
		it[i].text = cut(s);
		p += v[i]->klen + 1;
		vl = (size_t)sprintf(p, "%s\x1f\x1f\x1f", v[i]->val ? v[i]->val : "");
		it[i].section = p;
		s = cut(p);
		it[i].actor = s;
		s = cut(s);
		it[i].date = s;
		s = cut(s);
		it[i].url = s;
		cut(s);
		p += vl + 1;
		it[i].seq = i;
	}
	free(v);
	sort_actors = d->sec_actor;
	if (m)
		qsort(it, m, sizeof *it, item_cmp);
	*n = m;
	return it;
}

void ipm_month_step(const char *label, int step, char *out)
{
	int y, m;
	char in[8];

	snprintf(in, sizeof in, "%.7s", label);   /* out may be label */
	label = in;
	out[0] = '\0';
	if (strlen(label) != 7 || label[4] != '-' || sscanf(label, "%4d-%2d", &y, &m) != 2 ||
	    m < 1 || m > 12)
		return;
	m += step;
	if (m < 1) {
		m = 12;
		y--;
	} else if (m > 12) {
		m = 1;
		y++;
	}
	snprintf(out, 8, "%04d-%02d", y, m);
}
