/*
 * loan_requested.h: documents a reviewing department asks for beyond the fixed seven (招商办 asks
 * for a 场地租赁合同). They are named with the opinion that asks for more material, recorded per
 * application (each name once), ticked off by the handler like the fixed ones, listed on the
 * 一次性告知书, and must all be in before the application goes back to review.
 */
#ifndef BANGFU_LOAN_REQUESTED_H
#define BANGFU_LOAN_REQUESTED_H
#include <stdint.h>

#include "db.h"
#include "err.h"
#include "text.h"

#define LOAN_MAX_REQUESTED 16        /* documents reviewers may ask for beyond the fixed seven */
#define LOAN_REQUESTED_MAX_CHARS 40  /* one such document's name */
#define LOAN_REQUESTED_NAME_SIZE (LOAN_REQUESTED_MAX_CHARS * 4 + 1)

/* A document a department asked for (loan_requested.h). */
struct loan_requested_doc {
    int64_t id;
    char name[LOAN_REQUESTED_NAME_SIZE];
    char department[NAME_SIZE];
    int round, received;
};


/* Records the documents named in `names` (separated by 、，, ; or new lines; blanks skipped; a
   name already recorded for the application is kept as it is) as asked for by the department
   in the round. Call inside the review's transaction. Returns how many were new, or -1 with e
   (422 invalid_requested_document for a name over LOAN_REQUESTED_MAX_CHARS characters or with
   control characters; 422 too_many_requested_documents beyond LOAN_MAX_REQUESTED). */
int loan_requested_add(struct db *db, int64_t application_id, int round, int64_t department_id, int64_t user_id,
                       const char *names, struct err *e);
/* Loads the application's requested documents into docs (in the order asked), their number into
   *n. 0 or -1. */
int loan_requested_load(struct db *db, int64_t application_id, struct loan_requested_doc docs[LOAN_MAX_REQUESTED],
                        int *n);
/* The number of requested documents of the application not yet received. */
int loan_requested_missing(struct db *db, int64_t application_id);
#endif
