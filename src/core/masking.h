/*
 * masking.h: how names, resident IDs and phone numbers are masked where they may be seen by
 * people who need not know them: public notices (公示: the page, the PDF, the JSON) and every
 * list. The rules are a small struct the admin may change (mask_config.c stores them); the
 * defaults are docs/domain.md's: a name keeps its first and last character (张*明, 李*), an ID its
 * first 6 and last 4 characters (370406********123X), a phone its first 3 and last 4
 * (138****5678). A rule may hide more than the default, never show more, and at least one
 * character of every name of two or more characters is always hidden.
 *
 * Pure: no I/O, no allocation, no globals but the constant defaults; callers pass buffers.
 */
#ifndef BANGFU_MASKING_H
#define BANGFU_MASKING_H
#include <stddef.h>

#define MASK_SURNAMES_SIZE 640
/* Compound surnames (复姓) kept whole when names keep their surname. */
#define MASK_DEFAULT_SURNAMES                                                                                                                      \
    "欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 端木 独孤 南宫 西门 呼延 " \
    "万俟 闻人 澹台 公冶 太史 申屠 钟离 淳于 单于 赫连 拓跋 百里 东郭 左丘 司空 闾丘 濮阳 太叔 公羊 第五"

struct mask_rules {
    int name_surname; /* 1: a name keeps its surname, a compound one (欧阳) whole; 0: its first character */
    int name_last;    /* 1: a name also keeps its last character (张*明) */
    char surnames[MASK_SURNAMES_SIZE]; /* the compound surnames, separated by spaces, commas or 、 */
    int id_head, id_tail;              /* an 18-character ID keeps this many characters at each end (0..6, 0..4) */
    int phone_head, phone_tail;        /* a phone number of 11+ characters keeps this many at each end (0..3, 0..4) */
};

/* docs/domain.md's rules: first and last character of a name (no surname rule), ID 6 + 4, phone 3 + 4,
   and the default compound surnames listed for when the admin turns the surname rule on. */
extern const struct mask_rules mask_defaults;

/* Clamps every number of r into its allowed range (so a damaged setting never shows more than
   the default). */
void mask_rules_clamp(struct mask_rules *r);

/*
 * Masks a person's name (UTF-8 characters, not bytes): keeps the first character (or the
 * surname, when name_surname: a compound surname from the list when the name starts with one),
 * then the last character when name_last, with one '*' for each character in between. At least
 * one character is always hidden: a two-character name keeps only its first (李*), and a kept
 * surname that would leave nothing hidden is cut to its first character (欧阳 → 欧*). A single
 * character stays as it is. A malformed UTF-8 byte counts as one character. NULL or "" gives "".
 * When out is too small the result is cut at a character boundary (never revealing more than
 * the mask). Returns out.
 */
char *mask_name_by(const struct mask_rules *r, const char *utf8, char *out, size_t n);
/* Masks a resident ID: an 18-character ASCII ID keeps id_head and id_tail characters with '*'
   between (370406********123X by default), whether or not it is valid; anything else becomes
   one '*' per character. NULL or "" gives "". Truncated when out is too small (19 bytes suffice
   for an 18-character ID). Returns out. */
char *mask_id_by(const struct mask_rules *r, const char *id, char *out, size_t n);
/* Masks a phone number: an ASCII number of 11 or more characters keeps phone_head and
   phone_tail characters with '*' for the rest (138****5678 by default); a shorter or non-ASCII
   one becomes one '*' per character (never a whole number). NULL or "" (no phone on record)
   gives "". Truncated when out is too small. Returns out. */
char *mask_phone_by(const struct mask_rules *r, const char *phone, char *out, size_t n);

/* Masks the numbers in free text that the public may read (an objection): a run of 18 digits
   (or 17 and X) as a resident ID, any other run of 11 or more digits as a phone, each by the
   rules; shorter numbers (dates, amounts, office extensions) stay. The result has the same
   length as text (cut when out, size n, is smaller). NULL gives "". Returns out. */
char *mask_text_by(const struct mask_rules *r, const char *text, char *out, size_t n);

/* 1 when every compound surname of the list (separated by spaces, commas or 、) has two to four
   characters (an empty list is fine), else 0. */
int mask_surnames_valid(const char *list);

/* The same with mask_defaults: for staff lists and documents that follow docs/domain.md as it is. */
char *mask_name(const char *utf8, char *out, size_t n);
char *mask_id(const char *id, char *out, size_t n);
char *mask_phone(const char *phone, char *out, size_t n);
/* Masks a bank account number as IDs are masked: 16 or more characters keep the first 6 (the
   bank's card prefix) and the last 4 (621799*********1234), 8 to 15 characters the last 4 only,
   anything shorter or non-ASCII becomes one '*' per character. NULL or "" gives "". 33 bytes
   suffice for a 32-digit account. Returns out. */
char *mask_account(const char *account, char *out, size_t n);

#endif
