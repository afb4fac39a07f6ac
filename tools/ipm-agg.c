/* ipm-agg: group records and count, sum, average, percentiles, with mergeable
 * partial results (like `mlr count -g` / `mlr stats1` / `datamash -g`, plus
 * exploded list fields). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agg/agg.h"
#include "core/cli.h"
#include "core/hash.h"
#include "core/par.h"
#include "core/read.h"
#include "core/rec.h"
#include "core/reject.h"
#include "core/util.h"

enum { OPT_MONTH = 1, OPT_QUARTER, OPT_PIVOT, OPT_PARTIAL, OPT_MERGE, OPT_DATE };

#define MAX_INPUTS 64     /* input fields passed to the reader (more: it keeps all) */

static void help(FILE *fp)
{
	fputs("Usage: ipm-agg [OPTION]... [OP]... [FILE]...\n"
	      "Group records (JSON Lines or CSV) by fields and compute OPs per group.\n"
	      "List fields (JSON arrays, ';'-joined CSV cells) are exploded: a record with\n"
	      "two sectors counts once in each. Null, absent or empty values form the empty\n"
	      "group (an empty CSV cell, JSON null). Output is sorted by group.\n\n"
	      "OPs (default: count); columns are named OP_FIELD (mlr stats1: FIELD_OP):\n"
	      "  count              records in the group            -> count\n"
	      "  distinct FIELD     distinct non-empty FIELD values -> distinct_FIELD\n"
	      "  first | last       smallest | largest date         -> first | last\n"
	      "  top N FIELD        N most frequent FIELD values as value:count (ties by\n"
	      "                     value)                          -> top_FIELD\n"
	      "  sum FIELD          sum of the numbers (0 if none)  -> sum_FIELD\n"
	      "  mean FIELD         their mean                      -> mean_FIELD\n"
	      "  min | max FIELD    smallest | largest number       -> min_FIELD | max_FIELD\n"
	      "  median FIELD       50th percentile                 -> median_FIELD\n"
	      "  pNN FIELD          NNth percentile, p0 to p100     -> pNN_FIELD\n"
	      "Numbers: JSON numbers or decimal strings (CSV cells); empty and other values\n"
	      "are skipped, said once per field on stderr (-v: how many). Percentiles are\n"
	      "not interpolated (mlr's default): sorted value at index int(p*n/100).\n"
	      "A word that is no op must be an existing file (the first input), else it\n"
	      "is a usage error. A group or op field found in no record is warned about.\n\n"
	      "Options:\n"
	      "  -g, --group F[,F]  group by these fields [none: one total row]\n"
	      "  --by-month         add a leading month column (YYYY-MM) from the date\n"
	      "  --by-quarter       add a leading quarter column (YYYY-Qn) from the date\n"
	      "  --date-field F     field holding YYYY-MM-DD dates [date]\n"
	      "  --pivot F          one column per value of F (count only; empty is '(none)')\n"
	      "  --partial          write mergeable partial rows (JSON Lines, full state:\n"
	      "                     median/pNN keep every distinct value with its count;\n"
	      "                     \"_spec\" holds the -g fields and ops)\n"
	      "  --merge            read partial rows (from --partial) instead of records;\n"
	      "                     rows of another -g or ops: exit 1\n"
	      "With -j N, N threads read parts of one input file, merged exactly.\n"
	      "No input and no -g: one row, count 0 (as mlr count). Repeated messages:\n"
	      "the first 10, then their count. --strict: warnings exit 1 too.\n", fp);
	ipm_cli_help_common(fp, IPM_CLI_IN | IPM_CLI_OUT | IPM_CLI_LOSS | IPM_CLI_JOBS);
	fputs("\nExamples:\n"
	      "  ipm-agg --csv -g province,sectors count tagged.csv\n"
	      "  ipm-agg -g province count distinct companies top 3 companies first last tagged.jsonl\n"
	      "  ipm-agg --icsv -g province sum value mean value median value p90 value cells.csv\n"
	      "  ipm-agg --by-month -g province --pivot sectors tagged.jsonl\n"
	      "  split -n l/4 -d big.csv p.; for f in p.*; do ipm-agg --partial -g province count $f; done \\\n"
	      "    | ipm-agg --merge -g province count\n", fp);
}

/* Split "a,b,c" in place into *fields. */
static size_t split_fields(char *s, const char ***fields)
{
	size_t n = 1, i = 0;
	char *p;

	for (p = s; *p; p++)
		n += *p == ',';
	*fields = ipm_malloc(n * sizeof **fields);
	for (p = strtok(s, ","); p; p = strtok(NULL, ","))
		(*fields)[i++] = p;
	return i;
}

struct run {
	const struct ipm_opts *o;
	const struct ipm_agg_spec *sp;
	ipm_agg *a;
	ipm_rejects *rj;
	int merge;
};

/* One regular file read by several threads (the partial/merge law makes
 * the result exact). -1 when the file cannot be split. */
static int run_parallel(FILE *fp, const char *name, struct run *u)
{
	size_t n = ipm_opts_threads(u->o), ni, again = 0;
	const char *in[MAX_INPUTS];
	struct ipm_par_sink sink = ipm_agg_sink(u->sp, u->a);
	long bad;

	if (n < 2)
		return -1;
	/* parts of 8 MB at least, unless -j asks for threads explicitly */
	ni = ipm_agg_inputs(u->a, in, MAX_INPUTS);
	bad = ipm_par_read(fp, name, n, u->o->jobs ? 1 : 8LL << 20, u->o->in_fmt, u->o->ifs,
	                   ni <= MAX_INPUTS ? in : NULL, ni <= MAX_INPUTS ? ni : 0, u->rj, &sink, &again);
	if (u->o->verbose && bad >= 0 && again)
		ipm_err(name, 0, "%zu parts read again (a quoted field crossed a part start)", again);
	return bad < 0 ? -1 : bad > 0 ? IPM_EXIT_DATA : 0;
}

static int run_serial(FILE *fp, const char *name, struct run *u)
{
	ipm_reader *rd;
	ipm_rec *r;
	const char *why, *in[MAX_INPUTS];
	size_t ni;
	int rc, status = 0;

	setvbuf(fp, NULL, _IOFBF, 1 << 20);   /* fewer read calls: a tenth of the time otherwise */
	rd = ipm_reader_open(fp, name, u->merge ? IPM_FMT_AUTO : u->o->in_fmt, u->o->ifs);
	ipm_reader_on_reject(rd, ipm_rejects_hook, u->rj);
	if (!u->merge && (ni = ipm_agg_inputs(u->a, in, MAX_INPUTS)) <= MAX_INPUTS)
		ipm_reader_only(rd, in, ni);   /* CSV: the other columns are not copied */
	while ((rc = ipm_reader_next(rd, &r)) > 0) {
		if (!u->merge)
			ipm_agg_add(u->a, r);
		else if ((rc = ipm_agg_merge_row(u->a, r, &why)) == -2) {
			/* partials of another spec: nothing to merge them into */
			ipm_err(ipm_reader_name(rd), ipm_rec_line(r), "%s", why);
			exit(IPM_EXIT_DATA);
		} else if (rc != 0) {
			ipm_err(ipm_reader_name(rd), ipm_rec_line(r), "%s", why);   /* capped by ipm_err */
			ipm_reject(u->rj, ipm_reader_name(rd), ipm_rec_line(r), why, "", 0);
			status = IPM_EXIT_DATA;
		}
	}
	if (rc < 0 || ipm_reader_nbad(rd))
		status = IPM_EXIT_DATA;
	ipm_reader_close(rd);
	return status;
}

/* One input: in parts by threads when it is a regular file, else serially. */
static int agg_input(FILE *fp, const char *name, void *ctx)
{
	struct run *u = ctx;
	int rc;

	if (!u->merge && (rc = run_parallel(fp, name, u)) >= 0)
		return rc;
	return run_serial(fp, name, u);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"group", required_argument, 0, 'g'},
		{"by-month", no_argument, 0, OPT_MONTH},
		{"by-quarter", no_argument, 0, OPT_QUARTER},
		{"date-field", required_argument, 0, OPT_DATE},
		{"pivot", required_argument, 0, OPT_PIVOT},
		{"partial", no_argument, 0, OPT_PARTIAL},
		{"merge", no_argument, 0, OPT_MERGE},
		IPM_CLI_LONGOPTS
	};
	static const struct ipm_agg_op count_op = { IPM_AGG_COUNT, NULL, 0 };
	struct ipm_agg_spec sp = {0};
	struct ipm_agg_op *ops = NULL;
	struct ipm_opts o;
	const char **fields = NULL;
	struct run u = { 0 };
	ipm_agg *a;
	char err[256];
	int c, used, partial = 0, status;

	ipm_init(argv[0]);
	argv[0] = (char *)ipm_progname();   /* getopt names the tool as we do */
	ipm_opts_init(&o, IPM_CLI_JOBS);
	/* "+": stop at the first operand, so OP words are never taken for options */
	while ((c = getopt_long(argc, argv, "+g:" IPM_CLI_SHORTOPTS, longopts, NULL)) != -1) {
		switch (c) {
		case 'g': free(fields); sp.nfields = split_fields(optarg, &fields); break;
		case OPT_MONTH: sp.bucket = IPM_BUCKET_MONTH; break;
		case OPT_QUARTER: sp.bucket = IPM_BUCKET_QUARTER; break;
		case OPT_DATE: sp.date_field = optarg; break;
		case OPT_PIVOT: sp.pivot = optarg; break;
		case OPT_PARTIAL: partial = 1; break;
		case OPT_MERGE: u.merge = 1; break;
		default: ipm_cli_common(c, optarg, &o, help);
		}
	}
	sp.fields = fields;
	used = ipm_agg_parse_ops(argv + optind, argc - optind, &ops, &sp.nops, err, sizeof err);
	if (used < 0)
		ipm_usage_error("%s", err);
	optind += used;
	/* a word that is no op must name a file (the first input); else a typo'd op */
	if (optind < argc && strcmp(argv[optind], "-") != 0 && access(argv[optind], F_OK) != 0)
		ipm_usage_error("unknown op '%s' (and no such file); ops: %s", argv[optind],
		                ipm_agg_op_list);
	sp.ops = sp.nops ? ops : &count_op;
	sp.nops = sp.nops ? sp.nops : 1;
	if (!(a = ipm_agg_new(&sp, err, sizeof err)))
		ipm_usage_error("%s", err);
	u.o = &o;
	u.sp = &sp;
	u.a = a;
	u.rj = ipm_rejects_open(o.rejects);
	status = ipm_each_input(argc, argv, optind, agg_input, &u);
	if (ipm_agg_report(a, o.verbose) && o.strict && status == 0)
		status = IPM_EXIT_DATA;
	if (o.verbose)
		ipm_err(NULL, 0, "%zu groups", ipm_agg_ngroups(a));
	if (ipm_agg_write(a, stdout, o.out_fmt, o.ofs, partial) != 0)
		status = IPM_EXIT_DATA;
	ipm_agg_free(a);
	free(ops);
	free(fields);
	return ipm_finish(NULL, u.rj, &o, status);
}
