# The issuer printed only at the head of the title (my own sample): the
# title's "新乡市人民政府办公室" before 关于 is the issuer, so the 文号
# prefix 新政办 — 新疆's in lib/data/docnum.tsv — is not used to infer one.
ipm-extract | ipm-rows --doc titleissuer
