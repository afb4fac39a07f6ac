/* Unit tests for lib/pdftext: small PDF-text fragments -> blocks, written
 * as one line each ("H2 text", "P text", "R actor|item|url") and compared. */
#include <stdlib.h>
#include <string.h>

#include "core/blocks.h"
#include "core/datafile.h"
#include "core/check.h"
#include "core/reject.h"
#include "core/util.h"
#include "lines.h"
#include "pdftext.h"

/* The data folder (lib/data beside build/), found once. */
static const char *data_dir(void) { static char *d; return d ? d : (d = ipm_data_dir(NULL, "columns.tsv")); }

static int put(void *ctx, const ipm_rec *b)
{
	ipm_buf *o = ctx;
	const ipm_val *v;
	size_t i;

	switch (ipm_block_type(b)) {
	case IPM_B_HEADING:
		ipm_buf_printf(o, "H%s %s\n", ipm_rec_str(b, "level"), ipm_rec_str(b, "text"));
		break;
	case IPM_B_PARA:
		ipm_buf_printf(o, "P %s\n", ipm_rec_str(b, "text"));
		break;
	case IPM_B_ROW:
		v = ipm_rec_get(b, "cells");
		ipm_buf_adds(o, "R ");
		for (i = 0; v && i < v->n; i++) {
			if (i)
				ipm_buf_addc(o, '|');
			ipm_buf_add(o, v->items[i], v->ilen[i]);
		}
		ipm_buf_addc(o, '\n');
		break;
	default:
		ipm_buf_adds(o, "?\n");
	}
	return 0;
}

/* Blocks of text as lines; *nrej gets the number of rejected lines. */
static char *run(const char *text, size_t len, size_t *nrej)
{
	ipm_buf o = { 0 };
	ipm_lines *ls = ipm_lines_mem(text, len, "t");
	ipm_blocks *b = ipm_blocks_open(put, &o);
	ipm_rejects *rj = ipm_rejects_open(NULL);
	int rc = ipm_pdftext_blocks(ls, b, rj, data_dir());

	if (rc != 0)
		ipm_buf_adds(&o, "ERROR\n");
	*nrej = ipm_rejects_count(rj);
	ipm_rejects_close(rj, 0, 0);
	ipm_blocks_close(b);
	ipm_lines_close(ls);
	ipm_buf_addc(&o, 0);
	return o.s;
}

static void expect(const char *name, const char *in, const char *want, size_t want_rej)
{
	size_t nrej;
	char *got = run(in, strlen(in), &nrej);

	CHECK_STR(got, want, name);
	if (nrej != want_rej) {
		printf("FAIL %s rejects: got %zu want %zu\n", name, nrej, want_rej);
		t_failed = 1;
	} else {
		printf("PASS %s rejects\n", name);
	}
	free(got);
}

int main(void)
{
	size_t nrej;
	char *got;
	static const unsigned char junk[] = { 0xff, 0xfe, '\n', 0xe5, 0x9b, '\n', 0, '\f', 0xe3,
	                                      0x80, 0x80, '\n', '2', '\n', '\n', '\n', '1' };

	/* a URL tail "77" is no page number; "2" after a page gap is, and so is
	 * the header after it; the actor comes over three lines */
	expect("pdftext furniture vs URL tail",
	       "一、国家部委政策落实情况\n国家部委 相关举措 链接\n网信办\n"
	       "5 月 9 日，网信办发布报告表明，信息通信业多项成就强力支撑数字中国。\n"
	       "http://www.sohu.com/a/231025476_3548\n77\xc2\xa0\n\n国家卫生\n健康委员\n会\n \n"
	       "4 月 26 日，国家卫健委正研究出台关于互联网医院的管理办法等配套文件，其中会对\n"
	       "http://www.cnii.com.cn/2018-04/27/\n\n\n\n2 \n\n中国信息通信研究院\n\n"
	       "“互联网医院”进行界定。\ncontent_2058474.htm\n",
	       "H2 一、国家部委政策落实情况\nR 国家部委|相关举措|链接\n"
	       "R 网信办|5 月 9 日，网信办发布报告表明，信息通信业多项成就强力支撑数字中国。|"
	       "http://www.sohu.com/a/231025476_354877\n"
	       "R 国家卫生健康委员会|4 月 26 日，国家卫健委正研究出台关于互联网医院的管理办法等配套文件，"
	       "其中会对“互联网医院”进行界定。|http://www.cnii.com.cn/2018-04/27/content_2058474.htm\n",
	       2);
	/* actor, item and URL on one line; U+2010 in a URL; a short last line
	 * closes an item so the next short line is an actor */
	expect("pdftext side by side and hyphen",
	       "地区 相关政策 链接\n海南 4 月 25 日，“互联网+政府采购”海南亮点。 http://news.sina.com.cn/o/2018\xe2\x80\x90" "04\n"
	       "\xe2\x80\x90" "25/doc.shtml\n福建省\n4 月 17 日，为了让群众少跑路，福建省民政厅利用网络直播的方式开展年检指\n"
	       "导服务\n",
	       "R 地区|相关政策|链接\nR 海南|4 月 25 日，“互联网+政府采购”海南亮点。|"
	       "http://news.sina.com.cn/o/2018-04-25/doc.shtml\n"
	       "R 福建省|4 月 17 日，为了让群众少跑路，福建省民政厅利用网络直播的方式开展年检指导服务|\n", 0);
	/* two columns, bullets, items without a date; a sub-heading after */
	expect("pdftext two-column table with bullets",
	       "三、企业参与情况\n企业 相关举措\n中国移动\n\xef\x83\x98 中国移动与天津市合作建设物联网。\n"
	       "\xef\x83\x98 辽宁移动助力高端制造。\n四、相关峰会\n1. 首届数字中国建设峰会\n"
	       "4 月 22 日至 24 日,首届数字中国建设峰会在福州举办。\n",
	       "H2 三、企业参与情况\nR 企业|相关举措\nR 中国移动|\xef\x83\x98 中国移动与天津市合作建设物联网。\n"
	       "\xef\x83\x98 辽宁移动助力高端制造。\nH2 四、相关峰会\nH4 1. 首届数字中国建设峰会\n"
	       "P 4 月 22 日至 24 日,首届数字中国建设峰会在福州举办。\n", 0);
	/* "目 录" is no table header, a contents line is no heading */
	expect("pdftext contents page",
	       "目 录\n一、国家部委政策落实情况 1\n【前言】\n正文。\n",
	       "P 目 录一、国家部委政策落实情况 1\nH2 【前言】\nP 正文。\n", 0);
	/* -layout: columns by position, actor over two lines */
	expect("pdftext -layout columns",
	       "  地区                  相关政策                             链接\n"
	       "内蒙古自治 2 月 27 日，内蒙古自治区政府办公厅印发《关 http://www.nmg.gov.cn/art/2\n"
	       "区     于推进“互联网+农牧业”发展的实施意见》，提 019/2/27/art_1686_250011\n"
	       "      出建设农畜产品质量追溯平台。           .html\n"
	       "        3 月 6 日，呼和浩特市“蒙速办”APP 上线，可办 http://inews.nmgnews.com.cn\n"
	       "        理 200 余项政务服务事项。             /system/2019/03/06/0126\n"
	       "                                    59480.shtml\n",
	       "R 地区|相关政策|链接\nR 内蒙古自治区|2 月 27 日，内蒙古自治区政府办公厅印发《关于推进“互联网+农牧业”"
	       "发展的实施意见》，提出建设农畜产品质量追溯平台。\n"
	       "3 月 6 日，呼和浩特市“蒙速办”APP 上线，可办理 200 余项政务服务事项。|"
	       "http://www.nmg.gov.cn/art/2019/2/27/art_1686_250011.html\n"
	       "http://inews.nmgnews.com.cn/system/2019/03/06/012659480.shtml\n", 0);
	/* -layout: a one-line name beside its item, then the next row's name
	 * centred between its item's two lines: two names, not one */
	expect("pdftext -layout one-line name then a centred one",
	       "  企业            相关举措\n"
	       "  甲公司    3 月 9 日，甲公司在某市上线政务云。\n"
	       "            3 月 2 日，乙公司与某省合作的平台上线两周年，累计服务\n"
	       "  乙公司\n"
	       "            游客超过 1000 万人次。\n",
	       "R 企业|相关举措\nR 甲公司|3 月 9 日，甲公司在某市上线政务云。\n"
	       "R 乙公司|3 月 2 日，乙公司与某省合作的平台上线两周年，累计服务游客超过 1000 万人次。\n", 0);
	/* a footer with its page number at a page's end ("1  name", a browser's
	 * "file:///….html  1/2"), the only page break of its section */
	expect("pdftext numbered footer",
	       "三、企业参与情况\n企业 相关举措\n甲公司\n3 月 1 日，甲公司上线新平台。\n1    某某研究院\n"
	       "\f3 月 5 日，甲公司发布新规。\n乙公司\n3 月 6 日，乙公司发布新品。\n"
	       "file:///tmp/r.html     1/2\n\f3 月 7 日，乙公司召开大会。\n",
	       "H2 三、企业参与情况\nR 企业|相关举措\nR 甲公司|3 月 1 日，甲公司上线新平台。\n3 月 5 日，甲公司发布新规。\n"
	       "R 乙公司|3 月 6 日，乙公司发布新品。\n3 月 7 日，乙公司召开大会。\n", 2);
	/* -layout, names centred in their rows: a row split by a page break
	 * keeps its name (printed on the second page) for the items before the
	 * break, the page gap not counted in finding the row's middle */
	expect("pdftext -layout centred name of a row split by a page break",
	       "二、各省情况\n  地区     相关政策\n        2 月 1 日，甲省发布政策一。\n  甲省\n"
	       "        2 月 2 日，甲省发布政策二。\n        2 月 3 日，丙省发布政策三，\n        推进数字政府建设。\n"
	       "\n\n\n1     某某研究院\n\f        2 月 4 日，丙省发布政策四，\n  丙省  推进数字政府建设。\n"
	       "        2 月 5 日，丙省发布政策五，\n        推进数字政府建设。\n        2 月 6 日，丙省发布政策六。\n"
	       "  丁省  2 月 7 日，丁省发布政策七。\n",
	       "H2 二、各省情况\nR 地区|相关政策\nR 甲省|2 月 1 日，甲省发布政策一。\n2 月 2 日，甲省发布政策二。\n"
	       "R 丙省|2 月 3 日，丙省发布政策三，推进数字政府建设。\n2 月 4 日，丙省发布政策四，推进数字政府建设。\n"
	       "2 月 5 日，丙省发布政策五，推进数字政府建设。\n2 月 6 日，丙省发布政策六。\n"
	       "R 丁省|2 月 7 日，丁省发布政策七。\n", 1);
	/* -layout, names centred in their rows (most names of several items
	 * sit inside their rows): a name beside an item's first line is no
	 * top-aligned name of the item after it (丙省 is one item's, 丁省 two) */
	expect("pdftext -layout centred names, none top-aligned",
	       "二、各省情况\n  地区     相关政策\n        2 月 1 日，甲省发布政策一。\n  甲省\n"
	       "        2 月 2 日，甲省发布政策二。\n        2 月 3 日，乙省发布政策三。\n  乙省\n"
	       "        2 月 4 日，乙省发布政策四。\n  丙省  2 月 5 日，丙省发布政策五。\n\n"
	       "        2 月 6 日，丁省发布政策六。\n  丁省  2 月 7 日，丁省发布政策七。\n",
	       "H2 二、各省情况\nR 地区|相关政策\nR 甲省|2 月 1 日，甲省发布政策一。\n2 月 2 日，甲省发布政策二。\n"
	       "R 乙省|2 月 3 日，乙省发布政策三。\n2 月 4 日，乙省发布政策四。\nR 丙省|2 月 5 日，丙省发布政策五。\n"
	       "R 丁省|2 月 6 日，丁省发布政策六。\n2 月 7 日，丁省发布政策七。\n", 0);
	/* a line cut by a page break, printed on both pages (wkhtmltopdf): read
	 * once, and neither copy taken for a running header or footer */
	expect("pdftext line printed on both sides of a page break",
	       "三、企业参与情况\n企业 相关举措\n甲公司\n3 月 1 日，甲公司上线新平台，推进\n1    某某研究院\n"
	       "\f3 月 1 日，甲公司上线新平台，推进\n数字政府建设。\n",
	       "H2 三、企业参与情况\nR 企业|相关举措\nR 甲公司|3 月 1 日，甲公司上线新平台，推进数字政府建设。\n", 2);
	/* -layout, centred names wrapped in a narrow column, the same name on
	 * rows one after another: moved to their rows' first lines, each name
	 * beside an item's date begins its own row */
	expect("pdftext -layout same centred name on consecutive rows",
	       "三、企业参与情况\n  企业      相关举措\n          3 月 1 日，甲乙丙丁上线平台一，\n甲乙丙\n"
	       "          推进数字政府建设。\n 丁\n甲乙丙    3 月 2 日，甲乙丙丁上线平台二。\n 丁\n"
	       "甲乙丙    3 月 3 日，甲乙丙丁上线平台三，\n 丁       推进数字政府建设。\n",
	       "H2 三、企业参与情况\nR 企业|相关举措\nR 甲乙丙丁|3 月 1 日，甲乙丙丁上线平台一，推进数字政府建设。\n"
	       "R 甲乙丙丁|3 月 2 日，甲乙丙丁上线平台二。\nR 甲乙丙丁|3 月 3 日，甲乙丙丁上线平台三，推进数字政府建设。\n", 0);
	/* -raw: a name centred in its row printed between two lines of its
	 * first item begins its row with that item */
	expect("pdftext -raw name inside its first item",
	       "二、各省情况\n地区 相关政策\n甲省\n2 月 1 日，甲省发布政策一，推进数字政府建设，提升政务服务效能与群众满意\n"
	       "度。\n2 月 2 日，乙省发布政策二，推进数字政府建设，提升政务服务效能与群众满\n乙省\n意度。\n"
	       "2 月 3 日，乙省发布政策三。\n",
	       "H2 二、各省情况\nR 地区|相关政策\nR 甲省|2 月 1 日，甲省发布政策一，推进数字政府建设，提升政务服务效能与群众满意度。\n"
	       "R 乙省|2 月 2 日，乙省发布政策二，推进数字政府建设，提升政务服务效能与群众满意度。\n2 月 3 日，乙省发布政策三。\n", 0);
	/* -raw: an item ending without punctuation on a full line, then a
	 * short name and an item that names it: the next row's name */
	expect("pdftext -raw name after an unpunctuated item",
	       "三、企业参与情况\n企业 相关举措\n甲公司\n3 月 1 日，甲公司发布新平台，推进数字政府建设，提升政务服务效能与群众满意\n"
	       "度，提高办事效率，推动数字经济与实体经济深度融合发展，加快建设数字中国\n乙公司\n3 月 2 日，乙公司上线新产品。\n",
	       "H2 三、企业参与情况\nR 企业|相关举措\nR 甲公司|3 月 1 日，甲公司发布新平台，推进数字政府建设，提升政务服务效能与群众满意度，提高办事效率，推动数字经济与实体经济深度融合发展，加快建设数字中国\n"
	       "R 乙公司|3 月 2 日，乙公司上线新产品。\n", 0);
	/* -raw: a name centred in its row printed after its first item, the
	 * rest of that item's URL after the name */
	expect("pdftext -raw name before the rest of its item's URL",
	       "二、各省情况\n地区 相关政策 链接\n甲省\n2 月 1 日，甲省发布政策一。 http://www.example.cn/a/1.html\n"
	       "2 月 2 日，乙省发布政策二。 http://www.example.cn/b/2.ht\n乙省\nml\n"
	       "2 月 3 日，乙省发布政策三。 http://www.example.cn/b/3.html\n",
	       "H2 二、各省情况\nR 地区|相关政策|链接\nR 甲省|2 月 1 日，甲省发布政策一。|http://www.example.cn/a/1.html\n"
	       "R 乙省|2 月 2 日，乙省发布政策二。\n2 月 3 日，乙省发布政策三。|http://www.example.cn/b/2.html\n"
	       "http://www.example.cn/b/3.html\n", 0);
	/* -layout, names centred: a name wrapped in a narrow column whose last
	 * piece is printed past a page break is one name */
	expect("pdftext -layout centred name wrapped over a page break",
	       "三、企业参与情况\n  企业      相关举措\n          2 月 1 日，甲公司上线平台一。\n甲公司\n"
	       "          2 月 2 日，甲公司上线平台二。\n中国联    2 月 16 日，中国联通续签协议，双方将\n"
	       " 通       继续全面合作。\n中国联    2 月 27 日，湖南联通推广扶贫网，在全省开展\n\n\n"
	       "4     某某研究院\n\f 通       推介会。\n中国移    2 月 25 日，中国移动签约，双方将\n"
	       " 动       探讨合作。\n",
	       "H2 三、企业参与情况\nR 企业|相关举措\nR 甲公司|2 月 1 日，甲公司上线平台一。\n2 月 2 日，甲公司上线平台二。\n"
	       "R 中国联通|2 月 16 日，中国联通续签协议，双方将继续全面合作。\n"
	       "R 中国联通|2 月 27 日，湖南联通推广扶贫网，在全省开展推介会。\n"
	       "R 中国移动|2 月 25 日，中国移动签约，双方将探讨合作。\n", 1);
	/* -layout, names centred over one-line items: where a name half a line
	 * off its row's middle leaves two choices, the items go to the name
	 * they name */
	expect("pdftext -layout centred names, items naming their name",
	       "二、各省情况\n  地区     相关政策\n        2 月 1 日，甲省发布政策一，推进\n        建设。\n甲省\n"
	       "        2 月 2 日，甲省发布政策二。\n\n        2 月 3 日，甲省发布政策三。\n"
	       "        2 月 4 日，乙省发布政策四。\n\n        2 月 5 日，乙省发布政策五。\n乙省\n"
	       "        2 月 6 日，乙省发布政策六。\n        2 月 7 日，乙省发布政策七。\n\n"
	       "        2 月 8 日，丙省发布政策八。\n丙省    2 月 9 日，丙省发布政策九。\n\n"
	       "        2 月 10 日，丙省发布政策十。\n",
	       "H2 二、各省情况\nR 地区|相关政策\nR 甲省|2 月 1 日，甲省发布政策一，推进建设。\n2 月 2 日，甲省发布政策二。\n"
	       "2 月 3 日，甲省发布政策三。\nR 乙省|2 月 4 日，乙省发布政策四。\n2 月 5 日，乙省发布政策五。\n"
	       "2 月 6 日，乙省发布政策六。\n2 月 7 日，乙省发布政策七。\nR 丙省|2 月 8 日，丙省发布政策八。\n"
	       "2 月 9 日，丙省发布政策九。\n2 月 10 日，丙省发布政策十。\n", 0);
	/* -raw: a name that ends like one glued by a space to its first item's
	 * second line; "…发展 深入推进…" in an item is no name, nor is "平台 …"
	 * after an item that does not name it */
	expect("pdftext -raw name glued to its item's second line",
	       "二、各省情况\n地区 相关政策\n甲省\n2 月 1 日，甲省印发《关于坚持农业农村优先发展 深入推进乡村振兴的意见》，其中\n"
	       "提出加快建设。\n2 月 2 日，乙省发布《关于推进“互联网+政务服务”的实施办法》，明确了全年的目\n"
	       "乙省 标与任务。\n2 月 3 日，乙省启动定点驻村扶贫产品展示交易，推进数字乡村建设与农村电商的\n"
	       "平台 打造扶贫体系。\n",
	       "H2 二、各省情况\nR 地区|相关政策\nR 甲省|2 月 1 日，甲省印发《关于坚持农业农村优先发展 深入推进乡村振兴的意见》，"
	       "其中提出加快建设。\nR 乙省|2 月 2 日，乙省发布《关于推进“互联网+政务服务”的实施办法》，明确了全年的目标与任务。\n"
	       "2 月 3 日，乙省启动定点驻村扶贫产品展示交易，推进数字乡村建设与农村电商的平台 打造扶贫体系。\n", 0);
	expect("pdftext empty input", "", "", 0);
	got = run((const char *)junk, sizeof junk, &nrej);
	CHECK(strstr(got, "ERROR") == NULL, "pdftext binary junk");
	free(got);
	return t_failed;
}
