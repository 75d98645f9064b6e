/* Letter templates (internal; the letter module is their user): a strict
 * subset of Mustache, so that a disclosure center can change a letter's
 * wording in a file without recompiling (issue 14). Debian packages no C
 * renderer that fits (libctpl brings GLib, mustach is not packaged), hence
 * this small one. docs/templates.md is the center's guide.
 *
 *   {{name}}               the field's value, through the escape function
 *   {{#name}}…{{/name}}    the body when the field is present and not empty
 *   {{^name}}…{{/name}}    the body when it is absent or empty
 *   {{! comment }}         nothing
 *
 * Names are ASCII [a-z][a-z0-9_]*, optionally dotted (agency.name: one
 * field, not a path); spaces and tabs may pad them inside the braces. A
 * line holding only one section, closing or comment tag and spaces or tabs
 * is removed whole, with its line end (Mustache's standalone rule). Lists,
 * partials, {{{ }}}, {{& }}, delimiter changes and lambdas are refused.
 *
 * Pure: the template's bytes come in, text goes out; no file, no global. */
#ifndef DSC_ENGINE_TEMPLATE_H
#define DSC_ENGINE_TEMPLATE_H

#include <stddef.h>

#include "disclose/error.h"

/* The largest template parse takes, and the largest rendering: a letter is
 * a few kilobytes. */
#define DSC__TEMPLATE_MAX ((size_t)1 << 20)
#define DSC__TEMPLATE_OUT_MAX ((size_t)4 << 20)
/* How deep sections may nest. */
#define DSC__TEMPLATE_DEPTH 16

/* A parsed template: read-only once parsed, so one can be rendered any
 * number of times, from any thread. */
typedef struct dsc__template dsc__template_t;

/* Parses the template text[0..len) (UTF-8, a leading byte-order mark
 * skipped) into *out, which the caller frees with dsc__template_free; the
 * text is copied. known[0..nknown) are the fields the caller can supply: a
 * tag naming any other is refused, so a misspelt field is found when the
 * template is loaded, not when a letter comes out with a hole in it.
 *
 * Returns DSC_OK; DSC_INVALID with detail field "template" and a message
 * "line N: …" / "第 N 行：…" (unknown field, bad field name, unsupported
 * tag, unterminated tag, a closing tag that does not match, an unclosed
 * section, sections nested deeper than DSC__TEMPLATE_DEPTH, invalid UTF-8
 * or a NUL byte) or without a line when the text passes DSC__TEMPLATE_MAX;
 * DSC_NOMEM. *out is NULL on failure. */
dsc_err_t dsc__template_parse(const char *text, size_t len,
                              const char *const *known, size_t nknown,
                              dsc__template_t **out, dsc_detail_t *detail);

/* The rendering being built; escape functions append to it. */
typedef struct dsc__template_out dsc__template_out_t;

/* Appends s[0..n) to out. A failure (out of memory, or passing
 * DSC__TEMPLATE_OUT_MAX) is remembered and reported by the render call, so
 * an escape function need not check anything. */
void dsc__template_out_add(dsc__template_out_t *out, const char *s, size_t n);

/* The value of field name (one of the parse's known names, NUL-terminated),
 * or NULL when it is absent. The string must stay valid until the render
 * call returns. */
typedef const char *(*dsc__template_lookup_fn)(void *ctx, const char *name);

/* Appends value (never NULL) to out, escaped for the output's format: the
 * letter module passes an HTML escaper for HTML letters. Called once for
 * each {{name}} whose field is present, empty values included, and for
 * nothing else: literal text is the template's own and goes out as is. */
typedef void (*dsc__template_escape_fn)(void *ctx, dsc__template_out_t *out,
                                        const char *value);

/* Renders t, asking lookup(ctx, name) for each field it meets and passing
 * the values to escape(ctx, …) (NULL: copied as they are). Returns DSC_OK
 * with *out a NUL-terminated string (its length in *len when len is not
 * NULL) that the caller frees with dsc__free; DSC_NOMEM; DSC_INVALID (detail
 * field "template") when the rendering would pass DSC__TEMPLATE_OUT_MAX.
 * *out is NULL on failure. */
dsc_err_t dsc__template_render(const dsc__template_t *t,
                               dsc__template_lookup_fn lookup,
                               dsc__template_escape_fn escape, void *ctx,
                               char **out, size_t *len, dsc_detail_t *detail);

/* The distinct fields t names, in the order they first appear: up to cap
 * of them into names[] (pointers into t, valid while t lives). Returns how
 * many there are, which may be more than cap. For a test or a listing of
 * what a center's template uses. */
size_t dsc__template_fields(const dsc__template_t *t, const char **names,
                            size_t cap);

/* Frees t. Accepts NULL. */
void dsc__template_free(dsc__template_t *t);

#endif
