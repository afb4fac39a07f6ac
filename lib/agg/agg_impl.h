/* agg_impl: the state of an ipm_agg, shared by agg.c (spec, input, merge)
 * and agg_out.c (output, reports). Not a public header. */
#ifndef IPM_AGG_IMPL_H
#define IPM_AGG_IMPL_H

#include <stdint.h>

#include "agg.h"
#include "core/hash.h"
#include "core/util.h"

/* A growable list of (pointer, length) items borrowed from a record. */
struct list {
	const char **it;
	size_t *len;
	size_t n, cap;
	ipm_buf fix;           /* items with invalid UTF-8, as U+FFFD-sanitized copies */
	ipm_rec_hint hint;     /* where the field was in the last record */
	int seen;              /* the field occurred in some record */
	int unchecked;         /* one item, its UTF-8 not checked yet (see record_group) */
};

/* Numeric state of one op in one group: Neumaier-compensated sum. */
struct num {
	double sum, comp, min, max;
	uint64_t n;
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
	struct num *num;       /* num[gid * nops + k]: sum/mean/min/max/pct state */
	double *nv;            /* per op: the number of the current record */
	int *nvok;             /* per op: 1 number, 0 skipped */
	size_t *same;          /* per numeric op: an earlier numeric op on its field + 1, or 0 */
	size_t *share;         /* per sum/mean op: an earlier sum/mean op on its field + 1, whose
	                        * state it reads (one sum a field), or 0 */
	uint64_t *nempty, *nbad;   /* per op: values skipped as empty / not numbers */
	size_t nrec;           /* records added (not partial rows) */
	ipm_buf spec;          /* the spec as command-line words */
	ipm_buf msg;           /* merge messages */
};

static inline int is_num_op(enum ipm_agg_kind k)
{
	return k == IPM_AGG_SUM || k == IPM_AGG_MEAN || k == IPM_AGG_MIN || k == IPM_AGG_MAX ||
	       k == IPM_AGG_PCT;
}

/* sum and mean: one compensated sum (partial rows carry it whole). */
static inline int is_sum_op(enum ipm_agg_kind k) { return k == IPM_AGG_SUM || k == IPM_AGG_MEAN; }

/* agg.c */
/* The group id of the key in a->key (created, with zeroed state, when new). */
size_t ipm_agg_group_id(ipm_agg *a);

/* The numeric state of op k in group gid (a sum and a mean of one field
 * share one: see share). */
static inline struct num *num_state(const struct ipm_agg *a, size_t gid, size_t k)
{
	return &a->num[gid * a->sp.nops + (a->share[k] ? a->share[k] - 1 : k)];
}

#endif
