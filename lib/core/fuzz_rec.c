/* libFuzzer harness for lib/rec: the JSON Lines and CSV readers and both
 * writers on arbitrary bytes. The first byte picks the input format and the
 * CSV delimiter; output goes to an in-memory stream. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "read.h"
#include "rec.h"
#include "util.h"
#include "write.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char delims[] = { ',', '\t', ';', '|' };
	enum ipm_fmt ifmt;
	char delim, *out = NULL;
	size_t olen = 0;
	FILE *in, *o;
	ipm_reader *rd;
	ipm_writer *w;
	ipm_rec *r;

	if (size < 1)
		return 0;
	ifmt = (enum ipm_fmt)(data[0] % 3);
	delim = delims[(data[0] >> 2) % 4];
	in = fmemopen((void *)(data + 1), size - 1 ? size - 1 : 1, "r");
	if (!in)
		return 0;
	if (size == 1) {
		fclose(in);
		return 0;
	}
	o = open_memstream(&out, &olen);
	rd = ipm_reader_open(in, "fuzz", ifmt, delim);
	w = ipm_writer_open(o, (data[0] & 0x40) ? IPM_FMT_CSV : IPM_FMT_JSON, delim, NULL, 0);
	while (ipm_reader_next(rd, &r) > 0)
		ipm_writer_put(w, r);
	ipm_writer_close(w);
	ipm_reader_close(rd);
	fclose(in);
	fclose(o);
	free(out);
	return 0;
}
