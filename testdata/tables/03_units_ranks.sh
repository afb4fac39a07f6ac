# A table of contents and an editorial board given as TAB rows are no tables
# (counted with -v); a "单位：户" line gives the table's unit; a side-by-side
# ranking table splits into one entity per half with "rank" cells.
ipm-extract | ipm-tables -v --doc t3
