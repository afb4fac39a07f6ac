# A notice with neither 文号 nor signature (my own sample): it is read as a
# notice only when asked (--kind notice), and gives the title with every
# unknown field null, one warning for each (no 文号, no issuer, no 成文 date).
ipm-extract | ipm-rows --kind notice --doc nonumber
