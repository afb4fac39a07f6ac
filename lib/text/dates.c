#include "dates.h"

#include <stdio.h>
#include <string.h>

static int lit(const char *s, size_t n, size_t *i, const char *w)
{
	size_t l = strlen(w);

	if (*i + l <= n && memcmp(s + *i, w, l) == 0) {
		*i += l;
		return 1;
	}
	return 0;
}

static void spaces(const char *s, size_t n, size_t *i)
{
	while (*i < n && s[*i] == ' ')
		(*i)++;
}

/* Digits at s+*i (at most max of them): the value, or -1. */
static int num(const char *s, size_t n, size_t *i, int max)
{
	int v = 0, k = 0;

	while (*i < n && s[*i] >= '0' && s[*i] <= '9' && k < max) {
		v = v * 10 + (s[*i] - '0');
		(*i)++;
		k++;
	}
	if (k == 0 || (*i < n && s[*i] >= '0' && s[*i] <= '9'))
		return -1;
	return v;
}

static int dash(const char *s, size_t n, size_t *i)
{
	static const char *const d[] = {"—", "–", "-", "~", "～", "至", "‐", "－", "到"};
	size_t k;

	spaces(s, n, i);
	for (k = 0; k < sizeof d / sizeof d[0]; k++)
		if (lit(s, n, i, d[k])) {
			while (lit(s, n, i, "—"))   /* "——" */
				;
			spaces(s, n, i);
			return 1;
		}
	return 0;
}

/* [YYYY 年] M 月 D 日 without a range. */
static size_t simple(const char *s, size_t n, int *y, int *m, int *d)
{
	size_t i = 0, j;
	int v;

	*y = 0;
	v = num(s, n, &i, 4);
	if (v < 0)
		return 0;
	j = i;
	spaces(s, n, &j);
	if (v >= 1900 && v <= 2100 && lit(s, n, &j, "年")) {
		*y = v;
		spaces(s, n, &j);
		i = j;
		v = num(s, n, &i, 2);
		if (v < 0)
			return 0;
		j = i;
		spaces(s, n, &j);
	}
	if (v < 1 || v > 12 || !lit(s, n, &j, "月"))
		return 0;
	*m = v;
	spaces(s, n, &j);
	i = j;
	v = num(s, n, &i, 2);
	if (v < 1 || v > 31)
		return 0;
	*d = v;
	spaces(s, n, &i);
	if (!lit(s, n, &i, "日") && !lit(s, n, &i, "号"))
		return 0;
	return i;
}

size_t ipm_date_at(const char *s, size_t n, struct ipm_date *d)
{
	size_t i, j;
	int v, y2, m2, dd2;

	memset(d, 0, sizeof *d);
	i = simple(s, n, &d->y, &d->m, &d->d);
	if (!i) {
		/* "3月12—15日": a range inside the day */
		int y = 0, m;
		size_t k = 0;
		v = num(s, n, &k, 4);
		if (v < 0) {
			memset(d, 0, sizeof *d);
			return 0;
		}
		spaces(s, n, &k);
		if (v >= 1900 && v <= 2100 && lit(s, n, &k, "年")) {
			y = v;
			spaces(s, n, &k);
			v = num(s, n, &k, 2);
			spaces(s, n, &k);
		}
		memset(d, 0, sizeof *d);   /* simple() may have filled part of it */
		if (v < 1 || v > 12 || !lit(s, n, &k, "月"))
			return 0;
		m = v;
		spaces(s, n, &k);
		v = num(s, n, &k, 2);
		if (v < 1 || v > 31 || !dash(s, n, &k))
			return 0;
		j = k;
		dd2 = num(s, n, &j, 2);
		spaces(s, n, &j);
		if (dd2 < 1 || dd2 > 31 || !lit(s, n, &j, "日"))
			return 0;
		d->y = y;
		d->m = m;
		d->d = v;
		d->d2 = dd2;
		d->len = j;
		return j;
	}
	/* "3月5日-6日", "3月30日—4月2日" */
	j = i;
	if (dash(s, n, &j)) {
		size_t k = j, l;
		v = num(s, n, &k, 2);
		spaces(s, n, &k);
		if (v >= 1 && v <= 31 && (lit(s, n, &k, "日") || lit(s, n, &k, "号"))) {
			d->d2 = v;
			i = k;
		} else if ((l = simple(s + j, n - j, &y2, &m2, &dd2)) > 0 && !y2) {
			d->d2 = dd2;
			i = j + l;
		}
	}
	d->len = i;
	return i;
}

int ipm_date_find(const char *s, size_t n, struct ipm_date *d)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9' || (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9'))
			continue;
		if (ipm_date_at(s + i, n - i, d)) {
			d->off = i;
			return 1;
		}
	}
	return 0;
}

int ipm_period_find(const char *s, size_t n, struct ipm_period *p)
{
	size_t i, j, l;
	int y, m, d, y2, m2, d2;

	for (i = 0; i + 4 < n; i++) {
		if (s[i] < '1' || s[i] > '2' || (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9'))
			continue;
		l = simple(s + i, n - i, &y, &m, &d);
		if (!l || !y) {
			/* "2018年4月16-2018年5月15日": the first day without 日 */
			size_t k = i;
			int v;
			v = num(s, n, &k, 4);
			spaces(s, n, &k);
			if (v < 1900 || v > 2100 || !lit(s, n, &k, "年"))
				continue;
			y = v;
			spaces(s, n, &k);
			m = num(s, n, &k, 2);
			spaces(s, n, &k);
			if (m < 1 || m > 12 || !lit(s, n, &k, "月"))
				continue;
			spaces(s, n, &k);
			d = num(s, n, &k, 2);
			if (d < 1 || d > 31)
				continue;
			l = k - i;
		}
		j = i + l;
		if (!dash(s, n, &j))
			continue;
		l = simple(s + j, n - j, &y2, &m2, &d2);
		if (!l)
			continue;
		p->y1 = y;
		p->m1 = m;
		p->d1 = d;
		p->y2 = y2 ? y2 : (m2 < m ? y + 1 : y);
		p->m2 = m2;
		p->d2 = d2;
		return 1;
	}
	return 0;
}

int ipm_period_year(const struct ipm_period *p, int m, int fallback)
{
	if (!p || !p->y1)
		return fallback;
	if (p->y1 == p->y2 || m >= p->m1)
		return p->y1;
	return p->y2;
}

void ipm_date_iso(int y, int m, int d, char out[16])
{
	if (!y || m < 1 || m > 12 || d < 1 || d > 31) {
		out[0] = '\0';
		return;
	}
	snprintf(out, 16, "%04d-%02d-%02d", y, m, d);
}

/* Days from civil date and back: the proleptic Gregorian calendar counted in
 * 400-year eras of 146097 days (H. Hinnant's algorithm). */
static long days_from_civil(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void ipm_date_from_days(long z, char out[16])
{
	long era, doe, yoe, y, doy, mp, d, m;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	ipm_date_iso((int)(y + (m <= 2)), (int)m, (int)d, out);
}

long ipm_date_days(const char *s)
{
	int y, m, d, i;
	long z;
	char back[16];

	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : !(s[i] >= '0' && s[i] <= '9'))
			return -1;
	if (s[10])
		return -1;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	z = days_from_civil(y, m, d);
	ipm_date_from_days(z, back);   /* 2019-02-30 is not a day */
	return strcmp(back, s) == 0 ? z : -1;
}
