/*
 * err.h: the one error value that domain functions fill and pages/API render: an HTTP status,
 * a stable snake_case code for programs, a message in Chinese for people, and the field at fault.
 */
#ifndef BANGFU_ERR_H
#define BANGFU_ERR_H

struct err {
    int status;        /* 400, 401, 403, 404, 409, 422, 500; 0 = no error */
    char code[48];     /* e.g. "invalid_id_number" */
    char message[320]; /* Chinese, shown to people */
    char field[48];    /* the input field at fault, or "" */
};

/* Fills e; returns -1 so domain functions can `return err_set(...)`. */
int err_set(struct err *e, int status, const char *code, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

#endif
