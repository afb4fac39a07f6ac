#include "agg.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/hash.h"
#include "core/utf8.h"
#include "core/util.h"
#include "core/write.h"

/* A growable list of (pointer, length) items borrowed from a record. */
struct list {
	const char **it;
	size_t *len;
	size_t n, cap;
	ipm_buf fix;           /* items with invalid UTF-8, as U+FFFD-sanitized copies */
	ipm_rec_hint hint;     /* where the field was in the last record */
};

struct ipm_agg {
	struct ipm_agg_spec sp;
	const char **gcols;    /* group columns: bucket, fields, pivot */
	size_t ngc;
	char **ocols;          /* output column of each op */
	ipm_hash *groups;      /* key: encoded group tuple -> gid */
	uint64_t *st;          /* st[gid * nops + k]: count, #distinct, or interned date + 1 */
	size_t stcap;          /* groups with state allocated */
	ipm_hash *sets;        /* key: gid, k, value -> set entry (distinct and top) */
	uint64_t *setc;        /* occurrences of each set entry (top) */
	size_t setcap;
	ipm_hash *strs;        /* interned first/last values */
	struct list *gl, *ol;  /* scratch lists per group column / per op */
	size_t *idx;           /* odometer over the exploded group lists */
	ipm_buf key;
	char bucket[16];
};

/* ---------------------------------------------------------------- spec */

static int op_words(const char *w)
{
	if (strcmp(w, "count") == 0 || strcmp(w, "first") == 0 || strcmp(w, "last") == 0)
		return 1;
	if (strcmp(w, "distinct") == 0)
		return 2;
	if (strcmp(w, "top") == 0)
		return 3;
	return 0;
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
		op->kind = w[i][0] == 'c' ? IPM_AGG_COUNT : w[i][0] == 'd' ? IPM_AGG_DISTINCT :
		           w[i][0] == 'f' ? IPM_AGG_FIRST : w[i][0] == 'l' ? IPM_AGG_LAST : IPM_AGG_TOP;
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

ipm_agg *ipm_agg_new(const struct ipm_agg_spec *spec, char *err, size_t errlen)
{
	ipm_agg *a = ipm_calloc_own(1, sizeof *a);
	size_t i;

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
 * dedupe (a record counts once per value). */
static void fill_list(struct list *l, const ipm_rec *r, const char *field, int dedupe)
{
	const ipm_val *v = ipm_rec_get_hinted(r, field, &l->hint);
	size_t n = ipm_val_list(v, l->it, l->len, l->cap), i, j, k;

	if (n > l->cap) {
		l->cap = n;
		l->it = ipm_realloc(l->it, n * sizeof *l->it);
		l->len = ipm_realloc(l->len, n * sizeof *l->len);
		n = ipm_val_list(v, l->it, l->len, l->cap);
	}
	if (n == 1 && l->len[0] && ipm_utf8_valid_len(l->it[0], l->len[0]) == l->len[0]) {
		l->n = 1;   /* the common case: one valid value */
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
		a->stcap = n;
	}
	return gid;
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
		}
	}
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
		if (a->sp.ops[i].kind == IPM_AGG_DISTINCT || a->sp.ops[i].kind == IPM_AGG_TOP)
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
		fill_list(&a->gl[c], r, a->gcols[c], 1);
		if (a->gl[c].n == 0)
			list_push(&a->gl[c], "", 0);   /* the empty group */
		a->idx[c] = 0;
	}
	for (k = 0; k < a->sp.nops; k++)
		if (a->sp.ops[k].kind == IPM_AGG_DISTINCT || a->sp.ops[k].kind == IPM_AGG_TOP)
			fill_list(&a->ol[k], r, a->sp.ops[k].field, 1);
		else if (a->sp.ops[k].kind != IPM_AGG_COUNT && di < 0 &&
		         is_date(date))
			di = (long)ipm_hash_put(a->strs, date, strlen(date), NULL);
	memset(a->idx, 0, a->ngc * sizeof *a->idx);
	for (;;) {
		make_key(a);
		gid = group_id(a);
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

	for (k = 0; k < a->sp.nops; k++) {
		v = ipm_rec_get(r, a->ocols[k]);
		switch (a->sp.ops[k].kind) {
		case IPM_AGG_COUNT:
			if (ipm_rec_long(r, a->ocols[k], -1) < 0)
				return "partial row without a valid count";
			break;
		case IPM_AGG_TOP:
			fill_list(&a->ol[k], r, a->ocols[k], 0);
			for (i = 0; i < a->ol[k].n; i++)
				if (parse_pair(a->ol[k].it[i], a->ol[k].len[i], &vl, &cnt) != 0)
					return "partial top item is not value:count";
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
	size_t i, e, vl;
	int isnew;

	switch (a->sp.ops[k].kind) {
	case IPM_AGG_COUNT:
		st[k] += (uint64_t)ipm_rec_long(r, a->ocols[k], 0);
		break;
	case IPM_AGG_DISTINCT:
		fill_list(&a->ol[k], r, a->ocols[k], 0);
		for (i = 0; i < a->ol[k].n; i++) {
			e = set_entry(a, gid, k, a->ol[k].it[i], a->ol[k].len[i], &isnew);
			st[k] += (uint64_t)isnew;
			(void)e;
		}
		break;
	case IPM_AGG_TOP:
		fill_list(&a->ol[k], r, a->ocols[k], 0);
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
	}
}

int ipm_agg_merge_row(ipm_agg *a, const ipm_rec *r, const char **why)
{
	const ipm_val *v;
	size_t c, k, gid;

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
			if (src->sp.ops[k].kind == IPM_AGG_COUNT) {
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
}

/* -------------------------------------------------------------- output */

struct gkey {
	const char *k;
	size_t len, gid;
};

/* Field f of an encoded tuple. */
static const char *key_field(const char *k, size_t f, size_t *len)
{
	uint32_t n;

	for (;;) {
		memcpy(&n, k, sizeof n);
		if (f-- == 0)
			break;
		k += sizeof n + n;
	}
	*len = n;
	return k + sizeof n;
}

static int cmp_bytes(const char *a, size_t al, const char *b, size_t bl)
{
	int c = memcmp(a, b, al < bl ? al : bl);

	return c ? c : al < bl ? -1 : al > bl;
}

/* Tuples compare field by field in byte order; a shorter field sorts first. */
static int cmp_tuple_n(const char *a, const char *b, size_t nf)
{
	uint32_t la, lb;
	int c;

	while (nf-- > 0) {
		memcpy(&la, a, sizeof la);
		memcpy(&lb, b, sizeof lb);
		c = cmp_bytes(a + sizeof la, la, b + sizeof lb, lb);
		if (c)
			return c;
		a += sizeof la + la;
		b += sizeof lb + lb;
	}
	return 0;
}

static size_t g_nfields;   /* for qsort: fields per tuple */

static int cmp_gkey(const void *x, const void *y)
{
	return cmp_tuple_n(((const struct gkey *)x)->k, ((const struct gkey *)y)->k, g_nfields);
}

static struct gkey *sorted_groups(ipm_agg *a)
{
	size_t n = ipm_hash_count(a->groups), i;
	struct gkey *g = ipm_malloc((n ? n : 1) * sizeof *g);

	for (i = 0; i < n; i++) {
		g[i].k = ipm_hash_key(a->groups, i, &g[i].len);
		g[i].gid = i;
	}
	g_nfields = a->ngc;
	qsort(g, n, sizeof *g, cmp_gkey);
	return g;
}

/* Set entries bucketed by (gid, op): entries of slot s are ent[off[s]..off[s+1]). */
struct sets_ix {
	size_t *off, *ent;
};

static struct sets_ix index_sets(ipm_agg *a)
{
	size_t ns = ipm_hash_count(a->sets), nslot = ipm_hash_count(a->groups) * a->sp.nops, i, s;
	struct sets_ix x;
	uint32_t hd[2];
	size_t *fill;

	x.off = ipm_calloc(nslot + 2, sizeof *x.off);
	x.ent = ipm_malloc((ns ? ns : 1) * sizeof *x.ent);
	for (i = 0; i < ns; i++) {
		memcpy(hd, ipm_hash_key(a->sets, i, NULL), sizeof hd);
		x.off[hd[0] * a->sp.nops + hd[1] + 1]++;
	}
	for (s = 0; s < nslot; s++)
		x.off[s + 1] += x.off[s];
	fill = ipm_malloc((nslot + 1) * sizeof *fill);
	memcpy(fill, x.off, (nslot + 1) * sizeof *fill);
	for (i = 0; i < ns; i++) {
		memcpy(hd, ipm_hash_key(a->sets, i, NULL), sizeof hd);
		x.ent[fill[hd[0] * a->sp.nops + hd[1]]++] = i;
	}
	free(fill);
	return x;
}

static const ipm_agg *g_agg;   /* for qsort over set entries */
static int g_by_count;

static int cmp_entry(const void *x, const void *y)
{
	size_t ex = *(const size_t *)x, ey = *(const size_t *)y, lx, ly;
	const char *kx = ipm_hash_key(g_agg->sets, ex, &lx), *ky = ipm_hash_key(g_agg->sets, ey, &ly);

	if (g_by_count && g_agg->setc[ex] != g_agg->setc[ey])
		return g_agg->setc[ex] > g_agg->setc[ey] ? -1 : 1;
	return cmp_bytes(kx + 8, lx - 8, ky + 8, ly - 8);
}

/* Set op k of a group on out: the values (distinct partial) or value:count
 * pairs (top), sorted; at most max of them. */
static void put_set(ipm_agg *a, ipm_rec *out, size_t k, size_t *ent, size_t n,
                    int pairs, size_t max, ipm_buf *tmp)
{
	size_t i, len, *off;
	const char **items;
	const char *s;

	g_agg = a;
	g_by_count = pairs;
	qsort(ent, n, sizeof *ent, cmp_entry);
	if (n > max)
		n = max;
	items = ipm_malloc((n ? n : 1) * sizeof *items);
	off = ipm_malloc((n ? n : 1) * 2 * sizeof *off);
	ipm_buf_clear(tmp);
	for (i = 0; i < n; i++) {
		s = ipm_hash_key(a->sets, ent[i], &len);
		off[i] = tmp->len;
		ipm_buf_add(tmp, s + 8, len - 8);
		if (pairs)
			ipm_buf_printf(tmp, ":%llu", (unsigned long long)a->setc[ent[i]]);
		off[n + i] = tmp->len - off[i];
	}
	for (i = 0; i < n; i++)
		items[i] = tmp->s + off[i];
	ipm_rec_set_arr(out, a->ocols[k], items, off + n, n);
	free(items);
	free(off);
}

static void put_group_cols(ipm_agg *a, ipm_rec *out, const char *key, size_t ncols)
{
	size_t c, len;
	const char *s;

	for (c = 0; c < ncols; c++) {
		s = key_field(key, c, &len);
		if (len)
			ipm_rec_set_str(out, a->gcols[c], s, len);
		else
			ipm_rec_set_null(out, a->gcols[c]);
	}
}

static void put_ops(ipm_agg *a, ipm_rec *out, size_t gid, struct sets_ix *x,
                    int partial, ipm_buf *tmp)
{
	size_t k, s;
	uint64_t v;
	const struct ipm_agg_op *op;

	for (k = 0; k < a->sp.nops; k++) {
		op = &a->sp.ops[k];
		v = a->st[gid * a->sp.nops + k];
		s = gid * a->sp.nops + k;
		if (op->kind == IPM_AGG_FIRST || op->kind == IPM_AGG_LAST)
			ipm_rec_set_cstr(out, a->ocols[k], v ? ipm_hash_key(a->strs, v - 1, NULL) : NULL);
		else if (op->kind == IPM_AGG_TOP)
			put_set(a, out, k, x->ent + x->off[s], x->off[s + 1] - x->off[s], 1,
			        partial ? SIZE_MAX : (size_t)op->n, tmp);
		else if (op->kind == IPM_AGG_DISTINCT && partial)
			put_set(a, out, k, x->ent + x->off[s], x->off[s + 1] - x->off[s], 0, SIZE_MAX, tmp);
		else
			ipm_rec_set_long(out, a->ocols[k], (long)v);
	}
}

static int write_rows(ipm_agg *a, ipm_writer *w, int partial)
{
	struct gkey *g = sorted_groups(a);
	struct sets_ix x = index_sets(a);
	size_t n = ipm_hash_count(a->groups), i;
	ipm_rec *out = ipm_rec_new();
	ipm_buf tmp = {0};
	int rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		ipm_rec_clear(out);
		put_group_cols(a, out, g[i].k, a->ngc);
		put_ops(a, out, g[i].gid, &x, partial, &tmp);
		rc = ipm_writer_put(w, out);
	}
	ipm_rec_free(out);
	ipm_buf_free(&tmp);
	free(x.off);
	free(x.ent);
	free(g);
	return rc;
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Pivot: one row per tuple of the other group columns, one column per value
 * of the pivot field ("(none)" for the empty value), counts in the cells. */
static int write_pivot(ipm_agg *a, FILE *fp, enum ipm_fmt fmt, char delim)
{
	struct gkey *g = sorted_groups(a);
	size_t n = ipm_hash_count(a->groups), i, j, np = 0, len, nrow = a->ngc - 1;
	ipm_hash *pv = ipm_hash_new();
	const char **cols;
	char **names;
	ipm_writer *w;
	ipm_rec *out = ipm_rec_new();
	const char *s;
	int rc = 0;

	for (i = 0; i < n; i++) {
		s = key_field(g[i].k, nrow, &len);
		ipm_hash_put(pv, len ? s : "(none)", len ? len : 6, NULL);
	}
	np = ipm_hash_count(pv);
	names = ipm_malloc((np ? np : 1) * sizeof *names);
	for (j = 0; j < np; j++)
		names[j] = (char *)ipm_hash_key(pv, j, NULL);
	qsort(names, np, sizeof *names, cmp_str);
	cols = ipm_malloc((nrow + np + 1) * sizeof *cols);
	for (j = 0; j < nrow; j++)
		cols[j] = a->gcols[j];
	for (j = 0; j < np; j++)
		cols[nrow + j] = names[j];
	w = ipm_writer_open(fp, fmt, delim, cols, nrow + np);
	for (i = 0; i < n && rc == 0; i = j) {
		ipm_rec_clear(out);
		put_group_cols(a, out, g[i].k, nrow);
		for (j = 0; j < np; j++)
			ipm_rec_set_long(out, names[j], 0);
		for (j = i; j < n && cmp_tuple_n(g[i].k, g[j].k, nrow) == 0; j++) {
			s = key_field(g[j].k, nrow, &len);
			ipm_rec_set_long(out, len ? s : "(none)",
			                 (long)(a->sp.nops ? a->st[g[j].gid * a->sp.nops] : 0));
		}
		rc = ipm_writer_put(w, out);
	}
	if (ipm_writer_close(w) != 0)
		rc = -1;
	ipm_rec_free(out);
	ipm_hash_free(pv);
	free(cols);
	free(names);
	free(g);
	return rc;
}

int ipm_agg_write(ipm_agg *a, FILE *fp, enum ipm_fmt fmt, char delim, int partial)
{
	const char **cols;
	ipm_writer *w;
	size_t i;
	int rc;

	if (a->sp.pivot && !partial)
		return write_pivot(a, fp, fmt, delim);
	if (partial)
		fmt = IPM_FMT_JSON;
	cols = ipm_malloc((a->ngc + a->sp.nops + 1) * sizeof *cols);
	for (i = 0; i < a->ngc; i++)
		cols[i] = a->gcols[i];
	for (i = 0; i < a->sp.nops; i++)
		cols[a->ngc + i] = a->ocols[i];
	w = ipm_writer_open(fp, fmt, delim, cols, a->ngc + a->sp.nops);
	free(cols);
	rc = write_rows(a, w, partial);
	if (ipm_writer_close(w) != 0)
		rc = -1;
	return rc;
}
