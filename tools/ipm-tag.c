/* ipm-tag: add who/where/sector/policy/company/event/source fields to event
 * records (from ipm-rows), using the TSV dictionaries of lib/data. */
#include <getopt.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/cli.h"
#include "core/par.h"
#include "core/rec.h"
#include "core/reject.h"
#include "core/util.h"
#include "core/write.h"
#include "tag/tag.h"

enum { OPT_DICT = 0x2000 };
#define BATCH_BYTES (1 << 20)   /* JSON Lines handed to a thread at a time */
#define PREFAULT_BYTES (4 << 20) /* about the heap the dictionaries and automata take */

static void help(FILE *fp)
{
	fputs("Usage: ipm-tag [OPTION]... [FILE]...\n"
	      "Read event records (JSON Lines or CSV, from ipm-rows) and add the fields\n"
	      "actor_id actor_kind province province_code city city_code places sectors\n"
	      "subsectors plus_terms policy_docs doc_numbers doc_issuers companies event_type\n"
	      "source source_kind (see ipm-tag(1)). Other fields pass through.\n"
	      "With -j N, JSON Lines in and out are tagged by N threads, output in input\n"
	      "order, the same bytes as -j 1.\n\n"
	      "      --dict DIR     the same as --data DIR\n", fp);
	ipm_cli_help_common(fp, IPM_CLI_IN | IPM_CLI_OUT | IPM_CLI_LOSS | IPM_CLI_DATA | IPM_CLI_JOBS);
	fputs("\nExamples:\n"
	      "  ipm-extract 000.txt | ipm-rows | ipm-tag > 000.tagged.jsonl\n"
	      "  ipm-tag --ocsv events.jsonl > events.csv\n"
	      "  ipm-tag -j 4 < years.jsonl > years.tagged.jsonl\n"
	      "  ipm-tag events.jsonl | jq -c 'select(.event_type==\"policy\") | .province'\n", fp);
}

struct run {
	const struct ipm_opts *o;
	ipm_tagger *tg;
	ipm_tagger **clones;   /* one per thread (clones[0] is tg) */
	size_t nthreads;
	ipm_writer *w;
	ipm_rejects *rj;
};

static void tag_one(void *tg, ipm_rec *r)
{
	ipm_tag_record(tg, r);
}

/* Tag one record and write it. */
static int tag_record(ipm_rec *r, void *ctx)
{
	struct run *u = ctx;

	ipm_tag_record(u->tg, r);
	return ipm_writer_put(u->w, r);
}

/* JSON Lines in and out go through threads (ipm_par_map); anything else,
 * and JSON Lines that do not start with '{' at once, is read serially. */
static int tag_input(FILE *fp, const char *name, void *ctx)
{
	struct run *u = ctx;
	int c = getc(fp);
	long bad;

	if (c != EOF)
		ungetc(c, fp);
	if (u->nthreads > 1 && c == '{' && (u->o->in_fmt == IPM_FMT_AUTO || u->o->in_fmt == IPM_FMT_JSON) &&
	    u->o->out_fmt == IPM_FMT_JSON) {
		fflush(stdout);
		bad = ipm_par_map(fp, name, stdout, u->nthreads, BATCH_BYTES, u->rj, tag_one,
		                  (void **)u->clones);
		return bad != 0;
	}
	return ipm_each_record(fp, name, u->o, u->rj, tag_record, u);
}

/* Threads: -j, else one per CPU (at most 8); a clone of the tagger each. */
static void start_threads(struct run *u)
{
	size_t i, n = ipm_opts_threads(u->o);

	u->nthreads = n;
	u->clones = ipm_malloc(n * sizeof *u->clones);
	u->clones[0] = u->tg;
	for (i = 1; i < n; i++)
		u->clones[i] = ipm_tagger_clone(u->tg);
}

static void stop_threads(struct run *u)
{
	size_t i;

	for (i = 1; i < u->nthreads; i++)
		ipm_tagger_free(u->clones[i]);
	free(u->clones);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"dict", required_argument, 0, OPT_DICT}, IPM_CLI_LONGOPTS
	};
	struct ipm_opts o;
	const char *dir;
	ipm_tagger *tg;
	struct run u;
	int c, status;

	/* start-up is dominated by page faults: keep freed build-time memory
	 * (trie lists, table text) in the heap for reuse instead of unmapping
	 * it, and fault the heap in at once */
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	ipm_heap_prefault(PREFAULT_BYTES);
	ipm_init(argv[0]);
	argv[0] = (char *)ipm_progname();   /* getopt names the tool as we do */
	ipm_opts_init(&o, IPM_CLI_DATA | IPM_CLI_JOBS);
	while ((c = getopt_long(argc, argv, IPM_CLI_SHORTOPTS, longopts, NULL)) != -1)
		if (c == OPT_DICT)
			o.data = optarg;
		else
			ipm_cli_common(c, optarg, &o, help);
	dir = ipm_opts_data_dir(&o, "gazetteer.tsv");
	if (!(tg = ipm_tagger_new(dir)))
		exit(IPM_EXIT_DATA);
	if (o.verbose)
		ipm_err(NULL, 0, "%zu patterns from %s", ipm_tagger_npatterns(tg), dir);
	u.o = &o;
	u.tg = tg;
	u.rj = ipm_rejects_open(o.rejects);
	u.w = ipm_writer_open(stdout, o.out_fmt, o.ofs, NULL, 0);
	start_threads(&u);
	status = ipm_each_input(argc, argv, optind, tag_input, &u);
	status = ipm_finish(u.w, u.rj, &o, status);
	stop_threads(&u);
	ipm_tagger_free(tg);
	return status;
}
