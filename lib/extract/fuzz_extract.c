/* libFuzzer harness for lib/extract: arbitrary bytes through layout detection
 * and the chosen layout parser; every block must have a type and a line. */
#include <stdint.h>
#include <stdlib.h>

#include "core/blocks.h"
#include "core/datafile.h"
#include "core/reject.h"
#include "extract.h"
#include "lines.h"

/* The data folder (lib/data beside build/), found once. */
static const char *data_dir(void) { static char *d; return d ? d : (d = ipm_data_dir(NULL, "columns.tsv")); }

static int sink(void *ctx, const ipm_rec *b)
{
	size_t *n = ctx;

	if (ipm_block_type(b) == IPM_B_OTHER || ipm_block_line(b) < 1)
		abort();
	(*n)++;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t n = 0;
	ipm_lines *ls = ipm_lines_mem((const char *)data, size, "fuzz");
	ipm_blocks *out = ipm_blocks_open(sink, &n);
	ipm_rejects *rj = ipm_rejects_open(NULL);

	if (ipm_extract(ls, IPM_L_AUTO, out, rj, data_dir()) != 0) {
		/* memory input: no I/O error; only a PDF or a trace XML that cannot
		 * be read fails, and then nothing is written */
		ipm_lines *again = ipm_lines_mem((const char *)data, size, "fuzz");

		if (ipm_layout_detect(again) != IPM_L_PDFGEOM || n != 0)
			abort();
		ipm_lines_close(again);
	} else if (n < 1) {
		abort();   /* the doc block always comes */
	}
	ipm_rejects_close(rj, 0, 0);
	ipm_blocks_close(out);
	ipm_lines_close(ls);
	return 0;
}
