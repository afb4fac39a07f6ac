/* datecn: the full dates a notice prints besides "2019年3月5日" (dates.h):
 * Chinese numerals ("二○一八年三月五日", "二〇一九年十二月三十一日"), dotted,
 * dashed or slashed ("2019.3.5", "2019-03-05", "2019/3/5"), and digits that
 * lost 年 and 月 ("2018315": read only when one month/day split is valid,
 * so "2018115" — 1月15日 or 11月5日 — is no date). */
#ifndef IPM_DATECN_H
#define IPM_DATECN_H

#include <stddef.h>

#include "dates.h"

enum ipm_datecn_form { IPM_DF_NONE = 0, IPM_DF_ZH, IPM_DF_CN, IPM_DF_SEP, IPM_DF_DIGITS };

/* A full date (year, month and day) starting exactly at s: its length in
 * bytes and *d (y, m, d) set, *form which form it was; 0 when none. */
size_t ipm_datecn_at(const char *s, size_t n, struct ipm_date *d, enum ipm_datecn_form *form);
/* The first full date anywhere in s[0..n) (not inside a longer number):
 * 1 and *d set (d->off, d->len where it is), else 0. */
int ipm_datecn_find(const char *s, size_t n, struct ipm_date *d, enum ipm_datecn_form *form);

/* The number of ASCII digits at s[i..n). */
size_t ipm_digits_at(const char *s, size_t n, size_t i);
/* The value of the k digits at s (at most the first 9 count). */
long ipm_digits_value(const char *s, size_t k);

#endif
