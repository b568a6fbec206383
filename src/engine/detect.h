/*
 * detect.h - which events count, and the period they must fall in.
 *
 * Sits between the parsers and the engine: classifies each event's verdict
 * under the profile, drops what the detection does not count (not denied,
 * internal or trusted source, no destination port, outside the period),
 * counts every drop by reason, and hands the rest to the engine.
 *
 * A relative period (--last, the sentinel profile's last hour) depends on
 * the newest event of the whole input, unknown until the end.  Events that
 * may still fall inside it are staged, compactly, and replayed into the
 * engine once the newest time is known; events already older than the
 * newest seen so far less the period can never count and are dropped at
 * once.  With an explicit --now nothing is staged.
 */
#ifndef SCANSPOT_DETECT_H
#define SCANSPOT_DETECT_H

#include <stdbool.h>
#include <stdint.h>

#include "../core/action.h"
#include "../core/addr.h"
#include "../core/event.h"
#include "engine.h"

enum profile {
	PROFILE_DEFAULT,
	PROFILE_SENTINEL,
};

struct detect_opts {
	enum profile profile;
	struct engine_opts engine;
	struct range_set internal;	/* default profile only */
	struct range_set trusted;	/* both profiles */
	bool portless;		/* count events without a port as attempts
				   and hosts (never as ports) */
	bool stray_udp;		/* leave likely stray UDP replies out of the
				   distinct ports */
	uint16_t ephemeral_min;	/* lowest ephemeral port, stray_udp */
	uint64_t service_ports[1024];	/* bitmap of service source ports */

	int64_t since, until;	/* [since, until) when has_ */
	bool has_since, has_until;
	int64_t last;		/* relative period length, when has_last */
	bool has_last;
	int64_t now;		/* end of the relative period; events after
				   it are outside */
	bool has_now;
};

/* Why a parsed event was not counted, or that it was. */
enum detect_outcome {
	DETECT_COUNTED,
	DETECT_NOT_DENY,
	DETECT_NO_SOURCE,
	DETECT_INTERNAL,
	DETECT_TRUSTED,
	DETECT_NO_PORT,
	DETECT_PORT_ZERO,
	DETECT_OUTSIDE_PERIOD,
	DETECT_NO_TIME,
	DETECT_NOUTCOMES
};

struct detect_counts {
	uint64_t by_class[ACTION_UNKNOWN + 1];
	uint64_t outcome[DETECT_NOUTCOMES];
	uint64_t stray_udp;	/* counted, port left out */
	uint64_t portless;	/* counted without a port */
	uint64_t staged_peak;
};

struct detect;

/* Fills opts with the defaults of the detection (internal networks
 * included).  Free the ranges with detect_opts_free(). */
void detect_opts_default(struct detect_opts *o);
void detect_opts_free(struct detect_opts *o);

/* The class of the event's verdict under the profile. */
enum action_class detect_classify(const struct event *ev, enum profile p);

/* Returns a new detection that reports findings to fn, or NULL.  opts is
 * borrowed and must outlive the detection, unchanged (the ranges are
 * indexed once here). */
struct detect *detect_new(const struct detect_opts *opts, finding_fn fn,
    void *arg);
void detect_free(struct detect *d);

/* Judges one parsed event; seq is its place in the input order. */
enum detect_outcome detect_event(struct detect *d, const struct event *ev,
    uint64_t seq);

/* The newest event time seen (any verdict), for the relative period. */
bool detect_newest(const struct detect *d, int64_t *t);

/*
 * Ends the input: fixes the relative period against newest (normally the
 * largest detect_newest() of every detection of the run) and replays the
 * staged events that fall inside it.  Call before detect_merge() and
 * detect_flush().
 */
void detect_end_input(struct detect *d, bool has_newest, int64_t newest);

/* Moves src's groups and counts into dst (see engine_merge). */
int detect_merge(struct detect *dst, struct detect *src);

/* Closes every bin, reporting the findings. */
void detect_flush(struct detect *d);

/* Sets this detection's share of the memory cap (see engine.h). */
void detect_set_max_bytes(struct detect *d, size_t max_bytes);

/* The bytes of state the cap counts now. */
size_t detect_bytes(const struct detect *d);

const struct detect_counts *detect_counts(const struct detect *d);
const struct engine_stats *detect_engine_stats(const struct detect *d);

#endif
