/*
 * keyset.h: keyset paging of the staff lists that grow with the programme (issue 22). A page is
 * asked for with ?after=CURSOR (an opaque string the previous page handed out: the sort key of its
 * last row) and ?limit=; the list query starts strictly after that row in its own index order
 * (`WHERE (k1, k2, id) > (?, ?, ?) ORDER BY k1, k2, id LIMIT limit + 1`), so every page costs the
 * same whatever its position, where OFFSET walked every row before it. The one row past the page
 * only tells whether there is a next page. The cursor is two text keys and an id, hex-encoded:
 * clients must pass it back unchanged and never build one.
 */
#ifndef BANGFU_KEYSET_H
#define BANGFU_KEYSET_H
#include <stdint.h>

#define KEYSET_KEY_SIZE 128                              /* one sort key (a village name, a date) */
#define KEYSET_CURSOR_SIZE (4 * KEYSET_KEY_SIZE + 32)    /* two keys hex-encoded, the id, separators */

struct keyset {
    /* in: the row the page starts after (after = 0: the first page) and the page's length */
    int after;
    char k1[KEYSET_KEY_SIZE], k2[KEYSET_KEY_SIZE];
    int64_t id;
    int limit;
    int offset; /* rows skipped after the cursor (the older ?offset=, kept for clients that page so) */
    /* out, filled by keyset_row: the rows emitted, whether a row followed the page, and the cursor
       of the page's last row (what ?after= of the next page is) */
    int rows, more;
    char next[KEYSET_CURSOR_SIZE];
    /* out, filled by the list's previous-page query: the cursor the previous page starts after
       ("" with has_prev: the previous page is the first) */
    int has_prev;
    char prev[KEYSET_CURSOR_SIZE];
};

/* Parses a cursor into k (after = 1). 0, or -1 when it is not one this program hands out. */
int keyset_parse(const char *cursor, struct keyset *k);
/* Called by a list for each row it read (limit + 1 at most): 1 when the row belongs to the page
   (and becomes the next cursor), 0 for the row past the page (sets more: there is a next page),
   -1 when a key is longer than a cursor holds (the list must fail, not page short). */
int keyset_row(struct keyset *k, const char *k1, const char *k2, int64_t id);
/* Records the previous page's start from the row `limit + 1` rows before this page (found: 1), or
   the first page (found: 0). Used by a list after its backward query. 0, or -1 as keyset_row. */
int keyset_prev(struct keyset *k, int found, const char *k1, const char *k2, int64_t id);
#endif
