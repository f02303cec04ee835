/* rating.c: credit ratings of households and loan cycles (see rating.h). */
#include "rating.h"

#include <string.h>

#include "audit.h"
#include "db_row.h"
#include "household.h"
#include "text.h"

static const char *const grades[] = {"优秀", "较好", "一般", "差"};

/* A rating with who gave it. */
#define RATING_ROW(X, _)                                                                                                \
    X("r.id", INT64, id) _ X("r.year", INT, year) _ X("r.grade", TEXT(CODE_SIZE), grade) _                            \
        X("r.reason", TEXT(TEXT_SIZE(RATING_REASON_MAX_CHARS)), reason) _ X("u.name", TEXT(NAME_SIZE), rated_by) _    \
        X("r.rated_at", TIME, rated_at)
struct rating_row {
    DB_ROW_FIELDS(RATING_ROW)
};
static DB_ROW_READER(rating_row_read, RATING_ROW, struct rating_row)

/* A programme loan of the household. */
#define CYCLE_LOAN_ROW(X, _)                                                                                            \
    X("l.id", INT64, id) _ X("l.contract_no", TEXT(CONTRACT_NO_SIZE), contract_no) _                                   \
        X("l.disbursed_on", DATE, disbursed_on) _ X("l.principal_fen", MONEY, principal_fen) _                         \
        X("l.state", TEXT(CODE_SIZE), state) _ X("coalesce(l.settled_on, '')", DATE, settled_on) _                     \
        X("coalesce(l.extended_on, '')", DATE, extended_on)
struct cycle_loan_row {
    DB_ROW_FIELDS(CYCLE_LOAN_ROW)
};
static DB_ROW_READER(cycle_loan_row_read, CYCLE_LOAN_ROW, struct cycle_loan_row)

/* The rating that counts for a product's check (rating_borrower_record). */
#define RECENT_RATING_ROW(X, _) X("r.year", INT, year) _ X("r.grade", TEXT(CODE_SIZE), grade)
struct recent_rating_row {
    DB_ROW_FIELDS(RECENT_RATING_ROW)
};
static DB_ROW_READER(recent_rating_row_read, RECENT_RATING_ROW, struct recent_rating_row)

int rating_grade_valid(const char *grade)
{
    for (unsigned i = 0; grade && i < sizeof grades / sizeof grades[0]; i++)
        if (!strcmp(grade, grades[i]))
            return 1;
    return 0;
}

int64_t rating_set(struct db *db, const struct user_ctx *actor, int64_t household_id, int64_t year, const char *grade,
                   const char *reason, struct date today, struct err *e)
{
    struct household h; /* scope first: a refusal tells nothing about a household the actor may not see */
    if (household_get(db, actor, household_id, &h, e) != 0)
        return -1;
    if (year < 2000 || year > today.y)
        return err_set(e, 422, "invalid_year", "year", "评定年度应在 2000 年到 %d 年之间", today.y);
    if (!rating_grade_valid(grade))
        return err_set(e, 422, "invalid_grade", "grade", "信用等级应为 优秀、较好、一般 或 差");
    if (text_check(reason, 1, RATING_REASON_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_reason", "reason", "请填写评定理由（%d字以内）", RATING_REASON_MAX_CHARS);
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    int ok = db_run(db, "INSERT INTO household_ratings (household_id, year, grade, reason, rated_by) VALUES (?, ?, ?, ?, ?)",
                    "iitti", household_id, year, grade, reason, actor->id) == SQLITE_DONE;
    int64_t id = ok ? sqlite3_last_insert_rowid(db->h) : -1;
    return audit_commit(db, ok, actor, "rate_household", "household", household_id, NULL,
                        json_pack("{s:I, s:s, s:s}", "year", (json_int_t)year, "grade", grade, "reason", reason),
                        e) == 0
               ? id
               : -1;
}

int rating_borrower_record(struct db *db, int64_t household_id, struct date today, struct borrower_record *out,
                           struct err *e)
{
    memset(out, 0, sizeof *out);
    struct recent_rating_row got = {0};
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(RECENT_RATING_ROW) " FROM household_ratings r "
                                   "WHERE r.household_id = ? AND r.year IN (?, ?) ORDER BY r.year DESC, r.id DESC LIMIT 1");
    if (!st)
        return db_fail(db, e);
    db_bind(st, "iii", household_id, (int64_t)today.y, (int64_t)(today.y - 1));
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        rc = recent_rating_row_read(st, &got) == 0 ? SQLITE_DONE : SQLITE_ERROR;
    db_done(st);
    if (rc != SQLITE_DONE)
        return db_fail(db, e);
    out->rating_year = got.year;
    out->rating_rank = product_rating_rank(got.grade);
    int64_t second = db_int(db, -1,
                            "SELECT l.state = 'settled' AND l.extended_on IS NULL AND NOT EXISTS (SELECT 1 FROM "
                            "loan_extensions x WHERE x.loan_id = l.id AND x.state = 'approved') AND NOT EXISTS "
                            "(SELECT 1 FROM loan_schedule s WHERE s.loan_id = l.id AND (s.penalty_fen > 0 OR "
                            "s.compound_fen > 0)) FROM loans l JOIN loan_applications a ON a.id = l.application_id "
                            "WHERE a.household_id = ? AND a.organisation_id IS NULL ORDER BY l.disbursed_on DESC, "
                            "l.id DESC LIMIT 1",
                            "i", household_id);
    if (second < 0 && db_int(db, -1, "SELECT count(*) FROM loans l JOIN loan_applications a ON a.id = "
                                     "l.application_id WHERE a.household_id = ? AND a.organisation_id IS NULL",
                             "i", household_id) != 0)
        return db_fail(db, e);
    out->second_cycle = second == 1;
    return 0;
}

int64_t rating_loan_cycle(struct db *db, int64_t application_id)
{
    return db_int(db, -1,
                  "SELECT 1 + count(l.id) FROM loan_applications a JOIN loan_applications o ON o.household_id = "
                  "a.household_id AND o.id < a.id JOIN loans l ON l.application_id = o.id WHERE a.id = ?",
                  "i", application_id);
}

/* The ratings of a household, newest first, as a JSON array; NULL on a database error. */
static json_t *ratings_json(struct db *db, int64_t household_id)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(RATING_ROW) " FROM household_ratings r "
                                   "JOIN users u ON u.id = r.rated_by WHERE r.household_id = ? "
                                   "ORDER BY r.year DESC, r.id DESC");
    if (!st)
        return NULL;
    db_bind(st, "i", household_id);
    json_t *list = json_array();
    int rc, bad = 0;
    while (!bad && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct rating_row x;
        bad = rating_row_read(st, &x) != 0;
        if (!bad)
            json_array_append_new(list, json_pack("{s:I, s:i, s:s, s:s, s:s, s:s}", "id", (json_int_t)x.id, "year",
                                                  x.year, "grade", x.grade, "reason", x.reason, "rated_by",
                                                  x.rated_by, "rated_at", x.rated_at));
    }
    db_done(st);
    if (bad || rc != SQLITE_DONE) {
        json_decref(list);
        return NULL;
    }
    return list;
}

/* The household's loans oldest first, each with its cycle, as a JSON array; NULL on error. */
static json_t *loans_json(struct db *db, int64_t household_id)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(CYCLE_LOAN_ROW) " FROM loans l JOIN loan_applications a "
                                   "ON a.id = l.application_id WHERE a.household_id = ? ORDER BY a.id");
    if (!st)
        return NULL;
    db_bind(st, "i", household_id);
    json_t *list = json_array();
    int rc, bad = 0, cycle = 0;
    while (!bad && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct cycle_loan_row x;
        bad = cycle_loan_row_read(st, &x) != 0;
        if (!bad)
            json_array_append_new(list, json_pack("{s:I, s:i, s:s, s:s, s:I, s:s, s:s, s:s}", "id", (json_int_t)x.id,
                                                  "cycle", ++cycle, "contract_no", x.contract_no, "disbursed_on",
                                                  x.disbursed_on, "principal_fen", (json_int_t)x.principal_fen,
                                                  "state", x.state, "settled_on", x.settled_on, "extended_on",
                                                  x.extended_on));
    }
    db_done(st);
    if (bad || rc != SQLITE_DONE) {
        json_decref(list);
        return NULL;
    }
    return list;
}

json_t *rating_history_json(struct db *db, int64_t household_id)
{
    json_t *ratings = ratings_json(db, household_id), *loans = loans_json(db, household_id);
    if (!ratings || !loans) {
        json_decref(ratings);
        json_decref(loans);
        return NULL;
    }
    json_t *latest = json_array_size(ratings) ? json_deep_copy(json_array_get(ratings, 0)) : json_null();
    return json_pack("{s:o, s:o, s:o, s:I}", "rating", latest, "ratings", ratings, "loans", loans, "next_cycle",
                     (json_int_t)(json_array_size(loans) + 1));
}
