#define _GNU_SOURCE   /* memmem */
#include "tagscan.h"

#include <stdint.h>
#include <string.h>

#include "core/utf8.h"

static int is_cjk(uint32_t c)
{
	return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF);
}

static int is_alnum_ascii(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int has(const char *s, size_t n, size_t pos, const char *lit)
{
	size_t l = strlen(lit);

	return pos <= n && n - pos >= l && memcmp(s + pos, lit, l) == 0;
}

size_t ipm_scan_titles(const char *s, size_t n, ipm_span *out, size_t max)
{
	const char *open = memmem(s, n, "《", 3);   /* most texts name no title */
	size_t i = open ? (size_t)(open - s) : n, found = 0, start = 0;
	int depth = 0;

	while (i < n) {
		if ((unsigned char)s[i] != 0xE3) {   /* 《 and 》 both start with E3 */
			i++;
		} else if (has(s, n, i, "《")) {
			if (depth++ == 0)
				start = i;
			i += 3;
		} else if (has(s, n, i, "》")) {
			i += 3;
			if (depth > 0 && --depth == 0) {
				if (found < max) {
					out[found].start = start;
					out[found].end = i;
				}
				found++;
			}
		} else {
			i++;
		}
	}
	return found;
}

static const char *const OPENB[] = { "〔", "[", "【", "（", "(", "［" };
static const char *const CLOSEB[] = { "〕", "]", "】", "）", ")", "］" };
#define NBRACKETS (sizeof OPENB / sizeof OPENB[0])

static size_t bracket(const char *s, size_t n, size_t pos, const char *const *set)
{
	size_t k;

	for (k = 0; k < NBRACKETS; k++)
		if (has(s, n, pos, set[k]))
			return strlen(set[k]);
	return 0;
}

/* One ASCII or full-width digit at pos: its value, or -1; *len its bytes. */
static int digit(const char *s, size_t n, size_t pos, size_t *len)
{
	const unsigned char *u = (const unsigned char *)s;

	if (pos < n && u[pos] >= '0' && u[pos] <= '9') {
		*len = 1;
		return u[pos] - '0';
	}
	if (pos + 2 < n && u[pos] == 0xEF && u[pos + 1] == 0xBC && u[pos + 2] >= 0x90 && u[pos + 2] <= 0x99) {
		*len = 3;
		return u[pos + 2] - 0x90;
	}
	return -1;
}

static size_t skip_spaces(const char *s, size_t n, size_t pos)
{
	for (;;) {
		if (pos < n && (s[pos] == ' ' || s[pos] == '\t'))
			pos++;
		else if (has(s, n, pos, "\xe3\x80\x80") || has(s, n, pos, "\xc2\xa0"))
			pos += s[pos] == '\xc2' ? 2 : 3;
		else
			return pos;
	}
}

/* Digits at pos (at most maxd): appended as ASCII to b; returns the count. */
static size_t digits(const char *s, size_t n, size_t *pos, size_t maxd, ipm_buf *b)
{
	size_t k = 0, len;
	int d;

	while (k < maxd && (d = digit(s, n, *pos, &len)) >= 0) {
		ipm_buf_addc(b, '0' + d);
		*pos += len;
		k++;
	}
	return k;
}

/* Start of the letter run that ends at end (skipping spaces before end). */
static size_t run_back(const char *s, size_t end, size_t *run_end)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = end, chars = 0;

	while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t'))
		i--;
	*run_end = i;
	while (i > 0 && chars < 12) {
		size_t j = i - 1;
		uint32_t cp;

		while (j > 0 && (u[j] & 0xC0) == 0x80 && i - j < 4)
			j--;
		if (ipm_utf8_decode(u + j, i - j, &cp) != i - j)
			break;
		if (!is_cjk(cp) && !(cp < 0x80 && is_alnum_ascii(cp) && !(cp >= '0' && cp <= '9')))
			break;
		i = j;
		chars++;
	}
	return i;
}

static int bracket_form(const char *s, size_t n, size_t i, size_t *end, ipm_buf *tail)
{
	size_t p = i + bracket(s, n, i, OPENB), bl;

	p = skip_spaces(s, n, p);
	ipm_buf_adds(tail, "〔");
	if (digits(s, n, &p, 4, tail) != 4 || digit(s, n, p, &bl) >= 0)
		return 0;
	p = skip_spaces(s, n, p);
	if (!(bl = bracket(s, n, p, CLOSEB)))
		return 0;
	p = skip_spaces(s, n, p + bl);
	ipm_buf_adds(tail, "〕");
	if (has(s, n, p, "第"))
		p += 3;
	if (digits(s, n, &p, 6, tail) == 0 || digit(s, n, p, &bl) >= 0)
		return 0;
	p = skip_spaces(s, n, p);
	if (!has(s, n, p, "号"))
		return 0;
	ipm_buf_adds(tail, "号");
	*end = p + 3;
	return 1;
}

static int order_form(const char *s, size_t n, size_t i, size_t *end, ipm_buf *tail)
{
	size_t p = i + 3, bl;

	ipm_buf_adds(tail, "第");
	if (digits(s, n, &p, 6, tail) == 0 || digit(s, n, p, &bl) >= 0 || !has(s, n, p, "号"))
		return 0;
	ipm_buf_adds(tail, "号");
	*end = p + 3;
	return 1;
}

static const unsigned char SECOND[256] = {
	['['] = 1, ['('] = 1, [0xE3] = 0x80, [0xEF] = 0xBC, [0xE7] = 0xAC
};

int ipm_scan_docnum(const char *s, size_t n, size_t *pos, ipm_docnum *d, ipm_buf *tail)
{
	size_t i;

	/* every form ends in 号: most texts have none (memmem is fast) */
	if (*pos >= n || !memmem(s + *pos, n - *pos, "号", 3)) {
		*pos = n;
		return 0;
	}
	for (i = *pos; i < n; i++) {
		size_t end, rs, re;
		int ok = 0;
		unsigned char c = (unsigned char)s[i];

		/* bracket or 第 starts only at [ ( or E3 80 (〔【), EF BC (（［), E7 AC (第):
		 * SECOND[c] is the second byte a lead byte c needs (1: none needed) */
		if (!SECOND[c] || (SECOND[c] > 1 && (i + 1 >= n || (unsigned char)s[i + 1] != SECOND[c])))
			continue;
		if (bracket(s, n, i, OPENB)) {
			ipm_buf_clear(tail);
			ok = bracket_form(s, n, i, &end, tail);
		} else if (has(s, n, i, "第") && i >= 3 && has(s, n, i - 3, "令")) {
			ipm_buf_clear(tail);
			ok = order_form(s, n, i, &end, tail);
		}
		if (!ok)
			continue;
		rs = run_back(s, i, &re);
		if (rs == re)
			continue;
		d->run_start = rs;
		d->run_end = re;
		d->end = end;
		*pos = end;
		return 1;
	}
	*pos = n;
	return 0;
}

size_t ipm_scan_word_run(const char *s, size_t n, size_t maxchars)
{
	size_t i = 0, chars = 0;

	while (i < n && chars < maxchars) {
		uint32_t cp;
		size_t l = ipm_utf8_decode((const unsigned char *)s + i, n - i, &cp);

		if (!l || !(is_cjk(cp) || (cp < 0x80 && is_alnum_ascii(cp))))
			break;
		i += l;
		chars++;
	}
	return i;
}

size_t ipm_scan_open_quote_before(const char *s, size_t pos)
{
	if (pos >= 1 && s[pos - 1] == '"')
		return 1;
	if (pos >= 3 && (memcmp(s + pos - 3, "“", 3) == 0 || memcmp(s + pos - 3, "「", 3) == 0 ||
	                 memcmp(s + pos - 3, "‘", 3) == 0))
		return 3;
	return 0;
}

size_t ipm_scan_close_quote_at(const char *s, size_t n, size_t pos)
{
	if (pos < n && s[pos] == '"')
		return 1;
	if (has(s, n, pos, "”") || has(s, n, pos, "」") || has(s, n, pos, "’"))
		return 3;
	return 0;
}

int ipm_scan_host(const char *s, size_t n, size_t *hs, size_t *hl)
{
	size_t i = 0, end, at, p;

	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
		i++;
	for (end = i; end < n && s[end] != ' ' && s[end] != '\t' && s[end] != '\n' && s[end] != '\r'; end++)
		;
	for (p = i; p + 2 < end; p++)
		if (s[p] == ':' && s[p + 1] == '/' && s[p + 2] == '/') {
			i = p + 3;
			break;
		}
	for (p = i; p < end && s[p] != '/' && s[p] != '?' && s[p] != '#'; p++)
		;
	for (at = p; at > i; at--)
		if (s[at - 1] == '@') {
			i = at;
			break;
		}
	for (p = i; p < end && s[p] != '/' && s[p] != '?' && s[p] != '#' && s[p] != ':'; p++)
		;
	if (p == i || !memchr(s + i, '.', p - i))
		return 0;
	*hs = i;
	*hl = p - i;
	return 1;
}
