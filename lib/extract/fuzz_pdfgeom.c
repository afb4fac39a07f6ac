/* libFuzzer harness for lib/extract/pdfgeom*: arbitrary bytes as `mutool
 * trace` XML through ipm_pdfgeom_mem() (expat, then the page geometry:
 * lines, furniture, tables); blocks go to a sink that only checks them.
 * Bad XML is a clean -1, never a crash. */
#include <stdint.h>
#include <stdlib.h>

#include "core/blocks.h"
#include "core/datafile.h"
#include "core/reject.h"
#include "pdfgeom.h"

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
	ipm_blocks *out = ipm_blocks_open(sink, &n);
	ipm_rejects *rj = ipm_rejects_open(NULL);

	if (ipm_pdfgeom_mem((const char *)data, size, out, rj, data_dir()) == 0 && n < 1)
		abort();   /* a document read is at least its doc block */
	ipm_rejects_close(rj, 0, 0);
	ipm_blocks_close(out);
	return 0;
}
