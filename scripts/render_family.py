#!/usr/bin/env python3
"""A family of PDF renderings of monthly reports, and how well ipm reads them.

Each source report (our own sample, testdata/pdftext-src/sample.html; seeds
001 (Markdown with HTML tables) and 002 (TAB rows) read from ../shared/seeds
at run time, never copied) is read by ipm-extract | ipm-rows: its records are
the truth. The records are printed back as an HTML report (sections, a table
actor | measures | links per table section, summits as numbered headings)
in one of several layouts, and the HTML is printed to PDF by wkhtmltopdf and
chromium. The layouts vary:

  engine   wk (wkhtmltopdf) | ch (chromium --headless --print-to-pdf)
  col      narrow (first column ~3 characters: names over 3 lines, the
           header 发布机构 wraps) | wide
  font     7, 9, 11, 14 pt
  page     A4 portrait | landscape
  head     the table header repeated on each page (<thead>) | printed once
  split    rows may split over pages | kept whole (break-inside: avoid)
  span     name cells spanning the rows of their items (rowspan, centred
           vertically) | one row per name, items and links as paragraphs
  foot     running furniture | none: wk, a footer "N   中国信息通信研究院"
           stamped on each page with mutool run; ch, chromium's own header
           (date, title 中国信息通信研究院) and footer (file URL, N/M)

A covering subset of the product (every pair of values of two dimensions
appears; --list prints it) makes the renderings; each is read back:

  pipeline the default pipeline's PDF path: make IN=<dir of PDFs>, the
           rows target of pipelines/default.mk for each PDF
  layout, raw, default
           pdftotext -layout / -raw / (default) | ipm-norm | ipm-extract |
           ipm-rows
  html     the HTML itself | ipm-extract | ipm-rows (the HTML reader,
           rowspan included)

and compared with the source's records on (section, actor, date, URL, text
without white space): equal records / source records, precision, recall, F1.
--diff lists the differing records. Output under build/render/.

  python3 scripts/render_family.py [--quick] [--diff] [--only NAME]
      [--modes pipeline,layout,raw,default,html] [--min-f1 MODE=F ...]

--min-f1 layout=0.95 exits 1 when a rendering's F1 in that mode is lower,
--min-all layout=0.95 when all renderings' together is (scripts/tests/
render_family.sh). Exit 2: a needed program is missing. --reuse keeps the
PDFs of an earlier run (to measure a change of the readers alone).
"""
import argparse
import html
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEEDS = os.path.join(TOP, '..', 'shared', 'seeds')
OUT = os.path.join(TOP, 'build', 'render')

SOURCES = [
    ('sample', os.path.join(TOP, 'testdata', 'pdftext-src', 'sample.html')),
    ('s001', os.path.join(SEEDS, '001_25771d94b3c1de41.txt')),
    ('s002', os.path.join(SEEDS, '002_1d65c527ad53ee8e.txt')),
]
DIMS = [
    ('engine', ['wk', 'ch']),
    ('col', ['narrow', 'wide']),
    ('font', [7, 9, 11, 14]),
    ('page', ['portrait', 'landscape']),
    ('head', ['repeat', 'once']),
    ('split', ['split', 'keep']),
    ('span', ['span', 'flat']),
    ('foot', ['foot', 'none']),
]
HEADERS = {
    'ministry': ('发布机构', '相关举措', '链接'),
    'province': ('地区', '相关政策', '链接'),
    'enterprise': ('企业', '相关举措', '链接'),
}
TABLE_SECTIONS = set(HEADERS)
MODES = ['pipeline', 'layout', 'raw', 'default', 'html']


def die(msg, code=1):
    print('render_family: ' + msg, file=sys.stderr)
    sys.exit(code)


def run(cmd, stdin=None, timeout=300, check=True):
    p = subprocess.run(cmd, input=stdin, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=timeout)
    if check and p.returncode != 0:
        die('%s: exit %d: %s' % (' '.join(cmd), p.returncode,
                                 p.stderr.decode(errors='replace')[-300:]))
    return p.stdout


def bin_(tool):
    return os.path.join(os.environ.get('IPM_BIN', os.path.join(TOP, 'bin')), tool)


def records_of_text(data):
    """bytes of a document -> its records (ipm-norm | ipm-extract | ipm-rows)."""
    t = run([bin_('ipm-norm')], data)
    b = run([bin_('ipm-extract')], t)
    r = run([bin_('ipm-rows'), '--doc', 'x'], b)
    return [json.loads(x) for x in r.decode().splitlines() if x.strip()]


def blocks_of(data):
    t = run([bin_('ipm-norm')], data)
    b = run([bin_('ipm-extract')], t)
    return [json.loads(x) for x in b.decode().splitlines() if x.strip()]


# ---- the covering subset ----

def covering(dims, want):
    """Greedy pairwise covering array over dims, at least `want` rows."""
    names = [d for d, _ in dims]
    full = list(itertools.product(*[v for _, v in dims]))
    pairs = set()
    for i, j in itertools.combinations(range(len(dims)), 2):
        for a in dims[i][1]:
            for b in dims[j][1]:
                pairs.add((i, a, j, b))

    def gain(row):
        return sum((i, row[i], j, row[j]) in pairs
                   for i, j in itertools.combinations(range(len(dims)), 2))
    rows = []
    while pairs:
        best = max(full, key=gain)
        rows.append(best)
        full.remove(best)
        for i, j in itertools.combinations(range(len(dims)), 2):
            pairs.discard((i, best[i], j, best[j]))
    k = 0
    while len(rows) < want:   # more, spread over the product
        k = (k + 97) % len(full)
        rows.append(full.pop(k))
    return [dict(zip(names, r)) for r in rows]


def rname(cfg):
    return '-'.join([cfg['engine'], cfg['col'][0], '%02d' % cfg['font'], cfg['page'][0],
                     cfg['head'][0], cfg['split'][0], cfg['span'][0], cfg['foot'][0]])


# ---- records -> HTML ----

SECTION_HEADINGS = {
    'ministry': '国家部委“互联网+”政策落实情况',
    'province': '全国各省“互联网+”政策落实情况',
    'enterprise': '电信运营商及互联网相关企业参与情况',
    'summit': '相关峰会',
    'special': '“两会”专题',
}
NUMERALS = '一二三四五六七八九十'


def period_para(recs):
    r = next((r for r in recs if r.get('period_start')), None)
    if not r:
        return ''

    def zh(d):
        y, m, dd = d.split('-')
        return '%d年%d月%d日' % (int(y), int(m), int(dd))
    return '本监测期内（%s-%s），各地继续推进“互联网+”。' % (zh(r['period_start']), zh(r['period_end']))


def css(cfg):
    pt = cfg['font']
    first = '3.4em' if cfg['col'] == 'narrow' else '18%'
    s = ['body{font-family:"WenQuanYi Zen Hei",sans-serif;font-size:%dpt;line-height:1.45;margin:0}' % pt,
         'table{border-collapse:collapse;width:100%}',
         'td,th{border:1px solid #444;padding:2px 3px;vertical-align:top;text-align:left}',
         'th{font-weight:bold}',
         'td.a,th.a{width:%s}' % first,
         'td.u,th.u{width:34%;word-break:break-all}',
         'td p{margin:0 0 4px 0}',
         'h1{font-size:1.6em}h2{font-size:1.3em}h4{font-size:1.05em}']
    if cfg['span'] == 'span':
        s.append('td.a{vertical-align:middle;text-align:center}')
    if cfg['split'] == 'keep':
        s.append('tr{page-break-inside:avoid;break-inside:avoid}')
    if cfg['engine'] == 'ch':
        s.append('@page{size:A4 %s;margin:15mm 12mm 18mm 12mm}' % cfg['page'])
    return ''.join(s)


def table_html(cfg, sec, recs):
    h = HEADERS[sec]
    hdr = '<tr><th class="a">%s</th><th class="m">%s</th><th class="u">%s</th></tr>' % h
    out = ['<table>']
    out.append('<thead>%s</thead><tbody>' % hdr if cfg['head'] == 'repeat' else '<tbody>' + hdr)
    # runs of one actor; a record without a URL is a run of its own
    runs = []
    for r in recs:
        if runs and runs[-1][0]['actor'] == r['actor'] and r.get('url') and runs[-1][-1].get('url'):
            runs[-1].append(r)
        else:
            runs.append([r])
    esc = html.escape
    for run_ in runs:
        actor = esc(run_[0]['actor'] or '')
        if cfg['span'] == 'span':
            for k, r in enumerate(run_):
                name = ('<td class="a" rowspan="%d">%s</td>' % (len(run_), actor)) if k == 0 else ''
                out.append('<tr>%s<td class="m">%s</td><td class="u">%s</td></tr>' % (
                    name, esc(r['text']), esc(r.get('url') or '')))
        else:
            items = ''.join('<p>%s</p>' % esc(r['text']) for r in run_)
            urls = ''.join('<p>%s</p>' % esc(r['url']) for r in run_ if r.get('url'))
            out.append('<tr><td class="a">%s</td><td class="m">%s</td><td class="u">%s</td></tr>' % (
                actor, items, urls))
    out.append('</tbody></table>')
    return '\n'.join(out)


def report_html(cfg, title, blocks, recs):
    esc = html.escape
    out = ['<!DOCTYPE html><html><head><meta charset="utf-8"><title>中国信息通信研究院</title>',
           '<style>%s</style></head><body>' % css(cfg)]
    out.append('<h1>%s</h1>' % esc(title))
    out.append('<h2>【舆情总结】</h2><p>%s</p>' % esc(period_para(recs)))
    i = nsec = 0
    while i < len(recs):
        sec = recs[i]['section']
        j = i
        while j < len(recs) and recs[j]['section'] == sec:
            j += 1
        out.append('<h2>%s、%s</h2>' % (NUMERALS[nsec % 10], esc(SECTION_HEADINGS.get(sec, sec))))
        nsec += 1
        if sec in TABLE_SECTIONS:
            out.append(table_html(cfg, sec, recs[i:j]))
        else:
            for k, r in enumerate(recs[i:j]):
                out.append('<h4>%d. %s</h4><p>%s</p>' % (k + 1, esc(r['actor'] or ''), esc(r['text'])))
        i = j
    out.append('</body></html>')
    return '\n'.join(out)


# ---- printing ----

# wkhtmltopdf (unpatched Qt) prints no running header or footer: mutool run
# adds "N   中国信息通信研究院" at the foot of every page.
STAMP_JS = r'''
var doc = new PDFDocument(scriptArgs[0]);
var font = doc.addCJKFont(new Font("zh-Hans"), "zh-Hans", "H", "serif");
function hex(t) { var o = ""; for (var k = 0; k < t.length; k++)
	o += ("0000" + t.charCodeAt(k).toString(16)).slice(-4); return o; }
for (var i = 0; i < doc.countPages(); i++) {
	var page = doc.findPage(i), res = page.get("Resources"), fonts = res.get("Font");
	if (!fonts || !fonts.isDictionary()) { fonts = doc.newDictionary(); res.put("Font", fonts); }
	fonts.put("FStamp", font);
	var s = "q BT /FStamp 9 Tf 40 22 Td <" + hex("" + (i + 1)) + "> Tj 30 0 Td <" +
		hex("\u4e2d\u56fd\u4fe1\u606f\u901a\u4fe1\u7814\u7a76\u9662") + "> Tj ET Q\n";
	/* the page's own content may leave its coordinates changed: q ... Q */
	var c = page.get("Contents"), a = doc.newArray();
	a.push(doc.addStream("q\n", {}));
	if (c.isArray()) for (var j = 0; j < c.length; j++) a.push(c.get(j));
	else a.push(c);
	a.push(doc.addStream("Q\n" + s, {}));
	page.put("Contents", a);
}
doc.save(scriptArgs[1]);
'''

def print_pdf(cfg, html_path, pdf_path):
    if cfg['engine'] == 'wk':
        cmd = ['wkhtmltopdf', '-q', '--page-size', 'A4', '-O', cfg['page'].capitalize(),
               '-T', '15mm', '-B', '18mm', '-L', '12mm', '-R', '12mm']
        cmd += [html_path, pdf_path + '.tmp' if cfg['foot'] == 'foot' else pdf_path]
    else:
        cmd = ['chromium', '--headless', '--no-sandbox', '--disable-gpu',
               '--user-data-dir=' + os.path.join(OUT, 'chromium-profile'),
               '--print-to-pdf=' + pdf_path]
        if cfg['foot'] != 'foot':   # chromium's own header (date, title) and footer (URL, n/N)
            cmd.append('--no-pdf-header-footer')
        cmd.append('file://' + html_path)
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=180)
    if cfg['engine'] == 'wk' and cfg['foot'] == 'foot' and os.path.exists(pdf_path + '.tmp'):
        js = os.path.join(OUT, 'stamp.js')
        with open(js, 'w') as fp:
            fp.write(STAMP_JS)
        p = subprocess.run(['mutool', 'run', js, pdf_path + '.tmp', pdf_path],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=180)
        os.unlink(pdf_path + '.tmp')
    if not os.path.exists(pdf_path) or os.path.getsize(pdf_path) == 0:
        die('%s failed (exit %d): %s' % (cmd[0], p.returncode, p.stderr.decode(errors='replace')[-300:]))


# ---- reading back ----

def key(r):
    return (r.get('section') or '', r.get('actor') or '', r.get('date') or '',
            r.get('url') or '', re.sub(r'\s+', '', r.get('text') or ''))


def compare(want, got):
    from collections import Counter
    w, g = Counter(map(key, want)), Counter(map(key, got))
    eq = sum((w & g).values())
    p = eq / len(got) if got else (1.0 if not want else 0.0)
    r = eq / len(want) if want else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return eq, p, r, f, sorted((w - g).elements()), sorted((g - w).elements())


def text_mode(pdf, mode):
    args = ['pdftotext', '-enc', 'UTF-8'] + ([] if mode == 'default' else ['-' + mode]) + [pdf, '-']
    t = run(args)
    return records_of_text(t)


def pipeline_records(pdfdir, pipedir, stems):
    """The rows of each PDF through pipelines/default.mk (make IN=pdfdir)."""
    targets = ['%s/rows/%s.jsonl' % (pipedir, s) for s in stems]
    p = subprocess.run(['make', '-s', '-C', TOP, '--no-print-directory', '-k',
                        'IN=' + pdfdir, 'PIPE=' + pipedir] + targets,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=1800)
    out = {}
    for s, t in zip(stems, targets):
        path = os.path.join(TOP, t) if not os.path.isabs(t) else t
        if os.path.exists(path):
            with open(path) as fp:
                out[s] = [json.loads(x) for x in fp if x.strip()]
        else:
            out[s] = None
    if p.returncode != 0:
        print('render_family: make (pipeline) exit %d: %s' % (
            p.returncode, p.stderr.decode(errors='replace')[-500:]), file=sys.stderr)
    return out


def main():
    global OUT
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--quick', action='store_true', help='a small subset (make check)')
    ap.add_argument('--diff', action='store_true', help='list the differing records')
    ap.add_argument('--list', action='store_true', help='print the renderings and stop')
    ap.add_argument('--only', help='renderings whose name contains this')
    ap.add_argument('--sources', default='sample,s001,s002')
    ap.add_argument('--modes', default=','.join(MODES))
    ap.add_argument('--count', type=int, default=24, help='renderings per source (default 24)')
    ap.add_argument('--min-f1', action='append', default=[], metavar='MODE=F',
                    help='exit 1 when a rendering reads below F in MODE')
    ap.add_argument('--min-all', action='append', default=[], metavar='MODE=F',
                    help='exit 1 when all renderings together read below F in MODE')
    ap.add_argument('--reuse', action='store_true', help='keep PDFs printed by an earlier run')
    ap.add_argument('--out', default=os.path.join(TOP, 'build', 'render'))
    a = ap.parse_args()
    OUT = os.path.abspath(a.out)
    modes = [m for m in a.modes.split(',') if m]
    bad = [m for m in modes if m not in MODES]
    if bad:
        die('unknown mode %s (modes: %s)' % (','.join(bad), ','.join(MODES)), 2)
    mins, mins_all = {}, {}
    for m in a.min_f1:
        k, _, v = m.partition('=')
        mins[k] = float(v)
    for m in a.min_all:
        k, _, v = m.partition('=')
        mins_all[k] = float(v)

    cfgs = covering(DIMS, a.count)
    if a.quick:   # both engines, both spans, narrow+landscape+small font among them
        cfgs = [c for c in cfgs if (c['engine'], c['span'], c['col']) in
                {('wk', 'span', 'narrow'), ('ch', 'flat', 'wide'), ('ch', 'span', 'narrow'),
                 ('wk', 'flat', 'wide')}]
        seen, q = set(), []
        for c in cfgs:
            k = (c['engine'], c['span'], c['col'])
            if k not in seen:
                seen.add(k)
                q.append(c)
        cfgs = q
    if a.list:
        print('\t'.join(d for d, _ in DIMS) + '\tname')
        for c in cfgs:
            print('\t'.join(str(c[d]) for d, _ in DIMS) + '\t' + rname(c))
        return 0
    pdfs = modes != ['html']   # the HTML reader alone needs no PDF
    need = ['pdftotext'] if pdfs else []
    need += sorted({'wkhtmltopdf' if c['engine'] == 'wk' else 'chromium' for c in cfgs if pdfs})
    if pdfs and any(c['engine'] == 'wk' and c['foot'] == 'foot' for c in cfgs):
        need.append('mutool')
    miss = [n for n in need if not shutil.which(n)]
    if miss:
        die('missing: ' + ' '.join(miss), 2)

    os.makedirs(OUT, exist_ok=True)
    pdfdir = os.path.join(OUT, 'pdf')
    htmldir = os.path.join(OUT, 'html')
    pipedir = os.path.join(OUT, 'pipe')
    for d in (pdfdir, htmldir):
        if not a.reuse:
            shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d, exist_ok=True)
    shutil.rmtree(pipedir, ignore_errors=True)

    srcs = []
    for name, path in SOURCES:
        if name not in a.sources.split(','):
            continue
        if not os.path.exists(path):
            print('render_family: %s: %s absent, skipped' % (name, path), file=sys.stderr)
            continue
        with open(path, 'rb') as fp:
            data = fp.read()
        blocks = blocks_of(data)
        recs = records_of_text(data)
        title = next((b['text'] for b in blocks if b.get('type') == 'heading' and b.get('level') == 1),
                     '“互联网+”发展情况 舆情监测')
        srcs.append((name, blocks, recs, title))
    if not srcs:
        die('no source report', 2)

    jobs = []   # (source, cfg, stem, pdf)
    for name, blocks, recs, title in srcs:
        for c in cfgs:
            stem = name + '-' + rname(c)
            if a.only and a.only not in stem:
                continue
            hp = os.path.join(htmldir, stem + '.html')
            with open(hp, 'w') as fp:
                fp.write(report_html(c, title, blocks, recs))
            pp = os.path.join(pdfdir, stem + '.pdf')
            if pdfs and not (a.reuse and os.path.exists(pp)):
                print_pdf(c, hp, pp)
            jobs.append((name, recs, c, stem, pp, hp))
    print('render_family: %d renderings of %d sources in %s' % (len(jobs), len(srcs), pdfdir),
          file=sys.stderr)

    pipe = pipeline_records(pdfdir, pipedir, [j[3] for j in jobs]) if 'pipeline' in modes else {}
    print('| rendering | ' + ' | '.join(modes) + ' |')
    print('|---|' + '---:|' * len(modes))
    fails = []
    diffs = []
    tot = {m: [0, 0, 0] for m in modes}   # equal, source, got
    for name, recs, c, stem, pp, hp in jobs:
        cells = []
        for m in modes:
            if m == 'pipeline':
                got = pipe.get(stem)
            elif m == 'html':
                with open(hp, 'rb') as fp:
                    got = records_of_text(fp.read())
            else:
                got = text_mode(pp, m)
            if got is None:
                cells.append('error')
                fails.append((stem, m, 0.0))
                continue
            eq, p, r, f, miss_, extra = compare(recs, got)
            tot[m][0] += eq
            tot[m][1] += len(recs)
            tot[m][2] += len(got)
            cells.append('%d/%d F1 %.3f' % (eq, len(recs), f))
            if m in mins and f < mins[m]:
                fails.append((stem, m, f))
            if miss_ or extra:
                diffs.append((stem, m, miss_, extra))
        print('| %s | %s |' % (stem, ' | '.join(cells)))
    cells = []
    for m in modes:
        eq, n, g = tot[m]
        p = eq / g if g else 0.0
        r = eq / n if n else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        cells.append('%d/%d P %.3f R %.3f F1 %.3f' % (eq, n, p, r, f))
        if m in mins_all and f < mins_all[m]:
            fails.append(('all', m, f))
            mins[m] = mins_all[m]
    print('| **all** | %s |' % ' | '.join(cells))
    if a.diff:
        for stem, m, miss_, extra in diffs:
            print('\n## %s, %s: %d missing, %d extra' % (stem, m, len(miss_), len(extra)))
            for k in miss_:
                print('- ' + '\t'.join(k)[:300])
            for k in extra:
                print('+ ' + '\t'.join(k)[:300])
    for stem, m, f in fails:
        print('render_family: %s, %s: F1 %.3f below %.2f' % (stem, m, f, mins.get(m, 0)), file=sys.stderr)
    return 1 if fails else 0


if __name__ == '__main__':
    sys.exit(main())
