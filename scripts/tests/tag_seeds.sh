#!/bin/sh
# The 舆情总结 check: each seed report (000, 001, 002) opens every section with
# the analysts' own summary ("其中，天津、福建、安徽、内蒙、河南出台了促进工业互联
# 网发展的实施政策…"). Run the seed through ipm-extract | ipm-rows | ipm-tag and
# check that the tagged records reproduce what those sentences name.
# SKIPs until ipm-extract and ipm-rows exist, or when ../shared/seeds is absent.
#
# Check table: doc | section | filter | field | items that must occur | known gaps
# section "*" means every section. filter: comma-separated sub=X (subsectors
# has X), sec=X (sectors has X), ev=X (event_type is X), or "-" for every
# record. field: a tag field (string or array); the union over matching
# records must hold every item except the known gaps: items where the
# analysts' summary goes beyond what the item texts say (each one explained
# in a comment). A known gap that is found after all is reported, not failed.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${IPM_BIN:-$top/bin}
seeds=$top/../shared/seeds
name=tag_seeds
for t in ipm-extract ipm-rows ipm-tag; do
	[ -x "$bin/$t" ] || { echo "SKIP $name: no $bin/$t (pipeline not merged yet)"; exit 0; }
done
[ -d "$seeds" ] || { echo "SKIP $name: $seeds absent"; exit 0; }
command -v python3 >/dev/null 2>&1 || { echo "SKIP $name: no python3"; exit 0; }
tmp=${TMPDIR:-/tmp}/ipm-tag-seeds.$$
trap 'rm -f "$tmp".*' EXIT
: > "$tmp.all"
for id in 000 001 002; do
	f=$(ls "$seeds/${id}_"*.txt 2>/dev/null | head -1)
	[ -n "$f" ] || { echo "SKIP $name $id: no seed"; continue; }
	# every stage's exit status counts, not only the last one's
	{ "$bin/ipm-extract" "$f" || echo x > "$tmp.bad"; } 2> "$tmp.err" |
		{ "$bin/ipm-rows" --doc "$id" || echo x > "$tmp.bad"; } 2>> "$tmp.err" |
		{ "$bin/ipm-tag" || echo x > "$tmp.bad"; } >> "$tmp.all" 2>> "$tmp.err"
	if [ -f "$tmp.bad" ]; then
		echo "FAIL $name $id: pipeline failed: $(grep -v 'not turned into records' "$tmp.err" | head -2)"
		rm -f "$tmp.bad"
	fi
done
cat > "$tmp.checks" <<'CHECKS'
# 000 二、其中，天津、福建、安徽、内蒙、河南出台了促进工业互联网发展的实施政策
000|province|sub=工业互联网,ev=policy|province|天津 福建 安徽 内蒙古 河南
# 000 北京、山西推出了互联网+医疗的政策；重庆、江苏推出了互联网+政务相关措施
000|province|sub=医疗健康|province|北京 山西
000|province|sub=政务|province|重庆 江苏
# 000 浙江、广东、海南、湖北、甘肃等地分别与相关领域企业签署战略合作协议
# (海南's and 甘肃's agreements are items of the enterprise section)
000|*|ev=agreement|places|浙江 广东 海南 湖北 甘肃
# 000 天津、浙江、黑龙江、辽宁、吉林、山西、江西等省市自治区还推出了各类“互联网+”平台
000|province|ev=platform|province|天津 浙江 黑龙江 辽宁 吉林 山西 江西
# 000 一、国务院、国家卫生健康委员会、工信部等推出相应举措继续推进“互联网+医疗”、互联网金融以及工业互联网
000|ministry|-|actor_id|国务院 国家卫生健康委员会 工业和信息化部
000|ministry|-|subsectors|医疗健康 金融 工业互联网
# 000 三、电信运营商和腾讯、阿里、百度等互联网企业继续参与互联网+
000|enterprise|-|companies|腾讯 阿里巴巴 百度
000|summit|-|event_type|meeting
# 001 一、国务院、国家发改委、工信部、教育部等…促进工业互联网、“互联网+农业”、“互联网+政务”、“互联网+教育”、智能交通、电子商务
001|ministry|-|actor_id|国务院 国家发展和改革委员会 工业和信息化部 教育部
# (no ministry item of 001 names 工业互联网; 工信部's item names 工业制造, 协同制造)
001|ministry|-|subsectors|工业互联网 农业 政务 教育 交通 电子商务|工业互联网
001|ministry|-|sectors|协同制造
# 001 二、重庆、河北、海南、西藏、新疆、宁夏、青海等地推出了促进“互联网+医疗”发展的政策以及措施
001|province|sub=医疗健康|province|重庆 河北 海南 西藏 新疆 宁夏 青海
# 001 山东、福建、山西、四川等地继续采取措施推动工业互联网发展
# (山西's item: 工业和信息化工作会议…制造业…强化与互联网的深度融合, 智能制造)
001|province|sub=工业互联网|province|山东 福建 山西 四川|山西
001|province|sec=协同制造|province|山东 福建 山西 四川
# 001 天津、山东、安徽等地发布了促进“互联网+政务”实施的政策；天津、湖南、广西等地发布了推动“互联网+教育”发展的政策措施
# (the analysts file meetings and platform items under these "政策措施" too, so
#  these two check the sector only)
001|province|sub=政务|province|天津 山东 安徽
001|province|sub=教育|province|天津 湖南 广西
# 001 天津、重庆、陕西、甘肃等地分别与相关领域企业签署战略合作协议
# (重庆: 浪潮…向重庆企业提供服务券; 甘肃: 与…募捐信息平台建立了联系 — no
#  agreement in the texts)
001|*|ev=agreement|places|天津 重庆 陕西 甘肃|重庆 甘肃
# 001 天津、重庆、黑龙江、辽宁、山东、浙江、福建、安徽、广东、海南、内蒙、山西、河南、江西、甘肃、云南…推出了各类“互联网+”平台
001|province|ev=platform|province|天津 重庆 黑龙江 辽宁 山东 浙江 福建 安徽 广东 海南 内蒙古 山西 河南 江西 甘肃 云南
001|enterprise|-|companies|腾讯 阿里巴巴 百度
001|summit|-|subsectors|工业互联网
# 002 一、教育部、司法部、交通运输部等多部委和单位推出相应举措…并加强政企合作
002|ministry|-|actor_id|教育部 司法部 交通运输部
002|ministry|-|event_type|agreement policy
# 002 二、上海、内蒙古、安徽、甘肃等省市自治区出台了推进“互联网+”行动的文件
002|province|ev=policy|province|上海 内蒙古 安徽 甘肃
# 002 浙江、湖北、四川、广西等地分别与地方相关领域企业签署战略合作协议
002|province|ev=agreement|province|浙江 湖北 四川 广西
# 002 北京、河北、陕西、云南等省市还推出了各类“互联网+”平台
002|province|ev=platform|province|北京 河北 陕西 云南
# 002 三、三大电信运营商和腾讯、阿里、百度等互联网企业继续参与互联网+
002|enterprise|-|companies|中国移动 中国联通 中国电信 腾讯 阿里巴巴 百度
CHECKS
python3 - "$tmp.all" "$tmp.checks" <<'PY'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8') if l.strip()]
def match(r, flt):
    if flt == '-':
        return True
    for cond in flt.split(','):
        k, v = cond.split('=', 1)
        if k == 'sub' and v not in (r.get('subsectors') or []): return False
        if k == 'sec' and v not in (r.get('sectors') or []): return False
        if k == 'ev' and r.get('event_type') != v: return False
    return True
# Every province-section record carries its actor's province and GB/T 2260 code.
for doc in ('000', '001', '002'):
    prov = [r for r in recs if r.get('doc') == doc and r.get('section') == 'province']
    bad = [r.get('actor') for r in prov
           if not r.get('province') or not (r.get('province_code') or '').endswith('0000')
           or not (r.get('actor') or '').startswith(r['province'])]
    if prov and not bad:
        print('PASS tag_seeds %s province_code on all %d province records' % (doc, len(prov)))
    else:
        print('FAIL tag_seeds %s province_code: %d records, wrong for %s' % (doc, len(prov), bad[:5]))
for line in open(sys.argv[2], encoding='utf-8'):
    line = line.strip()
    if not line or line.startswith('#'):
        continue
    doc, sec, flt, field, want, *known = line.split('|')
    known = known[0].split() if known else []
    got = set()
    n = 0
    for r in recs:
        if r.get('doc') != doc or sec not in ('*', r.get('section')) or not match(r, flt):
            continue
        n += 1
        v = r.get(field)
        got.update(v if isinstance(v, list) else [v] if v is not None else [])
    miss = [w for w in want.split() if w not in got and w not in known]
    gaps = [w for w in known if w not in got]
    label = 'tag_seeds %s %s %s -> %s' % (doc, sec, flt, field)
    if miss:
        print('FAIL %s: missing %s (records %d, got %s)' % (label, ' '.join(miss), n, ' '.join(sorted(got))))
    else:
        print('PASS %s%s' % (label, ' (known gaps: %s)' % ' '.join(gaps) if gaps else ''))
        for w in known:
            if w in got:
                print('   note: known gap %s is now found; drop it from the table' % w)
PY
