/*
 * money.h: money is int64_t fen everywhere; this module alone parses and prints it ("1,234.50",
 * "1234.50", and 大写 Chinese capital numerals for receipts). Interest rates are exact decimals:
 * percent per year in millionths of a percent (4.35% = 4350000). Pure: no I/O, no allocation, no
 * globals; callers pass the output buffers.
 */
#ifndef BANGFU_MONEY_H
#define BANGFU_MONEY_H
#include <stddef.h>
#include <stdint.h>

#define MONEY_MAX_FEN 99999999999999LL /* 999,999,999,999.99 yuan */
/* Buffer sizes that always suffice: money_format/money_format_plain for any int64_t (the longest
   is "-92,233,720,368,547,758.08"), money_capital for any amount up to MONEY_MAX_FEN, and
   rate_format for any int64_t. */
#define MONEY_TEXT_SIZE 32
#define MONEY_CAPITAL_SIZE 128
#define RATE_TEXT_SIZE 32

#define RATE_MAX_MICRO 24000000LL /* 24% a year */

/*
 * Parses yuan text into fen: "1234.5", "1,234.50", "20000", "0.05", with optional leading and
 * trailing spaces or tabs. At most two decimals, and at least one digit on each side of the point
 * ("1." and ".5" are refused). Commas only as proper thousands separators: every group after the
 * first has exactly three digits, the first has one to three and does not start with 0 unless it
 * is the only digit of a plain number ("0,123" is refused, "0123" is read as 123). No sign, no
 * exponent, no currency symbol. Returns 0 and sets *fen, or -1 (fen untouched) on anything else,
 * including amounts beyond MONEY_MAX_FEN.
 */
int money_parse(const char *s, int64_t *fen);
/* Writes fen as yuan with thousands separators and two decimals: "1,234.50", "0.05", negatives
   "-1,234.50". Any int64_t. Truncated (still NUL-terminated) when n is too small; see
   MONEY_TEXT_SIZE. Returns out. */
char *money_format(int64_t fen, char *out, size_t n);
/* A count (not money) with thousands separators: 1418 → "1,418", -1234567 → "-1,234,567".
   Returns out. */
char *money_count_format(int64_t count, char *out, size_t n);
/* As money_format without separators: "1234.50", "-0.05" (for CSV). Returns out. */
char *money_format_plain(int64_t fen, char *out, size_t n);

/*
 * Writes fen in Chinese capital numerals (大写) for receipts, prefixed 人民币, following the
 * People's Bank rules (正确填写票据和结算凭证的基本规定). Only the characters
 * 零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整 follow the prefix. Where the rules allow a 零 to be written
 * or left out, this function always leaves it out; the rule in full:
 *
 *  - The integer part is read in groups of four digits (个, 万, 亿); each non-zero digit is written
 *    with its place (壹仟, 贰佰, 叁拾, 肆); 1 in the tens place is always 壹拾, never a bare 拾.
 *    A group with any non-zero digit is followed by its unit 万 or 亿; an all-zero group writes
 *    no unit.
 *  - One 零 for each run of zero digits that lies between two written non-zero digits, except a
 *    run made only of the trailing zeros of a 万 or 亿 group (the unit closes it):
 *    1,005 → 壹仟零伍; 1,0005 → 壹万零伍; 1,0000,0001 → 壹亿零壹; 10,0010,0000 → 壹拾亿零壹拾万;
 *    but 107,000 → 壹拾万柒仟 (not 壹拾万零柒仟) and 1,1000,0000 → 壹亿壹仟万.
 *  - Trailing zeros of the integer part write nothing: 1,000 → 壹仟元.
 *  - 元 follows a non-zero integer part. No 零 is written between 元 and a non-zero 角 even when
 *    the 元 digit is 0: 1,680.32 → 壹仟陆佰捌拾元叁角贰分, 100,000.10 → 壹拾万元壹角整.
 *  - 角 0 and 分 not 0 after a non-zero integer part: 元零X分 (16,409.02 → …玖元零贰分).
 *  - 整 after 元 (no 角, no 分) or after 角 (分 is 0), never after 分: 1,409.50 → …玖元伍角整.
 *  - An integer part of 0 writes nothing: 0.05 → 人民币伍分, 0.15 → 人民币壹角伍分,
 *    0.50 → 人民币伍角整; 0 itself is 人民币零元整.
 *
 * Returns 0, or -1 (out set to "" when n > 0) for a negative amount, an amount beyond
 * MONEY_MAX_FEN, a NULL out, or a buffer too small (MONEY_CAPITAL_SIZE always suffices).
 */
int money_capital(int64_t fen, char *out, size_t n);

/*
 * Parses an annual percentage written as an exact decimal ("4.35", "3.45", "4.275", "0", "24",
 * optional surrounding spaces or tabs) into millionths of a percent (4.35 → 4350000). Up to six
 * decimals, at least one digit on each side of a point, no sign, no '%'; 0 .. 24 inclusive.
 * Returns 0 and sets *micro, or -1 (micro untouched).
 */
int rate_parse(const char *s, int64_t *micro);
/* Writes micro as the shortest exact decimal with at least two decimals: "4.35", "4.275",
   "24.00", "3.450001" (negatives, never produced by rate_parse, as "-0.50"). Truncated when n is
   too small (RATE_TEXT_SIZE always suffices). Returns out. */
char *rate_format(int64_t micro, char *out, size_t n);

/* a / b rounded half-up (a remainder of at least half of b rounds up), for a >= 0 and b > 0: the
   one rounding of an amount split into equal parts (P / n of 等额本金, a zero-rate installment). */
int64_t money_div_round(int64_t a, int64_t b);

#endif
