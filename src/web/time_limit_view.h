/*
 * time_limit_view.h: 限时办结 on a case's page and in its JSON: each step of the case with its
 * handler (A角), backup (B角), start, due day, finish and whether it is late (timeliness.h).
 */
#ifndef BANGFU_TIME_LIMIT_VIEW_H
#define BANGFU_TIME_LIMIT_VIEW_H
#include <jansson.h>

#include "server.h"
#include "timeliness.h"

#define TIME_LIMIT_HREF_SIZE 48
/* The page of the case a step belongs to (/loans/7, /relief/7, /complaints/7) into out. */
const char *time_limit_case_href(const struct timeliness_case *c, char out[TIME_LIMIT_HREF_SIZE]);
/* The state of a step in words: 按时办结, 超时办结, 办理中, 已超期. */
const char *time_limit_state_name(const struct timeliness_case *c);
/* Writes the 办理时限 section of the case's page (nothing when it has no step yet). */
void time_limit_section(struct req *r, enum timeliness_kind kind, int64_t id);
/* The case's steps as a JSON array (timeliness_case_json each); an empty array when none. New reference. */
json_t *time_limit_steps_json(struct req *r, enum timeliness_kind kind, int64_t id);

/* The services whose cases the role may open (bit 1u << service), asked of the route table. */
unsigned time_limit_openable(struct req *r);
/* The open cases late (due before today) or due soon (today to the due_soon_days-th working day
   after it), of the services the role may open, the page asked (limit, offset). */
struct timeliness_open_query time_limit_query(struct req *r, int late, int limit, int offset);

/* Replies with the late (late = 1) or due-soon list as the CSV, XLSX or PDF the request asks for
   (?format= or the path's extension) and returns 1; 0 when no format is asked (page_time_limits.c). */
int deadline_export(struct req *r, int late);

#endif
