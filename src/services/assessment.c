/* assessment.c: the assessment's figures, rates and score (see assessment.h; the formula is
   docs/domain.md's "考核"). */
#include "assessment.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "db_row.h"
#include "timeliness.h"
#include "unit.h"

static const char *const item_codes[AS__ITEMS] = {"pairing",    "visits",       "training", "information",
                                                  "timeliness", "satisfaction", "overdue"};
static const char *const item_names[AS__ITEMS] = {"结对覆盖率", "结对户走访率", "结对户参训率", "信息到村率",
                                                  "按时办结率", "群众满意率",   "贷款按期率"};

const char *assess_item_code(int i)
{
    return i >= 0 && i < AS__ITEMS ? item_codes[i] : "";
}

const char *assess_item_name(int i)
{
    return i >= 0 && i < AS__ITEMS ? item_names[i] : "";
}

/* The parameter key of an item's weight into out (48). */
static const char *weight_key(int i, char out[48])
{
    snprintf(out, 48, "assess_weight.%s", item_codes[i]);
    return out;
}

void assess_weights_get(struct db *db, struct assess_weights *out)
{
    char key[48];
    for (int i = 0; i < AS__ITEMS; i++) {
        int64_t w = db_param_int(db, weight_key(i, key), 0);
        out->w[i] = w >= 0 && w <= 100 ? (int)w : 0;
    }
}

/* The weights as an audit object {code: weight}. */
static json_t *weights_json(const struct assess_weights *w)
{
    json_t *o = json_object();
    for (int i = 0; i < AS__ITEMS; i++)
        json_object_set_new(o, item_codes[i], json_integer(w->w[i]));
    return o;
}

int assess_weights_set(struct db *db, const struct user_ctx *actor, const struct assess_weights *w, struct err *e)
{
    int sum = 0;
    for (int i = 0; i < AS__ITEMS; i++) {
        if (w->w[i] < 0 || w->w[i] > 100)
            return err_set(e, 422, "invalid_weight", item_codes[i], "%s的权重应为 0 到 100 的整数", item_names[i]);
        sum += w->w[i];
    }
    if (sum != 100)
        return err_set(e, 422, "weights_not_100", "weights", "各项权重合计应为 100，现在是 %d", sum);
    struct assess_weights was;
    assess_weights_get(db, &was);
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    int ok = 1;
    char key[48], value[8];
    for (int i = 0; ok && i < AS__ITEMS; i++) {
        snprintf(value, sizeof value, "%d", w->w[i]);
        ok = db_run(db, "INSERT INTO parameters (key, value, note) VALUES (?1, ?2, '考核权重') "
                        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    "tt", weight_key(i, key), value) == SQLITE_DONE;
    }
    return audit_commit(db, ok, actor, "update", "assessment_weights", 0, weights_json(&was), weights_json(w), e);
}

int assess_period_parse(const char *quarter, const char *month, struct date today, struct assess_period *out,
                        struct err *e)
{
    memset(out, 0, sizeof *out);
    int has_q = quarter && *quarter, has_m = month && *month;
    if (has_q && has_m)
        return err_set(e, 422, "invalid_period", "quarter", "季度和月份只能选一个");
    if (has_m) {
        char first[16];
        if (strlen(month) != 7 || month[4] != '-' || snprintf(first, sizeof first, "%s-01", month) != 10 ||
            date_parse(first, &out->from) != 0)
            return err_set(e, 422, "invalid_period", "month", "月份格式应为 2027-01");
        out->to = date_add_days(date_add_months(out->from, 1), -1);
        snprintf(out->code, sizeof out->code, "%s", month);
    } else {
        char code[12];
        if (!has_q)
            snprintf(code, sizeof code, "%04dQ%d", today.y, (today.m - 1) / 3 + 1);
        else
            snprintf(code, sizeof code, "%.7s", quarter);
        if (date_quarter_parse(has_q ? quarter : code, &out->from, &out->to) != 0)
            return err_set(e, 422, "invalid_period", "quarter", "季度格式应为 2027Q1（第1至第4季度）");
        snprintf(out->code, sizeof out->code, "%s", code);
    }
    if (date_cmp(out->from, today) > 0)
        return err_set(e, 422, "period_not_begun", has_m ? "month" : "quarter", "该期间尚未开始，不能考核");
    out->asof = date_cmp(out->to, today) < 0 ? out->to : today;
    return 0;
}

/* One grouped count: the unit it belongs to and up to four figures (what each is depends on the query). */
#define ASSESS_COUNT_ROW(X, _)                                                                                        \
    X("x.k", INT64, unit_id) _ X("x.a", INT64, a) _ X("x.b", INT64, b) _ X("x.c", INT64, c) _ X("x.d", INT64, d)
struct assess_count {
    DB_ROW_FIELDS(ASSESS_COUNT_ROW)
};
/* Reads an ASSESS_COUNT_ROW. */
static DB_ROW_READER(assess_count_read, ASSESS_COUNT_ROW, struct assess_count)

/* A query grouped by unit (k) with its figures a..d, kept to the units within :scope. */
#define SCOPED(inner)                                                                                                 \
    "SELECT " DB_ROW_COLUMNS(ASSESS_COUNT_ROW) " FROM (" inner ") x JOIN units u ON u.id = x.k "                  \
                                                 "WHERE in_scope(u.path, :scope)"
#define F(field) (int)offsetof(struct assess_figures, field)
#define NONE (-1)

/* A figure query and the fields its a..d add to (NONE: not used). */
struct assess_query {
    const char *sql;
    int field[4];
};

/* The units being assessed while their figures are added: rows in tree order and, by unit id,
   the row (index + 1; 0 for a unit outside the scope). */
struct assess_tree {
    struct assess_figures *rows;
    int n, cap;
    int *at;
    int64_t max_id;
};

/* Runs one figure query with the period's parameters and adds each unit's figures to its row and
   every row above it. 0 or -1 with e. */
static int add_figures(struct db *db, const char *scope, const struct assess_period *p, struct assess_tree *t,
                       const struct assess_query *q, struct err *e)
{
    sqlite3_stmt *st = db_prep(db, q->sql);
    if (!st)
        return db_fail(db, e);
    char from[11], to[11], asof[11];
    const char *names[] = {":scope", ":from", ":to", ":asof"};
    const char *values[] = {scope, date_format(p->from, from), date_format(p->to, to), date_format(p->asof, asof)};
    for (int i = 0; i < 4; i++) {
        int at = sqlite3_bind_parameter_index(st, names[i]);
        if (at && sqlite3_bind_text(st, at, values[i], -1, SQLITE_TRANSIENT) != SQLITE_OK) {
            db_done(st);
            return db_fail(db, e);
        }
    }
    int bad = 0, rc;
    while (!bad && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct assess_count c = {0};
        bad = assess_count_read(st, &c) != 0;
        int64_t v[4] = {c.a, c.b, c.c, c.d};
        for (int64_t id = c.unit_id; !bad && id > 0 && id <= t->max_id && t->at[id];) {
            struct assess_figures *f = &t->rows[t->at[id] - 1];
            for (int k = 0; k < 4; k++)
                if (q->field[k] != NONE)
                    *(int64_t *)((char *)f + q->field[k]) += v[k];
            id = f->parent_id;
        }
    }
    db_done(st);
    if (bad)
        return db_row_fail(e);
    return rc == SQLITE_DONE ? 0 : db_fail(db, e);
}

/* What the timeliness pass fills: the units' rows, and the handlers' figures when asked for. */
struct timeliness_fill {
    struct assess_tree *t;
    struct assess_handlers *handlers; /* NULL: not asked for */
};

/* Adds one group's timeliness figures of one service (timeliness_report's callback): a village's
   (or a complaint unit's) to its row and every row above it; a handler's to their entry. */
static void add_timeliness(const struct timeliness_figures *x, void *ctx)
{
    struct timeliness_fill *fill = ctx;
    struct assess_tree *t = fill->t;
    struct assess_handlers *hs = fill->handlers;
    if (x->by == TB_HANDLER) { /* handlers come in id order, each one's services together */
        if (!hs->n || hs->h[hs->n - 1].handler_id != x->handler_id) {
            if (hs->n == hs->cap) {
                int cap = hs->cap ? 2 * hs->cap : 32;
                struct assess_handler *more = realloc(hs->h, (size_t)cap * sizeof *more);
                if (!more) {
                    hs->failed = 1;
                    return;
                }
                hs->h = more, hs->cap = cap;
            }
            hs->h[hs->n++] = (struct assess_handler){.handler_id = x->handler_id};
        }
        struct assess_handler *h = &hs->h[hs->n - 1];
        h->handled += x->handled, h->on_time += x->on_time, h->open_late += x->open_late;
        return;
    }
    for (int64_t id = x->unit_id; id > 0 && id <= t->max_id && t->at[id];) {
        struct assess_figures *f = &t->rows[t->at[id] - 1];
        f->handled += x->handled, f->on_time += x->on_time, f->open_late += x->open_late;
        id = f->parent_id;
    }
}

/* The timeliness of the period within the scope: THE figures of the timeliness report
   (timeliness_report by village over [from, to], open cases judged on the assessment day), added up
   the tree; in the same pass, by handler into handlers when not NULL. 0 or -1 with e. */
static int add_timeliness_figures(struct db *db, const char *scope, const struct assess_period *p,
                                  struct assess_tree *t, struct assess_handlers *handlers, struct err *e)
{
    struct user_ctx scope_ctx = {0};
    struct timeliness_fill fill = {t, handlers};
    if ((size_t)snprintf(scope_ctx.unit_path, sizeof scope_ctx.unit_path, "%s", scope) >= sizeof scope_ctx.unit_path)
        return err_set(e, 500, "db_error", NULL, "读取单位失败，请稍后再试");
    unsigned bys = TB_BIT(TB_VILLAGE) | (handlers ? TB_BIT(TB_HANDLER) : 0);
    if (timeliness_report(db, &scope_ctx, bys, p->from, p->to, p->asof, add_timeliness, &fill) < 0)
        return db_fail(db, e);
    if (handlers && handlers->failed)
        return err_set(e, 500, "db_error", NULL, "内存不足，请稍后再试");
    return 0;
}

/* The figures of the help given, the cases handled, complaints and loans (one query each). */
static const struct assess_query figure_queries[] = {
    {SCOPED("SELECT village_id AS k, count(*) AS a, 0 AS b, 0 AS c, 0 AS d FROM households GROUP BY village_id"),
     {F(households), NONE, NONE, NONE}},
    {SCOPED("SELECT h.village_id AS k, count(*) AS a, sum(EXISTS (SELECT 1 FROM visits v WHERE v.household_id = p.hid "
            "AND v.visited_on BETWEEN :from AND :to)) AS b, sum(EXISTS (SELECT 1 FROM training_attendees x JOIN "
            "trainings t ON t.id = x.training_id WHERE x.household_id = p.hid AND t.held_on BETWEEN :from AND :to)) AS c, "
            "0 AS d FROM (SELECT DISTINCT household_id AS hid FROM pairs WHERE from_on <= :to AND (ended_on IS NULL OR "
            "ended_on >= :from)) p JOIN households h ON h.id = p.hid GROUP BY h.village_id"),
     {F(paired), F(visited), F(trained), NONE}},
    {SCOPED("SELECT h.village_id AS k, count(*) AS a, 0 AS b, 0 AS c, 0 AS d FROM visits v JOIN households h "
            "ON h.id = v.household_id WHERE v.visited_on BETWEEN :from AND :to GROUP BY h.village_id"),
     {F(visits), NONE, NONE, NONE}},
    {SCOPED("SELECT unit_id AS k, count(*) AS a, 0 AS b, 0 AS c, 0 AS d FROM trainings "
            "WHERE held_on BETWEEN :from AND :to GROUP BY unit_id"),
     {F(trainings), NONE, NONE, NONE}},
    {SCOPED("SELECT h.village_id AS k, count(*) AS a, 0 AS b, 0 AS c, 0 AS d FROM trainings t JOIN training_attendees "
            "x ON x.training_id = t.id JOIN households h ON h.id = x.household_id WHERE t.held_on BETWEEN :from AND :to "
            "GROUP BY h.village_id"),
     {F(attendances), NONE, NONE, NONE}},
    {SCOPED("SELECT unit_id AS k, count(*) AS a, 0 AS b, 0 AS c, 0 AS d FROM information_items "
            "WHERE sent_on BETWEEN :from AND :to GROUP BY unit_id"),
     {F(info_items), NONE, NONE, NONE}},
    {SCOPED("SELECT r.village_id AS k, 1 AS a, 0 AS b, 0 AS c, 0 AS d FROM information_recipients r JOIN "
            "information_items i ON i.id = r.item_id WHERE i.sent_on BETWEEN :from AND :to GROUP BY r.village_id"),
     {F(info_villages), NONE, NONE, NONE}},
    {SCOPED("SELECT h.village_id AS k, count(*) AS a, 0 AS b, 0 AS c, 0 AS d FROM loan_applications la JOIN "
            "households h ON h.id = la.household_id WHERE la.decided_on BETWEEN :from AND :to GROUP BY h.village_id"),
     {F(loans_handled), NONE, NONE, NONE}},
    {SCOPED("SELECT h.village_id AS k, count(*) AS a, 0 AS b, 0 AS c, 0 AS d FROM relief_applications ra JOIN "
            "households h ON h.id = ra.household_id WHERE coalesce(ra.approved_on, ra.rejected_on) BETWEEN :from AND :to "
            "GROUP BY h.village_id"),
     {F(relief_handled), NONE, NONE, NONE}},
    {SCOPED("SELECT unit_id AS k, coalesce(sum(filed_on BETWEEN :from AND :to), 0) AS a, "
            "coalesce(sum(resolved_on BETWEEN :from AND :to AND satisfaction = '满意'), 0) AS b, "
            "coalesce(sum(resolved_on BETWEEN :from AND :to AND satisfaction = '基本满意'), 0) AS c, "
            "coalesce(sum(resolved_on BETWEEN :from AND :to AND satisfaction = '不满意'), 0) AS d "
            "FROM complaints GROUP BY unit_id"),
     {F(complaints), F(satisfied), F(basic), F(unsatisfied)}},
    {SCOPED("SELECT village_id AS k, count(*) AS a, coalesce(sum(oldest_unpaid_due < :asof), 0) AS b, 0 AS c, 0 AS d "
            "FROM loans WHERE state = 'active' AND disbursed_on <= :asof GROUP BY village_id"),
     {F(loans_active), F(loans_overdue), NONE, NONE}},
};

/* Keeps one unit of the scope as a row. */
static void unit_row(const struct unit *u, void *ctx)
{
    struct assess_tree *t = ctx;
    if (t->n == t->cap) {
        int cap = t->cap ? 2 * t->cap : 64;
        struct assess_figures *more = realloc(t->rows, (size_t)cap * sizeof *more);
        if (!more)
            return;
        t->rows = more, t->cap = cap;
    }
    struct assess_figures *f = &t->rows[t->n++];
    memset(f, 0, sizeof *f);
    f->unit_id = u->id, f->parent_id = u->parent_id;
    snprintf(f->name, sizeof f->name, "%s", u->name);
    snprintf(f->kind, sizeof f->kind, "%s", u->kind);
    snprintf(f->path, sizeof f->path, "%s", u->path);
    f->villages = !strcmp(u->kind, "village"); /* the units above are counted in assess_run */
    if (u->id > t->max_id)
        t->max_id = u->id;
}

/* Orders rows as the tree: unit paths compared id by id, so each unit comes right before the units
   below it and siblings follow their ids. */
static int by_path(const void *a, const void *b)
{
    const char *p = ((const struct assess_figures *)a)->path, *q = ((const struct assess_figures *)b)->path;
    while (*p == '/' && *q == '/' && p[1] && q[1]) {
        char *pe, *qe;
        long long x = strtoll(p + 1, &pe, 10), y = strtoll(q + 1, &qe, 10);
        if (x != y)
            return x < y ? -1 : 1;
        p = pe, q = qe;
    }
    return (p[0] == '/' && p[1]) - (q[0] == '/' && q[1]);
}

/* Puts the rows in tree order and fills the lookup by id. 0 or -1 when out of memory. */
static int tree_index(struct assess_tree *t)
{
    qsort(t->rows, (size_t)t->n, sizeof *t->rows, by_path);
    t->at = calloc((size_t)t->max_id + 1, sizeof *t->at);
    for (int i = 0; t->at && i < t->n; i++)
        t->at[t->rows[i].unit_id] = i + 1;
    return t->at ? 0 : -1;
}

int assess_run(struct db *db, const char *scope_path, const struct assess_period *p, const struct assess_weights *w,
               struct assess_handlers *handlers, struct assess_figures **out, int *n, struct err *e)
{
    struct assess_tree t = {0};
    *out = NULL, *n = 0;
    if (unit_list(db, scope_path, NULL, unit_row, &t) != t.n || t.n == 0 || tree_index(&t) != 0) {
        free(t.rows);
        free(t.at);
        return err_set(e, 500, "db_error", NULL, "读取单位失败，请稍后再试");
    }
    for (int i = 0; i < t.n; i++) /* each village counts once in every unit above it */
        for (int64_t id = t.rows[i].parent_id; t.rows[i].villages && id > 0 && id <= t.max_id && t.at[id];
             id = t.rows[t.at[id] - 1].parent_id)
            t.rows[t.at[id] - 1].villages++;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < sizeof figure_queries / sizeof figure_queries[0]; i++)
        rc = add_figures(db, scope_path, p, &t, &figure_queries[i], e);
    if (rc == 0)
        rc = add_timeliness_figures(db, scope_path, p, &t, handlers, e);
    free(t.at);
    return assess_finish(rc, t.rows, t.n, w, out, n);
}

int assess_finish(int rc, struct assess_figures *rows, int n_rows, const struct assess_weights *w,
                  struct assess_figures **out, int *n)
{
    if (rc != 0) {
        free(rows);
        return -1;
    }
    for (int i = 0; i < n_rows; i++)
        assess_score(&rows[i], w);
    *out = rows, *n = n_rows;
    return 0;
}

void assess_score(struct assess_figures *f, const struct assess_weights *w)
{
    f->rated = f->satisfied + f->basic + f->unsatisfied;
    int64_t num[AS__ITEMS] = {f->paired,        f->visited,    f->trained,
                              f->info_villages, f->on_time,    f->satisfied + f->basic,
                              f->loans_active - f->loans_overdue};
    int64_t den[AS__ITEMS] = {f->households, f->paired,      f->paired, f->villages, f->handled + f->open_late,
                              f->rated, f->loans_active};
    /* items about work done score nothing without a base; items about faults score fully without cases */
    static const int full_when_none[AS__ITEMS] = {0, 0, 0, 0, 1, 1, 1};
    f->score_milli = 0;
    for (int i = 0; i < AS__ITEMS; i++) {
        f->num[i] = num[i], f->den[i] = den[i];
        if (den[i] <= 0)
            f->part_milli[i] = full_when_none[i] ? 1000LL * w->w[i] : 0;
        else /* w × num / den points, in thousandths, rounded half up */
            f->part_milli[i] = (2000LL * w->w[i] * num[i] + den[i]) / (2 * den[i]);
        f->score_milli += f->part_milli[i];
    }
}

const char *assess_score_text(int64_t milli, char out[16])
{
    int64_t tenths = (milli + 50) / 100;
    snprintf(out, 16, "%lld.%lld", (long long)(tenths / 10), (long long)(tenths % 10));
    return out;
}

json_t *assess_json(const struct assess_figures *f)
{
    char score[16];
    json_t *rates = json_object();
    for (int i = 0; i < AS__ITEMS; i++) {
        char points[16];
        json_object_set_new(rates, item_codes[i],
                            json_pack("{s:I, s:I, s:s}", "num", (json_int_t)f->num[i], "den", (json_int_t)f->den[i],
                                      "points", assess_score_text(f->part_milli[i], points)));
    }
    json_t *o = json_pack("{s:I, s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "unit_id",
                          (json_int_t)f->unit_id, "unit", f->name, "kind", f->kind, "households",
                          (json_int_t)f->households, "villages", (json_int_t)f->villages, "paired",
                          (json_int_t)f->paired, "visits", (json_int_t)f->visits, "visited", (json_int_t)f->visited,
                          "trainings", (json_int_t)f->trainings, "attendances", (json_int_t)f->attendances, "trained",
                          (json_int_t)f->trained, "information_items", (json_int_t)f->info_items,
                          "information_villages", (json_int_t)f->info_villages);
    json_t *more = json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:o, s:s}", "loans_handled",
                             (json_int_t)f->loans_handled, "relief_handled", (json_int_t)f->relief_handled, "handled",
                             (json_int_t)f->handled, "on_time", (json_int_t)f->on_time, "open_late",
                             (json_int_t)f->open_late, "complaints", (json_int_t)f->complaints, "rated",
                             (json_int_t)f->rated, "satisfied", (json_int_t)f->satisfied, "basically_satisfied",
                             (json_int_t)f->basic, "unsatisfied", (json_int_t)f->unsatisfied, "loans_active",
                             (json_int_t)f->loans_active, "loans_overdue", (json_int_t)f->loans_overdue, "rates", rates,
                             "score", assess_score_text(f->score_milli, score));
    if (more)
        json_object_set_new(more, "score_milli", json_integer(f->score_milli));
    if (more && f->user_id) {
        json_object_set_new(more, "user_id", json_integer(f->user_id));
        json_object_set_new(more, "officer", json_string(f->officer));
    }
    if (!o || !more) {
        json_decref(o);
        json_decref(more);
        return NULL;
    }
    json_object_update(o, more);
    json_decref(more);
    return o;
}
