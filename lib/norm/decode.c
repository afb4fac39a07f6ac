#include "decode.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/utf8.h"

#define CHUNK 65536
#define GB2_COUNT 23940   /* 126 leads x 190 trails */

struct ipm_dec {
	enum ipm_enc enc;
	ipm_normtext nt;          /* rules, and the UTF-8 decoder itself */
	unsigned long long off;   /* input offset of work[0] (GB18030, UTF-16) */
	ipm_buf look;             /* detection window */
	int look_at_start;        /* the window starts at input offset 0 */
	ipm_buf work;             /* carried bytes + the chunk being decoded */
	ipm_buf mid;              /* converted UTF-8 before the rules */
	iconv_t cd;               /* UTF-16 converter */
	int stop;                 /* the bad hook asked to stop */
};

const char *ipm_enc_name(enum ipm_enc e)
{
	switch (e) {
	case IPM_ENC_UTF8: return "UTF-8";
	case IPM_ENC_UTF16LE: return "UTF-16LE";
	case IPM_ENC_UTF16BE: return "UTF-16BE";
	case IPM_ENC_GB18030: return "GB18030";
	default: return "auto";
	}
}

int ipm_enc_parse(const char *s, enum ipm_enc *out)
{
	static const struct { const char *name; enum ipm_enc e; } names[] = {
		{"auto", IPM_ENC_AUTO}, {"utf-8", IPM_ENC_UTF8}, {"utf8", IPM_ENC_UTF8},
		{"utf-16le", IPM_ENC_UTF16LE}, {"utf16le", IPM_ENC_UTF16LE},
		{"utf-16be", IPM_ENC_UTF16BE}, {"utf16be", IPM_ENC_UTF16BE},
		{"gb18030", IPM_ENC_GB18030}, {"gbk", IPM_ENC_GB18030},
		{"gb2312", IPM_ENC_GB18030}, {"cp936", IPM_ENC_GB18030},
	};
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcasecmp(s, names[i].name) == 0) {
			*out = names[i].e;
			return 0;
		}
	return -1;
}

/* Is p[0..n) the valid start of a longer UTF-8 sequence? */
static int utf8_cut(const unsigned char *p, size_t n)
{
	int cut = 0;

	if (n)
		ipm_utf8_subpart((const char *)p, n, &cut);
	return cut;
}

/* Count valid non-ASCII UTF-8 sequences and invalid ones in p[0..n). */
static void utf8_count(const unsigned char *p, size_t n, size_t *good, size_t *bad)
{
	size_t i = 0, k;
	uint32_t cp;

	*good = *bad = 0;
	while (i < n) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		k = ipm_utf8_decode(p + i, n - i, &cp);
		if (k) {
			++*good;
			i += k;
		} else {
			++*bad;
			i++;
		}
	}
}

static size_t gb_step(const unsigned char *p, size_t n, int eof, uint32_t *cp);

/* Invalid GB18030 sequences in p[0..n). */
static size_t gb_errors(const unsigned char *p, size_t n)
{
	size_t i = 0, k, bad = 0;
	uint32_t cp;

	while (i < n) {
		k = gb_step(p + i, n - i, 1, &cp);
		bad += cp == 0;
		i += k;
	}
	return bad;
}

enum ipm_enc ipm_enc_detect(const unsigned char *p, size_t n, int at_start, int eof)
{
	size_t v, good, bad;

	if (at_start && n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
		return IPM_ENC_UTF8;
	if (at_start && n >= 2 && p[0] == 0xFF && p[1] == 0xFE)
		return IPM_ENC_UTF16LE;
	if (at_start && n >= 2 && p[0] == 0xFE && p[1] == 0xFF)
		return IPM_ENC_UTF16BE;
	/* UTF-8 validity first: GBK text is almost never valid UTF-8 */
	v = ipm_utf8_valid_len((const char *)p, n);
	if (v == n || (!eof && n - v < 4 && utf8_cut(p + v, n - v)))
		return IPM_ENC_UTF8;
	/* Not valid: UTF-8 with rare damage (1 bad per 100 good sequences) stays
	 * UTF-8; otherwise the encoding with fewer errors wins. */
	utf8_count(p, n, &good, &bad);
	if (bad * 100 <= good || bad <= gb_errors(p, n))
		return IPM_ENC_UTF8;
	return IPM_ENC_GB18030;
}

/* ---- GB18030 ---------------------------------------------------------- */

static uint32_t gb2[GB2_COUNT];
static iconv_t gb_cd = (iconv_t)-1;

/* GB18030-2022 and WHATWG give these two-byte codes standard characters
 * where GB18030-2005 tables (and some iconv versions) give private use code
 * points. The last six are deliberate differences from WHATWG, which keeps
 * U+E816 U+E817 U+E818 U+E831 U+E83B U+E855 for them: we give the CJK
 * Extension B characters they stand for, as glibc does. */
static const struct { unsigned short bytes; uint32_t cp; } gb_fix[] = {
	{0xA3A0, 0x3000}, {0xA6D9, 0xFE10}, {0xA6DA, 0xFE12}, {0xA6DB, 0xFE11},
	{0xA6DC, 0xFE13}, {0xA6DD, 0xFE14}, {0xA6DE, 0xFE15}, {0xA6DF, 0xFE16},
	{0xA6EC, 0xFE17}, {0xA6ED, 0xFE18}, {0xA6F3, 0xFE19}, {0xA8BC, 0x1E3F},
	{0xFE59, 0x9FB4}, {0xFE61, 0x9FB5}, {0xFE66, 0x9FB6}, {0xFE67, 0x9FB7},
	{0xFE6D, 0x9FB8}, {0xFE7E, 0x9FB9}, {0xFE90, 0x9FBA}, {0xFEA0, 0x9FBB},
	{0xFE51, 0x20087}, {0xFE52, 0x20089}, {0xFE53, 0x200CC},
	{0xFE6C, 0x215D7}, {0xFE76, 0x2298F}, {0xFE91, 0x241FE},
};

static unsigned gb_pointer(unsigned lead, unsigned trail)
{
	return (lead - 0x81) * 190 + trail - (trail < 0x7F ? 0x40 : 0x41);
}

/* Convert n GB18030 bytes holding one character with iconv(3); 0 if invalid. */
static uint32_t gb_iconv(const unsigned char *b, size_t n)
{
	char in[4], outb[8], *ip = in, *op = outb;
	size_t il = n, ol = sizeof outb;
	uint32_t cp;

	if (gb_cd == (iconv_t)-1) {
		gb_cd = iconv_open("UTF-8", "GB18030");
		if (gb_cd == (iconv_t)-1)
			ipm_die(IPM_EXIT_DATA, "iconv_open GB18030:");
	}
	memcpy(in, b, n);
	iconv(gb_cd, NULL, NULL, NULL, NULL);
	if (iconv(gb_cd, &ip, &il, &op, &ol) == (size_t)-1 || il != 0)
		return 0;
	if (ipm_utf8_decode((unsigned char *)outb, (size_t)(op - outb), &cp) != (size_t)(op - outb))
		return 0;
	return cp;
}

static void gb_build(void)
{
	unsigned lead, trail, p;
	size_t i;
	unsigned char b[2];

	for (lead = 0x81; lead <= 0xFE; lead++)
		for (trail = 0x40; trail <= 0xFE; trail++) {
			if (trail == 0x7F)
				continue;
			b[0] = (unsigned char)lead;
			b[1] = (unsigned char)trail;
			gb2[gb_pointer(lead, trail)] = gb_iconv(b, 2);
		}
	for (i = 0; i < sizeof gb_fix / sizeof gb_fix[0]; i++) {
		p = gb_pointer(gb_fix[i].bytes >> 8, gb_fix[i].bytes & 0xFF);
		gb2[p] = gb_fix[i].cp;
	}
}

uint32_t ipm_gb18030_2byte(unsigned pointer)
{
	if (gb2[0] == 0)
		gb_build();
	return pointer < GB2_COUNT ? gb2[pointer] : 0;
}

uint32_t ipm_gb18030_4byte(const unsigned char b[4])
{
	return gb_iconv(b, 4);
}

/* One WHATWG gb18030 decoder step at p (n bytes). Returns the bytes used,
 * 0 if more input is needed; *cp is the character or 0 for an error. */
static size_t gb_step(const unsigned char *p, size_t n, int eof, uint32_t *cp)
{
	unsigned b1 = p[0], b2;

	*cp = 0;
	if (b1 < 0x80 || b1 == 0x80) {
		*cp = b1 < 0x80 ? b1 : 0x20AC;
		return 1;
	}
	if (b1 == 0xFF)
		return 1;
	if (n < 2)
		return eof ? n : 0;
	b2 = p[1];
	if (b2 >= 0x30 && b2 <= 0x39) {   /* four-byte form */
		if (n < 3)
			return eof ? n : 0;
		if (p[2] < 0x81 || p[2] > 0xFE)
			return 1;      /* the next bytes are decoded again */
		if (n < 4)
			return eof ? n : 0;
		if (p[3] < 0x30 || p[3] > 0x39)
			return 1;
		*cp = ipm_gb18030_4byte(p);
		return 4;
	}
	if ((b2 >= 0x40 && b2 <= 0x7E) || (b2 >= 0x80 && b2 <= 0xFE)) {
		*cp = ipm_gb18030_2byte(gb_pointer(b1, b2));
		if (*cp)
			return 2;
	}
	return b2 < 0x80 ? 1 : 2;   /* an ASCII byte is not swallowed */
}

static void report(ipm_dec *d, unsigned long long off, const unsigned char *b, size_t n)
{
	ipm_buf_add(&d->mid, "\xEF\xBF\xBD", 3);
	d->nt.nbad++;
	if (d->nt.bad && d->nt.bad(d->nt.bad_ctx, off, b, n))
		d->stop = 1;
}

/* Decode p[0..n) into mid; returns the bytes used (the rest is carried). */
static size_t gb_decode(ipm_dec *d, const unsigned char *p, size_t n, int eof)
{
	size_t i = 0, k;
	uint32_t cp;
	char *o;

	ipm_buf_reserve(&d->mid, 3 * n + 16);   /* 0xFF -> U+FFFD is the worst case */
	o = d->mid.s + d->mid.len;
	while (i < n) {
		if (p[i] < 0x80) {
			*o++ = (char)p[i++];
			continue;
		}
		if (i + 1 < n && p[i] >= 0x81 && p[i] <= 0xFE && p[i + 1] >= 0x40 &&
		    p[i + 1] != 0x7F && p[i + 1] != 0xFF) {   /* the common two-byte case */
			cp = gb2[gb_pointer(p[i], p[i + 1])];
			k = 2;
		} else {
			k = gb_step(p + i, n - i, eof, &cp);
			if (k == 0)
				break;
		}
		if (cp) {
			o += ipm_utf8_encode(cp, o);
		} else {
			d->mid.len = (size_t)(o - d->mid.s);
			report(d, d->off + i, p + i, k);
			o = d->mid.s + d->mid.len;
			if (d->stop) {
				i += k;
				break;
			}
		}
		i += k;
	}
	d->mid.len = (size_t)(o - d->mid.s);
	d->mid.s[d->mid.len] = '\0';
	return i;
}

/* ---- UTF-16 through iconv(3) ------------------------------------------ */

static size_t u16_decode(ipm_dec *d, const unsigned char *p, size_t n, int eof)
{
	char *in = (char *)p, *op;
	size_t il = n, ol, r;

	while (il > 0 && !d->stop) {
		ipm_buf_reserve(&d->mid, il * 2 + 16);
		op = d->mid.s + d->mid.len;
		ol = d->mid.cap - d->mid.len - 1;
		r = iconv(d->cd, &in, &il, &op, &ol);
		d->mid.len = (size_t)(op - d->mid.s);
		d->mid.s[d->mid.len] = '\0';
		if (r != (size_t)-1 || errno == E2BIG)
			continue;
		if (errno == EINVAL && !eof)
			break;     /* cut at the end of the chunk: carried */
		/* a lone surrogate (EILSEQ) or a cut unit at EOF (EINVAL) */
		r = errno == EINVAL ? il : il < 2 ? il : 2;
		report(d, d->off + (size_t)((unsigned char *)in - p), (unsigned char *)in, r);
		in += r;
		il -= r;
		iconv(d->cd, NULL, NULL, NULL, NULL);
	}
	return n - il;
}

/* ---- the decoder ------------------------------------------------------ */

ipm_dec *ipm_dec_new(enum ipm_enc enc)
{
	ipm_dec *d = ipm_calloc(1, sizeof *d);

	d->enc = enc;
	d->cd = (iconv_t)-1;
	ipm_normtext_init(&d->nt);
	return d;
}

void ipm_dec_free(ipm_dec *d)
{
	if (!d)
		return;
	if (d->cd != (iconv_t)-1)
		iconv_close(d->cd);
	ipm_buf_free(&d->look);
	ipm_buf_free(&d->work);
	ipm_buf_free(&d->mid);
	free(d);
}

void ipm_dec_on_bad(ipm_dec *d, ipm_bad_fn fn, void *ctx)
{
	d->nt.bad = fn;
	d->nt.bad_ctx = ctx;
}

/* Convert carried bytes + p through the decided converter into out. */
static void feed_conv(ipm_dec *d, const char *p, size_t n, int eof, ipm_buf *out)
{
	size_t used;

	if (d->enc == IPM_ENC_UTF16LE || d->enc == IPM_ENC_UTF16BE) {
		if (d->cd == (iconv_t)-1) {
			d->cd = iconv_open("UTF-8", ipm_enc_name(d->enc));
			if (d->cd == (iconv_t)-1)
				ipm_die(IPM_EXIT_DATA, "iconv_open %s:", ipm_enc_name(d->enc));
		}
	}
	ipm_buf_add(&d->work, p, n);
	ipm_buf_clear(&d->mid);
	if (d->enc == IPM_ENC_GB18030) {
		ipm_gb18030_2byte(0);   /* build the table */
		used = gb_decode(d, (unsigned char *)d->work.s, d->work.len, eof);
	} else {
		used = u16_decode(d, (unsigned char *)d->work.s, d->work.len, eof);
	}
	ipm_normtext_put(&d->nt, d->mid.s, d->mid.len, out);
	if (d->stop)
		d->nt.stopped = 1;
	d->off += used;
	memmove(d->work.s, d->work.s + used, d->work.len - used);
	d->work.len -= used;
}

static void feed_decided(ipm_dec *d, const char *p, size_t n, int eof, ipm_buf *out)
{
	if (d->enc == IPM_ENC_UTF8)
		ipm_normtext_put(&d->nt, p, n, out);
	else if (n || eof)
		feed_conv(d, p, n, eof, out);
}

static void decide(ipm_dec *d, int eof, ipm_buf *out)
{
	d->enc = d->look.len ? ipm_enc_detect((unsigned char *)d->look.s, d->look.len,
	                                      d->look_at_start, eof)
	                     : IPM_ENC_UTF8;
	d->off = d->nt.off;
	feed_decided(d, d->look.s, d->look.len, 0, out);
	ipm_buf_free(&d->look);
}

static size_t ascii_prefix(const unsigned char *p, size_t n)
{
	size_t i = 0;

	while (i < n && p[i] < 0x80)
		i++;
	return i;
}

void ipm_dec_feed(ipm_dec *d, const char *p, size_t n, ipm_buf *out)
{
	size_t i, take;

	if (ipm_dec_stopped(d))
		return;
	if (d->enc == IPM_ENC_AUTO) {
		if (d->look.len == 0) {   /* ASCII reads the same in every candidate */
			i = ascii_prefix((const unsigned char *)p, n);
			ipm_normtext_put(&d->nt, p, i, out);
			p += i;
			n -= i;
			if (n == 0)
				return;
			d->look_at_start = d->nt.off == 0;
		}
		take = n < IPM_ENC_WINDOW - d->look.len ? n : IPM_ENC_WINDOW - d->look.len;
		ipm_buf_add(&d->look, p, take);
		p += take;
		n -= take;
		if (d->look.len < IPM_ENC_WINDOW)
			return;
		decide(d, 0, out);
	}
	feed_decided(d, p, n, 0, out);
}

void ipm_dec_finish(ipm_dec *d, ipm_buf *out)
{
	if (ipm_dec_stopped(d))
		return;
	if (d->enc == IPM_ENC_AUTO)
		decide(d, 1, out);
	if (ipm_dec_stopped(d))
		return;
	feed_decided(d, "", 0, 1, out);
	ipm_normtext_finish(&d->nt, out);
}

enum ipm_enc ipm_dec_encoding(const ipm_dec *d)
{
	return d->enc;
}

size_t ipm_dec_nbad(const ipm_dec *d)
{
	return d->nt.nbad;
}

size_t ipm_dec_ncontrol(const ipm_dec *d)
{
	return d->nt.ncontrol;
}

int ipm_dec_stopped(const ipm_dec *d)
{
	return d->stop || d->nt.stopped;
}

int ipm_dec_stream(ipm_dec *d, FILE *fp, FILE *out)
{
	char *chunk = ipm_malloc(CHUNK);
	ipm_buf ob = {0};
	size_t n;
	int rc = 0;

	for (;;) {
		n = fread(chunk, 1, CHUNK, fp);
		if (n)
			ipm_dec_feed(d, chunk, n, &ob);
		else if (ferror(fp))
			rc = -1;
		else
			ipm_dec_finish(d, &ob);
		if (ob.len && fwrite(ob.s, 1, ob.len, out) != ob.len)
			rc = -1;
		ipm_buf_clear(&ob);
		if (n == 0 || rc || ipm_dec_stopped(d))
			break;
	}
	free(chunk);
	ipm_buf_free(&ob);
	return rc;
}
