/*
 * pdf_font.h: the three Chinese faces of printed documents and their embedding, for pdf.c.
 * Owns: the font files, each face's advance widths and coverage (read once per process with
 * HarfBuzz, shared read-only by every thread), the face that draws a character the wanted face
 * lacks, and a libharu font holding only the characters a document uses (the face subset with
 * hb-subset, handed to libharu through a memory-backed file, with a ToUnicode map that maps each
 * code to its character). The last subsets of each face are kept with their characters and
 * reused by a document that needs the same characters again.
 *
 * Faces: 宋体 AR PL UMing CN (fonts-arphic-uming) for body text, 黑体 WenQuanYi Zen Hei
 * (fonts-wqy-zenhei) for headings and strong text, 楷体 AR PL UKai CN (fonts-arphic-ukai) for
 * emphasis. A character the wanted face lacks is drawn in 黑体 (the largest of the three).
 */
#ifndef BANGFU_PDF_FONT_H
#define BANGFU_PDF_FONT_H
#include <stdint.h>

#include <hpdf.h>

#define PDF_FONT_SONG_FILE "/usr/share/fonts/truetype/arphic/uming.ttc"
#define PDF_FONT_HEI_FILE "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
#define PDF_FONT_KAI_FILE "/usr/share/fonts/truetype/arphic/ukai.ttc"

enum pdf_face { PDF_FACE_SONG, PDF_FACE_HEI, PDF_FACE_KAI, PDF_FACES };

/* A set of BMP characters (the characters one face draws in one document). */
struct pdf_charset {
    uint64_t bits[0x10000 / 64];
};

/* Adds BMP code point c to the set. */
void pdf_charset_add(struct pdf_charset *s, long c);

/* Opens the three faces and reads their widths, once per process (thread-safe). Returns NULL,
   or a static message in Chinese naming the missing package. */
const char *pdf_font_init(void);
/* The face that draws BMP code point c when face want is asked for: want if it has c, else 黑体
   if it has c, else want (which prints its empty-box glyph). Needs pdf_font_init. */
enum pdf_face pdf_font_face_for(enum pdf_face want, long c);
/* Advance of BMP code point c in face f (as libharu counts it: thousandths of an em, rounded
   down); the face's missing-glyph width when f lacks c. Needs pdf_font_init. */
int pdf_font_advance(enum pdf_face f, long c);
/* A libharu font of face f holding the characters of set, added to doc (UTF-8 encoder, embedded):
   the subset made for an earlier document with the same set when it is still kept, else a new
   one (then kept). Thread-safe. Returns NULL with *err a static message in Chinese when
   subsetting or loading fails. */
HPDF_Font pdf_font_load(HPDF_Doc doc, enum pdf_face f, const struct pdf_charset *set, const char **err);

#endif
