/*
 * auth_password.c: password hashing and checking (yescrypt via libcrypt), the password rule and
 * constant-time comparison (see auth_password.h).
 */
#include "auth_password.h"

#include <crypt.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text.h"

int auth_hash_password(const char *password, char *out, size_t n)
{
    char setting[CRYPT_GENSALT_OUTPUT_SIZE];
    if (!crypt_gensalt_rn("$y$", 0, NULL, 0, setting, sizeof setting))
        return -1;
    struct crypt_data *cd = calloc(1, sizeof *cd);
    if (!cd)
        return -1;
    const char *h = crypt_rn(password, setting, cd, sizeof *cd);
    int ok = h && h[0] != '*' && strlen(h) < n;
    if (ok)
        strcpy(out, h);
    free(cd);
    return ok ? 0 : -1;
}

static pthread_once_t unknown_once = PTHREAD_ONCE_INIT;
static char unknown_setting[CRYPT_GENSALT_OUTPUT_SIZE] = "*"; /* matches nothing if gensalt fails */

/* pthread_once body of auth_unknown_user_setting: the default-cost setting, salt of zero bytes. */
static void unknown_user_setting_once(void)
{
    static const char salt[16] = {0};
    if (!crypt_gensalt_rn("$y$", 0, salt, (int)sizeof salt, unknown_setting, sizeof unknown_setting))
        strcpy(unknown_setting, "*");
}

const char *auth_unknown_user_setting(void)
{
    pthread_once(&unknown_once, unknown_user_setting_once);
    return unknown_setting;
}

int auth_token_equal(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    unsigned char diff = (unsigned char)(la != lb);
    for (size_t i = 0; i < la && i < lb; i++)
        diff |= (unsigned char)(a[i] ^ b[i]);
    return diff == 0;
}

int auth_check_password(const char *password, const char *hash)
{
    struct crypt_data *cd = calloc(1, sizeof *cd);
    if (!cd)
        return 0;
    const char *h = crypt_rn(password, hash, cd, sizeof *cd);
    int ok = h && h[0] != '*' && auth_token_equal(h, hash);
    free(cd);
    return ok;
}

/* The commonest passwords of AUTH_PASSWORD_MIN characters or more (shorter ones fail the length
   rule anyway), from published leak statistics, Chinese ones included; lower case. */
static const char *const common_passwords[] = {
    "1234567890", "0123456789", "12345678910", "123456789a", "a123456789", "123456789q", "q123456789",
    "1234567890a", "abc1234567", "abcd123456", "abc123456789", "aa12345678", "qwertyuiop", "qwerty1234",
    "qwerty123456", "1q2w3e4r5t", "1q2w3e4r5t6y", "1qaz2wsx3edc", "qazwsx123456", "zxcvbnm123", "asdfghjkl1",
    "qwe1234567", "password12", "password123", "password1234", "passw0rd123", "p@ssw0rd12", "p@ssword123",
    "admin12345", "admin123456", "administrator", "iloveyou123", "welcome123", "woaini1314", "woaini520",
    "woaini123456", "5201314520", "1314520520", "5201314123", "aini1314520", "wangyang123", "zhang123456",
    "li123456789", "demo123456", "bangfu1234", "bangfu123456", "test123456", "changeme123",
};

int auth_password_policy(const char *username, const char *password, struct err *e)
{
    size_t len = password ? strlen(password) : 0;
    if (!password || text_chars(password) < AUTH_PASSWORD_MIN || len > AUTH_PASSWORD_MAX || !text_utf8_valid(password))
        return err_set(e, 422, "weak_password", "password", "密码应为 %d 到 %d 个字符", AUTH_PASSWORD_MIN,
                       AUTH_PASSWORD_MAX);
    int lower = 0, upper = 0, digit = 0, other = 0;
    for (const char *c = password; *c; c++) {
        lower |= *c >= 'a' && *c <= 'z';
        upper |= *c >= 'A' && *c <= 'Z';
        digit |= *c >= '0' && *c <= '9';
        other |= !((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9'));
    }
    if (lower + upper + digit + other < 2)
        return err_set(e, 422, "weak_password", "password", "密码应包含至少两类字符（小写字母、大写字母、数字、其他符号）");
    if (username && strcasecmp(password, username) == 0)
        return err_set(e, 422, "weak_password", "password", "密码不能与用户名相同");
    for (size_t i = 0; i < sizeof common_passwords / sizeof *common_passwords; i++)
        if (strcasecmp(password, common_passwords[i]) == 0)
            return err_set(e, 422, "weak_password", "password", "这是最常见的密码之一，很容易被猜到，请换一个");
    return 0;
}
