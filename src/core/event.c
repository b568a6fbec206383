/*
 * event.c - the normalized event.
 */
#include <string.h>

#include "event.h"

void
event_clear(struct event *ev)
{
	memset(ev, 0, sizeof(*ev));
	ev->proto = -1;
}
