#!/bin/sh
# The seeds through ipm-norm | ipm-extract | ipm-rows: records per section
# must equal ../shared/seeds/EXPECTED.tsv, plus some hand-checked facts
# (dates, actors, URLs). SKIPs when ../shared is absent. ipm-norm is used when
# built, else the (UTF-8) seed is read as it is.
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${IPM_BIN:-$top/bin}
seeds=$top/../shared/seeds
if [ ! -d "$seeds" ]; then
	echo "SKIP rows_seeds: ../shared/seeds absent"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
norm=cat
[ -x "$bin/ipm-norm" ] && norm="$bin/ipm-norm"

run() {   # run ID: records of seed ID into $tmp/ID.jsonl
	f=$(ls "$seeds/$1"_*.txt 2>/dev/null | head -1)
	[ -n "$f" ] || return 1
	timeout 60 sh -c '"$1" < "$2" | "$3/ipm-extract" | "$3/ipm-rows" --doc "$4"' _ \
		"$norm" "$f" "$bin" "$1" > "$tmp/$1.jsonl" 2> "$tmp/$1.err"
}

# fact ID NAME STRING...: some record of ID holds every STRING
fact() {
	id=$1 name=$2
	shift 2
	cp "$tmp/$id.jsonl" "$tmp/f"
	for s in "$@"; do
		grep -F -- "$s" "$tmp/f" > "$tmp/g"
		mv "$tmp/g" "$tmp/f"
	done
	if [ -s "$tmp/f" ]; then echo "PASS rows_seeds $id $name"; else echo "FAIL rows_seeds $id $name: no record with $*"; fi
}

for id in 000 001 002 003 004; do
	if run $id; then
		echo "PASS rows_seeds $id runs"
	else
		echo "FAIL rows_seeds $id: exit $? ($(tail -1 "$tmp/$id.err"))"
	fi
done
grep -v '^#' "$seeds/EXPECTED.tsv" | while IFS='	' read -r id sec want; do
	[ -f "$tmp/$id.jsonl" ] || continue
	got=$(grep -c "\"section\":\"$sec\"" "$tmp/$id.jsonl")
	if [ "$got" = "$want" ]; then
		echo "PASS rows_seeds $id $sec count $got"
	else
		echo "FAIL rows_seeds $id $sec count: got $got, want $want"
	fi
done

# 000 (PDF text): interleaved columns, actor over three lines, U+2010 in a URL
fact 000 "first ministry item" '"actor":"国务院"' '"date":"2018-04-28"' '"date_raw":"4 月 28 日"' \
	'"url":"http://www.gov.cn/xinwen/2018-04/28/content_5286707.htm"'
fact 000 "actor split over lines" '"actor":"国家卫生健康委员会"' '"date":"2018-04-26"' \
	'"url":"http://www.cnii.com.cn/2018-04/27/content_2058474.htm"'
fact 000 "U+2010 in URL" '"actor":"工信部"' '"date":"2018-04-25"' \
	'"url":"http://news.sina.com.cn/o/2018-04-25/doc-ifzqvvsc1223491.shtml"'
fact 000 "period year, province" '"actor":"北京市"' '"date":"2018-04-17"' \
	'"url":"http://tech.qq.com/a/20180417/033476.html"'
fact 000 "summit date range" '"section":"summit"' '"date":"2018-04-22"' '"date_raw":"4 月 22 日至 24 日"'
# 001 (Markdown + HTML cells)
fact 001 "continuation row joined" '"actor":"国家发改委、工信部等"' '"date":"2019-02-19"' '一网通办'
fact 001 "lost actor cell" '"actor":"甘肃省"' '"date":"2019-02-22"' \
	'"url":"http://www.dzwww.com/xinwen/shehuixinwen/201902/t20190222_18423537.htm"'
fact 001 "actor split by a page break" '"actor":"内蒙古自治区"' '"date":"2019-02-26"' '自治区日前首次'
fact 001 "URL tail after a break" '"actor":"云南省"' '"url":"http://www.echinagov.com/news/247560.htm"'
fact 001 "URL tail linked to a bad host" '"actor":"黑龙江省"' '"date":"2019-03-04"' \
	'"url":"https://heilongjiang.dbw.cn/system/2019/03/04/058159961.shtml"'
fact 001 "summit date in text" '"actor":"2019 工业互联网峰会"' '"date":"2019-02-21"' '"date_raw":"2 月 21 日"'
fact 001 "bullet items" '"section":"enterprise"' '"actor":"中国移动"' '"date":"2019-03-09"'
# 002 (TAB rows)
fact 002 "X月X日消息" '"actor":"教育部"' '"date":"2018-02-16"' '"date_raw":"2月16日"' '"text":"2月16日消息'
fact 002 "carried actor" '"actor":"教育部"' '"date":"2018-03-09"' \
	'"url":"http://www.moe.edu.cn/srcsite/A08/s5672/201803/t20180309_329447.html"'
fact 002 "URL cut by a page break" '"actor":"天津市"' '"date":"2018-03-01"' \
	'"url":"http://www.gov.cn/xinwen/2018-03/02/content_5270013.htm"' '邮政速递物流天津分公司联合推出'
fact 002 "day range" '"section":"summit"' '"date":"2018-03-12"' '"date_raw":"3月12—15日"'
fact 002 "bullets without <li>" '"actor":"阿里巴巴"' '"date":"2018-03-05"' '"date_raw":"3月5日-6日"'
# 003 (narrative): paragraphs carry their heading path
fact 003 "paragraph heading path" '"section":"paragraph"' '"heading":"'

# The same reports with CRLF line ends, and (through ipm-norm, when built) in
# GB18030: the same records.
for id in 000 001 002; do
	f=$(ls "$seeds/$id"_*.txt | head -1)
	sed 's/$/\r/' "$f" | "$norm" | "$bin/ipm-extract" 2>/dev/null | "$bin/ipm-rows" --doc $id > "$tmp/$id.crlf" 2>/dev/null
	if cmp -s "$tmp/$id.crlf" "$tmp/$id.jsonl"; then echo "PASS rows_seeds $id CRLF"; else echo "FAIL rows_seeds $id CRLF: records differ"; fi
	if [ "$norm" = cat ]; then
		echo "SKIP rows_seeds $id GB18030: no ipm-norm built"
		continue
	fi
	iconv -f UTF-8 -t GB18030 "$f" | sed "s/$/\r/" | "$norm" 2>/dev/null | "$bin/ipm-extract" 2>/dev/null |
		"$bin/ipm-rows" --doc $id > "$tmp/$id.gb" 2>/dev/null
	if cmp -s "$tmp/$id.gb" "$tmp/$id.jsonl"; then echo "PASS rows_seeds $id GB18030+CRLF"; else echo "FAIL rows_seeds $id GB18030+CRLF: records differ"; fi
done

# Every record of a monthly report carries the monitoring period the report
# states in its 舆情总结 (000: 2018年4月16-2018年5月15日).
for want in "000 2018-04-16 2018-05-15" "001 2019-02-16 2019-03-15" "002 2018-02-14 2018-03-15"; do
	set -- $want
	got=$(grep -c "\"period_start\":\"$2\",\"period_end\":\"$3\"" "$tmp/$1.jsonl")
	all=$(wc -l < "$tmp/$1.jsonl")
	if [ "$got" -gt 0 ] && [ "$got" = "$all" ]; then echo "PASS rows_seeds $1 period $2 – $3 on all $all records"
	else echo "FAIL rows_seeds $1 period: $got of $all records carry $2 – $3"; fi
done
