/* Requests with an action under way (busy.h). */
#include "busy.h"

#include <string.h>

#include "alloc.h"

typedef struct busy_slot {
  int64_t id;              /* 0: free */
  dsc__op_queue_t waiting; /* later actions on it, in call order */
} busy_slot_t;

struct dsc__busy {
  busy_slot_t *slots;
  size_t cap, used; /* cap: a power of two */
};

static size_t busy_home(const dsc__busy_t *t, int64_t id) {
  return (size_t)(((uint64_t)id * 0x9E3779B97F4A7C15ull) >> 17) & (t->cap - 1);
}

static busy_slot_t *busy_find(dsc__busy_t *t, int64_t id) {
  if (t == NULL || t->cap == 0)
    return NULL;
  for (size_t i = busy_home(t, id);; i = (i + 1) & (t->cap - 1)) {
    if (t->slots[i].id == id)
      return &t->slots[i];
    if (t->slots[i].id == 0)
      return NULL;
  }
}

/* Adds id (not present); NULL when out of memory. */
static busy_slot_t *busy_add(dsc__busy_t *t, int64_t id) {
  size_t i;

  if (2 * (t->used + 1) > t->cap) {
    dsc__busy_t grown = {0};
    grown.cap = t->cap ? 2 * t->cap : 64;
    grown.slots = dsc__calloc(grown.cap, sizeof *grown.slots);
    if (grown.slots == NULL)
      return NULL;
    for (size_t k = 0; k < t->cap; k++) {
      if (t->slots[k].id == 0)
        continue;
      for (i = busy_home(&grown, t->slots[k].id); grown.slots[i].id != 0;)
        i = (i + 1) & (grown.cap - 1);
      grown.slots[i] = t->slots[k];
      grown.used++;
    }
    dsc__free(t->slots);
    t->slots = grown.slots;
    t->cap = grown.cap;
    t->used = grown.used;
  }
  for (i = busy_home(t, id); t->slots[i].id != 0;)
    i = (i + 1) & (t->cap - 1);
  memset(&t->slots[i], 0, sizeof t->slots[i]);
  t->slots[i].id = id;
  t->used++;
  return &t->slots[i];
}

/* Removes a slot, moving back the entries after it that probing would no
 * longer reach (deletion without tombstones). */
static void busy_remove(dsc__busy_t *t, busy_slot_t *slot) {
  size_t mask = t->cap - 1, i = (size_t)(slot - t->slots), j = i;

  t->slots[i].id = 0;
  t->used--;
  for (;;) {
    size_t home;
    j = (j + 1) & mask;
    if (t->slots[j].id == 0)
      return;
    home = busy_home(t, t->slots[j].id);
    /* The entry at j stays unless its home lies cyclically outside (i, j]. */
    if (i <= j ? (home > i && home <= j) : (home > i || home <= j))
      continue;
    t->slots[i] = t->slots[j];
    t->slots[j].id = 0;
    i = j;
  }
}

dsc_err_t dsc__busy_claim(dsc__busy_t **table, int64_t id, dsc__op_t *op,
                          bool *holds) {
  busy_slot_t *slot;

  if (*table == NULL && (*table = dsc__calloc(1, sizeof **table)) == NULL)
    return DSC_NOMEM;
  if ((slot = busy_find(*table, id)) != NULL) {
    dsc__op_queue_push(&slot->waiting, op);
    *holds = false;
    return DSC_OK;
  }
  if (busy_add(*table, id) == NULL)
    return DSC_NOMEM;
  *holds = true;
  return DSC_OK;
}

dsc__op_t *dsc__busy_pass(dsc__busy_t *table, int64_t id) {
  busy_slot_t *slot = busy_find(table, id);
  dsc__op_t *next = slot ? dsc__op_queue_pop(&slot->waiting) : NULL;

  if (slot != NULL && next == NULL)
    busy_remove(table, slot);
  return next;
}

void dsc__busy_drain(dsc__busy_t *table, dsc__op_queue_t *into) {
  dsc__op_t *op;

  for (size_t i = 0; table != NULL && i < table->cap; i++) {
    busy_slot_t *slot = &table->slots[i];
    while (slot->id != 0 && (op = dsc__op_queue_pop(&slot->waiting)) != NULL)
      dsc__op_queue_push(into, op);
  }
}

void dsc__busy_free(dsc__busy_t *table) {
  if (table != NULL)
    dsc__free(table->slots);
  dsc__free(table);
}
