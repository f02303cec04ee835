/* relief_bank_sheet.c: a relief batch's payment file and return file (see relief_bank_sheet.h). */
#include "relief_bank_sheet.h"

#include "bank_return_page.h"

#include <stdio.h>
#include <stdlib.h>

#include "bank_sheet.h"

/* A payment file being written from a batch's lines. */
struct fill {
    struct bank_sheet *b;
    const char *memo;
};

/* One line: the application's number, its head of household whole. */
static void line(const struct relief_bank_line *l, void *ctx)
{
    struct fill *f = ctx;
    struct bank_line x = {l->id, l->name, l->id_number, l->bank_name, l->account, l->amount_fen, f->memo, l->village};
    bank_sheet_line(f->b, &x);
}

void relief_bank_file_reply(struct req *r)
{
    struct relief_batch batch;
    struct err e = {0};
    struct bank_sheet b;
    if (bank_sheet_begin(r, &b) != 0)
        return;
    struct fill f = {&b, batch.category};
    int64_t no_account = 0;
    int rc = relief_bank_file_open(r->db, &r->user, r->id[0], &batch, &e);
    if (rc == 0) {
        bank_sheet_title(&b, "%s代发文件", batch.title);
        if (relief_bank_lines(r->db, &r->user, r->id[0], line, &f, &no_account) < 0)
            rc = db_fail(r->db, &e);
    }
    if (rc != 0) {
        bank_sheet_free(&b);
        reply_error(r, &e);
        return;
    }
    char stem[48];
    snprintf(stem, sizeof stem, "batch-%lld-bank", (long long)r->id[0]);
    bank_sheet_reply(r, &b, stem);
}

int relief_bank_import(struct req *r, const char *data, size_t len, int commit, struct bank_return_result *res,
                       struct err *e)
{
    const char *fund = req_form(r, "fund_id");
    if (!fund)
        fund = req_query(r, "fund_id");
    char *end = NULL;
    int64_t fund_id = fund ? strtoll(fund, &end, 10) : 0;
    if (!fund || !*fund || *end || fund_id < 0)
        fund_id = 0; /* refused by relief_bank_return after the batch's scope */
    return relief_bank_return(r->db, &r->user, r->id[0], fund_id, bank_return_format(r), data, len, r->today, commit,
                              res, e);
}
