/*
 * money.h: money is int64_t fen everywhere; this module alone parses and prints it ("1,234.50",
 * "1234.50", and 大写 Chinese capital numerals for receipts). Interest rates are exact decimals:
 * percent per year in millionths of a percent (4.35% = 4350000). Pure: no I/O.
 */
#ifndef BANGFU_MONEY_H
#define BANGFU_MONEY_H
#include <stddef.h>
#include <stdint.h>

#define MONEY_MAX_FEN 99999999999999LL /* 999,999,999,999.99 yuan */

/* "1234.5", "1,234.50", "20000", " 0.05 " → fen. At most two decimals; commas only as proper
   thousands separators; no sign. Returns 0, or -1 on anything else or beyond MONEY_MAX_FEN. */
int money_parse(const char *s, int64_t *fen);
/* "1,234.50" (negative: "-1,234.50"). Returns out. */
char *money_format(int64_t fen, char *out, size_t n);
/* "1234.50" without separators (CSV). Returns out. */
char *money_format_plain(int64_t fen, char *out, size_t n);
/* 人民币壹仟零伍元整 by the People's Bank rules: 零 for each run of zero digits between non-zero
   ones (and before 角 or 分 after a zero), 整 after 元 or 角, never after 分; 壹拾 never bare 拾.
   Returns 0, or -1 for a negative amount or a short buffer. */
int money_capital(int64_t fen, char *out, size_t n);

/* "4.35", "4.275", "0", "24" → millionths of a percent; 0..24 with up to 6 decimals. 0 or -1. */
int rate_parse(const char *s, int64_t *micro);
/* The shortest exact form with at least two decimals ("4.35", "4.275", "24.00"). Returns out. */
char *rate_format(int64_t micro, char *out, size_t n);

#endif
