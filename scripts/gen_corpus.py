#!/usr/bin/env python3
"""Generate a large, realistic corpus of monthly "互联网+" monitoring reports.

  python3 scripts/gen_corpus.py --docs N --records R --seed S OUTDIR

writes OUTDIR/dNNNNNN.{md,txt} (N documents, about R records in all) and
OUTDIR/MANIFEST.tsv: one line per document, "doc layout period_start
period_end records", the number of records ipm-norm | ipm-extract | ipm-rows
must find in it (scripts/tests/shards.sh checks it).

The documents use the layouts ipm reads (ipm-formats(5)): Markdown with HTML
table cells (<p> items, <a href> links), TAB rows (UTF-8, or GB18030 with CR
LF as Windows exports them), and plain text with columns aligned by spaces
(as pdftotext -layout prints a table); summits are numbered headings with a
paragraph. Names are taken from lib/data: ministries
(orgs.tsv), provinces and cities (gazetteer.tsv), companies (companies.tsv),
sector terms (sectors.tsv). Each document states its monitoring period
(本监测期内（2019年4月16-2019年5月15日）: the 16th of one month to the 15th of
the next) and every item's date is inside it. Several documents cover each
period (one per monitoring source), and items repeat across them: about
--dup of the items are copies of an item another document reported (the same
link, or the same text a day later), as in real collections.

Deterministic: the same options and --seed give the same bytes (python3 stdlib
only, random.Random(seed)).
"""
import argparse
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "lib", "data")


def tsv(name):
    rows = []
    with open(os.path.join(DATA, name), encoding="utf-8") as f:
        header = None
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            rows.append(dict(zip(header, cells)))
    return rows


def names():
    orgs = tsv("orgs.tsv")
    ministries = sorted({r["name"] for r in orgs
                         if r.get("kind") == "ministry" and r["name"] == r["id"]
                         and r.get("note", "-") == "-" and 3 <= len(r["name"]) <= 9})
    gaz = tsv("gazetteer.tsv")
    provinces = sorted({r["canonical"] for r in gaz if r.get("level") == "province"})
    cities = sorted({r["name"] for r in gaz if r.get("level") == "city"
                     and r["name"] == r["canonical"][-len(r["name"]):]
                     and r["name"].endswith("市") and 3 <= len(r["name"]) <= 4})
    city_prov = {}
    for r in gaz:
        if r.get("level") == "city" and r["name"] in cities:
            city_prov.setdefault(r["name"], r["canonical"][:len(r["canonical"]) - len(r["name"])])
    companies = sorted({r["company"] for r in tsv("companies.tsv")
                        if r["alias"] == r["company"] and 2 <= len(r["company"]) <= 8
                        and not r["company"][0].isascii()})
    sectors = sorted({r["term"] for r in tsv("sectors.tsv")
                      if 2 <= len(r["term"]) <= 6 and "+" not in r["term"]})
    return ministries, provinces, cities, city_prov, companies, sectors


HOSTS_PROV = ["www.{p}.gov.cn"]
MEDIA = ["tech.qq.com", "tech.163.com", "www.c114.com.cn", "tech.sina.com.cn",
         "www.cctime.com", "www.xinhuanet.com", "www.people.com.cn"]
MIN_HOST = ["www.miit.gov.cn", "www.gov.cn", "www.ndrc.gov.cn", "www.moe.gov.cn",
            "www.nhc.gov.cn", "www.mof.gov.cn", "www.mofcom.gov.cn", "www.most.gov.cn"]
VERBS = ["印发《关于推进“互联网+{s}”发展的指导意见》，提出到{y}年建成{s}服务体系",
         "发布《{s}数字化转型行动计划（{y}—{z}年）》，推动{s}与互联网深度融合",
         "召开“互联网+{s}”工作推进会，部署{y}年{s}重点任务",
         "出台支持{s}发展的若干措施，鼓励企业上云用数赋智",
         "上线“互联网+{s}”服务平台，群众可在线办理{s}相关事项",
         "开展{s}试点示范工作，遴选一批{s}创新应用项目",
         "与{c}签署战略合作协议，共建{s}平台",
         "公布{y}年{s}优秀案例名单，推广可复制的经验做法"]
CO_VERBS = ["发布{s}解决方案，服务{p}制造企业数字化转型",
            "与{p}签署战略合作协议，共同推进{s}建设",
            "推出“互联网+{s}”新产品，覆盖全国{n}个城市",
            "在{p}建设{s}数据中心，预计{y}年投入使用",
            "宣布成立{s}事业部，加码{s}业务布局"]
SUMMITS = ["数字中国建设峰会", "世界互联网大会", "中国国际大数据产业博览会",
           "世界人工智能大会", "中国国际软件博览会", "工业互联网峰会",
           "中国互联网大会", "全球5G大会", "智慧城市博览会"]
CN_NUM = "一二三四五"


class Gen:
    def __init__(self, a):
        self.a = a
        self.r = random.Random(a.seed)
        (self.ministries, self.provinces, self.cities, self.city_prov,
         self.companies, self.sectors) = names()
        self.pool = {}   # period index -> items reported so far in that period
        self.serial = 0

    def period(self, k):
        """k-th monitoring period: 16th of month m to 15th of month m+1."""
        y, m = self.a.start_year + (k // 12), k % 12 + 1
        y2, m2 = (y, m + 1) if m < 12 else (y + 1, 1)
        return (y, m, 16), (y2, m2, 15)

    def day_in(self, per):
        (y, m, _), (y2, m2, _) = per
        d = self.r.randint(0, 27)
        if d < 13:   # the 16th..28th of the first month (every month has them)
            return (y, m, 16 + d)
        return (y2, m2, 1 + (d - 13))

    def url(self, host, date):
        self.serial += 1
        y, m, d = date
        return "http://%s/%04d%02d/t%04d%02d%02d_%d.html" % (host, y, m, y, m, d, self.serial)

    def new_item(self, section, per):
        r = self.r
        date = self.day_in(per)
        y = date[0]
        s = r.choice(self.sectors)
        if section == "ministry":
            actor = r.choice(self.ministries)
            what = r.choice(VERBS).format(s=s, y=y + 1, z=y + 3, c=r.choice(self.companies))
            host = r.choice(MIN_HOST)
        elif section == "province":
            actor = r.choice(self.provinces)
            what = r.choice(VERBS).format(s=s, y=y + 1, z=y + 3, c=r.choice(self.companies))
            host = "www.gov%d.gov.cn" % (self.provinces.index(actor) + 1)
        else:
            actor = r.choice(self.companies)
            what = r.choice(CO_VERBS).format(s=s, p=r.choice(self.provinces), y=y + 1,
                                             n=r.randint(10, 300))
            host = r.choice(MEDIA)
        text = "%d月%d日，%s%s。" % (date[1], date[2], actor, what)
        return {"section": section, "actor": actor, "date": date, "what": what,
                "text": text, "url": self.url(host, date)}

    def copy_item(self, it, per):
        """The same event in another document: the same link, or a day later without it."""
        c = dict(it)
        if self.r.random() < 0.5:
            y, m, d = c["date"]
            nd = (y, m, d + 1)
            if self.in_period(nd, per):
                c["date"] = nd
                c["text"] = "%d月%d日，%s%s。" % (m, d + 1, c["actor"], c["what"])
                c["url"] = self.url(MEDIA[self.serial % len(MEDIA)], nd)
        return c

    @staticmethod
    def in_period(date, per):
        (y, m, d16), (y2, m2, d15) = per
        return (date[:2] == (y, m) and date[2] >= 16 and date[2] <= 28) or \
               (date[:2] == (y2, m2) and date[2] <= d15)

    def items(self, per_k, per, n):
        pool = self.pool.setdefault(per_k, [])
        out = []
        weights = [("ministry", 2), ("province", 5), ("enterprise", 3)]
        for _ in range(n):
            if pool and self.r.random() < self.a.dup:
                it = self.copy_item(self.r.choice(pool), per)
            else:
                sec = self.r.choices([w[0] for w in weights], [w[1] for w in weights])[0]
                it = self.new_item(sec, per)
                pool.append(it)
                if len(pool) > 400:
                    del pool[0]
            out.append(it)
        return out

    def doc(self, i):
        a, r = self.a, self.r
        nper = max(1, a.periods)
        per_k = i % nper
        per = self.period(per_k)
        (y, m, d), (y2, m2, d2) = per
        n = max(1, int(round(r.gauss(a.records, a.records * 0.2)))) if a.records > 1 else 1
        nsum = 1 if n >= 4 and r.random() < 0.6 else 0
        its = self.items(per_k, per, n - nsum)
        summits = []
        for _ in range(nsum):
            date = self.day_in(per)
            name = r.choice(SUMMITS)
            summits.append((name, "%d月%d日，%s%d在%s举行，发布多项%s成果。" % (
                date[1], date[2], name, date[0], r.choice(self.cities), r.choice(self.sectors))))
        layout = r.choices(["md", "tsv", "gbk", "text"], [4, 3, 1, 2])[0]
        issue = per_k % 12 + 1
        title = "“互联网+”发展情况舆情监测（%d年第%d期）" % (y2, issue)
        period = "本监测期内（%d年%d月%d-%d年%d月%d日）" % (y, m, d, y2, m2, d2)
        summary = ("自2015年“互联网+”正式被写入政府工作报告以来，中央、地方、企业多层面不断"
                   "强化互联网思维。%s，各部委、地方和企业继续推进“互联网+”相关工作。" % period)
        secs = [("ministry", "国家部委“互联网+”政策落实情况", "国家部委"),
                ("province", "全国各省“互联网+”政策落实情况", "地区"),
                ("enterprise", "电信运营商及互联网相关企业参与情况", "企业")]
        groups = {s: [] for s, _, _ in secs}
        for it in its:
            groups[it["section"]].append(it)
        for s in groups:
            groups[s].sort(key=lambda it: it["date"])
        out = []
        md = layout == "md"
        out.append(("# " if md else "") + title)
        out.append("")
        out.append(("## " if md else "") + "【舆情总结】")
        out.append("")
        out.append(summary)
        out.append("")
        k = 0
        for s, head, col in secs:
            if not groups[s]:
                continue
            out.append(("## " if md else "") + "%s、%s" % (CN_NUM[k], head))
            out.append("")
            k += 1
            rows = []   # (actor, [items]) with the same actor's neighbouring items merged
            for it in groups[s]:
                if md and rows and rows[-1][0] == it["actor"]:
                    rows[-1][1].append(it)
                else:
                    rows.append((it["actor"], [it]))
            if md:
                out.append("| %s | 相关举措 | 链接 |" % col)
                out.append("|---|---|---|")
                for actor, lst in rows:
                    if len(lst) == 1:
                        cell = lst[0]["text"]
                    else:
                        cell = " ".join("<p>%s</p>" % it["text"] for it in lst)
                    links = " ".join('<a href="%s">%s</a>' % (it["url"], it["url"]) for it in lst)
                    out.append("| %s | %s | %s |" % (actor, cell, links))
            elif layout == "text":   # columns aligned with spaces, as pdftotext -layout prints
                out.append(" %s%s相关举措%s链接" % (col, " " * (12 - 2 * len(col)), " " * 40))
                out.append("")
                for actor, lst in rows:
                    for it in lst:
                        out.append("%s%s%s  %s" % (actor, " " * max(4, 20 - 2 * len(actor)),
                                                   it["text"], it["url"]))
            else:
                out.append("%s\t相关举措\t链接" % col)
                for actor, lst in rows:
                    for it in lst:
                        out.append("%s\t%s\t%s" % (actor, it["text"], it["url"]))
            out.append("")
        if summits:
            out.append(("## " if md else "") + "%s、相关峰会" % CN_NUM[k])
            out.append("")
            for j, (name, text) in enumerate(summits, 1):
                out.append(("### " if md else "") + "%d. %s" % (j, name))
                out.append("")
                out.append(text)
                out.append("")
        body = "\n".join(out) + "\n"
        if layout == "gbk":
            data = body.replace("\n", "\r\n").encode("gb18030")
        else:
            data = body.encode("utf-8")
        ext = "md" if md else "txt"
        start = "%04d-%02d-%02d" % (y, m, d)
        end = "%04d-%02d-%02d" % (y2, m2, d2)
        return ext, data, (layout, start, end, len(its) + len(summits))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--docs", type=int, default=100, help="documents [100]")
    ap.add_argument("--records", type=float, default=100,
                    help="records per document on average [100]")
    ap.add_argument("--periods", type=int, default=0,
                    help="monitoring periods (months) [docs/20, at least 1]")
    ap.add_argument("--start-year", type=int, default=2016, help="first period's year [2016]")
    ap.add_argument("--dup", type=float, default=0.15,
                    help="share of items copied from another document of the period [0.15]")
    ap.add_argument("--seed", type=int, default=1, help="random seed [1]")
    a = ap.parse_args()
    if a.periods <= 0:
        a.periods = max(1, a.docs // 20)
    os.makedirs(a.outdir, exist_ok=True)
    g = Gen(a)
    total = 0
    width = max(6, len(str(a.docs - 1)))
    with open(os.path.join(a.outdir, "MANIFEST.tsv"), "w", encoding="utf-8") as man:
        man.write("doc\tlayout\tperiod_start\tperiod_end\trecords\n")
        for i in range(a.docs):
            ext, data, (layout, start, end, n) = g.doc(i)
            doc = "d%0*d" % (width, i)
            with open(os.path.join(a.outdir, "%s.%s" % (doc, ext)), "wb") as f:
                f.write(data)
            man.write("%s\t%s\t%s\t%s\t%d\n" % (doc, layout, start, end, n))
            total += n
    print("gen_corpus: %d documents, %d records in %s" % (a.docs, total, a.outdir),
          file=sys.stderr)


if __name__ == "__main__":
    main()
