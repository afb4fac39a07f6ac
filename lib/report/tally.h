/* tally: counters keyed by byte strings, remembered in first-seen order.
 * Memory grows with the number of distinct keys, never with the number of
 * additions. Composite keys join their parts with IPM_TALLY_SEP. */
#ifndef IPM_TALLY_H
#define IPM_TALLY_H

#include <stddef.h>

#define IPM_TALLY_SEP '\x1f'

typedef struct {
	char *key;      /* NUL-terminated copy, owned by the tally */
	size_t klen;
	long n;         /* the count */
	size_t seq;     /* first-seen rank, 0-based */
	char *val;      /* first value attached (owned), or NULL */
} ipm_tally_ent;

typedef struct ipm_tally ipm_tally;

enum ipm_tally_order {
	IPM_TALLY_BY_COUNT,  /* count descending, then key bytewise */
	IPM_TALLY_BY_SEQ,    /* first seen first */
	IPM_TALLY_BY_KEY     /* key bytewise */
};

ipm_tally *ipm_tally_new(void);
void ipm_tally_free(ipm_tally *t);
/* Add n to key (created at 0 when new). Returns the entry, valid until the
 * next add or merge on t. */
ipm_tally_ent *ipm_tally_add(ipm_tally *t, const char *key, size_t klen, long n);
/* ipm_tally_add() on a NUL-terminated key. */
ipm_tally_ent *ipm_tally_addc(ipm_tally *t, const char *key, long n);
/* Attach a copy of v to e unless a value is already there. */
void ipm_tally_setval(ipm_tally_ent *e, const char *v);
/* The entry of key, or NULL. */
const ipm_tally_ent *ipm_tally_get(const ipm_tally *t, const char *key, size_t klen);
/* Count of key, 0 when absent. */
long ipm_tally_count(const ipm_tally *t, const char *key);
size_t ipm_tally_len(const ipm_tally *t);
/* Sum of all counts. */
long ipm_tally_total(const ipm_tally *t);
/* Entries in the given order: a malloc'd array of ipm_tally_len() pointers
 * into t (caller frees the array only; valid until t changes). */
const ipm_tally_ent **ipm_tally_sorted(const ipm_tally *t, enum ipm_tally_order o);
/* Add every count of src into dst; new keys keep src's first-seen order after
 * dst's; values of src fill dst entries that have none. */
void ipm_tally_merge(ipm_tally *dst, const ipm_tally *src);

#endif
