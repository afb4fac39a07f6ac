/* Unit tests for lib/agg (grouping, ops, partial/merge) and lib/hash. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agg.h"
#include "core/check.h"
#include "core/hash.h"
#include "core/read.h"
#include "core/rec.h"
#include "core/util.h"

/* Aggregate JSON Lines text with spec; return the output (caller frees). */
static char *run(const struct ipm_agg_spec *sp, const char *in, int merge, int partial,
                 enum ipm_fmt fmt)
{
	FILE *fi = fmemopen((void *)in, strlen(in), "r");
	char *out = NULL, err[128];
	size_t olen = 0;
	FILE *fo = open_memstream(&out, &olen);
	ipm_reader *rd = ipm_reader_open(fi, "t", IPM_FMT_AUTO, ',');
	ipm_agg *a = ipm_agg_new(sp, err, sizeof err);
	const char *why;
	ipm_rec *r;

	while (ipm_reader_next(rd, &r) > 0) {
		if (!merge)
			ipm_agg_add(a, r);
		else if (ipm_agg_merge_row(a, r, &why) != 0)
			fprintf(fo, "BAD %s\n", why);
	}
	ipm_agg_write(a, fo, fmt, ',', partial);
	ipm_agg_free(a);
	ipm_reader_close(rd);
	fclose(fi);
	fclose(fo);
	return out;
}

static const char *recs =
	"{\"p\":\"b\",\"s\":[\"x\",\"y\",\"x\"],\"c\":[\"m\",\"n\"],\"date\":\"2018-04-17\"}\n"
	"{\"p\":\"a\",\"s\":\"x;z\",\"c\":\"n\",\"date\":\"2018-12-01\"}\n"
	"{\"p\":null,\"s\":[],\"c\":[],\"date\":\"bad\"}\n"
	"{\"s\":\"y\",\"c\":[\"n\",\"n\"],\"date\":\"2017-01-31\"}\n";

static void test_ops(void)
{
	const char *g1[] = { "p" }, *g2[] = { "p", "s" };
	struct ipm_agg_op ops[] = {
		{ IPM_AGG_COUNT, NULL, 0 }, { IPM_AGG_DISTINCT, "c", 0 },
		{ IPM_AGG_TOP, "c", 1 }, { IPM_AGG_FIRST, NULL, 0 }, { IPM_AGG_LAST, NULL, 0 }
	};
	struct ipm_agg_spec sp = { g1, 1, ops, 5, IPM_BUCKET_NONE, NULL, NULL };
	char *o, *part, *m;

	o = run(&sp, recs, 0, 0, IPM_FMT_CSV);
	CHECK_STR(o, "p,count,distinct_c,top_c,first,last\n"
	          ",2,1,n:1,2017-01-31,2017-01-31\n"
	          "a,1,1,n:1,2018-12-01,2018-12-01\n"
	          "b,1,2,m:1,2018-04-17,2018-04-17\n", "agg: ops, null/absent group first, a list counts once per value, non-dates ignored");
	part = run(&sp, recs, 0, 1, IPM_FMT_CSV);
	CHECK(strncmp(part, "{\"p\":null,\"count\":2,\"distinct_c\":[\"n\"],\"top_c\":[\"n:1\"]", 54) == 0,
	      "agg: partial is JSON Lines with full state");
	m = run(&sp, part, 1, 0, IPM_FMT_CSV);
	CHECK_STR(m, o, "agg: merge of a partial == direct result");
	free(m);
	free(part);
	free(o);
	sp.fields = g2;
	sp.nfields = 2;
	sp.nops = 1;
	o = run(&sp, recs, 0, 0, IPM_FMT_CSV);
	CHECK_STR(o, "p,s,count\n,,1\n,y,1\na,x,1\na,z,1\nb,x,1\nb,y,1\n",
	          "agg: lists exploded once per distinct value");
	free(o);
	sp.bucket = IPM_BUCKET_MONTH;
	sp.nfields = 0;
	o = run(&sp, recs, 0, 0, IPM_FMT_JSON);
	CHECK_STR(o, "{\"month\":null,\"count\":1}\n{\"month\":\"2017-01\",\"count\":1}\n"
	          "{\"month\":\"2018-04\",\"count\":1}\n{\"month\":\"2018-12\",\"count\":1}\n",
	          "agg: month buckets, bad date in the empty bucket");
	free(o);
	sp.bucket = IPM_BUCKET_QUARTER;
	sp.ops = ops + 3;   /* first: checking dates must not disturb the bucket */
	o = run(&sp, recs, 0, 0, IPM_FMT_CSV);
	CHECK_STR(o, "quarter,first\n,\n2017-Q1,2017-01-31\n2018-Q2,2018-04-17\n2018-Q4,2018-12-01\n",
	          "agg: quarter buckets with first");
	free(o);
	sp.ops = ops;
	sp.fields = g1;
	sp.nfields = 1;
	sp.pivot = "s";
	o = run(&sp, recs, 0, 0, IPM_FMT_CSV);
	CHECK_STR(o, "quarter,p,(none),x,y,z\n,,1,0,0,0\n2017-Q1,,0,0,1,0\n2018-Q2,b,0,1,1,0\n2018-Q4,a,0,1,0,1\n",
	          "agg: quarter pivot with the (none) column");
	free(o);
}

static void test_merge_errors(void)
{
	const char *g1[] = { "p" };
	struct ipm_agg_op ops[] = { { IPM_AGG_COUNT, NULL, 0 }, { IPM_AGG_TOP, "c", 2 } };
	struct ipm_agg_spec sp = { g1, 1, ops, 2, IPM_BUCKET_NONE, NULL, NULL };
	char *o;

#define SP ",\"_spec\":\"-g p count top 2 c\"}\n"
	o = run(&sp, "{\"p\":\"a\",\"count\":1,\"top_c\":[\"x:2\",\"y:z\"]" SP
	        "{\"p\":[\"a\"],\"count\":1,\"top_c\":[]" SP
	        "{\"p\":\"a\",\"count\":-1,\"top_c\":[]" SP
	        "{\"p\":\"a\",\"count\":2" SP
	        "{\"p\":\"a\",\"count\":2,\"top_c\":[\"a:b:3\"]" SP
	        "{\"p\":\"a\",\"count\":2,\"top_c\":[]}\n"
	        "{\"p\":\"a\",\"count\":2,\"top_c\":[],\"_spec\":\"-g p count\"}\n", 1, 0, IPM_FMT_CSV);
#undef SP
	CHECK_STR(o, "BAD partial top/percentile item is not value:count\n"
	          "BAD partial group column is not a single value\n"
	          "BAD partial row without a valid count\n"
	          "BAD partial row without its distinct/top column\n"
	          "BAD not a partial row (no \"_spec\": make partial rows with --partial)\n"
	          "BAD partial rows made with '-g p count', this --merge has '-g p count top 2 c'\n"
	          "p,count,top_c\na,2,a:b:3\n", "agg: bad partial rows rejected whole, value may hold ':'; _spec checked");
	free(o);
}

static void test_spec(void)
{
	char *w1[] = { "count", "top", "3", "c", "distinct", "d", "first", "last", "file" };
	char *w2[] = { "top", "0", "c" }, *w3[] = { "distinct" };
	struct ipm_agg_op *ops, dup[] = { { IPM_AGG_COUNT, NULL, 0 }, { IPM_AGG_COUNT, NULL, 0 } };
	struct ipm_agg_spec sp = { NULL, 0, dup, 2, IPM_BUCKET_NONE, NULL, NULL };
	size_t n;
	char err[128];

	CHECK(ipm_agg_parse_ops(w1, 9, &ops, &n, err, sizeof err) == 8 && n == 5 &&
	      ops[1].kind == IPM_AGG_TOP && ops[1].n == 3 && strcmp(ops[1].field, "c") == 0,
	      "agg: ops parsed up to the first file name");
	free(ops);
	CHECK(ipm_agg_parse_ops(w2, 3, &ops, &n, err, sizeof err) == -1, "agg: top 0 refused");
	CHECK(ipm_agg_parse_ops(w3, 1, &ops, &n, err, sizeof err) == -1, "agg: distinct without field refused");
	CHECK(ipm_agg_new(&sp, err, sizeof err) == NULL && strstr(err, "twice"), "agg: duplicate op column refused");
}

static void test_hash(void)
{
	ipm_hash *h = ipm_hash_new();
	char k[32];
	size_t i, len;
	int isnew, ok = 1;

	for (i = 0; i < 100000; i++) {
		snprintf(k, sizeof k, "key%zu", i);
		ok &= ipm_hash_put(h, k, strlen(k), &isnew) == i && isnew;
	}
	for (i = 0; i < 100000; i += 7) {
		snprintf(k, sizeof k, "key%zu", i);
		ok &= ipm_hash_find(h, k, strlen(k)) == (long)i;
		ok &= ipm_hash_put(h, k, strlen(k), &isnew) == i && !isnew;
	}
	CHECK(ok && ipm_hash_count(h) == 100000, "hash: 100k keys, dense indexes survive growth");
	CHECK(ipm_hash_find(h, "key", 3) == -1 && ipm_hash_put(h, "a\0b", 3, NULL) == 100000 &&
	      ipm_hash_find(h, "a\0c", 3) == -1, "hash: absent keys, NUL bytes in keys");
	CHECK(memcmp(ipm_hash_key(h, 100000, &len), "a\0b", 3) == 0 && len == 3, "hash: key bytes kept");
	ipm_hash_free(h);
}

static void test_numeric(void)
{
	const char *g1[] = { "p" };
	struct ipm_agg_op ops[] = {
		{ IPM_AGG_COUNT, NULL, 0 }, { IPM_AGG_SUM, "x", 0 }, { IPM_AGG_MEAN, "x", 0 },
		{ IPM_AGG_MIN, "x", 0 }, { IPM_AGG_MAX, "x", 0 }, { IPM_AGG_PCT, "x", -50 },
		{ IPM_AGG_PCT, "x", 90 }
	};
	struct ipm_agg_spec sp = { g1, 1, ops, 7, IPM_BUCKET_NONE, NULL, NULL };
	const char *in =
		"{\"p\":\"a\",\"x\":1}\n{\"p\":\"a\",\"x\":\"2\"}\n{\"p\":\"a\",\"x\":3.5e0}\n"
		"{\"p\":\"a\",\"x\":\"-4\"}\n{\"p\":\"a\",\"x\":\"\"}\n{\"p\":\"a\",\"x\":\"0x10\"}\n"
		"{\"p\":\"a\",\"x\":\"inf\"}\n{\"p\":\"a\",\"x\":[\"1\"]}\n{\"p\":\"b\",\"x\":\"abc\"}\n"
		"{\"p\":\"c\",\"x\":0.1}\n{\"p\":\"c\",\"x\":0.2}\n{\"p\":\"c\",\"x\":0.2}\n";
	char *o, *part, *m, buf[4096];
	size_t i;
	int n;

	o = run(&sp, in, 0, 0, IPM_FMT_CSV);
	CHECK_STR(o, "p,count,sum_x,mean_x,min_x,max_x,median_x,p90_x\n"
	          "a,8,2.5,0.625,-4,3.5,2,3.5\n"
	          "b,1,0,,,,,\n"
	          "c,3,0.5,0.16666666666666666,0.1,0.2,0.2,0.2\n",
	          "agg: sum/mean/min/max/median/p90; empty, hex, inf, lists and text skipped");
	part = run(&sp, in, 0, 1, IPM_FMT_CSV);
	CHECK(strstr(part, "\"median_x\":[\"-4:1\",\"1:1\",\"2:1\",\"3.5:1\"]") != NULL,
	      "agg: partial median keeps the multiset, sorted by value");
	CHECK(strstr(part, "\"_spec\":\"-g p count sum x mean x min x max x median x p90 x\"") != NULL,
	      "agg: partial rows carry the spec words");
	m = run(&sp, part, 1, 0, IPM_FMT_CSV);
	CHECK_STR(m, o, "agg: merge of numeric partials == direct result");
	free(m);
	free(part);
	free(o);

	/* Miller's percentile: index int(p*n/100) of the sorted values, clamped */
	for (i = 0, n = 0; i < 100; i++)
		n += snprintf(buf + n, sizeof buf - (size_t)n, "{\"x\":%zu}\n", 100 - i);
	{
		struct ipm_agg_op pops[] = { { IPM_AGG_PCT, "x", 29 }, { IPM_AGG_PCT, "x", 0 },
		                             { IPM_AGG_PCT, "x", 100 }, { IPM_AGG_PCT, "x", -50 } };
		struct ipm_agg_spec ps = { NULL, 0, pops, 4, IPM_BUCKET_NONE, NULL, NULL };

		o = run(&ps, buf, 0, 0, IPM_FMT_CSV);
		CHECK_STR(o, "p29_x,p0_x,p100_x,median_x\n30,1,100,51\n",
		          "agg: percentiles as mlr stats1 (p29 of 1..100 is 30, median 51)");
		free(o);
		o = run(&ps, "", 0, 0, IPM_FMT_CSV);
		CHECK_STR(o, "p29_x,p0_x,p100_x,median_x\n,,,\n", "agg: no input, no groups: one empty row");
		free(o);
	}
}

/* Numbers read as strtod reads them (fast path and fallback), written back
 * in the shortest form that round-trips. */
static void test_numbers(void)
{
	static const char *nums[] = {
		"0.1", "-0.0", "1e22", "1e23", "9007199254740993", "123456789012345678901234",
		"0.000000000000000000000001", "4.9e-324", "1.7976931348623157e308", "2.2250738585072014e-308",
		"+.5", "5.", "007", "0.30000000000000004", "1e-400", "123.456e-5"
	};
	const char *g1[] = { "i" };
	struct ipm_agg_op ops[] = { { IPM_AGG_MIN, "x", 0 } };
	struct ipm_agg_spec sp = { g1, 1, ops, 1, IPM_BUCKET_NONE, NULL, NULL };
	char in[2048], want[2048], b[64], *o;
	size_t i, n = 0, w;

	w = (size_t)snprintf(want, sizeof want, "i,min_x\n");
	for (i = 0; i < sizeof nums / sizeof *nums; i++) {
		double x = strtod(nums[i], NULL), y;
		int prec;

		n += (size_t)snprintf(in + n, sizeof in - n, "{\"i\":\"%c\",\"x\":\"%s\"}\n", (int)('a' + i), nums[i]);
		if (x == 0)
			x = 0;
		for (prec = 15; prec <= 17; prec++) {
			snprintf(b, sizeof b, "%.*g", prec, x);
			if ((y = strtod(b, NULL)) == x)
				break;
		}
		w += (size_t)snprintf(want + w, sizeof want - w, "%c,%s\n", (int)('a' + i), b);
	}
	o = run(&sp, in, 0, 0, IPM_FMT_CSV);
	CHECK_STR(o, want, "agg: numbers read as strtod does, written to round-trip");
	free(o);
}

/* The short-number fast path (up to 15 digits and a point) equals strtod on
 * random decimals of every length and point position, signs and zeros. */
static void test_numbers_random(void)
{
	const char *g1[] = { "i" };
	struct ipm_agg_op ops[] = { { IPM_AGG_MAX, "x", 0 } };
	struct ipm_agg_spec sp = { g1, 1, ops, 1, IPM_BUCKET_NONE, NULL, NULL };
	enum { N = 3000 };
	size_t cap = N * 64, n = 0, w = 0, i, k, nd, d, pt;
	char *in = malloc(cap), *want = malloc(cap), num[32], b[64], *o;
	unsigned long long seed = 42;
	double x;
	int prec;

	w += (size_t)snprintf(want + w, cap - w, "i,max_x\n");
	for (i = 0; i < N; i++) {
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		nd = 1 + (seed >> 33) % 16;   /* 1..16 digits: 16 takes the general path */
		k = 0;
		if ((seed >> 20) & 1)
			num[k++] = (seed >> 21) & 1 ? '-' : '+';
		pt = (seed >> 40) & 1 ? (seed >> 41) % (nd + 1) : nd + 1;   /* a point, or none */
		for (d = 0; d < nd; d++) {
			seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
			if (d == pt)
				num[k++] = '.';
			num[k++] = (char)('0' + (seed >> 33) % 10);
		}
		num[k] = '\0';
		x = strtod(num, NULL);
		if (x == 0)
			x = 0;
		for (prec = 15; prec <= 17; prec++) {
			snprintf(b, sizeof b, "%.*g", prec, x);
			if (strtod(b, NULL) == x)
				break;
		}
		n += (size_t)snprintf(in + n, cap - n, "{\"i\":\"%05zu\",\"x\":\"%s\"}\n", i, num);
		w += (size_t)snprintf(want + w, cap - w, "%05zu,%s\n", i, b);
	}
	o = run(&sp, in, 0, 0, IPM_FMT_CSV);
	CHECK_STR(o, want, "agg: 3000 random decimals read as strtod reads them");
	free(o);
	free(in);
	free(want);
}

/* Group values with invalid UTF-8 group as their sanitized form (U+FFFD for
 * each bad sequence), whether the group is new or known, and so do partial
 * rows merged. */
static void test_utf8_groups(void)
{
	const char *g1[] = { "p" };
	struct ipm_agg_op ops[] = { { IPM_AGG_COUNT, NULL, 0 } };
	struct ipm_agg_spec sp = { g1, 1, ops, 1, IPM_BUCKET_NONE, NULL, NULL };
	const char *in = "p,x\na\xff,1\nb,2\na\xfe,3\na\xef\xbf\xbd,4\na\xff,5\n";
	const char *part = "p,count,_spec\na\xfe,2,-g p count\na\xff,3,-g p count\n";
	char *o;

	o = run(&sp, in, 0, 0, IPM_FMT_CSV);
	CHECK_STR(o, "p,count\na\xef\xbf\xbd,4\nb,1\n", "agg: invalid UTF-8 groups as their sanitized form");
	free(o);
	o = run(&sp, part, 1, 0, IPM_FMT_CSV);
	CHECK_STR(o, "p,count\na\xef\xbf\xbd,5\n", "agg: merged partial rows' invalid group values sanitized, one group");
	free(o);
}

int main(void)
{
	test_utf8_groups();
	test_numbers();
	test_numbers_random();
	test_numeric();
	test_ops();
	test_merge_errors();
	test_spec();
	test_hash();
	return t_failed;
}
