/* libFuzzer target for the ipm-norm decoder and normaliser (decode.c,
 * normalize.c). The first byte picks the encoding and a chunk size; the
 * rest is the input. Checks: no crash, output is valid UTF-8 with no CR and
 * no C0 control but TAB/LF/FF, and the output does not depend on how the input
 * is cut into chunks. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "decode.h"

static ipm_buf run(const uint8_t *p, size_t n, enum ipm_enc enc, size_t step)
{
	ipm_dec *d = ipm_dec_new(enc);
	ipm_buf out = {0};
	size_t i, k;

	for (i = 0; i < n; i += k) {
		k = step && n - i > step ? step : n - i;
		ipm_dec_feed(d, (const char *)p + i, k, &out);
	}
	ipm_dec_finish(d, &out);
	ipm_dec_free(d);
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum ipm_enc encs[] = {
		IPM_ENC_AUTO, IPM_ENC_UTF8, IPM_ENC_GB18030, IPM_ENC_UTF16LE, IPM_ENC_UTF16BE
	};
	ipm_buf whole, cut;
	enum ipm_enc enc;
	size_t i, step;

	if (size < 1)
		return 0;
	enc = encs[data[0] % 5];
	step = (size_t)(data[0] >> 3) + 1;
	whole = run(data + 1, size - 1, enc, 0);
	cut = run(data + 1, size - 1, enc, step);
	if (whole.len != cut.len || (whole.len && memcmp(whole.s, cut.s, whole.len) != 0))
		abort();
	if (ipm_utf8_valid_len(whole.s, whole.len) != whole.len)
		abort();
	for (i = 0; i < whole.len; i++)
		if ((unsigned char)whole.s[i] < 0x20 && whole.s[i] != '\t' && whole.s[i] != '\n' &&
		    whole.s[i] != '\f')
			abort();
	ipm_buf_free(&whole);
	ipm_buf_free(&cut);
	return 0;
}
