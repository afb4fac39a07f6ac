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
};

/* Append the report of cur to out; prev (may be NULL) adds change columns
 * and the change sentence. */
void ipm_render_report(ipm_buf *out, const struct ipm_render *r,
                       const struct ipm_period *cur, const struct ipm_period *prev);
/* Append an index of n periods with the trend and links to "LABEL.ext". */
void ipm_render_index(ipm_buf *out, const struct ipm_render *r,
                      const struct ipm_period *p, size_t n, const char *ext);

#endif
