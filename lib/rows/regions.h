/* regions: provincial-level region names (the gazetteer's "province" rows:
 * canonical and short name), to restore an actor cell a converter lost. */
#ifndef IPM_REGIONS_H
#define IPM_REGIONS_H

#include <stddef.h>

#include "core/util.h"

typedef struct ipm_regions ipm_regions;

/* Read DIR/gazetteer.tsv; when dir is NULL or the file is missing a warning
 * is printed and the set is empty (the lookups find nothing). */
ipm_regions *ipm_regions_load(const char *dir);
void ipm_regions_free(ipm_regions *g);
/* 1 when the first item of text (up to its first "\n") names a region that
 * is not the actor's and does not name the actor's own region; then out is
 * set to that region's full name. Else 0. */
int ipm_region_moved(const ipm_regions *g, const char *actor, size_t an, const char *text, size_t tn,
                     ipm_buf *out);

#endif
