/* libFuzzer target: resident-ID validation (idcard.c). An accepted ID is 18 characters of
   digits (the last may be X) with the right check digit and a real birth date; its mask keeps
   the first six and last four characters only; normalising twice changes nothing. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "idcard.h"
#include "masking.h"

static const int weight[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char id[64], again[64], masked[64];
    size_t n = size < sizeof id - 1 ? size : sizeof id - 1;
    memcpy(id, data, n);
    id[n] = '\0';
    idcard_normalize(id);
    memcpy(again, id, sizeof id);
    idcard_normalize(again);
    if (strcmp(id, again))
        abort();
    struct idcard_info info;
    if (idcard_check(id, &info) == 0) {
        if (strlen(id) != 18)
            abort();
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            if (id[i] < '0' || id[i] > '9')
                abort();
            sum += (id[i] - '0') * weight[i];
        }
        if (id[17] != "10X98765432"[sum % 11])
            abort();
        mask_id(id, masked, sizeof masked);
        if (strncmp(masked, id, 6) || strcmp(masked + strlen(masked) - 4, id + 14) || strstr(masked, id + 6))
            abort();
    }
    return 0;
}
