# Joint issuers and a dotted date (my own sample): the red header names two
# issuers separated by a space -> an issuer list of two; the signature date
# "2019.3.5" -> 2019-03-05.
ipm-extract | ipm-rows --doc dotted
