/* rows: which kind of document a block stream is, and the dispatch to the
 * module that turns that kind into records. The kind is decided from the
 * first IPM_ROWS_LOOK blocks (peeked, so memory stays bounded). */
#ifndef IPM_ROWS_H
#define IPM_ROWS_H

#include "core/blocks.h"
#include "events.h"

#define IPM_ROWS_LOOK 400

enum ipm_dockind { IPM_K_AUTO = 0, IPM_K_MONTHLY, IPM_K_YEARBOOK, IPM_K_POLICY, IPM_K_NARRATIVE,
                   IPM_K_NOTICE };

/* "auto", "monthly", "yearbook", "policy", "narrative", "notice" (static strings). */
const char *ipm_dockind_name(enum ipm_dockind k);
/* Parse a kind name: 0, or -1 when unknown. */
int ipm_dockind_parse(const char *name, enum ipm_dockind *k);
/* Decide the kind from the first blocks of src (none consumed); data_dir
 * (may be NULL) holds hant.tsv, for notices in traditional characters. */
enum ipm_dockind ipm_dockind_detect(ipm_bsrc *src, const char *data_dir);
/* Turn every block of src into records of kind k (AUTO: detect). 0, or -1
 * on an I/O error. */
int ipm_rows_run(ipm_bsrc *src, enum ipm_dockind k, ipm_events *ev);

#endif
