/* err.c: filling the shared error value (see err.h). */
#include "err.h"

#include <stdarg.h>
#include <stdio.h>

/* Fills every member of e; the message is printf-formatted. Always returns -1. */
int err_set(struct err *e, int status, const char *code, const char *field, const char *fmt, ...)
{
    va_list ap;
    e->status = status;
    snprintf(e->code, sizeof e->code, "%s", code);
    snprintf(e->field, sizeof e->field, "%s", field ? field : "");
    va_start(ap, fmt);
    vsnprintf(e->message, sizeof e->message, fmt, ap);
    va_end(ap);
    return -1;
}
