/* libFuzzer target for lib/tag (and through it lib/match, lib/tagscan): the
 * input is split at 0x01 bytes into section, actor, text, url and heading
 * strings of one record, which is tagged and written as JSON Lines.
 * Dictionaries come from $IPM_DATA or lib/data next to the build tree. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/datafile.h"
#include "core/dict.h"
#include "core/rec.h"
#include "core/write.h"
#include "tag.h"

static ipm_tagger *tg;
static ipm_rec *rec;
static FILE *devnull;

static void setup(void)
{
	char *dir = ipm_data_dir(NULL, "gazetteer.tsv");

	tg = ipm_tagger_new(dir ? dir : "lib/data");
	free(dir);
	if (!tg)
		abort();
	rec = ipm_rec_new();
	devnull = fopen("/dev/null", "w");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const keys[] = { "section", "actor", "text", "url", "heading" };
	const char *s = (const char *)data, *end = s + size;
	ipm_writer *w;
	size_t k;

	if (!tg)
		setup();
	ipm_rec_clear(rec);
	for (k = 0; k < 5 && s <= end; k++) {
		const char *sep = memchr(s, 1, (size_t)(end - s));
		size_t n = sep ? (size_t)(sep - s) : (size_t)(end - s);

		ipm_rec_set_str(rec, keys[k], s, n);
		s += n + 1;
	}
	ipm_tag_record(tg, rec);
	w = ipm_writer_open(devnull, IPM_FMT_JSON, ',', NULL, 0);
	ipm_writer_put(w, rec);
	ipm_writer_close(w);
	return 0;
}
