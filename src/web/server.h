/*
 * server.h: the request every handler receives, the application's run-time settings, and the
 * reply helpers. A handler reads typed input from the request, calls a domain function and
 * renders HTML or JSON into r->out; the dispatcher (server.c) has already checked the route,
 * the login, the role and CSRF.
 */
#ifndef BANGFU_SERVER_H
#define BANGFU_SERVER_H
#include <jansson.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "commit_wait.h"
#include "date.h"
#include "db.h"
#include "err.h"
#include "user.h"

#define REQ_MAX_FIELDS 256
#define REQ_MAX_HEADERS 8
#define REQ_MAX_BODY (8u << 20)     /* uploads (CSV imports) */
#define REQ_MAX_FIELD (64u << 10)   /* one ordinary form field */
#define REQ_MAX_QUERY 4096          /* a whole query string (decoded keys and values) */
#define REQ_MAX_QUERY_ARGS 64       /* query arguments */
#define REQ_MAX_JSON (1u << 20)     /* a JSON body */
#define REQ_MAX_JSON_DEPTH 16       /* nesting of JSON arrays and objects */

/* Which limit a request broke (answered 413 by the dispatcher with a message naming it). */
enum req_limit { LIMIT_NONE, LIMIT_BODY, LIMIT_FIELD, LIMIT_FIELDS, LIMIT_QUERY };

struct req;

struct app {
    const char *db_path;
    int threads;
    pthread_mutex_t lock; /* guards conns */
    struct db *conns[64];
    int nconns;
    void (*dispatch)(struct req *r); /* runs a request (dispatch.h) */
    void (*error_page)(struct req *r, const struct err *e); /* the HTML error page (html.h) */
};

struct kv {
    char *key;
    char *val; /* NUL-terminated; may contain NULs for uploads, see len */
    size_t len;
    char *filename; /* uploads only */
};

struct route;

struct req {
    struct app *app;
    struct db *db; /* this thread's connection */
    void *conn;    /* struct MHD_Connection * */
    const char *method;
    const char *path;
    const struct route *route;
    int api_route, public_route; /* the route's flags, set by the dispatcher (0 before it ran) */
    int64_t id[3];     /* {id} path parameters, in order */
    char str[128];     /* a {str} path parameter */
    struct kv query[REQ_MAX_QUERY_ARGS];
    size_t query_bytes;
    int nquery;
    struct kv form[REQ_MAX_FIELDS];
    int nform;
    struct buf body;  /* raw body of non-form requests (JSON) */
    enum req_limit too_large; /* a limit broken (answered 413), or LIMIT_NONE */
    size_t received;  /* body bytes received so far */
    int bad_body;     /* the form could not be parsed: answered 400 */
    void *pp;         /* struct MHD_PostProcessor * */
    int authed;
    int via_token;
    struct user_ctx user;
    char session_id[65];
    char csrf[65];
    struct date today;
    int status;
    struct buf out;
    const char *content_type;
    char headers[REQ_MAX_HEADERS][2][256];
    int nheaders;
    const struct err *shown_error; /* the refusal html_form_error showed: form_field_error repeats it at its field */
    char *binary; /* a PDF or other bytes to send instead of out (malloc'd, freed by the server) */
    size_t binary_len;
    double started_ms;          /* when the handler began, for the access log */
    struct commit_parking parking; /* its commit awaiting its sync, and the sync's result (commit_wait.h) */
    int parked;                    /* its connection is suspended until that sync */
    int answered;                  /* its answer was handed to libmicrohttpd (which, stopping, may call again) */
    int running;                   /* dispatched, not yet completed (counted for the stop) */
};

/* Query-string value by name, or NULL. */
const char *req_query(const struct req *r, const char *key);
/* Form field by name (first occurrence), or NULL. */
const char *req_form(const struct req *r, const char *key);
/* The n-th (from 0) value of a repeated form field, or NULL. */
const char *req_form_nth(const struct req *r, const char *key, int n);
/* The field struct itself (for uploads: bytes, length, file name), or NULL. */
const struct kv *req_form_kv(const struct req *r, const char *key);
/* Integer query value, or dflt when absent or not a number. */
int64_t req_query_int(const struct req *r, const char *key, int64_t dflt);
/* Parses the request body as a JSON object. NULL with e filled: 413 over REQ_MAX_JSON bytes,
   400 when it is not a JSON object, 422 when nested deeper than REQ_MAX_JSON_DEPTH. */
json_t *req_json(struct req *r, struct err *e);
/* 1 if the user's scope includes the unit, else 0. */
int req_in_scope(struct req *r, int64_t unit_id);

/* The client's address (text, into out of size n): the peer, or X-Real-IP when the peer is a
   reverse proxy on this machine. For rate limits only; never logged with personal data. */
const char *req_client(struct req *r, char *out, size_t n);
/* Adds a response header (Set-Cookie, Location, Content-Disposition...). */
void reply_header(struct req *r, const char *name, const char *value);
/* Sends obj (reference stolen) as the JSON reply with the status. */
void reply_json(struct req *r, int status, json_t *obj);
/* 1 when the method changes state (so it needs CSRF on browser routes and may carry a body). */
int req_method_writes(const char *m);
/* The API error shape {"error":{code,message,field}} with e's status. */
void reply_json_error(struct req *r, const struct err *e);
/* An error for either kind of route: JSON for the API, an HTML page for people. */
void reply_error(struct req *r, const struct err *e);
/* Shorthand for reply_error with a fresh error. */
void reply_fail(struct req *r, int status, const char *code, const char *message);
/* 303 See Other to location (a path of ours). */
void reply_redirect(struct req *r, const char *location);
/* Sends malloc'd bytes (ownership passes to the server) with a content type. */
void reply_bytes(struct req *r, const char *type, char *data, size_t len);

/* Starts the server and blocks until SIGINT/SIGTERM (SIGHUP reopens the log file). Returns a
   process exit status. */
int server_run(struct app *app, const char *listen);

#endif
