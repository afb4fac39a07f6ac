#!/usr/bin/python3
"""Stand-ins for ipm-norm, ipm-extract, ipm-rows and ipm-tag (chosen by the
name it is called by), only for testing the pipeline's make logic on
testdata/corpus before those stages exist: crude, not the real stages.
norm: any of UTF-8/GB18030 to UTF-8 (LF); extract: text lines as para blocks;
rows: 'M月D日，...' lines as records of the last numbered section; tag: a
province, subsectors and companies found by substring."""
import json
import os
import re
import sys

tool = os.path.basename(sys.argv[0])
args = [a for a in sys.argv[1:] if not a.startswith("--")]
doc = sys.argv[sys.argv.index("--doc") + 1] if "--doc" in sys.argv else "?"
if doc != "?":
    args.remove(doc)
data = open(args[0], "rb").read() if args else sys.stdin.buffer.read()

if tool == "ipm-norm":
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("gb18030")
    sys.stdout.write(re.sub(r"<[^>]+>", "\n", text.replace("\r\n", "\n")))
elif tool == "ipm-extract":   # blank-line separated paragraphs, lines joined
    para, start = [], 0
    for n, line in enumerate(data.decode().splitlines() + [""], 1):
        if line.strip():
            start = start or n
            para.append(line.strip())
        elif para:
            print(json.dumps({"type": "para", "text": "".join(para), "line": start}, ensure_ascii=False))
            para, start = [], 0
elif tool == "ipm-rows":
    section, year = None, "2019"
    kinds = [("国家部委", "ministry"), ("各省", "province"), ("企业", "enterprise"), ("峰会", "summit")]
    for line in data.decode().splitlines():
        b = json.loads(line)
        t = b["text"]
        m = re.search(r"(20\d\d)年", t)
        if m and section is None:
            year = m.group(1)
        for k, v in kinds:
            if re.match(r"^#*\s*[一二三四]、", t) and k in t[:30]:
                section = v
        for m in re.finditer(r"(\d{1,2})月(\d{1,2})日，([^。]*。)", t):
            if section:
                print(json.dumps({"doc": doc, "section": section, "actor": None,
                                  "date": "%s-%02d-%02d" % (year, int(m.group(1)), int(m.group(2))),
                                  "text": m.group(0), "url": None, "line": b["line"]}, ensure_ascii=False))
elif tool == "ipm-tag":
    here = os.path.dirname(os.path.realpath(__file__))
    provs = [l.split("\t")[0] for l in open(os.path.join(here, "../../../lib/data/tiles.tsv"), encoding="utf-8")
             if not l.startswith("#")]
    subs = {"工业互联网": "协同制造", "医疗": "益民服务", "政务": "政务服务", "交通": "便捷交通", "农": "现代农业", "教育": "益民服务"}
    cos = ["腾讯", "阿里巴巴", "华为", "中国移动", "中国联通", "中国电信"]
    for line in data.decode().splitlines():
        r = json.loads(line)
        t = r["text"]
        p = [x for x in provs if x in t]
        r["province"] = p[0] if p else None
        r["subsectors"] = [s for s in subs if s in t]
        r["sectors"] = sorted({subs[s] for s in r["subsectors"]})
        r["companies"] = [c for c in cos if c in t]
        r["policy_docs"] = re.findall(r"《[^》]+》", t)
        r["event_type"] = "agreement" if "协议" in t else "platform" if "平台" in t else "policy"
        print(json.dumps(r, ensure_ascii=False))
