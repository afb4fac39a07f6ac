#include "dedup.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/hash.h"
#include "core/read.h"
#include "core/utf8.h"
#include "core/write.h"
#include "text/dates.h"

/* A small set of strings in order of insertion: NUL-separated in one
 * buffer while it has few members (most events have one or two docs), a
 * hash table beyond SSET_MAX. */
#define SSET_MAX 16
struct sset {
	ipm_buf b;
	size_t n;
	ipm_hash *h;
};

static void sset_add(struct sset *t, const char *s)
{
	size_t len = strlen(s), i, off = 0;

	if (t->h) {
		ipm_hash_put(t->h, s, len, NULL);
		return;
	}
	for (i = 0; i < t->n; i++) {
		if (strcmp(t->b.s + off, s) == 0)
			return;
		off += strlen(t->b.s + off) + 1;
	}
	ipm_buf_add(&t->b, s, len + 1);
	if (++t->n > SSET_MAX) {
		t->h = ipm_hash_new();
		for (i = 0, off = 0; i < t->n; i++, off += strlen(t->b.s + off) + 1)
			ipm_hash_put(t->h, t->b.s + off, strlen(t->b.s + off), NULL);
		ipm_buf_free(&t->b);
	}
}

static void sset_free(struct sset *t)
{
	ipm_buf_free(&t->b);
	ipm_hash_free(t->h);
}

struct bslot {
	uint32_t key;          /* 0: empty; the upper half of the bucket's 64-bit key */
	uint32_t head;         /* first event of the bucket + 1 */
};

/* An event's text is kept as a sketch: the sorted 32-bit hashes of its
 * bigrams, at most SKETCH_MAX of them (the smallest: a bottom-k sketch), so
 * an event costs at most 1 KB of text whatever its length. */
#define SKETCH_MAX 256
#define HEAD_N 8
#define SIG_WORDS 4           /* a set's signature: 256 bits, one per member's hash */

struct event {
	char *id;
	uint32_t *bg;          /* sketch of its first dated text */
	uint32_t nbg, tbg;     /* hashes kept, bigrams in the text */
	uint32_t prov;         /* province index + 1 of that record, or 0 */
};

/* What --collapse counts of an event (kept only then). */
struct tally {
	size_t mentions;
	struct sset docs, sections;
};

/* A date whose events number LSH_MIN or more stops comparing a record with
 * each of them: its events go into LSH_BANDS buckets keyed by bands of
 * LSH_ROWS MinHash values of their bigram sets, and a record is compared
 * (exact Jaccard, as before) only with the events that share a bucket with
 * it. Two sets of Jaccard 0.8 share a bucket with probability
 * 1 - (1 - 0.8^4)^20 > 1 - 3e-5 (Jaccard 0.9: 1 - 2e-9), so the result is
 * that of comparing all. A bucket costs 8 bytes and 4 bytes a member, so
 * about 300 bytes an event.
 * Work per record is bounded whatever the input: the newest LSH_WALK events
 * of a bucket are looked at, and of those the LSH_CHECK that share the most
 * buckets with the text are compared (texts that many near-alike but
 * distinct events resemble are the only ones that can lose a match).
 * Below LSH_MIN a date's list is scanned: in memory order, with integer
 * filters, it is the cheaper of the two up to a few hundred events (a
 * million generated records, 71 a date: all scanned 10.4 s of CPU, bands
 * from 64 on 13.4 s; band hashes and 20 bucket probes a date cost more than
 * a scan of 64 entries). */
#ifndef LSH_MIN
#define LSH_MIN 256
#endif
#define LSH_BANDS 20
#define LSH_ROWS 4
#define LSH_WALK 16
#define LSH_CHECK 32

/* An event as a date's list holds it: what the filters need, in one array
 * per date (a scan of a date reads memory in order; the event's sketch is
 * read only for the texts that pass). */
struct dent {
	uint32_t ev, tbg, prov;
	uint16_t nbg;
	uint16_t head[HEAD_N]; /* the high halves of the sketch's first hashes, for the prefix
	                       * filter (in the same order: equal halves only say "maybe") */
};

/* A date's events: a[i] is scanned for every record of a date nearby,
 * sig[i] (see signatures_meet) only when a[i] passes may_match. */
struct dlist {
	struct dent *a;
	uint64_t (*sig)[SIG_WORDS];
	uint32_t n, cap;
};

struct ipm_dedup {
	double threshold;
	int collapse;
	int window;            /* days either side of a record's date to look in */
	FILE *spool;           /* collapse: the first record of every event, in order */
	ipm_writer *spool_w;
	ipm_hash *provs;       /* provinces seen, interned */
	ipm_hash *texts;       /* undated: 64-bit hash of the folded text -> text index */
	size_t *text_ev;       /* text index -> event */
	struct event *ev;
	struct tally *tl;      /* collapse: event -> its tally */
	size_t n, cap;
	ipm_hash *urls;        /* normalised link -> url index */
	size_t *url_ev;        /* url index -> event */
	ipm_hash *dates;       /* date -> date index */
	struct dlist *date_ev; /* date index -> its events (until they go to the band index) */
	ipm_hash *ids;         /* every id handed out, to keep ids unique */
	ipm_buf tmp, key;
	/* dates with many events: candidates from MinHash bands (see lsh_*) */
	size_t *date_n;        /* date index -> events of that date */
	unsigned char *date_lsh; /* date index -> its events are in the band index */
	struct bslot *bt;      /* (date, band, band hash) -> first event of its bucket + 1 */
	size_t bcap, bn;
	uint32_t *band_next[LSH_BANDS]; /* band -> event -> next event in its bucket + 1: one
	                       * array a band, so a walk over recent events stays in a few lines */
	size_t band_cap;
	unsigned *seen;        /* event -> the query that last saw it as a candidate */
	unsigned char *hits;   /* event -> buckets it shares with the query's text */
	size_t *cand, ncand, capcand;
	unsigned query;
};


ipm_dedup *ipm_dedup_new(double threshold, int collapse)
{
	ipm_dedup *d = ipm_calloc(1, sizeof *d);

	d->threshold = threshold;
	d->collapse = collapse;
	d->urls = ipm_hash_new();
	d->dates = ipm_hash_new();
	d->ids = ipm_hash_new();
	d->texts = ipm_hash_new();
	d->provs = ipm_hash_new();
	d->window = IPM_DEDUP_WINDOW;
	if (collapse) {
		if (!(d->spool = tmpfile()))
			ipm_die(IPM_EXIT_DATA, "cannot make a temporary file for --collapse");
		d->spool_w = ipm_writer_open(d->spool, IPM_FMT_JSON, ',', NULL, 0);
	}
	return d;
}

void ipm_dedup_set_window(ipm_dedup *d, int days) { d->window = days; }

void ipm_dedup_free(ipm_dedup *d)
{
	size_t i;

	if (!d)
		return;
	for (i = 0; i < d->n; i++) {
		free(d->ev[i].id);
		free(d->ev[i].bg);
		if (d->tl) {
			sset_free(&d->tl[i].docs);
			sset_free(&d->tl[i].sections);
		}
	}
	free(d->ev);
	free(d->tl);
	free(d->url_ev);
	for (i = 0; i < ipm_hash_count(d->dates); i++) {
		free(d->date_ev[i].a);
		free(d->date_ev[i].sig);
	}
	free(d->date_ev);
	free(d->date_n);
	free(d->date_lsh);
	free(d->bt);
	for (i = 0; i < LSH_BANDS; i++)
		free(d->band_next[i]);
	free(d->seen);
	free(d->hits);
	free(d->cand);
	ipm_hash_free(d->urls);
	ipm_hash_free(d->dates);
	ipm_hash_free(d->ids);
	ipm_hash_free(d->texts);
	ipm_hash_free(d->provs);
	free(d->text_ev);
	if (d->spool_w)
		ipm_writer_close(d->spool_w);
	if (d->spool)
		fclose(d->spool);
	ipm_buf_free(&d->tmp);
	ipm_buf_free(&d->key);
	free(d);
}

size_t ipm_dedup_nevents(const ipm_dedup *d) { return d->n; }

/* ------------------------------------------------------------- measures */

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

size_t ipm_url_norm(const char *url, size_t len, ipm_buf *out)
{
	size_t i = 0, end, host, hend, k;
	int dot = 0;

	ipm_buf_clear(out);
	while (i < len && (url[i] == ' ' || url[i] == '\t' || url[i] == '\n' || url[i] == '\r'))
		i++;
	for (end = i; end < len && url[end] != ' ' && url[end] != '\t' && url[end] != '\n' &&
	     url[end] != '\r' && url[end] != ';' && url[end] != '#'; end++)
		;
	for (k = i; k + 2 < end && k < i + 10; k++)   /* scheme: http:// https:// (any) */
		if (url[k] == ':' && url[k + 1] == '/' && url[k + 2] == '/') {
			i = k + 3;
			break;
		}
	if (end - i > 4 && lower(url[i]) == 'w' && lower(url[i + 1]) == 'w' &&
	    lower(url[i + 2]) == 'w' && url[i + 3] == '.')
		i += 4;
	for (host = i, hend = i; hend < end && url[hend] != '/' && url[hend] != '?'; hend++)
		dot |= url[hend] == '.';
	for (k = host; k < hend; k++)
		ipm_buf_addc(out, lower((unsigned char)url[k]));
	if (out->len > 3 && memcmp(out->s + out->len - 3, ":80", 3) == 0)
		out->len -= 3;
	else if (out->len > 4 && memcmp(out->s + out->len - 4, ":443", 4) == 0)
		out->len -= 4;
	while (end > hend && url[end - 1] == '/')
		end--;
	if (!dot || out->len == 0 || end == hend) {
		ipm_buf_clear(out);
		return 0;
	}
	ipm_buf_add(out, url + hend, end - hend);
	return out->len;
}

/* Code point as compared, or 0 when it is dropped (space, punctuation). */
static uint32_t fold(uint32_t c)
{
	if (c < 0x80)
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ? c :
		       c >= 'A' && c <= 'Z' ? c + 32 : 0;
	if ((c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A))
		return fold(c - 0xFEE0);
	if (c <= 0xBF || (c >= 0x2000 && c <= 0x206F) || (c >= 0x3000 && c <= 0x303F) ||
	    (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF65))
		return 0;
	return c;
}

static int cmp_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return a < b ? -1 : a > b;
}

size_t ipm_text_bigrams(const char *s, size_t len, uint64_t **set)
{
	uint64_t *bg = ipm_malloc((len + 1) * sizeof *bg);
	uint32_t cp, prev = 0, f;
	size_t i = 0, n = 0, k, j;

	while (i < len) {
		k = ipm_utf8_decode((const unsigned char *)s + i, len - i, &cp);
		i += k ? k : 1;
		if (!k || !(f = fold(cp)))
			continue;
		if (prev)
			bg[n++] = (uint64_t)prev << 21 | f;
		prev = f;
	}
	if (n == 0 && prev)
		bg[n++] = prev;   /* one character: the set of that character */
	qsort(bg, n, sizeof *bg, cmp_u64);
	for (i = j = 0; i < n; i++)
		if (j == 0 || bg[j - 1] != bg[i])
			bg[j++] = bg[i];
	*set = ipm_realloc(bg, (j ? j : 1) * sizeof *bg);   /* kept per event: no slack */
	return j;
}

double ipm_jaccard(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
	size_t i = 0, j = 0, inter = 0;

	if (na + nb == 0)
		return 0;
	while (i < na && j < nb) {
		if (a[i] == b[j]) {
			inter++;
			i++;
			j++;
		} else if (a[i] < b[j]) {
			i++;
		} else {
			j++;
		}
	}
	return (double)inter / (double)(na + nb - inter);
}

static int cmp_u32(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;

	return a < b ? -1 : a > b;
}

/* The sketch of a text (see SKETCH_MAX): *n hashes kept, *total bigrams.
 * The bigrams as ipm_text_bigrams makes them, hashed as they come: one sort. */
static uint32_t *text_sketch(const char *s, uint32_t *n, uint32_t *total)
{
	size_t len = strlen(s), i = 0, nb = 0, j, k;
	uint32_t *h = ipm_malloc((len + 1) * sizeof *h), cp, prev = 0, f;
	uint64_t x;

	while (i < len) {
		k = ipm_utf8_decode((const unsigned char *)s + i, len - i, &cp);
		i += k ? k : 1;
		if (!k || !(f = fold(cp)))
			continue;
		if (prev) {
			x = (uint64_t)prev << 21 | f;
			h[nb++] = (uint32_t)ipm_hash_bytes(&x, sizeof x);
		}
		prev = f;
	}
	if (nb == 0 && prev) {   /* one character: the set of that character */
		x = prev;
		h[nb++] = (uint32_t)ipm_hash_bytes(&x, sizeof x);
	}
	qsort(h, nb, sizeof *h, cmp_u32);
	for (i = j = 0; i < nb; i++)   /* a repeated bigram (or two of one hash): one member */
		if (j == 0 || h[j - 1] != h[i])
			h[j++] = h[i];
	*total = (uint32_t)j;
	*n = (uint32_t)(j < SKETCH_MAX ? j : SKETCH_MAX);
	return ipm_realloc(h, (*n ? *n : 1) * sizeof *h);
}

/* Members two whole sets of sizes a and b must share for Jaccard >= t:
 * ceil(t (a + b) / (1 + t)) (the prefix filter and the early stop both
 * rest on it). */
static size_t shared_needed(double t, size_t a, size_t b)
{
	return (size_t)ceil(t * (double)(a + b) / (1 + t) - 1e-9);
}

/* Jaccard of two texts from their sketches: exact when neither was cut,
 * else the bottom-k estimate (of the SKETCH_MAX smallest hashes of the
 * union, the share that both hold). Exact sets stop as soon as they cannot
 * reach t: 0 then (Jaccard >= t needs need = ceil(t (|A| + |B|) / (1 + t))
 * shared members, so at most |A| - need members of A may go unmatched; most
 * candidates of a busy day are texts of one template, far below t). */
static double sketch_jaccard(const uint32_t *a, uint32_t na, uint32_t ta,
                             const uint32_t *b, uint32_t nb, uint32_t tb, double t)
{
	size_t i = 0, j = 0, both = 0, all = 0, k = na == ta && nb == tb ? (size_t)-1 : SKETCH_MAX;
	size_t need = 0, missa = 0, missb = 0;

	if (k == (size_t)-1) {
		need = shared_needed(t, na, nb);
		if (need > na || need > nb)
			return 0;
	}
	while ((i < na || j < nb) && all < k) {
		if (i < na && j < nb && a[i] == b[j]) {
			both++;
			i++;
			j++;
		} else if (j >= nb || (i < na && a[i] < b[j])) {
			i++;
			if (++missa > na - need && need)
				return 0;
		} else {
			j++;
			if (++missb > nb - need && need)
				return 0;
		}
		all++;
	}
	return all ? (double)both / (double)all : 0;
}

/* --------------------------------------------------------------- events */

/* The band hashes of a bigram set's MinHash signature: LSH_BANDS x
 * LSH_ROWS values min(a_k * mix(x) + c_k) over the set's bigrams x. */
static void band_hashes(const uint32_t *bg, size_t n, uint64_t out[LSH_BANDS])
{
	uint64_t mins[LSH_BANDS * LSH_ROWS], h, v;
	size_t i, k;

	for (k = 0; k < LSH_BANDS * LSH_ROWS; k++)
		mins[k] = UINT64_MAX;
	for (i = 0; i < n; i++) {
		h = ipm_hash_bytes(&bg[i], sizeof bg[i]);
		for (k = 0; k < LSH_BANDS * LSH_ROWS; k++) {
			v = h * (0x9E3779B97F4A7C15ULL + 2 * k) + 0xD1B54A32D192ED03ULL * k;
			v ^= v >> 31;
			if (v < mins[k])
				mins[k] = v;
		}
	}
	for (k = 0; k < LSH_BANDS; k++)
		out[k] = ipm_hash_bytes(&mins[k * LSH_ROWS], LSH_ROWS * sizeof *mins);
}

/* The bucket of (date di, band b, band hash h): its head event + 1, in an
 * open-addressing table of 32-bit keys (one cache line per lookup; two keys
 * that collide share a bucket, which only adds candidates). NULL when absent
 * and not create. */
/* The home slot of a key: high bits of a 64-bit product (keys are odd: the low bits would fill half the table). */
static size_t slot_of(uint32_t key, size_t cap) { return (size_t)(((uint64_t)key * 0x9E3779B97F4A7C15ULL) >> 32) & (cap - 1); }

static uint32_t *bucket(ipm_dedup *d, size_t di, size_t b, uint64_t h, int create)
{
	uint64_t k = h ^ ((uint64_t)di + 1) * 0x9E3779B97F4A7C15ULL ^ ((uint64_t)b + 1) * 0xC2B2AE3D27D4EB4FULL;
	uint32_t key = (uint32_t)(k >> 32 ^ k) | 1;   /* 0 marks an empty slot */
	size_t j, i, n;
	struct bslot *old;

	if (!d->bcap) {
		if (!create)
			return NULL;
		d->bcap = 1024;
		d->bt = ipm_calloc(d->bcap, sizeof *d->bt);
	}
	for (j = slot_of(key, d->bcap); d->bt[j].key; j = (j + 1) & (d->bcap - 1))
		if (d->bt[j].key == key)
			return &d->bt[j].head;
	if (!create)
		return NULL;
	if (4 * (d->bn + 1) > 3 * d->bcap) {   /* grow at 3/4 full, then find the slot again */
		old = d->bt;
		n = d->bcap;
		d->bcap *= 2;
		d->bt = ipm_calloc(d->bcap, sizeof *d->bt);
		for (i = 0; i < n; i++)
			if (old[i].key) {
				for (j = slot_of(old[i].key, d->bcap); d->bt[j].key; j = (j + 1) & (d->bcap - 1))
					;
				d->bt[j] = old[i];
			}
		free(old);
		for (j = slot_of(key, d->bcap); d->bt[j].key; j = (j + 1) & (d->bcap - 1))
			;
	}
	d->bt[j].key = key;
	d->bt[j].head = 0;
	d->bn++;
	return &d->bt[j].head;
}

/* Put event e into date di's band buckets; qh: its band hashes when known. */
static void lsh_insert(ipm_dedup *d, size_t di, size_t e, const uint64_t *qh)
{
	uint64_t h[LSH_BANDS];
	size_t b;
	uint32_t *head;

	if (d->band_cap <= e) {
		size_t old = d->band_cap;
		d->band_cap = d->cap;
		for (b = 0; b < LSH_BANDS; b++) {
			d->band_next[b] = ipm_realloc(d->band_next[b], d->band_cap * sizeof *d->band_next[b]);
			memset(d->band_next[b] + old, 0, (d->band_cap - old) * sizeof *d->band_next[b]);
		}
		d->seen = ipm_realloc(d->seen, d->band_cap * sizeof *d->seen);
		memset(d->seen + old, 0, (d->band_cap - old) * sizeof *d->seen);
		d->hits = ipm_realloc(d->hits, d->band_cap);
	}
	if (!qh) {
		band_hashes(d->ev[e].bg, d->ev[e].nbg, h);
		qh = h;
	}
	for (b = 0; b < LSH_BANDS; b++) {
		head = bucket(d, di, b, qh[b], 1);
		d->band_next[b][e] = *head;
		*head = (uint32_t)(e + 1);
	}
}

/* The date has become large: from now on its events are found by band. */
static void lsh_start(ipm_dedup *d, size_t di)
{
	size_t e;

	d->date_lsh[di] = 1;
	for (e = 0; e < d->date_ev[di].n; e++)
		lsh_insert(d, di, d->date_ev[di].a[e].ev, NULL);
	free(d->date_ev[di].a);   /* from now on the band index finds them */
	free(d->date_ev[di].sig);
	d->date_ev[di] = (struct dlist){ NULL, NULL, 0, 0 };
}

/* The text being matched: its sketch and province (index + 1, 0 none). */
struct query {
	const uint32_t *bg;
	uint32_t n, total, prov;
	uint32_t lo, hi;       /* sizes (bigrams) of texts that can reach the threshold */
	int have_h;            /* h holds its band hashes */
	uint64_t h[LSH_BANDS];
	uint32_t need[SKETCH_MAX + 1]; /* prefix filter: members shared by an event of that size, 0 not yet known */
	uint64_t sig[SIG_WORDS];   /* its signature (see signatures_meet) */
};

/* Bits set in x (inline: without -mpopcnt the builtin is a libgcc call). */
static size_t bits_set(uint64_t x)
{
	x -= (x >> 1) & 0x5555555555555555ULL;
	x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
	x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
	return (size_t)((x * 0x0101010101010101ULL) >> 56);
}

/* A set's signature: each member sets one of 256 bits (from its hash's
 * product with an odd constant: sketches are sorted by the hash itself). */
static void signature(const uint32_t *bg, size_t n, uint64_t sig[SIG_WORDS])
{
	size_t i;
	uint32_t b;

	memset(sig, 0, SIG_WORDS * sizeof *sig);
	for (i = 0; i < n; i++) {
		b = (bg[i] * 0x9E3779B1u) >> 24;
		sig[b >> 6] |= 1ULL << (b & 63);
	}
}

/* The size test of better() (min / max >= t, in doubles as there) as two
 * integer bounds, found once a record: a date's scan compares integers. */
static void query_sizes(struct query *q, double t)
{
	double n = (double)q->total;
	uint32_t lo = (uint32_t)(t * n), hi = t > 0 ? (uint32_t)fmin(n / t + 2, 4e9) : UINT32_MAX;

	while (lo > 0 && !((double)(lo - 1) < t * n))   /* lo: the least size not below t n */
		lo--;
	while ((double)lo < t * n)
		lo++;
	while (hi > q->total && n < t * (double)hi)   /* hi: the greatest size of which n is not below t */
		hi--;
	q->lo = lo;
	q->hi = hi;
	memset(q->need, 0, sizeof q->need);
}

/* Members the query's set and one of nbg members must share (shared_needed),
 * computed once a size: a date's events have few sizes. */
static size_t need_of(const ipm_dedup *d, const struct query *q, uint32_t nbg)
{
	size_t a = q->need[nbg];

	if (!a) {
		a = shared_needed(d->threshold, nbg, q->n);
		((struct query *)q)->need[nbg] = (uint32_t)(a ? a : UINT32_MAX);
	}
	return a == UINT32_MAX ? 0 : a;
}

/* The prefix filter, without touching the event's sketch: two whole sets
 * with Jaccard >= t share at least a = ceil(t (|A| + |B|) / (1 + t)) members,
 * so in one global order (the hash values: sketches are sorted) the first
 * |A| - a + 1 members of A and the first |B| - a + 1 of B share one. 0 when
 * they cannot reach the threshold; 1 when they may (or the test does not
 * apply: a cut sketch, or a prefix longer than the event's head). */
static int prefixes_meet(const ipm_dedup *d, const struct dent *v, const struct query *q)
{
	size_t a, pv, pq, i = 0, j = 0;

	if (v->nbg != v->tbg || q->n != q->total)
		return 1;
	a = need_of(d, q, v->nbg);
	if (a == 0 || a > v->nbg || a > q->n)
		return a == 0;
	pv = v->nbg - a + 1;
	pq = q->n - a + 1;
	if (pv > HEAD_N)
		return 1;
	while (i < pv && j < pq) {
		if (v->head[i] == q->bg[j] >> 16)
			return 1;
		if (v->head[i] < q->bg[j] >> 16)
			i++;
		else
			j++;
	}
	return 0;
}

/* The signature filter, also without touching the event's sketch: a bit
 * set in one signature and not in the other is a member the other set lacks
 * (each member sets one bit), so those bits count at least the members left
 * unmatched; more than |A| - need of them and Jaccard >= t is out of reach,
 * as sketch_jaccard's early stop would find. 1 when they may meet (or the
 * sets were cut, where the test does not apply). */
static int signatures_meet(const ipm_dedup *d, const struct dent *v, const uint64_t *sig,
                           const struct query *q)
{
	size_t need, k, only_v = 0, only_q = 0;

	if (v->nbg != v->tbg || q->n != q->total || !(need = need_of(d, q, v->nbg)))
		return 1;
	for (k = 0; k < SIG_WORDS; k++) {
		only_v += bits_set(sig[k] & ~q->sig[k]);
		only_q += bits_set(q->sig[k] & ~sig[k]);
	}
	return only_v + need <= v->nbg && only_q + need <= q->n;
}

/* Can a text of tbg bigrams and province prov be the query's event? Its
 * size within the query's bounds (Jaccard <= min/max), the same province
 * or either without one. */
static int may_match(const struct query *q, uint32_t tbg, uint32_t prov)
{
	return tbg >= q->lo && tbg <= q->hi && !(q->prov && prov && q->prov != prov);
}

/* Is event e, which passed may_match(), the query's best match so far? */
static int better_sketch(ipm_dedup *d, size_t e, const struct query *q, long *best, double *bj)
{
	const struct event *v = &d->ev[e];
	double j = sketch_jaccard(v->bg, v->nbg, v->tbg, q->bg, q->n, q->total, d->threshold);

	if (j < d->threshold || j < *bj || (j == *bj && *best >= 0 && (size_t)*best < e))
		return 0;   /* the best match wins, the earliest on a tie */
	*bj = j;
	*best = (long)e;
	return 1;
}

/* Is event e (a band candidate of a date in the window) the same event as
 * the query's text, and the best so far? */
static int better(ipm_dedup *d, size_t e, const struct query *q, long *best, double *bj)
{
	return may_match(q, d->ev[e].tbg, d->ev[e].prov) && better_sketch(d, e, q, best, bj);
}

/* better() for an event of a date's list: its cheap tests from the list. */
static void better_listed(ipm_dedup *d, const struct dent *v, const uint64_t *sig, const struct query *q,
                          long *best, double *bj)
{
	if (may_match(q, v->tbg, v->prov) && signatures_meet(d, v, sig, q) && prefixes_meet(d, v, q))
		better_sketch(d, v->ev, q, best, bj);
}

/* Compare the text with the candidates, at most LSH_CHECK of them: those
 * that share the most buckets with it. */
static void check_best(ipm_dedup *d, const struct query *q, long *best, double *bj)
{
	size_t i, kept = 0, cnt[LSH_BANDS + 1] = { 0 };
	int min = 1, m;

	if (d->ncand > LSH_CHECK) {   /* the least hit count that keeps <= LSH_CHECK */
		for (i = 0; i < d->ncand; i++)
			cnt[d->hits[d->cand[i]]]++;
		for (m = LSH_BANDS; m >= 1 && kept + cnt[m] <= LSH_CHECK; m--)
			kept += cnt[m];
		min = m + 1;
		if (!kept) {   /* the top level alone holds more: LSH_CHECK of it */
			for (m = LSH_BANDS; m > 1 && !cnt[m]; m--)
				;
			min = m;
		}
	}
	for (i = 0, kept = 0; i < d->ncand && kept < LSH_CHECK; i++)
		if (d->hits[d->cand[i]] >= min) {
			better(d, d->cand[i], q, best, bj);
			kept++;
		}
}

/* The event of the best text match among the events of date index di (all
 * of them, or those sharing a band bucket with the text: see LSH_MIN);
 * events of another province never match (the same notice issued by two
 * provinces on one day reads almost alike but is two events). */
static void text_match(ipm_dedup *d, size_t di, struct query *q, long *best, double *bj)
{
	uint32_t cur[LSH_BANDS], *head;
	size_t e, b, step;
	int more = 0;

	if (!d->date_lsh[di]) {
		for (e = 0; e < d->date_ev[di].n; e++)
			better_listed(d, &d->date_ev[di].a[e], d->date_ev[di].sig[e], q, best, bj);
		return;
	}
	d->query++;
	d->ncand = 0;
	if (!q->have_h) {   /* once a record, whatever the dates of its window */
		band_hashes(q->bg, q->n, q->h);
		q->have_h = 1;
	}
	for (b = 0; b < LSH_BANDS; b++) {
		head = bucket(d, di, b, q->h[b], 0);
		cur[b] = head ? *head : 0;
		more |= cur[b] != 0;
	}
	/* the bands' buckets walked side by side, a step of each at a time: the
	 * loads of one step do not wait on each other (a walk is a chain of
	 * dependent loads, which cache misses made the cost of a query) */
	for (step = 0; more && step < LSH_WALK; step++) {
		more = 0;
		for (b = 0; b < LSH_BANDS; b++) {
			if (!(e = cur[b]))
				continue;
			cur[b] = d->band_next[b][e - 1];
			more |= cur[b] != 0;
			if (d->seen[e - 1] == d->query) {
				d->hits[e - 1]++;
				continue;
			}
			d->seen[e - 1] = d->query;
			d->hits[e - 1] = 1;
			if (d->ncand == d->capcand) {
				d->capcand = d->capcand ? 2 * d->capcand : 256;
				d->cand = ipm_realloc(d->cand, d->capcand * sizeof *d->cand);
			}
			d->cand[d->ncand++] = e - 1;
		}
	}
	check_best(d, q, best, bj);
}

/* The best text match among the events of the record's date and of the
 * dates up to window days either side (the same event reported a day later
 * is one event; a date that is not a calendar day has no neighbours). */
static long window_match(ipm_dedup *d, const char *date, size_t di, struct query *q)
{
	long best = -1, z = d->window > 0 ? ipm_date_days(date) : -1, k, i;
	double bj = 0;
	char near[16];

	text_match(d, di, q, &best, &bj);
	for (k = -d->window; z >= 0 && k <= d->window; k++) {
		if (k == 0)
			continue;
		ipm_date_from_days(z + k, near);
		if ((i = ipm_hash_find(d->dates, near, strlen(near))) >= 0)
			text_match(d, (size_t)i, q, &best, &bj);
	}
	return best;
}

/* A stable id from the event's first link, or date and text: "ev-" + 16 hex
 * digits, with "-2", "-3"... when two events would share it. */
static char *make_id(ipm_dedup *d, const char *what, size_t len)
{
	char buf[48];
	int isnew, k = 1;

	snprintf(buf, sizeof buf, "ev-%016llx", (unsigned long long)ipm_hash_bytes(what, len));
	ipm_hash_put(d->ids, buf, strlen(buf), &isnew);
	while (!isnew) {
		snprintf(buf, sizeof buf, "ev-%016llx-%d", (unsigned long long)ipm_hash_bytes(what, len), ++k);
		ipm_hash_put(d->ids, buf, strlen(buf), &isnew);
	}
	return ipm_strndup(buf, strlen(buf));
}

static size_t new_event(ipm_dedup *d, const char *idkey, size_t idlen)
{
	struct event *v;

	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 64;
		d->ev = ipm_realloc(d->ev, d->cap * sizeof *d->ev);
		if (d->collapse)
			d->tl = ipm_realloc(d->tl, d->cap * sizeof *d->tl);
	}
	if (d->tl)
		memset(&d->tl[d->n], 0, sizeof *d->tl);
	v = &d->ev[d->n];
	memset(v, 0, sizeof *v);
	v->id = make_id(d, idkey, idlen);
	return d->n++;
}

static void link_url(ipm_dedup *d, const char *u, size_t len, size_t ev)
{
	int isnew;
	size_t i = ipm_hash_put(d->urls, u, len, &isnew);

	if (!isnew)
		return;
	d->url_ev = ipm_realloc(d->url_ev, ipm_hash_count(d->urls) * sizeof *d->url_ev);
	d->url_ev[i] = ev;
}

static size_t date_index(ipm_dedup *d, const char *date)
{
	int isnew;
	size_t i = ipm_hash_put(d->dates, date, strlen(date), &isnew), n;

	if (isnew) {
		n = ipm_hash_count(d->dates);
		d->date_ev = ipm_realloc(d->date_ev, n * sizeof *d->date_ev);
		d->date_n = ipm_realloc(d->date_n, n * sizeof *d->date_n);
		d->date_lsh = ipm_realloc(d->date_lsh, n);
		d->date_ev[i] = (struct dlist){ NULL, NULL, 0, 0 };
		d->date_n[i] = 0;
		d->date_lsh[i] = 0;
	}
	return i;
}

static void list_event(struct dlist *l, size_t ev, const struct query *q)
{
	struct dent *v;
	uint32_t i;

	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 4;
		l->a = ipm_realloc(l->a, l->cap * sizeof *l->a);
		l->sig = ipm_realloc(l->sig, l->cap * sizeof *l->sig);
	}
	v = &l->a[l->n++];
	memset(v, 0, sizeof *v);
	v->ev = (uint32_t)ev;
	v->nbg = (uint16_t)q->n;   /* <= SKETCH_MAX */
	v->tbg = q->total;
	v->prov = q->prov;
	for (i = 0; i < HEAD_N && i < q->n; i++)
		v->head[i] = (uint16_t)(q->bg[i] >> 16);
	memcpy(l->sig[l->n - 1], q->sig, sizeof q->sig);
}

/* Give event ev the query's text (its sketch is taken over) and date. */
static void add_to_date(ipm_dedup *d, size_t di, size_t ev, const struct query *q)
{
	d->ev[ev].prov = q->prov;
	d->ev[ev].bg = (uint32_t *)q->bg;
	d->ev[ev].nbg = q->n;
	d->ev[ev].tbg = q->total;
	if (d->date_lsh[di]) {
		lsh_insert(d, di, ev, q->have_h ? q->h : NULL);
		return;
	}
	list_event(&d->date_ev[di], ev, q);
	if (++d->date_n[di] >= LSH_MIN)
		lsh_start(d, di);
}

static void count_mention(ipm_dedup *d, size_t ev, const ipm_rec *r)
{
	struct tally *v = d->tl ? &d->tl[ev] : NULL;
	const char *s;

	if (!v)
		return;
	if (!v->mentions++ && ipm_writer_put(d->spool_w, r) != 0)
		ipm_die(IPM_EXIT_DATA, "cannot write the --collapse temporary file");
	if ((s = ipm_rec_str(r, "doc")) != NULL)
		sset_add(&v->docs, s);
	if ((s = ipm_rec_str(r, "section")) != NULL)
		sset_add(&v->sections, s);
}

/* A 64-bit hash of an undated text as compared (folded: see fold), with its
 * province, so identical undated texts are one event; 0 when nothing is left. */
static uint64_t folded_hash(const char *s, const char *prov)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	uint32_t cp, f;
	size_t i = 0, len = strlen(s), k;
	int any = 0;

	while (i < len) {
		k = ipm_utf8_decode((const unsigned char *)s + i, len - i, &cp);
		i += k ? k : 1;
		if (!k || !(f = fold(cp)))
			continue;
		h = (h ^ f) * 0x100000001b3ULL;
		any = 1;
	}
	if (!any)
		return 0;
	for (; prov && *prov; prov++)   /* two provinces' identical notices: two events */
		h = (h ^ (unsigned char)*prov) * 0x100000001b3ULL;
	return h | 1;
}

size_t ipm_dedup_add(ipm_dedup *d, ipm_rec *r)
{
	const char *url = ipm_rec_str(r, "url"), *date = ipm_rec_str(r, "date");
	const char *text = ipm_rec_str(r, "text"), *prov = ipm_rec_str(r, "province");
	size_t ulen = url ? ipm_url_norm(url, strlen(url), &d->key) : 0, di = 0;
	struct query q = { 0 };
	uint32_t *bg = NULL;
	uint64_t th = 0;
	long ev = -1, ui, ti = -1;
	int isnew = 0;

	if (ulen && (ui = ipm_hash_find(d->urls, d->key.s, ulen)) >= 0)
		ev = (long)d->url_ev[ui];
	if (date && *date && text) {
		di = date_index(d, date);
		q.bg = bg = text_sketch(text, &q.n, &q.total);
		query_sizes(&q, d->threshold);
		signature(q.bg, q.n, q.sig);
		q.prov = prov && *prov ? (uint32_t)ipm_hash_put(d->provs, prov, strlen(prov), NULL) + 1 : 0;
		if (ev < 0 && q.n)
			ev = window_match(d, date, di, &q);
	} else if (text && (th = folded_hash(text, prov)) != 0) {
		ti = (long)ipm_hash_put(d->texts, (const char *)&th, sizeof th, &isnew);
		if (!isnew && ev < 0)
			ev = (long)d->text_ev[ti];
	}
	if (ev < 0) {
		ipm_buf_clear(&d->tmp);
		if (ulen)
			ipm_buf_add(&d->tmp, d->key.s, ulen);
		else
			ipm_buf_printf(&d->tmp, "%s\x1f%s", date ? date : "", text ? text : "");
		ev = (long)new_event(d, d->tmp.s, d->tmp.len);
		if (q.n) {
			add_to_date(d, di, (size_t)ev, &q);
			bg = NULL;
		}
	}
	if (ulen)
		link_url(d, d->key.s, ulen, (size_t)ev);
	if (isnew) {   /* an undated text seen first: its event */
		d->text_ev = ipm_realloc(d->text_ev, ipm_hash_count(d->texts) * sizeof *d->text_ev);
		d->text_ev[ti] = (size_t)ev;
	}
	free(bg);
	ipm_rec_set_cstr(r, "event_id", d->ev[ev].id);
	count_mention(d, (size_t)ev, r);
	return (size_t)ev;
}

static void set_list(ipm_rec *r, const char *key, const struct sset *t)
{
	size_t n = t->h ? ipm_hash_count(t->h) : t->n, i, off = 0;
	const char **it = ipm_malloc((n ? n : 1) * sizeof *it);
	size_t *ln = ipm_malloc((n ? n : 1) * sizeof *ln);

	for (i = 0; i < n; i++) {
		if (t->h) {
			it[i] = ipm_hash_key(t->h, i, &ln[i]);
			continue;
		}
		it[i] = t->b.s + off;
		ln[i] = strlen(it[i]);
		off += ln[i] + 1;
	}
	ipm_rec_set_arr(r, key, it, ln, n);
	free(it);
	free(ln);
}

int ipm_dedup_write_collapsed(ipm_dedup *d, ipm_writer *w)
{
	ipm_reader *rd;
	ipm_rec *r;
	size_t i = 0;
	int rc = 0;
	ipm_writer *sw = d->spool_w;

	d->spool_w = NULL;
	if (!d->spool || ipm_writer_close(sw) != 0 || fflush(d->spool) != 0)
		return -1;
	rewind(d->spool);
	rd = ipm_reader_open(d->spool, "<collapse spool>", IPM_FMT_JSON, ',');
	while (rc == 0 && i < d->n && ipm_reader_next(rd, &r) > 0) {
		struct tally *v = &d->tl[i++];   /* events are spooled in order */

		ipm_rec_set_long(r, "mentions", (long)v->mentions);
		set_list(r, "docs", &v->docs);
		set_list(r, "sections", &v->sections);
		rc = ipm_writer_put(w, r) != 0 ? -1 : 0;
	}
	ipm_reader_close(rd);
	return rc == 0 && i == d->n ? 0 : -1;
}
