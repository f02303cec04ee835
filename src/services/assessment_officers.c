/* assessment_officers.c: the assessment (考核) of each village officer (see assessment.h,
   assess_officers; docs/domain.md "考核"). */
#include "assessment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_row.h"

/* An active village officer of a village within the scope. */
#define OFFICER_ROW(X, _) X("us.id", INT64, user_id) _ X("us.name", TEXT(NAME_SIZE), officer) _ X("us.unit_id", INT64, unit_id)
struct officer {
    DB_ROW_FIELDS(OFFICER_ROW)
};
/* Reads an OFFICER_ROW. */
static DB_ROW_READER(officer_read, OFFICER_ROW, struct officer)

/* The officers' rows while they are filled, in user id order (for the lookups), and each one's
   village's place in the units' order. */
struct officers {
    struct assess_figures *rows;
    int *place;
    int n, cap;
};

/* The row of the officer with this user id, or NULL. */
static struct assess_figures *officer_row(struct officers *o, int64_t user_id)
{
    int lo = 0, hi = o->n - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (o->rows[mid].user_id == user_id)
            return &o->rows[mid];
        if (o->rows[mid].user_id < user_id)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return NULL;
}

/* Adds a row for officer x from their village's row (units[at]). 0 or -1 when out of memory. */
static int officer_add(struct officers *o, const struct officer *x, const struct assess_figures *village, int at)
{
    if (o->n == o->cap) {
        int cap = o->cap ? 2 * o->cap : 32;
        struct assess_figures *rows = realloc(o->rows, (size_t)cap * sizeof *rows);
        if (rows)
            o->rows = rows;
        int *place = realloc(o->place, (size_t)cap * sizeof *place);
        if (place)
            o->place = place;
        if (!rows || !place)
            return -1;
        o->cap = cap;
    }
    struct assess_figures *f = &o->rows[o->n];
    *f = *village;
    snprintf(f->kind, sizeof f->kind, "officer");
    f->user_id = x->user_id;
    memcpy(f->officer, x->officer, sizeof f->officer);
    f->visits = f->handled = f->on_time = f->open_late = 0; /* the officer's own, added below */
    o->place[o->n++] = at;
    return 0;
}

/* Reads the active officers of the villages among units (in user id order). 0 or -1 with e. */
static int officers_read(struct db *db, const char *scope, const struct assess_figures *units, int n_units,
                         struct officers *o, struct err *e)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(OFFICER_ROW) " FROM users us JOIN units v ON v.id = us.unit_id "
                                   "WHERE us.role = 'village' AND us.active = 1 AND v.kind = 'village' "
                                   "AND in_scope(v.path, ?1) ORDER BY us.id");
    if (!st || db_bind(st, "t", scope) != SQLITE_OK) {
        db_done(st);
        return db_fail(db, e);
    }
    int rc, bad = 0;
    while (!bad && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct officer x = {0};
        if (officer_read(st, &x) != 0) {
            bad = 1;
            break;
        }
        int at = 0;
        while (at < n_units && units[at].unit_id != x.unit_id)
            at++;
        if (at < n_units && officer_add(o, &x, &units[at], at) != 0)
            bad = 1;
    }
    db_done(st);
    if (bad)
        return err_set(e, 500, "db_error", NULL, "读取村计生专干失败，请稍后再试");
    return rc == SQLITE_DONE ? 0 : db_fail(db, e);
}

/* Adds each officer's own A角 cases (the handlers' figures) to their row. */
static void add_handled(struct officers *o, const struct assess_handlers *hs)
{
    for (int i = 0; i < hs->n; i++) {
        struct assess_figures *f = officer_row(o, hs->h[i].handler_id);
        if (f)
            f->handled = hs->h[i].handled, f->on_time = hs->h[i].on_time, f->open_late = hs->h[i].open_late;
    }
}

/* One officer's visits: who recorded them and how many. */
#define VISITS_ROW(X, _) X("v.created_by", INT64, user_id) _ X("count(*)", INT64, visits)
struct visits_by {
    DB_ROW_FIELDS(VISITS_ROW)
};
/* Reads a VISITS_ROW. */
static DB_ROW_READER(visits_read, VISITS_ROW, struct visits_by)

/* Adds the visits each officer recorded in the period to households of the scope. 0 or -1 with e. */
static int add_visits(struct db *db, const char *scope, const struct assess_period *p, struct officers *o,
                      struct err *e)
{
    char from[11], to[11];
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(VISITS_ROW) " FROM users us JOIN visits v ON v.created_by = us.id "
                                   "AND v.visited_on BETWEEN ?2 AND ?3 JOIN households h ON h.id = v.household_id "
                                   "JOIN units u ON u.id = h.village_id WHERE us.role = 'village' AND us.active = 1 "
                                   "AND in_scope(u.path, ?1) GROUP BY v.created_by");
    if (!st || db_bind(st, "ttt", scope, date_format(p->from, from), date_format(p->to, to)) != SQLITE_OK) {
        db_done(st);
        return db_fail(db, e);
    }
    int rc, bad = 0;
    while (!bad && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct visits_by x = {0};
        bad = visits_read(st, &x) != 0;
        struct assess_figures *f = bad ? NULL : officer_row(o, x.user_id);
        if (f)
            f->visits += x.visits;
    }
    db_done(st);
    if (bad)
        return db_row_fail(e);
    return rc == SQLITE_DONE ? 0 : db_fail(db, e);
}

/* The officers being sorted into the units' order: each row with its village's place. */
struct placed {
    int place;
    struct assess_figures f;
};

/* Orders officers by their village's place, then name (byte order), then id. */
static int by_place(const void *a, const void *b)
{
    const struct placed *x = a, *y = b;
    if (x->place != y->place)
        return x->place < y->place ? -1 : 1;
    int c = strcmp(x->f.officer, y->f.officer);
    return c ? c : (x->f.user_id > y->f.user_id) - (x->f.user_id < y->f.user_id);
}

/* Puts the rows into the units' order. 0 or -1 when out of memory. */
static int officers_order(struct officers *o)
{
    struct placed *all = malloc((size_t)(o->n ? o->n : 1) * sizeof *all);
    if (!all)
        return -1;
    for (int i = 0; i < o->n; i++)
        all[i].place = o->place[i], all[i].f = o->rows[i];
    qsort(all, (size_t)o->n, sizeof *all, by_place);
    for (int i = 0; i < o->n; i++)
        o->rows[i] = all[i].f;
    free(all);
    return 0;
}

int assess_officers(struct db *db, const char *scope_path, const struct assess_period *p,
                    const struct assess_weights *w, const struct assess_figures *units, int n_units,
                    const struct assess_handlers *handlers, struct assess_figures **out, int *n, struct err *e)
{
    struct officers o = {0};
    *out = NULL, *n = 0;
    int rc = officers_read(db, scope_path, units, n_units, &o, e);
    if (rc == 0)
        add_handled(&o, handlers);
    if (rc == 0 && o.n)
        rc = add_visits(db, scope_path, p, &o, e);
    if (rc == 0 && officers_order(&o) != 0)
        rc = err_set(e, 500, "db_error", NULL, "内存不足，请稍后再试");
    free(o.place);
    return assess_finish(rc, o.rows, o.n, w, out, n);
}
