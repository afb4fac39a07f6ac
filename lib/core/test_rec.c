/* Unit tests for lib/rec (record model, JSON Lines and CSV I/O) and
 * conformance against JSONTestSuite when ../shared is present. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "read.h"
#include "rec.h"
#include "utf8.h"
#include "util.h"
#include "write.h"

/* Run text through a reader and writer; return the output (caller frees). */
static char *convert(const char *in, enum ipm_fmt ifmt, enum ipm_fmt ofmt, size_t *nbad)
{
	FILE *fi = fmemopen((void *)in, strlen(in), "r");
	char *out = NULL;
	size_t olen = 0;
	FILE *fo = open_memstream(&out, &olen);
	ipm_reader *rd = ipm_reader_open(fi, "t", ifmt, ',');
	ipm_writer *w = ipm_writer_open(fo, ofmt, ',', NULL, 0);
	ipm_rec *r;

	while (ipm_reader_next(rd, &r) > 0)
		ipm_writer_put(w, r);
	*nbad = ipm_reader_nbad(rd);
	ipm_writer_close(w);
	ipm_reader_close(rd);
	fclose(fi);
	fclose(fo);
	return out;
}

static void test_model(void)
{
	ipm_rec *r = ipm_rec_new(), *c = ipm_rec_new();
	const char *items[4];
	size_t lens[4];

	ipm_rec_set_cstr(r, "a", "x");
	ipm_rec_set_long(r, "n", 42);
	ipm_rec_set_cstr(r, "a", "y");        /* replaces in place */
	ipm_rec_arr_push(r, "l", "p", 1);
	ipm_rec_arr_push(r, "l", "q", 1);
	CHECK(ipm_rec_nfields(r) == 3, "rec: set keeps one field per key");
	CHECK_STR(ipm_rec_key(r, 0), "a", "rec: order kept on replace");
	CHECK_STR(ipm_rec_str(r, "a"), "y", "rec: replaced value");
	CHECK(ipm_rec_long(r, "n", -1) == 42, "rec: long value");
	CHECK(ipm_rec_list(r, "l", items, lens, 4) == 2 && lens[1] == 1 && items[1][0] == 'q',
	      "rec: list of array");
	ipm_rec_set_cstr(r, "s", "a;bb;c");
	CHECK(ipm_rec_list(r, "s", items, lens, 4) == 3 && lens[1] == 2, "rec: list of ;-string");
	ipm_rec_copy(c, r);
	ipm_rec_del(r, "a");
	CHECK(ipm_rec_get(r, "a") == NULL && ipm_rec_nfields(r) == 3, "rec: del");
	CHECK_STR(ipm_rec_str(c, "a"), "y", "rec: copy is deep");
	ipm_rec_free(r);
	ipm_rec_free(c);
}

static void test_io(void)
{
	size_t bad;
	char *o;

	o = convert("{\"a\":\"x\\u0000y\\u001f\",\"b\":[\"1\",2],\"c\":{\"d\":[]}}\n", IPM_FMT_AUTO, IPM_FMT_JSON, &bad);
	CHECK_STR(o, "{\"a\":\"x\\u0000y\\u001F\",\"b\":[\"1\",2],\"c\":{\"d\":[]}}\n", "json: controls escaped, nesting kept");
	free(o);
	o = convert("{\"a\":1}{\"a\":2}\n\n[1]\n{\"a\":\n", IPM_FMT_JSON, IPM_FMT_JSON, &bad);
	CHECK_STR(o, "{\"a\":1}\n{\"a\":2}\n", "json: two values on a line, bad lines skipped");
	CHECK(bad == 2, "json: bad lines counted");
	free(o);
	o = convert("a,b\r\n1,\"x,\"\"y\"\"\"\r\n,\"\"\r\n", IPM_FMT_AUTO, IPM_FMT_JSON, &bad);
	CHECK_STR(o, "{\"a\":\"1\",\"b\":\"x,\\\"y\\\"\"}\n{\"a\":null,\"b\":\"\"}\n", "csv: quotes, CRLF, null vs empty");
	free(o);
	o = convert("a,b\n1,\"x\ny\"\n2,3,4\n5,\"\n", IPM_FMT_CSV, IPM_FMT_CSV, &bad);
	CHECK_STR(o, "a,b\n1,\"x\ny\"\n", "csv: newline in quotes round-trips");
	CHECK(bad == 2, "csv: wrong field count and unterminated quote rejected");
	free(o);
	/* a row ended by a bare CR, then a quote opened on the same line: the
	 * line is rejected whole, so the blank line after it is a block break
	 * and not (as it was) text of a quoted field that libcsv still held */
	o = convert("a\nx\r\"open\nb\n\nc\n1\n", IPM_FMT_CSV, IPM_FMT_JSON, &bad);
	CHECK_STR(o, "{\"a\":\"b\"}\n{\"c\":\"1\"}\n", "csv: a bare CR then an open quote: the line rejected");
	CHECK(bad == 1, "csv: that line counted once");
	free(o);
	o = convert("a,b\n x ,  y\r\n\tt\t,\"1\n2 \"\n\"q\" ,z\n1, 2\n", IPM_FMT_CSV, IPM_FMT_JSON, &bad);
	CHECK_STR(o, "{\"a\":\" x \",\"b\":\"  y\"}\n{\"a\":\"\\tt\\t\",\"b\":\"1\\n2 \"}\n"
	          "{\"a\":\"q\",\"b\":\"z\"}\n{\"a\":\"1\",\"b\":\" 2\"}\n",
	          "csv: spaces and tabs kept (one line, CRLF, over two lines); a space after a quote trimmed");
	free(o);
	{
		const char *tsv = "a\tb\n x \t y \n";
		FILE *fi = fmemopen((void *)tsv, strlen(tsv), "r");
		ipm_reader *rd = ipm_reader_open(fi, "t", IPM_FMT_CSV, '\t');
		ipm_rec *r;

		CHECK(ipm_reader_next(rd, &r) == 1 && strcmp(ipm_rec_str(r, "a"), " x ") == 0 &&
		      strcmp(ipm_rec_str(r, "b"), " y ") == 0, "tsv: spaces kept");
		ipm_reader_close(rd);
		fclose(fi);
	}
	o = convert("{\"a\":\" x \",\"b\":\"\\ty \",\"c\":\" \"}\n", IPM_FMT_JSON, IPM_FMT_CSV, &bad);
	{
		char *back = convert(o, IPM_FMT_CSV, IPM_FMT_JSON, &bad);

		CHECK_STR(back, "{\"a\":\" x \",\"b\":\"\\ty \",\"c\":\" \"}\n", "csv: padded values round-trip");
		free(back);
	}
	free(o);
	o = convert("{\"k\":\"\\u00e9\",\"e\":\"\",\"n\":null,\"l\":[\"a\",\"b\"]}\n", IPM_FMT_JSON, IPM_FMT_CSV, &bad);
	CHECK_STR(o, "k,e,n,l\n\xc3\xa9,\"\",,a;b\n", "csv out: arrays joined with ';'");
	free(o);
}

static void test_utf8(void)
{
	ipm_buf b = {0};

	CHECK(ipm_utf8_sanitize("a\xff" "b\xe4\xb8", 5, &b) == 2, "utf8: two bad subparts");
	CHECK_STR(b.s, "a\xef\xbf\xbd" "b\xef\xbf\xbd", "utf8: replaced by U+FFFD");
	ipm_buf_free(&b);
	CHECK(ipm_utf8_valid_len("\xed\xa0\x80", 3) == 0, "utf8: surrogates invalid");
}

static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	ipm_buf b = {0};
	char tmp[8192];
	size_t n;

	if (!fp)
		return NULL;
	while ((n = fread(tmp, 1, sizeof tmp, fp)) > 0)
		ipm_buf_add(&b, tmp, n);
	fclose(fp);
	*len = b.len;
	if (!b.s)
		ipm_buf_add(&b, "", 0);
	return b.s;
}

static void test_json_suite(void)
{
	const char *dir = "../shared/thirdparty/JSONTestSuite/test_parsing";
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[1024], err[256], name[300];
	size_t len, ny = 0, nn = 0, ni = 0, bad = 0;
	char *buf;
	int rc;

	if (!d) {
		printf("SKIP jsonsuite: %s not found\n", dir);
		return;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' || !strstr(e->d_name, ".json"))
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (!(buf = slurp(path, &len)))
			continue;
		err[0] = '\0';
		rc = ipm_json_validate(buf, len, err, sizeof err);
		snprintf(name, sizeof name, "jsonsuite %s", e->d_name);
		if (e->d_name[0] == 'y') {
			ny++;
			if (rc != 0) { printf("FAIL %s: rejected: %s\n", name, err); bad++; }
		} else if (e->d_name[0] == 'n') {
			nn++;
			if (rc == 0 || !err[0]) { printf("FAIL %s: accepted\n", name); bad++; }
		} else {
			ni++;   /* implementation-defined: only must not crash */
		}
		free(buf);
	}
	closedir(d);
	printf("%s jsonsuite: %zu y_ parse, %zu n_ rejected, %zu i_ no crash\n",
	       bad ? "FAIL" : "PASS", ny, nn, ni);
	if (bad)
		t_failed = 1;
}

static char *convert_d(const char *in, enum ipm_fmt ifmt, char idelim, enum ipm_fmt ofmt, size_t *nbad)
{
	FILE *fi = fmemopen((void *)in, strlen(in), "r");
	char *out = NULL;
	size_t olen = 0;
	FILE *fo = open_memstream(&out, &olen);
	ipm_reader *rd = ipm_reader_open(fi, "t", ifmt, idelim);
	ipm_writer *w = ipm_writer_open(fo, ofmt, ',', NULL, 0);
	ipm_rec *r;

	while (ipm_reader_next(rd, &r) > 0)
		ipm_writer_put(w, r);
	*nbad = ipm_reader_nbad(rd);
	ipm_writer_close(w);
	ipm_reader_close(rd);
	fclose(fi);
	fclose(fo);
	return out;
}

/* Miller's formats, header blocks, JSON validity, typed CSV. */
static void test_miller_io(void)
{
	char deep[600], *o;
	size_t bad, i, n;

	o = convert("{\"a\":1}\n{\"a\":[1,{\"b\":null}]}\n", IPM_FMT_JSON, IPM_FMT_JSONA, &bad);
	CHECK_STR(o, "[\n{\"a\":1},\n{\"a\":[1,{\"b\":null}]}\n]\n", "io: JSON array out, a record a line");
	free(o);
	o = convert("", IPM_FMT_JSON, IPM_FMT_JSONA, &bad);
	CHECK_STR(o, "[\n]\n", "io: an empty JSON array");
	free(o);
	o = convert(" [ {\"a\":\n1} ,\n{\"b\":\"x\"}]\n", IPM_FMT_AUTO, IPM_FMT_JSON, &bad);
	CHECK(o && strcmp(o, "{\"a\":1}\n{\"b\":\"x\"}\n") == 0 && bad == 0, "io: JSON array in, sniffed, over lines");
	free(o);
	o = convert("{\"a\":1}{\"a\":2}\n[{\"a\":3}]\n", IPM_FMT_JSONA, IPM_FMT_JSON, &bad);
	CHECK(o && strcmp(o, "{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n") == 0 && bad == 0,
	      "io: --ijson takes objects one after another, then an array");
	free(o);
	o = convert("[{\"a\":1},\n{\"a\":2}\n", IPM_FMT_JSONA, IPM_FMT_JSON, &bad);
	CHECK(o && strcmp(o, "{\"a\":1}\n{\"a\":2}\n") == 0 && bad == 1, "io: an unfinished JSON array is an error");
	free(o);
	o = convert("{\"a\":1}\n{\"b\":2}\n{\"b\":3}\n", IPM_FMT_JSON, IPM_FMT_CSV, &bad);
	CHECK_STR(o, "a\n1\n\nb\n2\n3\n", "io: CSV header blocks when the fields change");
	free(o);
	o = convert("a\n1\n\nb\n2\n3\n", IPM_FMT_CSV, IPM_FMT_JSON, &bad);
	CHECK_STR(o, "{\"a\":\"1\"}\n{\"b\":\"2\"}\n{\"b\":\"3\"}\n", "io: CSV header blocks read back");
	free(o);
	o = convert("{\"a\":null}\n", IPM_FMT_JSON, IPM_FMT_CSV, &bad);
	CHECK_STR(o, "a\n\"\"\n", "io: a lone null cell is not a blank line");
	free(o);
	o = convert("{\"a\":\"\\ud800\\udc00\\udfff\\ud800\"}\n", IPM_FMT_JSON, IPM_FMT_JSON, &bad);
	CHECK_STR(o, "{\"a\":\"\xF0\x90\x80\x80\xEF\xBF\xBD\xEF\xBF\xBD\"}\n", "io: lone surrogates are U+FFFD");
	free(o);
	o = convert("{\"a\":1,\"b\":2,\"a\":3}\n", IPM_FMT_JSON, IPM_FMT_JSON, &bad);
	CHECK_STR(o, "{\"a\":3,\"b\":2}\n", "io: a duplicate key keeps the last value, first place");
	free(o);
	for (n = 127; n <= 128; n++) {
		strcpy(deep, "{\"a\":");
		for (i = 1; i < n; i++)
			strcat(deep, "[");
		for (i = 1; i < n; i++)
			strcat(deep, "]");
		strcat(deep, "}\n");
		o = convert(deep, IPM_FMT_JSON, IPM_FMT_JSON, &bad);
		CHECK(n == 127 ? bad == 0 && strlen(o) == strlen(deep) : bad == 1 && o[0] == '\0',
		      n == 127 ? "io: 127 levels pass" : "io: 128 levels are rejected");
		free(o);
	}
	o = convert("doc,section,line,sectors,x\nd,s,42,a;b,7\nd,s,,,\n", IPM_FMT_CSV, IPM_FMT_JSON, &bad);
	CHECK_STR(o, "{\"doc\":\"d\",\"section\":\"s\",\"line\":42,\"sectors\":[\"a\",\"b\"],\"x\":\"7\"}\n"
	             "{\"doc\":\"d\",\"section\":\"s\",\"line\":null,\"sectors\":[],\"x\":null}\n",
	          "io: typed CSV of a known schema, unknown fields strings");
	free(o);
	o = convert_d("a;b\n1;2\n", IPM_FMT_CSV, ';', IPM_FMT_CSV, &bad);
	CHECK_STR(o, "a,b\n1,2\n", "io: input and output delimiters apart");
	free(o);
}

/* Hinted lookups over CSV rows: the hint skips the compare within one
 * header only; a new header (other positions, a key gone), a record that
 * gained a key and JSON records are all looked up afresh. */
static void test_hinted(void)
{
	const char *in = "a,b,c\n1,2,3\n4,5,6\n\nc,a\n7,8\n\nb\n9\n";
	const char *want = "a=1 c=3 | a=4 c=6 | a=8 c=7 | a=- c=- | ";
	FILE *fi = fmemopen((void *)in, strlen(in), "r");
	ipm_reader *rd = ipm_reader_open(fi, "t", IPM_FMT_CSV, ',');
	ipm_rec_hint ha = {0}, hc = {0}, hx = {0};
	const ipm_val *v;
	ipm_rec *r;
	char got[256];
	size_t n = 0;

	while (ipm_reader_next(rd, &r) > 0) {
		v = ipm_rec_get_hinted(r, "a", &ha);
		n += (size_t)snprintf(got + n, sizeof got - n, "a=%s ", v && v->s ? v->s : "-");
		v = ipm_rec_get_hinted(r, "c", &hc);
		n += (size_t)snprintf(got + n, sizeof got - n, "c=%s | ", v && v->s ? v->s : "-");
		if (ipm_rec_get_hinted(r, "x", &hx) == NULL)   /* absent: cached as absent */
			ipm_rec_set_cstr(r, "x", "added");
		CHECK(ipm_rec_get_hinted(r, "x", &hx) != NULL, "hint: a key added to a row is found");
	}
	CHECK_STR(got, want, "hint: rows of three headers, keys moved and gone");
	ipm_reader_close(rd);
	fclose(fi);
	r = ipm_rec_new();
	ipm_rec_set_cstr(r, "a", "j");
	CHECK(ipm_rec_get_hinted(r, "a", &ha) && ipm_rec_get_hinted(r, "c", &hc) == NULL,
	      "hint: a record of no shape is searched");
	ipm_rec_free(r);
}

int main(void)
{
	ipm_init("test_rec");
	test_hinted();
	test_model();
	test_io();
	test_miller_io();
	test_utf8();
	test_json_suite();
	return t_failed;
}
