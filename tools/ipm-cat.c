/* ipm-cat: concatenate record streams and convert between JSON Lines and CSV
 * (like `mlr cat`): the glue for shell pipelines and the record I/O's own test. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "rec.h"
#include "reject.h"
#include "util.h"

static void help(FILE *fp)
{
	fputs("Usage: ipm-cat [OPTION]... [FILE]...\n"
	      "Read records (JSON Lines or CSV) from FILEs or stdin and write them out,\n"
	      "in order, as JSON Lines or CSV. Malformed records are reported and counted.\n\n", fp);
	ipm_cli_help_common(fp, IPM_CLI_IN | IPM_CLI_OUT | IPM_CLI_LOSS);
	fputs("\nExamples:\n"
	      "  ipm-cat --ocsv records.jsonl > records.csv\n"
	      "  ipm-cat --icsv -d tab table.tsv | jq .province\n", fp);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = { IPM_CLI_LONGOPTS };
	struct ipm_opts o;
	ipm_writer *w;
	ipm_rejects *rj;
	int c, i, status = 0;

	ipm_init(argv[0]);
	ipm_opts_init(&o);
	while ((c = getopt_long(argc, argv, IPM_CLI_SHORTOPTS, longopts, NULL)) != -1)
		ipm_cli_common(c, optarg, &o, help);
	rj = ipm_rejects_open(o.rejects);
	w = ipm_writer_open(stdout, o.out_fmt, o.delim, NULL, 0);
	for (i = optind; i < argc || i == optind; i++) {
		const char *name = i < argc ? argv[i] : "-";
		FILE *fp = ipm_fopen_in(name);
		ipm_reader *rd;
		ipm_rec *r;
		int rc;

		if (!fp) {
			status = IPM_EXIT_DATA;
			continue;
		}
		rd = ipm_reader_open(fp, name, o.in_fmt, o.delim);
		ipm_reader_on_reject(rd, ipm_rejects_hook, rj);
		while ((rc = ipm_reader_next(rd, &r)) > 0)
			if (ipm_writer_put(w, r) != 0)
				exit(IPM_EXIT_DATA);
		if (rc < 0 || ipm_reader_nbad(rd))
			status = IPM_EXIT_DATA;   /* malformed input is a data error */
		ipm_reader_close(rd);
		if (fp != stdin)
			fclose(fp);
		if (i >= argc)
			break;
	}
	if (ipm_writer_close(w) != 0)
		status = IPM_EXIT_DATA;
	if (ipm_rejects_close(rj, o.strict, o.verbose))
		status = IPM_EXIT_DATA;
	if (ipm_close_stdout())
		status = IPM_EXIT_DATA;
	return status;
}
