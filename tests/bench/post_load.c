/* post_load.c: the client of the write benchmark (tests/bench/writes.sh): CLIENTS keep-alive
   connections, each posting the next booking as soon as the last answer is read, until MAX
   bookings or SECONDS have passed. A client in C, because on the two-core benchmark machine a
   Node client spent more CPU per request than the server it measured.
   Usage: post_load PORT TOKEN TARGETS-FILE CLIENTS MAX SECONDS RUN ONCE
   TARGETS-FILE has one booking target a line: "PATH<TAB>FEN<TAB>JSON-BODY"; "{i}" in the body is
   replaced by the booking's number (for unique receipt numbers). ONCE 1: each target is booked
   once and the run ends when they are used up; 0: the targets are taken in turn. Loopback only.
   Prints "bookings seconds per_second p50_ms p99_ms failures created created_fen RUN" (created:
   the 201 answers; created_fen: their FEN), as writes.sh compares with the database. */
#define _GNU_SOURCE /* memmem, strcasestr */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

struct target {
    char path[256];
    long fen;
    char body[1024];
};

static struct target *targets;
static long ntargets, max_bookings, once;
static double deadline;
static int port;
static const char *token;
static atomic_long next_booking;
static atomic_long failures, created, created_fen, answered;
static double *latencies; /* ms, one slot per booking number */

/* Monotonic seconds. */
static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Exits with a message: the benchmark is not valid when its client fails. */
static void die(const char *what)
{
    fprintf(stderr, "post_load: %s\n", what);
    exit(1);
}

/* A connected keep-alive socket to 127.0.0.1:port. */
static int connect_server(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int one = 1;
    if (fd < 0 || setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) != 0 ||
        connect(fd, (struct sockaddr *)&a, sizeof a) != 0)
        die("cannot connect to the server");
    return fd;
}

/* Writes all of buf. 0, or -1 when the connection closed. */
static int send_all(int fd, const char *buf, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, buf, n);
        if (w <= 0)
            return -1;
        buf += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Reads one answer (headers with a Content-Length, then the body). Its status, or -1 when the
   connection closed. */
static int read_answer(int fd, char *buf, size_t size)
{
    size_t have = 0;
    char *end = NULL;
    while (!(end = memmem(buf, have, "\r\n\r\n", 4))) {
        if (have + 1 >= size)
            die("an answer's headers are too long");
        ssize_t r = read(fd, buf + have, size - 1 - have);
        if (r <= 0)
            return -1;
        have += (size_t)r;
    }
    buf[have] = '\0'; /* the status line and headers are read as a string below */
    int status = 0;
    if (sscanf(buf, "HTTP/1.%*d %d", &status) != 1)
        die("an answer without a status line");
    char *cl = strcasestr(buf, "\r\nContent-Length:");
    if (!cl || cl > end)
        die("an answer without a Content-Length");
    size_t body = strtoul(cl + 17, NULL, 10), got = have - (size_t)(end + 4 - buf);
    while (got < body) {
        ssize_t r = read(fd, buf, body - got < size ? body - got : size);
        if (r <= 0)
            return -1;
        got += (size_t)r;
    }
    return status;
}

/* The body of booking i: the target's body with "{i}" replaced by i. */
static void body_of(const struct target *t, long i, char *out, size_t n)
{
    const char *mark = strstr(t->body, "{i}");
    int len = mark ? snprintf(out, n, "%.*s%ld%s", (int)(mark - t->body), t->body, i, mark + 3)
                   : snprintf(out, n, "%s", t->body);
    if (len < 0 || (size_t)len >= n)
        die("a booking's body is too long");
}

/* One client: books until the bookings, the targets (ONCE) or the time run out. */
static void *client(void *unused)
{
    (void)unused;
    int fd = connect_server();
    char req[2048], body[1100], answer[65536];
    for (;;) {
        long i = atomic_fetch_add(&next_booking, 1);
        if (i >= max_bookings || now() >= deadline || (once && i >= ntargets))
            break;
        const struct target *t = &targets[i % ntargets];
        body_of(t, i, body, sizeof body);
        int n = snprintf(req, sizeof req,
                         "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n"
                         "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n%s",
                         t->path, token, strlen(body), body);
        if (n < 0 || (size_t)n >= sizeof req)
            die("a request is too long");
        double s = now();
        int status;
        if (send_all(fd, req, (size_t)n) != 0 || (status = read_answer(fd, answer, sizeof answer)) < 0)
            die("the server closed a connection");
        if (status == 200 || status == 201)
            latencies[atomic_fetch_add(&answered, 1)] = (now() - s) * 1000;
        else
            atomic_fetch_add(&failures, 1);
        if (status == 201) {
            atomic_fetch_add(&created, 1);
            atomic_fetch_add(&created_fen, t->fen);
        }
    }
    close(fd);
    return NULL;
}

/* Reads the targets file. */
static void read_targets(const char *file)
{
    FILE *f = fopen(file, "r");
    if (!f)
        die("cannot read the targets file");
    char line[1400];
    long cap = 0;
    while (fgets(line, sizeof line, f)) {
        if (ntargets == cap) {
            cap = cap ? cap * 2 : 256;
            targets = realloc(targets, sizeof *targets * (size_t)cap);
            if (!targets)
                die("out of memory");
        }
        struct target *t = &targets[ntargets];
        line[strcspn(line, "\n")] = '\0';
        if (sscanf(line, "%255[^\t]\t%ld\t%1023[^\n]", t->path, &t->fen, t->body) != 3)
            die("a targets line is not PATH<TAB>FEN<TAB>BODY");
        ntargets++;
    }
    fclose(f);
    if (ntargets == 0)
        die("no targets");
}

/* Orders doubles. */
static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc != 9)
        die("usage: post_load PORT TOKEN TARGETS-FILE CLIENTS MAX SECONDS RUN ONCE");
    port = atoi(argv[1]);
    token = argv[2];
    read_targets(argv[3]);
    int clients = atoi(argv[4]);
    max_bookings = atol(argv[5]);
    once = atol(argv[8]);
    if (clients < 1 || clients > 256 || max_bookings < 1)
        die("CLIENTS must be 1 to 256 and MAX at least 1");
    latencies = calloc((size_t)max_bookings, sizeof *latencies);
    pthread_t *th = calloc((size_t)clients, sizeof *th);
    if (!latencies || !th)
        die("out of memory");
    double t0 = now();
    deadline = t0 + atof(argv[6]);
    for (int c = 0; c < clients; c++)
        if (pthread_create(&th[c], NULL, client, NULL) != 0)
            die("cannot start a client thread");
    for (int c = 0; c < clients; c++)
        pthread_join(th[c], NULL);
    double secs = now() - t0;
    long n = atomic_load(&answered);
    qsort(latencies, (size_t)n, sizeof *latencies, by_value);
    double p50 = n ? latencies[n / 2] : 0, p99 = n ? latencies[(n * 99) / 100 < n ? (n * 99) / 100 : n - 1] : 0;
    printf("%ld %.3f %.0f %.2f %.2f %ld %ld %ld %s\n", n, secs, (double)n / secs, p50, p99, atomic_load(&failures),
           atomic_load(&created), atomic_load(&created_fen), argv[7]);
    return 0;
}
