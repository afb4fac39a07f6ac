/* Unit tests for lib/zhtext: squeezing, unit parentheses, footnote marks and
 * the number forms of statistical tables. */
#include <string.h>

#include "core/check.h"
#include "core/util.h"
#include "zh.h"

static const char *sq(const char *s)
{
	static ipm_buf b;

	ipm_buf_clear(&b);
	ipm_zh_squeeze(s, strlen(s), &b);
	return b.s ? b.s : "";
}

static const char *num(const char *s, const char *flag)
{
	static char out[96];
	struct ipm_zh_num v;

	ipm_zh_parse_num(s, strlen(s), &v);
	snprintf(out, sizeof out, "%s%s", v.ok ? v.num : v.nodata ? "nodata" : "text",
	         !strcmp(flag, "paren") ? (v.paren ? " ()" : "") :
	         !strcmp(flag, "cmp") ? (v.cmp == IPM_ZH_GT ? " >" : v.cmp == IPM_ZH_LT ? " <" : "") :
	         !strcmp(flag, "pct") ? (v.percent ? " %" : "") :
	         !strcmp(flag, "marks") ? (v.marks == 2 ? " **" : v.marks == 1 ? " *" : "") : "");
	return out;
}

static const char *unit(const char *s)
{
	static char out[64];
	const char *u;
	size_t ul, cut = ipm_zh_unit_paren(s, strlen(s), &u, &ul);

	snprintf(out, sizeof out, "%.*s|%.*s", (int)cut, s, u ? (int)ul : 0, u ? u : "");
	return out;
}

int main(void)
{
	CHECK_STR(sq("内 蒙 古"), "内蒙古", "zh squeeze CJK spaces");
	CHECK_STR(sq(" IPv4 地址数 "), "IPv4地址数", "zh squeeze ASCII-CJK");
	CHECK_STR(sq("New  Zealand"), "New Zealand", "zh squeeze keeps one space between words");
	CHECK_STR(sq("\xE3\x80\x80指\xE3\x80\x80标"), "指标", "zh squeeze U+3000");
	CHECK_STR(unit("软件业务收入 （万元）"), "软件业务收入 |万元", "zh unit full-width parens");
	CHECK_STR(unit("年均增长(%)"), "年均增长|%", "zh unit percent");
	CHECK_STR(unit("电话普及率 (部/百人)"), "电话普及率 |部/百人", "zh unit ratio");
	CHECK_STR(unit("互联网国际出口带宽（Tbps）"), "互联网国际出口带宽|Tbps", "zh unit Tbps");
	CHECK_STR(unit("省（自治区、直辖市）"), "省（自治区、直辖市）|", "zh not a unit: regions");
	CHECK_STR(unit("新型高精度飞行校验技术及装备（CFIS）"), "新型高精度飞行校验技术及装备（CFIS）|",
	          "zh not a unit: acronym");
	CHECK_STR(unit("（万元）"), "（万元）|", "zh whole text in parens is no unit");
	CHECK_STR(num("1,234.5", ""), "1234.5", "zh num thousands");
	CHECK_STR(num("—", ""), "nodata", "zh num em dash");
	CHECK_STR(num("- -", ""), "nodata", "zh num dashes");
	CHECK_STR(num("（55）", "paren"), "55 ()", "zh num full-width parens");
	CHECK_STR(num("(>15)", "cmp"), "15 >", "zh num paren and >");
	CHECK_STR(num(">70", "cmp"), "70 >", "zh num >");
	CHECK_STR(num("<1", "cmp"), "1 <", "zh num <");
	CHECK_STR(num("29%", "pct"), "29 %", "zh num percent");
	CHECK_STR(num("↑ 6.94", ""), "6.94", "zh num up arrow");
	CHECK_STR(num("↓1.2", ""), "-1.2", "zh num down arrow");
	CHECK_STR(num("-0", ""), "0", "zh num no minus zero");
	CHECK_STR(num("007.50", ""), "7.50", "zh num leading zeros");
	CHECK_STR(num(".5", ""), "0.5", "zh num leading dot");
	CHECK_STR(num("13775**", "marks"), "13775 **", "zh num footnote marks");
	CHECK_STR(num("32/28", ""), "text", "zh num slash is text");
	CHECK_STR(num("12.", ""), "text", "zh num trailing dot is text");
	CHECK_STR(num("", ""), "text", "zh num empty");
	CHECK_STR(num("1e5", ""), "text", "zh num exponent is text");
	{
		const char *b;
		size_t bl;
		double f = ipm_zh_unit_scale("万亿元", strlen("万亿元"), &b, &bl);
		CHECK(f == 1e12 && bl == 3 && !memcmp(b, "元", 3), "zh unit scale 万亿元");
		f = ipm_zh_unit_scale("亿美元", strlen("亿美元"), &b, &bl);
		CHECK(f == 1e8 && bl == 6, "zh unit scale 亿美元");
		f = ipm_zh_unit_scale("台/百户", strlen("台/百户"), &b, &bl);
		CHECK(f == 1, "zh unit scale ratio unscaled");
	}
	return t_failed;
}
