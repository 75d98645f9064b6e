/* The natural-person application of tests/integration/fixtures, received on
 * 2024-03-01 (the business date of the C integration tests), for the tests
 * that drive the engine through the C API. */
#ifndef DSC_TEST_FIXTURE_SUBMISSION_H
#define DSC_TEST_FIXTURE_SUBMISSION_H

/* The application up to and including its form, without the closing brace,
 * on the given channel (a string literal; "%s" for a format). */
#define DSC_FIXTURE_APPLICATION(channel)                                       \
  "{\"agency\": \"default\", \"channel\": \"" channel "\", "                   \
  "\"received_on\": \"2024-03-01\", "                                          \
  "\"applicant\": {\"type\": \"natural_person\", \"name\": \"张三\", "       \
  "\"id_number\": \"11010519491231002X\", \"phone\": \"13800000000\", "        \
  "\"email\": \"zhangsan@example.cn\", "                                       \
  "\"address\": \"北京市朝阳区某路1号\"}, "                           \
  "\"description\": \"2022年度本机关财政预算执行情况\", "         \
  "\"form\": \"electronic\""

/* The whole application, online, without an idempotency key. */
#define DSC_FIXTURE_SUBMISSION DSC_FIXTURE_APPLICATION("online") "}"

#endif
