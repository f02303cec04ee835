/* page_audit.c: the audit log page (admin, auditor): every write and every full-ID view. */
#include <stdio.h>

#include "audit.h"
#include "handlers.h"
#include "html.h"
#include "report_scope.h"
#include "record_sheets.h"
#include "list_sheets.h"

/* One audit row. */
static void audit_row(const struct audit_entry *a, void *ctx)
{
    struct req *r = ctx;
    html_raw(r, "<tr><td class=\"mono\">");
    html_text(r, a->at);
    html_raw(r, "</td><td>");
    html_text(r, a->username);
    html_raw(r, "</td><td>");
    html_text(r, a->action);
    html_raw(r, "</td><td>");
    html_text(r, a->entity);
    html_printf(r, " #%lld</td><td class=\"json\"><details><summary>详情</summary><p>修改前：", (long long)a->entity_id);
    html_text(r, a->before_json ? a->before_json : "—");
    html_raw(r, "</p><p>修改后：");
    html_text(r, a->after_json ? a->after_json : "—");
    html_raw(r, "</p></details></td></tr>");
}

void page_audit(struct req *r)
{
    int limit, offset;
    html_paging(r, &limit, &offset);
    const char *entity = req_query(r, "entity"), *action = req_query(r, "action");
    struct audit_query q = {entity, action, 0};
    if (list_export_if_asked(r, record_audit_sheet, &q, "audit.csv"))
        return;
    html_begin(r, "审计日志");
    html_raw(r, "<h1>审计日志</h1><form class=\"search\" method=\"get\"><label>对象<input name=\"entity\" value=\"");
    html_text(r, entity);
    html_raw(r, "\" placeholder=\"household, user…\"></label><label>操作<input name=\"action\" value=\"");
    html_text(r, action);
    html_raw(r, "\" placeholder=\"create, update, view_id_number…\"></label><button>筛选</button></form>"
                "<table class=\"list\"><thead><tr><th>时间（UTC）</th><th>用户</th><th>操作</th><th>对象</th>"
                "<th>内容</th></tr></thead><tbody>");
    int64_t total = audit_list(r->db, r->user.unit_path, entity ? entity : "", 0, action ? action : "", limit, offset, audit_row, r);
    html_raw(r, "</tbody></table>");
    html_pager(r, total, limit, offset, 0);
    report_format_links(r, "/audit", NULL);
    html_end(r);
}
