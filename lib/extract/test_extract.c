/* Unit tests of extract's own modules: HTML cells, the line source's
 * lookahead. (Dates, URLs and headings: text/test_text.c.) */
#include <stdio.h>
#include <string.h>

#include "core/check.h"
#include "core/util.h"
#include "html.h"
#include "lines.h"

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
	test_html();
	test_lines();
	return t_failed;
}
