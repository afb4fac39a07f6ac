# County short names count only where they stand as names (the rule in
# lib/data/gazetteer.tsv's header): 定结 in 鉴定结论, 资兴 in 出资兴办,
# 兴国 in 科教兴国 and 政和 in 财政和医保 tag nothing; 政和县, 资兴市 (full
# names), 在兴国 (after 在), 定结、岗巴 (a list), 资兴 at the start and
# 兴国县 do. (My own sentences.)
ipm-tag
