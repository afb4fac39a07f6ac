/* ipm-dedup: give every record an event_id (same link, or same date and
 * near-identical text), optionally one record per event (--collapse). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/cli.h"
#include "core/rec.h"
#include "core/reject.h"
#include "core/util.h"
#include "core/write.h"
#include "dedup/dedup.h"

enum { OPT_COLLAPSE = 1, OPT_THRESHOLD, OPT_WINDOW };

static double threshold = IPM_DEDUP_THRESHOLD;
static long window = IPM_DEDUP_WINDOW;

static void help(FILE *fp)
{
	fputs("Usage: ipm-dedup [OPTION]... [FILE]...\n"
	      "Add an event_id to every record (JSON Lines or CSV). Records are one event when\n"
	      "their links are the same (scheme, www., host case, trailing '/' and #fragment\n"
	      "ignored; a bare site link does not count), or when their dates are at most\n"
	      "--window days apart and their texts near-identical: character-bigram Jaccard\n"
	      ">= the threshold over the text without spaces and punctuation, or when neither\n"
	      "has a date and the texts are the same (records of two different provinces never\n"
	      "match on text). Each record is compared with those before it: deterministic.\n"
	      "Memory: per event, its id, its text's bigram set (8 bytes a bigram) and links;\n"
	      "--collapse spools each event's first record to a temporary file ($TMPDIR).\n\n"
	      "Options:\n"
	      "  --collapse         one record per event (its first), with mentions (number of\n"
	      "                     records), docs and sections (distinct, in order seen)\n", fp);
	fprintf(fp, "  --threshold X      Jaccard threshold, 0 < X <= 1 [%.2f]\n", threshold);
	fprintf(fp, "  --window DAYS      dates up to DAYS apart can be one event, 0 to 366 [%ld]\n", window);
	ipm_cli_help_common(fp, IPM_CLI_IN | IPM_CLI_OUT | IPM_CLI_LOSS);
	fputs("\nExamples:\n"
	      "  ipm-dedup tagged.jsonl > events.jsonl\n"
	      "  ipm-dedup --window 0 tagged.jsonl > same-day-events.jsonl\n"
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

struct run {
	const struct ipm_opts *o;
	ipm_writer *w;
	ipm_rejects *rj;
	ipm_dedup *d;
	int collapse;
};

/* Give a record its event id (written now unless collapsing). */
static int dedup_record(ipm_rec *r, void *ctx)
{
	struct run *u = ctx;

	ipm_dedup_add(u->d, r);
	return u->collapse ? 0 : ipm_writer_put(u->w, r);
}

static int dedup_input(FILE *fp, const char *name, void *ctx)
{
	struct run *u = ctx;

	return ipm_each_record(fp, name, u->o, u->rj, dedup_record, u);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"collapse", no_argument, 0, OPT_COLLAPSE},
		{"threshold", required_argument, 0, OPT_THRESHOLD},
		{"window", required_argument, 0, OPT_WINDOW},
		IPM_CLI_LONGOPTS
	};
	struct ipm_opts o;
	struct run u = { 0 };
	int c, status;

	ipm_init(argv[0]);
	argv[0] = (char *)ipm_progname();   /* getopt names the tool as we do */
	ipm_opts_init(&o, 0);
	while ((c = getopt_long(argc, argv, IPM_CLI_SHORTOPTS, longopts, NULL)) != -1) {
		if (c == OPT_COLLAPSE)
			u.collapse = 1;
		else if (c == OPT_THRESHOLD)
			threshold = parse_threshold(optarg);
		else if (c == OPT_WINDOW && ipm_parse_long(optarg, 0, 366, &window) != 0)
			ipm_usage_error("--window wants a number of days from 0 to 366, not '%s'", optarg);
		else
			ipm_cli_common(c, optarg, &o, help);
	}
	u.o = &o;
	u.rj = ipm_rejects_open(o.rejects);
	u.d = ipm_dedup_new(threshold, u.collapse);
	ipm_dedup_set_window(u.d, (int)window);
	u.w = ipm_writer_open(stdout, o.out_fmt, o.ofs, NULL, 0);
	status = ipm_each_input(argc, argv, optind, dedup_input, &u);
	if (u.collapse && ipm_dedup_write_collapsed(u.d, u.w) != 0)
		status = IPM_EXIT_DATA;
	if (o.verbose)
		ipm_err(NULL, 0, "%zu events", ipm_dedup_nevents(u.d));
	status = ipm_finish(u.w, u.rj, &o, status);
	ipm_dedup_free(u.d);
	return status;
}
