# --ojson writes a JSON array (one record a line), --ijson reads one streamed,
# also spread over lines as Miller pretty-prints it, or objects one after another
printf '{"a":1}\n{"a":[1,{"b":2}]}\n' | ipm-cat --ojson
printf '[\n{\n  "a": 1\n},\n{\n  "a": "x"\n}\n]\n' | ipm-cat --ijson
printf '{"a":1} {"a":2}\n{"a":\n3}\n' | ipm-cat --ijson
printf '[{"a":1}]\n' | ipm-cat
printf '' | ipm-cat --ojson
printf '[{"a":1},\n{"a":2]\n{"a":3}\n{"a":4}\n' | ipm-cat --ijson 2>&1; echo "rc=$?"
printf '[{"a":1},\n' | ipm-cat --ijson 2>&1; echo "rc=$?"
printf '[1,2]\n' | ipm-cat --ijson 2>&1; echo "rc=$?"
