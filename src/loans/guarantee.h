/*
 * guarantee.h: the association's guarantee fund (担保基金) — an append-only ledger whose sum is
 * the balance — and guarantees of approved applications, refused when they would take the
 * guaranteed outstanding beyond balance × leverage. One fund for the whole database (the
 * district association's).
 */
#ifndef BANGFU_GUARANTEE_H
#define BANGFU_GUARANTEE_H
#include <stdint.h>

#include "date.h"
#include "db.h"
#include "err.h"
#include "user.h"
#include "text.h"

struct fund_status {
    int64_t balance_fen;
    int64_t guaranteed_outstanding_fen;
    int64_t leverage;
    int64_t capacity_fen; /* balance × leverage − guaranteed outstanding (may be negative) */
    int64_t paid_out_fen, recovered_fen;  /* every payout (代偿) and recovery (追偿), as positive sums */
    int64_t written_off_fen;              /* payouts written off (核销, approved); the balance does not move */
    int64_t recovered_after_write_off_fen; /* recoveries of written-off loans dated after the write-off */
};
/* Reads the fund's figures. Returns 0 or -1. */
int guarantee_fund_status(struct db *db, struct fund_status *out);
/* Appends an income (> 0) or adjustment (≠ 0; may not take the balance below zero) entry dated
   not after today. The fund is the district's: only a user of the district unit writes it (403
   district_only). Returns the entry id or -1 with e filled. */
int64_t guarantee_fund_add(struct db *db, const struct user_ctx *actor, const char *kind, int64_t amount_fen,
                           const char *on, const char *document_no, const char *note, struct date today,
                           struct err *e);

struct counter_guarantor {
    const char *name, *id_number, *relation;
    int64_t income_fen;
};

struct guarantee_input {
    int64_t coverage_pct; /* 0 = the default parameter */
    int ncounter;         /* 0..2 */
    struct counter_guarantor counter[2];
    const char *pledged_asset; /* required when there are no counter-guarantors */
};

/* Guarantees an approved application: validates, checks capacity in the same transaction
   (409 guarantee_capacity_exceeded, nothing written), numbers the recommendation letter per
   township and year, moves the application to guaranteed. Returns the guarantee id or -1. */
int64_t guarantee_create(struct db *db, const struct user_ctx *actor, int64_t application_id,
                         const struct guarantee_input *in, struct date today, struct err *e);

struct guarantee_info {
    int64_t id;
    char letter_no[64];
    int coverage_pct;
    int64_t guaranteed_fen;
    char pledged_asset[NOTE_SIZE];
    char created_at[24];
    char created_by[NAME_SIZE];
    int ncounter;
    struct guarantee_counter_row {
        char name[NAME_SIZE], id_number[20], relation[TEXT_SIZE(20)];
        int64_t income_fen;
    } counter[2];
};
/* Loads the guarantee of an application (the caller has checked scope). 0, or -1 when none. */
int guarantee_get(struct db *db, int64_t application_id, struct guarantee_info *out);

#endif
