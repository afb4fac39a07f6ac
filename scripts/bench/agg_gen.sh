#!/bin/sh
# Write a synthetic tagged-records CSV of about MB megabytes to FILE (for the
# ipm-agg benchmark and tests): doc,section,province,date,sectors,companies,
# event_type,text,amount (amount: a number from -500 to 1500 with 2 decimals,
# from the row number, so the random columns are those of before). No quotes or ';' in the group columns, so mlr and
# datamash -t, read it the same way. Deterministic (fixed seed).
# usage: agg_gen.sh MB FILE
set -eu
mb=$1 out=$2
awk -v target="$mb" 'BEGIN {
	srand(42);
	np = split("北京 天津 河北 山西 内蒙古 辽宁 吉林 黑龙江 上海 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 广西 海南 重庆 四川 贵州 云南 西藏 陕西 甘肃 青海 宁夏 新疆", P, " ");
	ns = split("ministry province enterprise summit special paragraph chronicle policy", S, " ");
	nk = split("创业创新 协同制造 现代农业 智慧能源 普惠金融 益民服务 高效物流 电子商务 便捷交通 绿色生态 人工智能 政务服务 网络基础", K, " ");
	nc = split("阿里巴巴 腾讯 华为 百度 京东 小米 海尔 浪潮 中国移动 中国电信", C, " ");
	ne = split("policy agreement platform meeting statistic other", E, " ");
	print "doc,section,province,date,sectors,companies,event_type,text,amount";
	limit = target * 1000000; bytes = 0; i = 0;
	while (bytes < limit) {
		i++;
		p = (rand() < 0.05) ? "" : P[int(rand() * np) + 1];
		d = sprintf("20%02d-%02d-%02d", 15 + int(rand() * 4), int(rand() * 12) + 1, int(rand() * 28) + 1);
		sec = K[int(rand() * nk) + 1];
		if (rand() < 0.3) sec = sec ";" K[int(rand() * nk) + 1];
		co = (rand() < 0.5) ? C[int(rand() * nc) + 1] : "";
		line = sprintf("%03d,%s,%s,%s,%s,%s,%s,%s月%s日，%s推进互联网+%s行动，第%d项措施落地", int(rand() * 400),
			S[int(rand() * ns) + 1], p, d, sec, co, E[int(rand() * ne) + 1], substr(d, 6, 2), substr(d, 9, 2), p, sec, i);
		line = line sprintf(",%.2f", (i * 7919) % 100003 / 50 - 500);
		print line;
		bytes += length(line) + 1;
	}
}' > "$out.tmp"
mv "$out.tmp" "$out"
