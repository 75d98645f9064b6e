/* Letters (internal): the six templates, parsed from their bytes. The
 * built-in ones are compiled into the library (cmake/embed_files.cmake
 * writes dsc__letter_builtins[] from engine/letters/<kind>.tmpl); reading a
 * center's files is engine/ops/letter_templates.c's, so the core stays
 * free of I/O. */
#ifndef DSC_ENGINE_LETTER_TEMPLATES_H
#define DSC_ENGINE_LETTER_TEMPLATES_H

#include <stddef.h>

#include "disclose/error.h"
#include "disclose/letter.h"

/* A template's bytes and the name its faults are reported under. */
typedef struct dsc__letter_file {
  const char *name; /* "answer.tmpl", or a path; NULL ends the table */
  const char *text; /* the bytes, NUL-terminated (NUL bytes inside are
                       refused as the template language says) */
  size_t len;       /* their length */
} dsc__letter_file_t;

/* The built-in templates, one per kind, named "<kind>.tmpl", sorted by
 * name; generated at build time. */
extern const dsc__letter_file_t dsc__letter_builtins[];

/* The built-in template of kind, or NULL (a build without it: a bug). */
const dsc__letter_file_t *dsc__letter_builtin(dsc_letter_kind_t kind);

/* Parses the six templates into *out (freed with
 * dsc_letter_templates_free): files[k] for kind k, or the built-in one
 * where files[k].text is NULL (files itself may be NULL: all built-in).
 * Each is checked as dsc_letter_templates_load says, faults reported as
 * DSC_INVALID, field "template", naming files[k].name ("built-in
 * answer.tmpl" for a built-in one) and the line. Returns DSC_OK,
 * DSC_INVALID, DSC_NOMEM or DSC_MISUSE (out NULL); *out is NULL on
 * failure. */
dsc_err_t dsc__letter_templates_parse(const dsc__letter_file_t *files,
                                      dsc_letter_templates_t **out,
                                      dsc_detail_t *detail);

#endif
