/* normtext: streaming UTF-8 validation and text normalisation for ipm-norm.
 * Input arrives in chunks of any size (a sequence may be split between two
 * chunks); output is appended to a caller-owned ipm_buf. Memory is constant:
 * at most 3 carried bytes and a few flags, whatever the line length.
 *
 * Rules (the same list is in `ipm-norm --help` and ipm-norm(1)):
 *  1. CR LF and a lone CR become LF.
 *  2. U+FEFF (byte order mark / zero width no-break space) is removed.
 *  3. C0 controls other than TAB, LF and FF (NUL included) are removed and
 *     counted; FF (a page break in PDF text) is kept.
 *  4. Unicode spaces U+00A0, U+1680, U+2000-200A, U+202F, U+205F, U+3000 -> ' '.
 *  5. Full-width forms U+FF01-FF5E -> ASCII U+0021-007E, except the Chinese
 *     sentence punctuation ！（），：；？ which stays full-width.
 *  6. U+2010-2013 hyphens inside a URL -> '-' (a URL is a run of ASCII URL
 *     characters that contains "://" or starts with "www."); elsewhere kept.
 *  7. Bullets -> U+2022 '•': U+27A2 ➢, U+27A4 ➤ and the symbol-font private
 *     use bullets U+F06C U+F06E U+F075 U+F076 U+F0A7 U+F0A8 U+F0B7 U+F0D8
 *     U+F0E0 U+F0E8 U+F0FC.
 *  8. Invalid or truncated UTF-8 -> U+FFFD per maximal subpart, reported
 *     through the bad-sequence hook. Everything else passes unchanged. */
#ifndef IPM_NORMTEXT_H
#define IPM_NORMTEXT_H

#include <stddef.h>

#include "core/util.h"

/* Called for each invalid sequence: offset is the input byte offset of its
 * first byte, bytes/n the sequence. Return nonzero to stop processing. */
typedef int (*ipm_bad_fn)(void *ctx, unsigned long long offset,
                          const unsigned char *bytes, size_t n);

typedef struct {
	unsigned long long off;    /* input offset of the next byte */
	size_t ncontrol;           /* controls removed (rule 3) */
	size_t nbad;               /* invalid sequences replaced (rule 8) */
	int stopped;               /* the hook asked to stop */
	int skip_lf;               /* last output came from a CR: drop one LF */
	unsigned char carry[4];    /* incomplete sequence from the last chunk */
	size_t ncarry;
	/* URL state of the ASCII run that ends the output so far (rule 6) */
	int run_len;               /* 0 none, else min(run length, 255) */
	int run_url;               /* that run already qualifies as a URL */
	char run_head[4];          /* its first bytes, for "www." */
	char run_tail[2];          /* its last bytes, for a "://" split by a chunk */
	ipm_bad_fn bad;
	void *bad_ctx;
} ipm_normtext;

/* Start a fresh stream (all counters 0, no hook). */
void ipm_normtext_init(ipm_normtext *nt);
/* Normalise n bytes of UTF-8 (possibly invalid, possibly cut mid-sequence)
 * and append the result to out. Does nothing once stopped. */
void ipm_normtext_put(ipm_normtext *nt, const char *s, size_t n, ipm_buf *out);
/* End of input: a carried incomplete sequence becomes U+FFFD. */
void ipm_normtext_finish(ipm_normtext *nt, ipm_buf *out);

#endif
