/*
 * form.h: the two things every staff form shares. A refused form comes back with what was typed
 * (form_echo*: the value posted to this request's form when it is the form being drawn, else the
 * stored default). An irreversible action asks first (form_confirm): the first POST shows a page
 * that restates the action in words and figures with every field carried as a hidden input and the
 * CSRF token kept; the second POST, with confirm=1, does it. The API never asks (one call).
 */
#ifndef BANGFU_FORM_H
#define BANGFU_FORM_H
#include <stdint.h>

#include "server.h"
#include "user.h"

/* Room for the question a confirmation page asks (several names and amounts in 大写). */
#define FORM_QUESTION_SIZE 512

/* 1 if this request posted the form whose action path ends with suffix ("/guarantee"): the form
   being drawn again after a refusal. */
int form_posted(const struct req *r, const char *suffix);
/* The value typed into field name of the form at suffix when this request posted it (even empty),
   else dflt. */
const char *form_echo(const struct req *r, const char *suffix, const char *name, const char *dflt);
/* As form_echo for the n-th value of a repeated field. */
const char *form_echo_nth(const struct req *r, const char *suffix, const char *name, int n, const char *dflt);
/* For a checkbox or radio: when this request posted the form at suffix, 1 if value v was posted
   under name; else dflt. */
int form_echo_checked(const struct req *r, const char *suffix, const char *name, const char *v, int dflt);

/* After the input named name: the refusal shown at the top of the page (html_form_error) again,
   when it is about this field or an element of it (name "attendees" for "attendees[2]"). */
void form_field_error(struct req *r, const char *name);
/* A labelled <input name=name extra> holding what was typed into the form at suffix (else dflt),
   with the refusal about field (a field name of the API, e.g. "amount_fen"; NULL: name) below it. */
void form_input(struct req *r, const char *suffix, const char *label, const char *name, const char *field,
                const char *extra, const char *dflt);
/* An <option> per unit of the user's scope (tree order), the one posted to the form at suffix under
   name selected. */
void form_unit_options(struct req *r, const char *suffix, const char *name);

/* Money as a confirmation states it: "50,000.00 元（伍万元整）" into out of size n (at least
   FORM_MONEY_SIZE). Returns out. */
#define FORM_MONEY_SIZE 160
char *form_money(int64_t fen, char *out, size_t n);
/* What form_confirm found. */
enum form_confirm_step { FORM_EDIT = -1, FORM_ASKED = 0, FORM_CONFIRMED = 1 };
/* FORM_CONFIRMED when the request carries confirm=1 (the 确认 button). FORM_EDIT for confirm=edit
   (返回修改): the handler draws its form again (form_echo keeps what was typed). Otherwise draws the
   confirmation page asking the question made from fmt (our text; names, amounts and typed values
   only through %s) and returns FORM_ASKED: the handler stops there (a question too long for
   FORM_QUESTION_SIZE is answered 500, never cut). back is the page to return to doing nothing (NULL:
   the record's page, the first two segments of the path: /loans/7/guarantee → /loans/7). */
enum form_confirm_step form_ask(struct req *r, const char *back, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* As form_ask, with show(r, ctx) drawing under the question what the action will do (the rows a
   notice will freeze). */
enum form_confirm_step form_ask_showing(struct req *r, const char *back, void (*show)(struct req *, void *), void *ctx,
                                        const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* The step a posted form is at without asking: FORM_CONFIRMED, FORM_EDIT, or FORM_ASKED (neither). */
enum form_confirm_step form_step(const struct req *r);

/* How many accounts a handler or B角 choice lists at most. */
#define FORM_PICK_MAX 200
/* The <option>s of the actor's scope's accounts, each written by option (the first FORM_PICK_MAX in
   the accounts list's order); when there are more, a last option, disabled, says how many are left
   out. Returns how many accounts there are, or -1. */
int64_t form_user_options(struct req *r, void (*option)(const struct user_row *, void *), void *ctx);

#endif
