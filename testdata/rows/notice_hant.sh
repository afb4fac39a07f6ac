# A notice a site converted to traditional characters (my own sample; the
# 文号, title and date are the real 国发〔2015〕40号): 文号, title and issuer
# come out in simplified characters (lib/data/hant.tsv), the body as printed.
ipm-extract | ipm-rows --doc hant
