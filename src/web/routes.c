/* routes.c: the one table of routes and the pattern matcher (see routes.h). */
#include "routes.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handlers.h"

#define R(x) ROLE_BIT(ROLE_##x)
#define ALL ROLES_ALL
/* Who may read households: everyone but the department reviewers (they see applications). */
#define HH_READ (ALL & ~R(REVIEWER))
/* Who may register and change households. */
#define HH_WRITE (R(ADMIN) | R(ASSOCIATION) | R(VILLAGE))
/* Who approves another person's sensitive household category (失独, 伤残): the township's association. */
#define HH_CATEGORY_APPROVE (R(ADMIN) | R(ASSOCIATION))
/* Who registers loan applications and collects their documents (a village officer for the
   village's households). */
#define LOAN_INTAKE (R(ADMIN) | R(ASSOCIATION) | R(VILLAGE))
/* Who may read relief: everyone but department reviewers and the credit-union liaison. */
#define RELIEF_READ (ALL & ~R(REVIEWER) & ~R(LIAISON))
/* Who registers relief applications and does the village verification. */
#define RELIEF_APPLY (R(ADMIN) | R(RELIEF) | R(VILLAGE))
/* Who does the township review, publishes notices and resolves objections. */
#define RELIEF_REVIEW (R(ADMIN) | R(RELIEF) | R(ASSOCIATION))
/* Who approves relief after the notice: the association. */
#define RELIEF_APPROVE (R(ADMIN) | R(ASSOCIATION))
/* Who pays relief and handles receipts. */
#define RELIEF_PAY (R(RELIEF) | R(FINANCE))
/* Who records follow-up visits to funded projects. */
#define FOLLOWUP (R(ADMIN) | R(ASSOCIATION) | R(LIAISON) | R(VILLAGE))
/* Who prepares the reports for the district. */
#define REPORTS (R(ADMIN) | R(ASSOCIATION) | R(FINANCE) | R(AUDITOR))
/* Who writes, publishes and withdraws announcements: those who publish notices. */
#define ANN_WRITE RELIEF_REVIEW
/* Who reads the assessment (考核): those who prepare reports, and the village officers (their village's sheet). */
#define ASSESS_READ (REPORTS | R(VILLAGE))
/* Who reads complaints and suggestions. */
#define COMPLAINT_READ (R(ADMIN) | R(ASSOCIATION) | R(RELIEF) | R(VILLAGE) | R(AUDITOR))
/* Who files them for a caller, assigns and resolves them. */
#define COMPLAINT_WRITE (R(ADMIN) | R(ASSOCIATION) | R(RELIEF) | R(VILLAGE))
/* Who asks for an extension (展期) of a loan: the credit union's liaison, finance, the association. */
#define EXTENSION_ASK (R(LIAISON) | R(FINANCE) | R(ASSOCIATION))
/* Who asks for a write-off (核销) of an unrecovered payout. */
#define WRITE_OFF_ASK (R(FINANCE) | R(ASSOCIATION))
/* Who approves (a second person) or reverses extensions and write-offs: the association. */
#define LIFECYCLE_APPROVE (R(ADMIN) | R(ASSOCIATION))
/* Who rates households (信用户评定): the village officer and the credit union's liaison. */
#define RATING_WRITE (R(VILLAGE) | R(LIAISON))
/* Who reads rolls: a roll covers a township or village, so not the village officers (their scope is
   one village; a roll's page lists the whole unit). */
#define ROLL_READ (RELIEF_READ & ~R(VILLAGE))
/* Who defines programmes (扶助项目). */
#define PROG_WRITE R(ADMIN)
/* Who computes a roll and adds or removes its rows. */
#define ROLL_WRITE (R(ADMIN) | R(RELIEF) | R(ASSOCIATION))
/* Who reads campaigns (帮扶活动): their progress is by township or village, so not the village officers. */
#define CAMPAIGN_READ (RELIEF_READ & ~R(VILLAGE))
/* Who creates campaigns: the association (and the administrator). */
#define CAMPAIGN_WRITE (R(ADMIN) | R(ASSOCIATION))
/* Who reverses a distribution of aid in kind (a second look: not the village officer who gave it). */
#define AID_REVERSE (R(ADMIN) | R(RELIEF))
/* Who books fund income and corrections. */
#define FUND_WRITE (R(ADMIN) | R(FINANCE))
/* Who reads the books: the accounting vouchers, the trial balance and the chart of accounts. */
#define BOOKS_READ (R(ADMIN) | R(FINANCE) | R(AUDITOR))

const struct route routes[] = {
    /* public */
    {"GET", "/", page_public_home, 0, ROUTE_PUBLIC},
    {"GET", "/a/{id}", page_public_announcement, 0, ROUTE_PUBLIC},
    {"GET", "/a/{id}.pdf", page_public_announcement_pdf, 0, ROUTE_PUBLIC},
    {"GET", "/healthz", page_healthz, 0, ROUTE_PUBLIC},
    {"GET", "/complaint", page_complaint_public, 0, ROUTE_PUBLIC},
    {"GET", "/public/assessment", page_assessment_public, 0, ROUTE_PUBLIC},
    {"POST", "/complaint", page_complaint_public_submit, 0, ROUTE_PUBLIC},
    {"GET", "/static/{str}", page_static, 0, ROUTE_PUBLIC},
    {"GET", "/login", page_login_form, 0, ROUTE_PUBLIC},
    {"POST", "/login", page_login, 0, ROUTE_PUBLIC},
    /* staff pages */
    {"POST", "/logout", page_logout, ALL, 0},
    {"GET", "/account/password", page_password_form, ALL, 0},
    {"POST", "/account/password", page_password_change, ALL, 0},
    {"GET", "/home", page_home, ALL, 0},
    {"GET", "/search", page_search, ALL, 0},
    {"GET", "/reports", page_reports, ALL, 0},
    {"GET", "/households", page_household_list, HH_READ, 0},
    {"POST", "/households", page_household_create, HH_WRITE, 0},
    {"GET", "/households/new", page_household_new, HH_WRITE, 0},
    {"GET", "/households/import", page_import_form, HH_WRITE, 0},
    {"POST", "/households/import", page_import_upload, HH_WRITE, 0},
    {"POST", "/households/import/{id}", page_import_confirm, HH_WRITE, 0},
    {"GET", "/households/category-changes", page_category_changes, HH_WRITE, 0},
    {"POST", "/households/category-changes/{id}/approve", page_category_change_approve, HH_CATEGORY_APPROVE, 0},
    {"POST", "/households/category-changes/{id}/reject", page_category_change_reject, HH_CATEGORY_APPROVE, 0},
    {"GET", "/households/category-changes/{id}/document", page_category_change_document, HH_WRITE, 0},
    {"POST", "/households/category-changes/{id}/document", page_category_change_attach, HH_WRITE, 0},
    {"GET", "/households/{id}", page_household_show, HH_READ, 0},
    {"POST", "/households/{id}", page_household_update, HH_WRITE, 0},
    {"POST", "/households/{id}/members", page_household_add_member, HH_WRITE, 0},
    {"POST", "/households/{id}/pairs", page_household_pair, HH_WRITE, 0},
    {"POST", "/households/{id}/visits", page_household_visit, HH_WRITE, 0},
    {"GET", "/pairs", page_pairs, HH_READ, 0},
    {"POST", "/pairs/{id}/end", page_pair_end, HH_WRITE, 0},
    {"GET", "/trainings", page_trainings, HH_READ, 0},
    {"POST", "/trainings", page_training_create, HH_WRITE, 0},
    {"GET", "/information", page_information, HH_READ, 0},
    {"POST", "/information", page_information_create, HH_WRITE, 0},
    {"GET", "/reports/assessment", page_assessment, ASSESS_READ, 0},
    {"GET", "/reports/assessment.csv", page_assessment, ASSESS_READ, 0},
    {"GET", "/reports/assessment.pdf", page_assessment, ASSESS_READ, 0},
    {"GET", "/reports/assessment.xlsx", page_assessment, ASSESS_READ, 0},
    {"GET", "/admin/assessment-weights", page_assessment_weights, R(ADMIN), 0},
    {"POST", "/admin/assessment-weights", page_assessment_weights_save, R(ADMIN), 0},
    {"GET", "/complaints", page_complaints, COMPLAINT_READ, 0},
    {"POST", "/complaints", page_complaints_create, COMPLAINT_WRITE, 0},
    {"GET", "/complaints/{id}", page_complaint_show, COMPLAINT_READ, 0},
    {"POST", "/complaints/{id}/resolve", page_complaint_resolve, COMPLAINT_WRITE, 0},
    {"POST", "/complaints/{id}/assign", page_complaint_assign, COMPLAINT_WRITE, 0},
    {"GET", "/time-limits", page_time_limits, ALL, 0},
    {"POST", "/time-limits", page_time_limit_set, R(ADMIN), 0},
    {"GET", "/deadlines", page_deadlines, ALL, 0},
    {"POST", "/households/{id}/credit-rating", page_household_rate, RATING_WRITE, 0},
    {"POST", "/households/{id}/members/{id}", page_household_member_update, HH_WRITE, 0},
    {"GET", "/admin/users", page_users, R(ADMIN), 0},
    {"POST", "/admin/users", page_users_create, R(ADMIN), 0},
    {"GET", "/admin/users/{id}", page_user_edit, R(ADMIN), 0},
    {"POST", "/admin/users/{id}", page_users_update, R(ADMIN), 0},
    {"GET", "/admin/loan-products", page_products, R(ADMIN), 0},
    {"POST", "/admin/loan-products", page_products_create, R(ADMIN), 0},
    {"GET", "/admin/loan-products/{id}", page_product_edit, R(ADMIN), 0},
    {"POST", "/admin/loan-products/{id}", page_products_update, R(ADMIN), 0},
    {"GET", "/organisations", page_organisations, HH_READ, 0},
    {"POST", "/organisations", page_organisations_create, HH_WRITE, 0},
    {"GET", "/organisations/{id}", page_organisation_show, HH_READ, 0},
    {"GET", "/admin/units", page_units, R(ADMIN), 0},
    {"POST", "/admin/units", page_units_create, R(ADMIN), 0},
    {"GET", "/admin/departments", page_departments, R(ADMIN), 0},
    {"POST", "/admin/departments", page_departments_create, R(ADMIN), 0},
    {"POST", "/admin/departments/{id}", page_departments_update, R(ADMIN), 0},
    {"GET", "/audit", page_audit, R(ADMIN) | R(AUDITOR), 0},
    {"GET", "/loans", page_loans, ALL, 0},
    {"POST", "/loans", page_loan_create, LOAN_INTAKE, 0},
    {"GET", "/loans/new", page_loan_new, LOAN_INTAKE, 0},
    {"GET", "/loans/{id}", page_loan_show, ALL, 0},
    {"POST", "/loans/{id}/documents", page_loan_documents, LOAN_INTAKE, 0},
    {"POST", "/loans/{id}/submit", page_loan_submit, LOAN_INTAKE, 0},
    {"POST", "/loans/{id}/withdraw", page_loan_withdraw, LOAN_INTAKE, 0},
    {"GET", "/loans/{id}/edit", page_loan_edit, LOAN_INTAKE, 0},
    {"POST", "/loans/{id}/edit", page_loan_update, LOAN_INTAKE, 0},
    {"POST", "/loans/{id}/reviews", page_loan_review, R(REVIEWER), 0},
    {"POST", "/loans/{id}/guarantee", page_loan_guarantee, R(ADMIN) | R(ASSOCIATION), 0},
    {"POST", "/loans/{id}/backup", page_loan_backup, R(ADMIN) | R(ASSOCIATION), 0},
    {"POST", "/loans/{id}/disburse", page_loan_disburse, R(LIAISON) | R(FINANCE), 0},
    {"GET", "/loans/{id}/notice.pdf", page_loan_notice_pdf, ALL, 0},
    {"GET", "/loans/{id}/review-form.pdf", page_loan_review_form_pdf, ALL, 0},
    {"GET", "/loans/{id}/guarantee-letter.pdf", page_loan_guarantee_letter_pdf, ALL, 0},
    {"GET", "/reviews", page_review_queue, R(REVIEWER), 0},
    {"GET", "/accounts/{id}", page_account, ALL, 0},
    {"POST", "/accounts/{id}/repayments", page_account_repay, R(LIAISON) | R(FINANCE), 0},
    {"POST", "/accounts/{id}/repayments/{id}/reverse", page_account_reverse, R(LIAISON) | R(FINANCE), 0},
    {"GET", "/accounts/{id}/schedule.pdf", page_account_schedule_pdf, ALL, 0},
    {"GET", "/accounts/{id}/settlement.pdf", page_account_settlement_pdf, ALL, 0},
    {"GET", "/statements", page_statement_form, R(LIAISON) | R(FINANCE), 0},
    {"POST", "/statements", page_statement_check, R(LIAISON) | R(FINANCE), 0},
    {"POST", "/statements/{id}", page_statement_book, R(LIAISON) | R(FINANCE), 0},
    {"GET", "/claims", page_claims, ALL, 0},
    {"GET", "/subsidy", page_subsidy, R(ADMIN) | R(FINANCE) | R(ASSOCIATION) | R(AUDITOR), 0},
    {"GET", "/subsidy/{str}.pdf", page_subsidy_pdf, R(ADMIN) | R(FINANCE) | R(ASSOCIATION) | R(AUDITOR), 0},
    {"POST", "/subsidy/receipts", page_subsidy_receipt_add, FUND_WRITE, 0},
    {"POST", "/subsidy/receipts/{id}/reverse", page_subsidy_receipt_reverse, FUND_WRITE, 0},
    {"POST", "/accounts/{id}/compensation", page_account_compensate, R(FINANCE), 0},
    {"POST", "/accounts/{id}/recoveries", page_account_recover, R(FINANCE), 0},
    {"POST", "/accounts/{id}/extension", page_account_extension, EXTENSION_ASK, 0},
    {"POST", "/accounts/{id}/extension/approve", page_account_extension_decide, LIFECYCLE_APPROVE, 0},
    {"POST", "/accounts/{id}/extension/review", page_account_extension_review, R(REVIEWER), 0},
    {"POST", "/accounts/{id}/extension/reverse", page_account_extension_reverse, LIFECYCLE_APPROVE, 0},
    {"POST", "/accounts/{id}/write-off", page_account_write_off, WRITE_OFF_ASK, 0},
    {"POST", "/accounts/{id}/write-off/approve", page_account_write_off_decide, LIFECYCLE_APPROVE, 0},
    {"GET", "/due", page_due, ALL, 0},
    {"GET", "/due.csv", page_due, ALL, 0},
    {"GET", "/due.pdf", page_due, ALL, 0},
    {"GET", "/due.xlsx", page_due, ALL, 0},
    {"GET", "/due/reminders", page_due_reminders, ALL & ~R(REVIEWER), 0},
    {"GET", "/due/reminders.csv", page_due_reminders, ALL & ~R(REVIEWER), 0},
    {"GET", "/due/reminders.pdf", page_due_reminders, ALL & ~R(REVIEWER), 0},
    {"GET", "/due/reminders.xlsx", page_due_reminders, ALL & ~R(REVIEWER), 0},
    {"GET", "/due/sms.csv", page_due_sms, ALL & ~R(REVIEWER), 0},
    {"GET", "/due/letters.pdf", page_due_letters, ALL & ~R(REVIEWER), 0},
    {"GET", "/overdue.csv", page_overdue_export, ALL, 0},
    {"GET", "/overdue.pdf", page_overdue_export, ALL, 0},
    {"GET", "/overdue.xlsx", page_overdue_export, ALL, 0},
    {"GET", "/overdue", page_overdue, ALL, 0},
    {"GET", "/guarantee-fund", page_fund, ALL, 0},
    {"POST", "/guarantee-fund", page_fund_entry, R(ADMIN) | R(FINANCE), 0},
    {"GET", "/admin/holidays", page_holidays, R(ADMIN), 0},
    {"POST", "/admin/holidays", page_holidays_set, R(ADMIN), 0},
    {"POST", "/admin/holidays/remove", page_holidays_remove, R(ADMIN), 0},
    {"GET", "/admin/masking", page_masking, R(ADMIN), 0},
    {"POST", "/admin/masking", page_masking_save, R(ADMIN), 0},
    {"GET", "/relief", page_relief_list, RELIEF_READ, 0},
    {"POST", "/relief", page_relief_create, RELIEF_APPLY, 0},
    {"GET", "/relief/new", page_relief_new, RELIEF_APPLY, 0},
    {"GET", "/relief/{id}", page_relief_show, RELIEF_READ, 0},
    {"POST", "/relief/{id}/verify", page_relief_verify, RELIEF_APPLY, 0},
    {"POST", "/relief/{id}/backup", page_relief_backup, RELIEF_APPLY | RELIEF_REVIEW, 0},
    {"POST", "/relief/{id}/documents", page_relief_document_upload, RELIEF_APPLY | RELIEF_REVIEW, 0},
    {"GET", "/relief/{id}/documents/{id}", page_relief_document, RELIEF_READ, 0},
    {"POST", "/relief/{id}/review", page_relief_review, RELIEF_REVIEW, 0},
    {"POST", "/relief/{id}/approve", page_relief_approve, RELIEF_APPROVE, 0},
    {"POST", "/relief/{id}/reject", page_relief_reject, RELIEF_APPLY | RELIEF_REVIEW, 0},
    {"POST", "/relief/{id}/disburse", page_relief_disburse, RELIEF_PAY, 0},
    {"GET", "/relief/batches", page_relief_batches, RELIEF_READ, 0},
    {"POST", "/relief/batches", page_relief_batch_create, RELIEF_APPLY, 0},
    {"GET", "/relief/batches/new", page_relief_batch_new, RELIEF_APPLY, 0},
    {"GET", "/relief/batches/{id}", page_relief_batch_show, RELIEF_READ, 0},
    {"POST", "/relief/batches/{id}/verify", page_relief_batch_verify, RELIEF_APPLY, 0},
    {"POST", "/relief/batches/{id}/review", page_relief_batch_review, RELIEF_REVIEW, 0},
    {"POST", "/relief/batches/{id}/approve", page_relief_batch_approve, RELIEF_APPROVE, 0},
    {"POST", "/relief/batches/{id}/disburse", page_relief_batch_disburse, RELIEF_PAY, 0},
    {"GET", "/relief/batches/{id}/bank-file", page_relief_batch_bank_file, RELIEF_PAY, 0},
    {"POST", "/relief/batches/{id}/bank-return", page_relief_batch_bank_return, RELIEF_PAY, 0},
    {"POST", "/relief/batches/{id}/bank-return/{id}", page_relief_batch_bank_return_confirm, RELIEF_PAY, 0},
    {"GET", "/admin/bank-formats", page_bank_formats, R(ADMIN), 0},
    {"POST", "/admin/bank-formats", page_bank_format_save, R(ADMIN), 0},
    {"POST", "/admin/bank-formats/{id}", page_bank_format_save, R(ADMIN), 0},
    {"GET", "/relief/batches/{id}/receipts.pdf", page_batch_receipts_pdf, RELIEF_READ, 0},
    {"GET", "/relief/batches/{id}/signlist.pdf", page_batch_signlist_pdf, RELIEF_READ, 0},
    {"GET", "/receipts/{str}.pdf", page_receipt_pdf, RELIEF_READ, 0},
    {"POST", "/receipts/{str}/void", page_receipt_void, RELIEF_PAY, 0},
    {"POST", "/receipts/{str}/reprint", page_receipt_reprint, RELIEF_PAY, 0},
    {"GET", "/funds", page_funds, RELIEF_READ & ~R(VILLAGE), 0},
    {"POST", "/funds", page_funds_create, FUND_WRITE, 0},
    {"POST", "/funds/income", page_funds_income, FUND_WRITE, 0},
    {"GET", "/funds/{id}", page_fund_ledger, RELIEF_READ & ~R(VILLAGE), 0},
    {"POST", "/fund-entries/{id}/reverse", page_fund_entry_reverse, FUND_WRITE, 0},
    {"GET", "/admin/relief-categories", page_relief_categories, R(ADMIN), 0},
    {"POST", "/admin/relief-categories", page_relief_category_create, R(ADMIN), 0},
    {"POST", "/admin/relief-categories/{id}", page_relief_category_update, R(ADMIN), 0},
    {"POST", "/admin/relief-categories/{id}/amounts", page_relief_category_amount, R(ADMIN), 0},
    {"POST", "/accounts/{id}/followups", page_account_followup, FOLLOWUP, 0},
    {"GET", "/reports/portfolio", page_portfolio_report, ALL & ~R(REVIEWER), 0},
    {"GET", "/reports/portfolio.csv", page_portfolio_report, ALL & ~R(REVIEWER), 0},
    {"GET", "/reports/portfolio.pdf", page_portfolio_report, ALL & ~R(REVIEWER), 0},
    {"GET", "/reports/portfolio.xlsx", page_portfolio_report, ALL & ~R(REVIEWER), 0},
    {"GET", "/reports/quarterly", page_quarterly, REPORTS, 0},
    {"GET", "/reports/quarterly.csv", page_quarterly, REPORTS, 0},
    {"GET", "/reports/quarterly.pdf", page_quarterly, REPORTS, 0},
    {"GET", "/reports/quarterly.xlsx", page_quarterly, REPORTS, 0},
    {"GET", "/reports/outcomes", page_outcomes, ALL & ~R(REVIEWER), 0},
    {"GET", "/reports/outcomes.csv", page_outcomes, ALL & ~R(REVIEWER), 0},
    {"GET", "/reports/outcomes.pdf", page_outcomes, ALL & ~R(REVIEWER), 0},
    {"GET", "/reports/outcomes.xlsx", page_outcomes, ALL & ~R(REVIEWER), 0},
    {"GET", "/reports/timeliness", page_timeliness_report, RELIEF_READ, 0},
    {"GET", "/reports/timeliness.csv", page_timeliness_report, RELIEF_READ, 0},
    {"GET", "/reports/timeliness.pdf", page_timeliness_report, RELIEF_READ, 0},
    {"GET", "/reports/timeliness.xlsx", page_timeliness_report, RELIEF_READ, 0},
    {"GET", "/reports/relief", page_relief_report, RELIEF_READ, 0},
    {"GET", "/reports/relief.csv", page_relief_report, RELIEF_READ, 0},
    {"GET", "/reports/relief.pdf", page_relief_report, RELIEF_READ, 0},
    {"GET", "/reports/relief.xlsx", page_relief_report, RELIEF_READ, 0},
    {"GET", "/reports/vouchers", page_vouchers, BOOKS_READ, 0},
    {"GET", "/reports/vouchers.csv", page_vouchers, BOOKS_READ, 0},
    {"GET", "/reports/vouchers.pdf", page_vouchers, BOOKS_READ, 0},
    {"GET", "/reports/vouchers.xlsx", page_vouchers, BOOKS_READ, 0},
    {"GET", "/reports/trial-balance", page_trial_balance, BOOKS_READ, 0},
    {"GET", "/reports/trial-balance.csv", page_trial_balance, BOOKS_READ, 0},
    {"GET", "/reports/trial-balance.pdf", page_trial_balance, BOOKS_READ, 0},
    {"GET", "/reports/trial-balance.xlsx", page_trial_balance, BOOKS_READ, 0},
    {"GET", "/admin/accounts", page_accounts, R(ADMIN), 0},
    {"POST", "/admin/accounts", page_accounts_create, R(ADMIN), 0},
    {"POST", "/admin/accounts/{id}", page_accounts_update, R(ADMIN), 0},
    {"POST", "/admin/voucher-rules/{str}", page_voucher_rule_update, R(ADMIN), 0},
    {"GET", "/reports/fund-ledger.csv", report_fund_ledger, RELIEF_READ & ~R(VILLAGE), 0},
    {"GET", "/reports/fund-ledger.pdf", report_fund_ledger, RELIEF_READ & ~R(VILLAGE), 0},
    {"GET", "/reports/fund-ledger.xlsx", report_fund_ledger, RELIEF_READ & ~R(VILLAGE), 0},
    {"GET", "/programmes", page_programmes, RELIEF_READ, 0},
    {"POST", "/programmes", page_programmes_create, PROG_WRITE, 0},
    {"GET", "/programmes/{id}", page_programme_show, RELIEF_READ, 0},
    {"POST", "/programmes/{id}/rolls", page_rolls_create, ROLL_WRITE, 0},
    {"GET", "/rolls", page_rolls, ROLL_READ, 0},
    {"GET", "/aid", page_aid, RELIEF_READ, 0},
    {"POST", "/aid", page_aid_create, RELIEF_APPLY, 0},
    {"GET", "/aid/sign-sheet", page_aid_sign_sheet, RELIEF_READ, 0},
    {"POST", "/aid/items", page_aid_items_create, R(ADMIN), 0},
    {"POST", "/aid/{id}/reverse", page_aid_reverse, AID_REVERSE, 0},
    {"GET", "/campaigns", page_campaigns, CAMPAIGN_READ, 0},
    {"POST", "/campaigns", page_campaigns_create, CAMPAIGN_WRITE, 0},
    {"GET", "/campaigns/{id}", page_campaign_show, CAMPAIGN_READ, 0},
    {"GET", "/rolls/{id}", page_roll_show, ROLL_READ, 0},
    {"POST", "/rolls/{id}/rows", page_roll_add, ROLL_WRITE, 0},
    {"POST", "/rolls/{id}/rows/{id}/remove", page_roll_remove, ROLL_WRITE, 0},
    {"POST", "/rolls/{id}/notice", page_roll_notice, RELIEF_REVIEW, 0},
    {"POST", "/rolls/{id}/approve", page_roll_approve, RELIEF_APPROVE, 0},
    {"GET", "/rolls/{id}/bank-file", page_roll_bank_file, RELIEF_PAY, 0},
    {"POST", "/rolls/{id}/bank-return", page_roll_bank_return, RELIEF_PAY, 0},
    {"POST", "/rolls/{id}/bank-return/{id}", page_roll_bank_return_confirm, RELIEF_PAY, 0},
    {"GET", "/notices", page_notices, RELIEF_READ, 0},
    {"POST", "/notices", page_notices_create, RELIEF_REVIEW, 0},
    {"GET", "/notices/{id}/manage", page_notice_manage, RELIEF_READ, 0},
    {"POST", "/objections/{id}/resolve", page_objection_resolve, RELIEF_REVIEW, 0},
    {"GET", "/notices/{id}", page_notice_public, 0, ROUTE_PUBLIC},
    {"GET", "/notices/{id}.pdf", page_notice_pdf, 0, ROUTE_PUBLIC},
    {"POST", "/notices/{id}/objections", page_notice_object, 0, ROUTE_PUBLIC},
    {"GET", "/announcements", page_announcements, ALL, 0},
    {"POST", "/announcements", page_announcement_create, ANN_WRITE, 0},
    {"GET", "/announcements/new", page_announcement_new, ANN_WRITE, 0},
    {"POST", "/announcements/preview", page_announcement_preview, ANN_WRITE, 0},
    {"GET", "/announcements/{id}", page_announcement_show, ALL, 0},
    {"POST", "/announcements/{id}", page_announcement_save, ANN_WRITE, 0},
    {"GET", "/announcements/{id}.pdf", page_announcement_pdf, ALL, 0},
    {"POST", "/announcements/{id}/withdraw", page_announcement_withdraw, ANN_WRITE, 0},
    {"GET", "/announcements/{id}/versions/{id}", page_announcement_version, ALL, 0},
    /* JSON API */
    {"POST", "/api/v1/login", api_login, 0, ROUTE_API | ROUTE_PUBLIC},
    {"GET", "/api/v1/openapi.json", api_openapi, 0, ROUTE_API | ROUTE_PUBLIC},
    {"POST", "/api/v1/logout", api_logout, ALL, ROUTE_API},
    {"GET", "/api/v1/me", api_me, ALL, ROUTE_API},
    {"POST", "/api/v1/account/password", api_password_change, ALL, ROUTE_API},
    {"GET", "/api/v1/units", api_units_list, ALL, ROUTE_API},
    {"POST", "/api/v1/units", api_units_create, R(ADMIN), ROUTE_API},
    {"GET", "/api/v1/departments", api_departments_list, ALL, ROUTE_API},
    {"POST", "/api/v1/departments", api_departments_create, R(ADMIN), ROUTE_API},
    {"GET", "/api/v1/loan-products", api_products_list, ALL, ROUTE_API},
    {"POST", "/api/v1/loan-products", api_products_create, R(ADMIN), ROUTE_API},
    {"GET", "/api/v1/loan-products/{id}", api_products_show, ALL, ROUTE_API},
    {"PUT", "/api/v1/loan-products/{id}", api_products_update, R(ADMIN), ROUTE_API},
    {"GET", "/api/v1/organisations", api_organisations_list, HH_READ, ROUTE_API},
    {"POST", "/api/v1/organisations", api_organisations_create, HH_WRITE, ROUTE_API},
    {"GET", "/api/v1/organisations/{id}", api_organisations_show, HH_READ, ROUTE_API},
    {"GET", "/api/v1/users", api_users_list, R(ADMIN), ROUTE_API},
    {"POST", "/api/v1/users", api_users_create, R(ADMIN), ROUTE_API},
    {"PUT", "/api/v1/users/{id}", api_users_update, R(ADMIN), ROUTE_API},
    {"POST", "/api/v1/users/{id}/password", api_users_password, R(ADMIN), ROUTE_API},
    {"GET", "/api/v1/households", api_households_list, HH_READ, ROUTE_API},
    {"POST", "/api/v1/households", api_households_create, HH_WRITE, ROUTE_API},
    {"GET", "/api/v1/households/{id}", api_households_show, HH_READ, ROUTE_API},
    {"POST", "/api/v1/households/{id}/category-changes", api_category_change_propose, HH_WRITE, ROUTE_API},
    {"GET", "/api/v1/category-changes", api_category_changes, HH_WRITE, ROUTE_API},
    {"POST", "/api/v1/category-changes/{id}/approve", api_category_change_approve, HH_CATEGORY_APPROVE, ROUTE_API},
    {"POST", "/api/v1/category-changes/{id}/reject", api_category_change_reject, HH_CATEGORY_APPROVE, ROUTE_API},
    {"GET", "/api/v1/category-changes/{id}/document", api_category_change_document, HH_WRITE, ROUTE_API},
    {"POST", "/api/v1/category-changes/{id}/document", api_category_change_attach, HH_WRITE, ROUTE_API},
    {"GET", "/api/v1/pairs", api_pairs_list, HH_READ, ROUTE_API},
    {"POST", "/api/v1/pairs", api_pairs_create, HH_WRITE, ROUTE_API},
    {"POST", "/api/v1/pairs/{id}/end", api_pairs_end, HH_WRITE, ROUTE_API},
    {"GET", "/api/v1/visits", api_visits_list, HH_READ, ROUTE_API},
    {"GET", "/api/v1/trainings", api_trainings_list, HH_READ, ROUTE_API},
    {"POST", "/api/v1/trainings", api_trainings_create, HH_WRITE, ROUTE_API},
    {"GET", "/api/v1/trainings/villages", api_trainings_villages, HH_READ, ROUTE_API},
    {"GET", "/api/v1/information-items", api_information_list, HH_READ, ROUTE_API},
    {"POST", "/api/v1/information-items", api_information_create, HH_WRITE, ROUTE_API},
    {"GET", "/api/v1/information-items/villages", api_information_villages, HH_READ, ROUTE_API},
    {"GET", "/api/v1/reports/assessment", api_assessment, ASSESS_READ, ROUTE_API},
    {"GET", "/api/v1/assessment/weights", api_assessment_weights, ASSESS_READ, ROUTE_API},
    {"POST", "/api/v1/assessment/weights", api_assessment_weights_set, R(ADMIN), ROUTE_API},
    {"POST", "/api/v1/complaints", api_complaints_create, 0, ROUTE_API | ROUTE_PUBLIC},
    {"GET", "/api/v1/complaints", api_complaints_list, COMPLAINT_READ, ROUTE_API},
    {"GET", "/api/v1/complaints/{id}", api_complaints_show, COMPLAINT_READ, ROUTE_API},
    {"POST", "/api/v1/complaints/{id}/resolve", api_complaints_resolve, COMPLAINT_WRITE, ROUTE_API},
    {"POST", "/api/v1/complaints/{id}/assign", api_complaints_assign, COMPLAINT_WRITE, ROUTE_API},
    {"GET", "/api/v1/time-limits", api_time_limits, ALL, ROUTE_API},
    {"GET", "/api/v1/time-limits/open", api_time_limits_open, ALL, ROUTE_API},
    {"GET", "/api/v1/reports/timeliness", api_timeliness_report, RELIEF_READ, ROUTE_API},
    {"POST", "/api/v1/time-limits", api_time_limits_set, R(ADMIN), ROUTE_API},
    {"POST", "/api/v1/visits", api_visits_create, HH_WRITE, ROUTE_API},
    {"POST", "/api/v1/households/{id}/members/{id}", api_households_member_update, HH_WRITE, ROUTE_API},
    {"GET", "/api/v1/audit", api_audit_list, R(ADMIN) | R(AUDITOR), ROUTE_API},
    {"GET", "/api/v1/loan-applications", api_loans_list, ALL, ROUTE_API},
    {"POST", "/api/v1/loan-applications", api_loans_create, LOAN_INTAKE, ROUTE_API},
    {"GET", "/api/v1/loan-applications/{id}", api_loans_show, ALL, ROUTE_API},
    {"PUT", "/api/v1/loan-applications/{id}/documents", api_loans_documents, LOAN_INTAKE, ROUTE_API},
    {"PUT", "/api/v1/loan-applications/{id}/requested-documents/{id}", api_loans_requested, LOAN_INTAKE, ROUTE_API},
    {"POST", "/api/v1/loan-applications/{id}/submit", api_loans_submit, LOAN_INTAKE, ROUTE_API},
    {"POST", "/api/v1/loan-applications/{id}/withdraw", api_loans_withdraw, LOAN_INTAKE, ROUTE_API},
    {"PUT", "/api/v1/loan-applications/{id}", api_loans_update, LOAN_INTAKE, ROUTE_API},
    {"POST", "/api/v1/loan-applications/{id}/backup-handler", api_loans_backup, R(ADMIN) | R(ASSOCIATION),
     ROUTE_API},
    {"POST", "/api/v1/loan-applications/{id}/reviews", api_loans_review, R(REVIEWER), ROUTE_API},
    {"POST", "/api/v1/loan-applications/{id}/guarantee", api_loans_guarantee, R(ADMIN) | R(ASSOCIATION), ROUTE_API},
    {"GET", "/api/v1/guarantee-fund", api_guarantee_fund, ALL, ROUTE_API},
    {"POST", "/api/v1/guarantee-fund/entries", api_guarantee_fund_entry, R(ADMIN) | R(FINANCE), ROUTE_API},
    {"GET", "/api/v1/holidays", api_holidays_list, ALL, ROUTE_API},
    {"POST", "/api/v1/schedule-preview", api_schedule_preview, ALL, ROUTE_API},
    {"GET", "/api/v1/loans", api_loan_book, ALL, ROUTE_API},
    {"POST", "/api/v1/loans", api_loan_disburse, R(LIAISON) | R(FINANCE), ROUTE_API},
    {"GET", "/api/v1/loans/{id}", api_loan_show, ALL, ROUTE_API},
    {"POST", "/api/v1/loans/{id}/repayments", api_loan_repay, R(LIAISON) | R(FINANCE), ROUTE_API},
    {"POST", "/api/v1/loans/{id}/repayments/{id}/reverse", api_loan_reverse, R(LIAISON) | R(FINANCE), ROUTE_API},
    {"POST", "/api/v1/loans/{id}/compensation", api_loan_compensate, R(FINANCE), ROUTE_API},
    {"POST", "/api/v1/loans/{id}/recoveries", api_loan_recover, R(FINANCE), ROUTE_API},
    {"GET", "/api/v1/loans/{id}/lifecycle", api_loan_lifecycle, ALL, ROUTE_API},
    {"POST", "/api/v1/loans/{id}/extension", api_loan_extension, EXTENSION_ASK, ROUTE_API},
    {"POST", "/api/v1/loans/{id}/extension/approve", api_loan_extension_decide, LIFECYCLE_APPROVE, ROUTE_API},
    {"POST", "/api/v1/loans/{id}/extension/reviews", api_loan_extension_review, R(REVIEWER), ROUTE_API},
    {"POST", "/api/v1/loans/{id}/extension/reverse", api_loan_extension_reverse, LIFECYCLE_APPROVE, ROUTE_API},
    {"POST", "/api/v1/loans/{id}/write-off", api_loan_write_off, WRITE_OFF_ASK, ROUTE_API},
    {"POST", "/api/v1/loans/{id}/write-off/approve", api_loan_write_off_decide, LIFECYCLE_APPROVE, ROUTE_API},
    {"GET", "/api/v1/households/{id}/credit-rating", api_household_credit, HH_READ, ROUTE_API},
    {"PUT", "/api/v1/households/{id}/credit-rating", api_household_rate, RATING_WRITE, ROUTE_API},
    {"GET", "/api/v1/reports/portfolio", api_portfolio, ALL, ROUTE_API}, /* the key figures every dashboard shows */
    {"GET", "/api/v1/reports/overdue", api_overdue_by_village, ALL, ROUTE_API},
    {"GET", "/api/v1/reports/overdue/loans", api_overdue_loans, ALL, ROUTE_API},
    {"GET", "/api/v1/reports/due", api_due_list, ALL, ROUTE_API},
    {"GET", "/api/v1/reports/due/letters.pdf", page_due_letters, ALL & ~R(REVIEWER), ROUTE_API},
    {"GET", "/api/v1/claims", api_claims_list, ALL, ROUTE_API},
    {"GET", "/api/v1/reports/subsidy", api_subsidy_claim, R(ADMIN) | R(FINANCE) | R(ASSOCIATION) | R(AUDITOR), ROUTE_API},
    {"GET", "/api/v1/subsidy-receipts", api_subsidy_receipts, R(ADMIN) | R(FINANCE) | R(ASSOCIATION) | R(AUDITOR), ROUTE_API},
    {"POST", "/api/v1/subsidy-receipts", api_subsidy_receipt_add, FUND_WRITE, ROUTE_API},
    {"POST", "/api/v1/subsidy-receipts/{id}/reverse", api_subsidy_receipt_reverse, FUND_WRITE, ROUTE_API},
    {"POST", "/api/v1/holidays", api_holidays_set, R(ADMIN), ROUTE_API},
    {"GET", "/api/v1/funds", api_funds_list, RELIEF_READ & ~R(VILLAGE), ROUTE_API},
    {"POST", "/api/v1/funds", api_funds_create, FUND_WRITE, ROUTE_API},
    {"POST", "/api/v1/funds/{id}/income", api_funds_income, FUND_WRITE, ROUTE_API},
    {"GET", "/api/v1/funds/{id}/ledger", api_fund_ledger, RELIEF_READ & ~R(VILLAGE), ROUTE_API},
    {"POST", "/api/v1/fund-entries/{id}/reverse", api_fund_entry_reverse, FUND_WRITE, ROUTE_API},
    {"GET", "/api/v1/relief-categories", api_relief_categories, ALL, ROUTE_API},
    {"POST", "/api/v1/relief-categories", api_relief_category_create, R(ADMIN), ROUTE_API},
    {"PUT", "/api/v1/relief-categories/{id}", api_relief_category_update, R(ADMIN), ROUTE_API},
    {"POST", "/api/v1/relief-categories/{id}/amounts", api_relief_category_amount, R(ADMIN), ROUTE_API},
    {"GET", "/api/v1/relief-applications", api_relief_list, RELIEF_READ, ROUTE_API},
    {"POST", "/api/v1/relief-applications", api_relief_create, RELIEF_APPLY, ROUTE_API},
    {"GET", "/api/v1/relief-applications/{id}", api_relief_show, RELIEF_READ, ROUTE_API},
        {"GET", "/api/v1/relief-applications/{id}/documents", api_relief_documents, RELIEF_READ, ROUTE_API},
    {"POST", "/api/v1/relief-applications/{id}/documents", api_relief_document_upload, RELIEF_APPLY | RELIEF_REVIEW, ROUTE_API},
    {"GET", "/api/v1/relief-applications/{id}/documents/{id}", api_relief_document, RELIEF_READ, ROUTE_API},
{"POST", "/api/v1/relief-applications/{id}/verify", api_relief_verify, RELIEF_APPLY, ROUTE_API},
    {"POST", "/api/v1/relief-applications/{id}/backup-handler", api_relief_backup, RELIEF_APPLY | RELIEF_REVIEW, ROUTE_API},
    {"POST", "/api/v1/relief-applications/{id}/review", api_relief_review, RELIEF_REVIEW, ROUTE_API},
    {"POST", "/api/v1/relief-applications/{id}/approve", api_relief_approve, RELIEF_APPROVE, ROUTE_API},
    {"POST", "/api/v1/relief-applications/{id}/reject", api_relief_reject, RELIEF_APPLY | RELIEF_REVIEW, ROUTE_API},
    {"POST", "/api/v1/relief-applications/{id}/disburse", api_relief_disburse, RELIEF_PAY, ROUTE_API},
    {"GET", "/api/v1/relief-batches", api_relief_batches_list, RELIEF_READ, ROUTE_API},
    {"GET", "/api/v1/relief-batches/preview", api_relief_batch_preview, RELIEF_READ, ROUTE_API},
    {"POST", "/api/v1/relief-batches", api_relief_batch_create, RELIEF_APPLY, ROUTE_API},
    {"GET", "/api/v1/relief-batches/{id}", api_relief_batch_show, RELIEF_READ, ROUTE_API},
    {"POST", "/api/v1/relief-batches/{id}/verify", api_relief_batch_verify, RELIEF_APPLY, ROUTE_API},
    {"POST", "/api/v1/relief-batches/{id}/review", api_relief_batch_review, RELIEF_REVIEW, ROUTE_API},
    {"POST", "/api/v1/relief-batches/{id}/approve", api_relief_batch_approve, RELIEF_APPROVE, ROUTE_API},
    {"POST", "/api/v1/relief-batches/{id}/disburse", api_relief_batch_disburse, RELIEF_PAY, ROUTE_API},
    {"GET", "/api/v1/relief-batches/{id}/bank-file", api_relief_batch_bank_file, RELIEF_PAY, ROUTE_API},
    {"POST", "/api/v1/relief-batches/{id}/bank-return", api_relief_batch_bank_return, RELIEF_PAY, ROUTE_API},
    {"GET", "/api/v1/bank-formats", api_bank_formats_list, RELIEF_PAY | R(ADMIN), ROUTE_API},
    {"POST", "/api/v1/bank-formats", api_bank_formats_create, R(ADMIN), ROUTE_API},
    {"PUT", "/api/v1/bank-formats/{id}", api_bank_formats_update, R(ADMIN), ROUTE_API},
    {"GET", "/api/v1/receipts/{str}.pdf", page_receipt_pdf, RELIEF_READ, ROUTE_API},
    {"GET", "/api/v1/receipts/{str}", api_receipt_show, RELIEF_READ, ROUTE_API},
    {"POST", "/api/v1/receipts/{str}/void", api_receipt_void, RELIEF_PAY, ROUTE_API},
    {"POST", "/api/v1/receipts/{str}/reprint", api_receipt_reprint, RELIEF_PAY, ROUTE_API},
    {"GET", "/api/v1/reports/relief", api_relief_report, RELIEF_READ, ROUTE_API},
    {"GET", "/api/v1/loans/{id}/followups", api_loan_followups, ALL, ROUTE_API},
    {"POST", "/api/v1/loans/{id}/followups", api_loan_followup, FOLLOWUP, ROUTE_API},
    {"GET", "/api/v1/reports/outcomes", api_outcomes, ALL & ~R(REVIEWER), ROUTE_API},
    {"GET", "/api/v1/reports/quarterly", api_quarterly, REPORTS, ROUTE_API},
    {"GET", "/api/v1/reports/quarterly.pdf", api_quarterly, REPORTS, ROUTE_API},
    {"GET", "/api/v1/reports/due-reminders", api_due_reminders, ALL & ~R(REVIEWER), ROUTE_API},
    {"GET", "/api/v1/reports/due-reminders/sms.csv", api_due_sms, ALL & ~R(REVIEWER), ROUTE_API},
    {"GET", "/api/v1/guarantee-fund/entries", api_guarantee_entries, ALL, ROUTE_API},
    {"GET", "/api/v1/reports/portfolio/villages", api_portfolio_by_village, ALL & ~R(REVIEWER), ROUTE_API},
    {"GET", "/api/v1/reports/vouchers", api_report_vouchers, BOOKS_READ, ROUTE_API},
    {"GET", "/api/v1/reports/trial-balance", api_report_trial_balance, BOOKS_READ, ROUTE_API},
    {"GET", "/api/v1/accounts", api_accounts_list, BOOKS_READ, ROUTE_API},
    {"POST", "/api/v1/accounts", api_accounts_create, R(ADMIN), ROUTE_API},
    {"PUT", "/api/v1/accounts/{id}", api_accounts_update, R(ADMIN), ROUTE_API},
    {"GET", "/api/v1/voucher-rules", api_voucher_rules_list, BOOKS_READ, ROUTE_API},
    {"PUT", "/api/v1/voucher-rules/{str}", api_voucher_rules_update, R(ADMIN), ROUTE_API},
    {"GET", "/api/v1/reports/fund-ledger", report_fund_ledger, RELIEF_READ & ~R(VILLAGE), ROUTE_API},
    {"GET", "/api/v1/programmes", api_programmes_list, RELIEF_READ, ROUTE_API},
    {"POST", "/api/v1/programmes", api_programmes_create, PROG_WRITE, ROUTE_API},
    {"GET", "/api/v1/programmes/{id}", api_programmes_show, RELIEF_READ, ROUTE_API},
    {"POST", "/api/v1/programmes/{id}/amounts", api_programmes_amount, PROG_WRITE, ROUTE_API},
    {"POST", "/api/v1/programmes/{id}/rolls", api_rolls_create, ROLL_WRITE, ROUTE_API},
    {"GET", "/api/v1/rolls", api_rolls_list, ROLL_READ, ROUTE_API},
    {"GET", "/api/v1/aid-items", api_aid_items_list, RELIEF_READ, ROUTE_API},
    {"POST", "/api/v1/aid-items", api_aid_items_create, R(ADMIN), ROUTE_API},
    {"GET", "/api/v1/aid-distributions", api_aid_list, RELIEF_READ, ROUTE_API},
    {"POST", "/api/v1/aid-distributions", api_aid_create, RELIEF_APPLY, ROUTE_API},
    {"GET", "/api/v1/aid-distributions/sign-sheet", api_aid_sign_sheet, RELIEF_READ, ROUTE_API},
    {"GET", "/api/v1/aid-distributions/{id}", api_aid_show, RELIEF_READ, ROUTE_API},
    {"POST", "/api/v1/aid-distributions/{id}/reverse", api_aid_reverse, AID_REVERSE, ROUTE_API},
    {"GET", "/api/v1/campaigns", api_campaigns_list, CAMPAIGN_READ, ROUTE_API},
    {"POST", "/api/v1/campaigns", api_campaigns_create, CAMPAIGN_WRITE, ROUTE_API},
    {"GET", "/api/v1/campaigns/{id}", api_campaigns_show, CAMPAIGN_READ, ROUTE_API},
    {"GET", "/api/v1/rolls/{id}", api_rolls_show, ROLL_READ, ROUTE_API},
    {"GET", "/api/v1/rolls/{id}/rows", api_rolls_rows, ROLL_READ, ROUTE_API},
    {"GET", "/api/v1/rolls/{id}/excluded", api_rolls_excluded, ROLL_READ, ROUTE_API},
    {"POST", "/api/v1/rolls/{id}/rows", api_rolls_add, ROLL_WRITE, ROUTE_API},
    {"POST", "/api/v1/rolls/{id}/rows/{id}/remove", api_rolls_remove, ROLL_WRITE, ROUTE_API},
    {"POST", "/api/v1/rolls/{id}/approve", api_rolls_approve, RELIEF_APPROVE, ROUTE_API},
    {"GET", "/api/v1/rolls/{id}/bank-file", api_rolls_bank_file, RELIEF_PAY, ROUTE_API},
    {"POST", "/api/v1/rolls/{id}/bank-return", api_rolls_bank_return, RELIEF_PAY, ROUTE_API},
    {"GET", "/api/v1/notices", api_notices_list, RELIEF_READ, ROUTE_API},
    {"POST", "/api/v1/notices", api_notices_create, RELIEF_REVIEW, ROUTE_API},
    {"GET", "/api/v1/notices/{id}", api_notices_show, 0, ROUTE_API | ROUTE_PUBLIC},
    {"POST", "/api/v1/notices/{id}/objections", api_notices_object, 0, ROUTE_API | ROUTE_PUBLIC},
    {"POST", "/api/v1/objections/{id}/resolve", api_objection_resolve, RELIEF_REVIEW, ROUTE_API},
    {"GET", "/api/v1/announcements", api_announcements_list, ALL, ROUTE_API},
    {"POST", "/api/v1/announcements", api_announcements_create, ANN_WRITE, ROUTE_API},
    {"GET", "/api/v1/announcements/published", api_announcements_public, 0, ROUTE_API | ROUTE_PUBLIC},
    {"GET", "/api/v1/announcements/{id}", api_announcements_show, ALL, ROUTE_API},
    {"PUT", "/api/v1/announcements/{id}", api_announcements_update, ANN_WRITE, ROUTE_API},
    {"POST", "/api/v1/announcements/{id}/publish", api_announcements_publish, ANN_WRITE, ROUTE_API},
    {"POST", "/api/v1/announcements/{id}/withdraw", api_announcements_withdraw, ANN_WRITE, ROUTE_API},
    {"GET", "/api/v1/announcements/{id}/versions/{id}", api_announcements_version, ALL, ROUTE_API},
};
const int routes_count = sizeof routes / sizeof routes[0];

/* Matches one path segment [s, s+n) against one pattern segment [p, p+m), writing an {id} or
   {str} into r unless r is NULL. */
static int segment_match(const char *p, size_t m, const char *s, size_t n, struct req *r, int *nid)
{
    if (m >= 4 && strncmp(p, "{id}", 4) == 0) {
        size_t suffix = m - 4, digits = n >= suffix ? n - suffix : 0;
        if (!digits || digits > 15 || strncmp(s + digits, p + 4, suffix) != 0 || s[0] == '0')
            return 0;
        for (size_t i = 0; i < digits; i++)
            if (s[i] < '0' || s[i] > '9')
                return 0;
        if (*nid >= 3)
            return 0;
        if (r)
            r->id[*nid] = strtoll(s, NULL, 10);
        (*nid)++;
        return 1;
    }
    if (m >= 5 && strncmp(p, "{str}", 5) == 0) {
        size_t suffix = m - 5, len = n >= suffix ? n - suffix : 0;
        if (!len || len >= sizeof ((struct req *)NULL)->str || strncmp(s + len, p + 5, suffix) != 0)
            return 0;
        if (r) {
            memcpy(r->str, s, len);
            r->str[len] = '\0';
        }
        return 1;
    }
    return m == n && strncmp(p, s, n) == 0;
}

int route_match(const char *pattern, const char *path, struct req *r)
{
    int nid = 0;
    const char *p = pattern, *s = path;
    while (*p && *s) {
        if (*p != '/' || *s != '/')
            return 0;
        p++, s++;
        size_t m = strcspn(p, "/"), n = strcspn(s, "/");
        if (!segment_match(p, m, s, n, r, &nid))
            return 0;
        p += m, s += n;
    }
    return *p == '\0' && *s == '\0';
}

const struct route *route_find(const char *method, const char *path, struct req *r, int *path_known, char *allow,
                               size_t n)
{
    *path_known = 0;
    if (allow && n)
        allow[0] = '\0';
    for (int i = 0; i < routes_count; i++) {
        if (!route_match(routes[i].pattern, path, r))
            continue;
        if (strcmp(routes[i].method, method) == 0)
            return &routes[i];
        if (allow && strlen(allow) + strlen(routes[i].method) + 3 < n) {
            if (*path_known)
                strcat(allow, ", ");
            strcat(allow, routes[i].method);
        }
        *path_known = 1;
    }
    return NULL;
}

int routes_print_json(FILE *f)
{
    json_t *list = json_array();
    for (int i = 0; i < routes_count; i++) {
        json_t *roles = json_array();
        for (int k = 0; k < ROLE__MAX; k++)
            if (!(routes[i].flags & ROUTE_PUBLIC) && (routes[i].roles & ROLE_BIT(k)))
                json_array_append_new(roles, json_string(role_code((enum role)k)));
        json_array_append_new(list, json_pack("{s:s, s:s, s:o, s:b, s:b}", "method", routes[i].method, "pattern",
                                              routes[i].pattern, "roles", roles, "public",
                                              (routes[i].flags & ROUTE_PUBLIC) != 0, "api",
                                              (routes[i].flags & ROUTE_API) != 0));
    }
    int rc = json_dumpf(list, f, JSON_INDENT(1)) == 0 && fputc('\n', f) != EOF ? 0 : -1;
    json_decref(list);
    return rc;
}

int route_allowed(const char *method, const char *path, enum role role)
{
    int known;
    const struct route *rt = route_find(method, path, NULL, &known, NULL, 0); /* only whether, not the ids */
    return rt && ((rt->flags & ROUTE_PUBLIC) || (rt->roles & ROLE_BIT(role)));
}
