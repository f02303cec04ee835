/* extension.c: extensions (展期) — requests, approval, reversal and history (see extension.h). */
#include "extension.h"
#include "portfolio_months.h"

#include <string.h>

#include "audit.h"
#include "db_row.h"
#include "extend.h"
#include "money.h"
#include "loan.h"
#include "review_round.h"
#include "servicing.h"
#include "text.h"

/* An extension as stored, with who asked for it and who decided. */
#define EXTENSION_ROW(X, _)                                                                                             \
    X("e.id", INT64, id) _ X("e.on_date", DATE, on_date) _ X("e.months", INT, months) _                               \
        X("e.rate_micro", INT64, rate_micro) _ X("e.method", TEXT(CODE_SIZE), method) _                               \
        X("e.reason", TEXT(TEXT_SIZE(EXTENSION_REASON_MAX_CHARS)), reason) _ X("e.state", TEXT(CODE_SIZE), state) _   \
        X("e.first_n", INT, first_n) _ X("e.old_method", TEXT(CODE_SIZE), old_method) _                               \
        X("e.old_rate_micro", INT64, old_rate_micro) _ X("coalesce(e.old_extended_on, '')", DATE, old_extended_on) _  \
        X("e.requested_by", INT64, requested_by) _ X("ru.name", TEXT(NAME_SIZE), requested_name) _                    \
        X("coalesce(du.name, '')", TEXT(NAME_SIZE), decided_name) _                                                   \
        X("e.decision_note", TEXT(TEXT_SIZE(EXTENSION_REASON_MAX_CHARS)), decision_note) _                            \
        X("e.reverse_reason", TEXT(TEXT_SIZE(EXTENSION_REASON_MAX_CHARS)), reverse_reason) _                          \
        X("coalesce((SELECT round FROM extension_reviews WHERE extension_id = e.id), 0)", INT64, review_round) _      \
        X("(SELECT application_id FROM loans WHERE id = e.loan_id)", INT64, application_id)
struct extension_row {
    DB_ROW_FIELDS(EXTENSION_ROW)
};
static DB_ROW_READER(extension_row_read, EXTENSION_ROW, struct extension_row)

#define EXTENSION_FROM                                                                                                  \
    " FROM loan_extensions e JOIN users ru ON ru.id = e.requested_by LEFT JOIN users du ON du.id = e.decided_by "

/* A superseded schedule row. */
#define SUPERSEDED_ROW(X, _)                                                                                            \
    X("n", INT, n) _ X("due_on", DATE, due_on) _ X("principal_fen", MONEY, principal_fen) _                           \
        X("interest_fen", MONEY, interest_fen)
struct superseded_row {
    DB_ROW_FIELDS(SUPERSEDED_ROW)
};
static DB_ROW_READER(superseded_row_read, SUPERSEDED_ROW, struct superseded_row)

/* Reads the loan's latest extension in `state` into *x. 1 found, 0 none, -1 database error. */
static int latest_in(struct db *db, int64_t loan_id, const char *state, struct extension_row *x)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(EXTENSION_ROW) EXTENSION_FROM
                                   "WHERE e.loan_id = ? AND e.state = ? ORDER BY e.id DESC LIMIT 1");
    if (!st)
        return -1;
    db_bind(st, "it", loan_id, state);
    int rc = sqlite3_step(st), found = rc == SQLITE_ROW;
    int bad = found ? extension_row_read(st, x) != 0 : rc != SQLITE_DONE;
    db_done(st);
    return bad ? -1 : found;
}

/* Opens the loan (servicing_open) with its latest extension in `state` read into *x. NULL with e
   filled and the transaction rolled back when there is none (404 no_extension, `missing` its
   message) or on an error. */
static struct serviced_loan *open_extension(struct db *db, const struct user_ctx *actor, int64_t loan_id,
                                            const char *state, struct extension_row *x, const char *missing,
                                            struct err *e)
{
    struct serviced_loan *l = servicing_open(db, actor, loan_id, e);
    if (!l)
        return NULL;
    int found = latest_in(db, loan_id, state, x);
    if (found > 0)
        return l;
    if (found < 0)
        db_fail(db, e);
    else
        err_set(e, 404, "no_extension", NULL, "%s", missing);
    db_rollback(db);
    servicing_free(l);
    return NULL;
}

/* Fills e for an extend_schedule refusal. Returns -1. */
static int refused(enum extend_result why, struct err *e)
{
    switch (why) {
    case EXTEND_BAD_DATE:
        return err_set(e, 422, "invalid_date", "on", "展期日期应晚于放款日，且不早于最近一笔还款");
    case EXTEND_OVERDUE:
        return err_set(e, 409, "overdue_first", "on", "展期日前到期的本息和罚息须先还清");
    case EXTEND_PAID_AHEAD:
        return err_set(e, 409, "paid_ahead", "on", "展期日后的还款期已有还款，不能展期");
    case EXTEND_SETTLED:
        return err_set(e, 409, "loan_not_active", NULL, "该贷款已没有剩余本金");
    default:
        return err_set(e, 422, "invalid_months", "months", "展期后的期限或利率不能生成还款计划");
    }
}

/* Computes the extension on the loaded loan l (l->terms changed). Returns 0, or -1 with e filled. */
static int compute(const char *on, int months, int64_t rate_micro, const char *method, struct serviced_loan *l,
                   struct extend_out *out, struct err *e)
{
    if (strcmp(l->state, "active") != 0)
        return err_set(e, 409, "loan_not_active", NULL, "该贷款已结清或已代偿，不能展期");
    struct date d;
    int m = amort_method_parse(method);
    if (date_parse(on, &d) != 0 || m < 0)
        return err_set(e, 422, "invalid_date", "on", "展期日期格式应为 YYYY-MM-DD");
    enum extend_result r = extend_schedule(&l->terms, d, months, rate_micro, (enum amort_method)m, LOAN_MAX_ROWS, out);
    return r == EXTEND_OK ? 0 : refused(r, e);
}

/* Puts the rows [first, old_nrows) of the loan into the superseded table for extension x, then
   replaces them in loan_schedule by the new rows of t. Returns 1 on success. */
static int replace_rows(struct db *db, int64_t loan_id, int64_t x, int first, const struct repay_loan *t)
{
    int ok = db_run(db,
                    "INSERT INTO loan_schedule_superseded (extension_id, n, due_on, " SCHEDULE_STATE_COLUMNS ") "
                    "SELECT ?, n, due_on, " SCHEDULE_STATE_COLUMNS " FROM loan_schedule WHERE loan_id = ? AND n > ?",
                    "iii", x, loan_id, (int64_t)first) == SQLITE_DONE &&
             db_run(db, "DELETE FROM loan_schedule WHERE loan_id = ? AND n > ?", "ii", loan_id, (int64_t)first) ==
                 SQLITE_DONE;
    for (int i = first; ok && i < t->nrows; i++) {
        const struct repay_row *r = &t->rows[i];
        char due[11], from[11] = "";
        if (r->interest_from.y)
            date_format(r->interest_from, from);
        ok = db_run(db,
                    "INSERT INTO loan_schedule (loan_id, n, due_on, principal_fen, interest_fen, interest_from, "
                    "interest_settled_fen, interest_base_fen) VALUES (?, ?, ?, ?, ?, nullif(?, ''), ?, ?)",
                    "iitiitii", loan_id, (int64_t)r->n, date_format(r->due_on, due), r->principal_fen,
                    r->interest_fen, from, r->interest_settled_fen, r->interest_base_fen) == SQLITE_DONE;
    }
    return ok;
}

/* Puts extension x (pending, its terms stored) into force on the loaded loan l, whose terms
   compute() has changed: rows replaced, the loan's terms and figures, cached month figures from
   the extension's month dropped. Returns 1 on success. */
static int put_in_force(struct db *db, const struct user_ctx *actor, const struct serviced_loan *l, int64_t x,
                        const char *on, int first, const char *old_method, int64_t old_rate)
{
    char due[11];
    date_format(l->terms.rows[first].due_on, due);
    return db_run(db,
                  "UPDATE loan_extensions SET state = 'approved', first_n = ?, old_term = (SELECT term_months FROM "
                  "loans WHERE id = ?2), old_method = ?, old_rate_micro = ?, old_extended_on = (SELECT extended_on "
                  "FROM loans WHERE id = ?2), decided_by = ?, decided_at = clock_now() WHERE id = ?",
                  "iitiii", (int64_t)first + 1, l->id, old_method, old_rate, actor->id, x) == SQLITE_DONE &&
           replace_rows(db, l->id, x, first, &l->terms) &&
           db_run(db,
                  "UPDATE loans SET method = ?, rate_micro = ?, extended_on = ?, outstanding_principal_fen = ?, "
                  "oldest_unpaid_due = ? WHERE id = ?",
                  "tititi", amort_method_code(l->terms.method), l->terms.rate_micro, on,
                  repay_outstanding_principal(&l->terms), due, l->id) == SQLITE_DONE &&
           portfolio_months_reopen(db, on) == 0; /* the closed months from the extension on */
}

/* The terms of a request checked alone (before the loan is read): 0 or -1 with e filled. */
static int check_input(const struct extension_input *in, struct date today, int64_t *rate, struct err *e)
{
    struct date d;
    if (text_check(in->reason, 1, EXTENSION_REASON_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_reason", "reason", "请填写展期原因（%d字以内）", EXTENSION_REASON_MAX_CHARS);
    if (!in->on || date_parse(in->on, &d) != 0)
        return err_set(e, 422, "invalid_date", "on", "展期日期格式应为 YYYY-MM-DD");
    if (date_cmp(d, today) > 0)
        return err_set(e, 422, "invalid_date", "on", "展期日期不能晚于今天");
    if (in->months < 1 || in->months > 360)
        return err_set(e, 422, "invalid_months", "months", "展期后的期限应为 1 到 360 个月");
    if (in->annual_rate && rate_parse(in->annual_rate, rate) != 0)
        return err_set(e, 422, "invalid_rate", "annual_rate", "年利率应为 0 到 24 之间的百分数，如 \"4.35\"");
    if (in->method && amort_method_parse(in->method) < 0)
        return err_set(e, 422, "invalid_method", "method", "未知的还款方式");
    return 0;
}

/* The rows [first, nrows) of t as JSON. */
static json_t *new_rows_json(const struct repay_loan *t, int first)
{
    json_t *rows = json_array();
    for (int i = first; i < t->nrows; i++) {
        char due[11];
        const struct repay_row *r = &t->rows[i];
        json_array_append_new(rows, json_pack("{s:i, s:s, s:I, s:I, s:I}", "n", r->n, "due_on",
                                              date_format(r->due_on, due), "principal_fen", (json_int_t)r->principal_fen,
                                              "interest_fen", (json_int_t)r->interest_fen, "total_fen",
                                              (json_int_t)(r->principal_fen + r->interest_fen)));
    }
    return rows;
}

int64_t extension_request(struct db *db, const struct user_ctx *actor, int64_t loan_id, const struct extension_input *in,
                          struct date today, json_t **schedule, struct err *e)
{
    int64_t rate = -1;
    /* the loan's own terms before compute() changes them; a loan out of scope is refused before the
       request's fields are looked at (a refusal tells nothing about a loan the actor may not see) */
    struct serviced_loan *l = servicing_open(db, actor, loan_id, e);
    if (!l)
        return -1;
    int64_t x = -1;
    struct extend_out out;
    int rc = check_input(in, today, &rate, e);
    char old_method[CODE_SIZE] = "";
    int64_t old_rate = l->terms.rate_micro;
    snprintf(old_method, sizeof old_method, "%s", amort_method_code(l->terms.method));
    const char *method = in->method ? in->method : old_method;
    if (rate < 0)
        rate = old_rate;
    if (rc == 0 && db_int(db, 0, "SELECT 1 FROM loan_extensions WHERE loan_id = ? AND state = 'pending'", "i", loan_id))
        rc = err_set(e, 409, "extension_pending", NULL, "该贷款已有待审批的展期");
    int joint = db_int(db, 0,
                       "SELECT p.extension_review = 'joint' FROM loan_applications a JOIN loan_products p ON "
                       "p.id = a.product_id WHERE a.id = ?",
                       "i", l->application_id) == 1;
    if (rc == 0 && joint && review_round_departments(db, l->application_id) == 0)
        rc = err_set(e, 409, "no_departments", NULL, "没有设置评审部门，展期不能联合评审，请联系系统管理员");
    if (rc == 0)
        rc = compute(in->on, (int)in->months, rate, method, l, &out, e);
    if (rc != 0) {
        db_rollback(db);
        servicing_free(l);
        return -1;
    }
    int ok = db_run(db,
                    "INSERT INTO loan_extensions (loan_id, on_date, months, rate_micro, method, reason, requested_by) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    "itiitti", loan_id, in->on, in->months, rate, method, in->reason, actor->id) == SQLITE_DONE;
    x = ok ? sqlite3_last_insert_rowid(db->h) : -1;
    int now = !joint && db_param_int(db, "extension_needs_approval", 1) == 0;
    int64_t round = joint ? 1 + db_int(db, 0, "SELECT round FROM loan_applications WHERE id = ?", "i", l->application_id)
                          : 0;
    if (ok && now)
        ok = put_in_force(db, actor, l, x, in->on, out.first, old_method, old_rate);
    if (ok && joint) /* the next round of the loan's application, with its product's departments */
        ok = db_run(db, "UPDATE loan_applications SET round = ? WHERE id = ?", "ii", round, l->application_id) ==
                 SQLITE_DONE &&
             review_round_open(db, l->application_id, round) &&
             db_run(db, "INSERT INTO extension_reviews (extension_id, application_id, round) VALUES (?, ?, ?)", "iii", x,
                    l->application_id, round) == SQLITE_DONE;
    char r[RATE_TEXT_SIZE];
    json_t *after = json_pack("{s:I, s:s, s:I, s:s, s:s, s:s, s:I, s:I, s:s}", "extension_id", (json_int_t)x, "on",
                              in->on, "months", (json_int_t)in->months, "annual_rate", rate_format(rate, r, sizeof r),
                              "method", method, "reason", in->reason, "outstanding_fen",
                              (json_int_t)out.outstanding_fen, "accrued_fen", (json_int_t)out.accrued_fen, "state",
                              now ? "approved" : "pending");
    json_object_set_new(after, "review_round", json_integer(round));
    json_t *rows = new_rows_json(&l->terms, out.first);
    servicing_free(l);
    if (audit_commit(db, ok, actor, "request_extension", "loan", loan_id, NULL, after, e) != 0) {
        json_decref(rows);
        return -1;
    }
    if (schedule)
        *schedule = rows;
    else
        json_decref(rows);
    return x;
}

/* Decides pending extension x of the loaded loan l (approve: computed again on the loan as it is now
   and put in force; else refused with the note), inside the caller's transaction. 1 on success; 0
   with e filled (a refusal of the computation, or a database error). */
static int conclude(struct db *db, const struct user_ctx *actor, struct serviced_loan *l,
                    const struct extension_row *x, int approve, const char *note, struct err *e)
{
    if (!approve)
        return db_run(db,
                      "UPDATE loan_extensions SET state = 'refused', decided_by = ?, decided_at = clock_now(), "
                      "decision_note = ? WHERE id = ?",
                      "iti", actor->id, note, x->id) == SQLITE_DONE ||
               (db_fail(db, e), 0);
    char old_method[CODE_SIZE];
    int64_t old_rate = l->terms.rate_micro;
    struct extend_out out;
    snprintf(old_method, sizeof old_method, "%s", amort_method_code(l->terms.method));
    if (compute(x->on_date, x->months, x->rate_micro, x->method, l, &out, e) != 0)
        return 0;
    return put_in_force(db, actor, l, x->id, x->on_date, out.first, old_method, old_rate) || (db_fail(db, e), 0);
}

int64_t extension_decide(struct db *db, const struct user_ctx *actor, int64_t loan_id, int approve, const char *note,
                         struct err *e)
{
    if (!note)
        note = "";
    if (text_check(note, approve ? 0 : 1, EXTENSION_REASON_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_note", "note", "不同意展期请写明理由（%d字以内）", EXTENSION_REASON_MAX_CHARS);
    struct extension_row x = {0};
    struct serviced_loan *l = open_extension(db, actor, loan_id, "pending", &x, "该贷款没有待审批的展期", e);
    if (!l)
        return -1;
    int rc = 0;
    if (x.review_round)
        rc = err_set(e, 409, "joint_review", NULL, "该展期须经各部门联合评审，不由协会单独审批");
    else if (x.requested_by == actor->id)
        rc = err_set(e, 409, "same_person", NULL, "展期须由登记人以外的另一人审批");
    if (rc == 0 && !conclude(db, actor, l, &x, approve, note, e))
        rc = -1;
    servicing_free(l);
    if (rc != 0) {
        db_rollback(db);
        return -1;
    }
    return audit_commit(db, 1, actor, approve ? "approve_extension" : "refuse_extension", "loan", loan_id, NULL,
                        json_pack("{s:I, s:s, s:s}", "extension_id", (json_int_t)x.id, "on", x.on_date, "note", note),
                        e) == 0
               ? x.id
               : -1;
}

int64_t extension_review(struct db *db, const struct user_ctx *actor, int64_t loan_id, const char *decision,
                         const char *comment, struct err *e)
{
    if (loan_review_check(decision, comment, NULL, e) != 0)
        return -1;
    int d = review_decision_parse(decision);
    if (d == RD_MORE_INFO)
        return err_set(e, 422, "invalid_decision", "decision", "展期评审意见应为同意（approve）或不同意（reject）");
    struct extension_row x = {0};
    struct serviced_loan *l = open_extension(db, actor, loan_id, "pending", &x, "该贷款没有待联合评审的展期", e);
    if (!l)
        return -1;
    int rc = 0, next = -1;
    if (!x.review_round)
        rc = err_set(e, 404, "no_extension", NULL, "该贷款没有待联合评审的展期");
    else if ((next = review_round_opinion(db, actor, x.application_id, x.review_round, (enum review_decision)d, comment,
                                          e)) < 0)
        rc = -1;
    else if (next != LS_IN_REVIEW && !conclude(db, actor, l, &x, next == LS_APPROVED, comment ? comment : "", e))
        rc = -1;
    servicing_free(l);
    if (rc != 0) {
        db_rollback(db);
        return -1;
    }
    const char *state = next == LS_IN_REVIEW ? "pending" : next == LS_APPROVED ? "approved" : "refused";
    return audit_commit(db, 1, actor, "review_extension", "loan", loan_id, NULL,
                        json_pack("{s:I, s:I, s:s, s:s, s:s, s:s}", "extension_id", (json_int_t)x.id, "round",
                                  (json_int_t)x.review_round, "department", actor->department_name, "decision",
                                  review_decision_code((enum review_decision)d), "comment", comment ? comment : "",
                                  "state", state),
                        e) == 0
               ? x.id
               : -1;
}

int64_t extension_reverse(struct db *db, const struct user_ctx *actor, int64_t loan_id, const char *reason,
                          struct err *e)
{
    if (text_check(reason, 1, EXTENSION_REASON_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_reason", "reason", "请填写冲正原因（%d字以内）", EXTENSION_REASON_MAX_CHARS);
    struct extension_row x = {0};
    struct serviced_loan *l = open_extension(db, actor, loan_id, "approved", &x, "该贷款没有生效的展期", e);
    if (!l)
        return -1;
    int rc = 0;
    if (strcmp(l->state, "active") != 0)
        rc = err_set(e, 409, "loan_not_active", NULL, "该贷款已结清或已代偿，展期不能冲正");
    else if (rc == 0 && db_int(db, 1,
                               "SELECT count(*) FROM loan_schedule WHERE loan_id = ? AND n >= ? AND (paid_principal_fen "
                               "+ paid_interest_fen + paid_penalty_fen + paid_compound_fen) > 0",
                               "ii", loan_id, (int64_t)x.first_n) != 0)
        rc = err_set(e, 409, "repaid_since", NULL, "展期后的还款计划已有还款，须先冲正这些还款");
    if (rc != 0) {
        db_rollback(db);
        servicing_free(l);
        return -1;
    }
    int ok =
        db_run(db, "DELETE FROM loan_schedule WHERE loan_id = ? AND n >= ?", "ii", loan_id, (int64_t)x.first_n) ==
            SQLITE_DONE &&
        db_run(db,
               "INSERT INTO loan_schedule (loan_id, n, due_on, " SCHEDULE_STATE_COLUMNS ") SELECT ?, n, due_on, "
               SCHEDULE_STATE_COLUMNS " FROM loan_schedule_superseded WHERE extension_id = ?",
               "ii", loan_id, x.id) == SQLITE_DONE &&
        db_run(db,
               "UPDATE loans SET method = ?, rate_micro = ?, extended_on = nullif(?, ''), oldest_unpaid_due = (SELECT "
               "min(due_on) FROM loan_schedule WHERE loan_id = ?4 AND (paid_principal_fen < principal_fen OR "
               "paid_interest_fen < interest_fen)), outstanding_principal_fen = (SELECT sum(principal_fen - "
               "paid_principal_fen) FROM loan_schedule WHERE loan_id = ?4) WHERE id = ?4",
               "titi", x.old_method, x.old_rate_micro, x.old_extended_on, loan_id) == SQLITE_DONE &&
        db_run(db,
               "UPDATE loan_extensions SET state = 'reversed', reversed_by = ?, reversed_at = clock_now(), "
               "reverse_reason = ? WHERE id = ?",
               "iti", actor->id, reason, x.id) == SQLITE_DONE &&
        portfolio_months_reopen(db, x.on_date) == 0;
    servicing_free(l);
    return audit_commit(db, ok, actor, "reverse_extension", "loan", loan_id,
                        json_pack("{s:I, s:s}", "extension_id", (json_int_t)x.id, "on", x.on_date),
                        json_pack("{s:s}", "reason", reason), e) == 0
               ? x.id
               : -1;
}

/* The superseded rows of extension x as a JSON array, or NULL on a database error. */
static json_t *superseded_json(struct db *db, int64_t x)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(SUPERSEDED_ROW) " FROM loan_schedule_superseded "
                                   "WHERE extension_id = ? ORDER BY n");
    if (!st)
        return NULL;
    db_bind(st, "i", x);
    json_t *rows = json_array();
    int rc, bad = 0;
    while (!bad && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct superseded_row s;
        bad = superseded_row_read(st, &s) != 0;
        if (!bad)
            json_array_append_new(rows, json_pack("{s:i, s:s, s:I, s:I}", "n", s.n, "due_on", s.due_on,
                                                  "principal_fen", (json_int_t)s.principal_fen, "interest_fen",
                                                  (json_int_t)s.interest_fen));
    }
    db_done(st);
    if (bad || rc != SQLITE_DONE) {
        json_decref(rows);
        return NULL;
    }
    return rows;
}

/* A joint review round's opinion (or a department still to speak: decision ""). */
#define ROUND_OPINION_ROW(X, _)                                                                                         \
    X("d.name", TEXT(NAME_SIZE), department) _ X("coalesce(r.decision, '')", TEXT(CODE_SIZE), decision) _             \
        X("coalesce(r.comment, '')", TEXT(TEXT_SIZE(1000)), comment) _ X("coalesce(u.name, '')", TEXT(NAME_SIZE), reviewer)
struct round_opinion_row {
    DB_ROW_FIELDS(ROUND_OPINION_ROW)
};
static DB_ROW_READER(round_opinion_row_read, ROUND_OPINION_ROW, struct round_opinion_row)

/* The departments of round `round` of application app with their opinions so far, as a JSON array
   (decision "" for a department still to speak), or NULL on a database error. */
static json_t *round_json(struct db *db, int64_t app, int64_t round)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(ROUND_OPINION_ROW) " FROM loan_round_departments rd "
                                   "JOIN departments d ON d.id = rd.department_id LEFT JOIN loan_reviews r ON "
                                   "r.application_id = rd.application_id AND r.round = rd.round AND r.department_id = "
                                   "rd.department_id LEFT JOIN users u ON u.id = r.reviewer_id "
                                   "WHERE rd.application_id = ? AND rd.round = ? ORDER BY d.sort, d.id");
    if (!st)
        return NULL;
    db_bind(st, "ii", app, round);
    json_t *list = json_array();
    int rc, bad = 0;
    while (!bad && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct round_opinion_row o;
        bad = round_opinion_row_read(st, &o) != 0;
        if (!bad)
            json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:s}", "department", o.department, "decision",
                                                  o.decision, "comment", o.comment, "reviewer", o.reviewer));
    }
    db_done(st);
    if (bad || rc != SQLITE_DONE) {
        json_decref(list);
        return NULL;
    }
    return list;
}

json_t *extension_list_json(struct db *db, int64_t loan_id)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(EXTENSION_ROW) EXTENSION_FROM
                                   "WHERE e.loan_id = ? ORDER BY e.id DESC");
    if (!st)
        return NULL;
    db_bind(st, "i", loan_id);
    json_t *list = json_array();
    int rc, bad = 0;
    struct extension_row x;
    /* collect first: superseded_json prepares another statement */
    int64_t ids[64], rounds[64], app = 0;
    int n = 0;
    while (!bad && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        bad = extension_row_read(st, &x) != 0;
        char rate[RATE_TEXT_SIZE];
        if (!bad)
            json_array_append_new(
                list, json_pack("{s:I, s:s, s:i, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)x.id,
                                "on", x.on_date, "months", x.months, "annual_rate",
                                rate_format(x.rate_micro, rate, sizeof rate), "method", x.method, "reason", x.reason,
                                "state", x.state, "requested_by", x.requested_name, "decided_by", x.decided_name,
                                "decision_note", x.decision_note, "reverse_reason", x.reverse_reason));
        if (!bad)
            json_object_set_new(json_array_get(list, json_array_size(list) - 1), "review",
                                json_string(x.review_round ? "joint" : "association"));
        if (!bad && n < (int)(sizeof ids / sizeof ids[0])) {
            app = x.application_id;
            rounds[n] = x.review_round;
            ids[n++] = x.id;
        }
        else if (!bad)
            bad = 1; /* never cut the history silently */
    }
    db_done(st);
    for (int i = 0; !bad && i < n; i++) {
        json_t *rows = superseded_json(db, ids[i]), *opinions = rounds[i] ? round_json(db, app, rounds[i]) : json_array();
        bad = rows == NULL || opinions == NULL;
        if (rows)
            json_object_set_new(json_array_get(list, (size_t)i), "superseded", rows);
        if (opinions)
            json_object_set_new(json_array_get(list, (size_t)i), "reviews", opinions);
    }
    if (bad || rc != SQLITE_DONE) {
        json_decref(list);
        return NULL;
    }
    return list;
}
