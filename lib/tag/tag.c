/* tag: one Aho–Corasick automaton over every dictionary term (places, stop
 * phrases, organisations, companies, sector terms, event triggers, "X+"
 * markers) scans each text once; each field then keeps the leftmost-longest
 * non-overlapping matches of its own kinds. Two small automata serve the
 * plus-term stop words and the doc-number prefixes. */
#include "tag.h"

#include <stdlib.h>
#include <string.h>

#include "core/dict.h"
#include "core/utf8.h"
#include "core/util.h"
#include "match.h"
#include "tagscan.h"

enum {
	K_PLACE = 1, K_STOP = 2, K_ORG = 4, K_COMPANY = 8, K_SECTOR = 16,
	K_EVENT = 32, K_PLUS = 64
};
enum { EV_POLICY, EV_AGREEMENT, EV_PLATFORM, EV_MEETING, EV_STATISTIC, EV_OTHER, EV_NONE };
static const char *const EVENT_NAME[] = {
	"policy", "agreement", "platform", "meeting", "statistic", "other", "none"
};
enum { PL_STOP = 1, PL_GENERIC = 2 };
#define MAXPROV 64
#define MAXTITLES 64
#define HEAD_NONE (-2)   /* no heading cached yet (-1 is "names no province") */

struct entry {
	int kind, next;
	int a;              /* place: province index; event: type; others: table row */
	int b;              /* place: gazetteer row */
};

struct prov {
	const char *shortname, *code, *full;
};

struct strlist {
	ipm_buf b;
	size_t *off, *len, n, cap;
	const char **ptr;
};

struct ipm_tagger {
	ipm_table *gaz, *orgs, *comp, *sect, *ev, *plus, *docn, *hosts;
	ipm_matcher *m, *plusm, *docm;
	int *first;         /* main pattern id -> first entry */
	int *mask;          /* main pattern id -> OR of entry kinds */
	size_t nfirst;
	struct entry *e;
	size_t ne, ecap;
	int *plusrole;      /* plusm pattern id -> PL_* bits */
	int *docrow;        /* docm pattern id -> docnum row */
	char *gshort;       /* gazetteer row -> 1: a county-level unit's short name */
	size_t *cityrow;    /* gazetteer rows of prefecture-level cities by code */
	size_t ncity;
	struct prov prov[MAXPROV];
	int nprov;
	/* column indexes */
	int g_code, g_prov, g_level, g_canon, o_id, c_company, s_sub, s_top, d_issuer, h_kind;
	int clone;          /* shares everything above with its original */
	/* scratch, reused per record */
	ipm_matches all, sel;
	ipm_buf tmp, num, actor;
	ipm_buf head;       /* the last heading seen, and its province (HEAD_NONE: none yet) */
	int head_prov;
	ipm_matches pms, psel;   /* plus-term tails */
	struct strlist ids, places, sectors, subs, plusl, docs, nums, issuers, comps;
};

/* ------------------------------------------------------------ string lists */

static void sl_clear(struct strlist *l)
{
	l->n = 0;
	ipm_buf_clear(&l->b);
}

static void sl_free(struct strlist *l)
{
	ipm_buf_free(&l->b);
	free(l->off);
	free(l->len);
	free(l->ptr);
}

static int sl_has(const struct strlist *l, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->len[i] == n && memcmp(l->b.s + l->off[i], s, n) == 0)
			return 1;
	return 0;
}

/* Append a copy; with uniq, skip one already present. */
static void sl_add(struct strlist *l, const char *s, size_t n, int uniq)
{
	if (uniq && sl_has(l, s, n))
		return;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->off = ipm_realloc(l->off, l->cap * sizeof *l->off);
		l->len = ipm_realloc(l->len, l->cap * sizeof *l->len);
		l->ptr = ipm_realloc(l->ptr, l->cap * sizeof *l->ptr);
	}
	l->off[l->n] = l->b.len;
	l->len[l->n] = n;
	ipm_buf_add(&l->b, s, n);
	l->n++;
}

static void sl_put(ipm_rec *r, const char *key, struct strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		l->ptr[i] = l->b.s + l->off[i];
	ipm_rec_set_arr(r, key, l->ptr, l->len, l->n);
}

/* ------------------------------------------------------------------ loading */

static void add_entry(ipm_tagger *tg, const char *pat, size_t len, int kind, int a, int b)
{
	int id = ipm_matcher_add(tg->m, pat, len);
	struct entry *x;

	if (id < 0)
		return;
	if ((size_t)id >= tg->nfirst) {
		size_t n = tg->nfirst ? tg->nfirst : 1024;

		while (n <= (size_t)id)
			n *= 2;
		tg->first = ipm_realloc(tg->first, n * sizeof *tg->first);
		tg->mask = ipm_realloc(tg->mask, n * sizeof *tg->mask);
		memset(tg->first + tg->nfirst, 0xff, (n - tg->nfirst) * sizeof *tg->first);
		memset(tg->mask + tg->nfirst, 0, (n - tg->nfirst) * sizeof *tg->mask);
		tg->nfirst = n;
	}
	if (tg->ne == tg->ecap) {
		tg->ecap = tg->ecap ? tg->ecap * 2 : 4096;
		tg->e = ipm_realloc(tg->e, tg->ecap * sizeof *tg->e);
	}
	x = &tg->e[tg->ne];
	x->kind = kind;
	x->a = a;
	x->b = b;
	x->next = tg->first[id];
	tg->first[id] = (int)tg->ne++;
	tg->mask[id] |= kind;
}

static int need_cols(const ipm_table *t, const char *const *names, int *idx, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((idx[i] = ipm_table_col(t, names[i])) < 0) {
			ipm_err(ipm_table_path(t), 1, "no column '%s'", names[i]);
			return -1;
		}
	return 0;
}

static int prov_index(const ipm_tagger *tg, const char *shortname)
{
	int i;

	for (i = 0; i < tg->nprov; i++)
		if (strcmp(tg->prov[i].shortname, shortname) == 0)
			return i;
	return -1;
}

static int load_gazetteer(ipm_tagger *tg)
{
	static const char *const cols[] = { "name", "code", "province", "level", "canonical" };
	int c[5];
	size_t r;

	if (need_cols(tg->gaz, cols, c, 5))
		return -1;
	tg->g_code = c[1], tg->g_prov = c[2], tg->g_level = c[3], tg->g_canon = c[4];
	tg->gshort = ipm_calloc(ipm_table_nrows(tg->gaz) + 1, 1);
	tg->cityrow = ipm_calloc(ipm_table_nrows(tg->gaz) + 1, sizeof *tg->cityrow);
	for (r = 0; r < ipm_table_nrows(tg->gaz); r++) {
		const char *lvl = ipm_table_cell(tg->gaz, r, c[3]), *canon = ipm_table_cell(tg->gaz, r, c[4]);
		size_t nl = ipm_table_len(tg->gaz, r, c[0]), cl = ipm_table_len(tg->gaz, r, c[4]);

		if (!strcmp(lvl, "county") &&
		    (nl > cl || memcmp(canon + cl - nl, ipm_table_cell(tg->gaz, r, c[0]), nl) != 0))
			tg->gshort[r] = 1;
		if (!strcmp(lvl, "city") && !strcmp(canon, ipm_table_cell(tg->gaz, r, c[0])))
			tg->cityrow[tg->ncity++] = r;   /* the file lists them in code order */
	}
	for (r = 0; r < ipm_table_nrows(tg->gaz); r++) {
		const char *lvl = ipm_table_cell(tg->gaz, r, c[3]);

		if (strcmp(lvl, "province") == 0 &&
		    strcmp(ipm_table_cell(tg->gaz, r, c[0]), ipm_table_cell(tg->gaz, r, c[4])) == 0 &&
		    tg->nprov < MAXPROV) {
			tg->prov[tg->nprov].shortname = ipm_table_cell(tg->gaz, r, c[2]);
			tg->prov[tg->nprov].code = ipm_table_cell(tg->gaz, r, c[1]);
			tg->prov[tg->nprov].full = ipm_table_cell(tg->gaz, r, c[4]);
			tg->nprov++;
		}
	}
	for (r = 0; r < ipm_table_nrows(tg->gaz); r++) {
		const char *name = ipm_table_cell(tg->gaz, r, c[0]);
		size_t len = ipm_table_len(tg->gaz, r, c[0]);

		if (strcmp(ipm_table_cell(tg->gaz, r, c[3]), "stop") == 0) {
			add_entry(tg, name, len, K_STOP, -1, (int)r);
		} else {
			int p = prov_index(tg, ipm_table_cell(tg->gaz, r, c[2]));

			if (p < 0) {
				ipm_err(ipm_table_path(tg->gaz), ipm_table_line(tg->gaz, r),
				        "unknown province '%s'", ipm_table_cell(tg->gaz, r, c[2]));
				return -1;
			}
			add_entry(tg, name, len, K_PLACE, p, (int)r);
		}
	}
	return 0;
}

/* Rows of t whose column col names a pattern of the given kind. */
static int load_simple(ipm_tagger *tg, ipm_table *t, const char *col, int kind)
{
	int c = ipm_table_col(t, col), cs = kind == K_SECTOR ? ipm_table_col(t, "subsector") : -1;
	size_t r;

	if (c < 0) {
		ipm_err(ipm_table_path(t), 1, "no column '%s'", col);
		return -1;
	}
	for (r = 0; r < ipm_table_nrows(t); r++)   /* b: sector terms with a fine sector */
		add_entry(tg, ipm_table_cell(t, r, c), ipm_table_len(t, r, c), kind, (int)r,
		          cs >= 0 && strcmp(ipm_table_cell(t, r, cs), "-") != 0);
	return 0;
}

/* Event triggers: a = event type, b = tier (see events.tsv). */
static int load_events(ipm_tagger *tg)
{
	static const char *const cols[] = { "term", "event_type", "tier" };
	int c[3], k;
	long tier;
	size_t r;

	if (need_cols(tg->ev, cols, c, 3))
		return -1;
	for (r = 0; r < ipm_table_nrows(tg->ev); r++) {
		for (k = 0; k <= EV_NONE; k++)
			if (strcmp(ipm_table_cell(tg->ev, r, c[1]), EVENT_NAME[k]) == 0)
				break;
		if (k > EV_NONE || k == EV_OTHER ||
		    ipm_parse_long(ipm_table_cell(tg->ev, r, c[2]), 0, 3, &tier) != 0) {
			ipm_err(ipm_table_path(tg->ev), ipm_table_line(tg->ev, r), "bad event_type or tier");
			return -1;
		}
		add_entry(tg, ipm_table_cell(tg->ev, r, c[0]), ipm_table_len(tg->ev, r, c[0]), K_EVENT,
		          k, (int)tier);
	}
	return 0;
}

/* Markers go to the main automaton; stop and generic words to plusm. */
static int load_plus(ipm_tagger *tg)
{
	int ct = ipm_table_col(tg->plus, "term"), cr = ipm_table_col(tg->plus, "role");
	size_t r, n = ipm_table_nrows(tg->plus);

	if (ct < 0 || cr < 0) {
		ipm_err(ipm_table_path(tg->plus), 1, "needs columns term, role");
		return -1;
	}
	tg->plusrole = ipm_calloc(n ? n : 1, sizeof *tg->plusrole);
	for (r = 0; r < n; r++) {
		const char *role = ipm_table_cell(tg->plus, r, cr);
		const char *t = ipm_table_cell(tg->plus, r, ct);
		size_t len = ipm_table_len(tg->plus, r, ct);
		int id;

		if (strcmp(role, "marker") == 0) {
			add_entry(tg, t, len, K_PLUS, (int)r, 0);
			continue;
		}
		if ((id = ipm_matcher_add(tg->plusm, t, len)) < 0)
			continue;
		tg->plusrole[id] |= strcmp(role, "stop") == 0 ? PL_STOP : PL_GENERIC;
	}
	ipm_matcher_build(tg->plusm);
	return 0;
}

static int load_docnum(ipm_tagger *tg)
{
	int cp = ipm_table_col(tg->docn, "prefix");
	size_t r, n = ipm_table_nrows(tg->docn);

	tg->d_issuer = ipm_table_col(tg->docn, "issuer");
	if (cp < 0 || tg->d_issuer < 0) {
		ipm_err(ipm_table_path(tg->docn), 1, "needs columns prefix, issuer");
		return -1;
	}
	tg->docrow = ipm_calloc(n ? n : 1, sizeof *tg->docrow);
	for (r = 0; r < n; r++) {
		int id = ipm_matcher_add(tg->docm, ipm_table_cell(tg->docn, r, cp), ipm_table_len(tg->docn, r, cp));

		if (id >= 0)
			tg->docrow[id] = (int)r;
	}
	ipm_matcher_build(tg->docm);
	return 0;
}

/* Load one dictionary unless an earlier one failed (one message is enough). */
static ipm_table *load1(const char *dir, const char *name, int *bad)
{
	ipm_table *t = *bad ? NULL : ipm_table_load(dir, name);

	if (!t)
		*bad = 1;
	return t;
}

ipm_tagger *ipm_tagger_new(const char *dir)
{
	ipm_tagger *tg = ipm_calloc_own(1, sizeof *tg);   /* threads write its scratch */
	int bad = 0;

	tg->head_prov = HEAD_NONE;
	tg->gaz = load1(dir, "gazetteer.tsv", &bad);
	tg->orgs = load1(dir, "orgs.tsv", &bad);
	tg->comp = load1(dir, "companies.tsv", &bad);
	tg->sect = load1(dir, "sectors.tsv", &bad);
	tg->ev = load1(dir, "events.tsv", &bad);
	tg->plus = load1(dir, "plus.tsv", &bad);
	tg->docn = load1(dir, "docnum.tsv", &bad);
	tg->hosts = load1(dir, "hosts.tsv", &bad);
	tg->m = ipm_matcher_new();
	tg->plusm = ipm_matcher_new();
	tg->docm = ipm_matcher_new();
	if (!bad)
		bad = load_gazetteer(tg) || load_simple(tg, tg->orgs, "name", K_ORG) ||
		      load_simple(tg, tg->comp, "alias", K_COMPANY) ||
		      load_simple(tg, tg->sect, "term", K_SECTOR) || load_events(tg) ||
		      load_plus(tg) || load_docnum(tg);
	if (!bad) {
		tg->o_id = ipm_table_col(tg->orgs, "id");
		tg->c_company = ipm_table_col(tg->comp, "company");
		tg->s_sub = ipm_table_col(tg->sect, "subsector");
		tg->s_top = ipm_table_col(tg->sect, "sector");
		tg->h_kind = ipm_table_col(tg->hosts, "kind");
		bad = tg->o_id < 0 || tg->c_company < 0 || tg->s_sub < 0 || tg->s_top < 0 ||
		      tg->h_kind < 0 || ipm_table_col(tg->hosts, "suffix") < 0;
		if (bad)
			ipm_err(dir, 0, "a dictionary lacks a needed column (see ipm-tag(1), DICTIONARIES)");
	}
	if (bad) {
		ipm_tagger_free(tg);
		return NULL;
	}
	ipm_matcher_build(tg->m);
	return tg;
}

/* The per-record scratch: a clone has its own, the rest is shared. */
static void scratch_free(ipm_tagger *tg)
{
	struct strlist *l[] = { &tg->ids, &tg->places, &tg->sectors, &tg->subs, &tg->plusl,
		&tg->docs, &tg->nums, &tg->issuers, &tg->comps };
	size_t i;

	ipm_matches_free(&tg->all);
	ipm_matches_free(&tg->sel);
	ipm_matches_free(&tg->pms);
	ipm_matches_free(&tg->psel);
	ipm_buf_free(&tg->tmp);
	ipm_buf_free(&tg->num);
	ipm_buf_free(&tg->actor);
	ipm_buf_free(&tg->head);
	for (i = 0; i < sizeof l / sizeof *l; i++)
		sl_free(l[i]);
}

ipm_tagger *ipm_tagger_clone(const ipm_tagger *tg)
{
	ipm_tagger *c = ipm_calloc_own(1, sizeof *c);   /* threads write its scratch */
	struct strlist empty = {0};

	*c = *tg;
	c->clone = 1;
	memset(&c->all, 0, sizeof c->all);
	memset(&c->sel, 0, sizeof c->sel);
	memset(&c->pms, 0, sizeof c->pms);
	memset(&c->psel, 0, sizeof c->psel);
	memset(&c->tmp, 0, sizeof c->tmp);
	memset(&c->num, 0, sizeof c->num);
	memset(&c->actor, 0, sizeof c->actor);
	memset(&c->head, 0, sizeof c->head);
	c->head_prov = HEAD_NONE;
	c->ids = c->places = c->sectors = c->subs = c->plusl = empty;
	c->docs = c->nums = c->issuers = c->comps = empty;
	return c;
}

void ipm_tagger_free(ipm_tagger *tg)
{
	if (!tg)
		return;
	scratch_free(tg);
	if (!tg->clone) {
		ipm_table_free(tg->gaz);
		ipm_table_free(tg->orgs);
		ipm_table_free(tg->comp);
		ipm_table_free(tg->sect);
		ipm_table_free(tg->ev);
		ipm_table_free(tg->plus);
		ipm_table_free(tg->docn);
		ipm_table_free(tg->hosts);
		ipm_matcher_free(tg->m);
		ipm_matcher_free(tg->plusm);
		ipm_matcher_free(tg->docm);
		free(tg->first);
		free(tg->mask);
		free(tg->e);
		free(tg->plusrole);
		free(tg->docrow);
		free(tg->gshort);
		free(tg->cityrow);
	}
	free(tg);
}

size_t ipm_tagger_npatterns(const ipm_tagger *tg) { return ipm_matcher_count(tg->m); }

/* ----------------------------------------------------------------- helpers */

struct kindsel {
	const ipm_tagger *tg;
	int kinds;
};

static int keep_kind(void *ctx, int id)
{
	const struct kindsel *k = ctx;

	return (k->tg->mask[id] & k->kinds) != 0;
}

/* Leftmost-longest matches among the given kinds, from tg->all into tg->sel. */
static void select_kinds(ipm_tagger *tg, int kinds)
{
	struct kindsel k = { tg, kinds };

	ipm_match_select(&tg->all, keep_kind, &k, &tg->sel);
}

static const char *str_field(const ipm_rec *r, const char *key, size_t *len)
{
	const ipm_val *v = ipm_rec_get(r, key);

	if (!v || (v->t != IPM_V_STR && v->t != IPM_V_NUM)) {
		*len = 0;
		return NULL;
	}
	*len = v->len;
	return v->s;
}

static int streq(const char *s, size_t n, const char *lit)
{
	return s && strlen(lit) == n && memcmp(s, lit, n) == 0;
}

/* Distinct provinces a place pattern can mean: writes up to max, returns count. */
static int place_provs(const ipm_tagger *tg, int id, int *out, int max)
{
	int e, n = 0, i;

	for (e = tg->first[id]; e >= 0; e = tg->e[e].next) {
		if (tg->e[e].kind != K_PLACE)
			continue;
		for (i = 0; i < n && out[i] != tg->e[e].a; i++)
			;
		if (i == n && n < max)
			out[n++] = tg->e[e].a;
	}
	return n;
}

static int place_row(const ipm_tagger *tg, int id, int prov)
{
	int e;

	for (e = tg->first[id]; e >= 0; e = tg->e[e].next)
		if (tg->e[e].kind == K_PLACE && tg->e[e].a == prov)
			return tg->e[e].b;
	return -1;
}

/* ------------------------------------------------------------------- actor */

struct actor {
	int prov;           /* province of a place actor, or -1 */
	int place_row;      /* its gazetteer row */
	int norg, ncomp;
};

static void resolve_actor(ipm_tagger *tg, const char *s, size_t n, struct actor *a)
{
	size_t i;
	int e;

	a->prov = a->place_row = -1;
	a->norg = a->ncomp = 0;
	sl_clear(&tg->ids);
	if (!s)
		return;
	ipm_matcher_scan(tg->m, s, n, &tg->all);
	select_kinds(tg, K_PLACE | K_ORG | K_COMPANY);
	for (i = 0; i < tg->sel.n; i++) {
		int id = tg->sel.m[i].id, p[2];

		for (e = tg->first[id]; e >= 0; e = tg->e[e].next) {
			const struct entry *x = &tg->e[e];

			if (x->kind == K_ORG) {
				sl_add(&tg->ids, ipm_table_cell(tg->orgs, (size_t)x->a, tg->o_id),
				       ipm_table_len(tg->orgs, (size_t)x->a, tg->o_id), 1);
				a->norg++;
			} else if (x->kind == K_COMPANY) {
				sl_add(&tg->ids, ipm_table_cell(tg->comp, (size_t)x->a, tg->c_company),
				       ipm_table_len(tg->comp, (size_t)x->a, tg->c_company), 1);
				a->ncomp++;
			}
		}
		if ((tg->mask[id] & K_PLACE) && a->prov < 0 && place_provs(tg, id, p, 2) == 1) {
			a->prov = p[0];
			a->place_row = place_row(tg, id, p[0]);
		}
	}
}

/* The actor as its own id: without a leading "1. " numbering, spaces and a
 * trailing 等. */
static void actor_self(ipm_tagger *tg, const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i > 0 && i < n && (s[i] == '.' || s[i] == ')')) {
		s += i + 1;
		n -= i + 1;
	}
	while (n && (s[0] == ' ' || s[0] == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n >= 3 && memcmp(s + n - 3, "等", 3) == 0)
		n -= 3;
	if (n)
		sl_add(&tg->ids, s, n, 1);
}

static const char *actor_kind(ipm_tagger *tg, const char *sec, size_t secn, const char *actor,
                              size_t an, const struct actor *a)
{
	const char *placekind = "province";

	if (a->place_row >= 0 &&
	    strcmp(ipm_table_cell(tg->gaz, (size_t)a->place_row, tg->g_level), "province") != 0)
		placekind = "city";
	if (streq(sec, secn, "summit")) {
		sl_clear(&tg->ids);
		if (actor)
			actor_self(tg, actor, an);
		return "summit";
	}
	if (a->prov >= 0 && (streq(sec, secn, "province") || (!a->norg && !a->ncomp))) {
		const char *canon = ipm_table_cell(tg->gaz, (size_t)a->place_row, tg->g_canon);

		sl_clear(&tg->ids);
		sl_add(&tg->ids, canon, strlen(canon), 1);
		return placekind;
	}
	if (a->norg && !streq(sec, secn, "enterprise"))
		return "ministry";
	if (a->ncomp)
		return "enterprise";
	if (a->norg)
		return "ministry";
	if (actor)
		actor_self(tg, actor, an);
	if (streq(sec, secn, "ministry"))
		return actor ? "ministry" : "other";
	if (streq(sec, secn, "enterprise"))
		return actor ? "enterprise" : "other";
	return "other";
}

/* ------------------------------------------------------------------ places */

/* ------------------------------------------------ short names in words */

/* A county-level unit's short name (政和, 资兴, 兴国, 定结: counties and
 * county-level cities; a prefecture's 大连, 阳泉 always count) counts only where
 * it stands as a name: at the start, after a mark or a space, after one of
 * NAME_BEFORE, before one of NAME_AFTER, or before a 、 and another place.
 * Inside a word (鉴定结论, 出资兴办, 科教兴国, 财政和医保) it is dropped.
 * The rule and its exceptions are in lib/data/gazetteer.tsv's header. */
static const char *const NAME_BEFORE[] = {
	"在", "于", "赴", "到", "至", "从", "与", "和", "及", "同", "省", "市", "州", "盟", "区", "县", "旗", NULL
};
static const char *const NAME_AFTER[] = { "县", "市", "区", "旗", NULL };

static int place_short(const ipm_tagger *tg, int id)
{
	int e, any = 0;

	for (e = tg->first[id]; e >= 0; e = tg->e[e].next) {
		if (tg->e[e].kind != K_PLACE)
			continue;
		if (!tg->gshort[tg->e[e].b])
			return 0;
		any = 1;
	}
	return any;
}

static int word_in(const char *s, size_t n, size_t i, const char *const *ws, int before)
{
	size_t j, k;

	for (j = 0; ws[j]; j++) {
		k = strlen(ws[j]);
		if (before ? (i >= k && !memcmp(s + i - k, ws[j], k)) : (i + k <= n && !memcmp(s + i, ws[j], k)))
			return 1;
	}
	return 0;
}

static int stands_as_name(const ipm_tagger *tg, const char *s, size_t n, size_t j)
{
	const ipm_match *m = &tg->sel.m[j];
	size_t st = m->start, e = st + m->len, p = st, l;

	if (st == 0)
		return 1;
	while (p > 0 && (((unsigned char)s[--p]) & 0xC0) == 0x80)
		;
	if (!ipm_is_cjk_cp(ipm_cp_at(s, n, p, &l)) || word_in(s, n, st, NAME_BEFORE, 1) ||
	    word_in(s, n, e, NAME_AFTER, 0))
		return 1;
	return e + 3 <= n && !memcmp(s + e, "、", 3) && j + 1 < tg->sel.n &&
	       tg->sel.m[j + 1].start == e + 3 && (tg->mask[tg->sel.m[j + 1].id] & K_PLACE);
}

/* Drop from tg->sel the short names that stand inside a word of s. */
static void drop_inword(ipm_tagger *tg, const char *s, size_t n)
{
	size_t j, k = 0;

	for (j = 0; j < tg->sel.n; j++) {
		int id = tg->sel.m[j].id;

		if ((tg->mask[id] & K_PLACE) && place_short(tg, id) && !stands_as_name(tg, s, n, j))
			continue;
		tg->sel.m[k++] = tg->sel.m[j];
	}
	tg->sel.n = k;
}

/* The prefecture-level city row of gazetteer row `row` (a city's or a
 * county's), or -1: GB/T 2260, the first four digits of the code + "00". */
static long city_row(const ipm_tagger *tg, int row)
{
	const char *code, *lvl;
	char want[8];
	size_t lo = 0, hi;

	if (row < 0)
		return -1;
	code = ipm_table_cell(tg->gaz, (size_t)row, tg->g_code);
	lvl = ipm_table_cell(tg->gaz, (size_t)row, tg->g_level);
	if (strlen(code) != 6 || (strcmp(lvl, "city") && strcmp(lvl, "county") && strcmp(lvl, "alias")))
		return -1;
	memcpy(want, code, 4);
	memcpy(want + 4, "00", 3);
	for (hi = tg->ncity; lo < hi;) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(ipm_table_cell(tg->gaz, tg->cityrow[mid], tg->g_code), want);

		if (!c)
			return (long)tg->cityrow[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* The one province the places of s name (short names inside words left
 * out), and the gazetteer row of its first city- or county-level place in
 * *row; -1 when s names none or several. */
static int text_prov(ipm_tagger *tg, const char *s, size_t n, int *row)
{
	size_t j;
	int found = -1;

	*row = -1;
	if (!s)
		return -1;
	ipm_matcher_scan(tg->m, s, n, &tg->all);
	select_kinds(tg, K_PLACE | K_STOP);
	drop_inword(tg, s, n);
	for (j = 0; j < tg->sel.n; j++) {
		int id = tg->sel.m[j].id, p[2];

		if (!(tg->mask[id] & K_PLACE) || place_provs(tg, id, p, 2) != 1)
			continue;
		if (found >= 0 && found != p[0])
			return -1;
		found = p[0];
		if (*row < 0 && city_row(tg, place_row(tg, id, p[0])) >= 0)
			*row = place_row(tg, id, p[0]);
	}
	return found;
}

/* The province of a 文号's issuer by lib/data/docnum.tsv (the longest key
 * that starts it), or -1. */
static int prefix_prov(ipm_tagger *tg, const char *num, size_t n)
{
	size_t j, best = 0;
	const char *who = NULL;
	int row;

	if (!num)
		return -1;
	ipm_matcher_scan(tg->docm, num, n, &tg->all);
	for (j = 0; j < tg->all.n; j++) {
		const char *is = ipm_table_cell(tg->docn, (size_t)tg->docrow[tg->all.m[j].id], tg->d_issuer);

		if (tg->all.m[j].start == 0 && tg->all.m[j].len > best && strcmp(is, "-")) {
			best = tg->all.m[j].len;
			who = is;
		}
	}
	return who ? text_prov(tg, who, strlen(who), &row) : -1;
}

/* Provinces named or implied by the place matches in tg->sel, in order of
 * mention; ambiguous names count only when ctx (or another unambiguous
 * mention) is one of their provinces. Returns the number of distinct ones. */
static int collect_places(ipm_tagger *tg, int ctx, int *order, int max)
{
	int n = 0, pass, i, k;
	size_t j;

	if (ctx >= 0)
		order[n++] = ctx;
	for (pass = 0; pass < 2; pass++)
		for (j = 0; j < tg->sel.n; j++) {
			int id = tg->sel.m[j].id, p[8], np, hit = -1;

			if (!(tg->mask[id] & K_PLACE))
				continue;
			np = place_provs(tg, id, p, 8);
			if (pass == 0 && np == 1)
				hit = p[0];
			for (i = 0; pass == 1 && np > 1 && i < np && hit < 0; i++)
				for (k = 0; k < n; k++)
					if (order[k] == p[i])
						hit = p[i];
			for (k = 0; hit >= 0 && k < n && order[k] != hit; k++)
				;
			if (hit >= 0 && k == n && n < max)
				order[n++] = hit;
		}
	return n;
}

static int heading_prov(ipm_tagger *tg, const ipm_rec *r)
{
	size_t n, j;
	const char *h = str_field(r, "heading", &n);
	int found = -1;

	if (!h)
		return -1;
	/* a chapter's paragraphs come one after another under the same heading */
	if (tg->head_prov != HEAD_NONE && tg->head.len == n && memcmp(tg->head.s, h, n) == 0)
		return tg->head_prov;
	ipm_matcher_scan(tg->m, h, n, &tg->all);
	select_kinds(tg, K_PLACE | K_STOP);
	drop_inword(tg, h, n);
	for (j = 0; j < tg->sel.n; j++) {
		int p[2];

		if ((tg->mask[tg->sel.m[j].id] & K_PLACE) && place_provs(tg, tg->sel.m[j].id, p, 2) == 1)
			found = p[0];   /* the deepest heading level names the region */
	}
	ipm_buf_clear(&tg->head);
	ipm_buf_add(&tg->head, h, n);
	tg->head_prov = found;
	return found;
}

/* ---------------------------------------------------------- text features */

static void sectors(ipm_tagger *tg, const char *s)
{
	size_t j;
	int e;

	(void)s;
	select_kinds(tg, K_SECTOR);
	for (j = 0; j < tg->sel.n; j++)
		for (e = tg->first[tg->sel.m[j].id]; e >= 0; e = tg->e[e].next) {
			size_t row = (size_t)tg->e[e].a;

			if (tg->e[e].kind != K_SECTOR)
				continue;
			sl_add(&tg->sectors, ipm_table_cell(tg->sect, row, tg->s_top),
			       ipm_table_len(tg->sect, row, tg->s_top), 1);
			if (tg->e[e].b)
				sl_add(&tg->subs, ipm_table_cell(tg->sect, row, tg->s_sub),
				       ipm_table_len(tg->sect, row, tg->s_sub), 1);
		}
}

static void companies(ipm_tagger *tg)
{
	size_t j;
	int e;

	select_kinds(tg, K_COMPANY);
	for (j = 0; j < tg->sel.n; j++)
		for (e = tg->first[tg->sel.m[j].id]; e >= 0; e = tg->e[e].next)
			if (tg->e[e].kind == K_COMPANY)
				sl_add(&tg->comps, ipm_table_cell(tg->comp, (size_t)tg->e[e].a, tg->c_company),
				       ipm_table_len(tg->comp, (size_t)tg->e[e].a, tg->c_company), 1);
}

static int in_titles(const ipm_span *t, size_t nt, size_t pos)
{
	size_t i;

	for (i = 0; i < nt; i++)
		if (pos >= t[i].start && pos < t[i].end)
			return 1;
	return 0;
}

/* Triggers outside 《》 titles, by tier: the leftmost tier-1 trigger decides;
 * else the leftmost tier-2 one; else a tier-3 (statistic) one; else other.
 * "none" phrases only hide the shorter triggers inside them. */
static int event_type(ipm_tagger *tg, const ipm_span *t, size_t nt)
{
	int best[4] = { EV_OTHER, EV_OTHER, EV_OTHER, EV_OTHER }, e, k;
	size_t j;

	select_kinds(tg, K_EVENT);
	for (j = 0; j < tg->sel.n; j++) {
		if (in_titles(t, nt, tg->sel.m[j].start))
			continue;
		for (e = tg->first[tg->sel.m[j].id]; e >= 0; e = tg->e[e].next) {
			const struct entry *x = &tg->e[e];

			if (x->kind == K_EVENT && x->a != EV_NONE && best[x->b] == EV_OTHER)
				best[x->b] = x->a;
		}
	}
	for (k = 1; k < 4; k++)
		if (best[k] != EV_OTHER)
			return best[k];
	return EV_OTHER;
}

/* Cut x at the first stop word after its start; 0 when it begins with a
 * generic word (the marker then stands alone). */
static size_t plus_tail(ipm_tagger *tg, const char *x, size_t n, ipm_matches *ms, ipm_matches *sel)
{
	size_t j;

	ipm_matcher_scan(tg->plusm, x, n, ms);
	ipm_match_select(ms, NULL, NULL, sel);
	for (j = 0; j < sel->n; j++) {
		int role = tg->plusrole[sel->m[j].id];

		if (sel->m[j].start == 0 && (role & PL_GENERIC))
			return 0;
		if (sel->m[j].start > 0 && (role & PL_STOP))
			return sel->m[j].start;
	}
	return n;
}

static void plus_terms(ipm_tagger *tg, const char *s, size_t n)
{
	size_t j, done = 0;

	select_kinds(tg, K_PLUS);
	for (j = 0; j < tg->sel.n; j++) {
		size_t st = tg->sel.m[j].start, me = st + tg->sel.m[j].len;
		size_t oq = ipm_scan_open_quote_before(s, st), cq = ipm_scan_close_quote_at(s, n, me);
		size_t xs = me + cq, xl, cut;

		if (st < done)
			continue;
		xl = ipm_scan_word_run(s + xs, n - xs, 16);
		cut = plus_tail(tg, s + xs, xl, &tg->pms, &tg->psel);
		if (cut == 0)
			continue;
		ipm_buf_clear(&tg->tmp);
		if (cq)   /* “互联网+”政务服务: keep the quotes as written */
			ipm_buf_add(&tg->tmp, s + st - oq, me + cq - (st - oq));
		else
			ipm_buf_add(&tg->tmp, s + st, me - st);
		ipm_buf_add(&tg->tmp, s + xs, cut);
		sl_add(&tg->plusl, tg->tmp.s, tg->tmp.len, 1);
		done = xs + cut;
	}
}

/* The doc-number prefix inside the letter run before the bracket: it starts
 * after the last cut word (issuer "-") and at the first known key after that;
 * an unknown prefix keeps at most its last 6 characters. Sets *issuer. */
static size_t doc_prefix(ipm_tagger *tg, const char *s, const ipm_docnum *d, const char **issuer)
{
	size_t rs = d->run_start, j, from = 0, p;

	*issuer = "";
	ipm_matcher_scan(tg->docm, s + rs, d->run_end - rs, &tg->all);
	ipm_match_select(&tg->all, NULL, NULL, &tg->sel);
	for (j = 0; j < tg->sel.n; j++)
		if (strcmp(ipm_table_cell(tg->docn, (size_t)tg->docrow[tg->sel.m[j].id], tg->d_issuer), "-") == 0)
			from = tg->sel.m[j].start + tg->sel.m[j].len;
	for (j = 0; j < tg->sel.n; j++) {
		const char *is = ipm_table_cell(tg->docn, (size_t)tg->docrow[tg->sel.m[j].id], tg->d_issuer);

		if (tg->sel.m[j].start >= from && strcmp(is, "-") != 0) {
			*issuer = is;
			return rs + tg->sel.m[j].start;
		}
	}
	p = rs + from;
	while (d->run_end - p > 18)
		p += 3;
	while (p < d->run_end && (((unsigned char)s[p]) & 0xC0) == 0x80)
		p++;
	return p;
}

static void doc_numbers(ipm_tagger *tg, const char *s, size_t n)
{
	ipm_docnum d;
	size_t pos = 0;

	while (ipm_scan_docnum(s, n, &pos, &d, &tg->tmp)) {
		const char *issuer;
		size_t prefix = doc_prefix(tg, s, &d, &issuer);

		if (prefix == d.run_end)
			continue;
		ipm_buf_clear(&tg->num);
		ipm_buf_add(&tg->num, s + prefix, d.run_end - prefix);
		ipm_buf_add(&tg->num, tg->tmp.s, tg->tmp.len);
		if (!sl_has(&tg->nums, tg->num.s, tg->num.len)) {
			sl_add(&tg->nums, tg->num.s, tg->num.len, 0);
			sl_add(&tg->issuers, issuer, strlen(issuer), 0);
		}
	}
}

static void source(ipm_tagger *tg, ipm_rec *r)
{
	size_t n, hs, hl, i, row;
	const char *u = str_field(r, "url", &n);
	const char *kind = "media";
	int cs = ipm_table_col(tg->hosts, "suffix");

	if (!u || !ipm_scan_host(u, n, &hs, &hl)) {
		ipm_rec_set_null(r, "source");
		ipm_rec_set_null(r, "source_kind");
		return;
	}
	ipm_buf_clear(&tg->tmp);
	for (i = 0; i < hl; i++) {
		char c = u[hs + i];

		ipm_buf_addc(&tg->tmp, c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	for (row = 0; row < ipm_table_nrows(tg->hosts); row++) {
		const char *suf = ipm_table_cell(tg->hosts, row, cs);
		size_t sl = ipm_table_len(tg->hosts, row, cs);

		if (hl == sl ? memcmp(tg->tmp.s, suf, sl) == 0
		    : hl > sl && tg->tmp.s[hl - sl - 1] == '.' && memcmp(tg->tmp.s + hl - sl, suf, sl) == 0) {
			kind = ipm_table_cell(tg->hosts, row, tg->h_kind);
			break;
		}
	}
	ipm_rec_set_str(r, "source", tg->tmp.s, tg->tmp.len);
	ipm_rec_set_cstr(r, "source_kind", kind);
}

/* ------------------------------------------------------------------ record */

static void clear_lists(ipm_tagger *tg)
{
	sl_clear(&tg->places);
	sl_clear(&tg->sectors);
	sl_clear(&tg->subs);
	sl_clear(&tg->plusl);
	sl_clear(&tg->docs);
	sl_clear(&tg->nums);
	sl_clear(&tg->issuers);
	sl_clear(&tg->comps);
}

/* The issuer array of a policy record, "、"-joined into tg->actor; 0 if none. */
static int issuer_actor(ipm_tagger *tg, const ipm_rec *r)
{
	const char *items[16];
	size_t lens[16], n, i;

	n = ipm_rec_list(r, "issuer", items, lens, 16);
	ipm_buf_clear(&tg->actor);
	for (i = 0; i < n && i < 16; i++) {
		if (i)
			ipm_buf_adds(&tg->actor, "、");
		ipm_buf_add(&tg->actor, items[i], lens[i]);
	}
	return tg->actor.len > 0;
}

void ipm_tag_record(ipm_tagger *tg, ipm_rec *r)
{
	size_t tn, an, secn, nt, i;
	const char *text = str_field(r, "text", &tn);
	const char *actor = str_field(r, "actor", &an);
	const char *sec = str_field(r, "section", &secn);
	const char *kind;
	ipm_span titles[MAXTITLES];
	int order[MAXPROV], np, ctx, ev;
	long cityr;
	struct actor a;

	clear_lists(tg);
	if (!actor && issuer_actor(tg, r)) {   /* policy records name their issuers */
		actor = tg->actor.s;
		an = tg->actor.len;
	}
	resolve_actor(tg, actor, an, &a);
	kind = actor_kind(tg, sec, secn, actor, an, &a);
	ctx = a.prov;
	cityr = a.prov >= 0 ? city_row(tg, a.place_row) : -1;
	if (ctx < 0 && streq(sec, secn, "policy")) {
		/* no place in the issuer: its 文号 prefix, unless the title names
		 * another province (新政办 of 新乡 is not 新疆's) */
		size_t nn, tl;
		const char *num = str_field(r, "doc_number", &nn), *title = str_field(r, "title", &tl);
		int trow, tp = text_prov(tg, title, tl, &trow), pp = prefix_prov(tg, num, nn);

		ctx = pp >= 0 && (tp < 0 || tp == pp) ? pp : tp;
		if (ctx >= 0 && ctx == tp)
			cityr = city_row(tg, trow);
	} else if (ctx >= 0 && cityr < 0 && streq(sec, secn, "policy")) {
		size_t tl;
		const char *title = str_field(r, "title", &tl);
		int trow;

		if (text_prov(tg, title, tl, &trow) == ctx)
			cityr = city_row(tg, trow);
	}
	if (ctx < 0 && streq(sec, secn, "paragraph"))
		ctx = heading_prov(tg, r);
	if (!text)
		text = "", tn = 0;
	nt = ipm_scan_titles(text, tn, titles, MAXTITLES);
	for (i = 0; i < nt && i < MAXTITLES; i++)
		sl_add(&tg->docs, text + titles[i].start + 3, titles[i].end - titles[i].start - 6, 1);
	if (nt > MAXTITLES)
		nt = MAXTITLES;
	ipm_matcher_scan(tg->m, text, tn, &tg->all);
	select_kinds(tg, K_PLACE | K_STOP);
	drop_inword(tg, text, tn);
	np = collect_places(tg, ctx, order, MAXPROV);
	for (i = 0; i < (size_t)np; i++)
		sl_add(&tg->places, tg->prov[order[i]].shortname, strlen(tg->prov[order[i]].shortname), 1);
	sectors(tg, text);
	companies(tg);
	plus_terms(tg, text, tn);
	ev = streq(sec, secn, "summit") ? EV_MEETING
	   : streq(sec, secn, "policy") ? EV_POLICY : event_type(tg, titles, nt);
	doc_numbers(tg, text, tn);

	sl_put(r, "actor_id", &tg->ids);
	ipm_rec_set_cstr(r, "actor_kind", kind);
	if (ctx < 0 && np == 1 && !streq(sec, secn, "policy"))   /* a policy: issuer, 文号, title only */
		ctx = order[0];
	ipm_rec_set_cstr(r, "province", ctx >= 0 ? tg->prov[ctx].shortname : NULL);
	ipm_rec_set_cstr(r, "province_code", ctx >= 0 ? tg->prov[ctx].code : NULL);
	ipm_rec_set_cstr(r, "city", cityr >= 0 ? ipm_table_cell(tg->gaz, (size_t)cityr, tg->g_canon) : NULL);
	ipm_rec_set_cstr(r, "city_code", cityr >= 0 ? ipm_table_cell(tg->gaz, (size_t)cityr, tg->g_code) : NULL);
	sl_put(r, "places", &tg->places);
	sl_put(r, "sectors", &tg->sectors);
	sl_put(r, "subsectors", &tg->subs);
	sl_put(r, "plus_terms", &tg->plusl);
	sl_put(r, "policy_docs", &tg->docs);
	sl_put(r, "doc_numbers", &tg->nums);
	sl_put(r, "doc_issuers", &tg->issuers);
	sl_put(r, "companies", &tg->comps);
	ipm_rec_set_cstr(r, "event_type", EVENT_NAME[ev]);
	source(tg, r);
}
