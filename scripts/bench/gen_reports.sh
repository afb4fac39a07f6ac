#!/bin/sh
# Generate a corpus of monthly reports for the rows benchmark: N reports
# (default 400) alternating Markdown (HTML cells, page-break continuation
# tables) and TAB layouts, each with 34 regions x 3 items, written to stdout.
# Deterministic (awk srand seed).
n=${1:-400}
awk -v n="$n" '
function item(  m, d) { m = 2 + int(rand() * 2); d = 1 + int(rand() * 28);
	return m "月" d "日，某市推进“互联网+政务服务”建设，上线一体化在线平台，实现" int(rand() * 900) "项事项网上可办，群众办事更加便捷高效。" }
function url() { return "http://www.example.gov.cn/xinwen/2019-0" (2 + int(rand() * 2)) "/" int(rand() * 28 + 1) "/content_" int(rand() * 9000000) ".htm" }
BEGIN {
	srand(42)
	split("北京市 天津市 河北省 山西省 内蒙古自治区 辽宁省 吉林省 黑龙江省 上海市 江苏省 浙江省 安徽省 福建省 江西省 山东省 河南省 湖北省 湖南省 广东省 广西壮族自治区 海南省 重庆市 四川省 贵州省 云南省 西藏自治区 陕西省 甘肃省 青海省 宁夏回族自治区 新疆维吾尔自治区 台湾省 香港特别行政区 澳门特别行政区", reg, " ")
	for (r = 0; r < n; r++) {
		md = r % 2 == 0
		print (md ? "# " : "") "“互联网+”发展情况 舆情监测"; print ""
		print "本监测期内（2019年2月16日-2019年3月15日），各地继续推进。"; print ""
		print (md ? "## " : "") "一、国家部委“互联网+”政策落实情况"; print ""
		print md ? "| 发布机构 | 相关举措 | 链接 |\n|---|---|---|" : "国家部委\t相关举措\t链接"
		for (i = 0; i < 8; i++)
			print md ? "| 工信部 | " item() " | <a href=\"" url() "\">" url() "</a> |" : "工信部\t" item() "\t" url()
		print ""; print (md ? "## " : "") "二、全国各省“互联网+”政策落实情况"; print ""
		print md ? "| 地区 | 相关政策 | 链接 |\n|---|---|---|" : "地区\t相关政策\t链接"
		for (i = 1; i <= 34; i++) {
			a = item(); b = item(); c = item(); u1 = url(); u2 = url(); u3 = url()
			if (md) {
				print "| " reg[i] " | <p>" a "</p> <p>" b "</p> <p>" c "</p> | <p><a href=\"" u1 "\">" u1 "</a></p> <p><a href=\"" u2 "\">" u2 "</a></p> <p><a href=\"" u3 "\">" u3 "</a></p> |"
				if (i % 10 == 0) print "\n|   |   |   |\n|---|---|---|"
			} else {
				print reg[i] "\t<p>" a "</p> <p>" b "</p> <p>" c "</p>\t" u1 " " u2 " " u3
				if (i % 10 == 0) print ""
			}
		}
		print ""; print (md ? "## " : "") "四、相关峰会"; print ""; print (md ? "### " : "") "1. 2019 工业互联网峰会"; print ""
		print "2019 工业互联网峰会于 2 月 21 日在北京召开，峰会主题为“智联赋能 融通创新”。"; print ""
	}
}'
