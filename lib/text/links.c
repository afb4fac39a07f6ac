#include "links.h"

#include <stdlib.h>

#include "core/util.h"
#include "dates.h"
#include "zh.h"

static int digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Up to two digits at s[j..n), exactly two without a separator before them:
 * the value, *j past them; -1 when there are none. */
static int two_digits(const char *s, size_t n, size_t *j, int sep)
{
	size_t k = *j;
	int v = 0;

	while (k < n && k - *j < 2 && digit(s[k]))
		v = v * 10 + (s[k++] - '0');
	if (k == *j || (!sep && k - *j != 2))
		return -1;
	*j = k;
	return v;
}

int ipm_url_day(const char *s, size_t n)
{
	size_t i, j;

	for (i = 0; i + 6 <= n; i++) {
		int mo, da, sep;
		if (s[i] != '2' || s[i + 1] != '0' || !digit(s[i + 2]) || !digit(s[i + 3]) ||
		    (i > 0 && digit(s[i - 1])))
			continue;
		j = i + 4;
		sep = j < n && (s[j] == '-' || s[j] == '/');
		j += sep;
		if ((mo = two_digits(s, n, &j, sep)) < 0)
			continue;
		sep = j < n && (s[j] == '-' || s[j] == '/');
		j += sep;
		if ((da = two_digits(s, n, &j, sep)) < 0 || (j < n && digit(s[j])))
			continue;
		if (mo >= 1 && mo <= 12 && da >= 1 && da <= 31)
			return mo * 31 + da;
	}
	return -1;
}

/* An item's leading date (after its bullet) as month*31+day, or -1. */
static int item_day(const char *s, size_t n)
{
	struct ipm_date d;
	int bul;
	size_t k = ipm_zh_skip_bullet(s, n, &bul);

	return ipm_date_at(s + k, n - k, &d) ? d.m * 31 + d.d : -1;
}

/* A pair is worth 20 (pair as many as possible); a URL dated 0-10 days after
 * the item fits it, the closer the better; a dated URL that does not fit is
 * worth 10. */
static int score(int id, int ud)
{
	int diff;

	if (id < 0 || ud < 0)
		return 20;
	diff = (ud - id + 372) % 372;
	return diff <= 10 ? 31 - diff : 10;
}

void ipm_links_pair(size_t n, const char *const *items, const size_t *ilen,
                    size_t m, const char *const *urls, const size_t *ulen, long *pair)
{
	size_t i, j, w = m + 1;
	int *best, *id, *ud;

	for (i = 0; i < n; i++)
		pair[i] = i < m ? (long)i : -1;
	if (n == m || m == 0 || n == 0 || n > 500 || m > 500)
		return;
	best = ipm_calloc((n + 1) * w, sizeof *best);
	id = ipm_malloc(n * sizeof *id);
	ud = ipm_malloc(m * sizeof *ud);
	for (i = 0; i < n; i++)
		id[i] = item_day(items[i], ilen[i]);
	for (j = 0; j < m; j++)
		ud[j] = ipm_url_day(urls[j], ulen[j]);
	for (i = 1; i <= n; i++)
		for (j = 1; j <= m; j++) {
			int v = best[(i - 1) * w + j - 1] + score(id[i - 1], ud[j - 1]);
			if (best[(i - 1) * w + j] > v)
				v = best[(i - 1) * w + j];
			if (best[i * w + j - 1] > v)
				v = best[i * w + j - 1];
			best[i * w + j] = v;
		}
	for (i = 0; i < n; i++)
		pair[i] = -1;
	for (i = n, j = m; i > 0 && j > 0;) {
		if (best[i * w + j] == best[(i - 1) * w + j])
			i--;
		else if (best[i * w + j] == best[i * w + j - 1])
			j--;
		else {
			pair[i - 1] = (long)(j - 1);
			i--;
			j--;
		}
	}
	free(best);
	free(id);
	free(ud);
}
