#define _GNU_SOURCE   /* memrchr */
#include "par.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csv.h>

#include "read.h"
#include "util.h"
#include "write.h"

#define SCAN_BUF (1 << 20)
#define PARTS_PER_THREAD 8   /* so a fast core can take more of the file */

/* ------------------------------------------------------ parts of a file */

/* The parts are planned without reading the file through: part k starts at
 * the first line start at or after k/P of the data, as if no quoted field
 * crossed that line. Threads take parts in order from a queue (a fast core
 * takes more of them), each into a state of its own, and stop at the first
 * record boundary past the part's end. The main thread checks the parts in
 * file order as they complete: part k is right when part k-1 stopped exactly
 * where it starts; otherwise (a quoted field spanning lines crossed its
 * start) it is read again from there. Then it folds the part's state into the
 * result and replays its rejects. The result is that of one serial read. */

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
	struct rejected *rj;   /* kept for the main thread, which replays them in order */
	size_t nrj;
	int err;
	long long used;        /* bytes of the part read (past start) */
	long lines;            /* lines of the part read */
	int blank;             /* CSV: it holds a blank line (a new block of columns follows) */
	int done;
};

static void count_row(int c, void *rows)
{
	(void)c;
	++*(int *)rows;
}

/* Header length in bytes and lines and the format when AUTO: up to the end
 * of the first row libcsv gives, with the reader's options (blank lines
 * before it included); -1 unless that header is well-formed and complete
 * (anything else is left to the serial reader, which reports it). */
static int read_header(int fd, enum ipm_fmt *fmt, char delim, long long *len, long *lines)
{
	unsigned char *buf = ipm_malloc(SCAN_BUF);
	const unsigned char *p, *e, *nl;
	struct csv_parser cp;
	long long off = 0;
	ssize_t got;
	size_t skip;
	int rows = 0, rc = -1;

	*len = 0;
	*lines = 0;
	if (csv_init(&cp, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL) != 0)
		ipm_die(IPM_EXIT_DATA, "out of memory");
	csv_set_delim(&cp, (unsigned char)delim);
	while (rc < 0 && (got = pread(fd, buf, SCAN_BUF, off)) > 0) {
		if (off == 0 && *fmt == IPM_FMT_AUTO)
			*fmt = ipm_sniff((const char *)buf, (size_t)got);
		if (*fmt == IPM_FMT_JSONA)   /* a JSON array is read serially */
			break;
		if (*fmt != IPM_FMT_CSV) {   /* JSON Lines: no header */
			rc = 0;
			break;
		}
		for (p = buf, e = buf + got; (nl = memchr(p, '\n', (size_t)(e - p))) != NULL; p = nl + 1) {
			/* the reader drops a BOM at the start of line 1 */
			skip = *lines == 0 && nl - p >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
			++*lines;
			if (csv_parse(&cp, p + skip, (size_t)(nl + 1 - p) - skip, NULL, count_row, &rows) !=
			    (size_t)(nl + 1 - p) - skip)
				break;   /* malformed */
			if (rows) {
				/* a CR before the line's end may end a row inside it (the
				 * reader rejects such a line): such a header is read serially */
				const unsigned char *cr = memchr(p, '\r', (size_t)(nl - p));
				if (cr && cr + 1 != nl)
					break;
				*len = off + (nl - buf) + 1;
				rc = 0;
				break;
			}
		}
		if (nl || p == buf)   /* malformed, found, or a line longer than the buffer */
			break;
		off += p - buf;
	}
	csv_free(&cp);
	free(buf);
	return rc;
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
	if (j->only)
		ipm_reader_only(rd, j->only, j->nonly);
	if (j->want >= 0)
		ipm_reader_stop_after(rd, j->want);
	while ((rc = ipm_reader_next(rd, &r)) > 0)
		j->each(j->ctx, r);
	j->err = rc < 0;
	j->blank = ipm_reader_saw_blank(rd);
	j->used = ipm_reader_used(rd);
	j->lines = ipm_reader_lineno(rd) - j->hdr_lines;
	ipm_reader_close(rd);
	return NULL;
}

struct queue {
	pthread_mutex_t mu;
	pthread_cond_t done;
	struct job *parts;
	size_t np, next;
	const struct ipm_par_sink *sink;
};

static void *take_parts(void *p)
{
	struct queue *q = p;
	struct job *j;

	for (;;) {
		pthread_mutex_lock(&q->mu);
		j = q->next < q->np ? &q->parts[q->next++] : NULL;
		pthread_mutex_unlock(&q->mu);
		if (!j)
			return NULL;
		j->ctx = q->sink->open(q->sink->arg);
		work(j);
		pthread_mutex_lock(&q->mu);
		j->done = 1;
		pthread_cond_broadcast(&q->done);
		pthread_mutex_unlock(&q->mu);
	}
}

/* Part k once done, checked against where the parts before it stopped (at)
 * and read again from there when it began inside a record. */
static void settle_part(struct queue *q, size_t k, long long *at, long long size, size_t *again)
{
	struct job *j = &q->parts[k];
	long long end = k + 1 < q->np ? q->parts[k + 1].start : size;

	pthread_mutex_lock(&q->mu);
	while (!j->done)
		pthread_cond_wait(&q->done, &q->mu);
	pthread_mutex_unlock(&q->mu);
	if (*at != j->start) {   /* the part before read past its start */
		++*again;
		q->sink->drop(j->ctx);
		drop_rejects(j);
		j->ctx = q->sink->open(q->sink->arg);
		j->start = *at;
		j->want = k + 1 < q->np ? end - *at : -1;
		j->used = j->lines = 0;
		if (*at < end || k + 1 == q->np)
			work(j);
	}
	*at = j->start + j->used;
}

/* Rejects of a settled part, at file line numbers (base: lines before it). */
static long replay_rejects(struct job *j, long base, ipm_rejects *rj)
{
	size_t k;
	long bad = (long)j->nrj + (j->err != 0);

	for (k = 0; k < j->nrj; k++) {
		struct rejected *r = &j->rj[k];

		if (rj)
			ipm_reject(rj, r->file, r->line + base, r->reason, r->text, r->len);
		ipm_err(r->file, r->line + base, "%s", r->reason);
	}
	drop_rejects(j);
	return bad;
}

/* From part k on, which holds a blank line (the parts before it hold none,
 * so the file's header is in force at its start): one read to the end, as
 * the serial reader would (new blocks, new headers), after the threads have
 * stopped; what they read past k is dropped. */
static long read_rest(struct queue *q, size_t k, long base, ipm_rejects *rj)
{
	struct job *j = &q->parts[k];
	size_t i;

	for (i = k; i < q->np; i++)
		if (q->parts[i].ctx) {
			q->sink->drop(q->parts[i].ctx);
			drop_rejects(&q->parts[i]);
		}
	j->ctx = q->sink->open(q->sink->arg);
	j->want = -1;
	j->used = j->lines = 0;
	work(j);
	q->sink->merge(q->sink->result, j->ctx);
	return replay_rejects(j, base, rj);
}

long ipm_par_read(FILE *fp, const char *path, size_t n, long long min_bytes, enum ipm_fmt fmt, char delim,
                  const char *const *only, size_t nonly, ipm_rejects *rj,
                  const struct ipm_par_sink *sink, size_t *reread)
{
	struct stat st;
	struct queue q;
	pthread_t *tid;
	long long hdr_len, data, at, psize;
	long hdr_lines, base = 0;
	size_t i, k, np, again = 0;
	long bad = 0;
	int fd;

	/* the caller's open file (stdin too, when a regular file: `ipm-agg < big.csv`),
	 * never opened again by name: a FIFO would hang; unread so far */
	fd = lseek(fileno(fp), 0, SEEK_CUR) == 0 ? dup(fileno(fp)) : -1;
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || read_header(fd, &fmt, delim ? delim : ',', &hdr_len, &hdr_lines) != 0) {
		close(fd);
		return -1;
	}
	data = st.st_size - hdr_len;
	min_bytes = min_bytes < 1 ? 1 : min_bytes;
	n = n ? n : 1;
	/* PARTS_PER_THREAD parts a thread, none below min_bytes */
	np = n * PARTS_PER_THREAD;
	if (data / min_bytes + 1 < (long long)np)
		np = (size_t)(data / min_bytes + 1);
	n = n < np ? n : np;
	psize = data / (long long)np;
	memset(&q, 0, sizeof q);
	pthread_mutex_init(&q.mu, NULL);
	pthread_cond_init(&q.done, NULL);
	q.parts = ipm_calloc(np, sizeof *q.parts);
	q.np = np;
	q.sink = sink;
	for (i = 0; i < np; i++) {
		struct job *j = &q.parts[i];

		*j = (struct job){ .fd = fd, .fmt = fmt, .hdr_len = hdr_len, .hdr_lines = hdr_lines,
		                   .name = path, .delim = delim, .only = only, .nonly = nonly,
		                   .each = sink->each };
		j->start = i == 0 ? hdr_len : line_start(fd, hdr_len + psize * (long long)i, st.st_size);
		if (i > 0 && j->start < j[-1].start)
			j->start = j[-1].start;
	}
	for (i = 0; i < np; i++)
		q.parts[i].want = i + 1 < np ? q.parts[i + 1].start - q.parts[i].start : -1;
	tid = ipm_calloc(n, sizeof *tid);
	for (i = 0; i < n; i++)
		if (pthread_create(&tid[i], NULL, take_parts, &q) != 0)
			ipm_die(IPM_EXIT_DATA, "cannot start a thread");
	/* settle the parts in file order while the threads go on */
	for (i = 0, at = hdr_len; i < np; i++) {
		settle_part(&q, i, &at, st.st_size, &again);
		if (q.parts[i].blank)
			break;
		sink->merge(sink->result, q.parts[i].ctx);
		bad += replay_rejects(&q.parts[i], base, rj);
		base += q.parts[i].lines;
	}
	if (i < np) {   /* a blank line: later rows may have other columns */
		pthread_mutex_lock(&q.mu);
		q.next = np;
		pthread_mutex_unlock(&q.mu);
	}
	for (k = 0; k < n; k++)
		pthread_join(tid[k], NULL);
	if (i < np)
		bad += read_rest(&q, i, base, rj);
	if (reread)
		*reread = again;
	pthread_mutex_destroy(&q.mu);
	pthread_cond_destroy(&q.done);
	free(q.parts);
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
