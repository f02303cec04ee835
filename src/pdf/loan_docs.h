/*
 * loan_docs.h: the printed documents of the loan front half, each one A4 PDF from the data the
 * domain already loaded: the one-time notice of missing materials (一次性告知书), the joint
 * review form (联合评审意见表) and the guarantee and recommendation letter (担保推荐函).
 */
#ifndef BANGFU_LOAN_DOCS_H
#define BANGFU_LOAN_DOCS_H
#include <stddef.h>

#include "date.h"
#include "guarantee.h"
#include "loan.h"
#include "unit.h"

/* Each returns 0 with a malloc'd PDF in *out (caller frees), or -1 with *err set. */
int report_missing_notice(const struct loan_app *a, const struct unit *office, struct date today, char **out,
                          size_t *len, const char **err);
int report_review_form(const struct loan_app *a, const struct unit *office, struct date today, char **out, size_t *len,
                       const char **err);
int report_guarantee_letter(const struct loan_app *a, const struct guarantee_info *g, const struct unit *office,
                            struct date today, char **out, size_t *len, const char **err);

#endif
