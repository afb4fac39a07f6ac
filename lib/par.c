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

/* Every range but the last has its start (and the header is past). */
static int placed(const struct ipm_chunks *ch, size_t want, int in_hdr)
{
	return !in_hdr && ch->n + 1 == want;
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
	ssize_t got = 0;

	ch->c = ipm_calloc(want, sizeof *ch->c);
	/* the scan stops once the last boundary is placed: the rest of the file
	 * needs no counting (the last range runs to the end) */
	while ((off == 0 || !placed(ch, want, in_hdr)) && (got = pread(ch->fd, buf, SCAN_BUF, off)) > 0) {
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
			if (placed(ch, want, in_hdr))
				break;
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
	const char *const *only;
	size_t nonly;
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
	if (j->nonly)
		ipm_reader_only(rd, j->only, j->nonly);
	while ((rc = ipm_reader_next(rd, &r)) > 0)
		j->each(j->ctx, r);
	j->err = rc < 0;
	ipm_reader_close(rd);
	fclose(fp);
	return NULL;
}

long ipm_par_read(const char *path, size_t n, long long min_bytes, enum ipm_fmt fmt, char delim,
                  const char *const *only, size_t nonly,
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
		jobs[i] = (struct job){ &ch, i, path, delim, only, nonly, each, ctx[i], NULL, 0, 0 };
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

/* --------------------------------------------------------- ordered map */

enum { B_FREE, B_READY, B_BUSY, B_DONE };

struct batch {
	int state;
	ipm_buf in;            /* whole lines */
	long line0;            /* number of its first line */
	char *out;             /* its records, mapped, as JSON Lines */
	size_t outlen;
	struct job j;          /* rejects kept for the main thread */
};

struct mapper {
	pthread_mutex_t mu;
	pthread_cond_t ready, done;
	struct batch *b;       /* a ring of nb batches */
	size_t nb;
	unsigned long long filled, taken;   /* batches handed out so far, taken so far */
	int eof;
	const char *name;
	void (*map)(void *, ipm_rec *);
};

struct mworker {
	struct mapper *m;
	void *ctx;
	pthread_t tid;
};

/* Map one batch: read its records, map them, write them to its buffer. */
static void map_batch(struct mapper *m, struct batch *b, void *ctx)
{
	FILE *in = fmemopen(b->in.s, b->in.len, "r"), *out = open_memstream(&b->out, &b->outlen);
	ipm_reader *rd;
	ipm_writer *w;
	ipm_rec *r;
	int rc;

	if (!in || !out)
		ipm_die(IPM_EXIT_DATA, "cannot open a memory stream:");
	rd = ipm_reader_open(in, m->name, IPM_FMT_JSON, ',');
	w = ipm_writer_open(out, IPM_FMT_JSON, ',', NULL, 0);
	ipm_reader_set_lineno(rd, b->line0 - 1);
	ipm_reader_on_reject(rd, keep_reject, &b->j);
	while ((rc = ipm_reader_next(rd, &r)) > 0) {
		m->map(ctx, r);
		if (ipm_writer_put(w, r) != 0)
			ipm_die(IPM_EXIT_DATA, "cannot write to memory");
	}
	b->j.err = rc < 0;
	ipm_reader_close(rd);
	ipm_writer_close(w);
	fclose(in);
	fclose(out);
}

static void *map_worker(void *p)
{
	struct mworker *wk = p;
	struct mapper *m = wk->m;
	struct batch *b;

	pthread_mutex_lock(&m->mu);
	for (;;) {
		while (m->taken == m->filled && !m->eof)
			pthread_cond_wait(&m->ready, &m->mu);
		if (m->taken == m->filled)
			break;
		b = &m->b[m->taken++ % m->nb];
		b->state = B_BUSY;
		pthread_mutex_unlock(&m->mu);
		map_batch(m, b, wk->ctx);
		pthread_mutex_lock(&m->mu);
		b->state = B_DONE;
		pthread_cond_broadcast(&m->done);
	}
	pthread_mutex_unlock(&m->mu);
	return NULL;
}

/* Wait for batch b, write it out, replay its rejects; returns its malformed lines. */
static long map_write(struct mapper *m, struct batch *b, FILE *out, ipm_rejects *rj)
{
	long bad;
	size_t k;

	pthread_mutex_lock(&m->mu);
	while (b->state != B_DONE)
		pthread_cond_wait(&m->done, &m->mu);
	pthread_mutex_unlock(&m->mu);
	if (b->outlen)
		fwrite(b->out, 1, b->outlen, out);
	free(b->out);
	b->out = NULL;
	b->outlen = 0;
	for (k = 0; k < b->j.nrj; k++) {
		struct rejected *r = &b->j.rj[k];

		if (rj)
			ipm_reject(rj, r->file, r->line, r->reason, r->text, r->len);
		free(r->file);
		free(r->reason);
		free(r->text);
	}
	bad = (long)b->j.nrj + b->j.err;
	free(b->j.rj);
	b->j.rj = NULL;
	b->j.nrj = 0;
	b->j.err = 0;
	b->state = B_FREE;
	return bad;
}

/* Read whole lines into b->in: what pend holds, then about want bytes more,
 * cut after the last newline (the rest goes back to pend). 0 at the end of
 * input with nothing read, -1 on a read error. */
static int fill_batch(FILE *fp, ipm_buf *pend, struct batch *b, size_t want)
{
	char *nl;
	size_t got, cut;

	ipm_buf_clear(&b->in);
	ipm_buf_add(&b->in, pend->s, pend->len);
	ipm_buf_clear(pend);
	for (;;) {
		ipm_buf_reserve(&b->in, want);
		got = fread(b->in.s + b->in.len, 1, want, fp);
		b->in.len += got;
		if (got < want)
			break;
		if (memchr(b->in.s + b->in.len - got, '\n', got))
			break;   /* no line-length limit: a batch grows until a line ends */
	}
	if (ferror(fp))
		return -1;
	if (!feof(fp) && (nl = memrchr(b->in.s, '\n', b->in.len)) != NULL) {
		cut = (size_t)(nl + 1 - b->in.s);
		ipm_buf_add(pend, b->in.s + cut, b->in.len - cut);
		b->in.len = cut;
	}
	return b->in.len > 0;
}

static long count_lines(const char *s, size_t n)
{
	const char *e = s + n;
	long k = 0;

	while (s < e && (s = memchr(s, '\n', (size_t)(e - s))) != NULL) {
		k++;
		s++;
	}
	return k;
}

long ipm_par_map(FILE *fp, const char *name, FILE *out, size_t n, size_t batch_bytes,
                 ipm_rejects *rj, void (*map)(void *ctx, ipm_rec *r), void **ctx)
{
	struct mapper m;
	struct mworker *wk = ipm_calloc(n, sizeof *wk);
	ipm_buf pend = {0};
	unsigned long long written = 0;
	long line = 1, bad = 0;
	size_t i;
	int rc = 1;

	memset(&m, 0, sizeof m);
	pthread_mutex_init(&m.mu, NULL);
	pthread_cond_init(&m.ready, NULL);
	pthread_cond_init(&m.done, NULL);
	m.nb = 2 * n;
	m.b = ipm_calloc(m.nb, sizeof *m.b);
	m.name = name;
	m.map = map;
	for (i = 0; i < n; i++) {
		wk[i].m = &m;
		wk[i].ctx = ctx[i];
		if (pthread_create(&wk[i].tid, NULL, map_worker, &wk[i]) != 0)
			ipm_die(IPM_EXIT_DATA, "cannot start a thread");
	}
	while (rc > 0) {
		struct batch *b = &m.b[m.filled % m.nb];

		if (m.filled - written == m.nb)   /* the ring is full: the oldest goes out */
			bad += map_write(&m, &m.b[written++ % m.nb], out, rj);
		if ((rc = fill_batch(fp, &pend, b, batch_bytes)) <= 0)
			break;
		b->line0 = line;
		line += count_lines(b->in.s, b->in.len);
		pthread_mutex_lock(&m.mu);
		b->state = B_READY;
		m.filled++;
		pthread_cond_signal(&m.ready);
		pthread_mutex_unlock(&m.mu);
	}
	pthread_mutex_lock(&m.mu);
	m.eof = 1;
	pthread_cond_broadcast(&m.ready);
	pthread_mutex_unlock(&m.mu);
	while (written < m.filled)
		bad += map_write(&m, &m.b[written++ % m.nb], out, rj);
	for (i = 0; i < n; i++)
		pthread_join(wk[i].tid, NULL);
	for (i = 0; i < m.nb; i++)
		ipm_buf_free(&m.b[i].in);
	free(m.b);
	free(wk);
	ipm_buf_free(&pend);
	pthread_mutex_destroy(&m.mu);
	pthread_cond_destroy(&m.ready);
	pthread_cond_destroy(&m.done);
	if (rc < 0)
		ipm_err(name, line, "read error:");
	return rc < 0 ? -1 : bad;
}
