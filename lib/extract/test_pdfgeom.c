/* Unit tests of the PDF geometry reader (pdfgeom*): made-up `mutool trace`
 * pages: a ruled table whose name cell spans two item rows, the name
 * centred between them; cells of one line at different heights; a gap
 * inside a ruled item row; a line set down at a page's foot; names cut by a page break (wrapped, centred);
 * a one-page document's footer; the joins of wrapped lines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/blocks.h"
#include "core/check.h"
#include "core/datafile.h"
#include "core/util.h"
#include "core/utf8.h"
#include "pdfgeom.h"
#include "pdfgeom_impl.h"

/* glyphs of s from x on baseline y, 10 pt: CJK 1 em, ASCII half */
static void text(ipm_buf *b, const char *s, double x, double y)
{
	size_t i = 0, n = strlen(s), k;
	uint32_t cp;

	ipm_buf_adds(b, "<fill_text transform=\"1 0 0 1 0 0\"><span trm=\"10 0 0 -10\">\n");
	while (i < n && (k = ipm_utf8_decode((const unsigned char *)s + i, n - i, &cp)) > 0) {
		ipm_buf_printf(b, "<g unicode=\"%.*s\" x=\"%g\" y=\"%g\" adv=\"%s\"/>\n", (int)k, s + i, x, y,
		               cp < 0x80 ? ".5" : "1");
		x += cp < 0x80 ? 5 : 10;
		i += k;
	}
	ipm_buf_adds(b, "</span></fill_text>\n");
}

static void rule(ipm_buf *b, double x0, double y0, double x1, double y1)
{
	ipm_buf_printf(b, "<fill_path transform=\"1 0 0 1 0 0\"><moveto x=\"%g\" y=\"%g\"/><lineto x=\"%g\" y=\"%g\"/>"
	               "<lineto x=\"%g\" y=\"%g\"/><lineto x=\"%g\" y=\"%g\"/><closepath/></fill_path>\n",
	               x0, y0, x1, y0, x1, y1, x0, y1);
}

static int keep(void *ctx, const ipm_rec *r)
{
	ipm_buf *b = ctx;
	const ipm_val *v = ipm_rec_get(r, "cells");
	size_t i;

	if (ipm_block_type(r) != IPM_B_ROW || !v || v->t != IPM_V_ARR)
		return 0;
	for (i = 0; i < v->n; i++) {
		ipm_buf_add(b, v->items[i], v->ilen[i]);
		ipm_buf_addc(b, i + 1 < v->n ? '|' : '\n');
	}
	return 0;
}

/* the text of each paragraph block, one a line */
static int keep_paras(void *ctx, const ipm_rec *r)
{
	ipm_buf *b = ctx;
	const ipm_val *v = ipm_rec_get(r, "text");

	if (ipm_block_type(r) == IPM_B_PARA && v && v->t == IPM_V_STR) {
		ipm_buf_add(b, v->s, v->len);
		ipm_buf_addc(b, '\n');
	}
	return 0;
}

static void page(ipm_buf *b, int no, int h)
{
	ipm_buf_printf(b, "%s<page number=\"%d\" mediabox=\"0 0 600 %d\">\n", no > 1 ? "</page>\n" : "", no, h);
}

/* A document whose page 1 (h high) starts with the header 地区 | 相关政策
 * | 链接 on baseline 104, ruled above and below when ruled. */
static void table_start(ipm_buf *b, int h, int ruled)
{
	ipm_buf_adds(b, "<document filename=\"t.pdf\">\n");
	page(b, 1, h);
	text(b, "地区", 60, 104);
	text(b, "相关政策", 240, 104);
	text(b, "链接", 460, 104);
	if (ruled) {
		rule(b, 40, 90, 560, 91);
		rule(b, 40, 110, 560, 111);
	}
}

/* an item's first line and its link on baseline y */
static void item(ipm_buf *b, const char *s, const char *url, double y)
{
	text(b, s, 130, y);
	text(b, url, 410, y);
}

/* column rules at x 40, 120, 400, 560 from y0 to y1 */
static void grid(ipm_buf *b, double y0, double y1)
{
	static const double xs[] = {40, 120, 400, 560};
	size_t i;

	for (i = 0; i < 4; i++)
		rule(b, xs[i], y0, xs[i] + 1, y1);
}

/* The rows the trace xml (pages, no document end) reads as, with a
 * check that it is want. */
static void rows_are(ipm_buf *x, const char *want, const char *what)
{
	ipm_buf got = {0};
	ipm_blocks *out = ipm_blocks_open(keep, &got);
	ipm_rejects *rj = ipm_rejects_open(NULL);
	char *data = ipm_data_dir(NULL, "columns.tsv");

	ipm_buf_adds(x, "</page>\n</document>\n");
	CHECK(ipm_pdfgeom_mem(x->s, x->len, out, rj, data) == 0, "pdfgeom reads the trace");
	CHECK_STR(got.s ? got.s : "", want, what);
	ipm_blocks_close(out);
	ipm_rejects_close(rj, 0, 0);
	ipm_buf_free(&got);
	free(data);
}

/* One printed line holds cells at different heights (a link's wrapped
 * tail 2.5 pt above a new item): the item's pitch is measured on its own
 * baseline, its next line goes on. */
static void test_cell_baselines(void)
{
	ipm_buf x = {0};

	table_start(&x, 800, 0);
	text(&x, "北京市", 60, 128);
	item(&x, "3月1日，北京上线了新的", "http://a.cn/1.html", 128);
	text(&x, "政务平台。", 130, 140);
	text(&x, "3月9日，北京发布了新的", 130, 160);
	text(&x, "http://a.cn/2.html", 410, 157.5);
	text(&x, "服务规定。", 130, 172.5);
	rows_are(&x, "地区|相关政策|链接\n北京市|3月1日，北京上线了新的政务平台。\n3月9日，北京发布了新的服务规定。|"
	         "http://a.cn/1.html\nhttp://a.cn/2.html\n", "pdfgeom an item's pitch on its own baseline");
	ipm_buf_free(&x);
}

/* Name cells spanning ruled item rows: a gap inside a row (a line pushed
 * down) starts no item; a rule does. */
static void test_gap_in_ruled_row(void)
{
	ipm_buf x = {0};

	table_start(&x, 800, 1);
	rule(&x, 120, 170, 560, 171);   /* between the items, not across the name */
	rule(&x, 40, 215, 560, 216);
	grid(&x, 90, 216);
	item(&x, "3月1日，北京上线了", "http://a.cn/1.html", 128);
	text(&x, "新的政务服务平台", 130, 140);
	text(&x, "和应用。", 130, 162);
	text(&x, "北京市", 60, 167);
	item(&x, "3月9日，北京发布了", "http://a.cn/2.html", 190);
	text(&x, "新规定。", 130, 202);
	rows_are(&x, "地区|相关政策|链接\n北京市|3月1日，北京上线了新的政务服务平台和应用。\n3月9日，北京发布了新规定。|"
	         "http://a.cn/1.html\nhttp://a.cn/2.html\n", "pdfgeom a gap inside a ruled item row");
	ipm_buf_free(&x);
}

/* The table's last line on a page set down at its foot, a gap above it:
 * under a line that ran to the column's edge it goes on with the item;
 * under a short line it starts one. */
static void test_line_at_foot(void)
{
	static const char *const above[] = { "政务服务平台和应用系统", "政务服务平台。" };
	static const char *const want[] = {
		"地区|相关政策|链接\n北京市|3月1日，北京上线了新的政务服务平台和应用系统另有两项服务上线。|http://a.cn/1.html\n",
		"地区|相关政策|链接\n北京市|3月1日，北京上线了新的政务服务平台。\n另有两项服务上线。|http://a.cn/1.html\n" };
	size_t k;

	for (k = 0; k < 2; k++) {
		ipm_buf x = {0};
		table_start(&x, 800, 0);
		text(&x, "北京市", 60, 128);
		item(&x, "3月1日，北京上线了新的", "http://a.cn/1.html", 128);
		text(&x, above[k], 130, 140);
		text(&x, "另有两项服务上线。", 130, 162);
		rows_are(&x, want[k], "pdfgeom a line at the page's foot");
		ipm_buf_free(&x);
	}
}

/* A name wrapped over a page break ("西藏自" / "治区"), its item going
 * on over the break: the part past it, without an item of its own, ends
 * the name. */
static void test_name_over_break(void)
{
	ipm_buf x = {0};

	table_start(&x, 160, 1);
	rule(&x, 40, 146, 560, 147);   /* the page part's frame */
	grid(&x, 90, 147);
	text(&x, "西藏自", 60, 128);
	item(&x, "3月5日，西藏推进远程医疗", "http://a.cn/1.html", 128);
	text(&x, "建设，", 130, 140);
	page(&x, 2, 160);
	rule(&x, 40, 18, 560, 19);
	rule(&x, 40, 36, 560, 37);
	rule(&x, 40, 58, 560, 59);
	grid(&x, 18, 59);
	text(&x, "治区", 60, 30);
	text(&x, "今年力争覆盖全区。", 130, 30);
	text(&x, "新疆", 60, 52);
	item(&x, "2月21日，新疆发布。", "http://a.cn/2.html", 52);
	rows_are(&x, "地区|相关政策|链接\n西藏自治区|3月5日，西藏推进远程医疗建设，今年力争覆盖全区。|http://a.cn/1.html\n"
	         "新疆|2月21日，新疆发布。|http://a.cn/2.html\n", "pdfgeom a name wrapped over a page break");
	ipm_buf_free(&x);
}

/* A name cell spanning item rows, cut by a page break, its name (centred
 * in the whole cell) on the next page's first line, whose glyphs poke out
 * above the frame rule there: the frame is no row rule, and the rows on
 * both sides are the name's. */
static void test_centred_name_past_break(void)
{
	ipm_buf x = {0};

	table_start(&x, 160, 1);
	rule(&x, 120, 136, 560, 137);
	rule(&x, 40, 156, 560, 157);
	grid(&x, 90, 157);
	item(&x, "2月20日，北京上线。", "http://a.cn/1.html", 128);
	item(&x, "2月27日，北京印发《通知》", "http://a.cn/2.html", 150);
	page(&x, 2, 160);
	rule(&x, 40, 20, 560, 21);   /* through the first line's glyph boxes */
	rule(&x, 120, 36, 560, 37);
	rule(&x, 40, 60, 560, 61);
	grid(&x, 20, 61);
	text(&x, "北京市", 60, 28);
	text(&x, "，实现网办。", 130, 28);
	item(&x, "3月2日，北京推出服务。", "http://a.cn/3.html", 52);
	rows_are(&x, "地区|相关政策|链接\n北京市|2月20日，北京上线。\n2月27日，北京印发《通知》，实现网办。\n"
	         "3月2日，北京推出服务。|http://a.cn/1.html\nhttp://a.cn/2.html\nhttp://a.cn/3.html\n",
	         "pdfgeom a centred name past a page break");
	ipm_buf_free(&x);
}

/* A one-page document's footer "1      中国信息通信研究院": the page's
 * number 2 em apart from a title, on its last line, is furniture; another
 * number there is text, and so is the same line at the top of the page (a
 * numbered heading). */
static void test_numbered_title(void)
{
	static const char *const num[] = { "1", "7", "1" };
	static const double at[] = { 780, 780, 40 };
	static const char *const want[] = { "本期共监测到动态128条。\n",
	                                    "本期共监测到动态128条。\n7 中国信息通信研究院\n",
	                                    "1 中国信息通信研究院\n本期共监测到动态128条。\n" };
	size_t k;

	for (k = 0; k < 3; k++) {
		ipm_buf x = {0}, got = {0};
		ipm_blocks *out = ipm_blocks_open(keep_paras, &got);
		ipm_rejects *rj = ipm_rejects_open(NULL);
		ipm_buf_adds(&x, "<document filename=\"t.pdf\">\n");
		page(&x, 1, 800);
		text(&x, "本期共监测到动态128条。", 40, 100);
		text(&x, num[k], 40, at[k]);
		text(&x, "中国信息通信研究院", 70, at[k]);
		ipm_buf_adds(&x, "</page>\n</document>\n");
		CHECK(ipm_pdfgeom_mem(x.s, x.len, out, rj, NULL) == 0, "pdfgeom reads the trace");
		CHECK_STR(got.s ? got.s : "", want[k], "pdfgeom a page number beside a title");
		CHECK(ipm_rejects_count(rj) == (k == 0), "pdfgeom the footer is a counted reject");
		ipm_blocks_close(out);
		ipm_rejects_close(rj, 0, 0);
		ipm_buf_free(&x);
		ipm_buf_free(&got);
	}
}

static void test_spanning_name(void)
{
	ipm_buf x = {0}, got = {0};
	ipm_blocks *out = ipm_blocks_open(keep, &got);
	ipm_rejects *rj = ipm_rejects_open(NULL);
	char *data = ipm_data_dir(NULL, "columns.tsv");

	table_start(&x, 800, 1);
	rule(&x, 120, 150, 560, 151);   /* between the items, not across the name */
	rule(&x, 40, 190, 560, 191);
	grid(&x, 90, 191);
	text(&x, "北京市", 60, 154);
	item(&x, "3月1日，北京上线。", "http://a.cn/1.html", 128);
	item(&x, "3月9日，北京发布。", "http://a.cn/2.html", 170);
	ipm_buf_adds(&x, "</page>\n</document>\n");
	CHECK(ipm_pdfgeom_mem(x.s, x.len, out, rj, data) == 0, "pdfgeom reads the trace");
	CHECK_STR(got.s ? got.s : "",
	          "地区|相关政策|链接\n北京市|3月1日，北京上线。\n3月9日，北京发布。|http://a.cn/1.html\nhttp://a.cn/2.html\n",
	          "pdfgeom centred name spans its two item rows");
	ipm_buf_clear(&got);
	CHECK(ipm_pdfgeom_mem(x.s, x.len / 2, out, rj, data) != 0 && got.len == 0,
	      "pdfgeom cut XML: an error, no block");
	ipm_blocks_close(out);
	ipm_rejects_close(rj, 0, 0);
	ipm_buf_free(&x);
	ipm_buf_free(&got);
	free(data);
}

static void test_joins(void)
{
	ipm_buf a = {0}, b = {0};

	ipm_buf_adds(&a, "2019");
	pg_join(&a, "中国", 6);
	CHECK_STR(a.s, "2019中国", "pdfgeom join CJK after digits: no space");
	ipm_buf_clear(&a);
	ipm_buf_adds(&a, "APP");
	pg_join(&a, "store", 5);
	CHECK_STR(a.s, "APP store", "pdfgeom join two latin words: a space");
	ipm_buf_adds(&b, "工作");
	CHECK(pg_latin_edge(&a, &b) && !pg_latin_edge(&b, &b), "pdfgeom latin seam");
	CHECK(ipm_pdfgeom_sniff("<document filename=\"x\">", 23) && ipm_pdfgeom_is_pdf("%PDF-1.4", 8) &&
	      !ipm_pdfgeom_is_pdf("<html>", 6), "pdfgeom sniff");
	ipm_buf_free(&a);
	ipm_buf_free(&b);
}

int main(void)
{
	test_spanning_name();
	test_cell_baselines();
	test_gap_in_ruled_row();
	test_line_at_foot();
	test_name_over_break();
	test_centred_name_past_break();
	test_numbered_title();
	test_joins();
	return t_failed;
}
