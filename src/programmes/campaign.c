/* campaign.c: campaigns and their progress (see campaign.h). */
#include "campaign.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "unit.h"

/* Checks a campaign's input and fills the unit it covers. 0 or -1 with e naming the field. */
static int campaign_validate(struct db *db, const struct user_ctx *actor, const struct campaign_input *in,
                             struct unit *u, struct err *e)
{
    struct date from, to;
    struct programme p;
    int in_scope = 0;
    if (text_check(in->name, 1, CAMPAIGN_NAME_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_name", "name", "活动名称应为 1 到 %d 个字", CAMPAIGN_NAME_MAX_CHARS);
    if (in->target_households < 1 || in->target_households > CAMPAIGN_TARGET_MAX)
        return err_set(e, 422, "invalid_target", "target_households", "目标户数应为 1 到 %d", CAMPAIGN_TARGET_MAX);
    if (in->min_amount_fen <= 0 || in->min_amount_fen > PROGRAMME_MAX_FEN)
        return err_set(e, 422, "invalid_amount", "min_amount_fen", "每户最低帮扶金额应大于 0，且不超过 1,000,000.00 元");
    if (!in->from || date_parse(in->from, &from) != 0 || from.y < 2000)
        return err_set(e, 422, "invalid_date", "from", "开始日期格式应为 YYYY-MM-DD（2000 年以后）");
    if (!in->to || date_parse(in->to, &to) != 0 || date_cmp(to, from) < 0)
        return err_set(e, 422, "invalid_date", "to", "结束日期格式应为 YYYY-MM-DD，且不早于开始日期");
    if (unit_get_in_scope(db, in->unit_id ? in->unit_id : actor->unit_id, actor->unit_path, u, &in_scope) != 0 ||
        !strcmp(u->kind, "village"))
        return err_set(e, 422, "invalid_unit", "unit_id", "活动范围应为全区或一个镇（街道）");
    if (!in_scope)
        return err_set(e, 403, "out_of_scope", "unit_id", "该单位不在您的管辖范围内");
    if (programme_get(db, actor, in->programme_id, &p, e) != 0) {
        snprintf(e->field, sizeof e->field, "programme_id");
        return -1;
    }
    if (db_int(db, 0, "SELECT count(*) FROM campaigns WHERE name = ?", "t", in->name) > 0)
        return err_set(e, 409, "duplicate_name", "name", "已有同名的帮扶活动");
    return 0;
}

int64_t campaign_create(struct db *db, const struct user_ctx *actor, const struct campaign_input *in, struct err *e)
{
    struct unit u;
    if (campaign_validate(db, actor, in, &u, e) != 0)
        return -1;
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    int ok = db_run(db, "INSERT INTO campaigns (name, unit_id, programme_id, target_households, min_amount_fen, "
                        "from_on, to_on, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    "tiiiitti", in->name, u.id, in->programme_id, in->target_households, in->min_amount_fen, in->from,
                    in->to, actor->id) == SQLITE_DONE;
    int64_t id = ok ? sqlite3_last_insert_rowid(db->h) : -1;
    json_t *after = json_pack("{s:s, s:I, s:I, s:I, s:I, s:s, s:s}", "name", in->name, "unit_id", (json_int_t)u.id,
                              "programme_id", (json_int_t)in->programme_id, "target_households",
                              (json_int_t)in->target_households, "min_amount_fen", (json_int_t)in->min_amount_fen,
                              "from", in->from, "to", in->to);
    return audit_commit(db, ok, actor, "create", "campaign", id, NULL, after, e) == 0 ? id : -1;
}

/* A campaign's columns; the scope ?1 reaches it when its unit lies within the scope or the scope within its unit. */
#define CAMPAIGN_SELECT                                                                                            \
    "SELECT " DB_ROW_COLUMNS(CAMPAIGN_ROW) ", in_scope(u.path, ?1) OR in_scope(?1, u.path) FROM campaigns k "      \
    "JOIN units u ON u.id = k.unit_id JOIN programmes p ON p.id = k.programme_id "

static DB_ROW_READER(campaign_read, CAMPAIGN_ROW, struct campaign)

/* The progress by unit from the payments themselves: those of the programme dated in [from, ?3]
   (relief receipts not voided, the paid rows of its rolls), summed per household; each household
   counted under the unit directly below the campaign's that holds its village (a district campaign:
   the township; a township campaign: the village). ?1 programme, ?2 from, ?3 to, ?4 minimum, ?5 the
   campaign's unit id, ?6 its path, ?7 the actor's scope. */
#define PROGRESS_COUNTED                                                                                           \
    "WITH pay(household_id, amount) AS ("                                                                          \
    "SELECT a.household_id, rp.amount_fen FROM relief_payments rp "                                                \
    "JOIN relief_applications a ON a.id = rp.application_id "                                                      \
    "JOIN relief_categories rc ON rc.id = a.category_id "                                                          \
    "WHERE rc.programme_id = ?1 AND rp.paid_on BETWEEN ?2 AND ?3 AND NOT EXISTS "                                  \
    "(SELECT 1 FROM receipt_events ev WHERE ev.payment_id = rp.id AND ev.kind = 'void') "                          \
    "UNION ALL SELECT rr.household_id, rr.amount_fen FROM roll_rows rr JOIN rolls ro ON ro.id = rr.roll_id "        \
    "WHERE ro.programme_id = ?1 AND rr.pay_state = 'paid' AND rr.paid_on BETWEEN ?2 AND ?3), "                     \
    "hh(household_id, total) AS (SELECT household_id, sum(amount) FROM pay GROUP BY household_id), "               \
    "x(paid, reached, amount, gid) AS (SELECT 1, hh.total >= ?4, hh.total, "                                       \
    "CASE WHEN v.parent_id = ?5 THEN v.id ELSE v.parent_id END FROM hh "                                           \
    "JOIN households h ON h.id = hh.household_id JOIN units v ON v.id = h.village_id "                             \
    "WHERE in_scope(v.path, ?6) AND in_scope(v.path, ?7)) "
/* The same from the figures kept per campaign and village (migration 111): the payments of the
   campaign's whole period, so only when none is dated after the day asked. ?5, ?6, ?7 as above; ?8 the
   campaign. */
#define PROGRESS_KEPT                                                                                              \
    "WITH x(paid, reached, amount, gid) AS (SELECT f.households_paid, f.households_reached, f.amount_fen, "        \
    "CASE WHEN v.parent_id = ?5 THEN v.id ELSE v.parent_id END FROM campaign_village_figures f "                   \
    "JOIN units v ON v.id = f.village_id WHERE f.campaign_id = ?8 AND in_scope(v.path, ?6) AND in_scope(v.path, ?7)) "
/* One unit's progress row: the unit, then households paid, reached and the amount. */
#define PROGRESS_ROW(X, _)                                                                                         \
    X("g.id", INT64, unit_id) _ X("g.name", TEXT(NAME_SIZE), unit) _ X("coalesce(sum(x.paid), 0)", INT64, households_paid) _ \
        X("coalesce(sum(x.reached), 0)", INT64, households_reached) _                                              \
        X("coalesce(sum(x.amount), 0)", MONEY, amount_fen)
static DB_ROW_READER(progress_read, PROGRESS_ROW, struct campaign_unit)
/* The units below the campaign's within the actor's scope, each with its x rows summed. */
#define PROGRESS_BY_UNIT                                                                                           \
    "SELECT " DB_ROW_COLUMNS(PROGRESS_ROW) " FROM units g LEFT JOIN x ON x.gid = g.id "                            \
    "WHERE g.parent_id = ?5 AND in_scope(g.path, ?7) GROUP BY g.id ORDER BY g.name, g.id"

/* Whether a payment (relief receipt or roll row paid, voided or not) is dated after `day`: two
   probes of the payment day indexes. Until one is, the kept figures (the whole period) are the
   figures up to `day`. */
static int paid_after(struct db *db, const char *day)
{
    return db_int(db, 1, "SELECT EXISTS (SELECT 1 FROM relief_payments WHERE paid_on > ?1) "
                         "OR EXISTS (SELECT 1 FROM roll_rows WHERE pay_state = 'paid' AND paid_on > ?1)", "t", day) != 0;
}

int campaign_progress(struct db *db, const struct user_ctx *actor, struct campaign *c, const char *as_of, struct err *e)
{
    if (!as_of || !*as_of || strcmp(as_of, c->to) > 0)
        as_of = c->to;
    snprintf(c->as_of, sizeof c->as_of, "%s", as_of);
    int kept = strcmp(c->as_of, c->to) == 0 || !paid_after(db, c->as_of);
    sqlite3_stmt *st = db_prep(db, kept ? PROGRESS_KEPT PROGRESS_BY_UNIT : PROGRESS_COUNTED PROGRESS_BY_UNIT);
    if (!st)
        return db_fail(db, e);
    db_bind(st, kept ? "ittiitti" : "ittiitt", c->programme_id, c->from, c->as_of, c->min_amount_fen, c->unit_id, c->unit_path,
            actor->unit_path, c->id);
    c->nunits = 0;
    c->households_paid = c->households_reached = c->amount_fen = 0;
    int bad = 0, more = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        struct campaign_unit x = {0};
        if ((bad = progress_read(st, &x) != 0))
            break;
        c->households_paid += x.households_paid, c->households_reached += x.households_reached;
        c->amount_fen += x.amount_fen;
        if (c->nunits < CAMPAIGN_UNITS_MAX)
            c->units[c->nunits++] = x;
        else
            more = 1;
    }
    if (db_end(st, 0, e) != 0)
        return -1;
    if (bad)
        return db_row_fail(e);
    if (more) /* never a cut table: a unit with more children than room is refused whole */
        return err_set(e, 500, "too_many_units", NULL, "活动范围内的单位超过 %d 个，无法统计", CAMPAIGN_UNITS_MAX);
    c->complete = strncmp(c->unit_path, actor->unit_path, strlen(actor->unit_path)) == 0;
    return 0;
}

/* Loads a campaign the actor reaches, without its progress. 0, or -1 with 404 / 403. */
static int campaign_load(struct db *db, const struct user_ctx *actor, int64_t id, struct campaign *out, struct err *e)
{
    sqlite3_stmt *st = db_prep(db, CAMPAIGN_SELECT "WHERE k.id = ?2");
    if (!st)
        return db_fail(db, e);
    db_bind(st, "ti", actor->unit_path, id);
    memset(out, 0, sizeof *out);
    int found = sqlite3_step(st) == SQLITE_ROW, bad = found && campaign_read(st, out) != 0;
    int reach = found && sqlite3_column_int(st, DB_ROW_NCOLS(CAMPAIGN_ROW));
    db_done(st);
    if (bad)
        return db_row_fail(e);
    if (!found)
        return err_set(e, 404, "not_found", NULL, "帮扶活动不存在");
    if (!reach)
        return err_set(e, 403, "out_of_scope", NULL, "该帮扶活动不在您的管辖范围内");
    return 0;
}

int campaign_get(struct db *db, const struct user_ctx *actor, int64_t id, struct campaign *out, struct err *e)
{
    return campaign_load(db, actor, id, out, e) != 0 ? -1 : campaign_progress(db, actor, out, "", e);
}

int campaign_list(struct db *db, const struct user_ctx *actor, const char *from, const char *to, const char *as_of,
                  void (*fn)(const struct campaign *, void *), void *ctx)
{
    sqlite3_stmt *st = db_prep(db, CAMPAIGN_SELECT "WHERE (in_scope(u.path, ?1) OR in_scope(?1, u.path)) "
                                                   "AND (?2 IS NULL OR k.to_on >= ?2) AND (?3 IS NULL OR k.from_on <= ?3) "
                                                   "ORDER BY k.id DESC LIMIT ?4");
    struct campaign *c = malloc(sizeof *c);
    if (!st || !c) {
        free(c);
        return -1;
    }
    db_bind(st, "tttd", actor->unit_path, from, to, CAMPAIGN_LIST_MAX);
    /* The campaigns are read first: their progress runs its own statement. */
    int64_t ids[CAMPAIGN_LIST_MAX];
    int n = 0, bad = 0;
    while (n < CAMPAIGN_LIST_MAX && sqlite3_step(st) == SQLITE_ROW)
        ids[n++] = sqlite3_column_int64(st, 0);
    if (db_end(st, 0, NULL) != 0) {
        free(c);
        return -1;
    }
    for (int i = 0; !bad && i < n; i++) {
        struct err e = {0};
        if ((bad = campaign_load(db, actor, ids[i], c, &e) != 0 || campaign_progress(db, actor, c, as_of, &e) != 0))
            break;
        fn(c, ctx);
    }
    free(c);
    if (bad)
        return -1;
    return (int)db_int(db, -1, "SELECT count(*) FROM campaigns k JOIN units u ON u.id = k.unit_id "
                               "WHERE (in_scope(u.path, ?1) OR in_scope(?1, u.path)) "
                               "AND (?2 IS NULL OR k.to_on >= ?2) AND (?3 IS NULL OR k.from_on <= ?3)", "ttt",
                       actor->unit_path, from, to);
}

json_t *campaign_json(const struct campaign *c)
{
    json_t *units = json_array();
    for (int i = 0; i < c->nunits; i++)
        json_array_append_new(units, json_pack("{s:I, s:s, s:I, s:I, s:I}", "unit_id", (json_int_t)c->units[i].unit_id,
                                               "unit", c->units[i].unit, "households_paid",
                                               (json_int_t)c->units[i].households_paid, "households_reached",
                                               (json_int_t)c->units[i].households_reached, "amount_fen",
                                               (json_int_t)c->units[i].amount_fen));
    return json_pack("{s:I, s:s, s:I, s:s, s:I, s:s, s:I, s:I, s:s, s:s, s:s, s:b, s:I, s:I, s:I, s:o}", "id",
                     (json_int_t)c->id, "name", c->name, "unit_id", (json_int_t)c->unit_id, "unit", c->unit_name,
                     "programme_id", (json_int_t)c->programme_id, "programme", c->programme, "target_households",
                     (json_int_t)c->target_households, "min_amount_fen", (json_int_t)c->min_amount_fen, "from",
                     c->from, "to", c->to, "as_of", c->as_of, "complete", c->complete, "households_paid",
                     (json_int_t)c->households_paid, "households_reached", (json_int_t)c->households_reached,
                     "amount_fen", (json_int_t)c->amount_fen, "by_unit", units);
}
