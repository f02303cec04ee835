/* page_vouchers.c: the accounting reports' pages: /reports/vouchers (记账凭证 of a period) and
   /reports/trial-balance (试算平衡表 as of a day), each with the unit choice and the CSV / Excel /
   PDF exports at base.csv, base.xlsx and base.pdf. */
#include "account_sheets.h"
#include "handlers.h"
#include "html.h"
#include "report_scope.h"

/* A report page (or its export at base.csv / .xlsx / .pdf): the period's fields, from and to_key,
   showing the period the sheet covers. */
static void accounts_page(struct req *r, const char *base, const char *name, const char *title, const char *to_key,
                          const char *to_label, account_sheet_fn build)
{
    char from[11], to[11];
    struct sheet s;
    if (!account_report_start(r, to_key, build, name, from, to, &s))
        return;
    html_begin(r, title);
    html_printf(r,
                "<h1>%s</h1><form class=\"search\" method=\"get\" action=\"%s\"><label>自<input type=\"date\" "
                "name=\"from\" value=\"%s\"></label><label>%s<input type=\"date\" name=\"%s\" value=\"%s\"></label>",
                title, base, from, to_label, to_key, to);
    report_page_tail(r, &s, base);
    html_end(r);
    sheet_free(&s);
}

void page_vouchers(struct req *r)
{
    accounts_page(r, "/reports/vouchers", "vouchers", "记账凭证", "to", "至", voucher_sheet);
}

void page_trial_balance(struct req *r)
{
    accounts_page(r, "/reports/trial-balance", "trial-balance", "试算平衡表", "as_of", "截至", trial_balance_sheet);
}
