# The same PDF read back with `pdftotext -raw`: counts, actors, dates and
# lines (text and url left out: the PDF-text layer still has URL pieces to
# place here, e.g. the 交通运输部 URL tail).
ipm-extract | ipm-rows --doc tsv | sed -E 's/"text":"([^"\\]|\\.)*",//; s/"url":("([^"\\]|\\.)*"|null),//'
