# a lone surrogate escape reads as U+FFFD (yajl alone gives '?'); a pair is one
# character; an escaped backslash before "ud800" is text
printf '%s\n' '{"a":"x\ud800y","b":"\udc00","c":"\ud83d\ude00","d":"\\ud800","e":"\ud800\ud800\udc00"}' | ipm-cat
