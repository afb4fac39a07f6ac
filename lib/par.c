#define _GNU_SOURCE   /* fopencookie */
#include "par.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

#define SCAN_BUF (1 << 20)

static enum ipm_fmt sniff(const unsigned char *b, size_t n)
{
	size_t i = 0;

	while (i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n'))
		i++;
	if (n - i >= 3 && memcmp(b + i, "\xEF\xBB\xBF", 3) == 0)
		i += 3;
	return i < n && b[i] == '{' ? IPM_FMT_JSON : IPM_FMT_CSV;
}

/* One pass over the file: quote parity and line count up to each boundary. */
/* Quote parity over [p, e): every '"' toggles (an escaped "" toggles twice). */
static int quotes(const unsigned char *p, const unsigned char *e, int inq)
{
	while (p < e && (p = memchr(p, '"', (size_t)(e - p))) != NULL) {
		inq = !inq;
		p++;
	}
	return inq;
}

/* One pass over the file (memchr, so about memory speed): quote parity and
 * line count up to each boundary. */
static int scan(struct ipm_chunks *ch, long long size, size_t want)
{
	unsigned char *buf = ipm_malloc(SCAN_BUF);
	const unsigned char *p, *nl, *e;
	long long off = 0, next = 0, step = size / (long long)want, at;
	long line = 1;
	int inq = 0, csv = ch->fmt == IPM_FMT_CSV, in_hdr = csv, anyq;
	ssize_t got;

	ch->c = ipm_calloc(want, sizeof *ch->c);
	while ((got = pread(ch->fd, buf, SCAN_BUF, off)) > 0) {
		if (off == 0 && ch->fmt == IPM_FMT_AUTO)
			ch->fmt = sniff(buf, (size_t)got), csv = in_hdr = ch->fmt == IPM_FMT_CSV;
		if (off == 0 && !csv)
			ch->c[0].line = 1;   /* JSON Lines: no header, the first range starts at 0 */
		e = buf + got;
		anyq = csv && memchr(buf, '"', (size_t)got) != NULL;
		for (p = buf; p < e; p = nl + 1) {
			nl = memchr(p, '\n', (size_t)(e - p));
			if (anyq)
				inq = quotes(p, nl ? nl : e, inq);
			if (!nl)
				break;
			line++;   /* every line counts for numbering; boundaries are outside quotes */
			if (inq)
				continue;
			at = off + (nl - buf) + 1;
			if (in_hdr) {   /* the header ends: ranges start after it */
				in_hdr = 0;
				ch->hdr_len = next = at;
				ch->hdr_lines = line - 1;
				ch->c[0].start = next;
				ch->c[0].line = line;
			} else if (at >= next + step && ch->n + 1 < want) {
				ch->c[ch->n].end = at;
				ch->c[++ch->n].start = next = at;
				ch->c[ch->n].line = line;
			}
		}
		off += got;
	}
	free(buf);
	if (got < 0 || in_hdr || (ch->fmt == IPM_FMT_AUTO))
		return -1;   /* unreadable, empty, or a header without a newline */
	ch->c[ch->n++].end = size;
	return 0;
}

int ipm_chunks_plan(const char *path, size_t n, long long min_bytes, enum ipm_fmt fmt,
                    struct ipm_chunks *ch)
{
	struct stat st;

	memset(ch, 0, sizeof *ch);
	ch->fmt = fmt;
	/* "-" works too when stdin is a regular file (`ipm-agg < big.csv`) */
	ch->fd = strcmp(path, "-") == 0 ? (lseek(0, 0, SEEK_CUR) == 0 ? dup(0) : -1) : open(path, O_RDONLY);
	if (ch->fd < 0)
		return -1;
	if (fstat(ch->fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(ch->fd);
		return -1;
	}
	min_bytes = min_bytes < 1 ? 1 : min_bytes;
	if (st.st_size / min_bytes + 1 < (long long)n)
		n = (size_t)(st.st_size / min_bytes + 1);
	if (scan(ch, st.st_size, n ? n : 1) != 0) {
		ipm_chunks_free(ch);
		return -1;
	}
	return 0;
}

struct cookie {
	int fd;
	long long pos, hdr_end, start, end;   /* header [0, hdr_end), then [start, end) */
};

static ssize_t cookie_read(void *p, char *buf, size_t size)
{
	struct cookie *c = p;
	long long off, lim;
	ssize_t got;

	if (c->pos < c->hdr_end) {
		off = c->pos;
		lim = c->hdr_end;
	} else {
		off = c->start + (c->pos - c->hdr_end);
		lim = c->end;
	}
	if (off >= lim)
		return 0;
	if ((long long)size > lim - off)
		size = (size_t)(lim - off);
	got = pread(c->fd, buf, size, off);
	if (got > 0)
		c->pos += got;
	return got;
}

static int cookie_close(void *p)
{
	free(p);
	return 0;
}

FILE *ipm_chunk_open(const struct ipm_chunks *ch, size_t i)
{
	static const cookie_io_functions_t io = { cookie_read, NULL, NULL, cookie_close };
	struct cookie *c = ipm_calloc(1, sizeof *c);
	FILE *fp;

	c->fd = ch->fd;
	c->hdr_end = ch->fmt == IPM_FMT_CSV ? ch->hdr_len : 0;
	c->start = ch->c[i].start;
	c->end = ch->c[i].end;
	if (!(fp = fopencookie(c, "r", io)))
		free(c);
	else
		setvbuf(fp, NULL, _IOFBF, 1 << 20);
	return fp;
}

void ipm_chunks_free(struct ipm_chunks *ch)
{
	if (ch->fd > 0)
		close(ch->fd);
	ch->fd = -1;
	free(ch->c);
	memset(ch, 0, sizeof *ch);
}

/* ------------------------------------------------------------- threads */

struct rejected {
	char *file, *reason, *text;
	long line;
	size_t len;
};

struct job {
	const struct ipm_chunks *ch;
	size_t i;
	const char *name;
	char delim;
	void (*each)(void *, ipm_rec *);
	void *ctx;
	struct rejected *rj;   /* kept until the threads end, then replayed in order */
	size_t nrj;
	int err;
};

static void keep_reject(void *p, const char *file, long line, const char *reason,
                        const char *text, size_t len)
{
	struct job *j = p;
	struct rejected *r;

	j->rj = ipm_realloc(j->rj, (j->nrj + 1) * sizeof *j->rj);
	r = &j->rj[j->nrj++];
	r->file = ipm_strndup(file, strlen(file));
	r->reason = ipm_strndup(reason, strlen(reason));
	r->text = ipm_strndup(text, len);
	r->len = len;
	r->line = line;
}

static void *work(void *p)
{
	struct job *j = p;
	FILE *fp = ipm_chunk_open(j->ch, j->i);
	ipm_reader *rd;
	ipm_rec *r;
	int rc;

	if (!fp) {
		j->err = 1;
		return NULL;
	}
	rd = ipm_reader_open(fp, j->name, j->ch->fmt, j->delim);
	ipm_reader_set_lineno(rd, j->ch->c[j->i].line - 1 -
	                      (j->ch->fmt == IPM_FMT_CSV ? j->ch->hdr_lines : 0));
	ipm_reader_on_reject(rd, keep_reject, j);
	while ((rc = ipm_reader_next(rd, &r)) > 0)
		j->each(j->ctx, r);
	j->err = rc < 0;
	ipm_reader_close(rd);
	fclose(fp);
	return NULL;
}

long ipm_par_read(const char *path, size_t n, long long min_bytes, enum ipm_fmt fmt, char delim,
                  ipm_rejects *rj, void (*each)(void *ctx, ipm_rec *r), void **ctx)
{
	struct ipm_chunks ch;
	struct job *jobs;
	pthread_t *tid;
	size_t i, k;
	long bad = 0;

	if (ipm_chunks_plan(path, n, min_bytes, fmt, &ch) != 0)
		return -1;
	jobs = ipm_calloc(ch.n, sizeof *jobs);
	tid = ipm_calloc(ch.n, sizeof *tid);
	for (i = 0; i < ch.n; i++) {
		jobs[i] = (struct job){ &ch, i, path, delim, each, ctx[i], NULL, 0, 0 };
		if (pthread_create(&tid[i], NULL, work, &jobs[i]) != 0)
			ipm_die(IPM_EXIT_DATA, "cannot start a thread");
	}
	for (i = 0; i < ch.n; i++) {
		pthread_join(tid[i], NULL);
		if (jobs[i].err)
			bad++;
		for (k = 0; k < jobs[i].nrj; k++) {
			struct rejected *r = &jobs[i].rj[k];

			if (rj)
				ipm_reject(rj, r->file, r->line, r->reason, r->text, r->len);
			free(r->file);
			free(r->reason);
			free(r->text);
		}
		bad += (long)jobs[i].nrj;
		free(jobs[i].rj);
	}
	free(jobs);
	free(tid);
	ipm_chunks_free(&ch);
	return bad;
}
