/* policy: a saved gov.cn policy page (HTML, through ipm-extract) -> one
 * record with section "policy": title, issuer (array), doc_number (〔〕
 * normalised), date (成文日期), published (发布日期), topic, url, text. rows.c dispatches here. */
#ifndef IPM_POLICY_H
#define IPM_POLICY_H

#include "core/blocks.h"
#include "events.h"

/* Score how much the first blocks look like a policy page (0 = not at all).
 * Peeks at up to `look` blocks of src, consumes none. */
int ipm_policy_score(ipm_bsrc *src, size_t look);
/* Read every block of src and write the policy record to ev. 0, or -1 on an
 * I/O error. */
int ipm_policy_rows(ipm_bsrc *src, ipm_events *ev);

/* The fields of one policy record, as found (borrowed; a NULL or empty one
 * is written as null): issuer joint issuers separated by 、，, ; or spaces;
 * number a 文号 to normalise (docno.h); date the 成文 date's text and
 * published the publication date's text (datecn.h forms). */
struct ipm_policy {
	const char *title, *issuer, *number, *date, *published, *topic, *url, *body;
	size_t title_len, issuer_len, number_len, date_len, published_len, topic_len, url_len, body_len;
	long line;
};
/* Write one policy record: section "policy", actor (the issuers as given),
 * date, date_raw, text (body), url, line, title, issuer (array), doc_number,
 * published, topic. 0, or -1 on a write error. */
int ipm_policy_put(ipm_events *ev, const struct ipm_policy *f);

#endif
