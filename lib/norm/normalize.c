#include "normalize.h"

#include <stdint.h>
#include <string.h>

#include "core/utf8.h"

/* For each 64-character block of U+0000-FFFF (indexed by a three-byte
 * sequence's lead and second byte), bit k is set when character k of the
 * block has a rule or is invalid (overlong, surrogate): one load and a shift
 * decide for any three-byte character. Built once. */
static uint64_t blk3[16 * 64];
static int blk3_ready;
static int touched3(uint32_t cp);

static void init_blk3(void)
{
	uint32_t c;

	if (blk3_ready)
		return;
	for (c = 0; c < 0x10000; c++)
		if (touched3(c))
			blk3[c >> 6] |= 1ULL << (c & 63);
	blk3_ready = 1;
}

void ipm_normtext_init(ipm_normtext *nt)
{
	memset(nt, 0, sizeof *nt);
	init_blk3();
}

static int is_cont(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

/* ASCII characters that may appear inside a URL (RFC 3986 plus '%'). */
static int is_urlc(unsigned char c)
{
	return c > 0x20 && c < 0x7F && !strchr("\"<>\\^`{|}", c);
}

static int has_scheme(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i + 3 <= n; i++)
		if (s[i] == ':' && s[i + 1] == '/' && s[i + 2] == '/')
			return 1;
	return 0;
}

static int starts_www(const char *s, size_t n)
{
	return n >= 4 && (s[0] | 0x20) == 'w' && (s[1] | 0x20) == 'w' &&
	       (s[2] | 0x20) == 'w' && s[3] == '.';
}

/* Does the URL-character run continuing the previous chunk's run qualify,
 * given its part seg/n in this chunk? */
static int joined_url(const ipm_normtext *nt, const char *seg, size_t n)
{
	char tmp[8];
	size_t k, m;

	if (nt->run_url || has_scheme(seg, n))
		return 1;
	memcpy(tmp, nt->run_tail, 2);
	k = n < 2 ? n : 2;
	memcpy(tmp + 2, seg, k);
	m = nt->run_len < 2 ? (size_t)nt->run_len : 2;
	if (has_scheme(tmp + 2 - m, m + k))
		return 1;
	if (nt->run_len >= 4)
		return 0;
	m = (size_t)nt->run_len;
	memcpy(tmp, nt->run_head, m);
	k = n < 4 - m ? n : 4 - m;
	memcpy(tmp + m, seg, k);
	return starts_www(tmp, m + k);
}

/* Is output position o+len inside a URL? base is where this call's output
 * starts; url_end (if not 0) is the position just after the last hyphen that
 * was judged inside a URL, so a long URL is scanned once, not per hyphen. */
static int in_url(const ipm_normtext *nt, const char *o, size_t base, size_t len,
                  size_t url_end)
{
	size_t j = len;

	while (j > base && is_urlc((unsigned char)o[j - 1])) {
		if (j == url_end)
			return 1;
		j--;
	}
	if (j > base)
		return j < len && (has_scheme(o + j, len - j) || starts_www(o + j, len - j));
	if (nt->run_len == 0)
		return has_scheme(o + j, len - j) || starts_www(o + j, len - j);
	return joined_url(nt, o + j, len - j);
}

/* Remember the URL-character run that ends this call's output. */
static void save_run(ipm_normtext *nt, const char *o, size_t base, size_t len)
{
	size_t j = len, n, m;

	if (len == base)
		return;
	while (j > base && is_urlc((unsigned char)o[j - 1]))
		j--;
	n = len - j;
	if (j == base && nt->run_len) {
		nt->run_url = joined_url(nt, o + j, n);
		m = (size_t)nt->run_len;
		if (m < 4)
			memcpy(nt->run_head + m, o + j, n < 4 - m ? n : 4 - m);
		if (n == 1) {
			nt->run_tail[0] = nt->run_tail[1];
			nt->run_tail[1] = o[j];
		} else {
			memcpy(nt->run_tail, o + len - 2, 2);
		}
		nt->run_len = m + n > 255 ? 255 : (int)(m + n);
		return;
	}
	nt->run_len = n > 255 ? 255 : (int)n;
	nt->run_url = n && (has_scheme(o + j, n) || starts_www(o + j, n));
	memcpy(nt->run_head, o + j, n < 4 ? n : 4);
	if (n >= 2)
		memcpy(nt->run_tail, o + len - 2, 2);
	else if (n == 1)
		nt->run_tail[1] = o[j];
}

static int is_space(uint32_t cp)
{
	return cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
	       cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

static int is_bullet(uint32_t cp)
{
	switch (cp) {
	case 0x27A2: case 0x27A4:
	case 0xF06C: case 0xF06E: case 0xF075: case 0xF076: case 0xF0A7:
	case 0xF0A8: case 0xF0B7: case 0xF0D8: case 0xF0E0: case 0xF0E8: case 0xF0FC:
		return 1;
	}
	return 0;
}

/* Full-width punctuation that Chinese text uses as its own: kept as is. */
static int is_zh_punct(uint32_t cp)
{
	return cp == 0xFF01 || cp == 0xFF08 || cp == 0xFF09 || cp == 0xFF0C ||
	       cp == 0xFF1A || cp == 0xFF1B || cp == 0xFF1F;
}

/* Length of the maximal subpart of an ill-formed UTF-8 sequence at s, or 0
 * when s[0..n) is a valid but incomplete prefix (more input may finish it). */
static size_t bad_len(const unsigned char *s, size_t n)
{
	int cut;
	size_t k = ipm_utf8_subpart((const char *)s, n, &cut);

	return cut ? 0 : k;
}

/* Working state of one ipm_normtext_put call. */
struct run {
	ipm_normtext *nt;
	const unsigned char *p;
	size_t start;      /* first input byte not yet copied to out */
	size_t base;       /* out->len when the call began */
	size_t url_end;    /* see in_url() */
	ipm_buf *out;
};

/* Copy the unchanged input before i, then append rep (len k), and skip the
 * k_in input bytes at i. */
static void replace(struct run *r, size_t i, size_t k_in, const char *rep, size_t k)
{
	ipm_buf_add(r->out, r->p + r->start, i - r->start);
	ipm_buf_add(r->out, rep, k);
	r->start = i + k_in;
}

/* Apply the rules to the code point cp (k input bytes at i); returns the
 * number of input bytes consumed (k, or k+1 for CR LF). */
static size_t rule(struct run *r, size_t i, size_t n, uint32_t cp, size_t k)
{
	char c;

	if (cp == '\r') {
		replace(r, i, 1, "\n", 1);
		if (i + 1 < n && r->p[i + 1] == '\n') {
			r->start++;
			return 2;
		}
		r->nt->skip_lf = i + 1 == n;
		return 1;
	}
	if (cp == '\f') {
		/* a page break: kept (ipm-extract reads PDF text by its pages) */
	} else if (cp < 0x20) {
		replace(r, i, 1, "", 0);
		r->nt->ncontrol++;
	} else if (cp == 0xFEFF) {
		replace(r, i, k, "", 0);
	} else if (is_space(cp)) {
		replace(r, i, k, " ", 1);
	} else if (cp >= 0xFF01 && cp <= 0xFF5E && !is_zh_punct(cp)) {
		c = (char)(cp - 0xFF00 + 0x20);
		replace(r, i, k, &c, 1);
	} else if (is_bullet(cp)) {
		replace(r, i, k, "\xE2\x80\xA2", 3);
	} else if (cp >= 0x2010 && cp <= 0x2013) {
		ipm_buf_add(r->out, r->p + r->start, i - r->start);
		r->start = i;
		if (in_url(r->nt, r->out->s, r->base, r->out->len, r->url_end)) {
			replace(r, i, k, "-", 1);
			r->url_end = r->out->len;
		}
	}
	return k;
}

/* An invalid sequence of k bytes at i: U+FFFD, count, report. */
static void bad(struct run *r, size_t i, size_t k)
{
	ipm_normtext *nt = r->nt;

	replace(r, i, k, "\xEF\xBF\xBD", 3);
	nt->nbad++;
	if (nt->bad && nt->bad(nt->bad_ctx, nt->off + i, r->p + i, k))
		nt->stopped = 1;
}

/* Handle the sequence at i that the fast path did not take. Returns bytes
 * consumed, 0 when an incomplete sequence ends the chunk. */
static size_t slow(struct run *r, size_t i, size_t n)
{
	uint32_t cp;
	size_t k = ipm_utf8_decode(r->p + i, n - i, &cp);

	if (k)
		return rule(r, i, n, cp, k);
	k = bad_len(r->p + i, n - i);
	if (k == 0)
		return 0;
	bad(r, i, k);
	return k;
}

/* Does a rule apply to the three-byte character cp? Most CJK text and
 * punctuation answers no here, without leaving the hot loop. */
static int touched3(uint32_t cp)
{
	if (cp < 0x2000)
		return cp < 0x800 || cp == 0x1680;   /* < 0x800: overlong */
	if (cp <= 0x2013)
		return cp <= 0x200A || cp >= 0x2010;
	if (cp < 0x3000)
		return cp == 0x202F || cp == 0x205F || cp == 0x27A2 || cp == 0x27A4;
	if (cp == 0x3000)
		return 1;
	if (cp < 0xF000)
		return cp >= 0xD800 && cp <= 0xDFFF;   /* surrogates are invalid */
	if (cp <= 0xF0FF)
		return is_bullet(cp);
	return cp == 0xFEFF || (cp >= 0xFF01 && cp <= 0xFF5E && !is_zh_punct(cp));
}

/* The hot loop: returns the first position at or after i where a rule may
 * apply or the UTF-8 is invalid or cut; plain ASCII goes 8 bytes at a time,
 * three-byte characters are validated and checked without a table. */
#ifdef __SSE2__
#include <emmintrin.h>

/* SSE2 pass over 16-byte blocks of ASCII and three-byte characters (the
 * common case): checks UTF-8 structure with bit masks, and looks up the rule
 * bitmap only for characters whose lead byte (E1 E2 E3 EF) can have a rule.
 * Returns the first character boundary it could not vouch for. */
static size_t scan_sse2(const unsigned char *p, size_t i, size_t n)
{
	const __m128i lo = _mm_set1_epi8(0x1F), tab = _mm_set1_epi8('\t'),
		nl = _mm_set1_epi8('\n'), c0 = _mm_set1_epi8((char)0xC0),
		x80 = _mm_set1_epi8((char)0x80), f0 = _mm_set1_epi8((char)0xF0),
		e0 = _mm_set1_epi8((char)0xE0), ed = _mm_set1_epi8((char)0xED),
		e1 = _mm_set1_epi8((char)0xE1), e2 = _mm_set1_epi8((char)0xE2),
		e3 = _mm_set1_epi8((char)0xE3), ef = _mm_set1_epi8((char)0xEF);
	unsigned carry = 0, a, cont, lead, bad, spec, want, k;
	size_t at;

	while (i + 18 <= n) {
		__m128i b = _mm_loadu_si128((const __m128i *)(p + i));
		a = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpgt_epi8(b, lo),
			_mm_or_si128(_mm_cmpeq_epi8(b, tab), _mm_cmpeq_epi8(b, nl))));
		cont = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(b, c0), x80));
		lead = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(b, f0), e0));
		bad = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(b, e0),
			_mm_cmpeq_epi8(b, ed)));
		want = (lead << 1 | lead << 2 | carry);
		if ((a | cont | lead) != 0xFFFF || bad || cont != (want & 0xFFFF))
			break;
		spec = (unsigned)_mm_movemask_epi8(_mm_or_si128(
			_mm_or_si128(_mm_cmpeq_epi8(b, e1), _mm_cmpeq_epi8(b, e2)),
			_mm_or_si128(_mm_cmpeq_epi8(b, e3), _mm_cmpeq_epi8(b, ef))));
		while (spec) {
			k = (unsigned)__builtin_ctz(spec);
			at = i + k;
			if (blk3[(p[at] & 0x0F) << 6 | (p[at + 1] & 0x3F)] >> (p[at + 2] & 0x3F) & 1)
				return at;
			spec &= spec - 1;
		}
		carry = want >> 16;
		i += 16;
	}
	/* back to the lead of a character cut by the block boundary */
	return carry == 3 ? i - 1 : carry == 1 ? i - 2 : i;
}
#endif

static size_t scan(const unsigned char *p, size_t i, size_t n)
{
	const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
	uint64_t w;
	unsigned c, c1, c2;

	for (;;) {
#ifdef __SSE2__
		i = scan_sse2(p, i, n);
#endif
		while (i + 8 <= n) {
			memcpy(&w, p + i, 8);
			/* any byte >= 0x80 or < 0x20? */
			if (((w | ((w - ones * 0x20) & ~w)) & high) != 0)
				break;
			i += 8;
		}
		if (i >= n)
			return n;
		c = p[i];
		if (c < 0x80) {
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\f')
				return i;
			i++;
			continue;
		}
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		/* two three-byte characters per step, one branch for both */
		while (i + 8 <= n) {
			memcpy(&w, p + i, 8);
			if ((w & 0xC0C0F0C0C0F0ULL) != 0x8080E08080E0ULL ||
			    ((blk3[(w & 0x0F) << 6 | (w >> 8 & 0x3F)] >> (w >> 16 & 0x3F) |
			      blk3[(w >> 24 & 0x0F) << 6 | (w >> 32 & 0x3F)] >> (w >> 40 & 0x3F)) & 1))
				break;
			i += 6;
		}
		c = p[i];
#endif
		while ((c & 0xF0) == 0xE0 && i + 3 < n) {   /* runs of CJK stay here */
			c1 = p[i + 1];
			c2 = p[i + 2];
			if (((c1 ^ 0x80) | (c2 ^ 0x80)) & 0xC0)
				return i;
			if (blk3[(c & 0x0F) << 6 | (c1 & 0x3F)] >> (c2 & 0x3F) & 1)
				return i;
			i += 3;
			c = p[i];
		}
		if (c < 0x80)
			continue;
		/* two-byte characters but U+0080-00BF (C2: NBSP) */
		if (c < 0xC3 || c > 0xDF || i + 1 >= n || !is_cont(p[i + 1]))
			return i;
		i += 2;
	}
}

static void put(ipm_normtext *nt, const unsigned char *p, size_t n, ipm_buf *out)
{
	struct run r = { nt, p, 0, out->len, 0, out };
	size_t i = 0, k;

	if (nt->skip_lf && n) {
		nt->skip_lf = 0;
		if (p[0] == '\n')
			i = r.start = 1;
	}
	while (i < n && !nt->stopped) {
		i = scan(p, i, n);
		if (i >= n)
			break;
		k = slow(&r, i, n);
		if (k == 0) {   /* incomplete sequence at the end: carry it */
			nt->ncarry = n - i;
			memcpy(nt->carry, p + i, nt->ncarry);
			n = i;
			break;
		}
		i += k;
	}
	if (r.start < n && !nt->stopped)
		ipm_buf_add(out, p + r.start, n - r.start);
	save_run(nt, out->s, r.base, out->len);
	nt->off += n;
}

static size_t seq_len(unsigned char c)
{
	return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
}

/* Complete the carried incomplete sequence with the first bytes of s;
 * returns how many bytes of s it took. */
static size_t put_carry(ipm_normtext *nt, const unsigned char *s, size_t n, ipm_buf *out)
{
	unsigned char tmp[8];
	size_t have = nt->ncarry, need = seq_len(nt->carry[0]), take, k;
	uint32_t cp;
	struct run r = { nt, tmp, 0, out->len, 0, out };

	take = need - have < n ? need - have : n;
	memcpy(tmp, nt->carry, have);
	memcpy(tmp + have, s, take);
	if (have + take == need && ipm_utf8_decode(tmp, need, &cp) == need) {
		nt->ncarry = 0;
		put(nt, tmp, need, out);
		return take;
	}
	k = bad_len(tmp, have + take);
	if (k == 0) {   /* still incomplete */
		memcpy(nt->carry + have, s, take);
		nt->ncarry += take;
		return take;
	}
	nt->ncarry = 0;
	bad(&r, 0, k);      /* the carried prefix plus k - have bytes of s */
	nt->off += k;
	nt->run_len = 0;
	nt->skip_lf = 0;
	return k - have;
}

void ipm_normtext_put(ipm_normtext *nt, const char *s, size_t n, ipm_buf *out)
{
	const unsigned char *p = (const unsigned char *)s;

	if (nt->stopped || n == 0)
		return;
	if (nt->ncarry) {
		size_t used = put_carry(nt, p, n, out);
		p += used;
		n -= used;
	}
	put(nt, p, n, out);
}

void ipm_normtext_finish(ipm_normtext *nt, ipm_buf *out)
{
	struct run r = { nt, nt->carry, 0, out->len, 0, out };

	if (nt->ncarry && !nt->stopped)
		bad(&r, 0, nt->ncarry);
	nt->ncarry = 0;
	nt->skip_lf = 0;
}
