/*
 * csv.h: a small RFC 4180 reader for imports from Chinese spreadsheets: encoding detection
 * (UTF-8, UTF-8 with BOM, GB18030 via iconv), quoted fields with "" escapes and embedded
 * newlines, CRLF or LF, and bounded sizes. Plus escaping for CSV output that defuses
 * spreadsheet formulas.
 */
#ifndef BANGFU_CSV_H
#define BANGFU_CSV_H
#include <stddef.h>

#define CSV_MAX_FIELDS 64
#define CSV_MAX_FIELD 4096

/* Converts raw bytes to UTF-8: strips a UTF-8 BOM, keeps valid UTF-8, otherwise converts from
   GB18030. *out is malloc'd (caller frees), *encoding names what was found ("UTF-8",
   "UTF-8-BOM", "GB18030"). Returns 0, or -1 when the bytes are neither. */
int csv_to_utf8(const char *in, size_t len, char **out, size_t *out_len, const char **encoding);

struct csv_record {
    int nfields;
    char *fields[CSV_MAX_FIELDS]; /* NUL-terminated, owned by the reader until the next call */
    int line;                     /* physical line where the record starts, 1-based */
};

struct csv_reader {
    const char *p, *end;
    int line; /* current physical line */
    char *store; /* field storage of the current record */
    size_t cap;
};

void csv_reader_init(struct csv_reader *r, const char *text, size_t len);
/* Reads the next record, skipping blank lines. Returns 1 (a record), 0 (end) or -1 (malformed:
   unterminated quote, a quote inside an unquoted field, too many or too long fields). */
int csv_next(struct csv_reader *r, struct csv_record *rec);
void csv_reader_free(struct csv_reader *r);

/* Writes field as one CSV field into out (n bytes): quoted when it holds , " CR or LF, and a
   leading = + - @ is prefixed with ' so spreadsheets do not run it as a formula. Returns the
   length written, or 0 when n is too small. */
size_t csv_escape(const char *field, char *out, size_t n);

#endif
