/* datafile: where ipm's data files (the TSV files of lib/data) are found at run time,
 * and whole-file output written atomically (temporary file + rename). */
#ifndef IPM_DATAFILE_H
#define IPM_DATAFILE_H

#include "util.h"

/* Path of data file name: $IPM_DATA/name when set; else lib/data/name found
 * from the executable's directory (bin/, build/asan/bin/), else
 * ../share/ipm/name beside it, else "lib/data/name". Caller frees. */
char *ipm_data_file(const char *name);
/* Write b to path through path.tmpPID and rename(2); 0, or -1 after a message. */
int ipm_write_atomic(const char *path, const ipm_buf *b);

#endif
