/*
 * pdf_font.c: the faces, their widths and their subsets (see pdf_font.h). The faces are opened
 * once (HarfBuzz maps the files; their tables are read lazily and shared by every thread); a
 * document's font is the face subset to the document's characters (hb-subset: a few hundred
 * kilobytes of tables become a few kilobytes per hundred characters), written to a memfd and
 * loaded by libharu from /proc/self/fd, which reads the file again when it embeds the font at save.
 * The last SUBSET_CACHE subsets of each face are kept with their character sets (shared by every
 * thread under a lock): a document whose face uses the same characters as one made before (the
 * same report, receipt or letter printed again) reuses that subset instead of running hb-subset.
 */
#include "pdf_font.h"

#include <harfbuzz/hb-subset.h>
#include <harfbuzz/hb.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define NO_GLYPH (-1)
#define PDF_FONT_MAX_TABLES 64 /* tables a subset may have (it keeps about a dozen) */
#define CMAP_BLOCK 100 /* entries per beginbfchar block (the CMap format's limit) */
#define SUBSET_CACHE 8 /* subsets kept per face: 3 faces x 8 x (8 KiB set + a subset of 10-100 KiB) */

static const struct {
    const char *file, *missing;
} faces[PDF_FACES] = {
    {PDF_FONT_SONG_FILE, "缺少宋体字体 " PDF_FONT_SONG_FILE "，无法生成 PDF（请安装 fonts-arphic-uming 软件包）"},
    {PDF_FONT_HEI_FILE, "缺少黑体字体 " PDF_FONT_HEI_FILE "，无法生成 PDF（请安装 fonts-wqy-zenhei 软件包）"},
    {PDF_FONT_KAI_FILE, "缺少楷体字体 " PDF_FONT_KAI_FILE "，无法生成 PDF（请安装 fonts-arphic-ukai 软件包）"},
};

static pthread_once_t once = PTHREAD_ONCE_INIT;
static const char *init_error;
static hb_face_t *face[PDF_FACES];
static int16_t advance[PDF_FACES][0x10000]; /* NO_GLYPH where the face lacks the character */
static int16_t notdef[PDF_FACES];           /* the missing-glyph width */

/* A subset made before: face subset to set, ttf (len bytes, malloc'd); used orders eviction. */
struct kept_subset {
    struct pdf_charset set;
    char *ttf;
    unsigned len;
    unsigned long used;
};
static pthread_mutex_t kept_lock = PTHREAD_MUTEX_INITIALIZER;
static struct kept_subset kept[PDF_FACES][SUBSET_CACHE];
static unsigned long kept_clock; /* counts lookups: an entry's used is when it last served */

void pdf_charset_add(struct pdf_charset *s, long c)
{
    if (c >= 0 && c < 0x10000)
        s->bits[c >> 6] |= (uint64_t)1 << (c & 63);
}

/* Advance of glyph g of font in thousandths of an em, rounded down as libharu does. */
static int16_t glyph_advance(hb_font_t *font, unsigned upem, hb_codepoint_t g)
{
    return (int16_t)((unsigned)hb_font_get_glyph_h_advance(font, g) * 1000u / upem);
}

/* Opens face f (the collection's first face) and reads its widths; 0, or -1 when the file is
   missing or unreadable. */
static int open_face(int f)
{
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(faces[f].file);
    if (!blob)
        return -1;
    face[f] = hb_face_create(blob, 0);
    hb_blob_destroy(blob);
    unsigned upem = hb_face_get_upem(face[f]);
    if (hb_face_get_glyph_count(face[f]) == 0 || upem == 0)
        return -1;
    hb_font_t *font = hb_font_create(face[f]); /* its scale is the em: advances in font units */
    notdef[f] = glyph_advance(font, upem, 0);
    for (long c = 0; c < 0x10000; c++) {
        hb_codepoint_t g;
        advance[f][c] = hb_font_get_nominal_glyph(font, (hb_codepoint_t)c, &g) ? glyph_advance(font, upem, g) : NO_GLYPH;
    }
    hb_font_destroy(font);
    return 0;
}

/* pthread_once body: opens every face, recording the first missing one. */
static void init_once(void)
{
    for (int f = 0; f < PDF_FACES; f++)
        if (open_face(f) != 0) {
            init_error = faces[f].missing;
            return;
        }
}

const char *pdf_font_init(void)
{
    pthread_once(&once, init_once);
    return init_error;
}

enum pdf_face pdf_font_face_for(enum pdf_face want, long c)
{
    if (c < 0 || c > 0xFFFF || advance[want][c] != NO_GLYPH || advance[PDF_FACE_HEI][c] == NO_GLYPH)
        return want;
    return PDF_FACE_HEI;
}

int pdf_font_advance(enum pdf_face f, long c)
{
    if (c < 0 || c > 0xFFFF || advance[f][c] == NO_GLYPH)
        return notdef[f];
    return advance[f][c];
}

/* The font file of face sub with a 'prep' table added when it has none, or NULL. libharu rebuilds
   the font at save with thirteen tables in a fixed order, 'prep' last, an absent one written empty
   at the end; it then seeks to each table's start in its memory buffer, and a seek to exactly the
   end of a buffer whose size is a multiple of its 4,096-byte blocks fails (HPDF_INVALID_OBJECT at
   save, for about one set of characters in a thousand: found by fuzz_md_pdf with "坏\x01").
   None of the faces has a 'prep' (hinting is dropped anyway), so the subset gets a three-byte one
   that does nothing (PUSHB[0] 0, POP): the last table is never empty. */
static hb_blob_t *with_prep(hb_face_t *subset_face)
{
    static const char noop[] = {(char)0xB0, 0x00, 0x21};
    const hb_tag_t prep = HB_TAG('p', 'r', 'e', 'p');
    hb_blob_t *file = hb_face_reference_blob(subset_face); /* a face from its file lists its tables */
    hb_face_t *sub = hb_face_create(file, 0), *out = hb_face_builder_create();
    hb_blob_destroy(file);
    hb_tag_t tags[PDF_FONT_MAX_TABLES];
    unsigned n = PDF_FONT_MAX_TABLES, has_prep = 0;
    int ok = hb_face_get_table_tags(sub, 0, &n, tags) <= PDF_FONT_MAX_TABLES;
    for (unsigned i = 0; i < n && ok; i++) {
        hb_blob_t *t = hb_face_reference_table(sub, tags[i]);
        ok = hb_face_builder_add_table(out, tags[i], t);
        hb_blob_destroy(t);
        has_prep |= tags[i] == prep;
    }
    if (ok && !has_prep) {
        hb_blob_t *t = hb_blob_create(noop, sizeof noop, HB_MEMORY_MODE_READONLY, NULL, NULL);
        ok = hb_face_builder_add_table(out, prep, t);
        hb_blob_destroy(t);
    }
    hb_blob_t *blob = ok ? hb_face_reference_blob(out) : hb_blob_get_empty();
    hb_face_destroy(out);
    hb_face_destroy(sub);
    if (hb_blob_get_length(blob) == 0) {
        hb_blob_destroy(blob);
        return NULL;
    }
    return blob;
}

/* A malloc'd copy of len bytes, or NULL. */
static char *copy_bytes(const char *data, unsigned len)
{
    char *copy = len ? malloc(len) : NULL;
    if (copy)
        memcpy(copy, data, len);
    return copy;
}

/* The face f subset to set: a TrueType file in a malloc'd buffer (*len bytes), or NULL. Layout,
   bitmap and vertical tables and hinting are left out: libharu embeds none of them. */
static char *subset(int f, const struct pdf_charset *set, unsigned *len)
{
    static const char drop[][5] = {"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "EBDT", "EBLC", "EBSC",
                                   "bdat", "bloc", "vhea", "vmtx", "VORG", "gasp", "hdmx", "kern", "LTSH",
                                   "VDMX", "DSIG", "PCLT", "morx", "mort", "feat"};
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in)
        return NULL;
    hb_set_t *unicodes = hb_subset_input_unicode_set(in), *tables = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
    for (long w = 0; w < 0x10000 / 64; w++)
        for (uint64_t b = set->bits[w]; b; b &= b - 1)
            hb_set_add(unicodes, (hb_codepoint_t)(w * 64 + __builtin_ctzll(b)));
    /* Always the space too: a face asked only for characters it lacks (a zero-width space, a
       half-width kana in emphasis) would otherwise get an empty character map, which libharu
       refuses as an invalid font (found by fuzz_md_pdf). */
    hb_set_add(unicodes, 0x20);
    for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++)
        hb_set_add(tables, hb_tag_from_string(drop[i], 4));
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING | HB_SUBSET_FLAGS_NOTDEF_OUTLINE);
    hb_face_t *sub = hb_subset_or_fail(face[f], in);
    hb_subset_input_destroy(in);
    if (!sub)
        return NULL;
    hb_blob_t *blob = with_prep(sub);
    hb_face_destroy(sub);
    if (!blob)
        return NULL;
    const char *data = hb_blob_get_data(blob, len); /* sets *len: before the copy reads it */
    char *copy = copy_bytes(data, *len);
    hb_blob_destroy(blob);
    return copy;
}

/* A copy of the kept subset of face f for set (*len bytes, for the caller to free), or NULL when
   none is kept. */
static char *kept_find(int f, const struct pdf_charset *set, unsigned *len)
{
    char *copy = NULL;
    pthread_mutex_lock(&kept_lock);
    for (int i = 0; i < SUBSET_CACHE; i++) {
        struct kept_subset *k = &kept[f][i];
        if (k->ttf && memcmp(&k->set, set, sizeof *set) == 0) {
            k->used = ++kept_clock;
            copy = copy_bytes(k->ttf, k->len);
            *len = copy ? k->len : 0;
            break;
        }
    }
    pthread_mutex_unlock(&kept_lock);
    return copy;
}

/* Keeps a copy of ttf (len bytes), face f subset to set, in place of the least recently used
   subset of f. Without memory for the copy nothing is kept (the next document subsets again). */
static void kept_add(int f, const struct pdf_charset *set, const char *ttf, unsigned len)
{
    char *copy = copy_bytes(ttf, len);
    if (!copy)
        return;
    pthread_mutex_lock(&kept_lock);
    struct kept_subset *old = &kept[f][0];
    for (int i = 1; i < SUBSET_CACHE; i++)
        if (kept[f][i].used < old->used)
            old = &kept[f][i];
    free(old->ttf);
    old->set = *set;
    old->ttf = copy;
    old->len = len;
    old->used = ++kept_clock;
    pthread_mutex_unlock(&kept_lock);
}

/* Loads the TrueType data (len bytes) into doc through a memfd; returns libharu's font name, or
   NULL. libharu keeps its own descriptor of the file open until the document is freed. */
static const char *load_ttf(HPDF_Doc doc, const char *data, unsigned len)
{
    int fd = memfd_create("bangfu-font", MFD_CLOEXEC);
    if (fd < 0)
        return NULL;
    const char *name = NULL;
    unsigned done = 0;
    ssize_t n = 0;
    while (done < len && (n = write(fd, data + done, len - done)) > 0)
        done += (unsigned)n;
    if (done == len) {
        char path[64];
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
        name = HPDF_LoadTTFontFromFile(doc, path, HPDF_TRUE);
    }
    close(fd);
    return name;
}

/* Writes the ToUnicode CMap of set (each code is its character: the UTF-8 encoder shows text as
   UTF-16 codes) into stream, replacing what libharu wrote there (an encoding CMap with a
   cidrange, which poppler rejects in a ToUnicode map). Returns 0 or -1. */
static int write_to_unicode(HPDF_Stream stream, const struct pdf_charset *set)
{
    HPDF_MemStream_FreeData(stream);
    int rc = HPDF_Stream_WriteStr(stream, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                                          "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                                          "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                                          "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n") != HPDF_OK;
    long codes[CMAP_BLOCK];
    int n = 0;
    for (long c = 0; c <= 0x10000 && !rc; c++) {
        if (c < 0x10000 && (set->bits[c >> 6] >> (c & 63) & 1))
            codes[n++] = c;
        if (n == CMAP_BLOCK || (c == 0x10000 && n)) {
            char line[32];
            snprintf(line, sizeof line, "%d beginbfchar\n", n);
            rc |= HPDF_Stream_WriteStr(stream, line) != HPDF_OK;
            for (int i = 0; i < n; i++) {
                snprintf(line, sizeof line, "<%04lX> <%04lX>\n", codes[i], codes[i]);
                rc |= HPDF_Stream_WriteStr(stream, line) != HPDF_OK;
            }
            rc |= HPDF_Stream_WriteStr(stream, "endbfchar\n") != HPDF_OK;
            n = 0;
        }
    }
    rc |= HPDF_Stream_WriteStr(stream, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n") != HPDF_OK;
    return rc ? -1 : 0;
}

HPDF_Font pdf_font_load(HPDF_Doc doc, enum pdf_face f, const struct pdf_charset *set, const char **err)
{
    unsigned len = 0;
    char *ttf = kept_find(f, set, &len);
    if (!ttf && (ttf = subset(f, set, &len)) != NULL)
        kept_add(f, set, ttf, len);
    if (!ttf) {
        *err = "PDF 生成出错：无法截取字体子集（HarfBuzz）";
        return NULL;
    }
    const char *name = load_ttf(doc, ttf, len);
    free(ttf);
    HPDF_Font font = name ? HPDF_GetFont(doc, name, "UTF-8") : NULL;
    if (!font) {
        *err = "PDF 生成出错：无法加载字体子集";
        return NULL;
    }
    HPDF_Dict map = HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT);
    if (map && map->stream && write_to_unicode(map->stream, set) != 0) {
        *err = "PDF 生成出错：无法写入字符映射";
        return NULL;
    }
    return font;
}
