/*
 * pdf.c: the libharu wrapper (see pdf.h). Owns the document's error state (libharu's error
 * handler records the first error; every later call is a no-op), the top-left coordinate
 * conversion, the clean-up of text before libharu sees it, line breaking for Chinese and Latin
 * text, and saving to memory. Text waits in a list until pdf_save: only then are the characters
 * of the whole document known, so each face is embedded with exactly those (pdf_font.c) and the
 * waiting text is drawn on its pages, above the lines and fills of the same page.
 */
#include "pdf.h"
#include "pdf_font.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "money.h"

#define BASELINE 0.88f /* baseline below the top of the line box, in em (the font's ascent is 0.962) */

/* One line of text waiting for the fonts: its page, text matrix (libharu's coordinates), size,
   fill colour, the face asked for and its clean UTF-8 at off in pdf.chars. */
struct pending {
    HPDF_Page page;
    float m[6];
    float size;
    float rgb[3];
    enum pdf_face face;
    size_t off;
};

struct pdf {
    HPDF_Doc doc;
    HPDF_Page page; /* current page, NULL before the first */
    int pages;
    float width, height; /* of the current page */
    float gray;          /* text colour asked for */
    unsigned style;      /* PDF_BOLD | PDF_OBLIQUE | PDF_REGULAR for the following text */
    int saved;           /* pdf_save drew the text and embedded the fonts: no more text */
    int failed;          /* an error was recorded: draw nothing, save nothing */
    int draft;           /* every page carries the diagonal 草稿 watermark */
    char msg[160];       /* the first error */
    struct pending *text; /* the text waiting for pdf_save, in drawing order */
    size_t ntext, captext;
    char *chars; /* their strings, each NUL-terminated */
    size_t nchars, capchars;
    struct pdf_charset used[PDF_FACES]; /* the characters each face draws */
};

/* Records the first error with its message (later ones are consequences). */
static void record(struct pdf *p, const char *msg)
{
    if (p->failed)
        return;
    p->failed = 1;
    snprintf(p->msg, sizeof p->msg, "%s", msg);
    log_error("pdf: %s", msg);
}

/* libharu's error handler: records the error code; no longjmp, so the failing call returns an
   error status and the wrapper stops drawing. */
static void on_error(HPDF_STATUS code, HPDF_STATUS detail, void *data)
{
    char msg[96];
    snprintf(msg, sizeof msg, "PDF 生成出错（libharu 错误 0x%04lX，详情 %lu）", (unsigned long)code,
             (unsigned long)detail);
    record(data, msg);
}

struct pdf *pdf_new(const char *title, const char **err)
{
    const char *missing = pdf_font_init();
    if (missing) {
        *err = missing;
        return NULL;
    }
    struct pdf *p = calloc(1, sizeof *p);
    if (!p) {
        *err = "内存不足，无法生成 PDF";
        return NULL;
    }
    p->doc = HPDF_New(on_error, p);
    if (!p->doc) {
        free(p);
        *err = "内存不足，无法生成 PDF";
        return NULL;
    }
    HPDF_SetCompressionMode(p->doc, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(p->doc);
    HPDF_SetCurrentEncoder(p->doc, "UTF-8");
    if (title)
        HPDF_SetInfoAttr(p->doc, HPDF_INFO_TITLE, title);
    HPDF_SetInfoAttr(p->doc, HPDF_INFO_CREATOR, "Bangfu 帮富");
    if (p->failed) { /* e.g. a title that is not UTF-8 */
        pdf_free(p);
        *err = "PDF 标题无效";
        return NULL;
    }
    return p;
}

void pdf_free(struct pdf *p)
{
    if (!p)
        return;
    if (p->doc)
        HPDF_Free(p->doc);
    free(p->text);
    free(p->chars);
    free(p);
}

const char *pdf_error(const struct pdf *p)
{
    return p->failed ? p->msg : NULL;
}

const char *pdf_format(struct pdf *p, char *out, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(out, n, fmt, ap);
    va_end(ap);
    if (w < 0 || (size_t)w >= n) {
        record(p, "文字超出版面的缓冲区，未打印");
        out[0] = '\0';
    }
    return out;
}

const char *pdf_capital(struct pdf *p, int64_t fen, char *out, size_t n)
{
    if (money_capital(fen, out, n) != 0)
        record(p, "金额无法写成大写（负数或超出上限），未打印");
    return out;
}

/* 1 when drawing may go on: no error so far and a current page. Drawing before the first page
   is recorded as an error. */
static int ready(struct pdf *p)
{
    if (p->failed)
        return 0;
    if (!p->page) {
        record(p, "PDF 生成出错：在添加页面之前绘图");
        return 0;
    }
    return 1;
}

static void queue_text(struct pdf *p, enum pdf_face f, float size, const float m[6], const float rgb[3], const char *s);
static float face_width(enum pdf_face f, const char *s, size_t n, float size);

/* Queues the 草稿 watermark of the new current page first, so all its other text is drawn over
   it: light grey, turned 35 degrees, across the middle of the page. */
static void watermark(struct pdf *p)
{
    const float size = p->width / 4, a = 35 * 3.14159265f / 180, c = cosf(a), s = sinf(a), grey[3] = {0.88f, 0.88f, 0.88f};
    float u = -face_width(PDF_FACE_HEI, PDF_DRAFT_MARK, strlen(PDF_DRAFT_MARK), size) / 2, v = -size * 0.36f;
    float cx = p->width / 2, cy = p->height / 2;
    const float m[6] = {c, s, -s, c, cx + u * c - v * s, cy + u * s + v * c};
    queue_text(p, PDF_FACE_HEI, size, m, grey, PDF_DRAFT_MARK);
}

void pdf_draft(struct pdf *p)
{
    p->draft = 1;
    if (p->page)
        record(p, "PDF 生成出错：草稿水印须在第一页之前设定");
}

/* Adds a page of the given size and direction and makes it current. */
static HPDF_Page add_page(struct pdf *p, HPDF_PageSizes size, HPDF_PageDirection dir)
{
    if (p->failed)
        return NULL;
    HPDF_Page page = HPDF_AddPage(p->doc);
    if (!page || HPDF_Page_SetSize(page, size, dir) != HPDF_OK || p->failed) {
        record(p, "PDF 生成出错：无法添加页面");
        return NULL;
    }
    p->page = page;
    p->pages++;
    p->width = HPDF_Page_GetWidth(page);
    p->height = HPDF_Page_GetHeight(page);
    if (p->draft)
        watermark(p);
    return page;
}

HPDF_Page pdf_page_a4(struct pdf *p)
{
    return add_page(p, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
}

HPDF_Page pdf_page_a4_landscape(struct pdf *p)
{
    return add_page(p, HPDF_PAGE_SIZE_A4, HPDF_PAGE_LANDSCAPE);
}

HPDF_Page pdf_page_a5_landscape(struct pdf *p)
{
    return add_page(p, HPDF_PAGE_SIZE_A5, HPDF_PAGE_LANDSCAPE);
}

int pdf_page_count(const struct pdf *p)
{
    return p->pages;
}

float pdf_width(const struct pdf *p)
{
    return p->page ? p->width : 0;
}

float pdf_height(const struct pdf *p)
{
    return p->page ? p->height : 0;
}

/* Clamps a gray level to 0..1 (libharu refuses anything else, NaN becomes black). */
static float clamp_gray(float g)
{
    return g > 1 ? 1 : g > 0 ? g : 0;
}

void pdf_gray(struct pdf *p, float gray)
{
    p->gray = clamp_gray(gray);
}

void pdf_style(struct pdf *p, unsigned style)
{
    p->style = style & (PDF_BOLD | PDF_OBLIQUE | PDF_REGULAR);
}

/* ---- text clean-up --------------------------------------------------------------------------- */

/* Decodes the UTF-8 character at s (NUL-terminated): returns its code point and sets *n to its
   length, or returns -1 with *n = 1 for a byte that does not start a well-formed character
   (overlong forms, surrogates and truncated sequences included). */
long pdf_utf8_char(const char *str, size_t *n)
{
    const unsigned char *s = (const unsigned char *)str;
    unsigned long c = s[0], min;
    size_t k;
    *n = 1;
    if (c < 0x80)
        return (long)c;
    if ((c & 0xE0) == 0xC0)
        k = 1, min = 0x80, c &= 0x1F;
    else if ((c & 0xF0) == 0xE0)
        k = 2, min = 0x800, c &= 0x0F;
    else if ((c & 0xF8) == 0xF0)
        k = 3, min = 0x10000, c &= 0x07;
    else
        return -1;
    for (size_t i = 1; i <= k; i++) {
        if ((s[i] & 0xC0) != 0x80) /* also stops at the NUL */
            return -1;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return -1;
    *n = k + 1;
    return (long)c;
}

/* Text as libharu may see it: well-formed UTF-8, invalid bytes as '?', characters beyond the BMP
   as U+25A1 '□', control characters as spaces, except that with newlines CRLF and CR become
   '\n' and '\n' stays. Returns s itself when it is already clean, else a copy in buf (n bytes)
   or, when that is too small, in *heap (malloc'd: the caller frees *heap, which stays NULL
   otherwise). Never longer than s. Returns NULL only when memory runs out. */
static const char *clean_text(const char *s, int newlines, char *buf, size_t n, char **heap)
{
    *heap = NULL;
    size_t len = 0, cn;
    int dirty = 0;
    for (const char *q = s; *q; q += cn, len += cn) {
        long c = pdf_utf8_char(q, &cn);
        if (c < 0 || c > 0xFFFF || (c < 0x20 && !(newlines && c == '\n')) || (c >= 0x7F && c < 0xA0))
            dirty = 1;
    }
    if (!dirty)
        return s;
    char *out = buf;
    if (len + 1 > n && !(out = *heap = malloc(len + 1)))
        return NULL;
    char *o = out;
    for (const char *q = s; *q; q += cn) {
        long c = pdf_utf8_char(q, &cn);
        if (c < 0) {
            *o++ = '?';
        } else if (c > 0xFFFF) {
            memcpy(o, "\xE2\x96\xA1", 3);
            o += 3;
        } else if (newlines && c == '\r') {
            if (q[1] != '\n')
                *o++ = '\n';
        } else if ((c < 0x20 && !(newlines && c == '\n')) || (c >= 0x7F && c < 0xA0)) {
            *o++ = ' ';
        } else {
            memcpy(o, q, cn);
            o += cn;
        }
    }
    *o = '\0';
    return out;
}

/* The face text at size is set in: 黑体 for PDF_BOLD, 楷体 for PDF_OBLIQUE, 宋体 for
   PDF_REGULAR, else 黑体 from PDF_HEADING_SIZE up and 宋体 below. */
static enum pdf_face face_of(const struct pdf *p, float size)
{
    if (p->style & PDF_BOLD)
        return PDF_FACE_HEI;
    if (p->style & PDF_OBLIQUE)
        return PDF_FACE_KAI;
    return !(p->style & PDF_REGULAR) && size >= PDF_HEADING_SIZE ? PDF_FACE_HEI : PDF_FACE_SONG;
}

/* Width of the n bytes of clean text at s in face f at the size, in points: each character's
   advance in the face that draws it. */
static float face_width(enum pdf_face f, const char *s, size_t n, float size)
{
    long units = 0;
    for (const char *q = s, *end = s + n; q < end;) {
        size_t cn;
        long c = pdf_utf8_char(q, &cn);
        units += pdf_font_advance(pdf_font_face_for(f, c), c);
        q += cn;
    }
    return (float)units * size / 1000.0f;
}

/* Width of the n bytes of clean text at s at the size in the current style, in points. */
static float width_of(struct pdf *p, const char *s, size_t n, float size)
{
    return face_width(face_of(p, size), s, n, size);
}

/* 1 when size is a font size libharu accepts (0 < size <= 600), else 0 with the error recorded. */
static int size_ok(struct pdf *p, float size)
{
    if (size > 0 && size <= HPDF_MAX_FONTSIZE)
        return 1;
    record(p, "PDF 生成出错：字号超出范围");
    return 0;
}

/* clean_text of one line for drawing (see clean_text); NULL with the error recorded when memory
   runs out. */
static const char *clean_line(struct pdf *p, const char *utf8, char *buf, size_t n, char **heap)
{
    const char *s = clean_text(utf8, 0, buf, n, heap);
    if (!s)
        record(p, "PDF 生成出错：内存不足");
    return s;
}

/* Adds the clean text s to the text waiting for pdf_save, in face f with the text matrix m and
   the fill colour rgb, and its characters to the face's set. */
static void queue_text(struct pdf *p, enum pdf_face f, float size, const float m[6], const float rgb[3], const char *s)
{
    if (p->saved) {
        record(p, "PDF 生成出错：保存之后不能再添加文字");
        return;
    }
    size_t n = strlen(s) + 1;
    if (p->ntext == p->captext) {
        size_t cap = p->captext ? p->captext * 2 : 64;
        struct pending *t = realloc(p->text, cap * sizeof *t);
        if (!t) {
            record(p, "PDF 生成出错：内存不足");
            return;
        }
        p->text = t;
        p->captext = cap;
    }
    if (p->nchars + n > p->capchars) {
        size_t cap = p->capchars ? p->capchars * 2 : 4096;
        while (cap < p->nchars + n)
            cap *= 2;
        char *c = realloc(p->chars, cap);
        if (!c) {
            record(p, "PDF 生成出错：内存不足");
            return;
        }
        p->chars = c;
        p->capchars = cap;
    }
    struct pending *t = &p->text[p->ntext++];
    *t = (struct pending){p->page, {m[0], m[1], m[2], m[3], m[4], m[5]}, size, {rgb[0], rgb[1], rgb[2]}, f, p->nchars};
    memcpy(p->chars + p->nchars, s, n);
    p->nchars += n;
    for (const char *q = s; *q;) {
        size_t cn;
        long c = pdf_utf8_char(q, &cn);
        pdf_charset_add(&p->used[pdf_font_face_for(f, c)], c);
        q += cn;
    }
}

/* Draws one line of clean text, x the left edge and y the top of the line box from the top-left
   (queued for pdf_save). */
static void text_out(struct pdf *p, float x, float y, float size, const char *s)
{
    if (!ready(p) || !*s || !size_ok(p, size))
        return;
    const float m[6] = {1, 0, 0, 1, x, p->height - y - size * BASELINE}, rgb[3] = {p->gray, p->gray, p->gray};
    queue_text(p, face_of(p, size), size, m, rgb, s);
}

/* Draws text with its left edge at x - align * width (0 left, 0.5 centred, 1 right). */
/* The smallest distance a line keeps from the page's left and right edges. */
#define EDGE 12.0f

/* Draws one line aligned on x (align 0 left, 0.5 centre, 1 right). A line that would run off the
   page (past EDGE points from either edge) is drawn smaller until it fits, so a long name is never
   cut by the paper's edge; a line that cannot fit even at 4 points records an error. */
static void text_aligned(struct pdf *p, float x, float y, float size, const char *utf8, float align)
{
    if (!utf8 || !*utf8 || p->failed)
        return;
    char buf[512], *heap;
    const char *s = clean_line(p, utf8, buf, sizeof buf, &heap);
    if (!s)
        return;
    float w = width_of(p, s, strlen(s), size);
    /* Room on the side(s) the text grows towards from x. */
    float left = x - EDGE, right = p->width - EDGE - x;
    float room = align == 0 ? right : align == 1 ? left : 2 * (left < right ? left : right);
    if (p->width > 0 && w > room && w > 0) {
        size = size * room / w;
        w = room;
        if (size < 4)
            record(p, "一行文字太长，版面放不下");
    }
    text_out(p, x - w * align, y, size, s);
    free(heap);
}

void pdf_text(struct pdf *p, float x, float y, float size, const char *utf8)
{
    text_aligned(p, x, y, size, utf8, 0);
}

void pdf_text_center(struct pdf *p, float x, float y, float size, const char *utf8)
{
    text_aligned(p, x, y, size, utf8, 0.5f);
}

void pdf_text_right(struct pdf *p, float x, float y, float size, const char *utf8)
{
    text_aligned(p, x, y, size, utf8, 1);
}

float pdf_text_width(struct pdf *p, float size, const char *utf8)
{
    if (!utf8 || !*utf8)
        return 0;
    char buf[512], *heap;
    const char *s = clean_text(utf8, 0, buf, sizeof buf, &heap);
    float w = s ? width_of(p, s, strlen(s), size) : 0;
    free(heap);
    return w;
}

/* ---- line breaking ----------------------------------------------------------------------------- */

int pdf_wide_char(long c)
{
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
           (c >= 0xFFE0 && c <= 0xFFE6);
}

/* 1 if c is in the zero-terminated list. */
static int in_list(long c, const long *list)
{
    for (; *list; list++)
        if (*list == c)
            return 1;
    return 0;
}

/* Closing punctuation that must not start a line, and opening punctuation (and currency signs)
   that must not end one (the Chinese line-breaking rules, 避头尾). */
static const long no_start[] = {0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01, 0xFF09, 0x300B,
                                0x300D, 0x300F, 0x3011, 0x3015, 0x3009, 0x3017, 0x201D, 0x2019, 0x2026,
                                0x2014, 0xFF05, 0x00B7, 0xFF5E, 0xFF0E, 0xFF3D, 0xFF5D, ',',    '.',
                                ';',    ':',    '?',    '!',    ')',    ']',    '}',    '%',    0};
static const long no_end[] = {0xFF08, 0x300A, 0x300C, 0x300E, 0x3010, 0x3014, 0x3008, 0x3016, 0x201C,
                              0x2018, 0xFF3B, 0xFF5B, 0x00A5, 0xFFE5, '(',    '[',    '{',    0};

int pdf_breakable(long a, long b)
{
    if (in_list(a, no_end) || in_list(b, no_start))
        return 0;
    return pdf_wide_char(a) || pdf_wide_char(b);
}

/* Breaks clean text into lines no wider than width (see pdf_wrap); with draw, draws line i with
   its top at y + i * leading, using buf (strlen(t) + 1 bytes) for each line. Returns the number
   of lines. */
static int wrap_lines(struct pdf *p, const char *t, float x, float y, float width, float size, float leading, int draw,
                      char *buf)
{
    int lines = 0, continued = 0;
    const char *s = t;
    while (*s) {
        if (continued) { /* a wrapped line does not start with the spaces it broke at */
            while (*s == ' ')
                s++;
            if (!*s)
                break;
        }
        const char *line = s, *q = s, *brk = NULL, *end;
        float w = 0;
        long prev = 0;
        for (;;) {
            if (!*q || *q == '\n') { /* end of the paragraph */
                end = q;
                s = *q ? q + 1 : q;
                continued = 0;
                break;
            }
            size_t n;
            long c = pdf_utf8_char(q, &n);
            float cw = width_of(p, q, n, size);
            if (c == ' ') { /* spaces may hang past the edge; a line can break before them */
                if (q > line && prev != ' ')
                    brk = q;
            } else {
                if (q > line && prev != ' ' && pdf_breakable(prev, c))
                    brk = q;
                if (q > line && w + cw > width + 0.01f) {
                    end = s = brk ? brk : q; /* else a word wider than the line breaks here */
                    continued = 1;
                    break;
                }
            }
            w += cw;
            prev = c;
            q += n;
        }
        while (end > line && end[-1] == ' ')
            end--;
        if (draw) {
            memcpy(buf, line, (size_t)(end - line));
            buf[end - line] = '\0';
            text_out(p, x, y + (float)lines * leading, size, buf);
        }
        lines++;
    }
    return lines;
}

/* Shared body of pdf_wrap and pdf_wrap_measure: cleans the text and wraps it. Returns the
   number of lines, or -1 when memory runs out (recorded). */
static int wrap(struct pdf *p, float x, float y, float width, float size, float leading, const char *utf8, int draw)
{
    if (!utf8 || !*utf8)
        return 0;
    char buf[1024], *heap, line_buf[1024], *line_heap = NULL;
    const char *t = clean_text(utf8, 1, buf, sizeof buf, &heap);
    size_t len = t ? strlen(t) : 0;
    char *line = line_buf;
    if (t && draw && len + 1 > sizeof line_buf)
        line = line_heap = malloc(len + 1);
    if (!t || !line) {
        free(heap);
        record(p, "PDF 生成出错：内存不足");
        return -1;
    }
    int lines = wrap_lines(p, t, x, y, width, size, leading, draw && !p->failed, line);
    free(line_heap);
    free(heap);
    return lines;
}

float pdf_wrap(struct pdf *p, float x, float y, float width, float size, float leading, const char *utf8, int draw)
{
    int lines = wrap(p, x, y, width, size, leading, utf8, draw);
    return lines > 0 ? y + (float)lines * leading : y;
}

int pdf_wrap_measure(struct pdf *p, float width, float size, const char *utf8)
{
    int lines = wrap(p, 0, 0, width, size, 0, utf8, 0);
    return lines > 0 ? lines : 0;
}

/* ---- lines and boxes ----------------------------------------------------------------------- */

void pdf_line(struct pdf *p, float x1, float y1, float x2, float y2, float width)
{
    if (!ready(p))
        return;
    HPDF_Page_SetLineWidth(p->page, width);
    HPDF_Page_MoveTo(p->page, x1, p->height - y1);
    HPDF_Page_LineTo(p->page, x2, p->height - y2);
    HPDF_Page_Stroke(p->page);
}

void pdf_line_dashed(struct pdf *p, float x1, float y1, float x2, float y2, float width, float dash)
{
    if (!ready(p))
        return;
    HPDF_UINT16 pattern[1] = {(HPDF_UINT16)(dash >= 1 ? dash : 1)};
    HPDF_Page_GSave(p->page); /* the dash pattern ends with this line */
    HPDF_Page_SetDash(p->page, pattern, 1, 0);
    pdf_line(p, x1, y1, x2, y2, width);
    HPDF_Page_GRestore(p->page);
}

void pdf_rect(struct pdf *p, float x, float y, float w, float h, float width)
{
    if (!ready(p))
        return;
    HPDF_Page_SetLineWidth(p->page, width);
    HPDF_Page_Rectangle(p->page, x, p->height - y - h, w, h);
    HPDF_Page_Stroke(p->page);
}

void pdf_fill_rect(struct pdf *p, float x, float y, float w, float h, float gray)
{
    if (!ready(p))
        return;
    HPDF_Page_GSave(p->page); /* keeps the text colour */
    HPDF_Page_SetGrayFill(p->page, clamp_gray(gray));
    HPDF_Page_Rectangle(p->page, x, p->height - y - h, w, h);
    HPDF_Page_Fill(p->page);
    HPDF_Page_GRestore(p->page);
}

void pdf_stamp(struct pdf *p, float cx, float cy, float size, float angle, const char *utf8)
{
    if (!utf8 || !*utf8 || !ready(p) || !size_ok(p, size))
        return;
    char buf[512], *heap;
    const char *s = clean_line(p, utf8, buf, sizeof buf, &heap);
    if (!s)
        return;
    float w = face_width(PDF_FACE_HEI, s, strlen(s), size), pad = size * 0.35f, a = angle * 3.14159265f / 180;
    float c = cosf(a), sn = sinf(a), y = p->height - cy;
    HPDF_Page page = p->page;
    HPDF_Page_GSave(page); /* colours, line width and the rotation end with the frame */
    HPDF_Page_Concat(page, c, sn, -sn, c, cx, y);
    HPDF_Page_SetRGBStroke(page, 0.8f, 0.1f, 0.1f);
    HPDF_Page_SetLineWidth(page, size * 0.08f);
    HPDF_Page_Rectangle(page, -w / 2 - pad, -size / 2 - pad, w + 2 * pad, size + 2 * pad);
    HPDF_Page_Stroke(page);
    HPDF_Page_SetLineWidth(page, size * 0.03f);
    HPDF_Page_Rectangle(page, -w / 2 - pad * 0.6f, -size / 2 - pad * 0.6f, w + 1.2f * pad, size + 1.2f * pad);
    HPDF_Page_Stroke(page);
    HPDF_Page_GRestore(page);
    /* the text turned with the frame, the ideographs' middle on the centre */
    float u = -w / 2, v = -size * 0.36f;
    const float m[6] = {c, sn, -sn, c, cx + u * c - v * sn, y + u * sn + v * c}, red[3] = {0.8f, 0.1f, 0.1f};
    queue_text(p, PDF_FACE_HEI, size, m, red, s);
    free(heap);
}

/* ---- the waiting text -------------------------------------------------------------------------- */

/* Sets the fill colour of page. */
static void fill_colour(HPDF_Page page, const float rgb[3])
{
    if (rgb[0] == rgb[1] && rgb[1] == rgb[2])
        HPDF_Page_SetGrayFill(page, rgb[0]);
    else
        HPDF_Page_SetRGBFill(page, rgb[0], rgb[1], rgb[2]);
}

/* Draws one waiting line: runs of the characters one face draws, each in that face's font. */
static void draw_pending(struct pdf *p, const struct pending *t, HPDF_Font const font[PDF_FACES])
{
    HPDF_Page_BeginText(t->page);
    HPDF_Page_SetTextMatrix(t->page, t->m[0], t->m[1], t->m[2], t->m[3], t->m[4], t->m[5]);
    char *s = p->chars + t->off;
    while (*s) {
        size_t n;
        enum pdf_face f = pdf_font_face_for(t->face, pdf_utf8_char(s, &n));
        char *end = s + n;
        while (*end && pdf_font_face_for(t->face, pdf_utf8_char(end, &n)) == f)
            end += n;
        char keep = *end;
        *end = '\0';
        HPDF_Page_SetFontAndSize(t->page, font[f], t->size);
        HPDF_Page_ShowText(t->page, s);
        *end = keep;
        s = end;
    }
    HPDF_Page_EndText(t->page);
}

/* Embeds each face with the characters it draws and draws the waiting text on its pages (each
   page's text inside one save/restore of the graphics state). Returns 0 or -1 (recorded). */
static int draw_text(struct pdf *p)
{
    HPDF_Font font[PDF_FACES] = {0};
    for (int f = 0; f < PDF_FACES && !p->failed; f++) {
        int any = 0;
        for (size_t w = 0; w < sizeof p->used[f].bits / sizeof p->used[f].bits[0] && !any; w++)
            any = p->used[f].bits[w] != 0;
        const char *err = NULL;
        if (any && !(font[f] = pdf_font_load(p->doc, (enum pdf_face)f, &p->used[f], &err)))
            record(p, err ? err : "PDF 生成出错：无法加载字体");
    }
    HPDF_Page page = NULL;
    for (size_t i = 0; i < p->ntext && !p->failed; i++) {
        const struct pending *t = &p->text[i];
        if (t->page != page) {
            if (page)
                HPDF_Page_GRestore(page);
            page = t->page;
            HPDF_Page_GSave(page);
        }
        if (i == 0 || t->page != p->text[i - 1].page || memcmp(t->rgb, p->text[i - 1].rgb, sizeof t->rgb))
            fill_colour(page, t->rgb);
        draw_pending(p, t, font);
    }
    if (page && !p->failed)
        HPDF_Page_GRestore(page);
    p->ntext = p->nchars = 0;
    return p->failed ? -1 : 0;
}

/* ---- saving ---------------------------------------------------------------------------------- */

int pdf_save(struct pdf *p, char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    if (p->failed)
        return -1;
    if (!p->pages) {
        record(p, "PDF 生成出错：文档没有页面");
        return -1;
    }
    if (!p->saved && draw_text(p) != 0)
        return -1;
    p->saved = 1;
    if (HPDF_SaveToStream(p->doc) != HPDF_OK || p->failed)
        return -1;
    HPDF_UINT32 size = HPDF_GetStreamSize(p->doc);
    char *buf = size ? malloc(size) : NULL;
    if (!buf) {
        record(p, "PDF 生成出错：内存不足");
        return -1;
    }
    HPDF_UINT32 got = size;
    HPDF_ResetStream(p->doc);
    HPDF_STATUS rc = HPDF_ReadFromStream(p->doc, (HPDF_BYTE *)buf, &got);
    /* reading exactly to the end may answer HPDF_STREAM_EOF: that is success */
    if ((rc != HPDF_OK && rc != HPDF_STREAM_EOF) || got != size || p->failed) {
        free(buf);
        return -1;
    }
    *out = buf;
    *len = got;
    return 0;
}
