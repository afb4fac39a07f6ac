#!/bin/sh
# The yearbook (004) and the NDRC book (003) through the real pipeline:
# chronicle count against EXPECTED.tsv, table and 续表 counts, a sample of
# hand-checked cells (testdata/tables/VERIFIED.md), heading paths and actors.
top=$(cd "$(dirname "$0")/../.." && pwd)
seeds=$top/../shared/seeds
set -- "$seeds"/004_*.txt
y=$1
set -- "$seeds"/003_*.txt
b=$1
[ -f "$y" ] && [ -f "$b" ] || { echo "SKIP yearbook-seeds: $seeds not found"; exit 0; }
command -v python3 >/dev/null || { echo "SKIP yearbook-seeds: no python3"; exit 0; }
out=$top/build/yearbook-seeds.${IPM_VARIANT:-rel}
mkdir -p "$out"
"$IPM_BIN/ipm-extract" < "$y" > "$out/004.blocks" 2>/dev/null
"$IPM_BIN/ipm-rows" --doc 004 < "$out/004.blocks" > "$out/004.rows" 2>/dev/null
"$IPM_BIN/ipm-tables" -v --doc 004 < "$out/004.blocks" > "$out/004.cells" 2> "$out/004.tables.err"
"$IPM_BIN/ipm-tables" --check < "$out/004.blocks" > "$out/004.check" 2>/dev/null
"$IPM_BIN/ipm-extract" < "$b" 2>/dev/null | "$IPM_BIN/ipm-rows" --doc 003 > "$out/003.rows" 2>/dev/null

want=$(awk -F'\t' '$1 == "004" && $2 == "chronicle" { print $3 }' "$seeds/EXPECTED.tsv")
got=$(grep -c '"section":"chronicle"' "$out/004.rows")
[ "$got" = "$want" ] && echo "PASS yearbook-seeds 004 chronicle $got" ||
	echo "FAIL yearbook-seeds 004 chronicle: $got entries, EXPECTED.tsv says $want"

grep -q '^ipm-tables: 92 tables (58 续表 parts joined)' "$out/004.tables.err" &&
	echo "PASS yearbook-seeds 004 tables 92, 续表 joins 58" ||
	echo "FAIL yearbook-seeds 004 tables: $(head -1 "$out/004.tables.err")"

# the provinces' 2016 软件业务收入 (万元, 30 rows) against the national figure
# (48232.2 亿元): the sum is 48232.2235 亿元, within 0.005 %
awk -F'\t' '$2 == "软件业务收入" && $3 == "亿元" && $4 == 30 && $6 == 48232.2 && $8 == "0.00"' \
	"$out/004.check" | grep -q . &&
	echo "PASS yearbook-seeds 004 --check provinces' 软件业务收入 (万元) = national 2016 (亿元)" ||
	echo "FAIL yearbook-seeds 004 --check: no matching 软件业务收入 line in $out/004.check"

# the full pipeline with ipm-norm first, when it is built (another branch)
if [ -x "$IPM_BIN/ipm-norm" ]; then
	n=$("$IPM_BIN/ipm-norm" < "$y" 2>/dev/null | "$IPM_BIN/ipm-extract" 2>/dev/null |
		"$IPM_BIN/ipm-rows" --doc 004 2>/dev/null | grep -c '"section":"chronicle"')
	[ "$n" = "$want" ] && echo "PASS yearbook-seeds 004 via ipm-norm: chronicle $n" ||
		echo "FAIL yearbook-seeds 004 via ipm-norm: chronicle $n, want $want"
else
	echo "SKIP yearbook-seeds 004 via ipm-norm: no $IPM_BIN/ipm-norm"
fi

python3 - "$out" <<'PY'
import json, sys
d = sys.argv[1]
def load(f):
    return [json.loads(l) for l in open(f, encoding='utf-8') if l.strip()]
cells = load(d + '/004.cells')
idx = {(c['line'], c['row'], c['col']): c for c in cells}
# (line, row, col, unit, value, flags): checked by hand against the seed text
sample = [
    (16072, '北京', '软件业务收入', '万元', 64160228.4, []),
    (16076, '内蒙古', '软件业务出口额', '万美元', None, []),
    (16079, '黑龙江', '嵌入式系统软件收入', '万元', 130757.8, []),
    (16101, '新疆', '信息技术服务收入', '万元', 627322.8, []),
    (16057, '软件业务收入', '2016年', '亿元', 48232.2, []),
    (16061, '软件业务出口额', '2012年', '亿美元', 394.2, []),
    (16111, '主营业务收入', '2014年', '万亿元', 14, []),
    (16112, '固定资产投资', '2016年', '亿元', None, ['*']),
    (16157, '邮政业务收入', '2015年', '亿元', 4039.3, ['**']),
    (10442, '1.信息化发展指数', '规划目标/2015年', None, 79, ['>']),
    (10445, '3.信息产业收入规模', '实现情况/2015年', '万亿元', 17.1, []),
    (10445, '3.信息产业收入规模', '规划目标/年均增长', '%', 10, []),
    (18223, '丹麦', '2015年排名', None, 2, ['rank']),
    (18223, '丹麦', '2015年得分', None, 8.77, []),
]
bad = 0
for line, row, col, unit, value, flags in sample:
    c = idx.get((line, row, col))
    if not c or c['unit'] != unit or c['value'] != value or c['flags'] != flags:
        bad += 1
        print('FAIL yearbook-seeds cell %d %s/%s: got %r' % (line, row, col, c))
if not bad:
    print('PASS yearbook-seeds 004 %d hand-checked cells' % len(sample))
for doc in ('003', '004'):
    paras = [r for r in load('%s/%s.rows' % (d, doc)) if r['section'] == 'paragraph']
    nohead = [r for r in paras if not r['heading']]
    print(('PASS' if paras and not nohead else 'FAIL') +
          ' yearbook-seeds %s: %d paragraphs, %d without a heading path' % (doc, len(paras), len(nohead)))
rows = load(d + '/004.rows')
for part in ('部委篇', '地区发展篇'):
    ps = [r for r in rows if r['section'] == 'paragraph' and (r['heading'] or '').startswith(part + ' > ')]
    noact = [r for r in ps if not r['actor']]
    print(('PASS' if ps and not noact else 'FAIL') +
          ' yearbook-seeds 004 %s: %d paragraphs, %d without actor' % (part, len(ps), len(noact)))
acts = {r['actor'] for r in rows if r['actor']}
for a in ('北京市', '内蒙古自治区', '新疆生产建设兵团', '教育', '人力资源和社会保障'):
    print(('PASS' if a in acts else 'FAIL') + ' yearbook-seeds 004 actor ' + a)
PY
