/* pdf.c: the libharu wrapper (see pdf.h). */
#include "pdf.h"

#include <hpdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pdf {
    HPDF_Doc doc;
    HPDF_Font font;
    HPDF_Page page;
    int failed; /* set by the error handler: the document is not saved */
};

/* libharu's error callback: remember the failure (no longjmp). */
static void on_error(HPDF_STATUS error, HPDF_STATUS detail, void *data)
{
    struct pdf *p = data;
    p->failed = 1;
    fprintf(stderr, "bangfu: PDF error 0x%04X (detail %u)\n", (unsigned)error, (unsigned)detail);
}

struct pdf *pdf_new(const char *title, const char **err)
{
    struct pdf *p = calloc(1, sizeof *p);
    if (!p) {
        *err = "内存不足";
        return NULL;
    }
    FILE *f = fopen(PDF_FONT_FILE, "rb");
    if (!f) {
        free(p);
        *err = "缺少中文字体 " PDF_FONT_FILE "（请安装 fonts-wqy-zenhei）";
        return NULL;
    }
    fclose(f);
    p->doc = HPDF_New(on_error, p);
    if (!p->doc) {
        free(p);
        *err = "无法创建 PDF";
        return NULL;
    }
    HPDF_SetCompressionMode(p->doc, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(p->doc);
    HPDF_SetCurrentEncoder(p->doc, "UTF-8");
    const char *name = HPDF_LoadTTFontFromFile2(p->doc, PDF_FONT_FILE, 0, HPDF_TRUE);
    p->font = name ? HPDF_GetFont(p->doc, name, "UTF-8") : NULL;
    if (!p->font || p->failed) {
        pdf_free(p);
        *err = "无法加载中文字体";
        return NULL;
    }
    HPDF_SetInfoAttr(p->doc, HPDF_INFO_TITLE, title);
    HPDF_SetInfoAttr(p->doc, HPDF_INFO_CREATOR, "Bangfu");
    return p;
}

void pdf_free(struct pdf *p)
{
    if (!p)
        return;
    HPDF_Free(p->doc);
    free(p);
}

void pdf_page_a4(struct pdf *p)
{
    p->page = HPDF_AddPage(p->doc);
    HPDF_Page_SetSize(p->page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
}

float pdf_width(const struct pdf *p)
{
    return HPDF_Page_GetWidth(p->page);
}

float pdf_height(const struct pdf *p)
{
    return HPDF_Page_GetHeight(p->page);
}

void pdf_text(struct pdf *p, float x, float y, float size, const char *utf8)
{
    if (!utf8 || !*utf8)
        return;
    HPDF_Page_BeginText(p->page);
    HPDF_Page_SetFontAndSize(p->page, p->font, size);
    /* y is the top of the line; the baseline sits about 0.88 em lower for this font */
    HPDF_Page_TextOut(p->page, x, HPDF_Page_GetHeight(p->page) - y - size * 0.88f, utf8);
    HPDF_Page_EndText(p->page);
}

float pdf_text_width(struct pdf *p, float size, const char *utf8)
{
    HPDF_Page_SetFontAndSize(p->page, p->font, size);
    return utf8 && *utf8 ? HPDF_Page_TextWidth(p->page, utf8) : 0;
}

void pdf_text_center(struct pdf *p, float x, float y, float size, const char *utf8)
{
    pdf_text(p, x - pdf_text_width(p, size, utf8) / 2, y, size, utf8);
}

void pdf_text_right(struct pdf *p, float x, float y, float size, const char *utf8)
{
    pdf_text(p, x - pdf_text_width(p, size, utf8), y, size, utf8);
}

/* Byte length of the UTF-8 character at s. */
static size_t char_len(const char *s)
{
    unsigned char c = (unsigned char)*s;
    size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
    for (size_t i = 1; i < n; i++)
        if (!s[i])
            return i;
    return n;
}

float pdf_wrap(struct pdf *p, float x, float y, float width, float size, float leading, const char *utf8, int draw)
{
    if (!utf8)
        return y;
    char line[4096];
    size_t len = 0, last_space = 0;
    const char *s = utf8;
    while (*s) {
        size_t n = char_len(s);
        if (*s == '\n' || len + n >= sizeof line) {
            line[len] = '\0';
            if (draw)
                pdf_text(p, x, y, size, line);
            y += leading;
            len = last_space = 0;
            s += *s == '\n' ? 1 : 0;
            continue;
        }
        memcpy(line + len, s, n);
        line[len + n] = '\0';
        if (pdf_text_width(p, size, line) > width && len > 0) {
            size_t cut = (n == 1 && *s != ' ' && last_space) ? last_space : len; /* Latin words break at spaces */
            char rest[4096];
            snprintf(rest, sizeof rest, "%s", line + cut);
            line[cut] = '\0';
            if (draw)
                pdf_text(p, x, y, size, line);
            y += leading;
            const char *restp = rest;
            while (*restp == ' ')
                restp++;
            len = strlen(restp);
            memmove(line, restp, len + 1);
            last_space = 0;
            s += n;
            continue;
        }
        if (*s == ' ')
            last_space = len;
        len += n;
        s += n;
    }
    if (len) {
        line[len] = '\0';
        if (draw)
            pdf_text(p, x, y, size, line);
        y += leading;
    }
    return y;
}

void pdf_line(struct pdf *p, float x1, float y1, float x2, float y2, float width)
{
    float h = HPDF_Page_GetHeight(p->page);
    HPDF_Page_SetLineWidth(p->page, width);
    HPDF_Page_MoveTo(p->page, x1, h - y1);
    HPDF_Page_LineTo(p->page, x2, h - y2);
    HPDF_Page_Stroke(p->page);
}

void pdf_rect(struct pdf *p, float x, float y, float w, float h, float width)
{
    HPDF_Page_SetLineWidth(p->page, width);
    HPDF_Page_Rectangle(p->page, x, HPDF_Page_GetHeight(p->page) - y - h, w, h);
    HPDF_Page_Stroke(p->page);
}

int pdf_save(struct pdf *p, char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    if (p->failed || HPDF_SaveToStream(p->doc) != HPDF_OK)
        return -1;
    HPDF_UINT32 size = HPDF_GetStreamSize(p->doc);
    char *buf = malloc(size ? size : 1);
    if (!buf)
        return -1;
    HPDF_UINT32 got = size;
    if (HPDF_ReadFromStream(p->doc, (HPDF_BYTE *)buf, &got) != HPDF_OK && got != size) {
        free(buf);
        return -1;
    }
    *out = buf;
    *len = got;
    return 0;
}
