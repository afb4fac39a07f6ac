/* regions: provincial-level region names (the gazetteer's "province" rows:
 * canonical and short name), read once, to restore an actor cell a converter
 * lost. The gazetteer is found as every dictionary is (ipm_dict_dir); when it
 * is not, a warning is printed once and the lookups find nothing. */
#ifndef IPM_REGIONS_H
#define IPM_REGIONS_H

#include <stddef.h>

#include "core/util.h"

/* 1 when the first item of text (up to its first "\n") names a region that
 * is not the actor's and does not name the actor's own region; then out is
 * set to that region's full name. Else 0. */
int ipm_region_moved(const char *actor, size_t an, const char *text, size_t tn, ipm_buf *out);

#endif
