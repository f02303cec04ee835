/* loan_more_info.h: the requests for more material (补充材料) waiting with the handlers: the
   applications sent back by a department in their current round, with the department's reason. */
#ifndef BANGFU_LOAN_MORE_INFO_H
#define BANGFU_LOAN_MORE_INFO_H
#include <stdint.h>

#include "borrower.h"
#include "db.h"
#include "db_row.h"
#include "text.h"
#include "user.h"

/* A request: the application, its applicant, the department and reviewer, and their reason. */
#define LOAN_MORE_INFO_ROW(X, _)                                                                                       \
    X("a.id", INT64, id) _ X(BORROWER_NAME, TEXT(NAME_SIZE), applicant) _ X("d.name", TEXT(NAME_SIZE), department) _      \
        X("u.name", TEXT(NAME_SIZE), reviewer) _ X("r.comment", TEXT(COMMENT_SIZE), comment)
struct loan_more_info {
    DB_ROW_FIELDS(LOAN_MORE_INFO_ROW)
};

/* Calls fn for each request of the current round of an application waiting for more material in
   the actor's scope (at most limit), oldest application first. Returns the number listed, or -1. */
int loan_more_info_list(struct db *db, const struct user_ctx *actor, int limit,
                        void (*fn)(const struct loan_more_info *, void *), void *ctx);

#endif
