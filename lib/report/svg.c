/* svg: hand-laid charts; layout constants are pixels. */
#include <stdlib.h>
#include <string.h>

#include "svg.h"

void ipm_xml_escape(ipm_buf *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': ipm_buf_adds(out, "&amp;"); break;
		case '<': ipm_buf_adds(out, "&lt;"); break;
		case '>': ipm_buf_adds(out, "&gt;"); break;
		case '"': ipm_buf_adds(out, "&quot;"); break;
		default: ipm_buf_addc(out, *s);
		}
	}
}

static void open_svg(ipm_buf *out, const char *title, int w, int h)
{
	ipm_buf_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
	               "viewBox=\"0 0 %d %d\" role=\"img\" font-family=\"sans-serif\" font-size=\"13\">"
	               "<title>", w, h, w, h);
	ipm_xml_escape(out, title);
	ipm_buf_adds(out, "</title>\n");
}

static void text(ipm_buf *out, int x, int y, const char *anchor, const char *s)
{
	ipm_buf_printf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\">", x, y, anchor);
	ipm_xml_escape(out, s);
	ipm_buf_adds(out, "</text>\n");
}

void ipm_svg_bars(ipm_buf *out, const char *title, const struct ipm_svg_bar *b, size_t n)
{
	enum { LABEL = 110, BAR = 360, ROW = 24, PAD = 8 };
	long max = 1;
	size_t i;
	char num[32];

	for (i = 0; i < n; i++) {
		if (b[i].value > max)
			max = b[i].value;
		if (b[i].prev > max)
			max = b[i].prev;
	}
	open_svg(out, title, LABEL + BAR + 60, (int)n * ROW + PAD);
	for (i = 0; i < n; i++) {
		int y = (int)i * ROW + PAD;
		int w = (int)(b[i].value * BAR / max);

		text(out, LABEL - 6, y + 15, "end", b[i].label);
		ipm_buf_printf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"14\" fill=\"#3b6fb6\"/>\n",
		               LABEL, y + 3, w > 0 ? w : 1);
		if (b[i].prev >= 0)
			ipm_buf_printf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"3\" fill=\"#c0392b\"/>\n",
			               LABEL, y + 18, (int)(b[i].prev * BAR / max));
		snprintf(num, sizeof num, "%ld", b[i].value);
		text(out, LABEL + w + 6, y + 15, "start", num);
	}
	ipm_buf_adds(out, "</svg>\n");
}

/* A blue of the given strength 0..255 (0 = no records: light grey). */
static void shade(ipm_buf *out, long v, long max)
{
	int k;

	if (v <= 0) {
		ipm_buf_adds(out, "#eeeeee");
		return;
	}
	k = (int)(40 + 215 * v / (max > 0 ? max : 1));
	ipm_buf_printf(out, "#%02x%02x%02x", 255 - k * 3 / 4 > 0 ? 255 - k * 3 / 4 : 0,
	               255 - k / 2, 255 - k / 5);
}

void ipm_svg_tiles(ipm_buf *out, const char *title, const struct ipm_svg_tile *t, size_t n)
{
	enum { CELL = 58, GAP = 4 };
	int rows = 0, cols = 0;
	long max = 0;
	size_t i;
	char num[32];

	for (i = 0; i < n; i++) {
		if (t[i].row + 1 > rows)
			rows = t[i].row + 1;
		if (t[i].col + 1 > cols)
			cols = t[i].col + 1;
		if (t[i].value > max)
			max = t[i].value;
	}
	open_svg(out, title, cols * (CELL + GAP), rows * (CELL + GAP));
	for (i = 0; i < n; i++) {
		int x = t[i].col * (CELL + GAP), y = t[i].row * (CELL + GAP);

		ipm_buf_printf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"4\" fill=\"",
		               x, y, CELL, CELL);
		shade(out, t[i].value, max);
		/* white text on the darker half of the scale */
		ipm_buf_printf(out, "\"/>\n<g fill=\"%s\">\n", 2 * t[i].value > max ? "#fff" : "#222");
		text(out, x + CELL / 2, y + 24, "middle", t[i].label);
		snprintf(num, sizeof num, "%ld", t[i].value);
		text(out, x + CELL / 2, y + 44, "middle", num);
		ipm_buf_adds(out, "</g>\n");
	}
	ipm_buf_adds(out, "</svg>\n");
}

void ipm_svg_trend(ipm_buf *out, const char *title, const char *const *labels,
                   const long *values, size_t n)
{
	enum { H = 160, TOP = 20, LEFT = 40 };
	int step = n > 8 ? 70 : 90;
	long max = 1;
	size_t i;
	int open = 0;
	char num[32];

	for (i = 0; i < n; i++)
		if (values[i] > max)
			max = values[i];
	open_svg(out, title, LEFT * 2 + (int)(n ? n - 1 : 0) * step, H + TOP + 40);
	ipm_buf_printf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>\n",
	               LEFT / 2, TOP + H, LEFT + (int)(n ? n - 1 : 0) * step + LEFT / 2, TOP + H);
	/* one polyline per run of months with a report: a gap stays a gap */
	for (i = 0; i <= n; i++) {
		if (i < n && values[i] >= 0) {
			ipm_buf_printf(out, "%s%d,%ld", open ? " " :
			               "<polyline fill=\"none\" stroke=\"#3b6fb6\" stroke-width=\"2\" points=\"",
			               LEFT + (int)i * step, TOP + H - values[i] * H / max);
			open = 1;
		} else if (open) {
			ipm_buf_adds(out, "\"/>\n");
			open = 0;
		}
	}
	for (i = 0; i < n; i++) {
		int x = LEFT + (int)i * step;
		long y = TOP + H - (values[i] > 0 ? values[i] : 0) * H / max;

		if (values[i] >= 0) {
			ipm_buf_printf(out, "<circle cx=\"%d\" cy=\"%ld\" r=\"4\" fill=\"#3b6fb6\"/>\n", x, y);
			snprintf(num, sizeof num, "%ld", values[i]);
			text(out, x, (int)y - 8, "middle", num);
		} else {   /* no report that month */
			ipm_buf_printf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#bbb\" "
			               "stroke-dasharray=\"3,3\"/>\n", x, TOP, x, TOP + H);
		}
		text(out, x, TOP + H + 24, "middle", labels[i]);
	}
	ipm_buf_adds(out, "</svg>\n");
}

struct ipm_svg_tile *ipm_svg_tiles_load(const char *path, size_t *n)
{
	FILE *fp = ipm_fopen_in(path);
	struct ipm_svg_tile *t = NULL;
	ipm_buf b = { 0 };
	long line = 0, row, col;
	int rc;

	*n = 0;
	if (!fp)
		return NULL;
	while ((rc = ipm_getline(fp, &b)) > 0) {
		char *f[4], *p = b.s;
		size_t nf = 1;

		line++;
		if (b.len == 0 || b.s[0] == '#')
			continue;
		f[0] = p;
		for (; *p && nf < 4; p++)
			if (*p == '\t') {
				*p = '\0';
				f[nf++] = p + 1;
			}
		if (nf != 4 || ipm_parse_long(f[2], 0, 99, &row) || ipm_parse_long(f[3], 0, 99, &col)) {
			ipm_err(path, line, "want name, code, row, col");
			rc = -2;
			break;
		}
		t = ipm_realloc(t, (*n + 1) * sizeof *t);
		t[*n].label = ipm_strndup(f[0], strlen(f[0]));
		t[*n].row = (int)row;
		t[*n].col = (int)col;
		t[(*n)++].value = 0;
	}
	if (rc == -1)
		ipm_err(path, line, "read error:");
	fclose(fp);
	ipm_buf_free(&b);
	if (rc < 0) {
		ipm_svg_tiles_free(t, *n);
		return NULL;
	}
	return t;
}

void ipm_svg_tiles_free(struct ipm_svg_tile *t, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free((char *)t[i].label);
	free(t);
}
