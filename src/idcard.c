/* idcard.c: resident-ID validation and masking (see idcard.h). Pure. */
#include "idcard.h"

#include <stdio.h>
#include <string.h>

#include "date.h"

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

void idcard_normalize(char *id)
{
    size_t n = strlen(id), start = 0;
    while (start < n && id[start] == ' ')
        start++;
    while (n > start && id[n - 1] == ' ')
        n--;
    memmove(id, id + start, n - start);
    id[n - start] = '\0';
    if (n - start == 18 && id[17] == 'x')
        id[17] = 'X';
}

char idcard_check_digit(const char *first17)
{
    static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static const char map[] = "10X98765432";
    int sum = 0;
    for (int i = 0; i < 17; i++)
        sum += (first17[i] - '0') * weights[i];
    return map[sum % 11];
}

/* 1 if the two digits are a province-level code of GB/T 2260. */
static int province_valid(int code)
{
    static const int codes[] = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42,
                                43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82};
    for (size_t i = 0; i < sizeof codes / sizeof *codes; i++)
        if (codes[i] == code)
            return 1;
    return 0;
}

enum idcard_error idcard_check(const char *id, struct idcard_info *info)
{
    if (!id || !*id)
        return IDCARD_EMPTY;
    if (strlen(id) != 18)
        return IDCARD_LENGTH;
    for (int i = 0; i < 17; i++)
        if (id[i] < '0' || id[i] > '9')
            return IDCARD_CHARS;
    if (!((id[17] >= '0' && id[17] <= '9') || id[17] == 'X'))
        return IDCARD_CHARS;
    if (!province_valid((id[0] - '0') * 10 + (id[1] - '0')))
        return IDCARD_REGION;
    struct date birth = {0, 0, 0};
    for (int i = 6; i < 10; i++)
        birth.y = birth.y * 10 + (id[i] - '0');
    birth.m = (id[10] - '0') * 10 + (id[11] - '0');
    birth.d = (id[12] - '0') * 10 + (id[13] - '0');
    if (birth.y < 1900 || birth.y > 2099 || !date_valid(birth))
        return IDCARD_BIRTH_DATE;
    if (idcard_check_digit(id) != id[17])
        return IDCARD_CHECKSUM;
    if (info) {
        info->year = birth.y;
        info->month = birth.m;
        info->day = birth.d;
        info->sex = (id[16] - '0') % 2 ? 'M' : 'F';
    }
    return IDCARD_OK;
}

int phone_valid(const char *s)
{
    if (!s || strlen(s) != 11 || s[0] != '1')
        return 0;
    for (int i = 0; i < 11; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* Length in bytes of the UTF-8 character starting at s (1 for a stray byte). */
static size_t char_len(const char *s)
{
    unsigned char c = (unsigned char)*s;
    size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
    for (size_t i = 1; i < n; i++)
        if (!s[i])
            return i;
    return n;
}

char *mask_name(const char *s, char *out, size_t n)
{
    if (!n)
        return out;
    out[0] = '\0';
    if (!s || !*s)
        return out;
    size_t count = 0;
    for (const char *p = s; *p; p += char_len(p))
        count++;
    size_t o = 0, i = 0;
    for (const char *p = s; *p; p += char_len(p), i++) {
        size_t len = char_len(p);
        int keep = i == 0 || (i == count - 1 && count > 2);
        const char *piece = keep ? p : "*";
        size_t plen = keep ? len : 1;
        if (o + plen + 1 > n)
            break;
        memcpy(out + o, piece, plen);
        o += plen;
    }
    out[o] = '\0';
    return out;
}

char *mask_id(const char *id, char *out, size_t n)
{
    size_t len = id ? strlen(id) : 0;
    if (len == 18)
        snprintf(out, n, "%.6s********%.4s", id, id + 14);
    else {
        size_t k = 0;
        for (; k < len && k + 1 < n; k++)
            out[k] = '*';
        if (n)
            out[k] = '\0';
    }
    return out;
}

char *mask_phone(const char *p, char *out, size_t n)
{
    size_t len = p ? strlen(p) : 0;
    if (len >= 7)
        snprintf(out, n, "%.3s****%s", p, p + len - 4);
    else if (n)
        out[0] = '\0';
    return out;
}
