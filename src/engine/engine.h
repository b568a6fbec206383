/*
 * engine.h - the windowed aggregation of the detection.
 *
 * Counted events go in one at a time.  Each lands in the group of its
 * (source, bin), where bin is its time floored to the bin width; a group
 * keeps exact counters and distinct sets, never raw events.  A bin is
 * closed when the watermark (the newest event time seen, less the allowed
 * lateness) passes its end: its groups are judged against the thresholds,
 * the findings handed to a callback, and its memory freed.  A batch run is
 * the same stream followed by engine_flush(), which closes every bin.
 */
#ifndef SCANSPOT_ENGINE_H
#define SCANSPOT_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/addr.h"
#include "../core/event.h"

/* Lateness that keeps every bin open until engine_flush(). */
#define ENGINE_KEEP_ALL INT64_MAX

/* PortsTargeted lists at most this many ports, the lowest. */
#define FINDING_PORTS_MAX 50

struct engine_opts {
	int64_t bin;		/* bin width, microseconds, > 0 */
	uint32_t min_ports;	/* finding: distinct ports >= min_ports */
	uint32_t min_hosts;	/* or distinct hosts >= min_hosts and */
	uint32_t min_attempts;	/*    attempts >= min_attempts */
	int64_t lateness;	/* microseconds, or ENGINE_KEEP_ALL */
	size_t max_bytes;	/* cap on the state, 0 for none; see
				   engine_relieve() in evict.c */
	bool dedup;		/* drop events whose dedup key was seen in
				   the group already */
};

/* One counted event, as the engine needs it. */
struct engine_event {
	int64_t time;
	struct addr src, dst;
	uint64_t seq;		/* input order: for ties of the earliest */
	uint64_t dedup_key;	/* used when opts.dedup */
	struct str vendor, product;
	uint32_t vp;		/* engine_intern() id, or ENGINE_NO_VP to
				   intern vendor and product when needed */
	uint16_t dport;
	bool count_port;	/* false: the port is left out of the
				   distinct ports (no port, stray reply) */
	bool has_dst;		/* false: no destination to count */
};

struct finding {
	int64_t bin;		/* TimeGenerated */
	struct addr src;
	const char *scan_type;
	uint32_t ports, hosts, attempts;
	uint32_t per_minute;
	int64_t duration;	/* seconds */
	int64_t first, last;
	struct str vendor, product;	/* owned by the engine; may hold
					   any byte, NUL included */
	uint16_t port_list[FINDING_PORTS_MAX];
	uint32_t nport_list;
	bool inexact;		/* the memory cap evicted part of this
				   (source, bin) before: counts may be low */
};

/* Called for each finding as its bin closes.  The finding is valid only
 * during the call, its vendor and product until engine_free(). */
typedef void (*finding_fn)(const struct finding *f, void *arg);

struct engine_stats {
	uint64_t added;		/* events aggregated */
	uint64_t late;		/* events for a bin already closed */
	uint64_t duplicates;	/* dropped by dedup */
	uint64_t groups;	/* (source, bin) groups created */
	uint64_t bins_closed;
	uint64_t nomem;		/* events lost to a failed allocation */
	size_t groups_open, groups_open_peak;
	size_t bytes_peak;	/* of the state the cap limits */
	uint64_t probes;	/* occupied slots passed in group lookups:
				   the cost a hash flood would inflate */
	/* what the memory cap did, see evict.c */
	uint64_t bins_forced;	/* bins closed before their time */
	uint64_t evicted_groups, evicted_events;
	uint64_t inexact_events; /* added to a group evicted before */
};

struct engine;

/* Returns a new engine, or NULL when memory is short. */
struct engine *engine_new(const struct engine_opts *opts, finding_fn fn,
    void *arg);
void engine_free(struct engine *e);

/* Aggregates one event and closes the bins the watermark has passed. */
void engine_add(struct engine *e, const struct engine_event *ev);

/* Closes every open bin, oldest first. */
void engine_flush(struct engine *e);

/*
 * Moves every open group of src into dst (unions of the distinct sets,
 * sums of the counters, the earlier first event) and leaves src without
 * groups; dst also learns the (source, bin) keys src evicted under its
 * cap.  Both must have the same options, max_bytes aside.  Returns -1
 * when memory is short.
 */
int engine_merge(struct engine *dst, struct engine *src);

#define ENGINE_NO_VP UINT32_MAX

/* Interns a vendor/product pair for engine_event.vp; 0 (empty pair) when
 * memory is short.  Ids are valid for this engine only. */
uint32_t engine_intern(struct engine *e, struct str vendor,
    struct str product);

/* Changes the memory cap (bytes, 0 for none), e.g. to share one cap
 * between the engines of several threads. */
void engine_set_max_bytes(struct engine *e, size_t max_bytes);

/* The bytes of state the cap counts now. */
size_t engine_bytes(const struct engine *e);

const struct engine_stats *engine_stats(const struct engine *e);

/* The ScanType of a group with these counts (detection.md, section 4). */
const char *engine_scan_type(uint32_t ports, uint32_t hosts);

#endif
