/* htmldoc: a whole HTML page (e.g. a saved gov.cn policy page) -> blocks:
 * scripts, styles and navigation dropped; h1-h6 -> heading, p -> para,
 * label/value table rows -> meta, other tables -> row.
 * extract.c calls it for the "html" layout. */
#ifndef IPM_HTMLDOC_H
#define IPM_HTMLDOC_H

#include "core/blocks.h"
#include "core/reject.h"
#include "lines.h"

/* 1 when a text starting with s[0..n) looks like an HTML page or a saved
 * page fragment (<html, <!doctype, <body, <head, <div, <table, <p>): for the
 * layout detector, whose own test wants <html>/<body> (gov.cn saves begin
 * with <div class="wrap">). */
int ipm_htmldoc_sniff(const char *s, size_t n);
/* Read every line of in, write blocks to out (the doc block is written by
 * the caller). Returns 0, or -1 on a read or write error. */
int ipm_htmldoc_blocks(ipm_lines *in, ipm_blocks *out, ipm_rejects *rj);

#endif
