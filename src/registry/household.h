/*
 * household.h: the registry of family-planning households (计生家庭): head and members with
 * validated resident IDs, categories, policy compliance, village. Every read and write is
 * scoped to the acting user's unit; every write is one transaction with its audit record.
 */
#ifndef BANGFU_HOUSEHOLD_H
#define BANGFU_HOUSEHOLD_H
#include <jansson.h>
#include <stdint.h>

#include "date.h"
#include "db.h"
#include "db_row.h"
#include "err.h"
#include "member_status.h"
#include "user.h"
#include "text.h"

enum hh_category {
    HC_ONE_CHILD,                /* 独生子女家庭 */
    HC_ONLY_DAUGHTER,            /* 独女户 */
    HC_TWO_DAUGHTERS,            /* 双女户 */
    HC_TWO_DAUGHTERS_STERILISED, /* 双女绝育户 */
    HC_SPECIAL_LOST,             /* 计生特殊家庭-失独 (sensitive) */
    HC_SPECIAL_DISABLED,         /* 计生特殊家庭-伤残 (sensitive) */
    HC_HARDSHIP,                 /* 计生困难家庭 */
    HC_MODEL,                    /* 计生模范家庭 */
    HC__MAX
};
/* The code ("one_child") and the Chinese name; NULL out of range. */
const char *hh_category_code(int c);
const char *hh_category_name(int c);
/* The category for a code or a Chinese name, or -1. */
int hh_category_parse(const char *s);
/* The set (bit per enum hh_category) of comma-separated codes, as SQL's group_concat gives
   them ("one_child,model"); unknown codes are skipped, NULL is the empty set. Pure. */
unsigned hh_category_set_parse(const char *codes);
/* Categories nest (独女户 ⊂ 独生子女家庭, 双女绝育户 ⊂ 双女户). The closure of a set (bit per
   enum hh_category): the set and every category its members lie within. A household tagged
   独女户 is thereby a 独生子女家庭 for every eligibility rule. Pure. */
unsigned hh_category_closure(unsigned cats);
/* The categories whose closure meets cats: cats and every category nested in one of them (for
   {独生子女家庭}: 独生子女家庭 and 独女户). What a SQL filter on tagged categories must accept. */
unsigned hh_category_within(unsigned cats);
/* Writes the codes of a set as a JSON array ('["one_child","only_daughter"]') for binding to
   SQL's json_each. HH_CATEGORY_JSON_SIZE always suffices; 0, or -1 when n is too small. */
#define HH_CATEGORY_JSON_SIZE 256
int hh_category_codes_json(unsigned cats, char *out, size_t n);

/* Relations of members to the head, as shown and stored. */
extern const char *const hh_relations[];
extern const int hh_relations_count;

#define HH_MAX_MEMBERS 12

#define MEMBER_RELATION_SIZE 24 /* 户主, 配偶, 子女 … (a fixed list) */

/* The first letter of a stored sex ('M' or 'F'; 0 for none). */
char member_sex_char(const char *code);

/* A member of a household. */
#define MEMBER_ROW(X, _)                                                                                                \
    X("id", INT64, id) _ X("name", TEXT(NAME_SIZE), name) _ X("id_number", TEXT(ID_NUMBER_SIZE), id_number) _        \
        X("sex", ENUM(char, member_sex_char), sex) /* 'M' or 'F' */ _ X("birth_date", DATE, birth_date) _             \
        X("relation", TEXT(MEMBER_RELATION_SIZE), relation) _ X("phone", TEXT(PHONE_SIZE), phone) _                  \
        X("is_head", INT, is_head) _ X("coalesce(hukou, '')", ENUM(int, hukou_of_code), hukou) /* enum hukou */ _     \
        X("died_on", DATE, died_on) _ X("moved_out_on", DATE, moved_out_on) _                                         \
        X("bank_name", TEXT(BANK_NAME_SIZE), bank_name) _ X("bank_account", TEXT(BANK_ACCOUNT_SIZE), bank_account)
struct member {
    DB_ROW_FIELDS(MEMBER_ROW)
};

/* A household with its village and township (members and categories are read after it). */
#define HOUSEHOLD_ROW(X, _)                                                                                             \
    X("h.id", INT64, id) _ X("h.village_id", INT64, village_id) _ X("v.name", TEXT(NAME_SIZE), village_name) _       \
        X("t.name", TEXT(NAME_SIZE), township_name) _ X("h.address", TEXT(ADDRESS_SIZE), address) _                  \
        X("h.policy_compliant", INT, policy_compliant) _ X("h.created_at", TIME, created_at) _                        \
        X("h.updated_at", TIME, updated_at)
struct household {
    DB_ROW_FIELDS(HOUSEHOLD_ROW)
    unsigned categories; /* bit per enum hh_category */
    int nmembers;
    struct member members[HH_MAX_MEMBERS]; /* the head first */
};

struct member_input {
    const char *name, *id_number, *relation, *phone;
    const char *sex;        /* optional "M"/"F"/"男"/"女": must agree with the ID */
    const char *birth_date; /* optional: must agree with the ID */
    struct member_status_input status; /* hukou, bank account, death, moving out (all optional) */
};

struct household_input {
    int64_t village_id;
    struct member_input head;
    const char *address;
    unsigned categories;
    int policy_compliant;
    int nmembers;
    struct member_input members[HH_MAX_MEMBERS - 1];
};

/* Checks every field (IDs: check digit, birth date not after today, sex; phones; village in the
   actor's scope; no resident ID already registered or repeated). Returns 0 or -1 with e naming
   the field ("head.id_number", "members[1].id_number", ...). */
int household_validate(struct db *db, const struct user_ctx *actor, const struct household_input *in,
                       struct date today, struct err *e);
/* Snapshot for the audit log: the household with masked IDs (the log holds no full ID); JSON null
   when it cannot be read. New reference. */
json_t *household_audit_snapshot(struct db *db, const struct user_ctx *actor, int64_t id);
/* Registers a household inside the caller's transaction (import), without validation.
   Returns the id or -1. */
int64_t household_insert(struct db *db, const struct user_ctx *actor, const struct household_input *in);
/* Loads a household the actor may see. Returns 0, or -1 with 404 (absent) or 403 (out of scope). */
int household_get(struct db *db, const struct user_ctx *actor, int64_t id, struct household *out, struct err *e);

struct household_changes {
    const char *address;
    const char *head_phone;
    unsigned categories;
    int policy_compliant;
    /* Optional: run inside the update's transaction after the change (household_change.c records a
       sensitive category waiting for approval there); 0, or -1 to roll everything back. */
    int (*also)(struct db *db, const struct user_ctx *actor, int64_t id, void *ctx);
    void *also_ctx;
};
/* The sensitive categories (计生特殊家庭-失独, -伤残): adding one waits for a second person's approval. */
#define HC_SENSITIVE ((1u << HC_SPECIAL_LOST) | (1u << HC_SPECIAL_DISABLED))
/* Updates address, head's phone, categories and policy compliance. Returns 0 or -1. Audited. */
int household_update(struct db *db, const struct user_ctx *actor, int64_t id, const struct household_changes *c,
                     struct err *e);
/* Adds a member (validated like a new household's members). Returns the member id or -1. */
int64_t household_add_member(struct db *db, const struct user_ctx *actor, int64_t id,
                             const struct member_input *m, struct date today, struct err *e);
/* Sets a member's hukou, bank account and dates of death and moving out (checked as at
   registration). Returns 0 or -1 with e (404 for a member not of the household). Audited
   (update_member, accounts masked). */
int household_update_member(struct db *db, const struct user_ctx *actor, int64_t id, int64_t member_id,
                            const struct member_status_input *s, struct date today, struct err *e);
/* Records that the actor was shown a household's full resident IDs (audit). */
void household_audit_id_view(struct db *db, const struct user_ctx *actor, int64_t id);
/* Records that the actor was shown a household's full bank accounts (audit view_bank_account). */
void household_audit_account_view(struct db *db, const struct user_ctx *actor, int64_t id);

/* What household_json shows whole: resident IDs, bank accounts (the caller audits each). */
#define HH_FULL_IDS 1
#define HH_FULL_ACCOUNTS 2
/* The household as API JSON; resident IDs masked unless full has HH_FULL_IDS, bank accounts
   unless HH_FULL_ACCOUNTS. Members carry birth_year, and birth_date only with full IDs (the date
   would complete a masked ID), hukou, died_on, moved_out_on and bank {name, account}. New reference. */
json_t *household_json(const struct household *h, int full);

struct household_filter {
    const char *q;      /* a name prefix, or (when it looks like one) a resident-ID prefix */
    int64_t village_id; /* 0 = any */
    int category;       /* -1 = any */
    int limit, offset;
};

/* A line of the household search: the head, the village, the categories and the member count. */
#define HOUSEHOLD_LIST_ROW(X, _)                                                                                        \
    X("h.id", INT64, id) _ X("hm.name", TEXT(NAME_SIZE), head_name) _                                                \
        X("hm.id_number", TEXT(ID_NUMBER_SIZE), head_id_number) _ X("hm.phone", TEXT(PHONE_SIZE), head_phone) _       \
        X("v.name", TEXT(NAME_SIZE), village_name) _ X("h.policy_compliant", INT, policy_compliant) _                 \
        X("(SELECT group_concat(category) FROM household_category_links WHERE household_id = h.id)",                  \
          ENUM(unsigned, hh_category_set_parse), categories) _                                                          \
        X("(SELECT count(*) FROM members WHERE household_id = h.id)", INT, nmembers)
struct household_row {
    DB_ROW_FIELDS(HOUSEHOLD_LIST_ROW)
};

/* Counts of a search stop here: a total of HOUSEHOLD_COUNT_CAP + 1 means "more than HOUSEHOLD_COUNT_CAP";
   the list without a search text counts exactly. */
#define HOUSEHOLD_COUNT_CAP 200

/* Searches the actor's scope, calling fn per row (newest first; by the matching name or ID for
   a search). Returns the number of matches (for a search text, up to HOUSEHOLD_COUNT_CAP + 1), or -1 with e filled. */
int64_t household_search(struct db *db, const struct user_ctx *actor, const struct household_filter *f,
                         void (*fn)(const struct household_row *, void *), void *ctx, struct err *e);

struct household_stats {
    int64_t households, members;
    int64_t by_category[HC__MAX];
};
/* Counts households, members and households per category in the actor's scope. 0 or -1. */
int household_stats(struct db *db, const struct user_ctx *actor, struct household_stats *out);

#endif
