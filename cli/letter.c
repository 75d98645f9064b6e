/* `disclose letter`, `disclose deliver` and `list --undelivered` (issue 14;
 * docs/letters.md): the letters of a request, issued from its record,
 * numbered and stored by the engine, printed here as text, A4 HTML or
 * JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "remote.h"

static const char *str_of(const cJSON *o, const char *key) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
  return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The templates a center keeps in DISCLOSE_LETTERS_DIR (docs/templates.md),
 * or the built-in ones (NULL in *out). 0 or an exit code. */
static int load_templates(const cli_t *c, dsc_letter_templates_t **out) {
  const char *dir = getenv("DISCLOSE_LETTERS_DIR");
  dsc_detail_t d;
  dsc_err_t err;
  *out = NULL;
  if (dir == NULL || *dir == '\0')
    return 0;
  if ((err = dsc_letter_templates_load(dir, out, &d)) != DSC_OK)
    return cli_fail(c, err, &d);
  return 0;
}

/* Prints the letter in the format asked for. */
static int print_letter(const cli_t *c, dsc_letter_format_t format) {
  const char *text = str_of(c->res.json, "text");
  char *html = NULL;
  size_t len = 0;
  dsc_detail_t d;
  dsc_err_t err;

  if (format == DSC_LETTER_JSON || c->json) {
    cli_print_json(c->res.json);
    return 0;
  }
  if (text == NULL)
    return cli_failf(c, DSC_INTERNAL, "text", "the engine returned no text",
                     "引擎未返回文书正文");
  if (format == DSC_LETTER_TEXT) {
    fputs(text, stdout);
    return 0;
  }
  if ((err = dsc_letter_html(text, strlen(text), NULL, &html, &len, &d)) !=
      DSC_OK)
    return cli_fail(c, err, &d);
  fwrite(html, 1, len, stdout);
  dsc_free(html);
  return 0;
}

/* letter ID --list: 文号, kind, date and delivery of each letter. */
static int list_letters(cli_t *c) {
  const cJSON *l;
  int64_t id;
  int rc;
  if (c->kind || c->number || c->preview || c->to || c->corrects || c->format)
    return cli_usage_error(c, "letter ID --list", "letter 编号 --list");
  if ((rc = cli_parse_id(c, c->pos[0], "id", &id)) != 0)
    return rc;
  rc = c->remote ? cli_remote_letter_list(c, id)
                 : cli_finish(c, dsc_letter_list(c->engine, &c->ctx, id,
                                                 cli_store_result, c));
  if (rc)
    return rc;
  if (c->json) {
    cli_print_json(c->res.json);
    return 0;
  }
  cJSON_ArrayForEach(l, c->res.json) {
    printf("%s\t%s\t%s\t%s\n", str_of(l, "number"), str_of(l, "kind"),
           str_of(l, "date"),
           str_of(l, "delivered_on") ? str_of(l, "delivered_on")
                                     : cli_tr(c, "not delivered", "未送达"));
  }
  return 0;
}

int cli_cmd_letter(cli_t *c) {
  dsc_letter_args_t a = {0};
  dsc_letter_format_t format = DSC_LETTER_TEXT;
  dsc_letter_templates_t *templates = NULL;
  int64_t id;
  int rc;

  if (c->list) /* the request's letters, one line each */
    return list_letters(c);
  if (c->number != NULL) { /* an issued letter, printed again */
    if (c->kind || c->preview || c->to || c->corrects)
      return cli_usage_error(c, "letter ID --number 文号 [--format FORMAT]",
                             "letter 编号 --number 文号 [--format 格式]");
    if ((rc = cli_parse_id(c, c->pos[0], "id", &id)) != 0)
      return rc;
    if (c->format && dsc_letter_format_parse(c->format, &format) != DSC_OK)
      return cli_failf(c, DSC_INVALID, "format", "one of text, html, json",
                       "须为 text、html、json 之一");
    rc = c->remote
             ? cli_remote_letter_get(c, id, c->number)
             : cli_finish(c, dsc_letter_get(c->engine, &c->ctx, id, c->number,
                                            cli_store_result, c));
    return rc ? rc : print_letter(c, format);
  }
  if (c->kind == NULL)
    return cli_usage_error(c,
                           "letter ID --kind KIND [--format text|html|json] "
                           "[--preview] [--to NAME] [--corrects NUMBER] | "
                           "letter ID --number NUMBER [--format FORMAT]",
                           "letter 编号 --kind 种类 [--format text|html|json] "
                           "[--preview] [--to 名称] [--corrects 文号] | "
                           "letter 编号 --number 文号 [--format 格式]");
  if ((rc = cli_parse_id(c, c->pos[0], "id", &id)) != 0)
    return rc;
  if (dsc_letter_kind_parse(c->kind, &a.kind) != DSC_OK)
    return cli_failf(c, DSC_INVALID, "kind",
                     "one of answer, supplement-notice, extension-notice, "
                     "consultation, fee-notice, closing-notice",
                     "须为 answer、supplement-notice、extension-notice、"
                     "consultation、fee-notice、closing-notice 之一");
  if (c->format && dsc_letter_format_parse(c->format, &format) != DSC_OK)
    return cli_failf(c, DSC_INVALID, "format", "one of text, html, json",
                     "须为 text、html、json 之一");
  /* Over the network the templates are the server's. */
  if (!c->remote && (rc = load_templates(c, &templates)) != 0)
    return rc;
  a.preview = c->preview;
  a.to = c->to;
  a.corrects = c->corrects;
  a.templates = templates;
  rc = c->remote ? cli_remote_letter_issue(c, id, &a)
                 : cli_finish(c, dsc_letter_issue(c->engine, &c->ctx, id, &a,
                                                  cli_store_result, c));
  dsc_letter_templates_free(templates);
  return rc ? rc : print_letter(c, format);
}

int cli_cmd_deliver(cli_t *c) {
  int64_t id;
  int rc;
  if (c->method == NULL)
    return cli_usage_error(c,
                           "deliver ID --method post|email|in_person|online "
                           "[--on DATE] [--tracking NO] [--letter NUMBER]",
                           "deliver 编号 --method post|email|in_person|online "
                           "[--on 日期] [--tracking 单号] [--letter 文号]");
  if ((rc = cli_parse_id(c, c->pos[0], "id", &id)) != 0)
    return rc;
  rc = c->remote
           ? cli_remote_deliver(c, id)
           : cli_finish(c, dsc_letter_deliver(c->engine, &c->ctx, id, c->letter,
                                              c->method, c->tracking,
                                              cli_store_result, c));
  if (rc)
    return rc;
  if (c->json)
    cli_print_json(c->res.json);
  else
    printf("%s %s %s %s\n", str_of(c->res.json, "number"),
           cli_tr(c, "delivered on", "送达于"),
           str_of(c->res.json, "delivered_on"), c->method);
  return 0;
}

int cli_cmd_list_undelivered(cli_t *c) {
  int days, rc;
  const cJSON *l;
  if ((rc = cli_parse_count(c, c->undelivered, "undelivered", 0, 36500,
                            &days)) != 0)
    return rc;
  rc = c->remote
           ? cli_remote_undelivered(c, days)
           : cli_finish(c, dsc_letter_undelivered(c->engine, &c->ctx, days,
                                                  cli_store_result, c));
  if (rc)
    return rc;
  if (c->json) {
    cli_print_json(c->res.json);
    return 0;
  }
  cJSON_ArrayForEach(l, c->res.json) {
    const cJSON *rid = cJSON_GetObjectItemCaseSensitive(l, "request_id");
    const cJSON *n = cJSON_GetObjectItemCaseSensitive(l, "days");
    printf("%lld\t%s\t%s\t%d\n",
           cJSON_IsNumber(rid) ? (long long)rid->valuedouble : 0LL,
           str_of(l, "number"), str_of(l, "date"),
           cJSON_IsNumber(n) ? n->valueint : 0);
  }
  return 0;
}

int cli_cmd_agency_require_letter(cli_t *c) {
  bool required;
  int rc;
  if (strcmp(c->require_letter, "yes") == 0)
    required = true;
  else if (strcmp(c->require_letter, "no") == 0)
    required = false;
  else
    return cli_failf(c, DSC_INVALID, "require-letter", "yes or no",
                     "须为 yes 或 no");
  rc = c->remote
           ? cli_remote_agency_set(c, "require_letter",
                                   cJSON_CreateBool(required))
           : cli_finish(c, dsc_agency_require_letter(c->engine, &c->ctx,
                                                     c->pos[0], required,
                                                     cli_store_result, c));
  if (rc == 0) {
    if (c->json)
      cli_print_json(c->res.json);
    else
      printf("%s %s: %s\n",
             cli_tr(c, "answer letter required by", "答复须先出具答复书："),
             c->pos[0], required ? "yes" : "no");
  }
  return rc;
}
