/*
 * pdf.h: the one wrapper over libharu that every printed document (receipts, notices,
 * certificates, reports) uses. Owns: the document and its error state, the Chinese faces as
 * official documents are set (宋体 body text, 黑体 headings, 楷体 emphasis: pdf_font.h), page
 * sizes, coordinates in points from the TOP-left of the page, UTF-8 text (single lines, aligned,
 * wrapped), lines and boxes, and saving to memory.
 *
 * Text is drawn when the document is saved: only then are its characters known, and each face
 * is embedded with just those (a one-page receipt is a few tens of kilobytes). So text is always
 * above the lines and fills of its page, and no text can be added after pdf_save.
 *
 * Errors: libharu's error handler only records the first error (no longjmp); from then on every
 * call is a no-op and pdf_save fails. So a layout function draws without checking each call and
 * checks pdf_save once.
 *
 * Text: any UTF-8 is accepted. Invalid bytes print as '?', control characters as spaces, and
 * characters beyond the BMP (rare CJK Extension B+ name characters, emoji) as '□': libharu 2.3.0
 * reads only the font's BMP cmap and would silently print nothing for them.
 */
#ifndef BANGFU_PDF_H
#define BANGFU_PDF_H
#include <stddef.h>
#include <stdint.h>

#include <hpdf.h>

/* Plain text from this size up is a heading and is set in 黑体. */
#define PDF_HEADING_SIZE 16.0f

struct pdf;

/* A new empty document titled title (UTF-8, may be NULL) with the Chinese font loaded. Returns
   it (free with pdf_free), or NULL with *err set to a static message in Chinese (e.g. a font
   file is missing: the message names the package to install). */
struct pdf *pdf_new(const char *title, const char **err);
/* Frees the document and everything libharu holds for it. NULL is fine. */
void pdf_free(struct pdf *p);
/* The first error recorded (a message in Chinese naming libharu's code), or NULL when none.
   Owned by the document. */
const char *pdf_error(const struct pdf *p);

/* Formats one printed field or line into out (n bytes). When it does not fit, the document
   records an error (pdf_save then fails) and out is "": a document never prints a field cut
   short or cut inside a UTF-8 character. Returns out. */
const char *pdf_format(struct pdf *p, char *out, size_t n, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Writes fen in 大写 (money_capital) into out; an amount it cannot write (negative, beyond
   MONEY_MAX_FEN) or a buffer smaller than MONEY_CAPITAL_SIZE records an error as pdf_format
   does. Returns out. */
const char *pdf_capital(struct pdf *p, int64_t fen, char *out, size_t n);

/* Adds a page (A4 portrait 595x842 pt, A4 landscape 842x595 pt for wide lists, or A5 landscape
   595x420 pt for receipts), makes it the
   page every drawing call goes to, and returns it for the rare thing this wrapper lacks (mind
   that libharu's own coordinates start at the BOTTOM-left). NULL after an error. */
HPDF_Page pdf_page_a4(struct pdf *p);
HPDF_Page pdf_page_a4_landscape(struct pdf *p);
HPDF_Page pdf_page_a5_landscape(struct pdf *p);
/* Number of pages added so far. */
int pdf_page_count(const struct pdf *p);
/* Width and height of the current page in points; 0 before the first page. */
float pdf_width(const struct pdf *p);
float pdf_height(const struct pdf *p);

/* Sets the text colour for the following text on this and later pages: 0 black .. 1 white. */
void pdf_gray(struct pdf *p, float gray);
/* Text styles for the following text (until changed), as Chinese documents mark them: PDF_BOLD
   sets it in 黑体, PDF_OBLIQUE in 楷体 (upright: Chinese is never slanted), PDF_REGULAR in 宋体
   at any size; 0 (plain) sets it in 黑体 from PDF_HEADING_SIZE up (titles) and in 宋体 below.
   Widths follow the face. */
enum pdf_style { PDF_BOLD = 1, PDF_OBLIQUE = 2, PDF_REGULAR = 4 };
void pdf_style(struct pdf *p, unsigned style);
/* Draws one line of text (newlines print as spaces) at size points. x is the left edge; y is
   the top of the line box (the baseline sits 0.88 size lower), both from the top-left. A size
   outside 0 < size <= 600 records an error. */
void pdf_text(struct pdf *p, float x, float y, float size, const char *utf8);
/* The same, centred on x, or ending at x (for amounts). */
void pdf_text_center(struct pdf *p, float x, float y, float size, const char *utf8);
void pdf_text_right(struct pdf *p, float x, float y, float size, const char *utf8);
/* Width of the text at size, in points (0 for NULL or ""). Needs no page. */
float pdf_text_width(struct pdf *p, float size, const char *utf8);

/* Wraps text into lines no wider than width: Chinese (and other CJK) text breaks between any two
   characters, except that closing punctuation (，。、）》” …) never starts a line and opening
   punctuation (（《“ …) never ends one; other text breaks at spaces; a word wider than the line
   breaks between characters; '\n' starts a new line (a final '\n' adds none). Spaces that end a
   wrapped line are dropped, leading spaces of the text are kept. The first line's top is at y,
   each next one leading points lower. Draws when draw is non-zero; returns the y below the last
   line (y + lines * leading; y for NULL or ""). */
float pdf_wrap(struct pdf *p, float x, float y, float width, float size, float leading, const char *utf8, int draw);
/* The number of lines pdf_wrap would draw for the same text, width and size. Draws nothing. */
int pdf_wrap_measure(struct pdf *p, float width, float size, const char *utf8);
/* The line-breaking rule of pdf_wrap for layouts that break lines themselves: 1 if a line may
   break between the non-space characters a and b (code points). */
int pdf_breakable(long a, long b);
/* 1 for characters of scripts written without spaces (CJK ideographs and punctuation, kana,
   Hangul, full-width forms), which pdf_wrap breaks between. */
int pdf_wide_char(long c);
/* Decodes the UTF-8 character at s (NUL-terminated): returns its code point and sets *n to its
   length, or returns -1 with *n = 1 for a byte that starts no well-formed character. */
long pdf_utf8_char(const char *s, size_t *n);

/* A straight line from (x1, y1) to (x2, y2), line width in points, black. */
void pdf_line(struct pdf *p, float x1, float y1, float x2, float y2, float width);
/* The same, dashed (dash points drawn, dash points left out), for cut lines. */
void pdf_line_dashed(struct pdf *p, float x1, float y1, float x2, float y2, float width, float dash);
/* A rectangle's outline, (x, y) its top-left corner, w x h points, line width in points. */
void pdf_rect(struct pdf *p, float x, float y, float w, float h, float width);
/* A filled rectangle without outline in gray (0 black .. 1 white), for shading table headers.
   The text colour is unchanged. */
void pdf_fill_rect(struct pdf *p, float x, float y, float w, float h, float gray);

/* A rubber-stamp mark (作废, 补打): the text (one line) at size points in red inside a double
   frame, centred on (cx, cy) and turned angle degrees counter-clockwise. Text colour and line
   width of later drawing are unchanged. */
void pdf_stamp(struct pdf *p, float cx, float cy, float size, float angle, const char *utf8);

/* The diagonal watermark of drafts (documents printed before what they record is committed: a
   notice not yet published, a batch not yet approved). Its text is the one word PDF_DRAFT_MARK,
   as the stamps' texts are, so a layout check may skip it where it lies under other text. */
#define PDF_DRAFT_MARK "草稿"
/* Marks the document a draft: every page added from now on carries PDF_DRAFT_MARK in light grey,
   turned across the middle of the page, beneath all its text. Call it before the first page
   (later records an error). */
void pdf_draft(struct pdf *p);

/* Draws the text, embeds the faces with the characters used and writes the document to a
   malloc'd buffer (*out, *len; caller frees *out). Returns 0, or -1 with *out NULL when an error
   was recorded at any point, the document has no page, or memory runs out. Saving again gives
   the same bytes; text drawn after a save is an error. Free the document with pdf_free. */
int pdf_save(struct pdf *p, char **out, size_t *len);

#endif
