/*
 * organisation.h: cooperatives and demonstration bases (合作社, 示范基地) that borrow for the
 * villages they lead: name, kind, 统一社会信用代码 (GB 32100 check character), legal representative
 * (a member of a household of the organisation's village), member households from the registry
 * and the jobs created. Scoped by the organisation's village like a household; audited.
 */
#ifndef BANGFU_ORGANISATION_H
#define BANGFU_ORGANISATION_H
#include <jansson.h>
#include <stdint.h>

#include "credit_code.h"
#include "db.h"
#include "db_row.h"
#include "err.h"
#include "text.h"
#include "user_ctx.h"

#define ORG_NAME_MAX_CHARS NAME_MAX_CHARS /* shown wherever a borrower's name is */
#define ORG_NAME_SIZE NAME_SIZE
#define ORG_MAX_MEMBERS 200 /* member households an organisation lists */
#define ORG_JOBS_MAX 100000

enum org_kind { ORG_COOPERATIVE, ORG_DEMONSTRATION_BASE, ORG__MAX };
const char *org_kind_code(int k); /* "cooperative", "demonstration_base" */
const char *org_kind_name(int k); /* 合作社, 示范基地 */
int org_kind_parse(const char *code);

struct organisation_input {
    const char *name, *kind, *credit_code;
    int64_t legal_rep_member_id, village_id, jobs_created;
    int nmembers;
    int64_t members[ORG_MAX_MEMBERS]; /* household ids */
};

/* Registers an organisation. 422 invalid_name / invalid_kind / invalid_credit_code /
   invalid_village / invalid_legal_rep (not a member of a household of the village) /
   invalid_members / invalid_jobs; 403 out_of_scope (village or a member household);
   409 duplicate_credit_code. Returns the id or -1 with e filled; a refusal changes nothing. */
int64_t organisation_create(struct db *db, const struct user_ctx *actor, const struct organisation_input *in,
                            struct err *e);

/* The member whose resident ID is id_number (as typed: trimmed, x as X), for the form that names
   the legal representative by ID; 0 when none is registered. */
int64_t organisation_member_by_id_number(struct db *db, const char *id_number);

/* An organisation with its village and legal representative. */
#define ORGANISATION_ROW(X, _)                                                                                        \
    X("o.id", INT64, id) _ X("o.name", TEXT(ORG_NAME_SIZE), name) _                                                  \
        X("o.kind", ENUM(enum org_kind, org_kind_parse), kind) _                                                     \
        X("o.credit_code", TEXT(CREDIT_CODE_SIZE), credit_code) _ X("o.village_id", INT64, village_id) _             \
        X("v.name", TEXT(NAME_SIZE), village) _ X("o.legal_rep_member_id", INT64, legal_rep_member_id) _             \
        X("rep.name", TEXT(NAME_SIZE), legal_rep) _ X("rep.household_id", INT64, legal_rep_household_id) _          \
        X("o.jobs_created", INT64, jobs_created) _                                                                    \
        X("(SELECT count(*) FROM organisation_members om WHERE om.organisation_id = o.id)", INT, nmembers)
struct organisation {
    DB_ROW_FIELDS(ORGANISATION_ROW)
};
/* A member household: its id, head and village. */
#define ORG_MEMBER_ROW(X, _)                                                                                          \
    X("h.id", INT64, household_id) _ X("hm.name", TEXT(NAME_SIZE), head) _ X("v.name", TEXT(NAME_SIZE), village)
struct org_member {
    DB_ROW_FIELDS(ORG_MEMBER_ROW)
};

/* Loads an organisation in the actor's scope (404 / 403). */
int organisation_get(struct db *db, const struct user_ctx *actor, int64_t id, struct organisation *out,
                     struct err *e);
/* Calls fn for each member household of the organisation (already checked in scope). Returns the
   count or -1 with e filled. */
int organisation_members(struct db *db, int64_t id, void (*fn)(const struct org_member *, void *), void *ctx,
                         struct err *e);
/* Lists organisations in scope (village_id 0: all), by village and name, a page of limit from
   offset. Returns the total or -1 with e filled. */
int64_t organisation_list(struct db *db, const struct user_ctx *actor, int64_t village_id, int limit, int offset,
                          void (*fn)(const struct organisation *, void *), void *ctx, struct err *e);
/* The organisation as API JSON (new reference). */
json_t *organisation_json(const struct organisation *o);

#endif
