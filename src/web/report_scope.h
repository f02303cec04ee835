/*
 * report_scope.h: reports for any unit the user may see. ?unit_id= narrows a report request's
 * scope to that unit (it must lie within the user's own scope), and the report forms offer the
 * units to choose from.
 */
#ifndef BANGFU_REPORT_SCOPE_H
#define BANGFU_REPORT_SCOPE_H
#include "server.h"

/* Narrows r->user's unit (id, name, kind, path) to ?unit_id= when given. 0, or -1 after replying
   403 (outside the user's scope) or 404. Read-only report handlers only. */
int report_narrow_scope(struct req *r);
/* The same for the unit id given (0: no narrowing), e.g. an API's ?village_id=. */
int report_narrow_to(struct req *r, int64_t id);
/* A <label><select name="unit_id"> of the user's own unit and the townships and villages under it,
   the current choice selected. */
void report_unit_select(struct req *r);

/* "导出 CSV · 打印 PDF" links to base.csv and base.pdf with the current query (unit, dates, grouping). */
void report_export_links(struct req *r, const char *base);
/* "导出 CSV · 导出Excel · 打印 PDF" links to a list page base with its current filters (the paging
   left out), then extra ("table=villages", or NULL) and format=csv, xlsx or pdf. */
void report_format_links(struct req *r, const char *base, const char *extra);

/* The quarter a report asks for in s ("2026Q3"; NULL or "" means the quarter `fallback` is, a
   valid one): its first and last day in from and to. 0, or -1 after replying: 404 not_found when
   s names no quarter and is part of the path (/subsidy/2026Q5.pdf), 422 invalid_quarter when it
   comes from the query, 422 quarter_not_begun when the quarter starts after today. */
int report_quarter(struct req *r, const char *s, int in_path, const char *fallback, struct date *from, struct date *to);

/* Links to four quarters under base ("/reports/quarterly?quarter=2026Q3"), today's first unless
   skip (1: from the one before), the chosen code in bold instead of a link. */
void report_quarter_links(struct req *r, const char *base, const char *chosen, int skip);

/* Room for a report's period as report_period writes it. */
#define REPORT_PERIOD_SIZE (2 * DATE_CN_SIZE + 8)
/* The period a report covers as documents print it, "2026年1月10日 至 2026年11月23日", into out
   (REPORT_PERIOD_SIZE): from as asked (?from=) or else the first day of the report's data (first,
   NULL when it has none: then today), to as asked or else today. */
const char *report_period(struct req *r, const char *from, const char *to, const struct date *first, char *out);

struct sheet;
/* Ends a report page's filter form (the unit choice and the button), then writes the report's
   subtitle, its table and the export links to base.csv / base.pdf. */
void report_page_tail(struct req *r, const struct sheet *s, const char *base);

#endif
