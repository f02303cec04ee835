/* log.c: access, error and note lines to stderr or a log file (see log.h). */
#include "log.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"

static char log_path[4096]; /* the file given to log_open, reopened on SIGHUP */

static _Thread_local const char *ctx_method, *ctx_route, *ctx_user;

/* Opens log_path (when set) and puts it in place of stderr. Returns 0 or -1. */
static int reopen(void)
{
    if (!log_path[0])
        return 0;
    int fd = open(log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
    if (fd < 0)
        return -1;
    int rc = fd == STDERR_FILENO ? 0 : dup2(fd, STDERR_FILENO);
    if (fd != STDERR_FILENO)
        close(fd);
    return rc < 0 ? -1 : 0;
}

int log_open(const char *path)
{
    if (strlen(path) >= sizeof log_path) {
        errno = ENAMETOOLONG;
        return -1;
    }
    snprintf(log_path, sizeof log_path, "%s", path);
    return reopen();
}

void log_reopen(void)
{
    if (reopen() != 0)
        log_error("cannot reopen the log file %s", log_path);
}

void log_context(const char *method, const char *route, const char *user)
{
    ctx_method = route ? method : NULL;
    ctx_route = route;
    ctx_user = route ? user : NULL;
}

/* Writes one line: local ISO time with its offset, the kind, then the formatted text. One
   write(2) per line, so lines from several threads never interleave. */
static void vline(const char *kind, int with_context, const char *fmt, va_list ap)
{
    char line[1024];
    struct tm tm = clock_china_tm(clock_now());
    size_t n = strftime(line, sizeof line, "%Y-%m-%dT%H:%M:%S+0800 ", &tm);
    n += (size_t)snprintf(line + n, sizeof line - n, "%s ", kind);
    if (with_context && ctx_route && n < sizeof line)
        n += (size_t)snprintf(line + n, sizeof line - n, "[%s %s %s] ", ctx_method, ctx_route,
                              ctx_user && *ctx_user ? ctx_user : "-");
    if (n < sizeof line)
        n += (size_t)vsnprintf(line + n, sizeof line - n, fmt, ap);
    if (n >= sizeof line - 1)
        n = sizeof line - 2;
    line[n++] = '\n';
    ssize_t w = write(STDERR_FILENO, line, n);
    (void)w; /* nowhere left to report a failing log */
}

/* printf-style front of vline. */
static void emit(const char *kind, int with_context, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void emit(const char *kind, int with_context, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vline(kind, with_context, fmt, ap);
    va_end(ap);
}

void log_access(const char *user, const char *method, const char *path, int status, double ms)
{
    char masked[512];
    emit("access", 0, "%s %s %s %d %.1fms", user && *user ? user : "-", method,
         log_mask_path(path, masked, sizeof masked), status, ms);
}

void log_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vline("error", 1, fmt, ap);
    va_end(ap);
}

void log_note(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vline("note", 0, fmt, ap);
    va_end(ap);
}

void log_failure(int status, const char *code)
{
    if (status >= 500)
        log_error("%d %s", status, code);
}

char *log_mask_path(const char *path, char *out, size_t n)
{
    size_t o = 0;
    if (!n)
        return out;
    const unsigned char *p = (const unsigned char *)(path ? path : "");
    while (*p && o + 1 < n) {
        if (*p == '/') {
            out[o++] = '/';
            p++;
            continue;
        }
        /* one segment: a resident ID or phone number, even split by spaces or dashes, holds
           LOG_MASK_DIGITS or more digits in all: then the whole segment becomes '#' */
        size_t len = 0, digits = 0;
        for (; p[len] && p[len] != '/'; len++)
            digits += p[len] >= '0' && p[len] <= '9';
        if (digits >= LOG_MASK_DIGITS) {
            out[o++] = '#';
            p += len;
            continue;
        }
        for (const unsigned char *end = p + len; p < end && o + 1 < n;) {
            if (*p >= 0x80) { /* a run of non-ASCII bytes (a name) becomes one '*' */
                while (p < end && *p >= 0x80)
                    p++;
                out[o++] = '*';
            } else {
                out[o++] = *p < 0x20 || *p == 0x7f ? '?' : (char)*p;
                p++;
            }
        }
    }
    out[o] = '\0';
    return out;
}
