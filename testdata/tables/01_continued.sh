# A national indicator table (单位 column, "1,234.5", "—" -> null, a "*"
# footnote mark -> flags, "(55)" and ">60" -> flags), then a province table
# with units in header parentheses, spaced names ("内 蒙 古"), and a 续表
# part whose repeated header is dropped (spaces differ: still the header).
ipm-extract | ipm-tables --doc t1
