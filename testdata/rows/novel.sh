# Not a report (a novel): one paragraph record per paragraph with its heading.
ipm-extract | ipm-rows --doc novel
