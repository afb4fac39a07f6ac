/* ipm-report: the monitoring report (Markdown or self-contained HTML) of
 * tagged records: counts, charts, 舆情总结 sentences, change vs --prev.
 * Records are tallied per document; a document's dates decide its period. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <spawn.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/cli.h"
#include "core/datafile.h"
#include "core/read.h"
#include "core/reject.h"
#include "core/util.h"
#include "report/digest.h"
#include "report/render.h"

enum { OPT_PREV = 1, OPT_TEMPLATES, OPT_PROVINCES, OPT_LIST, OPT_SECTORS, OPT_SOURCES };

static const char *fmt_name = "md", *outdir, *period, *prev_file, *tpl_file, *prov_file, *sources_file;
static long top = 10, sectors = 6;
static int list_only;

static void help(FILE *fp)
{
	fprintf(fp, "Usage: ipm-report [OPTION]... [FILE]...\n"
	        "Read tagged records (ipm-tag output, deduplicated or not) and write the\n"
	        "monitoring report: counts per section, sectors, provinces x sectors,\n"
	        "companies, policy documents, SVG charts (HTML), and summary sentences\n"
	        "made from the numbers with the templates of --templates.\n\n"
	        "  -f, --format FMT     md, html, or pdf (the HTML page printed to A4 by\n"
	        "                       headless chromium, else wkhtmltopdf; $IPM_PDF picks\n"
	        "                       the program) [%s]\n"
	        "  -o, --outdir DIR     one report per period found (DIR/PERIOD.md and\n"
	        "                       .html) plus DIR/index.md and index.html\n"
	        "  -p, --period P       only the documents of period P (YYYY-MM, YYYY, undated)\n"
	        "      --prev FILE      records of the previous period: change columns\n"
	        "      --sources FILE   TSV doc, file, sha256, rejects (a header row first):\n"
	        "                       the footer names each document's file, hash and\n"
	        "                       lines not turned into records (the pipeline writes it)\n"
	        "      --list-periods   print a TSV table: period start end records docs\n"
	        "  -n, --top N          rows of the top-N tables [%ld]\n"
	        "      --sectors N      sector columns of the province table [%ld]\n"
	        "      --templates FILE sentences and labels [DATA/sentences.tsv: see --data]\n"
	        "      --provinces FILE province tile layout [same place, tiles.tsv]\n",
	        fmt_name, top, sectors);
	ipm_cli_help_common(fp, IPM_CLI_IN | IPM_CLI_LOSS | IPM_CLI_DATA);
	fputs("\nExamples:\n"
	      "  ipm-report tagged.jsonl > report.md\n"
	      "  ipm-report -f html --prev 2018-04.jsonl 2018-05.jsonl > report.html\n"
	      "  ipm-report -o build/report build/dedup.jsonl\n", fp);
}

/* Tally every record of the files into one digest per document. */
/* The documents read so far: one digest per doc id, in first-seen order. */
struct docs {
	ipm_tally *ids;
	ipm_digest **d;
	size_t n, cap;
};

static int add_record(ipm_rec *r, void *ctx)
{
	struct docs *ds = ctx;
	const char *doc = ipm_rec_str(r, "doc");
	ipm_tally_ent *e = ipm_tally_addc(ds->ids, doc ? doc : "", 1);

	if (e->seq == ds->n) {
		if (ds->n == ds->cap) {   /* doubling: a corpus of many small documents stays linear */
			ds->cap = ds->cap ? 2 * ds->cap : 16;
			ds->d = ipm_realloc(ds->d, ds->cap * sizeof *ds->d);
		}
		ds->d[ds->n++] = ipm_digest_new();
	}
	ipm_digest_add(ds->d[e->seq], r);
	return 0;
}

struct read_ctx {
	const struct ipm_opts *o;
	ipm_rejects *rj;
	struct docs *ds;
};

static int read_input(FILE *fp, const char *name, void *ctx)
{
	struct read_ctx *rc = ctx;

	return ipm_each_record(fp, name, rc->o, rc->rj, add_record, rc->ds);
}

/* Every record of the inputs argv[first..argc) (none: stdin) into ds. */
static int read_docs(int argc, char **argv, int first, const struct ipm_opts *o, ipm_rejects *rj,
                     struct docs *ds)
{
	struct read_ctx rc = { o, rj, ds };

	return ipm_each_input(argc, argv, first, read_input, &rc);
}

/* Every period's report in both formats, the pages of the other documents,
 * and the index pages. */
static int write_dir(const struct ipm_render *r0, const struct ipm_period *p, size_t n)
{
	static const char *const ext[] = { "md", "html" };
	struct ipm_render r = *r0;
	ipm_buf b = { 0 }, path = { 0 };
	size_t i, f;
	int bad = 0;

	for (f = 0; f < 2; f++) {
		r.fmt = f ? IPM_RENDER_HTML : IPM_RENDER_MD;
		r.ext = ext[f];
		for (i = 0; i <= n + r.nother; i++) {
			const char *name = "index";

			ipm_buf_clear(&b);
			ipm_buf_clear(&path);
			if (i < n) {
				ipm_render_report(&b, &r, &p[i], ipm_period_prev(p, i));
				name = p[i].label;
			} else if (i < n + r.nother) {
				const struct ipm_other *o = &r.other[i - n];

				if (o->kind == IPM_KIND_BOOK)
					ipm_render_book(&b, &r, o);
				else
					ipm_render_policies(&b, &r, o);
				name = o->page;
			} else {
				ipm_render_index(&b, &r, p, n, ext[f]);
			}
			ipm_buf_printf(&path, "%s/%s.%s", outdir, name, ext[f]);
			bad |= ipm_write_atomic(path.s, &b) != 0;
		}
	}
	ipm_buf_free(&b);
	ipm_buf_free(&path);
	return bad;
}

extern char **environ;

/* Whether prog is an executable on PATH (or a path). */
static int on_path(const char *prog)
{
	const char *path = getenv("PATH"), *p, *e;
	ipm_buf b = { 0 };
	int ok = 0;

	if (strchr(prog, '/'))
		return access(prog, X_OK) == 0;
	for (p = path ? path : "/usr/bin:/bin"; !ok && *p; p = *e ? e + 1 : e) {
		e = strchr(p, ':');
		e = e ? e : p + strlen(p);
		ipm_buf_clear(&b);
		ipm_buf_printf(&b, "%.*s/%s", (int)(e - p), p, prog);
		ok = access(b.s, X_OK) == 0;
	}
	ipm_buf_free(&b);
	return ok;
}

/* Print the HTML page html to an A4 PDF on stdout: headless chromium, or
 * wkhtmltopdf ($IPM_PDF names one of them or another path). 0 on success. */
static int write_pdf(const ipm_buf *html)
{
	static const char *const progs[] = { "chromium", "chromium-browser", "google-chrome", "wkhtmltopdf" };
	const char *tmp = getenv("TMPDIR"), *prog = getenv("IPM_PDF");
	ipm_buf dir = { 0 }, in = { 0 }, out = { 0 }, a1 = { 0 }, a2 = { 0 }, a3 = { 0 }, pdf = { 0 };
	char *argv[16];
	size_t i, n = 0;
	int rc = -1, st;
	pid_t pid;
	posix_spawn_file_actions_t fa;
	FILE *fp;

	for (i = 0; !prog && i < sizeof progs / sizeof *progs; i++)
		if (on_path(progs[i]))
			prog = progs[i];
	if (!prog) {
		ipm_err(NULL, 0, "-f pdf: neither chromium nor wkhtmltopdf found (apt-get install chromium)");
		return -1;
	}
	ipm_buf_printf(&dir, "%s/ipm-report-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir.s)) {
		ipm_err(dir.s, 0, "cannot create:");
		ipm_buf_free(&dir);
		return -1;
	}
	ipm_buf_printf(&in, "%s/report.html", dir.s);
	ipm_buf_printf(&out, "%s/report.pdf", dir.s);
	if (ipm_write_atomic(in.s, html) != 0)
		goto done;
	argv[n++] = (char *)prog;
	if (strstr(prog, "wkhtmltopdf")) {
		static char *const wk[] = { "--quiet", "--page-size", "A4", "--encoding", "utf-8",
			"--print-media-type", "--disable-javascript" };

		for (i = 0; i < sizeof wk / sizeof *wk; i++)
			argv[n++] = wk[i];
		argv[n++] = in.s;
		argv[n++] = out.s;
	} else {
		ipm_buf_printf(&a1, "--print-to-pdf=%s", out.s);
		ipm_buf_printf(&a2, "--user-data-dir=%s/profile", dir.s);
		ipm_buf_printf(&a3, "file://%s", in.s);
		argv[n++] = "--headless";
		argv[n++] = "--no-sandbox";
		argv[n++] = "--disable-gpu";
		argv[n++] = "--no-first-run";
		argv[n++] = "--no-pdf-header-footer";
		argv[n++] = a2.s;
		argv[n++] = a1.s;
		argv[n++] = a3.s;
	}
	argv[n] = NULL;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	st = posix_spawnp(&pid, prog, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (st != 0) {
		errno = st;
		ipm_err(prog, 0, "cannot run:");
		goto done;
	}
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	fp = fopen(out.s, "rb");
	if (fp) {
		char chunk[65536];
		size_t k;

		while ((k = fread(chunk, 1, sizeof chunk, fp)) > 0)
			ipm_buf_add(&pdf, chunk, k);
		fclose(fp);
	}
	if (pdf.len < 5 || memcmp(pdf.s, "%PDF-", 5) != 0) {
		ipm_err(prog, 0, "made no PDF (exit status %d)", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
		goto done;
	}
	rc = fwrite(pdf.s, 1, pdf.len, stdout) == pdf.len ? 0 : -1;
done:
	remove(out.s);
	remove(in.s);
	if (a2.len) {   /* chromium's profile */
		ipm_buf cmd = { 0 };
		char *rm[] = { "rm", "-rf", NULL, NULL };

		ipm_buf_printf(&cmd, "%s/profile", dir.s);
		rm[2] = cmd.s;
		if (posix_spawnp(&pid, "rm", NULL, NULL, rm, environ) == 0)
			waitpid(pid, &st, 0);
		ipm_buf_free(&cmd);
	}
	rmdir(dir.s);
	ipm_buf_free(&dir);
	ipm_buf_free(&in);
	ipm_buf_free(&out);
	ipm_buf_free(&a1);
	ipm_buf_free(&a2);
	ipm_buf_free(&a3);
	ipm_buf_free(&pdf);
	return rc;
}

/* The footer's time: SOURCE_DATE_EPOCH when set (reproducible), else now. */
static void generated_at(char *out, size_t size)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	long v;
	time_t t = e && ipm_parse_long(e, 0, 253402300799L, &v) == 0 ? (time_t)v : time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, size, "%Y-%m-%d %H:%M UTC", &tm);
}

/* Whole --prev file as one period. */
static ipm_digest *read_prev(const struct ipm_opts *o, ipm_rejects *rj, int *status)
{
	struct docs ds = { ipm_tally_new(), NULL, 0, 0 };
	ipm_digest *all = ipm_digest_new();
	char *f[2] = { NULL, (char *)prev_file };
	size_t i;

	*status |= read_docs(2, f, 1, o, rj, &ds);
	for (i = 0; i < ds.n; i++) {
		ipm_digest_merge(all, ds.d[i]);
		ipm_digest_free(ds.d[i]);
	}
	free(ds.d);
	ipm_tally_free(ds.ids);
	return all;
}

/* A period name: YYYY-MM with a real month, or a page's name (a book's id,
 * "policies"): anything that does not look like a malformed month. */
static int valid_period(const char *p)
{
	int y, m;
	char tail;

	if (strlen(p) >= 5 && p[4] == '-' && p[0] >= '0' && p[0] <= '9')
		return sscanf(p, "%4d-%2d%c", &y, &m, &tail) == 2 && strlen(p) == 7 && m >= 1 && m <= 12;
	return *p != '\0';
}

/* --sources: doc, file, sha256, rejects per document (TSV with a header). */
static struct ipm_source *load_sources(const char *path, size_t *n)
{
	FILE *fp = ipm_fopen_in(path);
	ipm_reader *rd;
	ipm_rec *r;
	struct ipm_source *v = NULL;
	const char *doc, *file, *sha;

	*n = 0;
	if (!fp)
		exit(IPM_EXIT_DATA);
	rd = ipm_reader_open(fp, path, IPM_FMT_CSV, '\t');
	while (ipm_reader_next(rd, &r) > 0) {
		if (!(doc = ipm_rec_str(r, "doc")) || !(file = ipm_rec_str(r, "file")) ||
		    !(sha = ipm_rec_str(r, "sha256"))) {
			ipm_err(path, ipm_rec_line(r), "a sources row needs doc, file and sha256");
			continue;
		}
		v = ipm_realloc(v, (*n + 1) * sizeof *v);
		v[*n].doc = ipm_strndup(doc, strlen(doc));
		v[*n].file = ipm_strndup(file, strlen(file));
		v[*n].sha256 = ipm_strndup(sha, strlen(sha));
		v[*n].rejects = ipm_rec_long(r, "rejects", -1);
		(*n)++;
	}
	if (ipm_reader_nbad(rd))
		exit(IPM_EXIT_DATA);
	ipm_reader_close(rd);
	fclose(fp);
	return v;
}

static void options(int argc, char **argv, struct ipm_opts *o)
{
	static const struct option longopts[] = {
		{"format", required_argument, 0, 'f'}, {"outdir", required_argument, 0, 'o'},
		{"period", required_argument, 0, 'p'}, {"top", required_argument, 0, 'n'},
		{"prev", required_argument, 0, OPT_PREV}, {"templates", required_argument, 0, OPT_TEMPLATES},
		{"provinces", required_argument, 0, OPT_PROVINCES}, {"list-periods", no_argument, 0, OPT_LIST},
		{"sectors", required_argument, 0, OPT_SECTORS}, {"sources", required_argument, 0, OPT_SOURCES},
		IPM_CLI_LONGOPTS };
	int c;

	while ((c = getopt_long(argc, argv, "f:o:p:n:" IPM_CLI_SHORTOPTS, longopts, NULL)) != -1) {
		switch (c) {
		case 'f': fmt_name = optarg; break;
		case 'o': outdir = optarg; break;
		case 'p': period = optarg; break;
		case OPT_PREV: prev_file = optarg; break;
		case OPT_TEMPLATES: tpl_file = optarg; break;
		case OPT_PROVINCES: prov_file = optarg; break;
		case OPT_SOURCES: sources_file = optarg; break;
		case OPT_LIST: list_only = 1; break;
		case 'n':
			if (ipm_parse_long(optarg, 1, 100000, &top))
				ipm_usage_error("bad --top '%s'", optarg);
			break;
		case OPT_SECTORS:
			if (ipm_parse_long(optarg, 0, 13, &sectors))
				ipm_usage_error("bad --sectors '%s' (0..13)", optarg);
			break;
		default: ipm_cli_common(c, optarg, o, help);
		}
	}
	if (strcmp(fmt_name, "md") != 0 && strcmp(fmt_name, "html") != 0 && strcmp(fmt_name, "pdf") != 0)
		ipm_usage_error("bad --format '%s' (md, html or pdf)", fmt_name);
	if (outdir && strcmp(fmt_name, "pdf") == 0)
		ipm_usage_error("-f pdf writes one report to stdout: not with --outdir");
	if (period && !valid_period(period))
		ipm_usage_error("bad --period '%s' (YYYY-MM with a month 01-12, a book's id, or 'policies')", period);
}

int main(int argc, char **argv)
{
	struct ipm_opts o;
	struct ipm_render r = { IPM_RENDER_MD, 0, 0, NULL, NULL, 0, NULL, 0, NULL, NULL, NULL, 0, NULL, 0 };
	struct ipm_other *other = NULL;
	struct ipm_source *src = NULL;
	size_t nsrc = 0;
	ipm_digest **reports, *policy = NULL;
	const ipm_tally_ent **ids;
	size_t nrep = 0;
	char when[32];
	ipm_sentences *tpl;
	struct ipm_svg_tile *tiles;
	struct ipm_period *p, cur, prev;
	struct docs ds = { NULL, NULL, 0, 0 };
	ipm_digest *sel;
	ipm_rejects *rj;
	ipm_buf out = { 0 };
	char *tf, *pf;
	size_t i, np;
	int status = 0;

	ipm_init(argv[0]);
	argv[0] = (char *)ipm_progname();   /* getopt names the tool as we do */
	ipm_opts_init(&o, IPM_CLI_DATA);
	options(argc, argv, &o);
	tf = tpl_file ? ipm_strndup(tpl_file, strlen(tpl_file))
	              : ipm_data_path(ipm_opts_data_dir(&o, "sentences.tsv"), "sentences.tsv");
	pf = prov_file ? ipm_strndup(prov_file, strlen(prov_file))
	               : ipm_data_path(ipm_opts_data_dir(&o, "sentences.tsv"), "tiles.tsv");
	tpl = ipm_sentences_load(tf);
	tiles = tpl ? ipm_svg_tiles_load(pf, &r.ntiles) : NULL;
	free(tf);
	free(pf);
	if (!tiles) {
		ipm_sentences_free(tpl);
		return IPM_EXIT_DATA;
	}
	r.s = tpl;
	r.tiles = tiles;
	r.fmt = strcmp(fmt_name, "md") != 0 ? IPM_RENDER_HTML : IPM_RENDER_MD;
	r.top = top;
	r.prov_sectors = sectors;
	rj = ipm_rejects_open(o.rejects);
	ds.ids = ipm_tally_new();
	status |= read_docs(argc, argv, optind, &o, rj, &ds);
	/* monitoring reports make the periods; books and policy pages their own pages */
	reports = ipm_malloc((ds.n ? ds.n : 1) * sizeof *reports);
	other = ipm_calloc(ds.n + 1, sizeof *other);
	ids = ipm_tally_sorted(ds.ids, IPM_TALLY_BY_SEQ);
	for (i = 0; i < ds.n; i++) {
		enum ipm_doc_kind k = ipm_digest_kind(ds.d[i]);

		if (k == IPM_KIND_REPORT) {
			reports[nrep++] = ds.d[i];
		} else if (k == IPM_KIND_BOOK) {
			struct ipm_other *o = &other[r.nother++];

			snprintf(o->page, sizeof o->page, "book-%.50s", ids[i]->key);
			o->doc = ids[i]->key;
			o->kind = k;
			o->d = ds.d[i];
		} else {
			if (!policy)
				policy = ipm_digest_new();
			ipm_digest_merge(policy, ds.d[i]);
		}
	}
	if (policy) {
		snprintf(other[r.nother].page, sizeof other[r.nother].page, "policies");
		other[r.nother].kind = IPM_KIND_POLICY;
		other[r.nother++].d = policy;
	}
	r.other = other;
	generated_at(when, sizeof when);
	r.generated = when;
	if (sources_file)
		src = load_sources(sources_file, &nsrc);
	r.src = src;
	r.nsrc = nsrc;
	p = ipm_periods_group(reports, nrep, &np);
	sel = ipm_digest_new();
	for (i = 0; i < np; i++) {
		if (list_only && i == 0)
			printf("period\tstart\tend\trecords\tdocs\n");
		if (list_only)
			printf("%s\t%s\t%s\t%ld\t%zu\n", p[i].label, p[i].start, p[i].end,
			       p[i].d->total, ipm_tally_len(p[i].d->docs));
		else if (period && strcmp(period, p[i].label) == 0)
			ipm_digest_merge(sel, p[i].d);
	}
	for (i = 0; !period && i < ds.n; i++)   /* no -p: every record */
		ipm_digest_merge(sel, ds.d[i]);
	r.all = p;   /* several periods in the input: the report shows the trend */
	r.nall = np;
	if (outdir && !list_only) {
		if (mkdir(outdir, 0777) != 0 && errno != EEXIST)
			ipm_die(IPM_EXIT_DATA, "%s: cannot create:", outdir);
		status |= write_dir(&r, p, np) ? IPM_EXIT_DATA : 0;
	} else if (!list_only) {
		ipm_period_init(&cur, sel);
		if (period)
			snprintf(cur.label, sizeof cur.label, "%s", period);
		if (prev_file)
			ipm_period_init(&prev, read_prev(&o, rj, &status));
		ipm_render_report(&out, &r, &cur, prev_file ? &prev : NULL);
		if (strcmp(fmt_name, "pdf") == 0)
			status |= write_pdf(&out) ? IPM_EXIT_DATA : 0;
		else
			fwrite(out.s, 1, out.len, stdout);
		if (prev_file)
			ipm_digest_free(prev.d);
	}
	status = ipm_finish(NULL, rj, &o, status);
	for (i = 0; i < ds.n; i++)
		ipm_digest_free(ds.d[i]);
	free(ds.d);
	ipm_periods_free(p, np);
	ipm_digest_free(sel);
	ipm_digest_free(policy);
	free(other);
	free(reports);
	free(ids);
	ipm_tally_free(ds.ids);
	ipm_sentences_free(tpl);
	ipm_svg_tiles_free(tiles, r.ntiles);
	for (i = 0; i < nsrc; i++) {
		free(src[i].doc);
		free(src[i].file);
		free(src[i].sha256);
	}
	free(src);
	ipm_buf_free(&out);
	return status;
}
