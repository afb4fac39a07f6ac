#!/usr/bin/env python3
"""Render ipm-extract blocks (JSON Lines on stdin) as a printable HTML report:
headings, paragraphs, and tables with top-aligned cells (one <p> per item,
actor | measures | links). Used to turn a seed into a PDF and read it back
with pdftotext (scripts/tests/pdftext_seeds.sh)."""
import html
import json
import sys

out = ['<!DOCTYPE html><html><head><meta charset="utf-8"><style>'
       'body{font-family:"WenQuanYi Zen Hei",sans-serif;font-size:14px}'
       'table{border-collapse:collapse;width:100%}'
       'td{border:1px solid #444;vertical-align:top;padding:3px}'
       'td.a{width:14%}td.m{width:52%}td.u{width:34%;word-break:break-all}'
       'p{margin:0 0 5px 0}</style></head><body>']
intable = False
for line in sys.stdin:
    b = json.loads(line)
    t = b.get('type')
    if t != 'row' and intable:
        out.append('</table>')
        intable = False
    if t == 'heading':
        lv = min(int(b['level']), 4)
        out.append('<h%d>%s</h%d>' % (lv, html.escape(b['text']), lv))
    elif t == 'para':
        out.append('<p>%s</p>' % html.escape(b['text']))
    elif t == 'row':
        if not intable:
            out.append('<table>')
            intable = True
        cls = ['a', 'm', 'u']
        cells = ''.join('<td class="%s">%s</td>' % (
            cls[min(i, 2)], ''.join('<p>%s</p>' % html.escape(x) for x in c.split('\n')))
            for i, c in enumerate(b['cells']))
        out.append('<tr>%s</tr>' % cells)
if intable:
    out.append('</table>')
out.append('</body></html>')
print('\n'.join(out))
