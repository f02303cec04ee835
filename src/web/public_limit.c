/* public_limit.c: the in-memory rate limit of public reads (see public_limit.h). */
#include "public_limit.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "clock.h"

#define CLIENT_SIZE 64

/* One client's last reads: a ring of their times (0: unused), next the oldest. */
static struct {
    char client[CLIENT_SIZE];
    time_t at[PUBLIC_READS_PER_MINUTE];
    int next;
    time_t last;
} clients[PUBLIC_LIMIT_CLIENTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* The slot of client, or the least recently seen one claimed for it. Called with the lock held. */
static int slot_of(const char *client)
{
    int pick = 0;
    for (int i = 0; i < PUBLIC_LIMIT_CLIENTS; i++) {
        if (!strcmp(clients[i].client, client))
            return i;
        if (clients[i].last < clients[pick].last)
            pick = i;
    }
    memset(&clients[pick], 0, sizeof clients[pick]);
    snprintf(clients[pick].client, CLIENT_SIZE, "%s", client);
    return pick;
}

int public_limit_take(const char *client, time_t now)
{
    pthread_mutex_lock(&lock);
    int i = slot_of(client);
    time_t oldest = clients[i].at[clients[i].next];
    int ok = !oldest || now - oldest >= 60;
    if (ok) {
        clients[i].at[clients[i].next] = now;
        clients[i].next = (clients[i].next + 1) % PUBLIC_READS_PER_MINUTE;
    }
    clients[i].last = now;
    pthread_mutex_unlock(&lock);
    return ok;
}

int public_limit_refused(struct req *r)
{
    char client[CLIENT_SIZE];
    if (public_limit_take(req_client(r, client, sizeof client), clock_now()))
        return 0;
    reply_fail(r, 429, "too_many_requests", "访问过于频繁，请一分钟后再试");
    return 1;
}
