/* datafile: where ipm's data files (the TSV files of lib/data) are found at run time,
 * and whole-file output written atomically (temporary file + rename). */
#ifndef IPM_DATAFILE_H
#define IPM_DATAFILE_H

#include "util.h"

/* The folder of ipm's data files, the one lookup every tool and test uses:
 * dir when given (--data DIR); else $IPM_DATA when set and non-empty; else
 * the first of EXE/../lib/data (bin/ in the source tree), EXE/../../lib/data
 * (build/fuzz), EXE/../../../lib/data (build/asan/bin) and EXE/../share/ipm
 * (installed) that holds the file probe, EXE being the folder of the running
 * executable. NULL when none does. Caller frees. */
char *ipm_data_dir(const char *dir, const char *probe);
/* dir/name, newly allocated. */
char *ipm_data_path(const char *dir, const char *name);
/* Write b to path through path.tmpPID and rename(2); 0, or -1 after a message. */
int ipm_write_atomic(const char *path, const ipm_buf *b);

#endif
