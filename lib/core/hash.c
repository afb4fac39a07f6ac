#include "hash.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Keys live in big chunks; the table holds (index, hash tag) slots, open
 * addressing with linear probing, load factor <= 1/2. The tag (the hash's
 * high half) lets a probe pass other keys' slots without reading their
 * entries: at a million keys each entry read is a cache miss. */
struct ent {
	const char *key;
	size_t len;
	uint64_t h;
};

struct slot {
	uint32_t idx;          /* index + 1, 0 = empty */
	uint32_t tag;          /* the key's hash >> 32 */
};

struct ipm_hash {
	struct slot *slot;
	size_t nslot;          /* power of two */
	struct ent *e;
	size_t n, cap;
	char **chunks;
	size_t nchunks, used, chunk_cap;
};

ipm_hash *ipm_hash_new(void)
{
	ipm_hash *h = ipm_calloc(1, sizeof *h);

	h->nslot = 64;
	h->slot = ipm_calloc(h->nslot, sizeof *h->slot);
	return h;
}

void ipm_hash_free(ipm_hash *h)
{
	size_t i;

	if (!h)
		return;
	for (i = 0; i < h->nchunks; i++)
		free(h->chunks[i]);
	free(h->chunks);
	free(h->slot);
	free(h->e);
	free(h);
}

/* FNV-1a over 8-byte words with a final avalanche: fast and portable. */
uint64_t ipm_hash_bytes(const void *p, size_t len)
{
	const unsigned char *s = p;
	uint64_t h = 0xcbf29ce484222325ULL ^ len, w;
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		memcpy(&w, s + i, 8);
		h = (h ^ w) * 0x100000001b3ULL;
		h ^= h >> 29;
	}
	for (; i < len; i++)
		h = (h ^ s[i]) * 0x100000001b3ULL;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h;
}

static uint64_t load64(const unsigned char *p)
{
	uint64_t w;

	memcpy(&w, p, 8);
	return w;
}

static uint64_t load32(const unsigned char *p)
{
	uint32_t w;

	memcpy(&w, p, 4);
	return w;
}

static uint64_t fold(uint64_t h, uint64_t w)
{
	h = (h ^ w) * 0x9E3779B97F4A7C15ULL;
	return h ^ (h >> 32);
}

/* The table's own hash, faster than ipm_hash_bytes on short keys (the tail
 * is one or two overlapping loads, not a byte loop); the table's order is
 * never visible, so it may change, unlike ipm_hash_bytes (event ids). */
static uint64_t table_hash(const void *key, size_t len)
{
	const unsigned char *p = key;
	uint64_t h = 0x243F6A8885A308D3ULL ^ len;

	for (; len > 8; p += 8, len -= 8)
		h = fold(h, load64(p));
	if (len >= 4)
		h = fold(h, load32(p) | load32(p + len - 4) << 32);
	else if (len > 0)
		h = fold(h, (uint64_t)p[0] | (uint64_t)p[len >> 1] << 8 | (uint64_t)p[len - 1] << 16);
	h ^= h >> 29;
	h *= 0xBF58476D1CE4E5B9ULL;
	return h ^ (h >> 32);
}

static const char *store(ipm_hash *h, const void *key, size_t len)
{
	char *p;

	if (!h->nchunks || h->chunk_cap - h->used < len + 1) {
		h->chunk_cap = len + 1 > 65536 ? len + 1 : 65536;
		h->chunks = ipm_realloc(h->chunks, (h->nchunks + 1) * sizeof *h->chunks);
		h->chunks[h->nchunks++] = ipm_malloc(h->chunk_cap);
		h->used = 0;
	}
	p = h->chunks[h->nchunks - 1] + h->used;
	if (len)
		memcpy(p, key, len);
	p[len] = '\0';
	h->used += len + 1;
	return p;
}

static void grow(ipm_hash *h)
{
	size_t i, j, mask;

	free(h->slot);
	h->nslot *= 2;
	mask = h->nslot - 1;
	h->slot = ipm_calloc(h->nslot, sizeof *h->slot);
	for (i = 0; i < h->n; i++) {
		for (j = h->e[i].h & mask; h->slot[j].idx; j = (j + 1) & mask)
			;
		h->slot[j].idx = (uint32_t)(i + 1);
		h->slot[j].tag = (uint32_t)(h->e[i].h >> 32);
	}
}

/* Slot position of key: its slot, or the empty slot where it would go. */
static size_t probe(const ipm_hash *h, const void *key, size_t len, uint64_t hv)
{
	size_t mask = h->nslot - 1, j;
	uint32_t tag = (uint32_t)(hv >> 32);
	const struct ent *e;

	for (j = hv & mask; h->slot[j].idx; j = (j + 1) & mask) {
		if (h->slot[j].tag != tag)
			continue;
		e = &h->e[h->slot[j].idx - 1];
		if (e->h == hv && e->len == len && (len == 0 || memcmp(e->key, key, len) == 0))
			break;
	}
	return j;
}

size_t ipm_hash_put(ipm_hash *h, const void *key, size_t len, int *isnew)
{
	uint64_t hv = table_hash(key, len);
	size_t j = probe(h, key, len, hv);

	if (h->slot[j].idx) {
		if (isnew)
			*isnew = 0;
		return h->slot[j].idx - 1;
	}
	if (h->n >= UINT32_MAX - 1)
		ipm_die(IPM_EXIT_DATA, "hash table full (%zu keys)", h->n);
	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 64;
		h->e = ipm_realloc(h->e, h->cap * sizeof *h->e);
	}
	h->e[h->n].key = store(h, key, len);
	h->e[h->n].len = len;
	h->e[h->n].h = hv;
	h->slot[j].idx = (uint32_t)(h->n + 1);
	h->slot[j].tag = (uint32_t)(hv >> 32);
	h->n++;
	if (h->n * 2 > h->nslot)
		grow(h);
	if (isnew)
		*isnew = 1;
	return h->n - 1;
}

long ipm_hash_find(const ipm_hash *h, const void *key, size_t len)
{
	size_t j = probe(h, key, len, table_hash(key, len));

	return h->slot[j].idx ? (long)h->slot[j].idx - 1 : -1;
}

size_t ipm_hash_count(const ipm_hash *h) { return h->n; }

const char *ipm_hash_key(const ipm_hash *h, size_t i, size_t *len)
{
	if (len)
		*len = h->e[i].len;
	return h->e[i].key;
}
