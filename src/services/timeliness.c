/* timeliness.c: the cases of every service with a time limit and their figures (see timeliness.h). */
#include "timeliness.h"

#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "db_row.h"

/* Every case of every service (the steps of timeliness.h): kind, service, case, unit, started,
   finished (NULL while open), handler, backup and the due day fixed at intake (complaints only).
   Of the payments (relief_pay) only those that may finish on or after ?2 (CASES_FROM's first day)
   are read: an application still approved, or paid (a voided payment puts it back to approved)
   with a payment on or after ?2 (relief_payments_paid_on), so a year's report does not look up the
   first payment of every application ever paid. Each branch's WHERE ends with its argument of
   CASES_OF: "1" for every case, or OPEN_CASES' conditions, which keep only the cases not finished
   and name them by the state they wait in, so that an open-only read walks the state indexes
   (and the partial index of migration 110) over the open cases alone instead of every
   application ever made. */
#define CASES_OF(DECISION, GUARANTEE, DISBURSE, VERIFY, REVIEW, APPROVE, PAY, COMPLAINT)                          \
    "SELECT 'loan' AS kind, 'loan_decision' AS service, a.id AS case_id, h.village_id AS unit_id, "                \
    "a.submitted_on AS started_on, a.decided_on AS finished_on, a.handler_id AS handler_id, "                      \
    "a.backup_handler_id AS backup_id, NULL AS due_on FROM loan_applications a JOIN households h ON h.id = a.household_id " \
    "WHERE a.submitted_on IS NOT NULL AND a.state NOT IN ('draft', 'more_info', 'withdrawn') AND " DECISION        \
    " UNION ALL SELECT 'loan', 'guarantee', a.id, h.village_id, a.decided_on, coalesce(g.given_on, date(g.created_at)), " \
    "a.handler_id, a.backup_handler_id, NULL FROM loan_applications a JOIN households h ON h.id = a.household_id "   \
    "LEFT JOIN guarantees g ON g.application_id = a.id "                                                           \
    "WHERE a.decided_on IS NOT NULL AND a.state IN ('approved', 'guaranteed', 'disbursed') AND " GUARANTEE          \
    " UNION ALL SELECT 'loan', 'disbursement', a.id, h.village_id, coalesce(g.given_on, date(g.created_at)), "       \
    "l.disbursed_on, a.handler_id, a.backup_handler_id, NULL FROM loan_applications a "                             \
    "JOIN households h ON h.id = a.household_id JOIN guarantees g ON g.application_id = a.id "                     \
    "LEFT JOIN loans l ON l.application_id = a.id WHERE a.state IN ('guaranteed', 'disbursed') AND " DISBURSE       \
    " UNION ALL SELECT 'relief', 'relief_verify', a.id, h.village_id, a.applied_on, "                                \
    "coalesce(a.verified_on, a.reviewed_on, a.approved_on, a.rejected_on), a.created_by, a.backup_handler_id, NULL " \
    "FROM relief_applications a JOIN households h ON h.id = a.household_id WHERE " VERIFY                          \
    " UNION ALL SELECT 'relief', 'relief_review', a.id, h.village_id, a.verified_on, "                              \
    "coalesce(a.reviewed_on, a.approved_on, a.rejected_on), a.created_by, a.backup_handler_id, NULL "               \
    "FROM relief_applications a JOIN households h ON h.id = a.household_id WHERE a.verified_on IS NOT NULL AND " REVIEW \
    " UNION ALL SELECT 'relief', 'relief_approve', a.id, h.village_id, coalesce(n.ends_on, a.reviewed_on), "         \
    "coalesce(a.approved_on, a.rejected_on), a.created_by, a.backup_handler_id, NULL FROM relief_applications a "   \
    "JOIN households h ON h.id = a.household_id LEFT JOIN notices n ON n.id = a.notice_id "                         \
    "WHERE a.reviewed_on IS NOT NULL AND " APPROVE                                                                 \
    " UNION ALL SELECT 'relief', 'relief_pay', a.id, h.village_id, a.approved_on, (SELECT min(p.paid_on) "            \
    "FROM relief_payments p WHERE p.application_id = a.id AND NOT EXISTS (SELECT 1 FROM receipt_events x "          \
    "WHERE x.payment_id = p.id AND x.kind = 'void')), a.created_by, a.backup_handler_id, NULL "                     \
    "FROM relief_applications a JOIN households h ON h.id = a.household_id WHERE a.approved_on IS NOT NULL "        \
    "AND (a.state = 'approved' OR (a.state = 'paid' AND a.id IN (SELECT application_id FROM relief_payments "        \
    "WHERE paid_on >= ?2))) AND " PAY                                                                              \
    " UNION ALL SELECT 'complaint', 'complaint', c.id, c.unit_id, c.filed_on, c.resolved_on, c.handler_id, "        \
    "c.backup_id, c.due_on FROM complaints c WHERE " COMPLAINT
#define CASES_SQL CASES_OF("1", "1", "1", "1", "1", "1", "1", "1")
/* The cases not finished: each step's finishing day is NULL, and the state it waits in (a loan
   decision: the partial index loan_applications_deciding; a guarantee: approved; a disbursement:
   guaranteed; relief: applied, verified, reviewed or in notice; a payment: approved with no
   payment left, which the relief_pay branch's own condition already bounds; a complaint: open)
   is what an index finds them by. A step finished on a day after today (a server told an earlier
   day than data already written) is not found here: timeliness_open then reads CASES_SQL. */
#define OPEN_CASES                                                                                                 \
    CASES_OF("a.decided_on IS NULL",                                                                                \
             "a.state = 'approved' AND coalesce(g.given_on, date(g.created_at)) IS NULL",                             \
             "a.state = 'guaranteed' AND l.disbursed_on IS NULL",                                                    \
             "a.state = 'applied' AND coalesce(a.verified_on, a.reviewed_on, a.approved_on, a.rejected_on) IS NULL",  \
             "a.state = 'verified' AND coalesce(a.reviewed_on, a.approved_on, a.rejected_on) IS NULL",                \
             "a.state IN ('reviewed', 'in_notice') AND coalesce(a.approved_on, a.rejected_on) IS NULL",                \
             "a.state = 'approved' AND NOT EXISTS (SELECT 1 FROM relief_payments p WHERE p.application_id = a.id "   \
             "AND NOT EXISTS (SELECT 1 FROM receipt_events x WHERE x.payment_id = p.id AND x.kind = 'void'))",       \
             "c.state = 'open' AND c.resolved_on IS NULL")

/* A case with its unit, township and the names of its handler and backup (c: the case, u: its
   unit, t: the township of a village, ha/hb: handler and backup). */
#define CASE_ROW(X, _)                                                                                            \
    X("c.service", ENUM(enum timelimit_service, timelimit_service_parse), service) _ X("c.case_id", INT64, case_id) _ \
        X("u.id", INT64, unit_id) _ X("coalesce(t.id, u.id)", INT64, township_id) _                                  \
        X("coalesce(t.name, '') || u.name", TEXT(TIMELINESS_UNIT_SIZE), unit) _                                     \
        X("coalesce(t.name, u.name)", TEXT(NAME_SIZE), township) _ X("c.started_on", DAY, started_on) _             \
        X("c.due_on", DAY, due_on) _ X("c.finished_on", DAY, finished_on) _                                        \
        X("coalesce(c.handler_id, 0)", INT64, handler_id) _ X("coalesce(ha.unit_id, 0)", INT64, handler_unit_id) _ \
        X("coalesce(c.backup_id, 0)", INT64, backup_id) _ X("coalesce(ha.name, '')", TEXT(NAME_SIZE), handler) _    \
        X("coalesce(hb.name, '')", TEXT(NAME_SIZE), backup)
/* Reads a CASE_ROW. */
static DB_ROW_READER(case_read, CASE_ROW, struct timeliness_case)

/* The FROM and the scope, period and case conditions of every query here: ?1 scope path, cases
   started by ?3 and not finished before ?2; ?4 kind and ?5 id of one case (NULL: all); ?6 = 1
   open cases only (not finished by ?3). */
#define CASES_FROM_OF(CASES)                                                                                       \
    " FROM (" CASES ") c JOIN units u ON u.id = c.unit_id LEFT JOIN units t ON t.id = u.parent_id "           \
    "AND u.kind = 'village' LEFT JOIN users ha ON ha.id = c.handler_id LEFT JOIN users hb ON hb.id = c.backup_id " \
    "WHERE in_scope(u.path, ?1) AND c.started_on <= ?3 AND (c.finished_on IS NULL OR c.finished_on >= ?2) "       \
    "AND (?4 IS NULL OR (c.kind = ?4 AND c.case_id = ?5)) AND (?6 = 0 OR c.finished_on IS NULL OR c.finished_on > ?3)"
#define CASES_FROM CASES_FROM_OF(CASES_SQL)

/* What a pass over the cases needs: the calendar and each service's limit. */
struct pass {
    struct calendar cal;
    int days[TL__MAX];
};

/* Loads the calendar and limits. NULL when out of memory or the calendar cannot be read. */
static struct pass *pass_new(struct db *db)
{
    struct pass *p = malloc(sizeof *p);
    if (!p || calendar_load(db, &p->cal) != 0) {
        free(p);
        return NULL;
    }
    for (int s = 0; s < TL__MAX; s++)
        p->days[s] = timelimit_days(db, timelimit_service_code(s));
    return p;
}

/* Fills c's due day (unless fixed at intake) and whether it is late as judged on `on`. */
static void judge(const struct pass *p, struct timeliness_case *c, struct date on)
{
    if (!c->due_on.y)
        c->due_on = workday_add(&p->cal.cal, c->started_on, p->days[c->service]);
    c->late = c->finished_on.y ? date_cmp(c->finished_on, c->due_on) > 0 : date_cmp(on, c->due_on) > 0;
}

/* Prepares a query over the cases (what: the columns and the tail after the conditions) and binds
   the conditions of CASES_FROM. NULL on error. */
static sqlite3_stmt *cases_query(struct db *db, const char *sql, const struct user_ctx *actor, struct date from,
                                 struct date to, const char *kind, int64_t id, int open_only)
{
    sqlite3_stmt *st = db_prep(db, sql);
    char a[11], b[11];
    if (st)
        db_bind(st, "ttttId", actor->unit_path, date_format(from, a), date_format(to, b), kind, id, open_only);
    return st;
}

int timeliness_steps(struct db *db, const struct user_ctx *actor, enum timeliness_kind kind, int64_t id,
                     struct date today, void (*fn)(const struct timeliness_case *, void *), void *ctx)
{
    static const char *const kinds[] = {"loan", "relief", "complaint"};
    struct pass *p = pass_new(db);
    sqlite3_stmt *st = p ? cases_query(db, "SELECT " DB_ROW_COLUMNS(CASE_ROW) CASES_FROM " ORDER BY c.started_on, "
                                           "CASE c.service WHEN 'loan_decision' THEN 0 WHEN 'guarantee' THEN 1 "
                                           "WHEN 'disbursement' THEN 2 WHEN 'relief_verify' THEN 0 WHEN 'relief_review' "
                                           "THEN 1 WHEN 'relief_approve' THEN 2 ELSE 3 END",
                                       actor, (struct date){1, 1, 1}, (struct date){9999, 12, 31}, kinds[kind], id, 0)
                         : NULL;
    int n = st ? 0 : -1;
    while (st && sqlite3_step(st) == SQLITE_ROW) {
        struct timeliness_case c = {0};
        if (case_read(st, &c) != 0) {
            n = -1;
            break;
        }
        judge(p, &c, today);
        fn(&c, ctx);
        n++;
    }
    if (st)
        n = (int)db_end(st, n, NULL);
    free(p);
    return n;
}

/* Orders open cases by due day, then service and case. */
static int by_due(const void *a, const void *b)
{
    const struct timeliness_case *x = a, *y = b;
    int d = date_cmp(x->due_on, y->due_on);
    if (d)
        return d;
    if (x->service != y->service)
        return x->service < y->service ? -1 : 1;
    return x->case_id < y->case_id ? -1 : x->case_id > y->case_id;
}

/* Whether any step finished on a day after `today` (then open on it, which OPEN_CASES does not
   find): one probe of each finishing day's index (migration 110). 1 also when it cannot tell. */
static int finished_after(struct db *db, struct date today)
{
    char t[11];
    return db_int(db, 1,
                  "SELECT EXISTS (SELECT 1 FROM loan_applications WHERE decided_on > ?1) "
                  "OR EXISTS (SELECT 1 FROM guarantees WHERE coalesce(given_on, date(created_at)) > ?1) "
                  "OR EXISTS (SELECT 1 FROM loans WHERE disbursed_on > ?1) "
                  "OR EXISTS (SELECT 1 FROM relief_applications WHERE verified_on > ?1) "
                  "OR EXISTS (SELECT 1 FROM relief_applications WHERE reviewed_on > ?1) "
                  "OR EXISTS (SELECT 1 FROM relief_applications WHERE coalesce(approved_on, rejected_on) > ?1) "
                  "OR EXISTS (SELECT 1 FROM relief_payments WHERE paid_on > ?1) "
                  "OR EXISTS (SELECT 1 FROM complaints WHERE resolved_on > ?1)",
                  "t", date_format(today, t)) != 0;
}

int64_t timeliness_open(struct db *db, const struct user_ctx *actor, struct date today,
                        const struct timeliness_open_query *q, void (*fn)(const struct timeliness_case *, void *),
                        void *ctx)
{
    struct pass *p = pass_new(db);
    /* The open cases through their states' indexes; every case, filtered, when a step finished later. */
    const char *sql = finished_after(db, today) ? "SELECT " DB_ROW_COLUMNS(CASE_ROW) CASES_FROM
                                                : "SELECT " DB_ROW_COLUMNS(CASE_ROW) CASES_FROM_OF(OPEN_CASES);
    sqlite3_stmt *st = p ? cases_query(db, sql, actor, today, today, NULL, 0, 1) : NULL;
    struct timeliness_case *all = NULL;
    size_t n = 0, cap = 0;
    int bad = !st;
    while (!bad && sqlite3_step(st) == SQLITE_ROW) {
        struct timeliness_case c = {0};
        if (case_read(st, &c) != 0) {
            bad = 1;
            break;
        }
        judge(p, &c, today);
        if (!(q->services & (1u << c.service)) || (q->due_from.y && date_cmp(c.due_on, q->due_from) < 0) ||
            (q->due_to.y && date_cmp(c.due_on, q->due_to) > 0))
            continue;
        if (n == cap) {
            struct timeliness_case *more = realloc(all, (cap = cap ? 2 * cap : 64) * sizeof *all);
            if (!more) {
                bad = 1;
                break;
            }
            all = more;
        }
        all[n++] = c;
    }
    if (st && db_end(st, 0, NULL) != 0)
        bad = 1;
    free(p);
    if (!bad && n) {
        qsort(all, n, sizeof *all, by_due);
        for (size_t i = (size_t)(q->offset > 0 ? q->offset : 0); i < n && (int64_t)i < (int64_t)q->offset + q->limit; i++)
            fn(&all[i], ctx);
    }
    free(all);
    return bad ? -1 : (int64_t)n;
}

static const char *const by_names[TB__MAX][2] = {{"village", "按村"}, {"township", "按镇"}, {"handler", "按经办人"}};

const char *timeliness_by_code(int by)
{
    return by >= 0 && by < TB__MAX ? by_names[by][0] : NULL;
}

const char *timeliness_by_name(int by)
{
    return by >= 0 && by < TB__MAX ? by_names[by][1] : NULL;
}

int timeliness_by_parse(const char *code)
{
    for (int i = 0; code && i < TB__MAX; i++)
        if (!strcmp(code, by_names[i][0]))
            return i;
    return -1;
}

/* The figures of one group being summed, one per service. */
struct group {
    int64_t key;
    struct timeliness_figures f[TL__MAX];
};

/* The groups of one grouping: an array, and an open-addressing table of their keys (index + 1;
   0 empty) whose size is a power of two at least twice the groups. */
struct grouping {
    enum timeliness_by by;
    struct group *g;
    int n, cap;
    int *slot;
    size_t size;
};

/* Writes a group's services with any figure; returns how many. */
static int group_flush(const struct group *g, void (*fn)(const struct timeliness_figures *, void *), void *ctx)
{
    int n = 0;
    for (int s = 0; s < TL__MAX; s++)
        if (g->f[s].handled || g->f[s].open_late) {
            fn(&g->f[s], ctx);
            n++;
        }
    return n;
}

/* Starts a group for the case c under the grouping. */
static void group_start(struct group *g, enum timeliness_by by, const struct timeliness_case *c, int64_t key)
{
    memset(g, 0, sizeof *g);
    g->key = key;
    for (int s = 0; s < TL__MAX; s++) {
        struct timeliness_figures *f = &g->f[s];
        f->by = by;
        f->service = (enum timelimit_service)s;
        if (by == TB_HANDLER) {
            f->unit_id = c->handler_unit_id;
            f->handler_id = c->handler_id;
            memcpy(f->handler, c->handler, sizeof f->handler);
        } else {
            f->unit_id = key;
            memcpy(f->unit, by == TB_TOWNSHIP ? c->township : c->unit, by == TB_TOWNSHIP ? sizeof c->township : sizeof f->unit);
        }
    }
}

/* The table slot of key (its group's, or the empty one where it goes). */
static size_t slot_of(const struct grouping *gs, int64_t key)
{
    size_t i = (size_t)((uint64_t)key * 0x9E3779B97F4A7C15ull >> 32) & (gs->size - 1);
    while (gs->slot[i] && gs->g[gs->slot[i] - 1].key != key)
        i = (i + 1) & (gs->size - 1);
    return i;
}

/* The group of the case c (its key under the grouping), started when new. NULL when out of memory. */
static struct group *group_of(struct grouping *gs, const struct timeliness_case *c)
{
    int64_t key = gs->by == TB_HANDLER ? c->handler_id : gs->by == TB_TOWNSHIP ? c->township_id : c->unit_id;
    if (2 * (size_t)(gs->n + 1) > gs->size) { /* grow the table (and rehash) */
        size_t size = gs->size ? 2 * gs->size : 64;
        int *slot = calloc(size, sizeof *slot);
        if (!slot)
            return NULL;
        free(gs->slot);
        gs->slot = slot, gs->size = size;
        for (int k = 0; k < gs->n; k++)
            gs->slot[slot_of(gs, gs->g[k].key)] = k + 1;
    }
    size_t i = slot_of(gs, key);
    if (gs->slot[i])
        return &gs->g[gs->slot[i] - 1];
    if (gs->n == gs->cap) {
        int cap = gs->cap ? 2 * gs->cap : 32;
        struct group *more = realloc(gs->g, (size_t)cap * sizeof *more);
        if (!more)
            return NULL;
        gs->g = more, gs->cap = cap;
    }
    group_start(&gs->g[gs->n], gs->by, c, key);
    gs->slot[i] = ++gs->n;
    return &gs->g[gs->n - 1];
}

/* Counts case c (due day judged on `on`) into the group for the period [from, to]. */
static void group_add(struct group *g, const struct timeliness_case *c, struct date from, struct date to, struct date on)
{
    struct timeliness_figures *f = &g->f[c->service];
    int finished = c->finished_on.y && date_cmp(c->finished_on, on) <= 0;
    if (finished && date_cmp(c->finished_on, from) >= 0 && date_cmp(c->finished_on, to) <= 0) {
        f->handled++;
        if (c->late)
            f->late++;
        else
            f->on_time++;
    } else if (!finished && date_cmp(on, c->due_on) > 0)
        f->open_late++;
}

/* Orders groups by key. */
static int by_key(const void *a, const void *b)
{
    int64_t x = ((const struct group *)a)->key, y = ((const struct group *)b)->key;
    return (x > y) - (x < y);
}

int timeliness_report(struct db *db, const struct user_ctx *actor, unsigned bys, struct date from, struct date to,
                      struct date today, void (*fn)(const struct timeliness_figures *, void *), void *ctx)
{
    struct date on = date_cmp(to, today) < 0 ? to : today;
    struct grouping gs[TB__MAX];
    int ngs = 0;
    for (int b = 0; b < TB__MAX; b++)
        if (bys & TB_BIT(b))
            gs[ngs++] = (struct grouping){.by = (enum timeliness_by)b};
    struct pass *p = pass_new(db);
    sqlite3_stmt *st = p ? cases_query(db, "SELECT " DB_ROW_COLUMNS(CASE_ROW) CASES_FROM, actor, from, on, NULL, 0, 0) : NULL;
    int n = st ? 0 : -1, rc = SQLITE_DONE;
    while (st && n >= 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct timeliness_case c = {0};
        if (case_read(st, &c) != 0) {
            n = -1;
            break;
        }
        /* A case finished after the day judged on is still open then. */
        if (c.finished_on.y && date_cmp(c.finished_on, on) > 0)
            c.finished_on = (struct date){0};
        judge(p, &c, on);
        for (int k = 0; k < ngs && n >= 0; k++) {
            struct group *g = group_of(&gs[k], &c);
            if (g)
                group_add(g, &c, from, to, on);
            else
                n = -1;
        }
    }
    if (n >= 0 && rc != SQLITE_DONE) /* a step that failed */
        n = -1;
    db_done(st);
    free(p);
    for (int k = 0; k < ngs; k++) {
        if (n >= 0 && gs[k].n)
            qsort(gs[k].g, (size_t)gs[k].n, sizeof *gs[k].g, by_key);
        for (int i = 0; n >= 0 && i < gs[k].n; i++)
            n += group_flush(&gs[k].g[i], fn, ctx);
        free(gs[k].g);
        free(gs[k].slot);
    }
    return n;
}

/* A person as {id, name}, or null when none is named. */
static json_t *person_json(int64_t id, const char *name)
{
    return id ? json_pack("{s:I, s:s}", "id", (json_int_t)id, "name", name) : json_null();
}

json_t *timeliness_case_json(const struct timeliness_case *c)
{
    char s[11], d[11], f[11];
    return json_pack("{s:s, s:s, s:I, s:I, s:s, s:s, s:s, s:o, s:o, s:o, s:b}", "service",
                     timelimit_service_code(c->service), "service_name", timelimit_service_name(c->service), "case_id",
                     (json_int_t)c->case_id, "unit_id", (json_int_t)c->unit_id, "unit", c->unit, "started_on",
                     date_format(c->started_on, s), "due_on", date_format(c->due_on, d), "finished_on",
                     c->finished_on.y ? json_string(date_format(c->finished_on, f)) : json_null(), "handler",
                     person_json(c->handler_id, c->handler), "backup", person_json(c->backup_id, c->backup), "late",
                     c->late);
}
