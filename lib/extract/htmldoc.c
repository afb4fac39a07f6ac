/* htmldoc: a whole HTML page -> blocks, streaming one character at a time
 * through a small state machine (text, tag, comment, raw-text skip), so
 * tags and text may span lines; memory is one tag, one paragraph and one
 * table row. */
#include "htmldoc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html.h"
#include "text/zh.h"

#define MAX_CELLS 256
#define MAX_TAG 4096      /* longer tags are cut: only their name and class matter */
#define MAX_ROWSPAN 65534 /* HTML's own limit */

/* A cell of an outer table with rowspan > 1: its text fills its column in
 * the rows below, `rem` more of them. */
struct span {
	char *text;
	unsigned rem;
};

enum st { S_TEXT, S_TAG, S_COMMENT };

struct hd {
	ipm_blocks *out;
	ipm_lines *in;
	enum st st;
	ipm_buf tag, text, ent;
	long text_line, line;
	int skip_depth;          /* > 0: inside script/style/nav… */
	char skip_name[16];
	int heading;             /* open <hN>: N */
	int table_depth, in_cell;
	int cell_html;           /* the open cell is gathered as HTML source */
	char *cells[MAX_CELLS];
	size_t ncells;
	unsigned cell_rows, cell_cols;   /* the open cell's rowspan, colspan */
	struct span spans[MAX_CELLS];    /* by column, in the outer table */
	long row_line;
	int failed;
};

static int tag_is(const char *name, const char *const *set)
{
	for (; *set; set++)
		if (!strcmp(name, *set))
			return 1;
	return 0;
}

static const char *const skip_tags[] = {
	"script", "style", "noscript", "head", "nav", "select", "iframe", "header", "footer",
	"textarea", "svg", NULL
};
static const char *const para_tags[] = {
	"p", "div", "li", "ul", "ol", "section", "article", "center", "blockquote", "dd", "dt",
	"dl", "form", "main", "aside", "pre", "body", "html", "h1", "h2", "h3", "h4", "h5", "h6",
	NULL
};

/* The value of attribute a (e.g. "href=") in a tag's text, into out. */
static int attr(const char *t, const char *a, ipm_buf *out)
{
	const char *p = t;
	size_t k = strlen(a);

	while ((p = strstr(p, a)) != NULL) {
		const char *q = p + k, *e;
		char quote;
		if (p > t && p[-1] != ' ') {
			p = q;
			continue;
		}
		quote = (*q == '"' || *q == '\'') ? *q++ : ' ';
		e = strchr(q, quote);
		if (!e)
			e = q + strlen(q);
		ipm_buf_clear(out);
		ipm_buf_add(out, q, (size_t)(e - q));
		return 1;
	}
	return 0;
}

/* A class or id naming navigation or page furniture. */
static int furniture_attr(const char *attrs, const char *name)
{
	static const char *const words[] = {
		"nav", "menu", "breadcrumb", "footer", "share", "toolbar", NULL
	};
	ipm_buf v = { 0 };
	size_t i;
	int hit = 0;

	if (attr(attrs, name, &v))
		for (i = 0; words[i] && !hit; i++)
			hit = strstr(v.s ? v.s : "", words[i]) != NULL;
	ipm_buf_free(&v);
	return hit;
}

static int furniture(const char *attrs)
{
	return furniture_attr(attrs, "class=") || furniture_attr(attrs, "id=");
}

/* Emit the text gathered since the last block boundary as a para/heading,
 * or keep it for the open table cell. */
static void flush_text(struct hd *h)
{
	const char *s = h->text.s;
	size_t n = h->text.len;

	if (!n)
		return;
	ipm_zh_trim(&s, &n);
	if (n && !h->failed) {
		ipm_buf j = {0};
		int rc, lv;
		size_t i = 0, st = 0;
		/* <br> pieces of a paragraph join like wrapped lines */
		for (i = 0; i <= n; i++)
			if (i == n || s[i] == '\n') {
				const char *p = s + st;
				size_t k = i - st;
				ipm_zh_trim(&p, &k);
				ipm_zh_join(&j, p, k);
				st = i + 1;
			}
		/* a paragraph that is a numbered sub-title ("1. …峰会") is a heading,
		 * as in every text layout */
		lv = h->heading ? h->heading : ipm_zh_heading_level(j.s ? j.s : "", j.len);
		rc = lv >= (h->heading ? 1 : 3) ? ipm_blocks_heading(h->out, lv, j.s, j.len, h->text_line)
		                               : ipm_blocks_para(h->out, j.s, j.len, h->text_line);
		ipm_buf_free(&j);
		if (rc != 0)
			h->failed = 1;
	}
	ipm_buf_clear(&h->text);
}

static void add_text(struct hd *h, const char *s, size_t n)
{
	if (h->skip_depth || !n)
		return;
	if (!h->text.len) {
		if (n == 1 && s[0] == ' ')
			return;
		h->text_line = h->line;
	}
	if (n == 1 && s[0] == ' ' && h->text.len && h->text.s[h->text.len - 1] == ' ')
		return;
	ipm_buf_add(&h->text, s, n);
}

/* Cells of the rows above that span into this row, at the next column. */
static void fill_spans(struct hd *h)
{
	struct span *sp;

	if (h->table_depth != 1)
		return;
	while (h->ncells < MAX_CELLS && (sp = &h->spans[h->ncells])->rem > 0) {
		sp->rem--;
		h->cells[h->ncells++] = ipm_strndup(sp->text, strlen(sp->text));
		if (!sp->rem) {
			free(sp->text);
			sp->text = NULL;
		}
	}
}

static int spans_open(const struct hd *h)
{
	size_t i;

	for (i = 0; i < MAX_CELLS; i++)
		if (h->spans[i].rem)
			return 1;
	return 0;
}

static void clear_spans(struct hd *h)
{
	size_t i;

	for (i = 0; i < MAX_CELLS; i++) {
		free(h->spans[i].text);
		h->spans[i].text = NULL;
		h->spans[i].rem = 0;
	}
}

/* A cell's text goes into every column it spans (colspan), and is kept for
 * the rows below it spans (rowspan). */
static void place_cell(struct hd *h, const char *s, size_t n)
{
	unsigned k;

	fill_spans(h);
	for (k = 0; k < h->cell_cols && h->ncells < MAX_CELLS; k++) {
		if (h->cell_rows > 1) {
			struct span *sp = &h->spans[h->ncells];
			free(sp->text);
			sp->text = ipm_strndup(s, n);
			sp->rem = h->cell_rows - 1;
		}
		h->cells[h->ncells++] = ipm_strndup(s, n);
	}
}

/* rowspan= or colspan= of a cell's tag: 1 when absent or not a number;
 * rowspan="0" (to the end of the table) is taken as the limit. */
static unsigned span_attr(const char *t, const char *a, unsigned max)
{
	ipm_buf v = {0}, low = {0};
	unsigned long k = 1;
	char *e;
	size_t i;

	for (i = 0; t[i]; i++)   /* ROWSPAN=2 as well */
		ipm_buf_addc(&low, (char)tolower((unsigned char)t[i]));
	if (attr(low.s ? low.s : "", a, &v) && v.len) {
		k = strtoul(v.s, &e, 10);
		if (e == v.s)
			k = 1;
		else if (k == 0 && !strcmp(a, "rowspan="))
			k = max;
		else if (k == 0)
			k = 1;
	}
	ipm_buf_free(&v);
	ipm_buf_free(&low);
	return k > max ? max : (unsigned)k;
}

/* A data cell's text was gathered as HTML source (tags and entities kept),
 * so the Markdown path's cell rules apply: <p> <li> <br> <div> items joined
 * by "\n", entities decoded, <a href> targets kept. */
static void end_cell(struct hd *h)
{
	ipm_buf t = {0};
	const char *s;
	size_t n;

	if (!h->in_cell)
		return;
	h->in_cell = 0;
	if (h->cell_html)
		ipm_html_text(h->text.s ? h->text.s : "", h->text.len, &t);
	else
		ipm_buf_add(&t, h->text.s, h->text.len);
	h->cell_html = 0;
	s = t.s;
	n = t.len;
	ipm_zh_trim(&s, &n);
	place_cell(h, s ? s : "", n);
	ipm_buf_free(&t);
	ipm_buf_clear(&h->text);
}

/* A label cell: "发文机关：", "标　　题：" (full-width or ASCII colon). */
static int label_len(const char *s, size_t *klen)
{
	size_t n = strlen(s);

	if (n >= 3 && !memcmp(s + n - 3, "\xEF\xBC\x9A", 3))
		n -= 3;
	else if (n >= 1 && s[n - 1] == ':')
		n -= 1;
	else
		return 0;
	*klen = n;
	return n > 0 && n <= 40;
}

static void end_row(struct hd *h)
{
	size_t i, k, any = 0, pairs = 0;
	ipm_buf key = {0};

	end_cell(h);
	fill_spans(h);
	for (i = 0; i < h->ncells; i++)
		if (h->cells[i][0])
			any++;
	for (i = 0; i + 1 < h->ncells; i += 2)
		if (label_len(h->cells[i], &k))
			pairs++;
	if (any && pairs && pairs * 2 >= (h->ncells + 1) / 2 * 1) {
		for (i = 0; i + 1 < h->ncells && !h->failed; i += 2) {
			if (!label_len(h->cells[i], &k))
				continue;
			ipm_buf_clear(&key);
			ipm_zh_squeeze(h->cells[i], k, &key);
			if (key.len && ipm_blocks_meta(h->out, key.s, h->cells[i + 1],
			                               strlen(h->cells[i + 1]), h->row_line) != 0)
				h->failed = 1;
		}
	} else if (any && !h->failed) {
		const char *c[MAX_CELLS];
		size_t l[MAX_CELLS];
		for (i = 0; i < h->ncells; i++) {
			c[i] = h->cells[i];
			l[i] = strlen(h->cells[i]);
		}
		if (ipm_blocks_row(h->out, c, l, h->ncells, h->row_line) != 0)
			h->failed = 1;
	}
	ipm_buf_free(&key);
	for (i = 0; i < h->ncells; i++)
		free(h->cells[i]);
	h->ncells = 0;
	h->row_line = 0;
}

/* <link rel="canonical" href=…> or <meta property="og:url" content=…>:
 * the page's own address, as a "url" meta block. */
static void own_url(struct hd *h, const char *name, const char *t)
{
	ipm_buf v = {0};

	if ((!strcmp(name, "link") && strstr(t, "canonical") && attr(t, "href=", &v)) ||
	    (!strcmp(name, "meta") && strstr(t, "og:url") && attr(t, "content=", &v))) {
		if (v.len && !h->failed && ipm_blocks_meta(h->out, "url", v.s, v.len, h->line) != 0)
			h->failed = 1;
	}
	ipm_buf_free(&v);
}

/* The tag in h->tag (without '<' '>'): update the state. */
static void on_tag(struct hd *h)
{
	char name[16];
	const char *t = h->tag.s ? h->tag.s : "";
	size_t i = 0;
	int close = 0;

	if (*t == '/') {
		close = 1;
		t++;
	}
	while (*t && i < sizeof name - 1 && (isalnum((unsigned char)*t)))
		name[i++] = (char)tolower((unsigned char)*t++);
	name[i] = '\0';
	if (!i)
		return;
	if (!close && (!strcmp(name, "link") || !strcmp(name, "meta")))
		own_url(h, name, t);
	if (h->skip_depth) {
		size_t tl = strlen(t);
		if (!strcmp(name, h->skip_name))
			h->skip_depth += close ? -1 : (tl && t[tl - 1] == '/') ? 0 : 1;
		return;
	}
	if (!close && (tag_is(name, skip_tags) || (!strcmp(name, "div") && furniture(t)))) {
		if (!h->cell_html)
			flush_text(h);
		snprintf(h->skip_name, sizeof h->skip_name, "%s", name);
		h->skip_depth = 1;
		return;
	}
	if (h->cell_html && strcmp(name, "td") && strcmp(name, "th") && strcmp(name, "tr") &&
	    strcmp(name, "table")) {
		/* keep the tag for ipm_html_text() at the end of the cell */
		add_text(h, "<", 1);
		add_text(h, h->tag.s, h->tag.len);
		add_text(h, ">", 1);
		return;
	}
	if (!strcmp(name, "br")) {
		add_text(h, "\n", 1);
		return;
	}
	if (!strcmp(name, "td") || !strcmp(name, "th")) {
		if (h->table_depth == 0)
			return;
		if (close) {
			if (h->in_cell)
				end_cell(h);
		} else {
			end_cell(h);
			flush_text(h);
			h->in_cell = 1;
			/* a table inside a table is page layout (gov.cn puts the
			 * whole body in one): its block text stays paragraphs */
			h->cell_html = h->table_depth == 1;
			h->cell_rows = h->cell_html ? span_attr(t, "rowspan=", MAX_ROWSPAN) : 1;
			h->cell_cols = h->cell_html ? span_attr(t, "colspan=", MAX_CELLS) : 1;
			if (!h->row_line)
				h->row_line = h->line;   /* a cell without <tr> */
		}
		return;
	}
	if (!strcmp(name, "tr")) {
		if (h->in_cell)
			end_cell(h);
		if (h->ncells || (close && h->table_depth == 1 && spans_open(h)))
			end_row(h);
		if (!close)
			h->row_line = h->line;
		return;
	}
	if (!strcmp(name, "table")) {
		if (h->in_cell)
			end_cell(h);
		if (h->ncells)
			end_row(h);
		flush_text(h);
		h->table_depth += close ? (h->table_depth > 0 ? -1 : 0) : 1;
		if (h->table_depth == (close ? 0 : 1))
			clear_spans(h);   /* spans end with their table */
		return;
	}
	if (tag_is(name, para_tags)) {
		if (h->in_cell) {
			/* block text in a layout cell: a paragraph of its own */
			if (h->text.len)
				flush_text(h);
			return;
		}
		flush_text(h);
		if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && !name[2])
			h->heading = close ? 0 : name[1] - '0';
	}
}

static void feed(struct hd *h, const char *s, size_t n)
{
	size_t i = 0, k;

	while (i < n) {
		char c = s[i];
		switch (h->st) {
		case S_TEXT:
			if (c == '<' && i + 1 < n && (isalpha((unsigned char)s[i + 1]) || s[i + 1] == '/' ||
			                               s[i + 1] == '!')) {
				if (i + 3 < n && !strncmp(s + i, "<!--", 4)) {
					h->st = S_COMMENT;
					i += 4;
					continue;
				}
				h->st = S_TAG;
				ipm_buf_clear(&h->tag);
				i++;
				continue;
			}
			if (c == '&' && !h->cell_html) {   /* a data cell decodes its own */
				ipm_buf_clear(&h->ent);
				k = ipm_html_entity(s + i, n - i, &h->ent);
				if (k) {
					if (h->ent.len == 2 && !memcmp(h->ent.s, "\xC2\xA0", 2))
						add_text(h, " ", 1);
					else
						add_text(h, h->ent.s, h->ent.len);
					i += k;
					continue;
				}
			}
			if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
				add_text(h, " ", 1);
			else
				add_text(h, s + i, 1);
			i++;
			break;
		case S_TAG:
			if (c == '>') {
				h->st = S_TEXT;
				on_tag(h);
			} else if (h->tag.len < MAX_TAG) {
				ipm_buf_addc(&h->tag, c == '\n' || c == '\t' ? ' ' : c);
			}
			i++;
			break;
		case S_COMMENT:
			if (c == '-' && i + 2 < n && s[i + 1] == '-' && s[i + 2] == '>') {
				h->st = S_TEXT;
				i += 3;
			} else {
				i++;
			}
			break;
		}
	}
}

int ipm_htmldoc_sniff(const char *s, size_t n)
{
	static const char *const starts[] = {
		"<html", "<!doctype html", "<body", "<div", "<table", "<head", "<meta", "<p>", "<p ", NULL
	};
	size_t i, k;

	while (n && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')) {
		s++;
		n--;
	}
	for (i = 0; starts[i]; i++) {
		k = strlen(starts[i]);
		if (n >= k && !strncasecmp(s, starts[i], k))
			return 1;
	}
	return 0;
}

int ipm_htmldoc_blocks(ipm_lines *in, ipm_blocks *out, ipm_rejects *rj)
{
	struct hd h;
	const char *s;
	size_t len, i;
	int rc;

	(void)rj;
	memset(&h, 0, sizeof h);
	h.out = out;
	h.in = in;
	while ((rc = ipm_lines_next(in, &s, &len)) > 0 && !h.failed) {
		h.line = ipm_lines_lineno(in);
		feed(&h, s, len);
		feed(&h, "\n", 1);
	}
	if (h.in_cell)
		end_cell(&h);
	if (h.ncells)
		end_row(&h);
	flush_text(&h);
	for (i = 0; i < h.ncells; i++)
		free(h.cells[i]);
	clear_spans(&h);
	ipm_buf_free(&h.tag);
	ipm_buf_free(&h.text);
	ipm_buf_free(&h.ent);
	return rc < 0 || h.failed ? -1 : 0;
}
