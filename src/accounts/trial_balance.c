/* trial_balance.c: sums of the vouchers per account (see trial_balance.h). */
#include "trial_balance.h"

#include <stdlib.h>
#include <string.h>

#include "voucher.h"

/* The lines being summed and the period's first day. */
struct tb_ctx {
    struct tb_line *lines;
    int n, cap, failed;
    const char *from;
};

/* Appends an account's line. */
static void tb_account(const struct account *a, void *ctx)
{
    struct tb_ctx *t = ctx;
    if (t->n == t->cap) {
        int cap = t->cap ? t->cap * 2 : 64;
        struct tb_line *more = realloc(t->lines, (size_t)cap * sizeof *more);
        if (!more) {
            t->failed = 1;
            return;
        }
        t->lines = more, t->cap = cap;
    }
    t->lines[t->n++] = (struct tb_line){.account = *a};
}

/* The line of an account id, or NULL. */
static struct tb_line *tb_find(struct tb_ctx *t, int64_t id)
{
    for (int i = 0; i < t->n; i++)
        if (t->lines[i].account.id == id)
            return &t->lines[i];
    return NULL;
}

/* Adds one voucher to its debit and credit accounts: to the openings when dated before the period. */
static void tb_voucher(const struct voucher *v, void *ctx)
{
    struct tb_ctx *t = ctx;
    struct tb_line *d = tb_find(t, v->debit_id), *c = tb_find(t, v->credit_id);
    if (!d || !c) {
        t->failed = 1;
        return;
    }
    if (t->from && strcmp(v->on, t->from) < 0) {
        d->opening_fen += v->amount_fen;
        c->opening_fen -= v->amount_fen;
    } else {
        d->debit_fen += v->amount_fen;
        c->credit_fen += v->amount_fen;
    }
}

int trial_balance(struct db *db, const char *scope, const char *from, const char *as_of, struct tb_line **lines,
                  struct err *e)
{
    struct tb_ctx t = {.from = from && *from ? from : NULL};
    *lines = NULL;
    if (account_list(db, tb_account, &t) < 0 || t.failed ||
        voucher_list(db, scope, NULL, as_of, tb_voucher, &t, e) < 0 || t.failed) {
        free(t.lines);
        return e->status ? -1 : err_set(e, 500, "internal", NULL, "试算平衡表计算失败");
    }
    for (int i = 0; i < t.n; i++)
        t.lines[i].closing_fen = t.lines[i].opening_fen + t.lines[i].debit_fen - t.lines[i].credit_fen;
    *lines = t.lines;
    return t.n;
}

void tb_columns(const struct tb_line *l, int64_t v[TB_COLS])
{
    v[0] = l->opening_fen > 0 ? l->opening_fen : 0;
    v[1] = l->opening_fen < 0 ? -l->opening_fen : 0;
    v[2] = l->debit_fen, v[3] = l->credit_fen;
    v[4] = l->closing_fen > 0 ? l->closing_fen : 0;
    v[5] = l->closing_fen < 0 ? -l->closing_fen : 0;
}
