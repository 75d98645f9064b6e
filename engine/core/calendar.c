/* The working-day calendar: working days as ordinals (DESIGN principle 5).
 *
 * For the covered range [start, start + ndays) the calendar holds two arrays
 * in one allocation:
 *
 *   ord[i]    the number of working days in [start, start + i], that is the
 *             ordinal of the last working day on or before start + i;
 *   by_ord[k] the date of the k-th working day (k = 1 … nworkdays); by_ord[0]
 *             is start - 1 and is never returned.
 *
 * So d is a working day iff ord[d] − ord[d − 1] = 1, the n-th working day
 * strictly after `from` is by_ord[ord[from] + n], and the working days in
 * (a, b] number ord[b] − ord[a]. Nothing walks day by day after creation.
 */
#include "disclose/calendar.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h> /* qsort */
#include <string.h>

#include "alloc.h"
#include "utf8.h"

struct dsc_calendar {
  int first_year;     /* first loaded year */
  int last_year;      /* last loaded year */
  dsc_date_t start;   /* 1 January first_year */
  dsc_date_t end;     /* 31 December last_year */
  int32_t ndays;      /* days from 1 January first_year to 31 December
                         last_year */
  int32_t nworkdays;  /* working days among them */
  int32_t *ord;       /* [ndays], see above */
  dsc_date_t *by_ord; /* [nworkdays + 1], see above */
  int32_t storage[];  /* ord then by_ord */
};

/* dsc_date_t is the storage type of both arrays. */
_Static_assert(sizeof(dsc_date_t) == sizeof(int32_t), "dsc_date_t is 32-bit");

static const char *const weekday_en[8] = {"",          "Monday",   "Tuesday",
                                          "Wednesday", "Thursday", "Friday",
                                          "Saturday",  "Sunday"};
static const char *const weekday_zh[8] = {
    "", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"};

/* The dates the date module can name, 0001-01-01 … 9999-12-31. Anything
 * outside (DSC_DATE_NONE, garbage) is a caller's mistake, and converting it
 * to a year could overflow. */
static bool date_in_civil_range(dsc_date_t d) {
  return d >= dsc_date_from_ymd(1, 1, 1) &&
         d <= dsc_date_from_ymd(9999, 12, 31);
}

static int year_of(dsc_date_t d) {
  int y;
  dsc_date_to_ymd(d, &y, NULL, NULL);
  return y;
}

static bool is_weekend(dsc_date_t d) { return dsc_date_weekday(d) >= 6; }

/* The check of one exception row, shared by create and the CSV parser: kind
 * known and on the right kind of day. Writes the failure, without a field,
 * into en/zh and returns false. */
static bool check_row(const dsc_calendar_exception_t *row, char *en,
                      size_t en_cap, char *zh, size_t zh_cap) {
  char buf[DSC_DATE_STRLEN];
  int wd;

  if (!date_in_civil_range(row->date)) {
    snprintf(en, en_cap,
             "a date between 0001-01-01 and 9999-12-31 is required");
    snprintf(zh, zh_cap, "日期须在0001-01-01至9999-12-31之间");
    return false;
  }
  dsc_date_format(row->date, buf);
  wd = dsc_date_weekday(row->date);
  switch (row->kind) {
  case DSC_DAY_HOLIDAY:
    if (wd >= 6) {
      snprintf(en, en_cap, "%s is a %s; a holiday must fall on Monday–Friday",
               buf, weekday_en[wd]);
      snprintf(zh, zh_cap, "%s是%s；放假日必须在星期一至星期五", buf,
               weekday_zh[wd]);
      return false;
    }
    return true;
  case DSC_DAY_WORKDAY:
    if (wd < 6) {
      snprintf(en, en_cap,
               "%s is a %s; a workday must fall on Saturday or Sunday", buf,
               weekday_en[wd]);
      snprintf(zh, zh_cap, "%s是%s；调休上班日必须在星期六或星期日", buf,
               weekday_zh[wd]);
      return false;
    }
    return true;
  }
  snprintf(en, en_cap, "%s: kind %d is neither holiday nor workday", buf,
           (int)row->kind);
  snprintf(zh, zh_cap, "%s：类别%d既不是放假日也不是调休上班日", buf,
           (int)row->kind);
  return false;
}

/* A row's date with the index it came from, for finding duplicates by
 * sorting: O(n log n), and the same answer whatever the input order. */
typedef struct dated_index {
  dsc_date_t date;
  size_t index;
} dated_index_t;

static int dated_index_cmp(const void *pa, const void *pb) {
  const dated_index_t *a = pa, *b = pb;
  if (a->date != b->date)
    return a->date < b->date ? -1 : 1;
  return a->index < b->index ? -1 : a->index > b->index;
}

/* Sorts v[0..n) and returns the smallest index that repeats the date of an
 * earlier index, with that earlier index in *first; SIZE_MAX when the dates
 * are distinct. */
static size_t find_duplicate(dated_index_t *v, size_t n, size_t *first) {
  size_t best = SIZE_MAX, run = 0;

  if (n > 1)
    qsort(v, n, sizeof *v, dated_index_cmp);
  /* After sorting, equal dates form runs in index order: the run's first
   * entry is the date's first occurrence, the second its first repeat. */
  for (size_t i = 1; i < n; i++) {
    if (v[i].date != v[run].date) {
      run = i;
      continue;
    }
    if (v[i].index < best) {
      best = v[i].index;
      *first = v[run].index;
    }
  }
  return best;
}

static dsc_err_t gap(dsc_detail_t *detail, int year) {
  return dsc_detail_setf(detail, DSC_CALENDAR_GAP, "calendar",
                         "no working-day calendar for %d", "没有%d年的工作日历",
                         year);
}

static dsc_err_t not_a_date(dsc_detail_t *detail, const char *fn) {
  return dsc_detail_setf(detail, DSC_MISUSE, "date",
                         "%s: not a date between 0001 and 9999",
                         "%s：日期不在0001至9999年之间", fn);
}

dsc_err_t dsc_calendar_create(int first_year, int last_year,
                              const dsc_calendar_exception_t *rows,
                              size_t nrows, dsc_calendar_t **out,
                              dsc_detail_t *detail) {
  char en[200], zh[200];
  dsc_calendar_t *cal;
  dated_index_t *dates;
  dsc_date_t start, end;
  int32_t ndays, nworkdays = 0, k = 0;
  size_t dup, first = 0;

  if (out == NULL || (rows == NULL && nrows > 0))
    return dsc_detail_set(detail, DSC_MISUSE, "",
                          "dsc_calendar_create: NULL rows or output",
                          "dsc_calendar_create：参数为空");
  if (first_year < DSC_CALENDAR_MIN_YEAR || last_year > DSC_CALENDAR_MAX_YEAR ||
      first_year > last_year)
    return dsc_detail_setf(detail, DSC_INVALID, "calendar",
                           "years %d–%d: need %d ≤ first year ≤ last year ≤ %d",
                           "年份%d–%d："
                           "须满足 %d ≤ 起始年 ≤ 结束年 ≤ %d",
                           first_year, last_year, DSC_CALENDAR_MIN_YEAR,
                           DSC_CALENDAR_MAX_YEAR);

  for (size_t i = 0; i < nrows; i++)
    if (!check_row(&rows[i], en, sizeof en, zh, sizeof zh))
      return dsc_detail_set(detail, DSC_INVALID, "date", en, zh);

  dates = dsc__malloc((nrows > 0 ? nrows : 1) * sizeof *dates);
  if (dates == NULL)
    return dsc_detail_set(detail, DSC_NOMEM, "", NULL, NULL);
  for (size_t i = 0; i < nrows; i++)
    dates[i] = (dated_index_t){rows[i].date, i};
  dup = find_duplicate(dates, nrows, &first);
  dsc__free(dates);
  if (dup != SIZE_MAX) {
    char buf[DSC_DATE_STRLEN];
    dsc_date_format(rows[dup].date, buf);
    return dsc_detail_setf(
        detail, DSC_INVALID, "date", "%s appears twice (rows %zu and %zu)",
        "%s出现了两次（第%zu和第%zu条）", buf, first + 1, dup + 1);
  }

  start = dsc_date_from_ymd(first_year, 1, 1);
  end = dsc_date_from_ymd(last_year, 12, 31);
  ndays = end - start + 1;

  /* The exact number of working days, so that one allocation holds both
   * arrays: Monday–Friday, minus holidays, plus make-up workdays (the rows
   * are distinct and on the right weekdays, so this cannot double-count). */
  for (dsc_date_t d = start; d <= end; d++)
    nworkdays += !is_weekend(d);
  for (size_t i = 0; i < nrows; i++)
    if (rows[i].date >= start && rows[i].date <= end)
      nworkdays += rows[i].kind == DSC_DAY_WORKDAY ? 1 : -1;

  cal = dsc__malloc(sizeof *cal +
                    ((size_t)ndays + (size_t)nworkdays + 1) * sizeof(int32_t));
  if (cal == NULL)
    return dsc_detail_set(detail, DSC_NOMEM, "", NULL, NULL);
  cal->first_year = first_year;
  cal->last_year = last_year;
  cal->start = start;
  cal->end = end;
  cal->ndays = ndays;
  cal->nworkdays = nworkdays;
  cal->ord = cal->storage;
  cal->by_ord = cal->storage + ndays;

  /* ord first holds 1 for a working day and 0 for a day off … */
  for (int32_t i = 0; i < ndays; i++)
    cal->ord[i] = !is_weekend(start + i);
  for (size_t i = 0; i < nrows; i++)
    if (rows[i].date >= start && rows[i].date <= end)
      cal->ord[rows[i].date - start] = rows[i].kind == DSC_DAY_WORKDAY;
  /* … then becomes the running count, and each working day is numbered. */
  cal->by_ord[0] = start - 1;
  for (int32_t i = 0; i < ndays; i++) {
    if (cal->ord[i])
      cal->by_ord[++k] = start + i;
    cal->ord[i] = k;
  }
  /* k == nworkdays by construction. */
  *out = cal;
  return DSC_OK;
}

void dsc_calendar_destroy(dsc_calendar_t *cal) { dsc__free(cal); }

int dsc_calendar_first_year(const dsc_calendar_t *cal) {
  return cal != NULL ? cal->first_year : 0;
}

int dsc_calendar_last_year(const dsc_calendar_t *cal) {
  return cal != NULL ? cal->last_year : 0;
}

static bool in_range(const dsc_calendar_t *cal, dsc_date_t d) {
  return d >= cal->start && d <= cal->end;
}

bool dsc_calendar_is_workday(const dsc_calendar_t *cal, dsc_date_t d) {
  int32_t i;

  if (cal == NULL || !in_range(cal, d))
    return false;
  i = d - cal->start;
  return cal->ord[i] - (i > 0 ? cal->ord[i - 1] : 0) == 1;
}

dsc_err_t dsc_calendar_add_workdays(const dsc_calendar_t *cal, dsc_date_t from,
                                    int n, dsc_date_t *out,
                                    dsc_detail_t *detail) {
  int32_t at;

  if (cal == NULL || out == NULL)
    return dsc_detail_set(detail, DSC_MISUSE, "",
                          "dsc_calendar_add_workdays: NULL calendar or output",
                          "dsc_calendar_add_workdays：参数为空");
  if (n < 0)
    return dsc_detail_setf(detail, DSC_MISUSE, "n",
                           "a number of working days cannot be negative (%d)",
                           "工作日数不能为负数（%d）", n);
  if (!date_in_civil_range(from))
    return not_a_date(detail, "dsc_calendar_add_workdays");
  if (!in_range(cal, from))
    return gap(detail, year_of(from));
  if (n == 0) {
    *out = from;
    return DSC_OK;
  }
  at = cal->ord[from - cal->start];
  /* Compared this way round so that a huge n cannot overflow. */
  if (n > cal->nworkdays - at)
    return gap(detail, cal->last_year + 1);
  *out = cal->by_ord[at + n];
  return DSC_OK;
}

dsc_err_t dsc_calendar_workdays_between(const dsc_calendar_t *cal, dsc_date_t a,
                                        dsc_date_t b, int *out,
                                        dsc_detail_t *detail) {
  if (cal == NULL || out == NULL)
    return dsc_detail_set(
        detail, DSC_MISUSE, "",
        "dsc_calendar_workdays_between: NULL calendar or output",
        "dsc_calendar_workdays_between：参数为空");
  if (!date_in_civil_range(a) || !date_in_civil_range(b))
    return not_a_date(detail, "dsc_calendar_workdays_between");
  if (!in_range(cal, a))
    return gap(detail, year_of(a));
  if (!in_range(cal, b))
    return gap(detail, year_of(b));
  /* (a, b] holds ord[b] − ord[a] working days when a ≤ b; when b < a the
   * same difference is minus the count of (b, a]. */
  *out = (int)(cal->ord[b - cal->start] - cal->ord[a - cal->start]);
  return DSC_OK;
}

/* ---- CSV ---------------------------------------------------------------- */

/* What the parser has built so far. rows/names grow together; names is NULL
 * when the caller did not ask for names. */
typedef struct csv_out {
  dsc_calendar_exception_t *rows;
  char **names;
  size_t n, cap;
  bool want_names;
} csv_out_t;

static bool csv_push(csv_out_t *o, dsc_date_t date, dsc_day_kind_t kind,
                     const char *name, size_t name_len) {
  if (o->n == o->cap) {
    size_t cap = o->cap ? o->cap * 2 : 256;
    dsc_calendar_exception_t *rows = dsc__realloc(o->rows, cap * sizeof *rows);
    if (rows == NULL)
      return false;
    o->rows = rows;
    if (o->want_names) {
      char **names = dsc__realloc(o->names, cap * sizeof *names);
      if (names == NULL)
        return false;
      o->names = names;
    }
    o->cap = cap;
  }
  if (o->want_names) {
    char *copy = dsc__strndup(name, name_len);
    if (copy == NULL)
      return false;
    o->names[o->n] = copy;
  }
  o->rows[o->n++] = (dsc_calendar_exception_t){date, kind};
  return true;
}

/* Quotes a user-supplied field in a message only when it is short printable
 * ASCII, so that a message never carries broken UTF-8 or control bytes. */
static const char *echo(char *buf, size_t cap, const char *s, size_t len) {
  if (len + 4 > cap) /* space, two quotes and the NUL */
    return "";
  for (size_t i = 0; i < len; i++)
    if (s[i] < 0x20 || s[i] > 0x7E)
      return "";
  buf[0] = ' ';
  buf[1] = '"';
  memcpy(buf + 2, s, len);
  buf[len + 2] = '"';
  buf[len + 3] = '\0';
  return buf;
}

static bool span_eq(const char *s, size_t len, const char *lit) {
  return len == strlen(lit) && memcmp(s, lit, len) == 0;
}

/* Parses one data line s[0..len) (line end removed) into o. On a malformed
 * line writes the reason into *err (field `field`) and returns DSC_INVALID. */
static dsc_err_t csv_line(csv_out_t *o, const char *s, size_t len,
                          const char *field, dsc_detail_t *err) {
  const char *c1, *c2, *name, *end = s + len;
  char date_buf[DSC_DATE_STRLEN], quoted[40], en[200], zh[200];
  dsc_calendar_exception_t row;
  size_t kind_len, name_len;

  if (len == 0)
    return dsc_detail_set(err, DSC_INVALID, field,
                          "empty line (expected date,kind,name)",
                          "空行（应为 日期,类别,名称）");
  c1 = memchr(s, ',', len);
  c2 = c1 ? memchr(c1 + 1, ',', (size_t)(end - c1 - 1)) : NULL;
  if (c2 == NULL)
    return dsc_detail_setf(err, DSC_INVALID, field,
                           "only %d column(s); expected 3: date,kind,name",
                           "只有%d列；应为3列：date,kind,name", c1 ? 2 : 1);
  name = c2 + 1;
  name_len = (size_t)(end - name);
  if (memchr(name, ',', name_len) != NULL)
    return dsc_detail_set(
        err, DSC_INVALID, field,
        "more than 3 columns (a name may not contain a comma)",
        "超过3列（名称不能包含逗号）");

  if (c1 - s != 10) {
    return dsc_detail_setf(err, DSC_INVALID, field, "date%s is not YYYY-MM-DD",
                           "日期%s不是 YYYY-MM-DD 格式",
                           echo(quoted, sizeof quoted, s, (size_t)(c1 - s)));
  }
  memcpy(date_buf, s, 10);
  date_buf[10] = '\0';
  if (dsc_date_parse(date_buf, &row.date) != DSC_OK)
    return dsc_detail_setf(
        err, DSC_INVALID, field, "date%s is not a real YYYY-MM-DD date",
        "日期%s不是有效的 YYYY-MM-DD 日期", echo(quoted, sizeof quoted, s, 10));

  kind_len = (size_t)(c2 - c1 - 1);
  if (span_eq(c1 + 1, kind_len, "holiday"))
    row.kind = DSC_DAY_HOLIDAY;
  else if (span_eq(c1 + 1, kind_len, "workday"))
    row.kind = DSC_DAY_WORKDAY;
  else
    return dsc_detail_setf(err, DSC_INVALID, field,
                           "kind%s is neither holiday nor workday",
                           "类别%s既不是 holiday 也不是 workday",
                           echo(quoted, sizeof quoted, c1 + 1, kind_len));
  if (!check_row(&row, en, sizeof en, zh, sizeof zh))
    return dsc_detail_set(err, DSC_INVALID, field, en, zh);

  if (name_len > DSC_CALENDAR_NAME_MAX)
    return dsc_detail_setf(err, DSC_INVALID, field, "name longer than %d bytes",
                           "名称超过%d字节", DSC_CALENDAR_NAME_MAX);
  if (!dsc__utf8_valid(name, name_len))
    return dsc_detail_set(err, DSC_INVALID, field, "name is not UTF-8 text",
                          "名称不是有效的 UTF-8 文本");
  for (size_t i = 0; i < name_len; i++) {
    unsigned char ch = (unsigned char)name[i];
    if (ch == '"' || ch < 0x20 || ch == 0x7F)
      return dsc_detail_set(err, DSC_INVALID, field,
                            "name holds a quote or a control character "
                            "(no quoting, LF or CRLF line ends only)",
                            "名称含有引号或控制字符（不支持引号，行尾只能是 LF "
                            "或 CRLF）");
  }

  if (!csv_push(o, row.date, row.kind, name, name_len))
    return dsc_detail_set(err, DSC_NOMEM, "", NULL, NULL);
  return DSC_OK;
}

/* Data row i (0-based) is on line i + 2: the header is line 1 and there are
 * no blank lines. */
static size_t line_of_row(size_t i) { return i + 2; }

dsc_err_t dsc_calendar_parse_csv(const char *text, size_t len,
                                 dsc_calendar_exception_t **rows, char ***names,
                                 size_t *nrows, dsc_detail_t *detail) {
  csv_out_t o = {NULL, NULL, 0, 0, names != NULL};
  const char *p, *end;
  dsc_detail_t err = {DSC_OK, "", "", ""};
  char field[32];
  size_t line = 1, dup = SIZE_MAX, first = 0;

  if (rows == NULL || nrows == NULL || (text == NULL && len > 0))
    return dsc_detail_set(detail, DSC_MISUSE, "",
                          "dsc_calendar_parse_csv: NULL text or output",
                          "dsc_calendar_parse_csv：参数为空");
  *rows = NULL;
  *nrows = 0;
  if (names != NULL)
    *names = NULL;
  if (len > DSC_CALENDAR_CSV_MAX)
    return dsc_detail_setf(detail, DSC_INVALID, "file", "larger than %d bytes",
                           "超过%d字节", DSC_CALENDAR_CSV_MAX);
  if (len == 0)
    return dsc_detail_set(detail, DSC_INVALID, "line 1",
                          "empty file: the header date,kind,name is missing",
                          "文件为空：缺少表头 date,kind,name");

  /* Only now is text known to be non-NULL (no arithmetic on NULL). */
  p = text;
  end = text + len;

  if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  while (p < end) {
    const char *eol = memchr(p, '\n', (size_t)(end - p));
    const char *stop = eol ? eol : end, *next = eol ? eol + 1 : end;

    /* A CR counts as part of the line end only right before an LF. */
    if (eol != NULL && stop > p && stop[-1] == '\r')
      stop--;
    snprintf(field, sizeof field, "line %zu", line);
    if (line == 1) {
      if (!span_eq(p, (size_t)(stop - p), "date,kind,name")) {
        dsc_detail_set(&err, DSC_INVALID, field,
                       "the header must be date,kind,name",
                       "表头必须是 date,kind,name");
        break;
      }
    } else if (csv_line(&o, p, (size_t)(stop - p), field, &err) != DSC_OK) {
      break;
    }
    p = next;
    line++;
  }
  if (line == 1 && err.code == DSC_OK) /* nothing after the byte-order mark */
    dsc_detail_set(&err, DSC_INVALID, "line 1",
                   "the header date,kind,name is missing",
                   "缺少表头 date,kind,name");

  /* A duplicate on an earlier line than the first malformed one is the first
   * error of the file, so look for duplicates among the rows read so far
   * before reporting either. */
  if (err.code != DSC_NOMEM && o.n > 1) {
    dated_index_t *dates = dsc__malloc(o.n * sizeof *dates);
    if (dates == NULL) {
      dsc_detail_set(&err, DSC_NOMEM, "", NULL, NULL);
    } else {
      for (size_t i = 0; i < o.n; i++)
        dates[i] = (dated_index_t){o.rows[i].date, i};
      dup = find_duplicate(dates, o.n, &first);
      dsc__free(dates);
    }
  }
  if (dup != SIZE_MAX) {
    char buf[DSC_DATE_STRLEN];
    dsc_date_format(o.rows[dup].date, buf);
    snprintf(field, sizeof field, "line %zu", line_of_row(dup));
    dsc_detail_setf(&err, DSC_INVALID, field, "%s already appears on line %zu",
                    "%s已在第%zu行出现", buf, line_of_row(first));
  }

  if (err.code != DSC_OK) {
    dsc_calendar_rows_free(o.rows, o.names, o.n);
    if (detail != NULL)
      *detail = err;
    return err.code;
  }
  if (o.n == 0) {
    /* A header alone: no rows, and nothing allocated. */
    dsc_calendar_rows_free(o.rows, o.names, 0);
    return DSC_OK;
  }
  *rows = o.rows;
  if (names != NULL)
    *names = o.names;
  *nrows = o.n;
  return DSC_OK;
}

void dsc_calendar_rows_free(dsc_calendar_exception_t *rows, char **names,
                            size_t n) {
  if (names != NULL)
    for (size_t i = 0; i < n; i++)
      dsc__free(names[i]);
  dsc__free(names);
  dsc__free(rows);
}
