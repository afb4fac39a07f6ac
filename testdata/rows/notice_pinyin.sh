# A mirror's copy with pinyin glosses after some characters and traditional
# characters (my own sample): "發(fā)" and "關(guān)" lose their glosses,
# 遼政辦發 becomes 辽政办发; no line names the issuer, so it comes from the
# 文号 prefix by lib/data/docnum.tsv (辽政办 -> 辽宁省人民政府办公厅); the
# date is the signature's, printed alone on its line.
ipm-extract | ipm-rows --doc pinyin
