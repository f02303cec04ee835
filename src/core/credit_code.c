/* credit_code.c: the GB 32100 check character of unified social credit codes (see credit_code.h). */
#include "credit_code.h"

#include <string.h>

/* The code's alphabet: a character's value is its index (0-30). */
static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
/* The weight of position i (1-based) is 3^(i-1) mod 31. */
static const int weights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

/* The value of character c in the alphabet, or -1. */
static int value_of(char c)
{
    const char *p = c ? strchr(alphabet, c) : NULL;
    return p ? (int)(p - alphabet) : -1;
}

char credit_code_check_char(const char *s)
{
    if (!s)
        return '\0';
    int sum = 0;
    for (int i = 0; i < 17; i++) {
        int v = value_of(s[i]); /* '\0' ends a short string here: -1 */
        if (v < 0)
            return '\0';
        sum += v * weights[i];
    }
    return alphabet[(31 - sum % 31) % 31]; /* 31 - 0 = 31 is written 0 */
}

int credit_code_valid(const char *s)
{
    if (!s || strlen(s) != CREDIT_CODE_LEN)
        return 0;
    char c = credit_code_check_char(s);
    return c && s[17] == c;
}
