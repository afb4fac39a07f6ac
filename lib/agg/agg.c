#include "agg.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/hash.h"
#include "core/utf8.h"
#include "core/util.h"
#include "core/write.h"

#include "agg_impl.h"

/* ---------------------------------------------------------------- spec */

const char ipm_agg_op_list[] =
	"count, distinct F, first, last, top N F, sum F, mean F, min F, max F, median F, pNN F";

/* pNN: 'p' then 0..100 without leading zeros; -1 otherwise. */
static long pct_word(const char *w)
{
	long v = 0;
	const char *p = w + 1;

	if (w[0] != 'p' || !*p || (p[0] == '0' && p[1]) || strlen(p) > 3)
		return -1;
	for (; *p; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		v = v * 10 + (*p - '0');
	}
	return v <= 100 ? v : -1;
}

static int op_words(const char *w)
{
	if (strcmp(w, "count") == 0 || strcmp(w, "first") == 0 || strcmp(w, "last") == 0)
		return 1;
	if (strcmp(w, "distinct") == 0 || strcmp(w, "sum") == 0 || strcmp(w, "mean") == 0 ||
	    strcmp(w, "min") == 0 || strcmp(w, "max") == 0 || strcmp(w, "median") == 0 ||
	    pct_word(w) >= 0)
		return 2;
	if (strcmp(w, "top") == 0)
		return 3;
	return 0;
}

int ipm_agg_is_op(const char *w) { return op_words(w) > 0; }

static enum ipm_agg_kind op_kind(const char *w, long *n)
{
	*n = 0;
	if (strcmp(w, "count") == 0) return IPM_AGG_COUNT;
	if (strcmp(w, "distinct") == 0) return IPM_AGG_DISTINCT;
	if (strcmp(w, "first") == 0) return IPM_AGG_FIRST;
	if (strcmp(w, "last") == 0) return IPM_AGG_LAST;
	if (strcmp(w, "top") == 0) return IPM_AGG_TOP;
	if (strcmp(w, "sum") == 0) return IPM_AGG_SUM;
	if (strcmp(w, "mean") == 0) return IPM_AGG_MEAN;
	if (strcmp(w, "min") == 0) return IPM_AGG_MIN;
	if (strcmp(w, "max") == 0) return IPM_AGG_MAX;
	*n = strcmp(w, "median") == 0 ? -50 : pct_word(w);
	return IPM_AGG_PCT;
}

int ipm_agg_parse_ops(char **w, int n, struct ipm_agg_op **ops, size_t *nops,
                      char *err, size_t errlen)
{
	int i = 0, k;
	struct ipm_agg_op *o = ipm_calloc((size_t)n + 1, sizeof *o);

	*nops = 0;
	while (i < n && (k = op_words(w[i])) > 0) {
		struct ipm_agg_op *op = &o[(*nops)++];

		if (i + k > n) {
			snprintf(err, errlen, "'%s' needs %d argument%s", w[i], k - 1, k > 2 ? "s" : "");
			free(o);
			return -1;
		}
		op->kind = op_kind(w[i], &op->n);
		if (op->kind == IPM_AGG_TOP &&
		    ipm_parse_long(w[i + 1], 1, 1000000, &op->n) != 0) {
			snprintf(err, errlen, "top wants a count from 1 to 1000000, not '%s'", w[i + 1]);
			free(o);
			return -1;
		}
		op->field = k > 1 ? w[i + k - 1] : NULL;
		i += k;
	}
	*ops = o;
	return i;
}

static char *op_column(const struct ipm_agg_op *op)
{
	ipm_buf b = {0};

	switch (op->kind) {
	case IPM_AGG_COUNT: ipm_buf_adds(&b, "count"); break;
	case IPM_AGG_DISTINCT: ipm_buf_printf(&b, "distinct_%s", op->field); break;
	case IPM_AGG_FIRST: ipm_buf_adds(&b, "first"); break;
	case IPM_AGG_LAST: ipm_buf_adds(&b, "last"); break;
	case IPM_AGG_TOP: ipm_buf_printf(&b, "top_%s", op->field); break;
	case IPM_AGG_SUM: ipm_buf_printf(&b, "sum_%s", op->field); break;
	case IPM_AGG_MEAN: ipm_buf_printf(&b, "mean_%s", op->field); break;
	case IPM_AGG_MIN: ipm_buf_printf(&b, "min_%s", op->field); break;
	case IPM_AGG_MAX: ipm_buf_printf(&b, "max_%s", op->field); break;
	case IPM_AGG_PCT:
		if (op->n < 0)
			ipm_buf_printf(&b, "median_%s", op->field);
		else
			ipm_buf_printf(&b, "p%ld_%s", op->n, op->field);
		break;
	}
	return b.s;
}

static int check_spec(ipm_agg *a, char *err, size_t errlen)
{
	size_t i, j;

	for (i = 0; i < a->ngc; i++)
		for (j = 0; j < i; j++)
			if (strcmp(a->gcols[i], a->gcols[j]) == 0) {
				snprintf(err, errlen, "group column '%s' given twice", a->gcols[i]);
				return -1;
			}

	for (i = 0; i < a->sp.nops; i++) {
		if (a->sp.pivot && a->sp.ops[i].kind != IPM_AGG_COUNT) {
			snprintf(err, errlen, "--pivot counts only: drop '%s'", a->ocols[i]);
			return -1;
		}
		for (j = 0; j < a->ngc; j++)
			if (strcmp(a->ocols[i], a->gcols[j]) == 0)
				break;
		if (j < a->ngc) {
			snprintf(err, errlen, "column '%s' is both a group and an op", a->ocols[i]);
			return -1;
		}
		for (j = 0; j < i; j++)
			if (strcmp(a->ocols[i], a->ocols[j]) == 0) {
				snprintf(err, errlen, "op column '%s' given twice", a->ocols[i]);
				return -1;
			}
	}
	return 0;
}

/* The spec as the command-line words that make it. */
static void spec_words(ipm_agg *a)
{
	const struct ipm_agg_spec *sp = &a->sp;
	const struct ipm_agg_op *op;
	size_t i;

	ipm_buf_clear(&a->spec);
	ipm_buf_adds(&a->spec, "");
	if (sp->bucket != IPM_BUCKET_NONE)
		ipm_buf_adds(&a->spec, sp->bucket == IPM_BUCKET_MONTH ? "--by-month " : "--by-quarter ");
	if (strcmp(sp->date_field, "date") != 0)
		ipm_buf_printf(&a->spec, "--date-field %s ", sp->date_field);
	for (i = 0; i < sp->nfields; i++)
		ipm_buf_printf(&a->spec, "%s%s", i ? "," : "-g ", sp->fields[i]);
	if (sp->nfields)
		ipm_buf_addc(&a->spec, ' ');
	if (sp->pivot)
		ipm_buf_printf(&a->spec, "--pivot %s ", sp->pivot);
	for (i = 0; i < sp->nops; i++) {
		op = &sp->ops[i];
		switch (op->kind) {
		case IPM_AGG_COUNT: ipm_buf_adds(&a->spec, "count"); break;
		case IPM_AGG_FIRST: ipm_buf_adds(&a->spec, "first"); break;
		case IPM_AGG_LAST: ipm_buf_adds(&a->spec, "last"); break;
		case IPM_AGG_TOP: ipm_buf_printf(&a->spec, "top %ld %s", op->n, op->field); break;
		default:   /* "distinct F", "sum F", ...: the column is OP_F */
			ipm_buf_adds(&a->spec, a->ocols[i]);
			a->spec.s[a->spec.len - strlen(op->field) - 1] = ' ';
			break;
		}
		ipm_buf_addc(&a->spec, i + 1 < sp->nops ? ' ' : '\0');
	}
	if (a->spec.len && a->spec.s[a->spec.len - 1] == ' ')
		a->spec.s[--a->spec.len] = '\0';
	a->spec.len = strlen(a->spec.s);
}

const char *ipm_agg_spec_words(const ipm_agg *a) { return a->spec.s; }

ipm_agg *ipm_agg_new(const struct ipm_agg_spec *spec, char *err, size_t errlen)
{
	ipm_agg *a = ipm_calloc_own(1, sizeof *a);
	size_t i, k;

	a->sp = *spec;
	if (!a->sp.date_field)
		a->sp.date_field = "date";
	a->gcols = ipm_calloc(spec->nfields + 2, sizeof *a->gcols);
	if (spec->bucket != IPM_BUCKET_NONE)
		a->gcols[a->ngc++] = spec->bucket == IPM_BUCKET_MONTH ? "month" : "quarter";
	for (i = 0; i < spec->nfields; i++)
		a->gcols[a->ngc++] = spec->fields[i];
	if (spec->pivot)
		a->gcols[a->ngc++] = spec->pivot;
	a->ocols = ipm_calloc(spec->nops + 1, sizeof *a->ocols);
	for (i = 0; i < spec->nops; i++)
		a->ocols[i] = op_column(&spec->ops[i]);
	a->groups = ipm_hash_new();
	a->sets = ipm_hash_new();
	a->strs = ipm_hash_new();
	a->gl = ipm_calloc_own(a->ngc + 1, sizeof *a->gl);
	a->ol = ipm_calloc_own(spec->nops + 1, sizeof *a->ol);
	a->idx = ipm_calloc_own(a->ngc + 1, sizeof *a->idx);
	a->nv = ipm_calloc_own(spec->nops + 1, sizeof *a->nv);
	a->nvok = ipm_calloc_own(spec->nops + 1, sizeof *a->nvok);
	a->same = ipm_calloc_own(spec->nops + 1, sizeof *a->same);
	for (i = 0; i < spec->nops; i++)
		for (k = 0; k < i && is_num_op(spec->ops[i].kind) && !a->same[i]; k++)
			if (is_num_op(spec->ops[k].kind) && strcmp(spec->ops[k].field, spec->ops[i].field) == 0)
				a->same[i] = k + 1;
	a->share = ipm_calloc_own(spec->nops + 1, sizeof *a->share);
	for (i = 0; i < spec->nops; i++)
		for (k = 0; k < i && is_sum_op(spec->ops[i].kind) && !a->share[i]; k++)
			if (is_sum_op(spec->ops[k].kind) && strcmp(spec->ops[k].field, spec->ops[i].field) == 0)
				a->share[i] = k + 1;
	a->nempty = ipm_calloc(spec->nops + 1, sizeof *a->nempty);
	a->nbad = ipm_calloc(spec->nops + 1, sizeof *a->nbad);
	spec_words(a);
	if (check_spec(a, err, errlen) != 0) {
		ipm_agg_free(a);
		return NULL;
	}
	return a;
}

void ipm_agg_free(ipm_agg *a)
{
	size_t i;

	if (!a)
		return;
	for (i = 0; i < a->ngc; i++) {
		free(a->gl[i].it);
		free(a->gl[i].len);
		ipm_buf_free(&a->gl[i].fix);
	}
	for (i = 0; i < a->sp.nops; i++) {
		free(a->ol[i].it);
		free(a->ol[i].len);
		ipm_buf_free(&a->ol[i].fix);
		free(a->ocols[i]);
	}
	free(a->gl);
	free(a->ol);
	free(a->ocols);
	free(a->gcols);
	free(a->idx);
	free(a->st);
	free(a->setc);
	free(a->num);
	free(a->nv);
	free(a->nvok);
	free(a->same);
	free(a->share);
	free(a->nempty);
	free(a->nbad);
	ipm_buf_free(&a->spec);
	ipm_buf_free(&a->msg);
	ipm_hash_free(a->groups);
	ipm_hash_free(a->sets);
	ipm_hash_free(a->strs);
	ipm_buf_free(&a->key);
	free(a);
}

size_t ipm_agg_ngroups(const ipm_agg *a) { return ipm_hash_count(a->groups); }

/* --------------------------------------------------------------- input */

static void list_push(struct list *l, const char *s, size_t len)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->it = ipm_realloc(l->it, l->cap * sizeof *l->it);
		l->len = ipm_realloc(l->len, l->cap * sizeof *l->len);
	}
	l->it[l->n] = s;
	l->len[l->n++] = len;
}

/* Replace items holding invalid UTF-8 by sanitized copies, as the writer
 * would: the state then equals what a partial row carries, so merging is exact. */
static void sanitize_list(struct list *l, size_t n)
{
	size_t i, start;
	int any = 0;

	ipm_buf_clear(&l->fix);
	for (i = 0; i < n; i++) {
		if (ipm_utf8_valid_len(l->it[i], l->len[i]) == l->len[i])
			continue;
		start = l->fix.len;
		ipm_utf8_sanitize(l->it[i], l->len[i], &l->fix);
		l->it[i] = NULL;   /* offset into fix until the buffer stops moving */
		l->len[i] = l->fix.len - start;
		any = 1;
		ipm_buf_addc(&l->fix, '\0');
	}
	for (i = 0, start = 0; any && i < n; i++)
		if (!l->it[i]) {
			l->it[i] = l->fix.s + start;
			start += l->len[i] + 1;
		}
}

/* The non-empty items of field in r, in order; distinct ones only when
 * dedupe (a record counts once per value). A group column (group) leaves the
 * UTF-8 check of a single item to record_group: a known group needs none. */
static void fill_list(struct list *l, const ipm_rec *r, const char *field, int dedupe, int group)
{
	const ipm_val *v = ipm_rec_get_hinted(r, field, &l->hint);
	size_t n = ipm_val_list(v, l->it, l->len, l->cap), i, j, k;

	l->seen |= v != NULL;
	if (n > l->cap) {
		l->cap = n;
		l->it = ipm_realloc(l->it, n * sizeof *l->it);
		l->len = ipm_realloc(l->len, n * sizeof *l->len);
		n = ipm_val_list(v, l->it, l->len, l->cap);
	}
	l->unchecked = 0;
	if (n == 1 && l->len[0] && group) {
		l->n = 1;   /* the common case: one value */
		l->unchecked = 1;
		return;
	}
	if (n == 1 && l->len[0] && ipm_utf8_valid_len(l->it[0], l->len[0]) == l->len[0]) {
		l->n = 1;
		return;
	}
	sanitize_list(l, n);
	for (i = k = 0; i < n; i++) {
		if (l->len[i] == 0)
			continue;
		for (j = 0; dedupe && j < k; j++)
			if (l->len[j] == l->len[i] && memcmp(l->it[j], l->it[i], l->len[i]) == 0)
				break;
		if (dedupe && j < k)
			continue;
		l->it[k] = l->it[i];
		l->len[k++] = l->len[i];
	}
	l->n = k;
}

/* "YYYY-MM" or "YYYY-Qn" from a date starting "YYYY-MM"; "" otherwise. */
static size_t bucket_of(const char *d, enum ipm_agg_bucket b, char *out)
{
	int i, m;

	if (!d || strlen(d) < 7 || d[4] != '-')
		return 0;
	for (i = 0; i < 7; i++)
		if (i != 4 && (d[i] < '0' || d[i] > '9'))
			return 0;
	m = (d[5] - '0') * 10 + (d[6] - '0');
	if (m < 1 || m > 12)
		return 0;
	memcpy(out, d, 5);
	if (b == IPM_BUCKET_MONTH) {
		out[5] = d[5];
		out[6] = d[6];
	} else {
		out[5] = 'Q';
		out[6] = (char)('1' + (m - 1) / 3);
	}
	out[7] = '\0';
	return 7;
}

/* A first/last candidate: starts like YYYY-MM and is valid UTF-8. */
static int is_date(const char *d)
{
	char tmp[16];

	return bucket_of(d, IPM_BUCKET_MONTH, tmp) && ipm_utf8_valid_len(d, strlen(d)) == strlen(d);
}

/* The group key: each value as a 4-byte length then its bytes. */
static void make_key(ipm_agg *a)
{
	size_t c, len, need = 0;
	uint32_t n;
	char *p;

	for (c = 0; c < a->ngc; c++) {
		len = a->gl[c].len[a->idx[c]];
		if (len > UINT32_MAX)
			ipm_die(IPM_EXIT_DATA, "group value longer than 4 GiB");
		need += sizeof n + len;
	}
	ipm_buf_clear(&a->key);
	ipm_buf_reserve(&a->key, need);
	for (c = 0, p = a->key.s; c < a->ngc; c++) {
		n = (uint32_t)a->gl[c].len[a->idx[c]];
		memcpy(p, &n, sizeof n);
		memcpy(p + sizeof n, a->gl[c].it[a->idx[c]], n);
		p += sizeof n + n;
	}
	a->key.len = need;
}

static size_t group_id(ipm_agg *a)
{
	size_t gid = ipm_hash_put(a->groups, a->key.s, a->key.len, NULL), n;

	if (gid >= a->stcap) {
		n = a->stcap ? a->stcap * 2 : 64;
		a->st = ipm_realloc(a->st, n * (a->sp.nops ? a->sp.nops : 1) * sizeof *a->st);
		memset(a->st + a->stcap * a->sp.nops, 0, (n - a->stcap) * a->sp.nops * sizeof *a->st);
		a->num = ipm_realloc(a->num, n * (a->sp.nops ? a->sp.nops : 1) * sizeof *a->num);
		memset(a->num + a->stcap * a->sp.nops, 0, (n - a->stcap) * a->sp.nops * sizeof *a->num);
		a->stcap = n;
	}
	return gid;
}

size_t ipm_agg_group_id(ipm_agg *a) { return group_id(a); }

/* The group of the current odometer position. Stored group values are all
 * valid UTF-8 (sanitized when added), so a key found needs no check; a new
 * one has its unchecked values sanitized first, as the writer would. */
static size_t record_group(ipm_agg *a)
{
	long g;
	size_t c;
	int fixed = 0;

	make_key(a);
	if ((g = ipm_hash_find(a->groups, a->key.s, a->key.len)) >= 0)
		return (size_t)g;
	for (c = 0; c < a->ngc; c++)
		if (a->gl[c].unchecked) {
			a->gl[c].unchecked = 0;
			sanitize_list(&a->gl[c], 1);
			fixed = 1;
		}
	if (fixed)
		make_key(a);
	return group_id(a);
}

/* Set entry of value in op k of group gid; *isnew when first seen. */
static size_t set_entry(ipm_agg *a, size_t gid, size_t k, const char *s, size_t len, int *isnew)
{
	uint32_t hd[2] = { (uint32_t)gid, (uint32_t)k };
	size_t e, n;

	ipm_buf_clear(&a->key);
	ipm_buf_add(&a->key, hd, sizeof hd);
	ipm_buf_add(&a->key, s, len);
	e = ipm_hash_put(a->sets, a->key.s, a->key.len, isnew);
	if (e >= a->setcap) {
		n = a->setcap ? a->setcap * 2 : 256;
		a->setc = ipm_realloc(a->setc, n * sizeof *a->setc);
		memset(a->setc + a->setcap, 0, (n - a->setcap) * sizeof *a->setc);
		a->setcap = n;
	}
	return e;
}

/* Keep the smaller (first) or larger (last) of the stored date and d. */
static void keep_date(ipm_agg *a, uint64_t *slot, size_t di, int last)
{
	const char *cur, *d;
	int c;

	if (*slot == 0) {
		*slot = di + 1;
		return;
	}
	cur = ipm_hash_key(a->strs, *slot - 1, NULL);
	d = ipm_hash_key(a->strs, di, NULL);
	c = strcmp(d, cur);
	if (last ? c > 0 : c < 0)
		*slot = di + 1;
}

/* Neumaier: add x to the compensated sum (s, c). */
static void kahan_add(double *s, double *c, double x)
{
	double t = *s + x;

	if (fabs(*s) >= fabs(x))
		*c += (*s - t) + x;
	else
		*c += (x - t) + *s;
	*s = t;
}

/* Fold one number into a numeric state (not the pct multiset). */
static void num_add(struct num *m, double x, uint64_t n)
{
	if (m->n == 0 || x < m->min)
		m->min = x;
	if (m->n == 0 || x > m->max)
		m->max = x;
	m->n += n;
}

/* Fold a whole numeric state into m. */
static void num_merge(struct num *m, const struct num *src)
{
	if (src->n) {
		if (m->n == 0 || src->min < m->min)
			m->min = src->min;
		if (m->n == 0 || src->max > m->max)
			m->max = src->max;
	}
	m->n += src->n;
	kahan_add(&m->sum, &m->comp, src->sum);
	kahan_add(&m->sum, &m->comp, src->comp);
}

/* A pct multiset entry: the value's bits (-0 as 0). */
static size_t pct_entry(ipm_agg *a, size_t gid, size_t k, double x, int *isnew)
{
	uint64_t bits;

	if (x == 0)
		x = 0;
	memcpy(&bits, &x, sizeof bits);
	return set_entry(a, gid, k, (const char *)&bits, sizeof bits, isnew);
}

static void update(ipm_agg *a, size_t gid, long di)
{
	size_t k, i, e;
	uint64_t *st = a->st + gid * a->sp.nops;
	int isnew;

	for (k = 0; k < a->sp.nops; k++) {
		switch (a->sp.ops[k].kind) {
		case IPM_AGG_COUNT:
			st[k]++;
			break;
		case IPM_AGG_DISTINCT:
		case IPM_AGG_TOP:
			for (i = 0; i < a->ol[k].n; i++) {
				e = set_entry(a, gid, k, a->ol[k].it[i], a->ol[k].len[i], &isnew);
				st[k] += (uint64_t)isnew;
				a->setc[e]++;
			}
			break;
		case IPM_AGG_FIRST:
		case IPM_AGG_LAST:
			if (di >= 0)
				keep_date(a, &st[k], (size_t)di, a->sp.ops[k].kind == IPM_AGG_LAST);
			break;
		case IPM_AGG_PCT:
			if (a->nvok[k]) {
				e = pct_entry(a, gid, k, a->nv[k], &isnew);
				st[k] += (uint64_t)isnew;
				a->setc[e]++;
			}
			/* fall through */
		default:
			if (a->nvok[k] && !a->share[k]) {
				struct num *m = &a->num[gid * a->sp.nops + k];

				if (a->sp.ops[k].kind == IPM_AGG_SUM || a->sp.ops[k].kind == IPM_AGG_MEAN)
					kahan_add(&m->sum, &m->comp, a->nv[k]);
				num_add(m, a->nv[k], 1);
			}
			break;
		}
	}
}

/* A decimal number: [-+]digits[.digits][(e|E)[-+]digits], or .digits.
 * Up to 19 significant digits below 2^53 and a power of ten within 1e22:
 * one exact multiply or divide, so correctly rounded (as strtod, which the
 * other numbers go to). */
static int parse_num(const char *s, size_t len, double *out)
{
	static const double p10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	                              1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };
	char tmp[128], *end;
	size_t i = 0, d = 0, sig = 0;
	uint64_t m = 0;
	long e10 = 0, ex = 0;
	int neg = 0, esign = 1;

	if (len == 0 || len >= sizeof tmp)
		return -1;
	if (s[i] == '-' || s[i] == '+')
		neg = s[i++] == '-';
	if (len - i <= 15) {   /* the common case: up to 15 digits and a point, below 2^53 */
		size_t pt = 0;

		for (; i < len; i++)
			if (s[i] >= '0' && s[i] <= '9') {
				m = m * 10 + (uint64_t)(s[i] - '0');
				d++;
			} else if (s[i] == '.' && !pt) {
				pt = i + 1;
			} else {
				break;
			}
		if (i == len && d) {
			*out = pt ? (double)m / p10[len - pt] : (double)m;
			if (neg)
				*out = -*out;
			return 0;
		}
		i = neg || s[0] == '+';   /* an exponent or not a number: the general path */
		m = 0;
		d = 0;
	}
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++, d++)
		if (m || s[i] != '0') {
			if (sig++ < 19)
				m = m * 10 + (uint64_t)(s[i] - '0');
			else
				e10++;
		}
	if (i < len && s[i] == '.') {
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++, d++) {
			if (m || s[i] != '0') {
				if (sig++ < 19) {
					m = m * 10 + (uint64_t)(s[i] - '0');
					e10--;
				}
			} else {
				e10--;
			}
		}
	}
	if (d == 0)
		return -1;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < len && (s[i] == '-' || s[i] == '+'))
			esign = s[i++] == '-' ? -1 : 1;
		for (d = 0; i < len && s[i] >= '0' && s[i] <= '9'; i++, d++)
			if (ex < 100000)
				ex = ex * 10 + (s[i] - '0');
		if (d == 0)
			return -1;
	}
	if (i != len)
		return -1;
	e10 += esign * ex;
	if (sig <= 19 && m < (1ULL << 53) && e10 >= -22 && e10 <= 22) {
		*out = e10 < 0 ? (double)m / p10[-e10] : (double)m * p10[e10];
		if (neg)
			*out = -*out;
		return 0;
	}
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	*out = strtod(tmp, &end);
	return isfinite(*out) ? 0 : -1;
}

/* The number of numeric op k in r: nvok[k] 1, or 0 with the skip counted. */
static void read_num(ipm_agg *a, const ipm_rec *r, size_t k)
{
	struct list *l = &a->ol[k];
	const ipm_val *v;
	size_t j;

	if (a->same[k]) {   /* an earlier op on the same field has read it */
		j = a->same[k] - 1;
		a->nvok[k] = a->nvok[j];
		a->nv[k] = a->nv[j];
		l->seen = a->ol[j].seen;
		a->nempty[k] = a->nempty[j];
		a->nbad[k] = a->nbad[j];
		return;
	}
	v = ipm_rec_get_hinted(r, a->sp.ops[k].field, &l->hint);
	a->nvok[k] = 0;
	l->seen |= v != NULL;
	if (!v || v->t == IPM_V_NULL || ((v->t == IPM_V_STR || v->t == IPM_V_ARR) && !v->len && !v->n))
		a->nempty[k]++;
	else if ((v->t == IPM_V_NUM || v->t == IPM_V_STR) && parse_num(v->s, v->len, &a->nv[k]) == 0)
		a->nvok[k] = 1;
	else
		a->nbad[k]++;
}

static void add_input(const char **out, size_t max, size_t *n, const char *f)
{
	size_t i;

	for (i = 0; i < *n && i < max; i++)
		if (strcmp(out[i], f) == 0)
			return;
	if (*n < max)
		out[*n] = f;
	(*n)++;
}

size_t ipm_agg_inputs(const ipm_agg *a, const char **out, size_t max)
{
	size_t n = 0, i;

	for (i = a->sp.bucket != IPM_BUCKET_NONE; i < a->ngc; i++)
		add_input(out, max, &n, a->gcols[i]);
	for (i = 0; i < a->sp.nops; i++)
		if (a->sp.ops[i].kind == IPM_AGG_DISTINCT || a->sp.ops[i].kind == IPM_AGG_TOP ||
		    is_num_op(a->sp.ops[i].kind))
			add_input(out, max, &n, a->sp.ops[i].field);
		else if (a->sp.ops[i].kind != IPM_AGG_COUNT)
			add_input(out, max, &n, a->sp.date_field);
	if (a->sp.bucket != IPM_BUCKET_NONE)
		add_input(out, max, &n, a->sp.date_field);
	return n;
}

void ipm_agg_add(ipm_agg *a, const ipm_rec *r)
{
	const char *date = NULL;
	size_t c, k, blen, gid;
	long di = -1;

	for (k = 0; k < a->sp.nops && !date; k++)
		if (a->sp.ops[k].kind == IPM_AGG_FIRST || a->sp.ops[k].kind == IPM_AGG_LAST)
			date = ipm_rec_str(r, a->sp.date_field);
	if (a->sp.bucket != IPM_BUCKET_NONE && !date)
		date = ipm_rec_str(r, a->sp.date_field);

	for (c = 0; c < a->ngc; c++) {
		a->gl[c].n = 0;
		if (c == 0 && a->sp.bucket != IPM_BUCKET_NONE) {
			blen = bucket_of(date, a->sp.bucket, a->bucket);
			list_push(&a->gl[c], a->bucket, blen);
			continue;
		}
		fill_list(&a->gl[c], r, a->gcols[c], 1, 1);
		if (a->gl[c].n == 0)
			list_push(&a->gl[c], "", 0);   /* the empty group */
		a->idx[c] = 0;
	}
	a->nrec++;
	for (k = 0; k < a->sp.nops; k++)
		if (a->sp.ops[k].kind == IPM_AGG_DISTINCT || a->sp.ops[k].kind == IPM_AGG_TOP)
			fill_list(&a->ol[k], r, a->sp.ops[k].field, 1, 0);
		else if (is_num_op(a->sp.ops[k].kind))
			read_num(a, r, k);
		else if (a->sp.ops[k].kind != IPM_AGG_COUNT && di < 0 &&
		         is_date(date))
			di = (long)ipm_hash_put(a->strs, date, strlen(date), NULL);
	memset(a->idx, 0, a->ngc * sizeof *a->idx);
	for (;;) {
		gid = record_group(a);
		update(a, gid, di);
		/* next combination of exploded values (odometer, last column fastest) */
		for (c = a->ngc; c > 0; c--) {
			if (++a->idx[c - 1] < a->gl[c - 1].n)
				break;
			a->idx[c - 1] = 0;
		}
		if (c == 0)
			break;
	}
}

/* ---------------------------------------------------- ipm_par_read sink */

static void *sink_open(void *sp) { return ipm_agg_new(sp, NULL, 0); }
static void sink_add(void *a, ipm_rec *r) { ipm_agg_add(a, r); }
static void sink_drop(void *a) { ipm_agg_free(a); }

static void sink_merge(void *a, void *part)
{
	ipm_agg_merge(a, part);
	ipm_agg_free(part);
}

struct ipm_par_sink ipm_agg_sink(const struct ipm_agg_spec *sp, ipm_agg *a)
{
	struct ipm_par_sink s = { sink_open, sink_add, sink_merge, sink_drop, (void *)sp, a };

	return s;
}

/* --------------------------------------------------------------- merge */

/* "value:count" -> value length and count; -1 if not of that form. */
static int parse_pair(const char *s, size_t len, size_t *vlen, uint64_t *cnt)
{
	size_t i = len;
	uint64_t v = 0;

	while (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9')
		i--;
	if (i == len || i == 0 || s[i - 1] != ':' || len - i > 18)
		return -1;
	*vlen = i - 1;
	for (; i < len; i++)
		v = v * 10 + (uint64_t)(s[i] - '0');
	*cnt = v;
	return 0;
}

/* Check a partial row's op columns before any state changes. */
static const char *check_row(ipm_agg *a, const ipm_rec *r)
{
	size_t k, i, vl;
	uint64_t cnt;
	const ipm_val *v;
	double x;

	for (k = 0; k < a->sp.nops; k++) {
		v = ipm_rec_get(r, a->ocols[k]);
		switch (a->sp.ops[k].kind) {
		case IPM_AGG_COUNT:
			if (ipm_rec_long(r, a->ocols[k], -1) < 0)
				return "partial row without a valid count";
			break;
		case IPM_AGG_SUM:
		case IPM_AGG_MEAN:
			fill_list(&a->ol[k], r, a->ocols[k], 0, 0);
			if (!v || v->t != IPM_V_ARR || a->ol[k].n != 3 ||
			    parse_num(a->ol[k].it[0], a->ol[k].len[0], &x) != 0 ||
			    parse_num(a->ol[k].it[1], a->ol[k].len[1], &x) != 0 ||
			    parse_num(a->ol[k].it[2], a->ol[k].len[2], &x) != 0 || x < 0)
				return "partial sum/mean is not [sum, compensation, n]";
			break;
		case IPM_AGG_MIN:
		case IPM_AGG_MAX:
			if (!v || (v->t != IPM_V_NULL && (v->t != IPM_V_NUM ||
			                                  parse_num(v->s, v->len, &x) != 0)))
				return "partial min/max is not a number or null";
			break;
		case IPM_AGG_PCT:
			if (!v || v->t != IPM_V_ARR)
				return "partial median/percentile is not an array";
			/* fall through */
		case IPM_AGG_TOP:
			fill_list(&a->ol[k], r, a->ocols[k], 0, 0);
			for (i = 0; i < a->ol[k].n; i++)
				if (parse_pair(a->ol[k].it[i], a->ol[k].len[i], &vl, &cnt) != 0 ||
				    (a->sp.ops[k].kind == IPM_AGG_PCT &&
				     parse_num(a->ol[k].it[i], vl, &x) != 0))
					return "partial top/percentile item is not value:count";
			/* fall through */
		case IPM_AGG_DISTINCT:
			if (!v)
				return "partial row without its distinct/top column";
			break;
		default:
			if (!v)
				return "partial row without its first/last column";
			break;
		}
	}
	for (i = 0; i < a->ngc; i++) {
		v = ipm_rec_get(r, a->gcols[i]);
		if (v && (v->t == IPM_V_ARR || v->t == IPM_V_RAW))
			return "partial group column is not a single value";
	}
	return NULL;
}

static void merge_op(ipm_agg *a, size_t gid, size_t k, const ipm_rec *r)
{
	uint64_t *st = a->st + gid * a->sp.nops, cnt;
	const char *s;
	const ipm_val *v;
	size_t i, e, vl;
	int isnew;
	struct num m;
	double x;

	switch (a->sp.ops[k].kind) {
	case IPM_AGG_COUNT:
		st[k] += (uint64_t)ipm_rec_long(r, a->ocols[k], 0);
		break;
	case IPM_AGG_DISTINCT:
		fill_list(&a->ol[k], r, a->ocols[k], 0, 0);
		for (i = 0; i < a->ol[k].n; i++) {
			e = set_entry(a, gid, k, a->ol[k].it[i], a->ol[k].len[i], &isnew);
			st[k] += (uint64_t)isnew;
			(void)e;
		}
		break;
	case IPM_AGG_TOP:
		fill_list(&a->ol[k], r, a->ocols[k], 0, 0);
		for (i = 0; i < a->ol[k].n; i++) {
			parse_pair(a->ol[k].it[i], a->ol[k].len[i], &vl, &cnt);
			e = set_entry(a, gid, k, a->ol[k].it[i], vl, &isnew);
			st[k] += (uint64_t)isnew;
			a->setc[e] += cnt;
		}
		break;
	case IPM_AGG_FIRST:
	case IPM_AGG_LAST:
		s = ipm_rec_str(r, a->ocols[k]);
		if (s && is_date(s))
			keep_date(a, &st[k], ipm_hash_put(a->strs, s, strlen(s), NULL),
			          a->sp.ops[k].kind == IPM_AGG_LAST);
		break;
	case IPM_AGG_SUM:
	case IPM_AGG_MEAN:
		if (a->share[k])
			break;   /* its state is the earlier op's, merged from that op's column */
		fill_list(&a->ol[k], r, a->ocols[k], 0, 0);
		parse_num(a->ol[k].it[0], a->ol[k].len[0], &m.sum);
		parse_num(a->ol[k].it[1], a->ol[k].len[1], &m.comp);
		parse_num(a->ol[k].it[2], a->ol[k].len[2], &x);
		m.n = (uint64_t)x;
		m.min = m.max = 0;
		num_merge(&a->num[gid * a->sp.nops + k], &m);
		break;
	case IPM_AGG_MIN:
	case IPM_AGG_MAX:
		v = ipm_rec_get(r, a->ocols[k]);
		if (v->t == IPM_V_NUM && parse_num(v->s, v->len, &x) == 0)
			num_add(&a->num[gid * a->sp.nops + k], x, 1);
		break;
	case IPM_AGG_PCT:
		fill_list(&a->ol[k], r, a->ocols[k], 0, 0);
		for (i = 0; i < a->ol[k].n; i++) {
			parse_pair(a->ol[k].it[i], a->ol[k].len[i], &vl, &cnt);
			parse_num(a->ol[k].it[i], vl, &x);
			e = pct_entry(a, gid, k, x, &isnew);
			st[k] += (uint64_t)isnew;
			a->setc[e] += cnt;
			num_add(&a->num[gid * a->sp.nops + k], x, cnt);
		}
		break;
	}
}

int ipm_agg_merge_row(ipm_agg *a, const ipm_rec *r, const char **why)
{
	const ipm_val *v;
	size_t c, k, gid;

	v = ipm_rec_get(r, "_spec");
	if (!v || v->t != IPM_V_STR) {
		*why = "not a partial row (no \"_spec\": make partial rows with --partial)";
		return -1;
	}
	if (v->len != a->spec.len || memcmp(v->s, a->spec.s, v->len) != 0) {
		ipm_buf_clear(&a->msg);
		ipm_buf_adds(&a->msg, "partial rows made with '");
		ipm_utf8_sanitize(v->s, v->len, &a->msg);
		ipm_buf_printf(&a->msg, "', this --merge has '%s'", a->spec.s);
		*why = a->msg.s;
		return -2;
	}
	if ((*why = check_row(a, r)) != NULL)
		return -1;
	for (c = 0; c < a->ngc; c++) {
		v = ipm_rec_get(r, a->gcols[c]);
		a->gl[c].n = 0;
		a->idx[c] = 0;
		if (!v || v->t == IPM_V_NULL)
			list_push(&a->gl[c], "", 0);
		else
			list_push(&a->gl[c], v->s, v->len);
		sanitize_list(&a->gl[c], 1);   /* stored group values are valid UTF-8 */
	}
	make_key(a);
	gid = group_id(a);
	for (k = 0; k < a->sp.nops; k++)
		merge_op(a, gid, k, r);
	return 0;
}

void ipm_agg_merge(ipm_agg *dst, const ipm_agg *src)
{
	size_t n = ipm_hash_count(src->groups), ns = ipm_hash_count(src->sets), i, k, len, e, nops = src->sp.nops;
	size_t *map = ipm_malloc((n ? n : 1) * sizeof *map);
	uint64_t *sd, *ss;
	const char *key, *d;
	uint32_t hd[2];
	int isnew;

	for (i = 0; i < n; i++) {
		key = ipm_hash_key(src->groups, i, &len);
		ipm_buf_clear(&dst->key);
		ipm_buf_add(&dst->key, key, len);
		map[i] = group_id(dst);
		sd = dst->st + map[i] * nops;
		ss = src->st + i * nops;
		for (k = 0; k < nops; k++) {
			if (is_num_op(src->sp.ops[k].kind) && src->sp.ops[k].kind != IPM_AGG_PCT) {
				if (!src->share[k])
					num_merge(&dst->num[map[i] * nops + k], &src->num[i * nops + k]);
			} else if (src->sp.ops[k].kind == IPM_AGG_PCT) {
				num_merge(&dst->num[map[i] * nops + k], &src->num[i * nops + k]);
			} else if (src->sp.ops[k].kind == IPM_AGG_COUNT) {
				sd[k] += ss[k];
			} else if (ss[k] && (src->sp.ops[k].kind == IPM_AGG_FIRST ||
			                     src->sp.ops[k].kind == IPM_AGG_LAST)) {
				d = ipm_hash_key(src->strs, ss[k] - 1, &len);
				keep_date(dst, &sd[k], ipm_hash_put(dst->strs, d, len, NULL),
				          src->sp.ops[k].kind == IPM_AGG_LAST);
			}
		}
	}
	for (i = 0; i < ns; i++) {   /* distinct and top: value sets and their counts */
		key = ipm_hash_key(src->sets, i, &len);
		memcpy(hd, key, sizeof hd);
		e = set_entry(dst, map[hd[0]], hd[1], key + sizeof hd, len - sizeof hd, &isnew);
		dst->st[map[hd[0]] * nops + hd[1]] += (uint64_t)isnew;
		dst->setc[e] += src->setc[i];
	}
	free(map);
	for (i = 0; i < dst->ngc; i++)
		dst->gl[i].seen |= src->gl[i].seen;
	for (k = 0; k < nops; k++) {
		dst->ol[k].seen |= src->ol[k].seen;
		dst->nempty[k] += src->nempty[k];
		dst->nbad[k] += src->nbad[k];
	}
	dst->nrec += src->nrec;
}

