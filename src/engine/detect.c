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

/*
 * What each IPv4 /16 holds of a range set, two bits each: none of it, all
 * of it, or some (then the set is searched).  Most sources are IPv4 and
 * the default internal networks are whole /16s, so the common test is one
 * lookup.
 */
enum { V4_OUT, V4_IN, V4_SOME };
#define V4_BLOCKS 65536

struct v4_table {
	uint64_t *bits;		/* V4_BLOCKS * 2 bits, or NULL for none */
};

struct detect {
	const struct detect_opts *o;
	struct v4_table internal, trusted;
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

static const uint8_t v4_prefix[12] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff
};

static uint32_t
v4_of(const struct addr *a)
{
	return (uint32_t)a->b[12] << 24 | (uint32_t)a->b[13] << 16 |
	    (uint32_t)a->b[14] << 8 | a->b[15];
}

static void
v4_table_mark(struct v4_table *t, uint32_t k, unsigned state)
{
	unsigned shift = (k & 31) * 2;
	unsigned old = (unsigned)(t->bits[k >> 5] >> shift) & 3;

	if (old == V4_IN || old == state)
		return;
	t->bits[k >> 5] &= ~(UINT64_C(3) << shift);
	t->bits[k >> 5] |= (uint64_t)state << shift;
}

/* Marks the /16s that the range lo..hi, clipped to IPv4, covers or
 * touches. */
static void
v4_table_add(struct v4_table *t, const struct addr *lo, const struct addr *hi)
{
	struct addr v4lo, v4hi;
	uint32_t a, z;

	memset(&v4lo, 0, sizeof(v4lo));
	memcpy(v4lo.b, v4_prefix, sizeof(v4_prefix));
	v4hi = v4lo;
	memset(v4hi.b + 12, 0xff, 4);
	if (memcmp(hi->b, v4lo.b, 16) < 0 || memcmp(lo->b, v4hi.b, 16) > 0)
		return;
	a = memcmp(lo->b, v4lo.b, 16) < 0 ? 0 : v4_of(lo);
	z = memcmp(hi->b, v4hi.b, 16) > 0 ? UINT32_MAX : v4_of(hi);
	for (uint32_t k = a >> 16; k <= z >> 16; k++)
		v4_table_mark(t, k, ((k > a >> 16 || (a & 0xffff) == 0) &&
		    (k < z >> 16 || (z & 0xffff) == 0xffff)) ? V4_IN :
		    V4_SOME);
}

/* Builds the table of a non-empty set; none (search only) when memory is
 * short. */
static void
v4_table_build(struct v4_table *t, const struct range_set *rs)
{
	t->bits = NULL;
	if (rs->n == 0 ||
	    (t->bits = calloc(V4_BLOCKS / 32, sizeof(*t->bits))) == NULL)
		return;
	for (size_t i = 0; i < rs->n; i++)
		v4_table_add(t, &rs->v[i].lo, &rs->v[i].hi);
}

/* range_set_contains(rs, a), t being rs's table. */
static bool
in_ranges(const struct v4_table *t, const struct range_set *rs,
    const struct addr *a)
{
	uint32_t k;
	unsigned state;

	if (rs->n == 0)
		return false;
	if (t->bits != NULL &&
	    memcmp(a->b, v4_prefix, sizeof(v4_prefix)) == 0) {
		k = (uint32_t)a->b[12] << 8 | a->b[13];
		state = (unsigned)(t->bits[k >> 5] >> ((k & 31) * 2)) & 3;
		if (state != V4_SOME)
			return state == V4_IN;
	}
	return range_set_contains(rs, a);
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
	if (opts->profile == PROFILE_DEFAULT)
		v4_table_build(&d->internal, &opts->internal);
	v4_table_build(&d->trusted, &opts->trusted);
	d->compact_at = 1024;
	return d;
}

void
detect_free(struct detect *d)
{
	if (d == NULL)
		return;
	engine_free(d->engine);
	free(d->internal.bits);
	free(d->trusted.bits);
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
	    in_ranges(&d->internal, &o->internal, &ev->src))
		return DETECT_INTERNAL;
	if (in_ranges(&d->trusted, &o->trusted, &ev->src))
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
	/* every field is set: no clearing first */
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

size_t
detect_bytes(const struct detect *d)
{
	return engine_bytes(d->engine);
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
