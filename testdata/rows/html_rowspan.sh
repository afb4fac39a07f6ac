# HTML tables with rowspan name cells (the HTML a PDF is often printed
# from): each item row gets the name of the cell spanning it, so ipm-rows
# pairs [name, item, url] and not [item, url]. A later row without a span
# (江苏省) takes its own name.
ipm-extract | ipm-rows --doc span
