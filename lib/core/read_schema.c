/* read_schema: typed CSV. The record schemas of ipm (lib/data/schemas.tsv:
 * blocks, events, cells, aggregates, rejects) say which fields are numbers,
 * arrays, booleans or JSON; a CSV header that matches one gets those types
 * back, so JSON -> CSV -> JSON is the identity for ipm's records. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "datafile.h"
#include "dict.h"
#include "rec_impl.h"
#include "util.h"

struct sfield {
	char *name;
	size_t len;
	int prefix;            /* name ended in '*' */
	unsigned char type;
	char need;             /* 'a' all, 'y' any, 0 optional */
};

struct ipm_schema {
	char *name;
	struct sfield *f;
	size_t n;
	int has_any;
};

static struct ipm_schema *schemas;
static size_t nschemas;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static unsigned char type_of(const char *s)
{
	return strcmp(s, "num") == 0 ? IPM_T_NUM : strcmp(s, "arr") == 0 ? IPM_T_ARR :
	       strcmp(s, "bool") == 0 ? IPM_T_BOOL : strcmp(s, "json") == 0 ? IPM_T_JSON : IPM_T_STR;
}

static void load(void)
{
	char *dir = ipm_data_dir(NULL, "schemas.tsv"), *path;
	ipm_table *t;
	struct ipm_schema *s;
	struct sfield *f;
	const char *name, *need;
	int cs, cf, ct, cn;
	size_t i;

	if (!dir)
		return;   /* no data folder: CSV stays untyped */
	path = ipm_data_path(dir, "schemas.tsv");
	if (access(path, R_OK) != 0) {   /* $IPM_DATA without the table: untyped too */
		free(path);
		free(dir);
		return;
	}
	free(path);
	t = ipm_table_load(dir, "schemas.tsv");
	free(dir);
	if (!t)
		return;
	cs = ipm_table_col(t, "schema");
	cf = ipm_table_col(t, "field");
	ct = ipm_table_col(t, "type");
	cn = ipm_table_col(t, "need");
	for (i = 0; cs >= 0 && cf >= 0 && ct >= 0 && cn >= 0 && i < ipm_table_nrows(t); i++) {
		name = ipm_table_cell(t, i, cs);
		if (!nschemas || strcmp(schemas[nschemas - 1].name, name) != 0) {
			schemas = ipm_realloc(schemas, (nschemas + 1) * sizeof *schemas);
			s = &schemas[nschemas++];
			memset(s, 0, sizeof *s);
			s->name = ipm_strndup(name, strlen(name));
		}
		s = &schemas[nschemas - 1];
		s->f = ipm_realloc(s->f, (s->n + 1) * sizeof *s->f);
		f = &s->f[s->n++];
		f->len = ipm_table_len(t, i, cf);
		f->name = ipm_strndup(ipm_table_cell(t, i, cf), f->len);
		f->prefix = f->len && f->name[f->len - 1] == '*';
		if (f->prefix)
			f->name[--f->len] = '\0';
		f->type = type_of(ipm_table_cell(t, i, ct));
		need = ipm_table_cell(t, i, cn);
		f->need = strcmp(need, "all") == 0 ? 'a' : strcmp(need, "any") == 0 ? 'y' : 0;
		s->has_any |= f->need == 'y';
	}
	ipm_table_free(t);
}

static const struct sfield *field_of(const struct ipm_schema *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->f[i].prefix ? strncmp(name, s->f[i].name, s->f[i].len) == 0 && name[s->f[i].len]
		                   : strcmp(name, s->f[i].name) == 0)
			return &s->f[i];
	return NULL;
}

static int matches(const struct ipm_schema *s, char *const *hdr, size_t n)
{
	size_t i, k;
	int any = 0;
	const struct sfield *f;

	for (k = 0; k < s->n; k++) {
		if (s->f[k].need != 'a')
			continue;
		for (i = 0; i < n && strcmp(hdr[i], s->f[k].name) != 0; i++)
			;
		if (i == n)
			return 0;
	}
	for (i = 0; i < n && s->has_any && !any; i++)
		any = (f = field_of(s, hdr[i])) != NULL && f->need == 'y';
	return !s->has_any || any;
}

const struct ipm_schema *ipm_schema_match(char *const *hdr, size_t n, unsigned char *types)
{
	const struct sfield *f;
	size_t i, k;

	pthread_once(&once, load);
	for (k = 0; k < nschemas; k++) {
		if (!matches(&schemas[k], hdr, n))
			continue;
		for (i = 0; i < n; i++)
			types[i] = (f = field_of(&schemas[k], hdr[i])) ? f->type : IPM_T_STR;
		return &schemas[k];
	}
	return NULL;
}

/* A JSON number as JSON writes it: what yajl would take, and nothing else. */
static int is_json_number(const char *s, size_t len)
{
	size_t i = 0;

	if (i < len && s[i] == '-')
		i++;
	if (i >= len || !(s[i] >= '0' && s[i] <= '9'))
		return 0;
	if (s[i] == '0')
		i++;
	else
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++;
	if (i < len && s[i] == '.') {
		if (++i >= len || !(s[i] >= '0' && s[i] <= '9'))
			return 0;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		if (++i < len && (s[i] == '+' || s[i] == '-'))
			i++;
		if (i >= len || !(s[i] >= '0' && s[i] <= '9'))
			return 0;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	return i == len;
}

void rd_csv_type(ipm_rec *r, const char *key, unsigned char type, const char *s, size_t len, int isnull)
{
	const char **it;
	size_t *ln, n = 0, k;
	const char *p, *e, *q;

	switch (type) {
	case IPM_T_NUM:
		if (!isnull && is_json_number(s, len))
			ipm_rec_set_num_text(r, key, s, len);
		return;
	case IPM_T_BOOL:
		if (!isnull && ((len == 4 && memcmp(s, "true", 4) == 0) || (len == 5 && memcmp(s, "false", 5) == 0)))
			ipm_rec_set_bool(r, key, s[0] == 't');
		return;
	case IPM_T_JSON:
		if (!isnull && ipm_json_validate(s, len, NULL, 0) == 0)
			ipm_rec_set_raw(r, key, s, len);
		return;
	case IPM_T_ARR:
		if (isnull) {
			ipm_rec_set_arr(r, key, NULL, NULL, 0);
			return;
		}
		for (k = 0; k < len; k++)
			n += s[k] == ';';
		it = ipm_malloc((n + 1) * sizeof *it);
		ln = ipm_malloc((n + 1) * sizeof *ln);
		for (n = 0, p = s, e = s + len;; p = q + 1) {
			if (!(q = memchr(p, ';', (size_t)(e - p))))
				q = e;
			it[n] = p;
			ln[n++] = (size_t)(q - p);
			if (q == e)
				break;
		}
		ipm_rec_set_arr(r, key, it, ln, n);
		free(it);
		free(ln);
		return;
	}
}
