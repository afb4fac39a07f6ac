/* pdfgeom_trace: `mutool trace` XML -> pages of glyph boxes and ruling
 * lines. Text comes in <fill_text>/<stroke_text>/<ignore_text transform=…>
 * <span trm=…><g unicode x y adv/>; drawings in <fill_path>/<stroke_path
 * transform=…> with <moveto>/<lineto>/<curveto>/<closepath>. A thin filled
 * rectangle or a straight stroked segment is a rule; the edges of a filled
 * cell background are rules too (a whole-page background is not). */
#include <expat.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "pdfgeom_impl.h"

#define THIN 2.5f   /* a rule is at most this thick (points) */

struct pg_trace {
	XML_Parser xp;
	pg_doc *d;
	pg_page *page;
	double m[6];        /* the current transform */
	double trm[4];
	int in_text, in_path, stroke, depth_err;
	double lw;          /* stroke line width */
	/* the current path: points of the current subpath (page space) */
	double *px, *py;
	size_t npt, cappt;
	double cx, cy;      /* current point */
	/* clipping: a stack of boxes (page space); a clip path counts by its box */
	int in_clip;
	double cb[4];       /* the clip path being read: x0 y0 x1 y1 */
	double (*clip)[4];
	size_t nclip, capclip;
	const char *err;
};

static void clip_push(struct pg_trace *t, const double *b)
{
	double *top;

	if (t->nclip == t->capclip) {
		t->capclip = t->capclip ? t->capclip * 2 : 16;
		t->clip = ipm_realloc(t->clip, t->capclip * sizeof *t->clip);
	}
	top = t->clip[t->nclip];
	memcpy(top, b, sizeof t->clip[0]);
	if (t->nclip) {
		const double *up = t->clip[t->nclip - 1];
		top[0] = fmax(top[0], up[0]);
		top[1] = fmax(top[1], up[1]);
		top[2] = fmin(top[2], up[2]);
		top[3] = fmin(top[3], up[3]);
	}
	t->nclip++;
}

/* Is the point inside the current clip (1 pt of slack across; none down the page, where a line cut by a page break is drawn twice, clipped)? */
static int visible(const struct pg_trace *t, double x, double y)
{
	const double *c;

	if (!t->nclip)
		return 1;
	c = t->clip[t->nclip - 1];
	return x >= c[0] - 1 && x <= c[2] + 1 && y >= c[1] && y < c[3];
}

static void pts(const char *s, double *v, int n)
{
	int i;
	char *e;

	for (i = 0; i < n; i++) {
		v[i] = s ? strtod(s, &e) : 0;
		if (!s || e == s || !isfinite(v[i]))
			v[i] = 0;
		if (s)
			s = e;
	}
}

static const char *attr(const char **a, const char *name)
{
	for (; a[0]; a += 2)
		if (strcmp(a[0], name) == 0)
			return a[1];
	return NULL;
}

static double num(const char **a, const char *name)
{
	double v;

	pts(attr(a, name), &v, 1);
	return v;
}

static void tx(const struct pg_trace *t, double x, double y, double *ox, double *oy)
{
	*ox = x * t->m[0] + y * t->m[2] + t->m[4];
	*oy = x * t->m[1] + y * t->m[3] + t->m[5];
}

static void add_rule(pg_page *p, int horiz, double a0, double a1, double at)
{
	pg_rule *r;

	if (a1 < a0) {
		double s = a0;
		a0 = a1;
		a1 = s;
	}
	if (a1 - a0 < 3)
		return;
	if (horiz) {
		if (p->nhr == p->caphr) {
			p->caphr = p->caphr ? p->caphr * 2 : 64;
			p->hr = ipm_realloc(p->hr, p->caphr * sizeof *p->hr);
		}
		r = &p->hr[p->nhr++];
	} else {
		if (p->nvr == p->capvr) {
			p->capvr = p->capvr ? p->capvr * 2 : 64;
			p->vr = ipm_realloc(p->vr, p->capvr * sizeof *p->vr);
		}
		r = &p->vr[p->nvr++];
	}
	r->a0 = (float)a0;
	r->a1 = (float)a1;
	r->at = (float)at;
}

/* The subpath's points -> rules. */
static void end_subpath(struct pg_trace *t)
{
	pg_page *p = t->page;
	double x0 = 1e30, y0 = 1e30, x1 = -1e30, y1 = -1e30, w, h;
	size_t i;

	if (!p || t->npt < 2) {
		t->npt = 0;
		return;
	}
	for (i = 0; i < t->npt; i++) {
		x0 = fmin(x0, t->px[i]);
		x1 = fmax(x1, t->px[i]);
		y0 = fmin(y0, t->py[i]);
		y1 = fmax(y1, t->py[i]);
	}
	if (t->nclip) {   /* the visible part only */
		const double *c = t->clip[t->nclip - 1];
		x0 = fmax(x0, c[0] - 1);
		x1 = fmin(x1, c[2] + 1);
		y0 = fmax(y0, c[1] - 1);
		y1 = fmin(y1, c[3] + 1);
		if (x1 < x0 || y1 < y0) {
			t->npt = 0;
			return;
		}
		for (i = 0; i < t->npt; i++) {
			t->px[i] = fmin(fmax(t->px[i], x0), x1);
			t->py[i] = fmin(fmax(t->py[i], y0), y1);
		}
	}
	w = x1 - x0;
	h = y1 - y0;
	if (t->stroke) {
		/* each straight segment of a stroke */
		for (i = 1; i < t->npt; i++) {
			double dx = fabs(t->px[i] - t->px[i - 1]), dy = fabs(t->py[i] - t->py[i - 1]);
			if (dy < 1 && dx >= 3)
				add_rule(p, 1, t->px[i - 1], t->px[i], (t->py[i] + t->py[i - 1]) / 2);
			else if (dx < 1 && dy >= 3)
				add_rule(p, 0, t->py[i - 1], t->py[i], (t->px[i] + t->px[i - 1]) / 2);
		}
	} else if (h <= THIN && w > THIN) {
		add_rule(p, 1, x0, x1, (y0 + y1) / 2);
	} else if (w <= THIN && h > THIN) {
		add_rule(p, 0, y0, y1, (x0 + x1) / 2);
	} else if (w > THIN && h > THIN && !(w > p->w * 0.9 && h > p->h * 0.5)) {
		/* a cell background: its edges */
		add_rule(p, 1, x0, x1, y0);
		add_rule(p, 1, x0, x1, y1);
		add_rule(p, 0, y0, y1, x0);
		add_rule(p, 0, y0, y1, x1);
	}
	t->npt = 0;
}

static void point(struct pg_trace *t, double x, double y)
{
	if (t->in_clip) {
		double px, py;
		tx(t, x, y, &px, &py);
		t->cb[0] = fmin(t->cb[0], px);
		t->cb[1] = fmin(t->cb[1], py);
		t->cb[2] = fmax(t->cb[2], px);
		t->cb[3] = fmax(t->cb[3], py);
		return;
	}
	if (t->npt == t->cappt) {
		t->cappt = t->cappt ? t->cappt * 2 : 16;
		t->px = ipm_realloc(t->px, t->cappt * sizeof *t->px);
		t->py = ipm_realloc(t->py, t->cappt * sizeof *t->py);
	}
	tx(t, x, y, &t->px[t->npt], &t->py[t->npt]);
	t->npt++;
}

static void new_page(struct pg_trace *t, const char **a)
{
	pg_doc *d = t->d;
	double mb[4];
	pg_page *p;

	if (d->np >= PG_MAX_PAGES) {
		t->err = "too many pages";
		XML_StopParser(t->xp, 0);
		return;
	}
	if (d->np == d->capp) {
		d->capp = d->capp ? d->capp * 2 : 16;
		d->p = ipm_realloc(d->p, d->capp * sizeof *d->p);
	}
	p = &d->p[d->np++];
	memset(p, 0, sizeof *p);
	pts(attr(a, "mediabox"), mb, 4);
	p->w = (float)fabs(mb[2] - mb[0]);
	p->h = (float)fabs(mb[3] - mb[1]);
	t->page = p;
}

static void glyph(struct pg_trace *t, const char **a)
{
	const char *u = attr(a, "unicode");
	pg_page *p = t->page;
	double x, y, adv, bx, by, sx, sy, size, w;
	uint32_t cp;
	pg_glyph *g;
	size_t n;

	if (!p || !u || !*u)
		return;
	n = strlen(u);
	if (ipm_utf8_decode((const unsigned char *)u, n, &cp) == 0 || (cp < 0x20 && cp != '\t'))
		return;
	if (t->d->nglyphs >= PG_MAX_GLYPHS) {
		t->err = "too many glyphs";
		XML_StopParser(t->xp, 0);
		return;
	}
	x = num(a, "x");
	y = num(a, "y");
	adv = num(a, "adv");
	tx(t, x, y, &bx, &by);
	sx = hypot(t->m[0], t->m[1]);
	sy = hypot(t->m[2], t->m[3]);
	size = fabs(t->trm[3]) * sy;
	w = fabs(adv * t->trm[0]) * sx;
	if (!(size > 0.5 && size < 500) || !isfinite(bx) || !isfinite(by) ||
	    !visible(t, bx + w / 2, by - size * 0.36))
		return;
	if (!(w >= 0 && w < 2 * size))
		w = size / 2;
	if (p->ng == p->capg) {
		p->capg = p->capg ? p->capg * 2 : 256;
		p->g = ipm_realloc(p->g, p->capg * sizeof *p->g);
	}
	g = &p->g[p->ng++];
	t->d->nglyphs++;
	g->x0 = (float)bx;
	g->x1 = (float)(bx + w);
	g->base = (float)by;
	g->size = (float)size;
	g->y0 = (float)(by - 0.86 * size);
	g->y1 = (float)(by + 0.14 * size);
	g->cp = cp == 0xa0 || cp == 0x3000 || cp == '\t' ? ' ' : cp;
}

static void XMLCALL on_start(void *ud, const char *el, const char **a)
{
	struct pg_trace *t = ud;

	if (strcmp(el, "page") == 0) {
		new_page(t, a);
	} else if (strcmp(el, "fill_text") == 0 || strcmp(el, "stroke_text") == 0 ||
	           strcmp(el, "ignore_text") == 0) {
		pts(attr(a, "transform"), t->m, 6);
		t->in_text = 1;
	} else if (strcmp(el, "span") == 0 && t->in_text) {
		pts(attr(a, "trm"), t->trm, 4);
	} else if (strcmp(el, "g") == 0 && t->in_text) {
		glyph(t, a);
	} else if (strcmp(el, "clip_path") == 0 || strcmp(el, "clip_stroke_path") == 0) {
		pts(attr(a, "transform"), t->m, 6);
		t->in_clip = 1;
		t->in_path = 1;
		t->cb[0] = t->cb[1] = 1e30;
		t->cb[2] = t->cb[3] = -1e30;
	} else if (strncmp(el, "clip_", 5) == 0) {
		static const double all[4] = { -1e30, -1e30, 1e30, 1e30 };
		clip_push(t, all);   /* text or image masks: not followed */
	} else if (strcmp(el, "pop_clip") == 0) {
		if (t->nclip)
			t->nclip--;
	} else if (strcmp(el, "fill_path") == 0 || strcmp(el, "stroke_path") == 0) {
		pts(attr(a, "transform"), t->m, 6);
		t->in_path = 1;
		t->stroke = el[0] == 's';
		t->npt = 0;
	} else if (t->in_path && strcmp(el, "moveto") == 0) {
		end_subpath(t);
		t->cx = num(a, "x");
		t->cy = num(a, "y");
		point(t, t->cx, t->cy);
	} else if (t->in_path && strcmp(el, "lineto") == 0) {
		t->cx = num(a, "x");
		t->cy = num(a, "y");
		point(t, t->cx, t->cy);
	} else if (t->in_path && strcmp(el, "curveto") == 0) {
		/* a curve is no rule: its end point keeps the box honest */
		t->cx = num(a, "x3");
		t->cy = num(a, "y3");
		point(t, num(a, "x1"), num(a, "y1"));
		point(t, num(a, "x2"), num(a, "y2"));
		point(t, t->cx, t->cy);
	} else if (t->in_path && strcmp(el, "closepath") == 0) {
		if (t->npt) {
			point(t, 0, 0);   /* back to the start (page space) */
			t->px[t->npt - 1] = t->px[0];
			t->py[t->npt - 1] = t->py[0];
		}
	} else if (t->page && (strcmp(el, "fill_image") == 0 || strcmp(el, "fill_image_mask") == 0)) {
		t->page->images++;
	}
}

static void XMLCALL on_end(void *ud, const char *el)
{
	struct pg_trace *t = ud;

	if (strcmp(el, "fill_text") == 0 || strcmp(el, "stroke_text") == 0 ||
	    strcmp(el, "ignore_text") == 0) {
		t->in_text = 0;
	} else if (strcmp(el, "fill_path") == 0 || strcmp(el, "stroke_path") == 0) {
		end_subpath(t);
		t->in_path = 0;
	} else if (strcmp(el, "clip_path") == 0 || strcmp(el, "clip_stroke_path") == 0) {
		t->in_clip = 0;
		t->in_path = 0;
		t->npt = 0;
		if (t->cb[0] > t->cb[2]) {   /* an empty path clips everything */
			t->cb[0] = t->cb[1] = 1e30;
			t->cb[2] = t->cb[3] = -1e30;
		}
		clip_push(t, t->cb);
	} else if (strcmp(el, "page") == 0) {
		t->page = NULL;
		t->nclip = 0;
	}
}

pg_trace *pg_trace_open(pg_doc *doc)
{
	struct pg_trace *t = ipm_calloc(1, sizeof *t);

	t->d = doc;
	t->xp = XML_ParserCreate("UTF-8");
	if (!t->xp)
		ipm_die(1, "out of memory");
	XML_SetUserData(t->xp, t);
	XML_SetElementHandler(t->xp, on_start, on_end);
	return t;
}

int pg_trace_feed(pg_trace *t, const char *s, size_t n, int last, ipm_buf *err)
{
	while (n || last) {
		int chunk = n > (1u << 30) ? 1 << 30 : (int)n;
		if (XML_Parse(t->xp, s, chunk, last && (size_t)chunk == n) == XML_STATUS_ERROR) {
			ipm_buf_clear(err);
			if (t->err)
				ipm_buf_printf(err, "%s", t->err);
			else
				ipm_buf_printf(err, "line %lu: not mutool trace XML: %s",
				               (unsigned long)XML_GetCurrentLineNumber(t->xp),
				               XML_ErrorString(XML_GetErrorCode(t->xp)));
			return -1;
		}
		s += chunk;
		n -= (size_t)chunk;
		if (!n)
			break;
	}
	return 0;
}

void pg_trace_close(pg_trace *t)
{
	if (!t)
		return;
	XML_ParserFree(t->xp);
	free(t->clip);
	free(t->px);
	free(t->py);
	free(t);
}

void pg_doc_free(pg_doc *d)
{
	size_t i;

	for (i = 0; i < d->np; i++) {
		free(d->p[i].g);
		free(d->p[i].order);
		free(d->p[i].hr);
		free(d->p[i].vr);
		free(d->p[i].ln);
	}
	free(d->p);
	memset(d, 0, sizeof *d);
}
