/* disclose — the umbrella header: the whole public C API. */
#ifndef DISCLOSE_DISCLOSE_H
#define DISCLOSE_DISCLOSE_H

#include "calendar.h"
#include "date.h"
#include "engine.h"
#include "error.h"
#include "intake.h"
#include "machine.h"
#include "request.h"

#endif
