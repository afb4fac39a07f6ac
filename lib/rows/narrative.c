#include "narrative.h"

#include <string.h>

void ipm_headpath_push(ipm_headpath *h, int level, const char *s, size_t n)
{
	if (level < 1)
		level = 1;
	if (level > 6)
		level = 6;
	/* levels skipped above this one stay empty and are left out of the path */
	while (h->depth < level - 1)
		ipm_buf_clear(&h->level[h->depth++]);
	ipm_buf_clear(&h->level[level - 1]);
	ipm_buf_add(&h->level[level - 1], s, n);
	h->depth = level;
}

const char *ipm_headpath_str(ipm_headpath *h)
{
	int i;

	ipm_buf_clear(&h->path);
	ipm_buf_add(&h->path, "", 0);
	for (i = 0; i < h->depth; i++) {
		if (!h->level[i].len)
			continue;
		if (h->path.len)
			ipm_buf_adds(&h->path, " > ");
		ipm_buf_add(&h->path, h->level[i].s, h->level[i].len);
	}
	return h->path.s;
}

void ipm_headpath_free(ipm_headpath *h)
{
	int i;

	for (i = 0; i < 6; i++)
		ipm_buf_free(&h->level[i]);
	ipm_buf_free(&h->path);
}

int ipm_narrative_rows(ipm_bsrc *src, ipm_events *ev)
{
	ipm_headpath hp;
	ipm_buf tmp = { 0 };
	const ipm_rec *b;
	int rc, err = 0;

	memset(&hp, 0, sizeof hp);
	while ((rc = ipm_bsrc_next(src, &b)) > 0) {
		enum ipm_btype t = ipm_block_type(b);
		const ipm_val *v = ipm_rec_get(b, "text");
		const char *s = v && v->t == IPM_V_STR ? v->s : "";
		size_t n = v && v->t == IPM_V_STR ? v->len : 0;
		const char *path;

		if (t == IPM_B_DOC)
			continue;
		if (t == IPM_B_HEADING) {
			ipm_headpath_push(&hp, (int)ipm_rec_long(b, "level", 1), s, n);
			continue;
		}
		if (t != IPM_B_PARA || !n) {
			s = ipm_block_text(b, &tmp, &n);
			ipm_reject(ev->rj, ev->file, ipm_block_line(b),
			           t == IPM_B_ROW ? "table row in a narrative" : "not a paragraph", s, n);
			continue;
		}
		ipm_events_begin(ev, "paragraph");
		ipm_events_set(ev, "text", s, n);
		ipm_rec_set_long(ev->rec, "line", ipm_block_line(b));
		path = ipm_headpath_str(&hp);
		ipm_events_set(ev, "heading", *path ? path : NULL, (size_t)-1);
		if (ipm_events_put(ev) != 0)
			err = 1;
	}
	ipm_headpath_free(&hp);
	ipm_buf_free(&tmp);
	return err || rc < 0 ? -1 : 0;
}
