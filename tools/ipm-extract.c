/* ipm-extract: a report's text in any layout (Markdown with HTML tables, TAB
 * rows, PDF text, HTML, plain text) -> JSON Lines of layout blocks. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "blocks.h"
#include "cli.h"
#include "extract.h"
#include "reject.h"
#include "util.h"

enum { OPT_LAYOUT = 1 };

static void help(FILE *fp)
{
	fputs("Usage: ipm-extract [OPTION]... [FILE]...\n"
	      "Read a monitoring report (UTF-8 text) and write its layout blocks as JSON\n"
	      "Lines: a doc block, then headings, paragraphs, table rows (cells with HTML\n"
	      "stripped, link targets kept, items split by \"\\n\") and label/value meta.\n"
	      "The layout is detected from the first lines of each FILE.\n\n"
	      "  --layout L         markdown, tsv, pdf, html, text or auto [auto]\n", fp);
	ipm_cli_help_common(fp, IPM_CLI_OUT | IPM_CLI_LOSS);
	fputs("\nExamples:\n"
	      "  ipm-extract report.md | ipm-rows --doc 001\n"
	      "  ipm-norm < report.txt | ipm-extract --layout tsv | jq -c 'select(.type==\"row\")'\n", fp);
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
	enum ipm_layout layout = IPM_L_AUTO;
	struct ipm_opts o;
	ipm_writer *w;
	ipm_rejects *rj;
	int c, i, status = 0;

	ipm_init(argv[0]);
	ipm_opts_init(&o);
	while ((c = getopt_long(argc, argv, IPM_CLI_SHORTOPTS, longopts, NULL)) != -1)
		if (c == OPT_LAYOUT) {
			if (ipm_layout_parse(optarg, &layout) != 0)
				ipm_usage_error("unknown layout '%s'", optarg);
		} else {
			ipm_cli_common(c, optarg, &o, help);
		}
	rj = ipm_rejects_open(o.rejects);
	w = ipm_writer_open(stdout, o.out_fmt, o.delim, cols, sizeof cols / sizeof cols[0]);
	for (i = optind; i < argc || i == optind; i++) {
		const char *name = i < argc ? argv[i] : "-";
		FILE *fp = ipm_fopen_in(name);
		ipm_lines *ls;
		ipm_blocks *b;

		if (!fp) {
			status = IPM_EXIT_DATA;
			continue;
		}
		ls = ipm_lines_open(fp, name);
		b = ipm_blocks_open_writer(w);
		if (ipm_extract(ls, layout, b, rj) != 0)
			status = IPM_EXIT_DATA;
		else if (ipm_blocks_count(b) <= 1 && o.verbose >= 0)
			ipm_err(ipm_lines_name(ls), 0, "warning: no text found");
		ipm_blocks_close(b);
		ipm_lines_close(ls);
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
