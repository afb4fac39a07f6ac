#include "html.h"

#include <ctype.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "core/utf8.h"

static int contains(const char *h, size_t hn, const char *nd, size_t nn)
{
	return ipm_mem_find(h, hn, nd, nn) != NULL;
}

/* Tags we know; anything else between < and > is literal text. Those with
 * brk=1 end an item. */
static const struct { const char *name; int brk; } tags[] = {
	{"a", 0}, {"b", 0}, {"i", 0}, {"u", 0}, {"s", 0}, {"em", 0}, {"strong", 0},
	{"span", 0}, {"font", 0}, {"sup", 0}, {"sub", 0}, {"img", 0}, {"strike", 0},
	{"p", 1}, {"br", 1}, {"li", 1}, {"ul", 1}, {"ol", 1}, {"div", 1}, {"tr", 1},
	{"td", 1}, {"th", 1}, {"table", 1}, {"tbody", 1}, {"thead", 1}, {"hr", 1},
	{"h1", 1}, {"h2", 1}, {"h3", 1}, {"h4", 1}, {"h5", 1}, {"h6", 1},
	{"blockquote", 1}, {"pre", 1}, {"center", 1}, {"dd", 1}, {"dt", 1}
};

/* If s starts a known tag, return its length (through '>') and set *brk,
 * *is_a (an opening <a>), *close. Else 0. */
static size_t tag_len(const char *s, size_t n, int *brk, int *is_a, int *close)
{
	size_t i = 1, j, k, nl;
	const char *gt;

	if (n < 3 || s[0] != '<')
		return 0;
	*close = s[1] == '/';
	i += (size_t)*close;
	for (j = i; j < n && isalnum((unsigned char)s[j]); j++)
		;
	nl = j - i;
	if (!nl || (j < n && s[j] != '>' && s[j] != ' ' && s[j] != '/' && s[j] != '\t'))
		return 0;
	for (k = 0; k < sizeof tags / sizeof tags[0]; k++)
		if (strlen(tags[k].name) == nl && strncasecmp(tags[k].name, s + i, nl) == 0)
			break;
	if (k == sizeof tags / sizeof tags[0])
		return 0;
	gt = memchr(s + j, '>', n - j);
	if (!gt)
		return 0;
	*brk = tags[k].brk;
	*is_a = !*close && nl == 1 && (s[i] == 'a' || s[i] == 'A');
	return (size_t)(gt - s) + 1;
}

static const struct { const char *name; const char *utf8; } ents[] = {
	{"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"},
	{"nbsp", " "}, {"ldquo", "\xe2\x80\x9c"}, {"rdquo", "\xe2\x80\x9d"},
	{"lsquo", "\xe2\x80\x98"}, {"rsquo", "\xe2\x80\x99"}, {"mdash", "\xe2\x80\x94"},
	{"ndash", "\xe2\x80\x93"}, {"hellip", "\xe2\x80\xa6"}, {"middot", "\xc2\xb7"},
	{"ensp", " "}, {"emsp", " "}, {"times", "\xc3\x97"}, {"copy", "\xc2\xa9"}
};

size_t ipm_html_entity(const char *s, size_t n, ipm_buf *out)
{
	size_t i, k;
	uint32_t cp = 0;
	char u[4];

	if (n < 3 || s[0] != '&')
		return 0;
	if (s[1] == '#') {
		int hex = n > 2 && (s[2] == 'x' || s[2] == 'X');
		for (i = 2 + (size_t)hex; i < n && i < 12 && isxdigit((unsigned char)s[i]); i++) {
			if (!hex && !isdigit((unsigned char)s[i]))
				break;
			cp = cp * (hex ? 16 : 10) + (uint32_t)(isdigit((unsigned char)s[i]) ?
				s[i] - '0' : (tolower((unsigned char)s[i]) - 'a' + 10));
			if (cp > 0x10ffff)
				return 0;
		}
		if (i == 2 + (size_t)hex || i >= n || s[i] != ';' || cp == 0 ||
		    (cp >= 0xd800 && cp < 0xe000))
			return 0;
		ipm_buf_add(out, u, ipm_utf8_encode(cp, u));
		return i + 1;
	}
	for (k = 0; k < sizeof ents / sizeof ents[0]; k++) {
		size_t l = strlen(ents[k].name);
		if (n > l + 1 && strncmp(s + 1, ents[k].name, l) == 0 && s[l + 1] == ';') {
			ipm_buf_adds(out, ents[k].utf8);
			return l + 2;
		}
	}
	return 0;
}

int ipm_html_has_tag(const char *s, size_t n)
{
	const char *p = s, *e = s + n;
	int brk, is_a, close;

	while ((p = memchr(p, '<', (size_t)(e - p))) != NULL) {
		if (tag_len(p, (size_t)(e - p), &brk, &is_a, &close))
			return 1;
		p++;
	}
	return 0;
}

/* The href value inside an <a ...> tag, or NULL. */
static const char *href_of(const char *t, size_t n, size_t *len)
{
	const char *p = t, *e = t + n, *q;
	char quote;

	while ((p = memchr(p, 'h', (size_t)(e - p))) != NULL) {
		if ((size_t)(e - p) > 5 && strncasecmp(p, "href=", 5) == 0) {
			p += 5;
			quote = (*p == '"' || *p == '\'') ? *p++ : ' ';
			for (q = p; q < e && *q != quote && *q != '>'; q++)
				;
			*len = (size_t)(q - p);
			return p;
		}
		p++;
	}
	return NULL;
}

/* ASCII without spaces and with a '/' or '.': a URL or a piece of one. */
static int url_like(const char *s, size_t n)
{
	size_t i;
	int mark = 0;

	for (i = 0; i < n; i++) {
		if ((unsigned char)s[i] <= ' ' || (unsigned char)s[i] >= 0x7f)
			return 0;
		mark |= s[i] == '/' || s[i] == '.';
	}
	return mark;
}

struct hstate {
	ipm_buf *out;
	size_t line_start;   /* where the current piece began in out */
	int space;           /* a space is pending */
};

static void end_piece(struct hstate *h)
{
	ipm_buf *o = h->out;

	while (o->len > h->line_start && o->s[o->len - 1] == ' ')
		o->s[--o->len] = '\0';
	if (o->len > h->line_start)
		ipm_buf_addc(o, '\n');
	h->line_start = o->len;
	h->space = 0;
}

static void put_text(struct hstate *h, const char *s, size_t n)
{
	size_t i = 0, j;

	while (i < n) {
		char c = s[i];
		if (c == ' ' || c == '\t' || c == '\r') {
			h->space = 1;
			i++;
			continue;
		}
		if (c == '\n') {
			end_piece(h);
			i++;
			continue;
		}
		/* a run of ordinary bytes goes in at once */
		for (j = i + 1; j < n && s[j] != ' ' && s[j] != '\t' && s[j] != '\r' && s[j] != '\n'; j++)
			;
		if (h->space && h->out->len > h->line_start)
			ipm_buf_addc(h->out, ' ');
		h->space = 0;
		ipm_buf_add(h->out, s + i, j - i);
		i = j;
	}
}

/* Handle <a href=...>inner</a> starting at s; returns bytes consumed. */
static size_t put_anchor(struct hstate *h, const char *s, size_t n, size_t tl)
{
	size_t hlen = 0, i, ilen;
	const char *href = href_of(s, tl, &hlen), *end = NULL, *p;
	ipm_buf inner = {0};
	struct hstate ih = {&inner, 0, 0};
	int brk, is_a, close;
	size_t l;

	for (p = s + tl; (p = memchr(p, '<', (size_t)(s + n - p))) != NULL; p++)
		if ((size_t)(s + n - p) >= 4 && strncasecmp(p, "</a>", 4) == 0) {
			end = p;
			break;
		}
	if (!end)
		end = s + n;
	/* the anchor's text without tags */
	for (i = tl; s + i < end; ) {
		if (s[i] == '<' && (l = tag_len(s + i, (size_t)(end - s) - i, &brk, &is_a, &close))) {
			i += l;
			continue;
		}
		if (s[i] == '&' && (l = ipm_html_entity(s + i, (size_t)(end - s) - i, &inner))) {
			i += l;
			continue;
		}
		put_text(&ih, s + i, 1);
		i++;
	}
	end_piece(&ih);
	ilen = inner.len && inner.s[inner.len - 1] == '\n' ? inner.len - 1 : inner.len;
	if (href && hlen && !(hlen == 1 && href[0] == '#') &&
	    !(ilen && !contains(href, hlen, inner.s, ilen) && url_like(inner.s, ilen))) {
		/* keep the target, and the anchor text when it says more */
		if (h->out->len > h->line_start)
			h->space = 1;
		put_text(h, href, hlen);
		if (ilen && !contains(href, hlen, inner.s, ilen)) {
			h->space = 1;
			put_text(h, inner.s, ilen);
		}
	} else {
		/* no usable target, or printed text that is itself (part of) a URL:
		 * the printed text is what the page said */
		put_text(h, inner.s, ilen);
	}
	ipm_buf_free(&inner);
	return (size_t)(end - s) + (end < s + n ? 4 : 0);
}

void ipm_html_text(const char *s, size_t n, ipm_buf *out)
{
	struct hstate h = {out, out->len, 0};
	size_t i = 0, l, start = out->len;
	int brk, is_a, close;

	ipm_buf_reserve(out, n);
	while (i < n) {
		if (s[i] == '<' && (l = tag_len(s + i, n - i, &brk, &is_a, &close))) {
			if (is_a) {
				i += put_anchor(&h, s + i, n - i, l);
				continue;
			}
			if (brk)
				end_piece(&h);
			i += l;
			continue;
		}
		if (s[i] == '&') {
			ipm_buf ent = {0};
			if ((l = ipm_html_entity(s + i, n - i, &ent))) {
				put_text(&h, ent.s, ent.len);   /* &nbsp; is whitespace */
				ipm_buf_free(&ent);
				i += l;
				continue;
			}
			ipm_buf_free(&ent);
		}
		/* plain text up to the next '<' or '&' */
		for (l = i + 1; l < n && s[l] != '<' && s[l] != '&'; l++)
			;
		put_text(&h, s + i, l - i);
		i = l;
	}
	end_piece(&h);
	if (out->len > start && out->s[out->len - 1] == '\n')
		out->s[--out->len] = '\0';
}
