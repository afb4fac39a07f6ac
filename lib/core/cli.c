#include "cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "datafile.h"
#include "read.h"
#include "util.h"
#include "write.h"

void ipm_opts_init(struct ipm_opts *o, unsigned uses)
{
	memset(o, 0, sizeof *o);
	o->in_fmt = IPM_FMT_AUTO;
	o->out_fmt = IPM_FMT_JSON;
	o->delim = ',';
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

static char parse_delim(const char *arg)
{
	if (strcmp(arg, "\\t") == 0 || strcmp(arg, "tab") == 0 || strcmp(arg, "TAB") == 0)
		return '\t';
	if (strlen(arg) != 1 || arg[0] == '"' || arg[0] == '\n' || arg[0] == '\r')
		ipm_usage_error("-d wants one character (or 'tab'), not '%s'", arg);
	return arg[0];
}

int ipm_cli_common(int c, const char *arg, struct ipm_opts *o, void (*help)(FILE *))
{
	switch (c) {
	case IPM_OPT_ICSV: o->in_fmt = IPM_FMT_CSV; return 1;
	case IPM_OPT_IJSON: o->in_fmt = IPM_FMT_JSON; return 1;
	case IPM_OPT_OCSV: o->out_fmt = IPM_FMT_CSV; return 1;
	case IPM_OPT_OJSON: o->out_fmt = IPM_FMT_JSON; return 1;
	case 'd': o->delim = parse_delim(arg); return 1;
	case IPM_OPT_DOC: o->doc = arg; return 1;
	case IPM_OPT_STRICT: o->strict = 1; return 1;
	case IPM_OPT_REJECTS: o->rejects = arg; return 1;
	case 'v': o->verbose++; ipm_err_show_all(1); return 1;
	case IPM_OPT_DATA:
		if (!(o->uses & IPM_CLI_DATA))
			ipm_usage_error("unrecognized option '--data'");
		o->data = arg;
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
		fputs("  --icsv             input is CSV with a header row [auto: '{' first means JSON Lines]\n"
		      "  --ijson            input is JSON Lines\n", fp);
	if (which & IPM_CLI_OUT)
		fputs("  --ocsv             write CSV (arrays as ';'-joined cells) [JSON Lines]\n"
		      "  --ojson            write JSON Lines (the default)\n", fp);
	if (which & (IPM_CLI_IN | IPM_CLI_OUT))
		fputs("  -d, --delimiter C  CSV delimiter, one character or 'tab' [,]\n", fp);
	if (which & IPM_CLI_DOC)
		fputs("  --doc ID           document id for the records [from the file name]\n", fp);
	if (which & IPM_CLI_DATA)
		fputs("      --data DIR     dictionaries and templates (*.tsv) from DIR [$IPM_DATA,\n"
		      "                     else lib/data or share/ipm beside the executable]\n", fp);
	if (which & IPM_CLI_JOBS)
		fputs("  -j, --jobs N       threads [one per CPU, at most 8]\n", fp);
	if (which & IPM_CLI_LOSS)
		fputs("  --strict           exit 1 if any input is not turned into output\n"
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
	ipm_reader *rd = ipm_reader_open(fp, name, o->in_fmt, o->delim);
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
