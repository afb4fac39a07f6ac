#include "datecn.h"

#include <string.h>

#include "core/utf8.h"

/* 〇 ○ 零 Ｏ O -> 0, 一 … 九 -> 1 … 9, 十 -> 10; -1 otherwise. */
static int cn_digit(uint32_t c)
{
	static const uint32_t d[] = { 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D };
	int i;

	if (c == 0x3007 || c == 0x25CB || c == 0x96F6 || c == 0xFF2F || c == 'O' || c == 0x25EF)
		return 0;
	for (i = 0; i < 9; i++)
		if (c == d[i])
			return i + 1;
	return c == 0x5341 ? 10 : -1;
}

static int lit(const char *s, size_t n, size_t *i, const char *w)
{
	size_t l = strlen(w);

	while (*i < n && s[*i] == ' ')
		(*i)++;
	if (*i + l <= n && memcmp(s + *i, w, l) == 0) {
		*i += l;
		return 1;
	}
	return 0;
}

/* A number 1-39 in numerals: 五, 十, 十二, 二十, 三十一. -1 if none. */
static int cn_small(const char *s, size_t n, size_t *i)
{
	int v[3], k = 0, r;
	size_t l, j = *i;

	while (j < n && s[j] == ' ')
		j++;
	while (k < 3 && j < n && (v[k] = cn_digit(ipm_cp_at(s, n, j, &l))) > 0) {
		j += l;
		k++;
	}
	if (k == 1)
		r = v[0];
	else if (k == 2 && v[0] == 10 && v[1] < 10)
		r = 10 + v[1];
	else if (k == 2 && v[0] < 10 && v[1] == 10)
		r = v[0] * 10;
	else if (k == 3 && v[0] < 10 && v[1] == 10 && v[2] < 10)
		r = v[0] * 10 + v[2];
	else
		return -1;
	*i = j;
	return r;
}

static int mdays(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2)
		return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
	return days[m - 1];
}

static int valid(int y, int m, int d)
{
	return y >= 1949 && y <= 2099 && m >= 1 && m <= 12 && d >= 1 && d <= mdays(y, m);
}

static size_t cn_date(const char *s, size_t n, struct ipm_date *d)
{
	size_t i = 0, l;
	int y = 0, k, v;

	for (k = 0; k < 4; k++) {
		if (i >= n || (v = cn_digit(ipm_cp_at(s, n, i, &l))) < 0 || v > 9)
			return 0;
		y = y * 10 + v;
		i += l;
	}
	if (!lit(s, n, &i, "年") || (d->m = cn_small(s, n, &i)) < 0 || !lit(s, n, &i, "月") ||
	    (d->d = cn_small(s, n, &i)) < 0 || !(lit(s, n, &i, "日") || lit(s, n, &i, "号")))
		return 0;
	d->y = y;
	return valid(d->y, d->m, d->d) ? i : 0;
}

size_t ipm_digits_at(const char *s, size_t n, size_t i)
{
	size_t j = i;

	while (j < n && s[j] >= '0' && s[j] <= '9')
		j++;
	return j - i;
}

long ipm_digits_value(const char *s, size_t k)
{
	long v = 0;
	size_t i;

	for (i = 0; i < k && i < 9; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

static size_t digits(const char *s, size_t n, size_t i)
{
	return ipm_digits_at(s, n, i);
}

static int val(const char *s, size_t k)
{
	return (int)ipm_digits_value(s, k);
}

static size_t sep_at(const char *s, size_t n, size_t i, char *want)
{
	static const char *const seps[] = { ".", "-", "/", "\xEF\xBC\x8E" /* ． */, "\xEF\xBC\x8D" /* － */, NULL };
	size_t j;

	for (j = 0; seps[j]; j++)
		if (i + strlen(seps[j]) <= n && !memcmp(s + i, seps[j], strlen(seps[j])) &&
		    (!*want || *want == seps[j][0])) {
			*want = seps[j][0];
			return strlen(seps[j]);
		}
	return 0;
}

static size_t sep_date(const char *s, size_t n, struct ipm_date *d)
{
	size_t i = 4, k, m;
	char want = 0;

	if (digits(s, n, 0) != 4 || !(m = sep_at(s, n, i, &want)))
		return 0;
	i += m;
	if ((k = digits(s, n, i)) < 1 || k > 2)
		return 0;
	d->m = val(s + i, k);
	i += k;
	if (!(m = sep_at(s, n, i, &want)))
		return 0;
	i += m;
	if ((k = digits(s, n, i)) < 1 || k > 2)
		return 0;
	d->d = val(s + i, k);
	i += k;
	d->y = val(s, 4);
	/* "2019.3.5.1" is a version or a section number, not a date */
	if (i < n && (s[i] == '.' || s[i] == '-' || s[i] == '/') && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9')
		return 0;
	return valid(d->y, d->m, d->d) ? i : 0;
}

/* "2018315" / "20180315": the one valid month/day split of the digits after
 * the year. */
static size_t digit_date(const char *s, size_t n, struct ipm_date *d)
{
	size_t k = digits(s, n, 0), ml;
	int y, found = 0, m = 0, dd = 0;

	if (k != 7 && k != 8)
		return 0;
	y = val(s, 4);
	for (ml = 1; ml <= 2; ml++) {
		size_t dl = k - 4 - ml;
		int mm, d2;
		if (dl < 1 || dl > 2)
			continue;
		mm = val(s + 4, ml);
		d2 = val(s + 4 + ml, dl);
		if (valid(y, mm, d2)) {
			found++;
			m = mm;
			dd = d2;
		}
	}
	if (found != 1)
		return 0;
	d->y = y;
	d->m = m;
	d->d = dd;
	return k;
}

size_t ipm_datecn_at(const char *s, size_t n, struct ipm_date *d, enum ipm_datecn_form *form)
{
	size_t k;

	*form = IPM_DF_NONE;
	if ((k = ipm_date_at(s, n, d)) > 0 && d->y && valid(d->y, d->m, d->d)) {
		*form = IPM_DF_ZH;
		d->len = k;
		return k;
	}
	memset(d, 0, sizeof *d);
	if ((k = cn_date(s, n, d)) > 0)
		*form = IPM_DF_CN;
	else if ((k = sep_date(s, n, d)) > 0)
		*form = IPM_DF_SEP;
	else if ((k = digit_date(s, n, d)) > 0)
		*form = IPM_DF_DIGITS;
	if (!k)
		memset(d, 0, sizeof *d);
	d->len = k;
	return k;
}

int ipm_datecn_find(const char *s, size_t n, struct ipm_date *d, enum ipm_datecn_form *form)
{
	size_t i, l, k;
	int prev_digit = 0;

	for (i = 0; i < n; i += l) {
		uint32_t c = ipm_cp_at(s, n, i, &l);
		int dig = (c >= '0' && c <= '9') || cn_digit(c) >= 0;

		if (!prev_digit && dig && (k = ipm_datecn_at(s + i, n - i, d, form)) > 0) {
			d->off = i;
			return 1;
		}
		prev_digit = dig;
	}
	memset(d, 0, sizeof *d);
	return 0;
}
