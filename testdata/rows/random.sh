# Random bytes (fixed seed): no crash, no hang; invalid UTF-8 becomes U+FFFD.
awk 'BEGIN { srand(7); for (i = 0; i < 4000; i++) printf "%c", int(rand() * 256) }' |
	ipm-extract | ipm-rows --doc rnd > /dev/null
echo "rc=$?"
