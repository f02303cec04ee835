/* api_relief.c: the relief JSON API: funds and their ledgers, categories, applications and their
   steps, batches, payments and receipts. Thin over relief_*.c. */
#include <stdlib.h>
#include <string.h>

#include "api_doc.h"
#include "api_util.h"
#include "keyset_page.h"
#include "list_filter.h"
#include "handlers.h"
#include "admin_sheets.h"
#include "record_sheets.h"
#include "list_sheets.h"
#include "aid.h"
#include "household.h"
#include "relief.h"
#include "relief_batch.h"
#include "relief_category.h"
#include "relief_fund.h"
#include "relief_pay.h"
#include "time_limit_view.h"
#include "relief_backup.h"

/* Replies 201 {"id": id} or the error. */
static void reply_created(struct req *r, int64_t id, const struct err *e)
{
    if (id < 0)
        reply_json_error(r, e);
    else
        reply_json(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

/* A fund as JSON, with the value of the aid in kind given from its goods (in_kind_fen: apart from its cash). */
static json_t *fund_json(struct db *db, const struct relief_fund *f)
{
    json_t *by = json_object();
    for (int s = 0; s < SRC__MAX; s++)
        json_object_set_new(by, relief_source_code(s), json_integer(f->income_fen[s]));
    return json_pack("{s:I, s:s, s:b, s:I, s:o, s:I, s:I}", "id", (json_int_t)f->id, "name", f->name, "active", f->active,
                     "balance_fen", (json_int_t)f->balance_fen, "income_by_source_fen", by, "paid_fen",
                     (json_int_t)f->paid_fen, "in_kind_fen", (json_int_t)aid_fund_value(db, f->id, NULL, NULL));
}

/* Appends a fund to a JSON array. */
static void fund_item(const struct relief_fund *f, void *ctx)
{
    struct req *r = ((void **)ctx)[0];
    json_array_append_new(((void **)ctx)[1], fund_json(r->db, f));
}

void api_funds_list(struct req *r)
{
    if (list_export_if_asked(r, record_funds_sheet, NULL, "funds.csv"))
        return;
    json_t *items = json_array();
    void *ctx[2] = {r, items};
    int n = relief_fund_list(r->db, &r->user, fund_item, ctx);
    api_reply_list(r, items, n, NULL);
}

void api_funds_create(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    const char *name = NULL;
    int64_t id = -1;
    if (j && !api_str(j, "name", &name, &e))
        id = relief_fund_create(r->db, &r->user, name, &e);
    json_decref(j);
    reply_created(r, id, &e);
}

void api_funds_income(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    const char *source = NULL, *on = NULL, *doc = NULL, *note = NULL;
    int64_t amount = 0, id = -1;
    if (j && !api_str(j, "source", &source, &e) && !api_int(j, "amount_fen", 0, &amount, &e) &&
        !api_str(j, "on", &on, &e) && !api_str(j, "document_no", &doc, &e) && !api_str(j, "note", &note, &e))
        id = relief_fund_income(r->db, &r->user, r->id[0], source, amount, on, doc, note, r->today, &e);
    json_decref(j);
    reply_created(r, id, &e);
}

void api_fund_entry_reverse(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    const char *on = NULL, *reason = NULL;
    int64_t id = -1;
    if (j && !api_str(j, "on", &on, &e) && !api_str(j, "reason", &reason, &e))
        id = relief_fund_reverse(r->db, &r->user, r->id[0], on, reason, r->today, &e);
    json_decref(j);
    reply_created(r, id, &e);
}

/* Appends a ledger entry to a JSON array. */
static void entry_item(const struct relief_fund_entry *x, void *ctx)
{
    json_t *o = json_pack("{s:I, s:s, s:I, s:I, s:s, s:s, s:s, s:b}", "id", (json_int_t)x->id, "kind", x->kind,
                          "amount_fen", (json_int_t)x->amount_fen, "balance_after_fen", (json_int_t)x->balance_after_fen,
                          "on", x->on, "document_no", x->document_no, "note", x->note, "reversed", x->reversed);
    if (x->source[0])
        json_object_set_new(o, "source", json_string(x->source));
    if (x->receipt_no[0])
        json_object_set_new(o, "receipt_no", json_string(x->receipt_no));
    if (x->reverses_id)
        json_object_set_new(o, "reverses_id", json_integer(x->reverses_id));
    json_array_append_new(ctx, o);
}

void api_fund_ledger(struct req *r)
{
    api_fund_ledger_of(r, r->id[0]);
}

void api_fund_ledger_of(struct req *r, int64_t fund_id)
{
    struct relief_fund f;
    struct err e = {0};
    if (relief_fund_get(r->db, &r->user, fund_id, &f, &e) != 0) {
        reply_json_error(r, &e);
        return;
    }
    json_t *items = json_array();
    int limit, offset;
    api_paging(r, &limit, &offset);
    int total = relief_fund_ledger_page(r->db, f.id, req_query(r, "from"), req_query(r, "to"),
                                        !relief_fund_real_names(r->user.role), limit, offset, entry_item, items);
    if (total < 0) {
        json_decref(items);
        reply_fail(r, 500, "db_error", "读取明细账失败");
        return;
    }
    json_t *o = fund_json(r->db, &f);
    json_object_set_new(o, "entries", items);
    json_object_set_new(o, "total", json_integer(total));
    /* aid in kind given from the fund in the period: its own figure, never in the balance */
    json_object_set_new(o, "in_kind_fen", json_integer(aid_fund_value(r->db, f.id, req_query(r, "from"), req_query(r, "to"))));
    json_object_set_new(o, "limit", json_integer(limit));
    json_object_set_new(o, "offset", json_integer(offset));
    reply_json(r, 200, o);
}

/* A category as JSON (API.md: id, code, name, amount_fen?, max_fen?, per_year, eligible). */
static void category_item(const struct relief_category *c, void *ctx)
{
    json_t *eligible = json_array();
    for (int k = 0; k < HC__MAX; k++)
        if (c->eligible & (1u << k))
            json_array_append_new(eligible, json_string(hh_category_code(k)));
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:i, s:o, s:b, s:b, s:b, s:b, s:s}", "id", (json_int_t)c->id, "code",
                          c->code, "name", c->name, "public_name", relief_category_public(c), "per_year", c->per_year,
                          "eligible", eligible, "any_household", c->any_household, "batch", c->batch, "sensitive",
                          c->sensitive, "active", c->active, "effective_from", c->effective_from);
    json_object_set_new(o, "programme_id", json_integer(c->programme_id));
    if (c->standard)
        json_object_set_new(o, "amount_fen", json_integer(c->min_fen));
    else
        json_object_set_new(o, "min_fen", json_integer(c->min_fen)), json_object_set_new(o, "max_fen", json_integer(c->max_fen));
    json_array_append_new(ctx, o);
}

void api_relief_categories(struct req *r)
{
    char on[11];
    const char *as_of = req_query(r, "as_of");
    if (list_export_if_asked(r, admin_categories_sheet, as_of, "relief-categories.csv"))
        return;
    json_t *items = json_array();
    int n = relief_category_list(r->db, as_of ? as_of : date_format(r->today, on), 0, category_item, items);
    api_reply_list(r, items, n, NULL);
}

void api_relief_category_create(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    struct relief_category_input in = {0};
    const char *kind = NULL;
    int64_t amount = 0, per_year = 1, id = -1;
    size_t i;
    json_t *v;
    json_array_foreach(j ? json_object_get(j, "eligible") : NULL, i, v)
    {
        int k = hh_category_parse(json_string_value(v));
        if (k < 0) {
            err_set(&e, 422, "invalid_category", "eligible", "未知的家庭类别");
            break;
        }
        in.eligible |= 1u << k;
    }
    if (j && !e.status && !api_str(j, "name", &in.name, &e) && !api_str(j, "amount_kind", &kind, &e) &&
        !api_int(j, "amount_fen", 0, &amount, &e) && !api_int(j, "min_fen", amount, &in.min_fen, &e) &&
        !api_int(j, "max_fen", amount ? amount : in.min_fen, &in.max_fen, &e) &&
        !api_str(j, "effective_from", &in.effective_from, &e) && !api_bool(j, "any_household", 0, &in.any_household, &e) &&
        !api_bool(j, "batch", 0, &in.batch, &e) && !api_int(j, "per_year", 1, &per_year, &e) &&
        !api_int(j, "fund_id", 0, &in.fund_id, &e)) {
        in.standard = kind && !strcmp(kind, "standard");
        in.per_year = per_year < 1 || per_year > 12 ? 0 : (int)per_year;
        if (!kind || (strcmp(kind, "standard") && strcmp(kind, "case")))
            err_set(&e, 422, "invalid_amount_kind", "amount_kind", "发放方式应为 standard（按标准）或 case（按实际）");
        else
            id = relief_category_create(r->db, &r->user, &in, &e);
    }
    json_decref(j);
    if (id < 0)
        reply_json_error(r, &e);
    else
        reply_json(r, 201, json_pack("{s:I, s:I}", "id", (json_int_t)id, "programme_id",
                                     (json_int_t)db_int(r->db, 0, "SELECT programme_id FROM relief_categories WHERE id = ?",
                                                        "i", id)));
}

void api_relief_category_update(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    int any = 0, active = 1, rc = -1;
    int64_t per_year = 1;
    unsigned eligible = 0;
    json_t *list = j ? json_object_get(j, "eligible") : NULL;
    size_t i;
    json_t *v;
    json_array_foreach(list, i, v)
    {
        int k = hh_category_parse(json_string_value(v));
        if (k < 0) {
            err_set(&e, 422, "invalid_category", "eligible", "未知的家庭类别");
            break;
        }
        eligible |= 1u << k;
    }
    if (j && !e.status && !api_bool(j, "any_household", 0, &any, &e) && !api_int(j, "per_year", 1, &per_year, &e) &&
        !api_bool(j, "active", 1, &active, &e))
        rc = relief_category_update(r->db, &r->user, r->id[0], eligible, any, (int)per_year, active, &e);
    json_decref(j);
    if (rc != 0)
        reply_json_error(r, &e);
    else
        reply_json(r, 200, json_pack("{s:I}", "id", (json_int_t)r->id[0]));
}

void api_relief_category_amount(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    const char *from = NULL;
    int64_t amount = 0, min = 0, max = 0;
    int rc = -1;
    if (j && !api_str(j, "effective_from", &from, &e) && !api_int(j, "amount_fen", 0, &amount, &e) &&
        !api_int(j, "min_fen", amount, &min, &e) && !api_int(j, "max_fen", amount, &max, &e))
        rc = relief_category_set_amount(r->db, &r->user, r->id[0], from, min, max, &e);
    if (rc != 0)
        reply_json_error(r, &e);
    else
        reply_json(r, 201, json_pack("{s:I, s:s}", "id", (json_int_t)r->id[0], "effective_from", from));
    json_decref(j);
}

/* Replies with an application (status), or the error. */
static void reply_relief(struct req *r, int status, int64_t id)
{
    struct relief_app a;
    struct err e = {0};
    if (relief_get(r->db, &r->user, id, &a, &e) != 0)
        reply_json_error(r, &e);
    else {
        json_t *o = relief_json(&a, 0);
        json_object_set_new(o, "time_limits", time_limit_steps_json(r, TK_RELIEF, id)); /* 限时办结: each step's due day */
        reply_json(r, status, o);
    }
}

void api_relief_create(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    struct relief_input in = {0};
    int64_t id = -1;
    if (j && !api_int(j, "household_id", 0, &in.household_id, &e) && !api_int(j, "category_id", 0, &in.category_id, &e) &&
        !api_int(j, "amount_fen", 0, &in.amount_fen, &e) && !api_str(j, "reason", &in.reason, &e))
        id = relief_apply(r->db, &r->user, &in, r->today, &e);
    json_decref(j);
    if (id < 0)
        reply_json_error(r, &e);
    else
        reply_relief(r, 201, id);
}

/* Appends an application to a JSON array. */
static void relief_item(const struct relief_app *a, void *ctx)
{
    json_array_append_new(ctx, relief_json(a, 0));
}

void api_relief_list(struct req *r)
{
    struct relief_filter f = {.state = -1};
    const char *state = req_query(r, "state");
    if (state && (f.state = relief_state_parse(state)) < 0) {
        reply_fail(r, 422, "invalid_state", "未知的状态");
        return;
    }
    f.category_id = req_query_int(r, "category_id", 0);
    f.batch_id = req_query_int(r, "batch_id", 0);
    f.household_id = req_query_int(r, "household_id", 0);
    struct list_where w;
    struct err e = {0};
    if (list_where_read(r, &w, &e) != 0) {
        reply_json_error(r, &e);
        return;
    }
    f.village_id = w.village_id, f.from = w.from, f.to = w.to;
    api_paging(r, &f.limit, &f.offset);
    if (list_export_if_asked(r, record_relief_sheet, &f, "relief-applications.csv"))
        return;
    struct keyset k;
    if (keyset_read(r, 50, 500, &k, &e) != 0) {
        reply_json_error(r, &e);
        return;
    }
    f.page = &k;
    json_t *items = json_array();
    int64_t count = 0, amount = 0;
    if (relief_list(r->db, &r->user, &f, relief_item, items) < 0 ||
        relief_list_totals(r->db, &r->user, &f, &count, &amount) != 0) {
        json_decref(items);
        reply_fail(r, 500, "database_error", "读取数据失败，请稍后再试");
        return;
    }
    json_t *list = api_list(items, count);
    json_object_set_new(list, "amount_fen_total", json_integer(amount));
    keyset_json(list, &k);
    reply_json(r, 200, list);
}

void api_relief_show(struct req *r)
{
    reply_relief(r, 200, r->id[0]);
}

/* One step on an application; the body may carry a reason. */
static void relief_step_api(struct req *r, enum relief_action a)
{
    struct err e = {0};
    json_t *j = r->body.len ? req_json(r, &e) : json_object();
    const char *reason = NULL;
    int rc = -1;
    if (j && !api_str(j, "reason", &reason, &e))
        rc = relief_step(r->db, &r->user, r->id[0], a, reason, r->today, &e);
    json_decref(j);
    if (rc != 0)
        reply_json_error(r, &e);
    else
        reply_relief(r, 200, r->id[0]);
}

void api_relief_backup(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    int64_t user = 0;
    int rc = -1;
    if (j && !api_int(j, "backup_handler_id", 0, &user, &e))
        rc = relief_set_backup(r->db, &r->user, r->id[0], user, &e);
    json_decref(j);
    if (rc != 0)
        reply_json_error(r, &e);
    else
        reply_relief(r, 200, r->id[0]);
}

void api_relief_verify(struct req *r)
{
    relief_step_api(r, RA_VERIFY);
}

void api_relief_review(struct req *r)
{
    relief_step_api(r, RA_REVIEW);
}

void api_relief_approve(struct req *r)
{
    relief_step_api(r, RA_APPROVE);
}

void api_relief_reject(struct req *r)
{
    relief_step_api(r, RA_REJECT);
}

/* Reads {fund_id, paid_on, method}; paid_on defaults to today (buffer on). 0 or -1 with e. */
static int pay_input(json_t *j, struct relief_pay_input *in, char *on, struct err *e)
{
    if (!j || api_int(j, "fund_id", 0, &in->fund_id, e) || api_str(j, "paid_on", &in->paid_on, e) ||
        api_str(j, "method", &in->method, e))
        return -1;
    if (!in->paid_on)
        in->paid_on = on;
    return date_parse(on, &in->today);
}

void api_relief_disburse(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    struct relief_pay_input in = {0};
    char on[11], receipt[RELIEF_RECEIPT_NO_SIZE];
    date_format(r->today, on);
    int rc = pay_input(j, &in, on, &e) == 0 ? relief_disburse(r->db, &r->user, r->id[0], &in, receipt, &e) : -1;
    json_decref(j);
    if (rc != 0)
        reply_json_error(r, &e);
    else
        reply_json(r, 201, json_pack("{s:s, s:I}", "receipt_no", receipt, "application_id", (json_int_t)r->id[0]));
}

/* Appends an excluded household {household_id, reason} to a JSON array. */
static void excluded_item(const struct batch_candidate *c, void *ctx)
{
    if (c->excluded)
        json_array_append_new(ctx, json_pack("{s:I, s:s, s:s}", "household_id", (json_int_t)c->household_id, "village",
                                             c->village, "reason", c->excluded));
}

/* The included and excluded households of a preview. */
struct preview_lists {
    json_t *included, *excluded;
};

/* Appends a candidate to the included or the excluded list. */
static void candidate_item(const struct batch_candidate *c, void *ctx)
{
    struct preview_lists *p = ctx;
    if (c->excluded)
        excluded_item(c, p->excluded);
    else
        json_array_append_new(p->included, json_pack("{s:I, s:s}", "household_id", (json_int_t)c->household_id,
                                                     "village", c->village));
}

/* Reads a batch's input from JSON. 0 or -1 with e. */
static int batch_input(json_t *j, struct batch_input *in, struct err *e)
{
    return !j || api_int(j, "category_id", 0, &in->category_id, e) || api_int(j, "amount_fen", 0, &in->amount_fen, e) ||
                   api_int(j, "village_id", 0, &in->unit_id, e) || (!in->unit_id && api_int(j, "unit_id", 0, &in->unit_id, e))
               ? -1
               : 0;
}

void api_relief_batch_create(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    struct batch_input in = {0};
    json_t *excluded = json_array();
    int included = 0;
    int64_t id = batch_input(j, &in, &e) == 0
                     ? relief_batch_create(r->db, &r->user, &in, r->today, &included, excluded_item, excluded, &e)
                     : -1;
    json_decref(j);
    if (id < 0) {
        json_decref(excluded);
        reply_json_error(r, &e);
        return;
    }
    json_t *apps = json_array();
    struct relief_filter f = {.state = -1, .batch_id = id, .limit = 100000};
    relief_list(r->db, &r->user, &f, relief_item, apps);
    reply_json(r, 201, json_pack("{s:I, s:o, s:o}", "id", (json_int_t)id, "applications", apps, "excluded", excluded));
}

void api_relief_batch_preview(struct req *r)
{
    struct err e = {0};
    struct batch_input in = {req_query_int(r, "category_id", 0), req_query_int(r, "amount_fen", 0),
                             req_query_int(r, "village_id", 0)};
    struct preview_lists p = {json_array(), json_array()};
    if (relief_batch_preview(r->db, &r->user, &in, r->today, candidate_item, &p, &e) < 0) {
        json_decref(p.included);
        json_decref(p.excluded);
        reply_json_error(r, &e);
        return;
    }
    reply_json(r, 200, json_pack("{s:o, s:o}", "included", p.included, "excluded", p.excluded));
}

void api_relief_batch_show(struct req *r)
{
    struct relief_batch b;
    struct err e = {0};
    if (relief_batch_get(r->db, &r->user, r->id[0], &b, &e) != 0)
        reply_json_error(r, &e);
    else
        reply_json(r, 200, relief_batch_json(&b));
}

/* One step on a whole batch. */
static void batch_step_api(struct req *r, enum relief_action a)
{
    struct err e = {0};
    int moved = 0;
    if (relief_batch_step(r->db, &r->user, r->id[0], a, r->today, &moved, &e) != 0)
        reply_json_error(r, &e);
    else
        reply_json(r, 200, json_pack("{s:I, s:i}", "batch_id", (json_int_t)r->id[0], "moved", moved));
}

void api_relief_batch_verify(struct req *r)
{
    batch_step_api(r, RA_VERIFY);
}

void api_relief_batch_review(struct req *r)
{
    batch_step_api(r, RA_REVIEW);
}

void api_relief_batch_approve(struct req *r)
{
    batch_step_api(r, RA_APPROVE);
}

void api_relief_batch_disburse(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    struct relief_pay_input in = {0};
    char on[11];
    int paid = 0;
    date_format(r->today, on);
    int rc = pay_input(j, &in, on, &e) == 0 ? relief_batch_disburse(r->db, &r->user, r->id[0], &in, &paid, &e) : -1;
    json_decref(j);
    if (rc != 0)
        reply_json_error(r, &e);
    else
        reply_json(r, 200, json_pack("{s:I, s:i}", "batch_id", (json_int_t)r->id[0], "paid", paid));
}

void api_receipt_show(struct req *r)
{
    struct relief_receipt rc;
    struct err e = {0};
    if (relief_receipt_get(r->db, &r->user, r->str, &rc, &e) != 0)
        reply_json_error(r, &e);
    else
        reply_json(r, 200, relief_receipt_json(&rc));
}

void api_receipt_void(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    const char *reason = NULL;
    int rc = -1;
    if (j && !api_str(j, "reason", &reason, &e))
        rc = relief_receipt_void(r->db, &r->user, r->str, reason, r->today, &e);
    json_decref(j);
    if (rc != 0)
        reply_json_error(r, &e);
    else
        api_receipt_show(r);
}

void api_receipt_reprint(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    const char *reason = NULL;
    int rc = -1, copy = 0;
    if (j && !api_str(j, "reason", &reason, &e))
        rc = relief_receipt_reprint(r->db, &r->user, r->str, reason, &copy, &e);
    json_decref(j);
    if (rc != 0)
        reply_json_error(r, &e);
    else
        reply_json(r, 201, json_pack("{s:s, s:i}", "receipt_no", r->str, "copy", copy));
}

/* The answer of a write that books a record: its id (reply_created). */
#define API_CREATED API_OBJ("\"id\":" API_INT, "\"id\"")

/* The answer of an application (reply_relief): GET /relief-applications/{id} and the writes on one. */
#define RELIEF_ANSWER API_OBJ("\"id\":" API_INT ",\"household_id\":" API_INT ",\"category_id\":" API_INT ",\"category\":" API_STR ",\"state\":" API_STR ",\"amount_fen\":" API_INT ",\"head_name\":" API_STR ",\"id_number\":" API_STR ",\"village_id\":" API_INT ",\"village\":" API_STR ",\"township\":" API_STR ",\"reason\":" API_STR ",\"applied_on\":" API_STR ",\"year\":" API_INT ",\"batch_id\":" API_INT_NULL ",\"notice_id\":" API_INT_NULL ",\"receipt_no\":" API_STR_NULL ",\"open_objections\":" API_INT ",\"verified\":" "{\"type\":[\"object\",\"null\"],\"required\":[\"by\",\"on\"],\"properties\":{\"by\":" API_STR ",\"on\":" API_STR "}}" ",\"reviewed\":" "{\"type\":[\"object\",\"null\"],\"required\":[\"by\",\"on\"],\"properties\":{\"by\":" API_STR ",\"on\":" API_STR "}}" ",\"approved\":" "{\"type\":[\"object\",\"null\"],\"required\":[\"by\",\"on\"],\"properties\":{\"by\":" API_STR ",\"on\":" API_STR "}}" ",\"rejected\":" "{\"type\":[\"object\",\"null\"],\"required\":[\"by\",\"on\"],\"properties\":{\"by\":" API_STR ",\"on\":" API_STR "}}" ",\"reject_reason\":" API_STR ",\"bank_reason\":" API_STR_NULL "", "\"id\",\"household_id\",\"category_id\",\"category\",\"state\",\"amount_fen\",\"head_name\",\"id_number\",\"village_id\",\"village\",\"township\",\"reason\",\"applied_on\",\"year\",\"batch_id\",\"notice_id\",\"receipt_no\",\"open_objections\",\"verified\",\"reviewed\",\"approved\",\"rejected\"")
/* The answer of a receipt (relief_receipt_json): GET /receipts/{str} and its voiding. */
#define RECEIPT_ANSWER API_OBJ("\"receipt_no\":" API_STR ",\"application_id\":" API_INT ",\"paid_on\":" API_STR ",\"recipient\":" API_STR ",\"id_number\":" API_STR ",\"village\":" API_STR ",\"category\":" API_STR ",\"amount_fen\":" API_INT ",\"fund\":" API_STR ",\"method\":" API_STR ",\"handler\":" API_STR ",\"voided\":" API_BOOL ",\"reprints\":" API_INT "", "\"receipt_no\",\"application_id\",\"paid_on\",\"recipient\",\"id_number\",\"village\",\"category\",\"amount_fen\",\"fund\",\"method\",\"handler\",\"voided\",\"reprints\"")
/* The answer of a step on a whole batch: the batch and how many applications moved, or were paid. */
#define BATCH_STEP_ANSWER(n) API_OBJ("\"batch_id\":" API_INT ",\"" n "\":" API_INT, "\"batch_id\",\"" n "\"")

/* The descriptions of this file's routes for GET /api/v1/openapi.json (api_doc.h). */
const struct api_doc api_docs_relief[] = {
    {"GET", "/api/v1/relief-applications/{id}/documents", "救助申请的证明材料（诊断书、票据、证明）列表", NULL, NULL,
     "{\"type\":\"object\",\"required\":[\"items\"],\"properties\":{\"items\":{\"type\":\"array\"}}}", 0,
     "404:not_found 403:out_of_scope", NULL},
    {"POST", "/api/v1/relief-applications/{id}/documents", "上传证明材料（multipart/form-data 的 file：PDF、JPG 或 PNG，不超过 4 MB）",
     NULL, NULL, API_OBJ("\"id\":" API_INT ",\"kind\":" API_STR ",\"size\":" API_INT, "\"id\",\"kind\",\"size\""), 201,
     "422:document_empty 422:document_too_large 422:document_type 422:invalid_document_name 404:not_found 403:out_of_scope",
     NULL},
    {"GET", "/api/v1/relief-applications/{id}/documents/{id}", "一份证明材料的文件（PDF、JPG 或 PNG）", NULL, NULL, NULL, 0,
     "404:not_found 403:out_of_scope", "pdf"},
    {"GET", "/api/v1/funds", "管辖范围内的救助资金：各来源收入、已发放、余额，以及实物慰问品价值 in_kind_fen（不计入余额）；?format= 导出", "format:string", NULL, API_LIST(API_OBJ("\"id\":" API_INT ",\"name\":" API_STR ",\"active\":{\"type\":\"boolean\"},\"balance_fen\":" API_INT ",\"in_kind_fen\":" API_INT ",\"paid_fen\":" API_INT ",\"income_by_source_fen\":{\"type\":\"object\",\"additionalProperties\":" API_INT "}", "\"id\",\"name\",\"active\",\"balance_fen\",\"paid_fen\",\"income_by_source_fen\"")), 0, "422:invalid_format", API_FORMATS},
    {"POST", "/api/v1/funds", "新建救助资金", NULL, API_OBJ("\"name\":" API_STR, "\"name\""), API_CREATED, 201, "409:duplicate_fund 422:invalid_name 422:invalid_type", NULL},
    {"POST", "/api/v1/funds/{id}/income", "资金收入", NULL, API_OBJ("\"source\":" API_STR ",\"amount_fen\":" API_INT ",\"on\":" API_STR ",\"document_no\":" API_STR ",\"note\":" API_STR, "\"source\",\"amount_fen\",\"on\",\"document_no\""), API_CREATED, 201, "422:invalid_amount 422:invalid_source 422:invalid_date 422:invalid_document_no 422:invalid_note 422:invalid_type 404:fund_not_found 403:out_of_scope", NULL},
    {"GET", "/api/v1/funds/{id}/ledger", "资金明细账，按日期、记账先后分页：entries 为本页各笔，balance_after_fen 为全账记完该笔后的余额（每页都对）；total 为期间全部笔数", "from:date to:date " API_PAGING "", NULL, API_OBJ("\"id\":" API_INT ",\"name\":" API_STR ",\"active\":" API_BOOL ",\"balance_fen\":" API_INT ",\"income_by_source_fen\":" API_OBJ("\"district\":" API_INT ",\"township\":" API_INT ",\"donation\":" API_INT ",\"other\":" API_INT "", "\"district\",\"township\",\"donation\",\"other\"") ",\"paid_fen\":" API_INT ",\"entries\":" API_ARRAY(API_OBJ("\"id\":" API_INT ",\"kind\":" API_STR ",\"amount_fen\":" API_INT ",\"balance_after_fen\":" API_INT ",\"on\":" API_STR ",\"document_no\":" API_STR ",\"note\":" API_STR ",\"reversed\":" API_BOOL ",\"source\":" API_STR ",\"receipt_no\":" API_STR "", "\"id\",\"kind\",\"amount_fen\",\"balance_after_fen\",\"on\",\"document_no\",\"note\",\"reversed\"")) ",\"total\":" API_INT ",\"limit\":" API_INT ",\"offset\":" API_INT ",\"in_kind_fen\":" API_INT "", "\"id\",\"name\",\"active\",\"balance_fen\",\"income_by_source_fen\",\"paid_fen\",\"entries\",\"total\",\"limit\",\"offset\",\"in_kind_fen\""), 0, "404:fund_not_found 403:out_of_scope", NULL},
    {"POST", "/api/v1/fund-entries/{id}/reverse", "冲销一笔收入", NULL, API_OBJ("\"on\":" API_STR ",\"reason\":" API_STR, "\"on\",\"reason\""), API_CREATED, 201, "409:already_reversed 409:not_income 409:insufficient_funds 422:invalid_date 422:invalid_reason 422:invalid_type 404:entry_not_found 403:out_of_scope", NULL},
    {"GET", "/api/v1/relief-categories", "救助类别及标准（?as_of= 某日的标准）；?format= 导出", "as_of:date format:string", NULL, API_LIST(API_OBJ("\"id\":" API_INT ",\"code\":" API_STR ",\"name\":" API_STR ",\"public_name\":" API_STR ",\"per_year\":" API_INT ",\"eligible\":" API_STRS ",\"any_household\":" API_BOOL ",\"batch\":" API_BOOL ",\"sensitive\":" API_BOOL ",\"active\":" API_BOOL ",\"effective_from\":" API_STR ",\"programme_id\":" API_INT ",\"amount_fen\":" API_INT ",\"min_fen\":" API_INT ",\"max_fen\":" API_INT "", "\"id\",\"code\",\"name\",\"public_name\",\"per_year\",\"eligible\",\"any_household\",\"batch\",\"sensitive\",\"active\",\"effective_from\",\"programme_id\"")), 0, "422:invalid_format", API_FORMATS},
    {"POST", "/api/v1/relief-categories", "新增救助类别（系统管理员）：同时建立同名的扶助项目（一次性、按户），programme_id 为其编号", NULL, API_OBJ("\"name\":" API_STR ",\"amount_kind\":{\"enum\":[\"standard\",\"case\"]},\"amount_fen\":" API_INT ",\"min_fen\":" API_INT ",\"max_fen\":" API_INT ",\"effective_from\":" API_STR ",\"eligible\":" API_STRS ",\"any_household\":" API_BOOL ",\"batch\":" API_BOOL ",\"per_year\":" API_INT ",\"fund_id\":" API_INT, "\"name\",\"amount_kind\",\"effective_from\",\"fund_id\""), API_OBJ("\"id\":" API_INT ",\"programme_id\":" API_INT, "\"id\",\"programme_id\""), 201, "422:invalid_name 422:invalid_amount 422:invalid_amount_kind 422:invalid_date 422:invalid_per_year 422:no_eligible_category 422:invalid_category 409:duplicate_name 404:fund_not_found 403:out_of_scope", NULL},
    {"PUT", "/api/v1/relief-categories/{id}", "修改救助类别", NULL, API_OBJ("\"eligible\":{\"type\":\"array\",\"items\":" API_STR "},\"any_household\":" API_BOOL ",\"per_year\":" API_INT ",\"active\":" API_BOOL, ""), API_OBJ("\"id\":" API_INT, "\"id\""), 0, "404:not_found 403:out_of_scope", NULL},
    {"POST", "/api/v1/relief-categories/{id}/amounts", "救助标准（自某日起）：按标准发放的类别 amount_fen，按实发放的 min_fen 与 max_fen", NULL, API_OBJ("\"effective_from\":" API_STR ",\"amount_fen\":" API_INT ",\"min_fen\":" API_INT ",\"max_fen\":" API_INT, "\"effective_from\""), API_OBJ("\"id\":" API_INT ",\"effective_from\":" API_STR, "\"id\",\"effective_from\""), 201, "422:invalid_amount 422:invalid_date 422:invalid_type 404:category_not_found", NULL},
    {"GET", "/api/v1/relief-applications", "救助申请列表（村、申请日期 from/to 筛选），按编号从新到旧，keyset 分页（after 为上一页的 next）；total 与 amount_fen_total 为全部符合条件的条数与金额合计；?format= 以同样条件导出", "state:string category_id:integer batch_id:integer village_id:integer household_id:integer from:date to:date format:string " API_KEYSET "", NULL, "{\"type\":\"object\",\"required\":[\"items\",\"total\",\"amount_fen_total\",\"next\",\"limit\"],\"properties\":{\"next\":{\"type\":[\"string\",\"null\"]},\"limit\":{\"type\":\"integer\"},\"items\":{\"type\":\"array\",\"items\":" API_OBJ("\"id\":" API_INT ",\"household_id\":" API_INT ",\"category_id\":" API_INT ",\"category\":" API_STR ",\"state\":" API_STR ",\"amount_fen\":" API_INT ",\"head_name\":" API_STR ",\"id_number\":" API_STR ",\"village_id\":" API_INT ",\"village\":" API_STR ",\"township\":" API_STR ",\"reason\":" API_STR ",\"applied_on\":" API_STR ",\"year\":" API_INT ",\"batch_id\":" API_INT_NULL ",\"notice_id\":" API_INT_NULL ",\"receipt_no\":" API_STR_NULL ",\"open_objections\":" API_INT ",\"verified\":" "{\"type\":[\"object\",\"null\"],\"required\":[\"by\",\"on\"],\"properties\":{\"by\":" API_STR ",\"on\":" API_STR "}}" ",\"reviewed\":" "{\"type\":[\"object\",\"null\"],\"required\":[\"by\",\"on\"],\"properties\":{\"by\":" API_STR ",\"on\":" API_STR "}}" ",\"approved\":" "{\"type\":[\"object\",\"null\"],\"required\":[\"by\",\"on\"],\"properties\":{\"by\":" API_STR ",\"on\":" API_STR "}}" ",\"rejected\":" "{\"type\":[\"object\",\"null\"],\"required\":[\"by\",\"on\"],\"properties\":{\"by\":" API_STR ",\"on\":" API_STR "}}" ",\"reject_reason\":" API_STR "", "\"id\",\"household_id\",\"category_id\",\"category\",\"state\",\"amount_fen\",\"head_name\",\"id_number\",\"village_id\",\"village\",\"township\",\"reason\",\"applied_on\",\"year\",\"batch_id\",\"notice_id\",\"receipt_no\",\"open_objections\",\"verified\",\"reviewed\",\"approved\",\"rejected\"") "},\"total\":" API_INT ",\"amount_fen_total\":" API_INT "}}", 0, "422:invalid_cursor 422:invalid_format 422:invalid_date 422:invalid_period 422:export_too_large", API_FORMATS},
    {"POST", "/api/v1/relief-applications", "登记救助申请", NULL, API_OBJ("\"household_id\":" API_INT ",\"category_id\":" API_INT ",\"amount_fen\":" API_INT ",\"reason\":" API_STR, "\"household_id\",\"category_id\",\"reason\""), RELIEF_ANSWER, 201, "422:invalid_amount 422:invalid_reason 422:no_amount_in_force 422:invalid_type 409:not_eligible 409:yearly_limit_reached 409:category_inactive 404:household_not_found 404:category_not_found 403:out_of_scope", NULL},
    {"GET", "/api/v1/relief-applications/{id}", "一笔救助申请及其各步", NULL, NULL, RELIEF_ANSWER, 0, "404:not_found 403:out_of_scope", NULL},
    {"POST", "/api/v1/relief-applications/{id}/backup-handler", "指定 B角（限时办结；经办人 A角 是受理人）；0 取消", NULL,
     API_OBJ("\"backup_handler_id\":" API_INT, "\"backup_handler_id\""), RELIEF_ANSWER, 0,
     "409:invalid_state 422:invalid_backup_handler 404:not_found 403:out_of_scope", NULL},
    {"POST", "/api/v1/relief-applications/{id}/verify", "村审核", NULL, NULL, RELIEF_ANSWER, 0, "409:invalid_state 422:invalid_type 404:not_found 403:out_of_scope", NULL},
    {"POST", "/api/v1/relief-applications/{id}/review", "镇审核（由镇或区的工作人员，且不是村审核的同一人）", NULL, NULL, RELIEF_ANSWER, 0, "409:invalid_state 409:same_person 422:invalid_type 404:not_found 403:out_of_scope 403:township_step", NULL},
    {"POST", "/api/v1/relief-applications/{id}/approve", "公示期满后批准（由镇或区的工作人员，且不是镇审核的同一人）", NULL, NULL, RELIEF_ANSWER, 0, "409:invalid_state 409:same_person 409:not_in_notice 409:notice_not_over 409:objection_open 422:invalid_type 404:not_found 403:out_of_scope 403:township_step", NULL},
    {"POST", "/api/v1/relief-applications/{id}/reject", "驳回", NULL, API_OBJ("\"reason\":" API_STR, "\"reason\""), RELIEF_ANSWER, 0, "409:invalid_state 422:reason_required 422:invalid_type 404:not_found 403:out_of_scope", NULL},
    {"POST", "/api/v1/relief-applications/{id}/disburse", "发放并出凭证", NULL, API_OBJ("\"fund_id\":" API_INT ",\"method\":" API_STR, "\"fund_id\""), API_OBJ("\"receipt_no\":" API_STR, "\"receipt_no\""), 201, "409:insufficient_funds 409:invalid_state 404:not_found 403:out_of_scope", NULL},
    {"GET", "/api/v1/relief-batches/preview", "批次预览：纳入与排除的家庭及原因", "category_id:integer amount_fen:integer village_id:integer", NULL, API_OBJ("\"included\":{\"type\":\"array\",\"items\":" API_OBJ("\"household_id\":" API_INT ",\"village\":" API_STR, "\"household_id\",\"village\"") "},\"excluded\":{\"type\":\"array\",\"items\":" API_OBJ("\"household_id\":" API_INT ",\"village\":" API_STR ",\"reason\":" API_STR, "\"household_id\",\"village\",\"reason\"") "}", "\"included\",\"excluded\""), 0, "422:invalid_category 422:invalid_unit 422:invalid_amount 403:out_of_scope", NULL},
    {"POST", "/api/v1/relief-batches", "新建救助批次：纳入的申请 applications，排除的家庭及原因 excluded", NULL, API_OBJ("\"category_id\":" API_INT ",\"amount_fen\":" API_INT ",\"village_id\":" API_INT, "\"category_id\""), API_OBJ("\"id\":" API_INT ",\"applications\":" API_ARRAY(RELIEF_ANSWER) ",\"excluded\":" API_ARRAY(API_OBJ("\"household_id\":" API_INT ",\"village\":" API_STR ",\"reason\":" API_STR, "\"household_id\",\"village\",\"reason\"")), "\"id\",\"applications\",\"excluded\""), 201, "422:invalid_unit 422:invalid_amount 422:no_amount_in_force 422:invalid_type 409:nothing_to_do 404:category_not_found 403:out_of_scope", NULL},
    {"GET", "/api/v1/relief-batches/{id}", "一个批次及各状态的申请数", NULL, NULL, API_OBJ("\"id\":" API_INT ",\"title\":" API_STR ",\"amount_fen\":" API_INT ",\"applications_total\":" API_INT ",\"states\":" API_ANY_OBJ ",\"paid_fen\":" API_INT, "\"id\",\"title\",\"amount_fen\",\"applications_total\",\"states\",\"paid_fen\""), 0, "404:not_found 403:out_of_scope", NULL},
    {"POST", "/api/v1/relief-batches/{id}/verify", "批次村审核：批次中待村审核的申请全部审核，moved 为笔数；没有时 409 nothing_to_do", NULL, NULL, BATCH_STEP_ANSWER("moved"), 0, "409:nothing_to_do 404:not_found 403:out_of_scope", NULL},
    {"POST", "/api/v1/relief-batches/{id}/review", "批次镇审核：待镇审核的申请全部审核，moved 为笔数；任何一笔被拒（如同一人审核）则整批不动", NULL, NULL, BATCH_STEP_ANSWER("moved"), 0, "409:nothing_to_do 409:same_person 404:not_found 403:out_of_scope 403:township_step", NULL},
    {"POST", "/api/v1/relief-batches/{id}/approve", "批次批准：公示期满的申请全部批准（有未处理异议的留下），moved 为笔数；其他任何一笔被拒则整批不动", NULL, NULL, BATCH_STEP_ANSWER("moved"), 0, "409:nothing_to_do 409:same_person 409:not_in_notice 409:notice_not_over 404:not_found 403:out_of_scope 403:township_step", NULL},
    {"POST", "/api/v1/relief-batches/{id}/disburse", "批次全部发放（全部成功或全部不做）；paid 为发放的笔数", NULL, API_OBJ("\"fund_id\":" API_INT ",\"paid_on\":" API_STR ",\"method\":" API_STR, "\"fund_id\""), BATCH_STEP_ANSWER("paid"), 0, "409:insufficient_funds 409:invalid_state 409:nothing_to_do 422:invalid_fund 422:invalid_method 422:invalid_date 422:fund_not_for_unit 422:invalid_type 404:not_found 404:fund_not_found 403:out_of_scope", NULL},
    {"GET", "/api/v1/receipts/{str}.pdf", "领款凭证 PDF", "layout:string copy:integer", NULL, NULL, 0, "404:not_found 403:out_of_scope", "pdf"},
    {"GET", "/api/v1/receipts/{str}", "领款凭证", NULL, NULL, RECEIPT_ANSWER, 0, "404:not_found 403:out_of_scope", NULL},
    {"POST", "/api/v1/receipts/{str}/void", "作废凭证（冲销），答复作废后的凭证", NULL, API_OBJ("\"reason\":" API_STR, "\"reason\""), RECEIPT_ANSWER, 0, "409:already_void 422:reason_required 422:invalid_type 404:not_found 403:out_of_scope", NULL},
    {"POST", "/api/v1/receipts/{str}/reprint", "补打凭证（记录，写明原因）；copy 为第几次补打", NULL, API_OBJ("\"reason\":" API_STR, "\"reason\""), API_OBJ("\"receipt_no\":" API_STR ",\"copy\":" API_INT, "\"receipt_no\",\"copy\""), 201, "409:already_void 422:reason_required 422:invalid_type 404:not_found 403:out_of_scope", NULL},
    {"GET", "/api/v1/reports/relief", "救助发放统计（按类别、资金、村、年度、批次）；?format= 导出", "group:string from:date to:date unit_id:integer format:string", NULL, API_OBJ("\"group\":" API_STR ",\"items\":" API_ARRAY(API_OBJ("\"key\":" API_STR ",\"payments\":" API_INT ",\"households\":" API_INT ",\"amount_fen\":" API_INT "", "\"key\",\"payments\",\"households\",\"amount_fen\"")) ",\"total\":" API_INT "", "\"group\",\"items\",\"total\""), 0, "422:invalid_query", API_FORMATS},
    {"GET", "/api/v1/reports/fund-ledger", "救助资金明细账，JSON 分页同 /api/v1/funds/{id}/ledger；?format= 导出整个期间（超过导出上限时 422 export_too_large）", "fund_id:integer from:date to:date format:string " API_PAGING "", NULL, API_OBJ("\"id\":" API_INT ",\"name\":" API_STR ",\"active\":" API_BOOL ",\"balance_fen\":" API_INT ",\"income_by_source_fen\":" API_OBJ("\"district\":" API_INT ",\"township\":" API_INT ",\"donation\":" API_INT ",\"other\":" API_INT "", "\"district\",\"township\",\"donation\",\"other\"") ",\"paid_fen\":" API_INT ",\"entries\":" API_ARRAY(API_OBJ("\"id\":" API_INT ",\"kind\":" API_STR ",\"amount_fen\":" API_INT ",\"balance_after_fen\":" API_INT ",\"on\":" API_STR ",\"document_no\":" API_STR ",\"note\":" API_STR ",\"reversed\":" API_BOOL ",\"source\":" API_STR ",\"receipt_no\":" API_STR "", "\"id\",\"kind\",\"amount_fen\",\"balance_after_fen\",\"on\",\"document_no\",\"note\",\"reversed\"")) ",\"total\":" API_INT ",\"limit\":" API_INT ",\"offset\":" API_INT ",\"in_kind_fen\":" API_INT "", "\"id\",\"name\",\"active\",\"balance_fen\",\"income_by_source_fen\",\"paid_fen\",\"entries\",\"total\",\"limit\",\"offset\",\"in_kind_fen\""), 0, "404:fund_not_found 403:out_of_scope 422:invalid_period 422:invalid_format 422:export_too_large", API_FORMATS},
    {0},
};
