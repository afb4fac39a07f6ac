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
} ipm_digest;

ipm_digest *ipm_digest_new(void);
void ipm_digest_free(ipm_digest *d);
/* Count one tagged record. */
void ipm_digest_add(ipm_digest *d, const ipm_rec *r);
/* Add all of src into dst. */
void ipm_digest_merge(ipm_digest *dst, const ipm_digest *src);

/* The monitoring window of d: the period its records state (period_start,
 * period_end; the most common one), else from the record dates: start and
 * end are the 5th and 95th percentile dates ("" when d has no dates). label
 * is the period's name: "YYYY-MM" of the end when the window spans at most
 * 62 days, else "YYYY" of the median date, else "undated". Buffers of 11. */
void ipm_digest_window(const ipm_digest *d, char *start, char *end, char *label);

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
/* The period before p[i] of the same kind (month or year), or NULL. */
const struct ipm_period *ipm_period_prev(const struct ipm_period *p, size_t i);

#endif
