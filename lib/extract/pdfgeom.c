/* pdfgeom: run `mutool trace` on a PDF (or read its XML), then walk the
 * document's printed lines: page furniture is rejected, table headers hand
 * over to pdfgeom_table.c, numbered titles become headings and the other
 * lines paragraphs. */
#include "pdfgeom.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/dict.h"
#include "core/util.h"
#include "pdfgeom_impl.h"
#include "text/zh.h"

extern char **environ;

int ipm_pdfgeom_sniff(const char *s, size_t n)
{
	return n >= 19 && memcmp(s, "<document filename=", 19) == 0;
}

int ipm_pdfgeom_is_pdf(const char *s, size_t n)
{
	return n >= 5 && memcmp(s, "%PDF-", 5) == 0;
}

/* ---- the walk ---- */

typedef struct {
	ipm_buf text;
	long line;
	size_t page;
	const pg_line *last;
} pg_para;

static void para_flush(pg_ctx *c, pg_para *pa)
{
	if (pa->text.len)
		pg_put(c, ipm_blocks_para(c->out, pa->text.s, pa->text.len, pa->line));
	ipm_buf_clear(&pa->text);
	pa->last = NULL;
}

/* Where the page's full lines end. */
static float right_edge(const pg_page *p)
{
	float r = 0;
	size_t i;

	for (i = 0; i < p->nln; i++)
		if (!p->ln[i].furn)
			r = fmaxf(r, p->ln[i].x1);
	return r;
}

/* The most common distance between the baselines of two lines of a page
 * (within 0.5 pt): the line pitch of paragraphs. */
static float doc_pitch(const pg_doc *d)
{
	float v[256], best = 0;
	size_t i, j, n = 0, kb = 0;

	for (i = 0; i < d->np && n < 256; i++)
		for (j = 1; j < d->p[i].nln && n < 256; j++) {
			const pg_line *a = &d->p[i].ln[j - 1], *b = &d->p[i].ln[j];
			float dd = b->base - a->base;
			if (fabsf(a->size - b->size) < 0.5f && dd > 0 && dd < 2.2f * b->size)
				v[n++] = dd;
		}
	for (i = 0; i < n; i++) {
		size_t k = 0;
		for (j = 0; j < n; j++)
			k += fabsf(v[j] - v[i]) <= 0.5f;
		if (k > kb || (k == kb && v[i] < best)) {
			kb = k;
			best = v[i];
		}
	}
	return best;
}

/* Does line l (page pi) go on with the paragraph? Not after a line that
 * stopped short of the edge with room for what starts l (CJK), nor after a
 * wider gap than the line pitch. */
static int para_goes_on(pg_ctx *c, const pg_para *pa, size_t pi, const pg_line *l, float pitch)
{
	const pg_doc *d = c->d;
	const pg_line *q = pa->last;

	if (!q || fabsf(q->size - l->size) > 0.6f)
		return 0;
	if (pa->page == pi && (pitch <= 0 || l->base - q->base <= pitch + 0.25f * l->size) &&
	    right_edge(&d->p[pi]) - q->x1 > pg_lead_width(&d->p[pi], l, -1e9f, 1e9f) + 0.3f * l->size &&
	    !pg_latin_edge(&pa->text, &c->tmp2))
		return 0;
	if (pa->page == pi)
		return l->y0 - q->y1 < 0.7f * l->size && l->y0 > q->y0 &&
		       (pitch <= 0 || l->base - q->base <= pitch + 0.25f * l->size);
	/* over a page break: a line that ran to the right edge */
	return pi == pa->page + 1 && q->x1 > d->p[pa->page].w * 0.8f &&
	       !ipm_zh_ends_clause(pa->text.s, pa->text.len);
}

static void walk(pg_ctx *c)
{
	const pg_doc *d = c->d;
	pg_para pa;
	pg_hdr hdr;
	size_t pi = 0, li = 0;
	float pitch;

	memset(&pa, 0, sizeof pa);
	memset(&hdr, 0, sizeof hdr);
	pitch = doc_pitch(d);
	while (pi < d->np && !c->failed) {
		const pg_page *p = &d->p[pi];
		const pg_line *l;
		int lvl;
		if (li >= p->nln) {
			pi++;
			li = 0;
			continue;
		}
		l = &p->ln[li];
		ipm_buf_clear(&c->tmp2);
		pg_text(p, l->first, l->first + l->n, -1e9f, 1e9f, &c->tmp2);
		if (l->furn) {
			pg_drop(c, l->no, "pdf: page furniture", c->tmp2.s, c->tmp2.len);
			li++;
			continue;
		}
		if (pg_header(c, p, li, &hdr)) {
			para_flush(c, &pa);
			pg_table(c, pi, li, &hdr, &pi, &li);
			continue;
		}
		if ((lvl = ipm_zh_heading_level(c->tmp2.s, c->tmp2.len)) > 0) {
			para_flush(c, &pa);
			pg_put(c, ipm_blocks_heading(c->out, lvl, c->tmp2.s, c->tmp2.len, l->no));
			li++;
			continue;
		}
		if (!para_goes_on(c, &pa, pi, l, pitch))
			para_flush(c, &pa);
		if (!pa.text.len)
			pa.line = l->no;
		else if (right_edge(p) - pa.last->x1 > pg_lead_width(p, l, -1e9f, 1e9f) + 0.1f * l->size &&
		         pg_latin_edge(&pa.text, &c->tmp2))
			ipm_buf_addc(&pa.text, ' ');   /* the line broke at a space */
		pg_join(&pa.text, c->tmp2.s, c->tmp2.len);
		pa.last = l;
		pa.page = pi;
		li++;
	}
	para_flush(c, &pa);
	ipm_buf_free(&pa.text);
	pg_hdr_free(&hdr);
}

static int run_doc(pg_doc *d, const char *name, const char *file, ipm_blocks *out, ipm_rejects *rj,
                   const char *data_dir, int quiet)
{
	pg_ctx c;
	size_t i, images = 0;

	if (!d->nglyphs) {
		for (i = 0; i < d->np; i++)
			images += d->p[i].images;
		if (!quiet)
			ipm_err(name, 0, d->np == 0 ? "no pages (not a PDF, or damaged)" :
			        images ? "no text, only images (a scanned PDF? run OCR first)" :
			        "no text in the PDF");
		return -1;
	}
	pg_lines_build(d);
	memset(&c, 0, sizeof c);
	c.d = d;
	c.out = out;
	c.rj = rj;
	c.name = name;
	if (data_dir)
		c.colwords = ipm_table_load(data_dir, "columns.tsv");
	else if (!quiet)
		ipm_err(name, 0, "warning: columns.tsv not found (set IPM_DATA): tables are read as paragraphs");
	if (ipm_blocks_doc_file(out, "pdfgeom", file, 1) != 0)
		c.failed = 1;
	walk(&c);
	if (c.colwords)
		ipm_table_free(c.colwords);
	ipm_buf_free(&c.tmp);
	ipm_buf_free(&c.tmp2);
	return c.failed ? -1 : 0;
}

int ipm_pdfgeom_mem(const char *buf, size_t len, ipm_blocks *out, ipm_rejects *rj,
                    const char *data_dir)
{
	pg_doc d;
	pg_trace *t;
	ipm_buf err = { 0 };
	int rc;

	memset(&d, 0, sizeof d);
	t = pg_trace_open(&d);
	rc = pg_trace_feed(t, buf, len, 1, &err);
	pg_trace_close(t);
	if (rc == 0)
		rc = run_doc(&d, "<mem>", NULL, out, rj, data_dir, 1);
	pg_doc_free(&d);
	ipm_buf_free(&err);
	return rc;
}

/* The first "error:" line mutool wrote (or its last line). */
static void child_error(FILE *f, ipm_buf *msg)
{
	ipm_buf b = { 0 };

	ipm_buf_clear(msg);
	rewind(f);
	while (ipm_getline(f, &b) > 0) {
		while (b.len && (b.s[b.len - 1] == '\n' || b.s[b.len - 1] == '\r'))
			b.len--;
		if (!b.len)
			continue;
		if (b.len >= 6 && memcmp(b.s, "error:", 6) == 0) {
			ipm_buf_clear(msg);
			ipm_buf_add(msg, b.s, b.len);
			break;
		}
		if (!(b.len >= 8 && memcmp(b.s, "warning:", 8) == 0)) {
			ipm_buf_clear(msg);
			ipm_buf_add(msg, b.s, b.len);
		}
	}
	ipm_buf_addc(msg, '\0');
	msg->len--;
	ipm_buf_free(&b);
}

/* mutool trace FILE -> d. Returns 0, or -1 after a message. */
static int trace_file(const char *path, pg_doc *d)
{
	const char *tool = getenv("IPM_MUTOOL");
	char *argv[4];
	posix_spawn_file_actions_t fa;
	FILE *errf = tmpfile(), *rd;
	int fd[2], st = 0, rc = 0, sp;
	pid_t pid;
	pg_trace *t;
	ipm_buf err = { 0 }, chunk = { 0 };
	size_t n;

	if (!tool || !*tool)
		tool = "mutool";
	if (!errf || pipe(fd) != 0) {
		ipm_err(path, 0, "cannot run %s:", tool);
		if (errf)
			fclose(errf);
		return -1;
	}
	argv[0] = (char *)tool;
	argv[1] = "trace";
	argv[2] = (char *)path;
	argv[3] = NULL;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fd[1], 1);
	posix_spawn_file_actions_adddup2(&fa, fileno(errf), 2);
	posix_spawn_file_actions_addclose(&fa, fd[0]);
	posix_spawn_file_actions_addclose(&fa, fd[1]);
	sp = posix_spawnp(&pid, tool, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fd[1]);
	if (sp != 0) {
		close(fd[0]);
		fclose(errf);
		ipm_err(path, 0, "cannot run %s (install mupdf-tools, or set IPM_MUTOOL): %s", tool, strerror(sp));
		return -1;
	}
	rd = fdopen(fd[0], "r");
	if (!rd)
		ipm_die(1, "fdopen:");
	t = pg_trace_open(d);
	ipm_buf_reserve(&chunk, 1 << 16);
	while ((n = fread(chunk.s, 1, 1 << 16, rd)) > 0)
		if (rc == 0 && pg_trace_feed(t, chunk.s, n, 0, &err) != 0)
			rc = -1;   /* keep reading: the child must not block */
	if (rc == 0 && pg_trace_feed(t, "", 0, 1, &err) != 0)
		rc = -1;
	fclose(rd);
	pg_trace_close(t);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		child_error(errf, &err);
		if (WIFEXITED(st) && WEXITSTATUS(st) == 127)
			ipm_err(path, 0, "cannot run %s (install mupdf-tools, or set IPM_MUTOOL)", tool);
		else
			ipm_err(path, 0, "not a readable PDF (%s trace: %s)", tool,
			        err.len ? err.s : WIFSIGNALED(st) ? strsignal(WTERMSIG(st)) : "failed");
		rc = -2;
	} else if (rc != 0) {
		ipm_err(path, 0, "unexpected %s trace output: %s", tool, err.s);
	} else {
		/* MuPDF repairs what it can; a damaged file is still an error */
		child_error(errf, &err);
		if (err.len && (strstr(err.s, "error:") == err.s)) {
			ipm_err(path, 0, "damaged PDF (%s trace: %s)", tool, err.s);
			rc = -1;
		}
	}
	fclose(errf);
	ipm_buf_free(&err);
	ipm_buf_free(&chunk);
	return rc ? -1 : 0;
}

int ipm_pdfgeom_blocks(ipm_lines *in, ipm_blocks *out, ipm_rejects *rj, const char *data_dir)
{
	const char *name = ipm_lines_name(in), *s;
	size_t n;
	pg_doc d;
	int rc = 0, r;

	memset(&d, 0, sizeof d);
	if (ipm_lines_peek(in, 0, &s, &n, NULL) > 0 && ipm_pdfgeom_is_pdf(s, n)) {
		if (strcmp(name, "<stdin>") == 0 || strcmp(name, "-") == 0) {
			ipm_err(name, 0, "a PDF on standard input: name the file (ipm-extract FILE.pdf) "
			        "or pipe `mutool trace FILE.pdf`");
			return -1;
		}
		rc = trace_file(name, &d);
	} else if (ipm_lines_peek(in, 0, &s, &n, NULL) > 0 && n && !ipm_pdfgeom_sniff(s, n) && s[0] != '<') {
		ipm_err(name, 0, "not a PDF (no %%PDF- header) nor mutool trace output");
		return -1;
	} else {
		pg_trace *t = pg_trace_open(&d);
		ipm_buf err = { 0 };
		while (rc == 0 && (r = ipm_lines_next(in, &s, &n)) > 0)
			if (pg_trace_feed(t, s, n, 0, &err) != 0 || pg_trace_feed(t, "\n", 1, 0, &err) != 0)
				rc = -1;
		if (rc == 0 && r < 0)
			rc = -1;
		else if (rc == 0 && pg_trace_feed(t, "", 0, 1, &err) != 0)
			rc = -1;
		if (rc && err.len)
			ipm_err(name, 0, "%s", err.s);
		pg_trace_close(t);
		ipm_buf_free(&err);
	}
	if (rc == 0)
		rc = run_doc(&d, name, strcmp(name, "<stdin>") ? name : NULL, out, rj, data_dir, 0);
	pg_doc_free(&d);
	return rc;
}
