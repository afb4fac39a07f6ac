# Our mini sample report (scripts/pdfgeom_sample.py --mini --rowspan --valign
# middle --name narrow --font 9) printed by chromium and read as `mutool
# trace` XML (indentation stripped): one table row per item, the name cell
# spanning them with the name centred, narrow column (names wrap): the PDF
# geometry reader gives every item its name and link, as the TAB source does.
ipm-extract | ipm-rows --doc geom
