#!/bin/sh
# ipm-norm throughput and peak RSS on >= 200 MB of GB18030 and of UTF-8 text
# (scripts/gen-norm-input.sh, cached), beside iconv(1) and cat(1) on the same
# files in the same run. Targets: GB18030 >= 1.0x iconv, UTF-8 >= 1000 MB/s,
# peak RSS <= 16 MB.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/scripts/bench/lib.sh"
sh "$top/scripts/gen-norm-input.sh" || exit 1
gb=$top/build/bench/norm-gb18030.txt
u8=$top/build/bench/norm-utf8.txt
norm=${IPM_BIN:-$top/bin}/ipm-norm
unset REF_MBS REF_NAME
measure norm "GB18030 $(($(stat -c %s "$gb") / 1000000)) MB" "$gb" 0 cat
REF_MBS=$LAST_MBS REF_NAME=cat
measure norm "GB18030" "$gb" 0 iconv -f GB18030 -t UTF-8
REF_MBS=$LAST_MBS REF_NAME=iconv
measure norm "GB18030" "$gb" 0 "$norm"
unset REF_MBS REF_NAME
measure norm "UTF-8 $(($(stat -c %s "$u8") / 1000000)) MB" "$u8" 0 cat
REF_MBS=$LAST_MBS REF_NAME=cat
measure norm "UTF-8" "$u8" 0 iconv -f UTF-8 -t UTF-8
measure norm "UTF-8" "$u8" 0 "$norm"
