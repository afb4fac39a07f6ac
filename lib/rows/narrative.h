/* narrative: a book or report without item tables (e.g. an NDRC report) ->
 * one "paragraph" record per paragraph block, with its heading path
 * ("篇 > 章 > 节", " > "-joined) in `heading`. */
#ifndef IPM_NARRATIVE_H
#define IPM_NARRATIVE_H

#include "core/blocks.h"
#include "events.h"

/* Heading path kept while reading blocks (up to 6 levels). */
typedef struct {
	ipm_buf level[6];
	int depth;
	ipm_buf path;
} ipm_headpath;

/* Enter a heading of level (1-6): deeper levels are dropped. */
void ipm_headpath_push(ipm_headpath *h, int level, const char *s, size_t n);
/* The " > "-joined path (NUL-terminated, owned by h), "" when empty. */
const char *ipm_headpath_str(ipm_headpath *h);
void ipm_headpath_free(ipm_headpath *h);

/* Read every block of src, write paragraph records to ev. 0, or -1 on an
 * I/O error. */
int ipm_narrative_rows(ipm_bsrc *src, ipm_events *ev);

#endif
