/* Unit tests of the PDF geometry reader (pdfgeom*): a made-up `mutool trace`
 * page with a ruled table whose name cell spans two item rows, the name
 * centred between them; the joins of wrapped lines. */
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

static void test_spanning_name(void)
{
	ipm_buf x = {0}, got = {0};
	ipm_blocks *out = ipm_blocks_open(keep, &got);
	ipm_rejects *rj = ipm_rejects_open(NULL);
	char *data = ipm_data_dir(NULL, "columns.tsv");
	double xs[] = {40, 120, 400, 560};
	size_t i;

	ipm_buf_adds(&x, "<document filename=\"t.pdf\">\n<page number=\"1\" mediabox=\"0 0 600 800\">\n");
	text(&x, "地区", 60, 104);
	text(&x, "相关政策", 240, 104);
	text(&x, "链接", 460, 104);
	rule(&x, 40, 90, 560, 91);
	rule(&x, 40, 110, 560, 111);
	rule(&x, 120, 150, 560, 151);   /* between the items, not across the name */
	rule(&x, 40, 190, 560, 191);
	for (i = 0; i < 4; i++)
		rule(&x, xs[i], 90, xs[i] + 1, 191);
	text(&x, "北京市", 60, 154);
	text(&x, "3月1日，北京上线。", 130, 128);
	text(&x, "http://a.cn/1.html", 410, 128);
	text(&x, "3月9日，北京发布。", 130, 170);
	text(&x, "http://a.cn/2.html", 410, 170);
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
	test_joins();
	return t_failed;
}
