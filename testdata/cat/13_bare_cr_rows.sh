# CSV rows ended by a bare CR (old Mac line ends) inside a line: libcsv ends a
# row there, so the line holds two rows: reported as one reject with its text,
# not merged into one record or dropped in silence (exit 1 with --strict).
r=${TMPDIR:-/tmp}/ipm-cr-rejects.$$
ipm-cat --rejects "$r" 2>&1 | sed "s|details in .*|details in FILE|"
cat "$r"
rm -f "$r"
echo "strict: $(ipm-cat --strict < 13_bare_cr_rows.in > /dev/null 2>&1; echo $?)"
