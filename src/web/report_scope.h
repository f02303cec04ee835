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
/* A <label><select name="unit_id"> of the user's own unit and the townships and villages under it,
   the current choice selected. */
void report_unit_select(struct req *r);

/* "导出 CSV · 打印 PDF" links to base.csv and base.pdf with the current query (unit, dates, grouping). */
void report_export_links(struct req *r, const char *base);
/* "导出 CSV · 导出Excel · 打印 PDF" links to a list page base with its current filters (the paging
   left out), then extra ("table=villages", or NULL) and format=csv, xlsx or pdf. */
void report_format_links(struct req *r, const char *base, const char *extra);

struct sheet;
/* Ends a report page's filter form (the unit choice and the button), then writes the report's
   subtitle, its table and the export links to base.csv / base.pdf. */
void report_page_tail(struct req *r, const struct sheet *s, const char *base);

#endif
