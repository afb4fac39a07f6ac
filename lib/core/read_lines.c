/* read_lines: the readers' line source, over a FILE, a part of a file read
 * with pread, or memory. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rec_impl.h"
#include "util.h"

void lsrc_init(struct lsrc *s, FILE *fp)
{
	struct stat st;
	int fd = fileno(fp);

	s->fp = fp;
	s->linewise = fd >= 0 && fstat(fd, &st) == 0 && !S_ISREG(st.st_mode);
}

/* Room for at least want more bytes and a '\n' after them. */
static void lsrc_room(struct lsrc *s, size_t want)
{
	if (s->beg > 0) {   /* keep the partial line at the front */
		memmove(s->b, s->b + s->beg, s->end - s->beg);
		s->end -= s->beg;
		s->beg = 0;
	}
	while (s->cap < s->end + want + 1) {
		s->cap = s->cap ? s->cap * 2 : LSRC_BLOCK;
		s->b = ipm_realloc(s->b, s->cap);
	}
}

/* Read more: bytes added, 0 at end of input, -1 on a read error. */
static ssize_t lsrc_fill(struct lsrc *s)
{
	ssize_t got;
	size_t n;

	if (!s->fp) {   /* a part of a file: the header, then from start on */
		lsrc_room(s, LSRC_BLOCK / 2);
		n = s->cap - 1 - s->end;
		if (s->pos < s->hdr_len && (long long)n > s->hdr_len - s->pos)
			n = (size_t)(s->hdr_len - s->pos);
		do
			got = pread(s->fd, s->b + s->end, n, s->pos);
		while (got < 0 && errno == EINTR);
		if (got < 0)
			return -1;
		if ((s->pos += got) == s->hdr_len)
			s->pos = s->start;
		if (got == 0 && s->pos < s->hdr_len)
			return -1;   /* the file shrank under us */
	} else {
		lsrc_room(s, s->end - s->beg < LSRC_BLOCK / 2 ? LSRC_BLOCK / 2 : s->end - s->beg);
		got = (ssize_t)fread(s->b + s->end, 1, s->cap - 1 - s->end, s->fp);
		if (got == 0 && ferror(s->fp))
			return -1;
	}
	s->end += (size_t)got;
	return got;
}

/* Next line, without its '\n' but always followed by one in the buffer (one
 * is added after a last line that lacks it): 1, 0 at end, -1 on read error. */
int lsrc_next(struct lsrc *s, char **line, size_t *len)
{
	char *nl;
	ssize_t got;

	if (s->linewise) {   /* getline's own buffer: NULs kept, a NUL slot after the line */
		if ((got = getline(&s->lb, &s->lbcap, s->fp)) < 0)
			return ferror(s->fp) ? -1 : 0;
		*line = s->lb;
		*len = s->lb[got - 1] == '\n' ? (size_t)got - 1 : (size_t)got;
		s->lb[*len] = '\n';
		s->used += got;
		return 1;
	}
	for (;;) {
		nl = s->end > s->beg ? memchr(s->b + s->beg, '\n', s->end - s->beg) : NULL;
		if (nl) {
			*line = s->b + s->beg;
			*len = (size_t)(nl - *line);
			s->beg = (size_t)(nl + 1 - s->b);
			s->used += (long long)*len + 1;
			return 1;
		}
		if (s->eof) {
			if (s->beg == s->end)
				return 0;
			*line = s->b + s->beg;
			*len = s->end - s->beg;
			s->b[s->end] = '\n';   /* lsrc_fill kept room for it */
			s->beg = s->end;
			s->used += (long long)*len;
			return 1;
		}
		if ((got = lsrc_fill(s)) < 0)
			return -1;
		s->eof = got == 0;
	}
}

