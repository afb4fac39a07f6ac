#include "rec.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csv.h>
#include <yajl/yajl_gen.h>
#include <yajl/yajl_parse.h>

#include "utf8.h"
#include "util.h"

/* ---------------------------------------------------------------- arena */

struct chunk {
	struct chunk *next;
	size_t cap, used;
	char data[];
};

struct arena {
	struct chunk *head;
};

static void *arena_alloc(struct arena *a, size_t n)
{
	struct chunk *c = a->head;
	size_t cap;

	n = (n + 7) & ~(size_t)7;
	if (!c || c->cap - c->used < n) {
		cap = c ? c->cap * 2 : 4096;
		while (cap < n)
			cap *= 2;
		c = ipm_malloc(sizeof *c + cap);
		c->cap = cap;
		c->used = 0;
		c->next = a->head;
		a->head = c;
	}
	c->used += n;
	return c->data + c->used - n;
}

/* Keep only the newest (largest) chunk so a reused record stops allocating. */
static void arena_reset(struct arena *a)
{
	struct chunk *c, *next;

	if (!a->head)
		return;
	for (c = a->head->next; c; c = next) {
		next = c->next;
		free(c);
	}
	a->head->next = NULL;
	a->head->used = 0;
}

static void arena_free(struct arena *a)
{
	struct chunk *c, *next;

	for (c = a->head; c; c = next) {
		next = c->next;
		free(c);
	}
	a->head = NULL;
}

static char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* --------------------------------------------------------------- record */

struct field {
	const char *key;
	uint32_t h;            /* key_hash(key): find compares it before strcmp */
	ipm_val v;
};

struct ipm_rec {
	struct field *f;
	size_t n, cap;
	struct arena a;
	const char *file;
	long line;
};

ipm_rec *ipm_rec_new(void)
{
	return ipm_calloc(1, sizeof(ipm_rec));
}

void ipm_rec_clear(ipm_rec *r)
{
	r->n = 0;
	r->file = NULL;
	r->line = 0;
	arena_reset(&r->a);
}

void ipm_rec_free(ipm_rec *r)
{
	if (!r)
		return;
	arena_free(&r->a);
	free(r->f);
	free(r);
}

void ipm_rec_set_pos(ipm_rec *r, const char *file, long line)
{
	r->file = file ? arena_strndup(&r->a, file, strlen(file)) : NULL;
	r->line = line;
}

const char *ipm_rec_file(const ipm_rec *r) { return r->file; }
long ipm_rec_line(const ipm_rec *r) { return r->line; }
size_t ipm_rec_nfields(const ipm_rec *r) { return r->n; }
const char *ipm_rec_key(const ipm_rec *r, size_t i) { return i < r->n ? r->f[i].key : NULL; }
const ipm_val *ipm_rec_val(const ipm_rec *r, size_t i) { return i < r->n ? &r->f[i].v : NULL; }

/* FNV-1a of a key and its length folded in; *lenp receives strlen(key). */
static uint32_t key_hash(const char *key, size_t *lenp)
{
	const unsigned char *p = (const unsigned char *)key;
	uint32_t h = 2166136261u;

	while (*p)
		h = (h ^ *p++) * 16777619u;
	if (lenp)
		*lenp = (size_t)(p - (const unsigned char *)key);
	return h;
}

static struct field *find_h(const ipm_rec *r, const char *key, uint32_t h)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (r->f[i].h == h && strcmp(r->f[i].key, key) == 0)
			return &r->f[i];
	return NULL;
}

static struct field *find(const ipm_rec *r, const char *key)
{
	return find_h(r, key, key_hash(key, NULL));
}

const ipm_val *ipm_rec_get(const ipm_rec *r, const char *key)
{
	struct field *f = find(r, key);

	return f ? &f->v : NULL;
}

const char *ipm_rec_str(const ipm_rec *r, const char *key)
{
	const ipm_val *v = ipm_rec_get(r, key);

	if (!v || !(v->t == IPM_V_STR || v->t == IPM_V_NUM || v->t == IPM_V_BOOL))
		return NULL;
	return v->s;
}

long ipm_rec_long(const ipm_rec *r, const char *key, long def)
{
	const char *s = ipm_rec_str(r, key);
	long v;

	if (!s || ipm_parse_long(s, LONG_MIN, LONG_MAX, &v) != 0)
		return def;
	return v;
}

const ipm_val *ipm_rec_get_hinted(const ipm_rec *r, const char *key, ipm_rec_hint *hint)
{
	struct field *f;

	/* the same key string (a CSV header name) or an equal one (keys copied
	 * into a reused record can reappear at an old address with new text) */
	if (hint->pos < r->n && (f = &r->f[hint->pos], strcmp(f->key, key) == 0))
		return &f->v;
	if (!(f = find(r, key)))
		return NULL;
	hint->pos = (size_t)(f - r->f);
	return &f->v;
}

size_t ipm_rec_list(const ipm_rec *r, const char *key, const char **items,
                    size_t *lens, size_t max)
{
	return ipm_val_list(ipm_rec_get(r, key), items, lens, max);
}

size_t ipm_val_list(const ipm_val *v, const char **items, size_t *lens, size_t max)
{
	const char *p, *e, *semi;
	size_t n = 0, i;

	if (!v)
		return 0;
	switch (v->t) {
	case IPM_V_ARR:
		for (i = 0; i < v->n; i++, n++)
			if (n < max) {
				items[n] = v->items[i];
				lens[n] = v->ilen[i];
			}
		return n;
	case IPM_V_STR:
		if (v->len == 0)
			return 0;
		for (p = v->s, e = v->s + v->len;; p = semi + 1, n++) {
			semi = memchr(p, ';', (size_t)(e - p));
			if (n < max) {
				items[n] = p;
				lens[n] = (size_t)((semi ? semi : e) - p);
			}
			if (!semi)
				return n + 1;
		}
	case IPM_V_NUM:
	case IPM_V_BOOL:
		if (max > 0) {
			items[0] = v->s;
			lens[0] = v->len;
		}
		return 1;
	default:
		return 0;
	}
}

/* Find or append the field for key; its value is reset to null. */
static struct field *slot(ipm_rec *r, const char *key)
{
	size_t klen;
	uint32_t h = key_hash(key, &klen);
	struct field *f = find_h(r, key, h);

	if (!f) {
		if (r->n == r->cap) {
			r->cap = r->cap ? r->cap * 2 : 16;
			r->f = ipm_realloc(r->f, r->cap * sizeof *r->f);
		}
		f = &r->f[r->n++];
		f->key = arena_strndup(&r->a, key, klen);
		f->h = h;
	}
	memset(&f->v, 0, sizeof f->v);
	return f;
}

static void set_text(ipm_rec *r, const char *key, enum ipm_vt t, const char *s, size_t len)
{
	struct field *f = slot(r, key);

	f->v.t = t;
	f->v.s = arena_strndup(&r->a, s, len);
	f->v.len = len;
}

void ipm_rec_set_null(ipm_rec *r, const char *key) { slot(r, key); }

void ipm_rec_set_str(ipm_rec *r, const char *key, const char *s, size_t len)
{
	set_text(r, key, IPM_V_STR, s ? s : "", s ? len : 0);
}

void ipm_rec_set_cstr(ipm_rec *r, const char *key, const char *s)
{
	if (!s)
		ipm_rec_set_null(r, key);
	else
		set_text(r, key, IPM_V_STR, s, strlen(s));
}

void ipm_rec_set_long(ipm_rec *r, const char *key, long v)
{
	char tmp[32];
	int n = snprintf(tmp, sizeof tmp, "%ld", v);

	set_text(r, key, IPM_V_NUM, tmp, (size_t)n);
}

void ipm_rec_set_double(ipm_rec *r, const char *key, double v)
{
	char tmp[64];
	int n;

	if (!isfinite(v)) {
		ipm_rec_set_null(r, key);
		return;
	}
	n = snprintf(tmp, sizeof tmp, "%.15g", v);
	set_text(r, key, IPM_V_NUM, tmp, (size_t)n);
}

void ipm_rec_set_bool(ipm_rec *r, const char *key, int v)
{
	set_text(r, key, IPM_V_BOOL, v ? "true" : "false", v ? 4 : 5);
}

void ipm_rec_set_num_text(ipm_rec *r, const char *key, const char *s, size_t len)
{
	set_text(r, key, IPM_V_NUM, s, len);
}

void ipm_rec_set_raw(ipm_rec *r, const char *key, const char *json, size_t len)
{
	set_text(r, key, IPM_V_RAW, json, len);
}

void ipm_rec_set_arr(ipm_rec *r, const char *key, const char *const *items,
                     const size_t *lens, size_t n)
{
	const char **it = arena_alloc(&r->a, (n ? n : 1) * sizeof *it);
	size_t *ln = arena_alloc(&r->a, (n ? n : 1) * sizeof *ln);
	struct field *f;
	size_t i;

	for (i = 0; i < n; i++) {
		ln[i] = lens ? lens[i] : strlen(items[i]);
		it[i] = arena_strndup(&r->a, items[i], ln[i]);
	}
	f = slot(r, key);
	f->v.t = IPM_V_ARR;
	f->v.items = it;
	f->v.ilen = ln;
	f->v.n = n;
}

void ipm_rec_arr_push(ipm_rec *r, const char *key, const char *s, size_t len)
{
	struct field *f = find(r, key);
	const char **it;
	size_t *ln, n = 0;

	if (f && f->v.t == IPM_V_ARR)
		n = f->v.n;
	/* arrays are rebuilt on push: arena memory is reclaimed at clear */
	it = arena_alloc(&r->a, (n + 1) * sizeof *it);
	ln = arena_alloc(&r->a, (n + 1) * sizeof *ln);
	if (n) {
		memcpy(it, f->v.items, n * sizeof *it);
		memcpy(ln, f->v.ilen, n * sizeof *ln);
	}
	it[n] = arena_strndup(&r->a, s, len);
	ln[n] = len;
	if (!f)
		f = slot(r, key);
	f->v.t = IPM_V_ARR;
	f->v.items = it;
	f->v.ilen = ln;
	f->v.n = n + 1;
	f->v.s = NULL;
	f->v.len = 0;
}

void ipm_rec_del(ipm_rec *r, const char *key)
{
	struct field *f = find(r, key);

	if (!f)
		return;
	memmove(f, f + 1, (size_t)(r->f + r->n - (f + 1)) * sizeof *f);
	r->n--;
}

void ipm_rec_copy(ipm_rec *dst, const ipm_rec *src)
{
	size_t i;
	const ipm_val *v;

	if (dst == src)
		return;
	ipm_rec_clear(dst);
	for (i = 0; i < src->n; i++) {
		v = &src->f[i].v;
		if (v->t == IPM_V_ARR)
			ipm_rec_set_arr(dst, src->f[i].key, v->items, v->ilen, v->n);
		else if (v->t == IPM_V_NULL)
			ipm_rec_set_null(dst, src->f[i].key);
		else
			set_text(dst, src->f[i].key, v->t, v->s, v->len);
	}
	ipm_rec_set_pos(dst, src->file, src->line);
}

/* ------------------------------------------------------ JSON Lines read */

enum jmode { J_TOP, J_ARRAY, J_RAW };

struct jctx {
	ipm_rec *rec;          /* record being built */
	int depth;             /* container depth, 1 = inside the record object */
	int bad_top;           /* a top-level value that is not an object */
	enum jmode mode;
	int raw_depth;         /* depth where raw capture started */
	ipm_buf key;           /* current key at depth 1 */
	yajl_gen g;            /* raw capture of nested values */
	ipm_buf arr;           /* collected array items, NUL-separated */
	size_t *aoff, *alen, an, acap;
	struct ipm_reader *rd; /* owner: its queue receives finished records */
};
static ipm_rec *queue_slot(struct ipm_reader *rd);
static void queue_done(struct ipm_reader *rd, ipm_rec *rec);

static void arr_add(struct jctx *j, const char *s, size_t len)
{
	if (j->an == j->acap) {
		j->acap = j->acap ? j->acap * 2 : 8;
		j->aoff = ipm_realloc(j->aoff, j->acap * sizeof *j->aoff);
		j->alen = ipm_realloc(j->alen, j->acap * sizeof *j->alen);
	}
	j->aoff[j->an] = j->arr.len;
	j->alen[j->an++] = len;
	ipm_buf_add(&j->arr, s, len);
	ipm_buf_addc(&j->arr, '\0');
}

static void raw_begin(struct jctx *j)
{
	yajl_gen_clear(j->g);
	yajl_gen_reset(j->g, NULL);
	j->mode = J_RAW;
}

/* A string array met a non-string: replay its items into the raw capture. */
static void array_to_raw(struct jctx *j)
{
	size_t i;

	raw_begin(j);
	j->raw_depth = 2;
	yajl_gen_array_open(j->g);
	for (i = 0; i < j->an; i++)
		yajl_gen_string(j->g, (const unsigned char *)j->arr.s + j->aoff[i], j->alen[i]);
}

static void raw_end(struct jctx *j)
{
	const unsigned char *buf;
	size_t len;

	yajl_gen_get_buf(j->g, &buf, &len);
	ipm_rec_set_raw(j->rec, j->key.s, (const char *)buf, len);
	j->mode = J_TOP;
}

/* Scalar at depth 1 (field value) or 2 (array item) or deeper (raw). */
static int scalar(struct jctx *j, enum ipm_vt t, const char *s, size_t len)
{
	if (j->depth == 0) {
		j->bad_top = 1;
		return 0;
	}
	if (j->mode == J_ARRAY && t != IPM_V_STR)
		array_to_raw(j);
	if (j->mode == J_RAW) {
		switch (t) {
		case IPM_V_NULL: yajl_gen_null(j->g); break;
		case IPM_V_BOOL: yajl_gen_bool(j->g, s[0] == 't'); break;
		case IPM_V_NUM: yajl_gen_number(j->g, s, len); break;
		default: yajl_gen_string(j->g, (const unsigned char *)s, len); break;
		}
		return 1;
	}
	if (j->mode == J_ARRAY) {
		arr_add(j, s, len);
		return 1;
	}
	switch (t) {
	case IPM_V_NULL: ipm_rec_set_null(j->rec, j->key.s); break;
	case IPM_V_STR: ipm_rec_set_str(j->rec, j->key.s, s, len); break;
	case IPM_V_NUM: ipm_rec_set_num_text(j->rec, j->key.s, s, len); break;
	case IPM_V_BOOL: ipm_rec_set_bool(j->rec, j->key.s, s[0] == 't'); break;
	default: break;
	}
	return 1;
}

static int cb_null(void *ctx) { return scalar(ctx, IPM_V_NULL, "null", 4); }
static int cb_bool(void *ctx, int b) { return scalar(ctx, IPM_V_BOOL, b ? "true" : "false", b ? 4 : 5); }
static int cb_number(void *ctx, const char *s, size_t len) { return scalar(ctx, IPM_V_NUM, s, len); }
static int cb_string(void *ctx, const unsigned char *s, size_t len) { return scalar(ctx, IPM_V_STR, (const char *)s, len); }

static int cb_start_map(void *ctx)
{
	struct jctx *j = ctx;

	if (j->depth == 0) {
		j->rec = queue_slot(j->rd);
		ipm_rec_clear(j->rec);
	} else if (j->mode == J_TOP) {
		raw_begin(j);
		j->raw_depth = j->depth + 1;
		yajl_gen_map_open(j->g);
	} else {
		if (j->mode == J_ARRAY)
			array_to_raw(j);
		yajl_gen_map_open(j->g);
	}
	j->depth++;
	return 1;
}

static int cb_map_key(void *ctx, const unsigned char *s, size_t len)
{
	struct jctx *j = ctx;

	if (j->depth == 1) {
		ipm_buf_clear(&j->key);
		/* keys with NUL bytes are cut at the NUL: keys are C strings */
		ipm_buf_add(&j->key, s, strnlen((const char *)s, len));
		return 1;
	}
	yajl_gen_string(j->g, s, len);
	return 1;
}

static int cb_end_map(void *ctx)
{
	struct jctx *j = ctx;

	j->depth--;
	if (j->depth == 0) {
		queue_done(j->rd, j->rec);
		return 1;
	}
	yajl_gen_map_close(j->g);
	if (j->mode == J_RAW && j->depth + 1 == j->raw_depth)
		raw_end(j);
	return 1;
}

static int cb_start_array(void *ctx)
{
	struct jctx *j = ctx;

	if (j->depth == 0) {
		j->bad_top = 1;
		return 0;
	}
	if (j->depth == 1) {
		j->mode = J_ARRAY;
		j->an = 0;
		ipm_buf_clear(&j->arr);
	} else {
		if (j->mode == J_ARRAY)
			array_to_raw(j);
		yajl_gen_array_open(j->g);
	}
	j->depth++;
	return 1;
}

static int cb_end_array(void *ctx)
{
	struct jctx *j = ctx;
	const char **items;
	size_t i;

	j->depth--;
	if (j->mode == J_ARRAY && j->depth == 1) {
		items = ipm_malloc((j->an ? j->an : 1) * sizeof *items);
		for (i = 0; i < j->an; i++)
			items[i] = j->arr.s + j->aoff[i];
		ipm_rec_set_arr(j->rec, j->key.s, items, j->alen, j->an);
		free(items);
		j->mode = J_TOP;
		return 1;
	}
	yajl_gen_array_close(j->g);
	if (j->mode == J_RAW && j->depth + 1 == j->raw_depth)
		raw_end(j);
	return 1;
}

static const yajl_callbacks jcallbacks = {
	cb_null, cb_bool, NULL, NULL, cb_number, cb_string,
	cb_start_map, cb_map_key, cb_end_map, cb_start_array, cb_end_array
};

/* ----------------------------------------------------------- CSV read */

struct cctx {
	ipm_buf fields;        /* current row, NUL-separated */
	size_t *off, *len, n, cap;
	unsigned char *isnull;
	int rows;              /* rows completed since last take */
	unsigned char *keep;   /* per header column: stored (ipm_reader_only); NULL: all */
	size_t nkeep;
};

static void ccb_field(void *s, size_t len, void *data)
{
	struct cctx *c = data;

	if (c->keep && (c->n >= c->nkeep || !c->keep[c->n])) {
		c->n++;   /* parsed and counted, not stored (nor read: see csv_take_row) */
		return;
	}
	if (c->n >= c->cap) {
		c->cap = c->n + 16;
		c->off = ipm_realloc(c->off, c->cap * sizeof *c->off);
		c->len = ipm_realloc(c->len, c->cap * sizeof *c->len);
		c->isnull = ipm_realloc(c->isnull, c->cap);
	}
	c->off[c->n] = c->fields.len;
	c->len[c->n] = s ? len : 0;
	c->isnull[c->n] = s == NULL;
	c->n++;
	len = s ? len : 0;
	ipm_buf_reserve(&c->fields, len + 1);   /* one reserve per field: a hot path */
	if (len)
		memcpy(c->fields.s + c->fields.len, s, len);
	c->fields.len += len;
	c->fields.s[c->fields.len++] = '\0';
}

static void ccb_row(int ch, void *data)
{
	struct cctx *c = data;

	(void)ch;
	c->rows++;
}

/* -------------------------------------------------------- line source */

/* Input lines as views into one block buffer, so a line costs no copy: the
 * buffer holds whole lines and grows only for a line longer than itself.
 * Blocks are read with fread, which starts with what the FILE already holds
 * (a caller may have peeked); for a pipe or terminal, which fread would wait
 * on until a block is full, lines are read one at a time instead, so records
 * flow as they come. */
#define LSRC_BLOCK (256 << 10)

struct lsrc {
	FILE *fp;              /* NULL: read fd with pread (a part of a file), or memory when fd < 0 */
	int fd;
	int mem;               /* b is the caller's buffer, all of the input */
	long long pos, hdr_len, start;   /* fd: next offset; [0, hdr_len) then from start */
	long long used;        /* bytes of the lines handed out */
	int linewise;          /* a pipe or terminal: getline, one line at a time */
	char *lb;              /* getline's buffer */
	size_t lbcap;
	char *b;
	size_t cap, beg, end;
	int eof;
};

static void lsrc_init(struct lsrc *s, FILE *fp)
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
static int lsrc_next(struct lsrc *s, char **line, size_t *len)
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

/* ------------------------------------------------------------- reader */

struct ipm_reader {
	char *name;
	enum ipm_fmt fmt;
	char delim;
	long lineno;
	struct lsrc src;
	char *ls;              /* the current line (a view into src), its length */
	size_t llen;
	size_t nbad;
	int eof;
	void (*on_reject)(void *, const char *, long, const char *, const char *, size_t);
	void *reject_ctx;
	/* JSON */
	yajl_handle yh;
	struct jctx j;
	ipm_rec **q;           /* completed records, q[qhead..qn) */
	size_t qhead, qn, qcap;
	/* CSV */
	struct csv_parser cp;
	int cp_live;
	struct cctx c;
	char **hdr;
	uint32_t *hdr_h;       /* key_hash of each header name, once */
	size_t nhdr;
	char **only;           /* ipm_reader_only: the columns to keep */
	size_t nonly;
	size_t *cols, ncols;   /* the header columns rows store, in order */
	long row_line;         /* line where the current CSV row began */
	long long stop;        /* ipm_reader_stop_after: bytes past the header; -1: none */
	int quiet;             /* a part reader: rejects go to the hook only */
	ipm_rec *crec;
	int hdr_unique;        /* no repeated header name: rows take the fast path */
	ipm_buf pending;       /* CSV text of the row in progress, for rejects */
};

static void reject(ipm_reader *rd, long line, const char *reason, const char *text, size_t len)
{
	rd->nbad++;
	if (!rd->quiet)
		ipm_err(rd->name, line, "%s", reason);
	if (rd->on_reject)
		rd->on_reject(rd->reject_ctx, rd->name, line, reason, text, len);
}

static void json_handle_new(ipm_reader *rd)
{
	if (rd->yh)
		yajl_free(rd->yh);
	rd->yh = yajl_alloc(&jcallbacks, NULL, &rd->j);
	if (!rd->yh)
		ipm_die(IPM_EXIT_DATA, "out of memory");
	yajl_config(rd->yh, yajl_allow_multiple_values, 1);
	rd->j.depth = 0;
	rd->j.mode = J_TOP;
	rd->j.bad_top = 0;
	rd->j.rd = rd;
}

static void csv_parser_new(ipm_reader *rd)
{
	if (rd->cp_live)
		csv_free(&rd->cp);
	if (csv_init(&rd->cp, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL) != 0)
		ipm_die(IPM_EXIT_DATA, "out of memory");
	csv_set_delim(&rd->cp, (unsigned char)rd->delim);
	csv_set_space_func(&rd->cp, NULL);
	rd->cp_live = 1;
	rd->c.n = 0;
	rd->c.rows = 0;
	ipm_buf_clear(&rd->c.fields);
}

static int is_blank(const char *s, size_t n)
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

/* Between records: no CSV row is half read (a blank line may be pending). */
static int at_row_start(const ipm_reader *rd)
{
	return rd->fmt != IPM_FMT_CSV ||
	       (rd->c.n == 0 && is_blank(rd->pending.s, rd->pending.len));
}

enum ipm_fmt ipm_reader_fmt(const ipm_reader *rd) { return rd->fmt; }
size_t ipm_reader_nbad(const ipm_reader *rd) { return rd->nbad; }
const char *ipm_reader_name(const ipm_reader *rd) { return rd->name; }
void ipm_reader_set_lineno(ipm_reader *rd, long n) { rd->lineno = n; }

void ipm_reader_on_reject(ipm_reader *rd,
	void (*fn)(void *, const char *, long, const char *, const char *, size_t), void *ctx)
{
	rd->on_reject = fn;
	rd->reject_ctx = ctx;
}

static ipm_rec *queue_slot(struct ipm_reader *rd)
{
	if (rd->qhead == rd->qn)
		rd->qhead = rd->qn = 0;
	if (rd->qn == rd->qcap) {
		rd->q = ipm_realloc(rd->q, (rd->qcap + 4) * sizeof *rd->q);
		memset(rd->q + rd->qcap, 0, 4 * sizeof *rd->q);
		rd->qcap += 4;
	}
	if (!rd->q[rd->qn])
		rd->q[rd->qn] = ipm_rec_new();
	return rd->q[rd->qn];
}

/* A reader's record names the reader's file without a copy: the name lives
 * as long as the records the reader hands out (ipm_rec_copy copies it). */
static void set_pos_borrowed(ipm_rec *r, const char *file, long line)
{
	r->file = file;
	r->line = line;
}

static void queue_done(struct ipm_reader *rd, ipm_rec *rec)
{
	set_pos_borrowed(rec, rd->name, rd->lineno);
	rd->qn++;
}

/* Feed one line to yajl; each object completed on it is queued by the
 * callbacks (a line may hold several). A bad line is rejected whole. */
static void json_line(ipm_reader *rd)
{
	const unsigned char *p = (const unsigned char *)rd->ls;
	size_t len = rd->llen;
	yajl_status st;
	unsigned char *msg;
	char reason[256];

	if (!rd->yh)
		json_handle_new(rd);
	/* yajl takes form feed as white space; JSON does not, and a raw 0x0C is
	 * invalid inside strings too, so any such byte makes the line invalid */
	if (memchr(p, '\f', len)) {
		reject(rd, rd->lineno, "invalid JSON: form feed outside a string", rd->ls, len);
		return;
	}
	st = yajl_parse(rd->yh, p, len);
	if (st == yajl_status_ok)
		st = yajl_complete_parse(rd->yh);
	if (st == yajl_status_ok)
		return;
	if (rd->j.bad_top) {
		snprintf(reason, sizeof reason, "expected a JSON object per line");
	} else {
		msg = yajl_get_error(rd->yh, 0, p, len);
		snprintf(reason, sizeof reason, "invalid JSON: %s", msg ? (char *)msg : "parse error");
		reason[strcspn(reason, "\n")] = '\0';   /* yajl's message ends in a newline */
		if (msg)
			yajl_free_error(rd->yh, msg);
	}
	reject(rd, rd->lineno, reason, rd->ls, rd->llen);
	json_handle_new(rd);
}

/* Fast path for CSV rows: append a field without the duplicate-key search
 * and without copying. key is the reader's header name and s points into the
 * reader's row buffer: both live until the next ipm_reader_next() call, which
 * is as long as the reader's record is valid. */
static void append_borrowed(ipm_rec *r, const char *key, uint32_t h, const char *s, size_t len, int isnull)
{
	struct field *f;

	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->f = ipm_realloc(r->f, r->cap * sizeof *r->f);
	}
	f = &r->f[r->n++];
	memset(&f->v, 0, sizeof f->v);
	f->key = key;
	f->h = h;
	if (!isnull) {
		f->v.t = IPM_V_STR;
		f->v.s = s;
		f->v.len = len;
	}
}

/* After the header: which columns ipm_reader_only() keeps. */
static void keep_columns(ipm_reader *rd)
{
	size_t i, k;

	rd->cols = ipm_malloc((rd->nhdr ? rd->nhdr : 1) * sizeof *rd->cols);
	rd->ncols = 0;
	if (rd->nonly) {
		rd->c.keep = ipm_calloc(rd->nhdr ? rd->nhdr : 1, 1);
		rd->c.nkeep = rd->nhdr;
	}
	for (i = 0; i < rd->nhdr; i++) {
		for (k = 0; k < rd->nonly && !rd->c.keep[i]; k++)
			rd->c.keep[i] = strcmp(rd->hdr[i], rd->only[k]) == 0;
		if (!rd->nonly || rd->c.keep[i])
			rd->cols[rd->ncols++] = i;
	}
}

void ipm_reader_only(ipm_reader *rd, const char *const *names, size_t n)
{
	size_t i;

	rd->only = ipm_malloc((n ? n : 1) * sizeof *rd->only);
	for (i = 0; i < n; i++)
		rd->only[i] = ipm_strndup(names[i], strlen(names[i]));
	rd->nonly = n;
}

static int csv_take_row(ipm_reader *rd, int header)
{
	struct cctx *c = &rd->c;
	size_t i, j, k;
	char reason[128];

	if (header) {
		rd->hdr = ipm_malloc((c->n ? c->n : 1) * sizeof *rd->hdr);
		rd->hdr_h = ipm_malloc((c->n ? c->n : 1) * sizeof *rd->hdr_h);
		rd->nhdr = c->n;
		rd->hdr_unique = 1;
		for (i = 0; i < c->n; i++) {
			rd->hdr[i] = ipm_strndup(c->fields.s + c->off[i], c->len[i]);
			rd->hdr_h[i] = key_hash(rd->hdr[i], NULL);
			for (j = 0; j < i; j++)
				if (strcmp(rd->hdr[i], rd->hdr[j]) == 0)
					rd->hdr_unique = 0;
		}
		keep_columns(rd);
		return 0;
	}
	if (c->n != rd->nhdr) {
		snprintf(reason, sizeof reason, "wrong number of fields (%zu, header has %zu)", c->n, rd->nhdr);
		if (rd->pending.len)
			reject(rd, rd->row_line, reason, rd->pending.s, rd->pending.len);
		else   /* a one-line row, with its '\n' (at EOF llen is 0, pending is not) */
			reject(rd, rd->row_line, reason, rd->ls, rd->llen + (rd->llen > 0));
		return 0;
	}
	ipm_rec_clear(rd->crec);
	for (k = 0; k < rd->ncols && rd->hdr_unique; k++) {
		i = rd->cols[k];
		append_borrowed(rd->crec, rd->hdr[i], rd->hdr_h[i], c->fields.s + c->off[i], c->len[i], c->isnull[i]);
	}
	for (k = 0; k < rd->ncols && !rd->hdr_unique; k++) {
		i = rd->cols[k];
		if (c->isnull[i])
			ipm_rec_set_null(rd->crec, rd->hdr[i]);
		else
			ipm_rec_set_str(rd->crec, rd->hdr[i], c->fields.s + c->off[i], c->len[i]);
	}
	set_pos_borrowed(rd->crec, rd->name, rd->row_line);
	return 1;
}

/* Feed one line to libcsv; returns 1 when a data row completed. */
static int csv_line(ipm_reader *rd, int at_eof)
{
	size_t n, len;
	char reason[160];
	int got = 0;

	if (!rd->cp_live)
		csv_parser_new(rd);
	if (rd->c.n == 0 && rd->pending.len == 0)
		rd->row_line = rd->lineno;
	if (!at_eof) {
		len = rd->llen + 1;   /* the line with its '\n' (see lsrc_next) */
		n = csv_parse(&rd->cp, rd->ls, len, ccb_field, ccb_row, &rd->c);
		/* pending keeps the earlier lines of a row only: most rows are one line */
		if (n < len || rd->c.rows == 0 || rd->pending.len)
			ipm_buf_add(&rd->pending, rd->ls, len);
		if (n < len) {
			snprintf(reason, sizeof reason, "malformed CSV: %s", csv_strerror(csv_error(&rd->cp)));
			reject(rd, rd->row_line, reason, rd->pending.s, rd->pending.len);
			csv_parser_new(rd);
			ipm_buf_clear(&rd->pending);
			return 0;
		}
	} else if (csv_fini(&rd->cp, ccb_field, ccb_row, &rd->c) != 0) {
		snprintf(reason, sizeof reason, "malformed CSV: unterminated quoted field");
		reject(rd, rd->row_line, reason, rd->pending.s, rd->pending.len);
		rd->c.n = 0;
		rd->c.rows = 0;
		ipm_buf_clear(&rd->pending);
		return 0;
	}
	if (rd->c.rows) {
		got = csv_take_row(rd, rd->hdr == NULL);
		rd->c.n = 0;
		rd->c.rows = 0;
		/* not ipm_buf_clear: the returned record borrows these bytes */
		rd->c.fields.len = 0;
		ipm_buf_clear(&rd->pending);
	}
	return got;
}

/* A UTF-8 byte order mark at the start of the first line is dropped. */
static void skip_bom(ipm_reader *rd)
{
	if (rd->lineno == 1 && rd->llen >= 3 && memcmp(rd->ls, "\xEF\xBB\xBF", 3) == 0) {
		rd->ls += 3;
		rd->llen -= 3;
	}
}

/* JSON when the first non-blank line starts with '{' (after a BOM). */
static enum ipm_fmt sniff_line(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (len - i >= 3 && memcmp(s + i, "\xEF\xBB\xBF", 3) == 0)
		i += 3;
	return i < len && s[i] == '{' ? IPM_FMT_JSON : IPM_FMT_CSV;
}

enum ipm_fmt ipm_sniff(const char *buf, size_t len)
{
	const char *p = buf, *e = buf + len, *nl;

	for (; p < e; p = nl + 1) {
		if (!(nl = memchr(p, '\n', (size_t)(e - p))))
			nl = e;
		if (!is_blank(p, (size_t)(nl - p)))
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
		if (rd->stop >= 0 && ipm_reader_used(rd) >= rd->stop && at_row_start(rd)) {
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
			if (rd->fmt == IPM_FMT_CSV && rd->cp_live && csv_line(rd, 1)) {
				*out = rd->crec;
				return 1;
			}
			continue;
		}
		rd->lineno++;
		if (rd->fmt == IPM_FMT_AUTO) {
			if (is_blank(rd->ls, rd->llen))
				continue;
			rd->fmt = sniff_line(rd->ls, rd->llen);
		}
		skip_bom(rd);
		if (rd->fmt == IPM_FMT_JSON) {
			if (!is_blank(rd->ls, rd->llen))
				json_line(rd);
			continue;
		}
		if (csv_line(rd, 0)) {
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
	ipm_rec_free(rd->crec);
	if (!rd->src.mem)
		free(rd->src.b);
	free(rd->src.lb);
	ipm_buf_free(&rd->pending);
	free(rd->name);
	free(rd);
}

int ipm_json_validate(const char *buf, size_t len, char *err, size_t errlen)
{
	yajl_handle h = yajl_alloc(NULL, NULL, NULL);
	yajl_status st;
	unsigned char *msg;

	if (!h)
		ipm_die(IPM_EXIT_DATA, "out of memory");
	if (memchr(buf, '\f', len)) {   /* see json_line */
		if (err && errlen)
			snprintf(err, errlen, "form feed outside a string");
		yajl_free(h);
		return -1;
	}
	st = yajl_parse(h, (const unsigned char *)buf, len);
	if (st == yajl_status_ok)
		st = yajl_complete_parse(h);
	if (st != yajl_status_ok) {
		msg = yajl_get_error(h, 0, (const unsigned char *)buf, len);
		if (err && errlen) {
			snprintf(err, errlen, "%s", msg ? (char *)msg : "parse error");
			err[strcspn(err, "\n")] = '\0';
		}
		if (msg)
			yajl_free_error(h, msg);
		yajl_free(h);
		return -1;
	}
	yajl_free(h);
	return 0;
}

/* ------------------------------------------------------------- writer */

struct ipm_writer {
	FILE *fp;
	enum ipm_fmt fmt;
	char delim;
	yajl_gen g;
	char **cols;
	size_t ncols;
	int header_done;
	ipm_buf tmp, cell, quoted;
	char **warned;         /* keys dropped from CSV, warned once */
	size_t nwarned;
};

ipm_writer *ipm_writer_open(FILE *fp, enum ipm_fmt fmt, char delim,
                            const char *const *cols, size_t ncols)
{
	ipm_writer *w = ipm_calloc(1, sizeof *w);
	size_t i;

	w->fp = fp;
	w->fmt = fmt == IPM_FMT_CSV ? IPM_FMT_CSV : IPM_FMT_JSON;
	w->delim = delim ? delim : ',';
	if (w->fmt == IPM_FMT_JSON) {
		w->g = yajl_gen_alloc(NULL);
		if (!w->g)
			ipm_die(IPM_EXIT_DATA, "out of memory");
		/* no yajl_gen_validate_utf8: gen_string checks every string with the
		 * stricter ipm_utf8_valid_len, and raw values come through yajl's parser */
	}
	if (cols) {
		w->cols = ipm_malloc((ncols ? ncols : 1) * sizeof *w->cols);
		for (i = 0; i < ncols; i++)
			w->cols[i] = ipm_strndup(cols[i], strlen(cols[i]));
		w->ncols = ncols;
	}
	return w;
}

static void gen_string(ipm_writer *w, const char *s, size_t len)
{
	if (ipm_utf8_valid_len(s, len) == len) {
		yajl_gen_string(w->g, (const unsigned char *)s, len);
		return;
	}
	ipm_buf_clear(&w->tmp);
	ipm_utf8_sanitize(s, len, &w->tmp);
	yajl_gen_string(w->g, (const unsigned char *)w->tmp.s, w->tmp.len);
}

/* Re-emit a raw JSON value through a parser so the output is always valid. */
static int raw_cb_null(void *g) { return yajl_gen_null(g) == yajl_gen_status_ok; }
static int raw_cb_bool(void *g, int b) { return yajl_gen_bool(g, b) == yajl_gen_status_ok; }
static int raw_cb_num(void *g, const char *s, size_t l) { return yajl_gen_number(g, s, l) == yajl_gen_status_ok; }
static int raw_cb_str(void *g, const unsigned char *s, size_t l) { return yajl_gen_string(g, s, l) == yajl_gen_status_ok; }
static int raw_cb_mo(void *g) { return yajl_gen_map_open(g) == yajl_gen_status_ok; }
static int raw_cb_mc(void *g) { return yajl_gen_map_close(g) == yajl_gen_status_ok; }
static int raw_cb_ao(void *g) { return yajl_gen_array_open(g) == yajl_gen_status_ok; }
static int raw_cb_ac(void *g) { return yajl_gen_array_close(g) == yajl_gen_status_ok; }
static const yajl_callbacks raw_callbacks = {
	raw_cb_null, raw_cb_bool, NULL, NULL, raw_cb_num, raw_cb_str,
	raw_cb_mo, raw_cb_str, raw_cb_mc, raw_cb_ao, raw_cb_ac
};

static void gen_raw(ipm_writer *w, const char *s, size_t len)
{
	yajl_handle h = yajl_alloc(&raw_callbacks, NULL, w->g);
	yajl_status st;

	st = yajl_parse(h, (const unsigned char *)s, len);
	if (st == yajl_status_ok)
		st = yajl_complete_parse(h);
	yajl_free(h);
	if (st != yajl_status_ok)
		yajl_gen_null(w->g);   /* unreachable for raw values made by this library */
}

static void gen_num(ipm_writer *w, const char *s, size_t len)
{
	/* numbers set from CSV text might not be JSON numbers: write them as strings */
	if (ipm_json_validate(s, len, NULL, 0) == 0 && len && (s[0] == '-' || (s[0] >= '0' && s[0] <= '9')))
		yajl_gen_number(w->g, s, len);
	else
		gen_string(w, s, len);
}

static int put_json(ipm_writer *w, const ipm_rec *r)
{
	const unsigned char *buf;
	size_t i, k, len;
	const ipm_val *v;

	yajl_gen_map_open(w->g);
	for (i = 0; i < r->n; i++) {
		v = &r->f[i].v;
		gen_string(w, r->f[i].key, strlen(r->f[i].key));
		switch (v->t) {
		case IPM_V_NULL: yajl_gen_null(w->g); break;
		case IPM_V_BOOL: yajl_gen_bool(w->g, v->s[0] == 't'); break;
		case IPM_V_NUM: gen_num(w, v->s, v->len); break;
		case IPM_V_STR: gen_string(w, v->s, v->len); break;
		case IPM_V_RAW: gen_raw(w, v->s, v->len); break;
		case IPM_V_ARR:
			yajl_gen_array_open(w->g);
			for (k = 0; k < v->n; k++)
				gen_string(w, v->items[k], v->ilen[k]);
			yajl_gen_array_close(w->g);
			break;
		}
	}
	yajl_gen_map_close(w->g);
	yajl_gen_get_buf(w->g, &buf, &len);
	fwrite(buf, 1, len, w->fp);
	putc('\n', w->fp);
	yajl_gen_clear(w->g);
	yajl_gen_reset(w->g, NULL);
	return ferror(w->fp) ? -1 : 0;
}

/* Quote only when needed (as xsv and mlr do), with libcsv doing the quoting. */
static void csv_cell(ipm_writer *w, const char *s, size_t len, int force_quote)
{
	size_t i, need;

	ipm_buf_clear(&w->tmp);
	if (ipm_utf8_valid_len(s, len) != len) {
		ipm_utf8_sanitize(s, len, &w->tmp);
		s = w->tmp.s;
		len = w->tmp.len;
	}
	for (i = 0; i < len && !force_quote; i++)
		if (s[i] == w->delim || s[i] == '"' || s[i] == '\n' || s[i] == '\r')
			force_quote = 1;
	if (!force_quote) {
		fwrite(s, 1, len, w->fp);
		return;
	}
	need = 2 * len + 2;
	ipm_buf_clear(&w->quoted);
	ipm_buf_reserve(&w->quoted, need);
	w->quoted.len = csv_write(w->quoted.s, need + 1, s, len);
	fwrite(w->quoted.s, 1, w->quoted.len, w->fp);
}

static void csv_value(ipm_writer *w, const ipm_val *v)
{
	size_t k;

	if (!v || v->t == IPM_V_NULL)
		return;
	if (v->t == IPM_V_ARR) {
		ipm_buf_clear(&w->cell);
		for (k = 0; k < v->n; k++) {
			if (k)
				ipm_buf_addc(&w->cell, ';');
			ipm_buf_add(&w->cell, v->items[k], v->ilen[k]);
		}
		csv_cell(w, w->cell.s ? w->cell.s : "", w->cell.len, 0);
		return;
	}
	/* an empty string is written "" so it reads back as a string, not null */
	csv_cell(w, v->s, v->len, v->t == IPM_V_STR && v->len == 0);
}

static void warn_dropped(ipm_writer *w, const char *key)
{
	size_t i;

	for (i = 0; i < w->nwarned; i++)
		if (strcmp(w->warned[i], key) == 0)
			return;
	w->warned = ipm_realloc(w->warned, (w->nwarned + 1) * sizeof *w->warned);
	w->warned[w->nwarned++] = ipm_strndup(key, strlen(key));
	ipm_err(NULL, 0, "CSV output: field '%s' is not a column and is left out", key);
}

static int put_csv(ipm_writer *w, const ipm_rec *r)
{
	size_t i, k;

	if (!w->cols) {
		w->ncols = r->n;
		w->cols = ipm_malloc((r->n ? r->n : 1) * sizeof *w->cols);
		for (i = 0; i < r->n; i++)
			w->cols[i] = ipm_strndup(r->f[i].key, strlen(r->f[i].key));
	}
	if (!w->header_done) {
		for (i = 0; i < w->ncols; i++) {
			if (i)
				putc(w->delim, w->fp);
			csv_cell(w, w->cols[i], strlen(w->cols[i]), 0);
		}
		putc('\n', w->fp);
		w->header_done = 1;
	}
	for (i = 0; i < w->ncols; i++) {
		if (i)
			putc(w->delim, w->fp);
		csv_value(w, ipm_rec_get(r, w->cols[i]));
	}
	putc('\n', w->fp);
	for (i = 0; i < r->n; i++) {
		for (k = 0; k < w->ncols; k++)
			if (strcmp(r->f[i].key, w->cols[k]) == 0)
				break;
		if (k == w->ncols)
			warn_dropped(w, r->f[i].key);
	}
	return ferror(w->fp) ? -1 : 0;
}

int ipm_writer_put(ipm_writer *w, const ipm_rec *r)
{
	int rc = w->fmt == IPM_FMT_JSON ? put_json(w, r) : put_csv(w, r);

	if (rc != 0 && errno != EPIPE)
		ipm_err(NULL, 0, "write error:");
	return rc;
}

int ipm_writer_close(ipm_writer *w)
{
	size_t i;
	int rc;

	if (!w)
		return 0;
	/* a CSV writer with fixed columns and no records still writes its header */
	if (w->fmt == IPM_FMT_CSV && w->cols && !w->header_done && w->ncols) {
		for (i = 0; i < w->ncols; i++) {
			if (i)
				putc(w->delim, w->fp);
			csv_cell(w, w->cols[i], strlen(w->cols[i]), 0);
		}
		putc('\n', w->fp);
	}
	rc = fflush(w->fp) != 0 || ferror(w->fp) ? -1 : 0;
	if (w->g)
		yajl_gen_free(w->g);
	for (i = 0; i < w->ncols; i++)
		free(w->cols[i]);
	free(w->cols);
	for (i = 0; i < w->nwarned; i++)
		free(w->warned[i]);
	free(w->warned);
	ipm_buf_free(&w->tmp);
	ipm_buf_free(&w->cell);
	ipm_buf_free(&w->quoted);
	free(w);
	return rc;
}
