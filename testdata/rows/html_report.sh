# Monthly report written as a whole HTML page: ministry, province and
# enterprise tables whose cells hold several items as <p>, <li>, <br> and
# <div>; each item becomes its own record, paired with its own link. A row
# of rule cells (pandoc's separator line, "--") is reported, not a record.
ipm-extract | ipm-rows --doc html
