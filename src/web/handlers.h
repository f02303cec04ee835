/*
 * handlers.h: every route handler, grouped by the file that defines it. routes.c is the only
 * place that refers to them all.
 */
#ifndef BANGFU_HANDLERS_H
#define BANGFU_HANDLERS_H
#include "server.h"

/* page_auth.c */
void page_login_form(struct req *r);
void page_login(struct req *r);
void page_logout(struct req *r);
void page_password_form(struct req *r);
void page_password_change(struct req *r);
void page_healthz(struct req *r);
/* page_public.c */
void page_public_home(struct req *r);
void page_public_announcement(struct req *r);
/* page_announcement.c */
void page_announcements(struct req *r);
void page_announcement_new(struct req *r);
void page_announcement_create(struct req *r);
void page_announcement_show(struct req *r);
void page_announcement_save(struct req *r);
void page_announcement_withdraw(struct req *r);
void page_announcement_preview(struct req *r);
void page_announcement_version(struct req *r);
/* page_announcement_pdf.c: the PDF of an announcement's current text (staff: any state; public:
   while published) */
struct announcement;
void announcement_pdf_reply(struct req *r, const struct announcement *a);
void page_announcement_pdf(struct req *r);
void page_public_announcement_pdf(struct req *r);
void page_static(struct req *r);
/* page_home.c */
void page_home(struct req *r);
/* page_household.c */
void page_household_list(struct req *r);
void page_household_new(struct req *r);
void page_household_create(struct req *r);
void page_household_show(struct req *r);
void page_household_update(struct req *r);
/* page_category_change.c */
void page_category_changes(struct req *r);
void page_category_change_approve(struct req *r);
void page_category_change_reject(struct req *r);
void page_category_change_document(struct req *r);
/* Uploads the document of a change claimed at registration (multipart field document). */
void page_category_change_attach(struct req *r);
void api_category_changes(struct req *r);
void api_category_change_propose(struct req *r);
void api_category_change_approve(struct req *r);
void api_category_change_reject(struct req *r);
void api_category_change_document(struct req *r);
void api_category_change_attach(struct req *r);
/* The household page's note of the category changes waiting for approval. */
void household_pending_changes(struct req *r, int64_t household_id);
void page_household_add_member(struct req *r);
/* The household page again for household_id, with a refusal e shown (its status kept); 404 and
   403 answered as errors. */
void household_page_refused(struct req *r, int64_t household_id, const struct err *e);
/* After a change of household_id from its page: failed, the page again with the refusal e
   (household_page_refused); else back to it with the flash ok ("created", "updated"). */
void household_page_done(struct req *r, int64_t household_id, int failed, const struct err *e, const char *ok);
void page_household_member_update(struct req *r);
/* page_import.c */
void page_import_form(struct req *r);
void page_import_upload(struct req *r);
void page_import_confirm(struct req *r);
/* page_admin.c */
void page_users(struct req *r);
void page_users_create(struct req *r);
void page_user_edit(struct req *r);
void page_users_update(struct req *r);
void page_units(struct req *r);
void page_units_create(struct req *r);
void page_departments(struct req *r);
void page_departments_create(struct req *r);
void page_departments_update(struct req *r);
/* page_loan.c */
void page_loans(struct req *r);
void page_review_queue(struct req *r);
void page_loan_new(struct req *r);
void page_loan_create(struct req *r);
void page_loan_show(struct req *r);
void page_loan_documents(struct req *r);
void page_loan_submit(struct req *r);
void page_loan_withdraw(struct req *r);
void page_loan_edit(struct req *r);
void page_loan_update(struct req *r);
void page_loan_review(struct req *r);
void page_loan_guarantee(struct req *r);
void page_loan_backup(struct req *r);
void page_loan_disburse(struct req *r);
/* page_loan_pdf.c */
void page_loan_notice_pdf(struct req *r);
void page_loan_review_form_pdf(struct req *r);
void page_loan_guarantee_letter_pdf(struct req *r);
/* page_fund.c */
void page_fund(struct req *r);
void page_fund_entry(struct req *r);
void page_holidays(struct req *r);
void page_holidays_set(struct req *r);
void page_holidays_remove(struct req *r);
/* page_servicing.c */
void page_account(struct req *r);
void page_account_repay(struct req *r);
void page_account_reverse(struct req *r);
void page_due(struct req *r);
/* page_due.c: the overdue instalments as CSV or PDF, the due reminders per village and their SMS export. */
void page_overdue_export(struct req *r);
void page_due_reminders(struct req *r);
void page_due_sms(struct req *r);
void page_overdue(struct req *r);
void page_account_schedule_pdf(struct req *r);
void page_account_settlement_pdf(struct req *r);
void page_claims(struct req *r);
void page_account_compensate(struct req *r);
void page_account_recover(struct req *r);
void page_subsidy(struct req *r);
void page_subsidy_pdf(struct req *r);
/* page_statement.c */
void page_statement_form(struct req *r);
void page_statement_check(struct req *r);
void page_statement_book(struct req *r);
/* page_masking.c */
void page_masking(struct req *r);
void page_masking_save(struct req *r);
/* page_audit.c */
void page_audit(struct req *r);

/* api_lists.c: the loan book, due, overdue and claims lists, relief batches */
void api_loan_book(struct req *r);
void api_overdue_loans(struct req *r);
void api_due_list(struct req *r);
void api_due_reminders(struct req *r);
void api_due_sms(struct req *r);
void api_guarantee_entries(struct req *r);
void api_claims_list(struct req *r);
void api_relief_batches_list(struct req *r);
/* openapi.c */
void api_openapi(struct req *r);
/* api_auth.c */
void api_login(struct req *r);
void api_logout(struct req *r);
void api_me(struct req *r);
void api_password_change(struct req *r);
/* api_units.c */
void api_units_list(struct req *r);
void api_units_create(struct req *r);
void api_departments_list(struct req *r);
void api_departments_create(struct req *r);
/* api_product.c */
void api_products_list(struct req *r);
void api_products_show(struct req *r);
void api_products_create(struct req *r);
void api_products_update(struct req *r);
/* api_organisation.c */
void api_organisations_list(struct req *r);
void api_organisations_show(struct req *r);
void api_organisations_create(struct req *r);
/* page_product.c */
void page_products(struct req *r);
void page_products_create(struct req *r);
void page_product_edit(struct req *r);
void page_products_update(struct req *r);
/* page_organisation.c */
void page_organisations(struct req *r);
void page_organisations_create(struct req *r);
void page_organisation_show(struct req *r);
/* api_users.c */
void api_users_list(struct req *r);
void api_users_create(struct req *r);
void api_users_update(struct req *r);
void api_users_password(struct req *r);
/* page_pairs.c */
/* The household page's 结对帮扶 section: its pairs, those it helps in, the forms. */
void pairs_section(struct req *r, int64_t household_id);
void page_household_pair(struct req *r);
void page_pair_end(struct req *r);
void page_pairs(struct req *r);
/* page_trainings.c */
void page_trainings(struct req *r);
void page_training_create(struct req *r);
/* page_information.c */
void page_information(struct req *r);
void page_information_create(struct req *r);
/* The information services' counts by village over [from, to] (the information and training pages). */
void info_village_table(struct req *r, const char *from, const char *to);
/* api_information.c */
void api_information_create(struct req *r);
void api_information_list(struct req *r);
void api_information_villages(struct req *r);
/* page_assessment.c */
void page_assessment(struct req *r);
void page_assessment_public(struct req *r);
void page_assessment_weights(struct req *r);
void page_assessment_weights_save(struct req *r);
/* api_assessment.c */
void api_assessment(struct req *r);
void api_assessment_weights(struct req *r);
void api_assessment_weights_set(struct req *r);
/* api_trainings.c */
void api_trainings_create(struct req *r);
void api_trainings_list(struct req *r);
void api_trainings_villages(struct req *r);
/* page_complaints.c */
void page_complaint_public(struct req *r);
void page_complaint_public_submit(struct req *r);
void page_complaints(struct req *r);
void page_complaints_create(struct req *r);
void page_complaint_show(struct req *r);
void page_complaint_resolve(struct req *r);
void page_complaint_assign(struct req *r);
void page_time_limit_set(struct req *r);
void page_time_limits(struct req *r);
void page_relief_backup(struct req *r);
void api_relief_backup(struct req *r);
void page_deadlines(struct req *r);
void page_timeliness_report(struct req *r);
void api_timeliness_report(struct req *r);
void api_time_limits_open(struct req *r);
/* api_complaints.c */
void api_complaints_create(struct req *r);
void api_complaints_list(struct req *r);
void api_complaints_show(struct req *r);
void api_complaints_resolve(struct req *r);
void api_complaints_assign(struct req *r);
void api_time_limits(struct req *r);
void api_time_limits_set(struct req *r);
/* The staff user filing a complaint for a caller, or NULL for the public. */
struct user_ctx;
const struct user_ctx *complaint_filer(const struct req *r);
/* The list's ?state= (open, resolved, late, due_soon; "" any) as complaint_filter's state, or -1. */
int complaint_state_parse(const char *s);
/* page_visits.c */
/* The household page's 走访帮扶 section: visits and loan follow-up visits, the form. */
void visits_section(struct req *r, int64_t household_id);
void page_household_visit(struct req *r);
/* api_visits.c */
void api_visits_create(struct req *r);
void api_visits_list(struct req *r);
/* api_pairs.c */
void api_pairs_create(struct req *r);
void api_pairs_end(struct req *r);
void api_pairs_list(struct req *r);
/* api_household.c */
void api_households_create(struct req *r);
void api_households_list(struct req *r);
void api_households_show(struct req *r);
void api_households_member_update(struct req *r);

/* page_programme.c, page_roll.c, api_programme.c: programmes, yearly rolls, their payment */
void page_programmes(struct req *r);
void page_programmes_create(struct req *r);
void page_programme_show(struct req *r);
void page_rolls_create(struct req *r);
void page_rolls(struct req *r);
void page_roll_show(struct req *r);
void page_roll_add(struct req *r);
void page_roll_remove(struct req *r);
void page_roll_notice(struct req *r);
void page_roll_approve(struct req *r);
void page_roll_bank_file(struct req *r);
void page_roll_bank_return(struct req *r);
void page_roll_bank_return_confirm(struct req *r);
void api_programmes_list(struct req *r);
void api_programmes_create(struct req *r);
void api_programmes_show(struct req *r);
void api_programmes_amount(struct req *r);
void api_rolls_create(struct req *r);
void api_rolls_list(struct req *r);
void api_rolls_show(struct req *r);
void api_rolls_rows(struct req *r);
void api_rolls_excluded(struct req *r);
void api_rolls_add(struct req *r);
void api_rolls_remove(struct req *r);
void api_rolls_approve(struct req *r);
void api_rolls_bank_file(struct req *r);
void api_rolls_bank_return(struct req *r);
/* page_aid.c, api_aid.c: aid in kind (慰问品) and its 签领表 */
void page_aid(struct req *r);
void page_aid_create(struct req *r);
void page_aid_sign_sheet(struct req *r);
void page_aid_items_create(struct req *r);
void page_aid_reverse(struct req *r);
void api_aid_items_list(struct req *r);
void api_aid_items_create(struct req *r);
void api_aid_list(struct req *r);
void api_aid_create(struct req *r);
void api_aid_sign_sheet(struct req *r);
void api_aid_show(struct req *r);
void api_aid_reverse(struct req *r);
/* page_campaigns.c, api_campaigns.c: campaigns (帮扶活动) and their progress */
void page_campaigns(struct req *r);
void page_campaigns_create(struct req *r);
void page_campaign_show(struct req *r);
void api_campaigns_list(struct req *r);
void api_campaigns_create(struct req *r);
void api_campaigns_show(struct req *r);
/* api_loan.c */
void api_loans_create(struct req *r);
void api_loans_list(struct req *r);
void api_loans_show(struct req *r);
void api_loans_documents(struct req *r);
void api_loans_submit(struct req *r);
void api_loans_withdraw(struct req *r);
void api_loans_update(struct req *r);
void api_loans_review(struct req *r);
void api_loans_backup(struct req *r);
void api_loans_requested(struct req *r);
void api_loans_guarantee(struct req *r);
void api_guarantee_fund(struct req *r);
void api_guarantee_fund_entry(struct req *r);
void api_holidays_list(struct req *r);
void api_holidays_set(struct req *r);
/* api_servicing.c */
void api_schedule_preview(struct req *r);
void api_loan_disburse(struct req *r);
void api_loan_show(struct req *r);
void api_loan_repay(struct req *r);
void api_loan_reverse(struct req *r);
void api_loan_compensate(struct req *r);
void api_loan_recover(struct req *r);
/* api_lifecycle.c: extension, write-off, the loan's lifecycle, credit ratings. */
void api_loan_lifecycle(struct req *r);
void api_loan_extension(struct req *r);
void api_loan_extension_review(struct req *r);
/* api_subsidy_receipt.c: the interest subsidy received */
void api_subsidy_receipts(struct req *r);
void api_subsidy_receipt_add(struct req *r);
void api_subsidy_receipt_reverse(struct req *r);
/* page_subsidy_receipt.c: the subsidy received on the subsidy page */
void page_subsidy_receipt_add(struct req *r);
/* The subsidy received (list, record and reverse forms) under the quarter's claim. */
void subsidy_receipts_section(struct req *r);
/* page_servicing.c: the subsidy page again with a form's refusal e. */
void page_subsidy_refused(struct req *r, const struct err *e);
void page_subsidy_receipt_reverse(struct req *r);
void api_loan_extension_decide(struct req *r);
void api_loan_extension_reverse(struct req *r);
void api_loan_write_off(struct req *r);
void api_loan_write_off_decide(struct req *r);
void api_household_credit(struct req *r);
void api_household_rate(struct req *r);
void api_subsidy_claim(struct req *r);
void api_portfolio(struct req *r);
void api_overdue_by_village(struct req *r);
/* page_relief.c, page_relief_show.c, page_relief_batch.c */
void page_relief_list(struct req *r);
void page_relief_new(struct req *r);
void page_relief_create(struct req *r);
void page_relief_show(struct req *r);
void page_relief_verify(struct req *r);
void page_relief_document_upload(struct req *r);
void page_relief_document(struct req *r);
void api_relief_documents(struct req *r);
void api_relief_document_upload(struct req *r);
void api_relief_document(struct req *r);
void page_relief_review(struct req *r);
void page_relief_approve(struct req *r);
void page_relief_reject(struct req *r);
void page_relief_disburse(struct req *r);
void page_relief_batches(struct req *r);
void page_relief_batch_new(struct req *r);
void page_relief_batch_create(struct req *r);
void page_relief_batch_show(struct req *r);
void page_relief_batch_verify(struct req *r);
void page_relief_batch_review(struct req *r);
void page_relief_batch_approve(struct req *r);
void page_relief_batch_disburse(struct req *r);
void page_relief_batch_bank_file(struct req *r);
void page_relief_batch_bank_return(struct req *r);
void page_relief_batch_bank_return_confirm(struct req *r);
void page_bank_formats(struct req *r);
void page_bank_format_save(struct req *r);
/* page_relief_fund.c, page_relief_admin.c */
void page_funds(struct req *r);
void page_funds_create(struct req *r);
void page_funds_income(struct req *r);
void page_fund_ledger(struct req *r);
void page_fund_entry_reverse(struct req *r);
void page_relief_categories(struct req *r);
void page_relief_category_create(struct req *r);
void page_relief_category_update(struct req *r);
void page_relief_category_amount(struct req *r);
/* page_notice.c */
void page_notices(struct req *r);
void page_notices_create(struct req *r);
void page_notice_manage(struct req *r);
void page_objection_resolve(struct req *r);
void page_notice_public(struct req *r);
void page_notice_object(struct req *r);
/* page_relief_report.c: the relief report and a fund's ledger (HTML/CSV/PDF; JSON from the API) */
void page_relief_report(struct req *r);
void api_relief_report(struct req *r);
void report_fund_ledger(struct req *r);
/* page_vouchers.c, page_accounts.c, api_accounts.c: the books (记账凭证, 试算平衡表, 会计科目) */
void page_vouchers(struct req *r);
void page_trial_balance(struct req *r);
void page_accounts(struct req *r);
void page_accounts_create(struct req *r);
void page_accounts_update(struct req *r);
void page_voucher_rule_update(struct req *r);
void api_report_vouchers(struct req *r);
void api_report_trial_balance(struct req *r);
void api_accounts_list(struct req *r);
void api_accounts_create(struct req *r);
void api_accounts_update(struct req *r);
void api_voucher_rules_list(struct req *r);
void api_voucher_rules_update(struct req *r);
/* page_followup.c: visits on the loan account page, outcomes report */
void followups_section(struct req *r, int64_t loan_id);
/* After an action on the loan account r->id[0] was refused: the error page for a missing or
   foreign loan, else the account page again with the error next to its field and what was typed. */
void account_refused(struct req *r, const struct err *e);
/* page_credit.c: the household page's credit section and the rating form's handler. */
void credit_section(struct req *r, int64_t household_id);
void page_household_rate(struct req *r);
/* page_letters.c: the reminder letters PDF (催收通知书), staff site and API. */
void page_due_letters(struct req *r);
/* page_lifecycle.c: the account page's extension and write-off sections and their forms. */
struct serviced_loan;
void lifecycle_section(struct req *r, const struct serviced_loan *l);
void page_account_extension(struct req *r);
void page_account_extension_decide(struct req *r);
void page_account_extension_review(struct req *r);
void page_account_extension_reverse(struct req *r);
void page_account_write_off(struct req *r);
void page_account_write_off_decide(struct req *r);
void page_account_followup(struct req *r);
void api_loan_followup(struct req *r);
/* GET /api/v1/loans/{id}/followups: the visits of a loan in scope, newest first (the account page's table). */
void api_loan_followups(struct req *r);
void page_outcomes(struct req *r);
void api_outcomes(struct req *r);
/* page_portfolio.c: the portfolio report by township and village */
void page_portfolio_report(struct req *r);
/* page_reports.c: the list of reports the role may open. */
void page_reports(struct req *r);
/* page_search.c: the staff search box's results. */
void page_search(struct req *r);
void api_portfolio_by_village(struct req *r);
/* page_quarterly.c: the quarterly report for the district */
void page_quarterly(struct req *r);
/* api_reports.c: the quarterly report in the API */
void api_quarterly(struct req *r);
/* page_receipt.c */
void page_receipt_pdf(struct req *r);
void page_receipt_void(struct req *r);
void page_receipt_reprint(struct req *r);
void page_batch_receipts_pdf(struct req *r);
void page_batch_signlist_pdf(struct req *r);

/* page_notice_pdf.c */
void page_notice_pdf(struct req *r);
/* api_relief.c */
void api_funds_list(struct req *r);
void api_funds_create(struct req *r);
void api_funds_income(struct req *r);
void api_fund_ledger(struct req *r);
/* The fund's ledger as JSON (also the API report without ?format=). */
void api_fund_ledger_of(struct req *r, int64_t fund_id);
void api_fund_entry_reverse(struct req *r);
void api_relief_categories(struct req *r);
void api_relief_category_create(struct req *r);
void api_relief_category_update(struct req *r);
void api_relief_category_amount(struct req *r);
void api_relief_list(struct req *r);
void api_relief_create(struct req *r);
void api_relief_show(struct req *r);
void api_relief_verify(struct req *r);
void api_relief_review(struct req *r);
void api_relief_approve(struct req *r);
void api_relief_reject(struct req *r);
void api_relief_disburse(struct req *r);
void api_relief_batch_preview(struct req *r);
void api_relief_batch_create(struct req *r);
void api_relief_batch_show(struct req *r);
void api_relief_batch_verify(struct req *r);
void api_relief_batch_review(struct req *r);
void api_relief_batch_approve(struct req *r);
void api_relief_batch_disburse(struct req *r);
void api_relief_batch_bank_file(struct req *r);
void api_relief_batch_bank_return(struct req *r);
void api_bank_formats_list(struct req *r);
void api_bank_formats_create(struct req *r);
void api_bank_formats_update(struct req *r);
void api_receipt_show(struct req *r);
void api_receipt_void(struct req *r);
void api_receipt_reprint(struct req *r);
/* api_notice.c */
void api_notices_list(struct req *r);
void api_notices_create(struct req *r);
void api_notices_show(struct req *r);
void api_notices_object(struct req *r);
void api_objection_resolve(struct req *r);
/* api_announcement.c */
void api_announcements_create(struct req *r);
void api_announcements_list(struct req *r);
void api_announcements_public(struct req *r);
void api_announcements_show(struct req *r);
void api_announcements_update(struct req *r);
void api_announcements_publish(struct req *r);
void api_announcements_withdraw(struct req *r);
void api_announcements_version(struct req *r);
/* api_audit.c */
void api_audit_list(struct req *r);

#endif
