# --data-add: a user's rows on top of the shipped dictionaries (one added
# company, one override); IPM_DATA without the other dictionaries says so
d=${TMPDIR:-/tmp}/ipm-overlay.$$
mkdir -p "$d/add" "$d/only"
printf 'alias\tcompany\tgroup\tnote\n示例云\t示例科技\t示例科技\tadded by a user\n阿里云\t阿里云\t阿里巴巴\tkept apart\n' > "$d/add/companies.tsv"
rec='{"doc":"x","section":"enterprise","actor":"示例云","text":"示例云与阿里云签署协议。","date":null,"url":null}'
echo "$rec" | ipm-tag | jq -c .companies
echo "$rec" | ipm-tag --data-add "$d/add" | jq -c .companies
echo "$rec" | IPM_DATA_ADD="$d/add" ipm-tag | jq -c .companies
cp "$IPM_TOP/lib/data/companies.tsv" "$d/only/"
echo "$rec" | IPM_DATA="$d/only" ipm-tag 2>&1 | sed "s|$d|DIR|"
rm -rf "$d"
