/*
 * assessment.h: the assessment (考核) of townships and villages over a quarter or a month: the
 * figures of the help given (pairs, visits, trainings, information), the cases handled (loans,
 * relief) and their timeliness, complaints and satisfaction, overdue loans; seven rates made of
 * them, each weighted by the admin's weights (parameters 'assess_weight.<item>', summing to 100),
 * and the score; and the same per village officer (assessment_officers.c). The formula is
 * docs/domain.md's "考核"; one query per figure groups by unit and the figures are added up the
 * unit tree here, so a district of 1,000,000 households reads each table once; the timeliness is
 * timeliness_report()'s, one pass for the units and the handlers together.
 */
#ifndef BANGFU_ASSESSMENT_H
#define BANGFU_ASSESSMENT_H
#include <jansson.h>
#include <stdint.h>

#include "date.h"
#include "db.h"
#include "err.h"
#include "text.h"
#include "user_ctx.h"

/* The weighted items, in the order the sheet and the weights page show them. */
enum assess_item { AS_PAIRING, AS_VISITS, AS_TRAINING, AS_INFORMATION, AS_TIMELINESS, AS_SATISFACTION, AS_OVERDUE,
                   AS__ITEMS };
/* The code ("pairing", ...) and the Chinese name (结对覆盖率, ...). */
const char *assess_item_code(int i);
const char *assess_item_name(int i);

struct assess_weights {
    int w[AS__ITEMS]; /* each 0..100, together 100 */
};
/* The weights in force (a missing or unreadable parameter reads 0; the migration sets them all). */
void assess_weights_get(struct db *db, struct assess_weights *out);
/* Sets the weights (each 0..100, summing to 100; e names the item or "weights"). Audited. 0 or -1. */
int assess_weights_set(struct db *db, const struct user_ctx *actor, const struct assess_weights *w, struct err *e);

/* The figures of one unit (its own records and every unit below it) over the period. */
struct assess_figures {
    int64_t unit_id, parent_id;
    char name[NAME_SIZE];        /* the unit's name (an officer's row: the village's) */
    char kind[16];               /* the unit's kind; "officer" for a village officer's row */
    int64_t user_id;             /* a village officer's row: the officer (0 for a unit's row) */
    char officer[NAME_SIZE];     /* and their name */
    char path[160];
    int64_t households;          /* households registered */
    int64_t villages;            /* villages (1 for a village) */
    int64_t paired;              /* households with a pair going on some day of the period */
    int64_t visits;              /* visits recorded in the period (an officer's row: by the officer) */
    int64_t visited;             /* paired households visited in the period */
    int64_t trainings;           /* courses held by the unit or a unit below it */
    int64_t attendances;         /* attendances of its households at courses of the period */
    int64_t trained;             /* paired households attending a course of the period */
    int64_t info_items;          /* information items sent by the unit or a unit below it */
    int64_t info_villages;       /* villages that received an item of the period */
    int64_t loans_handled;       /* loan applications decided (approved or rejected) in the period */
    int64_t relief_handled;      /* relief applications approved or rejected in the period */
    int64_t handled, on_time;    /* cases with a time limit finished in the period, and by their due day
                                    (timeliness_report's figures; an officer's row: the cases they are A角 of) */
    int64_t open_late;           /* cases still open on the assessment day past their due day */
    int64_t complaints;          /* complaints and suggestions filed in the period */
    int64_t rated, satisfied, basic, unsatisfied; /* resolved in the period with a rating: 满意, 基本满意, 不满意 */
    int64_t loans_active, loans_overdue;          /* active loans on the assessment day, and those overdue */
    int64_t num[AS__ITEMS], den[AS__ITEMS];       /* each item's rate num/den */
    int64_t part_milli[AS__ITEMS];                /* each item's points in thousandths */
    int64_t score_milli;                          /* the score in thousandths of a point (0..100000) */
};

/* The period assessed: [from, to], and the assessment day (the earlier of to and today). */
struct assess_period {
    char code[12]; /* "2027Q1" or "2027-01" */
    struct date from, to, asof;
};
/* Reads ?quarter=2027Q1 or ?month=2027-01 (one of them; neither: the quarter of today). 0, or -1
   with e: 422 invalid_period, 422 period_not_begun (it starts after today). */
int assess_period_parse(const char *quarter, const char *month, struct date today, struct assess_period *out,
                        struct err *e);

/* Each handler's timeliness figures (the cases they are A角 of, summed over the services), in
   handler id order: read by assess_run in the same pass as the units' (timeliness_report by
   village and by handler), for assess_officers. Free h when done. */
struct assess_handler {
    int64_t handler_id, handled, on_time, open_late;
};
struct assess_handlers {
    struct assess_handler *h;
    int n, cap, failed;
};

/* The assessment of every unit within scope_path (the unit itself first, then the tree in order):
   *out an array of *n rows (free() it); when handlers is not NULL, also fills it (see above).
   0 or -1 with e. */
int assess_run(struct db *db, const char *scope_path, const struct assess_period *p, const struct assess_weights *w,
               struct assess_handlers *handlers, struct assess_figures **out, int *n, struct err *e);
/* The assessment of every active village officer (a user of role 村计生专干 whose unit is a
   village) within scope_path, given the rows and the handlers' figures assess_run returned for the
   same scope and period: each officer answers for their village, so a row holds the village's
   figures except the officer's own: the visits they recorded, and the cases they are A角
   (handler) of with their timeliness (handlers); then the score. Rows in the units' order (a
   village's officers by name, then id). *out an array of *n rows (free() it; none: NULL and 0).
   0 or -1 with e. */
int assess_officers(struct db *db, const char *scope_path, const struct assess_period *p,
                    const struct assess_weights *w, const struct assess_figures *units, int n_units,
                    const struct assess_handlers *handlers, struct assess_figures **out, int *n, struct err *e);
/* Ends a run of rows (assess_run, assess_officers): when rc is 0 scores each of the n_rows rows
   and hands them out as *out and *n, else frees them. Returns rc (0 or -1). */
int assess_finish(int rc, struct assess_figures *rows, int n_rows, const struct assess_weights *w,
                  struct assess_figures **out, int *n);
/* Fills a row's rates and score from its figures and the weights (pure; assess_run calls it). */
void assess_score(struct assess_figures *f, const struct assess_weights *w);
/* A score in thousandths as shown: tenths rounded half up ("87.5"). out of 16. Returns out. */
const char *assess_score_text(int64_t milli, char out[16]);

/* One row as JSON: every figure, the rates as {num, den} and points, and the score (an officer's
   row adds user_id and officer). */
json_t *assess_json(const struct assess_figures *f);

#endif
