/*
 * routes.h: the one table of routes. Each route names its method, path pattern, handler, the
 * roles allowed and flags; the dispatcher in server.c enforces all of it before a handler runs.
 *
 * Patterns: literal segments, "{id}" (a positive integer, stored in r->id[]) and "{str}" (one
 * non-empty segment, stored in r->str), optionally followed by a literal suffix ("{str}.pdf").
 */
#ifndef BANGFU_ROUTES_H
#define BANGFU_ROUTES_H
#include <stdio.h>

#include "server.h"

enum route_flag {
    ROUTE_PUBLIC = 1, /* no login needed (public pages, login itself) */
    ROUTE_API = 2,    /* JSON in and out, bearer token, no CSRF */
};

typedef void (*route_handler)(struct req *r);

struct route {
    const char *method;
    const char *pattern;
    route_handler handler;
    unsigned roles; /* ROLE_BIT(...) mask; ignored for public routes */
    unsigned flags;
};

extern const struct route routes[];
extern const int routes_count;

/* Matches path against one pattern, filling r->id/r->str (unless r is NULL). Returns 1 on a match. */
int route_match(const char *pattern, const char *path, struct req *r);
/* Finds the route for method+path. NULL when none; then *path_known says whether the path
   exists under another method (405) or not at all (404), and allow (if not NULL, size n) gets
   the allowed methods for the Allow header. r gets the path's ids unless it is NULL. */
const struct route *route_find(const char *method, const char *path, struct req *r, int *path_known,
                               char *allow, size_t n);
/* Writes the route table as JSON (method, pattern, roles by code, public, api) to f, for the
   security tests that walk every route. Returns 0, or -1 on a write error. */
int routes_print_json(FILE *f);

/* 1 when the table lets the role call method+path (or the route is public): pages use it to show
   a form only to those the dispatcher will let submit it. 0 for an unknown route. */
int route_allowed(const char *method, const char *path, enum role role);

#endif
