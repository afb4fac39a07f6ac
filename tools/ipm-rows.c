/* ipm-rows: layout blocks (from ipm-extract) -> one record per item:
 * monthly report measures, yearbook chronicle entries, policy pages,
 * local notices as text, narrative paragraphs. The document kind is detected from the first blocks. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/blocks.h"
#include "core/cli.h"
#include "core/read.h"
#include "core/util.h"
#include "core/write.h"
#include "rows/rows.h"

enum { OPT_KIND = 1 };

static void help(FILE *fp)
{
	fputs("Usage: ipm-rows [OPTION]... [FILE]...\n"
	      "Read layout blocks (JSON Lines from ipm-extract) and write one record per\n"
	      "item: doc, section (ministry province enterprise summit special paragraph\n"
	      "chronicle policy), actor, date (YYYY-MM-DD), date_raw, text, url, line, heading.\n"
	      "Blocks that give no record are counted on stderr (--rejects lists them).\n\n"
	      "  --kind K           monthly, yearbook, policy, notice, narrative\n"
	      "                     or auto [auto]\n", fp);
	ipm_cli_help_common(fp, IPM_CLI_OUT | IPM_CLI_DOC | IPM_CLI_LOSS | IPM_CLI_DATA);
	fputs("\nExamples:\n"
	      "  ipm-norm < 001_report.txt | ipm-extract | ipm-rows --doc 001\n"
	      "  ipm-extract report.md | ipm-rows --ocsv > items.csv\n", fp);
}

/* The input's name: the file ipm-extract read (its doc block), else ours. */
static const char *src_file(ipm_bsrc *src, const char *ours)
{
	const ipm_rec *b;
	const char *f;

	if (ipm_bsrc_peek(src, 0, &b) > 0 && ipm_block_type(b) == IPM_B_DOC &&
	    (f = ipm_rec_str(b, "file")) != NULL && *f)
		return f;
	return ours;
}

static int put_writer(void *ctx, const ipm_rec *r)
{
	return ipm_writer_put(ctx, r);
}

struct run {
	const struct ipm_opts *o;
	const char *data;   /* the data folder: gazetteer.tsv */
	enum ipm_dockind kind;
	ipm_writer *w;
	ipm_rejects *rj;
};

/* One input's blocks -> its records, under its document id. */
static int rows_input(FILE *fp, const char *name, void *ctx)
{
	struct run *u = ctx;
	int c = getc(fp);
	ipm_reader *rd;
	ipm_bsrc *src;
	ipm_events ev;
	char *id;
	int rc;

	if (c != EOF)
		ungetc(c, fp);
	/* blocks as JSON Lines, or as a JSON array (ipm-extract --ojson) */
	rd = ipm_reader_open(fp, name, c == '[' ? IPM_FMT_JSONA : IPM_FMT_JSON, ',');
	ipm_reader_on_reject(rd, ipm_rejects_hook, u->rj);
	src = ipm_bsrc_open(rd);
	id = u->o->doc ? ipm_strndup(u->o->doc, strlen(u->o->doc))
	               : ipm_doc_id(src_file(src, strcmp(name, "-") ? name : "stdin"));
	ipm_events_init(&ev, put_writer, u->w, id, ipm_reader_name(rd), u->rj);
	ev.verbose = u->o->verbose;
	ev.data_dir = u->data;
	rc = ipm_rows_run(src, u->kind, &ev) != 0 || ipm_reader_nbad(rd) || ipm_bsrc_failed(src);
	if (!rc && ev.n == 0 && !ipm_bsrc_failed(src))
		ipm_err(ipm_reader_name(rd), 0, "warning: no records");
	ipm_events_free(&ev);
	ipm_bsrc_close(src);
	ipm_reader_close(rd);
	free(id);
	return rc;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"kind", required_argument, 0, OPT_KIND}, IPM_CLI_LONGOPTS
	};
	struct ipm_opts o;
	struct run u = { 0 };
	int c, status;

	ipm_init(argv[0]);
	argv[0] = (char *)ipm_progname();   /* getopt names the tool as we do */
	ipm_opts_init(&o, IPM_CLI_DATA);
	u.kind = IPM_K_AUTO;
	while ((c = getopt_long(argc, argv, IPM_CLI_SHORTOPTS, longopts, NULL)) != -1)
		if (c == OPT_KIND) {
			if (ipm_dockind_parse(optarg, &u.kind) != 0)
				ipm_usage_error("unknown kind '%s'", optarg);
		} else {
			ipm_cli_common(c, optarg, &o, help);
		}
	u.o = &o;
	u.data = ipm_opts_data_dir(&o, "gazetteer.tsv");
	u.rj = ipm_rejects_open(o.rejects);
	u.w = ipm_writer_open(stdout, o.out_fmt, o.ofs, NULL, 0);
	status = ipm_each_input(argc, argv, optind, rows_input, &u);
	return ipm_finish(u.w, u.rj, &o, status);
}
