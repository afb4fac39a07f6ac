/* Unit tests for lib/dict (TSV loading, data directory lookup) and one test
 * per dictionary of lib/data: its source line, its columns, and the facts
 * the tagger relies on. Run from the top of the tree (check.sh does). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "datafile.h"
#include "dict.h"
#include "util.h"

#define DATA "lib/data"

/* Row index where column col equals val (first), or -1. */
static long find(const ipm_table *t, const char *col, const char *val)
{
	int c = ipm_table_col(t, col);
	size_t r;

	for (r = 0; c >= 0 && r < ipm_table_nrows(t); r++)
		if (strcmp(ipm_table_cell(t, r, c), val) == 0)
			return (long)r;
	return -1;
}

static const char *cell(const ipm_table *t, long row, const char *col)
{
	return row < 0 ? "(none)" : ipm_table_cell(t, (size_t)row, ipm_table_col(t, col));
}

static size_t count(const ipm_table *t, const char *col, const char *val)
{
	int c = ipm_table_col(t, col);
	size_t r, n = 0;

	for (r = 0; c >= 0 && r < ipm_table_nrows(t); r++)
		n += strcmp(ipm_table_cell(t, r, c), val) == 0;
	return n;
}

/* Write dir/name; name NULL removes the files written so far. */
static void write_file(const char *dir, const char *name, const char *text)
{
	static const char *made[8];
	static size_t nmade;
	char path[512];
	FILE *fp;

	if (!name) {
		while (nmade > 0) {
			snprintf(path, sizeof path, "%s/%s", dir, made[--nmade]);
			remove(path);
		}
		return;
	}
	if (nmade < 8)
		made[nmade++] = name;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	fp = fopen(path, "w");
	if (fp) {
		fputs(text, fp);
		fclose(fp);
	}
}

static void test_loader(void)
{
	char dir[] = "/tmp/ipm-dict-XXXXXX";
	ipm_table *t;
	char *d;

	if (!mkdtemp(dir)) {
		printf("FAIL dict: mkdtemp\n");
		return;
	}
	write_file(dir, "ok.tsv", "# a comment\n# source: test data\nname\tvalue\n甲\t1\n乙\t2\n");
	write_file(dir, "nosource.tsv", "name\tvalue\na\t1\n");
	write_file(dir, "short.tsv", "# source: x\nname\tvalue\na\t1\nb\n");
	write_file(dir, "empty.tsv", "# source: x\nname\tvalue\na\t\n");
	t = ipm_table_load(dir, "ok.tsv");
	CHECK(t && ipm_table_nrows(t) == 2, "dict: loads two rows");
	CHECK(t && ipm_table_col(t, "value") == 1 && ipm_table_col(t, "nope") == -1, "dict: columns by name");
	CHECK_STR(t ? ipm_table_cell(t, 1, 0) : NULL, "乙", "dict: cell text");
	CHECK_STR(t ? ipm_table_source(t) : NULL, "test data", "dict: source line");
	CHECK(t && ipm_table_line(t, 0) == 4, "dict: row line counts comment lines");
	ipm_table_free(t);
	fprintf(stderr, "(expected errors follow)\n");
	CHECK(ipm_table_load(dir, "nosource.tsv") == NULL, "dict: no source line is an error");
	CHECK(ipm_table_load(dir, "short.tsv") == NULL, "dict: short row is an error");
	CHECK(ipm_table_load(dir, "empty.tsv") == NULL, "dict: empty cell is an error");
	CHECK(ipm_table_load(dir, "missing.tsv") == NULL, "dict: missing file is an error");
	d = ipm_data_dir("/some/dir", "x");
	CHECK_STR(d, "/some/dir", "dict: --data wins");
	free(d);
	setenv("IPM_DATA", dir, 1);
	d = ipm_data_dir(NULL, "ok.tsv");
	CHECK_STR(d, dir, "dict: IPM_DATA next");
	free(d);
	unsetenv("IPM_DATA");
	d = ipm_data_dir(NULL, "gazetteer.tsv");
	CHECK(d && strstr(d, "lib/data"), "dict: lib/data found from the executable");
	free(d);
	d = ipm_data_path("/a/b", "c.tsv");
	CHECK_STR(d, "/a/b/c.tsv", "dict: data path");
	free(d);
	write_file(dir, NULL, NULL);
	rmdir(dir);
}

static void test_gazetteer(void)
{
	ipm_table *t = ipm_table_load(DATA, "gazetteer.tsv");
	size_t r, bad = 0, provs = 0;

	if (!t) {
		printf("FAIL dict gazetteer: cannot load\n");
		return;
	}
	CHECK(strstr(ipm_table_source(t), "china-division 2.7.0") != NULL, "gazetteer: names its source");
	for (r = 0; r < ipm_table_nrows(t); r++) {
		const char *code = ipm_table_cell(t, r, 1), *lvl = ipm_table_cell(t, r, 3);

		if (strcmp(lvl, "stop") != 0 && (strlen(code) != 6 || strspn(code, "0123456789") != 6))
			bad++;
		if (strcmp(lvl, "province") == 0 && strcmp(ipm_table_cell(t, r, 0), ipm_table_cell(t, r, 4)) == 0)
			provs++;
	}
	CHECK(bad == 0, "gazetteer: every code has 6 digits");
	CHECK(provs == 34, "gazetteer: 31 provinces + 台湾 香港 澳门");
	CHECK_STR(cell(t, find(t, "name", "内蒙"), "code"), "150000", "gazetteer: 内蒙 short form");
	CHECK_STR(cell(t, find(t, "name", "广西"), "canonical"), "广西壮族自治区", "gazetteer: 广西 short form");
	CHECK_STR(cell(t, find(t, "name", "青岛"), "province"), "山东", "gazetteer: 青岛 in 山东");
	CHECK_STR(cell(t, find(t, "name", "乌镇"), "province"), "浙江", "gazetteer: 乌镇 in 浙江");
	CHECK_STR(cell(t, find(t, "name", "莱芜"), "canonical"), "济南市", "gazetteer: 莱芜 -> 济南");
	CHECK_STR(cell(t, find(t, "name", "襄樊"), "code"), "420600", "gazetteer: 襄樊 -> 襄阳");
	CHECK(count(t, "name", "朝阳") == 3, "gazetteer: 朝阳 kept ambiguous (北京, 辽宁, 吉林)");
	CHECK(count(t, "name", "西安") == 1, "gazetteer: 西安 the city, not the districts");
	CHECK(find(t, "name", "公安") < 0 && find(t, "name", "资源") < 0, "gazetteer: common words not places");
	CHECK(count(t, "name", "吉林") == 1, "gazetteer: 吉林 province and city share one row");
	ipm_table_free(t);
}

static void test_orgs(void)
{
	ipm_table *t = ipm_table_load(DATA, "orgs.tsv");

	if (!t) {
		printf("FAIL dict orgs: cannot load\n");
		return;
	}
	CHECK(ipm_table_col(t, "id") >= 0 && ipm_table_source(t), "orgs: columns and source");
	CHECK_STR(cell(t, find(t, "name", "工信部"), "id"), "工业和信息化部", "orgs: 工信部 abbreviation");
	CHECK_STR(cell(t, find(t, "name", "国家卫计委"), "id"), "国家卫生健康委员会", "orgs: 2018 rename 卫计委");
	CHECK_STR(cell(t, find(t, "name", "农业部"), "id"), "农业农村部", "orgs: 2018 rename 农业部");
	CHECK_STR(cell(t, find(t, "name", "银监会"), "id"), "中国银行保险监督管理委员会", "orgs: 2018 merge 银监会");
	CHECK_STR(cell(t, find(t, "name", "国家发改委"), "id"), "国家发展和改革委员会", "orgs: 国家发改委");
	ipm_table_free(t);
}

static void test_companies(void)
{
	ipm_table *t = ipm_table_load(DATA, "companies.tsv");

	if (!t) {
		printf("FAIL dict companies: cannot load\n");
		return;
	}
	CHECK_STR(cell(t, find(t, "alias", "阿里云"), "company"), "阿里巴巴", "companies: 阿里云 is 阿里巴巴");
	CHECK_STR(cell(t, find(t, "alias", "支付宝"), "company"), "蚂蚁金服", "companies: 蚂蚁金服 separate");
	CHECK_STR(cell(t, find(t, "alias", "浙江移动"), "company"), "中国移动", "companies: provincial branch");
	CHECK(count(t, "alias", "三大运营商") == 3, "companies: 三大运营商 names all three");
	CHECK(find(t, "alias", "移动") < 0 && find(t, "alias", "电信") < 0, "companies: bare 移动/电信 left out");
	ipm_table_free(t);
}

static void test_sectors(void)
{
	static const char *const top[] = { "创业创新", "协同制造", "现代农业", "智慧能源", "普惠金融",
		"益民服务", "高效物流", "电子商务", "便捷交通", "绿色生态", "人工智能", "政务服务", "网络基础" };
	ipm_table *t = ipm_table_load(DATA, "sectors.tsv");
	size_t r, i, j, badtop = 0, split = 0, seen[13] = {0};

	if (!t) {
		printf("FAIL dict sectors: cannot load\n");
		return;
	}
	for (r = 0; r < ipm_table_nrows(t); r++) {
		for (i = 0; i < 13 && strcmp(top[i], ipm_table_cell(t, r, 2)) != 0; i++)
			;
		if (i == 13)
			badtop++;
		else
			seen[i] = 1;
		for (j = 0; j < r; j++)   /* one fine sector, one top sector */
			if (strcmp(ipm_table_cell(t, j, 1), ipm_table_cell(t, r, 1)) == 0 &&
			    strcmp(ipm_table_cell(t, j, 2), ipm_table_cell(t, r, 2)) != 0)
				split++;
	}
	for (i = 0; i < 13; i++)
		badtop += !seen[i];
	CHECK(badtop == 0, "sectors: exactly the 13 top sectors, each used");
	CHECK(split == 0, "sectors: every fine sector maps to one top sector");
	CHECK_STR(cell(t, find(t, "term", "工业互联网"), "sector"), "协同制造", "sectors: 工业互联网 under 协同制造");
	CHECK_STR(cell(t, find(t, "term", "不动产登记"), "subsector"), "不动产登记", "sectors: 不动产登记 fine sector");
	ipm_table_free(t);
}

static void test_small(void)
{
	ipm_table *ev = ipm_table_load(DATA, "events.tsv"), *pl = ipm_table_load(DATA, "plus.tsv");
	ipm_table *dn = ipm_table_load(DATA, "docnum.tsv"), *h = ipm_table_load(DATA, "hosts.tsv");
	static const char *const abbr[] = { "京", "津", "冀", "晋", "内", "辽", "吉", "黑", "沪", "苏", "浙",
		"皖", "闽", "赣", "鲁", "豫", "鄂", "湘", "粤", "桂", "琼", "渝", "川", "黔", "云", "藏", "陕",
		"甘", "青", "宁", "新" };
	size_t i, miss = 0;

	if (!ev || !pl || !dn || !h) {
		printf("FAIL dict events/plus/docnum/hosts: cannot load\n");
		return;
	}
	CHECK_STR(cell(ev, find(ev, "term", "签署"), "event_type"), "agreement", "events: 签署 agreement");
	CHECK_STR(cell(ev, find(ev, "term", "印发"), "tier"), "1", "events: 印发 tier 1");
	CHECK(count(ev, "event_type", "meeting") > 5 && count(ev, "event_type", "statistic") > 5, "events: every type has triggers");
	CHECK_STR(cell(pl, find(pl, "term", "互联网+"), "role"), "marker", "plus: 互联网+ marker");
	CHECK_STR(cell(dn, find(dn, "prefix", "国办发"), "issuer"), "国务院办公厅", "docnum: 国办发");
	CHECK_STR(cell(dn, find(dn, "prefix", "津政"), "issuer"), "天津市人民政府", "docnum: 津政");
	for (i = 0; i < 31; i++) {
		char k1[16], k2[16];

		snprintf(k1, sizeof k1, "%s政", abbr[i]);
		snprintf(k2, sizeof k2, "%s政办", abbr[i]);
		miss += find(dn, "prefix", k1) < 0 || find(dn, "prefix", k2) < 0;
	}
	CHECK(miss == 0, "docnum: 政/政办 of all 31 provinces");
	CHECK_STR(cell(h, find(h, "suffix", "gov.cn"), "kind"), "gov", "hosts: gov.cn is gov");
	ipm_table_free(ev);
	ipm_table_free(pl);
	ipm_table_free(dn);
	ipm_table_free(h);
}

/* columns.tsv: ipm-extract's table header words, one role each */
static void test_columns(void)
{
	ipm_table *t = ipm_table_load(DATA, "columns.tsv");
	static const char *const roles[] = { "actor", "item", "link" };
	size_t i, r, bad = 0;

	CHECK(t != NULL, "columns: loads");
	if (!t)
		return;
	CHECK_STR(cell(t, find(t, "word", "地区"), "role"), "actor", "columns: 地区 actor");
	CHECK_STR(cell(t, find(t, "word", "相关举措"), "role"), "item", "columns: 相关举措 item");
	CHECK_STR(cell(t, find(t, "word", "链接"), "role"), "link", "columns: 链接 link");
	for (r = 0; r < ipm_table_nrows(t); r++) {
		const char *role = ipm_table_cell(t, r, ipm_table_col(t, "role"));
		for (i = 0; i < 3 && strcmp(role, roles[i]) != 0; i++)
			;
		bad += i == 3;
	}
	CHECK(bad == 0, "columns: every role is actor, item or link");
	ipm_table_free(t);
}

int main(void)
{
	test_loader();
	if (access(DATA "/gazetteer.tsv", R_OK) != 0) {
		printf("SKIP dict data: run from the top of the tree\n");
		return t_failed;
	}
	test_gazetteer();
	test_orgs();
	test_companies();
	test_sectors();
	test_small();
	test_columns();
	return t_failed;
}
