#include "urls.h"

#include <string.h>
#include <strings.h>

#include "core/utf8.h"

size_t ipm_url_scheme(const char *s, size_t n)
{
	if (!n || (s[0] != 'h' && s[0] != 'H'))
		return 0;
	if (n >= 7 && strncasecmp(s, "http://", 7) == 0)
		return 7;
	if (n >= 8 && strncasecmp(s, "https://", 8) == 0)
		return 8;
	return 0;
}

int ipm_url_starts(const char *s, size_t n)
{
	size_t i = ipm_url_scheme(s, n), j;

	if (!i)
		return n >= 4 && strncasecmp(s, "www.", 4) == 0;
	/* a host needs a dot: "http://2019/03/04/x.shtml" is a cut URL's tail
	 * that a converter took for a link; but a URL cut inside its host by a
	 * line break ("http://ne", "http://") goes on in the next piece */
	for (j = i; j < n && s[j] != '/' && s[j] != '?' && s[j] != '#'; j++)
		if (s[j] == '.')
			return 1;
	return j == n;
}

/* Dashes and dots a PDF or a word processor puts into URLs. */
static const struct { const char *from, *to; } repl[] = {
	{"\xe2\x80\x90", "-"}, {"\xe2\x80\x91", "-"}, {"\xe2\x80\x93", "-"},
	{"\xe2\x80\x94", "-"}, {"\xef\xbc\x8d", "-"}, {"\xef\xbc\x8e", "."},
	{"\xef\xbc\x8f", "/"}, {"\xef\xbc\x9a", ":"}, {"\xef\xbc\x9f", "?"},
	{"\xef\xbc\x9d", "="}, {"\xef\xbc\x86", "&"}, {"\xef\xbc\xbf", "_"}
};

void ipm_url_clean(const char *s, size_t n, ipm_buf *out)
{
	size_t i, k, start = out->len;

	for (i = 0; i < n; ) {
		if ((unsigned char)s[i] <= ' ') {
			i++;
			continue;
		}
		if ((unsigned char)s[i] < 0x80) {   /* a run of plain ASCII at once */
			size_t j = i + 1;
			while (j < n && (unsigned char)s[j] > ' ' && (unsigned char)s[j] < 0x80)
				j++;
			ipm_buf_add(out, s + i, j - i);
			i = j;
			continue;
		}
		for (k = 0; k < sizeof repl / sizeof repl[0]; k++)
			if (i + 3 <= n && memcmp(s + i, repl[k].from, 3) == 0)
				break;
		if (k < sizeof repl / sizeof repl[0]) {
			ipm_buf_adds(out, repl[k].to);
			i += 3;
			continue;
		}
		if ((unsigned char)s[i] >= 0x80) {
			/* other non-ASCII text ends the URL (a trailing "。" or a word) */
			if (out->len > start)
				break;
			i++;
			continue;
		}
		ipm_buf_addc(out, s[i++]);
	}
	while (out->len > start && strchr(",;)]>'\"", out->s[out->len - 1]))
		out->s[--out->len] = '\0';
}

int ipm_url_complete(const char *u, size_t n)
{
	static const char *const ext[] = {
		".html", ".htm", ".shtml", ".php", ".asp", ".aspx", ".jsp", ".pdf", ".shtm", ".xhtml", ".xml"
	};
	size_t k, l;
	const char *q;

	for (k = 0; k < sizeof ext / sizeof ext[0]; k++) {
		l = strlen(ext[k]);
		if (n >= l && strncasecmp(u + n - l, ext[k], l) == 0)
			return 1;
	}
	q = memchr(u, '?', n);
	return q && memchr(q, '=', (size_t)(u + n - q)) && u[n - 1] != '=' && u[n - 1] != '&';
}

int ipm_url_next_piece(const char *s, size_t n, size_t *pos, const char **p, size_t *pn)
{
	size_t i = *pos, j;

	while (i < n && ((unsigned char)s[i] <= ' '))
		i++;
	if (i >= n) {
		*pos = n;
		return 0;
	}
	for (j = i; j < n && (unsigned char)s[j] > ' '; j++)
		;
	*p = s + i;
	*pn = j - i;
	*pos = j;
	return 1;
}

int ipm_url_chars(const char *s, size_t n)
{
	size_t i = 0, k;
	uint32_t c;

	if (!n)
		return 0;
	while (i < n) {
		c = ipm_cp_at(s, n, i, &k);
		if (c == 0x2010 || c == 0x2011)
			;
		else if (c > 0x7E || c <= 0x20 || c == '"' || c == '<' || c == '>' ||
		         c == '\\' || c == '^' || c == '`' || c == '{' || c == '}' || c == '|')
			return 0;
		i += k;
	}
	return 1;
}
