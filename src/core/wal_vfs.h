/*
 * wal_vfs.h: the SQLite file layer every Bangfu connection opens through. It is the system's own,
 * but a write-ahead log's appends of one commit reach the file in one write() instead of two a
 * page (frame header, then page). A booking writes 10 to 21 pages, and inside the process's one
 * writer each write() cost a system call (docs/performance.md). Nothing else changes: the log is
 * synced exactly when SQLite asks, after the gathered appends are written; a read, size,
 * truncation or close of the log, or a write that is not an append, writes them first; and so does
 * the log's database, at the shared-memory barrier SQLite passes before it publishes a commit and
 * before it lets go of any shared-memory lock (the log's write lock, after a commit or a rollback).
 * So no connection, with any synchronous setting, reads a frame that is not in the file, and no
 * rolled-back frame is written after another connection's.
 */
#ifndef BANGFU_WAL_VFS_H
#define BANGFU_WAL_VFS_H
#include <sqlite3.h>

#define WAL_VFS_NAME "bangfu"

/* Registers the layer (not as the default) once, on top of the default layer of the moment (the
   clock's, clock.h: db_open installs that first, so SQL's 'now' stays the program's one clock);
   db_open names it. SQLITE_OK, or an error when the default layer is older than SQLite's version 2. */
int wal_vfs_register(void);

#endif
