#include "docno.h"

#include <stdio.h>
#include <string.h>

#include "core/utf8.h"
#include "datecn.h"
#include "zh.h"

static const char *const OPEN[] = { "\xE3\x80\x94" /* 〔 */, "[", "\xEF\xBC\xBB" /* ［ */,
	"\xE3\x80\x90" /* 【 */, "\xEF\xBC\x88" /* （ */, "(", "\xEF\xB8\xB9" /* ﹝ */, NULL };
static const char *const CLOSE[] = { "\xE3\x80\x95", "]", "\xEF\xBC\xBD", "\xE3\x80\x91",
	"\xEF\xBC\x89", ")", "\xEF\xB8\xBA", NULL };

static size_t at_any(const char *s, size_t n, size_t i, const char *const *set)
{
	size_t j, k;

	for (j = 0; set[j]; j++) {
		k = strlen(set[j]);
		if (i + k <= n && !memcmp(s + i, set[j], k))
			return k;
	}
	return 0;
}

void ipm_docno_norm(const char *s, size_t n, ipm_buf *out)
{
	ipm_buf sq = {0};
	size_t i = 0, k, c, m;

	ipm_zh_squeeze(s, n, &sq);
	while (sq.s && i < sq.len) {
		if ((k = at_any(sq.s, sq.len, i, OPEN)) > 0 && i + k + 4 <= sq.len &&
		    strspn(sq.s + i + k, "0123456789") == 4) {
			c = i + k + 4;
			if ((m = at_any(sq.s, sq.len, c, CLOSE)) > 0) {
				ipm_buf_adds(out, "\xE3\x80\x94");
				ipm_buf_add(out, sq.s + i + k, 4);
				ipm_buf_adds(out, "\xE3\x80\x95");
				i = c + m;
				continue;
			}
		}
		ipm_buf_addc(out, sq.s[i++]);
	}
	ipm_buf_add(out, "", 0);
	ipm_buf_free(&sq);
}

static size_t skip_sp(const char *s, size_t n, size_t i)
{
	size_t l;

	while (i < n && ipm_is_space_cp(ipm_cp_at(s, n, i, &l)))
		i += l;
	return i;
}

/* The start of the CJK run ending at e (spaces between characters allowed),
 * at most 12 characters. */
static size_t run_back(const char *s, size_t e)
{
	size_t i = e, st = e, chars = 0;

	while (i > 0 && chars < 12) {
		size_t j = i - 1, l;
		uint32_t c;

		while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80)
			j--;
		c = ipm_cp_at(s, i, j, &l);
		if (c == ' ' || c == 0x3000) {
			i = j;
			continue;
		}
		if (!ipm_is_cjk_cp(c))
			break;
		i = j;
		st = j;
		chars++;
	}
	return st;
}

/* Cut the prefix after the last 文件 (a red header run into the number) or
 * 字 of a 文号/发文字号 label left without its colon. */
static size_t cut_prefix(const char *s, size_t st, size_t e)
{
	static const char *const cuts[] = { "文件", "字号", "文号", NULL };
	size_t i, j, best = st;

	for (i = st; i < e; i++)
		for (j = 0; cuts[j]; j++) {
			size_t k = strlen(cuts[j]);
			if (i + k <= e && !memcmp(s + i, cuts[j], k) && i + k > best)
				best = i + k;
		}
	return best;
}

#define digits ipm_digits_at
#define value ipm_digits_value

static int haz(const char *s, size_t n, size_t i, const char *w)
{
	size_t k = strlen(w);

	return i + k <= n && !memcmp(s + i, w, k);
}

/* 号 or the traditional 號 (in case the text was not mapped). */
static size_t hao(const char *s, size_t n, size_t i)
{
	return haz(s, n, i, "号") || haz(s, n, i, "號") ? 3 : 0;
}

static int try_at(const char *s, size_t n, size_t i, size_t ob, struct ipm_docno *d)
{
	size_t p = i + ob, k, c, m, e;

	k = digits(s, n, p);
	if (k < 4 || k > 9)
		return 0;
	d->year = (int)value(s + p, 4);
	if (d->year < 1949 || d->year > 2099)
		return 0;
	d->lost = 0;
	if (k > 4) {
		/* "〔201912号": the closing bracket lost, the serial follows the year */
		if (k > 8)
			return 0;
		d->sstart = p + 4;
		d->slen = k - 4;
		e = p + k;
		d->lost = 1;
	} else {
		c = skip_sp(s, n, p + 4);
		if (!(m = at_any(s, n, c, CLOSE)))
			return 0;
		c = skip_sp(s, n, c + m);
		k = digits(s, n, c);
		if (k < 1 || k > 5)
			return 0;
		d->sstart = c;
		d->slen = k;
		e = c + k;
	}
	if (value(s + d->sstart, d->slen) < 1)
		return 0;
	m = skip_sp(s, n, e);
	if ((k = hao(s, n, m)) > 0)
		e = m + k;
	else
		d->lost = 1;
	d->end = e;
	return 1;
}

int ipm_docno_next(const char *s, size_t n, size_t *pos, struct ipm_docno *d)
{
	size_t i, ob;

	for (i = *pos; i < n; i++) {
		size_t be, st;

		if (!(ob = at_any(s, n, i, OPEN)) || !try_at(s, n, i, ob, d))
			continue;
		be = i;
		while (be > 0 && s[be - 1] == ' ')
			be--;
		st = cut_prefix(s, run_back(s, be), be);
		if (st < *pos)
			st = *pos;   /* not into the number before */
		if (st >= be)
			continue;
		d->start = d->pstart = st;
		d->pend = be;
		*pos = d->end;
		return 1;
	}
	*pos = n;
	return 0;
}

void ipm_docno_format(const char *s, const struct ipm_docno *d, ipm_buf *out)
{
	char num[32];

	ipm_zh_squeeze(s + d->pstart, d->pend - d->pstart, out);
	snprintf(num, sizeof num, "\xE3\x80\x94%d\xE3\x80\x95", d->year);
	ipm_buf_adds(out, num);
	ipm_buf_add(out, s + d->sstart, d->slen);
	ipm_buf_adds(out, "号");
}
