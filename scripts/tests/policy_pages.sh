#!/bin/sh
# The 60 saved gov.cn policy pages: each page's HTML goes through
# ipm-extract | ipm-rows (layout and kind detected) and the policy record's
# title, issuer (joined with 、), doc_number and date must equal the page's
# expected_meta (标题, 发文机关, 发文字号, 成文日期 as YYYY-MM-DD).
# The pages are written to build/ at test time; none are kept in the repo.
top=$(cd "$(dirname "$0")/../.." && pwd)
src=$top/../shared/thirdparty/govcn-policy-pages/govcn_policy_pages_2019-02.jsonl
[ -f "$src" ] || { echo "SKIP policy-pages: $src not found"; exit 0; }
command -v python3 >/dev/null || { echo "SKIP policy-pages: no python3"; exit 0; }
out=$top/build/policy-pages.${IPM_VARIANT:-rel}
rm -rf "$out"
mkdir -p "$out"
python3 - "$src" "$out" <<'PY' || { echo "FAIL policy-pages: cannot split $src"; exit 0; }
import json, sys
for i, line in enumerate(open(sys.argv[1], encoding='utf-8')):
    r = json.loads(line)
    with open('%s/%02d.html' % (sys.argv[2], i), 'w', encoding='utf-8') as f:
        f.write(r['html'])
    with open('%s/%02d.want.json' % (sys.argv[2], i), 'w', encoding='utf-8') as f:
        json.dump(r['expected_meta'], f, ensure_ascii=False)
PY
for page in "$out"/*.html; do
	n=${page%.html}
	"$IPM_BIN/ipm-extract" < "$page" 2>"$n.err" | "$IPM_BIN/ipm-rows" --doc "$(basename "$n")" > "$n.jsonl" 2>>"$n.err"
done
python3 - "$out" <<'PY'
import glob, json, os, re, sys
ok = bad = 0
for want_f in sorted(glob.glob(sys.argv[1] + '/*.want.json')):
    n = os.path.basename(want_f)[:2]
    want = json.load(open(want_f, encoding='utf-8'))
    recs = [json.loads(l) for l in open(want_f.replace('.want.json', '.jsonl'), encoding='utf-8') if l.strip()]
    pol = [r for r in recs if r.get('section') == 'policy']
    m = re.match(r'(\d{4})年(\d{1,2})月(\d{1,2})日', want['成文日期'])
    date = '%s-%02d-%02d' % (m.group(1), int(m.group(2)), int(m.group(3)))
    exp = {'title': want['标题'], 'issuer': want['发文机关'], 'doc_number': want['发文字号'], 'date': date}
    if len(pol) != 1:
        print('FAIL policy-page %s: %d policy records, want 1' % (n, len(pol)))
        bad += 1
        continue
    r = pol[0]
    got = {'title': r.get('title'), 'issuer': '、'.join(r.get('issuer') or []),
           'doc_number': r.get('doc_number'), 'date': r.get('date')}
    diff = [k for k in exp if exp[k] != got[k]]
    if diff:
        print('FAIL policy-page %s: %s' % (n, '; '.join('%s %r want %r' % (k, got[k], exp[k]) for k in diff)))
        bad += 1
    else:
        ok += 1
print(('PASS' if bad == 0 and ok == 60 else 'FAIL') + ' policy-pages: %d of 60 pages match expected_meta' % ok)
PY
