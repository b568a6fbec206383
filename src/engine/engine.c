/*
 * engine.c - groups by (source, bin), bins closed by the watermark.
 *
 * Open bins are kept in an array sorted by start time; each bin has its own
 * open-addressed table of groups keyed by source, so closing a bin frees
 * one table and never searches the others.  Events mostly arrive in time
 * order, so the bin of the previous event is tried first.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/timeutil.h"
#include "engine.h"
#include "engine_impl.h"
#include "hash.h"
#include "sets.h"

static uint32_t
vp_hash_slot(const struct engine *e, uint64_t h)
{
	return (uint32_t)h & (e->vp_index_cap - 1);
}

static int
vp_index_grow(struct engine *e)
{
	uint32_t cap = e->vp_index_cap ? e->vp_index_cap * 2 : 64;
	uint32_t *idx = calloc(cap, sizeof(*idx));

	if (idx == NULL)
		return -1;
	free(e->vp_index);
	e->vp_index = idx;
	e->vp_index_cap = cap;
	for (uint32_t id = 0; id < e->nvps; id++) {
		uint32_t i = vp_hash_slot(e, e->vps[id].hash);

		while (idx[i] != 0)
			i = (i + 1) & (cap - 1);
		idx[i] = id + 1;
	}
	return 0;
}

/* Copies s (NUL-terminated as well); the copy's p is NULL when memory is
 * short. */
static struct str
dup_str(struct str s)
{
	char *p = malloc(s.n + 1);

	if (p != NULL) {
		if (s.n > 0)
			memcpy(p, s.p, s.n);
		p[s.n] = '\0';
	}
	return (struct str){ p, s.n };
}

/* Adds a pair to the table; returns its id, or UINT32_MAX. */
static uint32_t
vp_append(struct engine *e, uint64_t h, struct str vendor, struct str product)
{
	struct vp_entry *ent;

	if (e->nvps == e->capvps) {
		uint32_t cap = e->capvps ? e->capvps * 2 : 16;
		void *v = realloc(e->vps, cap * sizeof(*e->vps));

		if (v == NULL)
			return UINT32_MAX;
		e->vps = v;
		e->capvps = cap;
	}
	ent = &e->vps[e->nvps];
	ent->hash = h;
	ent->vendor = dup_str(vendor);
	ent->product = dup_str(product);
	if (ent->vendor.p == NULL || ent->product.p == NULL) {
		free((char *)ent->vendor.p);
		free((char *)ent->product.p);
		return UINT32_MAX;
	}
	return e->nvps++;
}

static uint64_t
vp_hash(struct str vendor, struct str product)
{
	const struct hash_key *k = hash_key_get();

	return hash_bytes(k, vendor.p ? vendor.p : "", vendor.n) * 31 ^
	    hash_bytes(k, product.p ? product.p : "", product.n);
}

static bool
str_same(struct str x, struct str y)
{
	return x.n == y.n && (x.n == 0 || memcmp(x.p, y.p, x.n) == 0);
}

/* Interns a vendor/product pair; returns its id, 0 (empty) on failure. */
static uint32_t
vp_intern(struct engine *e, struct str vendor, struct str product)
{
	uint64_t h = vp_hash(vendor, product);
	uint32_t i, id;

	if ((e->nvps + 1) * 2 > e->vp_index_cap && vp_index_grow(e) < 0) {
		e->stats.nomem++;
		return 0;
	}
	for (i = vp_hash_slot(e, h); e->vp_index[i] != 0;
	    i = (i + 1) & (e->vp_index_cap - 1)) {
		struct vp_entry *ent = &e->vps[e->vp_index[i] - 1];

		if (ent->hash == h && str_same(ent->vendor, vendor) &&
		    str_same(ent->product, product))
			return e->vp_index[i] - 1;
	}
	id = vp_append(e, h, vendor, product);
	if (id == UINT32_MAX) {
		e->stats.nomem++;
		return 0;
	}
	e->vp_index[i] = id + 1;
	return id;
}

struct engine *
engine_new(const struct engine_opts *opts, finding_fn fn, void *arg)
{
	struct engine *e = calloc(1, sizeof(*e));

	if (e == NULL)
		return NULL;
	e->opts = *opts;
	e->fn = fn;
	e->arg = arg;
	e->closed_before = INT64_MIN;
	if (vp_intern(e, STR_NULL, STR_NULL) != 0) {
		engine_free(e);
		return NULL;
	}
	return e;
}

size_t
group_heap(const struct group *g)
{
	return portset_heap(&g->ports) + hostset_heap(&g->hosts) +
	    g->seen.cap * sizeof(uint64_t);
}

void
group_free(struct group *g)
{
	portset_free(&g->ports);
	hostset_free(&g->hosts);
	keyset_free(&g->seen);
}

static void
bin_free(struct bin *b)
{
	if (b == NULL)
		return;
	for (uint32_t i = 0; i < b->cap; i++)
		if (b->tab[i].attempts != 0)
			group_free(&b->tab[i]);
	free(b->tab);
	free(b);
}

void
engine_free(struct engine *e)
{
	if (e == NULL)
		return;
	for (size_t i = 0; i < e->nbins; i++)
		bin_free(e->bins[i]);
	free(e->bins);
	for (uint32_t i = 0; i < e->nvps; i++) {
		free((char *)e->vps[i].vendor.p);
		free((char *)e->vps[i].product.p);
	}
	free(e->vps);
	free(e->vp_index);
	free(e->evicted);
	free(e);
}

uint32_t
engine_intern(struct engine *e, struct str vendor, struct str product)
{
	return vp_intern(e, vendor, product);
}

void
engine_set_max_bytes(struct engine *e, size_t max_bytes)
{
	e->opts.max_bytes = max_bytes;
}

const struct engine_stats *
engine_stats(const struct engine *e)
{
	return &e->stats;
}

const char *
engine_scan_type(uint32_t ports, uint32_t hosts)
{
	if (ports >= 20)
		return "Aggressive Port Scan";
	if (ports >= 10)
		return "Port Scan";
	if (hosts >= 10)
		return "IP Block Sweep";
	if (hosts >= 5)
		return "Limited IP Sweep";
	return "Suspicious Probe";
}

/* Index of the first open bin starting at or after start. */
static size_t
bin_lower_bound(const struct engine *e, int64_t start)
{
	size_t lo = 0, hi = e->nbins;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (e->bins[mid]->start < start)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static struct bin *
bin_get(struct engine *e, int64_t start)
{
	struct bin *b;
	size_t at;

	if (e->last_bin < e->nbins && e->bins[e->last_bin]->start == start)
		return e->bins[e->last_bin];
	at = bin_lower_bound(e, start);
	if (at < e->nbins && e->bins[at]->start == start) {
		e->last_bin = at;
		return e->bins[at];
	}
	if (e->nbins == e->capbins) {
		size_t cap = e->capbins ? e->capbins * 2 : 16;
		void *v = realloc(e->bins, cap * sizeof(*e->bins));

		if (v == NULL)
			return NULL;
		e->bins = v;
		e->capbins = cap;
	}
	b = calloc(1, sizeof(*b));
	if (b == NULL)
		return NULL;
	b->start = start;
	b->bytes = sizeof(*b);
	e->bytes += b->bytes;
	memmove(e->bins + at + 1, e->bins + at,
	    (e->nbins - at) * sizeof(*e->bins));
	e->bins[at] = b;
	e->nbins++;
	e->last_bin = at;
	return b;
}

uint32_t
group_slot(const struct addr *src, uint32_t cap)
{
	uint64_t x, y;

	memcpy(&x, src->b, 8);
	memcpy(&y, src->b + 8, 8);
	return (uint32_t)hash_words(hash_key_get(), x, y) & (cap - 1);
}

static int
bin_grow(struct engine *e, struct bin *b)
{
	uint32_t cap = b->cap ? b->cap * 2 : 8;
	struct group *tab = calloc(cap, sizeof(*tab));

	if (tab == NULL)
		return -1;
	for (uint32_t i = 0; i < b->cap; i++) {
		uint32_t j;

		if (b->tab[i].attempts == 0)
			continue;
		j = group_slot(&b->tab[i].src, cap);
		while (tab[j].attempts != 0)
			j = (j + 1) & (cap - 1);
		tab[j] = b->tab[i];
	}
	free(b->tab);
	b->bytes += (size_t)(cap - b->cap) * sizeof(*tab);
	e->bytes += (size_t)(cap - b->cap) * sizeof(*tab);
	b->tab = tab;
	b->cap = cap;
	return 0;
}

/*
 * Finds the group of src in b, or an empty slot for it (attempts == 0,
 * src set).  The caller must give the slot at least one attempt before
 * the next call.  Returns NULL when memory is short.
 */
static struct group *
group_get(struct engine *e, struct bin *b, const struct addr *src)
{
	uint32_t i;

	/* up to 7/8 full: linear probing under a keyed hash stays short,
	 * and the slots are most of the state's memory */
	if ((b->n + 1) * 8 > b->cap * 7 && bin_grow(e, b) < 0)
		return NULL;
	for (i = group_slot(src, b->cap); b->tab[i].attempts != 0;
	    i = (i + 1) & (b->cap - 1)) {
		e->stats.probes++;
		if (addr_eq(&b->tab[i].src, src))
			return &b->tab[i];
	}
	b->tab[i].src = *src;
	b->tab[i].inexact = e->evicted != NULL &&
	    engine_was_evicted(e, src, b->start);
	b->n++;
	e->stats.groups++;
	if (++e->stats.groups_open > e->stats.groups_open_peak)
		e->stats.groups_open_peak = e->stats.groups_open;
	return &b->tab[i];
}

static void
finding_build(const struct engine *e, const struct bin *b,
    const struct group *g, struct finding *f)
{
	int64_t minutes;

	f->bin = b->start;
	f->src = g->src;
	f->ports = g->ports.n;
	f->hosts = g->hosts.n;
	f->attempts = g->attempts;
	f->scan_type = engine_scan_type(f->ports, f->hosts);
	f->first = g->first;
	f->last = g->last;
	f->duration = (time_floor(g->last, USEC_PER_SEC) -
	    time_floor(g->first, USEC_PER_SEC)) / USEC_PER_SEC;
	minutes = (time_floor(g->last, USEC_PER_MIN) -
	    time_floor(g->first, USEC_PER_MIN)) / USEC_PER_MIN;
	f->per_minute = (uint32_t)(g->attempts / (minutes > 1 ? minutes : 1));
	f->vendor = e->vps[g->vp].vendor;
	f->product = e->vps[g->vp].product;
	f->nport_list = (uint32_t)portset_lowest(&g->ports, f->port_list,
	    FINDING_PORTS_MAX);
	f->inexact = g->inexact;
}

static bool
group_is_finding(const struct engine_opts *o, const struct group *g)
{
	return g->ports.n >= o->min_ports ||
	    (g->hosts.n >= o->min_hosts && g->attempts >= o->min_attempts);
}

void
bin_close_first(struct engine *e)
{
	struct bin *b = e->bins[0];
	struct finding f;

	for (uint32_t i = 0; i < b->cap; i++) {
		struct group *g = &b->tab[i];

		if (g->attempts == 0)
			continue;
		if (group_is_finding(&e->opts, g) && e->fn != NULL) {
			finding_build(e, b, g, &f);
			e->fn(&f, e->arg);
		}
	}
	e->stats.groups_open -= b->n;
	e->stats.bins_closed++;
	e->bytes -= b->bytes;
	bin_free(b);
	memmove(e->bins, e->bins + 1, (e->nbins - 1) * sizeof(*e->bins));
	e->nbins--;
	e->last_bin = 0;
}

/* The end a bin may have and still be open, or INT64_MIN for none. */
static int64_t
close_limit(const struct engine *e)
{
	int64_t limit = e->closed_before;

	if (e->opts.lateness != ENGINE_KEEP_ALL && e->has_watermark &&
	    e->watermark - e->opts.lateness > limit)
		limit = e->watermark - e->opts.lateness;
	return limit;
}

static void
group_take_earliest(struct engine *e, struct group *g, int64_t t,
    uint64_t seq, uint32_t vp_or_max, struct str vendor, struct str product)
{
	if (g->attempts != 0 && (t > g->first ||
	    (t == g->first && seq >= g->first_seq)))
		return;
	g->first = t;
	g->first_seq = seq;
	g->vp = vp_or_max != UINT32_MAX ? vp_or_max :
	    vp_intern(e, vendor, product);
}

void
engine_add(struct engine *e, const struct engine_event *ev)
{
	int64_t start = time_floor(ev->time, e->opts.bin);
	int64_t limit;
	struct bin *b;
	struct group *g;
	size_t heap;

	if (!e->has_watermark || ev->time > e->watermark) {
		e->watermark = ev->time;
		e->has_watermark = true;
	}
	limit = close_limit(e);
	if (start + e->opts.bin <= limit) {
		e->stats.late++;
		return;
	}
	if ((b = bin_get(e, start)) == NULL ||
	    (g = group_get(e, b, &ev->src)) == NULL) {
		e->stats.nomem++;
		return;
	}
	heap = group_heap(g);
	if (e->opts.dedup && g->attempts != 0 &&
	    keyset_add(&g->seen, ev->dedup_key) == 0) {
		e->stats.duplicates++;
		return;
	}
	if (e->opts.dedup && g->attempts == 0)
		keyset_add(&g->seen, ev->dedup_key);
	group_take_earliest(e, g, ev->time, ev->seq, ev->vp,
	    ev->vendor, ev->product);
	if (g->attempts == 0 || ev->time > g->last)
		g->last = ev->time;
	g->attempts++;
	e->stats.added++;
	if (g->inexact)
		e->stats.inexact_events++;
	if ((ev->count_port && portset_add(&g->ports, ev->dport) < 0) ||
	    (ev->has_dst && hostset_add(&g->hosts, &ev->dst) < 0))
		e->stats.nomem++;
	b->bytes += group_heap(g) - heap;
	e->bytes += group_heap(g) - heap;
	if (e->bytes > e->stats.bytes_peak)
		e->stats.bytes_peak = e->bytes;
	while (e->nbins > 0 && e->bins[0]->start + e->opts.bin <= limit)
		bin_close_first(e);
	/* cheap test first: the full one walks the open bins */
	if (e->opts.max_bytes != 0 && e->bytes * 2 > e->opts.max_bytes / 2 &&
	    e->bytes > e->relieved_at + e->opts.max_bytes / 16 &&
	    e->bytes + 2 * engine_largest_table(e) > e->opts.max_bytes)
		engine_relieve(e);
}

void
engine_flush(struct engine *e)
{
	while (e->nbins > 0)
		bin_close_first(e);
}

/* Merges group s of engine src into group d of engine dst. */
static int
group_merge(struct engine *dst, struct group *d, const struct engine *src,
    struct group *s)
{
	struct str vendor = src->vps[s->vp].vendor;
	struct str product = src->vps[s->vp].product;
	bool fresh = d->attempts == 0;

	d->inexact = d->inexact || s->inexact;
	group_take_earliest(dst, d, s->first, s->first_seq, UINT32_MAX,
	    vendor, product);
	if (fresh || s->last > d->last)
		d->last = s->last;
	if (portset_union(&d->ports, &s->ports) < 0 ||
	    hostset_union(&d->hosts, &s->hosts) < 0)
		return -1;
	if (dst->opts.dedup) {
		uint32_t before = d->seen.n;

		if (keyset_union(&d->seen, &s->seen) < 0)
			return -1;
		dst->stats.duplicates += s->seen.n - (d->seen.n - before);
		d->attempts = d->seen.n;
	} else {
		d->attempts += s->attempts;
	}
	return 0;
}

int
engine_merge(struct engine *dst, struct engine *src)
{
	/* groups src closed already; its open ones are counted as they are
	 * created in dst */
	dst->stats.groups += src->stats.groups - src->stats.groups_open;
	while (src->nbins > 0) {
		struct bin *sb = src->bins[src->nbins - 1];
		struct bin *db = bin_get(dst, sb->start);

		if (db == NULL)
			return -1;
		for (uint32_t i = 0; i < sb->cap; i++) {
			struct group *s = &sb->tab[i], *d;

			if (s->attempts == 0)
				continue;
			if ((d = group_get(dst, db, &s->src)) == NULL ||
			    group_merge(dst, d, src, s) < 0)
				return -1;
		}
		src->stats.groups_open -= sb->n;
		bin_free(sb);
		src->nbins--;
	}
	src->last_bin = 0;
	dst->stats.added += src->stats.added;
	dst->stats.late += src->stats.late;
	dst->stats.duplicates += src->stats.duplicates;
	dst->stats.nomem += src->stats.nomem;
	dst->stats.bins_forced += src->stats.bins_forced;
	dst->stats.evicted_groups += src->stats.evicted_groups;
	dst->stats.evicted_events += src->stats.evicted_events;
	dst->stats.inexact_events += src->stats.inexact_events;
	dst->stats.bytes_peak += src->stats.bytes_peak;
	if (src->has_watermark && (!dst->has_watermark ||
	    src->watermark > dst->watermark)) {
		dst->watermark = src->watermark;
		dst->has_watermark = true;
	}
	return 0;
}
