/* A small test harness: each test binary lists its cases and runs one by
 * name, so CMake registers every case as its own ctest entry
 * (`test_x list`, `test_x run NAME`). A failed assertion prints both sides
 * and ends the process with status 1. */
#ifndef DSC_TEST_H
#define DSC_TEST_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct dsc_test_case {
  const char *name;
  void (*fn)(void);
} dsc_test_case_t;

/* Defines a case; CMake finds cases by this macro at the start of a line. */
#define DSC_TEST(name) static void test_##name(void)
#define DSC_TEST_ENTRY(name)                                                   \
  { #name, test_##name }

#define DSC_FAIL_(...)                                                         \
  do {                                                                         \
    fprintf(stderr, "%s:%d: ", __FILE__, __LINE__);                            \
    fprintf(stderr, __VA_ARGS__);                                              \
    fputc('\n', stderr);                                                       \
    exit(1);                                                                   \
  } while (0)

#define DSC_ASSERT(cond)                                                       \
  do {                                                                         \
    if (!(cond))                                                               \
      DSC_FAIL_("assertion failed: %s", #cond);                                \
  } while (0)

#define DSC_ASSERT_EQ(a, b)                                                    \
  do {                                                                         \
    long long a_ = (long long)(a), b_ = (long long)(b);                        \
    if (a_ != b_)                                                              \
      DSC_FAIL_("%s == %s: %lld != %lld", #a, #b, a_, b_);                     \
  } while (0)

#define DSC_ASSERT_STR_EQ(a, b)                                                \
  do {                                                                         \
    const char *a_ = (a), *b_ = (b);                                           \
    if (a_ == NULL || b_ == NULL || strcmp(a_, b_) != 0)                       \
      DSC_FAIL_("%s == %s: \"%s\" != \"%s\"", #a, #b, a_ ? a_ : "(null)",      \
                b_ ? b_ : "(null)");                                           \
  } while (0)

/* Runs the case named argv[2] or lists every case; returns the exit status.*/
static inline int dsc_test_main(const dsc_test_case_t *cases, size_t n,
                                int argc, char **argv) {
  if (argc >= 2 && strcmp(argv[1], "list") == 0) {
    for (size_t i = 0; i < n; i++)
      printf("%s\n", cases[i].name);
    return 0;
  }
  if (argc >= 3 && strcmp(argv[1], "run") == 0) {
    for (size_t i = 0; i < n; i++)
      if (strcmp(cases[i].name, argv[2]) == 0) {
        cases[i].fn();
        return 0;
      }
    fprintf(stderr, "no such case: %s\n", argv[2]);
    return 2;
  }
  if (argc == 1) { /* run them all */
    for (size_t i = 0; i < n; i++)
      cases[i].fn();
    printf("%zu passed, 0 failed\n", n);
    return 0;
  }
  fprintf(stderr, "usage: %s [list | run NAME]\n", argv[0]);
  return 2;
}

#define DSC_TEST_MAIN(cases)                                                   \
  int main(int argc, char **argv) {                                            \
    return dsc_test_main(cases, sizeof cases / sizeof cases[0], argc, argv);   \
  }

/* A deterministic pseudo-random generator for property tests (splitmix64),
 * seeded from DSC_TEST_SEED when set so a failure can be replayed. */
static inline uint64_t dsc_test_rand(uint64_t *state) {
  uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

static inline uint64_t dsc_test_seed(void) {
  const char *s = getenv("DSC_TEST_SEED");
  uint64_t seed = s ? strtoull(s, NULL, 10) : 20190515u;
  fprintf(stderr, "seed %llu (set DSC_TEST_SEED to replay)\n",
          (unsigned long long)seed);
  return seed;
}

#endif
