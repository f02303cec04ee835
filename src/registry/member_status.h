/*
 * member_status.h: what the programmes' rules read about a person beyond the resident ID: hukou
 * (户籍: 农业 or 非农业), the day of death or of moving out (迁出), and the bank account the
 * programmes pay into (开户银行 and 账号). Pure: parsing, checks and names; household.c stores them.
 */
#ifndef BANGFU_MEMBER_STATUS_H
#define BANGFU_MEMBER_STATUS_H
#include "date.h"
#include "err.h"
#include "text.h"

enum hukou { HUKOU_NONE, HUKOU_RURAL, HUKOU_URBAN };
/* The hukou of "rural"/"农业"/"农村", "urban"/"非农业"/"城镇"; HUKOU_NONE for NULL or ""; -1 otherwise. */
int hukou_parse(const char *s);
/* "rural"/"urban", NULL for HUKOU_NONE (stored as NULL). */
const char *hukou_code(int h);
/* 农业 / 非农业 / 未登记. */
const char *hukou_name(int h);
/* The hukou stored in a row ("rural", "urban" or ""), for row shapes. */
int hukou_of_code(const char *code);

#define BANK_NAME_MAX_CHARS 30
#define BANK_NAME_SIZE TEXT_SIZE(BANK_NAME_MAX_CHARS)
#define BANK_ACCOUNT_MIN 8
#define BANK_ACCOUNT_MAX 32
#define BANK_ACCOUNT_SIZE (BANK_ACCOUNT_MAX + 1)

/* What a form or the API gives for a person's status; NULL or "" leaves a field empty. */
struct member_status_input {
    const char *hukou;        /* rural/urban/农业/非农业 */
    const char *bank_name;    /* 开户银行 */
    const char *bank_account; /* 8 to 32 digits; spaces are dropped */
    const char *died_on;      /* YYYY-MM-DD */
    const char *moved_out_on; /* YYYY-MM-DD */
};

/* The account number as stored: the digits of s without spaces, into out (BANK_ACCOUNT_SIZE).
   0, or -1 when s holds anything but digits and spaces or the digits are not 8 to 32. "" is 0
   (no account). */
int bank_account_normalize(const char *s, char *out, size_t n);

/* Checks a person's status fields; prefix names the fields in e ("head", "members[1]"): hukou
   known, bank name at most 30 characters and given with an account (and the other way round),
   account digits, each date valid, not after today and not before the birth. 0 or -1 with e. */
int member_status_check(const struct member_status_input *s, const char *prefix, struct date birth,
                        struct date today, struct err *e);

#endif
