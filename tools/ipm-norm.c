/* ipm-norm: bytes in UTF-8, UTF-16 or GB18030/GBK -> clean UTF-8 text.
 * Text in, text out (not records): the first stage of every pipeline.
 * Detection and conversion live in lib/norm/decode.c, the rules in lib/norm/normalize.c. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/cli.h"
#include "core/util.h"
#include "norm/decode.h"

#define MAX_REPORTS 100   /* invalid sequences listed per input without -v */

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
	"    stderr with its byte offset (the first %d per input unless -v)\n"
	"  - CR LF and lone CR become LF; U+FEFF (BOM) is removed\n"
	"  - C0 controls except TAB and LF (NUL too) are removed and counted\n"
	"  - spaces U+00A0 U+1680 U+2000-200A U+202F U+205F U+3000 become ' '\n"
	"  - full-width forms U+FF01-FF5E become ASCII (＋ -> +, ０ -> 0, Ａ -> A),\n"
	"    except Chinese punctuation ！（），：；？ which stays\n"
	"  - hyphens U+2010-2013 inside a URL (a run of URL characters containing\n"
	"    \"://\" or starting with \"www.\") become '-'; elsewhere dashes stay\n"
	"  - bullets ➢ ➤ and symbol-font private-use bullets (U+F06C U+F06E U+F075\n"
	"    U+F076 U+F0A7 U+F0A8 U+F0B7 U+F0D8 U+F0E0 U+F0E8 U+F0FC) become • U+2022\n"
	"  - everything else, Chinese punctuation included, passes unchanged\n\n"
	"Options:\n"
	"  -f, --from ENC     input encoding: auto utf-8 utf-16le utf-16be gb18030\n"
	"                     (gbk, gb2312, cp936 mean gb18030) [auto]\n"
	"  --strict           exit 1 at the first invalid sequence\n",
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

	if (!c->strict && !c->verbose && c->shown >= MAX_REPORTS)
		return 0;
	for (i = 0; i < n && i < 4; i++)
		snprintf(hex + 3 * i, sizeof hex - 3 * i, "%02X ", b[i]);
	hex[3 * i - 1] = '\0';
	if (c->strict) {
		ipm_err(c->name, 0, "byte %llu: invalid %s sequence %s (--strict)",
		        off, ipm_enc_name(ipm_dec_encoding(c->dec)), hex);
		return 1;
	}
	ipm_err(c->name, 0, "byte %llu: invalid %s sequence %s replaced by U+FFFD",
	        off, ipm_enc_name(ipm_dec_encoding(c->dec)), hex);
	if (++c->shown == MAX_REPORTS && !c->verbose)
		ipm_err(c->name, 0, "further invalid sequences are counted, not listed (-v lists all)");
	return 0;
}

struct run {
	const struct ipm_opts *o;
	enum ipm_enc from;
	int stopped;          /* --strict stopped at an invalid sequence: no more input */
};

/* Normalise one input to stdout; non-zero on a data or I/O error. */
static int norm_input(FILE *fp, const char *name, void *ctx)
{
	struct run *u = ctx;
	int strict = u->o->strict, verbose = u->o->verbose;
	struct ctx c = { name, NULL, strict, verbose, 0 };
	ipm_dec *d;
	enum ipm_enc enc;
	int rc = IPM_EXIT_OK;

	if (u->stopped)
		return 1;
	d = ipm_dec_new(u->from);
	c.dec = d;
	ipm_dec_on_bad(d, on_bad, &c);
	if (ipm_dec_stream(d, fp, stdout) != 0) {
		ipm_err(name, 0, ferror(fp) ? "read error:" : "write error:");
		rc = IPM_EXIT_DATA;
	}
	if (ipm_dec_stopped(d))
		rc = u->stopped = IPM_EXIT_DATA;
	enc = ipm_dec_encoding(d);
	if (enc != IPM_ENC_AUTO && (verbose || enc != IPM_ENC_UTF8))
		ipm_err(name, 0, "encoding %s", ipm_enc_name(enc));
	if (ipm_dec_nbad(d) && !strict)
		ipm_err(name, 0, "%zu invalid sequences replaced by U+FFFD", ipm_dec_nbad(d));
	if (ipm_dec_ncontrol(d))
		ipm_err(name, 0, "%zu control characters removed", ipm_dec_ncontrol(d));
	ipm_dec_free(d);
	return rc;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"from", required_argument, 0, 'f'},
		{"strict", no_argument, 0, IPM_OPT_STRICT},
		{"verbose", no_argument, 0, 'v'},
		{"help", no_argument, 0, 'h'},
		{"version", no_argument, 0, IPM_OPT_VERSION},
		{0, 0, 0, 0}
	};
	struct ipm_opts o;
	struct run u = { &o, IPM_ENC_AUTO, 0 };
	int c;

	ipm_init(argv[0]);
	ipm_opts_init(&o, 0);
	while ((c = getopt_long(argc, argv, "f:hv", longopts, NULL)) != -1) {
		if (c == 'f') {
			if (ipm_enc_parse(optarg, &u.from) != 0)
				ipm_usage_error("unknown encoding '%s' for --from", optarg);
		} else {
			ipm_cli_common(c, optarg, &o, help);
		}
	}
	return ipm_finish(NULL, NULL, &o, ipm_each_input(argc, argv, optind, norm_input, &u));
}
