#!/usr/bin/env python3
"""Write one of our own sample monthly reports in two forms: the source as
TAB rows (the layout ipm-extract reads as text, --tsv FILE) and the same
report as printable HTML (--html FILE) in a chosen style, for printing to PDF
and reading back through the PDF geometry reader (lib/extract/pdfgeom*).

Styles: --font PT (7-14), --landscape, --name narrow|wide (first column),
--rowspan (one table row per item, the name cell spanning its rows, centred),
--valign top|middle, --no-thead (no repeated header), --noborder,
--scale N (the province table N times, other names: a long report),
--mini (two small tables: golden tests).
The texts are written for these tests (facts in the style of the reports)."""
import argparse
import html

MINISTRY = [
    ("国家发展和改革委员会", [
        ("2月19日，国家发展改革委印发《关于推进“互联网+”智慧能源发展的指导意见》解读材料，明确将在十个城市开展能源互联网示范。",
         "http://www.ndrc.gov.cn/zcfb/zcfbtz/201902/t20190219_928374.html"),
        ("3月4日，国家发展改革委召开数字经济专题座谈会，研究部署平台经济规范健康发展工作。",
         "http://www.ndrc.gov.cn/xwdt/xwfb/201903/t20190304_931204.html")]),
    ("工信部", [
        ("2月25日，工信部发布《工业互联网网络建设及推广指南》配套标准清单。",
         "http://www.miit.gov.cn/n1146290/n1146392/c6643017/content.html"),
        ("3月12日，工信部在江苏南京举办工业互联网平台应用推广培训。",
         "http://www.cnii.com.cn/industry/2019-03/16/content_2131474.htm")]),
    ("国家卫生健康委员会", [
        ("3月8日消息，国家卫生健康委表示将出台互联网诊疗收费指导意见，推动“互联网+医疗健康”便民惠民。",
         "http://www.nhc.gov.cn/yzygj/s3594q/201903/a1b2c3d4e5f6.shtml")]),
]

PROVINCE = [
    ("北京市", [
        ("2月18日，北京市经信局发布《北京工业互联网发展行动计划（2018-2020年）》实施细则，提出培育10个左右工业互联网平台。",
         "http://jxj.beijing.gov.cn/jxdt/tzgg/201902/t20190218_1573920.html"),
        ("3月1日，北京市政务服务中心推出“一窗通办”网上预约，企业开办时间压缩至3天以内。",
         "http://www.beijing.gov.cn/zhengce/zcjd/201903/t20190301_1838465.html")]),
    ("内蒙古自治区", [
        ("2月27日，内蒙古自治区政府办公厅印发《关于推进“互联网+农牧业”发展的实施意见》，提出建设农畜产品质量追溯平台。",
         "http://www.nmg.gov.cn/art/2019/2/27/art_1686_250011.html"),
        ("3月6日，呼和浩特市“蒙速办”APP上线，可办理200余项政务服务事项。",
         "http://inews.nmgnews.com.cn/system/2019/03/06/012659480.shtml")]),
    ("新疆维吾尔自治区", [
        ("3月4日，新疆维吾尔自治区启动“互联网+教育”专项行动，推动优质课程资源覆盖南疆四地州中小学。",
         "http://www.xinjiang.gov.cn/2019/03/04/161840.html")]),
    ("浙江省", [
        ("2月20日，浙江省政府召开“最多跑一次”改革推进会，全省政务服务网上可办率达到90%。",
         "http://www.zj.gov.cn/art/2019/2/20/art_1554467_30295013.html"),
        ("2月28日，杭州市发布城市大脑综合版，接入交通、医疗、旅游等9大领域数据。",
         "https://zjnews.zjol.com.cn/zjnews/hznews/201902/t20190228_9571046.shtml"),
        ("3月11日，宁波市与阿里云签署工业互联网战略合作协议。",
         "http://news.cnnb.com.cn/system/2019/03/11/030039288.shtml")]),
    ("广西壮族自治区", [
        ("2月22日，广西壮族自治区数字广西建设领导小组印发2019年工作要点，提出建设“壮美广西·政务云”。",
         "http://www.gxzf.gov.cn/zwgk/zfwj/20190222-737461.shtml"),
        ("3月13日，南宁市“互联网+不动产登记”平台上线，实现交易、缴税、登记一窗办理。",
         "http://www.nanning.gov.cn/ywzx/nnyw/2019nzwdt/t20190313_1234567.html")]),
    ("四川省", [
        ("3月7日，四川省卫生健康委发布《四川省互联网医院管理办法实施细则（试行）》，首批12家互联网医院获准执业。",
         "http://wsjkw.sc.gov.cn/scwsjkw/zcwj/2019/3/7/a7e2b8c9d0f14e2a.shtml")]),
    ("广东省", [
        ("2月21日，广东省“粤省事”平台实名用户突破1000万，可办理600余项民生服务。",
         "http://www.gd.gov.cn/gdywdt/gdyw/content/post_2193621.html"),
        ("3月5日，深圳市出台《深圳市关于进一步加快发展工业互联网的若干措施》，每年安排专项资金支持企业上云。",
         "http://www.sz.gov.cn/cn/xxgk/zfxxgj/tzgg/201903/t20190305_16619045.htm")]),
    ("黑龙江省", [
        ("2月26日，黑龙江省“互联网+政务服务”平台与国家平台完成对接，省市县三级事项实现网上可查可办。",
         "http://www.hlj.gov.cn/zwfb/system/2019/02/26/010894331.shtml")]),
]

ENTERPRISE = [
    ("中国电信", [
        ("2月26日，中国电信与雄安新区签署5G与“互联网+智慧城市”合作协议。",
         "http://www.chinatelecom.com.cn/news/02/201902/t20190226_44761.html"),
        ("3月9日，中国电信天翼云在贵州上线政务云灾备中心。",
         "http://www.gz.chinanews.com/content/2019/03-09/88231.shtml")]),
    ("腾讯", [
        ("3月2日，腾讯与云南省合作的“一部手机游云南”平台上线两周年，累计服务游客超过1000万人次。",
         "https://tech.qq.com/a/20190302/004512.htm")]),
]

# more names for --scale (a long report): real provinces, made-up items
MORE = ["河北省", "山西省", "辽宁省", "吉林省", "上海市", "江苏省", "安徽省", "福建省", "江西省",
        "山东省", "河南省", "湖北省", "湖南省", "海南省", "重庆市", "贵州省", "云南省", "西藏自治区",
        "陕西省", "甘肃省", "青海省", "宁夏回族自治区", "天津市"]
TOPICS = ["“互联网+政务服务”一体化平台", "工业互联网标识解析二级节点", "“互联网+医疗健康”示范省",
          "数字乡村试点", "智慧交通出行服务平台", "“互联网+教育”大平台", "电子证照共享应用"]


def scaled(n):
    rows = list(PROVINCE)
    k = 0
    for r in range(1, n):
        for name in MORE:
            items = []
            for j in range(1 + (k % 3)):
                day = 1 + (k * 7 + j * 5) % 28
                mon = 2 if day >= 16 else 3
                t = TOPICS[(k + j) % len(TOPICS)]
                items.append(("%d月%d日，%s发布%s建设方案（第%d批），明确年内完成主要建设任务。" % (mon, day, name, t, r),
                              "http://www.example.gov.cn/%s/2019/%02d%02d/t%d_%d.html" % ("p%d" % k, mon, day, k, j)))
                k += 1
            rows.append((name, items))
    return rows


def sections(scale, mini=False):
    if mini:   # a small report: two tables of two names (golden tests)
        return [
            ("一、国家部委“互联网+”政策落实情况", "本期部委推出相关举措。",
             ("国家部委", "相关举措", "链接"), [(n, it[:1]) for n, it in MINISTRY[1:3]]),
            ("二、全国各省“互联网+”政策落实情况", "各省继续推进。",
             ("地区", "相关政策", "链接"), [PROVINCE[0], PROVINCE[2]]),
        ]
    return [
        ("一、国家部委“互联网+”政策落实情况", "本期国家发展改革委、工信部等部门推出相关举措。",
         ("国家部委", "相关举措", "链接"), MINISTRY),
        ("二、全国各省“互联网+”政策落实情况", "各省区市继续推进“互联网+政务服务”和工业互联网发展。",
         ("地区", "相关政策", "链接"), scaled(scale) if scale > 1 else PROVINCE),
        ("三、电信运营商及互联网相关企业参与情况", "电信运营商和互联网企业继续与地方政府开展合作。",
         ("发布机构", "相关举措", "链接"), ENTERPRISE),
    ]


TITLE = "“互联网+”发展情况 舆情监测（样例）"
PERIOD = "本监测期内（2019年2月16日—2019年3月15日），各部委、各地区继续推进“互联网+”相关政策落地。"
SUMMITS = [("1. 2019中国工业互联网大会", "3月10日至11日，2019中国工业互联网大会在北京召开，大会发布了工业互联网平台评价方法和十大应用案例。"),
           ("2. 数字政府建设峰会", "3月23日，数字政府建设峰会在广州召开，与会专家围绕一体化平台建设进行了交流。")]


def write_tsv(path, scale, mini=False):
    out = [TITLE, "", "【舆情总结】", "", PERIOD, ""]
    for head, para, cols, rows in sections(scale, mini):
        out += [head, "", para, "", "\t".join(cols)]
        for name, items in rows:
            for i, (t, u) in enumerate(items):
                out.append("\t".join([name if i == 0 else "", t, u]))
        out.append("")
    out += ["四、相关峰会", ""]
    for h, p in SUMMITS[:1 if mini else 2]:
        out += [h, "", p, ""]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


def write_html(path, a):
    e = html.escape
    namew = {"narrow": 7, "wide": 24}[a.name]
    css = ['@page { size: A4%s; margin: 15mm 12mm; }' % (" landscape" if a.landscape else ""),
           'body { font-family: "WenQuanYi Zen Hei", sans-serif; font-size: %gpt; line-height: 1.4; }' % a.font,
           'table { border-collapse: collapse; width: 100%; }',
           'td, th { %s padding: 3px; vertical-align: %s; }' % ("" if a.noborder else "border: 1px solid #444;", a.valign),
           'th { font-weight: bold; }',
           'td.a, th.a { width: %d%%; } td.u { width: 30%%; word-break: break-all; }' % namew,
           'p.i { margin: 0 0 4px 0; }', 'h1 { font-size: 1.6em; } h2 { font-size: 1.25em; } h3 { font-size: 1.1em; }']
    out = ['<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>%s</title><style>%s</style></head><body>'
           % (e(TITLE), "\n".join(css)), '<h1>%s</h1>' % e(TITLE), '<h2>【舆情总结】</h2>', '<p>%s</p>' % e(PERIOD)]
    for head, para, cols, rows in sections(a.scale, a.mini):
        out += ['<h2>%s</h2>' % e(head), '<p>%s</p>' % e(para), '<table>']
        hdr = '<tr><th class="a">%s</th><th>%s</th><th>%s</th></tr>' % tuple(e(c) for c in cols)
        out.append(hdr if a.no_thead else '<thead>%s</thead>' % hdr)
        out.append('<tbody>')
        for name, items in rows:
            if a.rowspan:
                for i, (t, u) in enumerate(items):
                    cell = '<td class="a" rowspan="%d">%s</td>' % (len(items), e(name)) if i == 0 else ''
                    out.append('<tr>%s<td>%s</td><td class="u">%s</td></tr>' % (cell, e(t), e(u)))
            else:
                ts = ''.join('<p class="i">%s</p>' % e(t) for t, _ in items)
                us = ''.join('<p class="i">%s</p>' % e(u) for _, u in items)
                out.append('<tr><td class="a">%s</td><td>%s</td><td class="u">%s</td></tr>' % (e(name), ts, us))
        out.append('</tbody></table>')
    out.append('<h2>四、相关峰会</h2>')
    for h, p in SUMMITS[:1 if a.mini else 2]:
        out += ['<h3>%s</h3>' % e(h), '<p>%s</p>' % e(p)]
    out.append('</body></html>')
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--tsv")
    p.add_argument("--html")
    p.add_argument("--font", type=float, default=10.5)
    p.add_argument("--landscape", action="store_true")
    p.add_argument("--name", choices=["narrow", "wide"], default="wide")
    p.add_argument("--rowspan", action="store_true")
    p.add_argument("--valign", choices=["top", "middle"], default="top")
    p.add_argument("--no-thead", action="store_true")
    p.add_argument("--noborder", action="store_true")
    p.add_argument("--scale", type=int, default=1)
    p.add_argument("--mini", action="store_true", help="a small report (two tables of two names)")
    a = p.parse_args()
    if a.tsv:
        write_tsv(a.tsv, a.scale, a.mini)
    if a.html:
        write_html(a.html, a)


if __name__ == "__main__":
    main()
