/* Unit tests for lib/match (Aho–Corasick) and lib/tagscan: fixed cases, the
 * leftmost-longest selection, and a randomised cross-check of every match
 * against a naive search. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/check.h"
#include "core/util.h"
#include "match.h"
#include "tagscan.h"

static ipm_matcher *make(const char *const *pats, size_t n)
{
	ipm_matcher *m = ipm_matcher_new();
	size_t i;

	for (i = 0; i < n; i++)
		ipm_matcher_add(m, pats[i], strlen(pats[i]));
	ipm_matcher_build(m);
	return m;
}

/* "start:len:id " for each match, into buf. */
static const char *show(const ipm_matches *ms, char *buf, size_t cap)
{
	size_t i, k = 0;

	buf[0] = '\0';
	for (i = 0; i < ms->n && k < cap; i++)
		k += (size_t)snprintf(buf + k, cap - k, "%zu:%zu:%d ", ms->m[i].start, ms->m[i].len, ms->m[i].id);
	return buf;
}

static void test_basic(void)
{
	static const char *const p[] = { "he", "she", "his", "hers" };
	ipm_matcher *m = make(p, 4);
	ipm_matches all = {0}, sel = {0};
	char buf[256];

	CHECK(ipm_matcher_count(m) == 4, "match: four patterns");
	ipm_matcher_scan(m, "ushers", 6, &all);
	CHECK_STR(show(&all, buf, sizeof buf), "1:3:1 2:4:3 2:2:0 ", "match: ushers, all matches sorted");
	ipm_match_select(&all, NULL, NULL, &sel);
	CHECK_STR(show(&sel, buf, sizeof buf), "1:3:1 ", "match: leftmost-longest keeps she");
	ipm_matcher_scan(m, "", 0, &all);
	CHECK(all.n == 0, "match: empty text");
	ipm_matcher_scan(m, "xyz", 3, &all);
	CHECK(all.n == 0, "match: no match");
	ipm_matches_free(&all);
	ipm_matches_free(&sel);
	ipm_matcher_free(m);
}

static void test_add(void)
{
	ipm_matcher *m = ipm_matcher_new();

	CHECK(ipm_matcher_add(m, "北京", 6) == 0, "match: first id 0");
	CHECK(ipm_matcher_add(m, "北京市", 9) == 1, "match: second id 1");
	CHECK(ipm_matcher_add(m, "北京", 6) == 0, "match: duplicate keeps id");
	CHECK(ipm_matcher_add(m, "", 0) == -1, "match: empty pattern refused");
	ipm_matcher_build(m);
	CHECK(ipm_matcher_add(m, "上海", 6) == -1, "match: add after build refused");
	ipm_matcher_free(m);
}

static int keep_odd(void *ctx, int id)
{
	(void)ctx;
	return id % 2 == 1;
}

static void test_cjk(void)
{
	static const char *const p[] = { "朝阳", "朝阳区", "北京市", "北京", "市朝" };
	ipm_matcher *m = make(p, 5);
	ipm_matches all = {0}, sel = {0};
	const char *t = "北京市朝阳区和朝阳市";
	char buf[256];

	ipm_matcher_scan(m, t, strlen(t), &all);
	ipm_match_select(&all, NULL, NULL, &sel);
	CHECK_STR(show(&sel, buf, sizeof buf), "0:9:2 9:9:1 21:6:0 ", "match: CJK longest first, non-overlapping");
	ipm_match_select(&all, keep_odd, NULL, &sel);
	CHECK_STR(show(&sel, buf, sizeof buf), "0:6:3 9:9:1 ", "match: keep filter before overlap test");
	ipm_matches_free(&all);
	ipm_matches_free(&sel);
	ipm_matcher_free(m);
}

/* Every match the automaton reports is an occurrence, and every occurrence is reported. */
static void test_random(void)
{
	const char alpha[] = "abc";
	char pats[40][6], text[2000];
	ipm_matcher *m = ipm_matcher_new();
	ipm_matches all = {0};
	size_t i, j, naive = 0, ok = 1;
	int ids[40];

	srand(7);
	for (i = 0; i < 40; i++) {
		size_t len = 1 + (size_t)rand() % 5;

		for (j = 0; j < len; j++)
			pats[i][j] = alpha[rand() % 3];
		pats[i][len] = '\0';
		ids[i] = ipm_matcher_add(m, pats[i], len);
	}
	ipm_matcher_build(m);
	for (i = 0; i < sizeof text; i++)
		text[i] = alpha[rand() % 3];
	ipm_matcher_scan(m, text, sizeof text, &all);
	for (i = 0; i < 40; i++) {
		size_t len = strlen(pats[i]), dup = 0;

		for (j = 0; j < i; j++)
			dup |= ids[j] == ids[i];
		if (dup)
			continue;
		for (j = 0; j + len <= sizeof text; j++)
			if (memcmp(text + j, pats[i], len) == 0)
				naive++;
	}
	for (i = 0; i < all.n; i++) {
		const ipm_match *x = &all.m[i];

		for (j = 0; j < 40 && ids[j] != x->id; j++)
			;
		if (j == 40 || strlen(pats[j]) != x->len || memcmp(text + x->start, pats[j], x->len) != 0)
			ok = 0;
		if (i > 0 && (all.m[i - 1].start > x->start ||
		              (all.m[i - 1].start == x->start && all.m[i - 1].len < x->len)))
			ok = 0;
	}
	CHECK(ok, "match: random: every match is an occurrence, sorted");
	CHECK(all.n == naive, "match: random: as many matches as a naive search");
	ipm_matches_free(&all);
	ipm_matcher_free(m);
}

static void test_scan(void)
{
	ipm_span sp[4];
	ipm_docnum d;
	ipm_buf tail = {0};
	size_t pos = 0, hs, hl;
	const char *t = "印发《关于〈中国制造2025〉的通知》和《未闭合";
	const char *n1 = "（国办发〔２０１９〕８ 号）";
	const char *u = "https://user@News.Sina.com.cn:80/c/x.shtml next";

	CHECK(ipm_scan_titles(t, strlen(t), sp, 4) == 1 && sp[0].start == 6, "tagscan: nested title, unclosed ignored");
	CHECK(ipm_scan_docnum(n1, strlen(n1), &pos, &d, &tail) == 1, "tagscan: full-width doc number found");
	CHECK_STR(tail.s, "〔2019〕8号", "tagscan: doc number tail normalised");
	CHECK(d.run_end - d.run_start == 9, "tagscan: prefix run is 国办发");
	pos = 0;
	CHECK(ipm_scan_docnum("国发〔15〕1号", strlen("国发〔15〕1号"), &pos, &d, &tail) == 0,
	      "tagscan: two-digit year is no doc number");
	CHECK(ipm_scan_host(u, strlen(u), &hs, &hl) && hl == 16 && memcmp(u + hs, "News.Sina.com.cn", 16) == 0,
	      "tagscan: host after user@, before port");
	CHECK(ipm_scan_host("n/a", 3, &hs, &hl) == 0, "tagscan: no host without a dot");
	CHECK(ipm_scan_word_run("医疗健康”发展", strlen("医疗健康”发展"), 16) == 12, "tagscan: word run stops at quote");
	ipm_buf_free(&tail);
}

int main(void)
{
	test_basic();
	test_add();
	test_cjk();
	test_random();
	test_scan();
	return t_failed;
}
