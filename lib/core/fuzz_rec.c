/* libFuzzer harness for lib/rec: the JSON Lines, JSON array and CSV readers
 * (typed CSV included) and the three writers on arbitrary bytes. The first
 * byte picks the input format, the CSV delimiter and the output format;
 * output goes to an in-memory stream, and JSON output must be valid JSON
 * (every line of JSON Lines, the whole of a JSON array) or the run aborts. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read.h"
#include "rec.h"
#include "util.h"
#include "write.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char delims[] = { ',', '\t', ';', '|' };
	static const enum ipm_fmt ofmts[] = { IPM_FMT_JSON, IPM_FMT_CSV, IPM_FMT_JSONA, IPM_FMT_JSON };
	enum ipm_fmt ifmt, ofmt;
	char err[256], *p, *nl;
	char delim, *out = NULL;
	size_t olen = 0;
	FILE *in, *o;
	ipm_reader *rd;
	ipm_writer *w;
	ipm_rec *r;

	if (size < 1)
		return 0;
	ifmt = (enum ipm_fmt)(data[0] % 4);
	ofmt = ofmts[(data[0] >> 6) & 3];
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
	w = ipm_writer_open(o, ofmt, delim, NULL, 0);
	while (ipm_reader_next(rd, &r) > 0)
		ipm_writer_put(w, r);
	ipm_writer_close(w);
	ipm_reader_close(rd);
	fclose(in);
	fclose(o);
	if (ofmt == IPM_FMT_JSONA && ipm_json_validate(out, olen, err, sizeof err) != 0) {
		fprintf(stderr, "invalid JSON array out: %s\n", err);
		abort();
	}
	for (p = out; ofmt == IPM_FMT_JSON && p < out + olen; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(out + olen - p));
		if (!nl)
			abort();   /* every record ends its line */
		if (ipm_json_validate(p, (size_t)(nl - p), err, sizeof err) != 0) {
			fprintf(stderr, "invalid JSON line out: %s\n", err);
			abort();
		}
	}
	free(out);
	return 0;
}
