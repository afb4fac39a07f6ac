/* svg: small inline SVG charts for the HTML report (bars, a province tile
 * map, a trend line), written into a caller's buffer. Text is XML-escaped;
 * sizes are in CSS pixels; nothing is fetched at view time. */
#ifndef IPM_SVG_H
#define IPM_SVG_H

#include <stddef.h>

#include "core/util.h"

/* Append s with & < > " escaped for XML/HTML text and attributes. */
void ipm_xml_escape(ipm_buf *out, const char *s);

struct ipm_svg_bar {
	const char *label;
	long value;
	long prev;        /* previous period's value, or -1 when none */
};

/* Horizontal bar chart, one bar per item (and a thin bar for prev). */
void ipm_svg_bars(ipm_buf *out, const char *title, const struct ipm_svg_bar *b, size_t n);

struct ipm_svg_tile {
	const char *label;
	int row, col;
	long value;
};

/* A tile map: one square per item at (row, col), shaded by value. */
void ipm_svg_tiles(ipm_buf *out, const char *title, const struct ipm_svg_tile *t, size_t n);

/* A line of values over labelled points (periods), with the value at each;
 * a value < 0 is a gap (no report): no point, the line broken there. */
void ipm_svg_trend(ipm_buf *out, const char *title, const char *const *labels,
                   const long *values, size_t n);



/* Load a tile layout (lib/data/tiles.tsv: name, code, row, col; '#'
 * comments) in file order; values are 0. NULL after a message on error.
 * *n gets the count; free with ipm_svg_tiles_free(). */
struct ipm_svg_tile *ipm_svg_tiles_load(const char *path, size_t *n);
void ipm_svg_tiles_free(struct ipm_svg_tile *t, size_t n);

#endif
