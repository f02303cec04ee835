/* demo_people.c: hukou and bank accounts of generated people (see demo_people.h). */
#include "demo_people.h"

int demo_people(struct db *db)
{
    return db_run(db, "UPDATE members SET hukou = CASE WHEN id % 6 = 0 THEN 'urban' ELSE 'rural' END, "
                      "bank_name = CASE WHEN id % 17 = 0 THEN '' ELSE '山亭农商银行' END, "
                      "bank_account = CASE WHEN id % 17 = 0 THEN '' ELSE '62179955' || printf('%011d', id) END "
                      "WHERE hukou IS NULL", "") == SQLITE_DONE ? 0 : -1;
}
