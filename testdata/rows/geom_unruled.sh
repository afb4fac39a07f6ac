# The mini sample report without borders, every cell centred vertically
# (--noborder --valign middle --font 9), printed by wkhtmltopdf, as `mutool
# trace` XML: no rules, so a column's pieces go to the name whose middle they
# share; the same records as the TAB source.
ipm-extract | ipm-rows --doc geom
