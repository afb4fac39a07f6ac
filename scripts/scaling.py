#!/usr/bin/env python3
"""Scaling harness: no tool may be super-linear in its input, on any input.

Each case makes an adversarial input at sizes 1x, 2x, 4x, 8x (one JSON record
with many keys, a CSV with many columns, a pivot with many values, a wide
statistical table, PDF text that repeats one actor on every row, many distinct
policy titles, CR-only text, records sharing one date) and times each tool on
it. A case fails when 8x takes more than 10x the 1x time (1x times under
FLOOR seconds count as FLOOR, so start-up noise cannot fail a case).

usage: scripts/scaling.py [--quick] [--table FILE]
  --quick       small sizes (make check); default sizes are for make bench
  --table FILE  also write the timings as a Markdown table (BENCH.md)
Prints "PASS scaling CASE TOOL: …" or "FAIL …" per case and tool. The tools
come from $IPM_BIN (default bin/).
"""
import json
import os
import subprocess
import sys
import tempfile
import time

FLOOR = 0.05
LIMIT = 10.0
TIMEOUT = 120


def gen_keys(n):
    return json.dumps({"k%d" % i: i for i in range(n)}, separators=(",", ":")) + "\n"


def gen_wide_csv(n):
    return ",".join("c%d" % i for i in range(n)) + "\n" + ",".join(str(i) for i in range(n)) + "\n"


def gen_pivot(n):
    return "".join('{"g":"a","p":"v%d"}\n' % i for i in range(n))


def gen_wide_table(n):
    # blocks of one statistical table: a title, a header row and two data rows
    head = ["指标"] + ["%d年" % (1000 + i) for i in range(n)]
    out = [{"type": "doc", "layout": "text", "line": 1},
           {"type": "para", "text": "表1 各地指标（单位：亿元）", "line": 2},
           {"type": "row", "cells": head, "line": 3},
           {"type": "row", "cells": ["合计"] + [str(2 * i) for i in range(n)], "line": 4},
           {"type": "row", "cells": ["甲"] + [str(i) for i in range(n)], "line": 5},
           {"type": "row", "cells": ["乙"] + [str(i) for i in range(n)], "line": 6}]
    return "".join(json.dumps(b, ensure_ascii=False) + "\n" for b in out)


def gen_pdf_actor(n):
    # PDF text of a monthly report whose table repeats one actor on every row
    lines = ["“互联网+”发展情况 舆情监测", "本监测期内（2018年4月16-2018年5月15日）", "",
             "二、各省“互联网+”政策落实情况", "地区      相关政策                              链接"]
    for i in range(n):
        lines.append("北京市    %d 月 %d 日，北京市推进第%d项互联网+政务服务。     http://www.bj.gov.cn/a/%d.html"
                     % (4 + i % 2, 1 + i % 28, i, i))
    return "\n".join(lines) + "\n"


def gen_titles(n):
    return "".join(json.dumps({"doc": "d%d" % i, "section": "province", "date": "2018-05-01",
                               "period_start": "2018-04-16", "period_end": "2018-05-15",
                               "text": "x", "policy_docs": ["关于推进第%d项工作的意见" % i]},
                              ensure_ascii=False) + "\n" for i in range(n))


def gen_cr(n):
    return "a\r" * n


def gen_same_date(n):
    return "".join(json.dumps({"doc": "d", "section": "province", "date": "2018-05-01",
                               "text": "第%d条，某地推进%s项工作。" % (i, i * 7919 % 100003), "url": None},
                              ensure_ascii=False) + "\n" for i in range(n))


# case, generator, base size (quick, full), [(tool label, argv after the tool)]
CASES = [
    ("keys", gen_keys, (8000, 25000), [("ipm-cat", []), ("ipm-tag", []), ("ipm-dedup", []),
                                        ("ipm-agg", ["-g", "k1", "count"]), ("ipm-report", [])]),
    ("wide-csv", gen_wide_csv, (8000, 25000), [("ipm-cat", ["--icsv"]), ("ipm-agg", ["--icsv", "-g", "c1", "count"]),
                                                ("ipm-cat", ["--icsv", "--ocsv"])]),
    ("pivot", gen_pivot, (5000, 20000), [("ipm-agg", ["-g", "g", "--pivot", "p"])]),
    ("wide-table", gen_wide_table, (1000, 5000), [("ipm-tables", ["--check"])]),
    ("pdf-actor", gen_pdf_actor, (500, 2000), [("ipm-extract", []), ("extract|rows", None)]),
    ("titles", gen_titles, (1000, 4000), [("ipm-report", [])]),
    ("cr-only", gen_cr, (20000, 200000), [("ipm-cat", []), ("ipm-tag", []), ("ipm-agg", ["count"]),
                                          ("ipm-dedup", []), ("ipm-tables", []), ("ipm-report", [])]),
    ("same-date", gen_same_date, (1000, 4000), [("ipm-dedup", [])]),
]


def run(bindir, tool, args, path):
    if args is None:   # extract | rows
        cmd = "%s/ipm-extract < %s | %s/ipm-rows > /dev/null 2>&1" % (bindir, path, bindir)
        argv = ["sh", "-c", cmd]
    else:
        argv = [os.path.join(bindir, tool)] + args + [path]
    t0 = time.monotonic()
    try:
        subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return None
    return time.monotonic() - t0


def main(argv):
    quick = "--quick" in argv
    table = argv[argv.index("--table") + 1] if "--table" in argv else None
    top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    bindir = os.path.abspath(os.environ.get("IPM_BIN", os.path.join(top, "bin")))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, gen, base, tools in CASES:
            n0 = base[0] if quick else base[1]
            paths = []
            for k in (1, 2, 4, 8):
                p = os.path.join(tmp, "%s.%d" % (name, k))
                with open(p, "w", encoding="utf-8") as f:
                    f.write(gen(n0 * k))
                paths.append(p)
            for label, args in tools:
                ts = [run(bindir, label, args, p) for p in paths]
                what = "%s %s" % (name, label + ("" if not args else " " + " ".join(args)))
                shown = " ".join("-" if t is None else "%.3f" % t for t in ts)
                if None in ts:
                    print("FAIL scaling %s: timed out (%s s at 1x 2x 4x 8x)" % (what, shown))
                    ratio = float("inf")
                else:
                    ratio = ts[3] / max(ts[0], FLOOR)
                    verdict = "PASS" if ratio <= LIMIT else "FAIL"
                    print("%s scaling %s: %s s at 1x 2x 4x 8x, 8x/1x %.1f" % (verdict, what, shown, ratio))
                rows.append((name, n0, label if args is None else " ".join(["ipm-" + label[4:] if label.startswith("ipm-") else label] + args), ts, ratio))
    if table:
        with open(table, "w") as f:
            f.write("| case | 1x size | command | 1x s | 2x s | 4x s | 8x s | 8x/1x |\n|---|---:|---|---:|---:|---:|---:|---:|\n")
            for name, n0, cmd, ts, ratio in rows:
                f.write("| %s | %d | `%s` | %s | %s |\n" % (name, n0, cmd,
                        " | ".join("-" if t is None else "%.3f" % t for t in ts),
                        "timeout" if ratio == float("inf") else "%.1f" % ratio))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
