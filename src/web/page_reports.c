/* page_reports.c: the reports page of the navigation (/reports): every report the user's role may
   open, with what it shows. */
#include "handlers.h"
#include "html.h"
#include "routes.h"

void page_reports(struct req *r)
{
    static const struct {
        const char *href, *title, *what;
    } reports[] = {
        {"/reports/portfolio", "贷款情况表", "在贷笔数、余额、五级分类、按村和项目类型的分布，可导出表格和打印。"},
        {"/reports/outcomes", "帮扶成效", "贷款户的就业和增收情况。"},
        {"/reports/quarterly", "季度报表", "按季度的放款、回收和逾期。"},
        {"/reports/assessment", "工作考核", "按季度或月份考核各镇、村：结对、走访、培训、信息、办理及时、满意和逾期，按权重计分。"},
        {"/reports/relief", "救助统计", "救助发放按类别、按村和按月份汇总。"},
        {"/reports/timeliness", "限时办结情况", "各项服务按村、按镇或按经办人统计办结件数、按时办结、超时办结和超期未办结，可导出和打印。"},
        {"/due", "到期清单", "未来几天内到期的还款，可按村筛选、导出和打印。"},
        {"/due/reminders", "到期提醒名单", "按村列出近期到期的贷款户和电话，供村计生专干提醒，可导出短信群发表。"},
        {"/overdue", "逾期清单", "逾期的贷款、逾期天数和罚息。"},
        {"/subsidy", "贴息申报", "季度贴息申报表。"},
        {"/reports/vouchers", "记账凭证", "担保基金和救助资金每笔收支的记账凭证（借贷科目、金额），可按月导出到财务软件。"},
        {"/reports/trial-balance", "试算平衡表", "各会计科目的期初余额、本期借贷方发生额和期末余额，借贷合计相等。"},
    };
    html_begin(r, "报表");
    html_raw(r, "<h1>报表</h1><ul class=\"reports\">");
    int shown = 0;
    for (size_t i = 0; i < sizeof reports / sizeof reports[0]; i++) {
        if (!route_allowed("GET", reports[i].href, r->user.role))
            continue;
        html_printf(r, "<li><a href=\"%s\">%s</a><span class=\"muted\">：%s</span></li>", reports[i].href,
                    reports[i].title, reports[i].what);
        shown++;
    }
    html_raw(r, "</ul>");
    if (!shown)
        html_raw(r, "<p class=\"muted\">您的角色没有可查看的报表。</p>");
    html_end(r);
}
