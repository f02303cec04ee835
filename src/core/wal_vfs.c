/*
 * wal_vfs.c: the SQLite file layer Bangfu's connections open through (see wal_vfs.h): the
 * system's own, except that a write-ahead log's appends are gathered in memory and written with
 * one write() before anything can read them: before any sync, read, size, truncation or close of
 * the log, any write elsewhere in it, and before its database's connection publishes a commit
 * (the shared-memory barrier) or lets go of a shared-memory lock (the log's write lock among them).
 */
#include "wal_vfs.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"

/* The most a log's gathered appends hold before they are written: the system's unix layer writes
   at most 0x1ffff bytes in one call (its seekAndWriteFd masks the length with it, so 128 KiB would
   write nothing and be reported as a full disk). A booking's commit, up to 25 pages of 4 KiB and
   their headers, fits. */
#define GATHER_MAX 0x1ffff

/* What makes a log's commits durable after its writer has gone on (wal_vfs_commit_sync): a
   descriptor of its own on the log (a sync through any descriptor writes the whole file's data),
   the count of writes the log has received and the count the last finished sync covered. Made at
   the first commit marked on the log (only the server's shared connection has one); shared by the
   log and the commits waiting on it; the last of them frees it. */
struct log_sync {
    pthread_mutex_t lock;
    pthread_cond_t done;     /* broadcast when a sync ends */
    int refs;
    int fd;                  /* the log, opened read-only */
    char *dir;               /* the directory holding the log, synced once with the log's first sync */
    int syncing;             /* a thread is syncing the log now */
    int broken;              /* a sync failed: the disk's word on later ones cannot be trusted */
    int dir_synced;          /* the directory has been synced since the log opened */
    uint64_t written;        /* writes the log has received (atomic: the writer adds, syncs read) */
    uint64_t synced;         /* writes the last finished sync covered */
};

/* A file opened through this layer: the system's file; for a log the appends not written yet; for
   a database the log its connection opened. */
struct gathered_file {
    sqlite3_file base;           /* the methods SQLite calls: wal_methods, main_methods or plain_methods */
    sqlite3_file *real;          /* the system's file, allocated right after this struct */
    unsigned char *buf;          /* a log's appends not written yet (GATHER_MAX bytes, allocated at the first) */
    size_t len;                  /* bytes in buf */
    sqlite3_int64 off;           /* the log offset of buf[0] */
    sqlite3_int64 end;           /* the offset just past this handle's last append */
    const char *name;            /* a database: the name SQLite opened it by (its log's names lead back to it) */
    struct gathered_file *wal;   /* a database: its connection's log, or NULL */
    struct gathered_file *main;  /* a log: its connection's database, or NULL */
    struct gathered_file *next;  /* a database: the next open database */
    const char *path;            /* a log: the name SQLite opened it by (kept while it is open); NULL
                                    once it could not be opened again for its syncs */
    struct log_sync *sync;       /* a log: its syncs after a commit, from the first commit marked on it */
};

static sqlite3_vfs *parent; /* the system's file layer */
static sqlite3_vfs vfs;     /* this layer */
static pthread_mutex_t databases_lock = PTHREAD_MUTEX_INITIALIZER;
static struct gathered_file *databases; /* the databases open through this layer, for their logs to find */

/* Counts a write the log has received (its syncs compare counts). */
static void log_written(struct gathered_file *f)
{
    if (f->sync)
        __atomic_add_fetch(&f->sync->written, 1, __ATOMIC_RELEASE);
}

/* Writes the gathered appends, if any, to the log; they are kept when the write fails, so the next
   call tries again. SQLite's result code. */
static int gathered_flush(struct gathered_file *f)
{
    if (!f || f->len == 0)
        return SQLITE_OK;
    int rc = f->real->pMethods->xWrite(f->real, f->buf, (int)f->len, f->off);
    if (rc == SQLITE_OK) {
        f->len = 0;
        log_written(f);
    }
    return rc;
}

/* A log's write. An append (at or past the end of what this handle wrote, or at the log's start,
   where a log begins again after a checkpoint) joins the gathered ones; any other write (SQLite
   rewriting a frame of the open transaction, or a frame's header for its checksum) first writes
   those, then itself straight away. */
static int wal_write(sqlite3_file *file, const void *data, int amt, sqlite3_int64 off)
{
    struct gathered_file *f = (struct gathered_file *)file;
    if (!f->buf)
        f->buf = malloc(GATHER_MAX);
    int append = off == 0 || off >= f->end, rc = SQLITE_OK;
    if (!append || !f->buf || (size_t)amt > GATHER_MAX) {
        rc = gathered_flush(f);
        if (rc == SQLITE_OK)
            rc = f->real->pMethods->xWrite(f->real, data, amt, off);
        if (rc == SQLITE_OK)
            log_written(f);
    } else {
        if (f->len && (off != f->off + (sqlite3_int64)f->len || f->len + (size_t)amt > GATHER_MAX))
            rc = gathered_flush(f);
        if (rc == SQLITE_OK) {
            if (f->len == 0)
                f->off = off;
            memcpy(f->buf + f->len, data, (size_t)amt);
            f->len += (size_t)amt;
        }
    }
    if (rc == SQLITE_OK && append)
        f->end = off + amt;
    return rc;
}

/* Drops a reference to a log's syncs; the last one closes its descriptor and frees it. */
static void log_sync_release(struct log_sync *s)
{
    if (!s)
        return;
    pthread_mutex_lock(&s->lock);
    int last = --s->refs == 0;
    pthread_mutex_unlock(&s->lock);
    if (!last)
        return;
    if (s->fd >= 0)
        close(s->fd);
    free(s->dir);
    pthread_cond_destroy(&s->done);
    pthread_mutex_destroy(&s->lock);
    free(s);
}

/* Opens the log again, read-only, on a descriptor above the standard three (as SQLite's own are).
   The descriptor, or -1. */
static int open_for_sync(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd >= 0 && fd <= 2) {
        int high = fcntl(fd, F_DUPFD_CLOEXEC, 3);
        close(fd);
        fd = high;
    }
    return fd;
}

/* A log's syncs: its own read-only descriptor and its directory, and one write counted as not yet
   synced (the writes before it was made were not counted), so the first commit marked syncs.
   NULL when the log cannot be opened again or memory is short (logged): its commits are then
   synced in place. */
static struct log_sync *log_sync_new(const char *path)
{
    struct log_sync *s = calloc(1, sizeof *s);
    const char *slash = strrchr(path, '/');
    if (s)
        s->dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
    if (s && s->dir)
        s->fd = open_for_sync(path);
    if (!s || !s->dir || s->fd < 0) {
        log_error("db: cannot open the log %s again to sync it (%s); its commits sync in place", path,
                  s && s->dir ? strerror(errno) : "out of memory");
        if (s)
            free(s->dir);
        free(s);
        return NULL;
    }
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->done, NULL);
    s->refs = 1;
    s->written = 1;
    return s;
}

/* A log's close: the gathered appends are written first, and its database forgets it. */
static int wal_close(sqlite3_file *file)
{
    struct gathered_file *f = (struct gathered_file *)file;
    int rc = gathered_flush(f);
    free(f->buf);
    f->buf = NULL;
    if (f->main)
        f->main->wal = NULL;
    log_sync_release(f->sync);
    f->sync = NULL;
    int closed = f->real->pMethods->xClose(f->real);
    return rc != SQLITE_OK ? rc : closed;
}

/* Each of the log's other methods writes the gathered appends first, so it sees the file as
   SQLite wrote it. */
static int wal_read(sqlite3_file *file, void *data, int amt, sqlite3_int64 off)
{
    struct gathered_file *f = (struct gathered_file *)file;
    int rc = gathered_flush(f);
    return rc != SQLITE_OK ? rc : f->real->pMethods->xRead(f->real, data, amt, off);
}

static int wal_truncate(sqlite3_file *file, sqlite3_int64 size)
{
    struct gathered_file *f = (struct gathered_file *)file;
    int rc = gathered_flush(f);
    return rc != SQLITE_OK ? rc : f->real->pMethods->xTruncate(f->real, size);
}

static int wal_sync(sqlite3_file *file, int flags)
{
    struct gathered_file *f = (struct gathered_file *)file;
    int rc = gathered_flush(f);
    return rc != SQLITE_OK ? rc : f->real->pMethods->xSync(f->real, flags);
}

static int wal_file_size(sqlite3_file *file, sqlite3_int64 *size)
{
    struct gathered_file *f = (struct gathered_file *)file;
    int rc = gathered_flush(f);
    return rc != SQLITE_OK ? rc : f->real->pMethods->xFileSize(f->real, size);
}

static int wal_file_control(sqlite3_file *file, int op, void *arg)
{
    struct gathered_file *f = (struct gathered_file *)file;
    int rc = gathered_flush(f);
    return rc != SQLITE_OK ? rc : f->real->pMethods->xFileControl(f->real, op, arg);
}

/* ---- the methods every file passes on to the system's file as they are ------------------- */

#define REAL(file) (((struct gathered_file *)(file))->real)

static int plain_close(sqlite3_file *file)
{
    return REAL(file)->pMethods->xClose(REAL(file));
}

static int plain_read(sqlite3_file *file, void *data, int amt, sqlite3_int64 off)
{
    return REAL(file)->pMethods->xRead(REAL(file), data, amt, off);
}

static int plain_write(sqlite3_file *file, const void *data, int amt, sqlite3_int64 off)
{
    return REAL(file)->pMethods->xWrite(REAL(file), data, amt, off);
}

static int plain_truncate(sqlite3_file *file, sqlite3_int64 size)
{
    return REAL(file)->pMethods->xTruncate(REAL(file), size);
}

static int plain_sync(sqlite3_file *file, int flags)
{
    return REAL(file)->pMethods->xSync(REAL(file), flags);
}

static int plain_file_size(sqlite3_file *file, sqlite3_int64 *size)
{
    return REAL(file)->pMethods->xFileSize(REAL(file), size);
}

static int plain_lock(sqlite3_file *file, int level)
{
    return REAL(file)->pMethods->xLock(REAL(file), level);
}

static int plain_unlock(sqlite3_file *file, int level)
{
    return REAL(file)->pMethods->xUnlock(REAL(file), level);
}

static int plain_check_reserved_lock(sqlite3_file *file, int *out)
{
    return REAL(file)->pMethods->xCheckReservedLock(REAL(file), out);
}

static int plain_file_control(sqlite3_file *file, int op, void *arg)
{
    return REAL(file)->pMethods->xFileControl(REAL(file), op, arg);
}

static int plain_sector_size(sqlite3_file *file)
{
    return REAL(file)->pMethods->xSectorSize(REAL(file));
}

static int plain_device_characteristics(sqlite3_file *file)
{
    return REAL(file)->pMethods->xDeviceCharacteristics(REAL(file));
}

static int plain_shm_map(sqlite3_file *file, int region, int size, int extend, void volatile **out)
{
    return REAL(file)->pMethods->xShmMap(REAL(file), region, size, extend, out);
}

static int plain_shm_lock(sqlite3_file *file, int offset, int n, int flags)
{
    return REAL(file)->pMethods->xShmLock(REAL(file), offset, n, flags);
}

static void plain_shm_barrier(sqlite3_file *file)
{
    REAL(file)->pMethods->xShmBarrier(REAL(file));
}

static int plain_shm_unmap(sqlite3_file *file, int delete_flag)
{
    return REAL(file)->pMethods->xShmUnmap(REAL(file), delete_flag);
}

static int plain_fetch(sqlite3_file *file, sqlite3_int64 off, int amt, void **out)
{
    return REAL(file)->pMethods->xFetch(REAL(file), off, amt, out);
}

static int plain_unfetch(sqlite3_file *file, sqlite3_int64 off, void *page)
{
    return REAL(file)->pMethods->xUnfetch(REAL(file), off, page);
}

/* A database's close: it leaves the list (its log, closed before it, has let go of it already). */
static int main_close(sqlite3_file *file)
{
    struct gathered_file *f = (struct gathered_file *)file;
    pthread_mutex_lock(&databases_lock);
    for (struct gathered_file **p = &databases; *p; p = &(*p)->next)
        if (*p == f) {
            *p = f->next;
            break;
        }
    pthread_mutex_unlock(&databases_lock);
    if (f->wal)
        f->wal->main = NULL;
    return plain_close(file);
}

/* A database's shared-memory lock: before any lock is let go (the log's write lock after a commit
   or a rollback among them), its log's gathered appends are written, while this connection still
   holds the lock. */
static int main_shm_lock(sqlite3_file *file, int offset, int n, int flags)
{
    struct gathered_file *f = (struct gathered_file *)file;
    int rc = (flags & SQLITE_SHM_UNLOCK) ? gathered_flush(f->wal) : SQLITE_OK;
    int locked = plain_shm_lock(file, offset, n, flags);
    return rc != SQLITE_OK ? rc : locked;
}

/* A database's shared-memory barrier, which SQLite passes before it publishes a commit in the log's
   index: the log's gathered appends are written first, so no connection reads a frame not in the file. */
static void main_shm_barrier(sqlite3_file *file)
{
    gathered_flush(((struct gathered_file *)file)->wal);
    plain_shm_barrier(file);
}

/* Version 3 methods; a system file of an older version is refused at open (the system's unix
   layer gives version 3). */
static const sqlite3_io_methods plain_methods = {
    3, plain_close, plain_read, plain_write, plain_truncate, plain_sync, plain_file_size, plain_lock, plain_unlock,
    plain_check_reserved_lock, plain_file_control, plain_sector_size, plain_device_characteristics, plain_shm_map,
    plain_shm_lock, plain_shm_barrier, plain_shm_unmap, plain_fetch, plain_unfetch};

static const sqlite3_io_methods main_methods = {
    3, main_close, plain_read, plain_write, plain_truncate, plain_sync, plain_file_size, plain_lock, plain_unlock,
    plain_check_reserved_lock, plain_file_control, plain_sector_size, plain_device_characteristics, plain_shm_map,
    main_shm_lock, main_shm_barrier, plain_shm_unmap, plain_fetch, plain_unfetch};

static const sqlite3_io_methods wal_methods = {
    3, wal_close, wal_read, wal_write, wal_truncate, wal_sync, wal_file_size, plain_lock, plain_unlock,
    plain_check_reserved_lock, wal_file_control, plain_sector_size, plain_device_characteristics, plain_shm_map,
    plain_shm_lock, plain_shm_barrier, plain_shm_unmap, plain_fetch, plain_unfetch};

/* Opens the system's file right after the struct and puts this layer's methods in front of it. */
static int gathered_open(sqlite3_vfs *self, const char *name, sqlite3_file *file, int flags, int *out_flags)
{
    (void)self;
    struct gathered_file *f = (struct gathered_file *)file;
    memset(f, 0, sizeof *f);
    f->real = (sqlite3_file *)(f + 1);
    int rc = parent->xOpen(parent, name, f->real, flags, out_flags);
    if (rc != SQLITE_OK)
        return rc; /* base.pMethods stays NULL: SQLite does not close it */
    if (!f->real->pMethods || f->real->pMethods->iVersion < 3) {
        if (f->real->pMethods)
            f->real->pMethods->xClose(f->real);
        return SQLITE_CANTOPEN;
    }
    if ((flags & SQLITE_OPEN_MAIN_DB) && name) {
        f->name = name;
        f->base.pMethods = &main_methods;
        pthread_mutex_lock(&databases_lock);
        f->next = databases;
        databases = f;
        pthread_mutex_unlock(&databases_lock);
    } else if (flags & SQLITE_OPEN_WAL) {
        /* the log's name leads back to the very name its database was opened by */
        const char *db = sqlite3_filename_database(name);
        pthread_mutex_lock(&databases_lock);
        for (struct gathered_file *m = databases; m && !f->main; m = m->next)
            if (m->name == db) {
                f->main = m;
                m->wal = f;
            }
        pthread_mutex_unlock(&databases_lock);
        f->path = name;
        f->base.pMethods = &wal_methods;
    } else {
        f->base.pMethods = &plain_methods;
    }
    return SQLITE_OK;
}

/* ---- a commit's sync after its writer has gone on ------------------------------------------ */

int wal_vfs_commit_mark(sqlite3 *h, struct wal_vfs_mark *mark)
{
    mark->sync = NULL;
    mark->written = 0;
    sqlite3_file *log = NULL;
    if (sqlite3_file_control(h, "main", SQLITE_FCNTL_JOURNAL_POINTER, &log) != SQLITE_OK || !log ||
        log->pMethods != &wal_methods)
        return SQLITE_NOTFOUND;
    struct gathered_file *f = (struct gathered_file *)log;
    int rc = gathered_flush(f);
    if (rc != SQLITE_OK)
        return rc;
    if (!f->sync && f->path) {
        f->sync = log_sync_new(f->path);
        if (!f->sync)
            f->path = NULL; /* tried once: its commits sync in place from now on */
    }
    if (!f->sync) /* the log cannot be synced from another thread: synced now, as synchronous=FULL would */
        return wal_sync(log, SQLITE_SYNC_NORMAL);
    pthread_mutex_lock(&f->sync->lock);
    f->sync->refs++;
    pthread_mutex_unlock(&f->sync->lock);
    mark->sync = f->sync;
    mark->written = __atomic_load_n(&f->sync->written, __ATOMIC_ACQUIRE);
    return SQLITE_OK;
}

/* Syncs the log's data, and the first time its directory, which holds the log's name. The
   directory is synced as SQLite syncs it: a directory that cannot be opened or synced (some file
   systems refuse) is passed over. 0, or the errno of the failed sync of the log. Called by the one
   thread syncing the log. */
static int sync_log_file(struct log_sync *s)
{
    if (fdatasync(s->fd) != 0)
        return errno;
    if (!s->dir_synced) {
        s->dir_synced = 1;
        int dir = open(s->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dir >= 0) {
            fsync(dir);
            close(dir);
        }
    }
    return 0;
}

void wal_vfs_mark_release(struct wal_vfs_mark *mark)
{
    log_sync_release(mark->sync);
    mark->sync = NULL;
}

int wal_vfs_commit_sync(struct wal_vfs_mark *mark)
{
    struct log_sync *s = mark->sync;
    if (!s)
        return SQLITE_OK;
    int rc = SQLITE_OK;
    pthread_mutex_lock(&s->lock);
    while (rc == SQLITE_OK && s->synced < mark->written) {
        if (s->broken) {
            rc = SQLITE_IOERR_FSYNC;
        } else if (s->syncing) {
            pthread_cond_wait(&s->done, &s->lock);
        } else {
            /* this thread syncs for every commit written so far, its own and those after it */
            s->syncing = 1;
            uint64_t through = __atomic_load_n(&s->written, __ATOMIC_ACQUIRE);
            pthread_mutex_unlock(&s->lock);
            int err = sync_log_file(s);
            pthread_mutex_lock(&s->lock);
            s->syncing = 0;
            if (err) {
                s->broken = 1;
                log_error("db: the log's sync failed, this commit and every later one are not confirmed: %s", strerror(err));
            } else {
                s->synced = through;
            }
            pthread_cond_broadcast(&s->done);
        }
    }
    pthread_mutex_unlock(&s->lock);
    wal_vfs_mark_release(mark);
    return rc;
}

/* ---- the file layer's other calls, passed on to the system's ------------------------------ */

static int vfs_delete(sqlite3_vfs *self, const char *name, int sync_dir)
{
    (void)self;
    return parent->xDelete(parent, name, sync_dir);
}

static int vfs_access(sqlite3_vfs *self, const char *name, int flags, int *out)
{
    (void)self;
    return parent->xAccess(parent, name, flags, out);
}

static int vfs_full_pathname(sqlite3_vfs *self, const char *name, int n, char *out)
{
    (void)self;
    return parent->xFullPathname(parent, name, n, out);
}

static void *vfs_dl_open(sqlite3_vfs *self, const char *name)
{
    (void)self;
    return parent->xDlOpen(parent, name);
}

static void vfs_dl_error(sqlite3_vfs *self, int n, char *out)
{
    (void)self;
    parent->xDlError(parent, n, out);
}

static void (*vfs_dl_sym(sqlite3_vfs *self, void *lib, const char *symbol))(void)
{
    (void)self;
    return parent->xDlSym(parent, lib, symbol);
}

static void vfs_dl_close(sqlite3_vfs *self, void *lib)
{
    (void)self;
    parent->xDlClose(parent, lib);
}

static int vfs_randomness(sqlite3_vfs *self, int n, char *out)
{
    (void)self;
    return parent->xRandomness(parent, n, out);
}

static int vfs_sleep(sqlite3_vfs *self, int microseconds)
{
    (void)self;
    return parent->xSleep(parent, microseconds);
}

static int vfs_current_time(sqlite3_vfs *self, double *out)
{
    (void)self;
    return parent->xCurrentTime(parent, out);
}

static int vfs_last_error(sqlite3_vfs *self, int n, char *out)
{
    (void)self;
    return parent->xGetLastError(parent, n, out);
}

static int vfs_current_time_int64(sqlite3_vfs *self, sqlite3_int64 *out)
{
    (void)self;
    return parent->xCurrentTimeInt64(parent, out);
}

static pthread_once_t register_once = PTHREAD_ONCE_INIT;
static int registered = SQLITE_ERROR; /* the registration's result */

/* Registers this layer on top of the default one (once). */
static void register_layer(void)
{
    sqlite3_vfs *sys = sqlite3_vfs_find(NULL);
    if (!sys || sys->iVersion < 2 || !sys->xCurrentTimeInt64)
        return;
    parent = sys;
    vfs = (sqlite3_vfs){.iVersion = 2,
                        .szOsFile = (int)sizeof(struct gathered_file) + sys->szOsFile,
                        .mxPathname = sys->mxPathname,
                        .zName = WAL_VFS_NAME,
                        .xOpen = gathered_open,
                        .xDelete = vfs_delete,
                        .xAccess = vfs_access,
                        .xFullPathname = vfs_full_pathname,
                        .xDlOpen = sys->xDlOpen ? vfs_dl_open : NULL,
                        .xDlError = sys->xDlError ? vfs_dl_error : NULL,
                        .xDlSym = sys->xDlSym ? vfs_dl_sym : NULL,
                        .xDlClose = sys->xDlClose ? vfs_dl_close : NULL,
                        .xRandomness = vfs_randomness,
                        .xSleep = vfs_sleep,
                        .xCurrentTime = vfs_current_time,
                        .xGetLastError = vfs_last_error,
                        .xCurrentTimeInt64 = vfs_current_time_int64};
    registered = sqlite3_vfs_register(&vfs, 0);
}

int wal_vfs_register(void)
{
    return pthread_once(&register_once, register_layer) == 0 ? registered : SQLITE_ERROR;
}
