/* digest: the numbers of one document or monitoring period, tallied from
 * tagged records (see the ipm-tag schema) one record at a time. Memory grows
 * with the number of distinct groups (sections, provinces, sectors, titles,
 * dates), not with the number of records. */
#ifndef IPM_DIGEST_H
#define IPM_DIGEST_H

#include "core/rec.h"
#include "tally.h"

typedef struct {
	long total;             /* records (events, when deduplicated) */
	ipm_tally *sections;    /* section */
	ipm_tally *docs;        /* doc */
	ipm_tally *dates;       /* YYYY-MM-DD */
	ipm_tally *sectors;     /* sector */
	ipm_tally *subsectors;  /* subsector */
	ipm_tally *provinces;   /* province short name */
	ipm_tally *prov_sector; /* province SEP sector */
	ipm_tally *companies;   /* canonical company name */
	ipm_tally *sec_actor;   /* section SEP actor */
	ipm_tally *sec_sub;     /* section SEP subsector */
	ipm_tally *sub_prov;    /* subsector SEP province (section province) */
	ipm_tally *evt_prov;    /* event_type SEP province (section province) */
	ipm_tally *evt_sub;     /* event_type SEP subsector (section province) */
	ipm_tally *sub_evt_prov;/* subsector SEP event_type SEP province (section province) */
	ipm_tally *policies;    /* title; val = issuer SEP date SEP url */
	ipm_tally *stated;      /* period_start SEP period_end, as the report states it */
	ipm_tally *items;       /* doc SEP line SEP text; val = section SEP actor SEP date SEP url
	                         * (one entry per distinct record: repeats do not grow it) */
} ipm_digest;

/* What kind of document a digest holds, from its sections: a monthly
 * monitoring report (ministry province enterprise summit special), a
 * yearbook or book (paragraph, chronicle), a policy page (policy). */
enum ipm_doc_kind { IPM_KIND_REPORT, IPM_KIND_BOOK, IPM_KIND_POLICY };
enum ipm_doc_kind ipm_digest_kind(const ipm_digest *d);

/* One item of the item list, split out of a digest's items entry. */
struct ipm_item {
	const char *doc, *line, *text, *section, *actor, *date, *url;
	size_t seq;
};
/* The items of d sorted by section (ministry province enterprise summit
 * special, then others), actor (first seen), date, line: a malloc'd array
 * of *n items whose strings point into one malloc'd block *store (free
 * both). */
struct ipm_item *ipm_digest_items(const ipm_digest *d, size_t *n, char **store);
/* The section order of the item list: rank of sec (unknown ones last). */
int ipm_section_rank(const char *sec);

ipm_digest *ipm_digest_new(void);
void ipm_digest_free(ipm_digest *d);
/* Count one tagged record. */
void ipm_digest_add(ipm_digest *d, const ipm_rec *r);
/* Whether a policy title (without 《》) is only an abbreviation such as
 * 意见 or 行动计划: the report resolves it to the full title named earlier
 * in the same document, or leaves it out. */
int ipm_policy_abbrev(const char *t, size_t len);
/* Add all of src into dst. */
void ipm_digest_merge(ipm_digest *dst, const ipm_digest *src);

/* The monitoring window of d: the period its records state (period_start,
 * period_end; the most common one), else from the record dates: start and
 * end are the 5th and 95th percentile dates ("" when d has no dates). label
 * is the period's name: "YYYY-MM" of the end for a stated window or one of
 * at most 62 days, else "YYYY" of the median date, else "undated". Buffers
 * of 11. */
void ipm_digest_window(const ipm_digest *d, char *start, char *end, char *label);
/* A stated window always names a calendar month: that of its end
 * (2018-04-16..2018-05-15 is 2018-05). */

/* One monitoring period: its name, window, and numbers. */
struct ipm_period {
	char label[11], start[11], end[11];
	ipm_digest *d;
};

/* Fill p's label and window from d (p->d = d, not copied). */
void ipm_period_init(struct ipm_period *p, ipm_digest *d);
/* Group per-document digests into periods by window label: a malloc'd
 * array sorted by label, each with a new merged digest (free with
 * ipm_periods_free). *np gets the count. */
struct ipm_period *ipm_periods_group(ipm_digest *const *docs, size_t n, size_t *np);
void ipm_periods_free(struct ipm_period *p, size_t n);
/* The last period before p[i] (a month before a month), or NULL: it may be
 * older than the calendar month before p[i] when that one is missing. */
const struct ipm_period *ipm_period_prev(const struct ipm_period *p, size_t i);
/* The calendar month before (step -1) or after (+1) "YYYY-MM" into out
 * (8 bytes); "" when label is not a month. */
void ipm_month_step(const char *label, int step, char *out);

#endif
