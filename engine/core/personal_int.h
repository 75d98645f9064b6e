/* The key file's contents, shared by personal_file.c (reading, checking and
 * writing key files) and personal.c (the keyring built from them). Internal
 * to the personal-data module. */
#ifndef DSC_ENGINE_PERSONAL_INT_H
#define DSC_ENGINE_PERSONAL_INT_H

#include <stddef.h>
#include <stdint.h>

#include "disclose/error.h"

#define DSC__PERSONAL_KEY_BYTES 32
/* More keys than a monthly rotation over eighty years; a bound, so a
 * damaged file cannot make us allocate without limit. */
#define DSC__PERSONAL_MAX_KEYS 1024

/* The root keys exactly as the file holds them. Both arrays have room for
 * DSC__PERSONAL_MAX_KEYS keys, so a rotation adds one in place. ids comes
 * from the library's allocator; roots, the secret part, from sodium_malloc:
 * slot i < n is encryption key i (the current first), the last slot
 * (DSC__PERSONAL_MAX_KEYS) the match key. */
typedef struct dsc__keyfile {
  size_t n;             /* encryption keys, 1 … DSC__PERSONAL_MAX_KEYS */
  uint32_t *ids;        /* ids[i] of key i: distinct, none 0 */
  uint32_t match_id;    /* the match key's id, not 0 */
  unsigned char *roots; /* (DSC__PERSONAL_MAX_KEYS + 1) key slots */
} dsc__keyfile_t;

/* Reads and checks the key file at path (regular, ours, no group or other
 * bits) and parses it into *kf. On failure *kf is left empty. libsodium
 * must be started (dsc__personal_sodium_init). */
dsc_err_t dsc__keyfile_read(const char *path, dsc__keyfile_t *kf,
                            dsc_detail_t *detail);

/* Wipes and frees what *kf holds and empties it. */
void dsc__keyfile_clear(dsc__keyfile_t *kf);

/* The root of encryption key i (i < n). */
unsigned char *dsc__keyfile_root(const dsc__keyfile_t *kf, size_t i);

/* The root of the match key. */
unsigned char *dsc__keyfile_match_root(const dsc__keyfile_t *kf);

/* Starts libsodium (idempotent, thread-safe); DSC_INTERNAL if it cannot. */
dsc_err_t dsc__personal_sodium_init(dsc_detail_t *detail);

#endif
