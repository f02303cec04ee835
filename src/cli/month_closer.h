/*
 * month_closer.h: closing the portfolio's months for `bangfu serve` (portfolio_months_close): the
 * twelve months before today's at start-up, before the server listens (milliseconds when they are
 * closed already; after an upgrade or a long stop, the time it takes, said in the log), then in a
 * thread each new month shortly after it begins and each month a reversal reopened (it looks every
 * BANGFU_CLOSE_INTERVAL seconds, default 60). So neither the first dashboard of a fresh server nor
 * the first after a month closes computes them: the dashboard says a month is being closed and
 * leaves it to this thread; a document that needs it (the quarterly report) closes it itself,
 * single-flight. The same passes count the active loans' bands of days past due for a new day
 * (loan_bands_roll): at start-up and within a look of midnight; the reports meanwhile sum the loans'
 * figures by day themselves. Errors are logged and never stop the server.
 */
#ifndef BANGFU_MONTH_CLOSER_H
#define BANGFU_MONTH_CLOSER_H

/* Closes the months not closed yet and counts the bands for today, then starts the thread for the
   database at db_path (the string must outlive it). 0, or -1 (logged). */
int month_closer_start(const char *db_path);
/* Stops the thread (within a second, or when the month it is closing is stored). No-op when none runs. */
void month_closer_stop(void);

#endif
