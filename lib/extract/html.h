/* html: HTML fragments (table cells of converted reports) -> plain text.
 * Tags are removed, entities decoded, <a href> targets kept as text, and
 * <p> <li> <br> <div> <tr> <td> <h1-6> become "\n" item breaks. A "<…>" that
 * is not a known HTML tag (e.g. "<http://x>" or "<注>") is kept literally. */
#ifndef IPM_HTML_H
#define IPM_HTML_H

#include <stddef.h>

#include "core/util.h"

/* Append the text of s[0..n) to out: runs of spaces and tabs become one
 * space, each "\n"-separated piece is trimmed, empty pieces are dropped (so
 * out holds items joined by single "\n", no leading or trailing "\n").
 * Anchor text equal to (or contained in) its href is not repeated. */
void ipm_html_text(const char *s, size_t n, ipm_buf *out);
/* Decode one entity at s ("&amp;", "&#24180;", "&#x4e00;"...): returns the
 * bytes consumed and appends its UTF-8 to out, or 0 if s is not an entity. */
size_t ipm_html_entity(const char *s, size_t n, ipm_buf *out);
/* 1 if s[0..n) contains something that looks like an HTML tag. */
int ipm_html_has_tag(const char *s, size_t n);

#endif
