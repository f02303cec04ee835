/*
 * idcard.h: resident IDs (居民身份证号, GB 11643), phone numbers and the masking rules for names,
 * IDs and phones. Pure: no I/O, no allocation (callers pass buffers).
 */
#ifndef BANGFU_IDCARD_H
#define BANGFU_IDCARD_H
#include <stddef.h>

enum idcard_error {
    IDCARD_OK,
    IDCARD_EMPTY,
    IDCARD_LENGTH,
    IDCARD_CHARS,
    IDCARD_REGION,
    IDCARD_BIRTH_DATE,
    IDCARD_CHECKSUM,
    IDCARD__MAX
};
/* A clear Chinese sentence for the error. */
const char *idcard_error_message(enum idcard_error e);

struct idcard_info {
    int year, month, day;
    char sex; /* 'M' or 'F' */
};

/* Trims spaces and upper-cases a final 'x', in place. */
void idcard_normalize(char *id);
/* Checks length (18), characters (17 digits + digit or X), province code, birth date and the
   ISO 7064 MOD 11-2 check digit; fills info (may be NULL) on success. */
enum idcard_error idcard_check(const char *id, struct idcard_info *info);
/* The check character for 17 digits. */
char idcard_check_digit(const char *first17);
/* 1 for 11 digits starting with 1, else 0. */
int phone_valid(const char *s);

/* 张三明 → 张*明, 李四 → 李*, 欧阳娜娜 → 欧**娜: first and last character, one * for each
   character between (two characters: the first and one *). Returns out. */
char *mask_name(const char *utf8, char *out, size_t n);
/* 370406********123X: first 6 and last 4; anything that is not 18 characters becomes all *. */
char *mask_id(const char *id, char *out, size_t n);
/* 138****5678; "" for an absent phone. */
char *mask_phone(const char *phone, char *out, size_t n);

#endif
