/* agg output: result and partial rows, pivot tables, end-of-run reports. */
#include "agg_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/write.h"

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

/* Set key on out to the array of n pieces of tmp: piece i at off[i], of
 * length off[n + i]. Frees off. */
static void set_pieces(ipm_rec *out, const char *key, const ipm_buf *tmp, size_t *off, size_t n)
{
	const char **items = ipm_malloc((n ? n : 1) * sizeof *items);
	size_t i;

	for (i = 0; i < n; i++)
		items[i] = tmp->s + off[i];
	ipm_rec_set_arr(out, key, items, off + n, n);
	free(items);
	free(off);
}

/* Set op k of a group on out: the values (distinct partial) or value:count
 * pairs (top), sorted; at most max of them. */
static void put_set(ipm_agg *a, ipm_rec *out, size_t k, size_t *ent, size_t n,
                    int pairs, size_t max, ipm_buf *tmp)
{
	size_t i, len, *off;
	const char *s;

	g_agg = a;
	g_by_count = pairs;
	qsort(ent, n, sizeof *ent, cmp_entry);
	if (n > max)
		n = max;
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
	set_pieces(out, a->ocols[k], tmp, off, n);
}

/* The shortest %g text that reads back as x. */
static size_t fmt_num(double x, char *buf, size_t cap)
{
	int prec, n = 0;

	if (x == 0)
		x = 0;   /* no "-0" */
	for (prec = 15; prec <= 17; prec++) {
		n = snprintf(buf, cap, "%.*g", prec, x);
		if (strtod(buf, NULL) == x)
			break;
	}
	return (size_t)n;
}

static void set_num(ipm_rec *out, const char *col, double x)
{
	char b[40];

	ipm_rec_set_num_text(out, col, b, fmt_num(x, b, sizeof b));
}

static double entry_value(const ipm_agg *a, size_t e)
{
	size_t len;
	const char *k = ipm_hash_key(a->sets, e, &len);
	double x;

	memcpy(&x, k + 8, sizeof x);
	return x;
}

static int cmp_value(const void *x, const void *y)
{
	double u = entry_value(g_agg, *(const size_t *)x), v = entry_value(g_agg, *(const size_t *)y);

	return u < v ? -1 : u > v;
}

/* Op k (sum/mean/min/max/pct) of a group on out: the result, or with
 * partial its full state. ent[0..ne): the pct multiset's entries. */
static void put_num(ipm_agg *a, ipm_rec *out, size_t k, const struct num *m,
                    size_t *ent, size_t ne, int partial, ipm_buf *tmp)
{
	const struct ipm_agg_op *op = &a->sp.ops[k];
	char b[3][40];
	const char *items[3] = { b[0], b[1], b[2] };
	size_t lens[3], i, idx, *off;
	uint64_t seen;
	double p;

	switch (op->kind) {
	case IPM_AGG_SUM:
	case IPM_AGG_MEAN:
		if (partial) {
			lens[0] = fmt_num(m->sum, b[0], sizeof b[0]);
			lens[1] = fmt_num(m->comp, b[1], sizeof b[1]);
			lens[2] = (size_t)snprintf(b[2], sizeof b[2], "%llu", (unsigned long long)m->n);
			ipm_rec_set_arr(out, a->ocols[k], items, lens, 3);
		} else if (op->kind == IPM_AGG_SUM)
			set_num(out, a->ocols[k], m->sum + m->comp);
		else if (m->n)
			set_num(out, a->ocols[k], (m->sum + m->comp) / (double)m->n);
		else
			ipm_rec_set_null(out, a->ocols[k]);
		break;
	case IPM_AGG_MIN:
	case IPM_AGG_MAX:
		if (m->n)
			set_num(out, a->ocols[k], op->kind == IPM_AGG_MIN ? m->min : m->max);
		else
			ipm_rec_set_null(out, a->ocols[k]);
		break;
	default:   /* IPM_AGG_PCT */
		g_agg = a;
		qsort(ent, ne, sizeof *ent, cmp_value);
		if (partial) {
			off = ipm_malloc((ne ? ne : 1) * 2 * sizeof *off);
			ipm_buf_clear(tmp);
			for (i = 0; i < ne; i++) {
				off[i] = tmp->len;
				ipm_buf_reserve(tmp, 64);
				tmp->len += fmt_num(entry_value(a, ent[i]), tmp->s + tmp->len, 40);
				ipm_buf_printf(tmp, ":%llu", (unsigned long long)a->setc[ent[i]]);
				off[ne + i] = tmp->len - off[i];
			}
			set_pieces(out, a->ocols[k], tmp, off, ne);
			break;
		}
		if (!m->n) {
			ipm_rec_set_null(out, a->ocols[k]);
			break;
		}
		/* Miller's non-interpolated percentile: index int(p*n/100), clamped */
		p = (double)(op->n < 0 ? 50 : op->n) * (double)m->n / 100.0;
		idx = p < 0 ? 0 : p >= (double)m->n ? (size_t)m->n - 1 : (size_t)p;
		for (i = 0, seen = 0; i < ne; i++) {
			seen += a->setc[ent[i]];
			if (seen > idx)
				break;
		}
		set_num(out, a->ocols[k], entry_value(a, ent[i < ne ? i : ne - 1]));
		break;
	}
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
		if (is_num_op(op->kind))
			put_num(a, out, k, num_state(a, gid, k), x->ent + x->off[s],
			        x->off[s + 1] - x->off[s], partial, tmp);
		else if (op->kind == IPM_AGG_FIRST || op->kind == IPM_AGG_LAST)
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
		if (partial)
			ipm_rec_set_str(out, "_spec", a->spec.s, a->spec.len);
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
	if (a->ngc == 0 && ipm_hash_count(a->groups) == 0) {
		ipm_buf_clear(&a->key);   /* no input: the one total row, count 0 */
		ipm_agg_group_id(a);
	}
	cols = ipm_malloc((a->ngc + a->sp.nops + 2) * sizeof *cols);
	for (i = 0; i < a->ngc; i++)
		cols[i] = a->gcols[i];
	for (i = 0; i < a->sp.nops; i++)
		cols[a->ngc + i] = a->ocols[i];
	if (partial)
		cols[a->ngc + a->sp.nops] = "_spec";
	w = ipm_writer_open(fp, fmt, delim, cols, a->ngc + a->sp.nops + (partial != 0));
	free(cols);
	rc = write_rows(a, w, partial);
	if (ipm_writer_close(w) != 0)
		rc = -1;
	return rc;
}

/* ------------------------------------------------------------- reports */

size_t ipm_agg_report(const ipm_agg *a, int verbose)
{
	size_t i, j, nw = 0;
	uint64_t e, b;

	for (i = a->sp.bucket != IPM_BUCKET_NONE; a->nrec && i < a->ngc; i++)
		if (!a->gl[i].seen) {
			ipm_err(NULL, 0, "field '%s' never occurs (in %zu records)", a->gcols[i], a->nrec);
			nw++;
		}
	for (i = 0; i < a->sp.nops; i++) {
		if (!is_num_op(a->sp.ops[i].kind) && a->sp.ops[i].kind != IPM_AGG_DISTINCT &&
		    a->sp.ops[i].kind != IPM_AGG_TOP)
			continue;
		for (j = 0; j < i; j++)   /* once per field */
			if (a->sp.ops[j].field && strcmp(a->sp.ops[j].field, a->sp.ops[i].field) == 0 &&
			    (is_num_op(a->sp.ops[j].kind) || !is_num_op(a->sp.ops[i].kind)))
				break;
		if (j < i)
			continue;
		if (a->nrec && !a->ol[i].seen) {
			ipm_err(NULL, 0, "field '%s' never occurs (in %zu records)", a->sp.ops[i].field, a->nrec);
			nw++;
			continue;
		}
		e = a->nempty[i];
		b = a->nbad[i];
		if (!is_num_op(a->sp.ops[i].kind) || (e == 0 && b == 0))
			continue;
		nw++;
		if (verbose)
			ipm_err(NULL, 0, "field '%s': %llu of %zu values skipped (%llu empty, %llu not a number)",
			        a->sp.ops[i].field, (unsigned long long)(e + b), a->nrec,
			        (unsigned long long)e, (unsigned long long)b);
		else
			ipm_err(NULL, 0, "field '%s': empty or non-numeric values skipped (-v counts them)",
			        a->sp.ops[i].field);
	}
	return nw;
}
