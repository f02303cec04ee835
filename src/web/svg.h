/*
 * svg.h: charts drawn by the server as inline SVG — no script, no external request — that read
 * in grey and print: black outlines, grey fills told apart by hatching, values written on the
 * chart. Labels are escaped.
 */
#ifndef BANGFU_SVG_H
#define BANGFU_SVG_H
#include <stdint.h>

#include "buf.h"

/* Horizontal bars: one labelled bar per item, the amount (fen, printed in yuan) at its end. */
void svg_hbars(struct buf *b, const char *title, const char *const *labels, const int64_t *fen, int n);
/* Months: grey bars (e.g. disbursed) and a black line with dots (e.g. outstanding), both in fen,
   each with its legend; month labels under the axis. */
void svg_months(struct buf *b, const char *title, const char *const *months, const int64_t *bars, const char *bars_label,
                const int64_t *line, const char *line_label, int n);
/* Months: one line of percentages in basis points (PAR30), with the values written at each point. */
void svg_percent_line(struct buf *b, const char *title, const char *const *months, const int64_t *bp, int n);

#endif
