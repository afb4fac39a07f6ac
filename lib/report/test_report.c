/* Unit tests for the report's modules: tally (counts, orders, merge),
 * digest (windows and period labels), sentence (templates, empty lists),
 * svg (escaping). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/check.h"
#include "core/util.h"
#include "digest.h"
#include "sentence.h"
#include "svg.h"
#include "tally.h"

static void test_tally(void)
{
	ipm_tally *a = ipm_tally_new(), *b = ipm_tally_new();
	const ipm_tally_ent **v;
	char key[16];
	int i;

	ipm_tally_addc(a, "b", 1);
	ipm_tally_addc(a, "a", 1);
	ipm_tally_addc(a, "c", 5);
	ipm_tally_addc(a, "a", 1);
	v = ipm_tally_sorted(a, IPM_TALLY_BY_COUNT);
	CHECK_STR(v[0]->key, "c", "tally by count: largest first");
	CHECK_STR(v[1]->key, "a", "tally by count: then the next");
	free(v);
	v = ipm_tally_sorted(a, IPM_TALLY_BY_SEQ);
	CHECK_STR(v[0]->key, "b", "tally by seq: first seen first");
	free(v);
	for (i = 0; i < 1000; i++) {   /* growth keeps every key */
		snprintf(key, sizeof key, "k%d", i % 300);
		ipm_tally_addc(b, key, 1);
	}
	CHECK(ipm_tally_len(b) == 300 && ipm_tally_count(b, "k7") == 4, "tally grows, counts exact");
	ipm_tally_merge(b, a);
	CHECK(ipm_tally_count(b, "c") == 5 && ipm_tally_total(b) == 1008, "tally merge adds counts");
	CHECK(ipm_tally_add(b, "x\0y", 3, 1)->klen == 3 && ipm_tally_count(b, "x") == 0,
	      "tally keys are byte strings");
	ipm_tally_free(a);
	ipm_tally_free(b);
}

static ipm_rec *rec(const char *sec, const char *prov, const char *date, const char *sub)
{
	ipm_rec *r = ipm_rec_new();
	const char *items[1] = { sub };
	size_t lens[1] = { strlen(sub) };

	ipm_rec_set_cstr(r, "doc", "d");
	ipm_rec_set_cstr(r, "section", sec);
	ipm_rec_set_cstr(r, "province", prov);
	ipm_rec_set_cstr(r, "date", date);
	ipm_rec_set_arr(r, "subsectors", items, lens, 1);
	ipm_rec_set_arr(r, "sectors", items, lens, 1);
	return r;
}

static void test_window(void)
{
	ipm_digest *d = ipm_digest_new(), *y = ipm_digest_new();
	char s[11], e[11], l[11];
	ipm_rec *r;
	int i;

	for (i = 16; i <= 31; i++) {
		char date[32];

		snprintf(date, sizeof date, "2018-04-%02d", i <= 30 ? i : 30);
		r = rec("province", "天津", date, "工业互联网");
		ipm_digest_add(d, r);
		ipm_rec_free(r);
	}
	r = rec("province", "福建", "2018-05-15", "工业互联网");
	ipm_digest_add(d, r);
	ipm_rec_free(r);
	ipm_digest_window(d, s, e, l);
	CHECK_STR(l, "2018-05", "window: 04-16..05-15 is named by the month of its end");
	r = rec("chronicle", NULL, "2016-01-05", "x");
	ipm_digest_add(y, r);
	ipm_rec_free(r);
	r = rec("chronicle", NULL, "2016-12-20", "x");
	ipm_digest_add(y, r);
	ipm_rec_free(r);
	ipm_digest_window(y, s, e, l);
	CHECK_STR(l, "2016", "window: a year-long document is named by its year");
	CHECK(d->total == 17 && ipm_tally_count(d->sub_prov, "工业互联网\x1f天津") == 16,
	      "digest counts subsector by province");
	ipm_digest_free(d);
	ipm_digest_free(y);
}

static void test_sentences(void)
{
	const char *path = "build/t_sentences.tsv";
	FILE *fp = fopen(path, "w");
	ipm_sentences *s;
	ipm_digest *d = ipm_digest_new();
	ipm_buf out = { 0 };
	const char *order[] = { "天津", "福建", "天津", "安徽" };
	size_t i, n;

	fputs("# t\nlabel\tx\t-\t-\t-\tX!\n"
	      "subsector\t工业互联网\t2\t31\t1\t{provinces}出台了促进{subsector}发展的政策。\n"
	      "enterprise\t-\t0\t3\t-\t{companies}等企业。\n", fp);
	fclose(fp);
	s = ipm_sentences_load(path);
	CHECK(s != NULL, "sentences load");
	if (!s)
		return;
	CHECK_STR(ipm_label(s, "x"), "X!", "label from file");
	CHECK_STR(ipm_label(s, "y"), "y", "label defaults to key");
	for (i = 0; i < 4; i++) {
		ipm_rec *r = rec("province", order[i], "2018-04-20", "工业互联网");

		ipm_digest_add(d, r);
		ipm_rec_free(r);
	}
	n = ipm_sentences_build(s, d, NULL, NULL, "", "", &out);
	CHECK(n == 1, "an empty company list drops its sentence");
	CHECK_STR(out.s, "天津、福建、安徽出台了促进工业互联网发展的政策。\n",
	          "names in first-seen order, each once");
	ipm_buf_free(&out);
	ipm_digest_free(d);
	ipm_sentences_free(s);
	remove(path);
}

static void test_kinds(void)
{
	ipm_digest *d = ipm_digest_new();
	ipm_rec *r = rec("paragraph", NULL, "2016-03-01", "x");
	const char *t1[2] = { "《关于深化“互联网+先进制造业”发展工业互联网的指导意见》", "《意见》" };
	const char *t2[1] = { "《行动计划》" };
	size_t l1[2] = { strlen(t1[0]), strlen(t1[1]) }, l2[1] = { strlen(t2[0]) };
	char m[8];

	ipm_digest_add(d, r);
	ipm_rec_free(r);
	CHECK(ipm_digest_kind(d) == IPM_KIND_BOOK, "kind: paragraphs make a book");
	ipm_digest_free(d);
	d = ipm_digest_new();
	r = rec("ministry", NULL, "2018-05-01", "x");
	ipm_rec_set_arr(r, "policy_docs", t1, l1, 2);
	ipm_digest_add(d, r);
	ipm_rec_set_arr(r, "policy_docs", t2, l2, 1);
	ipm_digest_add(d, r);
	ipm_rec_set_arr(r, "policy_docs", t1 + 1, l1 + 1, 1);
	ipm_digest_add(d, r);
	ipm_rec_free(r);
	CHECK(ipm_digest_kind(d) == IPM_KIND_REPORT, "kind: ministry items make a monitoring report");
	CHECK(ipm_tally_len(d->policies) == 1 &&
	      ipm_tally_count(d->policies, "关于深化“互联网+先进制造业”发展工业互联网的指导意见") == 2,
	      "policy: 《意见》 resolves to the full title named before; 《行动计划》 with none is left out");
	CHECK(ipm_policy_abbrev("实施方案", strlen("实施方案")) &&
	      !ipm_policy_abbrev("网络安全法", strlen("网络安全法")), "policy: abbreviations are type words");
	ipm_digest_free(d);
	ipm_month_step("2019-03", -1, m);
	CHECK_STR(m, "2019-02", "month before");
	ipm_month_step("2019-01", -1, m);
	CHECK_STR(m, "2018-12", "month before January");
	ipm_month_step("2016", -1, m);
	CHECK_STR(m, "", "no month before a year");
}

static void test_escape(void)
{
	ipm_buf b = { 0 };

	ipm_xml_escape(&b, "<a href=\"x\">&</a>");
	CHECK_STR(b.s, "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;", "xml escape");
	ipm_buf_free(&b);
}

int main(void)
{
	test_tally();
	test_window();
	test_sentences();
	test_kinds();
	test_escape();
	return t_failed;
}
