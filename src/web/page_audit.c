/* page_audit.c: the audit log page (admin, auditor): every write and every full-ID view, in
   Chinese (audit_words.c) with China time. */
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "audit_words.h"
#include "handlers.h"
#include "html.h"
#include "report_scope.h"
#include "record_sheets.h"
#include "list_sheets.h"

/* One audit row. */
static void audit_row(const struct audit_entry *a, void *ctx)
{
    struct req *r = ctx;
    const char *action = audit_action_name(a->action), *entity = audit_entity_name(a->entity);
    html_raw(r, "<tr><td class=\"mono\" data-label=\"时间\">");
    html_china_time(r, a->at);
    html_raw(r, "</td><td data-label=\"用户\"><code>");
    html_text(r, a->username);
    html_printf(r, "</code></td><td data-label=\"操作\">%s</td><td data-label=\"对象\">%s 第 %lld 号</td>",
                action ? action : "其他操作", entity ? entity : "其他记录", (long long)a->entity_id);
    html_raw(r, "<td data-label=\"内容\"><details><summary>详情</summary><p>修改前：</p>");
    audit_write_details(r, a->before_json);
    html_raw(r, "<p>修改后：</p>");
    audit_write_details(r, a->after_json);
    html_raw(r, "</details></td></tr>");
}

/* A select of codes shown by their Chinese names, with the chosen one kept. */
static void code_select(struct req *r, const char *label, const char *name, const char *const *codes,
                        const char *(*word)(const char *), const char *chosen)
{
    html_printf(r, "<label>%s<select name=\"%s\"><option value=\"\">全部</option>", label, name);
    for (int i = 0; codes[i]; i++)
        html_printf(r, "<option value=\"%s\"%s>%s</option>", codes[i],
                    chosen && strcmp(chosen, codes[i]) == 0 ? " selected" : "", word(codes[i]));
    html_raw(r, "</select></label>");
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
    html_raw(r, "<h1>审计日志</h1><form class=\"search\" method=\"get\">");
    code_select(r, "对象", "entity", audit_entity_codes, audit_entity_name, entity);
    code_select(r, "操作", "action", audit_action_codes, audit_action_name, action);
    html_raw(r, "<button>筛选</button></form><div class=\"scroll\"><table class=\"list audit\"><thead><tr>"
                "<th>时间（北京时间）</th><th>用户</th><th>操作</th><th>对象</th><th>内容</th></tr></thead><tbody>");
    int64_t total = audit_list(r->db, r->user.unit_path, entity ? entity : "", 0, action ? action : "", limit, offset,
                               audit_row, r);
    html_raw(r, "</tbody></table></div>");
    html_pager(r, total, limit, offset, 0);
    report_format_links(r, "/audit", NULL);
    html_end(r);
}
