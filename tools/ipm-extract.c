/* ipm-extract: a report's text in any layout (Markdown with HTML tables, TAB
 * rows, PDF text, HTML, plain text) -> JSON Lines of layout blocks. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/blocks.h"
#include "core/cli.h"
#include "core/reject.h"
#include "core/util.h"
#include "core/write.h"
#include "extract/extract.h"

enum { OPT_LAYOUT = 1 };

static void help(FILE *fp)
{
	fputs("Usage: ipm-extract [OPTION]... [FILE]...\n"
	      "Read a monitoring report (UTF-8 text) and write its layout blocks as JSON\n"
	      "Lines: a doc block, then headings, paragraphs, table rows (cells with HTML\n"
	      "stripped, link targets kept, items split by \"\\n\") and label/value meta.\n"
	      "The layout is detected from the first lines of each FILE. A PDF FILE is\n"
	      "read from its page geometry: `mutool trace FILE` (MuPDF) is run and its\n"
	      "glyph boxes and ruling lines rebuild the tables (layout pdfgeom; its XML\n"
	      "on stdin is read the same). \"pdf\" is PDF text (pdftotext output).\n\n"
	      "  --layout L         markdown, tsv, pdf, html, text, pdfgeom or auto [auto]\n", fp);
	ipm_cli_help_common(fp, IPM_CLI_OUT | IPM_CLI_LOSS | IPM_CLI_DATA);
	fputs("\nExamples:\n"
	      "  ipm-extract report.md | ipm-rows --doc 001\n"
	      "  ipm-norm < report.txt | ipm-extract --layout tsv | jq -c 'select(.type==\"row\")'\n"
	      "  ipm-extract report.pdf | ipm-rows --doc 003\n"
	      "  mutool trace report.pdf | ipm-extract | ipm-rows --doc 003\n", fp);
}

struct run {
	const struct ipm_opts *o;
	const char *data;   /* the data folder: columns.tsv for PDF text */
	enum ipm_layout layout;
	ipm_writer *w;
	ipm_rejects *rj;
};

/* One input's lines -> its blocks. */
static int extract_input(FILE *fp, const char *name, void *ctx)
{
	struct run *u = ctx;
	ipm_lines *ls = ipm_lines_open(fp, name);
	ipm_blocks *b = ipm_blocks_open_writer(u->w);
	int rc = ipm_extract(ls, u->layout, b, u->rj, u->data) != 0;

	if (!rc && ipm_blocks_count(b) <= 1 && u->o->verbose >= 0)
		ipm_err(ipm_lines_name(ls), 0, "warning: no text found");
	ipm_blocks_close(b);
	ipm_lines_close(ls);
	return rc;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"layout", required_argument, 0, OPT_LAYOUT}, IPM_CLI_LONGOPTS
	};
	/* CSV columns: the union of the block kinds' fields */
	static const char *const cols[] = {
		"type", "layout", "level", "text", "cells", "header", "key", "value", "line"
	};
	struct ipm_opts o;
	struct run u = { 0 };
	int c, status;

	ipm_init(argv[0]);
	argv[0] = (char *)ipm_progname();   /* getopt names the tool as we do */
	ipm_opts_init(&o, IPM_CLI_DATA);
	u.layout = IPM_L_AUTO;
	while ((c = getopt_long(argc, argv, IPM_CLI_SHORTOPTS, longopts, NULL)) != -1)
		if (c == OPT_LAYOUT) {
			if (ipm_layout_parse(optarg, &u.layout) != 0)
				ipm_usage_error("unknown layout '%s'", optarg);
		} else {
			ipm_cli_common(c, optarg, &o, help);
		}
	u.o = &o;
	u.data = ipm_opts_data_dir(&o, "columns.tsv");
	u.rj = ipm_rejects_open(o.rejects);
	u.w = ipm_writer_open(stdout, o.out_fmt, o.ofs, cols, sizeof cols / sizeof cols[0]);
	status = ipm_each_input(argc, argv, optind, extract_input, &u);
	return ipm_finish(u.w, u.rj, &o, status);
}
