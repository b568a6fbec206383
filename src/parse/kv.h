/*
 * kv.h - the key=value text that FortiGate, Sophos and similar devices
 * log: `date=2024-03-03 devname="FGT 1" srcip=203.0.113.5 ...`.
 */
#ifndef SCANSPOT_KV_H
#define SCANSPOT_KV_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/event.h"
#include "../core/timeutil.h"

/* A key a format reads, and the slot its value goes to. */
struct kv_name {
	const char *name;
	size_t len;
	int slot;
};

#define KV_NAME(s, k) { s, sizeof(s) - 1, k }

/*
 * Scans s[i..n) for key=value pairs.  A key is a run of [A-Za-z0-9_.-]
 * followed by "="; its value is double-quoted (a backslash escapes the
 * byte after it; an unclosed quote runs to n) or bare, up to the space
 * before the next key, with trailing spaces dropped.  Text that is not a
 * pair is passed over.  The first non-empty value of each key in names
 * goes to val[slot], borrowed from s; slots of absent keys are left as
 * they are.  Returns the offset of the first key, or n when there is none.
 */
size_t kv_scan(const char *s, size_t n, size_t i,
    const struct kv_name *names, size_t nnames, struct str *val);

/*
 * Reads the date "yyyy-mm-dd" and time "hh:mm:ss" fields into *c, with the
 * offset of the zone field tz when time_parse_zone() reads it (else none).
 * Returns false unless both have exactly that form and make a valid time.
 */
bool kv_read_civil(struct str date, struct str time, struct str tz,
    struct civil *c);

#endif
