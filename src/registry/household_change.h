/*
 * household_change.h: maker-checker for the sensitive household categories (计生特殊家庭-失独, -伤残).
 * Adding one to a household makes it eligible for those families' relief, so the change is kept
 * waiting, with the uploaded document that proves it, until a second person (never its maker)
 * approves it; only then is the category linked, and until then the registry and every relief rule
 * see the old categories. A rejection keeps its reason and changes nothing. All in the actor's scope,
 * each step audited.
 */
#ifndef BANGFU_HOUSEHOLD_CHANGE_H
#define BANGFU_HOUSEHOLD_CHANGE_H
#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "db_row.h"
#include "doc_file.h"
#include "err.h"
#include "household.h"
#include "user_ctx.h"

/* An uploaded file (name as uploaded, bytes); all NULL/0 when none was sent. */
struct hh_upload {
    const char *name;
    const unsigned char *data;
    size_t len;
};

/* Saves a household's edit form (household_update): the other changes at once; a sensitive category
   not yet on the household waits for approval with the document (422 on field "document":
   `document_required` or doc_file_check's codes; 409 `change_pending` when one already waits).
   Returns the waiting change's id, 0 when everything took effect, -1 with e (nothing written). */
int64_t household_change_update(struct db *db, const struct user_ctx *actor, int64_t household_id,
                                const struct household_changes *c, const struct hh_upload *doc, struct err *e);
/* Asks for the sensitive categories add (bits of enum hh_category) on a household, the rest kept:
   422 `invalid_category` when add is empty, holds a category that is not sensitive or one the
   household has. Returns the change id or -1 as household_change_update. */
int64_t household_change_propose(struct db *db, const struct user_ctx *actor, int64_t household_id, unsigned add,
                                 const struct hh_upload *doc, struct err *e);
/* Registers a new household inside the caller's transaction (household_create, the CSV import) as
   household_insert does, but the sensitive categories it claims are not linked: they wait as one
   pending change without a document yet (audited propose_category, made by the actor). Returns the
   household's id or -1. */
int64_t household_change_register(struct db *db, const struct user_ctx *actor, const struct household_input *in);
/* Validates and registers a household (household_change_register) in one transaction with its audit
   record. Returns the new id or -1 with e filled; nothing is written on failure. */
int64_t household_create(struct db *db, const struct user_ctx *actor, const struct household_input *in,
                         struct date today, struct err *e);
/* Uploads the document of a waiting change that has none (a claim made at registration): 409
   `already_decided` or `document_present`, 422 on field "document" `document_required` or
   doc_file_check's codes, 404/403 out of sight. Anyone who may propose may attach; the approver must
   still be someone other than the change's maker. 0, or -1 with e (nothing written). Audited. */
int household_change_attach(struct db *db, const struct user_ctx *actor, int64_t change_id, const struct hh_upload *doc,
                            struct err *e);
/* Approves (approve = 1: the categories are linked) or rejects (reason 1..200 characters required,
   422 `reason_required`) a waiting change, as a person other than its maker: 403 `same_person` for
   the maker, 404/403 out of sight, 409 `already_decided`, and for an approval 409 `document_missing`
   while the change has no document yet. The reason of an approval is optional.
   0, or -1 with e; a refusal changes nothing. */
int household_change_decide(struct db *db, const struct user_ctx *actor, int64_t change_id, int approve,
                            const char *reason, struct err *e);

/* A change with its household, maker and decision. */
#define HH_CHANGE_ROW(X, _)                                                                                          \
    X("c.id", INT64, id) _ X("c.household_id", INT64, household_id) _ X("hm.name", TEXT(NAME_SIZE), head_name) _ \
        X("v.name", TEXT(NAME_SIZE), village_name) _                                                              \
        X("c.categories", ENUM(unsigned, hh_category_set_parse), categories) _                                     \
        X("c.doc_name", TEXT(DOC_FILE_NAME_SIZE), doc_name) _ X("c.doc_kind", TEXT(8), doc_kind) _                 \
        X("c.doc_size", INT64, doc_size) _ X("c.made_by", INT64, made_by) _ X("mu.name", TEXT(NAME_SIZE), maker) _ \
        X("c.made_at", TIME, made_at) _ X("c.state", TEXT(CODE_SIZE), state) _                                     \
        X("du.name", TEXT(NAME_SIZE), decider) _ X("c.decided_at", TIME, decided_at) _                             \
        X("c.reason", TEXT(NOTE_SIZE), reason)
struct hh_change {
    DB_ROW_FIELDS(HH_CHANGE_ROW)
};
/* The Chinese word of a change's state (待审批, 已批准, 已驳回). */
const char *hh_change_state_name(const char *state);

/* Which changes a list holds. */
enum hh_change_which { HH_CHANGES_ALL, HH_CHANGES_PENDING, HH_CHANGES_DECIDED };
/* Calls fn for the changes in the actor's scope, newest first: which of them, of one household
   (household_id > 0) or all. Returns the count or -1 with e. */
int household_change_list(struct db *db, const struct user_ctx *actor, enum hh_change_which which, int64_t household_id,
                          void (*fn)(const struct hh_change *, void *), void *ctx, struct err *e);
/* Loads a change in the actor's scope and, when data is not NULL, its document's bytes (malloc'd,
   the caller frees). 0, or -1 with 404/403. */
int household_change_get(struct db *db, const struct user_ctx *actor, int64_t change_id, struct hh_change *out,
                         unsigned char **data, struct err *e);

#endif
