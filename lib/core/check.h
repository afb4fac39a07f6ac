/* Minimal unit-test helpers: each CHECK prints "PASS name" or "FAIL name: where". */
#ifndef IPM_T_CHECK_H
#define IPM_T_CHECK_H

#include <stdio.h>
#include <string.h>

static int t_failed;

#define CHECK(cond, name) do { \
	if (cond) printf("PASS %s\n", name); \
	else { printf("FAIL %s: %s:%d: %s\n", name, __FILE__, __LINE__, #cond); t_failed = 1; } \
} while (0)

#define CHECK_STR(got, want, name) do { \
	const char *g_ = (got), *w_ = (want); \
	if (g_ && w_ && strcmp(g_, w_) == 0) printf("PASS %s\n", name); \
	else { printf("FAIL %s: %s:%d: got [%s] want [%s]\n", name, __FILE__, __LINE__, \
	            g_ ? g_ : "(null)", w_ ? w_ : "(null)"); t_failed = 1; } \
} while (0)

#endif
