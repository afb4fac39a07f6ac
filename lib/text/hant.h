/* hant: text that sites convert or decorate for readers, brought back to
 * what the dictionaries hold: traditional characters to simplified ones by
 * the one-to-one pairs of lib/data/hant.tsv ("國發〔2015〕40號" ->
 * "国发〔2015〕40号"), and pinyin glosses a mirror puts after a character
 * ("發(fā)" -> "發") removed.
 *
 * Ownership: a map owns its table; the functions append to a caller's buffer. */
#ifndef IPM_HANT_H
#define IPM_HANT_H

#include <stddef.h>

#include "core/util.h"

typedef struct ipm_hant ipm_hant;

/* Load DIR/hant.tsv (columns hant, hans). NULL (message printed) when it is
 * missing or malformed. */
ipm_hant *ipm_hant_load(const char *dir);
void ipm_hant_free(ipm_hant *h);

/* Append s[0..n) to out with every mapped traditional character replaced by
 * its simplified one (h may be NULL: copied unchanged). Returns the number
 * of characters replaced. */
size_t ipm_hant_simplify(const ipm_hant *h, const char *s, size_t n, ipm_buf *out);

/* Append s[0..n) to out without pinyin glosses: a parenthesis (ASCII or
 * full-width) right after a CJK character holding 1-6 Latin letters of which
 * at least one carries a tone mark ("(fā)", "（guó）"). Returns how many were
 * removed. */
size_t ipm_pinyin_strip(const char *s, size_t n, ipm_buf *out);

#endif
