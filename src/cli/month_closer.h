/*
 * month_closer.h: the thread of `bangfu serve` that closes the portfolio's months in the
 * background (portfolio_months_close): at start-up the twelve months before today's, then each
 * new month shortly after it begins (it looks every BANGFU_CLOSE_INTERVAL seconds, default 60), so
 * neither the first dashboard of a fresh server nor the first after a month closes computes them.
 * Errors are logged and never stop the server; a request that needs a month still open closes it
 * itself, single-flight.
 */
#ifndef BANGFU_MONTH_CLOSER_H
#define BANGFU_MONTH_CLOSER_H

/* Starts the thread for the database at db_path (the string must outlive it). 0, or -1 (logged). */
int month_closer_start(const char *db_path);
/* Stops the thread (within a second, or when the month it is closing is stored). No-op when none runs. */
void month_closer_stop(void);

#endif
