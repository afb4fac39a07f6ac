/* Aho–Corasick: a byte trie built with first-child/next-sibling lists, then
 * frozen into sorted edge arrays (root gets a full 256-entry table, since
 * every scan step that fails falls back to it). */
#include "match.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"

#define DENSE_DEPTH 2      /* nodes this close to the root get dense rows … */
#define DENSE_MAX 8192     /* … up to this many rows (8 MB) */

/* What a scan step needs of a node, in one place (one cache line fetch):
 * its edges are edge[eoff .. next node's eoff), its fail link, its code. */
struct snode {
	uint32_t eoff, fail, code;
};

struct ipm_matcher {
	/* build phase (trie as first-child / next-sibling lists) */
	uint32_t *child, *sib;
	unsigned char *byte;
	/* per node */
	int32_t *pat;        /* pattern id ending here, or -1 */
	uint32_t *depth;     /* bytes from the root */
	uint32_t *fail;      /* longest proper suffix that is a trie node */
	uint32_t *out;       /* nearest node on the fail chain with a pattern, 0 if none */
	/* frozen edges: node v's edges are ebyte/eto[eoff[v] .. eoff[v+1]) */
	uint32_t *eoff, *eto;
	unsigned char *ebyte;
	uint32_t root[256];
	int32_t *drow;       /* per node: row in dense, or -1 */
	uint32_t *dense;     /* complete 256-way transitions of shallow nodes, as codes */
	uint32_t *rowstate;  /* per dense row: its node */
	struct snode *nd;    /* scan-time node records (nnodes + 1) */
	uint32_t *edge;      /* scan-time edges: byte << 24 | child, sorted per node */
	size_t nnodes, cap, npat;
	int built;
};

ipm_matcher *ipm_matcher_new(void)
{
	ipm_matcher *m = ipm_calloc(1, sizeof *m);

	m->cap = 256;
	m->child = ipm_calloc(m->cap, sizeof *m->child);
	m->sib = ipm_calloc(m->cap, sizeof *m->sib);
	m->byte = ipm_calloc(m->cap, 1);
	m->pat = ipm_malloc(m->cap * sizeof *m->pat);
	m->depth = ipm_calloc(m->cap, sizeof *m->depth);
	m->pat[0] = -1;
	m->nnodes = 1;
	return m;
}

void ipm_matcher_free(ipm_matcher *m)
{
	if (!m)
		return;
	free(m->child);
	free(m->sib);
	free(m->byte);
	free(m->pat);
	free(m->depth);
	free(m->fail);
	free(m->out);
	free(m->eoff);
	free(m->eto);
	free(m->ebyte);
	free(m->drow);
	free(m->dense);
	free(m->rowstate);
	free(m->nd);
	free(m->edge);
	free(m);
}

static uint32_t new_node(ipm_matcher *m, unsigned char c, uint32_t depth)
{
	uint32_t v;

	if (m->nnodes == m->cap) {
		if (m->cap >= (1u << 24) / 2)   /* a packed edge holds a 24-bit node id */
			ipm_die(IPM_EXIT_DATA, "match: too many trie nodes");
		m->cap *= 2;
		m->child = ipm_realloc(m->child, m->cap * sizeof *m->child);
		m->sib = ipm_realloc(m->sib, m->cap * sizeof *m->sib);
		m->byte = ipm_realloc(m->byte, m->cap);
		m->pat = ipm_realloc(m->pat, m->cap * sizeof *m->pat);
		m->depth = ipm_realloc(m->depth, m->cap * sizeof *m->depth);
	}
	v = (uint32_t)m->nnodes++;
	m->child[v] = m->sib[v] = 0;
	m->byte[v] = c;
	m->pat[v] = -1;
	m->depth[v] = depth;
	return v;
}

int ipm_matcher_add(ipm_matcher *m, const char *pat, size_t len)
{
	uint32_t v = 0, c;
	size_t i;

	if (len == 0 || m->built || len > UINT32_MAX / 2)
		return -1;
	for (i = 0; i < len; i++) {
		unsigned char b = (unsigned char)pat[i];

		for (c = m->child[v]; c && m->byte[c] != b; c = m->sib[c])
			;
		if (!c) {
			c = new_node(m, b, (uint32_t)i + 1);
			m->sib[c] = m->child[v];
			m->child[v] = c;
		}
		v = c;
	}
	if (m->pat[v] < 0)
		m->pat[v] = (int32_t)m->npat++;
	return m->pat[v];
}

size_t ipm_matcher_count(const ipm_matcher *m) { return m->npat; }

/* Sort one node's edges by byte; insertion sort, as a node has at most 256. */
static void sort_edges(uint32_t *to, size_t n, const unsigned char *byte)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		uint32_t x = to[i];

		for (j = i; j > 0 && byte[to[j - 1]] > byte[x]; j--)
			to[j] = to[j - 1];
		to[j] = x;
	}
}

/* Lay the children of every node out contiguously, sorted by byte for bsearch. */
static void freeze(ipm_matcher *m)
{
	size_t v, k = 0, n;
	uint32_t c;

	m->eoff = ipm_malloc((m->nnodes + 1) * sizeof *m->eoff);
	m->eto = ipm_malloc((m->nnodes ? m->nnodes : 1) * sizeof *m->eto);
	m->ebyte = ipm_malloc(m->nnodes ? m->nnodes : 1);
	for (v = 0; v < m->nnodes; v++) {
		m->eoff[v] = (uint32_t)k;
		n = k;
		for (c = m->child[v]; c; c = m->sib[c])
			m->eto[k++] = c;
		sort_edges(m->eto + n, k - n, m->byte);
		for (n = m->eoff[v]; n < k; n++)
			m->ebyte[n] = m->byte[m->eto[n]];
	}
	m->eoff[m->nnodes] = (uint32_t)k;
}

static uint32_t edge(const ipm_matcher *m, uint32_t v, unsigned char b)
{
	uint32_t lo = m->eoff[v], hi = m->eoff[v + 1];

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (m->ebyte[mid] == b)
			return m->eto[mid];
		if (m->ebyte[mid] < b)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* A scan state as one word: the dense row of the node, or the node with
 * C_SPARSE when it has no row; C_OUT when a pattern ends there or on its fail
 * chain. The scan loop then needs one load per byte in the common case. */
#define C_SPARSE 0x80000000u
#define C_OUT    0x40000000u
#define C_MASK   0x3fffffffu

static uint32_t code_of(const ipm_matcher *m, uint32_t v)
{
	uint32_t c = m->drow[v] >= 0 ? (uint32_t)m->drow[v] : v | C_SPARSE;

	return m->pat[v] >= 0 || m->out[v] ? c | C_OUT : c;
}

static uint32_t node_of(const ipm_matcher *m, uint32_t c)
{
	return c & C_SPARSE ? c & C_MASK : m->rowstate[c & C_MASK];
}

/* Build-time transition (node ids), for the fail links. */
static uint32_t step(const ipm_matcher *m, uint32_t s, unsigned char b)
{
	uint32_t t;

	for (;;) {
		if (s == 0)
			return m->root[b];
		if ((t = edge(m, s, b)) != 0)
			return t;
		s = m->fail[s];
	}
}

/* The packed tables for scanning: node records and edges with their byte. */
static void pack(ipm_matcher *m)
{
	size_t v, e;

	m->nd = ipm_malloc((m->nnodes + 1) * sizeof *m->nd);
	m->edge = ipm_malloc((m->eoff[m->nnodes] ? m->eoff[m->nnodes] : 1) * sizeof *m->edge);
	for (v = 0; v < m->nnodes; v++) {
		m->nd[v].eoff = m->eoff[v];
		m->nd[v].fail = m->fail[v];
		m->nd[v].code = code_of(m, (uint32_t)v);
	}
	m->nd[m->nnodes].eoff = m->eoff[m->nnodes];
	for (e = 0; e < m->eoff[m->nnodes]; e++)
		m->edge[e] = (uint32_t)m->ebyte[e] << 24 | m->eto[e];
}

/* The code after byte b from sparse node s: its own edge, else along the
 * fail chain until a node with a dense row answers. */
static uint32_t step_code(const ipm_matcher *m, uint32_t s, unsigned char b)
{
	uint32_t key = (uint32_t)b << 24, c;

	for (;;) {
		uint32_t lo = m->nd[s].eoff, hi = m->nd[s + 1].eoff;

		while (lo < hi) {
			uint32_t mid = lo + (hi - lo) / 2, x = m->edge[mid] & 0xff000000u;

			if (x == key)
				return m->nd[m->edge[mid] & 0xffffffu].code;
			if (x < key)
				lo = mid + 1;
			else
				hi = mid;
		}
		s = m->nd[s].fail;
		c = m->nd[s].code;
		if (!(c & C_SPARSE))
			return m->dense[(size_t)(c & C_MASK) * 256 + b];
	}
}

/* Most scan steps happen one or two bytes below the root (a CJK character
 * that starts no pattern): give those nodes complete 256-way rows. queue
 * holds the nodes in BFS order, so a node's fail target is done before it. */
static void densify(ipm_matcher *m, const uint32_t *queue, uint32_t n)
{
	uint32_t i, rows = 0;

	m->drow = ipm_malloc(m->nnodes * sizeof *m->drow);
	memset(m->drow, 0xff, m->nnodes * sizeof *m->drow);
	for (i = 0; i < n && m->depth[queue[i]] <= DENSE_DEPTH && rows < DENSE_MAX; i++)
		rows++;
	m->dense = ipm_malloc(((size_t)rows + 1) * 256 * sizeof *m->dense);
	memcpy(m->dense, m->root, sizeof m->root);   /* row 0: the root */
	m->drow[0] = 0;
	/* row(v) = row(fail(v)) with v's own edges on top: the same as step(v, b)
	 * for every b, since the shallower fail(v) already has its row */
	m->rowstate = ipm_malloc(((size_t)rows + 1) * sizeof *m->rowstate);
	m->rowstate[0] = 0;
	for (i = 0; i < rows; i++) {
		uint32_t v = queue[i], *row = m->dense + (size_t)(i + 1) * 256, e;

		memcpy(row, m->dense + (size_t)m->drow[m->fail[v]] * 256, 256 * sizeof *row);
		for (e = m->eoff[v]; e < m->eoff[v + 1]; e++)
			row[m->ebyte[e]] = m->eto[e];
		m->drow[v] = (int32_t)i + 1;
		m->rowstate[i + 1] = v;
	}
	/* every row is laid out: node ids become codes */
	for (i = 0; i < ((size_t)rows + 1) * 256; i++)
		m->dense[i] = code_of(m, m->dense[i]);
}

void ipm_matcher_build(ipm_matcher *m)
{
	uint32_t *queue, head = 0, tail = 0, v, e;

	if (m->built)
		return;
	freeze(m);
	/* the lists are done with: freed before the next allocations reuse them
	 * (start-up time is mostly page faults) */
	free(m->child);
	free(m->sib);
	free(m->byte);
	m->child = m->sib = NULL;
	m->byte = NULL;
	m->fail = ipm_calloc(m->nnodes, sizeof *m->fail);
	m->out = ipm_calloc(m->nnodes, sizeof *m->out);
	queue = ipm_malloc(m->nnodes * sizeof *queue);
	memset(m->root, 0, sizeof m->root);
	for (e = m->eoff[0]; e < m->eoff[1]; e++) {
		m->root[m->ebyte[e]] = m->eto[e];
		queue[tail++] = m->eto[e];
	}
	while (head < tail) {
		v = queue[head++];
		for (e = m->eoff[v]; e < m->eoff[v + 1]; e++) {
			uint32_t c = m->eto[e], f = step(m, m->fail[v], m->ebyte[e]);

			m->fail[c] = f;
			m->out[c] = m->pat[f] >= 0 ? f : m->out[f];
			queue[tail++] = c;
		}
	}
	densify(m, queue, tail);
	free(queue);
	pack(m);
	/* scans use the packed tables: the build-time ones go */
	free(m->eoff);
	free(m->eto);
	free(m->ebyte);
	free(m->fail);
	free(m->drow);
	m->eoff = m->eto = m->fail = NULL;
	m->ebyte = NULL;
	m->drow = NULL;
	m->built = 1;
}

void ipm_matches_push(ipm_matches *ms, size_t start, size_t len, int id)
{
	if (ms->n == ms->cap) {
		ms->cap = ms->cap ? ms->cap * 2 : 32;
		ms->m = ipm_realloc(ms->m, ms->cap * sizeof *ms->m);
	}
	ms->m[ms->n].start = start;
	ms->m[ms->n].len = len;
	ms->m[ms->n].id = id;
	ms->n++;
}

void ipm_matches_free(ipm_matches *ms)
{
	free(ms->m);
	ms->m = NULL;
	ms->n = ms->cap = 0;
}

static int cmp_match(const void *a, const void *b)
{
	const ipm_match *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->len != y->len)
		return x->len > y->len ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

size_t ipm_matcher_scan(const ipm_matcher *m, const char *s, size_t n, ipm_matches *out)
{
	uint32_t c = 0, st, t;   /* c: the code of the root (row 0) */
	size_t i;

	out->n = 0;
	if (!m->built)
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char b = (unsigned char)s[i];

		if (!(c & C_SPARSE))   /* the common case, one load */
			c = m->dense[(size_t)(c & C_MASK) * 256 + b];
		else
			c = step_code(m, c & C_MASK, b);
		if (!(c & C_OUT))
			continue;
		st = node_of(m, c);
		for (t = m->pat[st] >= 0 ? st : m->out[st]; t; t = m->out[t])
			ipm_matches_push(out, i + 1 - m->depth[t], m->depth[t], m->pat[t]);
	}
	/* matches come in order of their end: nearly sorted by start, and a match
	 * moves back only past the shorter ones inside it, so insertion sort */
	for (i = 1; i < out->n; i++) {
		ipm_match x = out->m[i];
		size_t j = i;

		for (; j > 0 && cmp_match(&out->m[j - 1], &x) > 0; j--)
			out->m[j] = out->m[j - 1];
		out->m[j] = x;
	}
	return out->n;
}

size_t ipm_match_select(const ipm_matches *in, int (*keep)(void *ctx, int id), void *ctx,
                        ipm_matches *out)
{
	size_t i, end = 0;

	out->n = 0;
	for (i = 0; i < in->n; i++) {
		const ipm_match *x = &in->m[i];

		if (x->start < end || (keep && !keep(ctx, x->id)))
			continue;
		ipm_matches_push(out, x->start, x->len, x->id);
		end = x->start + x->len;
	}
	return out->n;
}
