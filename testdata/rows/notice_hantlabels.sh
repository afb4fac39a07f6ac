# The label header in traditional characters (my own sample): the labels
# (發文機關, 發文字號 …) are recognised after mapping, 閩政辦〔2019〕33號 ->
# 闽政办〔2019〕33号, 辦公廳 -> 办公厅 in issuer and title; the body is kept
# as printed.
ipm-extract | ipm-rows --doc hantlabels
