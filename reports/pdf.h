/*
 * pdf.h: the one wrapper over libharu that every printed document uses: a UTF-8 document with
 * the WenQuanYi Zen Hei font (fonts-wqy-zenhei; not composite, so Chinese glyphs render),
 * coordinates in points from the TOP-left of the page, text with wrapping, lines and boxes,
 * and saving to memory. Many pages (a batch of receipts) go into one document: the font is
 * loaded once per document.
 */
#ifndef BANGFU_PDF_H
#define BANGFU_PDF_H
#include <stddef.h>

#define PDF_FONT_FILE "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"

struct pdf;

/* A new document. NULL with *err set (e.g. the font is missing) on failure. */
struct pdf *pdf_new(const char *title, const char **err);
void pdf_free(struct pdf *p);
/* Adds an A4 portrait page and makes it current. */
void pdf_page_a4(struct pdf *p);
/* Page width and height in points. */
float pdf_width(const struct pdf *p);
float pdf_height(const struct pdf *p);

/* Text at (x, y) from the top-left: y is the top of the line. */
void pdf_text(struct pdf *p, float x, float y, float size, const char *utf8);
/* Text centred on x, or ending at x. */
void pdf_text_center(struct pdf *p, float x, float y, float size, const char *utf8);
void pdf_text_right(struct pdf *p, float x, float y, float size, const char *utf8);
/* Width of the text at the size, in points. */
float pdf_text_width(struct pdf *p, float size, const char *utf8);
/* Wraps text into lines of at most `width` (CJK breaks anywhere, other text at spaces, and at
   newlines) starting at y with the given leading; returns the y below the last line. Draws
   nothing when draw is 0 (to measure). */
float pdf_wrap(struct pdf *p, float x, float y, float width, float size, float leading, const char *utf8, int draw);
/* A line and a rectangle (stroke), line width in points. */
void pdf_line(struct pdf *p, float x1, float y1, float x2, float y2, float width);
void pdf_rect(struct pdf *p, float x, float y, float w, float h, float width);

/* Saves to a malloc'd buffer (caller frees). Returns 0, or -1 if any libharu call failed. */
int pdf_save(struct pdf *p, char **out, size_t *len);

#endif
