/*
 * log.h: the server's log. One line per request (time, user, method, path, status, duration),
 * error lines with the request's context (route, user, error code), and a few notes (backups).
 * Lines go to stderr, or with log_open to a file (log_reopen for logrotate). Nothing
 * personal is written: paths lose their query strings and have names and long numbers masked,
 * and error lines carry codes, never the values people typed.
 */
#ifndef BANGFU_LOG_H
#define BANGFU_LOG_H
#include <stddef.h>

/* Sends stderr (and so every log line, libmicrohttpd's and the sanitizers' messages too) to
   path, appending. Returns 0, or -1 with errno set. */
int log_open(const char *path);
/* Opens the log file again under its name (after logrotate moved it; the server calls this on
   SIGHUP). Without log_open, nothing happens. A failure is logged to the old file. */
void log_reopen(void);

/* Sets this thread's request context, shown on its error lines: the route ("POST
   /api/v1/loans/{id}/repayments") and the user name ("-" when not logged in). NULL route
   clears it. The strings must live until cleared. */
void log_context(const char *method, const char *route, const char *user);

/* One access line: ISO time, user, method, the path masked by log_mask_path, status,
   duration in milliseconds. */
void log_access(const char *user, const char *method, const char *path, int status, double ms);

/* An error line with the thread's request context; printf-style. */
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A note (no context); printf-style. */
void log_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* An error line for a reply of status 500 or more, naming its stable error code; nothing for
   other statuses. */
void log_failure(int status, const char *code);

#define LOG_MASK_DIGITS 7 /* a path segment with this many digits in all may be an ID or a phone */

/* Copies path into out (size n) without personal data: a segment (between slashes) holding
   LOG_MASK_DIGITS or more digits in all (a resident ID or phone number, even written with
   spaces or dashes; also a receipt number) becomes "#"; in the others each run of non-ASCII
   bytes (a name) becomes one '*' and control characters '?'. Record ids stay readable. Returns out. */
char *log_mask_path(const char *path, char *out, size_t n);

#endif
