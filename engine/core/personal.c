/* Personal data: the keyring, sealing and opening fields, and the
 * "same applicant" match key (include/disclose/personal.h).
 *
 * The file's root keys are never used directly: each is expanded with
 * crypto_kdf under its own context ("dscfield" for sealing, "dscmatch" for
 * the match hash), so no key ever serves two algorithms, and a later use
 * can get a key of its own from the same file. */
#include "disclose/personal.h"

#include <sodium.h>
#include <stdbool.h>
#include <string.h>

#include "alloc.h"
#include "personal_int.h"

#define KEY_BYTES DSC__PERSONAL_KEY_BYTES
#define VERSION 1
#define NONCE_BYTES crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG_BYTES crypto_aead_xchacha20poly1305_ietf_ABYTES
/* version, key id (big-endian) */
#define HEADER_BYTES 5
#define PREFIX_BYTES (HEADER_BYTES + NONCE_BYTES)
#define MIN_SEALED (PREFIX_BYTES + TAG_BYTES)
#define MAX_SEALED (MIN_SEALED + DSC_PERSONAL_MAX_PLAIN)
#define B64 sodium_base64_VARIANT_ORIGINAL
/* The longest identity number the match key takes (both kinds have 18
 * characters; the margin is for numbers from elsewhere). */
#define MATCH_ID_MAX 64

struct dsc_personal_keyring {
  size_t n;            /* encryption keys; the current one first */
  uint32_t match_id;   /* the match key's id */
  unsigned char *keys; /* sodium_malloc, read-only: n sealing keys, then the
                          match hash key, KEY_BYTES each */
  uint32_t ids[];      /* ids[i] of sealing key i */
};

static const unsigned char *seal_key(const dsc_personal_keyring_t *ring,
                                     size_t i) {
  return ring->keys + i * KEY_BYTES;
}

static const unsigned char *match_hash_key(const dsc_personal_keyring_t *ring) {
  return ring->keys + ring->n * KEY_BYTES;
}

/* ---- the keyring ------------------------------------------------------- */

dsc_err_t dsc_personal_key_load(const char *path, dsc_personal_keyring_t **out,
                                dsc_detail_t *detail) {
  dsc__keyfile_t kf;
  dsc_personal_keyring_t *ring;
  dsc_err_t err;

  if (path == NULL || out == NULL)
    return dsc_detail_set(detail, DSC_MISUSE, "key_file", "no path or out",
                          NULL);
  /* sodium_init, here rather than in a set-up call of its own: it is
   * idempotent and thread-safe, and nothing of libsodium runs before a
   * keyring exists, so loading a key is the only set-up a caller needs. */
  err = dsc__personal_sodium_init(detail);
  if (err == DSC_OK)
    err = dsc__keyfile_read(path, &kf, detail);
  if (err != DSC_OK)
    return err;
  ring = dsc__malloc(sizeof *ring + kf.n * sizeof ring->ids[0]);
  if (ring != NULL)
    ring->keys = sodium_allocarray(kf.n + 1, KEY_BYTES);
  if (ring == NULL || ring->keys == NULL) {
    if (ring != NULL)
      dsc__free(ring);
    dsc__keyfile_clear(&kf);
    return dsc_detail_set(detail, DSC_NOMEM, "key_file", "out of memory", NULL);
  }
  ring->n = kf.n;
  ring->match_id = kf.match_id;
  for (size_t i = 0; i < kf.n; i++) {
    ring->ids[i] = kf.ids[i];
    crypto_kdf_derive_from_key(ring->keys + i * KEY_BYTES, KEY_BYTES, 1,
                               "dscfield", dsc__keyfile_root(&kf, i));
  }
  crypto_kdf_derive_from_key(ring->keys + kf.n * KEY_BYTES, KEY_BYTES, 1,
                             "dscmatch", dsc__keyfile_match_root(&kf));
  dsc__keyfile_clear(&kf);
  /* Nothing writes the keys again until they are freed; a stray write
   * faults instead of silently changing a key. */
  sodium_mprotect_readonly(ring->keys);
  *out = ring;
  return DSC_OK;
}

void dsc_personal_key_free(dsc_personal_keyring_t *ring) {
  if (ring == NULL)
    return;
  sodium_free(ring->keys); /* makes them writable, wipes, unmaps */
  dsc__free(ring);
}

uint32_t dsc_personal_key_current_id(const dsc_personal_keyring_t *ring) {
  return ring != NULL ? ring->ids[0] : 0;
}

uint32_t dsc_personal_match_key_id(const dsc_personal_keyring_t *ring) {
  return ring != NULL ? ring->match_id : 0;
}

/* ---- sealing ----------------------------------------------------------- */

/* The length of a valid field name (1 … DSC_PERSONAL_MAX_FIELD of
 * [a-z0-9_]), or 0. Field names come from code, never from input. */
static size_t field_len(const char *field) {
  size_t n = 0;

  if (field == NULL)
    return 0;
  for (; field[n] != '\0'; n++)
    if (n == DSC_PERSONAL_MAX_FIELD ||
        !((field[n] >= 'a' && field[n] <= 'z') ||
          (field[n] >= '0' && field[n] <= '9') || field[n] == '_'))
      return 0;
  return n;
}

static void put_be32(unsigned char *p, uint32_t v) {
  for (int i = 3; i >= 0; i--, v >>= 8)
    p[i] = (unsigned char)v;
}

static uint32_t get_be32(const unsigned char *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
         p[3];
}

/* The associated data: the header (version and key id), the applicant id
 * (8 bytes, big-endian two's complement) and the field name. Only the last
 * part varies in length, so the encoding is unambiguous. Returns its
 * length; ad has room for HEADER_BYTES + 8 + DSC_PERSONAL_MAX_FIELD. */
static size_t make_ad(unsigned char *ad, const unsigned char *header,
                      int64_t applicant_id, const char *field, size_t flen) {
  uint64_t id = (uint64_t)applicant_id;

  memcpy(ad, header, HEADER_BYTES);
  put_be32(ad + HEADER_BYTES, (uint32_t)(id >> 32));
  put_be32(ad + HEADER_BYTES + 4, (uint32_t)id);
  memcpy(ad + HEADER_BYTES + 8, field, flen);
  return HEADER_BYTES + 8 + flen;
}

dsc_err_t dsc_personal_seal(const dsc_personal_keyring_t *ring,
                            const char *field, int64_t applicant_id,
                            const void *plain, size_t len, char **out,
                            dsc_detail_t *detail) {
  unsigned char ad[HEADER_BYTES + 8 + DSC_PERSONAL_MAX_FIELD], *bin;
  size_t flen = field_len(field), bin_len, text_size;
  char *text;

  if (ring == NULL || out == NULL || flen == 0 || (plain == NULL && len > 0))
    return dsc_detail_set(detail, DSC_MISUSE, field_len(field) ? field : NULL,
                          "dsc_personal_seal: NULL argument or bad field name",
                          NULL);
  if (len > DSC_PERSONAL_MAX_PLAIN)
    return dsc_detail_setf(detail, DSC_INVALID, field, "longer than %d bytes",
                           "超过 %d 字节", DSC_PERSONAL_MAX_PLAIN);
  bin_len = MIN_SEALED + len;
  text_size = sodium_base64_ENCODED_LEN(bin_len, B64);
  bin = dsc__malloc(bin_len);
  text = bin != NULL ? dsc__malloc(text_size) : NULL;
  if (text == NULL) {
    if (bin != NULL)
      dsc__free(bin);
    return dsc_detail_set(detail, DSC_NOMEM, field, "out of memory", NULL);
  }
  bin[0] = VERSION;
  put_be32(bin + 1, ring->ids[0]);
  /* XChaCha20's 192-bit nonce is large enough to draw at random for every
   * value, with no counter to keep. */
  randombytes_buf(bin + HEADER_BYTES, NONCE_BYTES);
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      bin + PREFIX_BYTES, NULL, plain, len, ad,
      make_ad(ad, bin, applicant_id, field, flen), NULL, bin + HEADER_BYTES,
      seal_key(ring, 0));
  sodium_bin2base64(text, text_size, bin, bin_len, B64);
  dsc__free(bin);
  *out = text;
  return DSC_OK;
}

static const char b64_alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";

/* Decodes sealed (at most MAX_SEALED bytes once decoded) into a new buffer
 * *bin of *bin_len >= MIN_SEALED bytes with a known version. */
static dsc_err_t decode(const char *field, const char *sealed,
                        unsigned char **bin, size_t *bin_len,
                        dsc_detail_t *detail) {
  size_t max_text = sodium_base64_ENCODED_LEN(MAX_SEALED, B64) - 1;
  size_t text_len = strnlen(sealed, max_text + 1);
  unsigned char *buf;

  if (text_len > max_text)
    return dsc_detail_set(detail, DSC_INTEGRITY, field,
                          "longer than any sealed value", "超过任何密文的长度");
  buf = dsc__malloc(text_len / 4 * 3 + 3);
  if (buf == NULL)
    return dsc_detail_set(detail, DSC_NOMEM, field, "out of memory", NULL);
  /* One text must decode to one byte string, or a changed character
   * could go unnoticed by the tag. libsodium's decoder requires padding and
   * zero unused bits, but 1.0.18 also decodes bytes above 0x7F as if they
   * were letters (the tampering test found a flipped top bit that opened),
   * so the alphabet is checked first. */
  if (strspn(sealed, b64_alphabet) != text_len ||
      sodium_base642bin(buf, text_len / 4 * 3 + 3, sealed, text_len, NULL,
                        bin_len, NULL, B64) != 0 ||
      *bin_len < MIN_SEALED) {
    dsc__free(buf);
    return dsc_detail_set(detail, DSC_INTEGRITY, field,
                          "not a sealed value (bad base64 or too short)",
                          "不是密文（base64 错误或过短）");
  }
  if (buf[0] != VERSION) {
    dsc_detail_setf(detail, DSC_INTEGRITY, field,
                    "sealed value of unknown format version %u",
                    "密文格式版本 %u 未知", (unsigned)buf[0]);
    dsc__free(buf);
    return DSC_INTEGRITY;
  }
  *bin = buf;
  return DSC_OK;
}

dsc_err_t dsc_personal_open(const dsc_personal_keyring_t *ring,
                            const char *field, int64_t applicant_id,
                            const char *sealed, char **out, size_t *out_len,
                            dsc_detail_t *detail) {
  unsigned char ad[HEADER_BYTES + 8 + DSC_PERSONAL_MAX_FIELD], *bin = NULL;
  size_t flen = field_len(field), bin_len = 0, k = 0, plain_len;
  uint32_t key_id;
  char *plain;
  dsc_err_t err;

  if (ring == NULL || sealed == NULL || out == NULL || out_len == NULL ||
      flen == 0)
    return dsc_detail_set(detail, DSC_MISUSE, flen ? field : NULL,
                          "dsc_personal_open: NULL argument or bad field name",
                          NULL);
  err = decode(field, sealed, &bin, &bin_len, detail);
  if (err != DSC_OK)
    return err;
  key_id = get_be32(bin + 1);
  while (k < ring->n && ring->ids[k] != key_id)
    k++;
  if (k == ring->n) {
    dsc__free(bin);
    return dsc_detail_setf(detail, DSC_INTEGRITY, field,
                           "sealed with key %lu, which the key file does not "
                           "hold (retired, or the value was altered)",
                           "密文使用密钥 %lu，密钥文件中没有该密钥"
                           "（已停用，或密文被改动）",
                           (unsigned long)key_id);
  }
  plain_len = bin_len - MIN_SEALED;
  plain = dsc__malloc(plain_len + 1);
  if (plain == NULL) {
    dsc__free(bin);
    return dsc_detail_set(detail, DSC_NOMEM, field, "out of memory", NULL);
  }
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          (unsigned char *)plain, NULL, NULL, bin + PREFIX_BYTES,
          bin_len - PREFIX_BYTES, ad,
          make_ad(ad, bin, applicant_id, field, flen), bin + HEADER_BYTES,
          seal_key(ring, k)) != 0) {
    dsc__free(bin);
    dsc_personal_plain_free(plain, plain_len);
    return dsc_detail_setf(detail, DSC_INTEGRITY, field,
                           "does not authenticate as field %s of applicant "
                           "%lld (altered, or moved from another field or "
                           "applicant)",
                           "字段 %s 无法验证为申请人 %lld 的数据"
                           "（被改动，或从其他字段或申请人移来）",
                           field, (long long)applicant_id);
  }
  dsc__free(bin);
  plain[plain_len] = '\0';
  *out = plain;
  *out_len = plain_len;
  return DSC_OK;
}

dsc_err_t dsc_personal_sealed_key_id(const char *sealed, uint32_t *key_id,
                                     dsc_detail_t *detail) {
  unsigned char head[6];
  size_t head_len = 0;

  if (sealed == NULL || key_id == NULL)
    return dsc_detail_set(detail, DSC_MISUSE, NULL,
                          "dsc_personal_sealed_key_id: NULL argument", NULL);
  /* The first 8 characters are the first 6 bytes: enough for the header,
   * without decoding the rest. */
  if (strnlen(sealed, sodium_base64_ENCODED_LEN(MIN_SEALED, B64)) <
          sodium_base64_ENCODED_LEN(MIN_SEALED, B64) - 1 ||
      strspn(sealed, b64_alphabet) < 8 ||
      sodium_base642bin(head, sizeof head, sealed, 8, NULL, &head_len, NULL,
                        B64) != 0 ||
      head_len != sizeof head || head[0] != VERSION)
    return dsc_detail_set(detail, DSC_INTEGRITY, NULL, "not a sealed value",
                          "不是密文");
  *key_id = get_be32(head + 1);
  return DSC_OK;
}

void dsc_personal_text_free(char *text) {
  if (text != NULL)
    dsc__free(text);
}

void dsc_personal_plain_free(char *plain, size_t len) {
  if (plain == NULL)
    return;
  sodium_memzero(plain, len + 1);
  dsc__free(plain);
}

/* ---- the match key ----------------------------------------------------- */

static bool ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
         c == '\f';
}

/* Copies id without ASCII whitespace and with ASCII letters upper-cased
 * into norm (MATCH_ID_MAX bytes); returns its length, or MATCH_ID_MAX + 1
 * when it is longer. */
static size_t normalise_id(const char *id, char *norm) {
  size_t n = 0;

  for (; *id != '\0'; id++) {
    if (ascii_space(*id))
      continue;
    if (n == MATCH_ID_MAX)
      return MATCH_ID_MAX + 1;
    norm[n++] = *id >= 'a' && *id <= 'z' ? (char)(*id - 'a' + 'A') : *id;
  }
  return n;
}

dsc_err_t dsc_personal_match_key(const dsc_personal_keyring_t *ring,
                                 dsc_applicant_type_t type,
                                 const char *id_number, const char *name,
                                 char *out, size_t outlen,
                                 dsc_detail_t *detail) {
  crypto_generichash_state st;
  unsigned char hash[32];
  char norm[MATCH_ID_MAX];
  size_t norm_len = 0;
  const char *type_name = dsc_applicant_type_name(type);

  if (id_number != NULL)
    norm_len = normalise_id(id_number, norm);
  if (ring == NULL || out == NULL || outlen < DSC_PERSONAL_MATCH_KEY_SIZE ||
      strcmp(type_name, "unknown") == 0 || (norm_len == 0 && name == NULL)) {
    sodium_memzero(norm, sizeof norm);
    return dsc_detail_set(detail, DSC_MISUSE, NULL,
                          "dsc_personal_match_key: NULL argument, short "
                          "buffer or unknown type",
                          NULL);
  }
  if (norm_len > MATCH_ID_MAX) {
    sodium_memzero(norm, sizeof norm);
    return dsc_detail_setf(detail, DSC_INVALID, "applicant.id_number",
                           "longer than %d characters", "超过 %d 个字符",
                           MATCH_ID_MAX);
  }
  /* A tag byte and NUL separators keep the two kinds of input, and type
   * from name, from ever producing the same bytes. */
  crypto_generichash_init(&st, match_hash_key(ring), KEY_BYTES, sizeof hash);
  if (norm_len > 0) {
    crypto_generichash_update(&st, (const unsigned char *)"I", 2);
    crypto_generichash_update(&st, (const unsigned char *)norm, norm_len);
  } else {
    crypto_generichash_update(&st, (const unsigned char *)"N", 2);
    crypto_generichash_update(&st, (const unsigned char *)type_name,
                              strlen(type_name) + 1);
    crypto_generichash_update(&st, (const unsigned char *)name, strlen(name));
  }
  crypto_generichash_final(&st, hash, sizeof hash);
  sodium_bin2hex(out, outlen, hash, sizeof hash);
  sodium_memzero(norm, sizeof norm);
  sodium_memzero(&st, sizeof st);
  return DSC_OK;
}
