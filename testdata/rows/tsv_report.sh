# TAB rows: continuation lines start with a TAB, a URL cut over the page
# break, space-separated items and links, ➢ bullets without <li>, an actor
# split into "黑龙江" / "省", a U+2010 dash inside a URL.
ipm-extract | ipm-rows --doc tsv
