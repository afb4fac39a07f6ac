# Sourced by scripts/bench/*.sh. measure STAGE INPUT_LABEL INPUT_FILE RECORDS CMD...
# runs CMD < INPUT_FILE > /dev/null under /usr/bin/time and prints one row;
# REF_MBS (if set) is the reference MB/s for the ratio column, REF_NAME its name;
# REPS=N runs it N times and keeps the fastest.
# Sets LAST_MBS for the caller to use as a later reference.
measure() {
	stage=$1 label=$2 file=$3 recs=$4
	shift 4
	bytes=$(stat -c %s "$file")
	# time's own report goes to a file: "2>/dev/null" on the command would hide it
	tf=$(mktemp)
	secs= kb=0 rep=0
	# REPS runs (default 1): the fastest time and the largest RSS, as hyperfine's
	# min; one slow run from a neighbour's burst on a 2-core VM is not the tool
	while [ $rep -lt "${REPS:-1}" ]; do
		/usr/bin/time -o "$tf" -f '%e %M' "$@" < "$file" > /dev/null 2>/dev/null
		t=$(tail -1 "$tf")
		secs=$(awk -v a="${secs:-${t% *}}" -v b="${t% *}" 'BEGIN{ print (b < a ? b : a) }')
		kb=$(awk -v a="$kb" -v b="${t#* }" 'BEGIN{ print (b > a ? b : a) }')
		rep=$((rep + 1))
	done
	rm -f "$tf"
	LAST_MBS=$(awk -v b="$bytes" -v s="$secs" 'BEGIN{ if (s < 0.005) s = 0.005; printf "%.1f", b / 1e6 / s }')
	rps=$(awk -v r="$recs" -v s="$secs" 'BEGIN{ if (s < 0.005) s = 0.005; if (r > 0) printf "%.0f", r / s; else printf "-" }')
	rss=$(awk -v k="$kb" 'BEGIN{ printf "%.1f", k / 1024 }')
	ratio="-"
	if [ -n "${REF_MBS:-}" ]; then
		ratio=$(awk -v a="$LAST_MBS" -v b="$REF_MBS" -v n="${REF_NAME:-ref}" 'BEGIN{ printf "%.2fx %s", a / b, n }')
	fi
	echo "| $stage | $label | \`$*\` | $LAST_MBS | $rps | $rss | $ratio |"
}
