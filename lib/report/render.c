/* render: one document walker writes both formats through a tiny writer
 * (heading, paragraph, table, figure) that knows Markdown and HTML. */
#include <stdlib.h>
#include <string.h>

#include "render.h"

#define MAXCOLS 16

struct doc {
	ipm_buf *b;
	int html;
	const ipm_sentences *s;
};

/* Text for a Markdown table cell: | escaped, line breaks as spaces. */
static void md_cell(ipm_buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '|')
			ipm_buf_adds(b, "\\|");
		else if (*s == '\n' || *s == '\r')
			ipm_buf_addc(b, ' ');
		else
			ipm_buf_addc(b, *s);
	}
}

static void head(struct doc *d, int level, const char *text)
{
	if (d->html) {
		ipm_buf_printf(d->b, "<h%d>", level);
		ipm_xml_escape(d->b, text);
		ipm_buf_printf(d->b, "</h%d>\n", level);
	} else {
		ipm_buf_printf(d->b, "%.*s %s\n\n", level, "######", text);
	}
}

static void para(struct doc *d, const char *text)
{
	if (d->html) {
		ipm_buf_adds(d->b, "<p>");
		ipm_xml_escape(d->b, text);
		ipm_buf_adds(d->b, "</p>\n");
	} else {
		ipm_buf_printf(d->b, "%s\n\n", text);
	}
}

/* A table row; cell `link` (or -1) is a URL shown as a link, cell `raw`
 * (or -1) is markup of the output format, copied as it is. */
static void row(struct doc *d, const char *const *c, size_t n, int th, long link, long raw)
{
	size_t i;

	ipm_buf_adds(d->b, d->html ? "<tr>" : "|");
	for (i = 0; i < n; i++) {
		if (!d->html) {
			ipm_buf_addc(d->b, ' ');
			if ((long)i == link && *c[i])
				ipm_buf_printf(d->b, "<%s>", c[i]);
			else if ((long)i == raw)
				ipm_buf_adds(d->b, c[i]);
			else
				md_cell(d->b, c[i]);
			ipm_buf_adds(d->b, " |");
			continue;
		}
		ipm_buf_adds(d->b, th ? "<th>" : "<td>");
		if ((long)i == link && *c[i]) {
			ipm_buf_adds(d->b, "<a href=\"");
			ipm_xml_escape(d->b, c[i]);
			ipm_buf_adds(d->b, "\">");
		}
		if ((long)i == raw)
			ipm_buf_adds(d->b, c[i]);
		else
			ipm_xml_escape(d->b, c[i]);
		if ((long)i == link && *c[i])
			ipm_buf_adds(d->b, "</a>");
		ipm_buf_adds(d->b, th ? "</th>" : "</td>");
	}
	ipm_buf_adds(d->b, d->html ? "</tr>\n" : "\n");
	if (th && !d->html) {
		ipm_buf_adds(d->b, "|");
		for (i = 0; i < n; i++)
			ipm_buf_adds(d->b, " --- |");
		ipm_buf_adds(d->b, "\n");
	}
}

/* Header row from label keys. */
static void table_begin(struct doc *d, const char *const *keys, size_t n)
{
	const char *c[MAXCOLS];
	size_t i;

	for (i = 0; i < n && i < MAXCOLS; i++)
		c[i] = ipm_label(d->s, keys[i]);
	if (d->html)
		ipm_buf_adds(d->b, "<table>\n");
	row(d, c, i, 1, -1, -1);
}

static void table_end(struct doc *d)
{
	ipm_buf_adds(d->b, d->html ? "</table>\n" : "\n");
}

static void figure(struct doc *d, const ipm_buf *svg)
{
	if (d->html && svg->len)
		ipm_buf_printf(d->b, "<figure>%s</figure>\n", svg->s);
}

static void page_begin(struct doc *d, const char *title)
{
	if (!d->html)
		return;
	ipm_buf_adds(d->b, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
	             "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	             "style-src 'unsafe-inline'\">\n<title>");
	ipm_xml_escape(d->b, title);
	ipm_buf_adds(d->b, "</title>\n<style>\n"
	             "body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222}\n"
	             "table{border-collapse:collapse;margin:1em 0}\n"
	             "th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}\n"
	             "td:not(:first-child){white-space:nowrap}\n"
	             "th{background:#f0f3f8}\nfigure{margin:1em 0}\n"
	             "</style>\n</head>\n<body>\n");
}

static void page_end(struct doc *d)
{
	if (d->html)
		ipm_buf_adds(d->b, "</body>\n</html>\n");
}

/* "N" and, with a previous value, "P" and "+D". */
static void num_cells(char (*c)[24], long v, const ipm_tally *prev, const char *key, int has_prev)
{
	long p = has_prev ? ipm_tally_count(prev, key) : 0;

	snprintf(c[0], 24, "%ld", v);
	snprintf(c[1], 24, "%ld", p);
	snprintf(c[2], 24, "%+ld", v - p);
}

/* A table of one tally: name, count (+ prev, change), labels applied. */
static void count_table(struct doc *d, const char *col, const ipm_tally *t,
                        const ipm_tally *prev, long max, enum ipm_tally_order o, int labels)
{
	const char *keys[] = { col, "c.count", "c.prev", "c.change" };
	const ipm_tally_ent **v = ipm_tally_sorted(t, o);
	size_t i, n = ipm_tally_len(t), nc = prev ? 4 : 2;
	char num[3][24];

	table_begin(d, keys, nc);
	for (i = 0; i < n && (long)i < max; i++) {
		const char *c[4];

		num_cells(num, v[i]->n, prev, v[i]->key, prev != NULL);
		c[0] = labels ? ipm_label(d->s, v[i]->key) : v[i]->key;
		c[1] = num[0];
		c[2] = num[1];
		c[3] = num[2];
		row(d, c, nc, 0, -1, -1);
	}
	table_end(d);
	free(v);
}

static void sector_chart(struct doc *d, const ipm_digest *cur, const ipm_digest *prev)
{
	const ipm_tally_ent **v = ipm_tally_sorted(cur->sectors, IPM_TALLY_BY_COUNT);
	size_t i, n = ipm_tally_len(cur->sectors);
	struct ipm_svg_bar *bar = ipm_malloc((n ? n : 1) * sizeof *bar);
	ipm_buf svg = { 0 };

	for (i = 0; i < n; i++) {
		bar[i].label = v[i]->key;
		bar[i].value = v[i]->n;
		bar[i].prev = prev ? ipm_tally_count(prev->sectors, v[i]->key) : -1;
	}
	if (n)
		ipm_svg_bars(&svg, ipm_label(d->s, "h.sectors"), bar, n);
	figure(d, &svg);
	ipm_buf_free(&svg);
	free(bar);
	free(v);
}

/* Provinces in tile-file order, then any other province by count. */
static const char **province_order(const struct ipm_render *r, const ipm_tally *prov, size_t *n)
{
	const ipm_tally_ent **v = ipm_tally_sorted(prov, IPM_TALLY_BY_COUNT);
	size_t i, j, m = ipm_tally_len(prov);
	const char **out = ipm_malloc((m ? m : 1) * sizeof *out);

	*n = 0;
	for (i = 0; i < r->ntiles; i++)
		if (ipm_tally_count(prov, r->tiles[i].label))
			out[(*n)++] = r->tiles[i].label;
	for (i = 0; i < m; i++) {
		for (j = 0; j < r->ntiles; j++)
			if (strcmp(v[i]->key, r->tiles[j].label) == 0)
				break;
		if (j == r->ntiles)
			out[(*n)++] = v[i]->key;
	}
	free(v);
	return out;
}

static void province_tiles(struct doc *d, const struct ipm_render *r, const ipm_digest *cur)
{
	struct ipm_svg_tile *t = ipm_malloc((r->ntiles ? r->ntiles : 1) * sizeof *t);
	ipm_buf svg = { 0 };
	size_t i;

	for (i = 0; i < r->ntiles; i++) {
		t[i] = r->tiles[i];
		t[i].value = ipm_tally_count(cur->provinces, t[i].label);
	}
	if (r->ntiles)
		ipm_svg_tiles(&svg, ipm_label(d->s, "h.tiles"), t, r->ntiles);
	figure(d, &svg);
	ipm_buf_free(&svg);
	free(t);
}

/* Province x top-sector table. */
static void province_table(struct doc *d, const struct ipm_render *r, const ipm_digest *cur)
{
	const ipm_tally_ent **sec = ipm_tally_sorted(cur->sectors, IPM_TALLY_BY_COUNT);
	size_t i, j, np, ns = ipm_tally_len(cur->sectors);
	const char **prov = province_order(r, cur->provinces, &np);
	const char *c[MAXCOLS];
	char num[MAXCOLS][24];
	ipm_buf k = { 0 };

	if ((long)ns > r->prov_sectors)
		ns = (size_t)r->prov_sectors;
	if (ns > MAXCOLS - 2)
		ns = MAXCOLS - 2;
	c[0] = ipm_label(d->s, "c.province");
	c[1] = ipm_label(d->s, "c.total");
	for (j = 0; j < ns; j++)
		c[j + 2] = sec[j]->key;
	if (d->html)
		ipm_buf_adds(d->b, "<table>\n");
	row(d, c, ns + 2, 1, -1, -1);
	for (i = 0; i < np; i++) {
		c[0] = prov[i];
		snprintf(num[0], 24, "%ld", ipm_tally_count(cur->provinces, prov[i]));
		c[1] = num[0];
		for (j = 0; j < ns; j++) {
			ipm_buf_clear(&k);
			ipm_buf_printf(&k, "%s%c%s", prov[i], IPM_TALLY_SEP, sec[j]->key);
			snprintf(num[j + 1], 24, "%ld", ipm_tally_count(cur->prov_sector, k.s));
			c[j + 2] = num[j + 1];
		}
		row(d, c, ns + 2, 0, -1, -1);
	}
	table_end(d);
	ipm_buf_free(&k);
	free(prov);
	free(sec);
}

/* Policy documents in first-seen order: title, issuer, date, link. */
static void policy_table(struct doc *d, const ipm_digest *cur)
{
	static const char *const keys[] = { "c.title", "c.issuer", "c.date", "c.link" };
	const ipm_tally_ent **v = ipm_tally_sorted(cur->policies, IPM_TALLY_BY_SEQ);
	size_t i, n = ipm_tally_len(cur->policies);
	ipm_buf title = { 0 }, val = { 0 };

	table_begin(d, keys, 4);
	for (i = 0; i < n; i++) {
		const char *c[4];
		char *p, *q;

		ipm_buf_clear(&title);
		ipm_buf_printf(&title, "\xe3\x80\x8a%s\xe3\x80\x8b", v[i]->key);
		ipm_buf_clear(&val);
		ipm_buf_adds(&val, v[i]->val ? v[i]->val : "\x1f\x1f");
		c[0] = title.s;
		c[1] = val.s;
		p = strchr(val.s, IPM_TALLY_SEP);
		q = p ? strchr(p + 1, IPM_TALLY_SEP) : NULL;
		if (!p || !q)
			continue;
		*p = *q = '\0';
		c[2] = p + 1;
		c[3] = q + 1;
		row(d, c, 4, 0, 3, -1);
	}
	table_end(d);
	ipm_buf_free(&title);
	ipm_buf_free(&val);
	free(v);
}

static void summary(struct doc *d, const struct ipm_period *cur, const struct ipm_period *prev)
{
	ipm_buf lines = { 0 };
	char *p, *nl;

	ipm_sentences_build(d->s, cur->d, prev ? prev->d : NULL, cur->start, cur->end, &lines);
	for (p = lines.s; p && *p; p = nl + 1) {
		nl = strchr(p, '\n');
		*nl = '\0';
		para(d, p);
	}
	ipm_buf_free(&lines);
}

/* Records per period: a line chart (HTML) or a table (Markdown). */
static void trend(struct doc *d, const struct ipm_render *r)
{
	static const char *const keys[] = { "period", "c.count" };
	const char **labels = ipm_malloc(r->nall * sizeof *labels);
	long *values = ipm_malloc(r->nall * sizeof *values);
	ipm_buf svg = { 0 };
	char cnt[24];
	size_t i;

	for (i = 0; i < r->nall; i++) {
		labels[i] = r->all[i].label;
		values[i] = r->all[i].d->total;
	}
	head(d, 2, ipm_label(r->s, "h.trend"));
	if (d->html) {
		ipm_svg_trend(&svg, ipm_label(r->s, "h.trend"), labels, values, r->nall);
		figure(d, &svg);
	} else {
		table_begin(d, keys, 2);
		for (i = 0; i < r->nall; i++) {
			const char *c[2] = { labels[i], cnt };

			snprintf(cnt, sizeof cnt, "%ld", values[i]);
			row(d, c, 2, 0, -1, -1);
		}
		table_end(d);
	}
	ipm_buf_free(&svg);
	free(labels);
	free(values);
}

void ipm_render_report(ipm_buf *out, const struct ipm_render *r,
                       const struct ipm_period *cur, const struct ipm_period *prev)
{
	struct doc d = { out, r->fmt == IPM_RENDER_HTML, r->s };
	const ipm_tally *pt = prev ? prev->d->sections : NULL;
	ipm_buf t = { 0 };

	ipm_buf_printf(&t, "%s %s", ipm_label(r->s, "title"), cur->label);
	page_begin(&d, t.s);
	head(&d, 1, t.s);
	ipm_buf_clear(&t);
	ipm_buf_printf(&t, "%s：%s – %s · %s：", ipm_label(r->s, "period"), cur->start,
	               cur->end, ipm_label(r->s, "c.docs"));
	{
		const ipm_tally_ent **v = ipm_tally_sorted(cur->d->docs, IPM_TALLY_BY_SEQ);
		size_t i;

		for (i = 0; i < ipm_tally_len(cur->d->docs); i++)
			ipm_buf_printf(&t, "%s%s", i ? ", " : "", v[i]->key);
		free(v);
	}
	ipm_buf_printf(&t, " · %ld %s", cur->d->total, ipm_label(r->s, "records"));
	if (prev)
		ipm_buf_printf(&t, " · %s %s", ipm_label(r->s, "c.prev"), prev->label);
	para(&d, t.s);
	head(&d, 2, ipm_label(r->s, "h.summary"));
	summary(&d, cur, prev);
	if (r->all && r->nall > 1)
		trend(&d, r);
	head(&d, 2, ipm_label(r->s, "h.sections"));
	count_table(&d, "c.section", cur->d->sections, pt, 100, IPM_TALLY_BY_SEQ, 1);
	head(&d, 2, ipm_label(r->s, "h.sectors"));
	sector_chart(&d, cur->d, prev ? prev->d : NULL);
	count_table(&d, "c.sector", cur->d->sectors, prev ? prev->d->sectors : NULL, 100,
	            IPM_TALLY_BY_COUNT, 0);
	head(&d, 2, ipm_label(r->s, "h.subsectors"));
	count_table(&d, "c.subsector", cur->d->subsectors, prev ? prev->d->subsectors : NULL,
	            r->top, IPM_TALLY_BY_COUNT, 0);
	head(&d, 2, ipm_label(r->s, "h.provinces"));
	province_tiles(&d, r, cur->d);
	province_table(&d, r, cur->d);
	head(&d, 2, ipm_label(r->s, "h.companies"));
	count_table(&d, "c.company", cur->d->companies, prev ? prev->d->companies : NULL,
	            r->top, IPM_TALLY_BY_COUNT, 0);
	head(&d, 2, ipm_label(r->s, "h.policies"));
	policy_table(&d, cur->d);
	page_end(&d);
	ipm_buf_free(&t);
}

void ipm_render_index(ipm_buf *out, const struct ipm_render *r,
                      const struct ipm_period *p, size_t n, const char *ext)
{
	static const char *const keys[] = { "c.report", "c.window", "c.count", "c.change" };
	struct doc d = { out, r->fmt == IPM_RENDER_HTML, r->s };
	const char **labels = ipm_malloc((n ? n : 1) * sizeof *labels);
	long *values = ipm_malloc((n ? n : 1) * sizeof *values);
	ipm_buf svg = { 0 }, link = { 0 };
	char win[32], cnt[24], chg[24];
	size_t i;

	page_begin(&d, ipm_label(r->s, "index"));
	head(&d, 1, ipm_label(r->s, "index"));
	for (i = 0; i < n; i++) {
		labels[i] = p[i].label;
		values[i] = p[i].d->total;
	}
	if (n && d.html) {   /* Markdown has the numbers in the table below */
		head(&d, 2, ipm_label(r->s, "h.trend"));
		ipm_svg_trend(&svg, ipm_label(r->s, "h.trend"), labels, values, n);
		figure(&d, &svg);
	}
	head(&d, 2, ipm_label(r->s, "h.periods"));
	table_begin(&d, keys, 4);
	for (i = 0; i < n; i++) {
		const char *c[4];

		ipm_buf_clear(&link);
		if (d.html) {
			ipm_buf_printf(&link, "<a href=\"%s.%s\">", p[i].label, ext);
			ipm_xml_escape(&link, p[i].label);
			ipm_buf_adds(&link, "</a>");
		} else {
			ipm_buf_printf(&link, "[%s](%s.%s)", p[i].label, p[i].label, ext);
		}
		snprintf(win, sizeof win, "%s – %s", p[i].start, p[i].end);
		snprintf(cnt, sizeof cnt, "%ld", values[i]);
		if (i)
			snprintf(chg, sizeof chg, "%+ld", values[i] - values[i - 1]);
		else
			chg[0] = '\0';
		c[0] = link.s;
		c[1] = win;
		c[2] = cnt;
		c[3] = chg;
		row(&d, c, 4, 0, -1, 0);
	}
	table_end(&d);
	page_end(&d);
	ipm_buf_free(&svg);
	ipm_buf_free(&link);
	free(labels);
	free(values);
}
