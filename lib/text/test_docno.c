/* Unit tests of the notice text rules: 文号 found and normalised in the
 * forms copies print (docno.h), full dates in the forms notices print
 * (datecn.h), pinyin glosses removed (hant.h). */
#include <stdio.h>
#include <string.h>

#include "core/check.h"
#include "core/util.h"
#include "datecn.h"
#include "docno.h"
#include "hant.h"

static void num_case(const char *s, const char *want, int lost, const char *name)
{
	struct ipm_docno d;
	ipm_buf b = { 0 };
	size_t pos = 0;
	int ok = ipm_docno_next(s, strlen(s), &pos, &d);

	if (ok)
		ipm_docno_format(s, &d, &b);
	ipm_buf_add(&b, "", 0);
	CHECK(want ? ok && !strcmp(b.s, want) && d.lost == lost : !ok, name);
	ipm_buf_free(&b);
}

static void test_numbers(void)
{
	ipm_buf b = { 0 };

	num_case("闽政〔2019〕12号", "闽政〔2019〕12号", 0, "docno: plain");
	num_case("南政办发[2019]8号", "南政办发〔2019〕8号", 0, "docno: square brackets");
	num_case("赣市府发 [2020]3号", "赣市府发〔2020〕3号", 0, "docno: space before bracket");
	num_case("宁政〔2019〕5 号", "宁政〔2019〕5号", 0, "docno: space before 号");
	num_case("冀政办字〔201818", "冀政办字〔2018〕18号", 1, "docno: lost 〕 and 号");
	num_case("冀政〔2018〕18", "冀政〔2018〕18号", 1, "docno: lost 号");
	num_case("福建省人民政府文件闽政〔2019〕12号", "闽政〔2019〕12号", 0, "docno: cut after 文件");
	num_case("（国办发〔2018〕26号）", "国办发〔2018〕26号", 0, "docno: in parentheses");
	num_case("某某〔二〇一九〕", NULL, 0, "docno: numerals are no year");
	num_case("见〔1800〕1号", NULL, 0, "docno: year out of range");
	num_case("2019年〔2019〕号", NULL, 0, "docno: no serial");
	ipm_docno_norm("国办发[2030] 7 号", strlen("国办发[2030] 7 号"), &b);
	CHECK(b.len && !strcmp(b.s, "国办发〔2030〕7号"), "docno: label value normalised");
	ipm_buf_free(&b);
}

static void date_case(const char *s, int y, int m, int d, const char *name)
{
	struct ipm_date dt;
	enum ipm_datecn_form f;
	size_t n = ipm_datecn_at(s, strlen(s), &dt, &f);

	CHECK(y ? n > 0 && dt.y == y && dt.m == m && dt.d == d : n == 0, name);
}

static void test_dates(void)
{
	struct ipm_date d;
	enum ipm_datecn_form f;
	const char *s = "福建省人民政府2019.3.5";

	date_case("2019年3月5日", 2019, 3, 5, "datecn: arabic");
	date_case("二○一八年三月五日", 2018, 3, 5, "datecn: numerals");
	date_case("二〇一九年十二月三十一日", 2019, 12, 31, "datecn: numerals 十二 三十一");
	date_case("二〇一九年二月三十日", 0, 0, 0, "datecn: no 2月30日");
	date_case("2019.3.5", 2019, 3, 5, "datecn: dotted");
	date_case("2019-03-05 09:30", 2019, 3, 5, "datecn: dashed with a time");
	date_case("2019.3.5.1", 0, 0, 0, "datecn: a section number is no date");
	date_case("2019-03.05", 0, 0, 0, "datecn: mixed separators");
	date_case("2018315", 2018, 3, 15, "datecn: digits, one split");
	date_case("2018115", 0, 0, 0, "datecn: digits, two splits");
	date_case("20180315", 2018, 3, 15, "datecn: eight digits");
	date_case("2019年13月45日", 0, 0, 0, "datecn: impossible date");
	CHECK(ipm_datecn_find(s, strlen(s), &d, &f) && d.off == strlen("福建省人民政府") && d.d == 5,
	      "datecn: found after an issuer");
	CHECK(!ipm_datecn_find("共12018315人", strlen("共12018315人"), &d, &f), "datecn: not inside a longer number");
}

static void test_pinyin(void)
{
	ipm_buf b = { 0 };

	ipm_pinyin_strip("某政發(fā)〔2019〕12號", strlen("某政發(fā)〔2019〕12號"), &b);
	CHECK(!strcmp(b.s, "某政發〔2019〕12號"), "pinyin: gloss removed");
	ipm_buf_clear(&b);
	ipm_pinyin_strip("關（guān）於", strlen("關（guān）於"), &b);
	CHECK(!strcmp(b.s, "關於"), "pinyin: full-width parentheses");
	ipm_buf_clear(&b);
	ipm_pinyin_strip("数据(data)和接口(api)", strlen("数据(data)和接口(api)"), &b);
	CHECK(!strcmp(b.s, "数据(data)和接口(api)"), "pinyin: words without tone marks stay");
	ipm_buf_clear(&b);
	CHECK(ipm_hant_simplify(NULL, "國", 3, &b) == 0 && !strcmp(b.s, "國"), "hant: no map copies");
	ipm_buf_free(&b);
}

int main(void)
{
	test_numbers();
	test_dates();
	test_pinyin();
	return t_failed;
}
