# Three notices (my own samples, split at "====" lines and extracted as
# three files) with the 文号 brackets copies print: square "[2019]",
# square with a space before it "赣市府发 [2020]3号", and a space before 号
# "宁政〔2019〕5 号": each doc_number comes out with 〔〕 and no spaces.
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
csplit -s -z -f "$tmp/n" - '/^====$/' '{*}'
for f in "$tmp"/n*; do grep -v '^====$' "$f" > "$f.txt"; done
ipm-extract "$tmp"/n*.txt | ipm-rows --doc brackets | grep '"section":"policy"'
