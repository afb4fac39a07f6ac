/* hash: an interning hash table of byte strings. Each distinct key gets a
 * dense index 0, 1, 2, ... in insertion order, so callers keep per-key state
 * in their own parallel arrays. Keys are copied into the table's arena.
 * Memory is proportional to the number and size of distinct keys. */
#ifndef IPM_HASH_H
#define IPM_HASH_H

#include <stddef.h>
#include <stdint.h>

typedef struct ipm_hash ipm_hash;

ipm_hash *ipm_hash_new(void);
void ipm_hash_free(ipm_hash *h);
/* 64-bit hash of len bytes (deterministic across runs and machines). */
uint64_t ipm_hash_bytes(const void *p, size_t len);
/* Index of key, inserting it when absent (then *isnew = 1, else 0; isnew may
 * be NULL). Indexes are dense and never change. */
size_t ipm_hash_put(ipm_hash *h, const void *key, size_t len, int *isnew);
/* Index of key, or -1 when absent. */
long ipm_hash_find(const ipm_hash *h, const void *key, size_t len);
/* Number of keys. */
size_t ipm_hash_count(const ipm_hash *h);
/* Key bytes of index i (owned by the table, valid until it is freed); *len set. */
const char *ipm_hash_key(const ipm_hash *h, size_t i, size_t *len);

#endif
