/* urls: URLs from link cells and PDF text: cleaned (U+2010 and other dashes
 * -> '-', spaces and trailing punctuation removed), split into pieces, and
 * rejoined when a page or line break cut them. */
#ifndef IPM_URLS_H
#define IPM_URLS_H

#include <stddef.h>

#include "core/util.h"

/* Length of a leading "http://" or "https://", else 0. */
size_t ipm_url_scheme(const char *s, size_t n);
/* 1 if s starts a URL: "www.", or "http://" or "https://" (any case) and a
 * host with a dot, or a host that runs to the end of s (a URL cut there). */
int ipm_url_starts(const char *s, size_t n);
/* Append the cleaned URL text of s[0..n) to out. */
void ipm_url_clean(const char *s, size_t n, ipm_buf *out);
/* 1 if u looks complete (ends in a page name like .html/.shtml/.htm/.php/
 * .asp/.aspx/.jsp/.pdf, or a query value), so a following fragment is not
 * its continuation. */
int ipm_url_complete(const char *u, size_t n);
/* The next whitespace-separated piece of s at or after *pos: 1 with *p and *pn
 * set and *pos moved past it, 0 when none is left. */
int ipm_url_next_piece(const char *s, size_t n, size_t *pos, const char **p, size_t *pn);

/* 1 if s (n > 0) is made only of characters a URL holds: printable ASCII
 * but for " < > \\ ^ ` { } | and space, or the hyphens U+2010/2011 a PDF
 * prints in them: a piece of a URL broken over lines. */
int ipm_url_chars(const char *s, size_t n);

#endif
