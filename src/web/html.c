/* html.c: the page frame and shared page pieces (see html.h). */
#include "html.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "markdown.h"
#include "log.h"
#include "money.h"
#include "routes.h"

void html_text(struct req *r, const char *s)
{
    buf_html(&r->out, s);
}

void html_raw(struct req *r, const char *s)
{
    buf_puts(&r->out, s);
}

/* Writes one numeric conversion spec (from '%' to its letter, at most HTML_SPEC_SIZE - 1 bytes)
   with its argument taken from ap; strings never come here. Returns 0, or -1 for a conversion
   html_printf does not take. */
static int html_number(struct req *r, const char *spec, size_t len, va_list *ap)
{
    char f[HTML_SPEC_SIZE];
    if (len >= sizeof f)
        return -1;
    memcpy(f, spec, len);
    f[len] = '\0';
    char conv = spec[len - 1];
    int longs = (len >= 2 && spec[len - 2] == 'l') + (len >= 3 && spec[len - 3] == 'l');
    if (strchr("diuxXo", conv)) {
        if (longs == 2)
            buf_printf(&r->out, f, va_arg(*ap, long long));
        else if (longs == 1)
            buf_printf(&r->out, f, va_arg(*ap, long));
        else
            buf_printf(&r->out, f, va_arg(*ap, int));
    } else if (strchr("fFeEgG", conv)) {
        buf_printf(&r->out, f, va_arg(*ap, double));
    } else {
        return -1;
    }
    return 0;
}

void html_printf(struct req *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    for (const char *p = fmt; *p; p++) {
        const char *run = p;
        while (*p && *p != '%')
            p++;
        buf_put(&r->out, run, (size_t)(p - run));
        if (!*p)
            break;
        size_t len = 1 + strspn(p + 1, "-+ #0123456789.hlzjt");
        if (p[len] == '%') {
            buf_puts(&r->out, "%");
        } else if (p[len] == 's' && len == 1) {
            buf_html(&r->out, va_arg(ap, const char *));
        } else if (!p[len] || html_number(r, p, len + 1, &ap) != 0) {
            log_error("html_printf: unsupported conversion in \"%s\"", fmt);
            break;
        }
        p += len;
    }
    va_end(ap);
}

void html_raw_printf(struct req *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&r->out, fmt, ap);
    va_end(ap);
}

void html_markdown(struct req *r, const char *md)
{
    char *html = md ? markdown_to_html(md, strlen(md)) : NULL;
    html_raw(r, html ? html : "");
    free(html);
}

void html_money(struct req *r, int64_t fen)
{
    char s[MONEY_TEXT_SIZE];
    html_text(r, money_format(fen, s, sizeof s));
}

int html_may_open(struct req *r, const char *href)
{
    char path[HTML_HREF_SIZE];
    size_t n = strcspn(href, "?#");
    if (n >= sizeof path)
        return 0;
    memcpy(path, href, n);
    path[n] = '\0';
    return route_allowed("GET", path, r->user.role);
}

void html_link(struct req *r, const char *href, const char *text)
{
    if (html_may_open(r, href))
        html_printf(r, "<a href=\"%s\">%s</a>", href, text);
    else
        html_text(r, text);
}

void html_china_time(struct req *r, const char *utc)
{
    char cn[CLOCK_STAMP_SIZE];
    html_text(r, clock_china_stamp(utc, cn));
}

void html_format_help(struct req *r)
{
    html_raw(r, "<details class=\"format-help\"><summary>格式说明</summary><p>正文可用简单的格式标记，"
                "保存后显示为排好版的样子：</p><ul><li>行首写 <code># </code> 为标题，<code>## </code> 为小标题；</li>"
                "<li>两个星号括起来为加粗：<code>**重要**</code>；一个星号为强调：<code>*注意*</code>；</li>"
                "<li>行首写 <code>- </code> 为列表，写 <code>1. </code> 为编号；行首写 <code>&gt; </code> 为引用；</li>"
                "<li>链接写成 <code>[文字](网址)</code>；空一行为另起一段。</li></ul></details>");
}

void html_count(struct req *r, int64_t n)
{
    char s[MONEY_TEXT_SIZE];
    html_text(r, money_count_format(n, s, sizeof s));
}

/* Navigation entries: label, link, roles that see them. */
static const struct {
    const char *label, *href;
    unsigned roles;
} nav[] = {
    {"工作台", "/home", ROLES_ALL},
    {"家庭档案", "/households", ROLES_ALL & ~ROLE_BIT(ROLE_REVIEWER)},
    {"结对帮扶", "/pairs", ROLES_ALL & ~ROLE_BIT(ROLE_REVIEWER)},
    {"技术培训", "/trainings", ROLES_ALL & ~ROLE_BIT(ROLE_REVIEWER)},
    {"信息服务", "/information", ROLES_ALL & ~ROLE_BIT(ROLE_REVIEWER)},
    {"投诉意见", "/complaints", ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_ASSOCIATION) | ROLE_BIT(ROLE_RELIEF) |
                                  ROLE_BIT(ROLE_VILLAGE) | ROLE_BIT(ROLE_AUDITOR)},
    {"贷款申请", "/loans", ROLES_ALL},
    {"合作社", "/organisations", ROLES_ALL & ~ROLE_BIT(ROLE_REVIEWER)},
    {"待评审", "/reviews", ROLE_BIT(ROLE_REVIEWER)},
    {"到期清单", "/due", ROLE_BIT(ROLE_LIAISON) | ROLE_BIT(ROLE_FINANCE) | ROLE_BIT(ROLE_ASSOCIATION)},
    {"到期提醒", "/due/reminders", ROLE_BIT(ROLE_VILLAGE)},
    {"代偿", "/claims", ROLE_BIT(ROLE_FINANCE) | ROLE_BIT(ROLE_ASSOCIATION)},
    {"贴息", "/subsidy", ROLE_BIT(ROLE_FINANCE)},
    {"对账单", "/statements", ROLE_BIT(ROLE_LIAISON) | ROLE_BIT(ROLE_FINANCE)},
    {"逾期清单", "/overdue", ROLE_BIT(ROLE_LIAISON) | ROLE_BIT(ROLE_FINANCE) | ROLE_BIT(ROLE_ASSOCIATION)},
    {"担保基金", "/guarantee-fund", ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_ASSOCIATION) | ROLE_BIT(ROLE_FINANCE) |
                                    ROLE_BIT(ROLE_AUDITOR)},
    {"救助", "/relief", ROLES_ALL & ~ROLE_BIT(ROLE_REVIEWER) & ~ROLE_BIT(ROLE_LIAISON)},
    {"慰问品", "/aid", ROLES_ALL & ~ROLE_BIT(ROLE_REVIEWER) & ~ROLE_BIT(ROLE_LIAISON)},
    {"扶助项目", "/programmes", ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_RELIEF) | ROLE_BIT(ROLE_FINANCE) |
                                   ROLE_BIT(ROLE_ASSOCIATION) | ROLE_BIT(ROLE_AUDITOR)},
    {"帮扶活动", "/campaigns", ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_RELIEF) | ROLE_BIT(ROLE_FINANCE) |
                                 ROLE_BIT(ROLE_ASSOCIATION) | ROLE_BIT(ROLE_AUDITOR)},
    {"公示", "/notices", ROLES_ALL & ~ROLE_BIT(ROLE_REVIEWER) & ~ROLE_BIT(ROLE_LIAISON)},
    {"公告", "/announcements", ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_ASSOCIATION) | ROLE_BIT(ROLE_RELIEF) |
                                  ROLE_BIT(ROLE_AUDITOR)},
    {"救助资金", "/funds", ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_RELIEF) | ROLE_BIT(ROLE_FINANCE) |
                             ROLE_BIT(ROLE_ASSOCIATION) | ROLE_BIT(ROLE_AUDITOR)},
    {"导入家庭", "/households/import", ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_ASSOCIATION) | ROLE_BIT(ROLE_VILLAGE)},
    {"用户管理", "/admin/users", ROLE_BIT(ROLE_ADMIN)},
    {"单位", "/admin/units", ROLE_BIT(ROLE_ADMIN)},
    {"贷款产品", "/admin/loan-products", ROLE_BIT(ROLE_ADMIN)},
    {"评审部门", "/admin/departments", ROLE_BIT(ROLE_ADMIN)},
    {"工作日历", "/admin/holidays", ROLE_BIT(ROLE_ADMIN)},
    {"脱敏规则", "/admin/masking", ROLE_BIT(ROLE_ADMIN)},
    {"代发格式", "/admin/bank-formats", ROLE_BIT(ROLE_ADMIN)},
    {"考核权重", "/admin/assessment-weights", ROLE_BIT(ROLE_ADMIN)},
    {"会计科目", "/admin/accounts", ROLE_BIT(ROLE_ADMIN)},
    {"报表", "/reports", ROLES_ALL},
    {"审计日志", "/audit", ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_AUDITOR)},
};

/* The nav's one search box (households, loans, applications, receipts), for roles that may search. */
static void nav_search(struct req *r)
{
    if (!route_allowed("GET", "/search", r->user.role))
        return;
    html_raw(r, "<form class=\"find\" method=\"get\" action=\"/search\" role=\"search\">"
                "<input type=\"search\" name=\"find\" aria-label=\"搜索\" "
                "placeholder=\"姓名、身份证号、电话、合同号、凭证号\" value=\"");
    html_text(r, strcmp(r->path, "/search") == 0 ? req_query(r, "find") : NULL);
    html_raw(r, "\"><button>搜索</button></form>");
}

void html_begin(struct req *r, const char *title)
{
    buf_reset(&r->out);
    html_raw(r, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>");
    html_text(r, title);
    html_raw(r, " · 帮富</title><link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">"
                "<link rel=\"stylesheet\" href=\"/static/app.css\">"
                "<link rel=\"stylesheet\" href=\"/static/print.css\" media=\"print\">"
                "</head><body>"
                "<header class=\"top\"><a class=\"brand\" href=\"");
    html_raw(r, r->authed ? "/home" : "/");
    html_raw(r, "\">帮富 <small>计生信贷助富 · 困难家庭救助</small></a>");
    if (r->authed) {
        html_raw(r, "<nav>");
        for (size_t i = 0; i < sizeof nav / sizeof nav[0]; i++) {
            if (!(nav[i].roles & ROLE_BIT(r->user.role)) || !route_allowed("GET", nav[i].href, r->user.role))
                continue;
            int here = strncmp(r->path, nav[i].href, strlen(nav[i].href)) == 0 &&
                       (strcmp(nav[i].href, "/households") != 0 || strncmp(r->path, "/households/import", 18) != 0);
            html_raw_printf(r, "<a href=\"%s\"%s>%s</a>", nav[i].href, here ? " class=\"here\"" : "", nav[i].label);
        }
        html_raw(r, "</nav>");
        nav_search(r);
        html_raw(r, "<div class=\"who\"><span>");
        html_text(r, r->user.name);
        html_raw(r, " · ");
        html_text(r, role_name(r->user.role));
        html_raw(r, " · ");
        html_text(r, r->user.unit_name);
        html_raw(r, "</span><a href=\"/account/password\">修改密码</a><form method=\"post\" action=\"/logout\">");
        html_csrf(r);
        html_raw(r, "<button class=\"link\">退出</button></form></div>");
    } else {
        html_raw(r, "<nav><a href=\"/\">公示公告</a><a href=\"/login\">工作人员登录</a></nav>");
    }
    html_raw(r, "</header><main>");
}

void html_end(struct req *r)
{
    html_raw(r, "</main><footer>帮富 · 计划生育协会业务系统</footer></body></html>\n");
    if (!r->status)
        r->status = 200;
    r->content_type = "text/html; charset=utf-8";
}

void html_error_page(struct req *r, const struct err *e)
{
    static const struct {
        int status;
        const char *title;
    } titles[] = {{400, "请求有误"}, {401, "需要登录"}, {403, "无权访问"}, {404, "未找到"},
                  {405, "方法不允许"}, {409, "操作冲突"}, {413, "内容过大"}, {422, "填写有误"},
                  {429, "请稍后再试"}, {500, "系统错误"}};
    const char *title = "出错了";
    for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++)
        if (titles[i].status == e->status)
            title = titles[i].title;
    html_begin(r, title);
    html_raw(r, "<section class=\"error-page\"><h1>");
    html_text(r, title);
    html_raw(r, "</h1><p class=\"error\">");
    html_text(r, e->message);
    html_raw(r, "</p><p>");
    html_raw(r, r->authed ? "<a href=\"/home\">回到工作台</a>" : "<a href=\"/\">回到首页</a> · <a href=\"/login\">登录</a>");
    html_raw(r, "</p></section>");
    r->status = e->status ? e->status : 500;
    log_failure(r->status, e->code);
    html_end(r);
}

void html_csrf(struct req *r)
{
    html_raw(r, "<input type=\"hidden\" name=\"csrf\" value=\"");
    html_text(r, r->csrf);
    html_raw(r, "\">");
}

void html_flash(struct req *r)
{
    static const struct {
        const char *code, *text;
    } messages[] = {
        {"created", "已保存。"},       {"updated", "已更新。"},         {"member", "已添加家庭成员。"},
        {"imported", "导入完成。"},    {"user", "用户已创建。"},        {"unit", "单位已创建。"},
        {"password", "密码已修改。"},   {"submitted", "已提交联合评审。"}, {"reviewed", "评审意见已记录。"},
        {"guaranteed", "担保已办理，可打印担保推荐函。"}, {"repaid", "还款已登记。"},
        {"disbursed", "放款已登记。"}, {"edited", "申请已修改。"}, {"document", "材料已上传。"}, {"loan_withdrawn", "申请已撤回，该家庭可以重新申请。"},
        {"compensated", "担保基金已代偿。"}, {"recovered", "追偿款已记入担保基金。"},
        {"relief_step", "已办理。"}, {"paid", "已发放，可打印领款凭证。"}, {"voided", "凭证已作废，资金已退回。"},
        {"batch", "批次已建立。"}, {"notice", "公示已发布。"}, {"objection", "异议已提交，工作人员将在公示期内核实处理。"},
        {"resolved", "异议已处理。"}, {"reversed", "已冲正。"}, {"published", "公告已发布。"},
        {"withdrawn", "公告已撤回，公开页面不再显示。"},
        {"category_pending", "已保存；新增的计生特殊家庭类别须经另一人审批后生效，审批前仍按原类别办理。"},
        {"category_registered", "已保存；申报的计生特殊家庭类别（失独、伤残）须上传证明材料并经另一人审批后生效，审批前仍按其他类别办理。"},
        {"category_document", "证明材料已上传，待另一人审批。"},
        {"category_approved", "类别变更已批准，已生效。"}, {"category_rejected", "类别变更已驳回，家庭类别未变。"},
        {"extension", "展期申请已登记。"}, {"extension_approved", "展期已生效，新的还款计划见下。"},
        {"extension_refused", "已不同意该展期。"}, {"extension_reviewed", "本部门的展期评审意见已提交。"},
        {"extension_review_rejected", "本部门不同意该展期，展期不予办理。"}, {"write_off", "核销申请已登记，待另一人审批。"},
        {"write_off_approved", "已核销。"}, {"write_off_refused", "已不同意该核销。"}, {"rated", "信用评定已记录。"},
        {"subsidy_received", "财政贴息资金到账已登记，已生成记账凭证。"},
    };
    /* refusals that still end on the record's page (?refused=CODE), shown in the error style */
    static const struct {
        const char *code, *text;
    } refusals[] = {
        {"duplicate", "该凭证号此前已登记，本次未入账。请核对凭证号；若确是另一笔还款，请使用新凭证号。"},
    };
    const char *ok = req_query(r, "ok");
    for (size_t i = 0; ok && i < sizeof messages / sizeof messages[0]; i++)
        if (strcmp(ok, messages[i].code) == 0)
            html_printf(r, "<p class=\"flash\" role=\"status\">%s</p>", messages[i].text);
    const char *refused = req_query(r, "refused");
    for (size_t i = 0; refused && i < sizeof refusals / sizeof refusals[0]; i++)
        if (strcmp(refused, refusals[i].code) == 0)
            html_printf(r, "<p class=\"error\" role=\"alert\">%s</p>", refusals[i].text);
}

void html_form_error(struct req *r, const struct err *e)
{
    r->shown_error = e;
    html_raw(r, "<p class=\"error\" role=\"alert\">");
    html_text(r, e->message);
    html_raw(r, "</p>");
}

void html_paging(struct req *r, int *limit, int *offset)
{
    int64_t l = req_query_int(r, "limit", 20), o = req_query_int(r, "offset", 0);
    *limit = (int)(l < 1 ? 20 : l > 200 ? 200 : l);
    *offset = (int)(o < 0 ? 0 : o > 100000000 ? 100000000 : o);
}

void html_self_link(struct req *r, const char *key, const char *value)
{
    struct buf u;
    buf_init(&u);
    buf_puts(&u, r->path);
    char sep = '?';
    for (int i = 0; i < r->nquery; i++) {
        if (!strcmp(r->query[i].key, "offset") || !strcmp(r->query[i].key, "after") || !strcmp(r->query[i].key, "ok") ||
            !strcmp(r->query[i].key, key))
            continue;
        buf_putc(&u, sep);
        buf_urlenc(&u, r->query[i].key);
        buf_putc(&u, '=');
        buf_urlenc(&u, r->query[i].val);
        sep = '&';
    }
    if (*value) {
        buf_putc(&u, sep);
        buf_urlenc(&u, key);
        buf_putc(&u, '=');
        buf_urlenc(&u, value);
    }
    html_text(r, u.data);
    buf_free(&u);
}

/* Appends the current path with its query, replacing offset by the given value. */
static void pager_link(struct req *r, int offset)
{
    char o[24];
    snprintf(o, sizeof o, "%d", offset);
    html_self_link(r, "offset", o);
}

void html_pager(struct req *r, int64_t total, int limit, int offset, int64_t cap)
{
    html_raw(r, "<nav class=\"pager\">");
    if (total == 0)
        html_raw(r, "<span>没有符合条件的记录</span>");
    else if (cap > 0 && total > cap)
        html_printf(r, "<span>第 %d–%d 条，超过 %lld 条，请输入更多字缩小范围</span>", offset + 1, offset + limit,
                    (long long)cap);
    else {
        char n[MONEY_TEXT_SIZE];
        html_printf(r, "<span>第 %d–%lld 条，共 %s 条</span>", offset + 1,
                    (long long)(offset + limit < total ? offset + limit : total), money_count_format(total, n, sizeof n));
    }
    if (offset > 0) {
        html_raw(r, " <a rel=\"prev\" href=\"");
        pager_link(r, offset - limit > 0 ? offset - limit : 0);
        html_raw(r, "\">上一页</a>");
    }
    if (offset + limit < total) {
        html_raw(r, " <a rel=\"next\" href=\"");
        pager_link(r, offset + limit);
        html_raw(r, "\">下一页</a>");
    }
    html_raw(r, "</nav>");
}
