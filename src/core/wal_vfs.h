/*
 * wal_vfs.h: the SQLite file layer every Bangfu connection opens through. It is the system's own,
 * but a write-ahead log's appends of one commit reach the file in one write() instead of two a
 * page (frame header, then page). A booking writes 10 to 21 pages, and inside the process's one
 * writer each write() cost a system call (docs/performance.md). The log is synced when SQLite
 * asks, after the gathered appends are written, and after a commit marked for the group commit
 * below; a read, size,
 * truncation or close of the log, or a write that is not an append, writes them first; and so does
 * the log's database, at the shared-memory barrier SQLite passes before it publishes a commit and
 * before it lets go of any shared-memory lock (the log's write lock, after a commit or a rollback).
 * So no connection, with any synchronous setting, reads a frame that is not in the file, and no
 * rolled-back frame is written after another connection's.
 */
#ifndef BANGFU_WAL_VFS_H
#define BANGFU_WAL_VFS_H
#include <sqlite3.h>
#include <stdint.h>

#define WAL_VFS_NAME "bangfu"

/* Registers the layer (not as the default) once, on top of the default layer of the moment (the
   clock's, clock.h: db_open installs that first, so SQL's 'now' stays the program's one clock);
   db_open names it. SQLITE_OK, or an error when the default layer is older than SQLite's version 2. */
int wal_vfs_register(void);

/* Group commit. The server's one writing connection runs with synchronous=NORMAL: its commit
   writes the log but does not sync it, so the next transaction can start while this one's sync
   runs, and one sync covers every commit written before it began. Each commit still waits for a
   sync that covers it before it is confirmed (in db_commit, or for a request in the server's
   commit_wait.c), so no answer reports a booking that a power cut could lose; a later commit's sync
   covers every earlier one (the log is written in order). Other connections may read a commit
   before its sync ends. */
struct wal_vfs_mark {
    struct log_sync *sync; /* the log's syncs (held until wal_vfs_commit_sync or wal_vfs_mark_release), or
                              NULL: nothing to sync */
    uint64_t written;      /* the log's writes up to this commit */
};
/* Notes what connection h, just committed and still holding the process's writer, has written to
   its log (a log that cannot be opened again to be synced from another thread is synced now).
   SQLITE_OK; SQLITE_NOTFOUND when h has no log of this layer open (not in WAL mode: nothing to
   sync later); another code when its gathered appends could not be written or the sync failed. */
int wal_vfs_commit_mark(sqlite3 *h, struct wal_vfs_mark *mark);
/* Returns once a sync of the log has covered the mark (syncing it now unless another thread is;
   then waiting for that sync, and syncing again if it began before the mark), and lets the mark
   go. Called after the writer has been handed on. SQLITE_OK, or SQLITE_IOERR_FSYNC when a sync
   of the log failed (logged; every later one fails too). */
int wal_vfs_commit_sync(struct wal_vfs_mark *mark);
/* Lets the mark go without waiting (a later mark on the same log covers it). */
void wal_vfs_mark_release(struct wal_vfs_mark *mark);

#endif
