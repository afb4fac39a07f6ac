/* The CSV parsing floor for the ipm-agg benchmark: libcsv's csv_parse over
 * stdin in 1 MB blocks, with the options ipm's reader uses and callbacks that
 * only count. No ipm tool can read CSV faster on one core. */
#include <csv.h>
#include <stdio.h>

static long fields, rows;

static void on_field(void *s, size_t len, void *data) { (void)s; (void)len; (void)data; fields++; }
static void on_row(int c, void *data) { (void)c; (void)data; rows++; }

int main(void)
{
	static char buf[1 << 20];
	struct csv_parser p;
	size_t n;

	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL) != 0)
		return 1;
	while ((n = fread(buf, 1, sizeof buf, stdin)) > 0)
		if (csv_parse(&p, buf, n, on_field, on_row, NULL) != n)
			return 1;
	csv_fini(&p, on_field, on_row, NULL);
	csv_free(&p);
	printf("%ld fields, %ld rows\n", fields, rows);
	return 0;
}
