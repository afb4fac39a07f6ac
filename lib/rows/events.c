#include "events.h"

#include <string.h>

#include "core/util.h"

void ipm_events_init(ipm_events *ev, int (*put)(void *, const ipm_rec *), void *ctx,
                     const char *doc, const char *file, ipm_rejects *rj)
{
	memset(ev, 0, sizeof *ev);
	ev->put = put;
	ev->ctx = ctx;
	ev->doc = doc;
	ev->file = file;
	ev->rj = rj;
	ev->rec = ipm_rec_new();
}

void ipm_events_free(ipm_events *ev)
{
	ipm_rec_free(ev->rec);
	ev->rec = NULL;
}

ipm_rec *ipm_events_begin(ipm_events *ev, const char *section)
{
	static const char *const keys[] = {
		"actor", "date", "date_raw", "text", "url", "line", "heading",
		"period_start", "period_end"
	};
	size_t i;

	ipm_rec_clear(ev->rec);
	ipm_rec_set_cstr(ev->rec, "doc", ev->doc);
	ipm_rec_set_cstr(ev->rec, "section", section);
	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		ipm_rec_set_null(ev->rec, keys[i]);
	return ev->rec;
}

void ipm_events_set(ipm_events *ev, const char *key, const char *s, size_t len)
{
	if (!s)
		ipm_rec_set_null(ev->rec, key);
	else
		ipm_rec_set_str(ev->rec, key, s, len == (size_t)-1 ? strlen(s) : len);
}

int ipm_events_put(ipm_events *ev)
{
	if (ev->failed)
		return -1;
	if (ev->put(ev->ctx, ev->rec) != 0) {
		ev->failed = 1;
		return -1;
	}
	ev->n++;
	return 0;
}

int ipm_events_item(ipm_events *ev, const struct ipm_item *it)
{
	ipm_events_begin(ev, it->section);
	ipm_events_set(ev, "actor", it->actor, (size_t)-1);
	ipm_events_set(ev, "date", it->date, (size_t)-1);
	ipm_events_set(ev, "date_raw", it->date_raw, (size_t)-1);
	ipm_events_set(ev, "text", it->text, (size_t)-1);
	ipm_events_set(ev, "url", it->url, (size_t)-1);
	ipm_rec_set_long(ev->rec, "line", it->line);
	ipm_events_set(ev, "heading", it->heading, (size_t)-1);
	return ipm_events_put(ev);
}
