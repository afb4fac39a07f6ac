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
	int filter;          /* the page has the item filter: add its script */
};

/* The item filter: hides item rows whose text lacks the query, and group
 * rows left empty. Allowed by its hash in the page's CSP (script-src
 * 'sha256-...'), so no other inline script can run; recompute the hash with
 * `printf %s "$js" | openssl dgst -sha256 -binary | base64` when it changes
 * (scripts/tests/report_pages.sh checks it). */
const char ipm_render_js[] =
	"(function(){var q=document.getElementById('q'),o=document.getElementById('qn');"
	"function f(){var w=q.value.trim().toLowerCase(),n=0;"
	"document.querySelectorAll('table.items').forEach(function(t){var g=null,k=0;"
	"function end(){if(g)g.hidden=k===0;}"
	"t.querySelectorAll('tr').forEach(function(r){if(r.className==='g'){end();g=r;k=0;return;}"
	"if(!r.cells.length||r.cells[0].tagName==='TH')return;"
	"var s=!w||r.textContent.toLowerCase().indexOf(w)>=0;r.hidden=!s;if(s){k++;n++;}});end();});"
	"o.textContent=String(n);}q.addEventListener('input',f);f();"
	"document.documentElement.setAttribute('data-filter','on');})();";
const char ipm_render_js_hash[] = "sha256-HrRzbdzYM5tFbjXv2IpxGvjgtNRlncCDUEL3/E/Q+Kc=";

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
			const char *h = strstr(c[i], "//"), *e;
			ipm_buf host = { 0 };

			ipm_buf_adds(d->b, "<a href=\"");
			ipm_xml_escape(d->b, c[i]);
			ipm_buf_adds(d->b, "\" title=\"");
			ipm_xml_escape(d->b, c[i]);
			ipm_buf_adds(d->b, "\">");
			h = h ? h + 2 : c[i];   /* the link reads as its host */
			e = strchr(h, '/');
			ipm_buf_add(&host, h, e ? (size_t)(e - h) : strlen(h));
			ipm_xml_escape(d->b, host.s ? host.s : "");
			ipm_buf_free(&host);
			ipm_buf_adds(d->b, "</a>");
			ipm_buf_adds(d->b, th ? "</th>" : "</td>");
			continue;
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

/* A chart with its legend: pairs of colour and label key (n pairs). */
static void figure(struct doc *d, const ipm_buf *svg, const char *const *legend, size_t n)
{
	size_t i;

	if (!d->html || !svg->len)
		return;
	ipm_buf_printf(d->b, "<figure>%s<figcaption>", svg->s);
	for (i = 0; i < n; i++) {
		if (legend[2 * i][0])
			ipm_buf_printf(d->b, "<span class=\"sw\" style=\"background:%s\"></span>",
			               legend[2 * i]);
		ipm_xml_escape(d->b, ipm_label(d->s, legend[2 * i + 1]));
		ipm_buf_adds(d->b, i + 1 < n ? " " : "");
	}
	ipm_buf_adds(d->b, "</figcaption></figure>\n");
}

static void page_begin(struct doc *d, const char *title)
{
	if (!d->html)
		return;
	ipm_buf_printf(d->b, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
	               "<meta name=\"viewport\" content=\"width=device-width\">\n"
	               "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	               "style-src 'unsafe-inline'; script-src '%s'\">\n<title>", ipm_render_js_hash);
	ipm_xml_escape(d->b, title);
	ipm_buf_adds(d->b, "</title>\n<style>\n"
	             "body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222}\n"
	             "table{border-collapse:collapse;margin:1em 0}\n"
	             "th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}\n"
	             "td:not(:first-child){white-space:nowrap}\n"
	             "th{background:#f0f3f8}\nfigure{margin:1em 0}\n"
	             "figcaption{font-size:.85em;color:#555}\n"
	             ".sw{display:inline-block;width:.9em;height:.9em;margin:0 .3em 0 .8em;vertical-align:-.1em}\n"
	             "nav{margin:.5em 0;font-size:.95em}\nnav a{margin-right:1em}\n"
	             ".note{background:#fff6e0;border-left:4px solid #e0a800;padding:.4em .8em}\n"
	             "table.items td:first-child{white-space:nowrap}\ntable.items td:nth-child(2){white-space:normal}\n"
	             "tr.g th{background:#e8edf5}\n.src{color:#777;font-size:.85em}\n"
	             "footer{margin-top:2em;border-top:1px solid #ccc;padding-top:.5em;font-size:.85em;color:#555}\n"
	             "svg{max-width:100%;height:auto}\n"
	             "@media print{@page{size:A4;margin:14mm}body{max-width:none;margin:0;padding:0;font-size:10pt}"
	             "nav,#filter{display:none}a{color:inherit;text-decoration:none}"
	             "h2{break-after:avoid}tr,figure{break-inside:avoid}"
	             "td:not(:first-child){white-space:normal}}\n"
	             "</style>\n</head>\n<body>\n");
}

static const struct ipm_source *source_of(const struct ipm_render *r, const char *doc)
{
	size_t i;

	for (i = 0; i < r->nsrc; i++)
		if (strcmp(r->src[i].doc, doc) == 0)
			return &r->src[i];
	return NULL;
}

/* The provenance footer: when, which ipm, from which documents (with their
 * record counts, and with --sources their files, hashes and rejects), then
 * the page's end. */
static void page_end(struct doc *d, const struct ipm_render *r, const ipm_tally *docs)
{
	const ipm_tally_ent **v = ipm_tally_sorted(docs, IPM_TALLY_BY_KEY);
	size_t i, n = ipm_tally_len(docs);
	ipm_buf t = { 0 };

	if (r->generated)
		ipm_buf_printf(&t, "%s %s · ", ipm_label(d->s, "f.generated"), r->generated);
	ipm_buf_printf(&t, "ipm %s · %s：", IPM_VERSION, ipm_label(d->s, "f.sources"));
	for (i = 0; i < n; i++) {
		const struct ipm_source *so = source_of(r, v[i]->key);
		ipm_buf_printf(&t, "%s%s（%ld %s", i ? "、" : "", *v[i]->key ? v[i]->key : "-",
		               v[i]->n, ipm_label(d->s, "records"));
		if (so)
			ipm_buf_printf(&t, "；%s，sha256 %.12s", so->file, so->sha256);
		if (so && so->rejects >= 0)
			ipm_buf_printf(&t, "；%s %ld", ipm_label(d->s, "f.rejects"), so->rejects);
		ipm_buf_adds(&t, "）");
	}
	if (d->html) {
		ipm_buf_adds(d->b, "<footer>");
		ipm_xml_escape(d->b, t.s);
		ipm_buf_adds(d->b, "</footer>\n");
		if (d->filter)
			ipm_buf_printf(d->b, "<script>%s</script>\n", ipm_render_js);
		ipm_buf_adds(d->b, "</body>\n</html>\n");
	} else {
		ipm_buf_printf(d->b, "---\n\n%s\n", t.s);
	}
	ipm_buf_free(&t);
	free(v);
}

/* A navigation line: pairs of link target (without extension) and text. */
static void nav(struct doc *d, const struct ipm_render *r, const char *const *l, size_t n)
{
	size_t i;

	if (!r->ext)
		return;
	ipm_buf_adds(d->b, d->html ? "<nav>" : "");
	for (i = 0; i < n; i++) {
		if (!l[2 * i])
			continue;
		if (d->html) {
			ipm_buf_printf(d->b, "<a href=\"%s.%s\">", l[2 * i], r->ext);
			ipm_xml_escape(d->b, l[2 * i + 1]);
			ipm_buf_adds(d->b, "</a>");
		} else {
			ipm_buf_printf(d->b, "%s[%s](%s.%s)", i ? " · " : "", l[2 * i + 1], l[2 * i], r->ext);
		}
	}
	ipm_buf_adds(d->b, d->html ? "</nav>\n" : "\n\n");
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
	static const char *const leg[] = { "#3b6fb6", "l.cur", "#c0392b", "l.prev" };
	static const char *const leg1[] = { "#3b6fb6", "c.count" };

	if (n)
		ipm_svg_bars(&svg, ipm_label(d->s, "h.sectors"), bar, n);
	figure(d, &svg, prev ? leg : leg1, prev ? 2 : 1);
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
	static const char *const leg[] = { "#eeeeee", "l.none", "#c9dcef", "l.few", "#4f7fb0", "l.many" };

	if (r->ntiles)
		ipm_svg_tiles(&svg, ipm_label(d->s, "h.tiles"), t, r->ntiles);
	figure(d, &svg, leg, 3);
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

	ipm_sentences_build(d->s, cur->d, prev ? prev->d : NULL, prev ? prev->label : NULL,
	                    cur->start, cur->end, &lines);
	for (p = lines.s; p && *p; p = nl + 1) {
		nl = strchr(p, '\n');
		*nl = '\0';
		para(d, p);
	}
	ipm_buf_free(&lines);
}

/* The trend series of periods p[0..n) ending at `to` (NULL: the last):
 * with month labels, every calendar month from max(first period, to - span
 * + 1) to `to`, -1 where no report (span 0: all); else the periods as they
 * are. Labels are malloc'd char[8] (free *lab and *val). */
static size_t series(const struct ipm_period *p, size_t n, const char *to, int span,
                     char (**lab)[8], long **val)
{
	char m[8], first[8];
	size_t i, k = 0, cap = 16;
	int months = 1;

	for (i = 0; i < n; i++)
		months &= strlen(p[i].label) == 7 && p[i].label[4] == '-';
	*lab = ipm_malloc(cap * sizeof **lab);
	*val = ipm_malloc(cap * sizeof **val);
	if (!n)
		return 0;
	if (!months) {
		*lab = ipm_realloc(*lab, n * sizeof **lab);
		*val = ipm_realloc(*val, n * sizeof **val);
		for (i = 0; i < n; i++) {
			snprintf((*lab)[i], 8, "%.7s", p[i].label);
			(*val)[i] = p[i].d->total;
		}
		return n;
	}
	snprintf(m, sizeof m, "%.7s", to ? to : p[n - 1].label);
	snprintf(first, sizeof first, "%.7s", p[0].label);
	/* walk back from `to`, then reverse */
	while (strcmp(m, first) >= 0 && (span == 0 || (int)k < span) && k < 240) {
		const struct ipm_period *hit = NULL;

		for (i = 0; i < n; i++)
			if (strcmp(p[i].label, m) == 0)
				hit = &p[i];
		if (k == cap) {
			cap *= 2;
			*lab = ipm_realloc(*lab, cap * sizeof **lab);
			*val = ipm_realloc(*val, cap * sizeof **val);
		}
		memcpy((*lab)[k], m, 8);
		(*val)[k++] = hit ? hit->d->total : -1;
		ipm_month_step(m, -1, m);
	}
	for (i = 0; i < k / 2; i++) {
		char t[8];
		long v = (*val)[i];

		memcpy(t, (*lab)[i], 8);
		memcpy((*lab)[i], (*lab)[k - 1 - i], 8);
		memcpy((*lab)[k - 1 - i], t, 8);
		(*val)[i] = (*val)[k - 1 - i];
		(*val)[k - 1 - i] = v;
	}
	return k;
}

/* Records per month: a line chart (HTML) or a table (Markdown), gaps shown. */
static void trend_of(struct doc *d, const struct ipm_render *r, const char *to, int span)
{
	static const char *const keys[] = { "period", "c.count" };
	static const char *const leg[] = { "#3b6fb6", "l.count", "#bbbbbb", "l.gap" };
	char (*lab)[8];
	long *values;
	size_t i, n = series(r->all, r->nall, to, span, &lab, &values);
	const char **labels = ipm_malloc((n ? n : 1) * sizeof *labels);
	ipm_buf svg = { 0 };
	char cnt[24];
	int gaps = 0;

	for (i = 0; i < n; i++) {
		labels[i] = lab[i];
		gaps |= values[i] < 0;
	}
	head(d, 2, ipm_label(r->s, "h.trend"));
	if (d->html) {
		ipm_svg_trend(&svg, ipm_label(r->s, "h.trend"), labels, values, n);
		figure(d, &svg, leg, gaps ? 2 : 1);
	} else {
		table_begin(d, keys, 2);
		for (i = 0; i < n; i++) {
			const char *c[2] = { labels[i], cnt };

			if (values[i] >= 0)
				snprintf(cnt, sizeof cnt, "%ld", values[i]);
			else
				snprintf(cnt, sizeof cnt, "%s", ipm_label(r->s, "l.gap"));
			row(d, c, 2, 0, -1, -1);
		}
		table_end(d);
	}
	ipm_buf_free(&svg);
	free(labels);
	free(lab);
	free(values);
}

/* The item list: section -> actor -> dated items with link and source. */
static void item_list(struct doc *d, const ipm_digest *dg, const char *only)
{
	char *store;
	size_t i, n;
	struct ipm_item *it = ipm_digest_items(dg, &n, &store);
	const char *sec = NULL, *actor = NULL;
	ipm_buf t = { 0 };

	if (!n) {
		free(it);
		free(store);
		return;
	}
	head(d, 2, ipm_label(d->s, only ? "h.timeline" : "h.items"));
	if (d->html && !only) {
		ipm_buf_printf(d->b, "<p id=\"filter\"><label>%s <input id=\"q\" type=\"search\" "
		               "placeholder=\"", ipm_label(d->s, "l.filter"));
		ipm_xml_escape(d->b, ipm_label(d->s, "l.filter_hint"));
		ipm_buf_printf(d->b, "\"></label> <span id=\"qn\">%zu</span> %s</p>\n", n,
		               ipm_label(d->s, "records"));
		d->filter = 1;
	}
	for (i = 0; i < n; i++) {
		const struct ipm_item *x = &it[i];

		if (only && strcmp(x->section, only) != 0)
			continue;
		if (!sec || strcmp(sec, x->section) != 0) {
			if (sec)
				ipm_buf_adds(d->b, d->html ? "</table>\n" : "\n");
			if (!only)
				head(d, 3, ipm_label(d->s, x->section));
			if (d->html)
				ipm_buf_printf(d->b, "<table class=\"items\">\n<tr><th>%s</th><th>%s</th><th>%s</th></tr>\n",
				               ipm_label(d->s, "c.date"), ipm_label(d->s, "c.item"),
				               ipm_label(d->s, "c.source"));
			sec = x->section;
			actor = NULL;
		}
		if (!only && (!actor || strcmp(actor, x->actor) != 0)) {
			const char *a = *x->actor ? x->actor : ipm_label(d->s, "l.noactor");

			if (d->html) {
				ipm_buf_adds(d->b, "<tr class=\"g\"><th colspan=\"3\">");
				ipm_xml_escape(d->b, a);
				ipm_buf_adds(d->b, "</th></tr>\n");
			} else {
				ipm_buf_printf(d->b, "%s**%s**\n\n", actor ? "\n" : "", a);
			}
			actor = x->actor;
		}
		ipm_buf_clear(&t);
		ipm_buf_printf(&t, "%s%s%s", x->doc, *x->line ? ":" : "", x->line);
		if (d->html) {
			ipm_buf_adds(d->b, "<tr><td>");
			ipm_xml_escape(d->b, *x->date ? x->date : "–");
			ipm_buf_adds(d->b, "</td><td>");
			if (*x->url) {
				ipm_buf_adds(d->b, "<a href=\"");
				ipm_xml_escape(d->b, x->url);
				ipm_buf_adds(d->b, "\">");
			}
			ipm_xml_escape(d->b, x->text);
			ipm_buf_adds(d->b, *x->url ? "</a>" : "");
			ipm_buf_adds(d->b, "</td><td class=\"src\">");
			ipm_xml_escape(d->b, t.s);
			ipm_buf_adds(d->b, "</td></tr>\n");
		} else {
			ipm_buf_printf(d->b, "- %s ", *x->date ? x->date : "–");
			if (*x->url) {
				ipm_buf_adds(d->b, "[");
				for (const char *c = x->text; *c; c++) {
					if (*c == '[' || *c == ']' || *c == '\\')
						ipm_buf_addc(d->b, '\\');
					ipm_buf_addc(d->b, *c == '\n' ? ' ' : *c);
				}
				ipm_buf_printf(d->b, "](<%s>)", x->url);
			} else {
				md_cell(d->b, x->text);
			}
			ipm_buf_printf(d->b, " (%s)\n", t.s);
		}
	}
	if (sec)
		ipm_buf_adds(d->b, d->html ? "</table>\n" : "\n");
	ipm_buf_free(&t);
	free(it);
	free(store);
}

void ipm_render_report(ipm_buf *out, const struct ipm_render *r,
                       const struct ipm_period *cur, const struct ipm_period *prev)
{
	struct doc d = { out, r->fmt == IPM_RENDER_HTML, r->s, 0 };
	const ipm_tally *pt = prev ? prev->d->sections : NULL;
	ipm_buf t = { 0 };
	char want[8], next[8] = "";
	const char *navl[6] = { "index", ipm_label(r->s, "nav.index"), NULL, NULL, NULL, NULL };
	ipm_buf pl = { 0 }, nl = { 0 };
	size_t i;

	ipm_buf_printf(&t, "%s %s", ipm_label(r->s, "title"), cur->label);
	page_begin(&d, t.s);
	if (prev) {
		ipm_buf_printf(&pl, "← %s %s", ipm_label(r->s, "c.prev"), prev->label);
		navl[2] = prev->label;
		navl[3] = pl.s;
	}
	for (i = 0; r->all && i < r->nall; i++)
		if (strcmp(r->all[i].label, cur->label) > 0) {
			snprintf(next, sizeof next, "%.7s", r->all[i].label);
			ipm_buf_printf(&nl, "%s %s →", ipm_label(r->s, "nav.next"), next);
			navl[4] = r->all[i].label;
			navl[5] = nl.s;
			break;
		}
	nav(&d, r, navl, 3);
	head(&d, 1, t.s);
	ipm_buf_clear(&t);
	if (*cur->start)
		ipm_buf_printf(&t, "%s：%s – %s · ", ipm_label(r->s, "period"), cur->start, cur->end);
	ipm_buf_printf(&t, "%s：", ipm_label(r->s, "c.docs"));
	{
		const ipm_tally_ent **v = ipm_tally_sorted(cur->d->docs, IPM_TALLY_BY_SEQ);

		for (i = 0; i < ipm_tally_len(cur->d->docs); i++)
			ipm_buf_printf(&t, "%s%s", i ? ", " : "", v[i]->key);
		free(v);
	}
	ipm_buf_printf(&t, " · %ld %s", cur->d->total, ipm_label(r->s, "records"));
	if (prev)
		ipm_buf_printf(&t, " · %s %s", ipm_label(r->s, "c.prev"), prev->label);
	para(&d, t.s);
	ipm_month_step(cur->label, -1, want);
	if (*want && prev && strcmp(prev->label, want) != 0) {
		ipm_buf_clear(&t);
		ipm_buf_printf(&t, "%s（%s）%s", ipm_label(r->s, "c.prev"), want, ipm_label(r->s, "n.missing"));
		if (prev)
			ipm_buf_printf(&t, "%s %s %s。", ipm_label(r->s, "n.compare"), prev->label,
			               ipm_label(r->s, "n.compare2"));
		else
			ipm_buf_printf(&t, "%s", ipm_label(r->s, "n.nocompare"));
		if (d.html) {
			ipm_buf_adds(out, "<p class=\"note\">");
			ipm_xml_escape(out, t.s);
			ipm_buf_adds(out, "</p>\n");
		} else {
			ipm_buf_printf(out, "> %s\n\n", t.s);
		}
	}
	head(&d, 2, ipm_label(r->s, "h.summary"));
	summary(&d, cur, prev);
	if (r->all && r->nall > 1)
		trend_of(&d, r, cur->label, 12);
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
	item_list(&d, cur->d, NULL);
	page_end(&d, r, cur->d->docs);
	ipm_buf_free(&t);
	ipm_buf_free(&pl);
	ipm_buf_free(&nl);
}

void ipm_render_book(ipm_buf *out, const struct ipm_render *r, const struct ipm_other *o)
{
	struct doc d = { out, r->fmt == IPM_RENDER_HTML, r->s, 0 };
	const char *navl[2] = { "index", ipm_label(r->s, "nav.index") };
	char start[11], end[11], label[11];
	ipm_buf t = { 0 };

	ipm_buf_printf(&t, "%s %s", ipm_label(r->s, "book"), o->doc);
	page_begin(&d, t.s);
	nav(&d, r, navl, 1);
	head(&d, 1, t.s);
	ipm_buf_clear(&t);
	ipm_digest_window(o->d, start, end, label);
	if (*start)
		ipm_buf_printf(&t, "%s：%s – %s · ", ipm_label(r->s, "c.dates"), start, end);
	ipm_buf_printf(&t, "%ld %s", o->d->total, ipm_label(r->s, "records"));
	para(&d, t.s);
	head(&d, 2, ipm_label(r->s, "h.sections"));
	count_table(&d, "c.section", o->d->sections, NULL, 100, IPM_TALLY_BY_SEQ, 1);
	head(&d, 2, ipm_label(r->s, "h.sectors"));
	sector_chart(&d, o->d, NULL);
	count_table(&d, "c.sector", o->d->sectors, NULL, 100, IPM_TALLY_BY_COUNT, 0);
	head(&d, 2, ipm_label(r->s, "h.subsectors"));
	count_table(&d, "c.subsector", o->d->subsectors, NULL, r->top, IPM_TALLY_BY_COUNT, 0);
	if (ipm_tally_len(o->d->provinces)) {
		head(&d, 2, ipm_label(r->s, "h.provinces"));
		province_tiles(&d, r, o->d);
		province_table(&d, r, o->d);
	}
	if (ipm_tally_len(o->d->companies)) {
		head(&d, 2, ipm_label(r->s, "h.companies"));
		count_table(&d, "c.company", o->d->companies, NULL, r->top, IPM_TALLY_BY_COUNT, 0);
	}
	if (ipm_tally_len(o->d->policies)) {
		head(&d, 2, ipm_label(r->s, "h.policies"));
		policy_table(&d, o->d);
	}
	item_list(&d, o->d, "chronicle");
	page_end(&d, r, o->d->docs);
	ipm_buf_free(&t);
}

static int by_issuer_date(const void *pa, const void *pb)
{
	const ipm_tally_ent *a = *(const ipm_tally_ent *const *)pa;
	const ipm_tally_ent *b = *(const ipm_tally_ent *const *)pb;
	int c = strcmp(a->val ? a->val : "", b->val ? b->val : "");

	return c ? c : strcmp(a->key, b->key);
}

void ipm_render_policies(ipm_buf *out, const struct ipm_render *r, const struct ipm_other *o)
{
	static const char *const keys[] = { "c.issuer", "c.date", "c.title" };
	struct doc d = { out, r->fmt == IPM_RENDER_HTML, r->s, 0 };
	const char *navl[2] = { "index", ipm_label(r->s, "nav.index") };
	const ipm_tally_ent **v = ipm_tally_sorted(o->d->policies, IPM_TALLY_BY_SEQ);
	size_t i, n = ipm_tally_len(o->d->policies);
	ipm_buf val = { 0 }, title = { 0 };

	qsort(v, n, sizeof *v, by_issuer_date);
	page_begin(&d, ipm_label(r->s, "h.register"));
	nav(&d, r, navl, 1);
	head(&d, 1, ipm_label(r->s, "h.register"));
	ipm_buf_printf(&val, "%zu %s", n, ipm_label(r->s, "c.title"));
	para(&d, val.s);
	table_begin(&d, keys, 3);
	for (i = 0; i < n; i++) {
		const char *c[3];
		char *p, *q;

		ipm_buf_clear(&val);
		ipm_buf_adds(&val, v[i]->val ? v[i]->val : "\x1f\x1f");
		if (!(p = strchr(val.s, IPM_TALLY_SEP)) || !(q = strchr(p + 1, IPM_TALLY_SEP)))
			continue;
		*p = *q = '\0';
		ipm_buf_clear(&title);
		if (d.html && q[1]) {
			ipm_buf_adds(&title, "<a href=\"");
			ipm_xml_escape(&title, q + 1);
			ipm_buf_adds(&title, "\">");
		}
		if (d.html)
			ipm_xml_escape(&title, "《");
		else if (q[1])
			ipm_buf_adds(&title, "[");
		ipm_buf_printf(&title, "%s%s", d.html ? "" : "《", "");
		if (d.html)
			ipm_xml_escape(&title, v[i]->key);
		else
			md_cell(&title, v[i]->key);
		ipm_buf_adds(&title, "》");
		if (d.html && q[1])
			ipm_buf_adds(&title, "</a>");
		else if (q[1])
			ipm_buf_printf(&title, "](<%s>)", q + 1);
		c[0] = *val.s ? val.s : "–";
		c[1] = p[1] ? p + 1 : "–";
		c[2] = title.s;
		row(&d, c, 3, 0, -1, 2);
	}
	table_end(&d);
	page_end(&d, r, o->d->docs);
	ipm_buf_free(&val);
	ipm_buf_free(&title);
	free(v);
}

void ipm_render_index(ipm_buf *out, const struct ipm_render *r,
                      const struct ipm_period *p, size_t n, const char *ext)
{
	static const char *const keys[] = { "c.report", "c.window", "c.count", "c.change" };
	struct doc d = { out, r->fmt == IPM_RENDER_HTML, r->s, 0 };
	ipm_buf link = { 0 }, chg = { 0 };
	ipm_tally *docs = ipm_tally_new();
	char win[32], cnt[24], want[8];
	size_t i;

	page_begin(&d, ipm_label(r->s, "index"));
	head(&d, 1, ipm_label(r->s, "index"));
	if (n && d.html)   /* Markdown has the numbers in the table below */
		trend_of(&d, r, NULL, 0);
	head(&d, 2, ipm_label(r->s, "h.periods"));
	table_begin(&d, keys, 4);
	for (i = 0; i < n; i++) {
		const char *c[4];

		ipm_tally_merge(docs, p[i].d->docs);
		ipm_buf_clear(&link);
		if (d.html) {
			ipm_buf_printf(&link, "<a href=\"%s.%s\">", p[i].label, ext);
			ipm_xml_escape(&link, p[i].label);
			ipm_buf_adds(&link, "</a>");
		} else {
			ipm_buf_printf(&link, "[%s](%s.%s)", p[i].label, p[i].label, ext);
		}
		snprintf(win, sizeof win, "%s – %s", p[i].start, p[i].end);
		snprintf(cnt, sizeof cnt, "%ld", p[i].d->total);
		ipm_buf_clear(&chg);
		ipm_month_step(p[i].label, -1, want);
		if (i) {
			ipm_buf_printf(&chg, "%+ld", p[i].d->total - p[i - 1].d->total);
			if (*want && strcmp(want, p[i - 1].label) != 0)
				ipm_buf_printf(&chg, "（%s %s，%s %s）", ipm_label(r->s, "l.vs"), p[i - 1].label,
				               want, ipm_label(r->s, "n.missing"));
		}
		c[0] = link.s;
		c[1] = win;
		c[2] = cnt;
		c[3] = chg.s ? chg.s : "";
		row(&d, c, 4, 0, -1, 0);
	}
	table_end(&d);
	if (r->nother) {
		static const char *const okeys[] = { "c.report", "c.kind", "c.count" };

		head(&d, 2, ipm_label(r->s, "h.other"));
		table_begin(&d, okeys, 3);
		for (i = 0; i < r->nother; i++) {
			const struct ipm_other *o = &r->other[i];
			const char *c[3];

			ipm_tally_merge(docs, o->d->docs);
			ipm_buf_clear(&link);
			if (d.html) {
				ipm_buf_printf(&link, "<a href=\"%s.%s\">", o->page, ext);
				ipm_xml_escape(&link, o->doc ? o->doc : ipm_label(r->s, "h.register"));
				ipm_buf_adds(&link, "</a>");
			} else {
				ipm_buf_printf(&link, "[%s](%s.%s)", o->doc ? o->doc : ipm_label(r->s, "h.register"),
				               o->page, ext);
			}
			snprintf(cnt, sizeof cnt, "%ld", o->d->total);
			c[0] = link.s;
			c[1] = ipm_label(r->s, o->kind == IPM_KIND_BOOK ? "book" : "h.register");
			c[2] = cnt;
			row(&d, c, 3, 0, -1, 0);
		}
		table_end(&d);
	}
	page_end(&d, r, docs);
	ipm_tally_free(docs);
	ipm_buf_free(&link);
	ipm_buf_free(&chg);
}
