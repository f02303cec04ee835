/* product.c: loan products as stored (see product.h). */
#include "product.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "amort.h"
#include "audit.h"
#include "loan_rules.h"
#include "money.h"
#include "text.h"

static DB_ROW_READER(product_row_read, PRODUCT_ROW, struct product_row)

/* loan_rules.h's document codes taking an int, as the list helpers want them. */
static const char *doc_code(int d)
{
    return loan_doc_code((enum loan_doc)d);
}

/* Fills p->terms from p->row. -1 when a stored list does not parse (a database edited by hand). */
static int terms_of(struct product *p)
{
    const struct product_row *r = &p->row;
    struct product_terms *t = &p->terms;
    *t = (struct product_terms){.min_fen = r->min_fen, .max_fen = r->max_fen, .min_months = r->min_months,
                                .max_months = r->max_months, .min_rate_micro = r->min_rate_micro,
                                .max_rate_micro = r->max_rate_micro, .penalty_pct = r->penalty_pct,
                                .subsidy_eligible = r->subsidy_eligible,
                                .day_count = *r->day_count ? amort_day_count_parse(r->day_count) : -1,
                                .settlement = product_settlement_parse(r->settlement),
                                .min_rating = product_rating_rank(r->min_rating),
                                .second_max_fen = r->second_max_fen,
                                .second_min_rate_micro = r->second_min_rate_micro,
                                .extension_review = extension_review_parse(r->extension_review)};
    return product_codes_bits(r->methods, amort_method_parse, &t->methods) != 0 ||
                   product_codes_bits(r->borrower_kinds, borrower_kind_parse, &t->borrower_kinds) != 0 ||
                   product_codes_bits(r->documents, loan_doc_parse, &t->documents) != 0 || t->settlement < 0 ||
                   t->extension_review < 0
               ? -1
               : 0;
}

/* Reads the admin's input into terms and the normalised lists (codes in their enum order).
   0, or -1 with 422 naming the field. */
static int input_terms(struct db *db, const struct product_input *in, struct product *p, struct err *e)
{
    struct product_terms *t = &p->terms;
    memset(p, 0, sizeof *p);
    if (text_check(in->name, 1, PRODUCT_NAME_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_name", "name", "产品名称应为1到30个字");
    strcpy(p->row.name, in->name); /* fits: checked above */
    t->min_fen = in->min_fen;
    t->max_fen = in->max_fen;
    t->min_months = in->min_months;
    t->max_months = in->max_months;
    if (product_codes_bits(in->methods, amort_method_parse, &t->methods) != 0)
        return err_set(e, 422, "invalid_methods", "methods",
                       "还款方式应为 equal-installment、equal-principal、monthly-interest、quarterly-interest、bullet 中的一种或几种");
    if (!in->min_rate || rate_parse(in->min_rate, &t->min_rate_micro) != 0)
        return err_set(e, 422, "invalid_rate_range", "min_rate", "最低年利率应为 0 到 24 之间的百分数，如 \"3.45\"");
    if (!in->max_rate || rate_parse(in->max_rate, &t->max_rate_micro) != 0)
        return err_set(e, 422, "invalid_rate_range", "max_rate", "最高年利率应为 0 到 24 之间的百分数，如 \"6.00\"");
    t->day_count = in->day_count && *in->day_count ? amort_day_count_parse(in->day_count) : -1;
    if (in->day_count && *in->day_count && t->day_count < 0)
        t->day_count = -2; /* product_validate names it */
    t->settlement = in->settlement && *in->settlement ? product_settlement_parse(in->settlement) : PS_DUE_DATES;
    t->penalty_pct = in->penalty_pct;
    t->subsidy_eligible = in->subsidy_eligible ? 1 : 0;
    t->min_rating = product_rating_rank(in->min_rating);
    if (in->min_rating && *in->min_rating && t->min_rating < 2)
        return err_set(e, 422, "invalid_min_rating", "min_rating", "信用评定要求应为 优秀、较好、一般 或不要求");
    strcpy(p->row.min_rating, t->min_rating ? product_rating_grade(t->min_rating) : ""); /* fits: a grade */
    t->second_max_fen = in->second_max_fen;
    t->extension_review = in->extension_review && *in->extension_review ? extension_review_parse(in->extension_review)
                                                                        : ER_ASSOCIATION;
    t->second_min_rate_micro = -1;
    if (in->second_min_rate && *in->second_min_rate && rate_parse(in->second_min_rate, &t->second_min_rate_micro) != 0)
        return err_set(e, 422, "invalid_second_cycle_rate", "second_cycle_min_rate",
                       "第二轮贷款的最低年利率应为 0 到 24 之间的百分数，如 \"3.00\"");
    if (product_codes_bits(in->borrower_kinds, borrower_kind_parse, &t->borrower_kinds) != 0)
        return err_set(e, 422, "invalid_borrower_kinds", "borrower_kinds", "借款人类别应为 household、organisation 或两者");
    if (!in->documents)
        t->documents = (1u << LD__MAX) - 1;
    else if (product_codes_bits(in->documents, loan_doc_parse, &t->documents) != 0)
        return err_set(e, 422, "invalid_documents", "documents", "所需材料中有未知的材料名称");
    if (product_validate(t, e) != 0)
        return -1;
    /* the reviewing departments: existing, active, each once */
    size_t used = 0;
    for (const char *s = in->departments ? in->departments : ""; *s;) {
        char *end;
        long long id = strtoll(s, &end, 10);
        char item[24], add[24], seen[PRODUCT_DEPARTMENTS_SIZE + 2];
        snprintf(item, sizeof item, ",%lld,", id);
        snprintf(add, sizeof add, "%s%lld", used ? "," : "", id);
        snprintf(seen, sizeof seen, ",%s,", p->row.departments);
        if (end == s || (*end && *end != ',') || id <= 0 ||
            db_int(db, 0, "SELECT 1 FROM departments WHERE id = ? AND active = 1", "i", (int64_t)id) != 1 ||
            strstr(seen, item) || text_append(p->row.departments, sizeof p->row.departments, &used, add) != 0)
            return err_set(e, 422, "invalid_departments", "departments", "评审部门应为启用中的部门编号，各列一次");
        s = *end ? end + 1 : end;
        if (*end && !*s)
            return err_set(e, 422, "invalid_departments", "departments", "评审部门应为启用中的部门编号，各列一次");
    }
    if (product_bits_codes(t->methods, amort_method_code, AMORT__MAX, p->row.methods, sizeof p->row.methods) != 0 ||
        product_bits_codes(t->borrower_kinds, borrower_kind_code, BK__MAX, p->row.borrower_kinds,
                           sizeof p->row.borrower_kinds) != 0 ||
        product_bits_codes(t->documents, doc_code, LD__MAX, p->row.documents, sizeof p->row.documents) != 0)
        return err_set(e, 500, "internal", NULL, "产品设置过长");
    return 0;
}

json_t *product_json(const struct product *p)
{
    const struct product_row *r = &p->row;
    const struct product_terms *t = &p->terms;
    char lo[RATE_TEXT_SIZE], hi[RATE_TEXT_SIZE];
    json_t *methods = json_array(), *kinds = json_array(), *docs = json_array(), *depts = json_array();
    for (int m = 0; m < AMORT__MAX; m++)
        if (t->methods & (1u << m))
            json_array_append_new(methods, json_string(amort_method_code(m)));
    for (int k = 0; k < BK__MAX; k++)
        if (t->borrower_kinds & (1u << k))
            json_array_append_new(kinds, json_string(borrower_kind_code(k)));
    for (int d = 0; d < LD__MAX; d++)
        if (t->documents & (1u << d))
            json_array_append_new(docs, json_string(doc_code(d)));
    for (const char *s = r->departments; *s;) {
        char *end;
        json_array_append_new(depts, json_integer(strtoll(s, &end, 10)));
        s = *end ? end + 1 : end;
    }
    json_t *o = json_pack("{s:I, s:s, s:I, s:I, s:I, s:I, s:o, s:s, s:s, s:s, s:b, s:o, s:o, s:o, s:b, s:b}", "id",
                          (json_int_t)r->id, "name", r->name, "min_fen", (json_int_t)t->min_fen, "max_fen",
                          (json_int_t)t->max_fen, "min_months", (json_int_t)t->min_months, "max_months",
                          (json_int_t)t->max_months, "methods", methods, "min_rate",
                          rate_format(t->min_rate_micro, lo, sizeof lo), "max_rate",
                          rate_format(t->max_rate_micro, hi, sizeof hi), "settlement",
                          product_settlement_code(t->settlement), "subsidy_eligible", t->subsidy_eligible,
                          "borrower_kinds", kinds, "documents", docs, "departments", depts, "is_default",
                          r->is_default, "active", r->active);
    json_object_set_new(o, "day_count", t->day_count >= 0 ? json_string(amort_day_count_code(t->day_count)) : json_null());
    json_object_set_new(o, "penalty_pct", t->penalty_pct ? json_integer(t->penalty_pct) : json_null());
    json_object_set_new(o, "extension_review", json_string(extension_review_code(t->extension_review)));
    json_object_set_new(o, "min_rating", t->min_rating ? json_string(product_rating_grade(t->min_rating)) : json_null());
    json_object_set_new(o, "second_cycle_max_fen", t->second_max_fen ? json_integer(t->second_max_fen) : json_null());
    json_object_set_new(o, "second_cycle_min_rate", t->second_min_rate_micro >= 0
                                                        ? json_string(rate_format(t->second_min_rate_micro, lo, sizeof lo))
                                                        : json_null());
    return o;
}

/* The stored form of a product's input as JSON for the audit log. */
static json_t *audit_json(const struct product *p, int active)
{
    struct product copy = *p;
    copy.row.active = active;
    return product_json(&copy);
}

/* Runs the statement that reads one product by id (?1) into out. 0, 404, or -1 with e. */
static int read_one(struct db *db, int64_t id, struct product *out, struct err *e)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(PRODUCT_ROW) " FROM loan_products p WHERE p.id = ?");
    if (!st)
        return db_fail(db, e);
    db_bind(st, "i", id);
    memset(out, 0, sizeof *out);
    int found = sqlite3_step(st) == SQLITE_ROW, bad = found && product_row_read(st, &out->row) != 0;
    db_done(st);
    if (bad || (found && terms_of(out) != 0))
        return db_row_fail(e);
    return found ? 0 : err_set(e, 404, "not_found", NULL, "贷款产品不存在");
}

int product_get(struct db *db, int64_t id, struct product *out, struct err *e)
{
    return read_one(db, id, out, e);
}

int product_for_application(struct db *db, int64_t id, struct product *out, struct err *e)
{
    if (!id)
        id = db_int(db, 0, "SELECT id FROM loan_products WHERE is_default = 1", "");
    struct err none = {0};
    if (id <= 0 || read_one(db, id, out, &none) != 0) {
        if (none.status >= 500) {
            *e = none;
            return -1;
        }
        return err_set(e, 422, "invalid_product", "product_id", "贷款产品不存在");
    }
    if (!out->row.active)
        return err_set(e, 422, "invalid_product", "product_id", "贷款产品“%s”已停用，不能再申请", out->row.name);
    return 0;
}

/* Writes p (its terms read by input_terms) as product id, or as a new product when id is 0, with
   its active flag, inside the caller's transaction: 409 duplicate_name when another product has
   its name. Returns the id, or -1 with e filled. */
static int64_t store(struct db *db, struct product *p, int64_t id, int active, struct err *e)
{
    const struct product_terms *t = &p->terms;
    if (db_int(db, 0, "SELECT 1 FROM loan_products WHERE name = ? AND id <> ?", "ti", p->row.name, id) == 1)
        return err_set(e, 409, "duplicate_name", "name", "已有同名的贷款产品");
    /* ?18 = 0: a new product (INSERT); else the row to change (an upsert by id keeps one statement) */
    int ok = db_run(db,
                    "INSERT INTO loan_products (id, name, min_fen, max_fen, min_months, max_months, methods, "
                    "min_rate_micro, max_rate_micro, day_count, settlement, penalty_pct, subsidy_eligible, "
                    "borrower_kinds, documents, departments, active, min_rating, second_max_fen, second_min_rate_micro, "
                    "extension_review) "
                    "VALUES (nullif(?18, 0), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, nullif(?11, 0), ?12, ?13, ?14, ?15, "
                    "?16, ?17, nullif(?19, 0), nullif(?20, -1), ?21) "
                    "ON CONFLICT (id) DO UPDATE SET name = ?1, min_fen = ?2, max_fen = ?3, min_months = ?4, "
                    "max_months = ?5, methods = ?6, min_rate_micro = ?7, max_rate_micro = ?8, day_count = ?9, "
                    "settlement = ?10, penalty_pct = nullif(?11, 0), subsidy_eligible = ?12, borrower_kinds = ?13, "
                    "documents = ?14, departments = ?15, active = ?16, min_rating = ?17, "
                    "second_max_fen = nullif(?19, 0), second_min_rate_micro = nullif(?20, -1), "
                    "extension_review = ?21, updated_at = clock_now()",
                    "tiiiitiittiittti" "tiiit", p->row.name, t->min_fen, t->max_fen, t->min_months, t->max_months,
                    p->row.methods, t->min_rate_micro, t->max_rate_micro,
                    t->day_count >= 0 ? amort_day_count_code(t->day_count) : "",
                    product_settlement_code(t->settlement), t->penalty_pct, (int64_t)t->subsidy_eligible,
                    p->row.borrower_kinds, p->row.documents, p->row.departments, (int64_t)(active ? 1 : 0),
                    p->row.min_rating, id, t->second_max_fen, t->second_min_rate_micro,
                    extension_review_code(t->extension_review)) == SQLITE_DONE;
    if (!ok)
        return db_fail(db, e);
    return id ? id : sqlite3_last_insert_rowid(db->h);
}

/* Creates (id 0) or changes product id from the admin's input, audited with before and after.
   Returns the id or -1 with e filled. */
static int64_t save(struct db *db, const struct user_ctx *actor, int64_t id, const struct product_input *in,
                    struct err *e)
{
    struct product *p = calloc(2, sizeof *p), *was = p ? p + 1 : NULL;
    if (!p)
        return err_set(e, 500, "out_of_memory", NULL, "内存不足");
    int active = id ? in->active : 1;
    int64_t done = -1;
    if (input_terms(db, in, p, e) != 0 || db_begin(db) != SQLITE_OK) {
        if (!e->status)
            db_fail(db, e);
    } else if (id && read_one(db, id, was, e) != 0) {
        db_rollback(db);
    } else if (id && was->row.is_default && !active) {
        db_rollback(db);
        err_set(e, 409, "default_product", "active", "默认产品不能停用（未选产品的申请都按它办理）");
    } else if ((done = store(db, p, id, active, e)) < 0) {
        db_rollback(db);
    } else {
        p->row.id = done;
        p->row.is_default = id ? was->row.is_default : 0;
        if (audit_commit(db, 1, actor, id ? "update" : "create", "loan_product", done, id ? product_json(was) : NULL,
                         audit_json(p, active), e) != 0)
            done = -1;
    }
    free(p);
    return done;
}

int64_t product_create(struct db *db, const struct user_ctx *actor, const struct product_input *in, struct err *e)
{
    return save(db, actor, 0, in, e);
}

int product_update(struct db *db, const struct user_ctx *actor, int64_t id, const struct product_input *in,
                   struct err *e)
{
    if (id <= 0)
        return err_set(e, 404, "not_found", NULL, "贷款产品不存在");
    return save(db, actor, id, in, e) < 0 ? -1 : 0;
}

int product_list(struct db *db, int active_only, void (*fn)(const struct product *, void *), void *ctx,
                 struct err *e)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(PRODUCT_ROW) " FROM loan_products p "
                                   "WHERE ?1 = 0 OR p.active = 1 ORDER BY p.is_default DESC, p.active DESC, p.name");
    if (!st)
        return db_fail(db, e);
    db_bind(st, "i", (int64_t)active_only);
    int n = 0, bad = 0;
    struct product p;
    while (!bad && sqlite3_step(st) == SQLITE_ROW) {
        memset(&p, 0, sizeof p);
        bad = product_row_read(st, &p.row) != 0 || terms_of(&p) != 0;
        if (!bad) {
            fn(&p, ctx);
            n++;
        }
    }
    return db_end(st, bad ? db_row_fail(e) : n, e);
}
