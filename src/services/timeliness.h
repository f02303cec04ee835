/*
 * timeliness.h: 限时办结 on every service: the cases of each service (timelimit.h), their handler
 * (A角), backup (B角) and due day, the open ones due soon or late for the dashboards, and the
 * timeliness figures of a period by village, township or handler (the report, and the 考核).
 *
 * A case of a service starts on its intake day and is due `limit` working days later by the
 * holiday calendar (timelimit_due; a complaint keeps the due day fixed when it was filed). It is
 * on time when finished on or before its due day, late when finished after it; an open case is
 * late once its due day has passed. The steps (and when each starts and ends):
 *   loan_decision   submitted for review (a resubmission after 补充材料 starts it again) → approved or
 *                   rejected; not counted while waiting for material, nor once withdrawn
 *   guarantee       approved → guarantee given;     disbursement  guarantee given → loan disbursed
 *   relief_verify   applied → 村审核 (or rejected); relief_review 村审核 → 镇审核 (or rejected)
 *   relief_approve  end of the 公示 (镇审核 while not yet published) → approved (or rejected)
 *   relief_pay      approved → first payment not voided
 *   complaint       filed → resolved
 * Loan cases are handled by the application's handler and backup; relief cases by whoever took
 * the application in (首接负责) and the backup named on it; complaints by those named on them.
 * Everything is read within the actor's scope (in_scope of the case's unit).
 */
#ifndef BANGFU_TIMELINESS_H
#define BANGFU_TIMELINESS_H
#include <jansson.h>
#include <stdint.h>

#include "date.h"
#include "db.h"
#include "text.h"
#include "timelimit.h"
#include "user_ctx.h"

#define TIMELINESS_UNIT_SIZE TEXT_SIZE(2 * NAME_MAX_CHARS) /* a village with its township's name */

/* One case of one service. */
struct timeliness_case {
    enum timelimit_service service;
    int64_t case_id;                    /* the loan application, relief application or complaint */
    int64_t unit_id, township_id;       /* the case's unit (a village, or a complaint's unit) and its township */
    char unit[TIMELINESS_UNIT_SIZE];    /* 镇名村名 */
    char township[NAME_SIZE];
    struct date started_on, due_on;
    struct date finished_on;            /* {0} while open */
    int64_t handler_id, handler_unit_id, backup_id; /* 0: none */
    char handler[NAME_SIZE], backup[NAME_SIZE];
    int late;                           /* finished after due_on, or open after due_on (by the day asked) */
};

/* The kinds of case whose steps timeliness_steps reads. */
enum timeliness_kind { TK_LOAN, TK_RELIEF, TK_COMPLAINT };

/* Calls fn for each step of one case of the actor's scope (a loan application's decision,
   guarantee and disbursement; a relief application's four steps; a complaint), in order, late as
   of today. Returns the number of steps (0: none, or not in scope) or -1. */
int timeliness_steps(struct db *db, const struct user_ctx *actor, enum timeliness_kind kind, int64_t id,
                     struct date today, void (*fn)(const struct timeliness_case *, void *), void *ctx);

/* Which open cases timeliness_open lists. */
struct timeliness_open_query {
    struct date due_from, due_to; /* due days from..to, both included ({0}: no bound) */
    unsigned services;            /* bit (1u << service) for each service listed */
    int limit, offset;            /* the page of them passed to fn (limit 0: counted only) */
};
/* Calls fn for a page of the open cases of the actor's scope matching q, by due day then service
   and case (their late flag as of today). Returns how many match in all, or -1. */
int64_t timeliness_open(struct db *db, const struct user_ctx *actor, struct date today,
                        const struct timeliness_open_query *q, void (*fn)(const struct timeliness_case *, void *),
                        void *ctx);

/* How the timeliness figures are grouped. */
enum timeliness_by { TB_VILLAGE, TB_TOWNSHIP, TB_HANDLER, TB__MAX };
#define TB_BIT(by) (1u << (by))
/* The code (village, township, handler) and the Chinese name (按村, 按镇, 按经办人). */
const char *timeliness_by_code(int by);
const char *timeliness_by_name(int by);
/* The grouping of a code, or -1. */
int timeliness_by_parse(const char *code);

/* One group's figures for one service. */
struct timeliness_figures {
    enum timeliness_by by;           /* the grouping it belongs to */
    int64_t unit_id;                 /* the village or township; by handler: the handler's unit */
    char unit[TIMELINESS_UNIT_SIZE]; /* by handler: "" */
    int64_t handler_id;              /* by handler only (0: no handler named) */
    char handler[NAME_SIZE];
    enum timelimit_service service;
    int64_t handled;   /* cases finished in the period */
    int64_t on_time;   /* of them, finished on or before the due day */
    int64_t late;      /* of them, finished after it */
    int64_t open_late; /* cases open at the period's end (or today when earlier) and past their due day then */
};

/* THE timeliness figures (the report, the 考核): for the cases of the actor's scope, grouped by
   village (a complaint of a township or the district stands as its unit), township or handler
   and by service, calls fn for each group and service with any figure. bys is a set of groupings
   (TB_BIT(TB_VILLAGE) | ...), all counted in the same single pass: the groupings in enum order,
   each one's groups in order of unit (or handler) id, services in enum order. from and to are the
   period's first and last days; `today` bounds the day open cases are judged on (min(to,
   today)). Returns the number of rows or -1. Cost: one pass over the cases started by then and
   not finished before from, summed in memory by group. */
int timeliness_report(struct db *db, const struct user_ctx *actor, unsigned bys, struct date from, struct date to,
                      struct date today, void (*fn)(const struct timeliness_figures *, void *), void *ctx);

/* A case as JSON: service, service_name, case_id, unit_id, unit, started_on, due_on, finished_on
   (null while open), handler {id, name} or null, backup likewise, late. New reference. */
json_t *timeliness_case_json(const struct timeliness_case *c);

#endif
