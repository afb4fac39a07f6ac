/* libFuzzer harness for ipm-rows: arbitrary bytes are taken as report text,
 * turned into blocks by ipm_extract (so the block stream is well formed but
 * its content is wild), read back and given to ipm_rows_run(). Records must
 * carry a section and a line. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/blocks.h"
#include "core/datafile.h"
#include "core/read.h"
#include "core/reject.h"
#include "core/write.h"
#include "events.h"
#include "extract/extract.h"
#include "extract/lines.h"
#include "rows.h"

#ifndef FUZZ_ROWS_KIND
#define FUZZ_ROWS_KIND IPM_K_AUTO   /* fuzz_notice.c forces a kind */
#endif

/* The data folder (lib/data beside build/), found once. */
static const char *data_dir(void) { static char *d; return d ? d : (d = ipm_data_dir(NULL, "columns.tsv")); }

static int keep(void *ctx, const ipm_rec *b)
{
	return ipm_writer_put(ctx, b);
}

static int check(void *ctx, const ipm_rec *r)
{
	(void)ctx;
	if (!ipm_rec_str(r, "section") || ipm_rec_long(r, "line", -1) < 0)
		abort();
	return 0;
}

/* Is the input a PDF or a trace XML to the detector (the one input that may fail)? */
static int is_pdfgeom(const uint8_t *data, size_t size)
{
	ipm_lines *ls = ipm_lines_mem((const char *)data, size, "fuzz");
	int yes = ipm_layout_detect(ls) == IPM_L_PDFGEOM;

	ipm_lines_close(ls);
	return yes;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	ipm_writer *w = ipm_writer_open(mem, IPM_FMT_JSON, ',', NULL, 0);
	ipm_lines *ls = ipm_lines_mem((const char *)data, size, "fuzz");
	ipm_blocks *out = ipm_blocks_open(keep, w);
	ipm_rejects *rj = ipm_rejects_open(NULL);
	ipm_reader *rd;
	ipm_bsrc *src;
	ipm_events ev;
	FILE *in;

	int failed = ipm_extract(ls, IPM_L_AUTO, out, rj, data_dir()) != 0;

	/* only a PDF or a trace XML that cannot be read fails, with nothing written */
	if ((failed && !is_pdfgeom(data, size)) || (ipm_writer_close(w) != 0 && !failed))
		abort();
	fclose(mem);
	if (!failed) {
		in = fmemopen(buf, len ? len : 1, "r");
		rd = ipm_reader_open(in, "blocks", IPM_FMT_JSON, ',');
		src = ipm_bsrc_open(rd);
		ipm_events_init(&ev, check, NULL, "fuzz", "fuzz", rj);
		ev.data_dir = data_dir();
		if (ipm_rows_run(src, FUZZ_ROWS_KIND, &ev) != 0)
			abort();
		ipm_events_free(&ev);
		ipm_bsrc_close(src);
		ipm_reader_close(rd);
		fclose(in);
	}
	free(buf);
	ipm_rejects_close(rj, 0, 0);
	ipm_blocks_close(out);
	ipm_lines_close(ls);
	return 0;
}
