#define _GNU_SOURCE   /* MADV_POPULATE_WRITE */
#include "util.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <string.h>

static const char *progname = "ipm";

/* Repeated messages: the first MSG_SHOWN of a kind are printed, the rest
 * counted and summed up at exit. A kind is a message with its numbers and
 * quoted text blanked ("wrong number of fields (#, header has #)"). */
#define MSG_SHOWN 10
#define MSG_KINDS 256
static struct kind {
	char key[64];
	char first[160];      /* the first message of the kind, for the summary */
	unsigned long n;
} kinds[MSG_KINDS];
static size_t nkinds;
static int show_all;

void ipm_err_show_all(int all)
{
	show_all = all;
}

/* Count msg under its kind; 1 when it is to be printed. */
static int count_kind(const char *msg)
{
	char key[64];
	size_t i = 0, k = 0;
	int quoted = 0;

	for (; msg[i] && k + 1 < sizeof key; i++) {
		char c = msg[i];
		if (c == '\'')
			quoted = !quoted;
		else if (quoted)
			continue;
		else if (c >= '0' && c <= '9') {
			if (k == 0 || key[k - 1] != '#')
				key[k++] = '#';
			continue;
		}
		key[k++] = c;
	}
	key[k] = '\0';
	for (i = 0; i < nkinds && strcmp(kinds[i].key, key) != 0; i++)
		;
	if (i == nkinds) {
		if (nkinds == MSG_KINDS)
			return 1;   /* too many kinds to follow: print */
		memcpy(kinds[i].key, key, k + 1);
		k = strlen(msg) < sizeof kinds[i].first ? strlen(msg) : sizeof kinds[i].first - 1;
		memcpy(kinds[i].first, msg, k);   /* cut is fine: it only names the kind */
		kinds[i].first[k] = '\0';
		nkinds++;
	}
	return ++kinds[i].n <= MSG_SHOWN || show_all;
}

static void sum_up_kinds(void)
{
	size_t i;

	for (i = 0; i < nkinds; i++)
		if (kinds[i].n > MSG_SHOWN && !show_all)
			fprintf(stderr, "%s: %lu more messages like \"%s\" not shown (-v shows all)\n",
			        progname, kinds[i].n - MSG_SHOWN, kinds[i].first);
}

void ipm_init(const char *argv0)
{
	const char *slash;

	if (argv0 && *argv0) {
		slash = strrchr(argv0, '/');
		progname = slash ? slash + 1 : argv0;
	}
	signal(SIGPIPE, SIG_DFL);
	atexit(sum_up_kinds);
}

void ipm_heap_prefault(size_t bytes)
{
#ifdef MADV_POPULATE_WRITE
	char *p = malloc(bytes);
	uintptr_t a, b;

	if (!p)
		return;
	a = ((uintptr_t)p + 4095) & ~(uintptr_t)4095;
	b = ((uintptr_t)p + bytes) & ~(uintptr_t)4095;
	if (b > a)
		(void)madvise((void *)a, b - a, MADV_POPULATE_WRITE);   /* EINVAL before Linux 5.14: no matter */
	free(p);
#else
	(void)bytes;
#endif
}

const char *ipm_progname(void)
{
	return progname;
}

static void vreport(const char *file, long line, int capped, const char *fmt, va_list ap)
{
	int saved = errno;
	size_t n = strlen(fmt);
	char msg[1024];

	vsnprintf(msg, sizeof msg, fmt, ap);
	if (capped && !count_kind(msg))
		return;
	fflush(stdout);
	fprintf(stderr, "%s: ", progname);
	if (file && line > 0)
		fprintf(stderr, "%s:%ld: ", file, line);
	else if (file)
		fprintf(stderr, "%s: ", file);
	fputs(msg, stderr);
	if (n > 0 && fmt[n - 1] == ':')
		fprintf(stderr, " %s", strerror(saved));
	fputc('\n', stderr);
}

void ipm_err(const char *file, long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(file, line, 1, fmt, ap);
	va_end(ap);
}

void ipm_die(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(NULL, 0, 0, fmt, ap);
	va_end(ap);
	exit(status);
}

void *ipm_malloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		ipm_die(IPM_EXIT_DATA, "out of memory (%zu bytes)", n);
	return p;
}

void *ipm_calloc_own(size_t n, size_t size)
{
	size_t bytes;
	void *p;

	if (size && n > SIZE_MAX / size)
		ipm_die(IPM_EXIT_DATA, "out of memory (%zu x %zu bytes)", n, size);
	bytes = (n * size + IPM_CACHE_LINE - 1) / IPM_CACHE_LINE * IPM_CACHE_LINE;
	if (!(p = aligned_alloc(IPM_CACHE_LINE, bytes ? bytes : IPM_CACHE_LINE)))
		ipm_die(IPM_EXIT_DATA, "out of memory (%zu x %zu bytes)", n, size);
	return memset(p, 0, bytes ? bytes : IPM_CACHE_LINE);
}

void *ipm_calloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		ipm_die(IPM_EXIT_DATA, "out of memory (%zu x %zu bytes)", n, size);
	return p;
}

void *ipm_realloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q)
		ipm_die(IPM_EXIT_DATA, "out of memory (%zu bytes)", n);
	return q;
}

char *ipm_strndup(const char *s, size_t n)
{
	char *p = ipm_malloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void ipm_buf_reserve(ipm_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1, cap = b->cap ? b->cap : 64;

	if (need <= b->cap)
		return;
	while (cap < need) {
		if (cap > SIZE_MAX / 2)
			ipm_die(IPM_EXIT_DATA, "buffer too large");
		cap *= 2;
	}
	b->s = ipm_realloc(b->s, cap);
	b->cap = cap;
}

void ipm_buf_add(ipm_buf *b, const void *p, size_t n)
{
	ipm_buf_reserve(b, n);
	if (n)
		memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void ipm_buf_addc(ipm_buf *b, int c)
{
	ipm_buf_reserve(b, 1);
	b->s[b->len++] = (char)c;
	b->s[b->len] = '\0';
}

void ipm_buf_adds(ipm_buf *b, const char *s)
{
	ipm_buf_add(b, s, strlen(s));
}

void ipm_buf_printf(ipm_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	ipm_buf_reserve(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void ipm_buf_clear(ipm_buf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

void ipm_buf_free(ipm_buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

int ipm_getline(FILE *fp, ipm_buf *b)
{
	ssize_t n;

	/* POSIX getline keeps embedded NULs and grows the malloc'd buffer as needed */
	n = getline(&b->s, &b->cap, fp);
	if (n < 0) {
		b->len = 0;
		if (b->s)
			b->s[0] = '\0';
		return ferror(fp) ? -1 : 0;
	}
	b->len = (size_t)n;
	if (b->len && b->s[b->len - 1] == '\n')
		b->s[--b->len] = '\0';
	return 1;
}

FILE *ipm_fopen_in(const char *path)
{
	FILE *fp;

	if (!path || strcmp(path, "-") == 0)
		return stdin;
	fp = fopen(path, "rb");
	if (!fp)
		ipm_err(path, 0, "cannot open:");
	return fp;
}

int ipm_close_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (errno == EPIPE)
			return 0;
		ipm_err(NULL, 0, "write error:");
		return 1;
	}
	if (fclose(stdout) != 0 && errno != EPIPE) {
		ipm_err(NULL, 0, "write error:");
		return 1;
	}
	return 0;
}

int ipm_parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	if (!s || !*s)
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}
