/*
 * md_pdf.h: a Markdown text (an announcement, 公告) as a PDF for the village notice board: A4,
 * large type readable from a step away (title 26 pt, body 16 pt), laid out straight from cmark's
 * document tree with no HTML in between. Headings, paragraphs, emphasis (slanted), strong
 * emphasis (bold), inline code (grey ground), code blocks (grey ground, fixed pitch, wrapped
 * anywhere), links as their text followed by the address in brackets (never for javascript:,
 * vbscript:, file: or data: addresses), images as their description, bullet and numbered lists
 * (indentation clamped at MD_PDF_MAX_DEPTH levels of lists and quotes together), block quotes
 * with a bar on the left, thematic breaks. Raw HTML is left out, as on the web page. Chinese
 * breaks between any two characters (with pdf.c's punctuation rules), Latin text at spaces. The
 * text flows over pages, each with "第 N 页 / 共 M 页" at the foot.
 *
 * Any input gives a PDF: nesting deeper than the clamp is laid out at the deepest indentation,
 * and time and memory grow linearly with the text (docs/performance.md has the 1 MB figure).
 */
#ifndef BANGFU_MD_PDF_H
#define BANGFU_MD_PDF_H
#include <stddef.h>

#define MD_PDF_MAX_DEPTH 6

struct md_pdf_doc {
    const char *title;    /* large, centred, on the first page; also the PDF's title ("公告" when NULL) */
    const char *subtitle; /* one line under the title (unit, period), or NULL */
    const char *markdown; /* the body, len bytes (need not be NUL-terminated) */
    size_t len;
    const char *signature; /* lines ('\n' between) right-aligned after the body (issuer, date), or NULL */
    int draft;             /* not yet published: the 草稿 watermark on every page (md_pdf_render) */
};

struct pdf;

/* Renders the document into malloc'd PDF bytes (*out, *len; the caller frees *out). 0, or -1
   with *err a static message in Chinese (font missing, out of memory). */
int md_pdf_render(const struct md_pdf_doc *d, char **out, size_t *len, const char **err);
/* Lays the document out on new A4 pages added to p (page numbers count only these pages), for
   a caller that makes several documents into one or keeps one open (the fuzz target). 0, or -1
   when memory runs out. Errors of the PDF itself show in pdf_save. */
int md_pdf_draw(struct pdf *p, const struct md_pdf_doc *d);

#endif
