/* disclose-stats: text helpers — display widths for Chinese and English
 * alignment (the same rule as cli/output.c), a deterministic JSON printer.
 */
#include <string.h>

#include "stats_cli.h"

/* The code point at p (n bytes long, from the lead byte). */
static unsigned decode(const unsigned char *p, int *n) {
  unsigned cp;
  *n = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
  cp = *n == 1 ? *p : (unsigned)(*p & (0xFF >> (*n + 1)));
  for (int k = 1; k < *n; k++) {
    if (p[k] == '\0') {
      *n = k;
      break;
    }
    cp = (cp << 6) | (p[k] & 0x3F);
  }
  return cp;
}

static int cp_width(unsigned cp) {
  return (cp >= 0x1100 &&
          (cp <= 0x115F || (cp >= 0x2E80 && cp <= 0xA4CF) ||
           (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
           (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD)))
             ? 2
             : 1;
}

int stats_width(const char *s) {
  int w = 0, n;
  for (const unsigned char *p = (const unsigned char *)s; *p; p += n)
    w += cp_width(decode(p, &n));
  return w;
}

char *stats_fit(const char *s, int max, char *buf, size_t size) {
  const unsigned char *p = (const unsigned char *)s;
  size_t used = 0;
  int w = 0, n;

  if (size == 0)
    return buf;
  if (stats_width(s) <= max && strlen(s) < size) {
    memcpy(buf, s, strlen(s) + 1);
    return buf;
  }
  /* Leave one column and three bytes for "…". */
  while (*p) {
    int cw = cp_width(decode(p, &n));
    if (w + cw > max - 1 || used + (size_t)n + 4 > size)
      break;
    memcpy(buf + used, p, (size_t)n);
    used += (size_t)n;
    w += cw;
    p += n;
  }
  if (used + 4 <= size) {
    memcpy(buf + used, "…", 3);
    used += 3;
  }
  buf[used] = '\0';
  return buf;
}

void stats_put_left(FILE *f, const char *s, int width) {
  int pad = width - stats_width(s);
  fputs(s, f);
  for (; pad > 0; pad--)
    fputc(' ', f);
}

void stats_put_right(FILE *f, const char *s, int width) {
  int pad = width - stats_width(s);
  for (; pad > 0; pad--)
    fputc(' ', f);
  fputs(s, f);
}

/* ---- JSON -------------------------------------------------------------- */

static void put_string(FILE *f, const char *s) {
  fputc('"', f);
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p == '"' || *p == '\\')
      fprintf(f, "\\%c", *p);
    else if (*p == '\n')
      fputs("\\n", f);
    else if (*p == '\t')
      fputs("\\t", f);
    else if (*p == '\r')
      fputs("\\r", f);
    else if (*p < 0x20)
      fprintf(f, "\\u%04x", *p);
    else
      fputc(*p, f);
  }
  fputc('"', f);
}

static void indent(FILE *f, int depth) {
  for (int i = 0; i < depth; i++)
    fputs("  ", f);
}

static void put_value(FILE *f, const cJSON *v, int depth) {
  if (cJSON_IsObject(v) || cJSON_IsArray(v)) {
    bool obj = cJSON_IsObject(v);
    const cJSON *c = v->child;
    if (c == NULL) {
      fputs(obj ? "{}" : "[]", f);
      return;
    }
    fputs(obj ? "{\n" : "[\n", f);
    for (; c; c = c->next) {
      indent(f, depth + 1);
      if (obj) {
        put_string(f, c->string ? c->string : "");
        fputs(": ", f);
      }
      put_value(f, c, depth + 1);
      fputs(c->next ? ",\n" : "\n", f);
    }
    indent(f, depth);
    fputc(obj ? '}' : ']', f);
  } else if (cJSON_IsString(v)) {
    put_string(f, v->valuestring);
  } else {
    char *text = cJSON_PrintUnformatted(v);
    fputs(text ? text : "null", f);
    cJSON_free(text);
  }
}

void stats_put_json(FILE *f, const cJSON *v) {
  put_value(f, v, 0);
  fputc('\n', f);
}

const char *stats_str(const cJSON *o, const char *key) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
  return cJSON_IsString(v) ? v->valuestring : NULL;
}

double stats_num(const cJSON *o, const char *key, double dflt) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
  return cJSON_IsNumber(v) ? v->valuedouble : dflt;
}

bool stats_is_num(const cJSON *o, const char *key) {
  return cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(o, key));
}

/* ---- files ------------------------------------------------------------- */

bool stats_parse_year(const char *t, int *out) {
  size_t n = t ? strlen(t) : 0;
  int v = 0;
  if (n == 0 || n > 4 || strspn(t, "0123456789") != n)
    return false;
  for (size_t i = 0; i < n; i++)
    v = v * 10 + (t[i] - '0');
  *out = v;
  return true;
}
