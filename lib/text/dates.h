/* dates: Chinese dates in report text: "4 月 28 日", "3月12—15日",
 * "3月5日-6日", "2月16日消息", "2016年6月1—2日", "2016年1月12日"; the
 * monitoring period "2018年4月16-2018年5月15日" / "2018年12月16日-2019年1月15日";
 * and the year of a month-day date inferred from that period. */
#ifndef IPM_DATES_H
#define IPM_DATES_H

#include <stddef.h>

struct ipm_date {
	int y, m, d;        /* y 0 when the text gives no year */
	int d2;             /* last day of a range ("3月12—15日"), else 0 */
	size_t off, len;    /* where the date text is: s[off..off+len) */
};

/* A date starting exactly at s (spaces allowed around digits): returns its
 * length in bytes (range included, "消息" not), 0 when s does not start with
 * one. Month 1-12, day 1-31 are checked. */
size_t ipm_date_at(const char *s, size_t n, struct ipm_date *d);
/* The first date anywhere in s[0..n): 1 and *d set (d->off is its offset), else 0. */
int ipm_date_find(const char *s, size_t n, struct ipm_date *d);

struct ipm_period {
	int y1, m1, d1, y2, m2, d2;   /* y1 0 when unknown */
};

/* A monitoring period in s: two dates joined by -, —, –, ~ or 至, the first
 * with a year; the second's year may be missing (then y1, or y1+1 when the
 * month goes back). 1 and *p set, else 0. */
int ipm_period_find(const char *s, size_t n, struct ipm_period *p);
/* The year of month m in period p: y1 when y1 == y2 or m is at or after
 * the start month, else y2. fallback when p is unknown (y1 0). */
int ipm_period_year(const struct ipm_period *p, int m, int fallback);
/* "YYYY-MM-DD" of y/m/d into out (11 bytes); "" when y is 0. */
void ipm_date_iso(int y, int m, int d, char out[16]);
/* Days since 1970-01-01 of an ISO "YYYY-MM-DD" (exactly that form, a real
 * calendar day), or -1 when s is not one: dates as numbers for windows. */
long ipm_date_days(const char *s);
/* The "YYYY-MM-DD" of a day number from ipm_date_days. */
void ipm_date_from_days(long days, char out[16]);

#endif
