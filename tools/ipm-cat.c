/* ipm-cat: concatenate record streams and convert between JSON Lines and CSV
 * (like `mlr cat`): the glue for shell pipelines and the record I/O's own test. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/cli.h"
#include "core/rec.h"
#include "core/reject.h"
#include "core/util.h"
#include "core/write.h"

static void help(FILE *fp)
{
	fputs("Usage: ipm-cat [OPTION]... [FILE]...\n"
	      "Read records (JSON Lines, a JSON array, CSV or TSV) from FILEs or stdin and\n"
	      "write them out, in order, in any of those formats (Miller's flags).\n"
	      "Malformed records are reported and counted. No field is dropped from CSV:\n"
	      "when the fields change, a blank line and a new header start a new block.\n\n", fp);
	ipm_cli_help_common(fp, IPM_CLI_IN | IPM_CLI_OUT | IPM_CLI_LOSS);
	fputs("\nExamples:\n"
	      "  ipm-cat --ocsv records.jsonl > records.csv\n"
	      "  ipm-cat --itsv table.tsv | jq .province\n"
	      "  ipm-cat --icsv --ojson records.csv > records.json\n"
	      "  ipm-cat --ocsv records.jsonl | ipm-cat --icsv   # the types come back\n", fp);
}

struct cat {
	const struct ipm_opts *o;
	ipm_writer *w;
	ipm_rejects *rj;
};

/* One record out as it came in. */
static int put_record(ipm_rec *r, void *ctx)
{
	return ipm_writer_put(((struct cat *)ctx)->w, r);
}

static int cat_input(FILE *fp, const char *name, void *ctx)
{
	struct cat *c = ctx;

	return ipm_each_record(fp, name, c->o, c->rj, put_record, c);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = { IPM_CLI_LONGOPTS };
	struct ipm_opts o;
	struct cat c;
	int opt, status;

	ipm_init(argv[0]);
	argv[0] = (char *)ipm_progname();   /* getopt names the tool as we do */
	ipm_opts_init(&o, 0);
	while ((opt = getopt_long(argc, argv, IPM_CLI_SHORTOPTS, longopts, NULL)) != -1)
		ipm_cli_common(opt, optarg, &o, help);
	c.o = &o;
	c.rj = ipm_rejects_open(o.rejects);
	c.w = ipm_writer_open(stdout, o.out_fmt, o.ofs, NULL, 0);
	status = ipm_each_input(argc, argv, optind, cat_input, &c);
	return ipm_finish(c.w, c.rj, &o, status);
}
