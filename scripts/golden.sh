#!/bin/sh
# Golden tests: testdata/<stage>/<case>.in runs through $IPM_BIN/ipm-<stage>
# with the words of <case>.args, and stdout must equal <case>.expected
# (stderr must equal <case>.err when that exists; exit code <case>.rc, else 0).
# A <case>.sh instead runs as a shell script with $IPM_BIN first on PATH
# (stdin from <case>.in if present). Mismatches leave build/golden/*.new;
# Arguments limit the run to those stages. IPM_REGEN=1 rewrites the .expected files instead (and creates them for
# cases that have a .sh or .args but no .expected yet).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${IPM_BIN:-$top/bin}
out=$top/build/golden
mkdir -p "$out"
for dir in "$top"/testdata/*/; do
	stage=$(basename "$dir")
	# optional arguments name the stages to run (e.g. IPM_REGEN=1 sh scripts/golden.sh norm)
	if [ $# -gt 0 ]; then
		case " $* " in *" $stage "*) ;; *) continue ;; esac
	fi
	# a case is a .expected; with IPM_REGEN=1 also a .sh or an .in with .args
	pat='expected'
	[ "${IPM_REGEN:-0}" = 1 ] && pat='expected\|sh\|args'
	for case_ in $(ls "$dir" | sed -n "s/\\.\\($pat\\)\$//p" | sort -u); do
		case_=$dir$case_
		exp=$case_.expected
		[ -f "$exp" ] || [ "${IPM_REGEN:-0}" = 1 ] || { echo "FAIL $stage/$(basename "$case_"): no .expected"; continue; }
		name=$stage/$(basename "$case_")
		new=$out/$stage.$(basename "$case_").new
		err=$out/$stage.$(basename "$case_").err
		in=/dev/null
		[ -f "$case_.in" ] && in=$case_.in
		if [ -f "$case_.sh" ]; then
			(cd "$dir" && PATH="$bin:$PATH" IPM_TOP="$top" sh "$case_.sh" < "$in" > "$new" 2> "$err")
			rc=$?
		elif [ -x "$bin/ipm-$stage" ]; then
			args=""
			[ -f "$case_.args" ] && args=$(cat "$case_.args")
			(cd "$dir" && eval "\"$bin/ipm-$stage\" $args" < "$in" > "$new" 2> "$err")
			rc=$?
		else
			echo "SKIP $name: no $bin/ipm-$stage"
			continue
		fi
		want_rc=0
		[ -f "$case_.rc" ] && want_rc=$(cat "$case_.rc")
		if [ "${IPM_REGEN:-0}" = 1 ]; then
			cp "$new" "$exp"
			[ -f "$case_.err" ] && cp "$err" "$case_.err"
		fi
		why=""
		[ "$rc" = "$want_rc" ] || why="exit $rc, want $want_rc"
		cmp -s "$new" "$exp" || why="${why:+$why; }stdout differs: diff $exp $new"
		if [ -f "$case_.err" ]; then
			cmp -s "$err" "$case_.err" || why="${why:+$why; }stderr differs: diff $case_.err $err"
		fi
		if [ -n "$why" ]; then
			echo "FAIL $name: $why"
		else
			echo "PASS $name"
			rm -f "$new" "$err"
		fi
	done
done
