/*
 * loan.h: loan applications (贷款申请) from intake to the end of the joint review: eligibility,
 * the document checklist, A/B handlers, submission with a working-day deadline, review rounds
 * (one opinion per department per round), reading and listing. Scoped to the actor's unit;
 * every transition is one transaction with its audit record.
 */
#ifndef BANGFU_LOAN_H
#define BANGFU_LOAN_H
#include <jansson.h>
#include <stdint.h>

#include "date.h"
#include "db.h"
#include "db_row.h"
#include "err.h"
#include "keyset.h"
#include "loan_requested.h"
#include "borrower.h"
#include "loan_rules.h"
#include "product_rules.h"
#include "user.h"
#include "text.h"

struct loan_input {
    int64_t household_id;
    int64_t amount_fen;
    int64_t term_months;
    const char *project_type;
    const char *project_name;
    const char *business_plan_md;
    int64_t expected_jobs;
    int64_t expected_income_fen;
    int64_t product_id;      /* 0: the default product (create) or the one it has (edit) */
    int64_t organisation_id; /* an organisation's application (create only); household_id is then 0 */
};

/* Registers an application after the eligibility checks (policy compliance, no open application,
   no programme loan overdue or in default). The actor becomes its handler (A角).
   Returns the id or -1 with e filled (422 with field, 409 not eligible). */
int64_t loan_create(struct db *db, const struct user_ctx *actor, const struct loan_input *in, struct date today,
                    struct err *e);
/* Edits an application before it is submitted (draft, or back for more information): the same
   checks as loan_create; audited with the fields before and after. 409 invalid_state otherwise; a
   refusal changes nothing. */
int loan_update(struct db *db, const struct user_ctx *actor, int64_t id, const struct loan_input *in, struct err *e);
/* The documents (bit per enum loan_doc) the application's product requires before review (all
   seven when the product cannot be read). */
unsigned loan_required_documents(struct db *db, int64_t id);
/* Sets documents received (bit per enum loan_doc in `received`, for those in `given`). */
int loan_set_documents(struct db *db, const struct user_ctx *actor, int64_t id, unsigned given, unsigned received,
                       struct err *e);
/* Assigns the backup handler (B角): an association user in scope; 0 clears it. */
int loan_set_backup(struct db *db, const struct user_ctx *actor, int64_t id, int64_t user_id, struct err *e);
/* Submits to the joint review: first records the documents in given as received or not (bits of
   received; given 0 changes none), then refuses 422 missing_documents (e->message lists them,
   nothing recorded); starts a new round with the active departments, due after the configured
   working days. */
int loan_submit(struct db *db, const struct user_ctx *actor, int64_t id, unsigned given, unsigned received,
                struct date today, struct err *e);
/* Withdraws (撤回) an application before its decision (draft, in review, more info) with a reason
   of 1..LOAN_WITHDRAW_REASON_MAX_CHARS characters; audited. The household may then apply again.
   409 invalid_state otherwise, 422 invalid_reason; a refusal changes nothing. */
#define LOAN_WITHDRAW_REASON_MAX_CHARS 200
#define LOAN_WITHDRAW_REASON_SIZE TEXT_SIZE(LOAN_WITHDRAW_REASON_MAX_CHARS)
int loan_withdraw(struct db *db, const struct user_ctx *actor, int64_t id, const char *reason, struct err *e);
/* Checks an opinion before it is recorded (also before a page asks to confirm it): a known
   decision, a reason for 不同意 or 补充材料, other documents (requested) only with 补充材料. 0, or -1
   with 422 invalid_decision / invalid_comment / requested_needs_more_info. */
int loan_review_check(const char *decision, const char *comment, const char *requested, struct err *e);
/* Records the actor's department's opinion for the current round (once). 409 already_reviewed
   when the department has spoken; the round's outcome moves the state. `requested` (NULL or "")
   names documents beyond the fixed seven that the department asks for, only with more_info
   (422 requested_needs_more_info otherwise); they are recorded (loan_requested.h) in the same
   transaction and audited with the opinion. */
int loan_review(struct db *db, const struct user_ctx *actor, int64_t id, const char *decision, const char *comment,
                const char *requested, struct err *e);
/* Marks a document a department asked for as received (1) or not (0) (audited); 404 for an id
   that is not the application's; 422 invalid_received for any other value (checked after the
   scope, so an application out of scope is 403/404 whatever the body). Allowed when the documents
   may be edited. */
int loan_set_requested(struct db *db, const struct user_ctx *actor, int64_t id, int64_t requested_id, int received,
                       struct err *e);

/* One department's opinion in one round ("" decision when it has not spoken). */
#define LOAN_REVIEW_ROW(X, _)                                                                                           \
    X("rd.round", INT, round) _ X("rd.department_id", INT64, department_id) _                                           \
        X("d.name", TEXT(NAME_SIZE), department) _ X("coalesce(r.decision, '')", TEXT(CODE_SIZE), decision) _         \
        X("coalesce(r.comment, '')", TEXT(COMMENT_SIZE), comment) _                                                     \
        X("coalesce(u.name, '')", TEXT(NAME_SIZE), reviewer) _ X("coalesce(r.at, '')", TIME, at)
struct loan_review_row {
    DB_ROW_FIELDS(LOAN_REVIEW_ROW)
};

#define LOAN_MAX_REVIEWS 64
/* An application with its applicant (the head of household), village, township and handlers. */
#define LOAN_APP_ROW(X, _)                                                                                              \
    X("a.id", INT64, id) _ X("a.household_id", INT64, household_id) _ X(BORROWER_NAME, TEXT(NAME_SIZE), applicant) _ \
        X("hm.phone", TEXT(PHONE_SIZE), applicant_phone) _                                                             \
        X("hm.id_number", TEXT(ID_NUMBER_SIZE), applicant_id_number) _ X("v.id", INT64, village_id) _                 \
        X("v.name", TEXT(NAME_SIZE), village) _ X("t.name", TEXT(NAME_SIZE), township) _                              \
        X("t.id", INT64, township_id) _ X("a.state", ENUM(enum loan_state, loan_state_parse), state) _               \
        X("a.amount_fen", MONEY, amount_fen) _ X("a.term_months", INT, term_months) _                                 \
        X("a.project_type", ENUM(enum project_type, project_type_parse), project_type) _                              \
        X("a.project_name", TEXT(PROJECT_NAME_SIZE), project_name) _                                                   \
        X("a.business_plan_md", STR, business_plan_md) /* malloc'd: loan_app_free */ _                                 \
        X("a.expected_jobs", INT64, expected_jobs) _ X("a.expected_income_fen", MONEY, expected_income_fen) _         \
        X("a.handler_id", INT64, handler_id) _ X("hu.name", TEXT(NAME_SIZE), handler) _                               \
        X("hu.phone", TEXT(PHONE_SIZE), handler_phone) _                                                               \
        X("coalesce(a.backup_handler_id, 0)", INT64, backup_handler_id) _                                              \
        X("coalesce(bu.name, '')", TEXT(NAME_SIZE), backup_handler) _ X("a.round", INT, round) _                     \
        X("coalesce(a.submitted_on, '')", DATE, submitted_on) _ X("coalesce(a.review_due_on, '')", DATE, review_due_on) _ \
        X("coalesce(a.decided_on, '')", DATE, decided_on) _ X("a.created_at", TIME, created_at) _                     \
        X("coalesce(a.withdrawn_reason, '')", TEXT(LOAN_WITHDRAW_REASON_SIZE), withdrawn_reason) _                  \
        X("coalesce(a.organisation_id, 0)", INT64, organisation_id) _ X("a.product_id", INT64, product_id) _         \
        X("p.name", TEXT(NAME_SIZE), product)
struct loan_app {
    DB_ROW_FIELDS(LOAN_APP_ROW)
    unsigned documents; /* bit per enum loan_doc received */
    unsigned required;  /* bit per enum loan_doc the product requires */
    int nreviews;
    struct loan_review_row reviews[LOAN_MAX_REVIEWS]; /* every round, the current one with pending rows */
    int nrequested;
    struct loan_requested_doc requested[LOAN_MAX_REQUESTED];
};

/* Loads an application in the actor's scope (404/403 otherwise). Free with loan_app_free. */
int loan_get(struct db *db, const struct user_ctx *actor, int64_t id, struct loan_app *out, struct err *e);
void loan_app_free(struct loan_app *a);
/* 1 if the review deadline has passed (in review, due date before today). */
int loan_review_late(const struct loan_app *a, struct date today);
/* The application as API JSON (new reference); `late` computed against today. */
json_t *loan_json(const struct loan_app *a, struct date today);

struct loan_filter {
    int state;          /* -1 = any */
    int late_only;      /* in review past the deadline */
    int64_t department; /* waiting for this department's opinion (reviewer queue); 0 = any */
    int64_t household_id;    /* one household's own applications (not as an organisation's representative); 0 = any */
    int64_t organisation_id; /* one organisation's applications; 0 = any */
    int64_t village_id;      /* one village's; 0 = any */
    struct date from, to;    /* submitted between (inclusive); {0} = open */
    int limit, offset;       /* without page: the rows and where they start (OFFSET walks the rows before) */
    struct keyset *page;     /* NULL, or the keyset page (keyset.h; limit and offset then come from it) */
};

/* One line of an application list. */
#define LOAN_LIST_ROW(X, _)                                                                                             \
    X("a.id", INT64, id) _ X(BORROWER_NAME, TEXT(NAME_SIZE), applicant) _ X("v.name", TEXT(NAME_SIZE), village) _    \
        X("a.state", ENUM(enum loan_state, loan_state_parse), state) _ X("a.amount_fen", MONEY, amount_fen) _         \
        X("a.term_months", INT, term_months) _                                                                          \
        X("a.project_type", ENUM(enum project_type, project_type_parse), project_type) _                              \
        X("a.project_name", TEXT(PROJECT_NAME_SIZE), project_name) _                                                   \
        X("coalesce(a.submitted_on, '')", DATE, submitted_on) _                                                         \
        X("coalesce(a.review_due_on, '')", DATE, review_due_on) _ X("u.name", TEXT(NAME_SIZE), handler) _            \
        X("coalesce((SELECT id FROM loans WHERE application_id = a.id), 0)", INT64, loan_id) /* 0: not disbursed */ _ \
        X("coalesce(a.organisation_id, 0)", INT64, organisation_id) _ X("a.product_id", INT64, product_id)
struct loan_row {
    DB_ROW_FIELDS(LOAN_LIST_ROW)
};

/* Lists applications in scope, oldest deadline first for queues, newest first otherwise: a keyset
   page (f->page, filled as keyset.h says, with the previous page's start) or limit rows from offset.
   Returns the total (every page) or -1. */
int64_t loan_list(struct db *db, const struct user_ctx *actor, const struct loan_filter *f, struct date today,
                  void (*fn)(const struct loan_row *, void *), void *ctx, struct err *e);
/* The number of applications the filter matches (every page) and the sum of their amounts. 0 or -1 with e. */
int loan_list_totals(struct db *db, const struct user_ctx *actor, const struct loan_filter *f, struct date today,
                     int64_t *count, int64_t *amount_fen, struct err *e);

#endif
