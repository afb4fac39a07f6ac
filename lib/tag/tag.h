/* tag: the ipm-tag fields — who (actor_id, actor_kind), where (province,
 * province_code, places), which sector (sectors, subsectors, plus_terms),
 * which policy (policy_docs, doc_numbers, doc_issuers), which companies, what
 * kind of event (event_type) and from where (source, source_kind). Rules and
 * dictionaries are described in ipm-tag(1); dictionaries are the TSV files of
 * lib/data (see dict.h), matched with one Aho–Corasick automaton (match.h).
 *
 * Ownership: the tagger owns its dictionaries; ipm_tag_record writes copies
 * into the record. A tagger is not thread-safe (it keeps scratch buffers):
 * give each thread a clone, which shares the dictionaries and automata. */
#ifndef IPM_TAG_H
#define IPM_TAG_H

#include <stddef.h>

#include "core/rec.h"

typedef struct ipm_tagger ipm_tagger;

/* Load every dictionary from dir and build the automata. NULL (message
 * printed) when a dictionary is missing or malformed. */
ipm_tagger *ipm_tagger_new(const char *dir);
/* A tagger sharing tg's dictionaries, with scratch of its own (free it
 * before tg). */
ipm_tagger *ipm_tagger_clone(const ipm_tagger *tg);
void ipm_tagger_free(ipm_tagger *tg);
/* Add (or replace) the tag fields of r, after its existing fields. */
void ipm_tag_record(ipm_tagger *tg, ipm_rec *r);
/* Patterns in the main automaton (for -v). */
size_t ipm_tagger_npatterns(const ipm_tagger *tg);

#endif
