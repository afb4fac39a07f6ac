#!/bin/sh
# The 238 WPT gb18030 decoder vectors (../shared/thirdparty/wpt-gb18030):
# ipm-norm --from gb18030 on the bytes must equal ipm-norm --from utf-8 on the
# expected text (both sides pass through the same normalisation rules).
# One PASS/FAIL line per vector.
v=../shared/thirdparty/wpt-gb18030/gb18030_decoder_vectors.json
if [ ! -f "$v" ]; then
	echo "SKIP norm wpt gb18030 vectors: $v missing"
	exit 0
fi
python3 - "$v" "$IPM_BIN/ipm-norm" <<'PY'
import json, subprocess, sys
vectors = json.load(open(sys.argv[1]))["vectors"]
norm = sys.argv[2]
def run(data, enc):
    return subprocess.run([norm, "--from", enc], input=data, capture_output=True).stdout
for i, x in enumerate(vectors):
    got = run(bytes.fromhex(x["bytes_hex"]), "gb18030")
    want = run(x["expected"].encode("utf-8"), "utf-8")
    name = "norm wpt %03d %s" % (i, x["desc"][:50])
    if got == want:
        print("PASS " + name)
    else:
        print("FAIL %s: bytes %s got %r want %r" % (name, x["bytes_hex"], got, want))
PY
