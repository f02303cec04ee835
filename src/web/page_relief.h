/*
 * page_relief.h: pieces the relief pages share: the category options of a <select>, the payment
 * form and the application table.
 */
#ifndef BANGFU_PAGE_RELIEF_H
#define BANGFU_PAGE_RELIEF_H
#include <stdint.h>

#include "relief.h"
#include "server.h"

/* <option>s of the active categories with their amounts in force today; `selected` marked. */
void relief_category_options(struct req *r, int64_t selected);
/* The <option>s of the funds the user may pay from, with their balances. */
void relief_fund_options(struct req *r);
/* The payment form (fund, date, method) posting to action. */
void relief_pay_form(struct req *r, const char *action);
/* The application page with shown (a refusal) at the top. */
void relief_show(struct req *r, int64_t id, const struct err *shown);
/* The supporting documents of the application: the list, and the upload form when may_upload. */
void relief_documents_section(struct req *r, int64_t application_id, int may_upload);
/* The table of applications matching f, with the pager; with a keyset page (f->page) count is the
   total the caller already counted (relief_list_totals), else it is counted here (pass -1). */
void relief_table(struct req *r, struct relief_filter *f, int64_t count);

#endif
