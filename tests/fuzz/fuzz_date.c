/* libFuzzer target: date.c. A parsed date is a real calendar date, formats back to the same
   text form that parses to the same date, and survives day arithmetic both ways. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = strndup((const char *)data, size);
    if (!s)
        return 0;
    struct date d, back;
    char out[16];
    if (date_parse(s, &d) == 0) {
        if (d.m < 1 || d.m > 12 || d.d < 1 || d.d > 31)
            abort();
        date_format(d, out);
        if (date_parse(out, &back) != 0 || date_cmp(back, d) != 0)
            abort();
        if (date_cmp(date_add_days(date_add_days(d, 400), -400), d) != 0)
            abort();
    }
    free(s);
    return 0;
}
