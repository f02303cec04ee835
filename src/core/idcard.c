/* idcard.c: resident-ID validation and phone checks (see idcard.h). Pure: no I/O. */
#include "idcard.h"

#include <string.h>

const char *idcard_error_message(enum idcard_error e)
{
    static const char *const messages[IDCARD__MAX] = {
        [IDCARD_OK] = "身份证号有效",
        [IDCARD_EMPTY] = "请填写身份证号",
        [IDCARD_LENGTH] = "身份证号应为18位",
        [IDCARD_CHARS] = "身份证号前17位应为数字，最后一位为数字或X",
        [IDCARD_REGION] = "身份证号前两位不是有效的省份代码",
        [IDCARD_BIRTH_DATE] = "身份证号中的出生日期无效",
        [IDCARD_CHECKSUM] = "身份证号校验位错误，请核对",
    };
    return (unsigned)e < IDCARD__MAX ? messages[e] : "身份证号无效";
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Length in bytes of the white space at s that normalisation trims: an ASCII space, tab, CR or LF
   (1) or an ideographic space U+3000 (3); 0 for anything else. */
static size_t space_at(const char *s)
{
    if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        return 1;
    if ((unsigned char)s[0] == 0xE3 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x80)
        return 3;
    return 0;
}

void idcard_normalize(char *id)
{
    if (!id)
        return;
    size_t start = 0, k;
    while ((k = space_at(id + start)) > 0)
        start += k;
    size_t end = start + strlen(id + start);
    for (;;) {
        if (end > start && space_at(id + end - 1) == 1)
            end -= 1;
        else if (end >= start + 3 && space_at(id + end - 3) == 3)
            end -= 3;
        else
            break;
    }
    memmove(id, id + start, end - start);
    id[end - start] = '\0';
    if (end - start == IDCARD_LEN && id[17] == 'x')
        id[17] = 'X';
}

char idcard_check_digit(const char *first17)
{
    static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static const char map[] = "10X98765432";
    if (!first17)
        return '\0';
    int sum = 0;
    for (int i = 0; i < 17; i++) {
        if (!is_digit(first17[i]))
            return '\0';
        sum += (first17[i] - '0') * weights[i];
    }
    return map[sum % 11];
}

/* 1 if code is a province-level code of GB/T 2260 (or 83, see idcard.h), else 0. */
static int province_valid(int code)
{
    static const int codes[] = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43,
                                44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83};
    for (size_t i = 0; i < sizeof codes / sizeof *codes; i++)
        if (codes[i] == code)
            return 1;
    return 0;
}

/* The number of the `len` decimal digits at s (all known to be digits). */
static int number_at(const char *s, int len)
{
    int v = 0;
    for (int i = 0; i < len; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

/* 1 when y-m-d is a real Gregorian date from 1900-01-01 to 2099-12-31, else 0. */
static int birth_date_valid(int y, int m, int d)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2099 || m < 1 || m > 12 || d < 1)
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days[m - 1] + (m == 2 && leap);
}

enum idcard_error idcard_check(const char *id, struct idcard_info *info)
{
    if (!id || !*id)
        return IDCARD_EMPTY;
    if (strlen(id) != IDCARD_LEN)
        return IDCARD_LENGTH;
    for (int i = 0; i < 17; i++)
        if (!is_digit(id[i]))
            return IDCARD_CHARS;
    if (!is_digit(id[17]) && id[17] != 'X')
        return IDCARD_CHARS;
    if (!province_valid(number_at(id, 2)))
        return IDCARD_REGION;
    int y = number_at(id + 6, 4), m = number_at(id + 10, 2), d = number_at(id + 12, 2);
    if (!birth_date_valid(y, m, d))
        return IDCARD_BIRTH_DATE;
    if (idcard_check_digit(id) != id[17])
        return IDCARD_CHECKSUM;
    if (info) {
        info->year = y;
        info->month = m;
        info->day = d;
        info->sex = (id[16] - '0') % 2 ? 'M' : 'F';
    }
    return IDCARD_OK;
}

int phone_valid(const char *s)
{
    if (!s || strlen(s) != 11 || s[0] != '1')
        return 0;
    for (int i = 0; i < 11; i++)
        if (!is_digit(s[i]))
            return 0;
    return 1;
}
