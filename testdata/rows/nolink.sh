# A section heading with no table (一, 三) and a table with no link column:
# the items come out with url null, the lone paragraph is counted as lost.
ipm-extract | ipm-rows --doc nolink
