/* Unit tests of the report modules: dates, periods, HTML cells, URLs, text
 * headings, the line source's lookahead. */
#include <stdio.h>
#include <string.h>

#include "core/check.h"
#include "core/util.h"
#include "extract.h"
#include "html.h"
#include "lines.h"
#include "text/dates.h"
#include "text/urls.h"

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

static void html_case(const char *in, const char *want, const char *name)
{
	ipm_buf b = {0};

	ipm_html_text(in, strlen(in), &b);
	CHECK_STR(b.s ? b.s : "", want, name);
	ipm_buf_free(&b);
}

static void test_html(void)
{
	html_case("<p>一</p> <p>二</p>", "一\n二", "html p items");
	html_case("<ul><li>➤ a</li><li>b</li></ul>", "➤ a\nb", "html li items");
	html_case("a<br><br>b", "a\nb", "html br");
	html_case("A&amp;B &lt;x&gt; &#24180;&#x5E74;&nbsp;z", "A&B <x> 年年 z", "html entities");
	html_case("&bogus; &#; &", "&bogus; &#; &", "html bad entities kept");
	html_case("<注>文本<http://x.cn>", "<注>文本<http://x.cn>", "html literal angle text");
	html_case("<a href=\"http://a.cn/1.html\"><u>http://a.cn/1.html</u></a>", "http://a.cn/1.html",
	          "html anchor once");
	html_case("<a href=\"#\">0.htm</a>", "0.htm", "html anchor without target");
	html_case("<a href=\"http://b.cn/x\">新华网</a>", "http://b.cn/x 新华网", "html anchor text kept");
	html_case("<a href=\"http://n.cn/1.html\">6/doc-x.shtml</a>", "6/doc-x.shtml",
	          "html printed URL piece wins");
	html_case("a   b\t c", "a b c", "html spaces collapsed");
	html_case("<p>unclosed", "unclosed", "html unclosed");
	html_case("<a href=\"http://x", "<a href=\"http://x", "html truncated tag kept as text");
	CHECK(ipm_html_has_tag("x<br>y", 6) && !ipm_html_has_tag("1 < 2 > 0", 9), "html has tag");
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
	CHECK(ipm_zh_heading_level("1. 持续优化", strlen("1. 持续优化")) == 4, "heading 1.");
	CHECK(ipm_zh_heading_level("【前言】", strlen("【前言】")) == 2, "heading 【】");
	CHECK(ipm_zh_heading_level("2018 年以来，推进。", strlen("2018 年以来，推进。")) == 0, "not a heading");
	CHECK(ipm_zh_heading_level("3.5 亿元", strlen("3.5 亿元")) == 0, "number is not a heading");
}

static void test_lines(void)
{
	const char *text = "a\r\nb\n\nc";
	ipm_lines *ls = ipm_lines_mem(text, strlen(text), "mem");
	const char *s;
	size_t n;
	long ln;
	int ok;

	ok = ipm_lines_peek(ls, 2, &s, &n, &ln) == 1 && n == 0 && ln == 3;
	ok = ok && ipm_lines_next(ls, &s, &n) == 1 && strcmp(s, "a") == 0;
	ok = ok && ipm_lines_peek(ls, 1, &s, &n, &ln) == 1 && ln == 3;
	ok = ok && ipm_lines_next(ls, &s, &n) == 1 && strcmp(s, "b") == 0;
	ok = ok && ipm_lines_next(ls, &s, &n) == 1 && n == 0;
	ok = ok && ipm_lines_next(ls, &s, &n) == 1 && strcmp(s, "c") == 0 && ipm_lines_lineno(ls) == 4;
	ok = ok && ipm_lines_next(ls, &s, &n) == 0 && ipm_lines_peek(ls, 0, &s, &n, NULL) == 0;
	CHECK(ok, "lines lookahead and CRLF");
	ipm_lines_close(ls);
}

int main(void)
{
	test_dates();
	test_html();
	test_urls();
	test_headings();
	test_lines();
	return t_failed;
}
