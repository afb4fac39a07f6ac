/* datafile: data file lookup and atomic whole-file writes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "datafile.h"

char *ipm_data_path(const char *dir, const char *name)
{
	ipm_buf b = { 0 };

	ipm_buf_printf(&b, "%s/%s", dir, name);
	return b.s;
}

char *ipm_data_dir(const char *dir, const char *probe)
{
	static const char *const rel[] = {
		"/../lib/data", "/../../lib/data", "/../../../lib/data", "/../share/ipm"
	};
	const char *env = getenv("IPM_DATA");
	ipm_buf b = { 0 };
	char exe[4096];
	ssize_t n;
	size_t i;

	if (dir)
		return ipm_strndup(dir, strlen(dir));
	if (env && *env)
		return ipm_strndup(env, strlen(env));
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	*strrchr(exe, '/') = '\0';
	for (i = 0; i < sizeof rel / sizeof *rel; i++) {
		ipm_buf_clear(&b);
		ipm_buf_printf(&b, "%s%s/%s", exe, rel[i], probe);
		if (access(b.s, R_OK) == 0) {
			ipm_buf_clear(&b);
			ipm_buf_printf(&b, "%s%s", exe, rel[i]);
			return b.s;
		}
	}
	ipm_buf_free(&b);
	return NULL;
}

/* Write buf to path via a temporary file and rename (no half-written file). */
int ipm_write_atomic(const char *path, const ipm_buf *b)
{
	ipm_buf tmp = { 0 };
	FILE *fp;
	int bad;

	ipm_buf_printf(&tmp, "%s.tmp%ld", path, (long)getpid());
	if (!(fp = fopen(tmp.s, "w"))) {
		ipm_err(tmp.s, 0, "cannot create:");
		ipm_buf_free(&tmp);
		return -1;
	}
	bad = fwrite(b->s, 1, b->len, fp) != b->len;
	bad |= fclose(fp) != 0;
	if (bad || rename(tmp.s, path) != 0) {
		ipm_err(path, 0, "cannot write:");
		remove(tmp.s);
		bad = 1;
	}
	ipm_buf_free(&tmp);
	return bad ? -1 : 0;
}
