/*
 * engine.c - groups by (source, bin), bins closed by the watermark.
 *
 * Open bins are kept in an array sorted by start time; each bin has its own
 * groups, in chunks that never move, and an open-addressed table of their
 * numbers keyed by source, so closing a bin frees one bin's memory and
 * never searches the others.  Events mostly arrive in time order, so the
 * bin of the previous event is tried first.  Merging engines moves a bin
 * whole when the other engine has none with its start.
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

/* Where a pair may sit in vp_recent: from its lengths and last bytes,
 * cheap and unkeyed, since every hit is compared in full. */
static uint32_t
vp_recent_slot(struct str vendor, struct str product)
{
	uint32_t x = (uint32_t)vendor.n * 7 + (uint32_t)product.n;

	if (vendor.n > 0)
		x += (unsigned char)vendor.p[vendor.n - 1];
	if (product.n > 0)
		x += (unsigned char)product.p[product.n - 1] * 3u;
	return x % VP_RECENT;
}

/* The id of a pair interned before, or UINT32_MAX. */
static uint32_t
vp_find(const struct engine *e, uint64_t h, struct str vendor,
    struct str product, uint32_t *slot)
{
	uint32_t i;

	for (i = vp_hash_slot(e, h); e->vp_index[i] != 0;
	    i = (i + 1) & (e->vp_index_cap - 1)) {
		const struct vp_entry *ent = &e->vps[e->vp_index[i] - 1];

		if (ent->hash == h && str_same(ent->vendor, vendor) &&
		    str_same(ent->product, product))
			return e->vp_index[i] - 1;
	}
	*slot = i;
	return UINT32_MAX;
}

/*
 * Interns a vendor/product pair; returns its id, 0 (empty) on failure.
 * Each new group asks, and most ask for a pair asked for just before, so
 * the recent pairs are tried before the keyed hash.
 */
static uint32_t
vp_intern(struct engine *e, struct str vendor, struct str product)
{
	uint32_t r = vp_recent_slot(vendor, product);
	const struct vp_entry *ent;
	uint64_t h;
	uint32_t i = 0, id;

	/* ids in vp_recent are 0 until set, and entry 0 exists after the
	 * first call (engine_new()'s) */
	if (e->nvps > 0) {
		ent = &e->vps[e->vp_recent[r]];
		if (str_same(ent->vendor, vendor) &&
		    str_same(ent->product, product))
			return e->vp_recent[r];
	}
	h = vp_hash(vendor, product);

	if ((e->nvps + 1) * 2 > e->vp_index_cap && vp_index_grow(e) < 0) {
		e->stats.nomem++;
		return 0;
	}
	if ((id = vp_find(e, h, vendor, product, &i)) == UINT32_MAX) {
		if ((id = vp_append(e, h, vendor, product)) == UINT32_MAX) {
			e->stats.nomem++;
			return 0;
		}
		e->vp_index[i] = id + 1;
	}
	e->vp_recent[r] = id;
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

	/* what follows each group: the full times when an offset from the
	 * bin's start may not fit 32 bits, the dedup keys when asked for */
	e->gsize = sizeof(struct group);
	if (opts->bin > (int64_t)UINT32_MAX) {
		e->wide_at = e->gsize;
		e->gsize += sizeof(struct group_wide);
	}
	if (opts->dedup) {
		e->seen_at = e->gsize;
		e->gsize += sizeof(struct keyset);
	}
	if (vp_intern(e, STR_NULL, STR_NULL) != 0) {
		engine_free(e);
		return NULL;
	}
	return e;
}

size_t
group_heap(const struct engine *e, const struct group *g)
{
	size_t n = portset_heap(&g->ports) + hostset_heap(&g->hosts);

	if (e->seen_at != 0)
		n += keyset_heap((const struct keyset *)(const void *)
		    ((const char *)g + e->seen_at));
	return n;
}

void
group_free(const struct engine *e, struct group *g)
{
	portset_free(&g->ports);
	hostset_free(&g->hosts);
	if (e->seen_at != 0)
		keyset_free(group_seen(e, g));
}

static void
bin_free(const struct engine *e, struct bin *b)
{
	if (b == NULL)
		return;
	for (uint32_t i = 0; i < b->n; i++)
		group_free(e, bin_group(e, b, i));
	for (uint32_t k = 0; k < b->nchunks; k++)
		free(b->chunks[k]);
	free(b->chunks);
	free(b->index);
	free(b);
}

void
engine_free(struct engine *e)
{
	if (e == NULL)
		return;
	for (size_t i = 0; i < e->nbins; i++)
		bin_free(e, e->bins[i]);
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

size_t
engine_bytes(const struct engine *e)
{
	return e->bytes;
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

/* Puts b at position at of the open bins; -1 when memory is short. */
static int
bins_insert(struct engine *e, size_t at, struct bin *b)
{
	if (e->nbins == e->capbins) {
		size_t cap = e->capbins ? e->capbins * 2 : 16;
		void *v = realloc(e->bins, cap * sizeof(*e->bins));

		if (v == NULL)
			return -1;
		e->bins = v;
		e->capbins = cap;
	}
	memmove(e->bins + at + 1, e->bins + at,
	    (e->nbins - at) * sizeof(*e->bins));
	e->bins[at] = b;
	e->nbins++;
	e->last_bin = at;
	return 0;
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
	if ((b = calloc(1, sizeof(*b))) == NULL)
		return NULL;
	if (bins_insert(e, at, b) < 0) {
		free(b);
		return NULL;
	}
	b->start = start;
	b->bytes = sizeof(*b);
	e->bytes += b->bytes;
	return b;
}

uint64_t
group_hash(const struct addr *src)
{
	uint64_t x, y;

	memcpy(&x, src->b, 8);
	memcpy(&y, src->b + 8, 8);
	return hash_words(hash_key_get(), x, y);
}

uint32_t
group_slot(const struct addr *src, uint32_t cap)
{
	return (uint32_t)group_hash(src) & (cap - 1);
}

/* Makes index, of cap slots, b's table in place of the old one. */
static void
bin_take_index(struct engine *e, struct bin *b, uint64_t *index,
    uint32_t cap)
{
	free(b->index);
	b->bytes -= (size_t)b->cap * sizeof(*index);
	e->bytes -= (size_t)b->cap * sizeof(*index);
	b->bytes += (size_t)cap * sizeof(*index);
	e->bytes += (size_t)cap * sizeof(*index);
	b->index = index;
	b->cap = cap;
}

/* Puts slot s in index, of cap slots, at the first free place from its
 * hash's. */
static void
index_put(uint64_t *index, uint32_t cap, uint64_t s)
{
	uint32_t j = slot_hash(s) & (cap - 1);

	while (index[j] != 0)
		j = (j + 1) & (cap - 1);
	index[j] = s;
}

void
bin_set_index(struct engine *e, struct bin *b, uint64_t *index, uint32_t cap)
{
	for (uint32_t i = 0; i < b->n; i++)
		index_put(index, cap, slot_make(i,
		    group_hash(&bin_group(e, b, i)->src)));
	bin_take_index(e, b, index, cap);
}

/* Gives b a table of cap slots (more than it has, so at most 2^31 and the
 * low 32 bits of a hash place a slot), moving the slots over without
 * reading the groups; -1, b unchanged, when memory is short. */
static int
bin_reindex(struct engine *e, struct bin *b, uint32_t cap)
{
	uint64_t *index = calloc(cap, sizeof(*index));

	if (index == NULL)
		return -1;
	for (uint32_t i = 0; i < b->cap; i++)
		if (b->index[i] != 0)
			index_put(index, cap, b->index[i]);
	bin_take_index(e, b, index, cap);
	return 0;
}

/* Adds the next chunk of groups to b; -1 when memory is short. */
static int
bin_add_chunk(struct engine *e, struct bin *b)
{
	size_t size = group_chunk_size(b->nchunks) * e->gsize;
	char *chunk;

	if (b->nchunks == b->capchunks) {
		uint32_t cap = b->capchunks ? b->capchunks * 2 : 8;
		void *v = realloc(b->chunks, cap * sizeof(*b->chunks));

		if (v == NULL)
			return -1;
		b->chunks = v;
		b->bytes += (cap - b->capchunks) * sizeof(*b->chunks);
		e->bytes += (cap - b->capchunks) * sizeof(*b->chunks);
		b->capchunks = cap;
	}
	if ((chunk = malloc(size)) == NULL)
		return -1;
	b->chunks[b->nchunks++] = chunk;
	b->bytes += size;
	e->bytes += size;
	return 0;
}

void
bin_trim_chunks(struct engine *e, struct bin *b)
{
	uint32_t at, need = b->n == 0 ? 0 : group_chunk(b->n - 1, &at) + 1;

	while (b->nchunks > need) {
		size_t size = group_chunk_size(--b->nchunks) * e->gsize;

		free(b->chunks[b->nchunks]);
		b->bytes -= size;
		e->bytes -= size;
	}
}

/*
 * Finds the group of src in b, or makes a new one (attempts == 0, src
 * set).  The caller must give a new group at least one attempt before the
 * next call.  Returns NULL when memory is short.
 */
static struct group *
group_get(struct engine *e, struct bin *b, const struct addr *src)
{
	uint64_t h = group_hash(src);
	uint32_t tag = (uint32_t)h;
	struct group *g;
	uint32_t i, at;

	/* up to 3/4 full: a slot is 8 bytes, so short probes cost little
	 * memory; past 2^31 slots the numbers would not fit */
	if (((uint64_t)b->n + 1) * 4 > (uint64_t)b->cap * 3 &&
	    (b->cap > UINT32_MAX / 2 ||
	    bin_reindex(e, b, b->cap ? b->cap * 2 : 8) < 0))
		return NULL;
	for (i = tag & (b->cap - 1); b->index[i] != 0;
	    i = (i + 1) & (b->cap - 1)) {
		e->stats.probes++;
		if (slot_hash(b->index[i]) != tag)
			continue;
		g = bin_group(e, b, slot_group(b->index[i]));
		if (addr_eq(&g->src, src))
			return g;
	}
	if (group_chunk(b->n, &at) == b->nchunks && bin_add_chunk(e, b) < 0)
		return NULL;
	g = bin_group(e, b, b->n);
	memset(g, 0, e->gsize);
	g->src = *src;
	g->inexact = e->evicted != NULL &&
	    engine_was_evicted(e, src, b->start);
	b->index[i] = slot_make(b->n++, h);
	e->stats.groups++;
	if (++e->stats.groups_open > e->stats.groups_open_peak)
		e->stats.groups_open_peak = e->stats.groups_open;
	return g;
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
	f->first = group_first(e, b, g);
	f->last = group_last(e, b, g);
	f->duration = (time_floor(f->last, USEC_PER_SEC) -
	    time_floor(f->first, USEC_PER_SEC)) / USEC_PER_SEC;
	minutes = (time_floor(f->last, USEC_PER_MIN) -
	    time_floor(f->first, USEC_PER_MIN)) / USEC_PER_MIN;
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

	for (uint32_t i = 0; i < b->n && e->fn != NULL; i++) {
		struct group *g = bin_group(e, b, i);

		if (group_is_finding(&e->opts, g)) {
			finding_build(e, b, g, &f);
			e->fn(&f, e->arg);
		}
	}
	e->stats.groups_open -= b->n;
	e->stats.bins_closed++;
	e->bytes -= b->bytes;
	bin_free(e, b);
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

/* Makes (t, seq) the earliest event of g, a group of b, if it is. */
static void
group_take_earliest(struct engine *e, const struct bin *b, struct group *g,
    int64_t t, uint64_t seq, uint32_t vp_or_max, struct str vendor,
    struct str product)
{
	int64_t first;

	if (g->attempts != 0) {
		first = group_first(e, b, g);
		if (t > first || (t == first && seq >= g->first_seq))
			return;
	}
	group_set_first(e, b, g, t);
	g->first_seq = seq;
	g->vp = vp_or_max != UINT32_MAX ? vp_or_max :
	    vp_intern(e, vendor, product);
}

/* Counts ev in g, a group of b, unless it is a duplicate; 0 if counted,
 * 1 if a duplicate, -1 if memory was short. */
static int
group_count(struct engine *e, const struct bin *b, struct group *g,
    const struct engine_event *ev)
{
	int rc = 0;

	/* a new group's set is empty: its first key is always new */
	if (e->opts.dedup && keyset_add(group_seen(e, g), ev->dedup_key) == 0)
		return 1;
	group_take_earliest(e, b, g, ev->time, ev->seq, ev->vp,
	    ev->vendor, ev->product);
	if (g->attempts == 0 || ev->time > group_last(e, b, g))
		group_set_last(e, b, g, ev->time);
	g->attempts++;
	if ((ev->count_port && portset_add(&g->ports, ev->dport) < 0) ||
	    (ev->has_dst && hostset_add(&g->hosts, &ev->dst) < 0))
		rc = -1;
	return rc;
}

/* The start of the bin of t: mostly the last bin's, found without a
 * division; *b is that bin then, else NULL. */
static int64_t
bin_start_of(const struct engine *e, int64_t t, struct bin **b)
{
	struct bin *last = e->last_bin < e->nbins ? e->bins[e->last_bin] :
	    NULL;

	if (last != NULL && t >= last->start &&
	    t - last->start < e->opts.bin) {
		*b = last;
		return last->start;
	}
	*b = NULL;
	return time_floor(t, e->opts.bin);
}

void
engine_add(struct engine *e, const struct engine_event *ev)
{
	struct bin *b;
	int64_t start = bin_start_of(e, ev->time, &b);
	int64_t limit;
	struct group *g;
	size_t heap;
	int r;

	if (!e->has_watermark || ev->time > e->watermark) {
		e->watermark = ev->time;
		e->has_watermark = true;
	}
	limit = close_limit(e);
	if (start + e->opts.bin <= limit) {
		e->stats.late++;
		return;
	}
	if ((b == NULL && (b = bin_get(e, start)) == NULL) ||
	    (g = group_get(e, b, &ev->src)) == NULL) {
		e->stats.nomem++;
		return;
	}
	heap = group_heap(e, g);
	if ((r = group_count(e, b, g, ev)) == 1) {
		e->stats.duplicates++;
		return;
	}
	e->stats.added++;
	if (g->inexact)
		e->stats.inexact_events++;
	if (r < 0)
		e->stats.nomem++;
	b->bytes += group_heap(e, g) - heap;
	e->bytes += group_heap(e, g) - heap;
	if (e->bytes > e->stats.bytes_peak)
		e->stats.bytes_peak = e->bytes;
	while (e->nbins > 0 && e->bins[0]->start + e->opts.bin <= limit)
		bin_close_first(e);
	/* cheap test first: the full one walks the open bins */
	if (e->opts.max_bytes != 0 && e->bytes * 2 > e->opts.max_bytes / 2 &&
	    e->bytes > e->relieved_at + e->opts.max_bytes / 16 &&
	    e->bytes + engine_growth_room(e) > e->opts.max_bytes)
		engine_relieve(e);
}

void
engine_flush(struct engine *e)
{
	while (e->nbins > 0)
		bin_close_first(e);
}

/* Merges group s of bin sb of engine src into group d of bin db of dst. */
static int
group_merge(struct engine *dst, struct bin *db, struct group *d,
    struct engine *src, const struct bin *sb, struct group *s)
{
	struct str vendor = src->vps[s->vp].vendor;
	struct str product = src->vps[s->vp].product;
	int64_t last = group_last(src, sb, s);
	bool fresh = d->attempts == 0;
	size_t heap = group_heap(dst, d);
	int rc = 0;

	d->inexact = d->inexact || s->inexact;
	group_take_earliest(dst, db, d, group_first(src, sb, s), s->first_seq,
	    UINT32_MAX, vendor, product);
	if (fresh || last > group_last(dst, db, d))
		group_set_last(dst, db, d, last);
	if (portset_union(&d->ports, &s->ports) < 0 ||
	    hostset_union(&d->hosts, &s->hosts) < 0)
		rc = -1;
	else if (dst->opts.dedup) {
		struct keyset *seen = group_seen(dst, d);
		uint32_t before = seen->n;

		if (keyset_union(seen, group_seen(src, s)) < 0)
			rc = -1;
		dst->stats.duplicates += group_seen(src, s)->n -
		    (seen->n - before);
		d->attempts = seen->n;
	} else {
		d->attempts += s->attempts;
	}
	db->bytes += group_heap(dst, d) - heap;
	dst->bytes += group_heap(dst, d) - heap;
	return rc;
}

/* Merges the groups of src's bin sb one by one into dst's bin of the
 * same start; -1 when memory is short. */
static int
bin_merge_groups(struct engine *dst, struct engine *src, struct bin *sb)
{
	struct bin *db = bin_get(dst, sb->start);

	if (db == NULL)
		return -1;
	for (uint32_t i = 0; i < sb->n; i++) {
		struct group *s = bin_group(src, sb, i), *d;

		if ((d = group_get(dst, db, &s->src)) == NULL ||
		    group_merge(dst, db, d, src, sb, s) < 0)
			return -1;
	}
	return 0;
}

/*
 * Moves src's bin sb, whole, to position at of dst's bins: only the
 * vendor/product ids, which are per engine, change (map holds src's ids
 * in dst, UINT32_MAX for not yet interned), and a group dst evicted
 * before, or of a bin dst closed early, becomes inexact.  -1 when memory
 * is short, sb unmoved.
 */
static int
bin_move(struct engine *dst, size_t at, struct engine *src, struct bin *sb,
    uint32_t *map)
{
	/* dst judged its part of this bin early (see evict.c) */
	bool closed = sb->start + dst->opts.bin <= dst->closed_before;

	if (bins_insert(dst, at, sb) < 0)
		return -1;
	for (uint32_t i = 0; i < sb->n; i++) {
		struct group *g = bin_group(src, sb, i);

		if (map[g->vp] == UINT32_MAX)
			map[g->vp] = vp_intern(dst, src->vps[g->vp].vendor,
			    src->vps[g->vp].product);
		g->vp = map[g->vp];
		if (closed || (dst->evicted != NULL &&
		    engine_was_evicted(dst, &g->src, sb->start)))
			g->inexact = 1;
	}
	dst->bytes += sb->bytes;
	src->bytes -= sb->bytes;
	dst->stats.groups += sb->n;
	dst->stats.groups_open += sb->n;
	if (dst->stats.groups_open > dst->stats.groups_open_peak)
		dst->stats.groups_open_peak = dst->stats.groups_open;
	return 0;
}

/* Moves or merges src's bins into dst, newest first. */
static int
engine_merge_bins(struct engine *dst, struct engine *src)
{
	uint32_t *map = malloc(src->nvps * sizeof(*map));

	if (map == NULL)
		return -1;
	for (uint32_t i = 0; i < src->nvps; i++)
		map[i] = UINT32_MAX;
	while (src->nbins > 0) {
		struct bin *sb = src->bins[src->nbins - 1];
		size_t at = bin_lower_bound(dst, sb->start);
		bool move = dst->gsize == src->gsize &&
		    dst->wide_at == src->wide_at &&
		    (at == dst->nbins || dst->bins[at]->start != sb->start);

		if (move ? bin_move(dst, at, src, sb, map) < 0 :
		    bin_merge_groups(dst, src, sb) < 0) {
			free(map);
			return -1;
		}
		src->stats.groups_open -= sb->n;
		src->nbins--;
		if (!move) {
			src->bytes -= sb->bytes;
			bin_free(src, sb);
		}
	}
	free(map);
	src->last_bin = 0;
	return 0;
}

int
engine_merge(struct engine *dst, struct engine *src)
{
	/* groups src closed already; its open ones are counted as they are
	 * created in dst */
	dst->stats.groups += src->stats.groups - src->stats.groups_open;
	engine_mark_evicted(dst, src);
	if (engine_merge_bins(dst, src) < 0)
		return -1;
	engine_join_evicted(dst, src);
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
