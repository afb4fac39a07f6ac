/* links: which link of a table row belongs to which of its dated items. A
 * row of a monitoring report holds items ("3月5日，…") and links in the same
 * order; when there are fewer links than items (or more), the links are
 * aligned to the items by the dates the URLs carry (news is reported a few
 * days after the event). */
#ifndef IPM_LINKS_H
#define IPM_LINKS_H

#include <stddef.h>

/* The month and day a URL carries ("2018-04/28", "20180510", "t20180427",
 * "2019/2/27") as month*31+day, or -1. */
int ipm_url_day(const char *s, size_t n);
/* Pair n items with m URLs: pair[i] gets a URL index or -1. Equal counts pair
 * in order; otherwise an order-keeping alignment that pairs as many as it can
 * and prefers a URL dated 0-10 days after its item's leading date. Rows of
 * more than 500 items or links pair in order (bounded time and memory). */
void ipm_links_pair(size_t n, const char *const *items, const size_t *ilen,
                    size_t m, const char *const *urls, const size_t *ulen, long *pair);

#endif
