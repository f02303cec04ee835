/* subsidy_doc.h: the quarterly interest-subsidy claim (贴息申报表) as an A4 PDF. */
#ifndef BANGFU_SUBSIDY_DOC_H
#define BANGFU_SUBSIDY_DOC_H
#include <stddef.h>

#include "date.h"
#include "subsidy.h"

struct subsidy_doc {
    char quarter[16];
    char unit[64];
    int nrows;
    const struct subsidy_row *rows;
    int64_t interest_fen, subsidy_fen;
};

/* Renders the claim. 0 with a malloc'd PDF in *out (caller frees), or -1 with *err. */
int report_subsidy(const struct subsidy_doc *d, struct date today, char **out, size_t *len, const char **err);

#endif
