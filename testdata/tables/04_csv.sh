# The same tables as tidy CSV (the columns of the JSON records, flags
# ";"-joined, null as an empty field): loads straight into SQLite/R/pandas.
ipm-extract | ipm-tables --ocsv --doc t4
