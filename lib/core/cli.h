/* cli: the flags every tool spells alike, parsed in one place, and the
 * --help/--version conventions. A tool lists its own long options, appends
 * IPM_CLI_LONGOPTS, and passes unknown option codes to ipm_cli_common(). */
#ifndef IPM_CLI_H
#define IPM_CLI_H

#include <getopt.h>
#include <stdio.h>

#include "rec.h"
#include "reject.h"
#include "write.h"

enum {
	IPM_OPT_ICSV = 0x1000, IPM_OPT_IJSON, IPM_OPT_OCSV, IPM_OPT_OJSON,
	IPM_OPT_DOC, IPM_OPT_STRICT, IPM_OPT_REJECTS, IPM_OPT_VERSION, IPM_OPT_DATA,
	IPM_OPT_DATA_ADD,
	IPM_OPT_IJSONL, IPM_OPT_OJSONL, IPM_OPT_ITSV, IPM_OPT_OTSV,
	IPM_OPT_CSV, IPM_OPT_TSV, IPM_OPT_JSON, IPM_OPT_JSONL,
	IPM_OPT_IFS, IPM_OPT_OFS,
	/* Miller's keystroke-savers: --c2j, --t2c ... (in, out) */
	IPM_OPT_C2J, IPM_OPT_C2L, IPM_OPT_C2T, IPM_OPT_T2C, IPM_OPT_T2J, IPM_OPT_T2L,
	IPM_OPT_J2C, IPM_OPT_J2T, IPM_OPT_J2L, IPM_OPT_L2C, IPM_OPT_L2T, IPM_OPT_L2J
};

/* Which common flags a tool's help should list. */
enum {
	IPM_CLI_IN = 1,      /* --icsv --itsv --ijson --ijsonl --ifs */
	IPM_CLI_OUT = 2,     /* --ocsv --otsv --ojson --ojsonl --ofs */
	IPM_CLI_DOC = 4,     /* --doc ID */
	IPM_CLI_LOSS = 8,    /* --strict --rejects FILE */
	IPM_CLI_DATA = 16,   /* --data DIR: the dictionaries and templates */
	IPM_CLI_JOBS = 32    /* -j N: threads */
};

struct ipm_opts {
	enum ipm_fmt in_fmt;   /* AUTO unless --icsv/--itsv/--ijson/--ijsonl */
	enum ipm_fmt out_fmt;  /* JSON (Lines) unless --ocsv/--otsv/--ojson */
	char ifs;              /* input CSV delimiter: ',', '\t' with --itsv, --ifs/--fs/-d */
	char ofs;              /* output CSV delimiter: ',', '\t' with --otsv, --ofs/--fs/-d */
	unsigned char fs_set;  /* 1: --ifs given, 2: --ofs given (a format flag keeps them) */
	const char *doc;       /* --doc ID or NULL */
	int strict;            /* --strict: any loss exits 1 */
	const char *rejects;   /* --rejects FILE or NULL */
	int verbose;           /* -v count */
	unsigned uses;         /* IPM_CLI_DATA | IPM_CLI_JOBS: the tool takes these */
	const char *data;      /* --data DIR or NULL */
	long jobs;             /* -j N; 0: one thread per CPU, at most 8 */
};

#define IPM_CLI_SHORTOPTS "d:hj:v"
#define IPM_CLI_LONGOPTS \
	{"icsv", no_argument, 0, IPM_OPT_ICSV}, \
	{"ijson", no_argument, 0, IPM_OPT_IJSON}, \
	{"ocsv", no_argument, 0, IPM_OPT_OCSV}, \
	{"ojson", no_argument, 0, IPM_OPT_OJSON}, \
	{"ijsonl", no_argument, 0, IPM_OPT_IJSONL}, \
	{"ojsonl", no_argument, 0, IPM_OPT_OJSONL}, \
	{"itsv", no_argument, 0, IPM_OPT_ITSV}, \
	{"otsv", no_argument, 0, IPM_OPT_OTSV}, \
	{"csv", no_argument, 0, IPM_OPT_CSV}, \
	{"tsv", no_argument, 0, IPM_OPT_TSV}, \
	{"json", no_argument, 0, IPM_OPT_JSON}, \
	{"jsonl", no_argument, 0, IPM_OPT_JSONL}, \
	{"c2j", no_argument, 0, IPM_OPT_C2J}, {"c2l", no_argument, 0, IPM_OPT_C2L}, \
	{"c2t", no_argument, 0, IPM_OPT_C2T}, {"t2c", no_argument, 0, IPM_OPT_T2C}, \
	{"t2j", no_argument, 0, IPM_OPT_T2J}, {"t2l", no_argument, 0, IPM_OPT_T2L}, \
	{"j2c", no_argument, 0, IPM_OPT_J2C}, {"j2t", no_argument, 0, IPM_OPT_J2T}, \
	{"j2l", no_argument, 0, IPM_OPT_J2L}, {"l2c", no_argument, 0, IPM_OPT_L2C}, \
	{"l2t", no_argument, 0, IPM_OPT_L2T}, {"l2j", no_argument, 0, IPM_OPT_L2J}, \
	{"ifs", required_argument, 0, IPM_OPT_IFS}, \
	{"ofs", required_argument, 0, IPM_OPT_OFS}, \
	{"fs", required_argument, 0, 'd'}, \
	{"delimiter", required_argument, 0, 'd'}, \
	{"doc", required_argument, 0, IPM_OPT_DOC}, \
	{"strict", no_argument, 0, IPM_OPT_STRICT}, \
	{"rejects", required_argument, 0, IPM_OPT_REJECTS}, \
	{"verbose", no_argument, 0, 'v'}, \
	{"data", required_argument, 0, IPM_OPT_DATA}, \
	{"data-add", required_argument, 0, IPM_OPT_DATA_ADD}, \
	{"jobs", required_argument, 0, 'j'}, \
	{"help", no_argument, 0, 'h'}, \
	{"version", no_argument, 0, IPM_OPT_VERSION}, \
	{0, 0, 0, 0}

/* uses: IPM_CLI_DATA and/or IPM_CLI_JOBS when the tool takes --data / -j
 * (other tools refuse them as unknown options). */
void ipm_opts_init(struct ipm_opts *o, unsigned uses);
/* The folder of the data files (ipm_data_dir with --data, found once);
 * exits 1 with a message when there is none. probe names a file it holds. */
const char *ipm_opts_data_dir(struct ipm_opts *o, const char *probe);
/* The number of threads -j asks for: jobs, or one per CPU (at most 8). */
size_t ipm_opts_threads(const struct ipm_opts *o);
/* Handle a common option. Returns 1 if handled, 0 if c is not common.
 * -h calls help(stdout) then exits 0; --version prints and exits 0;
 * a bad value or '?' prints a one-line hint and exits 2. */
int ipm_cli_common(int c, const char *arg, struct ipm_opts *o,
                   void (*help)(FILE *));
/* Print the help lines of the common flags selected by `which`. */
void ipm_cli_help_common(FILE *fp, unsigned which);
/* Call fn(fp, name, ctx) once per input named in argv[first..argc), in order;
 * none means stdin ("-" names it too). A file that cannot be opened is
 * reported and skipped, the rest still run. Returns IPM_EXIT_DATA when an
 * open failed or any fn returned non-zero, else 0. Files are closed after fn. */
int ipm_each_input(int argc, char **argv, int first,
                   int (*fn)(FILE *fp, const char *name, void *ctx), void *ctx);
/* Read every record of one input (format and delimiter from o, malformed
 * records to rj) and call fn(r, ctx) on each; fn returning non-zero is a
 * write failure and exits 1. Returns non-zero on an I/O error or malformed input. */
int ipm_each_record(FILE *fp, const char *name, const struct ipm_opts *o, ipm_rejects *rj,
                    int (*fn)(ipm_rec *r, void *ctx), void *ctx);
/* End of a tool: close the writer and the rejects (either may be NULL; the
 * rejects summary goes to stderr) and stdout; fold any failure into status. */
int ipm_finish(ipm_writer *w, ipm_rejects *rj, const struct ipm_opts *o, int status);
/* Document id from an input name: its base name without the extension
 * ("in/004_a5a9.txt" -> "004_a5a9"). Caller frees. */
char *ipm_doc_id(const char *name);
/* "ipm-x: MSG\nTry 'ipm-x --help'." on stderr, exit 2. */
void ipm_usage_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));

#endif
