/*
 * fuzz_csv.c: libFuzzer target for csv.c. Decodes the input (UTF-8, BOM, GB18030) and reads every
 * record; reads the raw bytes too (csv_next must survive any bytes); and checks that escaping a
 * record's fields and reading them back gives the same fields (a defused formula gains its ').
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"

/* Escapes rec's fields into one line, reads it back and aborts if the fields differ. */
static void round_trip(const struct csv_record *rec)
{
    if (rec->nfields == 1 && !rec->fields[0][0])
        return; /* a lone empty field is a blank line, which readers skip */
    size_t cap = 2;
    for (int i = 0; i < rec->nfields; i++)
        cap += CSV_ESCAPE_SIZE(strlen(rec->fields[i])) + 1;
    char *line = malloc(cap), *p = line;
    if (!line)
        return;
    for (int i = 0; i < rec->nfields; i++) {
        if (i)
            *p++ = ',';
        size_t n = csv_escape(rec->fields[i], p, CSV_ESCAPE_SIZE(strlen(rec->fields[i])));
        if (!n && rec->fields[i][0])
            abort(); /* CSV_ESCAPE_SIZE must always be enough */
        p += n;
    }
    *p++ = '\n';
    struct csv_reader r;
    struct csv_record back;
    csv_reader_init(&r, line, (size_t)(p - line));
    int rc = csv_next(&r, &back);
    if (rc == 1) {
        if (back.nfields != rec->nfields)
            abort();
        for (int i = 0; i < rec->nfields; i++) {
            const char *got = back.fields[i];
            if (strcmp(got, rec->fields[i]) && !(got[0] == '\'' && !strcmp(got + 1, rec->fields[i])))
                abort();
        }
        if (csv_next(&r, &back) != 0)
            abort();
    } else if (rc != -1 || (strcmp(r.err, "字段超过 4096 字节") && strcmp(r.err, "一行超过 64 KB"))) {
        abort(); /* only the size limits may refuse what we wrote ourselves */
    }
    csv_reader_free(&r);
    free(line);
}

/* Reads all records of text; with check, round-trips each one. */
static void read_all(const char *text, size_t len, int check)
{
    struct csv_reader r;
    struct csv_record rec;
    csv_reader_init(&r, text, len);
    int last = 0, rc;
    while ((rc = csv_next(&r, &rec)) == 1) {
        if (rec.line < last || rec.nfields < 1 || rec.nfields > CSV_MAX_FIELDS)
            abort();
        last = rec.line;
        for (int i = 0; i < rec.nfields; i++)
            if (strlen(rec.fields[i]) > CSV_MAX_FIELD)
                abort();
        if (check)
            round_trip(&rec);
    }
    if (rc == -1 && (!r.err || r.err_line < 1))
        abort();
    csv_reader_free(&r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *utf8 = NULL;
    size_t len = 0;
    const char *encoding;
    if (csv_to_utf8((const char *)data, size, &utf8, &len, &encoding) == 0) {
        if (strlen(utf8) != len)
            abort();
        read_all(utf8, len, 1);
    }
    free(utf8);
    read_all((const char *)data, size, 0);
    return 0;
}
