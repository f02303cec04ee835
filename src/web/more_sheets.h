/*
 * more_sheets.h: the staff lists of complaints, trainings, category changes, programmes and rolls as
 * sheets for the page's and the API's export (?format=csv|xlsx|pdf), built from the same domain list
 * functions the page and the JSON call, every matching row (no paging).
 */
#ifndef BANGFU_MORE_SHEETS_H
#define BANGFU_MORE_SHEETS_H
#include <stdint.h>

#include "list_sheets.h"

/* Each is a list_sheet_fn (list_sheets.h); arg is the list's filter of the type named. */

/* arg: struct complaint_filter (limit and offset ignored). Complaints and suggestions. */
int more_complaints_sheet(struct req *r, const void *arg, struct sheet *s);
/* arg: struct training_filter (limit and offset ignored). The training courses with their attendance. */
int more_trainings_sheet(struct req *r, const void *arg, struct sheet *s);
/* arg: struct info_filter (limit and offset ignored). The information items with their recipients counted. */
int more_information_sheet(struct req *r, const void *arg, struct sheet *s);
/* The category changes an export lists: which of them, of one household (household_id > 0) or all. */
struct more_change_query {
    int which; /* enum hh_change_which */
    int64_t household_id;
};
/* arg: struct more_change_query. The household category changes (失独、伤残) with maker, decision and reason. */
int more_changes_sheet(struct req *r, const void *arg, struct sheet *s);
struct programme;
/* Room for a programme's rules in words: every category and relation name with its joiner. */
#define MORE_RULES_TEXT_SIZE 1024
/* A programme's rules in words as its page and its sheet show them ("家庭类别：独生子女…；参照日健在且未迁出").
   Returns out, or NULL when they do not fit (never cut). */
const char *more_programme_rules(const struct programme *p, char out[MORE_RULES_TEXT_SIZE]);
/* arg: none. The programmes with today's amount (at most PROGRAMME_LIST_MAX, the sheet says when there are more). */
int more_programmes_sheet(struct req *r, const void *arg, struct sheet *s);
/* arg: int64_t, a programme's id or 0 for all. The rolls with counts and amounts (at most ROLL_LIST_MAX, said when more). */
int more_rolls_sheet(struct req *r, const void *arg, struct sheet *s);

#endif
