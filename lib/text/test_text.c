/* Unit tests of lib/text's rules: dates and monitoring periods, URL starts,
 * numbered-title heading levels. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/check.h"
#include "core/util.h"
#include "dates.h"
#include "links.h"
#include "urls.h"
#include "zh.h"

static void date_case(const char *s, int y, int m, int d, int d2, size_t len, const char *name)
{
	struct ipm_date dt;
	size_t n = ipm_date_at(s, strlen(s), &dt);

	CHECK(n == len && dt.y == y && dt.m == m && dt.d == d && dt.d2 == d2, name);
}

static void test_dates(void)
{
	struct ipm_period p;
	struct ipm_date d;
	char iso[16];

	date_case("4 月 28 日，国务院", 0, 4, 28, 0, strlen("4 月 28 日"), "date spaced");
	date_case("3月12—15日，由", 0, 3, 12, 15, strlen("3月12—15日"), "date day range");
	date_case("3月5日-6日，四川", 0, 3, 5, 6, strlen("3月5日-6日"), "date range with 日");
	date_case("2月16日消息，", 0, 2, 16, 0, strlen("2月16日"), "date 消息");
	date_case("2016年6月1—2日，", 2016, 6, 1, 2, strlen("2016年6月1—2日"), "date with year and range");
	date_case("4 月 22 日至 24 日,", 0, 4, 22, 24, strlen("4 月 22 日至 24 日"), "date 至 range");
	date_case("13月1日", 0, 0, 0, 0, 0, "date bad month");
	date_case("2月32日", 0, 0, 0, 0, 0, "date bad day");
	date_case("123月1日", 0, 0, 0, 0, 0, "date long number");
	CHECK(ipm_date_find("2019 工业互联网峰会于 2 月 21 日在北京",
	                    strlen("2019 工业互联网峰会于 2 月 21 日在北京"), &d) && d.m == 2 && d.d == 21,
	      "date found in text");
	CHECK(ipm_period_find("本监测期内（2018年4月16-2018年5月15日），", 60, &p) &&
	      p.y1 == 2018 && p.m1 == 4 && p.d1 == 16 && p.y2 == 2018 && p.m2 == 5 && p.d2 == 15,
	      "period without 日 on the start");
	CHECK(ipm_period_find("(2018年12月16日-2019年1月15日)", 40, &p) && p.y1 == 2018 && p.y2 == 2019,
	      "period over new year");
	CHECK(ipm_period_year(&p, 12, 0) == 2018 && ipm_period_year(&p, 1, 0) == 2019,
	      "period year Dec->Jan");
	CHECK(ipm_period_find("(2018年12月16日-1月15日)", 40, &p) && p.y2 == 2019, "period end year inferred");
	ipm_date_iso(2019, 3, 5, iso);
	CHECK_STR(iso, "2019-03-05", "iso date");
	ipm_date_iso(0, 3, 5, iso);
	CHECK_STR(iso, "", "iso date without year");
}

static void test_urls(void)
{
	ipm_buf b = {0};

	ipm_url_clean("http://a.cn/2018‐04‐25/do c.html。", strlen("http://a.cn/2018‐04‐25/do c.html。"), &b);
	CHECK_STR(b.s, "http://a.cn/2018-04-25/doc.html", "url cleaned");
	CHECK(ipm_url_starts("http://www.x.cn/", 16) && !ipm_url_starts("http://2019/03/x.shtml", 22) &&
	      ipm_url_starts("www.x.cn", 8) && !ipm_url_starts("8/content.htm", 13), "url starts");
	CHECK(ipm_url_complete("http://a.cn/x.shtml", 19) && !ipm_url_complete("http://a.cn/2018-03/", 20) &&
	      ipm_url_complete("http://a.cn/?id=5", 17), "url complete");
	ipm_buf_free(&b);
}

static void test_headings(void)
{
	CHECK(ipm_zh_heading_level("一、国家部委", strlen("一、国家部委")) == 2, "heading 一、");
	CHECK(ipm_zh_heading_level("（二）加快推进", strlen("（二）加快推进")) == 3, "heading （二）");
	{   /* a line that ends inside "（二": numerals are looked for in the line only
	     * (the ASan run reads past a buffer of exactly its length otherwise) */
		char *cut = malloc(6);

		memcpy(cut, "（二", 6);
		CHECK(ipm_zh_heading_level(cut, 6) == 0, "heading: （二 cut at the line's end is none");
		free(cut);
	}
	CHECK(ipm_zh_heading_level("1. 持续优化", strlen("1. 持续优化")) == 4, "heading 1.");
	CHECK(ipm_zh_heading_level("【前言】", strlen("【前言】")) == 2, "heading 【】");
	CHECK(ipm_zh_heading_level("2018 年以来，推进。", strlen("2018 年以来，推进。")) == 0, "not a heading");
	CHECK(ipm_zh_heading_level("3.5 亿元", strlen("3.5 亿元")) == 0, "number is not a heading");
}

static void test_links(void)
{
	const char *it[3] = { "3月1日，甲。", "3月9日，乙。", "3月12日，丙。" };
	const char *u[2] = { "http://a.cn/2019-03/10/x.html", "http://b.cn/20190313/y.html" };
	size_t il[3], ul[2], i;
	long pair[3];

	for (i = 0; i < 3; i++)
		il[i] = strlen(it[i]);
	for (i = 0; i < 2; i++)
		ul[i] = strlen(u[i]);
	CHECK(ipm_url_day(u[0], ul[0]) == 3 * 31 + 10, "links: URL day 2019-03/10");
	CHECK(ipm_url_day("http://x.cn/t20180427_1.html", 28) == 4 * 31 + 27, "links: URL day t20180427");
	CHECK(ipm_url_day("http://x.cn/a/12345.html", 24) == -1, "links: no URL day");
	ipm_links_pair(3, it, il, 2, u, ul, pair);
	CHECK(pair[0] == -1 && pair[1] == 0 && pair[2] == 1, "links: fewer links pair by date");
	ipm_links_pair(2, it, il, 2, u, ul, pair);
	CHECK(pair[0] == 0 && pair[1] == 1, "links: equal counts pair in order");
}

int main(void)
{
	test_dates();
	test_urls();
	test_headings();
	test_links();
	return t_failed;
}
