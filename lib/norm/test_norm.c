/* Unit tests for lib/enc (detection, GB18030 decoding) and lib/normtext
 * (the rules), plus every two-byte pointer of the WHATWG gb18030 index when
 * ../shared/thirdparty is present. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/check.h"
#include "core/util.h"
#include "decode.h"
#include "normalize.h"

static size_t nbad_seen;

static int count_bad(void *ctx, unsigned long long off, const unsigned char *b, size_t n)
{
	(void)ctx; (void)off; (void)b; (void)n;
	nbad_seen++;
	return 0;
}

/* Decode in with encoding enc, fed in pieces of `step` bytes (0 = whole). */
static char *decode(const char *in, size_t n, enum ipm_enc enc, size_t step, enum ipm_enc *used)
{
	ipm_dec *d = ipm_dec_new(enc);
	ipm_buf out = {0};
	size_t i, k;

	ipm_dec_on_bad(d, count_bad, NULL);
	for (i = 0; i < n; i += k) {
		k = step && n - i > step ? step : n - i;
		ipm_dec_feed(d, in + i, k, &out);
	}
	ipm_dec_finish(d, &out);
	if (used)
		*used = ipm_dec_encoding(d);
	ipm_dec_free(d);
	ipm_buf_add(&out, "", 0);
	return out.s;
}

static void check_norm(const char *in, const char *want, const char *name)
{
	char *got = decode(in, strlen(in), IPM_ENC_UTF8, 0, NULL);

	CHECK_STR(got, want, name);
	free(got);
}

static void test_rules(void)
{
	check_norm("a\r\nb\rc\r", "a\nb\nc\n", "rule CRLF and CR");
	check_norm("\xEF\xBB\xBFx\xEF\xBB\xBFy", "xy", "rule BOM removed everywhere");
	check_norm("a\x01\x1b" "b\tc\x7f", "ab\tc\x7f", "rule C0 controls removed, TAB and DEL kept");
	check_norm("1\n\f2\f\n\x0b", "1\n\f2\f\n", "rule FF (a page break) kept, VT removed");
	check_norm("0123456789abcdef0123456789\fabcdef\f", "0123456789abcdef0123456789\fabcdef\f",
	           "rule FF kept past the block scan");
	check_norm("a\xC2\xA0" "b\xE3\x80\x80" "c\xE2\x80\x89" "d\xE2\x80\xAF" "e",
	           "a b c d e", "rule Unicode spaces");
	check_norm("互联网＋ ０９ＡＺａｚ ｅ", "互联网+ 09AZaz e", "rule full-width ASCII");
	check_norm("，。“”《》〔〕！（）：；？", "，。“”《》〔〕！（）：；？",
	           "rule Chinese punctuation kept");
	check_norm("http://a.cn/2018‐04‑17‒x–y", "http://a.cn/2018-04-17-x-y", "rule hyphens in URL");
	check_norm("www.gov.cn/a‐b 2018‐2020 2018—2020", "www.gov.cn/a-b 2018‐2020 2018—2020",
	           "rule hyphens outside URL kept");
	check_norm("见https://x.cn/a‐b，c‐d", "见https://x.cn/a-b，c‐d", "rule URL ends at CJK");
	check_norm("\xEF\x83\x98 a ➤ b ➢ c • d \xEF\x82\xB7 e", "• a • b • c • d • e",
	           "rule bullets to U+2022");
	check_norm("\xEE\x80\x80", "\xEE\x80\x80", "rule other private use kept");
}

static void test_invalid(void)
{
	char *got;

	nbad_seen = 0;
	got = decode("a\xFF" "b\xE4\xB8" "c\xED\xA0\x80", 9, IPM_ENC_UTF8, 0, NULL);
	CHECK_STR(got, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD",
	          "utf8 maximal subparts to U+FFFD");
	CHECK(nbad_seen == 5, "utf8 invalid sequences counted");
	free(got);
	nbad_seen = 0;
	got = decode("ab\xE4\xB8", 4, IPM_ENC_UTF8, 1, NULL);
	CHECK_STR(got, "ab\xEF\xBF\xBD", "utf8 truncated at EOF is one U+FFFD");
	CHECK(nbad_seen == 1, "utf8 truncated counted once");
	free(got);
}

static void test_detect(void)
{
	const char *gbk = "\xB9\xD8\xD3\xDA\xBB\xA5\xC1\xAA\xCD\xF8+";   /* 关于互联网+ */
	const char *u8 = "关于互联网+";
	enum ipm_enc e;
	char *got;

	CHECK(ipm_enc_detect((const unsigned char *)gbk, strlen(gbk), 1, 1) == IPM_ENC_GB18030,
	      "detect short GBK title");
	CHECK(ipm_enc_detect((const unsigned char *)u8, strlen(u8), 1, 1) == IPM_ENC_UTF8,
	      "detect short UTF-8");
	CHECK(ipm_enc_detect((const unsigned char *)"\xE4\xB8", 2, 0, 0) == IPM_ENC_UTF8,
	      "detect cut UTF-8 at window end");
	CHECK(ipm_enc_detect((const unsigned char *)"\xFF\xFEx", 3, 1, 1) == IPM_ENC_UTF16LE,
	      "detect UTF-16LE BOM");
	CHECK(ipm_enc_detect((const unsigned char *)"\xFE\xFFx", 3, 1, 1) == IPM_ENC_UTF16BE,
	      "detect UTF-16BE BOM");
	got = decode(gbk, strlen(gbk), IPM_ENC_AUTO, 1, &e);
	CHECK_STR(got, u8, "decode GBK fed byte by byte");
	CHECK(e == IPM_ENC_GB18030, "decoder reports GB18030");
	free(got);
	got = decode("plain ascii", 11, IPM_ENC_AUTO, 3, &e);
	CHECK(e == IPM_ENC_UTF8 && strcmp(got, "plain ascii") == 0, "ASCII input is UTF-8");
	free(got);
	CHECK(ipm_enc_parse("GBK", &e) == 0 && e == IPM_ENC_GB18030, "--from gbk is gb18030");
	CHECK(ipm_enc_parse("latin1", &e) == -1, "--from unknown rejected");
}

/* Every split point of a mixed input gives the same output. */
static void test_chunking(void)
{
	const char *in = "a\r\nhttp://x.cn/a‐b ＋ \xEF\x83\x98 中\xFF文\r";
	size_t n = strlen(in), step;
	char *whole = decode(in, n, IPM_ENC_UTF8, 0, NULL), *got;
	int ok = 1;

	for (step = 1; step < n; step++) {
		got = decode(in, n, IPM_ENC_UTF8, step, NULL);
		ok &= strcmp(got, whole) == 0;
		free(got);
	}
	CHECK(ok, "utf8 output independent of chunk size");
	free(whole);
}

/* A pseudo-random mix of every kind of token, long enough for the 16-byte
 * fast path: fed whole it takes the fast path, fed in pieces under 18 bytes
 * only the byte-wise one, and both must agree. */
static void test_fast_path(void)
{
	static const char *tok[] = {
		"中", "文", "，", "。", "“", "”", "、", "《", "》", "—", "‐", "a", "Z", " ", "\t",
		"\n", "\r", "\r\n", "http://", "www.", "/", "＋", "０", "\xC2\xA0", "\xE3\x80\x80",
		"\xEF\x83\x98", "➤", "•", "\xEF\xBB\xBF", "\x01", "\xFF", "\xE4\xB8", "\xED\xA0\x80",
		"\xE0\x80\x80", "é", "\xF0\xA0\x80\x87", "\xEE\x80\x80", "ｅ", "！",
	};
	ipm_buf in = {0};
	unsigned long x = 12345;
	char *whole, *got;
	size_t i, step;
	int ok = 1;

	for (i = 0; i < 20000; i++) {
		x = x * 6364136223846793005UL + 1442695040888963407UL;
		/* mostly CJK, like the real documents */
		ipm_buf_adds(&in, tok[(x >> 33) % 4 ? (x >> 40) % 2 : (x >> 40) % (sizeof tok / sizeof tok[0])]);
	}
	whole = decode(in.s, in.len, IPM_ENC_UTF8, 0, NULL);
	for (step = 1; step < 18; step += 4) {
		got = decode(in.s, in.len, IPM_ENC_UTF8, step, NULL);
		ok &= strcmp(got, whole) == 0;
		free(got);
	}
	CHECK(ok, "fast path agrees with the byte-wise path");
	free(whole);
	ipm_buf_free(&in);
}

/* Inputs longer than the detection window, cut into odd pieces, in UTF-8
 * and in GBK: same output as fed whole, and the right encoding. */
static void test_window(void)
{
	const char *u8 = "关于互联网+行动\r\nhttp://a.cn/x‐y ＋ ";
	const char *gbk = "\xB9\xD8\xD3\xDA\xBB\xA5\xC1\xAA\xCD\xF8+\r\nhttp://a.cn/ ";
	const char *src[2] = { u8, gbk };
	enum ipm_enc want[2] = { IPM_ENC_UTF8, IPM_ENC_GB18030 }, e;
	static const size_t steps[] = { 1, 7, 4096, 65535, 65537 };
	ipm_buf in = {0};
	char *whole, *got;
	size_t k, j;
	int ok;

	for (k = 0; k < 2; k++) {
		ipm_buf_clear(&in);
		ipm_buf_adds(&in, "ASCII prefix before the first non-ASCII byte\n");
		while (in.len < 3 * IPM_ENC_WINDOW)
			ipm_buf_adds(&in, src[k]);
		whole = decode(in.s, in.len, IPM_ENC_AUTO, 0, &e);
		ok = e == want[k];
		for (j = 0; j < sizeof steps / sizeof steps[0]; j++) {
			got = decode(in.s, in.len, IPM_ENC_AUTO, steps[j], &e);
			ok &= e == want[k] && strcmp(got, whole) == 0;
			free(got);
		}
		CHECK(ok, k ? "GBK beyond the window: chunk-independent" :
		              "UTF-8 beyond the window: chunk-independent");
		free(whole);
	}
	ipm_buf_free(&in);
}

static void test_gb18030(void)
{
	const unsigned char euro4[4] = {0x81, 0x30, 0x81, 0x30};
	char *got;

	CHECK(ipm_gb18030_2byte(0) == 0x4E02, "gb18030 pointer 0 is U+4E02");
	CHECK(ipm_gb18030_4byte(euro4) == 0x80, "gb18030 81308130 is U+0080");
	got = decode("\x80\x81\x28", 3, IPM_ENC_GB18030, 1, NULL);
	CHECK_STR(got, "€\xEF\xBF\xBD(", "gb18030 0x80 euro, bad trail keeps ASCII");
	free(got);
}

/* WHATWG index-gb18030.txt: every two-byte pointer, six listed differences. */
static void test_whatwg_index(void)
{
	const char *path = "../shared/thirdparty/whatwg-encoding/index-gb18030.txt";
	static const unsigned differ[] = {23767, 23768, 23769, 23794, 23804, 23830};
	FILE *fp = fopen(path, "r");
	char line[256];
	unsigned p, cp, n = 0, bad = 0, diff = 0, i;
	int listed;

	if (!fp) {
		printf("SKIP whatwg gb18030 index: %s missing\n", path);
		return;
	}
	while (fgets(line, sizeof line, fp)) {
		if (sscanf(line, " %u 0x%x", &p, &cp) != 2)
			continue;
		n++;
		for (listed = 0, i = 0; i < sizeof differ / sizeof differ[0]; i++)
			listed |= differ[i] == p;
		if (listed)
			diff += ipm_gb18030_2byte(p) >= 0x20000 && cp >= 0xE000 && cp <= 0xF8FF;
		else if (ipm_gb18030_2byte(p) != cp) {
			if (bad++ < 5)
				printf("# pointer %u: got U+%04X want U+%04X\n", p, ipm_gb18030_2byte(p), cp);
		}
	}
	fclose(fp);
	CHECK(n == 23940, "whatwg index has 23940 two-byte pointers");
	CHECK(bad == 0, "whatwg index: every two-byte pointer matches");
	CHECK(diff == 6, "whatwg index: the 6 listed differences are Ext B characters");
}

int main(void)
{
	test_rules();
	test_invalid();
	test_detect();
	test_chunking();
	test_window();
	test_fast_path();
	test_gb18030();
	test_whatwg_index();
	return t_failed;
}
