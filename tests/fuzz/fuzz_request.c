/*
 * fuzz_request.c: libFuzzer target for the whole request path. A libmicrohttpd daemon without a
 * listening socket or threads (server.c's own on_request and on_completed, included here) gets
 * each input over a socket pair and is run until it has answered: header parsing, query
 * arguments, the post processor (urlencoded and multipart, in pieces), JSON bodies, the
 * dispatcher's route, login, role and CSRF checks, and the handler with the demo database.
 * After an input that changed the database, the database is copied back from the pristine
 * copy taken once at start (SQLite's backup API, in memory): every input meets the same demo.
 *
 * Input layout: [mode][user][content type][flags] then "path\nheaders\n\nbody".
 *  - mode % 8 picks the method (GET POST PUT DELETE HEAD PATCH OPTIONS, or the bytes before the
 *    first space of the path line); mode >= 0xF0 sends the rest of the input as raw HTTP.
 *  - user % 8 picks who is logged in (nobody, admin, 西集 association, finance, relief, a 西集
 *    village officer, the auditor, 冯卯 association): odd flags send the session as a cookie
 *    (with its CSRF token added to form bodies), even ones as a bearer token.
 *  - content type % 6: none, urlencoded, multipart (boundary BB), JSON, text, multipart with
 *    the boundary taken from the headers the input gives.
 *  - flags & 2 sends the body chunked in pieces of (flags >> 4) + 1 bytes.
 * Harness only: yescrypt runs at its lowest cost (crypt_gensalt_rn below), so the demo users'
 * hashes, the unknown-user setting and every new password hash cost about 5 ms instead of 65 ms
 * under ASan; every login and password change still runs the whole of yescrypt and the checks.
 * run.sh runs it with -close_fd_mask=2: the access log's line per input is discarded, the
 * sanitizers' reports are not. Any sanitizer report, a hang or a request the daemon never answers fails the run.
 */
#include <crypt.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <sys/socket.h>

#include "../../src/web/server.c"
#include "auth.h"
#include "clock.h"
#include "dispatch.h"
#include "fragment_cache.h"
#include "html.h"
#include "fuzz_db.h"

#define FUZZ_MAX_INPUT (48 * 1024) /* fits the socket buffer: written before the daemon runs */
#define FUZZ_MAX_ROUNDS 2000       /* MHD_run rounds before an unanswered request is a failure */

static const char *const fuzz_users[] = {NULL,        "admin",       "xj_xiehui", "xj_caiwu",
                                         "xj_jiuzhu", "xj_cun_xiji", "shenji",    "fm_xiehui"};
static const char *const fuzz_methods[] = {"GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS"};
#define FUZZ_CSRF "c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00"

static struct MHD_Daemon *fuzz_daemon;
static struct app fuzz_app;
static sqlite3 *fuzz_pristine;  /* the demo with the sessions, as every input finds it */
static sqlite3_int64 fuzz_changes; /* the connection's change count after the last reset */

/* Harness only: libcrypt's crypt_gensalt_rn with the lowest yescrypt cost (1, "$y$j75$": 1 MiB
   instead of 16 MiB) whatever the caller asks. This definition comes before libcrypt's in the
   link, so the product's auth_hash_password and auth_unknown_user_setting use it; the
   product's own cost is unchanged. */
char *crypt_gensalt_rn(const char *prefix, unsigned long count, const char *rbytes, int nrbytes, char *output,
                       int output_size)
{
    static char *(*real)(const char *, unsigned long, const char *, int, char *, int);
    if (!real)
        *(void **)&real = dlsym(RTLD_NEXT, "crypt_gensalt_rn");
    if (!real)
        abort();
    return real(prefix, prefix && strcmp(prefix, "$y$") == 0 ? 1 : count, rbytes, nrbytes, output, output_size);
}

/* Harness only: ASan keeps the memory it has freed instead of handing it back to the kernel
   every few seconds (allocator_release_to_os_interval_ms): handing back and faulting the pages
   in again cost about a sixth of the run's CPU. Checks are the same; options given in
   ASAN_OPTIONS still apply after these. */
const char *__asan_default_options(void)
{
    return "allocator_release_to_os_interval_ms=-1";
}

/* The session id of demo user i: 64 hex digits, the same in every run. */
static void fuzz_sid(int i, char *out)
{
    for (int k = 0; k < 64; k++)
        out[k] = "0123456789abcdef"[(i * 7 + k) % 16];
    out[64] = '\0';
}

/* Creates the demo users' sessions (one cookie and one token each, all with FUZZ_CSRF). */
static void fuzz_sessions(struct db *db)
{
    if (db_begin(db) != SQLITE_OK)
        abort();
    for (int i = 1; i < 8; i++) {
        char sid[65];
        fuzz_sid(i, sid);
        for (int kind = 0; kind < 2; kind++) {
            sid[63] = kind ? 't' : 'c';
            if (db_run(db,
                       "INSERT OR REPLACE INTO sessions (id, user_id, kind, csrf, created_at, seen_at, expires_at) "
                       "SELECT ?, id, ?, ?, 0, 0, 4000000000 FROM users WHERE username = ?",
                       "tttt", sid, kind ? "token" : "cookie", FUZZ_CSRF, fuzz_users[i]) != SQLITE_DONE)
                abort();
        }
    }
    if (db_commit(db) != SQLITE_OK)
        abort();
}

/* Copies the whole database from one connection into another (SQLite's backup API). */
static void fuzz_copy_db(sqlite3 *from, sqlite3 *to)
{
    sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
    if (!b || sqlite3_backup_step(b, -1) != SQLITE_DONE || sqlite3_backup_finish(b) != SQLITE_OK)
        abort();
}

/* Creates the database, the sessions, the pristine copy and the daemon once per process. The
   server's connection is the harness's own (thread_db), set up as db_open sets up every
   connection, except that its commits skip the journal's fsyncs: the database lives in
   /dev/shm and is thrown away, so durability buys nothing here (the product keeps WAL and
   synchronous=FULL). */
static void fuzz_setup(void)
{
    struct user_ctx u;
    clock_pin_today((struct date){2026, 11, 23}); /* the demo and every request on one day */
    thread_db = fuzz_demo_db("admin", &u);
    if (db_exec(thread_db, "PRAGMA journal_mode=MEMORY; PRAGMA synchronous=OFF;") != SQLITE_OK)
        abort();
    if (db_int(thread_db, -1, "SELECT count(*) FROM users WHERE password_hash NOT LIKE '$y$j75$%'", "") != 0 ||
        strncmp(auth_unknown_user_setting(), "$y$j75$", 7) != 0)
        abort(); /* the cheap cost above did not take */
    fuzz_sessions(thread_db);
    if (sqlite3_open(":memory:", &fuzz_pristine) != SQLITE_OK)
        abort();
    fuzz_copy_db(thread_db->h, fuzz_pristine);
    fuzz_changes = sqlite3_total_changes64(thread_db->h);
    fuzz_app.db_path = fuzz_demo_path;
    fuzz_app.threads = 1;
    fuzz_app.dispatch = dispatch_request;
    fuzz_app.error_page = html_error_page;
    fuzz_app.conns[fuzz_app.nconns++] = thread_db;
    pthread_mutex_init(&fuzz_app.lock, NULL);
    signal(SIGPIPE, SIG_IGN);
    fuzz_daemon =
        MHD_start_daemon(MHD_USE_NO_LISTEN_SOCKET, 0, NULL, NULL, on_request, &fuzz_app, MHD_OPTION_NOTIFY_COMPLETED,
                         on_completed, NULL, MHD_OPTION_CONNECTION_TIMEOUT, 5u, MHD_OPTION_END);
    if (!fuzz_daemon)
        abort();
}

/* Puts the database back as it was before the first input when the last one changed any row
   (a write, an audited read, a logout ending a session), and drops the page fragments cached
   from it: every input meets the same demo, so a finding reproduces from its input alone. */
static void fuzz_reset(void)
{
    if (sqlite3_total_changes64(thread_db->h) == fuzz_changes)
        return;
    fuzz_copy_db(fuzz_pristine, thread_db->h);
    fragment_clear();
    fuzz_changes = sqlite3_total_changes64(thread_db->h);
}

/* Builds the HTTP request the input describes into out. */
static void fuzz_build(const uint8_t *data, size_t size, struct buf *out)
{
    uint8_t mode = data[0], user = data[1] % 8, ctype = data[2] % 6, flags = data[3];
    const char *rest = (const char *)data + 4, *end = (const char *)data + size;
    if (mode >= 0xF0) {
        buf_put(out, rest, (size_t)(end - rest));
        return;
    }
    const char *nl = memchr(rest, '\n', (size_t)(end - rest));
    const char *path_end = nl ? nl : end;
    const char *target = rest;
    const char *method = mode % 8 < 7 ? fuzz_methods[mode % 8] : NULL;
    if (!method) { /* the method is the path line's first word */
        const char *sp = memchr(rest, ' ', (size_t)(path_end - rest));
        if (sp) {
            buf_put(out, rest, (size_t)(sp - rest));
            target = sp + 1;
        } else {
            buf_puts(out, "GET");
        }
    } else {
        buf_puts(out, method);
    }
    buf_puts(out, " ");
    if (target == path_end || *target != '/')
        buf_puts(out, "/");
    buf_put(out, target, (size_t)(path_end - target));
    buf_puts(out, " HTTP/1.1\r\nHost: fuzz\r\n");
    const char *body = path_end;
    if (nl) { /* headers given by the input, up to an empty line */
        const char *hend = NULL;
        for (const char *p = nl + 1; p < end; p++)
            if (*p == '\n' && p + 1 < end && p[1] == '\n') {
                hend = p;
                break;
            }
        if (hend) {
            for (const char *p = nl + 1; p < hend; p++) {
                if (*p == '\n')
                    buf_puts(out, "\r\n");
                else if (*p != '\r')
                    buf_put(out, p, 1);
            }
            if (hend > nl + 1)
                buf_puts(out, "\r\n");
            body = hend + 2;
        } else {
            body = nl + 1;
        }
    }
    if (user) {
        char sid[65];
        fuzz_sid(user, sid);
        sid[63] = flags & 1 ? 'c' : 't';
        buf_puts(out, flags & 1 ? "Cookie: " AUTH_COOKIE "=" : "Authorization: Bearer ");
        buf_puts(out, sid);
        buf_puts(out, "\r\n");
    }
    static const char *const types[] = {
        NULL, "application/x-www-form-urlencoded", "multipart/form-data; boundary=BB", "application/json", "text/plain",
        NULL};
    if (types[ctype]) {
        buf_puts(out, "Content-Type: ");
        buf_puts(out, types[ctype]);
        buf_puts(out, "\r\n");
    }
    struct buf b;
    buf_init(&b);
    if (user && (flags & 1) && ctype == 1)
        buf_puts(&b, "csrf=" FUZZ_CSRF "&");
    else if (user && (flags & 1) && ctype == 2)
        buf_puts(&b, "--BB\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" FUZZ_CSRF "\r\n");
    buf_put(&b, body, (size_t)(end - body));
    if (flags & 2) {
        size_t piece = (size_t)(flags >> 4) + 1;
        buf_puts(out, "Transfer-Encoding: chunked\r\n\r\n");
        for (size_t at = 0; at < b.len; at += piece) {
            size_t n = b.len - at < piece ? b.len - at : piece;
            char line[32];
            snprintf(line, sizeof line, "%zx\r\n", n);
            buf_puts(out, line);
            buf_put(out, b.data + at, n);
            buf_puts(out, "\r\n");
        }
        buf_puts(out, "0\r\n\r\n");
    } else {
        char line[64];
        snprintf(line, sizeof line, "Content-Length: %zu\r\n\r\n", b.len);
        buf_puts(out, line);
        buf_put(out, b.data, b.len);
    }
    buf_free(&b);
}

/* Sends one request through the daemon and waits for the connection to close. */
static void fuzz_exchange(const struct buf *req)
{
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
        abort();
    int big = 1 << 20;
    setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &big, sizeof big);
    setsockopt(sv[0], SOL_SOCKET, SO_RCVBUF, &big, sizeof big);
    if (write(sv[0], req->data, req->len) != (ssize_t)req->len)
        abort();
    shutdown(sv[0], SHUT_WR);
    fcntl(sv[0], F_SETFL, O_NONBLOCK);
    struct sockaddr_in peer = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (MHD_add_connection(fuzz_daemon, sv[1], (struct sockaddr *)&peer, sizeof peer) != MHD_YES)
        abort();
    char sink[65536];
    int closed = 0;
    for (int round = 0; round < FUZZ_MAX_ROUNDS && !closed; round++) {
        if (MHD_run(fuzz_daemon) != MHD_YES)
            abort();
        for (;;) {
            ssize_t n = read(sv[0], sink, sizeof sink);
            if (n == 0)
                closed = 1;
            if (n <= 0)
                break;
        }
    }
    close(sv[0]);
    if (!closed)
        abort(); /* the daemon never answered and closed: a hang */
}

/* libFuzzer's once-per-process hook: the demo is built before the first input, so its time is
   not counted against any input (-report_slow_units, -timeout). */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_setup();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 4 || size > FUZZ_MAX_INPUT)
        return 0;
    struct buf req;
    buf_init(&req);
    fuzz_build(data, size, &req);
    fuzz_exchange(&req);
    buf_free(&req);
    fuzz_reset();
    return 0;
}
