#include "lines.h"

#include <stdlib.h>
#include <string.h>

#include "core/util.h"

/* A queue of lookahead lines in a ring of growable buffers. */
struct ipm_lines {
	FILE *fp;
	const char *mem;        /* memory source, or NULL */
	size_t mlen, mpos;
	const char *name;
	ipm_buf *q;             /* ring of nq buffers */
	long *qline;
	size_t nq, head, count; /* count lines queued from head */
	ipm_buf cur;            /* the line handed out by next() */
	long lineno, readno;    /* last returned / last read */
	int eof, err;
};

ipm_lines *ipm_lines_open(FILE *fp, const char *name)
{
	ipm_lines *ls = ipm_calloc(1, sizeof *ls);

	ls->fp = fp;
	ls->name = name && strcmp(name, "-") != 0 ? name : "<stdin>";
	return ls;
}

ipm_lines *ipm_lines_mem(const char *buf, size_t len, const char *name)
{
	ipm_lines *ls = ipm_lines_open(NULL, name);

	ls->mem = buf ? buf : "";
	ls->mlen = buf ? len : 0;
	return ls;
}

static int read_mem(ipm_lines *ls, ipm_buf *b)
{
	const char *p, *e;

	ipm_buf_clear(b);
	if (ls->mpos >= ls->mlen)
		return 0;
	p = ls->mem + ls->mpos;
	e = memchr(p, '\n', ls->mlen - ls->mpos);
	if (!e)
		e = ls->mem + ls->mlen;
	ipm_buf_add(b, p, (size_t)(e - p));
	ls->mpos = (size_t)(e - ls->mem) + (e < ls->mem + ls->mlen);
	return 1;
}

/* Read one raw line into b: 1, 0 at EOF, -1 on error. */
static int read_raw(ipm_lines *ls, ipm_buf *b)
{
	int rc;

	if (ls->eof)
		return ls->err ? -1 : 0;
	rc = ls->mem ? read_mem(ls, b) : ipm_getline(ls->fp, b);
	if (rc <= 0) {
		ls->eof = 1;
		ls->err = rc < 0;
		if (rc < 0)
			ipm_err(ls->name, ls->readno + 1, "read error:");
		return rc;
	}
	if (!b->s)
		ipm_buf_add(b, "", 0);
	if (b->len && b->s[b->len - 1] == '\r')
		b->s[--b->len] = '\0';
	ls->readno++;
	return 1;
}

static void grow(ipm_lines *ls)
{
	size_t n = ls->nq ? ls->nq * 2 : 4, i;
	ipm_buf *q = ipm_calloc(n, sizeof *q);
	long *ql = ipm_calloc(n, sizeof *ql);

	for (i = 0; i < ls->count; i++) {
		q[i] = ls->q[(ls->head + i) % ls->nq];
		ql[i] = ls->qline[(ls->head + i) % ls->nq];
	}
	for (; i < ls->nq; i++)   /* keep the unused buffers' memory too */
		q[i] = ls->q[(ls->head + i) % ls->nq];
	free(ls->q);
	free(ls->qline);
	ls->q = q;
	ls->qline = ql;
	ls->nq = n;
	ls->head = 0;
}

int ipm_lines_peek(ipm_lines *ls, size_t k, const char **s, size_t *len, long *lineno)
{
	size_t slot;
	int rc;

	while (ls->count <= k) {
		if (ls->count == ls->nq)
			grow(ls);
		slot = (ls->head + ls->count) % ls->nq;
		rc = read_raw(ls, &ls->q[slot]);
		if (rc <= 0)
			return rc;
		ls->qline[slot] = ls->readno;
		ls->count++;
	}
	slot = (ls->head + k) % ls->nq;
	*s = ls->q[slot].s;
	*len = ls->q[slot].len;
	if (lineno)
		*lineno = ls->qline[slot];
	return 1;
}

int ipm_lines_next(ipm_lines *ls, const char **s, size_t *len)
{
	ipm_buf tmp;
	int rc;

	if (ls->count) {
		/* swap the queued buffer with cur so no copy is made */
		tmp = ls->cur;
		ls->cur = ls->q[ls->head];
		ls->q[ls->head] = tmp;
		ls->lineno = ls->qline[ls->head];
		ls->head = (ls->head + 1) % ls->nq;
		ls->count--;
	} else {
		rc = read_raw(ls, &ls->cur);
		if (rc <= 0)
			return rc;
		ls->lineno = ls->readno;
	}
	*s = ls->cur.s;
	*len = ls->cur.len;
	return 1;
}

long ipm_lines_lineno(const ipm_lines *ls)
{
	return ls->lineno;
}

const char *ipm_lines_name(const ipm_lines *ls)
{
	return ls->name;
}

void ipm_lines_close(ipm_lines *ls)
{
	size_t i;

	if (!ls)
		return;
	for (i = 0; i < ls->nq; i++)
		ipm_buf_free(&ls->q[i]);
	free(ls->q);
	free(ls->qline);
	ipm_buf_free(&ls->cur);
	free(ls);
}
