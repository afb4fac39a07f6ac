/* ipm-dedup: give every record an event_id (same link, or same date and
 * near-identical text), optionally one record per event (--collapse). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "dedup.h"
#include "rec.h"
#include "reject.h"
#include "util.h"

enum { OPT_COLLAPSE = 1, OPT_THRESHOLD };

static double threshold = IPM_DEDUP_THRESHOLD;

static void help(FILE *fp)
{
	fputs("Usage: ipm-dedup [OPTION]... [FILE]...\n"
	      "Add an event_id to every record (JSON Lines or CSV). Records are one event when\n"
	      "their links are the same (scheme, www., host case, trailing '/' and #fragment\n"
	      "ignored; a bare site link does not count), or when their dates are equal and\n"
	      "their texts near-identical: character-bigram Jaccard >= the threshold over the\n"
	      "text without spaces and punctuation (records of two different provinces never\n"
	      "match on text). Each record is compared with those before it: deterministic.\n\n"
	      "Options:\n"
	      "  --collapse         one record per event (its first), with mentions (number of\n"
	      "                     records), docs and sections (distinct, in order seen)\n", fp);
	fprintf(fp, "  --threshold X      Jaccard threshold, 0 < X <= 1 [%.2f]\n", threshold);
	ipm_cli_help_common(fp, IPM_CLI_IN | IPM_CLI_OUT | IPM_CLI_LOSS);
	fputs("\nExamples:\n"
	      "  ipm-dedup tagged.jsonl > events.jsonl\n"
	      "  cat 000.jsonl 004.jsonl | ipm-dedup --collapse | ipm-agg -g province count\n", fp);
}

static double parse_threshold(const char *s)
{
	char *end;
	double v = strtod(s, &end);

	if (end == s || *end || !(v > 0 && v <= 1))
		ipm_usage_error("--threshold wants a number in (0, 1], not '%s'", s);
	return v;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"collapse", no_argument, 0, OPT_COLLAPSE},
		{"threshold", required_argument, 0, OPT_THRESHOLD},
		IPM_CLI_LONGOPTS
	};
	struct ipm_opts o;
	ipm_writer *w;
	ipm_rejects *rj;
	ipm_dedup *d;
	int c, i, collapse = 0, status = 0;

	ipm_init(argv[0]);
	ipm_opts_init(&o);
	while ((c = getopt_long(argc, argv, IPM_CLI_SHORTOPTS, longopts, NULL)) != -1) {
		if (c == OPT_COLLAPSE)
			collapse = 1;
		else if (c == OPT_THRESHOLD)
			threshold = parse_threshold(optarg);
		else
			ipm_cli_common(c, optarg, &o, help);
	}
	rj = ipm_rejects_open(o.rejects);
	d = ipm_dedup_new(threshold, collapse);
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
		while ((rc = ipm_reader_next(rd, &r)) > 0) {
			ipm_dedup_add(d, r);
			if (!collapse && ipm_writer_put(w, r) != 0)
				exit(IPM_EXIT_DATA);
		}
		if (rc < 0 || ipm_reader_nbad(rd))
			status = IPM_EXIT_DATA;
		ipm_reader_close(rd);
		if (fp != stdin)
			fclose(fp);
		if (i >= argc)
			break;
	}
	if (collapse && ipm_dedup_write_collapsed(d, w) != 0)
		status = IPM_EXIT_DATA;
	if (o.verbose)
		ipm_err(NULL, 0, "%zu events", ipm_dedup_nevents(d));
	if (ipm_writer_close(w) != 0)
		status = IPM_EXIT_DATA;
	ipm_dedup_free(d);
	if (ipm_rejects_close(rj, o.strict, o.verbose))
		status = IPM_EXIT_DATA;
	if (ipm_close_stdout())
		status = IPM_EXIT_DATA;
	return status;
}
