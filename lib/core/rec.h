/* rec: records (ordered key -> value maps) and their streaming readers and
 * writers in JSON Lines (yajl) and CSV/TSV (libcsv).
 *
 * Ownership: a record owns every byte it holds (keys and values are copied in
 * by the setters, from an arena freed with the record). Pointers returned by
 * getters stay valid until the record is cleared, freed, or that field is set
 * again. Readers hand out records they own; a returned record is valid until
 * the next ipm_reader_next() call. */
#ifndef IPM_REC_H
#define IPM_REC_H

#include <stddef.h>
#include <stdio.h>

enum ipm_fmt { IPM_FMT_AUTO = 0, IPM_FMT_JSON, IPM_FMT_CSV };

enum ipm_vt {
	IPM_V_NULL = 0,
	IPM_V_BOOL,   /* s is "true" or "false" */
	IPM_V_NUM,    /* s is the number's JSON text, as read or as formatted */
	IPM_V_STR,    /* s/len is UTF-8 text (may hold NUL bytes) */
	IPM_V_ARR,    /* an array of strings: items[i]/ilen[i], n items */
	IPM_V_RAW     /* any other JSON (object, mixed array): s is its JSON text */
};

typedef struct {
	enum ipm_vt t;
	const char *s;
	size_t len;
	const char **items;
	const size_t *ilen;
	size_t n;
} ipm_val;

typedef struct ipm_rec ipm_rec;

ipm_rec *ipm_rec_new(void);
void ipm_rec_clear(ipm_rec *r);        /* remove all fields, keep memory */
void ipm_rec_free(ipm_rec *r);
void ipm_rec_copy(ipm_rec *dst, const ipm_rec *src);   /* dst becomes a deep copy */

/* Source position of the record (set by readers; 0/NULL when unknown). */
void ipm_rec_set_pos(ipm_rec *r, const char *file, long line);
const char *ipm_rec_file(const ipm_rec *r);
long ipm_rec_line(const ipm_rec *r);

size_t ipm_rec_nfields(const ipm_rec *r);
const char *ipm_rec_key(const ipm_rec *r, size_t i);
const ipm_val *ipm_rec_val(const ipm_rec *r, size_t i);
/* The value of key, or NULL when the key is absent. */
const ipm_val *ipm_rec_get(const ipm_rec *r, const char *key);
/* The string of key when it is a string (or a number/bool, as text), else NULL. */
const char *ipm_rec_str(const ipm_rec *r, const char *key);
/* Integer value of a number or numeric string; def when absent or not integral. */
long ipm_rec_long(const ipm_rec *r, const char *key, long def);
/* Items of a list-like field: an array's items, or a string split at ';'
 * (how arrays travel in CSV), or a single number/bool as one item.
 * Fills up to max pointers/lengths into the caller's arrays; returns the
 * total count (may exceed max). A null or empty string gives 0. */
size_t ipm_rec_list(const ipm_rec *r, const char *key, const char **items,
                    size_t *lens, size_t max);
/* The same split of one value (v may be NULL: 0 items). */
size_t ipm_val_list(const ipm_val *v, const char **items, size_t *lens, size_t max);
/* For hot loops over records of one shape (a CSV reader's rows): ipm_rec_get
 * that remembers where key was found, so the next record's lookup is one
 * string compare instead of a search. Zero the hint first. */
typedef struct { size_t pos; } ipm_rec_hint;
const ipm_val *ipm_rec_get_hinted(const ipm_rec *r, const char *key, ipm_rec_hint *hint);

/* Setters copy key and value; an existing key keeps its position. */
void ipm_rec_set_null(ipm_rec *r, const char *key);
void ipm_rec_set_str(ipm_rec *r, const char *key, const char *s, size_t len);
void ipm_rec_set_cstr(ipm_rec *r, const char *key, const char *s); /* NULL -> null */
void ipm_rec_set_long(ipm_rec *r, const char *key, long v);
void ipm_rec_set_double(ipm_rec *r, const char *key, double v); /* non-finite -> null */
void ipm_rec_set_bool(ipm_rec *r, const char *key, int v);
void ipm_rec_set_num_text(ipm_rec *r, const char *key, const char *s, size_t len);
void ipm_rec_set_raw(ipm_rec *r, const char *key, const char *json, size_t len);
void ipm_rec_set_arr(ipm_rec *r, const char *key, const char *const *items,
                     const size_t *lens, size_t n);
/* Append one item to an array field (created, or converted from null). */
void ipm_rec_arr_push(ipm_rec *r, const char *key, const char *s, size_t len);
/* Remove key if present. */
void ipm_rec_del(ipm_rec *r, const char *key);

/* ---- reading ---- */

typedef struct ipm_reader ipm_reader;

/* fmt AUTO: a first non-blank byte '{' means JSON Lines, else CSV with a header.
 * delim is the CSV delimiter (',' by default, '\t' for TSV). name is used in
 * messages ("-" or NULL shows as "<stdin>"). The reader does not close fp. */
ipm_reader *ipm_reader_open(FILE *fp, const char *name, enum ipm_fmt fmt, char delim);
/* The format AUTO finds for a stream that begins with buf: JSON Lines when
 * its first non-blank line starts with '{' (after blanks and a BOM). */
enum ipm_fmt ipm_sniff(const char *buf, size_t len);
/* A reader over a part of a file, for threads (par.c): the bytes
 * [0, hdr_len) (a CSV header; 0 for none), then the file from offset start
 * on, read with pread (fd stays the caller's; several readers may share it).
 * Malformed records go to the reject hook only (the caller reports them, at
 * file line numbers it alone knows). */
ipm_reader *ipm_reader_open_part(int fd, const char *name, enum ipm_fmt fmt, char delim,
                                 long long hdr_len, long long start);
/* A reader over memory, without a copy: buf[0, len) is all the input and
 * buf[len] must be writable (a '\n' is put there after a last line that lacks
 * one); buf outlives the reader. */
ipm_reader *ipm_reader_open_mem(char *buf, size_t len, const char *name, enum ipm_fmt fmt, char delim);
/* End the input at the first record boundary once nbytes past the header
 * are read: a CSV row that began before ends first (whatever its length),
 * and the end is not taken for the end of the input (no unterminated-quote
 * check). */
void ipm_reader_stop_after(ipm_reader *rd, long long nbytes);
/* Bytes of input lines read so far, past the header. */
long long ipm_reader_used(const ipm_reader *rd);
/* Number of the last line read (header lines included). */
long ipm_reader_lineno(const ipm_reader *rd);
/* Next record: 1 and *out set, 0 at end of input, -1 on an I/O error.
 * Malformed records are reported (file:line: message), counted, passed to the
 * reject hook if set, and skipped. */
int ipm_reader_next(ipm_reader *rd, ipm_rec **out);
enum ipm_fmt ipm_reader_fmt(const ipm_reader *rd);
size_t ipm_reader_nbad(const ipm_reader *rd);   /* malformed records skipped */
const char *ipm_reader_name(const ipm_reader *rd);
/* Lines already read before this stream: the next line is numbered n + 1
 * (for a reader over a batch of a longer stream; see ipm_par_map). */
void ipm_reader_set_lineno(ipm_reader *rd, long n);
/* Called for each malformed input line (text not NUL-safe beyond len). */
void ipm_reader_on_reject(ipm_reader *rd,
	void (*fn)(void *ctx, const char *file, long line, const char *reason,
	           const char *text, size_t len), void *ctx);
/* CSV: store only these columns in each record (the others are parsed and
 * counted, not copied), for a stage that reads few fields of wide rows.
 * Names are copied; call before the first record. JSON Lines: no effect. */
void ipm_reader_only(ipm_reader *rd, const char *const *names, size_t n);
void ipm_reader_close(ipm_reader *rd);

/* Parse one complete JSON text (any value) from buf; 0 if valid, else -1 and
 * a message in err (caller's buffer, errlen bytes). For conformance tests. */
int ipm_json_validate(const char *buf, size_t len, char *err, size_t errlen);

/* ---- writing ---- */

typedef struct ipm_writer ipm_writer;

/* CSV columns: cols (n entries) when given, else the keys of the first record.
 * Keys outside the columns are dropped from CSV with one warning per key.
 * JSON Lines: every field, in record order. Invalid UTF-8 is replaced by U+FFFD. */
ipm_writer *ipm_writer_open(FILE *fp, enum ipm_fmt fmt, char delim,
                            const char *const *cols, size_t ncols);
/* 0 on success, -1 on a write error (message printed). */
int ipm_writer_put(ipm_writer *w, const ipm_rec *r);
/* Flush; returns 0 or -1 on a write error. Frees w. Does not close fp. */
int ipm_writer_close(ipm_writer *w);

#endif
