/* ipm-tag: add who/where/sector/policy/company/event/source fields to event
 * records (from ipm-rows), using the TSV dictionaries of lib/data. */
#include <getopt.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "dict.h"
#include "rec.h"
#include "reject.h"
#include "tag.h"
#include "util.h"

enum { OPT_DICT = 0x2000 };

static void help(FILE *fp)
{
	fputs("Usage: ipm-tag [OPTION]... [FILE]...\n"
	      "Read event records (JSON Lines or CSV, from ipm-rows) and add the fields\n"
	      "actor_id actor_kind province province_code places sectors subsectors\n"
	      "plus_terms policy_docs doc_numbers doc_issuers companies event_type\n"
	      "source source_kind (see README: ipm-tag). Other fields pass through.\n\n"
	      "      --dict DIR   dictionaries (*.tsv) from DIR [default: $IPM_DATA, else\n"
	      "                   ../lib/data or ../share/ipm next to the executable]\n", fp);
	ipm_cli_help_common(fp, IPM_CLI_IN | IPM_CLI_OUT | IPM_CLI_LOSS);
	fputs("\nExamples:\n"
	      "  ipm-extract 000.txt | ipm-rows | ipm-tag > 000.tagged.jsonl\n"
	      "  ipm-tag --ocsv events.jsonl > events.csv\n"
	      "  ipm-tag events.jsonl | jq -c 'select(.event_type==\"policy\") | .province'\n", fp);
}

struct run {
	const struct ipm_opts *o;
	ipm_tagger *tg;
	ipm_writer *w;
	ipm_rejects *rj;
};

/* Tag one record and write it. */
static int tag_record(ipm_rec *r, void *ctx)
{
	struct run *u = ctx;

	ipm_tag_record(u->tg, r);
	return ipm_writer_put(u->w, r);
}

static int tag_input(FILE *fp, const char *name, void *ctx)
{
	struct run *u = ctx;

	return ipm_each_record(fp, name, u->o, u->rj, tag_record, u);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"dict", required_argument, 0, OPT_DICT}, IPM_CLI_LONGOPTS
	};
	struct ipm_opts o;
	const char *dictopt = NULL;
	char *dir;
	ipm_tagger *tg;
	struct run u;
	int c, status;

	/* start-up is dominated by page faults: keep freed build-time memory
	 * (trie lists, table text) in the heap for reuse instead of unmapping it */
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	ipm_init(argv[0]);
	ipm_opts_init(&o);
	while ((c = getopt_long(argc, argv, IPM_CLI_SHORTOPTS, longopts, NULL)) != -1)
		if (c == OPT_DICT)
			dictopt = optarg;
		else
			ipm_cli_common(c, optarg, &o, help);
	if (!(dir = ipm_dict_dir(dictopt, "gazetteer.tsv")))
		ipm_die(IPM_EXIT_DATA, "no dictionary directory: use --dict DIR or set IPM_DATA");
	if (!(tg = ipm_tagger_new(dir)))
		exit(IPM_EXIT_DATA);
	if (o.verbose)
		ipm_err(NULL, 0, "%zu patterns from %s", ipm_tagger_npatterns(tg), dir);
	free(dir);
	u.o = &o;
	u.tg = tg;
	u.rj = ipm_rejects_open(o.rejects);
	u.w = ipm_writer_open(stdout, o.out_fmt, o.delim, NULL, 0);
	status = ipm_each_input(argc, argv, optind, tag_input, &u);
	status = ipm_finish(u.w, u.rj, &o, status);
	ipm_tagger_free(tg);
	return status;
}
