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

#endif
