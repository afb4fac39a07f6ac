#include "dict.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rec.h"
#include "util.h"

struct ipm_table {
	char *path, *source;
	char **cols;
	size_t ncols, nrows, cap;
	size_t *off;       /* nrows * ncols offsets into text */
	size_t *len;
	long *line;
	ipm_buf text;      /* every cell, NUL-terminated */
};

static int is_dir_with(const char *dir, const char *probe)
{
	ipm_buf p = {0};
	int ok;

	ipm_buf_printf(&p, "%s/%s", dir, probe);
	ok = access(p.s, R_OK) == 0;
	ipm_buf_free(&p);
	return ok;
}

char *ipm_dict_dir(const char *override, const char *probe)
{
	static const char *const rel[] = { "../lib/data", "../share/ipm", "../../../lib/data" };
	const char *env = getenv("IPM_DATA");
	char exe[4096];
	ssize_t n;
	char *slash;
	size_t i;

	if (override)
		return ipm_strndup(override, strlen(override));
	if (env && *env)
		return ipm_strndup(env, strlen(env));
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0 || (size_t)n >= sizeof exe - 1)
		return NULL;
	exe[n] = '\0';
	if (!(slash = strrchr(exe, '/')))
		return NULL;
	*slash = '\0';
	for (i = 0; i < sizeof rel / sizeof rel[0]; i++) {
		ipm_buf d = {0};

		ipm_buf_printf(&d, "%s/%s", exe, rel[i]);
		if (is_dir_with(d.s, probe))
			return d.s;
		ipm_buf_free(&d);
	}
	return NULL;
}

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

static int add_row(ipm_table *t, const ipm_rec *r, long line)
{
	size_t i, base;

	if (ipm_rec_nfields(r) != t->ncols)
		return -1;
	if (t->nrows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 256;
		t->off = ipm_realloc(t->off, t->cap * t->ncols * sizeof *t->off);
		t->len = ipm_realloc(t->len, t->cap * t->ncols * sizeof *t->len);
		t->line = ipm_realloc(t->line, t->cap * sizeof *t->line);
	}
	base = t->nrows * t->ncols;
	for (i = 0; i < t->ncols; i++) {
		const ipm_val *v = ipm_rec_val(r, i);

		if (v->t != IPM_V_STR || v->len == 0)
			return -1;
		t->off[base + i] = t->text.len;
		t->len[base + i] = v->len;
		ipm_buf_add(&t->text, v->s, v->len);
		ipm_buf_addc(&t->text, '\0');
	}
	t->line[t->nrows++] = line;
	return 0;
}

static void take_header(ipm_table *t, const ipm_rec *r)
{
	size_t i;

	t->ncols = ipm_rec_nfields(r);
	t->cols = ipm_malloc((t->ncols ? t->ncols : 1) * sizeof *t->cols);
	for (i = 0; i < t->ncols; i++)
		t->cols[i] = ipm_strndup(ipm_rec_key(r, i), strlen(ipm_rec_key(r, i)));
}

ipm_table *ipm_table_load(const char *dir, const char *name)
{
	ipm_table *t = ipm_calloc(1, sizeof *t);
	ipm_buf path = {0};
	ipm_reader *rd;
	ipm_rec *r;
	FILE *fp;
	long skip;
	int rc, bad = 0;

	ipm_buf_printf(&path, "%s/%s", dir, name);
	t->path = path.s;
	if (!(fp = fopen(t->path, "r"))) {
		ipm_err(t->path, 0, "cannot open dictionary:");
		ipm_table_free(t);
		return NULL;
	}
	skip = read_comments(fp, t);
	rd = ipm_reader_open(fp, t->path, IPM_FMT_CSV, '\t');
	while (!bad && (rc = ipm_reader_next(rd, &r)) > 0) {
		if (!t->cols)
			take_header(t, r);
		if (add_row(t, r, ipm_rec_line(r) + skip) != 0) {
			ipm_err(t->path, ipm_rec_line(r) + skip, "row needs %zu non-empty columns", t->ncols);
			bad = 1;
		}
	}
	if (!bad && (rc < 0 || ipm_reader_nbad(rd) || !t->cols))
		bad = 1, ipm_err(t->path, 0, "unreadable or empty dictionary");
	if (!bad && !t->source)
		bad = 1, ipm_err(t->path, 1, "no '# source:' line");
	ipm_reader_close(rd);
	fclose(fp);
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
