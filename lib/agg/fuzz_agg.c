/* libFuzzer target for lib/agg: any input read as records (JSON Lines or CSV),
 * aggregated with every op; the property checked is the partial/merge law:
 * merging the partial output, or merging the state in memory, must give the
 * same result as the direct run; and so must threads over parts of the input
 * as a file (ipm_par_read: 3 threads, parts of any size, guessed starts).
 * Run with -close_fd_mask=2: malformed-record messages are expected. */
#define _GNU_SOURCE   /* memfd_create */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "agg.h"
#include "core/par.h"
#include "core/read.h"
#include "core/rec.h"
#include "core/util.h"

static const char *groups[] = { "a", "b" };
/* The last two (sum, mean) are left out of the threads check: parts add in
 * another order, and a compensated sum may differ in its last bit. */
static const struct ipm_agg_op ops[] = {
	{ IPM_AGG_COUNT, NULL, 0 }, { IPM_AGG_DISTINCT, "c", 0 }, { IPM_AGG_TOP, "c", 2 },
	{ IPM_AGG_FIRST, NULL, 0 }, { IPM_AGG_LAST, NULL, 0 }, { IPM_AGG_MIN, "c", 0 },
	{ IPM_AGG_MAX, "n", 0 }, { IPM_AGG_PCT, "n", -50 }, { IPM_AGG_PCT, "c", 90 },
	{ IPM_AGG_SUM, "n", 0 }, { IPM_AGG_MEAN, "c", 0 }
};
#define NOPS (sizeof ops / sizeof ops[0])

/* Feed buf through a reader into a (merge rows when merge; with only, the
 * reader keeps just the columns a reads); output in *out. */
static void pass(ipm_agg *a, const char *buf, size_t len, int merge, int partial, int only,
                 char **out, size_t *olen)
{
	FILE *fi = fmemopen((void *)buf, len, "r"), *fo = open_memstream(out, olen);
	ipm_reader *rd;
	ipm_rec *r;
	const char *why, *in[16];
	size_t nin;

	if (!fi || !fo)
		abort();
	rd = ipm_reader_open(fi, "fuzz", IPM_FMT_AUTO, ',');
	if (only && (nin = ipm_agg_inputs(a, in, 16)) <= 16)
		ipm_reader_only(rd, in, nin);
	while (ipm_reader_next(rd, &r) > 0)
		if (!merge)
			ipm_agg_add(a, r);
		else if (ipm_agg_merge_row(a, r, &why) != 0)
			abort();   /* our own partial rows must always merge */
	ipm_agg_write(a, fo, IPM_FMT_CSV, ',', partial);
	ipm_reader_close(rd);
	fclose(fi);
	fclose(fo);
}

/* a's CSV output must equal want (abort otherwise). */
static void expect_output(ipm_agg *a, const char *want, size_t wl)
{
	char *out = NULL;
	size_t ol = 0;
	FILE *fo = open_memstream(&out, &ol);

	if (!fo)
		abort();
	ipm_agg_write(a, fo, IPM_FMT_CSV, ',', 0);
	fclose(fo);
	if (ol != wl || memcmp(out, want, wl) != 0) {
		if (getenv("FUZZ_AGG_DUMP"))
			fprintf(stderr, "want:\n%.*s\ngot:\n%.*s\n", (int)wl, want, (int)ol, out);
		abort();
	}
	free(out);
}

/* The input as a file read by 3 threads in parts of 1 byte or more: the
 * same output as the serial read, or -1 (cannot split: read serially). */
static void check_parts(struct ipm_agg_spec *sp, const unsigned char *data, size_t size,
                        const char *direct, size_t dl)
{
	char path[64], err[128];
	int fd = memfd_create("fuzz_agg", 0);
	FILE *fp;
	ipm_agg *a = ipm_agg_new(sp, err, sizeof err);
	struct ipm_par_sink sink = ipm_agg_sink(sp, a);

	if (fd < 0 || write(fd, data, size) != (ssize_t)size)
		abort();
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	if (lseek(fd, 0, SEEK_SET) != 0 || !(fp = fdopen(fd, "r")))
		abort();
	if (ipm_par_read(fp, path, 3, 1, IPM_FMT_AUTO, ',', NULL, 0, NULL, &sink, NULL) >= 0)
		expect_output(a, direct, dl);
	ipm_agg_free(a);
	fclose(fp);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct ipm_agg_spec sp = { groups, 2, ops, NOPS, IPM_BUCKET_MONTH, NULL, NULL };
	char err[128], *direct = NULL, *part = NULL, *merged = NULL, *proj = NULL;
	size_t dl = 0, pl = 0, ml = 0, jl = 0;
	ipm_agg *a, *copy, *empty;

	if (size == 0)
		return 0;
	ipm_init("fuzz_agg");
	a = ipm_agg_new(&sp, err, sizeof err);
	pass(a, (const char *)data, size, 0, 0, 0, &direct, &dl);
	copy = ipm_agg_new(&sp, err, sizeof err);
	ipm_agg_merge(copy, a);   /* in-memory merge (ipm-agg -j): state copied exactly */
	ipm_agg_merge(copy, empty = ipm_agg_new(&sp, err, sizeof err));
	expect_output(copy, direct, dl);
	ipm_agg_free(copy);
	ipm_agg_free(empty);
	ipm_agg_free(a);
	a = ipm_agg_new(&sp, err, sizeof err);
	pass(a, (const char *)data, size, 0, 1, 0, &part, &pl);
	ipm_agg_free(a);
	a = ipm_agg_new(&sp, err, sizeof err);
	pass(a, part, pl, 1, 0, 0, &merged, &ml);
	ipm_agg_free(a);
	if (dl != ml || memcmp(direct, merged, dl) != 0)
		abort();
	a = ipm_agg_new(&sp, err, sizeof err);   /* only the columns it reads: the same */
	pass(a, (const char *)data, size, 0, 0, 1, &proj, &jl);
	ipm_agg_free(a);
	if (dl != jl || memcmp(direct, proj, dl) != 0)
		abort();
	free(proj);
	free(direct);
	sp.nops = NOPS - 2;   /* threads: without sum and mean */
	direct = NULL;
	a = ipm_agg_new(&sp, err, sizeof err);
	pass(a, (const char *)data, size, 0, 0, 0, &direct, &dl);
	ipm_agg_free(a);
	check_parts(&sp, data, size, direct, dl);
	free(direct);
	free(part);
	free(merged);
	return 0;
}
