/* Letter templates (see template.h). A template is parsed once into a flat
 * list of operations — a literal, a field, a section — and rendered by
 * walking the list. A section knows where its body ends, so a hidden one
 * jumps past it: rendering needs neither a tree nor recursion, and every
 * error a center can make is found by the parse, with its line. */
#include "template.h"

#include <stdbool.h>
#include <string.h>

#include "alloc.h"
#include "utf8.h"

typedef enum op_kind { OP_TEXT, OP_FIELD, OP_SECTION } op_kind_t;

typedef struct op {
  op_kind_t kind;
  bool inverted; /* OP_SECTION: {{^name}} */
  size_t at;     /* offset in text: the literal, or the field's name */
  size_t n;      /* OP_TEXT: the literal's length; OP_SECTION: the index of
                    the operation after its body */
} op_t;

struct dsc__template {
  op_t *ops;
  size_t nops, cap;
  /* A copy of the template. Each name is NUL-terminated in place: the byte
   * after a name is a space, a tab or the '}' of its tag, never part of a
   * literal, so the copy serves both as the literals and as the names the
   * lookup function is given. */
  char text[];
};

/* An open section while parsing: its operation and the line of its tag. */
typedef struct open_section {
  size_t op, line;
} open_section_t;

typedef struct parser {
  const char *s;      /* the caller's text, read */
  size_t len;         /* its length */
  size_t start;       /* 3 after a byte-order mark, else 0 */
  dsc__template_t *t; /* being built */
  const char *const *known;
  size_t nknown;
  size_t lit;     /* where the literal not yet added begins */
  size_t counted; /* line = 1 + the line feeds in s[0..counted) */
  size_t line;
  open_section_t open[DSC__TEMPLATE_DEPTH];
  size_t depth;
  dsc_detail_t *d;
} parser_t;

#define FIELD "template"

static dsc_err_t nomem(dsc_detail_t *d) {
  return dsc_detail_set(d, DSC_NOMEM, FIELD, "out of memory", "内存不足");
}

/* The line of s[pos]; positions are asked for in increasing order, so the
 * line feeds are counted once. */
static size_t line_at(parser_t *p, size_t pos) {
  for (; p->counted < pos; p->counted++)
    if (p->s[p->counted] == '\n')
      p->line++;
  return p->line;
}

/* Each line is checked alone, so the error can name it. */
static dsc_err_t check_utf8(const char *s, size_t len, dsc_detail_t *d) {
  size_t line = 1, at = 0;

  while (at < len) {
    const char *nl = memchr(s + at, '\n', len - at);
    size_t end = nl ? (size_t)(nl - s) : len;
    if (!dsc__utf8_valid(s + at, end - at))
      return dsc_detail_setf(
          d, DSC_INVALID, FIELD, "line %zu: invalid UTF-8 or a NUL byte",
          "第 %zu 行：含有无效的 UTF-8 字节或 NUL 字节", line);
    at = end + 1;
    line++;
  }
  return DSC_OK;
}

static bool push(dsc__template_t *t, op_t op) {
  if (t->nops == t->cap) {
    size_t cap = t->cap ? 2 * t->cap : 16;
    op_t *ops = dsc__realloc(t->ops, cap * sizeof *ops);
    if (ops == NULL)
      return false;
    t->ops = ops;
    t->cap = cap;
  }
  t->ops[t->nops++] = op;
  return true;
}

/* The index of the first "cc" at or after from, or len. */
static size_t find_pair(const char *s, size_t from, size_t len, char c) {
  for (size_t i = from; i + 1 < len; i++)
    if (s[i] == c && s[i + 1] == c)
      return i;
  return len;
}

static bool is_blank(char c) { return c == ' ' || c == '\t'; }

static bool is_name(const char *s, size_t n) {
  bool segment_start = true;

  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (segment_start) {
      if (c < 'a' || c > 'z')
        return false;
      segment_start = false;
    } else if (c == '.') {
      segment_start = true;
    } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                 c == '_')) {
      return false;
    }
  }
  return n > 0 && !segment_start;
}

static bool is_known(const parser_t *p, const char *name, size_t n) {
  for (size_t i = 0; i < p->nknown; i++)
    if (strlen(p->known[i]) == n && memcmp(p->known[i], name, n) == 0)
      return true;
  return false;
}

/* s[a..b) for a message, cut at a character boundary. */
#define QUOTE_MAX 49
static const char *quote(const parser_t *p, size_t a, size_t b,
                         char buf[QUOTE_MAX]) {
  dsc__utf8_copy_truncated(buf, QUOTE_MAX, p->s + a, b - a);
  return buf;
}

/* Mustache's standalone rule: when the tag s[open..end) has only spaces
 * and tabs before it on its line and after it up to the line end (or the
 * end of the text), the whole line goes, from *from to *to. */
static bool standalone(const parser_t *p, size_t open, size_t end, size_t *from,
                       size_t *to) {
  size_t b = open, e = end;

  /* Not before p->lit: a tag there ends the line's prefix. */
  while (b > p->lit && is_blank(p->s[b - 1]))
    b--;
  if (b != p->start && p->s[b - 1] != '\n')
    return false;
  while (e < p->len && is_blank(p->s[e]))
    e++;
  if (e < p->len && p->s[e] == '\n')
    e++;
  else if (e + 1 < p->len && p->s[e] == '\r' && p->s[e + 1] == '\n')
    e += 2;
  else if (e < p->len)
    return false;
  *from = b;
  *to = e;
  return true;
}

static bool add_text(parser_t *p, size_t from, size_t to) {
  return to == from ||
         push(p->t, (op_t){.kind = OP_TEXT, .at = from, .n = to - from});
}

/* Ends the section open on top of the stack with the tag {{/ s[a..b) }}. */
static dsc_err_t close_section(parser_t *p, size_t line, size_t a, size_t b) {
  char q[QUOTE_MAX];
  const open_section_t *top;
  const char *name;

  if (p->depth == 0)
    return dsc_detail_setf(
        p->d, DSC_INVALID, FIELD, "line %zu: '{{/%s}}' closes no open section",
        "第 %zu 行：'{{/%s}}' 没有对应的开始标签", line, quote(p, a, b, q));
  top = &p->open[p->depth - 1];
  name = p->t->text + p->t->ops[top->op].at;
  if (strlen(name) != b - a || memcmp(name, p->s + a, b - a) != 0)
    return dsc_detail_setf(
        p->d, DSC_INVALID, FIELD,
        "line %zu: '{{/%s}}' closes '%s', opened on line %zu",
        "第 %zu 行：'{{/%s}}' 与区段 '%s'（第 %zu 行开始）不匹配", line,
        quote(p, a, b, q), name, top->line);
  p->t->ops[top->op].n = p->t->nops;
  p->depth--;
  return DSC_OK;
}

/* Reads the tag at s[open] ("{{"), adds the literal before it and the tag's
 * operation, and sets *next to where scanning resumes. */
static dsc_err_t tag(parser_t *p, size_t open, size_t *next) {
  const char *s = p->s;
  size_t line = line_at(p, open), close, a, b, from, to;
  char sigil = open + 2 < p->len ? s[open + 2] : '\0';
  bool sectional = sigil == '#' || sigil == '^' || sigil == '/' || sigil == '!';
  char q[QUOTE_MAX];

  if (sigil != '\0' && strchr("{&>=<$", sigil) != NULL)
    return dsc_detail_setf(
        p->d, DSC_INVALID, FIELD,
        "line %zu: unsupported tag '{{%c' (no partials, triple braces, "
        "'&', or delimiter changes)",
        "第 %zu 行：不支持的标签 '{{%c'（不支持局部模板、三重花括号、'&' "
        "和更改分隔符）",
        line, sigil);
  close = find_pair(s, open + 2, p->len, '}');
  a = open + 2 + (sectional ? 1 : 0);
  b = close;
  /* Only a comment may span lines: elsewhere a line feed before the "}}"
   * means this tag was never closed and the "}}" belongs to another. */
  if (close == p->len || (sigil != '!' && memchr(s + a, '\n', b - a) != NULL))
    return dsc_detail_setf(p->d, DSC_INVALID, FIELD,
                           "line %zu: unterminated tag ('{{' without its '}}')",
                           "第 %zu 行：标签未结束（'{{' 缺少对应的 '}}'）",
                           line);
  if (sigil != '!') {
    while (a < b && is_blank(s[a]))
      a++;
    while (b > a && is_blank(s[b - 1]))
      b--;
    if (!is_name(s + a, b - a))
      return dsc_detail_setf(
          p->d, DSC_INVALID, FIELD,
          "line %zu: bad field name '%s' (a-z, 0-9, '_' and '.' only)",
          "第 %zu 行：字段名 '%s' 无效（只能使用 a-z、0-9、'_' 和 '.'）", line,
          quote(p, a, b, q));
    if (sigil != '/' && !is_known(p, s + a, b - a))
      return dsc_detail_setf(
          p->d, DSC_INVALID, FIELD, "line %zu: unknown field '%s'",
          "第 %zu 行：未知字段 '%s'", line, quote(p, a, b, q));
    p->t->text[b] = '\0';
  }

  if (sectional && standalone(p, open, close + 2, &from, &to)) {
    *next = to;
  } else {
    from = open;
    *next = close + 2;
  }
  if (!add_text(p, p->lit, from))
    return nomem(p->d);
  p->lit = *next;

  switch (sigil) {
  case '!':
    return DSC_OK;
  case '/':
    return close_section(p, line, a, b);
  case '#':
  case '^':
    if (p->depth == DSC__TEMPLATE_DEPTH)
      return dsc_detail_setf(
          p->d, DSC_INVALID, FIELD, "line %zu: sections nested deeper than %d",
          "第 %zu 行：区段嵌套超过 %d 层", line, DSC__TEMPLATE_DEPTH);
    p->open[p->depth++] = (open_section_t){p->t->nops, line};
    return push(p->t,
                (op_t){.kind = OP_SECTION, .inverted = sigil == '^', .at = a})
               ? DSC_OK
               : nomem(p->d);
  default:
    return push(p->t, (op_t){.kind = OP_FIELD, .at = a}) ? DSC_OK : nomem(p->d);
  }
}

static dsc_err_t parse(parser_t *p) {
  size_t pos = p->lit, open;
  dsc_err_t err;

  while ((open = find_pair(p->s, pos, p->len, '{')) < p->len)
    if ((err = tag(p, open, &pos)) != DSC_OK)
      return err;
  if (!add_text(p, p->lit, p->len))
    return nomem(p->d);
  if (p->depth > 0) {
    const open_section_t *top = &p->open[p->depth - 1];
    return dsc_detail_setf(p->d, DSC_INVALID, FIELD,
                           "line %zu: unclosed section '%s' opened on line %zu",
                           "第 %zu 行：区段 '%s'（第 %zu 行开始）没有结束标签",
                           line_at(p, p->len),
                           p->t->text + p->t->ops[top->op].at, top->line);
  }
  return DSC_OK;
}

dsc_err_t dsc__template_parse(const char *text, size_t len,
                              const char *const *known, size_t nknown,
                              dsc__template_t **out, dsc_detail_t *detail) {
  parser_t p = {.s = text,
                .len = len,
                .known = known,
                .nknown = nknown,
                .line = 1,
                .d = detail};
  dsc_err_t err;

  *out = NULL;
  if (len > DSC__TEMPLATE_MAX)
    return dsc_detail_set(detail, DSC_INVALID, FIELD,
                          "the template is larger than 1 MiB",
                          "模板超过 1 MiB");
  if ((err = check_utf8(text, len, detail)) != DSC_OK)
    return err;
  /* Windows editors may start a UTF-8 file with a byte-order mark; it is
   * not part of the letter. */
  if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
    p.start = p.lit = 3;
  if ((p.t = dsc__malloc(sizeof *p.t + len + 1)) == NULL)
    return nomem(detail);
  p.t->ops = NULL;
  p.t->nops = p.t->cap = 0;
  if (len > 0)
    memcpy(p.t->text, text, len);
  p.t->text[len] = '\0';
  if ((err = parse(&p)) != DSC_OK) {
    dsc__template_free(p.t);
    return err;
  }
  *out = p.t;
  return DSC_OK;
}

/* ---- rendering ---------------------------------------------------------- */

struct dsc__template_out {
  char *p; /* NUL-terminated once anything is added */
  size_t len, cap;
  bool nomem;    /* an allocation failed */
  bool too_long; /* the text would pass DSC__TEMPLATE_OUT_MAX */
};

void dsc__template_out_add(dsc__template_out_t *o, const char *s, size_t n) {
  if (o->nomem || o->too_long)
    return;
  if (n > DSC__TEMPLATE_OUT_MAX - o->len) {
    o->too_long = true;
    return;
  }
  if (o->len + n + 1 > o->cap) {
    size_t cap = o->cap ? o->cap : 1024;
    char *q;
    while (cap < o->len + n + 1)
      cap *= 2;
    if ((q = dsc__realloc(o->p, cap)) == NULL) {
      o->nomem = true;
      return;
    }
    o->p = q;
    o->cap = cap;
  }
  if (n > 0)
    memcpy(o->p + o->len, s, n);
  o->len += n;
  o->p[o->len] = '\0';
}

dsc_err_t dsc__template_render(const dsc__template_t *t,
                               dsc__template_lookup_fn lookup,
                               dsc__template_escape_fn escape, void *ctx,
                               char **out, size_t *len, dsc_detail_t *detail) {
  dsc__template_out_t o = {0};
  size_t i = 0;

  *out = NULL;
  while (i < t->nops) {
    const op_t *op = &t->ops[i++];
    const char *v;

    switch (op->kind) {
    case OP_TEXT:
      dsc__template_out_add(&o, t->text + op->at, op->n);
      break;
    case OP_FIELD:
      if ((v = lookup(ctx, t->text + op->at)) == NULL)
        break;
      if (escape != NULL)
        escape(ctx, &o, v);
      else
        dsc__template_out_add(&o, v, strlen(v));
      break;
    case OP_SECTION:
      v = lookup(ctx, t->text + op->at);
      if ((v != NULL && *v != '\0') == op->inverted)
        i = op->n;
      break;
    }
  }
  dsc__template_out_add(&o, "", 0); /* an empty rendering is still a string */
  if (o.nomem || o.too_long) {
    dsc__free(o.p);
    if (o.nomem)
      return nomem(detail);
    return dsc_detail_set(detail, DSC_INVALID, FIELD,
                          "the rendering passes 4 MiB", "生成的文本超过 4 MiB");
  }
  *out = o.p;
  if (len != NULL)
    *len = o.len;
  return DSC_OK;
}

/* ---- the rest ------------------------------------------------------------ */

size_t dsc__template_fields(const dsc__template_t *t, const char **names,
                            size_t cap) {
  size_t n = 0;

  for (size_t i = 0; i < t->nops; i++) {
    const char *name = t->text + t->ops[i].at;
    bool seen = false;
    if (t->ops[i].kind == OP_TEXT)
      continue;
    for (size_t j = 0; j < i && !seen; j++)
      seen = t->ops[j].kind != OP_TEXT &&
             strcmp(t->text + t->ops[j].at, name) == 0;
    if (seen)
      continue;
    if (n < cap)
      names[n] = name;
    n++;
  }
  return n;
}

void dsc__template_free(dsc__template_t *t) {
  if (t == NULL)
    return;
  dsc__free(t->ops);
  dsc__free(t);
}
