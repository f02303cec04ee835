/*
 * dispatch.h: the request dispatcher and error page the server runs with (struct app's dispatch
 * and error_page): route, login (bearer token for the API, session cookie for pages), role,
 * "must change password" and CSRF are checked before the route's handler runs.
 */
#ifndef BANGFU_DISPATCH_H
#define BANGFU_DISPATCH_H
#include "server.h"

/* Finds the route for the request and runs its handler after the checks, or replies with the
   error (404/405/413/401/403) as JSON for the API and as a page for people. */
void dispatch_request(struct req *r);

#endif
