/* libFuzzer target: the small parsers of outside input — money, rates, dates, resident IDs,
   masking and text checks — on the same NUL-terminated input. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "idcard.h"
#include "masking.h"
#include "money.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    int64_t v;
    char out[512];
    if (money_parse(s, &v) == 0) {
        money_format(v, out, sizeof out);
        money_capital(v, out, sizeof out);
    }
    if (rate_parse(s, &v) == 0)
        rate_format(v, out, sizeof out);
    struct date d;
    if (date_parse(s, &d) == 0)
        date_format(d, out);
    struct idcard_info info;
    char id[32];
    strncpy(id, s, sizeof id - 1);
    id[sizeof id - 1] = '\0';
    idcard_normalize(id);
    idcard_check(id, &info);
    mask_id(s, out, sizeof out);
    mask_phone(s, out, sizeof out);
    if (text_utf8_valid(s))
        mask_name(s, out, sizeof out);
    text_check(s, 0, 100);
    free(s);
    return 0;
}
