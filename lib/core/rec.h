/* rec: records (ordered key -> value maps). Readers of JSON Lines (yajl) and
 * CSV/TSV (libcsv) are in read.h, the writer in write.h.
 *
 * Ownership: a record owns every byte it holds (keys and values are copied in
 * by the setters, from an arena freed with the record). Pointers returned by
 * getters stay valid until the record is cleared, freed, or that field is set
 * again. Readers hand out records they own; a returned record is valid until
 * the next ipm_reader_next() call. */
#ifndef IPM_REC_H
#define IPM_REC_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* JSON: JSON Lines (one object per line). JSONA: a JSON array of objects
 * (Miller's --ijson/--ojson); read streamed, it may also be a sequence of
 * objects spread over lines. CSV: CSV or TSV with a header (the delimiter
 * tells which). */
enum ipm_fmt { IPM_FMT_AUTO = 0, IPM_FMT_JSON, IPM_FMT_CSV, IPM_FMT_JSONA };

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
 * that remembers where key was found (or that it was absent), so the next
 * record's lookup is one string compare instead of a search, and no compare
 * at all for the next row of the same CSV header. Zero the hint first; one
 * hint per key. */
typedef struct { size_t pos; uint64_t shape; } ipm_rec_hint;
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

#endif
