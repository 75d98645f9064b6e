/* disclose — the umbrella header: the whole public C API. */
#ifndef DISCLOSE_DISCLOSE_H
#define DISCLOSE_DISCLOSE_H

#include "alloc.h"
#include "calendar.h"
#include "clock_ops.h"
#include "date.h"
#include "deadline.h"
#include "engine.h"
#include "error.h"
#include "fee.h"
#include "intake.h"
#include "letter.h"
#include "letter_store.h"
#include "machine.h"
#include "report.h"
#include "request.h"
#include "session.h"
#include "stats.h"
#include "verify.h"

#endif
