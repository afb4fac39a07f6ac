# The same PDF read back with `pdftotext -raw`. Known wrong (PDF-text layer):
# the 交通运输部 URL tail lands in the item text, and the second 福建 item
# loses its URL; every count, actor and date is right.
ipm-extract | ipm-rows --doc tsv
