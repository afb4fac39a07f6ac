/* utf8: UTF-8 primitives and the character classes every stage shares
 * (white space, CJK, bullets, display width), each defined once here. */
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

/* Number of code points in s (continuation bytes not counted). */
size_t ipm_cp_count(const char *s, size_t n);
/* Start of the code point that ends at s[n-1] (n > 0). */
size_t ipm_cp_last(const char *s, size_t n);

/* 1 when s holds a CJK ideograph. */
int ipm_has_cjk(const char *s, size_t n);
/* Glyphs that mark list items: geometric shapes, arrows, stars, card suits,
 * symbol-font bullets in the private use area (U+F000-F0FF) that PDF
 * converters leave, and • ‣ ⁃ ∙ · √ ✓ ❖ Ø. ASCII '-' and '*' are item marks
 * too, but only as text rules decide (ipm_zh_skip_bullet). */
int ipm_is_bullet_cp(uint32_t c);

/* ---- the hot ones, inline: every text stage calls them per character ---- */

/* The code point at s[i] (n bytes in s) and its length in *len; an invalid
 * or truncated sequence is one byte of U+FFFD, so a scan always advances.
 * Fast for ASCII and 3-byte (CJK) sequences. */
static inline uint32_t ipm_cp_at(const char *s, size_t n, size_t i, size_t *len)
{
	const unsigned char *u = (const unsigned char *)s + i;
	uint32_t cp;
	size_t k;

	if (u[0] < 0x80) {
		*len = 1;
		return u[0];
	}
	if ((u[0] & 0xF0) == 0xE0 && n - i >= 3 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
		cp = ((uint32_t)(u[0] & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
		if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
			*len = 3;
			return cp;
		}
	}
	k = ipm_utf8_decode(u, n - i, &cp);
	if (k == 0) {
		*len = 1;
		return 0xFFFD;
	}
	*len = k;
	return cp;
}

/* White space inside a line: ASCII blank, tab, CR, FF, VT, U+00A0, U+3000
 * and U+FEFF. (ipm-norm turns the Unicode ones into ' ' and drops U+FEFF,
 * so a stage reading its output meets only ' ' and tab; text from elsewhere
 * is still read right.) */
static inline int ipm_is_space_cp(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' ||
	       c == 0xA0 || c == 0x3000 || c == 0xFEFF;
}

/* CJK ideographs (U+3400-9FFF, F900-FAFF, 20000-2FFFF). */
static inline int ipm_is_cjk_cp(uint32_t c)
{
	return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
	       (c >= 0x20000 && c <= 0x2FFFF);
}

/* Display width of s as a terminal or pdftotext -layout shows it, from the
 * lead bytes alone: ASCII and 2-byte sequences 1, U+2000-206F 1, others 2. */
static inline int ipm_disp_width(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i;
	int w = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = u[i];
		if (c < 0xC0)
			w += c < 0x80;   /* continuation bytes add nothing */
		else if (c < 0xE0)
			w += 1;
		else if (c == 0xE0 || (c == 0xE2 && i + 1 < n && (u[i + 1] == 0x80 || u[i + 1] == 0x81)))
			w += 1;
		else
			w += 2;
	}
	return w;
}

#endif
