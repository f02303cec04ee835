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
#include "err.h"
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

struct member {
    int64_t id;
    char name[NAME_SIZE];
    char id_number[20];
    char sex; /* 'M' or 'F' */
    char birth_date[11];
    char relation[24];
    char phone[16];
    int is_head;
};

struct household {
    int64_t id;
    int64_t village_id;
    char village_name[NAME_SIZE];
    char township_name[NAME_SIZE];
    char address[ADDRESS_SIZE];
    int policy_compliant;
    unsigned categories; /* bit per enum hh_category */
    int nmembers;
    struct member members[HH_MAX_MEMBERS]; /* the head first */
    char created_at[24];
    char updated_at[24];
};

struct member_input {
    const char *name, *id_number, *relation, *phone;
    const char *sex;        /* optional "M"/"F"/"男"/"女": must agree with the ID */
    const char *birth_date; /* optional: must agree with the ID */
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
/* Validates and registers a household in one transaction with its audit record.
   Returns the new id or -1 with e filled; nothing is written on failure. */
int64_t household_create(struct db *db, const struct user_ctx *actor, const struct household_input *in,
                         struct date today, struct err *e);
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
};
/* Updates address, head's phone, categories and policy compliance. Returns 0 or -1. Audited. */
int household_update(struct db *db, const struct user_ctx *actor, int64_t id, const struct household_changes *c,
                     struct err *e);
/* Adds a member (validated like a new household's members). Returns the member id or -1. */
int64_t household_add_member(struct db *db, const struct user_ctx *actor, int64_t id,
                             const struct member_input *m, struct date today, struct err *e);
/* Records that the actor was shown a household's full resident IDs (audit). */
void household_audit_id_view(struct db *db, const struct user_ctx *actor, int64_t id);

/* The household as API JSON; resident IDs masked unless full_ids. Members carry birth_year, and
   birth_date only with full_ids (the date would complete a masked ID). New reference. */
json_t *household_json(const struct household *h, int full_ids);

struct household_filter {
    const char *q;      /* a name prefix, or (when it looks like one) a resident-ID prefix */
    int64_t village_id; /* 0 = any */
    int category;       /* -1 = any */
    int limit, offset;
};

struct household_row {
    int64_t id;
    char head_name[NAME_SIZE];
    char head_id_number[20];
    char head_phone[16];
    char village_name[NAME_SIZE];
    unsigned categories;
    int policy_compliant;
    int nmembers;
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
