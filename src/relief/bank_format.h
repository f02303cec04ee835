/*
 * bank_format.h: the columns of the credit union's payment file (代发文件), set by the
 * administrator per bank format: which columns, in which order, under which headers, and whether
 * the CSV is UTF-8 with a BOM or GB18030 (for a bank whose system reads only GBK). One format is
 * the default; rolls and relief batches both write their files through it (web/bank_sheet.c).
 */
#ifndef BANGFU_BANK_FORMAT_H
#define BANGFU_BANK_FORMAT_H
#include <jansson.h>
#include <stdint.h>

#include "db.h"
#include "err.h"
#include "text.h"
#include "user.h"

/* What a column may hold. */
enum bank_col { BC_ROW, BC_NAME, BC_ID_NUMBER, BC_BANK, BC_ACCOUNT, BC_AMOUNT, BC_MEMO, BC_VILLAGE, BC__MAX };
/* Their codes (row, name, id_number, bank, account, amount, memo, village) and default headers. */
extern const char *const bank_col_codes[BC__MAX];
extern const char *const bank_col_heads[BC__MAX];
/* The column of a code, or -1. */
int bank_col_parse(const char *code);

#define BANK_FORMAT_NAME_MAX_CHARS 30
#define BANK_FORMAT_NAME_SIZE TEXT_SIZE(BANK_FORMAT_NAME_MAX_CHARS)
#define BANK_HEAD_MAX_CHARS 20
#define BANK_HEAD_SIZE TEXT_SIZE(BANK_HEAD_MAX_CHARS)

struct bank_format {
    int64_t id;
    char name[BANK_FORMAT_NAME_SIZE];
    int gb18030;    /* the CSV in GB18030 without a BOM (else UTF-8 with a BOM) */
    int is_default;
    int ncols;
    int key[BC__MAX];                  /* enum bank_col, in file order */
    char head[BC__MAX][BANK_HEAD_SIZE];
};

/* Loads format id, or the default one when id is 0. 0, or -1 with e (404 not_found). */
int bank_format_get(struct db *db, int64_t id, struct bank_format *out, struct err *e);
/* Calls fn for every format, the default first. Returns the count or -1. */
int bank_format_list(struct db *db, void (*fn)(const struct bank_format *, void *), void *ctx);

/* A format as given by a form or the API. */
struct bank_format_input {
    const char *name;
    const char *encoding; /* "utf8" or "gb18030" */
    int is_default;       /* 1: becomes the default (the former one no longer is) */
    int ncols;
    const char *keys[BC__MAX];  /* column codes in file order */
    const char *heads[BC__MAX]; /* their headers; NULL or "" for the default header */
};
/* Creates (id 0) or replaces format id. Checks: name 1 to 30 characters and unique, encoding
   known, 1 to 8 columns each at most once with headers of 1 to 20 characters, and 序号, 姓名, 账号
   and 金额 present (the bank needs them and its return file names lines by 序号). A format cannot
   stop being the default except by making another one the default. Returns the id, or -1 with e
   naming the field. Audited (create/update bank_format). */
int64_t bank_format_save(struct db *db, const struct user_ctx *actor, int64_t id, const struct bank_format_input *in,
                         struct err *e);
/* The format as API JSON: {id, name, encoding, is_default, columns: [{key, head}]}. */
json_t *bank_format_json(const struct bank_format *f);

#endif
