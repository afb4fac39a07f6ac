/* Unit tests for lib/dedup: link normalisation, the text measure, and the
 * traps (same link different text; same text different dates). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/check.h"
#include "core/rec.h"
#include "core/util.h"
#include "dedup.h"

static const char *norm(const char *u, ipm_buf *b)
{
	return ipm_url_norm(u, strlen(u), b) ? b->s : "";
}

static void test_url(void)
{
	ipm_buf b = {0};

	CHECK_STR(norm("http://www.MIIT.gov.cn/n1/c2.html", &b), "miit.gov.cn/n1/c2.html", "url: scheme, www, host case");
	CHECK_STR(norm(" https://miit.gov.cn:443/n1/c2.html/#x", &b), "miit.gov.cn/n1/c2.html", "url: port, trailing slash, fragment");
	CHECK_STR(norm("http://a.cn/p?id=A&b=2 http://other.cn/x", &b), "a.cn/p?id=A&b=2", "url: first word, query and path case kept");
	CHECK_STR(norm("http://www.gov.cn/", &b), "", "url: a site's home page names no event");
	CHECK_STR(norm("无链接", &b), "", "url: not a link");
	CHECK_STR(norm("localhost/x", &b), "", "url: host without a dot");
	ipm_buf_free(&b);
}

static double jac(const char *x, const char *y)
{
	uint64_t *a, *b;
	size_t na = ipm_text_bigrams(x, strlen(x), &a), nb = ipm_text_bigrams(y, strlen(y), &b);
	double j = ipm_jaccard(a, na, b, nb);

	free(a);
	free(b);
	return j;
}

static void test_measure(void)
{
	uint64_t *a;

	CHECK(jac("工业互联网，发展！", "工业 互联网发展") == 1.0, "text: punctuation and spaces ignored");
	CHECK(jac("ＡＢＣ１２", "abc12") == 1.0, "text: full-width folded, ASCII lower-cased");
	CHECK(jac("甲乙丙丁", "甲乙丙戊") == 0.5, "text: bigram Jaccard 2/4");
	/* 10 chars, one changed in the middle: 9 bigrams each, 7 shared: 7/11 < 0.8 */
	CHECK(jac("一二三四五六七八九十", "一二三四五X七八九十") < 0.8, "text: one changed char in ten is below 0.8");
	/* one char dropped from 20: 18 of 19/18 bigrams shared: 17/20 = 0.85 >= 0.8 */
	CHECK(jac("一二三四五六七八九十甲乙丙丁戊己庚辛壬癸", "一二三四五六七八九十甲乙丙丁戊己庚辛壬") >= 0.8,
	      "text: one dropped char in twenty is above 0.8");
	CHECK(ipm_text_bigrams("，。 ", 7, &a) == 0 && ipm_jaccard(a, 0, a, 0) == 0, "text: punctuation only is empty");
	free(a);
	CHECK(jac("中", "中") == 1.0, "text: one character is its own set");
}

static const char *add(ipm_dedup *d, const char *date, const char *text, const char *url,
                       const char *prov)
{
	ipm_rec *r = ipm_rec_new();
	static char id[64];

	ipm_rec_set_cstr(r, "date", date);
	ipm_rec_set_cstr(r, "text", text);
	ipm_rec_set_cstr(r, "url", url);
	ipm_rec_set_cstr(r, "province", prov);
	ipm_dedup_add(d, r);
	snprintf(id, sizeof id, "%s", ipm_rec_str(r, "event_id"));
	ipm_rec_free(r);
	return id;
}

static void test_traps(void)
{
	ipm_dedup *d = ipm_dedup_new(IPM_DEDUP_THRESHOLD, 0);
	const char *t = "工业和信息化部印发工业互联网发展行动计划提出到2020年初步建成基础设施";
	char a[64], b[64];

	snprintf(a, sizeof a, "%s", add(d, "2018-04-17", t, "http://x.cn/a/1.html", NULL));
	snprintf(b, sizeof b, "%s", add(d, "2019-01-01", "完全不同的一段话", "https://www.x.cn/a/1.html/", NULL));
	CHECK_STR(b, a, "dedup trap: same link, different text and date -> one event");
	snprintf(b, sizeof b, "%s", add(d, "2018-05-17", t, NULL, NULL));
	CHECK(strcmp(a, b) != 0, "dedup trap: same text, different dates -> two events");
	snprintf(b, sizeof b, "%s", add(d, "2018-04-17", t, "http://other.cn/2.html", NULL));
	CHECK_STR(b, a, "dedup: same date, same text, new link -> joins and indexes the link");
	snprintf(b, sizeof b, "%s", add(d, "2020-01-01", "又一段不同的话", "http://other.cn/2.html", NULL));
	CHECK_STR(b, a, "dedup: the link learnt from a text match is used");
	snprintf(a, sizeof a, "%s", add(d, "2018-04-20", "天津市印发关于深化互联网先进制造业发展工业互联网的实施意见", NULL, "天津"));
	snprintf(b, sizeof b, "%s", add(d, "2018-04-20", "福建省印发关于深化互联网先进制造业发展工业互联网的实施意见", NULL, "福建"));
	CHECK(strcmp(a, b) != 0, "dedup: two provinces' alike notices stay two events");
	snprintf(a, sizeof a, "%s", add(d, NULL, "没有日期", NULL, NULL));
	snprintf(b, sizeof b, "%s", add(d, NULL, "没有日期。", NULL, NULL));
	CHECK_STR(b, a, "dedup: identical undated texts (punctuation aside) are one event");
	snprintf(b, sizeof b, "%s", add(d, NULL, "没有日期的另一段", NULL, NULL));
	CHECK(strcmp(a, b) != 0, "dedup: undated texts are compared exactly, not by similarity");
	snprintf(b, sizeof b, "%s", add(d, NULL, "没有日期", NULL, "福建"));
	CHECK(strcmp(a, b) != 0 && strlen(b) == strlen(a) + 2, "dedup: an undated text of a province is its own event; ids stay unique");
	CHECK(ipm_dedup_nevents(d) == 7, "dedup: event count");
	ipm_dedup_free(d);
}

/* The window of dates: the same event reported a day later is one event;
 * two days after its first report (window 1) or a day later with --window 0
 * is not. */
static void test_window(void)
{
	ipm_dedup *d = ipm_dedup_new(IPM_DEDUP_THRESHOLD, 0);
	const char *t = "国家发展改革委印发关于推进互联网加现代农业行动的实施意见";
	char a[64], b[64];

	snprintf(a, sizeof a, "%s", add(d, "2018-02-28", t, NULL, NULL));
	snprintf(b, sizeof b, "%s", add(d, "2018-03-01", t, NULL, NULL));
	CHECK_STR(b, a, "dedup window: a day later across a month end -> one event");
	snprintf(b, sizeof b, "%s", add(d, "2018-03-02", t, NULL, NULL));
	CHECK(strcmp(a, b) != 0, "dedup window: two days after the event's first report -> two events "
	      "(an event is found by its first record's date: no chains)");
	snprintf(b, sizeof b, "%s", add(d, "2018-02", t, NULL, NULL));
	CHECK(strcmp(a, b) != 0, "dedup window: a month-only date has no neighbours");
	ipm_dedup_free(d);
	d = ipm_dedup_new(IPM_DEDUP_THRESHOLD, 0);
	ipm_dedup_set_window(d, 0);
	snprintf(a, sizeof a, "%s", add(d, "2018-02-28", t, NULL, NULL));
	snprintf(b, sizeof b, "%s", add(d, "2018-03-01", t, NULL, NULL));
	CHECK(strcmp(a, b) != 0, "dedup window 0: the same date only");
	ipm_dedup_free(d);
}

/* Texts longer than the sketch (256 bigram hashes): near-identical ones still
 * match through the bottom-k estimate, different ones do not. */
static void test_long_texts(void)
{
	ipm_dedup *d = ipm_dedup_new(IPM_DEDUP_THRESHOLD, 0);
	char x[8192], y[8192], z[8192], a[64], b[64];
	size_t i, n = 0, m = 0, k = 0;

	for (i = 0; i < 600; i++) {   /* 600 distinct CJK characters: ~600 bigrams */
		unsigned cp = 0x4E00 + (unsigned)(i * 7 % 5000), cq = 0x4E00 + (unsigned)(i * 13 % 5000 + 3);
		n += (size_t)snprintf(x + n, sizeof x - n, "%c%c%c", 0xE0 | cp >> 12, 0x80 | (cp >> 6 & 63), 0x80 | (cp & 63));
		if (i != 300)   /* one character dropped: Jaccard ~0.997 */
			m += (size_t)snprintf(y + m, sizeof y - m, "%c%c%c", 0xE0 | cp >> 12, 0x80 | (cp >> 6 & 63), 0x80 | (cp & 63));
		k += (size_t)snprintf(z + k, sizeof z - k, "%c%c%c", 0xE0 | cq >> 12, 0x80 | (cq >> 6 & 63), 0x80 | (cq & 63));
	}
	snprintf(a, sizeof a, "%s", add(d, "2018-04-17", x, NULL, NULL));
	snprintf(b, sizeof b, "%s", add(d, "2018-04-17", y, NULL, NULL));
	CHECK_STR(b, a, "dedup sketch: long near-identical texts -> one event");
	snprintf(b, sizeof b, "%s", add(d, "2018-04-17", z, NULL, NULL));
	CHECK(strcmp(a, b) != 0, "dedup sketch: long different texts -> two events");
	ipm_dedup_free(d);
}

/* A date with many events (the band index, LSH_MIN and up): every
 * near-duplicate finds its original, and distinct texts stay apart, as
 * comparing all of them would give. */
static void test_many_on_one_date(void)
{
	static const char *const words[] = { "推进", "发布", "印发", "上线", "召开", "签署", "启动", "建设" };
	static const char *const what[] = { "互联网医院", "政务服务平台", "工业互联网", "智慧城市", "数字乡村", "电子商务园区" };
	ipm_dedup *d = ipm_dedup_new(IPM_DEDUP_THRESHOLD, 0);
	ipm_rec *r = ipm_rec_new();
	size_t first[600], i, wrong = 0, merged = 0;
	char text[256];

	for (i = 0; i < 600; i++) {
		snprintf(text, sizeof text, "第%zu号通知：%s市%s%s第%zu期项目，覆盖%zu个县区和%zu家企业。",
		         i, what[i % 6], words[i % 8], what[(i / 6) % 6], i * 7 % 97, i * 13 % 89, i * 31 % 101);
		ipm_rec_clear(r);
		ipm_rec_set_cstr(r, "date", "2018-05-01");
		ipm_rec_set_cstr(r, "text", text);
		first[i] = ipm_dedup_add(d, r);
	}
	for (i = 0; i < 600; i++)
		merged += first[i] != i;
	for (i = 0; i < 600; i += 3) {   /* the same texts again, one character changed */
		snprintf(text, sizeof text, "第%zu号通知：%s市%s%s第%zu期项目，覆盖%zu个县区和%zu家企业！",
		         i, what[i % 6], words[i % 8], what[(i / 6) % 6], i * 7 % 97, i * 13 % 89, i * 31 % 101);
		ipm_rec_clear(r);
		ipm_rec_set_cstr(r, "date", "2018-05-01");
		ipm_rec_set_cstr(r, "text", text);
		wrong += ipm_dedup_add(d, r) != first[i];
	}
	CHECK(merged == 0, "dedup: 600 distinct texts on one date stay 600 events");
	CHECK(wrong == 0, "dedup: every near-duplicate on a crowded date finds its event");
	ipm_rec_free(r);
	ipm_dedup_free(d);
}

/* The filters before the sketch merge (size, prefix, signature) may only
 * skip texts that cannot reach the threshold: random texts and mutations of
 * them on one date (fewer than the band index's LSH_MIN events) join the
 * event that comparing with every event's first text gives, at thresholds
 * where many pairs fall near the threshold. */
static void test_filters_exact(void)
{
	static const char *const cjk[] = { "互", "联", "网", "工", "业", "医", "疗", "政", "务", "服",
	                                   "平", "台", "智", "慧", "城", "市", "数", "字", "乡", "村" };
	static const double ts[] = { 0.5, 0.8, 0.9 };
	enum { NTEXT = 240, MAXC = 64 };
	char (*texts)[MAXC * 3 + 1] = malloc(NTEXT * sizeof *texts);
	size_t ev_text[NTEXT], nev, i, k, c, len, want, got, wrong, near;
	uint64_t seed = 12345, *a, *b;
	double best, j;
	ipm_dedup *d;
	ipm_rec *r = ipm_rec_new();

	for (k = 0; k < sizeof ts / sizeof ts[0]; k++) {
		d = ipm_dedup_new(ts[k], 0);
		nev = wrong = near = 0;
		for (i = 0; i < NTEXT; i++) {
			seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
			if (i < 40 || (seed >> 60) < 4) {   /* a new random text */
				len = 8 + (seed >> 33) % (MAXC - 8);
				texts[i][0] = '\0';
				for (c = 0; c < len; c++) {
					seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
					strcat(texts[i], cjk[(seed >> 33) % 20]);
				}
			} else {   /* an earlier text with 1 to 16 characters changed */
				memcpy(texts[i], texts[(seed >> 33) % i], sizeof texts[i]);
				len = strlen(texts[i]) / 3;
				for (c = 0; c < 1 + (seed >> 40) % 16; c++) {
					seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
					memcpy(texts[i] + 3 * ((seed >> 33) % len), cjk[(seed >> 20) % 20], 3);
				}
			}
			/* the oracle: the best Jaccard over every event's first text, the earliest on a tie */
			best = 0;
			want = nev;
			for (c = 0; c < nev; c++) {
				size_t na = ipm_text_bigrams(texts[i], strlen(texts[i]), &a);
				size_t nb = ipm_text_bigrams(texts[ev_text[c]], strlen(texts[ev_text[c]]), &b);

				j = ipm_jaccard(a, na, b, nb);
				free(a);
				free(b);
				near += j >= ts[k] - 0.05 && j < ts[k] + 0.05;
				if (j >= ts[k] && j > best) {
					best = j;
					want = c;
				}
			}
			ipm_rec_clear(r);
			ipm_rec_set_cstr(r, "date", "2018-05-01");
			ipm_rec_set_cstr(r, "text", texts[i]);
			got = ipm_dedup_add(d, r);
			wrong += got != want;
			if (want == nev)
				ev_text[nev++] = i;
		}
		CHECK(wrong == 0 && near >= 20 && nev > 40 && nev < NTEXT,
		      "dedup: the filters skip no match (random texts and mutations, thresholds 0.5, 0.8, 0.9)");
		if (getenv("T_VERBOSE") || wrong || near < 20)
			fprintf(stderr, "threshold %.2f: %zu wrong, %zu pairs near it, %zu events\n", ts[k], wrong, near, nev);
		ipm_dedup_free(d);
	}
	ipm_rec_free(r);
	free(texts);
}

int main(void)
{
	test_filters_exact();
	test_many_on_one_date();
	test_url();
	test_measure();
	test_traps();
	test_window();
	test_long_texts();
	return t_failed;
}
