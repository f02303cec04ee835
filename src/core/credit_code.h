/*
 * credit_code.h: the unified social credit code (统一社会信用代码, GB 32100-2015) of organisations:
 * 18 characters from the 31-character alphabet 0-9ABCDEFGHJKLMNPQRTUWXY (no I, O, S, V, Z), the
 * 18th a check character over the first 17 (docs/domain.md, "Organisations as borrowers"). Pure.
 */
#ifndef BANGFU_CREDIT_CODE_H
#define BANGFU_CREDIT_CODE_H

#define CREDIT_CODE_LEN 18
#define CREDIT_CODE_SIZE (CREDIT_CODE_LEN + 1)

/* The check character of the first 17 characters of s (read no further), or '\0' when s is
   NULL, shorter, or holds a character outside the alphabet (lower case included). */
char credit_code_check_char(const char *s);
/* 1 when s is exactly 18 characters of the alphabet whose last is the check character, else 0. */
int credit_code_valid(const char *s);

#endif
