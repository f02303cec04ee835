/* subsidy_doc.h: the quarterly interest-subsidy claim (贴息申报表) as an A4 landscape PDF: per
   loan the interest paid, the part eligible and the subsidy, with the reason for any exclusion. */
#ifndef BANGFU_SUBSIDY_DOC_H
#define BANGFU_SUBSIDY_DOC_H
#include <stddef.h>

#include "date.h"
#include "subsidy.h"
#include "text.h"

struct subsidy_doc {
    char quarter[DATE_CN_SIZE]; /* "2026年第三季度" */
    char maker[NAME_SIZE];      /* 制表人: the user who prints it */
    int draft;                  /* the quarter is not over: the claim may change (草稿 watermark) */
    char unit[NAME_SIZE];
    int nrows;
    const struct subsidy_row *rows;
    struct subsidy_totals totals;
};

/* Renders the claim. 0 with a malloc'd PDF in *out (caller frees), or -1 with *err. */
int report_subsidy(const struct subsidy_doc *d, struct date today, char **out, size_t *len, const char **err);

#endif
