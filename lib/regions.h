/* regions: provincial-level region names, read once from data/regions.tsv
 * (full name TAB short name), to restore an actor cell a converter lost.
 * The file is looked up in $IPM_DATA, then ../data and ../../../data next to
 * the running executable, then ./data; when none is found a warning is
 * printed once and the lookups find nothing. */
#ifndef IPM_REGIONS_H
#define IPM_REGIONS_H

#include <stddef.h>

#include "util.h"

/* 1 when the first item of text (up to its first "\n") names a region that
 * is not the actor's and does not name the actor's own region; then out is
 * set to that region's full name. Else 0. */
int ipm_region_moved(const char *actor, size_t an, const char *text, size_t tn, ipm_buf *out);
/* Load the table from path (replacing any loaded one): 0, or -1 when it
 * cannot be read. For tests and fuzzers. */
int ipm_regions_load(const char *path);

#endif
