/*
 * server.c: the libmicrohttpd daemon (internal epoll thread pool), the request life cycle
 * (query, form and body collection with limits), handing each request to the application's
 * dispatcher (dispatch.c), security headers, the access log, and the reply helpers declared in
 * server.h.
 */
#include "server.h"

#include <arpa/inet.h>
#include <malloc.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "db_checkpoint.h"
#include "log.h"

static _Thread_local struct db *thread_db; /* one connection per server thread */

/* Returns this thread's database connection, opening (and registering) it on first use. */
static struct db *thread_connection(struct app *app)
{
    if (thread_db)
        return thread_db;
    struct err e = {0};
    thread_db = db_open(app->db_path, 0, &e);
    if (!thread_db) {
        log_error("%s", e.message);
        return NULL;
    }
    db_checkpoint_hand_off(thread_db); /* no checkpoint inside a booking's commit */
    db_defer_syncs(thread_db);         /* a request's commit is confirmed in commit_wait.c */
    pthread_mutex_lock(&app->lock);
    if (app->nconns < (int)(sizeof app->conns / sizeof app->conns[0]))
        app->conns[app->nconns++] = thread_db;
    pthread_mutex_unlock(&app->lock);
    return thread_db;
}

/* ---- input ------------------------------------------------------------------------------ */

/* Looks a key up in a key/value array. */
static const struct kv *kv_find(const struct kv *kv, int n, const char *key)
{
    for (int i = 0; i < n; i++)
        if (strcmp(kv[i].key, key) == 0)
            return &kv[i];
    return NULL;
}

const char *req_query(const struct req *r, const char *key)
{
    const struct kv *kv = kv_find(r->query, r->nquery, key);
    return kv ? kv->val : NULL;
}

const char *req_form(const struct req *r, const char *key)
{
    const struct kv *kv = kv_find(r->form, r->nform, key);
    return kv ? kv->val : NULL;
}

const char *req_form_nth(const struct req *r, const char *key, int n)
{
    for (int i = 0; i < r->nform; i++)
        if (strcmp(r->form[i].key, key) == 0 && n-- == 0)
            return r->form[i].val;
    return NULL;
}

const struct kv *req_form_kv(const struct req *r, const char *key)
{
    return kv_find(r->form, r->nform, key);
}

int64_t req_query_int(const struct req *r, const char *key, int64_t dflt)
{
    const char *s = req_query(r, key);
    if (!s || !*s)
        return dflt;
    char *end;
    long long v = strtoll(s, &end, 10);
    return *end ? dflt : (int64_t)v;
}

/* The nesting depth of a JSON value: 0 for a scalar, 1 for a flat array or object. Stops
   counting past limit. */
static int json_depth(json_t *j, int limit)
{
    int deepest = 0;
    size_t i;
    const char *key;
    json_t *v;
    if (limit < 0)
        return 0;
    if (json_is_array(j))
        json_array_foreach(j, i, v) {
            int d = json_depth(v, limit - 1);
            deepest = d > deepest ? d : deepest;
        }
    else if (json_is_object(j))
        json_object_foreach(j, key, v) {
            int d = json_depth(v, limit - 1);
            deepest = d > deepest ? d : deepest;
        }
    else
        return 0;
    return deepest + 1;
}

json_t *req_json(struct req *r, struct err *e)
{
    json_error_t je;
    if (r->body.len > REQ_MAX_JSON) {
        err_set(e, 413, "request_too_large", NULL, "提交的 JSON 内容过大（上限 1 MB）");
        return NULL;
    }
    json_t *j = json_loadb(r->body.data ? r->body.data : "", r->body.len, JSON_REJECT_DUPLICATES, &je);
    if (!j || !json_is_object(j)) {
        json_decref(j);
        err_set(e, 400, "malformed_json", NULL, "请求内容不是有效的 JSON 对象");
        return NULL;
    }
    if (json_depth(j, REQ_MAX_JSON_DEPTH) > REQ_MAX_JSON_DEPTH) {
        json_decref(j);
        err_set(e, 422, "json_too_deep", NULL, "JSON 内容嵌套过深（上限 %d 层）", REQ_MAX_JSON_DEPTH);
        return NULL;
    }
    return j;
}

int req_in_scope(struct req *r, int64_t unit_id)
{
    return db_int(r->db, 0,
                  "SELECT 1 FROM units WHERE id = ?1 AND in_scope(path, ?2)", "it",
                  unit_id, r->user.unit_path) == 1;
}

const char *req_client(struct req *r, char *out, size_t n)
{
    out[0] = '\0';
    const union MHD_ConnectionInfo *ci =
        r->conn ? MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS) : NULL;
    const struct sockaddr *sa = ci ? ci->client_addr : NULL;
    if (sa && sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, out, (socklen_t)n);
    else if (sa && sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, out, (socklen_t)n);
    const char *real = r->conn ? MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "X-Real-IP") : NULL;
    if (real && (strcmp(out, "127.0.0.1") == 0 || strcmp(out, "::1") == 0) && strlen(real) < n)
        snprintf(out, n, "%s", real);
    return out;
}

/* Collects one query-string argument (MHD has already decoded it). */
static enum MHD_Result collect_query(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    struct req *r = cls;
    if (!key)
        return MHD_YES;
    r->query_bytes += strlen(key) + (value ? strlen(value) : 0) + 2;
    if (r->nquery >= REQ_MAX_QUERY_ARGS || r->query_bytes > REQ_MAX_QUERY) {
        r->too_large = LIMIT_QUERY;
        return MHD_YES;
    }
    r->query[r->nquery].key = strdup(key);
    r->query[r->nquery].val = strdup(value ? value : "");
    r->query[r->nquery].len = strlen(r->query[r->nquery].val);
    r->nquery++;
    return MHD_YES;
}

/* Post-processor callback: values arrive in pieces (even mid-UTF-8), appended until complete. */
static enum MHD_Result collect_form(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
                                    const char *content_type, const char *transfer_encoding, const char *data,
                                    uint64_t off, size_t size)
{
    struct req *r = cls;
    if (!key) { /* a multipart part without a name: nothing a handler could ask for */
        r->bad_body = 1;
        return MHD_NO;
    }
    /* A piece continues the last field when it has the same name and comes after bytes of it (off >
       0), or when that field is still empty: libmicrohttpd may open a multipart field with an empty
       piece when only the part's headers have arrived and send the value later, again at offset 0. */
    struct kv *f = r->nform ? &r->form[r->nform - 1] : NULL;
    if (!f || strcmp(f->key, key) != 0 || (off == 0 && f->len > 0)) {
        if (r->nform >= REQ_MAX_FIELDS) {
            r->too_large = LIMIT_FIELDS;
            return MHD_YES;
        }
        f = &r->form[r->nform++];
        f->key = strdup(key);
        f->val = calloc(1, 1);
        f->len = 0;
        f->filename = filename ? strdup(filename) : NULL;
    }
    size_t limit = f->filename ? REQ_MAX_BODY : REQ_MAX_FIELD;
    if (f->len + size > limit) {
        r->too_large = f->filename ? LIMIT_BODY : LIMIT_FIELD;
        return MHD_YES;
    }
    char *p = realloc(f->val, f->len + size + 1);
    if (!p)
        return MHD_NO;
    if (size)
        memcpy(p + f->len, data, size);
    f->len += size;
    p[f->len] = '\0';
    f->val = p;
    return MHD_YES;
}

/* ---- replies ---------------------------------------------------------------------------- */

int req_method_writes(const char *m)
{
    return strcmp(m, "GET") != 0 && strcmp(m, "HEAD") != 0;
}

void reply_header(struct req *r, const char *name, const char *value)
{
    if (r->nheaders >= REQ_MAX_HEADERS)
        return;
    snprintf(r->headers[r->nheaders][0], sizeof r->headers[0][0], "%s", name);
    snprintf(r->headers[r->nheaders][1], sizeof r->headers[0][1], "%s", value);
    r->nheaders++;
}

void reply_json(struct req *r, int status, json_t *obj)
{
    char *s = json_dumps(obj, JSON_COMPACT);
    json_decref(obj);
    buf_reset(&r->out);
    buf_puts(&r->out, s ? s : "{}");
    free(s);
    r->status = status;
    r->content_type = "application/json; charset=utf-8";
}

void reply_json_error(struct req *r, const struct err *e)
{
    log_failure(e->status ? e->status : 500, e->code);
    json_t *err = json_pack("{s:s, s:s}", "code", e->code, "message", e->message);
    if (e->field[0])
        json_object_set_new(err, "field", json_string(e->field));
    reply_json(r, e->status ? e->status : 500, json_pack("{s:o}", "error", err));
}

void reply_error(struct req *r, const struct err *e)
{
    if (r->api_route)
        reply_json_error(r, e);
    else
        r->app->error_page(r, e);
}

void reply_fail(struct req *r, int status, const char *code, const char *message)
{
    struct err e;
    err_set(&e, status, code, NULL, "%s", message);
    reply_error(r, &e);
}

void reply_redirect(struct req *r, const char *location)
{
    r->status = 303;
    reply_header(r, "Location", location);
    buf_reset(&r->out);
}

void reply_bytes(struct req *r, const char *type, char *data, size_t len)
{
    free(r->binary);
    r->binary = data;
    r->binary_len = len;
    r->content_type = type;
    r->status = 200;
}

/* ---- the dispatcher --------------------------------------------------------------------- */

/* Adds the security headers every response carries. */
static void add_security_headers(struct MHD_Response *resp)
{
    MHD_add_response_header(resp, "Content-Security-Policy",
                            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                            "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
}

/* Builds and queues the response from what the handler left in r. */
static enum MHD_Result send_reply(struct req *r)
{
    struct MHD_Response *resp;
    if (r->binary) {
        resp = MHD_create_response_from_buffer(r->binary_len, r->binary, MHD_RESPMEM_MUST_FREE);
        r->binary = NULL;
    } else {
        size_t len;
        char *data = buf_detach(&r->out, &len);
        resp = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
    }
    if (!resp)
        return MHD_NO;
    add_security_headers(resp);
    MHD_add_response_header(resp, "Content-Type", r->content_type ? r->content_type : "text/html; charset=utf-8");
    if (!r->public_route)
        MHD_add_response_header(resp, "Cache-Control", "no-store");
    for (int i = 0; i < r->nheaders; i++)
        MHD_add_response_header(resp, r->headers[i][0], r->headers[i][1]);
    enum MHD_Result ret = MHD_queue_response(r->conn, r->status ? (unsigned)r->status : 200, resp);
    MHD_destroy_response(resp);
    return ret;
}

/* Frees everything a request owns. */
static void req_free(struct req *r)
{
    if (r->pp)
        MHD_destroy_post_processor(r->pp);
    for (int i = 0; i < r->nquery; i++) {
        free(r->query[i].key);
        free(r->query[i].val);
    }
    for (int i = 0; i < r->nform; i++) {
        free(r->form[i].key);
        free(r->form[i].val);
        free(r->form[i].filename);
    }
    buf_free(&r->body);
    buf_free(&r->out);
    free(r->binary);
    free(r);
}

/* Requests dispatched and not yet completed (sent, or their connection closed): a stop waits
   for them (server_run). */
static int requests_running;
/* Set when the server begins to stop: a request that arrives after it (on a connection kept open)
   is answered 503 without being run, so the running requests can only become fewer. */
static int stopping;

/* Monotonic milliseconds, for the access log. */
static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* Puts an error in place of the answer to a request whose sync failed. When it committed, the
   record is in the database but not confirmed: the clerk must not be told it was saved, nor send
   it again. When it only read (a refusal), nothing of it was written. */
static void reply_unconfirmed(struct req *r)
{
    log_error("%s %s: the disk did not confirm the log's sync", r->method, r->path);
    free(r->binary);
    r->binary = NULL;
    r->nheaders = 0;
    buf_reset(&r->out);
    if (r->parking.commit.wrote)
        reply_fail(r, 500, "commit_unconfirmed",
                   "已写入但磁盘未确认保存：请不要重复提交，请管理员检查磁盘、重启服务后核对这笔记录");
    else
        reply_fail(r, 500, "disk_unconfirmed", "磁盘未确认保存，暂停写入：这次没有写入任何内容，请管理员检查磁盘后重启服务");
}

/* Sends the request's answer (or, when its commit was not confirmed, the error in its place) and
   logs it with the time since its handler began. */
static enum MHD_Result finish_request(struct req *r)
{
    if (r->parking.rc != SQLITE_OK)
        reply_unconfirmed(r);
    log_access(r->authed ? r->user.username : NULL, r->method, r->path, r->status ? r->status : 200,
               now_ms() - r->started_ms);
    r->answered = 1;
    return send_reply(r);
}

/* Answers a request that arrived while the server stops, without running it: 503, and the
   connection closed after it. */
static enum MHD_Result answer_stopping(struct req *r)
{
    r->status = 503;
    r->content_type = "text/plain; charset=utf-8";
    buf_reset(&r->out);
    buf_puts(&r->out, "服务正在停止，请稍后重试\n");
    reply_header(r, "Connection", "close");
    reply_header(r, "Retry-After", "10");
    r->answered = 1;
    return send_reply(r);
}

/* The libmicrohttpd access handler: called once with headers, then with body pieces, then
   once more with nothing left, when the request is dispatched; and, for a request parked until its
   commit's sync (commit_wait.h), once more when its connection is resumed. */
static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_size,
                                  void **con_cls)
{
    struct app *app = cls;
    struct req *r = *con_cls;
    if (!r) {
        r = calloc(1, sizeof *r);
        if (!r)
            return MHD_NO;
        r->app = app;
        r->conn = conn;
        r->method = method;
        r->path = url;
        MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_query, r);
        if (req_method_writes(method)) {
            const char *len = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
            if (len && strtoull(len, NULL, 10) > REQ_MAX_BODY)
                r->too_large = LIMIT_BODY;
            r->pp = MHD_create_post_processor(conn, 32 * 1024, collect_form, r);
        }
        *con_cls = r;
        return MHD_YES;
    }
    if (*upload_size) {
        r->received += *upload_size; /* chunked bodies carry no Content-Length */
        if (r->received > REQ_MAX_BODY)
            r->too_large = LIMIT_BODY;
        if (!r->too_large) {
            if (r->pp) {
                if (MHD_post_process(r->pp, upload_data, *upload_size) != MHD_YES)
                    r->bad_body = 1;
            } else {
                buf_put(&r->body, upload_data, *upload_size);
            }
        }
        *upload_size = 0;
        return MHD_YES;
    }
    if (r->answered) /* called again: the daemon is stopping and dropped the answer; never run twice */
        return MHD_NO;
    if (r->parked) { /* resumed: its commit's sync has ended */
        r->parked = 0;
        return finish_request(r);
    }
    if (__atomic_load_n(&stopping, __ATOMIC_SEQ_CST))
        return answer_stopping(r);
    r->started_ms = now_ms();
    r->running = 1;
    __atomic_add_fetch(&requests_running, 1, __ATOMIC_SEQ_CST);
    r->db = thread_connection(app);
    r->today = clock_today();
    if (!r->db) {
        reply_fail(r, 500, "database_unavailable", "数据库无法打开");
    } else {
        app->dispatch(r);
        if (db_writing(r->db)) /* every path of a handler ends its transaction: this is a bug to fix */
            log_error("%s %s left a write transaction open; rolled back", method, url);
        db_rollback(r->db); /* a handler that failed mid-transaction leaves nothing behind */
        log_context(NULL, NULL, NULL);
        if (db_commit_pending(r->db, &r->parking.commit)) {
            r->parked = 1;
            r->parking.conn = conn;
            if (commit_wait_park(&r->parking) == 0)
                return MHD_YES; /* answered once resumed */
            r->parked = 0;
            r->parking.rc = db_commit_confirm(&r->parking.commit);
        }
    }
    return finish_request(r);
}

/* Frees the request when libmicrohttpd is done with the connection's request. */
static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    struct req *r = *con_cls;
    if (r && r->running)
        __atomic_sub_fetch(&requests_running, 1, __ATOMIC_SEQ_CST);
    if (r)
        req_free(r);
    *con_cls = NULL;
}

/* Waits until no request is running, or ms milliseconds have passed (logged). */
static void wait_for_running_requests(int ms)
{
    for (int waited = 0; __atomic_load_n(&requests_running, __ATOMIC_SEQ_CST) > 0; waited += 10) {
        if (waited >= ms) {
            log_error("server: stopping with %d requests not answered",
                      __atomic_load_n(&requests_running, __ATOMIC_SEQ_CST));
            return;
        }
        nanosleep(&(struct timespec){0, 10000000}, NULL);
    }
}

/* Keeps memory a thread frees for its next request instead of handing it back to the system at
   once. Every query with a temporary b-tree (a GROUP BY, a materialised subquery) frees that
   b-tree's page cache when it ends; glibc gave the 128 KiB back (madvise, a TLB flush on every core)
   and the next request faulted it in again: half of the portfolio report's time (0.94 -> 0.47 ms a
   request, docs/performance.md). Up to 16 MiB free stay with each thread's arena; a block of 4 MiB
   or more (a large export) is still mapped and unmapped on its own. An allocator that takes no such
   setting (the sanitizer build's) runs as it is: a note, the answers are the same. */
static void keep_freed_memory(void)
{
    if (mallopt(M_TRIM_THRESHOLD, 16 << 20) != 1 || mallopt(M_MMAP_THRESHOLD, 4 << 20) != 1)
        log_note("server: this memory allocator keeps its own thresholds (freed memory may go back at once)");
}

/* Parses "host:port" into an IPv4 socket address. Returns 0 or -1. */
static int parse_listen(const char *listen, struct sockaddr_in *sa)
{
    char host[64];
    const char *colon = strrchr(listen, ':');
    if (!colon || (size_t)(colon - listen) >= sizeof host)
        return -1;
    memcpy(host, listen, (size_t)(colon - listen));
    host[colon - listen] = '\0';
    char *end;
    long port = strtol(colon + 1, &end, 10);
    if (*end || port < 0 || port > 65535)
        return -1;
    memset(sa, 0, sizeof *sa);
    sa->sin_family = AF_INET;
    sa->sin_port = htons((uint16_t)port);
    return inet_pton(AF_INET, host, &sa->sin_addr) == 1 ? 0 : -1;
}

int server_run(struct app *app, const char *listen)
{
    struct sockaddr_in sa;
    if (parse_listen(listen, &sa) != 0) {
        fprintf(stderr, "错误: --listen 应为 地址:端口，例如 127.0.0.1:8080\n");
        return 2;
    }
    pthread_mutex_init(&app->lock, NULL);
    keep_freed_memory();
    /* Every write transaction runs on one connection, which keeps its page cache (db.h). */
    struct err e = {0};
    struct db *writer = db_open(app->db_path, 0, &e);
    if (!writer) {
        fprintf(stderr, "错误: %s\n", e.message);
        return 1;
    }
    db_checkpoint_hand_off(writer);
    if (db_writer_share(writer) != 0)
        log_error("server: no shared writing connection; each thread writes on its own (synchronous=FULL)");
    /* SIGINT, SIGTERM and SIGHUP are blocked in every thread (the pool inherits the mask) and
       taken by sigwait below: no handler, no race between a signal and the wait for it. */
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    sigaddset(&sigs, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);
    __atomic_store_n(&stopping, 0, __ATOMIC_SEQ_CST);
    if (commit_wait_start() != 0)
        log_error("server: the commit syncing thread could not start; each request waits for its own sync");
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG | MHD_ALLOW_SUSPEND_RESUME, 0, NULL, NULL, on_request, app,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa, MHD_OPTION_THREAD_POOL_SIZE, (unsigned)app->threads,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_CONNECTION_TIMEOUT, 60u,
        MHD_OPTION_CONNECTION_LIMIT, 1000u, MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "错误: 无法在 %s 上启动服务（端口被占用？）\n", listen);
        commit_wait_stop();
        db_writer_share(NULL);
        db_close(writer);
        return 1;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_LISTEN_FD);
    struct sockaddr_in bound;
    socklen_t bl = sizeof bound;
    if (info && getsockname(info->listen_fd, (struct sockaddr *)&bound, &bl) == 0) {
        char host[INET_ADDRSTRLEN];
        inet_ntop(AF_INET, &bound.sin_addr, host, sizeof host);
        printf("listening on http://%s:%d/\n", host, ntohs(bound.sin_port));
        fflush(stdout);
    }
    for (int sig = 0; sig != SIGINT && sig != SIGTERM;)
        if (sigwait(&sigs, &sig) == 0 && sig == SIGHUP)
            log_reopen(); /* the log file was rotated away */
    /* The stop: no new connection, and no new request run (answer_stopping); no request parks any more and the parked ones are synced and
       resumed (none may be suspended when the daemon stops); every running request is answered
       (up to 10 s) before the daemon stops, which would drop an answer not yet sent. */
    __atomic_store_n(&stopping, 1, __ATOMIC_SEQ_CST);
    MHD_socket listening = MHD_quiesce_daemon(d);
    commit_wait_drain();
    wait_for_running_requests(10000);
    MHD_stop_daemon(d);
    if (listening != MHD_INVALID_SOCKET)
        close(listening);
    commit_wait_stop();
    for (int i = 0; i < app->nconns; i++)
        db_close(app->conns[i]);
    app->nconns = 0;
    db_writer_share(NULL); /* waits for a write of the month closer's thread, which still runs */
    db_close(writer);
    return 0;
}
