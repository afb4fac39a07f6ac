/* match: Aho–Corasick multi-pattern matching over UTF-8 bytes.
 * Build once (add patterns, then ipm_matcher_build), then scan any number of
 * texts in one pass each. A scan reports every occurrence of every pattern;
 * ipm_match_select() then keeps the leftmost-longest non-overlapping subset.
 * Ownership: the matcher copies nothing it does not own; patterns are copied
 * into the trie. ipm_matches buffers belong to the caller. */
#ifndef IPM_MATCH_H
#define IPM_MATCH_H

#include <stddef.h>

typedef struct ipm_matcher ipm_matcher;

typedef struct {
	size_t start, len;   /* byte span in the scanned text */
	int id;              /* pattern id from ipm_matcher_add */
} ipm_match;

/* A growable list of matches; zero-initialise, reuse, free with ipm_matches_free. */
typedef struct {
	ipm_match *m;
	size_t n, cap;
} ipm_matches;

ipm_matcher *ipm_matcher_new(void);
void ipm_matcher_free(ipm_matcher *m);
/* Add a pattern of len > 0 bytes. Returns its id (0, 1, 2 … in order of first
 * addition); adding the same bytes again returns the existing id. -1 if len is
 * 0 or the matcher is already built. */
int ipm_matcher_add(ipm_matcher *m, const char *pat, size_t len);
/* Number of distinct patterns added. */
size_t ipm_matcher_count(const ipm_matcher *m);
/* Compute failure links; after this, add is refused and scan is allowed. */
void ipm_matcher_build(ipm_matcher *m);
/* Every occurrence of every pattern in s[0..n), appended to out (cleared
 * first), sorted by start ascending then length descending. Returns out->n. */
size_t ipm_matcher_scan(const ipm_matcher *m, const char *s, size_t n, ipm_matches *out);
/* Leftmost-longest non-overlapping selection: walks in (sorted) order, keeps
 * a match when keep(ctx, id) is true (NULL keeps all) and it starts at or after
 * the end of the previous kept one. Writes kept matches to out (cleared first). */
size_t ipm_match_select(const ipm_matches *in, int (*keep)(void *ctx, int id), void *ctx,
                        ipm_matches *out);
void ipm_matches_push(ipm_matches *ms, size_t start, size_t len, int id);
void ipm_matches_free(ipm_matches *ms);

#endif
