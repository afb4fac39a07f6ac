#include "hant.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/dict.h"
#include "core/utf8.h"

struct pair {
	uint32_t from, to;
};

struct ipm_hant {
	struct pair *p;
	size_t n;
};

static int by_from(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;

	return x->from < y->from ? -1 : x->from > y->from;
}

static uint32_t one_cp(const char *s, size_t n)
{
	uint32_t cp;
	size_t l = ipm_utf8_decode((const unsigned char *)s, n, &cp);

	return l && l == n ? cp : 0;
}

ipm_hant *ipm_hant_load(const char *dir)
{
	ipm_table *t = dir ? ipm_table_load(dir, "hant.tsv") : NULL;
	ipm_hant *h;
	int ct, cs;
	size_t r;

	if (!t)
		return NULL;
	ct = ipm_table_col(t, "hant");
	cs = ipm_table_col(t, "hans");
	if (ct < 0 || cs < 0) {
		ipm_err(ipm_table_path(t), 1, "no columns 'hant' and 'hans'");
		ipm_table_free(t);
		return NULL;
	}
	h = ipm_calloc(1, sizeof *h);
	h->p = ipm_malloc((ipm_table_nrows(t) + 1) * sizeof *h->p);
	for (r = 0; r < ipm_table_nrows(t); r++) {
		uint32_t f = one_cp(ipm_table_cell(t, r, ct), ipm_table_len(t, r, ct));
		uint32_t to = one_cp(ipm_table_cell(t, r, cs), ipm_table_len(t, r, cs));

		if (!f || !to) {
			ipm_err(ipm_table_path(t), ipm_table_line(t, r), "not one character to one character");
			continue;
		}
		h->p[h->n].from = f;
		h->p[h->n++].to = to;
	}
	qsort(h->p, h->n, sizeof *h->p, by_from);
	ipm_table_free(t);
	return h;
}

void ipm_hant_free(ipm_hant *h)
{
	if (!h)
		return;
	free(h->p);
	free(h);
}

size_t ipm_hant_simplify(const ipm_hant *h, const char *s, size_t n, ipm_buf *out)
{
	size_t i = 0, st = 0, k = 0, l;

	ipm_buf_add(out, "", 0);
	while (h && i < n) {
		uint32_t cp = ipm_cp_at(s, n, i, &l);
		struct pair key = { cp, 0 }, *hit;

		if (cp >= 0x3400 && (hit = bsearch(&key, h->p, h->n, sizeof *h->p, by_from)) != NULL) {
			char enc[4];
			ipm_buf_add(out, s + st, i - st);
			ipm_buf_add(out, enc, ipm_utf8_encode(hit->to, enc));
			st = i + l;
			k++;
		}
		i += l;
	}
	ipm_buf_add(out, s + st, n - st);
	return k;
}

/* Latin letters of pinyin: a-z, ü and the tone-marked vowels. *tone set for
 * a marked one. */
static int pinyin_cp(uint32_t c, int *tone)
{
	static const char marked[] = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ";
	size_t i, l;

	if ((c >= 'a' && c <= 'z') || c == 0xFC)
		return 1;
	for (i = 0; marked[i]; i += l)
		if (ipm_cp_at(marked, sizeof marked - 1, i, &l) == c) {
			*tone = 1;
			return 1;
		}
	return 0;
}

/* The length of a gloss "(fā)" / "（fā）" at s[i], or 0. */
static size_t gloss_at(const char *s, size_t n, size_t i)
{
	size_t l, j, letters = 0;
	uint32_t open = ipm_cp_at(s, n, i, &l), c;
	int tone = 0;

	if (open != '(' && open != 0xFF08)
		return 0;
	for (j = i + l; j < n; j += l) {
		c = ipm_cp_at(s, n, j, &l);
		if ((c == ')' || c == 0xFF09) && letters && tone)
			return j + l - i;
		if (!pinyin_cp(c, &tone) || ++letters > 6)
			return 0;
	}
	return 0;
}

size_t ipm_pinyin_strip(const char *s, size_t n, ipm_buf *out)
{
	size_t i = 0, st = 0, k = 0, l, g;
	int cjk = 0;

	ipm_buf_add(out, "", 0);
	while (i < n) {
		uint32_t cp = ipm_cp_at(s, n, i, &l);

		if (cjk && (g = gloss_at(s, n, i)) > 0) {
			ipm_buf_add(out, s + st, i - st);
			i += g;
			st = i;
			k++;
			cjk = 1;   /* the character before still stands before what follows */
			continue;
		}
		cjk = ipm_is_cjk_cp(cp);
		i += l;
	}
	ipm_buf_add(out, s + st, n - st);
	return k;
}
