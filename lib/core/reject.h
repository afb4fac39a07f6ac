/* reject: nothing is lost silently. Every input line a stage does not turn
 * into output is passed here: counted by reason, summarised on stderr at the
 * end, and written in full to --rejects FILE as JSON Lines
 * {"file","line","reason","text"}. --strict turns any reject into exit 1. */
#ifndef IPM_REJECT_H
#define IPM_REJECT_H

#include <stddef.h>

typedef struct ipm_rejects ipm_rejects;

/* path may be NULL (count only). Exits 1 if path cannot be opened. */
ipm_rejects *ipm_rejects_open(const char *path);
void ipm_reject(ipm_rejects *rj, const char *file, long line, const char *reason,
                const char *text, size_t len);
size_t ipm_rejects_count(const ipm_rejects *rj);
/* Same signature as the reader's reject hook: ctx is the ipm_rejects. */
void ipm_rejects_hook(void *ctx, const char *file, long line, const char *reason,
                      const char *text, size_t len);
/* Print "N lines rejected: K reason, ..." on stderr when N > 0 (or verbose),
 * close the file, free. Returns 1 when strict and N > 0 or the file failed
 * to write, else 0. */
int ipm_rejects_close(ipm_rejects *rj, int strict, int verbose);

#endif
