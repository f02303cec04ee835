/* libFuzzer target: money.c. Whatever parses as an amount formats back to text that parses to
   the same fen, and its 大写 fits; the same for rates. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "money.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = strndup((const char *)data, size);
    if (!s)
        return 0;
    int64_t v, back;
    char out[512];
    if (money_parse(s, &v) == 0) {
        money_format(v, out, sizeof out);
        if (money_parse(out, &back) != 0 || back != v)
            abort();
        money_capital(v, out, sizeof out);
        if (strlen(out) >= sizeof out - 1)
            abort();
    }
    if (rate_parse(s, &v) == 0) {
        rate_format(v, out, sizeof out);
        if (rate_parse(out, &back) != 0 || back != v)
            abort();
    }
    free(s);
    return 0;
}
