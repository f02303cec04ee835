/*
 * idcard.h: resident IDs (居民身份证号, GB 11643) and phone numbers: normalising and checking
 * them. Masking them for display is masking.h's. Pure: no I/O, no allocation, no globals
 * (callers pass buffers).
 */
#ifndef BANGFU_IDCARD_H
#define BANGFU_IDCARD_H
#include <stddef.h>

#define IDCARD_LEN 18

enum idcard_error {
    IDCARD_OK,
    IDCARD_EMPTY,      /* NULL or "" */
    IDCARD_LENGTH,     /* not 18 characters */
    IDCARD_CHARS,      /* not 17 digits followed by a digit or an upper-case X */
    IDCARD_REGION,     /* the first two digits are no province-level code */
    IDCARD_BIRTH_DATE, /* digits 7-14 are no calendar date in 1900-01-01 .. 2099-12-31 */
    IDCARD_CHECKSUM,   /* the 18th character is not the ISO 7064 MOD 11-2 check character */
    IDCARD__MAX
};
/* A clear Simplified Chinese sentence for e, for people ("身份证号应为18位"). Never NULL: a value
   out of range gives a generic "身份证号无效". The strings are static; nothing to free. */
const char *idcard_error_message(enum idcard_error e);

struct idcard_info {
    int year, month, day; /* birth date encoded in digits 7-14 */
    char sex;             /* 'M' or 'F': the 17th digit, odd for men */
};

/* Normalises typed input in place: removes leading and trailing ASCII white space and
   ideographic spaces (U+3000), then upper-cases the 18th character when it is 'x' and the ID is
   18 characters long. Nothing else changes (so idcard_check still reports other mistakes).
   NULL is ignored. */
void idcard_normalize(char *id);
/*
 * Checks a resident ID by GB 11643, in this order: present, exactly 18 characters, 17 digits then
 * a digit or 'X' (a lower-case 'x' is refused: call idcard_normalize on input first), the first
 * two digits a province-level code of GB/T 2260 (11-15, 21-23, 31-37, 41-46, 50-54, 61-65,
 * 71 Taiwan, 81 Hong Kong, 82 Macao) or 83 (the residence permits for Taiwan residents, which use
 * the same number format), the birth date a real calendar date from 1900-01-01 to 2099-12-31
 * (whether it lies in the future is the caller's check: it knows today), and the check character.
 * Returns IDCARD_OK and fills *info (when info is not NULL), or the first error found (info
 * untouched).
 */
enum idcard_error idcard_check(const char *id, struct idcard_info *info);
/* The ISO 7064 MOD 11-2 check character ('0'-'9' or 'X') for the first 17 characters of first17
   (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2; sum mod 11 → 1 0 X 9 8 7 6 5 4 3 2). Returns '\0'
   when first17 is NULL or its first 17 characters are not all digits. */
char idcard_check_digit(const char *first17);
/* 1 when s is exactly 11 ASCII digits starting with 1 (a mainland mobile number), else 0 (also
   for NULL). */
int phone_valid(const char *s);

#endif
