/* text: UTF-8 primitives shared by the stages. */
#ifndef IPM_TEXT_H
#define IPM_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* Decode one UTF-8 sequence at s (n bytes available). Returns its length
 * (1-4) and stores the code point in *cp; on an invalid or truncated
 * sequence returns 0 (the caller decides: skip one byte, emit U+FFFD). */
size_t ipm_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/* Encode cp (< 0x110000, not a surrogate) into out; returns 1-4 bytes written. */
size_t ipm_utf8_encode(uint32_t cp, char out[4]);
/* Length of the longest valid UTF-8 prefix of s. Equals n when all valid. */
size_t ipm_utf8_valid_len(const char *s, size_t n);
/* Append s to b with each maximal invalid subpart replaced by U+FFFD
 * (WHATWG/Unicode "substitution of maximal subparts"). Returns the number
 * of replacements made. */
size_t ipm_utf8_sanitize(const char *s, size_t n, ipm_buf *b);

/* The first occurrence of nd[0..nn) in h[0..hn), or NULL (memmem is not
 * POSIX). An empty nd is found at h. */
const char *ipm_mem_find(const char *h, size_t hn, const char *nd, size_t nn);

/* At an invalid or incomplete sequence s[0..n) (n > 0): the length of its
 * maximal subpart; *cut is set when those are all of s and could still be
 * completed by more input (a sequence cut by the end of a chunk). */
size_t ipm_utf8_subpart(const char *s, size_t n, int *cut);

#endif
