#!/bin/sh
# ipm-tag on the 60 gov.cn policy pages (../shared/thirdparty/govcn-policy-pages):
# each page's text (HTML tags dropped) goes through ipm-tag; the page's own
# 发文字号 (expected_meta) must be among doc_numbers, and the issuer implied by
# its prefix must be one of the page's 发文机关 wherever the prefix is in
# lib/data/docnum.tsv. Prints the coverage.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${IPM_BIN:-$top/bin}
pages=$top/../shared/thirdparty/govcn-policy-pages/govcn_policy_pages_2019-02.jsonl
name="tag_policy_pages"
[ -x "$bin/ipm-tag" ] || { echo "SKIP $name: no $bin/ipm-tag"; exit 0; }
[ -f "$pages" ] || { echo "SKIP $name: $pages absent"; exit 0; }
command -v python3 >/dev/null 2>&1 || { echo "SKIP $name: no python3"; exit 0; }
tmp=${TMPDIR:-/tmp}/ipm-tag-pages.$$
trap 'rm -f "$tmp".*' EXIT
python3 - "$pages" > "$tmp.in" <<'PY'
import json, re, sys
for line in open(sys.argv[1], encoding='utf-8'):
    p = json.loads(line)
    text = re.sub(r'\s+', ' ', re.sub(r'<[^>]*>', ' ', p['html']))
    print(json.dumps({'doc': str(p['id']), 'section': 'paragraph', 'actor': None, 'text': text,
                      'url': p['url'], 'want_no': p['expected_meta'].get('发文字号', ''),
                      'want_org': p['expected_meta'].get('发文机关', '')}, ensure_ascii=False))
PY
if ! "$bin/ipm-tag" "$tmp.in" > "$tmp.out" 2> "$tmp.err"; then
	echo "FAIL $name: ipm-tag failed: $(head -3 "$tmp.err")"
	exit 0
fi
python3 - "$tmp.out" <<'PY'
import json, sys
pages = found = known = agree = 0
bad = []
for line in open(sys.argv[1], encoding='utf-8'):
    r = json.loads(line)
    pages += 1
    want = r['want_no'].replace(' ', '')
    if want not in r['doc_numbers']:
        bad.append('%s: %s not found in %s' % (r['doc'], want, r['doc_numbers'][:4]))
        continue
    found += 1
    issuer = r['doc_issuers'][r['doc_numbers'].index(want)]
    if not issuer:
        continue
    known += 1
    orgs = r['want_org'].replace(' ', '、').split('、')
    if issuer in orgs:
        agree += 1
    else:
        bad.append('%s: %s implies %s, page says %s' % (r['doc'], want, issuer, r['want_org']))
print('coverage: %d pages, %d doc numbers found, %d prefixes in the table, %d issuers agree'
      % (pages, found, known, agree), file=sys.stderr)
ok = pages == 60 and found == pages and known >= 55 and agree == known
tag = 'PASS' if ok else 'FAIL'
print('%s tag_policy_pages: %d/%d doc numbers found, prefix known on %d, issuer agrees on %d/%d%s'
      % (tag, found, pages, known, agree, known, '' if ok else ': ' + '; '.join(bad[:5])))
PY
