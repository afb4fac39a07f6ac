/* libFuzzer harness for lib/stats (ipm-tables): the input's first byte picks
 * how the rest becomes blocks: odd -> JSON Lines read by ipm_reader (random
 * and truncated records), even -> text lines, a line with a TAB becoming a
 * row block (cells split at TABs) and any other line a para block. Every
 * cell record must have its fields; --check sums are printed to a null sink. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/read.h"
#include "core/rec.h"
#include "core/reject.h"
#include "tables.h"

static int sink(void *ctx, const ipm_rec *r)
{
	(void)ctx;
	if (!ipm_rec_get(r, "row") || !ipm_rec_get(r, "col") || !ipm_rec_get(r, "raw") ||
	    ipm_rec_long(r, "line", -1) < 0)
		abort();
	return 0;
}

static void text_blocks(ipm_stats *st, const char *s, size_t n)
{
	ipm_rec *b = ipm_rec_new();
	size_t i = 0, line = 0;

	while (i < n) {
		const char *e = memchr(s + i, '\n', n - i);
		size_t len = e ? (size_t)(e - (s + i)) : n - i;
		const char *p = s + i;
		line++;
		ipm_rec_clear(b);
		ipm_rec_set_long(b, "line", (long)line);
		if (memchr(p, '\t', len)) {
			size_t k = 0, st0 = 0;
			ipm_rec_set_cstr(b, "type", "row");
			ipm_rec_set_arr(b, "cells", NULL, NULL, 0);
			for (k = 0; k <= len; k++)
				if (k == len || p[k] == '\t') {
					ipm_rec_arr_push(b, "cells", p + st0, k - st0);
					st0 = k + 1;
				}
		} else {
			ipm_rec_set_cstr(b, "type", (line % 7) ? "para" : "heading");
			ipm_rec_set_str(b, "text", p, len);
		}
		ipm_stats_block(st, b, "fuzz");
		i += len + 1;
	}
	ipm_rec_free(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ipm_rejects *rj;
	ipm_stats *st;
	FILE *null;

	if (size < 1 || !(null = fopen("/dev/null", "w")))
		return 0;
	rj = ipm_rejects_open(NULL);
	st = ipm_stats_new("fuzz", data[0] & 2, sink, NULL, rj);
	if (data[0] & 1) {
		FILE *fp = fmemopen((void *)(data + 1), size - 1, "r");
		if (fp) {
			ipm_reader *rd = ipm_reader_open(fp, "fuzz", IPM_FMT_JSON, ',');
			ipm_rec *r;
			while (ipm_reader_next(rd, &r) > 0)
				ipm_stats_block(st, r, "fuzz");
			ipm_reader_close(rd);
			fclose(fp);
		}
	} else {
		text_blocks(st, (const char *)data + 1, size - 1);
	}
	ipm_stats_finish(st);
	ipm_stats_check(st, null);
	ipm_stats_free(st);
	ipm_rejects_close(rj, 0, 0);
	fclose(null);
	return 0;
}
