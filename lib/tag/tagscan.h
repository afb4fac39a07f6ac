/* tagscan: dictionary-free text scanners used by lib/tag — 《》 titles,
 * document numbers, "X+" term tails, and URL hosts. All work on UTF-8 byte
 * spans of the caller's text and return offsets into it; nothing is allocated
 * except in caller-supplied buffers. */
#ifndef IPM_TAGSCAN_H
#define IPM_TAGSCAN_H

#include <stddef.h>

#include "core/util.h"

typedef struct {
	size_t start, end;   /* bytes of the whole 《…》, brackets included */
} ipm_span;

/* Outermost 《…》 titles in s (nested 《》 stay inside their title; an
 * unclosed 《 is ignored). Writes up to max spans; returns the total found. */
size_t ipm_scan_titles(const char *s, size_t n, ipm_span *out, size_t max);

/* A document number found in text: the run of CJK/Latin letters before the
 * bracket (the caller picks the real prefix inside it), and the normalised
 * tail "〔YYYY〕N号" (or "第N号" after a prefix ending in 令) in tail. */
typedef struct {
	size_t run_start, run_end;   /* candidate prefix run in s */
	size_t end;                  /* offset just after 号 */
} ipm_docnum;

/* Find the next document number at or after *pos: brackets 〔〕 [] 【】 （） ()
 * ［］ around four ASCII or full-width digits, then 1-6 digits and 号
 * (spaces allowed around the digits). On success fills d, writes the
 * normalised tail into tail (cleared first), sets *pos past it, returns 1;
 * 0 when there is none. */
int ipm_scan_docnum(const char *s, size_t n, size_t *pos, ipm_docnum *d, ipm_buf *tail);

/* Length of the term tail starting at s: CJK ideographs, ASCII letters and
 * digits, at most maxchars characters. */
size_t ipm_scan_word_run(const char *s, size_t n, size_t maxchars);

/* Bytes of the opening quote that ends just before s+pos (“ " 「 ‘), or 0.
 * Same for a closing quote starting at s+pos (” " 」 ’). */
size_t ipm_scan_open_quote_before(const char *s, size_t pos);
size_t ipm_scan_close_quote_at(const char *s, size_t n, size_t pos);

/* The host of a URL (the first whitespace-separated token of s): after
 * "scheme://" and any "user@", up to '/', '?', '#', ':' or the end.
 * Sets *hs and *hl; returns 0 when there is no host. */
int ipm_scan_host(const char *s, size_t n, size_t *hs, size_t *hl);

#endif
