/*
 * unit.h: the district → township → village hierarchy. Each unit stores its path of ancestor
 * ids ('/1/2/7/'), so "unit X is within the user's scope" is a prefix test on the path.
 */
#ifndef BANGFU_UNIT_H
#define BANGFU_UNIT_H
#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "err.h"
#include "user_ctx.h"
#include "text.h"

struct unit {
    int64_t id;
    char name[NAME_SIZE];
    char kind[16]; /* district, township, village */
    int64_t parent_id;
    char path[160];
    char parent_name[NAME_SIZE];
    char phone[32];    /* the office's phone, printed on notices */
    char address[128]; /* the office's address */
};

/* Loads a unit. Returns 0, or -1 when there is none. */
int unit_get(struct db *db, int64_t id, struct unit *out);
/* Loads a unit and whether it lies within scope_path (*in_scope 1 or 0). Returns 0, or -1 when
   there is none. */
int unit_get_in_scope(struct db *db, int64_t id, const char *scope_path, struct unit *out, int *in_scope);
/* Creates a unit under parent (township under a district, village under a township; a district
   has no parent). Returns the id or -1 with e filled. Audited. */
int64_t unit_create(struct db *db, const struct user_ctx *actor, const char *name, const char *kind,
                    int64_t parent_id, struct err *e);
/* Calls fn for every unit within scope_path (kind NULL = all kinds), in tree order.
   Returns the count or -1. */
int unit_list(struct db *db, const char *scope_path, const char *kind, void (*fn)(const struct unit *, void *),
              void *ctx);
/* The township that contains a unit (itself if a township); 0 when none (the district). */
int64_t unit_township_of(struct db *db, int64_t unit_id);

/* A township's short name for document numbers: the name without a final 镇, 乡 or 街道
   (西集镇 → 西集). Returns out. */
char *unit_short_name(const char *name, char *out, size_t n);
#endif
