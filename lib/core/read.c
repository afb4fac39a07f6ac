/* read: the record reader — JSON Lines or CSV, sniffed from the first line,
 * over a FILE, a part of a file or memory; malformed records are reported and
 * skipped, never fatal. */
#include "read.h"

#include <stdlib.h>
#include <string.h>

#include "rec_impl.h"
#include "util.h"


void rd_reject(ipm_reader *rd, long line, const char *reason, const char *text, size_t len)
{
	rd->nbad++;
	if (!rd->quiet)
		ipm_err(rd->name, line, "%s", reason);
	if (rd->on_reject)
		rd->on_reject(rd->reject_ctx, rd->name, line, reason, text, len);
}


int rd_is_blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}


static ipm_reader *reader_new(const char *name, enum ipm_fmt fmt, char delim)
{
	ipm_reader *rd = ipm_calloc(1, sizeof *rd);

	rd->stop = -1;
	rd->name = ipm_strndup(name && strcmp(name, "-") ? name : "<stdin>",
	                       strlen(name && strcmp(name, "-") ? name : "<stdin>"));
	rd->fmt = fmt;
	rd->delim = delim ? delim : ',';
	rd->j.g = yajl_gen_alloc(NULL);
	rd->crec = ipm_rec_new();
	return rd;
}


ipm_reader *ipm_reader_open(FILE *fp, const char *name, enum ipm_fmt fmt, char delim)
{
	ipm_reader *rd = reader_new(name, fmt, delim);

	lsrc_init(&rd->src, fp);
	return rd;
}


ipm_reader *ipm_reader_open_part(int fd, const char *name, enum ipm_fmt fmt, char delim,
                                 long long hdr_len, long long start)
{
	ipm_reader *rd = reader_new(name, fmt, delim);

	rd->quiet = 1;
	rd->src.fd = fd;
	rd->src.hdr_len = hdr_len;
	rd->src.start = start;
	rd->src.pos = hdr_len > 0 ? 0 : start;
	rd->mid_file = hdr_len == 0 && start > 0;   /* its line 1 is not the file's */
	return rd;
}


ipm_reader *ipm_reader_open_mem(char *buf, size_t len, const char *name, enum ipm_fmt fmt, char delim)
{
	ipm_reader *rd = reader_new(name, fmt, delim);

	rd->src.mem = 1;
	rd->src.b = buf;
	rd->src.end = len;
	rd->src.cap = len + 1;
	rd->src.eof = 1;
	return rd;
}

void ipm_reader_stop_after(ipm_reader *rd, long long nbytes) { rd->stop = nbytes; }
long long ipm_reader_used(const ipm_reader *rd) { return rd->src.used - rd->src.hdr_len; }
long ipm_reader_lineno(const ipm_reader *rd) { return rd->lineno; }
int ipm_reader_saw_blank(const ipm_reader *rd) { return rd->saw_blank; }

enum ipm_fmt ipm_reader_fmt(const ipm_reader *rd) { return rd->fmt; }
size_t ipm_reader_nbad(const ipm_reader *rd) { return rd->nbad; }
const char *ipm_reader_name(const ipm_reader *rd) { return rd->name; }
void ipm_reader_set_lineno(ipm_reader *rd, long n) { rd->lineno = n; }


/* Between records: no CSV row is half read (a blank line may be pending). */
int rd_at_row_start(const ipm_reader *rd)
{
	return rd->fmt != IPM_FMT_CSV ||
	       (rd->c.n == 0 && rd_is_blank(rd->pending.s, rd->pending.len));
}


void ipm_reader_on_reject(ipm_reader *rd,
	void (*fn)(void *, const char *, long, const char *, const char *, size_t), void *ctx)
{
	rd->on_reject = fn;
	rd->reject_ctx = ctx;
}


/* A UTF-8 byte order mark at the start of the file is dropped (not at the
 * start of a part: there it is the middle of the file, an error as in a
 * serial read). */
static void skip_bom(ipm_reader *rd)
{
	if (rd->lineno == 1 && !rd->mid_file && rd->llen >= 3 && memcmp(rd->ls, "\xEF\xBB\xBF", 3) == 0) {
		rd->ls += 3;
		rd->llen -= 3;
	}
}


/* JSON Lines when the first non-blank line starts with '{' (after a BOM), a
 * JSON array when it starts with '['. */
static enum ipm_fmt sniff_line(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (len - i >= 3 && memcmp(s + i, "\xEF\xBB\xBF", 3) == 0)
		i += 3;
	return i < len && s[i] == '{' ? IPM_FMT_JSON : i < len && s[i] == '[' ? IPM_FMT_JSONA : IPM_FMT_CSV;
}


enum ipm_fmt ipm_sniff(const char *buf, size_t len)
{
	const char *p = buf, *e = buf + len, *nl;

	for (; p < e; p = nl + 1) {
		if (!(nl = memchr(p, '\n', (size_t)(e - p))))
			nl = e;
		if (!rd_is_blank(p, (size_t)(nl - p)))
			return sniff_line(p, (size_t)(nl - p));
	}
	return IPM_FMT_CSV;
}


int ipm_reader_next(ipm_reader *rd, ipm_rec **out)
{
	int rc;

	for (;;) {
		if (rd->qhead < rd->qn) {
			*out = rd->q[rd->qhead++];
			return 1;
		}
		if (rd->eof)
			return 0;
		if (rd->stop >= 0 && ipm_reader_used(rd) >= rd->stop && rd_at_row_start(rd)) {
			rd->eof = 1;   /* no csv_fini: the row ended here */
			return 0;
		}
		rc = lsrc_next(&rd->src, &rd->ls, &rd->llen);
		if (rc < 0) {
			ipm_err(rd->name, rd->lineno + 1, "read error:");
			rd->eof = 1;
			return -1;
		}
		if (rc == 0) {
			rd->eof = 1;
			rd->llen = 0;
			if (rd->fmt == IPM_FMT_CSV && rd->cp_live && rd_csv_line(rd, 1)) {
				*out = rd->crec;
				return 1;
			}
			if (rd->fmt == IPM_FMT_JSONA)
				rd_json_end(rd);
			continue;
		}
		rd->lineno++;
		if (rd->fmt == IPM_FMT_AUTO) {
			if (rd_is_blank(rd->ls, rd->llen))
				continue;
			rd->fmt = sniff_line(rd->ls, rd->llen);
		}
		skip_bom(rd);
		if (rd->fmt == IPM_FMT_JSON || rd->fmt == IPM_FMT_JSONA) {
			if (!rd_is_blank(rd->ls, rd->llen))
				rd_json_line(rd);
			continue;
		}
		if (rd_csv_line(rd, 0)) {
			*out = rd->crec;
			return 1;
		}
	}
}


void ipm_reader_close(ipm_reader *rd)
{
	size_t i;

	if (!rd)
		return;
	if (rd->yh)
		yajl_free(rd->yh);
	yajl_gen_free(rd->j.g);
	ipm_buf_free(&rd->j.key);
	ipm_buf_free(&rd->j.arr);
	free(rd->j.aoff);
	free(rd->j.alen);
	for (i = 0; i < rd->qcap; i++)
		ipm_rec_free(rd->q[i]);
	free(rd->q);
	if (rd->cp_live)
		csv_free(&rd->cp);
	ipm_buf_free(&rd->c.fields);
	free(rd->c.off);
	free(rd->c.len);
	free(rd->c.isnull);
	for (i = 0; i < rd->nhdr; i++)
		free(rd->hdr[i]);
	free(rd->hdr);
	free(rd->hdr_h);
	for (i = 0; i < rd->nonly; i++)
		free(rd->only[i]);
	free(rd->only);
	free(rd->c.keep);
	free(rd->cols);
	free(rd->ctype);
	ipm_rec_free(rd->crec);
	if (!rd->src.mem)
		free(rd->src.b);
	free(rd->src.lb);
	ipm_buf_free(&rd->pending);
	free(rd->name);
	free(rd);
}

