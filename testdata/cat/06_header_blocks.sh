# CSV output never drops a field: when the fields change (other names, or the
# same in another order) a blank line and a new header start a new block, as
# Miller's CSV writer does; --strict passes (nothing lost) and ipm reads the
# blocks back as the same records
printf '{"a":1}\n{"b":2}\n{"b":3}\n{"a":1,"b":2}\n{"b":2,"a":1}\n' > "${TMPDIR:-/tmp}/ipm-cat-06.$$"
ipm-cat --ocsv --strict "${TMPDIR:-/tmp}/ipm-cat-06.$$"; echo "rc=$?"
ipm-cat --ocsv "${TMPDIR:-/tmp}/ipm-cat-06.$$" | ipm-cat --icsv
rm -f "${TMPDIR:-/tmp}/ipm-cat-06.$$"
