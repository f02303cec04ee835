/* check.h: `bangfu check --db FILE`. */
#ifndef BANGFU_CHECK_H
#define BANGFU_CHECK_H

/* Runs every check and prints one line each. Returns 0 (clean), 1 (broken) or 2 (unreadable). */
int check_database(const char *path);

#endif
