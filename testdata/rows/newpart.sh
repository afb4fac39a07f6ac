# A part the usual five do not name ("六、热点聚焦") after the summits: its
# topics are special records, not more text of the last summit.
ipm-extract | ipm-rows --doc np
