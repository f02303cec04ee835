/*
 * service_form.h: what the forms recording a service (a training course, an information item)
 * share: the folding form with its title, day and unit fields, and the page's end, which offers
 * the form to those allowed to post it and answers a refused form with its status.
 */
#ifndef BANGFU_SERVICE_FORM_H
#define BANGFU_SERVICE_FORM_H
#include "server.h"

/* Opens the folding form posting to action (open again when it was posted back refused), with the
   CSRF token and the fields `title` (title_label, 50 characters), `on` (day_label, today by
   default) and `unit_id` (unit_label: a unit of the user's scope), each with what was typed kept
   and its error next to it. The caller adds its own fields and calls service_form_close. */
void service_form_open(struct req *r, const char *action, const char *summary, const char *title_label,
                       const char *day_label, const char *unit_label);
/* Closes the form with its button. */
void service_form_close(struct req *r, const char *button);
/* Ends the page of the service at action: its form (form) when the user may post there, then the
   page; a refusal shown on the page (shown, NULL none) sets the reply's status. */
void service_page_end(struct req *r, const char *action, void (*form)(struct req *r), const struct err *shown);

#endif
