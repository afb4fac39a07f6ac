/* yearbook: yearbooks and books (中国信息化年鉴-like) -> chronicle records
 * (section "chronicle", one per dated 大事记 entry) and narrative "paragraph"
 * records with heading path and chapter actor (ministry/province).
 *
 * Structure: parts ("部委篇", "地区发展篇", "信息化大事记": a short paragraph
 * ending in 篇, or the chronicle title), chapters (a paragraph that the table
 * of contents lists, e.g. "北京市信息化发展概况"; in 部委篇 and 地区发展篇 the
 * chapter title without "信息化发展概况" is the actor), and heading blocks
 * (【…】, (一), 1.) below them. The heading path is "part > chapter > …".
 * No paragraph records for: front matter (CIP data, editorial board, up to
 * the table of contents), the table of contents, short lines without
 * sentence punctuation (names, titles, captions), figure captions, table
 * rows and table notes; these are counted by kind and summarised on stderr.
 * Chronicle: an entry starts with a full date followed by "," or "，"
 * ("2016年6月1—2日，…" -> start day); a paragraph without one continues the
 * entry before (page breaks); a date+comma inside a joined paragraph starts
 * a new entry. Memory: one paragraph and one pending entry.
 * rows.c dispatches here. */
#ifndef IPM_YEARBOOK_H
#define IPM_YEARBOOK_H

#include "core/blocks.h"
#include "events.h"

/* Score how much the first blocks look like a yearbook (0 = not at all,
 * higher = surer). Peeks at up to `look` blocks of src, consumes none. */
int ipm_yearbook_score(ipm_bsrc *src, size_t look);
/* Read every block of src and write records to ev. 0, or -1 on an I/O error. */
int ipm_yearbook_rows(ipm_bsrc *src, ipm_events *ev);

#endif
