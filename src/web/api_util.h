/*
 * api_util.h: typed reading of JSON request fields for the api_*.c handlers. A field of the
 * wrong type is reported as 422 naming the field, so handlers can validate in one place.
 */
#ifndef BANGFU_API_UTIL_H
#define BANGFU_API_UTIL_H
#include <jansson.h>
#include <stdint.h>

#include "err.h"
#include "server.h"

/* String member, or NULL when absent or null. -1 with e filled when of another type. */
int api_str(json_t *o, const char *key, const char **out, struct err *e);
/* Integer member (dflt when absent). -1 with e filled when of another type. */
int api_int(json_t *o, const char *key, int64_t dflt, int64_t *out, struct err *e);
/* Boolean member (dflt when absent). -1 with e filled when of another type. */
int api_bool(json_t *o, const char *key, int dflt, int *out, struct err *e);
/* Reads ?limit= (default 50, at most 500) and ?offset=. */
void api_paging(struct req *r, int *limit, int *offset);
/* {"items": items, "total": total} (items stolen). */
json_t *api_list(json_t *items, int64_t total);
/* Answers a list a lister filled: 200 {items, total} or, when total < 0 (the read failed), the
   lister's error in e (a database error when e is NULL or empty), never an empty list instead.
   items is stolen either way. */
void api_reply_list(struct req *r, json_t *items, int64_t total, struct err *e);
/* Answers a list read whole up to max rows: 200 {items, total, total_capped: total > max}, or, when
   n < 0 (the read failed), the database error. items is stolen either way. */
void api_reply_capped(struct req *r, json_t *items, int64_t n, int64_t max);
/* The 201 reply of a create: items (stolen) holds what the list function, asked for the new
   record alone, appended, and listed is what it returned: exactly 1 answers the record, anything
   else the error in e (a database error when e is empty). */
void api_reply_created(struct req *r, json_t *items, int64_t listed, struct err *e);

#endif
