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
		&d->sub_evt_prov, &d->policies, &d->stated };
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
		d->sub_evt_prov, d->policies, d->stated };

	memcpy(v, t, sizeof t);
	return sizeof t / sizeof *t;
}

void ipm_digest_free(ipm_digest *d)
{
	ipm_tally *v[16];
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
	ipm_tally *a[16], *b[16];
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
			if (k->len)
				ipm_tally_setval(ipm_tally_add(d->policies, k->s, k->len, 1), val.s);
		}
	}
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
		snprintf(label, 11, days(end) - days(start) <= 62 ? "%.7s" : "%.4s", end);
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
