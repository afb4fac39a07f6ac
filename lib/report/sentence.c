/* sentence: template loading and placeholder expansion. */
#include <stdlib.h>
#include <string.h>

#include "sentence.h"

#define ENUM_SEP "\xe3\x80\x81"   /* 、 between listed names */
#define ETC "\xe7\xad\x89"        /* 等 */

struct tpl {
	char *kind, *key, *text;
	long min, names, count;
};

struct ipm_sentences {
	struct tpl *t;
	size_t n;
	ipm_tally *labels;   /* key -> val label */
};

/* Context of one sentence being expanded. */
struct ctx {
	const ipm_sentences *s;
	const ipm_digest *cur, *prev;
	const struct tpl *t;
	const char *key, *start, *end;
	const char *sub;     /* the subsector of a "subsector KEY@EVENT" row */
	int empty;           /* a list placeholder expanded to nothing */
	const char *prev_label;   /* {prev}: the name of the previous period, or NULL */
};

static long num_field(const char *s)
{
	long v;

	return ipm_parse_long(s, 0, 1000000, &v) == 0 ? v : 0;
}

static int parse_line(ipm_sentences *s, char *line)
{
	char *f[6];
	size_t nf = 0;
	struct tpl *t;

	f[nf++] = line;
	for (; *line && nf < 6; line++)
		if (*line == '\t') {
			*line = '\0';
			f[nf++] = line + 1;
		}
	if (nf != 6)
		return -1;
	if (strcmp(f[0], "label") == 0) {
		ipm_tally_setval(ipm_tally_addc(s->labels, f[1], 1), f[5]);
		return 0;
	}
	s->t = ipm_realloc(s->t, (s->n + 1) * sizeof *s->t);
	t = &s->t[s->n++];
	t->kind = ipm_strndup(f[0], strlen(f[0]));
	t->key = ipm_strndup(f[1], strlen(f[1]));
	t->text = ipm_strndup(f[5], strlen(f[5]));
	t->min = num_field(f[2]);
	t->names = num_field(f[3]);
	t->count = num_field(f[4]);
	return 0;
}

ipm_sentences *ipm_sentences_load(const char *path)
{
	FILE *fp = ipm_fopen_in(path);
	ipm_sentences *s;
	ipm_buf b = { 0 };
	long line = 0;
	int rc;

	if (!fp)
		return NULL;
	s = ipm_calloc(1, sizeof *s);
	s->labels = ipm_tally_new();
	while ((rc = ipm_getline(fp, &b)) > 0) {
		line++;
		if (b.len && b.s[b.len - 1] == '\r')
			b.s[--b.len] = '\0';
		if (b.len == 0 || b.s[0] == '#')
			continue;
		if (parse_line(s, b.s) != 0) {
			ipm_err(path, line, "want 6 TAB-separated fields");
			rc = -2;
			break;
		}
	}
	if (rc == -1)
		ipm_err(path, line, "read error:");
	fclose(fp);
	ipm_buf_free(&b);
	if (rc < 0) {
		ipm_sentences_free(s);
		return NULL;
	}
	return s;
}

void ipm_sentences_free(ipm_sentences *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->n; i++) {
		free(s->t[i].kind);
		free(s->t[i].key);
		free(s->t[i].text);
	}
	free(s->t);
	ipm_tally_free(s->labels);
	free(s);
}

const char *ipm_label(const ipm_sentences *s, const char *key)
{
	const ipm_tally_ent *e = ipm_tally_get(s->labels, key, strlen(key));

	return e && e->val ? e->val : key;
}

/* List the parts after "prefix SEP" of t's keys (all keys when prefix is
 * NULL), at most max, joined by 、; labels applied when lab. */
static void list(ipm_buf *out, const ipm_tally *t, const char *prefix,
                 enum ipm_tally_order o, long max, const ipm_sentences *lab)
{
	const ipm_tally_ent **v = ipm_tally_sorted(t, o);
	size_t i, nl, n = ipm_tally_len(t), pl = prefix ? strlen(prefix) : 0;
	long k = 0;

	for (i = 0; i < n && k < max; i++) {
		const char *name = v[i]->key;

		if (prefix) {
			if (v[i]->klen <= pl || memcmp(name, prefix, pl) != 0 ||
			    name[pl] != IPM_TALLY_SEP)
				continue;
			name += pl + 1;
		}
		if (!*name)
			continue;
		if (k++)
			ipm_buf_adds(out, ENUM_SEP);
		name = lab ? ipm_label(lab, name) : name;
		nl = strlen(name);
		if (nl > strlen(ETC) && strcmp(name + nl - strlen(ETC), ETC) == 0)
			nl -= strlen(ETC);   /* "工信部等": the template says 等 */
		ipm_buf_add(out, name, nl);
	}
	free(v);
}

/* Sectors that grew since prev, largest growth first. */
static void sectors_up(ipm_buf *out, const struct ctx *c)
{
	ipm_tally *up = ipm_tally_new();
	const ipm_tally_ent **v = ipm_tally_sorted(c->cur->sectors, IPM_TALLY_BY_SEQ);
	size_t i, n = ipm_tally_len(c->cur->sectors);

	for (i = 0; i < n; i++) {
		long d = v[i]->n - ipm_tally_count(c->prev->sectors, v[i]->key);

		if (d > 0)
			ipm_tally_addc(up, v[i]->key, d);
	}
	list(out, up, NULL, IPM_TALLY_BY_COUNT, c->t->names, NULL);
	free(v);
	ipm_tally_free(up);
}

/* "国家部委3条、地方7条…": the report's sections that have records. */
static void sections(ipm_buf *out, const struct ctx *c)
{
	static const char *const order[] = { "ministry", "province", "enterprise", "summit", "special" };
	size_t i, k = 0;

	for (i = 0; i < sizeof order / sizeof *order; i++) {
		long n = ipm_tally_count(c->cur->sections, order[i]);

		if (n > 0)
			ipm_buf_printf(out, "%s%s%ld%s", k++ ? ENUM_SEP : "", ipm_label(c->s, order[i]), n,
			               ipm_label(c->s, "records"));
	}
}

static int is_list(const char *name)
{
	static const char *const lists[] = { "actors", "subsectors", "provinces", "sections",
		"companies", "sectors_up" };
	size_t i;

	for (i = 0; i < sizeof lists / sizeof *lists; i++)
		if (strcmp(name, lists[i]) == 0)
			return 1;
	return 0;
}

/* Expand one placeholder; 0 when unknown. */
static int expand(ipm_buf *out, const char *name, const struct ctx *c)
{
	long prev = c->prev ? c->prev->total : 0, delta = c->cur->total - prev;
	long nsub = c->t->count > 0 ? c->t->count : c->t->names;
	int ev = strcmp(c->t->kind, "event") == 0;

	if (strncmp(name, "n:", 2) == 0)
		ipm_buf_printf(out, "%ld", ipm_tally_count(c->cur->sections, name + 2));
	else if (strcmp(name, "total") == 0)
		ipm_buf_printf(out, "%ld", c->cur->total);
	else if (strcmp(name, "prev") == 0)
		ipm_buf_adds(out, c->prev_label ? c->prev_label : "");
	else if (strcmp(name, "prev_total") == 0)
		ipm_buf_printf(out, "%ld", prev);
	else if (strcmp(name, "delta") == 0)
		ipm_buf_printf(out, "%ld", delta < 0 ? -delta : delta);
	else if (strcmp(name, "pct") == 0)
		ipm_buf_printf(out, "%+.0f%%", prev ? 100.0 * (double)delta / (double)prev : 0.0);
	else if (strcmp(name, "start") == 0 || strcmp(name, "end") == 0)
		ipm_buf_adds(out, name[0] == 's' ? c->start : c->end);
	else if (strcmp(name, "sections") == 0)
		sections(out, c);
	else if (strcmp(name, "docs") == 0)
		list(out, c->cur->docs, NULL, IPM_TALLY_BY_SEQ, 100, NULL);
	else if (strcmp(name, "subsector") == 0)
		ipm_buf_adds(out, ipm_label(c->s, c->sub ? c->sub : c->key));
	else if (strcmp(name, "actors") == 0)
		list(out, c->cur->sec_actor, "ministry", IPM_TALLY_BY_COUNT, c->t->names, NULL);
	else if (strcmp(name, "subsectors") == 0)
		list(out, ev ? c->cur->evt_sub : c->cur->sec_sub, ev ? c->key : "ministry",
		     IPM_TALLY_BY_COUNT, nsub, ev ? NULL : c->s);
	else if (strcmp(name, "provinces") == 0)
		list(out, ev ? c->cur->evt_prov : c->sub ? c->cur->sub_evt_prov : c->cur->sub_prov,
		     c->key, IPM_TALLY_BY_SEQ, c->t->names, NULL);
	else if (strcmp(name, "companies") == 0)
		list(out, c->cur->companies, NULL, IPM_TALLY_BY_COUNT, c->t->names, NULL);
	else if (strcmp(name, "sectors_up") == 0 && c->prev)
		sectors_up(out, c);
	else
		return 0;
	return 1;
}

/* Append the template of c expanded, plus '\n'; nothing if a list is empty.
 * A part in [ ] goes when a placeholder in it comes out empty or "0". */
static size_t emit(ipm_buf *out, struct ctx *c)
{
	size_t mark = out->len, group = 0;
	const char *p = c->t->text;
	char name[64];
	int in_group = 0, group_bad = 0;

	while (*p) {
		const char *q = p[0] == '{' ? strchr(p, '}') : NULL;
		size_t before;

		if (*p == '[' && !in_group) {
			in_group = 1;
			group_bad = 0;
			group = out->len;
			p++;
			continue;
		}
		if (*p == ']' && in_group) {
			if (group_bad) {
				out->len = group;
				out->s[group] = '\0';
			}
			in_group = 0;
			p++;
			continue;
		}
		if (!q || (size_t)(q - p - 1) >= sizeof name) {
			ipm_buf_addc(out, *p++);
			continue;
		}
		memcpy(name, p + 1, (size_t)(q - p - 1));
		name[q - p - 1] = '\0';
		before = out->len;
		if (!expand(out, name, c))
			ipm_buf_add(out, p, (size_t)(q - p + 1));   /* unknown: kept visible */
		else if (in_group && (out->len == before ||
		                      (out->len == before + 1 && out->s[before] == '0')))
			group_bad = 1;
		else if (out->len == before && is_list(name))
			c->empty = 1;
		p = q + 1;
	}
	if (c->empty) {
		out->len = mark;
		out->s[mark] = '\0';
		return 0;
	}
	ipm_buf_addc(out, '\n');
	return 1;
}

/* Distinct tally keys before SEP with how many entries each has. */
static ipm_tally *heads(const ipm_tally *t)
{
	ipm_tally *h = ipm_tally_new();
	const ipm_tally_ent **v = ipm_tally_sorted(t, IPM_TALLY_BY_SEQ);
	size_t i, n = ipm_tally_len(t);

	for (i = 0; i < n; i++) {
		const char *sep = memchr(v[i]->key, IPM_TALLY_SEP, v[i]->klen);

		if (sep)
			ipm_tally_add(h, v[i]->key, (size_t)(sep - v[i]->key), 1);
	}
	free(v);
	return h;
}

/* Whether kind has a row for key itself or for key@EVENT. */
static int has_own_row(const ipm_sentences *s, const char *kind, const char *key)
{
	size_t i, kl = strlen(key);

	for (i = 0; i < s->n; i++)
		if (strcmp(s->t[i].kind, kind) == 0 && strncmp(s->t[i].key, key, kl) == 0 &&
		    (s->t[i].key[kl] == '\0' || s->t[i].key[kl] == '@'))
			return 1;
	return 0;
}

/* Entries of t whose key starts with prefix SEP. */
static long count_prefix(const ipm_tally *t, const char *prefix)
{
	const ipm_tally_ent **v = ipm_tally_sorted(t, IPM_TALLY_BY_SEQ);
	size_t i, n = ipm_tally_len(t), pl = strlen(prefix);
	long k = 0;

	for (i = 0; i < n; i++)
		k += v[i]->klen > pl && memcmp(v[i]->key, prefix, pl) == 0 &&
		     v[i]->key[pl] == IPM_TALLY_SEP;
	free(v);
	return k;
}

/* A "subsector SUB@EVENT" row: provinces with records of both. */
static size_t filtered(ipm_buf *out, struct ctx *c)
{
	const char *at = strchr(c->t->key, '@');
	char *sub = ipm_strndup(c->t->key, (size_t)(at - c->t->key));
	ipm_buf prefix = { 0 };
	size_t made = 0;

	ipm_buf_printf(&prefix, "%s%c%s", sub, IPM_TALLY_SEP, at + 1);
	if (count_prefix(c->cur->sub_evt_prov, prefix.s) >= c->t->min) {
		c->key = prefix.s;
		c->sub = sub;
		made = emit(out, c);
	}
	c->sub = NULL;
	free(sub);
	ipm_buf_free(&prefix);
	return made;
}

/* The sentences of one template row. */
static size_t row(ipm_buf *out, struct ctx *c, const ipm_tally *sub_n, const ipm_tally *evt_n)
{
	const struct tpl *t = c->t;
	const ipm_digest *d = c->cur;
	size_t made = 0, i, n;
	const ipm_tally_ent **v;
	long left = t->count;

	c->key = t->key;
	c->empty = 0;
	if (strcmp(t->kind, "intro") == 0)
		return d->total >= t->min ? emit(out, c) : 0;
	if (strcmp(t->kind, "ministry") == 0)
		return ipm_tally_count(d->sections, "ministry") >= t->min ? emit(out, c) : 0;
	if (strcmp(t->kind, "enterprise") == 0)
		return (long)ipm_tally_len(d->companies) >= t->min ? emit(out, c) : 0;
	if (strcmp(t->kind, "event") == 0)
		return ipm_tally_count(evt_n, t->key) >= t->min ? emit(out, c) : 0;
	if (strcmp(t->kind, "change") == 0) {
		long delta;

		if (!c->prev)
			return 0;
		delta = d->total - c->prev->total;
		if (strcmp(t->key, delta > 0 ? "up" : delta < 0 ? "down" : "same") != 0)
			return 0;
		return emit(out, c);
	}
	if (strcmp(t->kind, "subsector") != 0)
		return 0;
	if (strchr(t->key, '@'))
		return filtered(out, c);
	if (strcmp(t->key, "*") != 0)
		return ipm_tally_count(sub_n, t->key) >= t->min ? emit(out, c) : 0;
	v = ipm_tally_sorted(sub_n, IPM_TALLY_BY_COUNT);
	n = ipm_tally_len(sub_n);
	for (i = 0; i < n && left > 0; i++) {
		if (v[i]->n < t->min || has_own_row(c->s, "subsector", v[i]->key))
			continue;
		c->key = v[i]->key;
		c->empty = 0;
		made += emit(out, c);
		left--;
	}
	free(v);
	return made;
}

size_t ipm_sentences_build(const ipm_sentences *s, const ipm_digest *cur,
                           const ipm_digest *prev, const char *prev_label, const char *start,
                           const char *end, ipm_buf *out)
{
	struct ctx c = { s, cur, prev, NULL, NULL, start, end, NULL, 0, prev_label };
	ipm_tally *sub_n = heads(cur->sub_prov), *evt_n = heads(cur->evt_prov);
	size_t i, made = 0;

	for (i = 0; i < s->n; i++) {
		c.t = &s->t[i];
		made += row(out, &c, sub_n, evt_n);
	}
	ipm_tally_free(sub_n);
	ipm_tally_free(evt_n);
	return made;
}
