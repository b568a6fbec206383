/*
 * state.h - the (source, bin) pairs already reported, kept across runs.
 *
 * A scheduled run over an overlapping window (every 5 minutes over the
 * last hour, say) sees the same scan again and again; with a state file
 * each (source, bin) is reported by the first run that finds it only.
 */
#ifndef SCANSPOT_STATE_H
#define SCANSPOT_STATE_H

#include <stddef.h>

#include "../engine/engine.h"

/* How long a reported pair is remembered, counted back from the newest
 * bin in the file that is not in the future. */
#define STATE_KEEP (8 * 24 * 3600 * INT64_C(1000000))

struct state;

/* Loads path (a missing file is an empty state).  NULL with a message in
 * err on a read or syntax error. */
struct state *state_load(const char *path, char *err, size_t errlen);
void state_free(struct state *s);

/* Moves the findings already in the state behind the others, in order,
 * and records the others.  Returns the count of rows kept in front. */
size_t state_filter(struct state *s, struct finding *rows, size_t n);

/* Writes the state back (atomically, by rename), forgetting the pairs more
 * than STATE_KEEP older than the newest one not after now (the wall clock,
 * microseconds); -1 with a message. */
int state_save(struct state *s, const char *path, int64_t now, char *err,
    size_t errlen);

#endif
