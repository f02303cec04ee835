/*
 * md_pdf.c: Markdown → notice-board PDF from cmark's document tree (see md_pdf.h). One walk of
 * the tree (cmark_iter, no recursion) lays every block out into a list of drawing operations
 * tagged with their page; then the pages are drawn in order, with the page total known for the
 * footers. A block's inline content becomes one array of characters with their style and width
 * (widths cached per code point), which is broken into lines greedily.
 */
#include "md_pdf.h"

#include <cmark.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "pdf.h"

#define PAGE_W 595.0f
#define MARGIN_X 62.0f
#define TOP 62.0f
#define BOTTOM 770.0f /* lines end here; the footer sits below */
#define FOOTER_Y 795.0f
#define BODY 16.0f
#define TITLE 26.0f
#define SUBTITLE 14.0f
#define TITLE_MIN 10.0f /* a title without a break between phrases shrinks down to this before it breaks inside a word */
#define CODE 14.0f
#define LEADING 1.55f
#define LIST_INDENT 32.0f
#define QUOTE_INDENT 20.0f
#define MAX_LISTS 64  /* list numbering is tracked this deep (deeper lists get bullets) */
#define MAX_MARKERS 8 /* list markers waiting for one line */

/* Styles of a character. */
enum {
    S_BOLD = 1,
    S_OBLIQUE = 2,
    S_LINK = 4,   /* underlined */
    S_CODE = 8,   /* grey ground */
    S_MUTED = 16, /* grey text: a link's address */
    S_MONO = 32,  /* fixed pitch (code blocks) */
    S_BREAK = 64, /* a hard line break, not a character */
};

/* One character of the block being laid out. */
struct cluster {
    size_t off; /* its bytes in lay.text */
    long cp;    /* code point */
    float w;    /* advance at the block's size */
    unsigned char len, style;
};

enum op_kind { OP_TEXT, OP_FILL, OP_LINE };

/* One drawing operation on a page. TEXT: x, y the top-left, h the size, off the string in the
   arena. FILL: a grey rectangle x, y, w, h. LINE: from (x, y) to (x + w, y), h wide. */
struct op {
    int page;
    unsigned char kind, style;
    float x, y, w, h, gray;
    size_t off;
};

/* A list being laid out. */
struct list_state {
    int ordered, next;
    char delim;
};

/* A list marker waiting to be drawn on the next line, its right edge at `right`. */
struct marker {
    char text[24];
    float right;
    float scale; /* of the line's size: bullets are drawn smaller than numbers */
};

struct lay {
    struct pdf *p;
    float unit[3][0x10000]; /* advance of each BMP code point at 1 pt in each face (face_index);
                               < 0 not yet measured */
    /* the block being built */
    struct buf text;
    struct cluster *cl;
    size_t ncl, capcl;
    float size; /* the block's type size */
    int align;  /* 0 left, 1 centred, 2 right */
    int soft;   /* a soft line break waits for the next text */
    int phrases; /* a title: lines break only at spaces and punctuation, never inside a word */
    int forced;  /* lines break_lines had to break where no break was allowed */
    int emph, strong, link, heading;
    size_t link_start[8];
    /* placing */
    int page;
    float y, left, right, gap; /* gap: space owed before the next line (dropped at a page top) */
    int nest;                  /* lists and quotes open; the first MD_PDF_MAX_DEPTH indent */
    float bars[MD_PDF_MAX_DEPTH];
    int nbars;
    struct list_state lists[MAX_LISTS];
    int nlists;
    struct marker markers[MAX_MARKERS];
    int nmarkers;
    /* output */
    struct op *ops;
    size_t nops, capops;
    struct buf arena;
};

/* Grows an array of elements of size sz to hold one more; aborts when memory runs out (as buf.c
   does: a township PC out of memory has no better option). */
static void *grow(void *v, size_t *cap, size_t n, size_t sz)
{
    if (n < *cap)
        return v;
    *cap = *cap ? *cap * 2 : 256;
    void *g = realloc(v, *cap * sz);
    if (!g)
        abort();
    return g;
}

/* Appends a drawing operation on the current page; for TEXT, s (n bytes) is copied. */
static void add_op(struct lay *L, int kind, unsigned style, float x, float y, float w, float h, float gray,
                   const char *s, size_t n)
{
    L->ops = grow(L->ops, &L->capops, L->nops, sizeof *L->ops);
    struct op *o = &L->ops[L->nops++];
    *o = (struct op){L->page, (unsigned char)kind, (unsigned char)style, x, y, w, h, gray, L->arena.len};
    if (kind == OP_TEXT) {
        buf_put(&L->arena, s, n);
        buf_putc(&L->arena, '\0');
    }
}

/* The pdf.c style that draws text of the style: strong text and headings in 黑体, emphasis in
   楷体 (upright), the rest in 宋体 whatever its size. */
static unsigned pdf_style_of(unsigned style)
{
    return style & S_BOLD ? PDF_BOLD : style & S_OBLIQUE ? PDF_OBLIQUE : PDF_REGULAR;
}

/* The face of the style as an index of lay.unit: 0 宋体, 1 黑体, 2 楷体. */
static int face_index(unsigned style)
{
    return style & S_BOLD ? 1 : style & S_OBLIQUE ? 2 : 0;
}

/* The advance of code point cp at 1 pt in the style's face, as pdf.c will draw it (control
   characters as spaces, characters beyond the BMP as '□'). */
static float advance(struct lay *L, long cp, unsigned style)
{
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
        cp = ' ';
    else if (cp > 0xFFFF)
        cp = 0x25A1;
    float *unit = L->unit[face_index(style)];
    if (unit[cp] < 0) {
        char s[4] = {0};
        if (cp < 0x80)
            s[0] = (char)cp;
        else if (cp < 0x800)
            s[0] = (char)(0xC0 | (cp >> 6)), s[1] = (char)(0x80 | (cp & 0x3F));
        else
            s[0] = (char)(0xE0 | (cp >> 12)), s[1] = (char)(0x80 | ((cp >> 6) & 0x3F)),
            s[2] = (char)(0x80 | (cp & 0x3F));
        pdf_style(L->p, pdf_style_of(style));
        unit[cp] = pdf_text_width(L->p, 1000, s) / 1000.0f;
        pdf_style(L->p, PDF_REGULAR);
    }
    return unit[cp];
}

/* The width of a character cell in fixed pitch: one em for Chinese, 0.6 em for the rest. */
static float cell(long cp, float size)
{
    return (pdf_wide_char(cp) ? 1.0f : 0.6f) * size;
}

/* Appends one character (its bytes already at off in the text) with the style. */
static void add_cluster(struct lay *L, size_t off, size_t len, long cp, unsigned style)
{
    L->cl = grow(L->cl, &L->capcl, L->ncl, sizeof *L->cl);
    float w = style & S_BREAK ? 0 : style & S_MONO ? cell(cp, L->size) : advance(L, cp, style) * L->size;
    L->cl[L->ncl++] = (struct cluster){off, cp, w, (unsigned char)len, (unsigned char)style};
}

/* 1 for a space character (where Latin lines break). */
static int is_space(const struct cluster *c)
{
    return c->cp == ' ' && !(c->style & S_BREAK);
}

/* Appends text (NUL-terminated) in the style. A soft line break before it becomes a space unless
   Chinese stands on both sides. Tabs become four spaces and newlines (code, signature) line
   breaks. */
static void add_text(struct lay *L, const char *s, unsigned style)
{
    if (!s || !*s)
        return;
    size_t n;
    long first = pdf_utf8_char(s, &n);
    if (L->soft) {
        L->soft = 0;
        if (L->ncl && !(pdf_wide_char(L->cl[L->ncl - 1].cp) && pdf_wide_char(first))) {
            buf_putc(&L->text, ' ');
            add_cluster(L, L->text.len - 1, 1, ' ', style & ~(unsigned)S_LINK);
        }
    }
    for (const char *q = s; *q; q += n) {
        long cp = pdf_utf8_char(q, &n);
        if (cp == '\t') {
            for (int k = 0; k < 4; k++) {
                buf_putc(&L->text, ' ');
                add_cluster(L, L->text.len - 1, 1, ' ', style);
            }
            continue;
        }
        if (cp == '\n') { /* code blocks only: a hard break */
            add_cluster(L, L->text.len, 0, '\n', S_BREAK);
            continue;
        }
        buf_put(&L->text, q, n);
        add_cluster(L, L->text.len - n, n, cp < 0 ? '?' : cp, style);
    }
}

/* The style of inline text at this point of the walk. */
static unsigned style_now(const struct lay *L)
{
    return (L->strong || L->heading ? S_BOLD : 0) | (L->emph ? S_OBLIQUE : 0) | (L->link ? S_LINK : 0);
}

/* Draws the quote bars beside the band [y, y + h). */
static void bars(struct lay *L, float y, float h)
{
    for (int i = 0; i < L->nbars; i++)
        add_op(L, OP_FILL, 0, L->bars[i], y, 3, h, 0.55f, NULL, 0);
}

/* Moves to a new page. */
static void new_page(struct lay *L)
{
    L->page++;
    L->y = TOP;
    L->gap = 0;
}

/* Places a band of height h (a line): the owed gap first (not at a page top), then a new page if
   the band does not fit (unless the page is still empty). Returns the band's top. */
static float place(struct lay *L, float h)
{
    if (L->gap > 0 && L->y > TOP) {
        float g = L->y + L->gap > BOTTOM ? BOTTOM - L->y : L->gap;
        if (g > 0)
            bars(L, L->y, g);
        L->y += L->gap;
    }
    L->gap = 0;
    if (L->y + h > BOTTOM && L->y > TOP)
        new_page(L);
    float top = L->y;
    bars(L, top, h);
    L->y += h;
    return top;
}

/* Owes a gap of at least g before the next line. */
static void owe_gap(struct lay *L, float g)
{
    if (g > L->gap)
        L->gap = g;
}

/* Draws one line: the clusters [a, b) of the block, w wide, with the list markers waiting; mono
   for a line of code (fixed pitch, grey ground). */
static void emit_line(struct lay *L, size_t a, size_t b, float w, int mono)
{
    float lh = L->size * (mono ? 1.45f : LEADING);
    float top = place(L, lh), ty = top + (lh - L->size) / 2;
    for (int i = 0; i < L->nmarkers; i++) {
        float size = (mono ? BODY : L->size) * L->markers[i].scale, mw = pdf_text_width(L->p, size, L->markers[i].text);
        add_op(L, OP_TEXT, 0, L->markers[i].right - mw, top + (lh - size) / 2, 0, size, 0, L->markers[i].text,
               strlen(L->markers[i].text));
    }
    L->nmarkers = 0;
    if (mono)
        add_op(L, OP_FILL, 0, L->left - 4, top, L->right - L->left + 8, lh, 0.92f, NULL, 0);
    float x = L->align == 1 ? (L->left + L->right - w) / 2 : L->align == 2 ? L->right - w : L->left;
    for (size_t i = a; i < b;) {
        const struct cluster *c = &L->cl[i];
        size_t j = i + 1;
        float rw = c->w;
        while (!mono && j < b && L->cl[j].style == c->style)
            rw += L->cl[j++].w;
        const char *s = L->text.data + c->off;
        size_t n = L->cl[j - 1].off + L->cl[j - 1].len - c->off;
        float gray = c->style & S_MUTED ? 0.35f : 0;
        if (c->style & S_CODE)
            add_op(L, OP_FILL, 0, x - 1, ty - L->size * 0.12f, rw + 2, L->size * 1.24f, 0.86f, NULL, 0);
        if (mono && !is_space(c))
            add_op(L, OP_TEXT, c->style, x + (rw - advance(L, c->cp, c->style) * L->size) / 2, ty, 0, L->size, gray, s, n);
        else if (!mono)
            add_op(L, OP_TEXT, c->style, x, ty, 0, L->size, gray, s, n);
        if (c->style & S_LINK)
            add_op(L, OP_LINE, 0, x, ty + L->size * 1.02f, rw, 0.8f, 0, NULL, 0);
        x += rw;
        i = j;
    }
}

/* 1 when a title may break between a and b: after a punctuation mark or before an opening one
   (a title breaks between phrases, never inside a word such as 双女绝育户). */
static int phrase_break(long a, long b)
{
    static const long after[] = {0xFF0C, 0x3002, 0x3001, 0xFF1A, 0xFF1B, 0xFF01, 0xFF1F, 0xFF09, 0x300B, 0x201D,
                                 0x300D, 0x3011, 0x00B7, 0x30FB, 0x2014, ',', ':', ';', ')', 0};
    static const long before[] = {0xFF08, 0x300A, 0x201C, 0x300C, 0x3010, '(', 0};
    for (int i = 0; after[i]; i++)
        if (a == after[i])
            return 1;
    for (int i = 0; before[i]; i++)
        if (b == before[i])
            return 1;
    return 0;
}

/* Breaks the block's characters into lines no wider than avail and, with draw, draws them.
   Chinese breaks between characters (pdf_breakable), other text at spaces, a word wider than the
   line between characters, and with `anywhere` (code) between any two characters. Spaces may
   hang past the edge; a wrapped line drops the spaces it broke at (except in code, where spaces
   are indentation). Returns the number of lines. */
static int break_lines(struct lay *L, float avail, int anywhere, int draw)
{
    size_t i = 0, n = L->ncl;
    int lines = 0;
    while (i < n) {
        if (!anywhere)
            while (i < n && is_space(&L->cl[i]))
                i++;
        if (i == n)
            break;
        size_t start = i, brk = 0, end, next, j;
        float w = 0;
        for (j = start;; j++) {
            if (j == n) {
                end = next = n;
                break;
            }
            const struct cluster *c = &L->cl[j], *prev = j > start ? &L->cl[j - 1] : NULL;
            if (c->style & S_BREAK) {
                end = j;
                next = j + 1;
                break;
            }
            if (prev && (anywhere || is_space(c) != is_space(prev) ||
                         (!is_space(c) && !is_space(prev) && pdf_breakable(prev->cp, c->cp) &&
                          (!L->phrases || phrase_break(prev->cp, c->cp)))))
                brk = j;
            if (prev && !is_space(c) && w + c->w > avail + 0.01f) {
                end = next = brk ? brk : j;
                L->forced += !brk;
                break;
            }
            w += c->w;
        }
        if (end < j) /* broke back at an earlier opportunity: the width up to there */
            for (w = 0, j = start; j < end; j++)
                w += L->cl[j].w;
        while (!anywhere && end > start && is_space(&L->cl[end - 1]))
            w -= L->cl[--end].w;
        if (draw)
            emit_line(L, start, end, w, anywhere);
        lines++;
        i = next;
    }
    return lines;
}

/* Draws the block's lines between left and right (and a line for list markers still waiting when
   the block is empty), then empties the block. */
static void flush_block(struct lay *L, int anywhere)
{
    if (!L->ncl && L->nmarkers)
        emit_line(L, 0, 0, 0, anywhere);
    break_lines(L, L->right - L->left, anywhere, 1);
    L->ncl = 0;
    buf_reset(&L->text);
}

/* Starts a block of inline content at the size and alignment. */
static void block_start(struct lay *L, float size, int align)
{
    L->ncl = 0;
    buf_reset(&L->text);
    L->size = size;
    L->align = align;
    L->soft = 0;
}

/* 1 when a block sits in an item of a tight list (small gaps between its paragraphs). */
static int in_tight_list(cmark_node *n)
{
    cmark_node *item = cmark_node_parent(n), *list = item ? cmark_node_parent(item) : NULL;
    return item && cmark_node_get_type(item) == CMARK_NODE_ITEM && list && cmark_node_get_list_tight(list);
}

/* Opens one level of lists or quotes: returns 1 when it indents (within the clamp). */
static int nest_open(struct lay *L)
{
    return L->nest++ < MD_PDF_MAX_DEPTH;
}

/* Closes one level: returns 1 when it had indented. */
static int nest_close(struct lay *L)
{
    return --L->nest < MD_PDF_MAX_DEPTH;
}

/* A block quote opens: a bar on the left, the text indented. */
static void quote_open(struct lay *L)
{
    if (nest_open(L)) {
        L->bars[L->nbars++] = L->left + 2;
        L->left += QUOTE_INDENT;
    }
}

/* A block quote closes. */
static void quote_close(struct lay *L)
{
    if (nest_close(L)) {
        L->nbars--;
        L->left -= QUOTE_INDENT;
    }
    owe_gap(L, BODY * 0.5f);
}

/* A list opens: its items are indented and numbered from the list's start. */
static void list_open(struct lay *L, cmark_node *n)
{
    if (L->nlists < MAX_LISTS)
        L->lists[L->nlists] =
            (struct list_state){cmark_node_get_list_type(n) == CMARK_ORDERED_LIST, cmark_node_get_list_start(n),
                                cmark_node_get_list_delim(n) == CMARK_PAREN_DELIM ? ')' : '.'};
    L->nlists++;
    if (nest_open(L))
        L->left += LIST_INDENT;
}

/* A list closes. */
static void list_close(struct lay *L)
{
    L->nlists--;
    if (nest_close(L))
        L->left -= LIST_INDENT;
    owe_gap(L, BODY * 0.5f);
}

/* An item opens: its marker (a number, or a bullet by nesting level) waits for its first line. */
static void item_open(struct lay *L)
{
    static const char *const bullets[] = {"●", "○", "■", "□"};
    if (L->nmarkers == MAX_MARKERS)
        return;
    struct marker *m = &L->markers[L->nmarkers++];
    struct list_state *ls = L->nlists <= MAX_LISTS ? &L->lists[L->nlists - 1] : NULL;
    m->scale = 1;
    if (ls && ls->ordered) {
        snprintf(m->text, sizeof m->text, "%d%c", ls->next++, ls->delim);
    } else {
        snprintf(m->text, sizeof m->text, "%s", bullets[(L->nlists - 1) % 4]);
        m->scale = 0.6f;
    }
    m->right = L->left - BODY * 0.45f;
}

/* An item closes: an empty item still shows its marker. */
static void item_close(struct lay *L)
{
    if (L->nmarkers) {
        block_start(L, BODY, 0);
        flush_block(L, 0);
    }
}

/* A code block: fixed pitch on a grey ground, its lines kept, wrapped anywhere. */
static void code_block(struct lay *L, const char *literal)
{
    block_start(L, CODE, 0);
    add_text(L, literal, S_MONO);
    if (L->ncl && (L->cl[L->ncl - 1].style & S_BREAK)) /* the final newline ends the last line */
        L->ncl--;
    if (!L->ncl)
        add_text(L, " ", S_MONO);
    flush_block(L, 1);
    owe_gap(L, BODY * 0.6f);
}

/* A thematic break: a rule across the column. */
static void rule(struct lay *L)
{
    owe_gap(L, BODY * 0.3f);
    float top = place(L, BODY);
    add_op(L, OP_LINE, 0, L->left, top + BODY / 2, L->right - L->left, 1, 0, NULL, 0);
    owe_gap(L, BODY * 0.3f);
}

/* 1 when a link's address may be printed: not javascript:, vbscript:, file: or data: (the
   addresses cmark's safe HTML drops). */
static int url_printable(const char *url)
{
    static const char *const unsafe[] = {"javascript:", "vbscript:", "file:", "data:"};
    if (!url || !*url)
        return 0;
    for (size_t i = 0; i < sizeof unsafe / sizeof unsafe[0]; i++)
        if (strncasecmp(url, unsafe[i], strlen(unsafe[i])) == 0)
            return 0;
    return 1;
}

/* A link closes: unless its text is its address, the address follows in brackets, in grey. */
static void link_close(struct lay *L, const char *url)
{
    L->link--;
    size_t start = L->link < 8 ? L->link_start[L->link] : L->text.len;
    const char *text = L->text.data ? L->text.data + start : "";
    size_t tn = L->text.len - start;
    if (!url_printable(url) || (strlen(url) == tn && memcmp(url, text, tn) == 0) ||
        (strncmp(url, "mailto:", 7) == 0 && strlen(url + 7) == tn && memcmp(url + 7, text, tn) == 0))
        return;
    add_text(L, " (", S_MUTED);
    add_text(L, url, S_MUTED);
    add_text(L, ")", S_MUTED);
}

/* Heading sizes by level. */
static float heading_size(int level)
{
    return level <= 1 ? 22.0f : level == 2 ? 20.0f : level == 3 ? 18.0f : 17.0f;
}

/* Lays out one node event of the walk. */
static void node_event(struct lay *L, cmark_node *n, int enter)
{
    switch (cmark_node_get_type(n)) {
    case CMARK_NODE_BLOCK_QUOTE:
        enter ? quote_open(L) : quote_close(L);
        break;
    case CMARK_NODE_LIST:
        enter ? list_open(L, n) : list_close(L);
        break;
    case CMARK_NODE_ITEM:
        enter ? item_open(L) : item_close(L);
        break;
    case CMARK_NODE_PARAGRAPH:
        if (enter) {
            block_start(L, BODY, 0);
        } else {
            flush_block(L, 0);
            owe_gap(L, in_tight_list(n) ? BODY * 0.15f : BODY * 0.6f);
        }
        break;
    case CMARK_NODE_HEADING:
        if (enter) {
            float size = heading_size(cmark_node_get_heading_level(n));
            owe_gap(L, size * 0.6f);
            /* keep a heading with two lines of what follows */
            if (L->y > TOP && L->y + L->gap + size * LEADING + 2 * BODY * LEADING > BOTTOM)
                new_page(L);
            block_start(L, size, 0);
            L->heading = 1;
        } else {
            flush_block(L, 0);
            L->heading = 0;
            owe_gap(L, BODY * 0.35f);
        }
        break;
    case CMARK_NODE_CODE_BLOCK:
        code_block(L, cmark_node_get_literal(n));
        break;
    case CMARK_NODE_THEMATIC_BREAK:
        rule(L);
        break;
    case CMARK_NODE_TEXT:
        add_text(L, cmark_node_get_literal(n), style_now(L));
        break;
    case CMARK_NODE_CODE:
        add_text(L, cmark_node_get_literal(n), style_now(L) | S_CODE);
        break;
    case CMARK_NODE_SOFTBREAK:
        L->soft = 1;
        break;
    case CMARK_NODE_LINEBREAK:
        L->soft = 0;
        add_cluster(L, L->text.len, 0, '\n', S_BREAK);
        break;
    case CMARK_NODE_EMPH:
        L->emph += enter ? 1 : -1;
        break;
    case CMARK_NODE_STRONG:
        L->strong += enter ? 1 : -1;
        break;
    case CMARK_NODE_LINK:
        if (enter) {
            if (L->link < 8)
                L->link_start[L->link] = L->text.len;
            L->link++;
        } else {
            link_close(L, cmark_node_get_url(n));
        }
        break;
    case CMARK_NODE_IMAGE: /* its description in brackets; the picture is not fetched */
        add_text(L, enter ? (cmark_node_first_child(n) ? "[图片：" : "[图片") : "]", style_now(L));
        break;
    default: /* raw HTML is left out, as on the web page; the document itself has no ink */
        break;
    }
}

/* The title, the subtitle and a rule under them. */
static void title_block(struct lay *L, const struct md_pdf_doc *d)
{
    float full = L->right - L->left, width = full;
    /* lines break between phrases only; a phrase wider than the page sets the title smaller */
    L->phrases = 1;
    for (float size = TITLE;; size *= 0.9f) {
        block_start(L, size, 1);
        add_text(L, d->title && *d->title ? d->title : "公告", S_BOLD);
        L->forced = 0;
        break_lines(L, full, 0, 0);
        if (!L->forced || size * 0.9f < TITLE_MIN)
            break;
    }
    /* balanced lines: the narrowest column that needs no more lines than the full width */
    int lines = break_lines(L, full, 0, 0);
    for (float w = full * 0.95f; lines > 1 && w > full * 0.5f; w *= 0.95f) {
        int forced = L->forced;
        if (break_lines(L, w, 0, 0) != lines || L->forced != forced)
            break;
        width = w;
    }
    L->left += (full - width) / 2;
    L->right -= (full - width) / 2;
    flush_block(L, 0);
    L->phrases = 0;
    L->left = MARGIN_X;
    L->right = PAGE_W - MARGIN_X;
    if (d->subtitle && *d->subtitle) {
        owe_gap(L, 4);
        block_start(L, SUBTITLE, 1);
        add_text(L, d->subtitle, S_MUTED);
        flush_block(L, 0);
    }
    owe_gap(L, 6);
    float top = place(L, 4);
    add_op(L, OP_LINE, 0, L->left, top + 2, L->right - L->left, 1.2f, 0, NULL, 0);
    owe_gap(L, BODY * 0.8f);
}

/* The signature lines, right-aligned after the body. */
static void signature_block(struct lay *L, const char *signature)
{
    if (!signature || !*signature)
        return;
    owe_gap(L, BODY);
    block_start(L, BODY, 2);
    add_text(L, signature, 0); /* its newlines become line breaks */
    flush_block(L, 0);
}

/* Draws the laid-out operations page by page, with "第 N 页 / 共 M 页" at each foot. */
static void draw(struct lay *L, struct pdf *p)
{
    int pages = L->page + 1;
    size_t k = 0;
    for (int pg = 0; pg < pages; pg++) {
        pdf_page_a4(p);
        for (; k < L->nops && L->ops[k].page == pg; k++) {
            const struct op *o = &L->ops[k];
            if (o->kind == OP_TEXT) {
                pdf_gray(p, o->gray);
                pdf_style(p, pdf_style_of(o->style));
                pdf_text(p, o->x, o->y, o->h, L->arena.data + o->off);
            } else if (o->kind == OP_FILL) {
                pdf_fill_rect(p, o->x, o->y, o->w, o->h, o->gray);
            } else {
                pdf_line(p, o->x, o->y, o->x + o->w, o->y, o->h);
            }
        }
        char foot[64];
        snprintf(foot, sizeof foot, "第 %d 页 / 共 %d 页", pg + 1, pages);
        pdf_gray(p, 0);
        pdf_style(p, PDF_REGULAR);
        pdf_text_center(p, PAGE_W / 2, FOOTER_Y, 12, foot);
    }
}

int md_pdf_draw(struct pdf *p, const struct md_pdf_doc *d)
{
    struct lay *L = calloc(1, sizeof *L);
    cmark_node *doc = cmark_parse_document(d->markdown ? d->markdown : "", d->markdown ? d->len : 0,
                                           CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8);
    if (!L || !doc) {
        free(L);
        cmark_node_free(doc);
        return -1;
    }
    for (size_t f = 0; f < 3; f++)
        for (size_t i = 0; i < sizeof L->unit[f] / sizeof L->unit[f][0]; i++)
            L->unit[f][i] = -1;
    L->p = p;
    pdf_style(p, PDF_REGULAR); /* list markers are measured and drawn in 宋体 */
    L->y = TOP;
    L->left = MARGIN_X;
    L->right = PAGE_W - MARGIN_X;
    buf_init(&L->text);
    buf_init(&L->arena);
    title_block(L, d);
    cmark_iter *it = cmark_iter_new(doc);
    for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;)
        node_event(L, cmark_iter_get_node(it), ev == CMARK_EVENT_ENTER);
    cmark_iter_free(it);
    cmark_node_free(doc);
    signature_block(L, d->signature);
    draw(L, p);
    buf_free(&L->text);
    buf_free(&L->arena);
    free(L->cl);
    free(L->ops);
    free(L);
    return 0;
}

int md_pdf_render(const struct md_pdf_doc *d, char **out, size_t *len, const char **err)
{
    *out = NULL;
    *len = 0;
    struct pdf *p = pdf_new(d->title && *d->title ? d->title : "公告", err);
    if (!p)
        return -1;
    if (d->draft)
        pdf_draft(p);
    if (md_pdf_draw(p, d) != 0) {
        pdf_free(p);
        *err = "内存不足，无法生成 PDF";
        return -1;
    }
    int rc = pdf_save(p, out, len);
    if (rc != 0)
        *err = pdf_error(p) ? pdf_error(p) : "PDF 生成失败";
    pdf_free(p);
    return rc;
}
