#include "datafile.h"
#include "dict.h"
#include "hash.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <csv.h>

#include "util.h"

struct ipm_table {
	char *path, *source;
	char **cols;
	size_t ncols, nrows, cap;
	uint32_t *off;     /* nrows * ncols offsets into text (32 bits: fewer pages */
	uint32_t *len;     /* to fault in at start-up; tables are far below 4 GB) */
	long *line;
	ipm_buf text;      /* every cell, NUL-terminated */
};

/* Skip the leading '#' lines; remember the source line. Returns lines read. */
static long read_comments(FILE *fp, ipm_table *t)
{
	ipm_buf line = {0};
	long n = 0;
	int c;

	while ((c = getc(fp)) == '#') {
		ungetc(c, fp);
		if (ipm_getline(fp, &line) <= 0)
			break;
		n++;
		if (strncmp(line.s, "# source:", 9) == 0 && !t->source) {
			const char *s = line.s + 9;

			while (*s == ' ')
				s++;
			t->source = ipm_strndup(s, strlen(s));
		}
	}
	if (c != EOF)
		ungetc(c, fp);
	ipm_buf_free(&line);
	return n;
}

/* libcsv callbacks: the first row names the columns, the others are cells. */
struct load {
	ipm_table *t;
	size_t nf;          /* fields in the current row */
	long line;          /* line of the current row */
	int bad;
};

static int no_space(unsigned char c)
{
	(void)c;
	return 0;   /* trim nothing */
}

static void grow_rows(ipm_table *t)
{
	if (t->nrows < t->cap)
		return;
	t->cap = t->cap ? t->cap * 2 : 256;
	t->off = ipm_realloc(t->off, t->cap * t->ncols * sizeof *t->off);
	t->len = ipm_realloc(t->len, t->cap * t->ncols * sizeof *t->len);
	t->line = ipm_realloc(t->line, t->cap * sizeof *t->line);
}

static void cb_field(void *s, size_t len, void *data)
{
	struct load *ld = data;
	ipm_table *t = ld->t;

	if (ld->bad)
		return;
	if (!t->cols) {   /* header row: columns collected in line order */
		ipm_buf_add(&t->text, s ? s : "", s ? len : 0);
		ipm_buf_addc(&t->text, '\0');
		ld->nf++;
		return;
	}
	if (!s || len == 0 || ld->nf >= t->ncols) {
		ipm_err(t->path, ld->line, "row needs %zu non-empty columns", t->ncols);
		ld->bad = 1;
		return;
	}
	if (t->text.len + len + 1 > UINT32_MAX) {
		ipm_err(t->path, ld->line, "table larger than 4 GB");
		ld->bad = 1;
		return;
	}
	grow_rows(t);
	t->off[t->nrows * t->ncols + ld->nf] = (uint32_t)t->text.len;
	t->len[t->nrows * t->ncols + ld->nf] = (uint32_t)len;
	ipm_buf_add(&t->text, s, len);
	ipm_buf_addc(&t->text, '\0');
	ld->nf++;
}

static void take_header(ipm_table *t, size_t n)
{
	const char *p = t->text.s;
	size_t i;

	t->ncols = n;
	t->cols = ipm_malloc((n ? n : 1) * sizeof *t->cols);
	for (i = 0; i < n; i++) {
		t->cols[i] = ipm_strndup(p, strlen(p));
		p += strlen(p) + 1;
	}
	ipm_buf_clear(&t->text);
}

static void cb_row(int c, void *data)
{
	struct load *ld = data;
	ipm_table *t = ld->t;

	(void)c;
	if (!ld->bad && !t->cols) {
		take_header(t, ld->nf);
	} else if (!ld->bad) {
		if (ld->nf != t->ncols) {
			ipm_err(t->path, ld->line, "row needs %zu non-empty columns", t->ncols);
			ld->bad = 1;
		} else {
			t->line[t->nrows++] = ld->line;
		}
	}
	ld->nf = 0;
	ld->line++;
}

/* Parse the rest of fp (header and rows) with libcsv. 0 or -1 (message printed). */
static int parse_rows(FILE *fp, ipm_table *t, long first_line)
{
	struct csv_parser cp;
	struct load ld = { t, 0, first_line, 0 };
	char buf[65536];
	size_t n;
	struct stat st;

	/* the cells take at most the file's bytes: one allocation, no regrowth
	 * copies (start-up time is mostly page faults) */
	if (fstat(fileno(fp), &st) == 0 && st.st_size > 0)
		ipm_buf_reserve(&t->text, (size_t)st.st_size);

	if (csv_init(&cp, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL) != 0)
		ipm_die(IPM_EXIT_DATA, "out of memory");
	csv_set_delim(&cp, '\t');
	csv_set_space_func(&cp, no_space);
	while (!ld.bad && (n = fread(buf, 1, sizeof buf, fp)) > 0)
		if (csv_parse(&cp, buf, n, cb_field, cb_row, &ld) != n) {
			ipm_err(t->path, ld.line, "%s", csv_strerror(csv_error(&cp)));
			ld.bad = 1;
		}
	if (!ld.bad && ferror(fp)) {
		ipm_err(t->path, 0, "read error:");
		ld.bad = 1;
	}
	if (!ld.bad && csv_fini(&cp, cb_field, cb_row, &ld) != 0) {
		ipm_err(t->path, ld.line, "%s", csv_strerror(csv_error(&cp)));
		ld.bad = 1;
	}
	csv_free(&cp);
	return ld.bad ? -1 : 0;
}

static const char *overlay_dir;   /* --data-add DIR; else $IPM_DATA_ADD */

void ipm_dict_set_overlay(const char *dir)
{
	overlay_dir = dir;
}

/* Read DIR/NAME; an overlay file (added) may be missing (NULL, no message)
 * and needs no "# source:" line. */
static ipm_table *load_file(const char *dir, const char *name, int added)
{
	ipm_table *t = ipm_calloc(1, sizeof *t);
	ipm_buf path = {0};
	FILE *fp;
	long skip;
	int bad;

	ipm_buf_printf(&path, "%s/%s", dir, name);
	t->path = path.s;
	if (!(fp = fopen(t->path, "r"))) {
		if (!added)
			ipm_err(t->path, 0, "cannot open dictionary (a data folder holds every dictionary; "
			        "--data-add DIR or IPM_DATA_ADD adds rows to the shipped ones):");
		ipm_table_free(t);
		return NULL;
	}
	skip = read_comments(fp, t);
	bad = parse_rows(fp, t, skip + 1);
	if (!bad && (!t->cols || (t->nrows == 0 && !added)))
		bad = 1, ipm_err(t->path, 0, "empty dictionary");
	if (!bad && !t->source && !added)
		bad = 1, ipm_err(t->path, 1, "no '# source:' line");
	fclose(fp);
	if (bad) {
		ipm_table_free(t);
		return NULL;
	}
	return t;
}

/* The rows of o added to t: a row whose first cell names a row of t
 * replaces it, the others are appended. -1 when the columns differ. */
static int merge_rows(ipm_table *t, const ipm_table *o)
{
	ipm_hash *keys = ipm_hash_new();
	size_t r, c, i;
	int isnew;

	for (c = 0; c < t->ncols; c++)
		if (o->ncols != t->ncols || strcmp(o->cols[c], t->cols[c]) != 0) {
			ipm_err(o->path, 0, "columns differ from %s: an added dictionary has the same header",
			        t->path);
			ipm_hash_free(keys);
			return -1;
		}
	for (r = 0; r < t->nrows; r++)
		ipm_hash_put(keys, ipm_table_cell(t, r, 0), ipm_table_len(t, r, 0), NULL);
	for (r = 0; r < o->nrows; r++) {
		i = ipm_hash_put(keys, ipm_table_cell(o, r, 0), ipm_table_len(o, r, 0), &isnew);
		if (isnew) {
			grow_rows(t);
			i = t->nrows++;
		}
		for (c = 0; c < t->ncols; c++) {
			t->off[i * t->ncols + c] = (uint32_t)t->text.len;
			t->len[i * t->ncols + c] = (uint32_t)ipm_table_len(o, r, (int)c);
			ipm_buf_add(&t->text, ipm_table_cell(o, r, (int)c), ipm_table_len(o, r, (int)c));
			ipm_buf_addc(&t->text, '\0');
		}
		t->line[i] = ipm_table_line(o, r);
	}
	ipm_hash_free(keys);
	return 0;
}

ipm_table *ipm_table_load(const char *dir, const char *name)
{
	const char *add = overlay_dir ? overlay_dir : getenv("IPM_DATA_ADD");
	ipm_table *t = load_file(dir, name, 0), *o;
	int bad = 0;

	if (t && add && *add && (o = load_file(add, name, 1)) != NULL) {
		bad = merge_rows(t, o) != 0;
		ipm_table_free(o);
	}
	if (bad) {
		ipm_table_free(t);
		return NULL;
	}
	return t;
}

void ipm_table_free(ipm_table *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; t->cols && i < t->ncols; i++)
		free(t->cols[i]);
	free(t->cols);
	free(t->path);
	free(t->source);
	free(t->off);
	free(t->len);
	free(t->line);
	ipm_buf_free(&t->text);
	free(t);
}

size_t ipm_table_nrows(const ipm_table *t) { return t->nrows; }
const char *ipm_table_source(const ipm_table *t) { return t->source; }
const char *ipm_table_path(const ipm_table *t) { return t->path; }

int ipm_table_col(const ipm_table *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->ncols; i++)
		if (strcmp(t->cols[i], name) == 0)
			return (int)i;
	return -1;
}

const char *ipm_table_cell(const ipm_table *t, size_t row, int col)
{
	if (row >= t->nrows || col < 0 || (size_t)col >= t->ncols)
		return "";
	return t->text.s + t->off[row * t->ncols + (size_t)col];
}

size_t ipm_table_len(const ipm_table *t, size_t row, int col)
{
	if (row >= t->nrows || col < 0 || (size_t)col >= t->ncols)
		return 0;
	return t->len[row * t->ncols + (size_t)col];
}

long ipm_table_line(const ipm_table *t, size_t row)
{
	return row < t->nrows ? t->line[row] : 0;
}
