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

/* ------------------------------------------------------ parts of a file */

/* The parts are planned without reading the file through: part i starts at
 * the first line start at or after i/n of the data, as if no quoted field
 * crossed that line. Each thread reads its part and stops at the first record
 * boundary past the part's end. Afterwards the guesses are checked in file
 * order: part i+1 is right when part i stopped exactly where it starts;
 * otherwise (a quoted field spanning lines crossed the start) it is read
 * again, from where part i stopped. The result is that of one serial read. */

struct rejected {
	char *file, *reason, *text;
	long line;
	size_t len;
};

struct job {
	int fd;
	enum ipm_fmt fmt;
	long long hdr_len, start, want;   /* read from start; stop after want bytes (-1: to EOF) */
	long hdr_lines;
	const char *name;
	char delim;
	const char *const *only;
	size_t nonly;
	void (*each)(void *, ipm_rec *);
	void *ctx;
	struct rejected *rj;   /* kept until the threads end, then replayed in order */
	size_t nrj;
	int err;
	long long used;        /* bytes of the part read (past start) */
	long lines;            /* lines of the part read */
};

/* Quote parity over [p, e): every '"' toggles (an escaped "" toggles twice). */
static int quotes(const unsigned char *p, const unsigned char *e, int inq)
{
	while (p < e && (p = memchr(p, '"', (size_t)(e - p))) != NULL) {
		inq = !inq;
		p++;
	}
	return inq;
}

/* Header length in bytes and lines (CSV: up to the first newline outside
 * quotes) and the format when AUTO; -1 when the file has no complete header. */
static int read_header(int fd, enum ipm_fmt *fmt, long long *len, long *lines)
{
	unsigned char *buf = ipm_malloc(SCAN_BUF);
	const unsigned char *p, *e, *nl;
	long long off = 0;
	ssize_t got;
	int inq = 0, rc = -1;

	*len = 0;
	*lines = 0;
	while ((got = pread(fd, buf, SCAN_BUF, off)) > 0) {
		if (off == 0 && *fmt == IPM_FMT_AUTO)
			*fmt = sniff(buf, (size_t)got);
		if (*fmt != IPM_FMT_CSV) {   /* JSON Lines: no header */
			rc = 0;
			break;
		}
		for (p = buf, e = buf + got; (nl = memchr(p, '\n', (size_t)(e - p))) != NULL; p = nl + 1) {
			++*lines;
			if (!(inq = quotes(p, nl, inq)))
				break;
		}
		if (nl) {
			*len = off + (nl - buf) + 1;
			rc = 0;
			break;
		}
		inq = quotes(p, e, inq);
		off += got;
	}
	free(buf);
	return got < 0 ? -1 : rc;
}

/* The first line start at or after off (size when there is none). */
static long long line_start(int fd, long long off, long long size)
{
	unsigned char buf[4096];
	const unsigned char *nl;
	ssize_t got;

	if (off <= 0)
		return 0;
	for (off--; (got = pread(fd, buf, sizeof buf, off)) > 0; off += got)
		if ((nl = memchr(buf, '\n', (size_t)got)) != NULL)
			return off + (nl - buf) + 1;
	return size;
}

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

static void drop_rejects(struct job *j)
{
	size_t k;

	for (k = 0; k < j->nrj; k++) {
		free(j->rj[k].file);
		free(j->rj[k].reason);
		free(j->rj[k].text);
	}
	free(j->rj);
	j->rj = NULL;
	j->nrj = 0;
}

/* Read one part: lines are numbered from the header's (shifted to file
 * lines when the parts are checked). */
static void *work(void *p)
{
	struct job *j = p;
	ipm_reader *rd = ipm_reader_open_part(j->fd, j->name, j->fmt, j->delim, j->hdr_len, j->start);
	ipm_rec *r;
	int rc;

	ipm_reader_on_reject(rd, keep_reject, j);
	if (j->nonly)
		ipm_reader_only(rd, j->only, j->nonly);
	if (j->want >= 0)
		ipm_reader_stop_after(rd, j->want);
	while ((rc = ipm_reader_next(rd, &r)) > 0)
		j->each(j->ctx, r);
	j->err = rc < 0;
	j->used = ipm_reader_used(rd);
	j->lines = ipm_reader_lineno(rd) - j->hdr_lines;
	ipm_reader_close(rd);
	return NULL;
}

/* Check the parts in order; read again those that started inside a record.
 * Returns how many were read again. */
static size_t check_parts(struct job *jobs, size_t n, long long size, void (*reset)(void *))
{
	long long at = jobs[0].start + jobs[0].used, end;
	size_t i, again = 0;

	for (i = 1; i < n; i++) {
		if (at == jobs[i].start) {
			at += jobs[i].used;
			continue;
		}
		/* part i-1 read past the start of part i: read part i from there */
		again++;
		reset(jobs[i].ctx);
		drop_rejects(&jobs[i]);
		end = i + 1 < n ? jobs[i + 1].start : size;
		jobs[i].start = at;
		jobs[i].want = i + 1 < n ? end - at : -1;
		if (at >= end && i + 1 < n) {
			jobs[i].used = jobs[i].lines = 0;   /* nothing of it is left */
			continue;
		}
		work(&jobs[i]);
		at += jobs[i].used;
	}
	return again;
}

long ipm_par_read(const char *path, size_t n, long long min_bytes, enum ipm_fmt fmt, char delim,
                  const char *const *only, size_t nonly, ipm_rejects *rj,
                  void (*each)(void *ctx, ipm_rec *r), void (*reset)(void *ctx), void **ctx,
                  size_t *reread)
{
	struct stat st;
	struct job *jobs;
	pthread_t *tid;
	long long hdr_len, data;
	long hdr_lines, base;
	size_t i, k;
	long bad = 0;
	int fd;

	/* "-" works too when stdin is a regular file (`ipm-agg < big.csv`) */
	fd = strcmp(path, "-") == 0 ? (lseek(0, 0, SEEK_CUR) == 0 ? dup(0) : -1) : open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || read_header(fd, &fmt, &hdr_len, &hdr_lines) != 0) {
		close(fd);
		return -1;
	}
	data = st.st_size - hdr_len;
	min_bytes = min_bytes < 1 ? 1 : min_bytes;
	if (data / min_bytes + 1 < (long long)n)
		n = (size_t)(data / min_bytes + 1);
	n = n ? n : 1;
	jobs = ipm_calloc(n, sizeof *jobs);
	tid = ipm_calloc(n, sizeof *tid);
	for (i = 0; i < n; i++) {
		jobs[i] = (struct job){ .fd = fd, .fmt = fmt, .hdr_len = hdr_len, .hdr_lines = hdr_lines,
		                        .name = path, .delim = delim, .only = only, .nonly = nonly,
		                        .each = each, .ctx = ctx[i] };
		jobs[i].start = i == 0 ? hdr_len : line_start(fd, hdr_len + data / (long long)n * (long long)i, st.st_size);
		if (jobs[i].start < jobs[i ? i - 1 : 0].start)
			jobs[i].start = jobs[i - 1].start;
	}
	for (i = 0; i < n; i++) {
		jobs[i].want = i + 1 < n ? jobs[i + 1].start - jobs[i].start : -1;
		if (pthread_create(&tid[i], NULL, work, &jobs[i]) != 0)
			ipm_die(IPM_EXIT_DATA, "cannot start a thread");
	}
	for (i = 0; i < n; i++)
		pthread_join(tid[i], NULL);
	k = check_parts(jobs, n, st.st_size, reset);
	if (reread)
		*reread = k;
	/* replay the rejects in file order, at file line numbers */
	for (i = 0, base = 0; i < n; base += jobs[i++].lines) {
		if (jobs[i].err)
			bad++;
		for (k = 0; k < jobs[i].nrj; k++) {
			struct rejected *r = &jobs[i].rj[k];

			if (rj)
				ipm_reject(rj, r->file, r->line + base, r->reason, r->text, r->len);
			ipm_err(r->file, r->line + base, "%s", r->reason);
		}
		bad += (long)jobs[i].nrj;
		drop_rejects(&jobs[i]);
	}
	free(jobs);
	free(tid);
	close(fd);
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
	FILE *out = open_memstream(&b->out, &b->outlen);
	ipm_reader *rd;
	ipm_writer *w;
	ipm_rec *r;
	int rc;

	if (!out)
		ipm_die(IPM_EXIT_DATA, "cannot open a memory stream:");
	ipm_buf_reserve(&b->in, 1);   /* buf[len] is the reader's */
	rd = ipm_reader_open_mem(b->in.s, b->in.len, m->name, IPM_FMT_JSON, ',');
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
