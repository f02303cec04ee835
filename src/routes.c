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
/* Who registers loan applications and collects their documents (a village officer for the
   village's households). */
#define LOAN_INTAKE (R(ADMIN) | R(ASSOCIATION) | R(VILLAGE))

const struct route routes[] = {
    /* public */
    {"GET", "/", page_public_home, 0, ROUTE_PUBLIC},
    {"GET", "/healthz", page_healthz, 0, ROUTE_PUBLIC},
    {"GET", "/static/{str}", page_static, 0, ROUTE_PUBLIC},
    {"GET", "/login", page_login_form, 0, ROUTE_PUBLIC},
    {"POST", "/login", page_login, 0, ROUTE_PUBLIC},
    /* staff pages */
    {"POST", "/logout", page_logout, ALL, 0},
    {"GET", "/home", page_home, ALL, 0},
    {"GET", "/households", page_household_list, HH_READ, 0},
    {"POST", "/households", page_household_create, HH_WRITE, 0},
    {"GET", "/households/new", page_household_new, HH_WRITE, 0},
    {"GET", "/households/import", page_import_form, HH_WRITE, 0},
    {"POST", "/households/import", page_import_upload, HH_WRITE, 0},
    {"POST", "/households/import/{id}", page_import_confirm, HH_WRITE, 0},
    {"GET", "/households/{id}", page_household_show, HH_READ, 0},
    {"POST", "/households/{id}", page_household_update, HH_WRITE, 0},
    {"POST", "/households/{id}/members", page_household_add_member, HH_WRITE, 0},
    {"GET", "/admin/users", page_users, R(ADMIN), 0},
    {"POST", "/admin/users", page_users_create, R(ADMIN), 0},
    {"POST", "/admin/users/{id}", page_users_update, R(ADMIN), 0},
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
    {"GET", "/accounts/{id}/schedule.pdf", page_account_schedule_pdf, ALL, 0},
    {"GET", "/accounts/{id}/settlement.pdf", page_account_settlement_pdf, ALL, 0},
    {"GET", "/statements", page_statement_form, R(LIAISON) | R(FINANCE), 0},
    {"POST", "/statements", page_statement_check, R(LIAISON) | R(FINANCE), 0},
    {"POST", "/statements/{id}", page_statement_book, R(LIAISON) | R(FINANCE), 0},
    {"GET", "/claims", page_claims, ALL, 0},
    {"GET", "/subsidy", page_subsidy, R(ADMIN) | R(FINANCE) | R(ASSOCIATION) | R(AUDITOR), 0},
    {"GET", "/subsidy/{str}.pdf", page_subsidy_pdf, R(ADMIN) | R(FINANCE) | R(ASSOCIATION) | R(AUDITOR), 0},
    {"POST", "/accounts/{id}/compensation", page_account_compensate, R(FINANCE), 0},
    {"POST", "/accounts/{id}/recoveries", page_account_recover, R(FINANCE), 0},
    {"GET", "/due", page_due, ALL, 0},
    {"GET", "/overdue", page_overdue, ALL, 0},
    {"GET", "/guarantee-fund", page_fund, ALL, 0},
    {"POST", "/guarantee-fund", page_fund_entry, R(ADMIN) | R(FINANCE), 0},
    {"GET", "/admin/holidays", page_holidays, R(ADMIN), 0},
    {"POST", "/admin/holidays", page_holidays_set, R(ADMIN), 0},
    {"POST", "/admin/holidays/remove", page_holidays_remove, R(ADMIN), 0},
    /* JSON API */
    {"POST", "/api/v1/login", api_login, 0, ROUTE_API | ROUTE_PUBLIC},
    {"POST", "/api/v1/logout", api_logout, ALL, ROUTE_API},
    {"GET", "/api/v1/me", api_me, ALL, ROUTE_API},
    {"GET", "/api/v1/units", api_units_list, ALL, ROUTE_API},
    {"POST", "/api/v1/units", api_units_create, R(ADMIN), ROUTE_API},
    {"GET", "/api/v1/departments", api_departments_list, ALL, ROUTE_API},
    {"POST", "/api/v1/departments", api_departments_create, R(ADMIN), ROUTE_API},
    {"POST", "/api/v1/users", api_users_create, R(ADMIN), ROUTE_API},
    {"GET", "/api/v1/households", api_households_list, HH_READ, ROUTE_API},
    {"POST", "/api/v1/households", api_households_create, HH_WRITE, ROUTE_API},
    {"GET", "/api/v1/households/{id}", api_households_show, HH_READ, ROUTE_API},
    {"GET", "/api/v1/audit", api_audit_list, R(ADMIN) | R(AUDITOR), ROUTE_API},
    {"GET", "/api/v1/loan-applications", api_loans_list, ALL, ROUTE_API},
    {"POST", "/api/v1/loan-applications", api_loans_create, LOAN_INTAKE, ROUTE_API},
    {"GET", "/api/v1/loan-applications/{id}", api_loans_show, ALL, ROUTE_API},
    {"PUT", "/api/v1/loan-applications/{id}/documents", api_loans_documents, LOAN_INTAKE, ROUTE_API},
    {"POST", "/api/v1/loan-applications/{id}/submit", api_loans_submit, LOAN_INTAKE, ROUTE_API},
    {"POST", "/api/v1/loan-applications/{id}/backup-handler", api_loans_backup, R(ADMIN) | R(ASSOCIATION),
     ROUTE_API},
    {"POST", "/api/v1/loan-applications/{id}/reviews", api_loans_review, R(REVIEWER), ROUTE_API},
    {"POST", "/api/v1/loan-applications/{id}/guarantee", api_loans_guarantee, R(ADMIN) | R(ASSOCIATION), ROUTE_API},
    {"GET", "/api/v1/guarantee-fund", api_guarantee_fund, ALL, ROUTE_API},
    {"POST", "/api/v1/guarantee-fund/entries", api_guarantee_fund_entry, R(ADMIN) | R(FINANCE), ROUTE_API},
    {"GET", "/api/v1/holidays", api_holidays_list, ALL, ROUTE_API},
    {"POST", "/api/v1/schedule-preview", api_schedule_preview, ALL, ROUTE_API},
    {"POST", "/api/v1/loans", api_loan_disburse, R(LIAISON) | R(FINANCE), ROUTE_API},
    {"GET", "/api/v1/loans/{id}", api_loan_show, ALL, ROUTE_API},
    {"POST", "/api/v1/loans/{id}/repayments", api_loan_repay, R(LIAISON) | R(FINANCE), ROUTE_API},
    {"POST", "/api/v1/loans/{id}/compensation", api_loan_compensate, R(FINANCE), ROUTE_API},
    {"POST", "/api/v1/loans/{id}/recoveries", api_loan_recover, R(FINANCE), ROUTE_API},
    {"GET", "/api/v1/reports/portfolio", api_portfolio, ALL, ROUTE_API},
    {"GET", "/api/v1/reports/overdue", api_overdue_by_village, ALL, ROUTE_API},
    {"GET", "/api/v1/reports/subsidy", api_subsidy_claim, R(ADMIN) | R(FINANCE) | R(ASSOCIATION) | R(AUDITOR), ROUTE_API},
    {"POST", "/api/v1/holidays", api_holidays_set, R(ADMIN), ROUTE_API},
};
const int routes_count = sizeof routes / sizeof routes[0];

/* Matches one path segment [s, s+n) against one pattern segment [p, p+m). */
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
        r->id[(*nid)++] = strtoll(s, NULL, 10);
        return 1;
    }
    if (m >= 5 && strncmp(p, "{str}", 5) == 0) {
        size_t suffix = m - 5, len = n >= suffix ? n - suffix : 0;
        if (!len || len >= sizeof r->str || strncmp(s + len, p + 5, suffix) != 0)
            return 0;
        memcpy(r->str, s, len);
        r->str[len] = '\0';
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
