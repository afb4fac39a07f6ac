/* agg: group records and compute count / distinct / first / last / top N and
 * the numeric ops sum / mean / min / max / median / pNN per group, with
 * mergeable partial states.
 *
 * Groups are keyed by the tuple of the group fields' values. A list-like
 * field (JSON array, or a ';'-joined CSV cell: see ipm_rec_list) is exploded:
 * a record counts once in each of its distinct values, and once in every
 * combination when several group fields are lists. A null, absent or empty
 * value (or an empty list) is the empty group: an empty CSV cell, JSON null.
 *
 * Memory is proportional to the number of groups (plus, for distinct and top,
 * the number of distinct (group, value) pairs), never to the number of rows.
 * Output is sorted by the group tuple (byte order, field by field, empty
 * first), so it is byte-identical across runs and input orders.
 *
 * Partial rows (ipm_agg_write with partial=1) carry the full state of every
 * op: count as a number, distinct as the array of its values, first/last as
 * strings, top as the array of every "value:count" pair, sum/mean as
 * ["sum","compensation","n"] (Neumaier summation, printed to round-trip),
 * min/max as numbers, median/pNN as the array of every "value:count" pair
 * (the multiset of values: memory grows with the distinct values per group).
 * Each partial row carries "_spec", the command-line words of its spec;
 * merging refuses rows of another spec. Merging partials
 * (ipm_agg_merge_row) gives exactly the state of one run over all input
 * (sums: up to the last bits of the compensated sum).
 *
 * Numbers are JSON numbers or strings holding a decimal number (CSV cells):
 * [-+]digits[.digits][e[-+]digits]. Other values (empty, absent, text, lists)
 * are skipped by the numeric ops and counted (ipm_agg_report).
 * Percentiles are not interpolated, as Miller's default: the value at index
 * int(p*n/100) of the sorted values, clamped to n-1; median is p50. */
#ifndef IPM_AGG_H
#define IPM_AGG_H

#include <stddef.h>
#include <stdio.h>

#include "core/par.h"
#include "core/rec.h"

enum ipm_agg_kind { IPM_AGG_COUNT, IPM_AGG_DISTINCT, IPM_AGG_FIRST, IPM_AGG_LAST, IPM_AGG_TOP,
                    IPM_AGG_SUM, IPM_AGG_MEAN, IPM_AGG_MIN, IPM_AGG_MAX, IPM_AGG_PCT };
enum ipm_agg_bucket { IPM_BUCKET_NONE, IPM_BUCKET_MONTH, IPM_BUCKET_QUARTER };

struct ipm_agg_op {
	enum ipm_agg_kind kind;
	const char *field;     /* distinct/top/numeric ops: the field; first/last: NULL */
	long n;                /* top: how many values; pct: the percentile 0..100
	                        * (-50: median, written as median_F) */
};

struct ipm_agg_spec {
	const char *const *fields;   /* group fields (may be 0) */
	size_t nfields;
	const struct ipm_agg_op *ops;
	size_t nops;
	enum ipm_agg_bucket bucket;  /* adds a leading "month" or "quarter" column */
	const char *pivot;           /* pivot field (ops must all be count), or NULL */
	const char *date_field;      /* for buckets and first/last ["date"] */
};

typedef struct ipm_agg ipm_agg;

/* 1 when w starts an op ("count", "sum", "p90", ...), else 0. */
int ipm_agg_is_op(const char *w);
/* The words of the ops, for --help and messages ("count distinct F ..."). */
extern const char ipm_agg_op_list[];
/* Parse op words ("count", "distinct F", "first", "last", "top N F",
 * "sum F", "mean F", "min F", "max F", "median F", "pNN F") from
 * w[0..n). Returns how many words were used (stops at the first word that
 * does not start an op); *ops is a new array (caller frees) of *nops entries
 * pointing into w. On a malformed op returns -1 with a message in err. */
int ipm_agg_parse_ops(char **w, int n, struct ipm_agg_op **ops, size_t *nops,
                      char *err, size_t errlen);
/* NULL and a message in err when the spec is invalid (duplicate output
 * column, pivot with a non-count op). The spec's strings must outlive a. */
ipm_agg *ipm_agg_new(const struct ipm_agg_spec *spec, char *err, size_t errlen);
void ipm_agg_free(ipm_agg *a);
/* The input fields a reads (group, pivot, op and date fields), at most max
 * into out; returns how many there are. */
size_t ipm_agg_inputs(const ipm_agg *a, const char **out, size_t max);
/* Add one input record. */
void ipm_agg_add(ipm_agg *a, const ipm_rec *r);
/* Add one partial row. 0, or -1 with *why set when it is not a valid
 * partial row, or -2 when it is the partial row of another spec (*why then
 * names both specs). *why is valid until the next call. */
int ipm_agg_merge_row(ipm_agg *a, const ipm_rec *r, const char **why);
/* Add the whole state of src (same spec) into dst: as if dst had also read
 * src's input. src is unchanged. */
void ipm_agg_merge(ipm_agg *dst, const ipm_agg *src);
/* For ipm_par_read: a state per part of a file (spec sp, which must outlive
 * the read), each merged into a in file order. */
struct ipm_par_sink ipm_agg_sink(const struct ipm_agg_spec *sp, ipm_agg *a);
size_t ipm_agg_ngroups(const ipm_agg *a);
/* The spec as command-line words ("-g province count sum x"). */
const char *ipm_agg_spec_words(const ipm_agg *a);
/* After the input: warn on stderr about input fields that never occurred in
 * any record (when there was one) and, once per field, about values the
 * numeric ops skipped (with their counts when verbose). Returns the number
 * of warnings. */
size_t ipm_agg_report(const ipm_agg *a, int verbose);
/* Write every group, sorted; with no group column and no input, one row of
 * the empty state (count 0), as `mlr count` does. partial: state rows as JSON Lines (fmt ignored);
 * else result rows in fmt (pivoted when the spec has a pivot). 0 or -1 on a
 * write error. */
int ipm_agg_write(ipm_agg *a, FILE *fp, enum ipm_fmt fmt, char delim, int partial);

#endif
