/*
 * commit_wait.h: answers held until their bookings are on disk, without holding a server thread.
 * A request's commit on the shared writing connection is written to the log but not yet synced
 * (group commit, db.h); instead of waiting in the server thread, the request parks here: its
 * connection is suspended, one thread of this module syncs the log for every parked request at
 * once and resumes them, and libmicrohttpd calls the request's handler again, which sends the
 * answer (or, when the sync failed, an error in its place). The server threads meanwhile serve
 * the next requests, so the two of them keep both cores busy while the disk syncs.
 */
#ifndef BANGFU_COMMIT_WAIT_H
#define BANGFU_COMMIT_WAIT_H
#include "db.h"

/* A request parked until its commit is on disk: filled by the server, the result by this module. */
struct commit_parking {
    void *conn;                  /* struct MHD_Connection *: suspended while parked */
    struct db_unconfirmed commit; /* what awaits its sync: a commit, or a refusal's reads */
    int rc;                      /* once resumed: SQLITE_OK, or the failed sync's code */
    struct commit_parking *next; /* the next parked one (this module's list) */
};

/* Starts the syncing thread. 0, or -1 when it could not be started (requests then wait for their
   syncs in their own threads). */
int commit_wait_start(void);
/* Parks a request (its connection is suspended until p->commit is synced): 0; or -1 when nothing
   is parked any more (stopping, or the thread never started), and the caller waits for the sync
   itself. Called from the access handler of the request's connection. */
int commit_wait_park(struct commit_parking *p);
/* Stops parking, and returns once every parked request has been synced and resumed: the
   daemon may then be stopped (libmicrohttpd must not be stopped with a connection suspended). */
void commit_wait_drain(void);
/* Ends the syncing thread (after commit_wait_drain and the daemon's stop). */
void commit_wait_stop(void);

#endif
