/* loan_more_info.h: the requests for more material (补充材料) waiting with the handlers: the
   applications sent back by a department in their current round, with the department's reason. */
#ifndef BANGFU_LOAN_MORE_INFO_H
#define BANGFU_LOAN_MORE_INFO_H
#include <stdint.h>

#include "db.h"
#include "text.h"
#include "user.h"

struct loan_more_info {
    int64_t id; /* the application */
    char applicant[NAME_SIZE];
    char department[NAME_SIZE];
    char reviewer[NAME_SIZE];
    char comment[COMMENT_SIZE];
};

/* Calls fn for each request of the current round of an application waiting for more material in
   the actor's scope (at most limit), oldest application first. Returns the number listed, or -1. */
int loan_more_info_list(struct db *db, const struct user_ctx *actor, int limit,
                        void (*fn)(const struct loan_more_info *, void *), void *ctx);

#endif
