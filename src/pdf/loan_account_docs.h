/*
 * loan_account_docs.h: printed documents of a disbursed loan: the repayment schedule for the
 * borrower (还款计划表) and the settlement certificate (结清证明) of a settled loan.
 */
#ifndef BANGFU_LOAN_ACCOUNT_DOCS_H
#define BANGFU_LOAN_ACCOUNT_DOCS_H
#include <stddef.h>

#include "date.h"
#include "servicing.h"
#include "unit.h"

/* Each returns 0 with a malloc'd PDF in *out (caller frees), or -1 with *err set. */
int report_schedule(const struct serviced_loan *l, const struct unit *office, struct date today, char **out,
                    size_t *len, const char **err);
/* The 结清证明 carries its number (settlement_no) and the borrower's masked ID. */
int report_settlement(const struct serviced_loan *l, const struct unit *office, const char *number, struct date today,
                      char **out, size_t *len, const char **err);

#endif
