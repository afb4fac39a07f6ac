# A "表1 …" title continued by a parenthesised line, two header rows under
# spanning cells (columns "规划目标/2015年", unit % from "年均增长(%)"), a
# label-only group row (no cells), row units from the label's parenthesis
# ("（万亿元）"), ">79", "(13)", and a 注 line printed as a TAB row.
ipm-extract | ipm-tables -v --doc t5
