/* pdftext.c: PDF text of a monitoring report -> layout blocks.
 *
 * The input is cut into regions at section headings ("一、…", "【…】"); a region
 * is buffered (bounded: REGION_MAX_LINES / REGION_MAX_BYTES, then flushed as
 * is) so page furniture can be recognised with lookahead. Before a table
 * header ("地区 相关政策 链接") a region is paragraphs; after it, table lines.
 *
 * Table lines become pieces of one column: actor fragment, item text, or URL
 * fragment. With `pdftotext -layout` the column comes from the position on
 * the line; otherwise from the line's shape and its neighbour (a short CJK
 * line after a closed item is an actor; an item starts at a leading date; an
 * ASCII run continues the newest unfinished URL). Pieces build groups (one
 * actor, its items, its URLs in order); each item becomes one row block
 * [actor, item, url] (or [actor, item] in a table without a link column). */
#include "pdftext.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/dict.h"
#include "core/utf8.h"
#include "core/util.h"

#define REGION_MAX_LINES 20000
#define REGION_MAX_BYTES (4u << 20)
#define FURN_MAX 16
#define GROUP_MAX_ITEMS 4096   /* items of one actor held before writing */
#define FULL_PCT 80          /* a line this % of the widest is "full" (wraps) */

enum { F_EMPTY = 1, F_BLANK = 2, F_FF = 4, F_FURN = 8, F_HDR = 16 };
enum { R_NONE, R_ACTOR, R_ITEM, R_LINK };   /* roles of column header words */
enum { K_NONE, K_ACTOR, K_ITEM, K_URL };   /* piece kinds / columns */

typedef struct {
	size_t off, len;   /* raw line in the region buffer */
	long line;
	int flags;
} pl_line;

typedef struct {
	ipm_buf text;
	long line;
} pl_item;

typedef struct {
	ipm_buf actor;
	long actor_line;
	ipm_buf *more;     /* default order: further names printed before any item */
	long *more_lines;
	size_t nmore, capmore;
	pl_item *items;
	size_t nitems, capitems;
	ipm_buf *urls;
	long *url_lines;
	size_t nurls, capurls;
	long actor_last;   /* line of the newest actor fragment */
	int last;          /* kind of the last piece */
	int item_open;     /* the last item line wraps into the next */
} pl_group;

typedef struct {
	ipm_lines *in;
	ipm_blocks *out;
	ipm_rejects *rj;
	const char *name;
	int failed;
	ipm_buf raw;
	pl_line *v;
	size_t n, cap;
	/* paragraphs */
	ipm_buf para;
	long para_line;
	int maxw_para;
	/* tables */
	int ncols;         /* 0: not in a table */
	ipm_buf header;    /* the table header line, to drop repeats */
	int maxw_item;
	int layout;        /* -1 unknown, 0 flowed, 1 side by side (-layout) */
	long prev_line;    /* the table line before the current one */
	int row_break;     /* an empty line or page break since the last line */
	int gap;           /* default order: an empty line since the last table line */
	int pending;       /* -layout: a row may have begun at that break ... */
	size_t pending_url;/* ... and the URLs from this index on are its own */
	int split_open;    /* a row split off and still without a name ... */
	ipm_buf split_actor; /* ... else it continues this one */
	int col_item;      /* -layout: column where items start */
	int split_hdr;     /* the header came as separate words (default order) */
	int held;          /* default order: the group waits for its URLs, which */
	ipm_buf next_actor;/* may come after the next row's name (held here) */
	long next_actor_line;
	pl_group g;
	/* page furniture learnt from this document */
	char *furn[FURN_MAX];
	size_t nfurn;
	long last_page;
	int warned;        /* the reading-order warning was given */
	ipm_buf tmp, tmp2;
} pl_ctx;

/* ---- characters ---- */

static uint32_t cp_at(const char *s, size_t len, size_t i, size_t *n)
{
	const unsigned char *u = (const unsigned char *)s + i;
	uint32_t cp;
	size_t k;

	/* fast paths for ASCII and well-formed 3-byte (CJK) sequences */
	if (u[0] < 0x80) {
		*n = 1;
		return u[0];
	}
	if ((u[0] & 0xF0) == 0xE0 && len - i >= 3 && (u[1] & 0xC0) == 0x80 &&
	    (u[2] & 0xC0) == 0x80) {
		cp = ((uint32_t)(u[0] & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
		if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
			*n = 3;
			return cp;
		}
	}
	k = ipm_utf8_decode(u, len - i, &cp);

	if (k == 0) {
		*n = 1;
		return 0xFFFD;
	}
	*n = k;
	return cp;
}

static int is_space_cp(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' ||
	       c == 0xA0 || c == 0x3000 || c == 0xFEFF;
}

/* Private-use and common bullet glyphs that PDF converters leave in front of items. */
static int is_bullet_cp(uint32_t c)
{
	return (c >= 0xF000 && c <= 0xF0FF) || (c >= 0x2794 && c <= 0x27BF) ||
	       (c >= 0x25A0 && c <= 0x25FF) || c == 0x2022 || c == 0x2023 || c == 0x2043 ||
	       c == 0x2219 || c == 0x2605 || c == 0x2606 || (c >= 0x2660 && c <= 0x2667);
}

static int is_cjk_cp(uint32_t c)
{
	return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
	       (c >= 0x20000 && c <= 0x2FFFF);
}

/* Display width from the lead bytes alone (no decoding): ASCII and 2-byte
 * sequences 1, U+2000-206F (E2 80/81) 1, other 3- and 4-byte sequences 2. */
static int disp_width(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i;
	int w = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = u[i];
		if (c < 0xC0)
			w += c < 0x80;   /* continuation bytes add nothing */
		else if (c < 0xE0)
			w += 1;
		else if (c == 0xE0 || (c == 0xE2 && i + 1 < len && (u[i + 1] == 0x80 || u[i + 1] == 0x81)))
			w += 1;
		else
			w += 2;
	}
	return w;
}

/* Trim spaces (ASCII, NBSP, ideographic, form feed) from both ends. */
static void trim(const char **s, size_t *len)
{
	size_t k;

	while (*len) {
		uint32_t c = cp_at(*s, *len, 0, &k);
		if (!is_space_cp(c))
			break;
		*s += k;
		*len -= k;
	}
	while (*len) {
		size_t i = *len, start = i;
		/* step back to the start of the last code point */
		do
			start--;
		while (start > 0 && ((unsigned char)(*s)[start] & 0xC0) == 0x80);
		if (!is_space_cp(cp_at(*s, *len, start, &k)) || start + k != i)
			break;
		*len = start;
	}
}

/* Strip leading bullets (and spaces after them); returns 1 if there was one. */
static int strip_bullet(const char **s, size_t *len)
{
	size_t k;
	int any = 0;

	while (*len && is_bullet_cp(cp_at(*s, *len, 0, &k))) {
		*s += k;
		*len -= k;
		any = 1;
		trim(s, len);
	}
	return any;
}

static int starts_with(const char *s, size_t len, const char *p)
{
	size_t n = strlen(p);
	return len >= n && memcmp(s, p, n) == 0;
}

static int has_cjk(const char *s, size_t len)
{
	size_t i = 0, k;

	while (i < len) {
		if (is_cjk_cp(cp_at(s, len, i, &k)))
			return 1;
		i += k;
	}
	return 0;
}

static int ends_with_any(const char *s, size_t len, const char *const *set)
{
	for (; *set; set++)
		if (len >= strlen(*set) && memcmp(s + len - strlen(*set), *set, strlen(*set)) == 0)
			return 1;
	return 0;
}

static const char *find(const char *s, size_t len, const char *p, size_t n)
{
	size_t i;

	for (i = 0; n <= len && i + n <= len; i++)
		if (memcmp(s + i, p, n) == 0)
			return s + i;
	return NULL;
}

static int digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

static const char *const terminal_punct[] = { "。", "！", "？", "；", ".", "!", "?", ";", NULL };

/* ---- line shapes ---- */

static size_t skip_sp(const char *s, size_t len, size_t i)
{
	size_t k;

	while (i < len && is_space_cp(cp_at(s, len, i, &k)))
		i += k;
	return i;
}

static size_t skip_digits(const char *s, size_t len, size_t i, size_t max)
{
	size_t j = i;

	while (j < len && j - i < max && s[j] >= '0' && s[j] <= '9')
		j++;
	return j;
}

/* A leading date "4 月 28 日", "2018 年 5 月 3 日", "3月12—15日", "4 月 22 日至 24 日".
 * Returns the byte length of the date, 0 if the text does not start with one. */
static size_t date_lead(const char *s, size_t len)
{
	size_t i = 0, j;
	static const char *const dash[] = { "—", "－", "-", "~", "～", "至", "–", NULL };
	const char *const *d;

	j = skip_digits(s, len, i, 4);
	if (j == i)
		return 0;
	i = skip_sp(s, len, j);
	if (starts_with(s + i, len - i, "年")) {
		i = skip_sp(s, len, i + 3);
		j = skip_digits(s, len, i, 2);
		if (j == i)
			return 0;
		i = skip_sp(s, len, j);
	} else if (j - 0 > 2) {
		return 0;
	}
	if (!starts_with(s + i, len - i, "月"))
		return 0;
	i = skip_sp(s, len, i + 3);
	j = skip_digits(s, len, i, 2);
	if (j == i)
		return 0;
	i = skip_sp(s, len, j);
	for (d = dash; *d; d++)
		if (starts_with(s + i, len - i, *d)) {
			size_t t = skip_sp(s, len, i + strlen(*d));
			size_t u = skip_digits(s, len, t, 2);
			if (u > t) {
				i = skip_sp(s, len, u);
				if (starts_with(s + i, len - i, "日"))
					return i + 3;  /* "22 日至 24 日" handled below too */
			}
			break;
		}
	if (!starts_with(s + i, len - i, "日"))
		return 0;
	return i + 3;
}

/* A date that really starts an item (not "…将于 / 5 月 20 日起实施"). */
static int date_starts_item(const char *s, size_t len)
{
	size_t d = date_lead(s, len), i;

	if (!d)
		return 0;
	i = skip_sp(s, len, d);
	return i == len || starts_with(s + i, len - i, "，") || starts_with(s + i, len - i, ",") ||
	       starts_with(s + i, len - i, "：") || starts_with(s + i, len - i, "消息") ||
	       starts_with(s + i, len - i, "至") || starts_with(s + i, len - i, "、") ||
	       starts_with(s + i, len - i, ":");
}

static int url_start(const char *s, size_t len)
{
	return starts_with(s, len, "http://") || starts_with(s, len, "https://") ||
	       starts_with(s, len, "HTTP://") || starts_with(s, len, "HTTPS://") ||
	       starts_with(s, len, "www.");
}

/* Characters a broken URL line is made of (U+2010/2011 hyphens included). */
static int urlish(const char *s, size_t len)
{
	size_t i = 0, k;

	if (!len)
		return 0;
	while (i < len) {
		uint32_t c = cp_at(s, len, i, &k);
		if (c == 0x2010 || c == 0x2011)
			;
		else if (c > 0x7E || c <= 0x20 || c == '"' || c == '<' || c == '>' ||
		         c == '\\' || c == '^' || c == '`' || c == '{' || c == '}' || c == '|')
			return 0;
		i += k;
	}
	return 1;
}

/* Space-separated words, each made of URL characters. */
static int urlish_words(const char *s, size_t len)
{
	const char *w = s, *e;

	while (w < s + len) {
		e = memchr(w, ' ', (size_t)(s + len - w));
		if (!e)
			e = s + len;
		if (e > w && !urlish(w, (size_t)(e - w)))
			return 0;
		w = e + 1;
	}
	return len > 0;
}

/* "2", "- 2 -", "第 2 页", "2 / 9": a page number; its value or -1. */
static long page_number(const char *s, size_t len)
{
	size_t i = 0, j;
	long v = 0;

	if (starts_with(s, len, "第"))
		i = 3;
	else if (len && (s[0] == '-' || s[0] == '[' || starts_with(s, len, "—")))
		i = s[0] == '-' || s[0] == '[' ? 1 : 3;
	i = skip_sp(s, len, i);
	j = skip_digits(s, len, i, 4);
	if (j == i)
		return -1;
	for (; i < j; i++)
		v = v * 10 + (s[i] - '0');
	i = skip_sp(s, len, j);
	if (i < len && s[i] == '/') {
		i = skip_sp(s, len, i + 1);
		i = skip_sp(s, len, skip_digits(s, len, i, 4));
	}
	if (starts_with(s + i, len - i, "页"))
		i += 3;
	else if (i < len && (s[i] == '-' || s[i] == ']'))
		i++;
	else if (starts_with(s + i, len - i, "—"))
		i += 3;
	return skip_sp(s, len, i) == len ? v : -1;
}

/* A short CJK name: no sentence punctuation, no digits ("、" may join names:
 * "中共中央、国务院"). */
static int actor_like(const char *s, size_t len)
{
	size_t i = 0, k;

	if (!has_cjk(s, len) || disp_width(s, len) > 24)
		return 0;
	while (i < len) {
		uint32_t c = cp_at(s, len, i, &k);
		if ((c >= '0' && c <= '9') || c == ',' || c == '.' || c == ';' || c == ':' ||
		    c == 0x3002 || c == 0xFF0C || c == 0xFF1B || c == 0xFF1A ||
		    c == 0x201C || c == 0x201D || c == 0x300A || c == 0x300B || c == 0xFF01 ||
		    c == 0xFF1F || c == '/')
			return 0;
		i += k;
	}
	return 1;
}

static int cn_numeral(uint32_t c)
{
	static const uint32_t d[] = { 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03,
	                              0x516B, 0x4E5D, 0x5341, 0 };
	size_t i;

	for (i = 0; d[i]; i++)
		if (d[i] == c)
			return 1;
	return 0;
}

static int has_leader(const char *s, size_t len)
{
	return find(s, len, "....", 4) || find(s, len, "……", 6) || find(s, len, "···", 6);
}

/* Section heading: "一、…" / "【…】". Returns its level (2), 0 if none. */
static int section_heading(const char *s, size_t len)
{
	size_t i = 0, k;
	int n = 0;

	if (!len || (unsigned char)s[0] < 0x80)
		return 0;
	if (starts_with(s, len, "【") && ends_with_any(s, len, (const char *const[]){ "】", NULL }))
		return len <= 60 ? 2 : 0;
	if (!cn_numeral(cp_at(s, len, 0, &k)) || has_leader(s, len) || disp_width(s, len) > 80)
		return 0;
	while (i < len && cn_numeral(cp_at(s, len, i, &k)) && n < 3) {
		i += k;
		n++;
	}
	if (!n || !(starts_with(s + i, len - i, "、") || starts_with(s + i, len - i, "．")))
		return 0;
	/* a contents line whose dot leaders were lost: "一、… 1" */
	for (k = len; k > 0 && digit(s[k - 1]); k--)
		;
	if (k < len && k > 0 && s[k - 1] == ' ')
		return 0;
	return ends_with_any(s, len, terminal_punct) || ends_with_any(s, len, (const char *const[]){ "，", NULL })
	       ? 0 : 2;
}

/* Sub-heading "1. 首届数字中国建设峰会". Level 3, or 0. */
static int sub_heading(const char *s, size_t len)
{
	size_t i = skip_digits(s, len, 0, 2);

	if (i == 0 || i >= len || (s[i] != '.' && s[i] != ')' && (unsigned char)s[i] != 0xEF &&
	                           (unsigned char)s[i] != 0xE3))
		return 0;
	if (has_leader(s, len) || disp_width(s, len) > 80 || !has_cjk(s, len))
		return 0;
	if (i < len && (s[i] == '.' || s[i] == ')'))
		i++;
	else if (starts_with(s + i, len - i, "．") || starts_with(s + i, len - i, "、"))
		i += 3;
	else
		return 0;
	i = skip_sp(s, len, i);
	if (i >= len || (s[i] >= '0' && s[i] <= '9' && date_lead(s + i, len - i)))
		return 0;
	return ends_with_any(s, len, terminal_punct) || ends_with_any(s, len, (const char *const[]){ "，", "、", NULL })
	       ? 0 : 3;
}

/* Table header: 2-4 short CJK words such as "地区 相关政策 链接". Returns the
 * number of columns, 0 if not a header. */
static int table_header(const char *s, size_t len)
{
	size_t i = 0, k;
	int words = 0, words2 = 0, inword = 0, wlen = 0;

	if (disp_width(s, len) > 120)
		return 0;
	while (i < len) {
		uint32_t c = cp_at(s, len, i, &k);
		if (is_space_cp(c)) {
			inword = 0;
		} else if (is_cjk_cp(c)) {
			if (!inword) {
				words++;
				wlen = 0;
			}
			inword = 1;
			if (++wlen > 6)
				return 0;
			if (wlen == 2)
				words2++;
		} else {
			return 0;
		}
		i += k;
	}
	/* every word has 2+ characters ("目 录" is no header) */
	return words >= 2 && words <= 4 && words2 == words ? words : 0;
}

/* ---- column header words (lib/data/columns.tsv) ---- */

static ipm_table *colwords;
static int colwords_tried;

static void colwords_load(void)
{
	char *dir = ipm_dict_dir(NULL, "columns.tsv");

	colwords_tried = 1;
	if (dir)
		colwords = ipm_table_load(dir, "columns.tsv");
	else
		ipm_err(NULL, 0, "warning: columns.tsv not found (set IPM_DATA): a table header "
		        "split into words stays paragraphs");
	free(dir);
}

/* The role of a line that is exactly one column header word ("链接"), else R_NONE. */
static int column_word(const char *s, size_t len)
{
	static const char *const roles[] = { "actor", "item", "link" };
	size_t r, n;
	int wc, rc, k;

	if (len > 24 || !has_cjk(s, len))
		return R_NONE;
	if (!colwords_tried)
		colwords_load();
	if (!colwords)
		return R_NONE;
	wc = ipm_table_col(colwords, "word");
	rc = ipm_table_col(colwords, "role");
	n = ipm_table_nrows(colwords);
	for (r = 0; r < n; r++) {
		if (ipm_table_len(colwords, r, wc) != len || memcmp(ipm_table_cell(colwords, r, wc), s, len))
			continue;
		for (k = 0; k < 3; k++)
			if (strcmp(ipm_table_cell(colwords, r, rc), roles[k]) == 0)
				return R_ACTOR + k;
	}
	return R_NONE;
}

/* ---- output ---- */

static void out_fail(pl_ctx *c, int rc)
{
	if (rc != 0)
		c->failed = 1;
}

static void drop(pl_ctx *c, long line, const char *why, const char *s, size_t len)
{
	ipm_reject(c->rj, c->name, line, why, s, len);
}

static void para_flush(pl_ctx *c)
{
	if (c->para.len)
		out_fail(c, ipm_blocks_para(c->out, c->para.s, c->para.len, c->para_line));
	ipm_buf_clear(&c->para);
}

/* ---- groups (one actor with its items and URLs) ---- */

static void url_append(ipm_buf *b, const char *s, size_t len)
{
	size_t i = 0, k;

	while (i < len) {
		uint32_t cp = cp_at(s, len, i, &k);
		if (cp == 0x2010 || cp == 0x2011)
			ipm_buf_addc(b, '-');   /* a hyphen glyph inside a URL is '-' */
		else
			ipm_buf_add(b, s + i, k);
		i += k;
	}
}

/* The month and day a URL carries ("2018-04/28", "20180510", "t20180427",
 * "2019/2/27") as month*31+day, or -1. */
static int url_day(const char *s, size_t len)
{
	size_t i, j, k;

	for (i = 0; i + 6 <= len; i++) {
		int mo = 0, da = 0, sep1, sep2;
		if (s[i] != '2' || s[i + 1] != '0' || !digit(s[i + 2]) || !digit(s[i + 3]) ||
		    (i > 0 && digit(s[i - 1])))
			continue;
		j = i + 4;
		sep1 = j < len && (s[j] == '-' || s[j] == '/');
		j += sep1;
		k = skip_digits(s, len, j, 2);
		if (k == j || (!sep1 && k - j != 2))
			continue;
		for (; j < k; j++)
			mo = mo * 10 + (s[j] - '0');
		sep2 = j < len && (s[j] == '-' || s[j] == '/');
		j += sep2;
		k = skip_digits(s, len, j, 2);
		if (k == j || (!sep2 && k - j != 2) || (k < len && digit(s[k])))
			continue;
		for (; j < k; j++)
			da = da * 10 + (s[j] - '0');
		if (mo >= 1 && mo <= 12 && da >= 1 && da <= 31)
			return mo * 31 + da;
	}
	return -1;
}

/* The item's leading date as month*31+day, or -1. */
static int item_day(const char *s, size_t len)
{
	size_t d = date_lead(s, len), i = 0, j;
	int num[3], n = 0;

	while (i < d && n < 3) {
		j = skip_digits(s, d, i, 4);
		if (j > i) {
			num[n] = 0;
			for (; i < j; i++)
				num[n] = num[n] * 10 + (s[i] - '0');
			n++;
		} else {
			i++;
		}
	}
	if (n < 2)
		return -1;
	if (find(s, d, "年", 3) && n == 3)
		return num[1] * 31 + num[2];
	return num[0] * 31 + num[1];
}

/* Score of pairing item i with URL j: a pair is worth 20 (pair as many as
 * possible); a URL dated 0-10 days after the item fits it, the closer the
 * better (news is reported late); a dated URL that does not fit is worth 10. */
static int pair_score(const pl_group *g, size_t i, size_t j)
{
	int id = item_day(g->items[i].text.s, g->items[i].text.len);
	int ud = url_day(g->urls[j].s, g->urls[j].len), diff;

	if (id < 0 || ud < 0)
		return 20;
	diff = (ud - id + 372) % 372;
	return diff <= 10 ? 31 - diff : 10;
}

/* Pair items with URLs. Equal counts pair in order; otherwise an
 * order-keeping alignment that pairs as many as it can and prefers URLs whose
 * date fits the item's date. pair[i] gets a URL index or -1. */
static void pair_urls(const pl_group *g, long *pair)
{
	size_t n = g->nitems, m = g->nurls, i, j, w = m + 1;
	int *best;

	for (i = 0; i < n; i++)
		pair[i] = i < m ? (long)i : -1;
	if (n == m || m == 0 || n == 0 || n > 500 || m > 500)   /* table <= 1 MB */
		return;
	best = ipm_calloc((n + 1) * w, sizeof *best);
	for (i = 1; i <= n; i++)
		for (j = 1; j <= m; j++) {
			int v = best[(i - 1) * w + j - 1] + pair_score(g, i - 1, j - 1);
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
}

/* Does item text t name actor a (its first two characters, "天津" of 天津市)? */
static int names_actor(const ipm_buf *t, const ipm_buf *a)
{
	size_t k, n = 0, i;

	for (i = 0; i < a->len && n < 2; n++) {
		cp_at(a->s, a->len, i, &k);
		i += k;
	}
	return n == 2 && t->len && find(t->s, t->len, a->s, i) != NULL;
}

/* Default order, a table read column by column: k names, then the items of
 * all k rows. Split the items into k runs in order (each name one run at
 * least), so that as many items as possible name their row's actor.
 * owner[i] gets the name index of item i (0: g->actor, j: g->more[j-1]). */
static void partition_items(const pl_group *g, size_t *owner)
{
	size_t k = g->nmore + 1, m = g->nitems, i, j;
	int *best;
	unsigned char *adv;

	if (m < k || k * m > (1u << 20)) {
		for (i = 0; i < m; i++)
			owner[i] = i < k ? i : k - 1;
		return;
	}
	best = ipm_malloc(k * m * sizeof *best);
	adv = ipm_calloc(k * m, 1);
	for (i = 0; i < m; i++)
		for (j = 0; j < k && j <= i; j++) {
			const ipm_buf *a = j ? &g->more[j - 1] : &g->actor;
			int sc = names_actor(&g->items[i].text, a), stay = -1, step = -1;
			if (i == 0) {
				best[0] = sc;
				continue;
			}
			if (j < i)
				stay = best[(i - 1) * k + j];
			if (j > 0)
				step = best[(i - 1) * k + j - 1];
			if (stay < 0 && step < 0) {
				best[i * k + j] = -1000000;
				continue;
			}
			adv[i * k + j] = step > stay;
			best[i * k + j] = sc + (step > stay ? step : stay);
		}
	for (i = m, j = k - 1; i-- > 0;) {
		owner[i] = j;
		if (i > 0 && adv[i * k + j])
			j--;
	}
	free(best);
	free(adv);
}

static void group_emit(pl_ctx *c)
{
	pl_group *g = &c->g;
	size_t i;
	long *pair = ipm_malloc((g->nitems + 1) * sizeof *pair);
	size_t *owner = ipm_calloc(g->nitems + 1, sizeof *owner);
	unsigned char *used = ipm_calloc(g->nurls + 1, 1);

	if (!g->actor.len && c->split_open && c->split_actor.len)
		ipm_buf_add(&g->actor, c->split_actor.s, c->split_actor.len);
	c->split_open = 0;
	if (g->nitems == 0 && g->actor.len)
		drop(c, g->actor_line, "pdf: actor without item", g->actor.s, g->actor.len);
	if (g->nmore)
		partition_items(g, owner);
	for (i = 0; i < g->nmore; i++)
		if (g->nitems <= i + 1 || owner[g->nitems - 1] < i + 1)
			drop(c, g->more_lines[i], "pdf: actor without item", g->more[i].s, g->more[i].len);
	pair_urls(g, pair);
	for (i = 0; i < g->nitems; i++) {
		const char *cells[3];
		size_t lens[3], n = c->ncols >= 3 ? 3 : 2;
		long u = pair[i];
		const ipm_buf *a = g->nmore && owner[i] ? &g->more[owner[i] - 1] : &g->actor;
		cells[0] = a->len ? a->s : "";
		lens[0] = a->len;
		cells[1] = g->items[i].text.s ? g->items[i].text.s : "";
		lens[1] = g->items[i].text.len;
		cells[2] = u >= 0 ? g->urls[u].s : "";
		lens[2] = u >= 0 ? g->urls[u].len : 0;
		if (u >= 0)
			used[u] = 1;
		out_fail(c, ipm_blocks_row(c->out, cells, lens, n, g->items[i].line));
	}
	for (i = 0; i < g->nurls; i++)
		if (!used[i])
			drop(c, g->url_lines[i], "pdf: url without item", g->urls[i].s, g->urls[i].len);
	free(pair);
	free(owner);
	free(used);
	ipm_buf_clear(&g->actor);
	for (i = 0; i < g->nmore; i++)
		ipm_buf_clear(&g->more[i]);
	g->nmore = 0;
	for (i = 0; i < g->nitems; i++)
		ipm_buf_clear(&g->items[i].text);
	for (i = 0; i < g->nurls; i++)
		ipm_buf_clear(&g->urls[i]);
	g->nitems = g->nurls = 0;
	g->last = K_NONE;
	g->item_open = 0;
}

/* Write out the group with its URLs before index keep; the URLs from keep on
 * stay, as the first URLs of a new group without a name yet. */
static void group_split(pl_ctx *c, size_t keep)
{
	pl_group *g = &c->g;
	size_t n = g->nurls, j;

	g->nurls = keep;
	ipm_buf_clear(&c->split_actor);
	if (g->actor.len)
		ipm_buf_add(&c->split_actor, g->actor.s, g->actor.len);
	group_emit(c);
	c->split_open = 1;
	for (j = 0; keep + j < n; j++) {
		ipm_buf t = g->urls[j];
		long l = g->url_lines[j];
		g->urls[j] = g->urls[keep + j];
		g->url_lines[j] = g->url_lines[keep + j];
		g->urls[keep + j] = t;
		g->url_lines[keep + j] = l;
	}
	g->nurls = n - keep;
}

static void group_free(pl_group *g)
{
	size_t i;

	ipm_buf_free(&g->actor);
	for (i = 0; i < g->capmore; i++)
		ipm_buf_free(&g->more[i]);
	free(g->more);
	free(g->more_lines);
	for (i = 0; i < g->capitems; i++)
		ipm_buf_free(&g->items[i].text);
	for (i = 0; i < g->capurls; i++)
		ipm_buf_free(&g->urls[i]);
	free(g->items);
	free(g->urls);
	free(g->url_lines);
}

static pl_item *item_new(pl_group *g, long line)
{
	if (g->nitems == g->capitems) {
		size_t n = g->capitems ? g->capitems * 2 : 8;
		g->items = ipm_realloc(g->items, n * sizeof *g->items);
		memset(g->items + g->capitems, 0, (n - g->capitems) * sizeof *g->items);
		g->capitems = n;
	}
	g->items[g->nitems].line = line;
	ipm_buf_clear(&g->items[g->nitems].text);
	return &g->items[g->nitems++];
}

/* Grow a list of texts with their source lines (new texts empty). */
static void grow_lined(ipm_buf **v, long **lines, size_t *cap)
{
	size_t n = *cap ? *cap * 2 : 8;

	*v = ipm_realloc(*v, n * sizeof **v);
	*lines = ipm_realloc(*lines, n * sizeof **lines);
	memset(*v + *cap, 0, (n - *cap) * sizeof **v);
	*cap = n;
}

static ipm_buf *url_new(pl_group *g, long line)
{
	if (g->nurls == g->capurls)
		grow_lined(&g->urls, &g->url_lines, &g->capurls);
	g->url_lines[g->nurls] = line;
	ipm_buf_clear(&g->urls[g->nurls]);
	return &g->urls[g->nurls++];
}

/* Does a URL look finished (a file name or a query at its end)? */
static int url_done(const ipm_buf *u)
{
	static const char *const ext[] = { ".htm", ".html", ".shtml", ".shtm", ".php", ".asp",
	                                   ".aspx", ".jsp", ".pdf", ".xml", NULL };
	const char *q = u->len ? memchr(u->s, '?', u->len) : NULL;

	if (ends_with_any(u->s, u->len, ext))
		return 1;
	if (q && memchr(q, '=', (size_t)(u->s + u->len - q)) && u->s[u->len - 1] != '=')
		return 1;
	return 0;
}

/* "http://" alone at a line's end: the address follows on the next line. */
static int bare_scheme(const ipm_buf *u)
{
	return u->len >= 3 && u->len <= 8 && memcmp(u->s + u->len - 3, "://", 3) == 0;
}

/* "l" after a URL ending in ".htm" or ".shtm": the tail of ".html" wrapped alone. */
static int html_tail(const ipm_buf *u, const char *s, size_t len)
{
	return len == 1 && s[0] == 'l' && u->len >= 4 && memcmp(u->s + u->len - 3, "htm", 3) == 0;
}

/* A URL fragment: continue the URL just before, else the newest unfinished one. */
static void url_fragment(pl_ctx *c, const char *s, size_t len, long line)
{
	pl_group *g = &c->g;
	size_t i;

	if (g->nurls == 0) {
		drop(c, line, "pdf: url fragment without url", s, len);
		return;
	}
	if (g->last != K_URL || (c->split_hdr && url_done(&g->urls[g->nurls - 1]))) {
		for (i = g->nurls; i-- > 0 && i + 64 >= g->nurls;)   /* bounded look back */
			if (!url_done(&g->urls[i])) {
				url_append(&g->urls[i], s, len);
				return;
			}
		if (c->split_hdr && url_done(&g->urls[g->nurls - 1]) &&
		    !html_tail(&g->urls[g->nurls - 1], s, len)) {
			drop(c, line, "pdf: url fragment without url", s, len);
			return;   /* default order: the head of this URL is elsewhere */
		}
	}
	url_append(&g->urls[g->nurls - 1], s, len);
}

static void item_text(pl_ctx *c, const char *s, size_t len, long line)
{
	pl_group *g = &c->g;
	pl_item *it = g->nitems ? &g->items[g->nitems - 1] : item_new(g, line);
	int w = disp_width(s, len);

	ipm_text_join(&it->text, s, len);
	if (w > c->maxw_item)
		c->maxw_item = w;
	g->item_open = w * 100 >= c->maxw_item * FULL_PCT && !ends_with_any(s, len, terminal_punct);
	g->last = K_ITEM;
}

/* Default order, a table read column by column: a name after an empty line,
 * when the group has names but nothing else yet, is the next row's name; a
 * name's next line joins it. Returns 1 when the piece was taken here. */
static int another_name(pl_ctx *c, const char *s, size_t len, long line)
{
	pl_group *g = &c->g;

	if (!c->split_hdr || g->nitems || g->nurls || !g->actor.len || g->last != K_ACTOR)
		return 0;
	if (!c->gap && g->nmore) {
		ipm_text_join(&g->more[g->nmore - 1], s, len);
		return 1;
	}
	if (!c->gap)
		return 0;
	if (g->nmore == g->capmore)
		grow_lined(&g->more, &g->more_lines, &g->capmore);
	ipm_buf_clear(&g->more[g->nmore]);
	ipm_buf_add(&g->more[g->nmore], s, len);
	g->more_lines[g->nmore++] = line;
	return 1;
}

/* Default reading order: a row's URLs, or the rest of its last item after a
 * page break, may be printed after the next row's name. So a name after items
 * holds the group: URLs go to it until it has one per item, item text without
 * a leading date continues its last item; a new item releases it. Returns 1
 * when the piece was taken here. */
static void held_release(pl_ctx *c)
{
	pl_group *g = &c->g;

	if (!c->held)
		return;
	c->held = 0;
	group_emit(c);
	ipm_buf_add(&g->actor, c->next_actor.s, c->next_actor.len);
	g->actor_line = c->next_actor_line;
	g->actor_last = c->next_actor_line;
	g->last = K_ACTOR;
	ipm_buf_clear(&c->next_actor);
}

static int held_piece(pl_ctx *c, const char *s, size_t len, long line, int kind, int bullet)
{
	pl_group *g = &c->g;

	if (!c->split_hdr)
		return 0;
	if (!c->held && kind == K_ACTOR && g->nitems && g->actor.len && disp_width(s, len) <= 2) {
		ipm_text_join(&g->actor, s, len);   /* "黑龙江" … "省": a name's last character */
		return 1;
	}
	if (!c->held && kind == K_ACTOR && g->nitems && g->last != K_ACTOR) {
		c->held = 1;
		ipm_buf_clear(&c->next_actor);
		c->next_actor_line = line;
	}
	if (!c->held)
		return 0;
	if (kind == K_ACTOR) {
		ipm_text_join(&c->next_actor, s, len);
		return 1;
	}
	if (kind == K_URL && (!url_start(s, len) || g->nurls < g->nitems))
		return 0;   /* the held group's own URL (or a piece of it) */
	if (kind == K_ITEM && !bullet && !date_lead(s, len))
		return 0;   /* the held group's last item goes on past a page break */
	held_release(c);
	return 0;
}

/* One piece of a table line whose column is known (kind) or to be guessed (K_NONE). */
static void piece(pl_ctx *c, const char *s, size_t len, long line, int kind, int bullet)
{
	pl_group *g = &c->g;

	if (!len)
		return;
	if (kind == K_NONE) {
		if (url_start(s, len))
			kind = K_URL;
		else if (bullet || (date_lead(s, len) && (!g->item_open || date_starts_item(s, len))))
			kind = K_ITEM, bullet = 1;
		else if (urlish(s, len) && g->nurls && (g->last == K_URL || !url_done(&g->urls[g->nurls - 1]) ||
		                                        !g->item_open))
			kind = K_URL;
		else if (actor_like(s, len) && (g->last == K_ACTOR || !g->item_open || (c->split_hdr && c->gap)))
			kind = K_ACTOR;
		else
			kind = K_ITEM;
	} else if (kind == K_ITEM) {
		bullet = bullet || date_lead(s, len);
	}
	if (c->pending && kind != K_URL) {
		/* -layout: a new item after an empty line begins a new row */
		if (kind == K_ITEM && bullet && c->pending_url <= g->nurls)
			group_split(c, c->pending_url);
		c->pending = 0;
	}
	if (held_piece(c, s, len, line, kind, bullet))
		return;
	switch (kind) {
	case K_ACTOR:
		if (another_name(c, s, len, line))
			break;
		if (c->layout == 1) {
			/* -layout: the pieces of a name sit on nearby lines of one row
			 * (every other line when the name is centred in its cell); a
			 * row begun without a name takes the first one printed in it */
			if (g->actor.len && line - g->actor_last > 2)
				group_emit(c);
		} else if (g->last != K_ACTOR || g->nitems) {
			if (g->nitems || g->actor.len)
				group_emit(c);
		}
		if (!g->actor.len)
			g->actor_line = line;
		c->split_open = 0;
		ipm_text_join(&g->actor, s, len);
		g->actor_last = line;
		g->last = K_ACTOR;
		break;
	case K_URL:
		if (url_start(s, len) && !(g->nurls && bare_scheme(&g->urls[g->nurls - 1])))
			url_append(url_new(g, line), s, len);
		else
			url_fragment(c, s, len, line);
		g->last = K_URL;
		break;
	default:
		if (bullet && g->nitems >= GROUP_MAX_ITEMS) {
			/* bounded memory: write out a huge group, keep its actor */
			ipm_buf_clear(&c->tmp);
			if (g->actor.len)
				ipm_buf_add(&c->tmp, g->actor.s, g->actor.len);
			group_emit(c);
			if (c->tmp.len)
				ipm_buf_add(&g->actor, c->tmp.s, c->tmp.len);
		}
		if (bullet)
			item_new(g, line);
		item_text(c, s, len, line);
		break;
	}
}

/* Does the text before n (spaces skipped) end a sentence? */
static int sentence_end_before(const char *s, size_t n)
{
	while (n > 0 && s[n - 1] == ' ')
		n--;
	return ends_with_any(s, n, terminal_punct);
}

static void table_line_split(pl_ctx *c, const char *s, size_t len, long line, int kind);

/* Default reading order (split header) only: text of the other columns runs
 * into a URL line. Length of s's leading run of ASCII (the URL part). */
static size_t ascii_prefix(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && (unsigned char)s[i] < 0x80)
		i++;
	while (i > 0 && s[i - 1] == ' ')
		i--;
	return i;
}

/* Does s hold any of the characters of set? */
static int has_any(const char *s, size_t len, const char *set)
{
	for (; *set; set++)
		if (memchr(s, *set, len))
			return 1;
	return 0;
}

static int lower_word(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] < 'a' || s[i] > 'z')
			return 0;
	return len > 0;
}

/* "…的通知》。 67148.htm": a URL's tail printed after item text on the same
 * line. Returns where that last word starts, or NULL. */
static const char *url_tail_at_end(const pl_group *g, const char *s, size_t len)
{
	const char *p = s + len;
	size_t n;

	while (p > s && p[-1] != ' ')
		p--;
	n = len - (size_t)(p - s);
	if (p == s || !has_cjk(s, (size_t)(p - s)) || !urlish(p, n))
		return NULL;
	/* "html", "ml" alone only after an unfinished URL ("….", "….ht") */
	if (!has_any(p, n, "/._?=") && !(n <= 5 && lower_word(p, n) && g->nurls &&
	                                 !url_done(&g->urls[g->nurls - 1])))
		return NULL;
	return p;
}

/* "国家发展和 2 月 19 日，…" then "改革委员会 “互联网+”…": a name split over
 * two lines whose second part starts the next line (default order only).
 * Returns the length of that leading name part, 0 if none. */
static size_t name_rest_at_start(const pl_ctx *c, const char *s, size_t len, long line)
{
	const char *sp = memchr(s, ' ', len);
	size_t n = sp ? (size_t)(sp - s) : len;

	if (!c->split_hdr || !c->g.actor.len || c->g.actor_last != line - 1 || c->g.nitems != 1 ||
	    !actor_like(s, n) || disp_width(s, n) > 12)
		return 0;
	return n;
}

/* CJK text after a URL on one line: a name's last character or two
 * ("…c186327局") end the actor; anything else is item text. */
static void text_after_url(pl_ctx *c, const char *s, size_t len, long line, int kind)
{
	trim(&s, &len);
	if (!len)
		return;
	if (c->g.actor.len && c->g.nitems && actor_like(s, len) && disp_width(s, len) <= 4) {
		ipm_text_join(&c->g.actor, s, len);
		return;
	}
	table_line_split(c, s, len, line, kind == K_URL ? K_NONE : kind);
}

/* A table line: split "海南 4 月 25 日，… http://…" into its columns. kind is
 * K_ITEM when the line is known to sit in the item column (-layout), else
 * K_NONE (guess from the shape). */
static void table_line_split(pl_ctx *c, const char *s, size_t len, long line, int kind)
{
	const char *h = NULL, *p;
	int bullet = strip_bullet(&s, &len);
	size_t n;

	for (p = s; (p = find(p, len - (size_t)(p - s), " http", 5)) != NULL; p++)
		if (url_start(p + 1, len - (size_t)(p + 1 - s)))
			h = p;
	if (h) {
		size_t rest = len - (size_t)(h + 1 - s), u = rest;
		table_line_split(c, s, (size_t)(h - s), line, kind);
		if (c->split_hdr)
			u = ascii_prefix(h + 1, rest);
		piece(c, h + 1, u, line, K_URL, 0);
		if (u < rest)
			text_after_url(c, h + 1 + u, rest - u, line, kind);
		return;
	}
	if (kind == K_NONE && (n = name_rest_at_start(c, s, len, line)) > 0) {
		const char *r = s + n;
		size_t rl = len - n;
		ipm_text_join(&c->g.actor, s, n);   /* (one line only: actor_last stays) */
		trim(&r, &rl);
		if (rl)
			table_line_split(c, r, rl, line, K_ITEM);
		return;
	}
	if (c->split_hdr && kind != K_URL && (p = url_tail_at_end(&c->g, s, len)) != NULL) {
		const char *l = s;
		size_t ll = (size_t)(p - s);
		trim(&l, &ll);
		table_line_split(c, l, ll, line, kind);
		piece(c, p, len - (size_t)(p - s), line, K_URL, 0);
		return;
	}
	p = memchr(s, ' ', len);
	if (kind == K_NONE && !bullet && p && actor_like(s, (size_t)(p - s))) {
		const char *r = p, *r2;
		size_t rl = len - (size_t)(p - s), rl2;
		int b;
		trim(&r, &rl);
		r2 = r;
		rl2 = rl;
		b = strip_bullet(&r2, &rl2);
		if (b || date_starts_item(r2, rl2)) {
			piece(c, s, (size_t)(p - s), line, K_ACTOR, 0);
			table_line_split(c, r, rl, line, K_ITEM);
			return;
		}
	}
	/* "… ➢ 3月9日消息，…" or "…工作。 2月24日消息，…": a bullet after a space,
	 * or a date after a sentence's end and a space, starts another item */
	for (p = s + 1; p < s + len; p++) {
		size_t k, rest = len - (size_t)(p - s);
		if (p[-1] != ' ')
			continue;
		if (((unsigned char)*p >= 0xE2 && is_bullet_cp(cp_at(p, rest, 0, &k))) ||
		    (digit(*p) && sentence_end_before(s, (size_t)(p - s)) && date_starts_item(p, rest))) {
			const char *l = s;
			size_t ll = (size_t)(p - s);
			trim(&l, &ll);
			table_line_split(c, l, ll, line, kind);
			table_line_split(c, p, rest, line, kind == K_NONE ? K_NONE : K_ITEM);
			return;
		}
	}
	if (kind == K_ITEM && url_start(s, len)) {
		piece(c, s, len, line, K_URL, 0);
		return;
	}
	piece(c, s, len, line, kind, bullet);
}

static void table_line_flowed(pl_ctx *c, const char *s, size_t len, long line)
{
	table_line_split(c, s, len, line, K_NONE);
}

/* Segments of a -layout line: text runs split at 2+ spaces; col counts code
 * points, as pdftotext -layout places them. */
typedef struct {
	size_t off, len;
	int col;
} pl_seg;

#define SEG_MAX 16

static size_t segments(const char *s, size_t len, pl_seg *seg, size_t max)
{
	size_t i = 0, k, n = 0;
	int col = 0, sp = 0;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		int space = c == ' ' || c == '\t' || c == '\r' || c == '\f' ||
		            (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0);
		k = c == 0xC2 && space ? 2 : 1;
		if (space) {
			sp++;
		} else if ((c & 0xC0) != 0x80) {   /* a code point starts here */
			if (n == 0 || sp >= 2) {
				if (n == max)
					return n;
				seg[n].off = i;
				seg[n].col = col;
				n++;
			}
			sp = 0;
		}
		if (n && !space)
			seg[n - 1].len = i + k - seg[n - 1].off;
		if ((c & 0xC0) != 0x80)
			col += c == '\t' ? 8 - col % 8 : c == '\f' ? 0 : 1;
		i += k;
	}
	return n;
}

/* Decide whether table lines sit side by side (-layout) and where items start. */
static void layout_detect(pl_ctx *c, size_t from)
{
	size_t i, n, j, wide = 0, lines = 0;
	int hist[64] = { 0 }, best = 0;
	pl_seg seg[SEG_MAX];

	for (i = from; i < c->n; i++) {
		const char *s = c->raw.s + c->v[i].off;
		if (c->v[i].flags & (F_EMPTY | F_BLANK | F_FURN))
			continue;
		lines++;
		n = segments(s, c->v[i].len, seg, SEG_MAX);
		if (n >= 2 || (n == 1 && seg[0].col >= 4))
			wide++;
		for (j = 0; j < n; j++) {
			const char *t = s + seg[j].off;
			size_t tl = seg[j].len;
			strip_bullet(&t, &tl);
			if (seg[j].col > 0 && seg[j].col < 64 && date_lead(t, tl))
				hist[seg[j].col]++;
		}
	}
	c->layout = lines >= 4 && wide * 100 >= lines * 40;
	for (i = 1; i < 64; i++)
		if (hist[i] > hist[best])
			best = (int)i;
	c->col_item = best;
}

/* Item text of a -layout line; URL pieces glued on by one space go to the
 * link column ("…实施细 gg/201902/t2019", "…医疗 122486782.htm http://…"). */
static void layout_item(pl_ctx *c, const char *t, size_t tl, long line)
{
	const char *cut = NULL, *p, *w;
	int mark = 0;

	/* the longest tail of URL-shaped words after CJK text and a space */
	for (p = t + tl; p > t;) {
		const char *sp = p;
		while (sp > t && sp[-1] != ' ')
			sp--;
		if (sp == t || !urlish(sp, (size_t)(p - sp)))
			break;
		for (w = sp; w < p; w++)
			mark |= strchr("/._=?&%-", *w) != NULL;
		mark |= p - sp >= 6;
		if (sp - 1 > t && (unsigned char)sp[-2] >= 0x80)
			cut = sp - 1;
		p = sp - 1;
	}
	if (c->ncols >= 3 && cut && (mark || (c->g.nurls && (!url_done(&c->g.urls[c->g.nurls - 1]) ||
	                                                   html_tail(&c->g.urls[c->g.nurls - 1], cut + 1,
	                                                             (size_t)(t + tl - cut - 1)))))) {
		table_line_split(c, t, (size_t)(cut - t), line, K_ITEM);
		for (w = cut + 1; w < t + tl;) {
			const char *e = memchr(w, ' ', (size_t)(t + tl - w));
			if (!e)
				e = t + tl;
			if (e > w)
				piece(c, w, (size_t)(e - w), line, K_URL, 0);
			w = e + 1;
		}
		return;
	}
	table_line_split(c, t, tl, line, K_ITEM);
}

static void table_line_layout(pl_ctx *c, const char *s, size_t len, long line)
{
	pl_seg seg[SEG_MAX];
	size_t n = segments(s, len, seg, SEG_MAX), first = 0, j;
	const char *t;
	size_t tl;

	if (!n)
		return;
	if (c->row_break && c->split_open) {
		/* a whole row went by without a name: it continued the last one */
		if (!c->g.actor.len && c->split_actor.len)
			ipm_buf_add(&c->g.actor, c->split_actor.s, c->split_actor.len);
		c->split_open = 0;
	}
	if (c->row_break && c->g.nitems && !c->pending) {
		c->pending = 1;   /* confirmed by a new item, undone by more text */
		c->pending_url = c->g.nurls;
	}
	c->row_break = 0;
	t = s + seg[0].off;
	tl = seg[0].len;
	if (seg[0].col == 0 && actor_like(t, tl) && (n >= 2 || c->col_item > 0)) {
		piece(c, t, tl, line, K_ACTOR, 0);
		first = 1;
	} else if (seg[0].col == 0) {
		const char *sp = memchr(t, ' ', tl);
		if (sp && actor_like(t, (size_t)(sp - t)) && !date_lead(t, tl)) {
			piece(c, t, (size_t)(sp - t), line, K_ACTOR, 0);
			seg[0].off += (size_t)(sp + 1 - t);
			seg[0].len -= (size_t)(sp + 1 - t);
		}
	}
	if (first == n)
		return;
	/* a trailing ASCII run (one URL piece or several) is the link column */
	t = s + seg[n - 1].off;
	tl = seg[n - 1].len;
	if (c->ncols >= 3 && urlish_words(t, tl) && !date_lead(t, tl) &&
	    (n - first >= 2 || seg[n - 1].col > c->col_item + 4)) {
		const char *w = t, *e;
		for (j = first; j + 1 < n; j++)
			layout_item(c, s + seg[j].off, seg[j].len, line);
		while (w < t + tl) {
			e = memchr(w, ' ', (size_t)(t + tl - w));
			if (!e)
				e = t + tl;
			if (e > w)
				piece(c, w, (size_t)(e - w), line, K_URL, 0);
			w = e + 1;
		}
		return;
	}
	ipm_buf_clear(&c->tmp2);
	for (j = first; j < n; j++)
		ipm_text_join(&c->tmp2, s + seg[j].off, seg[j].len);
	layout_item(c, c->tmp2.s, c->tmp2.len, line);
}

/* ---- regions ---- */

static const char *line_text(pl_ctx *c, size_t i, size_t *len)
{
	const char *s = c->raw.s + c->v[i].off;

	*len = c->v[i].len;
	trim(&s, len);
	return s;
}

static int furn_known(pl_ctx *c, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < c->nfurn; i++)
		if (strlen(c->furn[i]) == len && memcmp(c->furn[i], s, len) == 0)
			return 1;
	return 0;
}

static void furn_learn(pl_ctx *c, const char *s, size_t len)
{
	if (c->nfurn < FURN_MAX && !furn_known(c, s, len))
		c->furn[c->nfurn++] = ipm_strndup(s, len);
}

static size_t next_text(pl_ctx *c, size_t i)
{
	while (i < c->n && (c->v[i].flags & (F_EMPTY | F_BLANK)))
		i++;
	return i;
}

static size_t prev_text(pl_ctx *c, size_t i)
{
	while (i > 0 && (c->v[i - 1].flags & (F_EMPTY | F_BLANK)))
		i--;
	return i > 0 ? i - 1 : c->n;
}

/* A line that may be a running header/footer: a short name, no sentence. */
static int furn_shape(pl_ctx *c, size_t i)
{
	size_t len;
	const char *s;

	if (i >= c->n || (c->v[i].flags & F_FURN))
		return 0;
	s = line_text(c, i, &len);
	return actor_like(s, len) && !table_header(s, len) && !section_heading(s, len);
}

/* Is line i a page number with evidence of a page break around it: a form
 * feed on it or a neighbour, a run of 2+ empty lines before it (a page
 * gap), or a neighbour already known as furniture? */
static int page_break_at(pl_ctx *c, size_t i, int *ff)
{
	size_t len, p, q, j;
	const char *s = line_text(c, i, &len);
	long pg = page_number(s, len);
	int gap = 0;

	if (pg < 0)
		return 0;
	for (j = i; j > 0 && (c->v[j - 1].flags & (F_EMPTY | F_BLANK)); j--)
		gap += (c->v[j - 1].flags & F_EMPTY) != 0;
	p = prev_text(c, i);
	q = next_text(c, i + 1);
	*ff = (c->v[i].flags & F_FF) || (p < c->n && (c->v[p].flags & F_FF)) ||
	      (q < c->n && (c->v[q].flags & F_FF));
	if (!*ff && gap < 2) {
		const char *t;
		size_t tl;
		int known = 0;
		if (p < c->n && (t = line_text(c, p, &tl)) != NULL)
			known |= furn_known(c, t, tl);
		if (q < c->n && (t = line_text(c, q, &tl)) != NULL)
			known |= furn_known(c, t, tl);
		if (!known)
			return 0;
	}
	/* a bare number far from the last page is more likely a URL piece */
	if (!*ff && c->last_page > 0 && pg > c->last_page + 40)
		return 0;
	c->last_page = pg;
	return 1;
}

static void furn_mark(pl_ctx *c, size_t i)
{
	size_t len;
	const char *s = line_text(c, i, &len);

	c->v[i].flags |= F_FURN;
	if (page_number(s, len) < 0)
		furn_learn(c, s, len);
}

/* Mark page numbers and the running header/footer next to them. The line
 * after a page number is furniture when it is name-shaped and the break was
 * seen by a form feed on it or by a page gap (text copied from a PDF); the
 * line before when it has a form feed, or when the same text sits next to
 * another page number in this region. Lines equal to learnt furniture go. */
static void mark_furniture(pl_ctx *c)
{
	size_t i, k, nb = 0, len, pl, ql;
	size_t *br = NULL;
	int *ffs = NULL, ff;

	for (i = 0; i < c->n; i++) {
		const char *s;
		if (c->v[i].flags & (F_EMPTY | F_BLANK))
			continue;
		s = line_text(c, i, &len);
		if (furn_known(c, s, len)) {
			c->v[i].flags |= F_FURN;
			continue;
		}
		if (!page_break_at(c, i, &ff))
			continue;
		c->v[i].flags |= F_FURN;
		br = ipm_realloc(br, (nb + 1) * sizeof *br);
		ffs = ipm_realloc(ffs, (nb + 1) * sizeof *ffs);
		br[nb] = i;
		ffs[nb++] = ff;
	}
	for (k = 0; k < nb; k++) {
		size_t p = prev_text(c, br[k]), q = next_text(c, br[k] + 1), m;
		if (furn_shape(c, q) && (!ffs[k] || (c->v[q].flags & F_FF)))
			furn_mark(c, q);
		if (!furn_shape(c, p))
			continue;
		if (c->v[p].flags & F_FF) {
			furn_mark(c, p);
			continue;
		}
		for (m = k > 32 ? k - 32 : 0; m < nb && m <= k + 32; m++) {   /* nearby breaks */
			size_t o = prev_text(c, br[m]);
			const char *a, *b;
			if (m == k || o >= c->n)
				continue;
			a = line_text(c, p, &pl);
			b = line_text(c, o, &ql);
			if (pl == ql && memcmp(a, b, pl) == 0) {
				furn_mark(c, p);
				break;
			}
		}
	}
	free(br);
	free(ffs);
}

static void para_line(pl_ctx *c, const char *s, size_t len, long line)
{
	int w = disp_width(s, len);

	if (!c->para.len)
		c->para_line = line;
	ipm_text_join(&c->para, s, len);
	if (w > c->maxw_para)
		c->maxw_para = w;
	if (w * 100 < c->maxw_para * FULL_PCT)
		para_flush(c);
}

/* A region with URL lines and dated lines but no table header: the table
 * came out in pdftotext's default reading order, header words on their own
 * lines and cells of neighbouring rows mixed. */
static int scrambled_table(pl_ctx *c)
{
	size_t i, len, urls = 0, dates = 0;
	const char *s;

	for (i = 0; i < c->n; i++) {
		if (c->v[i].flags & (F_EMPTY | F_BLANK | F_FURN))
			continue;
		s = line_text(c, i, &len);
		if (table_header(s, len) || column_word(s, len) == R_ACTOR)
			return 0;
		urls += url_start(s, len);
		dates += date_starts_item(s, len) != 0;
	}
	return urls >= 2 && dates >= 2;
}

/* A table header line: its words become a header row; a table begins. */
static void table_start(pl_ctx *c, const char *s, size_t len, long line, int ncols)
{
	const char *cells[4];
	size_t lens[4], k = 0, m = 0;

	para_flush(c);
	while (k < len && m < 4) {
		size_t e = k, n;
		while (e < len && !is_space_cp(cp_at(s, len, e, &n)))
			e += n;
		if (e > k) {
			cells[m] = s + k;
			lens[m++] = e - k;
		}
		k = skip_sp(s, len, e);
	}
	out_fail(c, ipm_blocks_header(c->out, cells, lens, m, line));
	c->ncols = ncols;
	ipm_buf_clear(&c->header);
	ipm_buf_add(&c->header, s, len);
	c->layout = -1;
	c->maxw_item = 0;
}

/* pdftotext's default reading order prints a table header's words on lines of
 * their own, in a small table column by column ("企业", "中国移动", "相关举措",
 * item, "链接", URL). From a line holding a first-column word, the next
 * column words of the region (in column order) make the header; their lines
 * are marked F_HDR. Returns the number of columns, 0 if this is no header. */
static int split_header_start(pl_ctx *c, size_t at)
{
	const char *cells[3], *s;
	size_t lens[3], idx[3], i, len;
	int n = 0, dated = 0;

	for (i = at; i < c->n; i++) {
		if (c->v[i].flags & (F_EMPTY | F_BLANK | F_FURN))
			continue;
		s = line_text(c, i, &len);
		if (n < 3 && column_word(s, len) == R_ACTOR + n) {
			cells[n] = s;
			lens[n] = len;
			idx[n++] = i;
		} else if (n) {
			strip_bullet(&s, &len);
			dated |= date_lead(s, len) != 0;
		}
	}
	if (n < 2 || !dated)
		return 0;
	para_flush(c);
	out_fail(c, ipm_blocks_header(c->out, cells, lens, (size_t)n, c->v[at].line));
	for (i = 0; i < (size_t)n; i++)
		c->v[idx[i]].flags |= F_HDR;
	c->ncols = n;
	c->split_hdr = 1;
	ipm_buf_clear(&c->header);
	c->layout = -1;
	c->maxw_item = 0;
	return n;
}

static void region_flush(pl_ctx *c)
{
	size_t i, len;
	const char *s;
	size_t table_from = 0;

	mark_furniture(c);
	if (!c->ncols && !c->warned && scrambled_table(c)) {
		ipm_err(c->name, c->v[0].line, "warning: a table without a header line, cells "
		        "out of order? (pdftotext without -layout or -raw): its lines become paragraphs");
		c->warned = 1;
	}
	for (i = 0; i < c->n && !c->failed; i++) {
		long line = c->v[i].line;
		int lv, nc;
		if (c->v[i].flags & (F_EMPTY | F_BLANK | F_FURN))
			c->row_break = c->gap = 1;   /* -layout: rows are apart by empty lines */
		if (c->v[i].flags & (F_EMPTY | F_BLANK | F_HDR))
			continue;
		s = line_text(c, i, &len);
		if (c->v[i].flags & F_FURN) {
			drop(c, line, "pdf: page furniture", s, len);
			continue;
		}
		if (c->ncols) {
			if ((c->header.len == len && memcmp(c->header.s, s, len) == 0) ||
			    (c->split_hdr && column_word(s, len))) {
				drop(c, line, "pdf: repeated table header", s, len);
				continue;
			}
			if (c->layout < 0)
				layout_detect(c, table_from);
			if (c->layout)
				table_line_layout(c, c->raw.s + c->v[i].off, c->v[i].len, line);
			else
				table_line_flowed(c, s, len, line);
			c->gap = 0;
			c->prev_line = line;
			continue;
		}
		if (column_word(s, len) == R_ACTOR && split_header_start(c, i)) {
			table_from = i + 1;
			continue;
		}
		nc = table_header(s, len);
		if (nc) {
			table_start(c, s, len, line, nc);
			table_from = i + 1;
			continue;
		}
		lv = sub_heading(s, len);
		if (lv) {
			para_flush(c);
			out_fail(c, ipm_blocks_heading(c->out, lv, s, len, line));
			continue;
		}
		para_line(c, s, len, line);
	}
	c->n = 0;
	ipm_buf_clear(&c->raw);
}

/* End of a section: pending paragraph and table group go out. */
static void section_end(pl_ctx *c)
{
	region_flush(c);
	para_flush(c);
	held_release(c);
	if (c->ncols)
		group_emit(c);
	c->ncols = 0;
	c->split_hdr = 0;
	c->layout = -1;
}

static void region_add(pl_ctx *c, const char *s, size_t len, long line)
{
	const char *t = s;
	size_t tl = len;
	int flags = 0;

	if (memchr(s, '\f', len) || line == 1)
		flags |= F_FF;   /* the start of the text is a page start too */
	trim(&t, &tl);
	if (len == 0)
		flags |= F_EMPTY;
	else if (tl == 0)
		flags |= F_BLANK;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 256;
		c->v = ipm_realloc(c->v, c->cap * sizeof *c->v);
	}
	c->v[c->n].off = c->raw.len;
	c->v[c->n].len = len;
	c->v[c->n].line = line;
	c->v[c->n].flags = flags;
	c->n++;
	ipm_buf_add(&c->raw, s, len);
}

/* Does the next non-blank line (within 3) carry dot leaders? */
static int toc_follows(ipm_lines *in)
{
	const char *s;
	size_t k, len;

	for (k = 0; k < 3 && ipm_lines_peek(in, k, &s, &len, NULL) > 0; k++) {
		trim(&s, &len);
		if (len)
			return has_leader(s, len);
	}
	return 0;
}

int ipm_pdftext_blocks(ipm_lines *in, ipm_blocks *out, ipm_rejects *rj)
{
	pl_ctx c;
	const char *s;
	size_t len, i;
	int rc = 0, lv;

	memset(&c, 0, sizeof c);
	c.in = in;
	c.out = out;
	c.rj = rj;
	c.name = ipm_lines_name(in);
	c.layout = -1;
	while (!c.failed && (rc = ipm_lines_next(in, &s, &len)) > 0) {
		long line = ipm_lines_lineno(in);
		const char *t = s;
		size_t tl = len;
		trim(&t, &tl);
		lv = section_heading(t, tl);
		if (lv && toc_follows(in)) {
			lv = 0;   /* a contents entry whose dot leaders went to the next line */
		}
		if (lv) {
			section_end(&c);
			out_fail(&c, ipm_blocks_heading(out, lv, t, tl, line));
			continue;
		}
		region_add(&c, s, len, line);
		if (c.n >= REGION_MAX_LINES || c.raw.len >= REGION_MAX_BYTES)
			region_flush(&c);
	}
	if (!c.failed)
		section_end(&c);
	ipm_buf_free(&c.raw);
	ipm_buf_free(&c.para);
	ipm_buf_free(&c.header);
	ipm_buf_free(&c.tmp);
	ipm_buf_free(&c.tmp2);
	ipm_buf_free(&c.split_actor);
	ipm_buf_free(&c.next_actor);
	group_free(&c.g);
	free(c.v);
	for (i = 0; i < c.nfurn; i++)
		free(c.furn[i]);
	if (c.failed)
		return -1;
	return rc < 0 ? -1 : 0;
}
