/* demo_categories.c: the demo's category change waiting for approval (see demo_categories.h). */
#include "demo_categories.h"

#include <stdio.h>

#include "household_change.h"
#include "user.h"

/* A one-page PDF standing for the scanned disability certificate. */
static const char certificate[] = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
                                  "2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";

int demo_categories(struct db *db)
{
    struct user_ctx officer;
    struct err e = {0};
    int64_t uid = db_int(db, 0, "SELECT id FROM users WHERE username = 'xj_cun_xiji'", "");
    /* the oldest 西集村 household without a sensitive category */
    int64_t hh = db_int(db, 0, "SELECT h.id FROM households h JOIN units v ON v.id = h.village_id WHERE v.name = '西集村' "
                               "AND NOT EXISTS (SELECT 1 FROM household_category_links l WHERE l.household_id = h.id "
                               "AND l.category IN ('special_lost', 'special_disabled')) ORDER BY h.id LIMIT 1", "");
    struct hh_upload doc = {"残疾证（扫描件）.pdf", (const unsigned char *)certificate, sizeof certificate - 1};
    if (uid <= 0 || hh <= 0 || user_load(db, uid, &officer) != 0 ||
        household_change_propose(db, &officer, hh, 1u << HC_SPECIAL_DISABLED, &doc, &e) < 0) {
        fprintf(stderr, "演示数据：类别变更失败：%s\n", e.message[0] ? e.message : "找不到账号或家庭");
        return -1;
    }
    return 0;
}
