/* render: the monitoring report of one period, and the index of all
 * periods, as Markdown or as one self-contained HTML page (inline CSS and
 * SVG, a Content-Security-Policy that forbids every fetch). All text
 * labels come from the sentence file; all numbers from the digests. */
#ifndef IPM_RENDER_H
#define IPM_RENDER_H

#include "core/util.h"
#include "digest.h"
#include "sentence.h"
#include "svg.h"

enum ipm_render_fmt { IPM_RENDER_MD, IPM_RENDER_HTML };

struct ipm_render {
	enum ipm_render_fmt fmt;
	long top;                        /* rows in the top-N tables */
	long prov_sectors;               /* sector columns in the province table */
	const ipm_sentences *s;          /* labels and templates */
	const struct ipm_svg_tile *tiles;/* province tile layout (ntiles) */
	size_t ntiles;
	const struct ipm_period *all;    /* all periods (nall), or NULL: with */
	size_t nall;                     /* more than one, a trend section */
	const char *ext;                 /* pages link to each other ("html", "md"), */
	                                 /* or NULL: a page alone, no navigation */
	const char *generated;           /* footer: when the report was made */
	const struct ipm_other *other;   /* yearbooks, books, policy pages (nother) */
	size_t nother;
	const struct ipm_source *src;    /* footer: the documents' files (nsrc), or NULL */
	size_t nsrc;
};

/* One source document as the pipeline that read it knows it (--sources). */
struct ipm_source {
	char *doc, *file, *sha256;
	long rejects;                    /* input lines not turned into records, or -1 */
};

/* A document that is no monitoring report: its own page. */
struct ipm_other {
	char page[64];                   /* page name without extension */
	const char *doc;                 /* doc id, or NULL for the policy register */
	enum ipm_doc_kind kind;
	const ipm_digest *d;
};

/* Append the report of cur to out; prev (may be NULL) adds change columns
 * and the change sentence. */
void ipm_render_report(ipm_buf *out, const struct ipm_render *r,
                       const struct ipm_period *cur, const struct ipm_period *prev);
/* Append the page of a yearbook or book: counts, charts, the chronicle as
 * a timeline. */
void ipm_render_book(ipm_buf *out, const struct ipm_render *r, const struct ipm_other *o);
/* Append the policy register: policy pages by issuer and date. */
void ipm_render_policies(ipm_buf *out, const struct ipm_render *r, const struct ipm_other *o);
/* The inline script of the item filter, and its CSP hash source. */
extern const char ipm_render_js[], ipm_render_js_hash[];
/* Append an index of n periods with the trend and links to "LABEL.ext". */
void ipm_render_index(ipm_buf *out, const struct ipm_render *r,
                      const struct ipm_period *p, size_t n, const char *ext);

#endif
