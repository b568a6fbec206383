/*
 * detect.c - the filters of the detection (detection.md, section 2) and
 * the staging of a relative period.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/timeutil.h"
#include "detect.h"
#include "hash.h"

/* An event kept until the relative period is known: about 72 bytes. */
struct staged {
	int64_t time;
	struct addr src, dst;
	uint64_t seq, key;
	uint32_t vp;
	uint16_t dport;
	bool count_port, has_dst;
};

struct detect {
	const struct detect_opts *o;
	struct engine *engine;
	struct detect_counts counts;
	int64_t newest;
	bool has_newest;
	struct staged *stage;
	size_t nstage, capstage, compact_at;
};

static const uint16_t default_service_ports[] = {
	53, 123, 137, 161, 443, 500, 1900, 3478, 4500, 5353, 11211
};

void
detect_opts_default(struct detect_opts *o)
{
	const char *err;

	memset(o, 0, sizeof(*o));
	o->profile = PROFILE_DEFAULT;
	o->engine.bin = 5 * USEC_PER_MIN;
	o->engine.min_ports = 10;
	o->engine.min_hosts = 5;
	o->engine.min_attempts = 30;
	o->engine.lateness = ENGINE_KEEP_ALL;
	range_set_init(&o->internal);
	range_set_init(&o->trusted);
	for (size_t i = 0; addr_internal_default[i] != NULL; i++)
		range_set_add(&o->internal, addr_internal_default[i],
		    strlen(addr_internal_default[i]), &err);
	o->ephemeral_min = 32768;
	for (size_t i = 0; i < sizeof(default_service_ports) /
	    sizeof(default_service_ports[0]); i++) {
		uint16_t p = default_service_ports[i];

		o->service_ports[p >> 6] |= UINT64_C(1) << (p & 63);
	}
}

void
detect_opts_free(struct detect_opts *o)
{
	range_set_free(&o->internal);
	range_set_free(&o->trusted);
}

enum action_class
detect_classify(const struct event *ev, enum profile p)
{
	enum action_class c;
	const char *w;
	size_t wn;

	if (p == PROFILE_SENTINEL) {
		if (ev->action.n == 0)
			return ACTION_NONE;
		return action_is_reference_deny(ev->action.p, ev->action.n) ?
		    ACTION_DENY : ACTION_OTHER;
	}
	if (ev->verdict != ACTION_NONE)
		return (enum action_class)ev->verdict;
	if (ev->action.n > 0) {
		c = action_classify(ev->action.p, ev->action.n);
		if (c != ACTION_UNKNOWN)
			return c;
		if (action_find_word(ev->action.p, ev->action.n, false,
		    &w, &wn))
			return action_classify(w, wn);
		return ACTION_UNKNOWN;
	}
	if (ev->action_hint.n > 0 && action_find_word(ev->action_hint.p,
	    ev->action_hint.n, false, &w, &wn))
		return action_classify(w, wn);
	return ACTION_NONE;
}

/* The reference rule's text test: "10.", "192.168." and "172." prefixes
 * of the address as printed are internal. */
static bool
sentinel_internal(const struct addr *a)
{
	char buf[ADDR_STRLEN];

	addr_format(a, buf);
	return strncmp(buf, "10.", 3) == 0 ||
	    strncmp(buf, "192.168.", 8) == 0 || strncmp(buf, "172.", 4) == 0;
}

struct detect *
detect_new(const struct detect_opts *opts, finding_fn fn, void *arg)
{
	struct detect *d = calloc(1, sizeof(*d));

	if (d == NULL)
		return NULL;
	d->o = opts;
	d->engine = engine_new(&opts->engine, fn, arg);
	if (d->engine == NULL) {
		free(d);
		return NULL;
	}
	d->compact_at = 1024;
	return d;
}

void
detect_free(struct detect *d)
{
	if (d == NULL)
		return;
	engine_free(d->engine);
	free(d->stage);
	free(d);
}

static uint64_t
dedup_key(const struct event *ev)
{
	struct {
		int64_t time;
		struct addr src, dst;
		uint64_t ident;
		int32_t sport, dport, proto;
	} k;

	memset(&k, 0, sizeof(k));
	k.time = ev->time;
	k.src = ev->src;
	k.dst = ev->dst;
	k.ident = ev->ident;
	k.sport = ev->has_sport ? ev->sport : -1;
	k.dport = ev->has_dport ? ev->dport : -1;
	k.proto = ev->proto;
	return hash_bytes(hash_key_get(), &k, sizeof(k));
}

static bool
is_stray_udp(const struct detect_opts *o, const struct event *ev)
{
	return o->stray_udp && ev->proto == PROTO_UDP && ev->has_sport &&
	    ev->dport >= o->ephemeral_min &&
	    (o->service_ports[ev->sport >> 6] >> (ev->sport & 63) & 1);
}

/* Drops staged events that can no longer fall in the period. */
static void
stage_compact(struct detect *d)
{
	int64_t cutoff = d->newest - d->o->last;
	size_t out = 0;

	for (size_t i = 0; i < d->nstage; i++)
		if (d->stage[i].time > cutoff)
			d->stage[out++] = d->stage[i];
		else
			d->counts.outcome[DETECT_OUTSIDE_PERIOD]++;
	d->nstage = out;
	d->compact_at = out * 2 > 1024 ? out * 2 : 1024;
}

/* Keeps an event until the period is known; false when memory is short. */
static bool
stage_push(struct detect *d, const struct engine_event *ee)
{
	struct staged *s;

	if (d->nstage >= d->compact_at)
		stage_compact(d);
	if (d->nstage == d->capstage) {
		size_t cap = d->capstage ? d->capstage * 2 : 1024;
		void *v = realloc(d->stage, cap * sizeof(*d->stage));

		if (v == NULL)
			return false;
		d->stage = v;
		d->capstage = cap;
	}
	s = &d->stage[d->nstage++];
	s->time = ee->time;
	s->src = ee->src;
	s->dst = ee->dst;
	s->seq = ee->seq;
	s->key = ee->dedup_key;
	s->vp = engine_intern(d->engine, ee->vendor, ee->product);
	s->dport = ee->dport;
	s->count_port = ee->count_port;
	s->has_dst = ee->has_dst;
	if (d->nstage > d->counts.staged_peak)
		d->counts.staged_peak = d->nstage;
	return true;
}

/* The filters of section 2 but the period. */
static enum detect_outcome
judge(const struct detect *d, const struct event *ev, enum action_class c)
{
	const struct detect_opts *o = d->o;

	if (c != ACTION_DENY)
		return DETECT_NOT_DENY;
	if (!ev->has_src)
		return DETECT_NO_SOURCE;
	if (o->profile == PROFILE_SENTINEL ? sentinel_internal(&ev->src) :
	    range_set_contains(&o->internal, &ev->src))
		return DETECT_INTERNAL;
	if (range_set_contains(&o->trusted, &ev->src))
		return DETECT_TRUSTED;
	if (!ev->has_dport && !o->portless)
		return DETECT_NO_PORT;
	if (ev->has_dport && ev->dport == 0 && !o->portless)
		return DETECT_PORT_ZERO;
	if ((o->has_since && ev->time < o->since) ||
	    (o->has_until && ev->time >= o->until) ||
	    (o->has_last && o->has_now && (ev->time <= o->now - o->last ||
	    ev->time > o->now)))
		return DETECT_OUTSIDE_PERIOD;
	return DETECT_COUNTED;
}

enum detect_outcome
detect_event(struct detect *d, const struct event *ev, uint64_t seq)
{
	enum action_class c = detect_classify(ev, d->o->profile);
	enum detect_outcome r;
	struct engine_event ee;

	d->counts.by_class[c]++;
	if (!ev->has_time) {
		d->counts.outcome[DETECT_NO_TIME]++;
		return DETECT_NO_TIME;
	}
	if (!d->has_newest || ev->time > d->newest) {
		d->newest = ev->time;
		d->has_newest = true;
	}
	r = judge(d, ev, c);
	if (r == DETECT_COUNTED && d->o->has_last && !d->o->has_now &&
	    ev->time <= d->newest - d->o->last)
		r = DETECT_OUTSIDE_PERIOD;
	if (r != DETECT_COUNTED) {
		d->counts.outcome[r]++;
		return r;
	}
	memset(&ee, 0, sizeof(ee));
	ee.time = ev->time;
	ee.src = ev->src;
	ee.dst = ev->dst;
	ee.seq = seq;
	ee.dedup_key = d->o->engine.dedup ? dedup_key(ev) : 0;
	ee.vendor = ev->vendor;
	ee.product = ev->product;
	ee.vp = ENGINE_NO_VP;
	ee.dport = ev->dport;
	ee.count_port = ev->has_dport && ev->dport != 0;
	ee.has_dst = ev->has_dst;
	if (!ee.count_port) {
		d->counts.portless++;
	} else if (is_stray_udp(d->o, ev)) {
		ee.count_port = false;
		d->counts.stray_udp++;
	}
	if (d->o->has_last && !d->o->has_now) {
		if (!stage_push(d, &ee)) {
			d->counts.outcome[DETECT_OUTSIDE_PERIOD]++;
			return DETECT_OUTSIDE_PERIOD;
		}
		return DETECT_COUNTED;
	}
	d->counts.outcome[DETECT_COUNTED]++;
	engine_add(d->engine, &ee);
	return DETECT_COUNTED;
}

bool
detect_newest(const struct detect *d, int64_t *t)
{
	if (d->has_newest)
		*t = d->newest;
	return d->has_newest;
}

void
detect_end_input(struct detect *d, bool has_newest, int64_t newest)
{
	struct engine_event ee;

	if (!has_newest)
		newest = d->newest;
	memset(&ee, 0, sizeof(ee));
	for (size_t i = 0; i < d->nstage; i++) {
		const struct staged *s = &d->stage[i];

		if (s->time <= newest - d->o->last) {
			d->counts.outcome[DETECT_OUTSIDE_PERIOD]++;
			continue;
		}
		ee.time = s->time;
		ee.src = s->src;
		ee.dst = s->dst;
		ee.seq = s->seq;
		ee.dedup_key = s->key;
		ee.vp = s->vp;
		ee.dport = s->dport;
		ee.count_port = s->count_port;
		ee.has_dst = s->has_dst;
		d->counts.outcome[DETECT_COUNTED]++;
		engine_add(d->engine, &ee);
	}
	free(d->stage);
	d->stage = NULL;
	d->nstage = d->capstage = 0;
}

int
detect_merge(struct detect *dst, struct detect *src)
{
	for (int i = 0; i <= ACTION_UNKNOWN; i++)
		dst->counts.by_class[i] += src->counts.by_class[i];
	for (int i = 0; i < DETECT_NOUTCOMES; i++)
		dst->counts.outcome[i] += src->counts.outcome[i];
	dst->counts.stray_udp += src->counts.stray_udp;
	dst->counts.portless += src->counts.portless;
	dst->counts.staged_peak += src->counts.staged_peak;
	if (src->has_newest && (!dst->has_newest ||
	    src->newest > dst->newest)) {
		dst->newest = src->newest;
		dst->has_newest = true;
	}
	return engine_merge(dst->engine, src->engine);
}

void
detect_flush(struct detect *d)
{
	engine_flush(d->engine);
}

void
detect_set_max_bytes(struct detect *d, size_t max_bytes)
{
	engine_set_max_bytes(d->engine, max_bytes);
}

const struct detect_counts *
detect_counts(const struct detect *d)
{
	return &d->counts;
}

const struct engine_stats *
detect_engine_stats(const struct detect *d)
{
	return engine_stats(d->engine);
}
