/* sentence: the report's labels and 舆情总结-style summary sentences, from a
 * template file (lib/data/sentences.tsv: kind, key, min, names, count,
 * template; '#' lines are comments). Every name a sentence lists comes from
 * the digest; a sentence whose list would be empty is left out. */
#ifndef IPM_SENTENCE_H
#define IPM_SENTENCE_H

#include "core/util.h"
#include "digest.h"

typedef struct ipm_sentences ipm_sentences;

/* Load templates; NULL after a message "file:line: why" on error. */
ipm_sentences *ipm_sentences_load(const char *path);
void ipm_sentences_free(ipm_sentences *s);
/* The label of key, or key itself when the file has none (owned by s). */
const char *ipm_label(const ipm_sentences *s, const char *key);
/* Append the summary sentences of cur (prev may be NULL; prev_label names
 * it for {prev}) to out, one per line; start/end name the window. Returns
 * the number of sentences. */
size_t ipm_sentences_build(const ipm_sentences *s, const ipm_digest *cur,
                           const ipm_digest *prev, const char *prev_label, const char *start,
                           const char *end, ipm_buf *out);

#endif
