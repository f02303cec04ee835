/*
 * csv.h: a small RFC 4180 reader for imports from Chinese spreadsheets, and escaping for CSV
 * output. Owns: encoding detection (UTF-8, UTF-8 with BOM, GB18030 via iconv), record reading
 * (quoted fields with "" escapes and embedded newlines, CRLF or LF, blank lines skipped, a
 * missing final newline) with bounded sizes, and field escaping that defuses spreadsheet
 * formulas. Self-contained: depends only on libc (iconv is part of glibc).
 */
#ifndef BANGFU_CSV_H
#define BANGFU_CSV_H
#include <stddef.h>

#define CSV_MAX_FIELDS 64  /* fields per record */
#define CSV_MAX_FIELD 4096 /* bytes per field, after unquoting */
#define CSV_MAX_LINE 65536 /* raw bytes per record (one line, or several when quoted fields hold newlines) */

/* A buffer size that always fits csv_escape's output for a field of len bytes. */
#define CSV_ESCAPE_SIZE(len) (2 * (size_t)(len) + 4)

/* Converts raw file bytes to UTF-8. A leading UTF-8 BOM is stripped; valid UTF-8 is kept as is;
   anything else is converted from GB18030 (a superset of GBK and GB2312, what Chinese Excel and
   WPS save as "CSV"), dropping a leading GB18030-encoded BOM. *encoding is set to "UTF-8",
   "UTF-8-BOM" or "GB18030" (static strings). *out is malloc'd and NUL-terminated, *out_len its
   length without the NUL; the caller frees *out. Returns 0, or -1 with *out NULL when the bytes
   are neither valid UTF-8 nor valid GB18030, hold a NUL byte (e.g. UTF-16), start with a UTF-8
   BOM but are not UTF-8, or memory runs out. Short GB18030 texts that happen to be valid UTF-8
   are read as UTF-8: detection cannot tell them apart. */
int csv_to_utf8(const char *in, size_t len, char **out, size_t *out_len, const char **encoding);

/* Converts UTF-8 text (a file being written for a bank that reads only GBK) to a malloc'd
   NUL-terminated GB18030 string (caller frees), *out_len its length. NULL when the text is not
   valid UTF-8 or memory runs out (GB18030 holds every Unicode character). */
char *csv_to_gb18030(const char *utf8, size_t len, size_t *out_len);

struct csv_record {
    int nfields;
    char *fields[CSV_MAX_FIELDS]; /* NUL-terminated, owned by the reader, valid until the next call */
    int line;                     /* physical line where the record starts, 1-based */
};

/* Reader state: treat as opaque except `line`, `err_line` and `err`. */
struct csv_reader {
    const char *p, *end;
    int line;        /* physical line of the next byte; after -1, the line of the error */
    int err_line;    /* after -1: the physical line where the problem is (1-based), else 0 */
    const char *err; /* after -1: what is wrong, in Chinese for the user (static string), else NULL */
    char *store;     /* field storage of the current record (malloc'd) */
    size_t cap;
};

/* Starts reading UTF-8 text (len bytes; it need not be NUL-terminated). The text must outlive
   the reader. Allocates nothing; csv_reader_free releases what csv_next allocates. */
void csv_reader_init(struct csv_reader *r, const char *text, size_t len);
/* Reads the next record into rec, skipping blank lines. Returns 1 (a record), 0 (end of text) or
   -1 (malformed: unterminated quote, a quote inside an unquoted field, text after a closing
   quote, more than CSV_MAX_FIELDS fields, a field over CSV_MAX_FIELD bytes, a record over
   CSV_MAX_LINE bytes, a NUL byte, or out of memory). On -1, rec->line is the line where the
   record starts, r->err_line (also copied to r->line) the line of the problem (for an
   unterminated quote, the line where the quote opened) and r->err a message; every later call
   returns -1 too. A record always has at least one field; a line of commas gives empty fields. */
int csv_next(struct csv_reader *r, struct csv_record *rec);
/* Frees the reader's field storage (the fields of the last record become invalid). Safe to call
   twice. */
void csv_reader_free(struct csv_reader *r);

/* Writes field (NULL counts as "") as one CSV field into out, NUL-terminated, at most n bytes
   including the NUL. The field is quoted (inner quotes doubled) when it holds a comma, quote, CR
   or LF, or when it starts with = + - @ TAB or CR: those could start a formula in Excel or WPS,
   so the field is written as "'..." - the single quote inside the quotes makes spreadsheets take
   it as text (a CSV injection defence; the ' is visible to anyone reading the raw CSV). Plain
   numbers such as -1,234.50 or +86 are left alone: they cannot be formulas. Returns the
   length written (without the NUL), or 0 when n is too small (out then holds "" if n > 0). An
   empty field also returns 0; size out with CSV_ESCAPE_SIZE(strlen(field)) to never fail. */
size_t csv_escape(const char *field, char *out, size_t n);

#endif
