# The same PDF read back with pdftotext's default reading order: header words
# on lines of their own, a small table column by column (two names, then all
# their items, then all URLs), URL pieces at the end of item lines, 黑龙江 …
# 省 split around an item. Every record; 福建's second URL is printed after
# the next row's name and goes to the wrong item (ipm-extract(1), CAVEATS).
ipm-extract | ipm-rows --doc tsv
