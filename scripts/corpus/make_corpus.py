#!/usr/bin/env python3
"""Write testdata/corpus/ from scripts/corpus/facts.tsv: one sample monitoring
report per period, each in another layout and encoding:
  2019-05.txt  plain text as `pdftotext -layout` gives it (render_pdf.sh), UTF-8
  2019-06.md   Markdown with HTML tables, UTF-8
  2019-07.txt  TAB rows, GB18030 with CRLF line ends
  2019-08.pdf  rendered from HTML by scripts/corpus/render_pdf.sh (chromium)
  2019-09.html HTML page with tables
Usage: python3 scripts/corpus/make_corpus.py [OUTDIR] [HTMLDIR-for-the-PDF-source]"""
import html
import os
import sys

SECTIONS = [
    ("ministry", "一、国家部委“互联网+”政策落实情况", ("国家部委", "相关举措", "链接")),
    ("province", "二、全国各省“互联网+”政策落实情况", ("地区", "相关政策", "链接")),
    ("enterprise", "三、电信运营商及互联网相关企业参与情况", ("企业", "相关举措", "链接")),
    ("summit", "四、相关峰会", ("峰会", "相关内容", "链接")),
]
LAYOUT = {"2019-05": "pdf", "2019-06": "md", "2019-07": "tsv", "2019-08": "pdf", "2019-09": "html"}


def load(path):
    facts = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            period, section, actor, md, text, url = line.rstrip("\n").split("\t")
            m, d = md.split("/")
            facts.setdefault(period, []).append((section, actor, f"{m}月{d}日，{text}", url))
    return facts


def rows(items, section):
    """Items of one section grouped by actor, in first-seen order."""
    out = {}
    for sec, actor, text, url in items:
        if sec == section:
            out.setdefault(actor, []).append((text, url))
    return list(out.items())


def window(period):
    y, m = map(int, period.split("-"))
    pm, py = (m - 1, y) if m > 1 else (12, y - 1)
    return f"{py}年{pm}月16日-{y}年{m}月15日"


def summary(period, items):
    n = {s: sum(1 for it in items if it[0] == s) for s, _, _ in SECTIONS}
    return (f"本期监测时段为{window(period)}。各部委、地方和企业继续推进“互联网+”，"
            f"本期共整理部委动态{n['ministry']}条、地方动态{n['province']}条、"
            f"企业动态{n['enterprise']}条、峰会{n['summit']}场，"
            "工业互联网、医疗健康和政务服务等领域的动态较为集中。")


def title(period):
    y, m = period.split("-")
    return f"“互联网+”发展情况舆情监测（{y}年第{int(m)}期）"


def as_md(period, items):
    out = [f"# {title(period)}", "", "## 【舆情总结】", "", summary(period, items), ""]
    for sec, head, cols in SECTIONS:
        if sec == "summit":   # summits are numbered topics, not a table
            out += [f"## {head}", ""]
            for i, (actor, its) in enumerate(rows(items, sec), 1):
                out += [f"### {i}. {actor}", "", *(t for t, _ in its), ""]
            continue
        out += [f"## {head}", "", "| " + " | ".join(cols) + " |", "|---|---|---|"]
        for actor, its in rows(items, sec):
            cell = " ".join(f"<p>{t}</p>" for t, _ in its) if len(its) > 1 else its[0][0]
            links = " ".join(f'<a href="{u}">{u}</a>' for _, u in its)
            out.append(f"| {actor} | {cell} | {links} |")
        out.append("")
    return "\n".join(out) + "\n"


def as_tsv(period, items):
    out = [title(period), "", "【舆情总结】", summary(period, items), ""]
    for sec, head, cols in SECTIONS:
        if sec == "summit":
            out += [head, ""]
            for i, (actor, its) in enumerate(rows(items, sec), 1):
                out += [f"{i}. {actor}", "", *(t for t, _ in its), ""]
            continue
        out += [head, "", "\t".join(cols)]
        for actor, its in rows(items, sec):
            cell = " ".join(f"<p>{t}</p>" for t, _ in its) if len(its) > 1 else its[0][0]
            out.append("\t".join((actor, cell, " ".join(u for _, u in its))))
        out.append("")
    return "\r\n".join(out) + "\r\n"


def as_html(period, items, sep="<br>"):
    e = html.escape
    out = ["<!DOCTYPE html>", '<html lang="zh-CN"><head><meta charset="utf-8">',
           f"<title>{e(title(period))}</title>",
           "<style>body{font-family:sans-serif}table{border-collapse:collapse}"
           "td,th{border:1px solid #999;padding:4px;vertical-align:top}"
           "td:first-child{width:4.5em}</style></head><body>",
           f"<h1>{e(title(period))}</h1>", "<h2>【舆情总结】</h2>", f"<p>{e(summary(period, items))}</p>"]
    for sec, head, cols in SECTIONS:
        if sec == "summit":
            out.append(f"<h2>{e(head)}</h2>")
            for i, (actor, its) in enumerate(rows(items, sec), 1):
                out += [f"<h3>{i}. {e(actor)}</h3>", *(f"<p>{e(t)}</p>" for t, _ in its)]
            continue
        out += [f"<h2>{e(head)}</h2>", "<table>",
                "<tr>" + "".join(f"<th>{e(c)}</th>" for c in cols) + "</tr>"]
        for actor, its in rows(items, sec):
            cell = sep.join(e(t) for t, _ in its)
            links = "<br>".join(f'<a href="{e(u)}">{e(u)}</a>' for _, u in its)
            out.append(f"<tr><td>{e(actor)}</td><td>{cell}</td><td>{links}</td></tr>")
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "../../testdata/corpus")
    srcdir = sys.argv[2] if len(sys.argv) > 2 else here
    facts = load(os.path.join(here, "facts.tsv"))
    for period, items in sorted(facts.items()):
        kind = LAYOUT[period]
        if kind == "md":
            data, name, enc = as_md(period, items), period + ".md", "utf-8"
        elif kind == "tsv":
            data, name, enc = as_tsv(period, items), period + ".txt", "gb18030"
        elif kind == "html":
            data, name, enc = as_html(period, items), period + ".html", "utf-8"
        else:   # the PDF's source; render_pdf.sh turns it into OUTDIR/PERIOD.pdf
            data, name, enc, outdir_ = as_html(period, items), period + ".pdf.html", "utf-8", srcdir
            with open(os.path.join(outdir_, name), "w", encoding=enc, newline="") as f:
                f.write(data)
            continue
        with open(os.path.join(outdir, name), "w", encoding=enc, newline="") as f:
            f.write(data)


if __name__ == "__main__":
    main()
