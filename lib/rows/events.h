/* events: the records ipm-rows writes. Every record starts with the common
 * fields in this order: doc, section, actor, date, date_raw, text, url, line,
 * heading, period_start, period_end (null until set); a stage may add more (policy: title, issuer,
 * doc_number, published, topic) before ipm_events_put(). */
#ifndef IPM_EVENTS_H
#define IPM_EVENTS_H

#include <stddef.h>

#include "core/rec.h"
#include "core/reject.h"

typedef struct {
	int (*put)(void *ctx, const ipm_rec *r);  /* 0, or -1 on a write error */
	void *ctx;
	const char *doc;      /* document id */
	const char *file;     /* input name, for messages and rejects */
	ipm_rejects *rj;      /* loss accounting (never NULL) */
	int verbose;
	const char *data_dir;  /* the dictionaries (gazetteer.tsv), or NULL */
	ipm_rec *rec;         /* the record being built (owned) */
	size_t n;             /* records written */
	int failed;           /* a write failed */
} ipm_events;

/* Set up ev (rec allocated); doc/file/rj are borrowed. */
void ipm_events_init(ipm_events *ev, int (*put)(void *, const ipm_rec *), void *ctx,
                     const char *doc, const char *file, ipm_rejects *rj);
void ipm_events_free(ipm_events *ev);
/* Clear the record and set doc, section and the other common fields to null;
 * returns the record for the caller to fill. */
ipm_rec *ipm_events_begin(ipm_events *ev, const char *section);
/* Write the record built since begin(). 0, or -1 on a write error. */
int ipm_events_put(ipm_events *ev);
/* Set a string field, or null when s is NULL. len may be (size_t)-1 for strlen. */
void ipm_events_set(ipm_events *ev, const char *key, const char *s, size_t len);

/* The common item fields, for the usual one-call record. NULL fields -> null. */
struct ipm_item {
	const char *section, *actor, *date, *date_raw, *text, *url, *heading;
	long line;
};
int ipm_events_item(ipm_events *ev, const struct ipm_item *it);

#endif
