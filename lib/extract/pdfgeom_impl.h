/* pdfgeom_impl: what the PDF geometry files share. pdfgeom_trace.c reads
 * `mutool trace` XML (expat) into pages of glyph boxes and ruling lines;
 * pdfgeom_lines.c groups glyphs into printed lines and finds page furniture;
 * pdfgeom_table.c builds table rows from columns, rules and name cells;
 * pdfgeom.c runs mutool and walks the document (headings, paragraphs,
 * tables). Coordinates are PDF points, y growing down the page. */
#ifndef IPM_PDFGEOM_IMPL_H
#define IPM_PDFGEOM_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "core/blocks.h"
#include "core/dict.h"
#include "core/reject.h"
#include "core/util.h"

#define PG_MAX_PAGES 20000
#define PG_MAX_GLYPHS (1u << 24)   /* per document: a bound on memory */
#define PG_MAX_COLS 8

typedef struct {
	float x0, x1, y0, y1;   /* box */
	float base, size;       /* baseline, font size */
	uint32_t cp;            /* code point */
} pg_glyph;

typedef struct {
	float a0, a1, at;       /* from a0 to a1 along the rule, at at across */
} pg_rule;

typedef struct {
	size_t first, n;        /* the line's glyphs: page's order[first..first+n) */
	float x0, x1, y0, y1, base, size;
	long no;                /* printed line number over the document */
	int furn;               /* running header/footer, page number */
} pg_line;

typedef struct {
	float w, h;
	pg_glyph *g;
	size_t ng, capg;
	size_t *order;          /* glyph indexes in line order */
	pg_rule *hr, *vr;       /* horizontal (at = y), vertical (at = x) rules */
	size_t nhr, caphr, nvr, capvr;
	pg_line *ln;
	size_t nln, capln;
	size_t images;          /* images drawn (image-only pages have no glyphs) */
} pg_page;

typedef struct {
	pg_page *p;
	size_t np, capp;
	size_t nglyphs;
} pg_doc;

/* ---- pdfgeom_trace.c ---- */
typedef struct pg_trace pg_trace;
/* A parser filling doc (the caller's, zeroed). */
pg_trace *pg_trace_open(pg_doc *doc);
/* Feed bytes; 0, or -1 with a message in err (the caller's buffer). */
int pg_trace_feed(pg_trace *t, const char *s, size_t n, int last, ipm_buf *err);
void pg_trace_close(pg_trace *t);
void pg_doc_free(pg_doc *d);

/* ---- pdfgeom_lines.c ---- */
/* Group every page's glyphs into lines (order, ln), number them, and mark
 * running headers/footers and page numbers (furn). */
void pg_lines_build(pg_doc *d);
/* The text of glyphs order[from..to) of page p with spaces where the gaps
 * are, appended to b; x limits in [xa, xb) by glyph centre (all: -1e9, 1e9). */
void pg_text(const pg_page *p, size_t from, size_t to, float xa, float xb, ipm_buf *b);
/* A line's text split where the gaps are wider than gap em or a vertical
 * rule runs: fragment k's x0/x1 in x0v/x1v (up to max), texts "\t"-joined
 * in b. Returns the number of fragments. */
size_t pg_fragments(const pg_page *p, const pg_line *l, float gap, float *x0v, float *x1v,
                    size_t max, ipm_buf *b);
/* Append a wrapped line's text to b: a space only between two ASCII
 * letters or digits (a printed line breaks at a space there), else none. */
void pg_join(ipm_buf *b, const char *s, size_t n);
/* The width of what line l (glyphs in [xa, xb)) cannot break inside at
 * its start: an ASCII word, or a glyph with the closing marks after it. A
 * line above that stopped further than this from the edge broke at a
 * space. */
float pg_lead_width(const pg_page *p, const pg_line *l, float xa, float xb);
/* Joining line b to text a: is there a latin word at the seam (where a
 * printed line only breaks at a space), neither side a space already? */
int pg_latin_edge(const ipm_buf *a, const ipm_buf *b);
/* A vertical rule crossing the band y0..y1 between x0 and x1 of page p. */
int pg_vrule_between(const pg_page *p, float x0, float x1, float y0, float y1);

/* ---- pdfgeom_table.c ---- */
typedef struct pg_ctx pg_ctx;
struct pg_ctx {
	const pg_doc *d;
	ipm_blocks *out;
	ipm_rejects *rj;
	const char *name;
	int failed;
	ipm_table *colwords;      /* columns.tsv (may be NULL) */
	ipm_buf tmp, tmp2;
};
/* A table header: its cells (x extents, text) over nl lines (a header
 * cell may wrap, cells may sit at different heights). */
typedef struct {
	int ncol;
	size_t nl;
	float x0[PG_MAX_COLS], x1[PG_MAX_COLS], y0, y1;
	ipm_buf cell[PG_MAX_COLS];
} pg_hdr;
/* Is there a table header ("地区 相关政策 链接", the column words of
 * columns.tsv) at line li of page p? Its number of columns (2-PG_MAX_COLS)
 * with h filled, else 0. h is the caller's (zeroed once; pg_hdr_free). */
int pg_header(pg_ctx *c, const pg_page *p, size_t li, pg_hdr *h);
void pg_hdr_free(pg_hdr *h);
/* The table under header h (at line hl of page hp): its rows to c->out.
 * *np, *nl: where the document goes on (a page, a line of it). */
void pg_table(pg_ctx *c, size_t hp, size_t hl, const pg_hdr *h, size_t *np, size_t *nl);
void pg_put(pg_ctx *c, int rc);
void pg_drop(pg_ctx *c, long line, const char *why, const char *s, size_t n);

#endif
