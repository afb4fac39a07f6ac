/* rec_impl: what the record, reader and writer files of lib/core share and
 * nothing outside them sees: the record's layout, the line source, the
 * reader's state and its per-format halves (read_json.c, read_csv.c). */
#ifndef IPM_REC_IMPL_H
#define IPM_REC_IMPL_H

#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include <csv.h>
#include <yajl/yajl_gen.h>
#include <yajl/yajl_parse.h>

#include "read.h"
#include "rec.h"
#include "util.h"

/* ---- records (rec.c) ---- */

struct chunk {
	struct chunk *next;
	size_t cap, used;
	char data[];
};

struct arena {
	struct chunk *head;
};

struct field {
	const char *key;
	uint32_t h;            /* rec_key_hash(key): find compares it before strcmp */
	ipm_val v;
};

struct ipm_rec {
	struct field *f;
	size_t n, cap;
	struct arena a;
	const char *file;
	long line;
	uint32_t *ix;          /* a record of many fields: open-addressing index of */
	size_t ixcap;          /* field positions + 1 by key hash, so lookups stay O(1) */
	uint64_t shape;        /* nonzero: every record of this shape has the same keys at
	                        * the same positions (a CSV reader's rows; see rec_shape_new) */
};

/* A new shape id (unique in the process): a reader takes one per header. */
uint64_t rec_shape_new(void);

/* FNV-1a of a key and its length folded in; *lenp receives strlen(key). */
uint32_t rec_key_hash(const char *key, size_t *lenp);
/* Records of up to REC_IX_MIN fields are searched in order (cheaper than
 * hashing); above it an index keeps every lookup O(1), so a record is read and
 * written in time linear in its number of fields. */
#define REC_IX_MIN 32
/* A field was appended at r->n - 1: keep the key index up to date. */
void rec_indexed(ipm_rec *r);
/* A reader's record names the reader's file without a copy (see read_json.c). */
void rec_set_pos_borrowed(ipm_rec *r, const char *file, long line);
/* Append a field without the duplicate-key search and without copying (read_csv.c). */
void rec_append_borrowed(ipm_rec *r, const char *key, uint32_t h, const char *s, size_t len, int isnull);

/* ---- the line source (read_lines.c) ---- */

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


void lsrc_init(struct lsrc *s, FILE *fp);
/* Next line, without its '\n' but always followed by one in the buffer (one
 * is added after a last line that lacks it): 1, 0 at end, -1 on read error. */
int lsrc_next(struct lsrc *s, char **line, size_t *len);

/* ---- JSON Lines (read_json.c) and CSV (read_csv.c) state ---- */

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
	int base;              /* 1 inside a top-level array (JSONA), else 0 */
	int stream;            /* JSONA: one parse over all lines, a top-level array allowed */
	int too_deep;          /* a value nested deeper than IPM_JSON_MAX_DEPTH */
	int dup_told;          /* a duplicate key was reported for this input */
};

/* Containers a record may nest (the record object included): yajl's
 * generator stops at 128 levels, so deeper input is rejected, never written. */
#define IPM_JSON_MAX_DEPTH 127

struct cctx {
	ipm_buf fields;        /* current row, NUL-separated */
	size_t *off, *len, n, cap;
	unsigned char *isnull;
	int rows;              /* rows completed since last take */
	size_t n_at_row;       /* fields when the last row completed */
	size_t raw;            /* bytes of the fields so far (see keep_spaces) */
	unsigned char *keep;   /* per header column: stored (ipm_reader_only); NULL: all */
	size_t nkeep;
};

/* ---- the reader (read.c) ---- */

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
	int mid_file;          /* a part reader whose first line is not the file's first */
	ipm_rec *crec;
	int hdr_unique;        /* no repeated header name: rows take the fast path */
	uint64_t shape;        /* rec_shape_new() of the current header: its rows share it */
	ipm_buf pending;       /* CSV text of the row in progress, for rejects */
	int csv_blank;         /* a blank line ended the block: the next row is a header */
	int saw_blank;         /* csv_blank was set once (ipm_reader_saw_blank) */
	int dup_told;          /* a repeated header name was reported */
	const struct ipm_schema *schema;   /* the header's known schema (typed CSV), or NULL */
	unsigned char *ctype;  /* per header column: IPM_T_* from the schema */
	/* JSON array (stream) mode after a parse error: lines not read */
	int jdead;
	long jdead_first, jdead_n;
};

/* Typed CSV (schema.c): the field types of ipm's record schemas. */
enum { IPM_T_STR = 0, IPM_T_NUM, IPM_T_ARR, IPM_T_BOOL, IPM_T_JSON };
struct ipm_schema;
/* The schema whose fields include every name of hdr, or NULL; types[i]
 * receives the type of hdr[i]. */
const struct ipm_schema *ipm_schema_match(char *const *hdr, size_t n, unsigned char *types);
/* Set key of r from a CSV cell as the type says (num: a JSON number, else
 * left as read; arr: split at ';', an empty cell []; bool; json). */
void rd_csv_type(ipm_rec *r, const char *key, unsigned char type, const char *s, size_t len, int isnull);


void rd_reject(ipm_reader *rd, long line, const char *reason, const char *text, size_t len);
int rd_is_blank(const char *s, size_t n);
int rd_at_row_start(const ipm_reader *rd);
extern const yajl_callbacks rd_json_callbacks;
void rd_json_new(ipm_reader *rd);
ipm_rec *rd_queue_slot(struct ipm_reader *rd);
void rd_queue_done(struct ipm_reader *rd, ipm_rec *rec);
/* Feed the current line to yajl: completed objects are queued. */
void rd_json_line(ipm_reader *rd);
/* End of input for a JSON array (stream) reader. */
void rd_json_end(ipm_reader *rd);
void rd_csv_new(ipm_reader *rd);
void rd_csv_field(void *s, size_t len, void *data);
void rd_csv_row(int ch, void *data);
/* Feed the current line to libcsv (at_eof: finish); 1 when a data row completed. */
int rd_csv_line(ipm_reader *rd, int at_eof);

#endif
