/*
 * assessment_sheet.h: the assessment (考核) gathered once for the page, the JSON API and the files:
 * the period and the unit asked for, the weights, every unit's figures and score; the staff sheet
 * (every figure) and the public sheet of the 公示栏 (rates and scores only, no personal data).
 */
#ifndef BANGFU_ASSESSMENT_SHEET_H
#define BANGFU_ASSESSMENT_SHEET_H
#include "assessment.h"
#include "sheet.h"

struct assessment {
    struct assess_period period;
    struct assess_weights weights;
    struct assess_figures *rows;
    int n;
    struct assess_figures *officers; /* the village officers (staff only; none on the public board) */
    int n_officers;
};
/* Reads the period: ?quarter= or ?month= (assess_period_parse); the public board (public 1) takes
   only a quarter that has ended (the last one by default). 0, or -1 after replying 422. */
int assessment_period_read(struct req *r, int public, struct assess_period *p);
/* Assesses every unit within scope for a->period (set; the rest of a zeroed) with the weights in
   force, and the village officers too when officers is 1. 0, or -1 with e (a freed). */
int assessment_compute(struct db *db, const char *scope, int officers, struct assessment *a, struct err *e);
/* The staff assessment of the request: reads ?unit_id= (narrowing the user's scope) and the
   period, and assesses the scope with its officers. 0, or -1 after replying (403/404 for the
   unit, 422 for the period, 500). */
int assessment_load(struct req *r, struct assessment *a);
void assessment_free(struct assessment *a);

/* The staff assessment of the request (assessment_load) with its sheet in s; when ?format= or the
   path asks for csv, xlsx or pdf, replies with the file. 1 when it replied (an error or the file;
   nothing left to free), else 0: the caller answers from a and s, then calls assessment_close. */
int assessment_open(struct req *r, struct assessment *a, struct sheet *s);
void assessment_close(struct assessment *a, struct sheet *s);
/* The staff sheet: a row per unit with every figure and the score, each village followed by its
   officers' rows (by name), the weights after the table. */
void assessment_sheet(struct req *r, const struct assessment *a, struct sheet *s);
/* The public sheet: a row per unit with the seven rates in per cent and the score. */
void assessment_public_sheet(const struct assessment *a, struct sheet *s);
/* The period in words ("2027年第1季度", "2027年1月") into out (DATE_CN_SIZE * 2). Returns out. */
const char *assessment_period_cn(const struct assess_period *p, char *out);

#endif
