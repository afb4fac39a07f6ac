# Letter-spaced header and signature (my own sample): "厦 门 市 人 民 政 府
# 文 件" is one issuer, squeezed; the signature "市 人 民 政 府" over a date
# in Chinese numerals (二○一八年三月五日 -> 2018-03-05).
ipm-extract | ipm-rows --doc spaced
