#include "utf8.h"

#include <string.h>

size_t ipm_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned char c;
	uint32_t v, min;
	size_t len, i;

	if (n == 0)
		return 0;
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2; v = c & 0x1F; min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3; v = c & 0x0F; min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4; v = c & 0x07; min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return len;
}

size_t ipm_utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* A fast loop over ASCII and the 3-byte sequences of CJK text (lead E1-EC,
 * EE-EF take any continuation bytes), the strict decoder for everything else. */
size_t ipm_utf8_valid_len(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k;
	uint32_t cp;

	while (i < n) {
		unsigned char c = p[i];
		uint64_t w;

		if (c < 0x80) {
			i++;
			/* ASCII runs go 8 bytes a step */
			while (n - i >= 8 && (memcpy(&w, p + i, 8), (w & 0x8080808080808080ULL) == 0))
				i += 8;
		} else if (c >= 0xE1 && c <= 0xEF && c != 0xED && n - i >= 3 &&
		           (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80) {
			i += 3;
		} else {
			k = ipm_utf8_decode(p + i, n - i, &cp);
			if (!k)
				return i;
			i += k;
		}
	}
	return n;
}

/* Length of the maximal subpart of an ill-formed sequence at s: the lead byte
 * plus every continuation byte that could still have led to a valid sequence. */
static size_t maximal_subpart(const unsigned char *s, size_t n)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xBF;
	size_t need, i;

	if (c >= 0xC2 && c <= 0xDF)
		need = 1;
	else if (c >= 0xE0 && c <= 0xEF)
		need = 2;
	else if (c >= 0xF0 && c <= 0xF4)
		need = 3;
	else
		return 1;
	if (c == 0xE0) lo = 0xA0;
	if (c == 0xED) hi = 0x9F;
	if (c == 0xF0) lo = 0x90;
	if (c == 0xF4) hi = 0x8F;
	for (i = 1; i <= need && i < n; i++) {
		if (s[i] < lo || s[i] > hi)
			break;
		lo = 0x80;
		hi = 0xBF;
	}
	return i;
}

size_t ipm_utf8_sanitize(const char *s, size_t n, ipm_buf *b)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, start = 0, k, bad = 0;
	uint32_t cp;

	ipm_buf_reserve(b, n);
	while (i < n) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		k = ipm_utf8_decode(p + i, n - i, &cp);
		if (k) {
			i += k;
			continue;
		}
		ipm_buf_add(b, s + start, i - start);
		ipm_buf_add(b, "\xEF\xBF\xBD", 3);
		bad++;
		i += maximal_subpart(p + i, n - i);
		start = i;
	}
	ipm_buf_add(b, s + start, n - start);
	return bad;
}

const char *ipm_mem_find(const char *h, size_t hn, const char *nd, size_t nn)
{
	size_t i;

	if (nn == 0)
		return h;
	for (i = 0; i + nn <= hn; i++)
		if (h[i] == nd[0] && memcmp(h + i, nd, nn) == 0)
			return h + i;
	return NULL;
}

size_t ipm_utf8_subpart(const char *s, size_t n, int *cut)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t k = maximal_subpart(p, n);
	size_t need = p[0] >= 0xF0 ? 4 : p[0] >= 0xE0 ? 3 : 2;

	*cut = k == n && p[0] >= 0xC2 && p[0] <= 0xF4 && k < need;
	return k;
}

size_t ipm_cp_count(const char *s, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xc0) != 0x80;
	return c;
}

size_t ipm_cp_last(const char *s, size_t n)
{
	size_t j = n - 1;

	while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80 && n - j < 4)
		j--;
	return j;
}

int ipm_has_cjk(const char *s, size_t n)
{
	size_t i = 0, k;

	while (i < n) {
		if (ipm_is_cjk_cp(ipm_cp_at(s, n, i, &k)))
			return 1;
		i += k;
	}
	return 0;
}

int ipm_is_bullet_cp(uint32_t c)
{
	return (c >= 0xF000 && c <= 0xF0FF) || (c >= 0x2794 && c <= 0x27BF) ||
	       (c >= 0x25A0 && c <= 0x25FF) || (c >= 0x2660 && c <= 0x2667) ||
	       c == 0x2022 || c == 0x2023 || c == 0x2043 || c == 0x2219 || c == 0x2605 ||
	       c == 0x2606 || c == 0x00B7 || c == 0x221A || c == 0x2713 || c == 0x2756 ||
	       c == 0x00D8;
}

