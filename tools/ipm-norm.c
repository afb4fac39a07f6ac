/* ipm-norm: bytes in UTF-8, UTF-16 or GB18030/GBK -> clean UTF-8 text.
 * Text in, text out (not records): the first stage of every pipeline.
 * Detection and conversion live in lib/norm/decode.c, the rules in lib/norm/normalize.c. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cli.h"
#include "core/util.h"
#include "norm/decode.h"

#define MAX_REPORTS 10   /* messages of one kind shown without -v (ipm_err caps them) */

struct ctx {
	const char *name;
	const ipm_dec *dec;
	int strict, verbose;
	size_t shown;
};

static void help(FILE *fp)
{
	fprintf(fp,
	"Usage: ipm-norm [OPTION]... [FILE]...\n"
	"Convert each FILE (or stdin) to clean UTF-8 text on stdout, in order.\n\n"
	"Encoding, detected per input unless --from is given: a BOM at the start\n"
	"(UTF-8, UTF-16LE, UTF-16BE) decides; otherwise the first %d KiB after the\n"
	"leading ASCII are UTF-8 if valid UTF-8, else GB18030 (covers GBK, GB2312).\n"
	"GB18030 is decoded as GB18030-2022 with iconv(3). The encoding is reported\n"
	"on stderr when it is not UTF-8 (always with -v).\n\n"
	"Rules:\n"
	"  - invalid or truncated byte sequences become U+FFFD, each reported on\n"
	"    stderr with its byte offset (the first %d unless -v, then a count)\n"
	"  - CR LF and lone CR become LF; U+FEFF (BOM) is removed\n"
	"  - C0 controls except TAB, LF and FF (NUL too) are removed and counted;\n"
	"    FF, a page break in pdftotext output, is kept\n"
	"  - spaces U+00A0 U+1680 U+2000-200A U+202F U+205F U+3000 become ' '\n"
	"  - full-width forms U+FF01-FF5E become ASCII (＋ -> +, ０ -> 0, Ａ -> A),\n"
	"    except Chinese punctuation ！（），：；？ which stays\n"
	"  - hyphens U+2010-2013 inside a URL (a run of URL characters containing\n"
	"    \"://\" or starting with \"www.\") become '-'; elsewhere dashes stay\n"
	"  - bullets ➢ ➤ and symbol-font private-use bullets (U+F06C U+F06E U+F075\n"
	"    U+F076 U+F0A7 U+F0A8 U+F0B7 U+F0D8 U+F0E0 U+F0E8 U+F0FC) become • U+2022\n"
	"  - everything else, Chinese punctuation included, passes unchanged\n\n"
	"Options:\n"
	"      --from ENC     input encoding: auto utf-8 utf-16le utf-16be gb18030\n"
	"                     (gbk, gb2312, cp936 mean gb18030) [auto]\n"
	"  --strict           exit 1 at the first invalid sequence\n"
	"  --binary-ok        read binary input (NUL bytes or an executable, archive,\n"
	"                     image or PDF signature at the start) as text anyway\n"
	"                     [refused: exit 1]\n",
	IPM_ENC_WINDOW / 1024, MAX_REPORTS);
	ipm_cli_help_common(fp, 0);
	fputs("\nExit status: 0 ok (replacements are not errors), 1 unreadable input,\n"
	      "write error or --strict stop, 2 usage error.\n"
	      "\nExamples:\n"
	      "  ipm-norm report-gbk.txt > report.txt\n"
	      "  iconv -f UTF-8 -t UTF-16 a.txt | ipm-norm -v | ipm-extract\n"
	      "  ipm-norm --strict --from gb18030 title.txt\n", fp);
}

static int on_bad(void *vc, unsigned long long off, const unsigned char *b, size_t n)
{
	struct ctx *c = vc;
	char hex[16];
	size_t i;

	for (i = 0; i < n && i < 4; i++)
		snprintf(hex + 3 * i, sizeof hex - 3 * i, "%02X ", b[i]);
	hex[3 * i - 1] = '\0';
	if (c->strict) {
		ipm_err(c->name, 0, "byte %llu: invalid %s sequence '%s' (--strict)",
		        off, ipm_enc_name(ipm_dec_encoding(c->dec)), hex);
		return 1;
	}
	ipm_err(c->name, 0, "byte %llu: invalid %s sequence '%s' replaced by U+FFFD",
	        off, ipm_enc_name(ipm_dec_encoding(c->dec)), hex);
	return 0;
}

struct run {
	const struct ipm_opts *o;
	enum ipm_enc from;
	int binary_ok;        /* --binary-ok */
	int stopped;          /* --strict stopped at an invalid sequence: no more input */
};

#define SNIFF (64 << 10)  /* bytes looked at for a binary file */

/* What binary file the first n bytes of an input look like, or NULL for
 * text. UTF-16 (a BOM, or forced) holds NULs and is text. */
static const char *binary_kind(const unsigned char *p, size_t n, enum ipm_enc from)
{
	static const struct { const char *magic; size_t len; const char *kind; } sig[] = {
		{"\x7f" "ELF", 4, "an ELF executable"}, {"%PDF-", 5, "a PDF (use pdftotext first)"},
		{"PK\x03\x04", 4, "a ZIP archive (or .docx/.xlsx)"}, {"\x1f\x8b", 2, "gzip data"},
		{"\x89PNG", 4, "a PNG image"}, {"\xff\xd8\xff", 3, "a JPEG image"},
		{"GIF8", 4, "a GIF image"}, {"\xfd" "7zXZ", 5, "xz data"}, {"BZh", 3, "bzip2 data"}
	};
	size_t k;

	if (from == IPM_ENC_UTF16LE || from == IPM_ENC_UTF16BE ||
	    (n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF))))
		return NULL;
	for (k = 0; k < sizeof sig / sizeof sig[0]; k++)
		if (n >= sig[k].len && memcmp(p, sig[k].magic, sig[k].len) == 0)
			return sig[k].kind;
	return memchr(p, '\0', n) ? "binary data (NUL bytes)" : NULL;
}

/* Normalise one input to stdout; non-zero on a data or I/O error. */
static int norm_input(FILE *fp, const char *name, void *ctx)
{
	struct run *u = ctx;
	int strict = u->o->strict, verbose = u->o->verbose;
	struct ctx c = { strcmp(name, "-") ? name : "<stdin>", NULL, strict, verbose, 0 };
	ipm_dec *d;
	enum ipm_enc enc;
	int rc = IPM_EXIT_OK;

	char *head = ipm_malloc(SNIFF);
	size_t hn;
	const char *kind;
	ipm_buf ob = { 0 };

	if (u->stopped) {
		free(head);
		return 1;
	}
	hn = fread(head, 1, SNIFF, fp);
	if (!u->binary_ok && (kind = binary_kind((const unsigned char *)head, hn, u->from)) != NULL) {
		ipm_err(c.name, 0, "looks like %s, not text: nothing written (--binary-ok reads it anyway)", kind);
		free(head);
		return 1;
	}
	d = ipm_dec_new(u->from);
	c.dec = d;
	ipm_dec_on_bad(d, on_bad, &c);
	ipm_dec_feed(d, head, hn, &ob);   /* the bytes looked at, then the rest */
	free(head);
	if ((ob.len && fwrite(ob.s, 1, ob.len, stdout) != ob.len) || ipm_dec_stream(d, fp, stdout) != 0) {
		ipm_err(c.name, 0, ferror(fp) ? "read error:" : "write error:");
		rc = IPM_EXIT_DATA;
	}
	if (ipm_dec_stopped(d))
		rc = u->stopped = IPM_EXIT_DATA;
	enc = ipm_dec_encoding(d);
	if (enc != IPM_ENC_AUTO && (verbose || enc != IPM_ENC_UTF8))
		ipm_err(c.name, 0, "encoding %s", ipm_enc_name(enc));
	if (ipm_dec_nbad(d) && !strict)
		ipm_err(c.name, 0, "%zu invalid sequences replaced by U+FFFD", ipm_dec_nbad(d));
	if (ipm_dec_ncontrol(d))
		ipm_err(c.name, 0, "%zu control characters removed", ipm_dec_ncontrol(d));
	ipm_dec_free(d);
	ipm_buf_free(&ob);
	return rc;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"from", required_argument, 0, 'F'},
		{"strict", no_argument, 0, IPM_OPT_STRICT},
		{"binary-ok", no_argument, 0, 'B'},
		{"verbose", no_argument, 0, 'v'},
		{"help", no_argument, 0, 'h'},
		{"version", no_argument, 0, IPM_OPT_VERSION},
		{0, 0, 0, 0}
	};
	struct ipm_opts o;
	struct run u = { &o, IPM_ENC_AUTO, 0, 0 };
	int c;

	ipm_init(argv[0]);
	argv[0] = (char *)ipm_progname();   /* getopt names the tool as we do */
	ipm_opts_init(&o, 0);
	while ((c = getopt_long(argc, argv, "hv", longopts, NULL)) != -1) {
		if (c == 'B') {
			u.binary_ok = 1;
		} else if (c == 'F') {
			if (ipm_enc_parse(optarg, &u.from) != 0)
				ipm_usage_error("unknown encoding '%s' for --from", optarg);
		} else {
			ipm_cli_common(c, optarg, &o, help);
		}
	}
	return ipm_finish(NULL, NULL, &o, ipm_each_input(argc, argv, optind, norm_input, &u));
}
