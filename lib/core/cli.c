#include "cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "datafile.h"
#include "dict.h"
#include "read.h"
#include "util.h"
#include "write.h"

void ipm_opts_init(struct ipm_opts *o, unsigned uses)
{
	memset(o, 0, sizeof *o);
	o->in_fmt = IPM_FMT_AUTO;
	o->out_fmt = IPM_FMT_JSON;
	o->ifs = ',';
	o->ofs = ',';
	o->uses = uses;
}

const char *ipm_opts_data_dir(struct ipm_opts *o, const char *probe)
{
	static char *found;   /* one per process: every tool has one ipm_opts */

	if (!found && !(found = ipm_data_dir(o->data, probe)))
		ipm_die(IPM_EXIT_DATA, "no data folder holding %s: use --data DIR or set IPM_DATA", probe);
	return found;
}

size_t ipm_opts_threads(const struct ipm_opts *o)
{
	long n = o->jobs ? o->jobs : sysconf(_SC_NPROCESSORS_ONLN);

	if (n < 1)
		n = 1;
	if (!o->jobs && n > 8)
		n = 8;
	return (size_t)n;
}

void ipm_usage_error(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "%s: ", ipm_progname());
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s --help'.\n", ipm_progname());
	exit(IPM_EXIT_USAGE);
}

/* Miller's separator names, or one character. */
static char parse_delim(const char *opt, const char *arg)
{
	static const struct { const char *name; char c; } names[] = {
		{"tab", '\t'}, {"TAB", '\t'}, {"\\t", '\t'}, {"comma", ','}, {"semicolon", ';'},
		{"pipe", '|'}, {"space", ' '}, {"colon", ':'}, {"ascii_us", 0x1f}, {"usv", 0x1f}
	};
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(arg, names[i].name) == 0)
			return names[i].c;
	if (strlen(arg) != 1 || arg[0] == '"' || arg[0] == '\n' || arg[0] == '\r')
		ipm_usage_error("%s wants one character or a name (tab, comma, semicolon, pipe, space), not '%s'",
		                opt, arg);
	return arg[0];
}

/* A format flag: fmt for input (which & 1) and/or output (which & 2); a CSV
 * format sets the delimiter of that side unless --ifs/--ofs/--fs said it. */
static void set_fmt(struct ipm_opts *o, unsigned which, enum ipm_fmt fmt, char fs)
{
	if (which & 1) {
		o->in_fmt = fmt;
		if (fmt == IPM_FMT_CSV && !(o->fs_set & 1))
			o->ifs = fs;
	}
	if (which & 2) {
		o->out_fmt = fmt;
		if (fmt == IPM_FMT_CSV && !(o->fs_set & 2))
			o->ofs = fs;
	}
}

/* --c2j and the like: one letter per side (c CSV, t TSV, j JSON, l JSON Lines). */
static void set_pair(struct ipm_opts *o, const char *pair)
{
	int side;

	for (side = 0; side < 2; side++) {
		switch (pair[side]) {
		case 'c': set_fmt(o, 1u << side, IPM_FMT_CSV, ','); break;
		case 't': set_fmt(o, 1u << side, IPM_FMT_CSV, '\t'); break;
		case 'j': set_fmt(o, 1u << side, IPM_FMT_JSONA, ','); break;
		default: set_fmt(o, 1u << side, IPM_FMT_JSON, ','); break;
		}
	}
}

/* The format flags: which side (1 input, 2 output, 3 both), format, delimiter. */
static const struct { int opt, io; enum ipm_fmt fmt; char delim; } fmts[] = {
	{IPM_OPT_ICSV, 1, IPM_FMT_CSV, ','}, {IPM_OPT_ITSV, 1, IPM_FMT_CSV, '\t'},
	{IPM_OPT_IJSON, 1, IPM_FMT_JSONA, ','}, {IPM_OPT_IJSONL, 1, IPM_FMT_JSON, ','},
	{IPM_OPT_OCSV, 2, IPM_FMT_CSV, ','}, {IPM_OPT_OTSV, 2, IPM_FMT_CSV, '\t'},
	{IPM_OPT_OJSON, 2, IPM_FMT_JSONA, ','}, {IPM_OPT_OJSONL, 2, IPM_FMT_JSON, ','},
	{IPM_OPT_CSV, 3, IPM_FMT_CSV, ','}, {IPM_OPT_TSV, 3, IPM_FMT_CSV, '\t'},
	{IPM_OPT_JSON, 3, IPM_FMT_JSONA, ','}, {IPM_OPT_JSONL, 3, IPM_FMT_JSON, ','}
};

int ipm_cli_common(int c, const char *arg, struct ipm_opts *o, void (*help)(FILE *))
{
	static const char *const pairs[] = {
		"cj", "cl", "ct", "tc", "tj", "tl", "jc", "jt", "jl", "lc", "lt", "lj"
	};
	size_t k;

	if (c >= IPM_OPT_C2J && c <= IPM_OPT_L2J) {
		set_pair(o, pairs[c - IPM_OPT_C2J]);
		return 1;
	}
	for (k = 0; k < sizeof fmts / sizeof fmts[0]; k++)
		if (c == fmts[k].opt) {
			set_fmt(o, fmts[k].io, fmts[k].fmt, fmts[k].delim);
			return 1;
		}
	switch (c) {
	case IPM_OPT_IFS: o->ifs = parse_delim("--ifs", arg); o->fs_set |= 1; return 1;
	case IPM_OPT_OFS: o->ofs = parse_delim("--ofs", arg); o->fs_set |= 2; return 1;
	case 'd': o->ifs = o->ofs = parse_delim("--fs", arg); o->fs_set |= 3; return 1;
	case IPM_OPT_DOC: o->doc = arg; return 1;
	case IPM_OPT_STRICT: o->strict = 1; return 1;
	case IPM_OPT_REJECTS: o->rejects = arg; return 1;
	case 'v': o->verbose++; ipm_err_show_all(1); return 1;
	case IPM_OPT_DATA:
		if (!(o->uses & IPM_CLI_DATA))
			ipm_usage_error("unrecognized option '--data'");
		o->data = arg;
		return 1;
	case IPM_OPT_DATA_ADD:
		if (!(o->uses & IPM_CLI_DATA))
			ipm_usage_error("unrecognized option '--data-add'");
		ipm_dict_set_overlay(arg);
		return 1;
	case 'j':
		if (!(o->uses & IPM_CLI_JOBS))
			ipm_usage_error("invalid option -- 'j'");
		if (ipm_parse_long(arg, 1, 256, &o->jobs) != 0)
			ipm_usage_error("-j wants a number of threads from 1 to 256, not '%s'", arg);
		return 1;
	case 'h':
		help(stdout);
		exit(ipm_close_stdout() ? IPM_EXIT_DATA : IPM_EXIT_OK);
	case IPM_OPT_VERSION:
		printf("%s %s\n", ipm_progname(), IPM_VERSION);
		exit(ipm_close_stdout() ? IPM_EXIT_DATA : IPM_EXIT_OK);
	case '?':
	case ':':
		fprintf(stderr, "Try '%s --help'.\n", ipm_progname());
		exit(IPM_EXIT_USAGE);
	}
	return 0;
}

void ipm_cli_help_common(FILE *fp, unsigned which)
{
	if (which & IPM_CLI_IN)
		fputs("Input format (as Miller's; default: sniffed per input, '{' first: JSON Lines,\n"
		      "'[' first: a JSON array, else CSV with a header row):\n"
		      "  --icsv | --itsv    CSV | TSV with a header row (a blank line, then a new\n"
		      "                     header, starts a new block of columns)\n"
		      "  --ijson            JSON: an array of objects, or objects one after another\n"
		      "  --ijsonl           JSON Lines: one object per line\n"
		      "  --ifs C            input delimiter (one character, or tab, comma, semicolon,\n"
		      "                     pipe, space) [, for CSV, tab for TSV]\n", fp);
	if (which & IPM_CLI_OUT)
		fputs("Output format (as Miller's; default: JSON Lines, one object per line):\n"
		      "  --ocsv | --otsv    CSV | TSV with a header row; arrays as ';'-joined cells;\n"
		      "                     when the fields change, a blank line and a new header\n"
		      "  --ojson            a JSON array, one record per line\n"
		      "  --ojsonl           JSON Lines (the default)\n"
		      "  --ofs C            output delimiter (as --ifs) [, for CSV, tab for TSV]\n", fp);
	if ((which & IPM_CLI_IN) && (which & IPM_CLI_OUT))
		fputs("  --csv, --tsv, --json, --jsonl  the same format in and out\n"
		      "  --c2j --c2l --c2t --t2c --t2j --t2l --j2c --j2t --j2l --l2c --l2t --l2j\n"
		      "                     in and out at once (c CSV, t TSV, j JSON, l JSON Lines)\n", fp);
	if (which & (IPM_CLI_IN | IPM_CLI_OUT))
		fputs("  -d, --fs C         the delimiter of both input and output\n", fp);
	if (which & (IPM_CLI_IN | IPM_CLI_OUT))
		fputs("Other options:\n", fp);
	if (which & IPM_CLI_DOC)
		fputs("  --doc ID           document id for the records [from the file name]\n", fp);
	if (which & IPM_CLI_DATA)
		fputs("      --data DIR     dictionaries and templates (*.tsv) from DIR [$IPM_DATA,\n"
		      "                     else lib/data or share/ipm beside the executable]\n"
		      "      --data-add DIR rows of DIR/*.tsv added to the dictionaries (a row naming\n"
		      "                     a shipped one replaces it) [$IPM_DATA_ADD]\n", fp);
	if (which & IPM_CLI_JOBS)
		fputs("  -j, --jobs N       threads [one per CPU, at most 8]\n", fp);
	if (which & IPM_CLI_LOSS)
		fputs("  --strict           exit 1 if any input is not turned into output (or a\n"
		      "                     value into CSV: a record with no fields, a ; in an item)\n"
		      "  --rejects FILE     write every rejected input line to FILE (JSON Lines)\n", fp);
	fputs("  -v, --verbose      say more on stderr\n"
	      "  -h, --help         show this help and exit\n"
	      "      --version      show the version and exit\n", fp);
}

int ipm_each_input(int argc, char **argv, int first,
                   int (*fn)(FILE *fp, const char *name, void *ctx), void *ctx)
{
	int i, status = 0;

	for (i = first; i < argc || i == first; i++) {
		const char *name = i < argc ? argv[i] : "-";
		FILE *fp = ipm_fopen_in(name);

		if (!fp) {
			status = IPM_EXIT_DATA;
		} else {
			if (fn(fp, name, ctx) != 0)
				status = IPM_EXIT_DATA;
			if (fp != stdin)
				fclose(fp);
		}
		if (i >= argc)
			break;
	}
	return status;
}

int ipm_finish(ipm_writer *w, ipm_rejects *rj, const struct ipm_opts *o, int status)
{
	if (w && o->strict && ipm_writer_nlost(w))
		status = IPM_EXIT_DATA;
	if (w && ipm_writer_close(w) != 0)
		status = IPM_EXIT_DATA;
	if (rj && ipm_rejects_close(rj, o->strict, o->verbose))
		status = IPM_EXIT_DATA;
	if (ipm_close_stdout())
		status = IPM_EXIT_DATA;
	return status;
}

char *ipm_doc_id(const char *name)
{
	const char *b = strrchr(name, '/'), *dot;

	b = b ? b + 1 : name;
	dot = strrchr(b, '.');
	return ipm_strndup(b, dot && dot != b ? (size_t)(dot - b) : strlen(b));
}

int ipm_each_record(FILE *fp, const char *name, const struct ipm_opts *o, ipm_rejects *rj,
                    int (*fn)(ipm_rec *r, void *ctx), void *ctx)
{
	ipm_reader *rd = ipm_reader_open(fp, name, o->in_fmt, o->ifs);
	ipm_rec *r;
	int rc;

	ipm_reader_on_reject(rd, ipm_rejects_hook, rj);
	while ((rc = ipm_reader_next(rd, &r)) > 0)
		if (fn(r, ctx) != 0)
			exit(IPM_EXIT_DATA);
	rc = rc < 0 || ipm_reader_nbad(rd);   /* malformed input is a data error */
	ipm_reader_close(rd);
	return rc;
}
