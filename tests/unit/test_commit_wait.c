/* test_commit_wait.c: a request's answer waits for its commit's sync without holding a server
   thread (commit_wait.c, server.c). The real server (server_run, one thread, then a pool of two)
   runs with a test dispatcher: POST /write inserts a row in a transaction, POST /refuse begins
   one and rolls it back (a refusal), GET /count counts the rows. The test's own fdatasync() takes
   the C library's place and can be held or made to fail. While the log's sync is held, neither the
   write's answer nor the refusal's is sent, yet the one server thread answers another request;
   released, the write is answered 201 and its row is there, the refusal 409. A failed sync answers
   500 commit_unconfirmed in place of the write's 201 and 500 disk_unconfirmed in place of the
   refusal's 409, and later writes are refused before they write. The server stops with a request
   parked: the stop waits for its sync and sends its 201, and it is not run twice; a write sent
   meanwhile on a connection kept open is answered 503 and not run. A watchdog ends the test if
   anything hangs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "server.h"
#include "temp_db.h"

static char dir[] = "/tmp/bangfu-commitwait-XXXXXX", path[96];
static int port;

/* ---- the C library's fdatasync, held or failed at will ------------------------------------ */

static pthread_mutex_t gate = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t gate_opened = PTHREAD_COND_INITIALIZER;
static int holding;   /* syncs wait while set */
static int waiting;   /* syncs waiting at the gate */
static int failing;   /* syncs fail with EIO while set (under the gate's lock) */

/* The system's fdatasync; for the layer's syncs of a log after a commit (files it opens
   read-only; SQLite's own are read-write, its directories read-only but not files) after the gate,
   and failing with EIO while failing is set. */
int fdatasync(int fd)
{
    int flags = fcntl(fd, F_GETFL);
    struct stat st;
    if (flags < 0 || (flags & O_ACCMODE) != O_RDONLY || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        return syscall(SYS_fdatasync, fd) == 0 ? 0 : -1;
    pthread_mutex_lock(&gate);
    waiting++;
    while (holding)
        pthread_cond_wait(&gate_opened, &gate);
    waiting--;
    int fail = failing;
    pthread_mutex_unlock(&gate);
    if (fail) {
        errno = EIO;
        return -1;
    }
    return syscall(SYS_fdatasync, fd) == 0 ? 0 : -1;
}

/* Holds (1) or releases (0) the syncs. */
static void hold_syncs(int on)
{
    pthread_mutex_lock(&gate);
    holding = on;
    pthread_cond_broadcast(&gate_opened);
    pthread_mutex_unlock(&gate);
}

/* Makes the gated syncs fail (1) or succeed (0). */
static void fail_syncs(int on)
{
    pthread_mutex_lock(&gate);
    failing = on;
    pthread_mutex_unlock(&gate);
}

/* Syncs waiting at the gate now. */
static int syncs_waiting(void)
{
    pthread_mutex_lock(&gate);
    int n = waiting;
    pthread_mutex_unlock(&gate);
    return n;
}

/* ---- the server under test -------------------------------------------------------------- */

/* POST /write: one row in one transaction, answered 201; POST /refuse: a transaction rolled back,
   answered 409; GET /count: the rows. */
static void dispatch(struct req *r)
{
    r->api_route = 1;
    if (strcmp(r->path, "/write") == 0) {
        if (db_begin(r->db) != SQLITE_OK) {
            reply_fail(r, 503, "refused", "写入被拒绝");
            return;
        }
        if (db_run(r->db, "INSERT INTO t (v) VALUES ('x')", "") != SQLITE_DONE || db_commit(r->db) != SQLITE_OK) {
            db_rollback(r->db);
            reply_fail(r, 500, "failed", "写入失败");
            return;
        }
        reply_json(r, 201, json_pack("{s:b}", "ok", 1));
    } else if (strcmp(r->path, "/refuse") == 0) {
        if (db_begin(r->db) == SQLITE_OK)
            db_rollback(r->db);
        reply_fail(r, 409, "refused_here", "不能办理");
    } else {
        reply_json(r, 200, json_pack("{s:I}", "rows", (json_int_t)db_int(r->db, -1, "SELECT count(*) FROM t", "")));
    }
}

/* Not reached: every route is an API route. */
static void error_page(struct req *r, const struct err *e)
{
    reply_json_error(r, e);
}

static struct app app = {.threads = 1, .dispatch = dispatch, .error_page = error_page};
static pthread_t server_thread;
static int server_result = -1;

/* Runs the server until it is sent SIGTERM. */
static void *serve(void *arg)
{
    (void)arg;
    char listen[32];
    snprintf(listen, sizeof listen, "127.0.0.1:%d", port);
    server_result = server_run(&app, listen);
    return NULL;
}

/* ---- a client ------------------------------------------------------------------------- */

/* Sends a request on an open connection, asking to keep it open (keep) or to close it after the
   answer. 0, or -1. */
static int send_on(int s, const char *method, const char *target, int keep)
{
    char req[256];
    int n = snprintf(req, sizeof req, "%s %s HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: %s\r\n\r\n",
                     method, target, keep ? "keep-alive" : "close");
    return write(s, req, (size_t)n) == n ? 0 : -1;
}

/* Opens a connection to the server (retrying while it starts); the socket. */
static int open_connection(void)
{
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    for (int i = 0; i < 100 && connect(s, (struct sockaddr *)&a, sizeof a) != 0; i++) {
        close(s);
        nanosleep(&(struct timespec){0, 20000000}, NULL);
        s = socket(AF_INET, SOCK_STREAM, 0);
    }
    return s;
}

/* Opens a connection and sends a request; the socket, or -1. */
static int send_request(const char *method, const char *target)
{
    int s = open_connection();
    if (send_on(s, method, target, 0) != 0) {
        close(s);
        return -1;
    }
    return s;
}

/* Reads the whole answer within ms milliseconds into out (its status line and body); the bytes
   read, 0 when nothing came in time. */
static int read_answer(int s, char *out, size_t n, int ms)
{
    size_t got = 0;
    struct pollfd p = {.fd = s, .events = POLLIN};
    while (got + 1 < n && poll(&p, 1, ms) == 1) {
        ssize_t k = read(s, out + got, n - 1 - got);
        if (k <= 0)
            break;
        got += (size_t)k;
    }
    out[got] = '\0';
    return (int)got;
}

/* A request answered within 5 s: the answer in out. */
static void request(const char *method, const char *target, char *out, size_t n)
{
    int s = send_request(method, target);
    assert_true(s >= 0);
    assert_true(read_answer(s, out, n, 5000) > 0);
    close(s);
}

/* Waits up to 5 s until a sync waits at the gate. */
static void wait_for_held_sync(void)
{
    for (int i = 0; i < 500 && syncs_waiting() == 0; i++)
        nanosleep(&(struct timespec){0, 10000000}, NULL);
    assert_true(syncs_waiting() > 0);
}

/* ---- the tests -------------------------------------------------------------------------- */

static void test_answer_waits_for_sync(void **state)
{
    (void)state;
    char answer[2048];
    request("GET", "/count", answer, sizeof answer);
    assert_non_null(strstr(answer, "\"rows\":0"));
    hold_syncs(1);
    int w = send_request("POST", "/write");
    assert_true(w >= 0);
    wait_for_held_sync();
    /* the write is committed but not synced: no answer; nor a refusal that read after it; the one
       server thread answers others */
    assert_int_equal(read_answer(w, answer, sizeof answer, 300), 0);
    int f = send_request("POST", "/refuse");
    assert_true(f >= 0);
    assert_int_equal(read_answer(f, answer, sizeof answer, 300), 0);
    request("GET", "/count", answer, sizeof answer);
    assert_non_null(strstr(answer, "200 OK"));
    assert_non_null(strstr(answer, "\"rows\":1"));
    hold_syncs(0);
    assert_true(read_answer(w, answer, sizeof answer, 5000) > 0);
    close(w);
    assert_non_null(strstr(answer, "HTTP/1.1 201"));
    assert_non_null(strstr(answer, "\"ok\":true"));
    assert_true(read_answer(f, answer, sizeof answer, 5000) > 0);
    close(f);
    assert_non_null(strstr(answer, "HTTP/1.1 409"));
}

static void test_failed_sync(void **state)
{
    (void)state;
    char answer[2048];
    hold_syncs(1);
    int w = send_request("POST", "/write");
    assert_true(w >= 0);
    wait_for_held_sync();
    int f = send_request("POST", "/refuse");
    assert_true(f >= 0);
    assert_int_equal(read_answer(f, answer, sizeof answer, 300), 0); /* parked too */
    fail_syncs(1);
    hold_syncs(0);
    assert_true(read_answer(w, answer, sizeof answer, 5000) > 0);
    close(w);
    assert_non_null(strstr(answer, "HTTP/1.1 500"));
    assert_non_null(strstr(answer, "commit_unconfirmed"));
    assert_null(strstr(answer, "\"ok\""));
    assert_true(read_answer(f, answer, sizeof answer, 5000) > 0);
    close(f);
    assert_non_null(strstr(answer, "HTTP/1.1 500"));
    assert_non_null(strstr(answer, "disk_unconfirmed")); /* nothing of the refusal was written */
    fail_syncs(0);
    request("GET", "/count", answer, sizeof answer);
    assert_non_null(strstr(answer, "\"rows\":2")); /* in the log, though not confirmed */
    /* later writes are refused before they write */
    request("POST", "/write", answer, sizeof answer);
    assert_non_null(strstr(answer, "HTTP/1.1 503"));
    request("GET", "/count", answer, sizeof answer);
    assert_non_null(strstr(answer, "\"rows\":2"));
}

static void test_stop_with_parked_request(void **state)
{
    (void)state;
    /* a fresh server (the failed sync refuses writes until the writing connection is opened again),
       with a pool of two threads */
    pthread_kill(server_thread, SIGTERM);
    pthread_join(server_thread, NULL);
    assert_int_equal(server_result, 0);
    app.threads = 2;
    assert_int_equal(pthread_create(&server_thread, NULL, serve, NULL), 0);
    char answer[2048];
    request("POST", "/write", answer, sizeof answer);
    assert_non_null(strstr(answer, "HTTP/1.1 201"));
    int kept = open_connection(); /* a connection kept open across the stop */
    assert_int_equal(send_on(kept, "GET", "/count", 1), 0);
    assert_true(read_answer(kept, answer, sizeof answer, 500) > 0);
    assert_non_null(strstr(answer, "HTTP/1.1 200"));
    hold_syncs(1);
    int w = send_request("POST", "/write");
    wait_for_held_sync();
    pthread_kill(server_thread, SIGTERM); /* the stop waits for the parked request's sync */
    nanosleep(&(struct timespec){0, 200000000}, NULL);
    /* a request arriving while it stops is answered 503 and not run */
    assert_int_equal(send_on(kept, "POST", "/write", 1), 0);
    assert_true(read_answer(kept, answer, sizeof answer, 5000) > 0);
    close(kept);
    assert_non_null(strstr(answer, "HTTP/1.1 503"));
    hold_syncs(0);
    pthread_join(server_thread, NULL);
    assert_int_equal(server_result, 0);
    /* answered before the daemon stopped, and run once */
    assert_true(read_answer(w, answer, sizeof answer, 5000) > 0);
    close(w);
    assert_non_null(strstr(answer, "HTTP/1.1 201"));
    struct err e = {0};
    struct db *db = db_open(path, 0, &e);
    assert_non_null(db);
    assert_int_equal(db_int(db, -1, "SELECT count(*) FROM t", ""), 4);
    db_close(db);
}

/* After each test: no sync held or failing, whatever the test left. */
static int release_syncs(void **state)
{
    (void)state;
    fail_syncs(0);
    hold_syncs(0);
    return 0;
}

/* Picks a free port on the loopback. */
static int free_port(void)
{
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET};
    socklen_t n = sizeof a;
    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    if (bind(s, (struct sockaddr *)&a, sizeof a) != 0 || getsockname(s, (struct sockaddr *)&a, &n) != 0)
        return -1;
    close(s);
    return ntohs(a.sin_port);
}

int main(void)
{
    /* SIGTERM stops the server: blocked here so every thread inherits the mask and server_run's
       sigwait takes it */
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    alarm(120); /* the watchdog: SIGALRM, not blocked, ends a test that hangs */
    struct db *db = temp_db_open(dir, path, sizeof path);
    if (!db || db_exec(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)") != SQLITE_OK || (port = free_port()) < 0)
        return 1;
    db_close(db);
    app.db_path = path;
    if (pthread_create(&server_thread, NULL, serve, NULL) != 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_answer_waits_for_sync, release_syncs),
        cmocka_unit_test_teardown(test_failed_sync, release_syncs),
        cmocka_unit_test_teardown(test_stop_with_parked_request, release_syncs),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    temp_db_remove(NULL, dir, path);
    return failed;
}
