/* keyset_page.h: ?after= and ?limit= of a keyset-paged list, its pager and its API fields (keyset.h). */
#ifndef BANGFU_KEYSET_PAGE_H
#define BANGFU_KEYSET_PAGE_H
#include "err.h"
#include "keyset.h"
#include "server.h"

/* Reads ?after=, ?limit= (default dflt, at most max) and ?offset= (rows skipped after the cursor). 0, or -1 with 422 invalid_cursor in e
   when the cursor is not one this program hands out (k is then the first page). */
int keyset_read(struct req *r, int dflt, int max, struct keyset *k, struct err *e);
/* The page's "上一页 / 下一页" links (rel="prev"/"next"), keeping the other query parameters, and the
   rows shown with the total, or (total < 0) a pointer to the sheet's total row over all pages. */
void keyset_pager(struct req *r, const struct keyset *k, int64_t total);
/* Sets "next" (the cursor, or null on the last page) and "limit" on an API list object. */
void keyset_json(json_t *list, const struct keyset *k);

#endif
