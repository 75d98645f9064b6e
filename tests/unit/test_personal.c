/* Personal data (engine/personal*.c): the key file's checks, sealing and
 * opening, rotation, the match key and the masks.
 *
 * Expected values are written by hand or computed independently of the
 * code under test: the sealed vectors and the match keys below come from a
 * separate Python implementation (hashlib's BLAKE2b for crypto_kdf and the
 * keyed hash; the `cryptography` package's ChaCha20-Poly1305 with a
 * hand-written HChaCha20, checked against the XChaCha20 draft's HChaCha20
 * vector), so they pin the stored format: a value sealed today must open
 * in every later version. Key files are written to a fresh directory under
 * /tmp per case. */
#include "disclose/personal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "disclose/alloc.h"
#include "dsc_test.h"
#include "utf8.h"

/* ---- fixtures ---------------------------------------------------------- */

#define K1 "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
#define K2 "2f2e2d2c2b2a292827262524232221201f1e1d1c1b1a19181716151413121110"
#define KM "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf"

/* Key 7 = K1 (current), match key 1 = KM: the file of the vectors. */
static const char vector_keys[] = "7 " K1 "\nmatch 1 " KM "\n";

/* A scratch directory; removed (one level deep) by tmp_done. */
typedef struct tmp {
  char dir[64];
  char path[160]; /* the last path tmp_path built */
} tmp_t;

static void tmp_init(tmp_t *t) {
  snprintf(t->dir, sizeof t->dir, "/tmp/dsc-personal-XXXXXX");
  if (mkdtemp(t->dir) == NULL)
    DSC_FAIL_("mkdtemp: %s", strerror(errno));
}

static const char *tmp_path(tmp_t *t, const char *name) {
  snprintf(t->path, sizeof t->path, "%s/%s", t->dir, name);
  return t->path;
}

static void tmp_done(tmp_t *t) {
  DIR *d = opendir(t->dir);
  struct dirent *e;
  char p[400];

  DSC_ASSERT(d != NULL);
  while ((e = readdir(d)) != NULL) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
      continue;
    snprintf(p, sizeof p, "%s/%s", t->dir, e->d_name);
    if (unlink(p) != 0)
      DSC_ASSERT_EQ(rmdir(p), 0);
  }
  closedir(d);
  DSC_ASSERT_EQ(rmdir(t->dir), 0);
}

/* Writes text to path with exactly this mode (umask aside). */
static void write_file(const char *path, const char *text, mode_t mode) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  size_t len = strlen(text);

  DSC_ASSERT(fd >= 0);
  DSC_ASSERT_EQ(write(fd, text, len), (long long)len);
  DSC_ASSERT_EQ(fchmod(fd, mode), 0);
  DSC_ASSERT_EQ(close(fd), 0);
}

/* The whole file, in a static buffer. */
static const char *slurp(const char *path) {
  static char buf[8192];
  FILE *f = fopen(path, "rb");
  size_t n;

  DSC_ASSERT(f != NULL);
  n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[n] = '\0';
  return buf;
}

static dsc_personal_keyring_t *load_ok(const char *path) {
  dsc_personal_keyring_t *ring = NULL;
  dsc_detail_t d = {0};
  char buf[600];

  if (dsc_personal_key_load(path, &ring, &d) != DSC_OK)
    DSC_FAIL_("load %s: %s", path,
              dsc_detail_format(&d, DSC_LANG_EN, buf, sizeof buf));
  return ring;
}

/* Writes text with mode to a file of t and loads it: the code and detail. */
static dsc_err_t load_text(tmp_t *t, const char *text, mode_t mode,
                           dsc_detail_t *d) {
  dsc_personal_keyring_t *ring = NULL;
  dsc_err_t err;

  write_file(tmp_path(t, "keys"), text, mode);
  dsc_detail_clear(d);
  err = dsc_personal_key_load(t->path, &ring, d);
  DSC_ASSERT_EQ(unlink(t->path), 0);
  DSC_ASSERT((err == DSC_OK) == (ring != NULL));
  dsc_personal_key_free(ring);
  return err;
}

/* A fresh scratch directory holding the vectors' key file, loaded. */
static dsc_personal_keyring_t *vector_ring(tmp_t *t) {
  tmp_init(t);
  write_file(tmp_path(t, "keys"), vector_keys, 0600);
  return load_ok(t->path);
}

#define ASSERT_CONTAINS(hay, needle)                                           \
  do {                                                                         \
    if (strstr((hay), (needle)) == NULL)                                       \
      DSC_FAIL_("\"%s\" does not contain \"%s\"", (hay), (needle));            \
  } while (0)

static char *seal_ok(const dsc_personal_keyring_t *ring, const char *field,
                     int64_t id, const char *plain) {
  char *text = NULL;
  DSC_ASSERT_EQ(
      dsc_personal_seal(ring, field, id, plain, strlen(plain), &text, NULL),
      DSC_OK);
  return text;
}

/* Opens sealed; returns the code, and compares the plaintext when OK. */
static dsc_err_t open_as(const dsc_personal_keyring_t *ring, const char *field,
                         int64_t id, const char *sealed, const char *want,
                         dsc_detail_t *d) {
  char *plain = NULL;
  size_t len = 0;
  dsc_err_t err = dsc_personal_open(ring, field, id, sealed, &plain, &len, d);

  if (err == DSC_OK) {
    DSC_ASSERT_EQ(len, strlen(want));
    DSC_ASSERT_STR_EQ(plain, want);
  } else {
    DSC_ASSERT(plain == NULL);
  }
  dsc_personal_plain_free(plain, len);
  return err;
}

/* ---- the key file ------------------------------------------------------ */

DSC_TEST(key_generate) {
  tmp_t t;
  struct stat st;
  dsc_personal_keyring_t *a, *b;
  dsc_detail_t d = {0};
  char ka[DSC_PERSONAL_MATCH_KEY_SIZE], kb[DSC_PERSONAL_MATCH_KEY_SIZE];
  char before[8192], path[160];

  tmp_init(&t);
  snprintf(path, sizeof path, "%s", tmp_path(&t, "keys"));
  DSC_ASSERT_EQ(dsc_personal_key_generate(path, &d), DSC_OK);
  DSC_ASSERT_EQ(stat(path, &st), 0);
  DSC_ASSERT_EQ(st.st_mode & 07777, 0600);
  DSC_ASSERT_EQ(st.st_uid, geteuid());
  a = load_ok(path);
  DSC_ASSERT_EQ(dsc_personal_key_current_id(a), 1);
  DSC_ASSERT_EQ(dsc_personal_match_key_id(a), 1);

  /* Never overwritten: the second generate is refused, the file intact. */
  snprintf(before, sizeof before, "%s", slurp(path));
  DSC_ASSERT_EQ(dsc_personal_key_generate(path, &d), DSC_CONFLICT);
  ASSERT_CONTAINS(d.message, path);
  DSC_ASSERT_STR_EQ(slurp(path), before);
  /* The documented form: comments, then `1 HEX`, then `match 1 HEX`. */
  ASSERT_CONTAINS(before, "\n1 ");
  ASSERT_CONTAINS(before, "\nmatch 1 ");

  /* A second key file has other keys. */
  DSC_ASSERT_EQ(dsc_personal_key_generate(tmp_path(&t, "other"), &d), DSC_OK);
  b = load_ok(t.path);
  DSC_ASSERT_EQ(dsc_personal_match_key(a, DSC_APPLICANT_NATURAL_PERSON, NULL,
                                       "张三", ka, sizeof ka, NULL),
                DSC_OK);
  DSC_ASSERT_EQ(dsc_personal_match_key(b, DSC_APPLICANT_NATURAL_PERSON, NULL,
                                       "张三", kb, sizeof kb, NULL),
                DSC_OK);
  DSC_ASSERT(strcmp(ka, kb) != 0);

  DSC_ASSERT_EQ(dsc_personal_key_generate(tmp_path(&t, "no/such/dir"), &d),
                DSC_NOT_FOUND);
  DSC_ASSERT_EQ(dsc_personal_key_generate(NULL, &d), DSC_MISUSE);
  dsc_personal_key_free(a);
  dsc_personal_key_free(b);
  tmp_done(&t);
}

DSC_TEST(key_file_permissions) {
  static const char good[] = "1 " K1 "\nmatch 1 " KM "\n";
  tmp_t t;
  dsc_detail_t d;

  tmp_init(&t);
  DSC_ASSERT_EQ(load_text(&t, good, 0600, &d), DSC_OK);
  DSC_ASSERT_EQ(load_text(&t, good, 0400, &d), DSC_OK);
  DSC_ASSERT_EQ(load_text(&t, good, 0644, &d), DSC_FORBIDDEN);
  ASSERT_CONTAINS(d.message, t.path);
  ASSERT_CONTAINS(d.message, "0644");
  DSC_ASSERT_STR_EQ(d.field, "key_file");
  DSC_ASSERT_EQ(load_text(&t, good, 0640, &d), DSC_FORBIDDEN);
  DSC_ASSERT_EQ(load_text(&t, good, 0604, &d), DSC_FORBIDDEN);
  DSC_ASSERT_EQ(load_text(&t, good, 0610, &d), DSC_FORBIDDEN);

  /* Owned by someone else: only root can make such a file to test with. */
  if (geteuid() == 0) {
    write_file(tmp_path(&t, "theirs"), good, 0600);
    DSC_ASSERT_EQ(chown(t.path, 65534, 65534), 0);
    DSC_ASSERT_EQ(
        dsc_personal_key_load(t.path, &(dsc_personal_keyring_t *){0}, &d),
        DSC_FORBIDDEN);
    ASSERT_CONTAINS(d.message, "belongs to uid 65534");
  } else {
    fprintf(stderr, "not root: the foreign-owner case is skipped\n");
  }
  tmp_done(&t);
}

DSC_TEST(key_file_refusals) {
  static const char zero[] = "0000000000000000000000000000000000000000000000"
                             "000000000000000000";
  tmp_t t;
  dsc_detail_t d;
  dsc_personal_keyring_t *ring = NULL;
  char text[600];

  tmp_init(&t);
  DSC_ASSERT_EQ(dsc_personal_key_load(tmp_path(&t, "absent"), &ring, &d),
                DSC_NOT_FOUND);
  ASSERT_CONTAINS(d.message, t.path);
  DSC_ASSERT_EQ(mkdir(tmp_path(&t, "adir"), 0700), 0);
  DSC_ASSERT_EQ(dsc_personal_key_load(t.path, &ring, &d), DSC_INVALID);
  ASSERT_CONTAINS(d.message, "is a directory");
  /* A FIFO is refused at once, not waited on. */
  DSC_ASSERT_EQ(mkfifo(tmp_path(&t, "fifo"), 0600), 0);
  DSC_ASSERT_EQ(dsc_personal_key_load(t.path, &ring, &d), DSC_INVALID);
  ASSERT_CONTAINS(d.message, "not a regular file");
  write_file(tmp_path(&t, "target"), "1 " K1 "\nmatch 1 " KM "\n", 0600);
  DSC_ASSERT_EQ(symlink(t.path, tmp_path(&t, "link")), 0);
  DSC_ASSERT_EQ(dsc_personal_key_load(t.path, &ring, &d), DSC_INVALID);
  ASSERT_CONTAINS(d.message, "symbolic link");
  DSC_ASSERT(ring == NULL);

  DSC_ASSERT_EQ(load_text(&t, "", 0600, &d), DSC_INVALID);
  ASSERT_CONTAINS(d.message, "holds no key");
  DSC_ASSERT_EQ(load_text(&t, "# only a comment\n\n", 0600, &d), DSC_INVALID);
  DSC_ASSERT_EQ(load_text(&t, "1 " K1 "\n", 0600, &d), DSC_INVALID);
  ASSERT_CONTAINS(d.message, "no `match ID HEX` line");
  DSC_ASSERT_EQ(load_text(&t, "match 1 " KM "\n", 0600, &d), DSC_INVALID);

  /* Bad lines: the line number is given, the key never echoed. */
  DSC_ASSERT_EQ(load_text(&t, "1 " K1 "0\nmatch 1 " KM "\n", 0600, &d),
                DSC_INVALID); /* 65 digits */
  ASSERT_CONTAINS(d.message, "line 1:");
  DSC_ASSERT(strstr(d.message, "0001020304") == NULL);
  DSC_ASSERT_EQ(load_text(&t,
                          "# keys\n1 " K1 "\nmatch 1 "
                          "g0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b"
                          "9babbbcbdbebf\n",
                          0600, &d),
                DSC_INVALID);
  ASSERT_CONTAINS(d.message, "line 3:");
  snprintf(text, sizeof text, "1 %.63s\nmatch 1 %s\n", K1, KM);
  DSC_ASSERT_EQ(load_text(&t, text, 0600, &d), DSC_INVALID);
  DSC_ASSERT_EQ(load_text(&t, "1 " K1 "\n1 " K2 "\nmatch 1 " KM "\n", 0600, &d),
                DSC_INVALID);
  ASSERT_CONTAINS(d.message, "line 2: a key id that appears twice");
  DSC_ASSERT_EQ(load_text(&t, "0 " K1 "\nmatch 1 " KM "\n", 0600, &d),
                DSC_INVALID);
  DSC_ASSERT_EQ(load_text(&t, "4294967296 " K1 "\nmatch 1 " KM "\n", 0600, &d),
                DSC_INVALID);
  DSC_ASSERT_EQ(load_text(&t, "-1 " K1 "\nmatch 1 " KM "\n", 0600, &d),
                DSC_INVALID);
  DSC_ASSERT_EQ(load_text(&t, "1 " K1 " x\nmatch 1 " KM "\n", 0600, &d),
                DSC_INVALID);
  DSC_ASSERT_EQ(
      load_text(&t, "1 " K1 "\nmatch 1 " KM "\nmatch 2 " K2 "\n", 0600, &d),
      DSC_INVALID);
  ASSERT_CONTAINS(d.message, "line 3: a second `match` line");
  snprintf(text, sizeof text, "1 %s\nmatch 1 %s\n", zero, KM);
  DSC_ASSERT_EQ(load_text(&t, text, 0600, &d), DSC_INVALID);
  ASSERT_CONTAINS(d.message, "not all zero");

  /* Accepted: comments, blank lines, tabs, CRLF, upper-case hex, the
   * largest id; the first key line is current wherever the match line is. */
  snprintf(text, sizeof text,
           "# written by hand\r\n\r\nmatch\t9 %s\r\n  4294967295 %s\r\n"
           "# older\n3 " K1 "\n",
           KM,
           "2F2E2D2C2B2A292827262524232221201F1E1D1C1B1A19181716151413121110");
  write_file(tmp_path(&t, "keys"), text, 0600);
  ring = load_ok(t.path);
  DSC_ASSERT_EQ(dsc_personal_key_current_id(ring), 4294967295u);
  DSC_ASSERT_EQ(dsc_personal_match_key_id(ring), 9);
  dsc_personal_key_free(ring);
  dsc_personal_key_free(NULL);
  tmp_done(&t);
}

/* ---- sealing ----------------------------------------------------------- */

/* Values sealed by the independent implementation (see the file comment):
 * key 7 = K1, applicant 1234, field id_number, nonce 40 41 … 57. */
DSC_TEST(sealed_vectors) {
  static const char v1[] =
      "AQAAAAdAQUJDREVGR0hJSktMTU5PUFFSU1RVVlfYlyLjj8teglyT"
      "7UfDaXgWu9vAbCsMZ4oQvOXCym7XFQmd";
  /* applicant -5, field phone, empty plaintext */
  static const char v2[] =
      "AQAAAAdAQUJDREVGR0hJSktMTU5PUFFSU1RVVlemPJEk0VgVZxsNJEDDBPst";
  tmp_t t;
  dsc_personal_keyring_t *ring;
  dsc_detail_t d;
  uint32_t id = 0;

  ring = vector_ring(&t);
  DSC_ASSERT_EQ(open_as(ring, "id_number", 1234, v1, "11010519491231002X", &d),
                DSC_OK);
  DSC_ASSERT_EQ(open_as(ring, "phone", -5, v2, "", &d), DSC_OK);
  DSC_ASSERT_EQ(dsc_personal_sealed_key_id(v1, &id, &d), DSC_OK);
  DSC_ASSERT_EQ(id, 7);
  dsc_personal_key_free(ring);
  tmp_done(&t);
}

/* The sealed form, checked by decoding it here: version 1, the key id
 * big-endian, a nonce, and exactly 16 bytes more than the plaintext. */
DSC_TEST(sealed_form) {
  tmp_t t;
  dsc_personal_keyring_t *ring;
  unsigned char bin[200];
  size_t bin_len = 0;
  char *a, *b;

  ring = vector_ring(&t);
  a = seal_ok(ring, "phone", 1, "13812345678");
  b = seal_ok(ring, "phone", 1, "13812345678");
  DSC_ASSERT(strcmp(a, b) != 0); /* a fresh nonce each time */
  DSC_ASSERT_EQ(sodium_base642bin(bin, sizeof bin, a, strlen(a), NULL, &bin_len,
                                  NULL, sodium_base64_VARIANT_ORIGINAL),
                0);
  DSC_ASSERT_EQ(bin_len, 1 + 4 + 24 + 11 + 16);
  DSC_ASSERT_EQ(bin[0], 1);
  DSC_ASSERT(bin[1] == 0 && bin[2] == 0 && bin[3] == 0 && bin[4] == 7);
  dsc_personal_text_free(a);
  dsc_personal_text_free(b);
  dsc_personal_key_free(ring);
  tmp_done(&t);
}

/* Thousands of random byte strings, the empty and the 4 KiB one included,
 * with random fields and applicant ids, come back exactly. */
DSC_TEST(round_trip_property) {
  static const char *const fields[] = {"id_number", "phone", "email",
                                       "address",   "a",     "x_1"};
  static unsigned char plain[4096];
  uint64_t rs = dsc_test_seed();
  tmp_t t;
  dsc_personal_keyring_t *ring;

  tmp_init(&t);
  DSC_ASSERT_EQ(dsc_personal_key_generate(tmp_path(&t, "keys"), NULL), DSC_OK);
  ring = load_ok(t.path);
  for (int i = 0; i < 4000; i++) {
    uint64_t r = dsc_test_rand(&rs);
    size_t len = i == 0       ? 0
                 : i == 1     ? sizeof plain
                 : r % 4 == 0 ? r / 4 % 32
                 : r % 4 == 1 ? r / 4 % 300
                              : r / 4 % (sizeof plain + 1);
    const char *field = fields[dsc_test_rand(&rs) % 6];
    int64_t id = (int64_t)dsc_test_rand(&rs);
    char *text = NULL, *back = NULL;
    size_t back_len = 0, text_len;

    for (size_t k = 0; k < len; k++)
      plain[k] = (unsigned char)dsc_test_rand(&rs);
    DSC_ASSERT_EQ(dsc_personal_seal(ring, field, id, plain, len, &text, NULL),
                  DSC_OK);
    text_len = strlen(text);
    DSC_ASSERT_EQ(text_len, (1 + 4 + 24 + len + 16 + 2) / 3 * 4);
    DSC_ASSERT_EQ(strspn(text, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqr"
                               "stuvwxyz0123456789+/="),
                  text_len);
    DSC_ASSERT_EQ(
        dsc_personal_open(ring, field, id, text, &back, &back_len, NULL),
        DSC_OK);
    DSC_ASSERT_EQ(back_len, len);
    DSC_ASSERT(memcmp(back, plain, len) == 0);
    DSC_ASSERT_EQ(back[len], '\0');
    dsc_personal_plain_free(back, back_len);
    dsc_personal_text_free(text);
  }
  dsc_personal_key_free(ring);
  tmp_done(&t);
}

/* One flipped bit anywhere in a sealed string, a cut or an addition, is
 * refused as an integrity failure: never opened, never another error. */
DSC_TEST(tampering_is_integrity) {
  static const char *const plains[] = {"", "11010519491231002X",
                                       "北京市东城区东长安街1号，邮编100006"};
  tmp_t t;
  dsc_personal_keyring_t *ring;
  dsc_detail_t d;
  long tried = 0;

  ring = vector_ring(&t);
  for (size_t p = 0; p < 3; p++) {
    char *text = seal_ok(ring, "address", 99, plains[p]);
    size_t len = strlen(text);
    char copy[400];

    DSC_ASSERT(len < sizeof copy - 8);
    for (size_t i = 0; i < len; i++)
      for (int bit = 0; bit < 8; bit++) {
        memcpy(copy, text, len + 1);
        copy[i] = (char)(copy[i] ^ (1 << bit));
        if (open_as(ring, "address", 99, copy, plains[p], &d) != DSC_INTEGRITY)
          DSC_FAIL_("plaintext %zu, char %zu bit %d flipped: %s", p, i, bit,
                    dsc_err_name(d.code));
        DSC_ASSERT_EQ(d.code, DSC_INTEGRITY);
        tried++;
      }
    for (size_t cut = 0; cut < len; cut++) {
      memcpy(copy, text, cut);
      copy[cut] = '\0';
      DSC_ASSERT_EQ(open_as(ring, "address", 99, copy, "", &d), DSC_INTEGRITY);
    }
    snprintf(copy, sizeof copy, "%sAAAA", text);
    DSC_ASSERT_EQ(open_as(ring, "address", 99, copy, "", &d), DSC_INTEGRITY);
    snprintf(copy, sizeof copy, " %s", text);
    DSC_ASSERT_EQ(open_as(ring, "address", 99, copy, "", &d), DSC_INTEGRITY);
    DSC_ASSERT_EQ(open_as(ring, "address", 99, text, plains[p], &d), DSC_OK);
    dsc_personal_text_free(text);
  }
  fprintf(stderr, "%ld single-bit changes refused\n", tried);
  dsc_personal_key_free(ring);
  tmp_done(&t);
}

/* A value opens only as the field and applicant it was sealed for. */
DSC_TEST(moved_value_is_integrity) {
  tmp_t t;
  dsc_personal_keyring_t *ring;
  dsc_detail_t d;
  char *text, *edge;

  ring = vector_ring(&t);
  text = seal_ok(ring, "phone", 42, "13812345678");
  DSC_ASSERT_EQ(open_as(ring, "phone", 42, text, "13812345678", &d), DSC_OK);
  DSC_ASSERT_EQ(open_as(ring, "email", 42, text, "", &d), DSC_INTEGRITY);
  ASSERT_CONTAINS(d.message, "field email of applicant 42");
  DSC_ASSERT_STR_EQ(d.field, "email");
  DSC_ASSERT_EQ(open_as(ring, "phone", 43, text, "", &d), DSC_INTEGRITY);
  DSC_ASSERT_EQ(open_as(ring, "phone", -42, text, "", &d), DSC_INTEGRITY);
  DSC_ASSERT_EQ(open_as(ring, "phone", 42 + ((int64_t)1 << 32), text, "", &d),
                DSC_INTEGRITY);
  DSC_ASSERT_EQ(open_as(ring, "phone_", 42, text, "", &d), DSC_INTEGRITY);
  edge = seal_ok(ring, "id_number", INT64_MIN, "x");
  DSC_ASSERT_EQ(open_as(ring, "id_number", INT64_MIN, edge, "x", &d), DSC_OK);
  DSC_ASSERT_EQ(open_as(ring, "id_number", INT64_MAX, edge, "", &d),
                DSC_INTEGRITY);
  dsc_personal_text_free(text);
  dsc_personal_text_free(edge);
  dsc_personal_key_free(ring);
  tmp_done(&t);
}

DSC_TEST(misuse) {
  static char big[DSC_PERSONAL_MAX_PLAIN + 1];
  tmp_t t;
  dsc_personal_keyring_t *ring;
  dsc_detail_t d;
  char *text = NULL, *plain = NULL;
  size_t len = 0;
  uint32_t id = 0;

  ring = vector_ring(&t);
  DSC_ASSERT_EQ(dsc_personal_seal(ring, "Phone", 1, "x", 1, &text, &d),
                DSC_MISUSE);
  DSC_ASSERT_EQ(dsc_personal_seal(ring, "", 1, "x", 1, &text, &d), DSC_MISUSE);
  DSC_ASSERT_EQ(dsc_personal_seal(ring, "a23456789012345678901234567890123", 1,
                                  "x", 1, &text, &d),
                DSC_MISUSE);
  DSC_ASSERT_EQ(dsc_personal_seal(ring, "a2345678901234567890123456789012", 1,
                                  "x", 1, &text, &d),
                DSC_OK); /* 32 characters: the longest */
  dsc_personal_text_free(text);
  text = NULL;
  DSC_ASSERT_EQ(dsc_personal_seal(ring, "phone", 1, NULL, 1, &text, &d),
                DSC_MISUSE);
  DSC_ASSERT_EQ(dsc_personal_seal(NULL, "phone", 1, "x", 1, &text, &d),
                DSC_MISUSE);
  DSC_ASSERT_EQ(dsc_personal_seal(ring, "phone", 1, big, sizeof big, &text, &d),
                DSC_INVALID);
  DSC_ASSERT(text == NULL);
  DSC_ASSERT_EQ(
      dsc_personal_seal(ring, "phone", 1, big, sizeof big - 1, &text, &d),
      DSC_OK); /* the largest */
  DSC_ASSERT_EQ(dsc_personal_open(ring, "phone", 1, text, &plain, &len, &d),
                DSC_OK);
  DSC_ASSERT_EQ(len, DSC_PERSONAL_MAX_PLAIN);
  dsc_personal_plain_free(plain, len);
  plain = NULL;
  DSC_ASSERT_EQ(dsc_personal_open(ring, "phone", 1, NULL, &plain, &len, &d),
                DSC_MISUSE);
  DSC_ASSERT_EQ(dsc_personal_open(ring, "bad-name", 1, text, &plain, &len, &d),
                DSC_MISUSE);
  DSC_ASSERT_EQ(dsc_personal_sealed_key_id("not sealed", &id, &d),
                DSC_INTEGRITY);
  DSC_ASSERT_EQ(dsc_personal_sealed_key_id("AgAAAAdAQUJDREVGR0hJSktMTU5PUFFSU1"
                                           "RVVlemPJEk0VgVZxsNJEDDBPst",
                                           &id, &d),
                DSC_INTEGRITY); /* version 2 */
  DSC_ASSERT_EQ(dsc_personal_sealed_key_id(NULL, &id, &d), DSC_MISUSE);
  dsc_personal_text_free(text);
  dsc_personal_text_free(NULL);
  dsc_personal_plain_free(NULL, 0);
  dsc_personal_key_free(ring);
  tmp_done(&t);
}

/* ---- rotation ---------------------------------------------------------- */

DSC_TEST(rotation) {
  tmp_t t;
  dsc_personal_keyring_t *r1, *r2, *r3;
  dsc_detail_t d;
  char path[160], m1[DSC_PERSONAL_MATCH_KEY_SIZE],
      m2[DSC_PERSONAL_MATCH_KEY_SIZE];
  char *old, *new_;
  uint32_t id = 0;
  struct stat st;

  tmp_init(&t);
  snprintf(path, sizeof path, "%s", tmp_path(&t, "keys"));
  DSC_ASSERT_EQ(dsc_personal_key_generate(path, &d), DSC_OK);
  r1 = load_ok(path);
  old = seal_ok(r1, "id_number", 5, "11010519491231002X");
  DSC_ASSERT_EQ(dsc_personal_match_key(r1, DSC_APPLICANT_NATURAL_PERSON,
                                       "11010519491231002X", "张三", m1,
                                       sizeof m1, &d),
                DSC_OK);

  /* Key 2 becomes current; key 1 still opens what it sealed. */
  DSC_ASSERT_EQ(dsc_personal_key_rotate(path, &id, &d), DSC_OK);
  DSC_ASSERT_EQ(id, 2);
  DSC_ASSERT_EQ(stat(path, &st), 0);
  DSC_ASSERT_EQ(st.st_mode & 07777, 0600);
  DSC_ASSERT_EQ(access(tmp_path(&t, "keys.new"), F_OK), -1);
  r2 = load_ok(path);
  DSC_ASSERT_EQ(dsc_personal_key_current_id(r2), 2);
  new_ = seal_ok(r2, "id_number", 5, "110101199003071234");
  DSC_ASSERT_EQ(dsc_personal_sealed_key_id(old, &id, &d), DSC_OK);
  DSC_ASSERT_EQ(id, 1);
  DSC_ASSERT_EQ(dsc_personal_sealed_key_id(new_, &id, &d), DSC_OK);
  DSC_ASSERT_EQ(id, 2);
  DSC_ASSERT_EQ(open_as(r2, "id_number", 5, old, "11010519491231002X", &d),
                DSC_OK);
  DSC_ASSERT_EQ(open_as(r2, "id_number", 5, new_, "110101199003071234", &d),
                DSC_OK);
  /* A process still holding the old file cannot open the new value. */
  DSC_ASSERT_EQ(open_as(r1, "id_number", 5, new_, "", &d), DSC_INTEGRITY);
  ASSERT_CONTAINS(d.message, "sealed with key 2, which the key file does not");

  /* The match key does not move with the encryption key. */
  DSC_ASSERT_EQ(dsc_personal_match_key_id(r2), dsc_personal_match_key_id(r1));
  DSC_ASSERT_EQ(dsc_personal_match_key(r2, DSC_APPLICANT_NATURAL_PERSON,
                                       "11010519491231002X", "张三", m2,
                                       sizeof m2, &d),
                DSC_OK);
  DSC_ASSERT_STR_EQ(m1, m2);

  /* The current key cannot be retired; an unknown one is not found. */
  DSC_ASSERT_EQ(dsc_personal_key_retire(path, 2, &d), DSC_CONFLICT);
  DSC_ASSERT_EQ(dsc_personal_key_retire(path, 9, &d), DSC_NOT_FOUND);
  /* Retiring key 1: its values no longer open, with a clear reason. */
  DSC_ASSERT_EQ(dsc_personal_key_retire(path, 1, &d), DSC_OK);
  r3 = load_ok(path);
  DSC_ASSERT_EQ(open_as(r3, "id_number", 5, old, "", &d), DSC_INTEGRITY);
  ASSERT_CONTAINS(d.message, "sealed with key 1, which the key file does not "
                             "hold (retired");
  DSC_ASSERT_EQ(open_as(r3, "id_number", 5, new_, "110101199003071234", &d),
                DSC_OK);
  DSC_ASSERT_EQ(dsc_personal_key_retire(path, 1, &d), DSC_NOT_FOUND);
  DSC_ASSERT_EQ(dsc_personal_match_key(r3, DSC_APPLICANT_NATURAL_PERSON,
                                       "11010519491231002X", "张三", m2,
                                       sizeof m2, &d),
                DSC_OK);
  DSC_ASSERT_STR_EQ(m1, m2);

  /* Ids keep growing past retired ones; a stale .new stops a rotation. */
  DSC_ASSERT_EQ(dsc_personal_key_rotate(path, &id, &d), DSC_OK);
  DSC_ASSERT_EQ(id, 3);
  write_file(tmp_path(&t, "keys.new"), "partial", 0600);
  DSC_ASSERT_EQ(dsc_personal_key_rotate(path, &id, &d), DSC_CONFLICT);
  ASSERT_CONTAINS(d.message, "keys.new already exists");
  /* Rotation checks the file as loading does. */
  DSC_ASSERT_EQ(chmod(path, 0644), 0);
  DSC_ASSERT_EQ(dsc_personal_key_rotate(path, &id, &d), DSC_FORBIDDEN);

  dsc_personal_text_free(old);
  dsc_personal_text_free(new_);
  dsc_personal_key_free(r1);
  dsc_personal_key_free(r2);
  dsc_personal_key_free(r3);
  tmp_done(&t);
}

/* ---- the match key ----------------------------------------------------- */

static const char *match(const dsc_personal_keyring_t *ring,
                         dsc_applicant_type_t type, const char *id,
                         const char *name) {
  static char out[4][DSC_PERSONAL_MATCH_KEY_SIZE];
  static int next;
  char *o = out[next++ % 4];
  dsc_detail_t d;

  DSC_ASSERT_EQ(dsc_personal_match_key(ring, type, id, name, o,
                                       DSC_PERSONAL_MATCH_KEY_SIZE, &d),
                DSC_OK);
  DSC_ASSERT_EQ(strlen(o), 64);
  DSC_ASSERT_EQ(strspn(o, "0123456789abcdef"), 64);
  return o;
}

DSC_TEST(match_key) {
  const dsc_applicant_type_t np = DSC_APPLICANT_NATURAL_PERSON,
                             co = DSC_APPLICANT_COMMERCIAL;
  tmp_t t;
  dsc_personal_keyring_t *ring;
  dsc_detail_t d;
  char out[DSC_PERSONAL_MATCH_KEY_SIZE];

  ring = vector_ring(&t);
  /* The independent implementation's values (file comment). */
  DSC_ASSERT_STR_EQ(
      match(ring, np, "11010519491231002X", "张三"),
      "65045947719aead60413dde858294e6aa7023f1b3081150ee3cc3e5ca2c7b590");
  DSC_ASSERT_STR_EQ(
      match(ring, np, NULL, "张三"),
      "c659bd97c5724fea69946deeaf687ae61e1d090fee8713a9121a320f988fea01");

  /* One number, whatever its case, spacing, the type or the name. */
  DSC_ASSERT_STR_EQ(match(ring, np, "11010519491231002x", "张三"),
                    match(ring, np, "11010519491231002X", "张三"));
  DSC_ASSERT_STR_EQ(match(ring, np, " 110105 19491231002x\t\n", "张三"),
                    match(ring, np, "11010519491231002X", "张三"));
  DSC_ASSERT_STR_EQ(match(ring, co, "11010519491231002X", "李四"),
                    match(ring, np, "11010519491231002X", "张三"));
  DSC_ASSERT(strcmp(match(ring, np, "110105194912310029", "张三"),
                    match(ring, np, "11010519491231002X", "张三")) != 0);
  DSC_ASSERT(strcmp(match(ring, co, "91350100M000100Y43", "x"),
                    match(ring, co, "91350100M000100Y44", "x")) != 0);

  /* Without a number: type and the exact name. */
  DSC_ASSERT_STR_EQ(match(ring, np, NULL, "张三"), match(ring, np, "", "张三"));
  DSC_ASSERT_STR_EQ(match(ring, np, NULL, "张三"),
                    match(ring, np, " \t", "张三"));
  DSC_ASSERT(strcmp(match(ring, np, NULL, "张三"),
                    match(ring, co, NULL, "张三")) != 0);
  DSC_ASSERT(strcmp(match(ring, np, NULL, "张三"),
                    match(ring, np, NULL, "张三 ")) != 0);
  /* é as one code point (NFC) and as e + combining acute (NFD). */
  DSC_ASSERT(strcmp(match(ring, np, NULL, "Jos\xC3\xA9"),
                    match(ring, np, NULL, "Jose\xCC\x81")) != 0);
  /* A number and a name never collide, even with the same bytes. */
  DSC_ASSERT(
      strcmp(match(ring, np, "ABC", NULL), match(ring, np, NULL, "ABC")) != 0);

  DSC_ASSERT_EQ(dsc_personal_match_key(ring, np,
                                       "1234567890123456789012345678901234567"
                                       "8901234567890123456789012345",
                                       "x", out, sizeof out, &d),
                DSC_INVALID);
  DSC_ASSERT_EQ(
      dsc_personal_match_key(ring, np, NULL, NULL, out, sizeof out, &d),
      DSC_MISUSE);
  DSC_ASSERT_EQ(dsc_personal_match_key(ring, np, NULL, "x", out, 64, &d),
                DSC_MISUSE);
  DSC_ASSERT_EQ(dsc_personal_match_key(ring, (dsc_applicant_type_t)99, NULL,
                                       "x", out, sizeof out, &d),
                DSC_MISUSE);
  dsc_personal_key_free(ring);
  tmp_done(&t);
}

/* ---- masks ------------------------------------------------------------- */

typedef char *(*mask_fn)(const char *s, char *buf, size_t buflen);

/* Checks mask(in) == want, and that the documented size always suffices
 * while one byte less than the mask needs gives "". */
static void check_mask(const char *what, mask_fn mask, const char *in,
                       const char *want) {
  char buf[300];
  size_t need = strlen(want) + 1;

  DSC_ASSERT(need <= DSC_PERSONAL_MASK_SIZE(strlen(in)));
  if (strcmp(mask(in, buf, DSC_PERSONAL_MASK_SIZE(strlen(in))), want) != 0)
    DSC_FAIL_("%s(\"%s\") = \"%s\", want \"%s\"", what, in, buf, want);
  DSC_ASSERT_STR_EQ(mask(in, buf, need), want);
  DSC_ASSERT_STR_EQ(mask(in, buf, need - 1), "");
}

/* Checks every {input, expected} pair of a table of hand-written cases. */
#define CHECK_MASKS(mask, table)                                               \
  for (size_t i_ = 0; i_ < sizeof(table) / sizeof(table)[0]; i_++)             \
  check_mask(#mask, mask, (table)[i_][0], (table)[i_][1])

DSC_TEST(mask_id) {
  static const char *const cases[][2] = {
      {"110101199003071234", "110101********1234"},
      {"11010519491231002X", "110105********002X"},
      {"91350100M000100Y43", "913501********0Y43"},
  };
  CHECK_MASKS(dsc_personal_mask_id, cases);
}

DSC_TEST(mask_phone) {
  static const char *const cases[][2] = {
      {"13812345678", "138****5678"},
      {"010-65123456", "010*****3456"},
      {"+86 138 1234 5678", "+86**********5678"},
      {"１３８１２３４５６７８", "１３８****５６７８"},
      {"1381234567", "**********"},
      {"65123456", "********"},
      {"123", "***"},
      {"", ""},
  };
  CHECK_MASKS(dsc_personal_mask_phone, cases);
}

DSC_TEST(mask_email) {
  static const char *const cases[][2] = {
      {"zhangsan@example.cn", "z***@example.cn"},
      {"ab@x.cn", "a***@x.cn"},
      {"a@example.cn", "***@example.cn"},
      {"张三@例子.中国", "张***@例子.中国"},
      {"\"a@b\"@example.cn", "\"***@example.cn"},
      {"no-at-sign", "***"},
      {"@example.cn", "***"},
      {"", "***"},
  };
  CHECK_MASKS(dsc_personal_mask_email, cases);
}

DSC_TEST(mask_address) {
  static const char *const cases[][2] = {
      {"北京市东城区东长安街1号", "北京市东城区…"},
      {"幸福路1号", "幸福…"},
      {"上海", "上…"},
      {"A", "…"},
      {"", ""},
      {"𠀀𠀁𠀂𠀃", "𠀀𠀁…"},
      {"12\n45678901", "12 45…"},
      {"Room 5, 1 Main Street, Beijing", "Room 5…"},
  };
  CHECK_MASKS(dsc_personal_mask_address, cases);
}

/* NULL, a zero-size or NULL buffer, and random text: never a cut
 * character, never more than the documented size, and a phone of fewer
 * than 11 characters never shows one of them. */
DSC_TEST(mask_edges) {
  static const mask_fn masks[] = {dsc_personal_mask_id, dsc_personal_mask_phone,
                                  dsc_personal_mask_email,
                                  dsc_personal_mask_address};
  uint64_t rs = dsc_test_seed();
  char buf[300];

  for (size_t m = 0; m < 4; m++) {
    DSC_ASSERT_STR_EQ(masks[m](NULL, buf, sizeof buf), "");
    DSC_ASSERT(masks[m]("13812345678", NULL, 0) == NULL);
  }
  for (int i = 0; i < 20000; i++) {
    /* Random well-formed UTF-8: ASCII, 2-, 3- and 4-byte characters. */
    static const char *const pieces[] = {"1", "@",  "a",  "\n",
                                         "é", "区", "１", "𠀀"};
    char in[200];
    size_t len = 0, chars = dsc_test_rand(&rs) % 24;

    for (size_t c = 0; c < chars; c++) {
      const char *p = pieces[dsc_test_rand(&rs) % 8];
      memcpy(in + len, p, strlen(p));
      len += strlen(p);
    }
    in[len] = '\0';
    for (size_t m = 0; m < 4; m++) {
      const char *out = masks[m](in, buf, DSC_PERSONAL_MASK_SIZE(len));
      DSC_ASSERT(dsc__utf8_valid(out, strlen(out)));
      if (m == 1 && chars < 11)
        DSC_ASSERT_EQ(strspn(out, "*"), strlen(out));
    }
  }
}

/* ---- allocation failures ----------------------------------------------- */

/* A test allocator that counts live blocks and fails the k-th attempt
 * (and, when persistent, every later one). */
typedef struct failer {
  long attempts, fail_at, live, failed;
  bool persistent;
} failer_t;

static bool failing_now(failer_t *f) {
  f->attempts++;
  if (f->fail_at > 0 && (f->attempts == f->fail_at ||
                         (f->persistent && f->attempts > f->fail_at))) {
    f->failed++;
    return true;
  }
  return false;
}

static void *f_malloc(size_t n, void *ud) {
  failer_t *f = ud;
  void *p = failing_now(f) ? NULL : malloc(n);
  f->live += p != NULL;
  return p;
}

static void *f_realloc(void *p, size_t n, void *ud) {
  return failing_now(ud) ? NULL : realloc(p, n);
}

static void f_free(void *p, void *ud) {
  ((failer_t *)ud)->live--;
  free(p);
}

/* What a case under the failing allocator works on. */
typedef struct subject {
  tmp_t t;
  char keys[160];
  char saved[8192]; /* the key file's text before the operation */
} subject_t;

typedef dsc_err_t (*subject_op)(subject_t *s, dsc_detail_t *d);

static dsc_err_t op_load(subject_t *s, dsc_detail_t *d) {
  dsc_personal_keyring_t *ring = NULL;
  dsc_err_t err = dsc_personal_key_load(s->keys, &ring, d);
  dsc_personal_key_free(ring);
  return err;
}

static dsc_err_t op_seal_open(subject_t *s, dsc_detail_t *d) {
  dsc_personal_keyring_t *ring = NULL;
  char *text = NULL, *plain = NULL;
  size_t len = 0;
  dsc_err_t err = dsc_personal_key_load(s->keys, &ring, d);

  if (err == DSC_OK)
    err = dsc_personal_seal(ring, "email", 3, "li@example.cn", 13, &text, d);
  if (err == DSC_OK)
    err = dsc_personal_open(ring, "email", 3, text, &plain, &len, d);
  if (err == DSC_OK)
    DSC_ASSERT_STR_EQ(plain, "li@example.cn");
  dsc_personal_plain_free(plain, len);
  dsc_personal_text_free(text);
  dsc_personal_key_free(ring);
  return err;
}

/* After an operation that changes the key file: a failed one must have
 * left the file as it was and no "<keys>.new" behind; either way the
 * original goes back for the next run. */
static dsc_err_t restored(subject_t *s, dsc_err_t err) {
  DSC_ASSERT_EQ(access(tmp_path(&s->t, "keys.new"), F_OK), -1);
  if (err != DSC_OK)
    DSC_ASSERT_STR_EQ(slurp(s->keys), s->saved);
  DSC_ASSERT_EQ(unlink(s->keys), 0);
  write_file(s->keys, s->saved, 0600);
  return err;
}

static dsc_err_t op_rotate(subject_t *s, dsc_detail_t *d) {
  return restored(s, dsc_personal_key_rotate(s->keys, NULL, d));
}

static dsc_err_t op_retire(subject_t *s, dsc_detail_t *d) {
  return restored(s, dsc_personal_key_retire(s->keys, 7, d));
}

static dsc_err_t op_generate(subject_t *s, dsc_detail_t *d) {
  dsc_err_t err = dsc_personal_key_generate(tmp_path(&s->t, "generated"), d);

  if (err == DSC_OK)
    DSC_ASSERT_EQ(unlink(s->t.path), 0);
  DSC_ASSERT_EQ(access(s->t.path, F_OK), -1);
  return err;
}

/* Runs op with allocation k failing for k = 1, 2, ... until a run no longer
 * reaches a failure: each failed run returns DSC_NOMEM with the detail
 * saying so and leaves no block behind; the final run succeeds. */
static void fail_each(const char *what, subject_op op, bool persistent) {
  subject_t s;
  long k;

  tmp_init(&s.t);
  snprintf(s.keys, sizeof s.keys, "%s", tmp_path(&s.t, "keys"));
  snprintf(s.saved, sizeof s.saved, "2 %s\n7 %s\nmatch 1 %s\n", K2, K1, KM);
  write_file(s.keys, s.saved, 0600);
  for (k = 1;; k++) {
    failer_t f = {.fail_at = k, .persistent = persistent};
    dsc_allocator_t a = {f_malloc, f_realloc, f_free, &f};
    dsc_detail_t d = {0};
    dsc_err_t err;

    DSC_ASSERT_EQ(dsc_set_allocator(&a), DSC_OK);
    err = op(&s, &d);
    DSC_ASSERT_EQ(dsc_set_allocator(NULL), DSC_OK);
    if (f.live != 0)
      DSC_FAIL_("%s, allocation %ld failing: %ld blocks leaked", what, k,
                f.live);
    if (f.failed == 0) {
      DSC_ASSERT_EQ(err, DSC_OK);
      break;
    }
    if (err != DSC_NOMEM || d.code != DSC_NOMEM)
      DSC_FAIL_("%s, allocation %ld failing: %s, not no_memory", what, k,
                dsc_err_name(err));
  }
  DSC_ASSERT(k > 1); /* the operation allocated through the hook */
  tmp_done(&s.t);
}

DSC_TEST(failing_allocations) {
  for (int persistent = 0; persistent < 2; persistent++) {
    fail_each("load", op_load, persistent);
    fail_each("seal and open", op_seal_open, persistent);
    fail_each("rotate", op_rotate, persistent);
    fail_each("retire", op_retire, persistent);
    fail_each("generate", op_generate, persistent);
  }
}

/* ---- a measurement, printed, never asserted ----------------------------- */

static double seconds_since(const struct timespec *t0) {
  struct timespec t1;
  clock_gettime(CLOCK_MONOTONIC, &t1);
  return (double)(t1.tv_sec - t0->tv_sec) +
         (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

DSC_TEST(benchmark) {
  enum { N = 20000 };
  static char *texts[N];
  tmp_t t;
  dsc_personal_keyring_t *ring;
  struct timespec t0;
  char out[DSC_PERSONAL_MATCH_KEY_SIZE];
  double s;

  ring = vector_ring(&t);
  clock_gettime(CLOCK_MONOTONIC, &t0);
  for (int i = 0; i < N; i++)
    texts[i] = seal_ok(ring, "address", i, "北京市东城区东长安街1号");
  s = seconds_since(&t0);
  printf("seal of a 34-byte field: %.0f/s (%.2f us)\n", N / s, s / N * 1e6);
  clock_gettime(CLOCK_MONOTONIC, &t0);
  for (int i = 0; i < N; i++) {
    char *plain = NULL;
    size_t len = 0;
    DSC_ASSERT_EQ(
        dsc_personal_open(ring, "address", i, texts[i], &plain, &len, NULL),
        DSC_OK);
    dsc_personal_plain_free(plain, len);
  }
  s = seconds_since(&t0);
  printf("open of a 34-byte field: %.0f/s (%.2f us)\n", N / s, s / N * 1e6);
  for (int i = 0; i < N; i++)
    dsc_personal_text_free(texts[i]);
  clock_gettime(CLOCK_MONOTONIC, &t0);
  for (int i = 0; i < N; i++)
    DSC_ASSERT_EQ(dsc_personal_match_key(ring, DSC_APPLICANT_NATURAL_PERSON,
                                         "11010519491231002x", NULL, out,
                                         sizeof out, NULL),
                  DSC_OK);
  s = seconds_since(&t0);
  printf("match key: %.0f/s (%.2f us)\n", N / s, s / N * 1e6);
  clock_gettime(CLOCK_MONOTONIC, &t0);
  for (int i = 0; i < 200; i++)
    dsc_personal_key_free(load_ok(t.path));
  s = seconds_since(&t0);
  printf("key file load: %.0f/s\n", 200 / s);
  dsc_personal_key_free(ring);
  tmp_done(&t);
}

static const dsc_test_case_t cases[] = {
    DSC_TEST_ENTRY(key_generate),
    DSC_TEST_ENTRY(key_file_permissions),
    DSC_TEST_ENTRY(key_file_refusals),
    DSC_TEST_ENTRY(sealed_vectors),
    DSC_TEST_ENTRY(sealed_form),
    DSC_TEST_ENTRY(round_trip_property),
    DSC_TEST_ENTRY(tampering_is_integrity),
    DSC_TEST_ENTRY(moved_value_is_integrity),
    DSC_TEST_ENTRY(misuse),
    DSC_TEST_ENTRY(rotation),
    DSC_TEST_ENTRY(match_key),
    DSC_TEST_ENTRY(mask_id),
    DSC_TEST_ENTRY(mask_phone),
    DSC_TEST_ENTRY(mask_email),
    DSC_TEST_ENTRY(mask_address),
    DSC_TEST_ENTRY(mask_edges),
    DSC_TEST_ENTRY(failing_allocations),
    DSC_TEST_ENTRY(benchmark),
};
DSC_TEST_MAIN(cases)
