# Two different 文号 in the header (my own sample; a copy with the number
# typed twice): doc_number stays null and a warning names both; the rest
# of the record (title, issuer, date) is kept.
ipm-extract | ipm-rows --doc twonumbers
