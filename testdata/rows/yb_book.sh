# A small yearbook: CIP data and an editorial board (front matter, skipped),
# a table of contents (dotted lines and TAB rows) whose chapter titles give
# the chapters, 部委篇/地区发展篇 chapters -> actor ("教育", "北京市"), 【…】 and
# （一） headings in the heading path, a figure caption (skipped), and the
# 信息化大事记: "," and "，" after the date, "2030年6月1—2日" -> start day, an
# entry broken over a line and a page ("国务 / 院办公厅"), and the next part.
ipm-extract | ipm-rows --doc yb
