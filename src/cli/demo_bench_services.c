/* demo_bench_services.c: the benchmark's pairs, visits, courses, information items and complaints
   (see demo_bench_services.h). */
#include "demo_bench_services.h"

/* 1..?2 as s(i): the numbers of the rows a statement adds. */
#define SERIES "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ?2) "
/* The units of a kind numbered from 0 (k) with their count (n), to deal rows out in turn. */
#define NUMBERED(kind)                                                                                             \
    "(SELECT id, parent_id, row_number() OVER (ORDER BY id) - 1 AS k, count(*) OVER () AS n FROM units "          \
    "WHERE kind = '" kind "')"

/* The figures added for n pairs, and the first ids of this run's pairs and items. */
struct bench_services {
    int64_t n, courses, items, complaints, every, first_pair, first_item;
    char today[11];
};

/* The pairs and their visits. 0 or -1. */
static int bench_pairs(struct db *db, const struct bench_services *b)
{
    int ok = db_run(db, "INSERT INTO pairs (household_id, helper_kind, helper_name, helper_unit_id, from_on, goals, "
                      "ended_on, end_reason, created_by) SELECT h.id, 'cadre', 'BENCH干部' || (h.id % 997), v.parent_id, "
                      "date(?1, '-' || (30 + h.id % 365) || ' days'), 1 + h.id % 3, "
                      "CASE WHEN h.id % 20 = 0 THEN date(?1, '-' || (h.id % 25) || ' days') END, "
                      "CASE WHEN h.id % 20 = 0 THEN '压力测试' END, 1 FROM households h JOIN units v ON v.id = h.village_id "
                      "WHERE (h.id * 40503) % 65521 % ?3 = 0 AND NOT EXISTS (SELECT 1 FROM pairs p WHERE p.household_id = h.id) "
                      "ORDER BY h.id LIMIT ?2",
                  "tii", b->today, b->n, b->every) == SQLITE_DONE &&
           db_run(db, "WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < 3) "
                      "INSERT INTO visits (household_id, pair_id, visited_on, kind, note, created_by) "
                      "SELECT p.household_id, p.id, date(p.from_on, '+' || (s.i * 90 + p.id % 30) || ' days') AS d, "
                      "CASE (p.id + s.i) % 5 WHEN 0 THEN 'advice' WHEN 1 THEN 'training' WHEN 2 THEN 'information' "
                      "WHEN 3 THEN 'goods' ELSE 'referral' END, '压力测试', 1 FROM pairs p JOIN s "
                      "WHERE p.id >= ?2 AND date(p.from_on, '+' || (s.i * 90 + p.id % 30) || ' days') <= "
                      "coalesce(p.ended_on, ?1)",
                  "ti", b->today, b->first_pair) == SQLITE_DONE;
    return ok ? 0 : -1;
}

/* The courses of every township and their attendance. 0 or -1. */
static int bench_courses(struct db *db, const struct bench_services *b)
{
    int ok = db_run(db, SERIES
                      "INSERT INTO trainings (title, held_on, unit_id, place, trainer, created_by) "
                      "SELECT 'BENCH培训' || s.i, date(?1, '-' || (s.i * 7 % 360) || ' days'), t.id, '镇农技站', '压力测试', 1 "
                      "FROM s JOIN " NUMBERED("township") " t ON t.k = s.i % t.n",
                  "ti", b->today, b->courses) == SQLITE_DONE &&
           db_run(db, "INSERT OR IGNORE INTO training_attendees (training_id, household_id, member_id) "
                      "SELECT c.id, x.household_id, 0 FROM (SELECT p.household_id, v.parent_id AS tw, p.id AS pid "
                      "FROM pairs p JOIN households h ON h.id = p.household_id JOIN units v ON v.id = h.village_id "
                      "WHERE p.id >= ?1 AND p.id % 2 = 0) x JOIN (SELECT id, unit_id, row_number() OVER (PARTITION BY "
                      "unit_id ORDER BY id) - 1 AS k, count(*) OVER (PARTITION BY unit_id) AS nk FROM trainings "
                      "WHERE title LIKE 'BENCH%') c ON c.unit_id = x.tw AND c.k = (x.pid / 2) % c.nk",
                  "i", b->first_pair) == SQLITE_DONE;
    return ok ? 0 : -1;
}

/* The information items, each to a whole village (named in its text), and one to a paired
   household in ten. 0 or -1. */
static int bench_items(struct db *db, const struct bench_services *b)
{
    int ok = db_run(db, SERIES
                      "INSERT INTO information_items (title, kind, sent_on, unit_id, text, created_by) "
                      "SELECT 'BENCH信息' || s.i, CASE s.i % 3 WHEN 0 THEN 'market' WHEN 1 THEN 'jobs' ELSE 'technology' END, "
                      "date(?1, '-' || (s.i % 360) || ' days'), v.parent_id, '压力测试 ' || v.id, 1 FROM s JOIN "
                      NUMBERED("village") " v ON v.k = s.i % v.n ORDER BY s.i",
                  "ti", b->today, b->items) == SQLITE_DONE &&
           db_run(db, "INSERT INTO information_recipients (item_id, village_id, household_id) "
                      "SELECT id, CAST(substr(text, 6) AS INTEGER), 0 FROM information_items WHERE id >= ?1",
                  "i", b->first_item) == SQLITE_DONE &&
           db_run(db, "INSERT OR IGNORE INTO information_recipients (item_id, village_id, household_id) "
                      "SELECT ?2 + (p.id / 10) % ?3, h.village_id, p.household_id FROM pairs p "
                      "JOIN households h ON h.id = p.household_id WHERE p.id >= ?1 AND p.id % 10 = 0",
                  "iii", b->first_pair, b->first_item, b->items) == SQLITE_DONE;
    return ok ? 0 : -1;
}

/* The complaints of the villages over the last year. 0 or -1. */
static int bench_complaints(struct db *db, const struct bench_services *b)
{
    int ok = db_run(db, SERIES
                      "INSERT INTO complaints (unit_id, category, text, source, filed_on, due_on, state, resolution, "
                      "satisfaction, resolved_on) SELECT vid, CASE i % 3 WHEN 0 THEN 'complaint' WHEN 1 THEN 'suggestion' "
                      "ELSE 'inquiry' END, '压力测试', 'staff', f, date(f, '+7 days'), CASE WHEN i % 10 = 0 THEN 'open' "
                      "ELSE 'resolved' END, CASE WHEN i % 10 = 0 THEN NULL ELSE '压力测试' END, CASE i % 10 WHEN 0 THEN "
                      "NULL WHEN 1 THEN '不满意' WHEN 2 THEN '基本满意' ELSE '满意' END, CASE WHEN i % 10 = 0 THEN NULL "
                      "ELSE date(f, '+' || (i % 9) || ' days') END FROM (SELECT s.i AS i, v.id AS vid, "
                      "date(?1, '-' || (10 + s.i % 350) || ' days') AS f FROM s JOIN " NUMBERED("village") " v "
                      "ON v.k = s.i % v.n)",
                  "ti", b->today, b->complaints) == SQLITE_DONE;
    return ok ? 0 : -1;
}

int demo_bench_services(struct db *db, long n, struct date today)
{
    int64_t households = db_int(db, 0, "SELECT count(*) FROM households", "");
    struct bench_services b = {.n = n, .courses = n / 50 > 0 ? n / 50 : 1, .items = n / 25 > 0 ? n / 25 : 1,
                               .complaints = n / 100 > 0 ? n / 100 : 1,
                               .every = households / n > 0 ? households / n : 1,
                               .first_pair = db_int(db, 0, "SELECT coalesce(max(id), 0) FROM pairs", "") + 1,
                               .first_item = db_int(db, 0, "SELECT coalesce(max(id), 0) FROM information_items", "") + 1};
    date_format(today, b.today);
    return bench_pairs(db, &b) == 0 && bench_courses(db, &b) == 0 && bench_items(db, &b) == 0 &&
                   bench_complaints(db, &b) == 0
               ? 0
               : -1;
}
