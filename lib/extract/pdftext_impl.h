/* pdftext_impl: what the PDF-text files share: pdftext.c (regions, page
 * furniture, headings, table headers), pdfshape.c (the shape of a line:
 * dates, URLs, names, page numbers) and pdftable.c (table lines -> rows). */
#ifndef IPM_PDFTEXT_IMPL_H
#define IPM_PDFTEXT_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "core/blocks.h"
#include "core/dict.h"
#include "core/reject.h"
#include "core/util.h"
#include "lines.h"

#define REGION_MAX_LINES 20000
#define REGION_MAX_BYTES (4u << 20)
#define FURN_MAX 16
#define ESIG_MAX 256
#define GROUP_MAX_ITEMS 4096   /* items of one actor held before writing */
#define FULL_PCT 80          /* a line this % of the widest is "full" (wraps) */

enum { F_EMPTY = 1, F_BLANK = 2, F_FF = 4, F_FURN = 8, F_HDR = 16, F_CUT = 32 };
enum { R_NONE, R_ACTOR, R_ITEM, R_LINK };   /* roles of column header words */
enum { K_NONE, K_ACTOR, K_ITEM, K_URL };   /* piece kinds / columns */

typedef struct {
	size_t off, len;   /* raw line in the region buffer */
	long line;
	long name_line;    /* -layout: a centred name moved here was printed there */
	int flags;
} pl_line;

typedef struct {
	ipm_buf text;
	long line;
} pl_item;

typedef struct {
	ipm_buf actor;
	long actor_line;
	ipm_buf *more;     /* default order: further names printed before any item */
	long *more_lines;
	size_t nmore, capmore;
	pl_item *items;
	size_t nitems, capitems;
	ipm_buf *urls;
	long *url_lines;
	size_t nurls, capurls;
	long actor_last;   /* line of the newest actor fragment */
	int last;          /* kind of the last piece */
	int item_open;     /* the last item line wraps into the next */
} pl_group;

typedef struct {
	ipm_lines *in;
	ipm_blocks *out;
	ipm_rejects *rj;
	const char *name;
	int failed;
	ipm_buf raw;
	pl_line *v;
	size_t n, cap;
	/* paragraphs */
	ipm_buf para;
	long para_line;
	int maxw_para;
	/* tables */
	int ncols;         /* 0: not in a table */
	ipm_buf header;    /* the table header line, to drop repeats */
	int maxw_item;
	int layout;        /* -1 unknown, 0 flowed, 1 side by side (-layout) */
	int was_layout;    /* an earlier table of the document was side by side */
	long prev_line;    /* the table line before the current one */
	int row_break;     /* an empty line or page break since the last line */
	int gap;           /* default order: an empty line since the last table line */
	int names_moved;   /* -layout: centred names were moved to their rows' first lines */
	int pending;       /* -layout: a row may have begun at that break ... */
	size_t pending_url;/* ... and the URLs from this index on are its own */
	int split_open;    /* a row split off and still without a name ... */
	ipm_buf split_actor; /* ... else it continues this one */
	int col_item;      /* -layout: column where items start */
	int name_dated;    /* -layout: the name being read sits beside a dated item */
	long name_line;    /* -layout: the line the current line's name was printed on */
	int name_w, frag_w;/* -layout: widest name fragment of the table, the last one */
	int split_hdr;     /* the header came as separate words (default order) */
	int held;          /* default order: the group waits for its URLs, which */
	ipm_buf next_actor;/* may come after the next row's name (held here) */
	long next_actor_line;
	pl_group g;
	/* page furniture learnt from this document */
	char *furn[FURN_MAX];
	size_t nfurn;
	char *fsig[FURN_MAX];   /* shapes of running headers/footers (digits as #) */
	size_t nfsig;
	char *esig[ESIG_MAX];   /* shapes of page-edge lines of earlier regions */
	size_t nesig;
	long last_page;
	int warned;        /* the reading-order warning was given */
	ipm_buf tmp, tmp2;
	ipm_buf cell_items, cell_urls;   /* the row being written */
	const char *data_dir;   /* where columns.tsv is */
	ipm_table *colwords;    /* columns.tsv, read at the first need */
	int colwords_tried;
	const char *mark;  /* the bullet glyph that began the current line's item */
	size_t mark_len;
} pl_ctx;

/* ---- pdfshape.c ---- */

/* ---- characters ---- */
int pdf_ends_with_any(const char *s, size_t len, const char *const *set);
/* Strip leading bullets (and spaces after them); returns 1 if there was one. */
int pdf_strip_bullet(const char **s, size_t *len);
int pdf_digit(char ch);
extern const char *const pdf_terminal_punct[];
/* ---- line shapes ---- */
size_t pdf_skip_sp(const char *s, size_t len, size_t i);
size_t pdf_skip_digits(const char *s, size_t len, size_t i, size_t max);
/* A leading date "4 月 28 日", "2018 年 5 月 3 日", "3月12—15日", "4 月 22 日至 24 日".
 * Returns the byte length of the date, 0 if the text does not start with one. */
size_t pdf_date_lead(const char *s, size_t len);
/* A date that really starts an item (not "…将于 / 5 月 20 日起实施"). */
int pdf_date_starts_item(const char *s, size_t len);
/* Space-separated words, each made of URL characters. */
int pdf_urlish_words(const char *s, size_t len);
/* "2", "- 2 -", "第 2 页", "2 / 9": a page number; its value or -1. */
long pdf_page_number(const char *s, size_t len);
/* "1    中国信息通信研究院", "file:///x.html   1/2": a page number at the
 * start or end of a line, the rest a short name or one URL. */
int pdf_numbered_edge(const char *s, size_t len);
/* A short CJK name: no sentence punctuation, no digits ("、" may join names:
 * "中共中央、国务院"). */
int pdf_actor_like(const char *s, size_t len);
int pdf_has_leader(const char *s, size_t len);
/* Section heading: "一、…" / "【…】". Returns its level (2), 0 if none. */
int pdf_section_heading(const char *s, size_t len);
/* Sub-heading "1. 首届数字中国建设峰会". Level 3, or 0. */
int pdf_sub_heading(const char *s, size_t len);
/* Table header: 2-4 short CJK words such as "地区 相关政策 链接". Returns the
 * number of columns, 0 if not a header. */
int pdf_table_header(const char *s, size_t len);
/* The role of a line that is exactly one column header word ("链接"), else R_NONE. */
int pdf_column_word(pl_ctx *c, const char *s, size_t len);
/* ---- output ---- */
void pdf_out_fail(pl_ctx *c, int rc);
void pdf_drop(pl_ctx *c, long line, const char *why, const char *s, size_t len);
void pdf_para_flush(pl_ctx *c);

/* ---- pdftable.c ---- */

/* Segments of a -layout line: text runs split at 2+ spaces; col counts code
 * points, as pdftotext -layout places them. */
typedef struct {
	size_t off, len;
	int col;
} pl_seg;

#define SEG_MAX 16
size_t pdf_segments(const char *s, size_t len, pl_seg *seg, size_t max);
/* The column where items start in lines [from, to) (most common column of a
 * dated segment; counts text lines and lines with 2+ segments). */
int pdf_item_column(pl_ctx *c, size_t from, size_t to, size_t *lines, size_t *wide);
/* -layout names: a short fragment just left of the item column; a name glued
 * to its item by one space; the name-fragment width bookkeeping; does a
 * name end like one; does a fragment beside a dated item begin a new name. */
int pdf_short_frag(const pl_seg *seg, size_t n, int col, size_t len);
int pdf_glued_name(int col, const char *t, size_t tl, const char *sp);
void pdf_frag_width(pl_ctx *c, const char *s, size_t len);
int pdf_name_ends(const char *s, size_t len);
int pdf_name_done(const pl_ctx *c, const char *s, size_t len, const char *name, size_t nlen);

void pdf_group_emit(pl_ctx *c);
void pdf_group_free(pl_group *g);
/* Does a URL look finished (a file name or a query at its end)? */
int pdf_url_done(const ipm_buf *u);
/* Default reading order: a row's URLs, or the rest of its last item after a
 * page break, may be printed after the next row's name. So a name after items
 * holds the group: URLs go to it until it has one per item, item text without
 * a leading date continues its last item; a new item releases it. Returns 1
 * when the piece was taken here. */
void pdf_held_release(pl_ctx *c);
void pdf_table_line_flowed(pl_ctx *c, const char *s, size_t len, long line);
/* -raw: a name printed inside an open item (centred in its row) begins a
 * row that takes that item. */
void pdf_name_takes_item(pl_ctx *c, const char *name, size_t nlen, long line);
/* A line known to be a name (the next row's). */
void pdf_name_line(pl_ctx *c, const char *name, size_t nlen, long line);
/* Decide whether table lines sit side by side (-layout) and where items start. */
void pdf_layout_detect(pl_ctx *c, size_t from);

/* ---- pdfcentre.c ---- */

/* -layout: names printed mid-row (centred, rowspan) move to their row's
 * first line, so the table reads as one with top-aligned names. */
void pdf_layout_centred(pl_ctx *c, size_t from);
/* A new page of -layout text begins at line at: its own item column. */
void pdf_layout_page(pl_ctx *c, size_t at);
void pdf_table_line_layout(pl_ctx *c, const char *s, size_t len, long line);

#endif
