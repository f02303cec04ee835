/* member_status.c: hukou, death, moving out and bank accounts of a person (see member_status.h). */
#include "member_status.h"

#include <stdio.h>
#include <string.h>

int hukou_parse(const char *s)
{
    if (!s || !*s)
        return HUKOU_NONE;
    if (!strcmp(s, "rural") || !strcmp(s, "农业") || !strcmp(s, "农村"))
        return HUKOU_RURAL;
    if (!strcmp(s, "urban") || !strcmp(s, "非农业") || !strcmp(s, "城镇"))
        return HUKOU_URBAN;
    return -1;
}

const char *hukou_code(int h)
{
    return h == HUKOU_RURAL ? "rural" : h == HUKOU_URBAN ? "urban" : NULL;
}

const char *hukou_name(int h)
{
    return h == HUKOU_RURAL ? "农业" : h == HUKOU_URBAN ? "非农业" : "未登记";
}

int hukou_of_code(const char *code)
{
    int h = hukou_parse(code);
    return h < 0 ? HUKOU_NONE : h;
}

int bank_account_normalize(const char *s, char *out, size_t n)
{
    size_t o = 0;
    if (!out || n == 0)
        return -1;
    out[0] = '\0';
    for (const char *p = s ? s : ""; *p; p++) {
        if (*p == ' ')
            continue;
        if (*p < '0' || *p > '9' || o + 1 >= n || o >= BANK_ACCOUNT_MAX)
            return -1;
        out[o++] = *p;
    }
    out[o] = '\0';
    return o == 0 || o >= BANK_ACCOUNT_MIN ? 0 : -1;
}

/* Checks one optional date field: valid, not after today, not before birth. 0 or -1 with e. */
static int date_check(const char *v, const char *prefix, const char *part, const char *what, struct date birth,
                      struct date today, struct err *e)
{
    if (!v || !*v)
        return 0;
    char field[64];
    snprintf(field, sizeof field, "%s.%s", prefix, part);
    struct date d;
    if (date_parse(v, &d) != 0)
        return err_set(e, 422, "invalid_date", field, "%s格式应为 YYYY-MM-DD", what);
    if (date_cmp(d, today) > 0)
        return err_set(e, 422, "invalid_date", field, "%s不能晚于今天", what);
    if (date_cmp(d, birth) < 0)
        return err_set(e, 422, "invalid_date", field, "%s不能早于出生日期", what);
    return 0;
}

int member_status_check(const struct member_status_input *s, const char *prefix, struct date birth,
                        struct date today, struct err *e)
{
    char field[64], account[BANK_ACCOUNT_SIZE];
    snprintf(field, sizeof field, "%s.hukou", prefix);
    if (hukou_parse(s->hukou) < 0)
        return err_set(e, 422, "invalid_hukou", field, "户籍应为 农业 或 非农业");
    int has_name = s->bank_name && *s->bank_name;
    snprintf(field, sizeof field, "%s.bank.name", prefix);
    if (has_name && text_check(s->bank_name, 1, BANK_NAME_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_bank_name", field, "开户银行不能超过 %d 个字", BANK_NAME_MAX_CHARS);
    snprintf(field, sizeof field, "%s.bank.account", prefix);
    if (bank_account_normalize(s->bank_account, account, sizeof account) != 0)
        return err_set(e, 422, "invalid_bank_account", field, "银行账号应为 %d 到 %d 位数字", BANK_ACCOUNT_MIN,
                       BANK_ACCOUNT_MAX);
    if (has_name != (account[0] != '\0')) {
        if (!has_name)
            snprintf(field, sizeof field, "%s.bank.name", prefix);
        return err_set(e, 422, "invalid_bank_account", field, "开户银行和银行账号应同时填写");
    }
    return date_check(s->died_on, prefix, "died_on", "死亡日期", birth, today, e) ||
                   date_check(s->moved_out_on, prefix, "moved_out_on", "迁出日期", birth, today, e)
               ? -1
               : 0;
}
