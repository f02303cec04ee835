/* fragment_cache.c: short-lived cache of page fragments (see fragment_cache.h). */
#include "fragment_cache.h"
#include "clock.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 64

static struct {
    char key[256];
    char *data;
    size_t len;
    time_t at;
} slots[SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

int fragment_get(const char *key, char **out, size_t *len, time_t *at)
{
    time_t now = clock_now();
    int found = 0;
    pthread_mutex_lock(&lock);
    for (int i = 0; i < SLOTS && !found; i++) {
        if (!slots[i].data || strcmp(slots[i].key, key) != 0 || now - slots[i].at >= FRAGMENT_TTL_SECONDS)
            continue;
        *out = malloc(slots[i].len + 1);
        if (*out) {
            memcpy(*out, slots[i].data, slots[i].len + 1);
            *len = slots[i].len;
            *at = slots[i].at;
            found = 1;
        }
    }
    pthread_mutex_unlock(&lock);
    return found;
}

void fragment_put(const char *key, const char *data, size_t len)
{
    if (strlen(key) >= sizeof slots[0].key)
        return;
    char *copy = malloc(len + 1);
    if (!copy)
        return;
    memcpy(copy, data, len);
    copy[len] = '\0';
    pthread_mutex_lock(&lock);
    int pick = 0;
    for (int i = 0; i < SLOTS; i++) {
        if (slots[i].data && strcmp(slots[i].key, key) == 0) {
            pick = i;
            break;
        }
        if (!slots[i].data || slots[i].at < slots[pick].at)
            pick = i;
    }
    free(slots[pick].data);
    strcpy(slots[pick].key, key);
    slots[pick].data = copy;
    slots[pick].len = len;
    slots[pick].at = clock_now();
    pthread_mutex_unlock(&lock);
}

void fragment_clear(void)
{
    pthread_mutex_lock(&lock);
    for (int i = 0; i < SLOTS; i++) {
        free(slots[i].data);
        slots[i].data = NULL;
    }
    pthread_mutex_unlock(&lock);
}
