#include "zh.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "dates.h"

/* The code point at s[i] into *cp; its length. */
static size_t cp_at(const char *s, size_t n, size_t i, uint32_t *cp)
{
	size_t k;

	*cp = ipm_cp_at(s, n, i, &k);
	return k;
}

/* White space in a cell or a paragraph: a line's, and line breaks. */
static int is_space(uint32_t c)
{
	return ipm_is_space_cp(c) || c == '\n';
}

static int is_alnum(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

int ipm_zh_starts(const char *s, size_t n, const char *p)
{
	size_t k = strlen(p);

	return n >= k && memcmp(s, p, k) == 0;
}

void ipm_zh_trim(const char **s, size_t *n)
{
	const char *p = *s;
	size_t len = *n, i = 0, k;
	uint32_t c;

	if (!p || !len)
		return;
	while (i < len && (k = cp_at(p, len, i, &c)) && is_space(c))
		i += k;
	p += i;
	len -= i;
	while (len > 0) {
		size_t j = ipm_cp_last(p, len);
		cp_at(p, len, j, &c);
		if (!is_space(c))
			break;
		len = j;
	}
	*s = p;
	*n = len;
}

size_t ipm_zh_squeeze(const char *s, size_t n, ipm_buf *b)
{
	size_t i = 0, start = b->len, k;
	uint32_t c, prev = 0;
	int pending = 0;

	while (i < n) {
		k = cp_at(s, n, i, &c);
		if (is_space(c)) {
			pending = 1;
		} else {
			if (pending && is_alnum(prev) && is_alnum(c))
				ipm_buf_addc(b, ' ');
			pending = 0;
			ipm_buf_add(b, s + i, k);
			prev = c;
		}
		i += k;
	}
	return b->len - start;
}

size_t ipm_zh_strip_marks(const char *s, size_t *n)
{
	size_t len = *n, marks = 0;

	for (;;) {
		while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
		if (len >= 1 && s[len - 1] == '*')
			len--;
		else if (len >= 3 && memcmp(s + len - 3, "\xEF\xBC\x8A", 3) == 0)
			len -= 3;   /* U+FF0A full-width asterisk */
		else
			break;
		marks++;
	}
	if (marks)
		*n = len;
	return marks;
}

/* CJK characters that occur in the units of statistical tables. */
static const char unit_chars[] =
	"万亿千百十元美个台户人次件条部块线门路端公里米家项分钟小时吨字节倍点张套座所名篇位册本秒兆吉太瓦千克纳";
static const char *const ascii_units[] = {
	"Mbps", "Gbps", "Tbps", "Kbps", "kbps", "bps", "GB", "TB", "MB", "PB", "EB",
	"KB", "kW", "kWh", "km", "Mb", "Gb", "G", "M", "T", NULL
};

static int ascii_unit(const char *s, size_t n)
{
	size_t i;

	for (i = 0; ascii_units[i]; i++)
		if (strlen(ascii_units[i]) == n && memcmp(ascii_units[i], s, n) == 0)
			return 1;
	return 0;
}

static int looks_like_unit(const char *s, size_t n)
{
	size_t i = 0, k, a0 = 0, na = 0;
	uint32_t c;
	int any = 0;

	ipm_zh_trim(&s, &n);
	if (n == 0 || n > 24)
		return 0;
	while (i <= n) {
		c = 0;
		k = i < n ? cp_at(s, n, i, &c) : 1;
		if (i < n && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
			if (!na)
				a0 = i;
			na += k;
			i += k;
			continue;
		}
		if (na) {
			if (!ascii_unit(s + a0, na))
				return 0;
			na = 0;
			any = 1;
		}
		if (i >= n)
			break;
		if (c == '%' || c == 0xFF05 || c == 0x2030) {
			any = 1;
		} else if (c == '/' || c == ' ') {
			/* ratio units: 部/百人 */
		} else if (c >= 0x80) {
			char tmp[5] = {0};
			memcpy(tmp, s + i, k);
			if (!strstr(unit_chars, tmp))
				return 0;
			any = 1;
		} else {
			return 0;
		}
		i += k;
	}
	return any;
}

size_t ipm_zh_unit_paren(const char *s, size_t n, const char **u, size_t *ulen)
{
	size_t end = n, close, open;

	*u = NULL;
	*ulen = 0;
	while (end > 0 && (s[end - 1] == ' ' || s[end - 1] == '\t'))
		end--;
	if (end >= 1 && s[end - 1] == ')')
		close = end - 1;
	else if (end >= 3 && memcmp(s + end - 3, "\xEF\xBC\x89", 3) == 0)
		close = end - 3;   /* U+FF09 */
	else
		return n;
	for (open = close; open > 0; open--) {
		if (s[open - 1] == '(') {
			open -= 1;
			break;
		}
		if (open >= 3 && memcmp(s + open - 3, "\xEF\xBC\x88", 3) == 0) {
			open -= 3;   /* U+FF08 */
			break;
		}
	}
	if (open == 0)
		return n;   /* no opening parenthesis, or the whole text is one */
	{
		size_t ob = s[open] == '(' ? 1 : 3;
		const char *in = s + open + ob;
		size_t inlen = close - open - ob;

		if (!looks_like_unit(in, inlen))
			return n;
		ipm_zh_trim(&in, &inlen);
		*u = in;
		*ulen = inlen;
	}
	return open;
}

/* Skip a leading prefix p (if present) at *s; returns 1 when skipped. */
static int skip(const char **s, size_t *n, const char *p)
{
	size_t k = strlen(p);

	if (*n >= k && memcmp(*s, p, k) == 0) {
		*s += k;
		*n -= k;
		ipm_zh_trim(s, n);
		return 1;
	}
	return 0;
}

static int strip_suffix(const char *s, size_t *n, const char *p)
{
	size_t k = strlen(p);

	if (*n >= k && memcmp(s + *n - k, p, k) == 0) {
		*n -= k;
		ipm_zh_trim(&s, n);
		return 1;
	}
	return 0;
}

static int all_dashes(const char *s, size_t n)
{
	size_t i = 0, k;
	uint32_t c;

	if (n == 0)
		return 0;
	while (i < n) {
		k = cp_at(s, n, i, &c);
		if (!(c == '-' || c == 0x2014 || c == 0x2013 || c == 0x2012 || c == 0x2010 ||
		      c == 0x2011 || c == 0xFF0D || c == 0x2026 || c == 0x2500 || c == 0x2212 ||
		      is_space(c)))
			return 0;
		i += k;
	}
	return 1;
}

static void parse_cmp(const char **s, size_t *n, struct ipm_zh_num *o)
{
	if (skip(s, n, ">=") || skip(s, n, "\xE2\x89\xA5"))
		o->cmp = IPM_ZH_GE;
	else if (skip(s, n, "<=") || skip(s, n, "\xE2\x89\xA4"))
		o->cmp = IPM_ZH_LE;
	else if (skip(s, n, ">") || skip(s, n, "\xEF\xBC\x9E"))
		o->cmp = IPM_ZH_GT;
	else if (skip(s, n, "<") || skip(s, n, "\xEF\xBC\x9C"))
		o->cmp = IPM_ZH_LT;
}

/* Digits with optional ',' grouping and one '.': canonical JSON text. */
static int canon_number(const char *s, size_t n, int neg, struct ipm_zh_num *o)
{
	char *p = o->num;
	size_t i = 0, nd = 0;
	int dot = 0, lead = 1;

	if (n == 0)
		return 0;
	if (neg)
		*p++ = '-';
	if (s[0] == '.') {
		*p++ = '0';
		lead = 0;
	}
	for (i = 0; i < n; i++) {
		char c = s[i];
		if (c >= '0' && c <= '9') {
			if (++nd > 60)
				return 0;
			if (lead && c == '0' && !dot && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9')
				continue;   /* leading zero */
			lead = 0;
			*p++ = c;
		} else if (c == ',' && !dot && i > 0 && i + 3 < n + 1) {
			continue;
		} else if (c == '.' && !dot && i + 1 < n) {
			dot = 1;
			*p++ = '.';
		} else {
			return 0;
		}
	}
	if (nd == 0)
		return 0;
	*p = '\0';
	o->v = strtod(o->num, NULL);
	if (neg && o->v == 0)
		memmove(o->num, o->num + 1, strlen(o->num));   /* no "-0" */
	return 1;
}

void ipm_zh_parse_num(const char *s, size_t n, struct ipm_zh_num *o)
{
	int neg = 0;

	memset(o, 0, sizeof *o);
	ipm_zh_trim(&s, &n);
	o->marks = (int)ipm_zh_strip_marks(s, &n);
	if (all_dashes(s, n)) {
		o->nodata = 1;
		return;
	}
	if (skip(&s, &n, "\xE2\x86\x91"))
		o->arrow = 1;
	else if (skip(&s, &n, "\xE2\x86\x93"))
		o->arrow = -1;
	parse_cmp(&s, &n, o);
	if (n >= 2 && (s[0] == '(' || ipm_zh_starts(s, n, "\xEF\xBC\x88")) &&
	    (s[n - 1] == ')' || (n >= 3 && memcmp(s + n - 3, "\xEF\xBC\x89", 3) == 0))) {
		size_t ob = s[0] == '(' ? 1 : 3, cb = s[n - 1] == ')' ? 1 : 3;
		if (n < ob + cb)
			return;
		s += ob;
		n -= ob + cb;
		ipm_zh_trim(&s, &n);
		o->paren = 1;
		if (o->cmp == IPM_ZH_EQ)
			parse_cmp(&s, &n, o);
	}
	if (strip_suffix(s, &n, "%") || strip_suffix(s, &n, "\xEF\xBC\x85"))
		o->percent = 1;
	if (skip(&s, &n, "-") || skip(&s, &n, "\xE2\x88\x92") || skip(&s, &n, "\xEF\xBC\x8D"))
		neg = 1;
	else
		skip(&s, &n, "+");
	if (o->arrow < 0)
		neg = !neg;
	o->ok = canon_number(s, n, neg, o);
}

double ipm_zh_unit_scale(const char *u, size_t n, const char **base, size_t *blen)
{
	static const struct { const char *p; double f; } pre[] = {
		{"万亿", 1e12}, {"千亿", 1e11}, {"百亿", 1e10}, {"千万", 1e7},
		{"百万", 1e6}, {"十万", 1e5}, {"亿", 1e8}, {"万", 1e4}, {"千", 1e3}, {NULL, 1}
	};
	size_t i;

	*base = u;
	*blen = n;
	if (memchr(u, '/', n))
		return 1;
	for (i = 0; pre[i].p; i++) {
		size_t k = strlen(pre[i].p);
		if (n > k && memcmp(u, pre[i].p, k) == 0) {
			*base = u + k;
			*blen = n - k;
			return pre[i].f;
		}
	}
	return 1;
}

static int ascii_word(int c)
{
	return c > ' ' && c < 0x7f;
}

void ipm_zh_join(ipm_buf *b, const char *s, size_t n)
{
	if (b->len && n && ascii_word((unsigned char)b->s[b->len - 1]) &&
	    ascii_word((unsigned char)s[0]))
		ipm_buf_addc(b, ' ');
	ipm_buf_add(b, s, n);
}

size_t ipm_zh_skip_bullet(const char *s, size_t n, int *bul)
{
	size_t i = 0, k;
	uint32_t c;

	*bul = 0;
	while (i < n) {
		c = ipm_cp_at(s, n, i, &k);
		if (ipm_is_bullet_cp(c) || c == '*' || (c == '-' && (i + 1 == n || s[i + 1] == ' '))) {
			i += k;
			*bul = 1;
		} else if (*bul && ipm_is_space_cp(c)) {
			i += k;
		} else {
			break;
		}
	}
	return i;
}

/* ---- numbered titles ---- */

/* Length of a run of Chinese numerals 一…十百 at s. */
static size_t cn_num(const char *s, size_t n)
{
	static const char *const d[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "百", "零"};
	size_t i = 0, k, found;

	do {
		found = 0;
		for (k = 0; k < sizeof d / sizeof d[0]; k++)
			if (ipm_zh_starts(s + i, n - i, d[k])) {
				i += 3;
				found = 1;
				break;
			}
	} while (found);
	return i;
}

int ipm_zh_ends_clause(const char *s, size_t n)
{
	static const char *const e[] = {"。", "；", "，", "：", "！", "？"};
	size_t k;

	for (k = 0; k < sizeof e / sizeof e[0]; k++)
		if (n >= 3 && memcmp(s + n - 3, e[k], 3) == 0)
			return 1;
	return 0;
}

/* A title ends in no clause mark, no enumeration comma, no ASCII . ! ? ; */
static int title_end(const char *s, size_t n)
{
	return !ipm_zh_ends_clause(s, n);
}

/* Dot leaders of a table of contents: "....", "……", "···". */
static int leaders(const char *s, size_t n)
{
	return ipm_mem_find(s, n, "....", 4) || ipm_mem_find(s, n, "……", 6) || ipm_mem_find(s, n, "···", 6);
}

/* "一、… 12": a contents line whose dot leaders were lost. */
static int page_ref_at_end(const char *s, size_t n)
{
	size_t k = n;

	while (k > 0 && s[k - 1] >= '0' && s[k - 1] <= '9')
		k--;
	return k < n && k > 0 && s[k - 1] == ' ';
}

/* The level a title's leading mark gives (0: no mark), from the mark alone;
 * *rest gets where the text after a "1." mark starts. */
static int title_mark(const char *s, size_t n, size_t *rest)
{
	size_t i;

	*rest = 0;
	if (ipm_zh_starts(s, n, "【"))
		return n >= 6 && memcmp(s + n - 3, "】", 3) == 0 ? 2 : 0;
	if (ipm_zh_starts(s, n, "第") && (i = cn_num(s + 3, n - 3)) > 0 &&
	    (ipm_zh_starts(s + 3 + i, n - 3 - i, "篇") || ipm_zh_starts(s + 3 + i, n - 3 - i, "章")))
		return ipm_zh_starts(s + 3 + i, n - 3 - i, "篇") ? 1 : 2;
	if ((i = cn_num(s, n)) > 0 && (ipm_zh_starts(s + i, n - i, "、") || ipm_zh_starts(s + i, n - i, "．")))
		return 2;
	if ((ipm_zh_starts(s, n, "（") || ipm_zh_starts(s, n, "(")) &&
	    (i = cn_num(s + (s[0] == '(' ? 1 : 3), n - (s[0] == '(' ? 1 : 3))) > 0) {   /* the rest after the bracket */
		i += s[0] == '(' ? 1 : 3;
		return ipm_zh_starts(s + i, n - i, "）") || ipm_zh_starts(s + i, n - i, ")") ? 3 : 0;
	}
	for (i = 0; i < n && i < 3 && s[i] >= '0' && s[i] <= '9'; i++)
		;
	if (i == 0 || i >= n || (i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9'))
		return 0;
	if (s[i] == '.' || s[i] == ')')
		i++;
	else if (ipm_zh_starts(s + i, n - i, "、") || ipm_zh_starts(s + i, n - i, "．"))
		i += 3;
	else
		return 0;
	while (i < n && s[i] == ' ')
		i++;
	*rest = i;
	return 4;
}

int ipm_zh_heading_level(const char *s, size_t n)
{
	size_t rest, cps;
	struct ipm_date d;
	int lv = n >= 2 ? title_mark(s, n, &rest) : 0;

	if (!lv)
		return 0;
	cps = ipm_cp_count(s, n);
	if (cps < 2 || cps > (lv == 4 ? 40u : 60u) || !title_end(s, n) || leaders(s, n))
		return 0;
	if (lv == 2 && cn_num(s, n) > 0 && page_ref_at_end(s, n))
		return 0;
	/* "1. 2019 工业互联网峰会" is a title; "1. 3月5日，…" a dated item */
	if (lv == 4 && (rest == n || !ipm_has_cjk(s, n) || ipm_date_at(s + rest, n - rest, &d)))
		return 0;
	return lv;
}
