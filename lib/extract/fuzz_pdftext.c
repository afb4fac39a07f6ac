/* libFuzzer harness for lib/pdftext: arbitrary bytes as PDF text through
 * ipm_pdftext_blocks(); blocks go to a sink that only checks them. Run with
 * -close_fd_mask=2 to silence the reject summary on stderr. */
#include <stdint.h>
#include <stdlib.h>

#include "core/blocks.h"
#include "core/datafile.h"
#include "core/reject.h"
#include "lines.h"
#include "pdftext.h"

/* The data folder (lib/data beside build/), found once. */
static const char *data_dir(void) { static char *d; return d ? d : (d = ipm_data_dir(NULL, "columns.tsv")); }

static int sink(void *ctx, const ipm_rec *b)
{
	size_t *n = ctx;

	if (ipm_block_type(b) == IPM_B_OTHER || ipm_block_line(b) < 1)
		abort();   /* every block has a type and a source line */
	(*n)++;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t n = 0;
	ipm_lines *ls = ipm_lines_mem((const char *)data, size, "fuzz");
	ipm_blocks *out = ipm_blocks_open(sink, &n);
	ipm_rejects *rj = ipm_rejects_open(NULL);

	if (ipm_pdftext_blocks(ls, out, rj, data_dir()) != 0)
		abort();   /* memory input: no read or write error is possible */
	ipm_rejects_close(rj, 0, 0);
	ipm_blocks_close(out);
	ipm_lines_close(ls);
	return 0;
}
