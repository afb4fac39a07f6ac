# A red-header notice as plain text (my own sample): the header line
# "…文件", the 文号 line, the title that ipm-extract runs into the
# addressee line over the blank line (split again here), the signature and
# its date at the end. One policy record: issuer from the header, date the
# signature's, the 文号 in the body (国办发〔2018〕26号) not taken for the
# notice's own; then the body paragraphs as paragraph records.
ipm-extract | ipm-rows --doc redhead
