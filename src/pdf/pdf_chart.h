/*
 * pdf_chart.h: the dashboard's charts drawn into a PDF page (the quarterly report): grey bars
 * with black outlines, black lines, values written on the chart, so they read in grey print.
 * Coordinates from the top-left, as everywhere in pdf.h.
 */
#ifndef BANGFU_PDF_CHART_H
#define BANGFU_PDF_CHART_H
#include <stdint.h>

#include "pdf.h"

/* Bars (fen) per month and a line (fen) over them, in the box (x, y, w, h), with a title and legends. */
void pdf_chart_months(struct pdf *p, float x, float y, float w, float h, const char *title, const char *const *months,
                      const int64_t *bars, const char *bars_label, const int64_t *line, const char *line_label, int n);
/* A line of basis points per month (PAR30), values written at the points. */
void pdf_chart_percent(struct pdf *p, float x, float y, float w, float h, const char *title, const char *const *months,
                       const int64_t *bp, int n);
/* Horizontal bars (fen) with labels; returns the y below the chart. */
float pdf_chart_hbars(struct pdf *p, float x, float y, float w, const char *title, const char *const *labels,
                      const int64_t *fen, int n);

#endif
