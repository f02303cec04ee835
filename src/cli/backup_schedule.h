/*
 * backup_schedule.h: the daily backup of `bangfu serve --backup-dir DIR --backup-keep N`. A
 * thread takes a backup at start-up unless one of today's is already in DIR, then looks again
 * every few minutes (BANGFU_BACKUP_INTERVAL seconds, default 300, for tests), so one backup is
 * taken each day the server runs. After each backup it deletes the oldest dated backups beyond
 * N, and only files named as it names them. Errors are logged and never stop the server.
 */
#ifndef BANGFU_BACKUP_SCHEDULE_H
#define BANGFU_BACKUP_SCHEDULE_H

/* Starts the backup thread for the database at db_path (the strings must outlive it).
   Returns 0, or -1 when the thread cannot start (logged). */
int backup_schedule_start(const char *db_path, const char *dir, int keep);
/* Stops the thread (waiting for a backup under way to finish). No-op when none runs. */
void backup_schedule_stop(void);

/* Deletes the dated backups in dir beyond the newest keep, and the leftovers of backups cut off
   more than an hour ago. Returns the number of backups deleted, or -1 when dir is unreadable. */
int backup_prune(const char *dir, int keep);

#endif
