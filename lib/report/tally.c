/* tally: open-addressing hash (FNV-1a) over an entry array kept in
 * insertion order, so first-seen order costs nothing. */
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "tally.h"

struct ipm_tally {
	ipm_tally_ent *ent;
	size_t n, cap;
	size_t *slot;      /* index+1 into ent, 0 = empty */
	size_t nslot;      /* power of two */
};

static size_t hash(const char *s, size_t len)
{
	size_t h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

ipm_tally *ipm_tally_new(void)
{
	/* no slots until the first key: a digest holds 17 tallies, most of them
	 * empty in a small document, and a corpus may hold many thousands */
	return ipm_calloc(1, sizeof(ipm_tally));
}

void ipm_tally_free(ipm_tally *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->n; i++) {
		free(t->ent[i].key);
		free(t->ent[i].val);
	}
	free(t->ent);
	free(t->slot);
	free(t);
}

/* The slot holding key, or the empty slot where it would go. */
static size_t *find(const ipm_tally *t, const char *key, size_t klen)
{
	static size_t none;
	size_t i;

	if (!t->nslot) {   /* an empty tally: nowhere to find key (add makes slots first) */
		none = 0;
		return &none;
	}
	for (i = hash(key, klen) & (t->nslot - 1);; i = (i + 1) & (t->nslot - 1)) {
		size_t *s = &t->slot[i];
		const ipm_tally_ent *e;

		if (!*s)
			return s;
		e = &t->ent[*s - 1];
		if (e->klen == klen && memcmp(e->key, key, klen) == 0)
			return s;
	}
}

static void grow(ipm_tally *t)
{
	size_t i;

	free(t->slot);
	t->nslot *= 2;
	t->slot = ipm_calloc(t->nslot, sizeof *t->slot);
	for (i = 0; i < t->n; i++)
		*find(t, t->ent[i].key, t->ent[i].klen) = i + 1;
}

ipm_tally_ent *ipm_tally_add(ipm_tally *t, const char *key, size_t klen, long n)
{
	size_t *s;

	if (!t->nslot) {
		t->nslot = 8;
		t->slot = ipm_calloc(t->nslot, sizeof *t->slot);
	}
	s = find(t, key, klen);
	ipm_tally_ent *e;

	if (*s) {
		e = &t->ent[*s - 1];
		e->n += n;
		return e;
	}
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 4;
		t->ent = ipm_realloc(t->ent, t->cap * sizeof *t->ent);
	}
	e = &t->ent[t->n];
	e->key = ipm_strndup(key, klen);
	e->klen = klen;
	e->n = n;
	e->seq = t->n;
	e->val = NULL;
	*s = ++t->n;
	if (2 * t->n > t->nslot)
		grow(t);
	return e;
}

ipm_tally_ent *ipm_tally_addc(ipm_tally *t, const char *key, long n)
{
	return ipm_tally_add(t, key, strlen(key), n);
}

void ipm_tally_setval(ipm_tally_ent *e, const char *v)
{
	if (!e->val && v)
		e->val = ipm_strndup(v, strlen(v));
}

const ipm_tally_ent *ipm_tally_get(const ipm_tally *t, const char *key, size_t klen)
{
	size_t *s = find(t, key, klen);

	return *s ? &t->ent[*s - 1] : NULL;
}

long ipm_tally_count(const ipm_tally *t, const char *key)
{
	const ipm_tally_ent *e = ipm_tally_get(t, key, strlen(key));

	return e ? e->n : 0;
}

size_t ipm_tally_len(const ipm_tally *t)
{
	return t->n;
}

long ipm_tally_total(const ipm_tally *t)
{
	long sum = 0;
	size_t i;

	for (i = 0; i < t->n; i++)
		sum += t->ent[i].n;
	return sum;
}

static int keycmp(const ipm_tally_ent *a, const ipm_tally_ent *b)
{
	size_t m = a->klen < b->klen ? a->klen : b->klen;
	int c = memcmp(a->key, b->key, m);

	if (c)
		return c;
	return a->klen < b->klen ? -1 : a->klen > b->klen;
}

static int by_count(const void *pa, const void *pb)
{
	const ipm_tally_ent *a = *(const ipm_tally_ent *const *)pa;
	const ipm_tally_ent *b = *(const ipm_tally_ent *const *)pb;

	if (a->n != b->n)
		return a->n > b->n ? -1 : 1;
	return keycmp(a, b);
}

static int by_key(const void *pa, const void *pb)
{
	return keycmp(*(const ipm_tally_ent *const *)pa, *(const ipm_tally_ent *const *)pb);
}

const ipm_tally_ent **ipm_tally_sorted(const ipm_tally *t, enum ipm_tally_order o)
{
	const ipm_tally_ent **v = ipm_malloc((t->n ? t->n : 1) * sizeof *v);
	size_t i;

	for (i = 0; i < t->n; i++)
		v[i] = &t->ent[i];
	if (o == IPM_TALLY_BY_COUNT && t->n)
		qsort(v, t->n, sizeof *v, by_count);
	else if (o == IPM_TALLY_BY_KEY && t->n)
		qsort(v, t->n, sizeof *v, by_key);
	return v;
}

void ipm_tally_merge(ipm_tally *dst, const ipm_tally *src)
{
	size_t i;

	for (i = 0; i < src->n; i++) {
		const ipm_tally_ent *s = &src->ent[i];

		ipm_tally_setval(ipm_tally_add(dst, s->key, s->klen, s->n), s->val);
	}
}
