/* rec: a record, an ordered key -> value map that owns its bytes (an arena
 * freed with the record). Readers are in read*.c, the writer in write.c. */
#include "rec.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rec_impl.h"
#include "util.h"

/* ---------------------------------------------------------------- arena */

static void *arena_alloc(struct arena *a, size_t n)
{
	struct chunk *c = a->head;
	size_t cap;

	n = (n + 7) & ~(size_t)7;
	if (!c || c->cap - c->used < n) {
		cap = c ? c->cap * 2 : 4096;
		while (cap < n)
			cap *= 2;
		c = ipm_malloc(sizeof *c + cap);
		c->cap = cap;
		c->used = 0;
		c->next = a->head;
		a->head = c;
	}
	c->used += n;
	return c->data + c->used - n;
}

/* A first chunk of exactly n bytes. */
static void arena_grow(struct arena *a, size_t n)
{
	struct chunk *c = ipm_malloc(sizeof *c + n);

	c->cap = n;
	c->used = 0;
	c->next = a->head;
	a->head = c;
}

/* Keep only the newest (largest) chunk so a reused record stops allocating. */
static void arena_reset(struct arena *a)
{
	struct chunk *c, *next;

	if (!a->head)
		return;
	for (c = a->head->next; c; c = next) {
		next = c->next;
		free(c);
	}
	a->head->next = NULL;
	a->head->used = 0;
}

static void arena_free(struct arena *a)
{
	struct chunk *c, *next;

	for (c = a->head; c; c = next) {
		next = c->next;
		free(c);
	}
	a->head = NULL;
}

static char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* --------------------------------------------------------------- record */


ipm_rec *ipm_rec_new(void)
{
	return ipm_calloc(1, sizeof(ipm_rec));
}

uint64_t rec_shape_new(void)
{
	static _Atomic uint64_t last;

	return ++last;
}

void ipm_rec_clear(ipm_rec *r)
{
	r->n = 0;
	r->shape = 0;
	r->file = NULL;
	r->line = 0;
	arena_reset(&r->a);
	if (r->ix)
		memset(r->ix, 0, r->ixcap * sizeof *r->ix);
}

void ipm_rec_free(ipm_rec *r)
{
	if (!r)
		return;
	arena_free(&r->a);
	free(r->f);
	free(r->ix);
	free(r);
}

void ipm_rec_set_pos(ipm_rec *r, const char *file, long line)
{
	r->file = file ? arena_strndup(&r->a, file, strlen(file)) : NULL;
	r->line = line;
}

const char *ipm_rec_file(const ipm_rec *r) { return r->file; }
long ipm_rec_line(const ipm_rec *r) { return r->line; }
size_t ipm_rec_nfields(const ipm_rec *r) { return r->n; }
const char *ipm_rec_key(const ipm_rec *r, size_t i) { return i < r->n ? r->f[i].key : NULL; }
const ipm_val *ipm_rec_val(const ipm_rec *r, size_t i) { return i < r->n ? &r->f[i].v : NULL; }

uint32_t rec_key_hash(const char *key, size_t *lenp)
{
	const unsigned char *p = (const unsigned char *)key;
	uint32_t h = 2166136261u;

	while (*p)
		h = (h ^ *p++) * 16777619u;
	if (lenp)
		*lenp = (size_t)(p - (const unsigned char *)key);
	return h;
}

static void ix_put(ipm_rec *r, size_t i)
{
	size_t mask = r->ixcap - 1, j = r->f[i].h & mask;

	while (r->ix[j])
		j = (j + 1) & mask;
	r->ix[j] = (uint32_t)(i + 1);
}

static void ix_build(ipm_rec *r)
{
	size_t i;

	r->ixcap = 64;
	while (r->ixcap < 2 * r->n + 2)
		r->ixcap *= 2;
	free(r->ix);
	r->ix = ipm_calloc(r->ixcap, sizeof *r->ix);
	for (i = 0; i < r->n; i++)
		ix_put(r, i);
}

void rec_indexed(ipm_rec *r)
{
	if (r->ix && 2 * r->n + 2 <= r->ixcap)
		ix_put(r, r->n - 1);
	else if (r->ix || r->n > REC_IX_MIN)
		ix_build(r);
}

static struct field *find_h(const ipm_rec *r, const char *key, uint32_t h)
{
	if (r->ix && r->n > REC_IX_MIN) {
		size_t mask = r->ixcap - 1, j = h & mask;
		uint32_t v;

		for (; (v = r->ix[j]) != 0; j = (j + 1) & mask)
			if (r->f[v - 1].h == h && strcmp(r->f[v - 1].key, key) == 0)
				return &r->f[v - 1];
		return NULL;
	}
	size_t i;

	for (i = 0; i < r->n; i++)
		if (r->f[i].h == h && strcmp(r->f[i].key, key) == 0)
			return &r->f[i];
	return NULL;
}

static struct field *find(const ipm_rec *r, const char *key)
{
	return find_h(r, key, rec_key_hash(key, NULL));
}

const ipm_val *ipm_rec_get(const ipm_rec *r, const char *key)
{
	struct field *f = find(r, key);

	return f ? &f->v : NULL;
}

const char *ipm_rec_str(const ipm_rec *r, const char *key)
{
	const ipm_val *v = ipm_rec_get(r, key);

	if (!v || !(v->t == IPM_V_STR || v->t == IPM_V_NUM || v->t == IPM_V_BOOL))
		return NULL;
	return v->s;
}

long ipm_rec_long(const ipm_rec *r, const char *key, long def)
{
	const char *s = ipm_rec_str(r, key);
	long v;

	if (!s || ipm_parse_long(s, LONG_MIN, LONG_MAX, &v) != 0)
		return def;
	return v;
}

const ipm_val *ipm_rec_get_hinted(const ipm_rec *r, const char *key, ipm_rec_hint *hint)
{
	struct field *f;

	/* a record of the shape the hint was made on: no compare at all */
	if (r->shape && hint->shape == r->shape)
		return hint->pos < r->n ? &r->f[hint->pos].v : NULL;
	/* the same key string (a CSV header name) or an equal one (keys copied
	 * into a reused record can reappear at an old address with new text) */
	if (hint->pos < r->n && (f = &r->f[hint->pos], strcmp(f->key, key) == 0)) {
		hint->shape = r->shape;
		return &f->v;
	}
	f = find(r, key);
	hint->pos = f ? (size_t)(f - r->f) : SIZE_MAX;   /* absent from the shape too */
	hint->shape = r->shape;
	return f ? &f->v : NULL;
}

size_t ipm_rec_list(const ipm_rec *r, const char *key, const char **items,
                    size_t *lens, size_t max)
{
	return ipm_val_list(ipm_rec_get(r, key), items, lens, max);
}

size_t ipm_val_list(const ipm_val *v, const char **items, size_t *lens, size_t max)
{
	const char *p, *e, *semi;
	size_t n = 0, i;

	if (!v)
		return 0;
	switch (v->t) {
	case IPM_V_ARR:
		for (i = 0; i < v->n; i++, n++)
			if (n < max) {
				items[n] = v->items[i];
				lens[n] = v->ilen[i];
			}
		return n;
	case IPM_V_STR:
		if (v->len == 0)
			return 0;
		for (p = v->s, e = v->s + v->len;; p = semi + 1, n++) {
			semi = memchr(p, ';', (size_t)(e - p));
			if (n < max) {
				items[n] = p;
				lens[n] = (size_t)((semi ? semi : e) - p);
			}
			if (!semi)
				return n + 1;
		}
	case IPM_V_NUM:
	case IPM_V_BOOL:
		if (max > 0) {
			items[0] = v->s;
			lens[0] = v->len;
		}
		return 1;
	default:
		return 0;
	}
}

/* Find or append the field for key; its value is reset to null. */
static struct field *slot(ipm_rec *r, const char *key)
{
	size_t klen;
	uint32_t h = rec_key_hash(key, &klen);
	struct field *f = find_h(r, key, h);

	if (!f) {
		if (r->n == r->cap) {
			r->cap = r->cap ? r->cap * 2 : 16;
			r->f = ipm_realloc(r->f, r->cap * sizeof *r->f);
		}
		f = &r->f[r->n++];
		f->key = arena_strndup(&r->a, key, klen);
		f->h = h;
		r->shape = 0;   /* a new key: no longer the shape a hint knows */
		rec_indexed(r);
	}
	memset(&f->v, 0, sizeof f->v);
	return f;
}

static void set_text(ipm_rec *r, const char *key, enum ipm_vt t, const char *s, size_t len)
{
	struct field *f = slot(r, key);

	f->v.t = t;
	f->v.s = arena_strndup(&r->a, s, len);
	f->v.len = len;
}

void ipm_rec_set_null(ipm_rec *r, const char *key) { slot(r, key); }

void ipm_rec_set_str(ipm_rec *r, const char *key, const char *s, size_t len)
{
	set_text(r, key, IPM_V_STR, s ? s : "", s ? len : 0);
}

void ipm_rec_set_cstr(ipm_rec *r, const char *key, const char *s)
{
	if (!s)
		ipm_rec_set_null(r, key);
	else
		set_text(r, key, IPM_V_STR, s, strlen(s));
}

void ipm_rec_set_long(ipm_rec *r, const char *key, long v)
{
	char tmp[32];
	int n = snprintf(tmp, sizeof tmp, "%ld", v);

	set_text(r, key, IPM_V_NUM, tmp, (size_t)n);
}

void ipm_rec_set_double(ipm_rec *r, const char *key, double v)
{
	char tmp[64];
	int n;

	if (!isfinite(v)) {
		ipm_rec_set_null(r, key);
		return;
	}
	n = snprintf(tmp, sizeof tmp, "%.15g", v);
	set_text(r, key, IPM_V_NUM, tmp, (size_t)n);
}

void ipm_rec_set_bool(ipm_rec *r, const char *key, int v)
{
	set_text(r, key, IPM_V_BOOL, v ? "true" : "false", v ? 4 : 5);
}

void ipm_rec_set_num_text(ipm_rec *r, const char *key, const char *s, size_t len)
{
	set_text(r, key, IPM_V_NUM, s, len);
}

void ipm_rec_set_raw(ipm_rec *r, const char *key, const char *json, size_t len)
{
	set_text(r, key, IPM_V_RAW, json, len);
}

void ipm_rec_set_arr(ipm_rec *r, const char *key, const char *const *items,
                     const size_t *lens, size_t n)
{
	const char **it = arena_alloc(&r->a, (n ? n : 1) * sizeof *it);
	size_t *ln = arena_alloc(&r->a, (n ? n : 1) * sizeof *ln);
	struct field *f;
	size_t i;

	for (i = 0; i < n; i++) {
		ln[i] = lens ? lens[i] : strlen(items[i]);
		it[i] = arena_strndup(&r->a, items[i], ln[i]);
	}
	f = slot(r, key);
	f->v.t = IPM_V_ARR;
	f->v.items = it;
	f->v.ilen = ln;
	f->v.n = n;
}

void ipm_rec_arr_push(ipm_rec *r, const char *key, const char *s, size_t len)
{
	struct field *f = find(r, key);
	const char **it;
	size_t *ln, n = 0;

	if (f && f->v.t == IPM_V_ARR)
		n = f->v.n;
	/* arrays are rebuilt on push: arena memory is reclaimed at clear */
	it = arena_alloc(&r->a, (n + 1) * sizeof *it);
	ln = arena_alloc(&r->a, (n + 1) * sizeof *ln);
	if (n) {
		memcpy(it, f->v.items, n * sizeof *it);
		memcpy(ln, f->v.ilen, n * sizeof *ln);
	}
	it[n] = arena_strndup(&r->a, s, len);
	ln[n] = len;
	if (!f)
		f = slot(r, key);
	f->v.t = IPM_V_ARR;
	f->v.items = it;
	f->v.ilen = ln;
	f->v.n = n + 1;
	f->v.s = NULL;
	f->v.len = 0;
}

void ipm_rec_del(ipm_rec *r, const char *key)
{
	struct field *f = find(r, key);

	if (!f)
		return;
	memmove(f, f + 1, (size_t)(r->f + r->n - (f + 1)) * sizeof *f);
	r->n--;
	r->shape = 0;
	if (r->ix)
		ix_build(r);
}

void ipm_rec_copy(ipm_rec *dst, const ipm_rec *src)
{
	size_t i;
	const ipm_val *v;

	if (dst == src)
		return;
	ipm_rec_clear(dst);
	if (!dst->a.head && !dst->cap) {
		/* a fresh record (a copy kept for later): one chunk and one field
		 * array of the right size, not the 4 KB a record built up takes */
		size_t need = 64 + (src->file ? strlen(src->file) + 8 : 0);
		for (i = 0; i < src->n; i++) {
			v = &src->f[i].v;
			need += strlen(src->f[i].key) + 8 + (v->t == IPM_V_ARR ? v->n * 32 + 16 : v->len + 8);
			if (v->t == IPM_V_ARR) {
				size_t k;
				for (k = 0; k < v->n; k++)
					need += v->ilen[k] + 8;
			}
		}
		arena_grow(&dst->a, need);
		dst->cap = src->n ? src->n : 1;
		dst->f = ipm_malloc(dst->cap * sizeof *dst->f);
	}
	for (i = 0; i < src->n; i++) {
		v = &src->f[i].v;
		if (v->t == IPM_V_ARR)
			ipm_rec_set_arr(dst, src->f[i].key, v->items, v->ilen, v->n);
		else if (v->t == IPM_V_NULL)
			ipm_rec_set_null(dst, src->f[i].key);
		else
			set_text(dst, src->f[i].key, v->t, v->s, v->len);
	}
	ipm_rec_set_pos(dst, src->file, src->line);
}

