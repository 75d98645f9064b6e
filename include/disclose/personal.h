/* disclose — personal data (个人信息保护法, issue 11 part 5): the key file,
 * field encryption, the "same applicant" keyed hash, and masking.
 *
 * An applicant's identity number, phone, e-mail and address are stored only
 * sealed: XChaCha20-Poly1305-IETF under a key held in a file outside the
 * database (docs/personal-data.md). A sealed value is a printable base64
 * string that authenticates the field it belongs to and the applicant row it
 * was written for, so a value copied to another field or another applicant
 * fails to open. A keyed BLAKE2b hash of the normalised identity number (or
 * of type and name) lets the database recognise the same applicant without
 * holding the number. Masks make a value fit to show.
 *
 * Keys: a key file holds one or more encryption keys, each with a 32-bit id
 * stored in every value it seals; the first is the current key (used to
 * seal), the others only open older values. It also holds one long-lived
 * match key with its own id, which the hash uses: rotating the encryption
 * key never changes an applicant's match key. Key material lives in
 * libsodium's guarded memory (sodium_malloc), read-only once loaded, and is
 * wiped when freed.
 *
 * Threads: a loaded keyring is never written, so any number of threads may
 * seal, open and hash with it at once. The masks are pure. No global state
 * but libsodium's own one-time initialisation (see dsc_personal_key_load).
 */
#ifndef DISCLOSE_PERSONAL_H
#define DISCLOSE_PERSONAL_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "export.h"
#include "intake.h"

/* The largest plaintext dsc_personal_seal takes, in bytes. */
#define DSC_PERSONAL_MAX_PLAIN 65536

/* The longest field name: 1 to 32 of [a-z0-9_]. */
#define DSC_PERSONAL_MAX_FIELD 32

/* The size of a match key's buffer: 64 lower-case hex digits and a NUL. */
#define DSC_PERSONAL_MATCH_KEY_SIZE 65

/* A buffer of this many bytes always holds the mask of a string of len
 * bytes, whatever the mask function. */
#define DSC_PERSONAL_MASK_SIZE(len) ((len) + 8)

/* The keys of one key file, loaded. Opaque; read-only once loaded. */
typedef struct dsc_personal_keyring dsc_personal_keyring_t;

/* ---- the key file ------------------------------------------------------ */

/* Creates a new key file at path with a fresh encryption key (id 1) and a
 * fresh match key (id 1), mode 0600, owned by the calling user. The file is
 * created with O_EXCL and never replaces anything; its data and its
 * directory entry are fsync'd before success. Returns DSC_OK; DSC_CONFLICT
 * when path exists; DSC_NOT_FOUND when its directory does not;
 * DSC_FORBIDDEN when the directory may not be written; DSC_INTERNAL on an
 * I/O failure (the partial file is removed), or when libsodium cannot
 * start; DSC_NOMEM; DSC_MISUSE for a NULL path. */
DSC_EXTERN dsc_err_t dsc_personal_key_generate(
    const char *path, dsc_detail_t *detail) DSC_MUST_CHECK;

/* Reads the key file at path into a new keyring (*out, released with
 * dsc_personal_key_free). The file must be a regular file owned by the
 * effective user with no group or other permission bits (0600 or 0400):
 * otherwise DSC_FORBIDDEN naming the file and what is wrong. Its format
 * (docs/personal-data.md): lines `ID HEX` (an encryption key: ID a decimal
 * 1…4294967295, HEX 64 hex digits), the first of them the current key, and
 * exactly one line `match ID HEX`; blank lines and lines starting with '#'
 * are ignored. DSC_NOT_FOUND when path does not exist; DSC_INVALID (line
 * number given, never the line's content) for anything else that is not
 * such a file — a directory, an empty file, bad hex, a repeated id, an
 * all-zero key; DSC_NOMEM; DSC_INTERNAL on an I/O error or when libsodium
 * cannot start; DSC_MISUSE for NULL arguments. *out is written only on
 * success. Calls sodium_init(), which is idempotent and thread-safe, so
 * callers need no set-up step of their own. */
DSC_EXTERN dsc_err_t dsc_personal_key_load(const char *path,
                                           dsc_personal_keyring_t **out,
                                           dsc_detail_t *detail) DSC_MUST_CHECK;

/* Adds a fresh encryption key to the key file at path as its new current
 * key, with the id one above the largest present (*new_id, may be NULL).
 * The older keys stay, to open older values. The file is checked as by
 * dsc_personal_key_load, the new text written to "<path>.new" (O_EXCL, so
 * two rotations cannot race: DSC_CONFLICT when it exists) and renamed over
 * path; the match key is kept. Processes that loaded the old file seal with
 * the old key until they load again. Errors as dsc_personal_key_load, plus
 * DSC_CONFLICT when the largest id is already 4294967295. On any error the
 * key file is unchanged. */
DSC_EXTERN dsc_err_t dsc_personal_key_rotate(
    const char *path, uint32_t *new_id, dsc_detail_t *detail) DSC_MUST_CHECK;

/* Removes the old encryption key `id` from the key file at path (written as
 * by dsc_personal_key_rotate). Values it sealed can no longer be opened:
 * re-seal them with the current key first (dsc_personal_sealed_key_id finds
 * them). DSC_NOT_FOUND when the file holds no such key; DSC_CONFLICT when
 * id is the current key; otherwise errors as dsc_personal_key_rotate. */
DSC_EXTERN dsc_err_t dsc_personal_key_retire(
    const char *path, uint32_t id, dsc_detail_t *detail) DSC_MUST_CHECK;

/* Wipes and frees a keyring. Accepts NULL. */
DSC_EXTERN void dsc_personal_key_free(dsc_personal_keyring_t *ring);

/* The id of the current encryption key (the one dsc_personal_seal uses). */
DSC_EXTERN uint32_t
dsc_personal_key_current_id(const dsc_personal_keyring_t *ring);

/* The id of the match key; store it beside match keys, so that a change of
 * match key (rare: it means recomputing every applicant's) can be done and
 * checked row by row. */
DSC_EXTERN uint32_t
dsc_personal_match_key_id(const dsc_personal_keyring_t *ring);

/* ---- sealing ----------------------------------------------------------- */

/* Seals plain[0..len) (any bytes, len <= DSC_PERSONAL_MAX_PLAIN; plain may
 * be NULL when len is 0) with the current key into *out, a NUL-terminated
 * base64 string (RFC 4648 alphabet with padding, so PostgreSQL's
 * decode(text, 'base64') reads it) of: a version byte (1), the key id (4
 * bytes, big-endian), a random 24-byte nonce, and the ciphertext with its
 * 16-byte tag. The associated data binds the version, the key id,
 * applicant_id (the applicants row the value is stored in) and field (the
 * column: "id_number", "phone", ...; 1 to DSC_PERSONAL_MAX_FIELD of
 * [a-z0-9_]), so the value opens only for that row's that field. The
 * caller frees *out with dsc_personal_text_free. Returns DSC_OK;
 * DSC_INVALID when len is too large; DSC_NOMEM; DSC_MISUSE for a NULL
 * ring or out, a bad field name, or NULL plain with len > 0. *out is
 * written only on success. */
DSC_EXTERN dsc_err_t dsc_personal_seal(const dsc_personal_keyring_t *ring,
                                       const char *field, int64_t applicant_id,
                                       const void *plain, size_t len,
                                       char **out,
                                       dsc_detail_t *detail) DSC_MUST_CHECK;

/* Opens a value sealed by dsc_personal_seal for the same field and
 * applicant_id: *out receives the plaintext with a NUL after it (it may
 * hold NUL bytes itself; *out_len is its length), to be released with
 * dsc_personal_plain_free, which wipes it. Returns DSC_OK; DSC_INTEGRITY
 * when the text is not a sealed value, was altered, was sealed for another
 * field or applicant, or was sealed with a key the keyring does not hold
 * (the detail names the key id: a retired key, or an altered id);
 * DSC_NOMEM; DSC_MISUSE for NULL arguments or a bad field name. The
 * outputs are written only on success. */
DSC_EXTERN dsc_err_t dsc_personal_open(const dsc_personal_keyring_t *ring,
                                       const char *field, int64_t applicant_id,
                                       const char *sealed, char **out,
                                       size_t *out_len,
                                       dsc_detail_t *detail) DSC_MUST_CHECK;

/* The key id a sealed value names, read without any key (to find the values
 * to re-seal before retiring a key). Not proof of anything: only
 * dsc_personal_open authenticates. DSC_INTEGRITY when sealed is not of the
 * sealed form; DSC_MISUSE for NULL arguments. */
DSC_EXTERN dsc_err_t dsc_personal_sealed_key_id(
    const char *sealed, uint32_t *key_id, dsc_detail_t *detail) DSC_MUST_CHECK;

/* Frees a sealed string. Accepts NULL. */
DSC_EXTERN void dsc_personal_text_free(char *text);

/* Wipes plain[0..len] (the NUL included) and frees it. Accepts NULL. */
DSC_EXTERN void dsc_personal_plain_free(char *plain, size_t len);

/* ---- the "same applicant" key ------------------------------------------ */

/* Writes into out (outlen >= DSC_PERSONAL_MATCH_KEY_SIZE) the match key of
 * an applicant: 64 hex digits of BLAKE2b-256 keyed with a subkey derived
 * (crypto_kdf) from the key file's match key — never from an encryption
 * key, so key rotation leaves it unchanged. With an identity number (not
 * NULL and not blank) the hash covers only the number, without ASCII
 * whitespace anywhere and with ASCII letters upper-cased ("11010519491231002x
 * " and "11010519491231002X" match): the same person or organisation
 * whatever the type or the spelling of the name. Without one it covers the
 * type's name and the name's exact bytes: no Unicode normalisation (NFC and
 * NFD spellings differ), no trimming, no case folding. Returns DSC_OK;
 * DSC_INVALID when the number has over 64 characters once whitespace is
 * dropped; DSC_MISUSE for NULL ring or out, a short outlen, an unknown
 * type, or a NULL name without a number. */
DSC_EXTERN dsc_err_t dsc_personal_match_key(
    const dsc_personal_keyring_t *ring, dsc_applicant_type_t type,
    const char *id_number, const char *name, char *out, size_t outlen,
    dsc_detail_t *detail) DSC_MUST_CHECK;

/* ---- masks ------------------------------------------------------------- */

/* Each mask writes into buf (buflen bytes, DSC_PERSONAL_MASK_SIZE(strlen(s))
 * always suffices) and returns buf. Characters are UTF-8 code points and
 * are never cut; a hidden character becomes one '*'. When s is NULL or buf
 * is too small, buf receives "" (a cut-off mask could mislead). buf may be
 * NULL only when buflen is 0. */

/* An identity number: dsc_id_mask's rule, the one `show` has always used
 * (resident ID and unified social credit code alike, over 10 characters:
 * first 6 and last 4 kept, "110101********1234"; shorter: last 2 kept). */
DSC_EXTERN char *dsc_personal_mask_id(const char *id, char *buf, size_t buflen);

/* A phone number of 11 characters or more keeps its first 3 and last 4
 * ("138****5678"); a shorter one is hidden entirely ("********"). */
DSC_EXTERN char *dsc_personal_mask_phone(const char *phone, char *buf,
                                         size_t buflen);

/* An e-mail address keeps the first character of its local part (the part
 * before the last '@'), then "***", then '@' and the domain in full
 * ("z***@example.cn"); a one-character local part is hidden entirely
 * ("***@example.cn"); text without '@' or with nothing before it becomes
 * "***". */
DSC_EXTERN char *dsc_personal_mask_email(const char *email, char *buf,
                                         size_t buflen);

/* An address keeps its first 6 characters but never more than half of them
 * (rounded down), then "…" (U+2026): "北京市东城区…" for a long address,
 * "幸福…" for "幸福路1号". Control characters kept (line breaks, tabs)
 * become spaces; "" stays "". */
DSC_EXTERN char *dsc_personal_mask_address(const char *address, char *buf,
                                           size_t buflen);

#endif /* DISCLOSE_PERSONAL_H */
