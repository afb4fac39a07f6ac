/* pdfshape: the shape of one line of PDF text — a leading date, a URL or
 * URL piece, a short name, a page number, a heading, a table header. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/dict.h"
#include "core/utf8.h"
#include "core/util.h"
#include "pdftext_impl.h"
#include "text/dates.h"
#include "text/urls.h"
#include "text/zh.h"

/* ---- characters ---- */

int pdf_ends_with_any(const char *s, size_t len, const char *const *set)
{
	for (; *set; set++)
		if (len >= strlen(*set) && memcmp(s + len - strlen(*set), *set, strlen(*set)) == 0)
			return 1;
	return 0;
}

int pdf_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

const char *const pdf_terminal_punct[] = { "。", "！", "？", "；", ".", "!", "?", ";", NULL };

/* Strip leading bullets (and spaces after them); returns 1 if there was one. */
int pdf_strip_bullet(const char **s, size_t *len)
{
	int any;
	size_t k = ipm_zh_skip_bullet(*s, *len, &any);

	*s += k;
	*len -= k;
	return any;
}

/* ---- line shapes ---- */

size_t pdf_skip_sp(const char *s, size_t len, size_t i)
{
	size_t k;

	while (i < len && ipm_is_space_cp(ipm_cp_at(s, len, i, &k)))
		i += k;
	return i;
}

size_t pdf_skip_digits(const char *s, size_t len, size_t i, size_t max)
{
	size_t j = i;

	while (j < len && j - i < max && s[j] >= '0' && s[j] <= '9')
		j++;
	return j;
}

/* The length of a leading date ("4 月 28 日", "2018 年 5 月 3 日", "3月12—15日"), 0 if none. */
size_t pdf_date_lead(const char *s, size_t len)
{
	struct ipm_date d;

	return ipm_date_at(s, len, &d);
}

/* A date that really starts an item (not "…将于 / 5 月 20 日起实施"). */
int pdf_date_starts_item(const char *s, size_t len)
{
	size_t d = pdf_date_lead(s, len), i;

	if (!d)
		return 0;
	i = pdf_skip_sp(s, len, d);
	return i == len || ipm_zh_starts(s + i, len - i, "，") || ipm_zh_starts(s + i, len - i, ",") ||
	       ipm_zh_starts(s + i, len - i, "：") || ipm_zh_starts(s + i, len - i, "消息") ||
	       ipm_zh_starts(s + i, len - i, "至") || ipm_zh_starts(s + i, len - i, "、") ||
	       ipm_zh_starts(s + i, len - i, ":");
}


/* Space-separated words, each made of URL characters. */
int pdf_urlish_words(const char *s, size_t len)
{
	const char *w = s, *e;

	while (w < s + len) {
		e = memchr(w, ' ', (size_t)(s + len - w));
		if (!e)
			e = s + len;
		if (e > w && !ipm_url_chars(w, (size_t)(e - w)))
			return 0;
		w = e + 1;
	}
	return len > 0;
}

/* "2", "- 2 -", "第 2 页", "2 / 9": a page number; its value or -1. */
long pdf_page_number(const char *s, size_t len)
{
	size_t i = 0, j;
	long v = 0;

	if (ipm_zh_starts(s, len, "第"))
		i = 3;
	else if (len && (s[0] == '-' || s[0] == '[' || ipm_zh_starts(s, len, "—")))
		i = s[0] == '-' || s[0] == '[' ? 1 : 3;
	i = pdf_skip_sp(s, len, i);
	j = pdf_skip_digits(s, len, i, 4);
	if (j == i)
		return -1;
	for (; i < j; i++)
		v = v * 10 + (s[i] - '0');
	i = pdf_skip_sp(s, len, j);
	if (i < len && s[i] == '/') {
		i = pdf_skip_sp(s, len, i + 1);
		i = pdf_skip_sp(s, len, pdf_skip_digits(s, len, i, 4));
	}
	if (ipm_zh_starts(s + i, len - i, "页"))
		i += 3;
	else if (i < len && (s[i] == '-' || s[i] == ']'))
		i++;
	else if (ipm_zh_starts(s + i, len - i, "—"))
		i += 3;
	return pdf_skip_sp(s, len, i) == len ? v : -1;
}

/* A running header or footer's body: a short name (no title: "一、…  1" is
 * a contents entry), or one URL (a browser prints the page's address). */
static int furniture_body(const char *s, size_t len)
{
	ipm_zh_trim(&s, &len);
	if (!len)
		return 0;
	if (ipm_url_starts(s, len) || (len > 7 && memcmp(s, "file://", 7) == 0))
		return !memchr(s, ' ', len);   /* a printed local file's address too */
	return pdf_actor_like(s, len) && !ipm_zh_heading_level(s, len);
}

/* A page number under 1000 (a year is none) as a word of its own. */
static int page_word(const char *s, size_t len)
{
	long pg = pdf_page_number(s, len);

	return pg >= 0 && pg < 1000;
}

/* "1    中国信息通信研究院", "file:///x.html   1/2": a page number at the
 * start or end of a line, the rest a name or one URL. */
int pdf_numbered_edge(const char *s, size_t len)
{
	const char *sp = memchr(s, ' ', len), *p = s + len;

	if (!sp)
		return 0;
	if (page_word(s, (size_t)(sp - s)) && furniture_body(sp, (size_t)(s + len - sp)))
		return 1;
	while (p > s && p[-1] != ' ')
		p--;
	return page_word(p, (size_t)(s + len - p)) && furniture_body(s, (size_t)(p - s));
}

/* A short CJK name: no sentence punctuation, no digits ("、" may join names:
 * "中共中央、国务院"). */
int pdf_actor_like(const char *s, size_t len)
{
	size_t i = 0, k;

	if (!ipm_has_cjk(s, len) || ipm_disp_width(s, len) > 24)
		return 0;
	while (i < len) {
		uint32_t c = ipm_cp_at(s, len, i, &k);
		if ((c >= '0' && c <= '9') || c == ',' || c == '.' || c == ';' || c == ':' ||
		    c == 0x3002 || c == 0xFF0C || c == 0xFF1B || c == 0xFF1A ||
		    c == 0x201C || c == 0x201D || c == 0x300A || c == 0x300B || c == 0xFF01 ||
		    c == 0xFF1F || c == '/')
			return 0;
		i += k;
	}
	return 1;
}

int pdf_has_leader(const char *s, size_t len)
{
	return ipm_mem_find(s, len, "....", 4) || ipm_mem_find(s, len, "……", 6) || ipm_mem_find(s, len, "···", 6);
}

/* A numbered title (ipm_zh_heading_level): a section ("一、…", "【…】",
 * level 1-2) starts a region; below it, "（一）…" and "1. …". 0 if none. */
int pdf_section_heading(const char *s, size_t len)
{
	int lv = ipm_zh_heading_level(s, len);

	return lv <= 2 ? lv : 0;
}

int pdf_sub_heading(const char *s, size_t len)
{
	int lv = ipm_zh_heading_level(s, len);

	return lv > 2 ? lv : 0;
}

/* Table header: 2-4 short CJK words such as "地区 相关政策 链接". Returns the
 * number of columns, 0 if not a header. */
int pdf_table_header(const char *s, size_t len)
{
	size_t i = 0, k;
	int words = 0, words2 = 0, inword = 0, wlen = 0;

	/* however wide the gaps (landscape, a small font): at most 4 words of
	 * 6 characters, checked below */
	if (len > 4096)
		return 0;
	while (i < len) {
		uint32_t c = ipm_cp_at(s, len, i, &k);
		if (ipm_is_space_cp(c)) {
			inword = 0;
		} else if (ipm_is_cjk_cp(c)) {
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

static void colwords_load(pl_ctx *c)
{
	c->colwords_tried = 1;
	if (c->data_dir)
		c->colwords = ipm_table_load(c->data_dir, "columns.tsv");
	else
		ipm_err(NULL, 0, "warning: columns.tsv not found (set IPM_DATA): a table header "
		        "split into words stays paragraphs");
}

/* The role of a line that is exactly one column header word ("链接"), else R_NONE. */
int pdf_column_word(pl_ctx *c, const char *s, size_t len)
{
	static const char *const roles[] = { "actor", "item", "link" };
	size_t r, n;
	int wc, rc, k;

	if (len > 24 || !ipm_has_cjk(s, len))
		return R_NONE;
	if (!c->colwords_tried)
		colwords_load(c);
	if (!c->colwords)
		return R_NONE;
	wc = ipm_table_col(c->colwords, "word");
	rc = ipm_table_col(c->colwords, "role");
	n = ipm_table_nrows(c->colwords);
	for (r = 0; r < n; r++) {
		if (ipm_table_len(c->colwords, r, wc) != len || memcmp(ipm_table_cell(c->colwords, r, wc), s, len))
			continue;
		for (k = 0; k < 3; k++)
			if (strcmp(ipm_table_cell(c->colwords, r, rc), roles[k]) == 0)
				return R_ACTOR + k;
	}
	return R_NONE;
}

/* ---- output ---- */

void pdf_out_fail(pl_ctx *c, int rc)
{
	if (rc != 0)
		c->failed = 1;
}

void pdf_drop(pl_ctx *c, long line, const char *why, const char *s, size_t len)
{
	ipm_reject(c->rj, c->name, line, why, s, len);
}

void pdf_para_flush(pl_ctx *c)
{
	if (c->para.len)
		pdf_out_fail(c, ipm_blocks_para(c->out, c->para.s, c->para.len, c->para_line));
	ipm_buf_clear(&c->para);
}

