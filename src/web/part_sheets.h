/*
 * part_sheets.h: the small lists inside record pages as sheets for the page's and the API's export
 * (?format=csv|xlsx|pdf): a household's members and a notice's objections, masked as the page
 * masks them for the reader's role.
 */
#ifndef BANGFU_PART_SHEETS_H
#define BANGFU_PART_SHEETS_H
#include "household.h"
#include "list_sheets.h"
#include "notice.h"

/* arg: struct household, loaded in scope. Its members; resident IDs masked and the birth year
   only, unless the role sees full IDs and ?reveal=1 was asked. */
int part_members_sheet(struct req *r, const void *arg, struct sheet *s);
/* When ?format= is given: replies with h's members (part_members_sheet; a file with full IDs is
   audited as their viewing on the page is) and returns 1; else returns 0. */
int part_members_export(struct req *r, const struct household *h);
/* arg: struct notice, in the reader's scope. Its objections, oldest first, with contact and
   resolution; numbers in text and contact masked for roles that see masked IDs. */
int part_objections_sheet(struct req *r, const void *arg, struct sheet *s);

#endif
