/* docno: a document's own number (发文字号, 文号) as local notices print it:
 * "闽政〔2019〕12号", and the forms sites and copies garble it into —
 * square or round brackets ("X政办发[2019]8号", "（2019）"), spaces
 * ("X政发 [2020]3号", "X政〔2019〕5 号"), a lost 号 or closing bracket
 * ("X政〔2019〕12", "X政〔201912号": the year is the first four digits, the
 * serial the rest). Traditional characters are mapped before (hant.h).
 *
 * Every function appends to a caller's ipm_buf or fills a caller's struct. */
#ifndef IPM_DOCNO_H
#define IPM_DOCNO_H

#include <stddef.h>

#include "core/util.h"

/* A 发文字号 label value normalised: white space squeezed (zh.h), a four-digit
 * year in any bracket ([ ［ 【 （ ( 〔 ﹝) put in 〔〕. "国办发[2030] 7 号" ->
 * "国办发〔2030〕7号". Appended to out. */
void ipm_docno_norm(const char *s, size_t n, ipm_buf *out);

struct ipm_docno {
	size_t start, end;     /* s[start..end): the whole number, prefix included */
	size_t pstart, pend;   /* the prefix: the CJK run before the bracket */
	int year;              /* 1949-2099 */
	size_t sstart, slen;   /* the serial's digits as printed: s[sstart..+slen) */
	int lost;              /* 1: the 〕 or 号 was missing and is put back */
};

/* The next document number in s[*pos..n): 1 with *d filled and *pos after
 * it, or 0 (then *pos is n). The prefix is 1-12 CJK characters right before
 * the bracket (spaces between allowed), cut after the last 文件 or 字 label
 * ("发文字号：" is not part of it). */
int ipm_docno_next(const char *s, size_t n, size_t *pos, struct ipm_docno *d);

/* Append "prefix〔year〕serial号" of d (found in s) to out, the prefix with
 * its white space removed. */
void ipm_docno_format(const char *s, const struct ipm_docno *d, ipm_buf *out);

#endif
