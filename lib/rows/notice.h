/* notice: a local government notice saved as text (through ipm-extract's
 * plain-text, Markdown or HTML layouts, where the header comes as
 * paragraphs or table rows, not as gov.cn meta blocks) -> one "policy"
 * record (policy.h: title, issuer, doc_number, date = the 成文 date,
 * published, text = the body), then one "paragraph" record per body
 * paragraph, as the narrative module writes them.
 *
 * Three header shapes are read: a red-header notice ("X人民政府文件", the
 * 文号 line, the title, the addressee line, and at the end the signature
 * and its date); a repost (title, "发布时间：… 来源：…"); a label table
 * (索引号 主题分类 发文机关 成文日期 标题 发文字号 发布日期), also when the
 * extractor ran its labels into one paragraph. Traditional characters and
 * pinyin glosses are mapped away first (text/hant.h); the 文号 is found by
 * text/docno.h, dates by text/datecn.h. What the header does not say stays
 * null and is warned about on stderr ("warning: …"): no 文号, two different
 * 文号 candidates, no title, no 成文 date. The issuer, when no line prints
 * it, comes from the 文号 prefix by lib/data/docnum.tsv (闽政 -> 福建省人民政府). */
#ifndef IPM_NOTICE_H
#define IPM_NOTICE_H

#include "core/blocks.h"
#include "events.h"

/* Score how much the first blocks look like a notice (0 = not at all; 4 or
 * more is a notice): a paragraph that is a 文号, a red-header line, header
 * labels. Peeks at up to `look` blocks of src, consumes none; data_dir (may
 * be NULL) holds hant.tsv for traditional characters. */
int ipm_notice_score(ipm_bsrc *src, size_t look, const char *data_dir);
/* Read every block of src and write the notice's records to ev (a new doc
 * block starts a new notice). 0, or -1 on an I/O error. */
int ipm_notice_rows(ipm_bsrc *src, ipm_events *ev);

#endif
