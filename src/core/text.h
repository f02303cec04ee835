/*
 * text.h: small pure checks on UTF-8 text from outside: validity, length in characters,
 * control characters, trimming. Used by every validator before anything is stored.
 */
#ifndef BANGFU_TEXT_H
#define BANGFU_TEXT_H
#include <stddef.h>

/* Bytes that hold `chars` characters of UTF-8 (up to 4 bytes each) and the NUL: every buffer
   that receives checked text is sized from the character limit it was checked against. */
#define TEXT_SIZE(chars) ((chars) * 4 + 1)
#define NAME_MAX_CHARS 30 /* names of people, units, departments, holidays (text_check 1..30) */
#define NAME_SIZE TEXT_SIZE(NAME_MAX_CHARS)
#define CONTRACT_NO_MAX_CHARS 50 /* credit-union contract numbers */
#define CONTRACT_NO_SIZE TEXT_SIZE(CONTRACT_NO_MAX_CHARS)
#define DOC_NO_MAX_CHARS 50 /* receipt numbers, document numbers (文号) */
#define DOC_NO_SIZE TEXT_SIZE(DOC_NO_MAX_CHARS)
#define PROJECT_NAME_MAX_CHARS 50
#define PROJECT_NAME_SIZE TEXT_SIZE(PROJECT_NAME_MAX_CHARS)
#define FUND_NAME_MAX_CHARS 40 /* relief funds */
#define FUND_NAME_SIZE TEXT_SIZE(FUND_NAME_MAX_CHARS)
#define NOTE_MAX_CHARS 200 /* reasons (void, reject, correct), ledger notes, objection resolutions */
#define NOTE_SIZE TEXT_SIZE(NOTE_MAX_CHARS)
#define LONG_TEXT_MAX_CHARS 500 /* application reasons, follow-up notes, objections */
#define LONG_TEXT_SIZE TEXT_SIZE(LONG_TEXT_MAX_CHARS)
#define COMMENT_MAX_CHARS 1000 /* review opinions */
#define COMMENT_SIZE TEXT_SIZE(COMMENT_MAX_CHARS)
#define ADDRESS_MAX_CHARS 100
#define ADDRESS_SIZE TEXT_SIZE(ADDRESS_MAX_CHARS)
#define PHONE_SIZE 16     /* telephone numbers (digits and hyphens, checked to at most 15) */
#define ID_NUMBER_SIZE 20 /* resident identity numbers (18 characters) */
#define CODE_SIZE 16      /* stored snake_case codes (review decisions, kinds) */

/* 1 if s is well-formed UTF-8 (no overlongs, no surrogates), else 0. */
int text_utf8_valid(const char *s);
/* Number of UTF-8 characters in s (s must be valid UTF-8). */
size_t text_chars(const char *s);
/* 0 when s is valid UTF-8 without control characters (newline and tab allowed only when
   multiline), with min..max characters; -1 otherwise. NULL counts as "". */
int text_check(const char *s, size_t min, size_t max);
int text_check_multiline(const char *s, size_t min, size_t max);
/* Copies s without leading/trailing ASCII white space into out (size n). Returns out. */
char *text_trim(const char *s, char *out, size_t n);

/* Appends s (NULL as "") at out + *used when it fits whole with its NUL in n bytes, advancing
   *used: 0. Otherwise -1 and out is left as it was: text is never cut (a cut could split a
   UTF-8 character), overflow is the caller's error to report. */
int text_append(char *out, size_t n, size_t *used, const char *s);
/* Copies s (NULL as "") into out when it fits whole: 0; else -1 with out set to "". */
int text_copy(char *out, size_t n, const char *s);
#endif
