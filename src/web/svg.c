/* svg.c: server-drawn charts (see svg.h). */
#include "svg.h"

#include <stdio.h>

#include "money.h"

#define W 640
#define H 260
#define LEFT 70
#define RIGHT 20
#define TOP 36
#define BOTTOM 40

/* Opens a chart with its title and the hatching pattern. */
static void open_chart(struct buf *b, const char *title, int height)
{
    buf_printf(b, "<figure class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" role=\"img\" "
                  "aria-label=\"", W, height);
    buf_html(b, title);
    buf_puts(b, "\"><defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
                "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#d9d9d9\"/>"
                "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#555\" stroke-width=\"1.5\"/></pattern></defs>");
    buf_printf(b, "<text x=\"%d\" y=\"20\" font-size=\"15\" font-weight=\"bold\">", LEFT);
    buf_html(b, title);
    buf_puts(b, "</text>");
}

/* Closes a chart. */
static void close_chart(struct buf *b)
{
    buf_puts(b, "</svg></figure>");
}

/* Yuan in 万元 with one decimal for axis and value labels ("12.5万"), or plain yuan below 10,000. */
static const char *short_yuan(int64_t fen, char *out, size_t n)
{
    if (fen >= 1000000 || fen <= -1000000)
        snprintf(out, n, "%.1f万", (double)fen / 1000000.0);
    else
        snprintf(out, n, "%lld", (long long)(fen / 100));
    return out;
}

void svg_hbars(struct buf *b, const char *title, const char *const *labels, const int64_t *fen, int n)
{
    int row = 26, height = TOP + row * (n ? n : 1) + 16;
    int64_t max = 1;
    for (int i = 0; i < n; i++)
        max = fen[i] > max ? fen[i] : max;
    open_chart(b, title, height);
    int x0 = 170, width = W - x0 - 90;
    for (int i = 0; i < n; i++) {
        int y = TOP + i * row, len = (int)((double)fen[i] / (double)max * width);
        char v[MONEY_TEXT_SIZE];
        buf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\">", x0 - 8, y + 16);
        buf_html(b, labels[i]);
        buf_printf(b, "</text><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"18\" fill=\"url(#hatch)\" stroke=\"#000\"/>"
                      "<text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>",
                   x0, y + 3, len > 1 ? len : 1, x0 + len + 6, y + 16, money_format(fen[i], v, sizeof v));
    }
    if (!n)
        buf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"12\">没有数据</text>", LEFT, TOP + 16);
    close_chart(b);
}

/* The y of a value on a 0..max axis. */
static double ypos(int64_t v, int64_t max)
{
    return TOP + (H - TOP - BOTTOM) * (1.0 - (double)v / (double)max);
}

/* The axis: baseline, a top gridline with its value, month labels. */
static void month_axis(struct buf *b, const char *const *months, int n, const char *top_label)
{
    double step = (double)(W - LEFT - RIGHT) / (n ? n : 1);
    buf_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000\"/>", LEFT, H - BOTTOM, W - RIGHT, H - BOTTOM);
    buf_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\" stroke-dasharray=\"3 3\"/>"
                  "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">",
               LEFT, TOP, W - RIGHT, TOP, LEFT - 6, TOP + 4);
    buf_html(b, top_label);
    buf_printf(b, "</text><text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">0</text>", LEFT - 6, H - BOTTOM + 4);
    for (int i = 0; i < n; i++) {
        buf_printf(b, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">", LEFT + step * (i + 0.5),
                   H - BOTTOM + 16);
        buf_html(b, months[i] + 2); /* "26-11" */
        buf_puts(b, "</text>");
    }
}

/* A legend entry: a swatch (hatched box or black line) and its label at x. */
static void legend(struct buf *b, int x, int line, const char *label)
{
    if (line)
        buf_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000\" stroke-width=\"2\"/>", x, H - 8, x + 18,
                   H - 8);
    else
        buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"18\" height=\"10\" fill=\"url(#hatch)\" stroke=\"#000\"/>", x, H - 13);
    buf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"12\">", x + 24, H - 4);
    buf_html(b, label);
    buf_puts(b, "</text>");
}

void svg_months(struct buf *b, const char *title, const char *const *months, const int64_t *bars, const char *bars_label,
                const int64_t *line, const char *line_label, int n)
{
    int64_t max = 1;
    for (int i = 0; i < n; i++) {
        max = bars[i] > max ? bars[i] : max;
        max = line[i] > max ? line[i] : max;
    }
    char top[32];
    open_chart(b, title, H);
    month_axis(b, months, n, short_yuan(max, top, sizeof top));
    double step = (double)(W - LEFT - RIGHT) / (n ? n : 1);
    for (int i = 0; i < n; i++) {
        double y = ypos(bars[i], max);
        buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"url(#hatch)\" stroke=\"#000\"/>",
                   LEFT + step * i + step * 0.2, y, step * 0.6, (H - BOTTOM) - y);
    }
    buf_puts(b, "<polyline fill=\"none\" stroke=\"#000\" stroke-width=\"2\" points=\"");
    for (int i = 0; i < n; i++)
        buf_printf(b, "%.1f,%.1f ", LEFT + step * (i + 0.5), ypos(line[i], max));
    buf_puts(b, "\"/>");
    for (int i = 0; i < n; i++) {
        char v[MONEY_TEXT_SIZE];
        buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#000\"/>", LEFT + step * (i + 0.5), ypos(line[i], max));
        if (i == n - 1)
            buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>", LEFT + step * (i + 0.5),
                       ypos(line[i], max) - 8, short_yuan(line[i], v, sizeof v));
    }
    legend(b, LEFT, 0, bars_label);
    legend(b, LEFT + 200, 1, line_label);
    close_chart(b);
}

void svg_percent_line(struct buf *b, const char *title, const char *const *months, const int64_t *bp, int n)
{
    int64_t max = 1000; /* at least 10% */
    for (int i = 0; i < n; i++)
        max = bp[i] > max ? bp[i] : max;
    char top[32];
    snprintf(top, sizeof top, "%.0f%%", (double)max / 100.0);
    open_chart(b, title, H);
    month_axis(b, months, n, top);
    double step = (double)(W - LEFT - RIGHT) / (n ? n : 1);
    buf_puts(b, "<polyline fill=\"none\" stroke=\"#000\" stroke-width=\"2\" points=\"");
    for (int i = 0; i < n; i++)
        buf_printf(b, "%.1f,%.1f ", LEFT + step * (i + 0.5), ypos(bp[i], max));
    buf_puts(b, "\"/>");
    for (int i = 0; i < n; i++)
        buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#000\"/><text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" "
                      "text-anchor=\"middle\">%.1f%%</text>",
                   LEFT + step * (i + 0.5), ypos(bp[i], max), LEFT + step * (i + 0.5), ypos(bp[i], max) - 7,
                   (double)bp[i] / 100.0);
    legend(b, LEFT, 1, "PAR30（逾期30天以上贷款余额 ÷ 贷款余额）");
    close_chart(b);
}
