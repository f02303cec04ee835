/* pdf_chart.c: charts in PDF pages (see pdf_chart.h). */
#include "pdf_chart.h"

#include <stdio.h>

#include "money.h"

#define AXIS_LEFT 46.0f
#define AXIS_BOTTOM 30.0f

/* The plot area inside a chart box, below its title. */
struct plot {
    float x, y, w, h; /* top-left and size of the area where values are drawn */
};

/* Draws the title, the baseline and month labels; returns the plot area. */
static struct plot frame(struct pdf *p, float x, float y, float w, float h, const char *title, const char *const *months,
                         int n, const char *top_label)
{
    struct plot a = {x + AXIS_LEFT, y + 22, w - AXIS_LEFT - 8, h - 22 - AXIS_BOTTOM};
    pdf_text(p, x, y, 11, title);
    pdf_line(p, a.x, a.y + a.h, a.x + a.w, a.y + a.h, 0.8f);
    pdf_line(p, a.x, a.y, a.x + a.w, a.y, 0.3f);
    pdf_text_right(p, a.x - 4, a.y - 4, 8, top_label);
    pdf_text_right(p, a.x - 4, a.y + a.h - 4, 8, "0");
    float step = a.w / (float)(n ? n : 1);
    for (int i = 0; i < n; i++)
        pdf_text_center(p, a.x + step * ((float)i + 0.5f), a.y + a.h + 4, 7, months[i] + 2);
    return a;
}

/* Yuan in 万元 for axis labels. */
static const char *wan(int64_t fen, char *out, size_t n)
{
    snprintf(out, n, "%.1f万", (double)fen / 1000000.0);
    return out;
}

void pdf_chart_months(struct pdf *p, float x, float y, float w, float h, const char *title, const char *const *months,
                      const int64_t *bars, const char *bars_label, const int64_t *line, const char *line_label, int n)
{
    int64_t max = 1;
    for (int i = 0; i < n; i++) {
        max = bars[i] > max ? bars[i] : max;
        max = line[i] > max ? line[i] : max;
    }
    char top[32];
    struct plot a = frame(p, x, y, w, h, title, months, n, wan(max, top, sizeof top));
    float step = a.w / (float)(n ? n : 1);
    for (int i = 0; i < n; i++) {
        float bh = a.h * (float)bars[i] / (float)max;
        pdf_fill_rect(p, a.x + step * (float)i + step * 0.2f, a.y + a.h - bh, step * 0.6f, bh, 0.75f);
        pdf_rect(p, a.x + step * (float)i + step * 0.2f, a.y + a.h - bh, step * 0.6f, bh, 0.5f);
    }
    for (int i = 0; i + 1 < n; i++)
        pdf_line(p, a.x + step * ((float)i + 0.5f), a.y + a.h * (1 - (float)line[i] / (float)max),
                 a.x + step * ((float)i + 1.5f), a.y + a.h * (1 - (float)line[i + 1] / (float)max), 1.6f);
    if (n) {
        char v[32];
        pdf_text_right(p, a.x + a.w, a.y + a.h * (1 - (float)line[n - 1] / (float)max) - 12, 8, wan(line[n - 1], v, sizeof v));
    }
    pdf_fill_rect(p, x + AXIS_LEFT, y + h - 10, 14, 8, 0.75f);
    pdf_rect(p, x + AXIS_LEFT, y + h - 10, 14, 8, 0.5f);
    pdf_text(p, x + AXIS_LEFT + 18, y + h - 11, 8, bars_label);
    pdf_line(p, x + AXIS_LEFT + 140, y + h - 6, x + AXIS_LEFT + 154, y + h - 6, 1.6f);
    pdf_text(p, x + AXIS_LEFT + 158, y + h - 11, 8, line_label);
}

void pdf_chart_percent(struct pdf *p, float x, float y, float w, float h, const char *title, const char *const *months,
                       const int64_t *bp, int n)
{
    int64_t max = 1000;
    for (int i = 0; i < n; i++)
        max = bp[i] > max ? bp[i] : max;
    char top[32];
    snprintf(top, sizeof top, "%.0f%%", (double)max / 100.0);
    struct plot a = frame(p, x, y, w, h, title, months, n, top);
    float step = a.w / (float)(n ? n : 1);
    for (int i = 0; i < n; i++) {
        float px = a.x + step * ((float)i + 0.5f), py = a.y + a.h * (1 - (float)bp[i] / (float)max);
        if (i + 1 < n)
            pdf_line(p, px, py, px + step, a.y + a.h * (1 - (float)bp[i + 1] / (float)max), 1.6f);
        char v[16];
        snprintf(v, sizeof v, "%.1f%%", (double)bp[i] / 100.0);
        pdf_text_center(p, px, py - 11, 7, v);
    }
}

float pdf_chart_hbars(struct pdf *p, float x, float y, float w, const char *title, const char *const *labels,
                      const int64_t *fen, int n)
{
    int64_t max = 1;
    for (int i = 0; i < n; i++)
        max = fen[i] > max ? fen[i] : max;
    pdf_text(p, x, y, 11, title);
    float label_w = 150, top = y + 22, row = 18, bar_w = w - label_w - 80;
    for (int i = 0; i < n; i++) {
        float len = bar_w * (float)fen[i] / (float)max, ry = top + row * (float)i;
        char v[MONEY_TEXT_SIZE];
        pdf_text_right(p, x + label_w - 6, ry, 9, labels[i]);
        pdf_fill_rect(p, x + label_w, ry, len > 1 ? len : 1, 12, 0.75f);
        pdf_rect(p, x + label_w, ry, len > 1 ? len : 1, 12, 0.5f);
        pdf_text(p, x + label_w + len + 4, ry, 9, money_format(fen[i], v, sizeof v));
    }
    if (!n)
        pdf_text(p, x + label_w, top, 9, "没有数据");
    return top + row * (float)(n ? n : 1) + 10;
}
