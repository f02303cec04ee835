/* libFuzzer target: CSV decoding (UTF-8, BOM, GB18030) and record reading (csv.c). */
#include <stdint.h>
#include <stdlib.h>

#include "csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *utf8 = NULL;
    size_t len = 0;
    const char *encoding;
    if (csv_to_utf8((const char *)data, size, &utf8, &len, &encoding) == 0) {
        struct csv_reader r;
        struct csv_record rec;
        csv_reader_init(&r, utf8, len);
        while (csv_next(&r, &rec) == 1)
            for (int i = 0; i < rec.nfields; i++)
                (void)rec.fields[i][0];
        csv_reader_free(&r);
    }
    free(utf8);
    return 0;
}
