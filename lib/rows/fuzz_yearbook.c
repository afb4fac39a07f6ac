/* libFuzzer harness for lib/yearbook and lib/policy: the input's text lines
 * become blocks (a TAB line a row, "K：V" a meta, a line starting with '#' a
 * heading, others paras), written as JSON Lines to memory and read back
 * through ipm_bsrc, as ipm-rows does; the first byte picks the module. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/blocks.h"
#include "core/datafile.h"
#include "core/read.h"
#include "core/rec.h"
#include "core/reject.h"
#include "core/write.h"
#include "events.h"
#include "policy.h"
#include "yearbook.h"

/* The data folder (lib/data beside build/), found once. */
static const char *data_dir(void) { static char *d; return d ? d : (d = ipm_data_dir(NULL, "columns.tsv")); }

static int put_block(void *ctx, const ipm_rec *b) { return ipm_writer_put(ctx, b); }
static int put_event(void *ctx, const ipm_rec *r)
{
	(void)ctx;
	if (!ipm_rec_get(r, "section") || ipm_rec_long(r, "line", -1) < 0)
		abort();
	return 0;
}

static void write_blocks(ipm_blocks *bl, const char *s, size_t n)
{
	size_t i = 0;
	long line = 0;

	ipm_blocks_doc(bl, "text", 1);
	while (i < n) {
		const char *e = memchr(s + i, '\n', n - i), *p = s + i, *colon;
		size_t len = e ? (size_t)(e - p) : n - i;
		line++;
		if (memchr(p, '\t', len)) {
			const char *c[16];
			size_t l[16], nc = 0, st = 0, k;
			for (k = 0; k <= len && nc < 16; k++)
				if (k == len || p[k] == '\t') {
					c[nc] = p + st;
					l[nc++] = k - st;
					st = k + 1;
				}
			ipm_blocks_row(bl, c, l, nc, line);
		} else if (len && p[0] == '#') {
			ipm_blocks_heading(bl, 1 + (int)(len % 4), p + 1, len - 1, line);
		} else if ((colon = memchr(p, ':', len)) != NULL) {
			char key[64];
			size_t kl = (size_t)(colon - p) < sizeof key - 1 ? (size_t)(colon - p) : sizeof key - 1;
			memcpy(key, p, kl);
			key[kl] = '\0';
			ipm_blocks_meta(bl, key, colon + 1, len - (size_t)(colon - p) - 1, line);
		} else if (len) {
			ipm_blocks_para(bl, p, len, line);
		}
		i += len + 1;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = NULL;
	size_t blen = 0;
	FILE *mem, *in;
	ipm_writer *w;
	ipm_blocks *bl;
	ipm_reader *rd;
	ipm_bsrc *src;
	ipm_rejects *rj;
	ipm_events ev;

	if (size < 1 || !(mem = open_memstream(&buf, &blen)))
		return 0;
	w = ipm_writer_open(mem, IPM_FMT_JSON, ',', NULL, 0);
	bl = ipm_blocks_open(put_block, w);
	write_blocks(bl, (const char *)data + 1, size - 1);
	ipm_blocks_close(bl);
	ipm_writer_close(w);
	fclose(mem);
	in = fmemopen(buf, blen ? blen : 1, "r");
	if (in) {
		rj = ipm_rejects_open(NULL);
		rd = ipm_reader_open(in, "fuzz", IPM_FMT_JSON, ',');
		src = ipm_bsrc_open(rd);
		ipm_events_init(&ev, put_event, NULL, "fuzz", "fuzz", rj);
		ev.data_dir = data_dir();
		ipm_yearbook_score(src, 64);
		ipm_policy_score(src, 64);
		if ((data[0] & 1 ? ipm_policy_rows(src, &ev) : ipm_yearbook_rows(src, &ev)) != 0)
			abort();   /* memory input: no I/O error is possible */
		ipm_events_free(&ev);
		ipm_bsrc_close(src);
		ipm_reader_close(rd);
		ipm_rejects_close(rj, 0, 0);
		fclose(in);
	}
	free(buf);
	return 0;
}
