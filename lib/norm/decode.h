/* enc: encoding detection and conversion to normalised UTF-8 (ipm-norm).
 *
 * A decoder takes the bytes of one input in chunks of any size, detects the
 * encoding once per input (or uses a forced one), converts with iconv(3) and
 * passes the UTF-8 through normtext's rules. Memory is constant: a 64 KiB
 * detection window, a few carried bytes, and output proportional to the
 * chunk the caller feeds.
 *
 * Detection: a BOM at offset 0 decides (EF BB BF UTF-8, FF FE UTF-16LE,
 * FE FF UTF-16BE). Otherwise the ASCII prefix is passed through as it is the
 * same in every candidate, and the first 64 KiB from the first non-ASCII byte
 * on decide: valid UTF-8 -> UTF-8, else GB18030 (which covers GBK, GB2312).
 *
 * GB18030 is decoded as GB18030-2022 / WHATWG: the two-byte table comes from
 * iconv(3) once (with the 2005 private-use mappings replaced by the standard
 * characters), four-byte sequences go through iconv(3) one by one, and bad
 * sequences are resynchronised as the WHATWG decoder does (0x80 is U+20AC, an
 * ASCII byte after a bad lead is not swallowed). */
#ifndef IPM_ENC_H
#define IPM_ENC_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/util.h"
#include "normalize.h"

enum ipm_enc {
	IPM_ENC_AUTO,      /* not decided yet / detect */
	IPM_ENC_UTF8,
	IPM_ENC_UTF16LE,
	IPM_ENC_UTF16BE,
	IPM_ENC_GB18030
};

#define IPM_ENC_WINDOW 65536   /* bytes looked at to detect */

/* Canonical name ("UTF-8", "UTF-16LE", "UTF-16BE", "GB18030", "auto"). */
const char *ipm_enc_name(enum ipm_enc e);
/* Parse a --from name, case-insensitive: utf-8 utf8 utf-16le utf-16be
 * gb18030 gbk gb2312 cp936 auto. Returns 0, or -1 if unknown. */
int ipm_enc_parse(const char *s, enum ipm_enc *out);
/* Detect from bytes p[0..n): at_start says p is the start of the input
 * (BOMs count only there); eof says nothing follows (a cut sequence at the
 * end is then evidence against UTF-8). */
enum ipm_enc ipm_enc_detect(const unsigned char *p, size_t n, int at_start, int eof);

/* Two-byte GB18030 table: code point of pointer (lead-0x81)*190 + trail
 * index, for all 23,940 pointers; built from iconv(3) on first use. */
uint32_t ipm_gb18030_2byte(unsigned pointer);
/* Decode one four-byte GB18030 sequence through iconv(3); 0 if invalid. */
uint32_t ipm_gb18030_4byte(const unsigned char b[4]);

typedef struct ipm_dec ipm_dec;

/* New decoder; enc is forced unless IPM_ENC_AUTO. Caller frees. */
ipm_dec *ipm_dec_new(enum ipm_enc enc);
void ipm_dec_free(ipm_dec *d);
/* Hook for invalid sequences (offsets are input byte offsets). */
void ipm_dec_on_bad(ipm_dec *d, ipm_bad_fn fn, void *ctx);
/* Feed n input bytes; normalised UTF-8 is appended to out. */
void ipm_dec_feed(ipm_dec *d, const char *p, size_t n, ipm_buf *out);
/* End of input: flush the detection window and any cut sequence. */
void ipm_dec_finish(ipm_dec *d, ipm_buf *out);
/* The encoding used (UTF-8 for empty or all-ASCII input once finished). */
enum ipm_enc ipm_dec_encoding(const ipm_dec *d);
/* Counters: invalid sequences replaced, controls removed. */
size_t ipm_dec_nbad(const ipm_dec *d);
size_t ipm_dec_ncontrol(const ipm_dec *d);
/* Whether the bad-sequence hook asked to stop. */
int ipm_dec_stopped(const ipm_dec *d);

/* Read fp to EOF in fixed-size chunks through d, writing to out.
 * Returns 0, or -1 on a read error (errno set) or a write error on out. */
int ipm_dec_stream(ipm_dec *d, FILE *fp, FILE *out);

#endif
