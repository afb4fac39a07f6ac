#include "extract.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/utf8.h"
#include "core/util.h"
#include "html.h"
#include "htmldoc.h"
#include "pdfgeom.h"
#include "pdftext.h"
#include "text/zh.h"

static const char *const layout_names[] = {"auto", "markdown", "tsv", "pdf", "html", "text", "pdfgeom"};

const char *ipm_layout_name(enum ipm_layout l)
{
	return layout_names[l];
}

int ipm_layout_parse(const char *name, enum ipm_layout *l)
{
	size_t i;

	for (i = 0; i < sizeof layout_names / sizeof layout_names[0]; i++)
		if (strcmp(name, layout_names[i]) == 0) {
			*l = (enum ipm_layout)i;
			return 0;
		}
	return -1;
}


static int has_ci(const char *s, size_t n, const char *p)
{
	size_t l = strlen(p), i;

	for (i = 0; i + l <= n; i++)
		if (strncasecmp(s + i, p, l) == 0)
			return 1;
	return 0;
}

/* Column gaps of `pdftotext -layout`: a run of 3+ spaces between text. */
static int has_gap(const char *s, size_t n)
{
	size_t i, run = 0, lead = strspn(s, " ");

	for (i = lead; i < n; i++) {
		run = s[i] == ' ' ? run + 1 : 0;
		if (run >= 3 && i + 1 < n && s[i + 1] != ' ')
			return 1;
	}
	return 0;
}

enum ipm_layout ipm_layout_detect(ipm_lines *in)
{
	size_t k, n, nonblank = 0, bar = 0, hash = 0, tab = 0, trail = 0, gap = 0, ff = 0;
	const char *s;
	int html = 0;

	for (k = 0; k < IPM_DETECT_LINES && ipm_lines_peek(in, k, &s, &n, NULL) > 0; k++) {
		if (memchr(s, '\f', n))
			ff++;
		if (strspn(s, " \t\f") == n)
			continue;
		if (!nonblank && (ipm_pdfgeom_is_pdf(s, n) || ipm_pdfgeom_sniff(s, n)))
			return IPM_L_PDFGEOM;
		/* a saved page may start with <div class="wrap"> and have no <html> */
		if (!nonblank++ && ipm_htmldoc_sniff(s, n))
			html = 1;
		if (s[0] == '|' && n > 1 && memchr(s + 1, '|', n - 1))
			bar++;
		if (s[0] == '#' && (ipm_zh_starts(s, n, "# ") || ipm_zh_starts(s, n, "## ") || ipm_zh_starts(s, n, "### ") ||
		                    ipm_zh_starts(s, n, "#### ")))
			hash++;
		if (memchr(s, '\t', n))
			tab++;
		if (s[n - 1] == ' ')
			trail++;
		if (has_gap(s, n))
			gap++;
		if (has_ci(s, n < 200 ? n : 200, "<html") || has_ci(s, n < 200 ? n : 200, "<!doctype html") ||
		    has_ci(s, n < 200 ? n : 200, "<body"))
			html = 1;
	}
	if (html)
		return IPM_L_HTML;
	if (bar >= 3 || hash >= 2)
		return IPM_L_MARKDOWN;
	if (tab * 10 < nonblank && (ff || trail * 10 >= nonblank * 3 || gap * 5 >= nonblank))
		return IPM_L_PDF;
	if (tab >= 3)
		return IPM_L_TSV;
	return nonblank && (ff || trail * 10 >= nonblank * 3) ? IPM_L_PDF : IPM_L_TEXT;
}

/* ---- the line parser for markdown, tsv and text layouts ---- */

#define MAX_PARA (1 << 20)

struct xp {
	ipm_lines *in;
	ipm_blocks *out;
	enum ipm_layout layout;
	ipm_buf para, tmp, cells;
	long para_line;
	size_t last_len;        /* code points in the paragraph's last line */
	int blank;              /* a blank line since the paragraph's last line */
	long table_line;        /* line of the last markdown table line, or 0 */
	size_t *off, *len, *ends, ncell, capcell;
	const char **ptr;
	int err;
};

static void put(struct xp *x, int rc)
{
	if (rc != 0)
		x->err = 1;
}

static void flush_para(struct xp *x)
{
	if (x->para.len)
		put(x, ipm_blocks_para(x->out, x->para.s, x->para.len, x->para_line));
	ipm_buf_clear(&x->para);
	x->blank = 0;
}

static void add_cell(struct xp *x, const char *s, size_t n)
{
	if (x->ncell == x->capcell) {
		x->capcell = x->capcell ? x->capcell * 2 : 8;
		x->off = ipm_realloc(x->off, x->capcell * sizeof *x->off);
		x->len = ipm_realloc(x->len, x->capcell * sizeof *x->len);
		x->ptr = ipm_realloc(x->ptr, x->capcell * sizeof *x->ptr);
	}
	ipm_zh_trim(&s, &n);
	x->off[x->ncell] = x->cells.len;
	if (x->layout == IPM_L_MARKDOWN && memchr(s, '\\', n)) {
		size_t i;
		ipm_buf_clear(&x->tmp);
		for (i = 0; i < n; i++)   /* "\|" is a literal bar in a pipe table */
			if (!(s[i] == '\\' && i + 1 < n && s[i + 1] == '|'))
				ipm_buf_addc(&x->tmp, s[i]);
		ipm_html_text(x->tmp.s, x->tmp.len, &x->cells);
	} else {
		ipm_html_text(s, n, &x->cells);
	}
	x->len[x->ncell] = x->cells.len - x->off[x->ncell];
	x->ncell++;
}

static void emit_row(struct xp *x, long line, int header)
{
	size_t i;

	for (i = 0; i < x->ncell; i++)
		x->ptr[i] = x->cells.s ? x->cells.s + x->off[i] : "";
	if (header)
		put(x, ipm_blocks_header(x->out, x->ptr, x->len, x->ncell, line));
	else
		put(x, ipm_blocks_row(x->out, x->ptr, x->len, x->ncell, line));
	x->ncell = 0;
	ipm_buf_clear(&x->cells);
}

/* Split at sep (a '\\' before '|' escapes it in markdown). */
static void split_cells(struct xp *x, const char *s, size_t n, char sep)
{
	size_t i, start = 0;

	x->ncell = 0;
	ipm_buf_clear(&x->cells);
	for (i = 0; i <= n; i++)
		if (i == n || (s[i] == sep && !(sep == '|' && i > 0 && s[i - 1] == '\\'))) {
			add_cell(x, s + start, i - start);
			start = i + 1;
		}
}

static int md_separator(const char *s, size_t n)
{
	size_t i;

	if (n < 3 || s[0] != '|')
		return 0;
	for (i = 0; i < n; i++)
		if (!strchr("|-: \t", s[i]))
			return 0;
	return memchr(s, '-', n) != NULL;
}

static void md_row(struct xp *x, const char *s, size_t n)
{
	const char *nx;
	size_t nn;
	int header;

	long prev = x->table_line;

	x->table_line = ipm_lines_lineno(x->in);
	if (md_separator(s, n))
		return;
	/* a header is the first row of a table, with a rule under it */
	header = prev != x->table_line - 1 &&
	         ipm_lines_peek(x->in, 0, &nx, &nn, NULL) > 0 && md_separator(nx, nn);
	s++;
	n--;
	if (n && s[n - 1] == '|' && !(n > 1 && s[n - 2] == '\\'))
		n--;
	split_cells(x, s, n, '|');
	emit_row(x, ipm_lines_lineno(x->in), header);
}

static void heading(struct xp *x, int level, const char *s, size_t n)
{
	ipm_buf_clear(&x->tmp);
	ipm_html_text(s, n, &x->tmp);
	put(x, ipm_blocks_heading(x->out, level, x->tmp.s ? x->tmp.s : "", x->tmp.len,
	                          ipm_lines_lineno(x->in)));
}

/* Text of one line into the paragraph: tags stripped, item breaks joined. */
static void para_line(struct xp *x, const char *s, size_t n)
{
	size_t i, st = 0;

	ipm_buf_clear(&x->tmp);
	ipm_html_text(s, n, &x->tmp);
	if (!x->para.len)
		x->para_line = ipm_lines_lineno(x->in);
	for (i = 0; i <= x->tmp.len; i++)
		if (i == x->tmp.len || x->tmp.s[i] == '\n') {
			ipm_zh_join(&x->para, x->tmp.s + st, i - st);
			st = i + 1;
		}
	x->last_len = ipm_cp_count(s, n);
	x->blank = 0;
}

/* In text from PDFs a paragraph goes on over a blank line when its last line
 * was a full-width line cut mid-sentence. */
static int continues(const struct xp *x)
{
	if (!x->para.len)
		return 0;
	if (!x->blank || x->layout == IPM_L_MARKDOWN)
		return !x->blank;
	return x->last_len >= 25 && !ipm_zh_ends_clause(x->para.s, x->para.len) &&
	       !(x->para.len >= 3 && memcmp(x->para.s + x->para.len - 3, "！", 3) == 0);
}

static void line(struct xp *x, const char *raw, size_t rn)
{
	const char *s = raw;
	size_t n = rn, h;
	int lvl;

	ipm_zh_trim(&s, &n);
	if (!n) {
		if (x->layout == IPM_L_MARKDOWN)
			flush_para(x);
		x->blank = 1;
		return;
	}
	if (x->layout == IPM_L_MARKDOWN && s[0] == '#') {
		for (h = 0; h < n && s[h] == '#'; h++)
			;
		if (h <= 6 && h < n && s[h] == ' ') {
			flush_para(x);
			heading(x, (int)h, s + h, n - h);
			return;
		}
	}
	if (x->layout == IPM_L_MARKDOWN && s[0] == '|' && n > 1 && memchr(s + 1, '|', n - 1)) {
		flush_para(x);
		md_row(x, s, n);
		return;
	}
	if (memchr(raw, '\t', rn) && strspn(raw, " \t") < rn) {
		flush_para(x);
		while (rn && (raw[rn - 1] == ' '))
			rn--;
		split_cells(x, raw, rn, '\t');
		emit_row(x, ipm_lines_lineno(x->in), 0);
		return;
	}
	if ((lvl = ipm_zh_heading_level(s, n)) > 0) {
		flush_para(x);
		heading(x, lvl, s, n);
		return;
	}
	if (!continues(x) || x->para.len > MAX_PARA)
		flush_para(x);   /* (a paragraph is cut at MAX_PARA: bounded memory) */
	para_line(x, s, n);
}

static int parse_lines(ipm_lines *in, enum ipm_layout l, ipm_blocks *out)
{
	struct xp x;
	const char *s;
	size_t n;
	int rc = 0;

	memset(&x, 0, sizeof x);
	x.in = in;
	x.out = out;
	x.layout = l;
	while (!x.err && (rc = ipm_lines_next(in, &s, &n)) > 0)
		line(&x, s, n);
	flush_para(&x);
	ipm_buf_free(&x.para);
	ipm_buf_free(&x.tmp);
	ipm_buf_free(&x.cells);
	free(x.off);
	free(x.len);
	free(x.ptr);
	return x.err || rc < 0 ? -1 : 0;
}

int ipm_extract(ipm_lines *in, enum ipm_layout l, ipm_blocks *out, ipm_rejects *rj,
                const char *data_dir)
{
	const char *name;

	name = ipm_lines_name(in);
	if (l == IPM_L_AUTO && strlen(name) > 4 && strcasecmp(name + strlen(name) - 4, ".pdf") == 0)
		l = IPM_L_PDFGEOM;   /* a .pdf file is a PDF, or an error */
	if (l == IPM_L_AUTO)
		l = ipm_layout_detect(in);
	if (l == IPM_L_PDFGEOM)   /* writes its doc block once the whole PDF is read */
		return ipm_pdfgeom_blocks(in, out, rj, data_dir);
	name = ipm_lines_name(in);
	if (ipm_blocks_doc_file(out, ipm_layout_name(l), strcmp(name, "<stdin>") ? name : NULL, 1) != 0)
		return -1;
	switch (l) {
	case IPM_L_PDF:
		return ipm_pdftext_blocks(in, out, rj, data_dir);
	case IPM_L_HTML:
		return ipm_htmldoc_blocks(in, out, rj);
	default:
		return parse_lines(in, l, out);
	}
}
