/* ipm-tables: statistical tables in layout blocks -> one tidy record per
 * cell (doc, table, row, col, unit, value, raw, source, line, flags).
 * The table rules live in lib/tables/. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cli.h"
#include "core/rec.h"
#include "core/reject.h"
#include "core/util.h"
#include "core/write.h"
#include "tables/tables.h"

enum { OPT_CHECK = 0x2000 };

static const char *const cols[] = {
	"doc", "table", "row", "col", "unit", "value", "raw", "source", "line", "flags"
};

static void help(FILE *fp)
{
	fputs("Usage: ipm-tables [OPTION]... [FILE]...\n"
	      "Read layout blocks (ipm-extract output) and write one record per cell of\n"
	      "every statistical table: doc, table (title), row, col, unit, value (a\n"
	      "number or null), raw (the cell as printed), source (数据来源), line, flags\n"
	      "(\"*\" footnote marks, \">\"/\"<\", \"()\", \"up\"/\"down\", \"rank\", \"text\").\n"
	      "\"续表\" parts join their table; \"—\" gives null; units come from a 单位\n"
	      "column, a header's parenthesis, the row label's, or a 单位： line.\n\n"
	      "  --check        instead of records, print TSV sums: each table's\n"
	      "                 全国/合计/总计 row against the sum of its rows, and a\n"
	      "                 province table's column against the national table\n", fp);
	ipm_cli_help_common(fp, IPM_CLI_IN | IPM_CLI_OUT | IPM_CLI_DOC | IPM_CLI_LOSS);
	fputs("\nExamples:\n"
	      "  ipm-norm < 004.txt | ipm-extract | ipm-tables --doc 004 > cells.jsonl\n"
	      "  ipm-extract 004.txt | ipm-tables --ocsv > cells.csv   # load into SQLite/R\n"
	      "  ipm-extract 004.txt | ipm-tables --check\n", fp);
}

static int put(void *ctx, const ipm_rec *r) { return ctx ? ipm_writer_put(ctx, r) : 0; }

struct run {
	const struct ipm_opts *o;
	ipm_stats *st;
	ipm_rejects *rj;
};

/* Feed one block to the table builder. */
static int table_block(ipm_rec *r, void *ctx)
{
	struct run *u = ctx;

	return ipm_stats_block(u->st, r, ipm_rec_file(r));
}

static int tables_input(FILE *fp, const char *name, void *ctx)
{
	struct run *u = ctx;

	return ipm_each_record(fp, name, u->o, u->rj, table_block, u);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"check", no_argument, 0, OPT_CHECK}, IPM_CLI_LONGOPTS
	};
	struct ipm_opts o;
	ipm_writer *w = NULL;
	ipm_rejects *rj;
	ipm_stats *st;
	char *doc = NULL;
	struct run u;
	int c, check = 0, status;

	ipm_init(argv[0]);
	argv[0] = (char *)ipm_progname();   /* getopt names the tool as we do */
	ipm_opts_init(&o, 0);
	while ((c = getopt_long(argc, argv, IPM_CLI_SHORTOPTS, longopts, NULL)) != -1)
		if (c == OPT_CHECK)
			check = 1;
		else
			ipm_cli_common(c, optarg, &o, help);
	rj = ipm_rejects_open(o.rejects);
	if (!check)
		w = ipm_writer_open(stdout, o.out_fmt, o.ofs, cols, sizeof cols / sizeof *cols);
	if (!o.doc)
		doc = ipm_doc_id(optind < argc && strcmp(argv[optind], "-") ? argv[optind] : "stdin");
	st = ipm_stats_new(o.doc ? o.doc : doc, check, put, w, rj);
	u.o = &o;
	u.st = st;
	u.rj = rj;
	status = ipm_each_input(argc, argv, optind, tables_input, &u);
	if (ipm_stats_finish(st) != 0)
		exit(IPM_EXIT_DATA);
	if (check)
		ipm_stats_check(st, stdout);
	if (o.verbose) {
		const struct ipm_stats_counts *k = ipm_stats_counts(st);
		ipm_err(NULL, 0, "%zu tables (%zu 续表 parts joined), %zu rows, %zu cells "
		        "(%zu numeric); skipped: %zu group rows, %zu notes, %zu non-table "
		        "row blocks (%zu rows), %zu other blocks", k->tables, k->joins, k->rows,
		        k->cells, k->numbers, k->group_rows, k->notes, k->headerless,
		        k->headerless_rows, k->other_blocks);
	}
	ipm_stats_free(st);
	free(doc);
	return ipm_finish(w, rj, &o, status);
}
