/* blocks: the layout blocks that ipm-extract writes and ipm-rows reads
 * (the contract between them; ipm-formats(5) documents it):
 *   {"type":"doc","layout":"markdown|tsv|pdf|html|text","line":1}  (+ "file"
 *   when the input was a named file: ipm-rows takes the doc id from it)
 *   {"type":"heading","level":N,"text":"…","line":L}
 *   {"type":"para","text":"…","line":L}
 *   {"type":"row","cells":["…",…],"line":L}   items in a cell split by "\n"
 *   {"type":"meta","key":"…","value":"…","line":L}
 * The writer side (ipm_blocks) builds each block in a reused record and hands
 * it to a callback; the reader side (ipm_bsrc) reads blocks with a bounded
 * lookahead so ipm-rows can detect the document kind and still stream. */
#ifndef IPM_BLOCKS_H
#define IPM_BLOCKS_H

#include <stddef.h>

#include "read.h"
#include "rec.h"
#include "util.h"
#include "write.h"

enum ipm_btype { IPM_B_OTHER = 0, IPM_B_DOC, IPM_B_HEADING, IPM_B_PARA, IPM_B_ROW, IPM_B_META };

/* ---- writing blocks ---- */
typedef struct ipm_blocks ipm_blocks;

/* put() receives each block (valid only during the call) and returns 0, or
 * -1 on a write error (then every later call returns -1 too). */
ipm_blocks *ipm_blocks_open(int (*put)(void *ctx, const ipm_rec *block), void *ctx);
/* A sink writing through an ipm_writer (the writer stays the caller's). */
ipm_blocks *ipm_blocks_open_writer(ipm_writer *w);
void ipm_blocks_close(ipm_blocks *b);
/* Each returns 0, or -1 after a write error. Text is copied. */
int ipm_blocks_doc(ipm_blocks *b, const char *layout, long line);
/* The doc block with the input's file name (NULL: none). */
int ipm_blocks_doc_file(ipm_blocks *b, const char *layout, const char *file, long line);
int ipm_blocks_heading(ipm_blocks *b, int level, const char *text, size_t len, long line);
int ipm_blocks_para(ipm_blocks *b, const char *text, size_t len, long line);
int ipm_blocks_row(ipm_blocks *b, const char *const *cells, const size_t *lens,
                   size_t n, long line);
/* A row whose pieces come from different source lines (PDF text): lines
 * holds the line of every "\n"-separated piece of every cell, in cell order
 * (an empty cell is one piece), written as "lines". */
int ipm_blocks_row_lines(ipm_blocks *b, const char *const *cells, const size_t *lens,
                         size_t n, long line, const long *lines, size_t nlines);
/* A table header row: like a row, with "header":true. */
int ipm_blocks_header(ipm_blocks *b, const char *const *cells, const size_t *lens,
                      size_t n, long line);
int ipm_blocks_meta(ipm_blocks *b, const char *key, const char *value, size_t vlen, long line);
size_t ipm_blocks_count(const ipm_blocks *b);   /* blocks written */


/* ---- reading blocks ---- */
typedef struct ipm_bsrc ipm_bsrc;

/* Reads blocks from rd (which stays the caller's). */
ipm_bsrc *ipm_bsrc_open(ipm_reader *rd);
/* Next block: 1 with *b set (valid until the next next() call), 0 at end,
 * -1 on an I/O error. */
int ipm_bsrc_next(ipm_bsrc *s, const ipm_rec **b);
/* The k-th block ahead (0 = the next one) without consuming it; valid until
 * the next next() call. Same returns as next(). */
int ipm_bsrc_peek(ipm_bsrc *s, size_t k, const ipm_rec **b);
const char *ipm_bsrc_name(const ipm_bsrc *s);
/* The text of any block as a reject shows it: a heading's or paragraph's
 * text, a row's cells joined by " | ", a meta block's "key: value". Points
 * into b or into tmp (the caller's); *n set. */
const char *ipm_block_text(const ipm_rec *b, ipm_buf *tmp, size_t *n);
/* 1 when a read error (not the end of the input) ended the blocks. */
int ipm_bsrc_failed(const ipm_bsrc *s);
void ipm_bsrc_close(ipm_bsrc *s);

/* The block's type from its "type" field. */
enum ipm_btype ipm_block_type(const ipm_rec *b);
/* The block's source line ("line" field; 0 when absent). */
long ipm_block_line(const ipm_rec *b);

#endif
