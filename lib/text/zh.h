/* zh: the text rules for Chinese report text, each in one place: white
 * space (trim, squeeze), joining wrapped lines, item bullets, numbered
 * titles and their heading levels, and for printed tables and yearbooks:
 * squeezing the spaces a PDF puts between CJK characters ("内 蒙 古"),
 * trailing unit parentheses ("软件业务收入 （万元）"), footnote marks, and
 * the number forms statistical tables print ("1,234.5", "（55）", ">70",
 * "↑ 6.94", "29%", "—").
 * Every function appends to a caller's ipm_buf or fills a caller's struct;
 * nothing here allocates memory the caller must free except through ipm_buf. */
#ifndef IPM_ZHTEXT_H
#define IPM_ZHTEXT_H

#include <stddef.h>

#include "core/util.h"

/* Append s[0..n) to b with leading/trailing white space (ASCII, U+3000,
 * U+00A0) removed and inner white space dropped unless it separates two
 * ASCII letters/digits ("内 蒙 古" -> "内蒙古", "IPv4 地址数" -> "IPv4地址数",
 * "New Zealand" stays). Returns the number of bytes appended. */
size_t ipm_zh_squeeze(const char *s, size_t n, ipm_buf *b);

/* Trim white space (as above) from both ends: *s and *n are updated. */
void ipm_zh_trim(const char **s, size_t *n);

/* If s ends in a parenthesis (ASCII or full-width) whose content looks like
 * a unit ("万元", "%", "部 / 百人", "Mbps"), return the offset where the
 * parenthesis starts (the label is s[0..off), trimmed by the caller) and set
 * *u and *ulen to the unit text inside; else return n and leave *u NULL. */
size_t ipm_zh_unit_paren(const char *s, size_t n, const char **u, size_t *ulen);

/* Count trailing footnote marks ('*' or full-width '＊') at the end of
 * s[0..*n), shorten *n to exclude them; returns how many were removed. */
size_t ipm_zh_strip_marks(const char *s, size_t *n);

/* A parsed table value. */
enum ipm_zh_cmp { IPM_ZH_EQ = 0, IPM_ZH_GT, IPM_ZH_LT, IPM_ZH_GE, IPM_ZH_LE };
struct ipm_zh_num {
	int ok;              /* 1: num holds a JSON number text */
	int nodata;          /* the cell says "no data" ("—", "-", "…") */
	int paren;           /* printed in parentheses: "（55）" */
	int percent;         /* ended in '%' */
	int arrow;           /* +1 "↑", -1 "↓" (value signed accordingly) */
	int marks;           /* trailing footnote marks removed */
	enum ipm_zh_cmp cmp; /* ">70" etc. */
	char num[64];        /* canonical JSON number text when ok */
	double v;
};
/* Parse one cell (already trimmed). Never fails: a cell that is not a
 * number leaves ok == 0. Numbers longer than 60 digits are not numbers. */
void ipm_zh_parse_num(const char *s, size_t n, struct ipm_zh_num *out);

/* 1 when s starts with the UTF-8 text p (length of p by strlen). */
int ipm_zh_starts(const char *s, size_t n, const char *p);

/* Scale of a unit's magnitude prefix: "万元" -> 1e4 with *base "元",
 * "亿美元" -> 1e8 "美元", "万亿元" -> 1e12, "%" -> 1 "%". */
double ipm_zh_unit_scale(const char *u, size_t n, const char **base, size_t *blen);

/* Append s to b the way wrapped lines join: nothing between CJK text, one
 * space between two ASCII words (none when either side is already a space). */
void ipm_zh_join(ipm_buf *b, const char *s, size_t n);
/* Leading item marks of s (ipm_is_bullet_cp glyphs, '*', a '-' followed by
 * a space) and the spaces after them: the bytes to skip; *bul set when there
 * was a mark. */
size_t ipm_zh_skip_bullet(const char *s, size_t n, int *bul);
/* 1 when s ends in a clause mark: 。；，：！？ (a wrapped line that does not
 * goes on in the next one). */
int ipm_zh_ends_clause(const char *s, size_t n);
/* Heading level of a numbered title line (1-4), or 0 when the line is not
 * one: "第…篇" 1, "第…章" 2, "一、…" / "一．…" 2, "【…】" 2, "（一）…" 3,
 * "1. …" / "1、…" / "1) …" 4. A title has 2-60 characters (a "1." title
 * 40, with a CJK character, not a date after its number: "1. 3月5日，…" is
 * an item), does not end in a clause mark, 、 or . ! ? ; and is no contents line (dot
 * leaders, or "一、… 12"). */
int ipm_zh_heading_level(const char *s, size_t n);

#endif
