#!/bin/sh
# The HTML report in a real browser: headless Chromium (Debian's chromium)
# loads the page made by ipm-report from testdata/report (period 2018-05 of
# two, with the previous one), takes a screenshot
# and dumps the DOM; the page must show its headings, sentences and SVG
# charts, and the browser must log no console error or blocked fetch (the
# page's Content-Security-Policy forbids every fetch). SKIP without chromium.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${IPM_BIN:-$top/bin}
name=report_html
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
	echo "SKIP $name: chromium not installed (apt-get install chromium)"
	exit 0
fi
out=$top/build/tests/report_html.${IPM_VARIANT:-rel}
rm -rf "$out"
mkdir -p "$out"
cd "$top/testdata/report" || exit 2
if ! "$bin/ipm-report" -f html -p 2018-05 --prev apr.in apr.in may.in > "$out/report.html"; then
	echo "FAIL $name: ipm-report -f html exited $?"
	exit 0
fi
run() { # run ARGS...: chromium headless with a fresh profile, 60 s at most
	timeout 60 "$browser" --headless --no-sandbox --disable-gpu \
		--disable-background-networking --disable-component-update --disable-sync \
		--no-first-run --user-data-dir="$out/profile" --enable-logging=stderr --v=0 \
		"$@" "file://$out/report.html"
}
run --dump-dom > "$out/dom.html" 2> "$out/dom.log"
rc=$?
[ $rc -eq 0 ] && echo "PASS $name: chromium loads the page" ||
	echo "FAIL $name: chromium --dump-dom exited $rc (see $out/dom.log)"
for want in "各监测期动态数" "舆情总结" '天津、福建、安徽出台了促进工业互联网发展的政策。' '<svg' '<table>' '政策文件'; do
	if grep -qF "$want" "$out/dom.html"; then
		echo "PASS $name: DOM has $want"
	else
		echo "FAIL $name: DOM lacks $want"
	fi
done
n=$(grep -c '<svg' "$out/dom.html")
[ "$n" -ge 3 ] && echo "PASS $name: $n SVG charts rendered" || echo "FAIL $name: $n SVG charts, want 3"
if grep -E 'CONSOLE|Refused to|Uncaught' "$out/dom.log" > "$out/errors.log"; then
	echo "FAIL $name: browser console: $(head -1 "$out/errors.log")"
else
	echo "PASS $name: no console errors or blocked fetches"
fi
run --window-size=1000,1600 --screenshot="$out/screenshot.png" > /dev/null 2> "$out/shot.log"
size=$(wc -c < "$out/screenshot.png" 2>/dev/null || echo 0)
[ "$size" -gt 20000 ] && echo "PASS $name: screenshot $out/screenshot.png ($size bytes)" ||
	echo "FAIL $name: screenshot missing or blank ($size bytes)"
