/* Administration over HTTP (docs/api.md, "Administration"): staff members
 * (add, roles, disable, another's password) and agencies (add, settings)
 * — what `disclose staff` and `disclose agency` do, through the same calls
 * (engine.h, session.h). Admins only: the engine's rule, which the
 * database checks again; nothing here re-implements it. */
#include <stdlib.h>
#include <string.h>

#include "api_int.h"

/* ---- staff --------------------------------------------------------------- */

static const char *const add_keys[] = {"login", "name", "roles", "on", NULL};
static const char *const roles_keys[] = {"roles", "on", NULL};
static const char *const disable_keys[] = {"on", NULL};
static const char *const password_keys[] = {"password", "on", NULL};

/* The body's "roles" as a mask: a non-empty array of clerk, handler,
 * reviewer, supervisor, admin. 0 once replied (422, field "roles"). */
static unsigned body_roles(api_call_t *c) {
  const cJSON *roles = cJSON_GetObjectItemCaseSensitive(c->body, "roles"), *r;
  unsigned mask = 0;
  if (!cJSON_IsArray(roles))
    roles = NULL;
  cJSON_ArrayForEach(r, roles) {
    dsc_role_t role;
    if (!cJSON_IsString(r) || dsc_role_parse(r->valuestring, &role) != DSC_OK ||
        ((unsigned)role & DSC_ROLE_GRANTABLE) == 0) {
      mask = 0;
      break;
    }
    mask |= (unsigned)role;
  }
  if (mask == 0)
    api_failf(c, DSC_INVALID, "roles",
              "required: an array of clerk, handler, reviewer, supervisor, "
              "admin",
              "必填：由 clerk、handler、reviewer、supervisor、admin "
              "组成的数组");
  return mask;
}

/* POST /api/v1/staff {login, name, roles}: 201 and the staff record. */
static void staff_add_checked(api_call_t *c) {
  const char *login, *name;
  unsigned roles;
  dsc_ctx_t ctx;
  dsc_err_t err;
  if (!api_known_keys(c, add_keys) || !api_string(c, "login", true, &login) ||
      !api_string(c, "name", true, &name) || (roles = body_roles(c)) == 0 ||
      !api_ctx(c, &ctx))
    return;
  c->status = 201;
  err =
      dsc_staff_add(c->api->engine, &ctx, login, name, roles, api_on_result, c);
  if (err != DSC_OK)
    api_not_started(c, err);
}

static void staff_add(dsc_http_req_t *req, void *data) {
  api_call_t *c = api_call_new(req, data);
  if (c && api_body(c, false))
    api_auth(c, staff_add_checked);
}

/* PUT /api/v1/staff/{login}/roles {roles}: the member's roles replaced
 * (their sessions end). */
static void staff_roles_checked(api_call_t *c) {
  unsigned roles;
  dsc_ctx_t ctx;
  dsc_err_t err;
  if (!api_known_keys(c, roles_keys) || (roles = body_roles(c)) == 0 ||
      !api_ctx(c, &ctx))
    return;
  err =
      dsc_staff_set_roles(c->api->engine, &ctx, dsc_http_param(c->req, "login"),
                          roles, api_on_result, c);
  if (err != DSC_OK)
    api_not_started(c, err);
}

static void staff_roles(dsc_http_req_t *req, void *data) {
  api_call_t *c = api_call_new(req, data);
  if (c && api_body(c, false))
    api_auth(c, staff_roles_checked);
}

/* POST /api/v1/staff/{login}/disable: no more logins, sessions ended; the
 * record stays (staff are never deleted). */
static void staff_disable_checked(api_call_t *c) {
  dsc_ctx_t ctx;
  dsc_err_t err;
  if (!api_known_keys(c, disable_keys) || !api_ctx(c, &ctx))
    return;
  err = dsc_staff_disable(c->api->engine, &ctx, dsc_http_param(c->req, "login"),
                          api_on_result, c);
  if (err != DSC_OK)
    api_not_started(c, err);
}

static void staff_disable(dsc_http_req_t *req, void *data) {
  api_call_t *c = api_call_new(req, data);
  if (c && api_body(c, true))
    api_auth(c, staff_disable_checked);
}

/* PUT /api/v1/staff/{login}/password {password}: an admin sets another's
 * password (or one's own, as PUT /api/v1/session/password does); the
 * member's sessions end. The body's copy is wiped once the engine has
 * its own. */
static void staff_password_checked(api_call_t *c) {
  cJSON *pw = cJSON_GetObjectItemCaseSensitive(c->body, "password");
  const char *given;
  dsc_ctx_t ctx;
  dsc_err_t err;
  if (!api_known_keys(c, password_keys) ||
      !api_string(c, "password", true, &given) || !api_ctx(c, &ctx))
    return;
  err = dsc_staff_set_password(c->api->engine, &ctx,
                               dsc_http_param(c->req, "login"), given,
                               api_on_result, c);
  memset(pw->valuestring, 0, strlen(pw->valuestring));
  if (err != DSC_OK)
    api_not_started(c, err);
}

static void staff_password(dsc_http_req_t *req, void *data) {
  api_call_t *c = api_call_new(req, data);
  if (c && api_body(c, false))
    api_auth(c, staff_password_checked);
}

/* ---- agencies ------------------------------------------------------------ */

static const char *const agency_add_keys[] = {"code", "name", "on", NULL};

/* POST /api/v1/agencies {code, name}: 201 and the agency. */
static void agency_add_checked(api_call_t *c) {
  const char *code, *name;
  dsc_ctx_t ctx;
  dsc_err_t err;
  if (!api_known_keys(c, agency_add_keys) ||
      !api_string(c, "code", true, &code) ||
      !api_string(c, "name", true, &name) || !api_ctx(c, &ctx))
    return;
  c->status = 201;
  err = dsc_agency_add(c->api->engine, &ctx, code, name, api_on_result, c);
  if (err != DSC_OK)
    api_not_started(c, err);
}

static void agency_add(dsc_http_req_t *req, void *data) {
  api_call_t *c = api_call_new(req, data);
  if (c && api_body(c, false))
    api_auth(c, agency_add_checked);
}

/* The settings PATCH takes: the CLI's `agency set` options with '_' for
 * '-'. */
typedef enum { BACKDATE, SUPPLEMENT, REQUIRE_LETTER, LETTER, ON } setting_t;

static const struct {
  const char *key;
  setting_t kind;
} settings[] = {
    {"backdate_workdays", BACKDATE},
    {"supplement_reply_within", SUPPLEMENT},
    {"require_letter", REQUIRE_LETTER},
    {"full_name", LETTER},
    {"short_name", LETTER},
    {"address", LETTER},
    {"phone", LETTER},
    {"contact", LETTER},
    {"seal_caption", LETTER},
    {"reconsideration_body", LETTER},
    {"court", LETTER},
    {"fee_payment", LETTER},
    {"on", ON},
};

static int setting_of(const char *key) {
  for (size_t i = 0; i < sizeof settings / sizeof settings[0]; i++)
    if (strcmp(settings[i].key, key) == 0)
      return (int)i;
  return -1;
}

/* One line of 1 to 200 characters of UTF-8 without control characters,
 * not only spaces: what the engine takes for a letter setting, checked
 * before the first setting is written so that a bad one writes nothing. */
static bool is_line(const char *s) {
  const unsigned char *p = (const unsigned char *)s;
  size_t chars = 0;
  bool blank = true;
  while (*p) {
    int n = *p < 0x80             ? 1
            : (*p & 0xE0) == 0xC0 ? 2
            : (*p & 0xF0) == 0xE0 ? 3
            : (*p & 0xF8) == 0xF0 ? 4
                                  : 0;
    if (n == 0 || (n == 2 && *p < 0xC2) || (n == 4 && *p > 0xF4))
      return false;
    for (int k = 1; k < n; k++)
      if ((p[k] & 0xC0) != 0x80)
        return false;
    if ((n == 3 && *p == 0xE0 && p[1] < 0xA0) ||
        (n == 3 && *p == 0xED && p[1] >= 0xA0) ||
        (n == 4 && *p == 0xF0 && p[1] < 0x90) ||
        (n == 4 && *p == 0xF4 && p[1] >= 0x90) ||
        (n == 1 && (*p < 0x20 || *p == 0x7F)))
      return false;
    blank = blank && *p == ' ';
    p += n;
    chars++;
  }
  return chars > 0 && chars <= 200 && !blank;
}

/* A whole number in [lo, hi]. */
static bool in_range(const cJSON *v, int lo, int hi) {
  return cJSON_IsNumber(v) && v->valuedouble >= lo && v->valuedouble <= hi &&
         v->valuedouble == (double)(int)v->valuedouble;
}

/* Checks every setting of the body before any is written: false once
 * replied (422 naming the key). */
static bool settings_valid(api_call_t *c) {
  const cJSON *v;
  bool any = false;
  cJSON_ArrayForEach(v, c->body) {
    int i = setting_of(v->string);
    const char *en = NULL, *zh = NULL;
    if (i < 0) {
      api_unknown_key(c, v->string);
      return false;
    }
    switch (settings[i].kind) {
    case BACKDATE:
      if (!in_range(v, 0, 60))
        en = "0 to 60 working days", zh = "须为0至60个工作日";
      break;
    case SUPPLEMENT:
      if (!in_range(v, DSC_CLOCK_SUPPLEMENT_REPLY_MIN,
                    DSC_CLOCK_SUPPLEMENT_REPLY_MAX))
        en = "5 to 60 working days", zh = "须为5至60个工作日";
      break;
    case REQUIRE_LETTER:
      if (!cJSON_IsBool(v))
        en = "true or false", zh = "须为 true 或 false";
      break;
    case LETTER:
      if (!cJSON_IsString(v) || !is_line(v->valuestring))
        en = "one line of at most 200 characters",
        zh = "须为不超过200字的一行文字";
      break;
    case ON:
      continue; /* api_ctx's */
    }
    if (en != NULL) {
      api_failf(c, DSC_INVALID, v->string, en, zh);
      return false;
    }
    any = true;
  }
  if (!any)
    api_failf(c, DSC_INVALID, "body", "nothing to change: give a setting",
              "未给出要修改的设置");
  return any;
}

/* The settings are set one after the other, in the body's order, each in
 * its own transaction as `agency set` does; the reply is the agency with
 * every setting changed. c->scratch holds that reply as it grows. */
static void patch_next(api_call_t *c);

static void free_json(void *p) { cJSON_Delete(p); }

static void on_patched(dsc_engine_t *e, dsc_result_t *r, void *data) {
  api_call_t *c = data;
  cJSON *it, *next, *was;
  (void)e;
  if (r->err != DSC_OK) {
    api_fail(c, r->err, &r->detail);
    return;
  }
  if (c->scratch == NULL) {
    c->scratch = r->json;
    c->scratch_free = free_json;
    r->json = NULL;
  } else {
    for (it = r->json->child; it; it = next) {
      next = it->next;
      cJSON_DetachItemViaPointer(r->json, it);
      /* In place when there (id, code, name), so that the keys keep the
       * engine's order; ReplaceItemViaPointer keeps the item's own key. */
      was = cJSON_GetObjectItemCaseSensitive(c->scratch, it->string);
      if (was)
        cJSON_ReplaceItemViaPointer(c->scratch, was, it);
      else
        cJSON_AddItemToObject(c->scratch, it->string, it);
    }
  }
  patch_next(c);
}

static void patch_next(api_call_t *c) {
  const char *code = dsc_http_param(c->req, "code");
  dsc_engine_t *e = c->api->engine;
  const cJSON *v;
  int64_t n = c->arg; /* the settings done */
  dsc_ctx_t ctx;
  dsc_err_t err;
  cJSON *agency;

  cJSON_ArrayForEach(v, c->body) {
    if (settings[setting_of(v->string)].kind != ON && n-- == 0)
      break;
  }
  if (v == NULL) {
    agency = c->scratch;
    c->scratch = NULL;
    api_reply(c, 200, agency);
    return;
  }
  if (!api_ctx(c, &ctx))
    return;
  c->arg++;
  switch (settings[setting_of(v->string)].kind) {
  case BACKDATE:
    err = dsc_agency_set_backdate(e, &ctx, code, v->valueint, on_patched, c);
    break;
  case SUPPLEMENT:
    err = dsc_agency_set_supplement_window(e, &ctx, code, v->valueint,
                                           on_patched, c);
    break;
  case REQUIRE_LETTER:
    err = dsc_agency_require_letter(e, &ctx, code, cJSON_IsTrue(v), on_patched,
                                    c);
    break;
  case LETTER:
    err = dsc_agency_set_letter(e, &ctx, code, v->string, v->valuestring,
                                on_patched, c);
    break;
  case ON:
  default:
    err = DSC_INTERNAL;
  }
  if (err != DSC_OK)
    api_not_started(c, err);
}

/* PATCH /api/v1/agencies/{code}: any of the settings; 200 and the agency
 * with them (`agency set CODE --... --json`, one call per setting). */
static void agency_patch_checked(api_call_t *c) {
  if (settings_valid(c))
    patch_next(c);
}

static void agency_patch(dsc_http_req_t *req, void *data) {
  api_call_t *c = api_call_new(req, data);
  if (c && api_body(c, false))
    api_auth(c, agency_patch_checked);
}

dsc_err_t api_mount_admin(dsc_http_server_t *s, dsc_api_t *api) {
  dsc_err_t err;
  if ((err = dsc_http_route(s, "POST", "/api/v1/staff", staff_add, api)) !=
          DSC_OK ||
      (err = dsc_http_route(s, "PUT", "/api/v1/staff/{login}/roles",
                            staff_roles, api)) != DSC_OK ||
      (err = dsc_http_route(s, "POST", "/api/v1/staff/{login}/disable",
                            staff_disable, api)) != DSC_OK ||
      (err = dsc_http_route(s, "PUT", "/api/v1/staff/{login}/password",
                            staff_password, api)) != DSC_OK ||
      (err = dsc_http_route(s, "POST", "/api/v1/agencies", agency_add, api)) !=
          DSC_OK ||
      (err = dsc_http_route(s, "PATCH", "/api/v1/agencies/{code}", agency_patch,
                            api)) != DSC_OK)
    return err;
  return DSC_OK;
}
