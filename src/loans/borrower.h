/*
 * borrower.h: who borrows, as every loan query reads it. An application's borrower is a household
 * (its head's name) or an organisation (合作社, 示范基地: its name); an organisation's application
 * carries its legal representative's household, so the household and village joins and the scope
 * test stay the same for both. The fragments assume the application is aliased `a` and the
 * head of household `hm`.
 */
#ifndef BANGFU_BORROWER_H
#define BANGFU_BORROWER_H

/* Joins the application's organisation (none for a household's) as `o`. */
#define BORROWER_JOIN "LEFT JOIN organisations o ON o.id = a.organisation_id "
/* The borrower's name: the organisation's, else the head of household's. */
#define BORROWER_NAME "coalesce(o.name, hm.name)"

#endif
