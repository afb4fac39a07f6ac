/* dedup: give every record an event id, so events are counted, not mentions.
 *
 * Two records are the same event when
 *   - their links are the same after normalisation (ipm_url_norm: scheme,
 *     "www.", case of the host, default port, fragment and trailing '/'
 *     ignored), and the link names a page, not just a site; or
 *   - their dates are equal (both non-null) and their texts are near-identical:
 *     character-bigram Jaccard >= threshold (0.8 by default) over the text
 *     with white space and punctuation removed, full-width letters and digits
 *     folded to ASCII, ASCII lower-cased (ipm_text_bigrams, ipm_jaccard).
 * A record is compared with the events seen before it (the link first, then
 * the best text match among the events of its date, earliest on a tie), so
 * the result depends only on the input order and is deterministic.
 *
 * Memory: one entry per distinct event (its id, one bigram set, the links
 * that led to it), indexed by link and by date; a record is compared only
 * with the events of its own date, and on a date of many events only with
 * those that share a MinHash band bucket with it (bounded work per record:
 * see dedup.c, LSH_*). --collapse also keeps the first record of each event
 * until the end. */
#ifndef IPM_DEDUP_H
#define IPM_DEDUP_H

#include <stddef.h>
#include <stdint.h>

#include "core/rec.h"
#include "core/util.h"
#include "core/write.h"

#define IPM_DEDUP_THRESHOLD 0.8
#define IPM_DEDUP_WINDOW 1      /* days */

typedef struct ipm_dedup ipm_dedup;

/* collapse: keep the first record of each event for ipm_dedup_write_collapsed. */
ipm_dedup *ipm_dedup_new(double threshold, int collapse);
void ipm_dedup_free(ipm_dedup *d);
/* Look for a text match up to days either side of a record's date (0: the same date only). */
void ipm_dedup_set_window(ipm_dedup *d, int days);
/* Assign r to an event and set its "event_id" field. Returns the event's
 * index (0, 1, ... in order of first appearance). */
size_t ipm_dedup_add(ipm_dedup *d, ipm_rec *r);
size_t ipm_dedup_nevents(const ipm_dedup *d);
/* Write one record per event, in order of first appearance: the event's
 * first record plus "mentions" (records), "docs" and "sections" (distinct
 * values in order of appearance). 0, or -1 on a write error. */
int ipm_dedup_write_collapsed(ipm_dedup *d, ipm_writer *w);

/* The normalised link of url (its first white-space separated word) in out;
 * returns its length, 0 when url is not a link to a page (no host with a dot,
 * or no path or query: a site's home page names no event). */
size_t ipm_url_norm(const char *url, size_t len, ipm_buf *out);
/* The sorted set of character bigrams of the normalised text (a text of one
 * character gives that character). *set is malloc'd (caller frees). */
size_t ipm_text_bigrams(const char *s, size_t len, uint64_t **set);
/* |a ∩ b| / |a ∪ b| of two sorted sets; 0 when both are empty. */
double ipm_jaccard(const uint64_t *a, size_t na, const uint64_t *b, size_t nb);

#endif
