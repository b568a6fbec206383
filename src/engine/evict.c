/*
 * evict.c - what the engine does when its state reaches the memory cap.
 *
 * A flood of spoofed sources is exactly when the tool must keep working,
 * so the state is capped (--max-memory).  Tables grow by doubling, so the
 * state must leave room for its largest table to double (the old and the
 * new table live side by side while it is copied); when it does not fit in
 * the cap that way, it is relieved, down to half the cap, in two steps:
 *
 *  1. Close the oldest open bins early, keeping the newest.  Their groups
 *     are judged as they stand; in time-ordered input nothing more would
 *     have come for them.  An event that still comes for such a bin is
 *     counted as late.
 *  2. Evict the older half of the groups of one event (then two, then
 *     three), by last update, again and again while needed; never a group
 *     that is already a finding.  A
 *     scanner's group grows past one event quickly and stays recent, so it
 *     keeps its exact counts; what is evicted is the spray of single
 *     spoofed packets.  Evicted (source, bin) keys go into a Bloom filter,
 *     so a later event for one marks its new group inexact.
 *
 * Every event and group that leaves exact counting is counted in
 * engine_stats; findings from inexact groups are flagged.
 */
#include <stdlib.h>
#include <string.h>

#include "engine_impl.h"
#include "hash.h"

#define BLOOM_BITS_MAX (UINT64_C(1) << 26)	/* 8 MiB, about 5% false
						   hits at ten million
						   evicted keys */
#define HISTOGRAM 1024

/*
 * The filter only decides whether a group is marked inexact, never where
 * a group is stored, so it hashes under a fixed key: the marks, and the
 * summary's count of them, are then the same from run to run.  A source
 * crafted against the key can at worst have its finding marked as
 * possibly undercounted.
 */
static const struct hash_key bloom_key = {
	UINT64_C(0x9e3779b97f4a7c15), UINT64_C(0xc2b2ae3d27d4eb4f)
};

static uint64_t
bloom_hash(const struct addr *src, int64_t bin)
{
	uint64_t x, y;

	memcpy(&x, src->b, 8);
	memcpy(&y, src->b + 8, 8);
	return hash_words(&bloom_key, x ^ (uint64_t)bin, y + (uint64_t)bin);
}

static void
bloom_add(struct engine *e, const struct addr *src, int64_t bin)
{
	uint64_t h = bloom_hash(src, bin);

	for (int k = 0; k < 3; k++, h = h >> 21 | h << 43)
		e->evicted[(h % e->bloom_bits) >> 6] |=
		    UINT64_C(1) << (h % e->bloom_bits & 63);
}

bool
engine_was_evicted(const struct engine *e, const struct addr *src,
    int64_t bin)
{
	uint64_t h = bloom_hash(src, bin);

	if (e->evicted == NULL)
		return false;
	for (int k = 0; k < 3; k++, h = h >> 21 | h << 43)
		if (!(e->evicted[(h % e->bloom_bits) >> 6] >>
		    (h % e->bloom_bits & 63) & 1))
			return false;
	return true;
}

/*
 * Folds filter f of fbits bits into to, of tbits (a smaller or equal power
 * of two): a key's bit lies at its hash modulo the size, so bit i of f is
 * bit i modulo tbits of to.
 */
static void
bloom_fold(uint64_t *to, uint64_t tbits, const uint64_t *f, uint64_t fbits)
{
	for (uint64_t i = 0; i < fbits / 64; i++)
		to[i % (tbits / 64)] |= f[i];
}

void
engine_mark_evicted(struct engine *dst, const struct engine *src)
{
	if (src->evicted == NULL && src->closed_before == INT64_MIN)
		return;
	for (size_t i = 0; i < dst->nbins; i++) {
		const struct bin *b = dst->bins[i];
		/* src judged its part of this bin early, and let later
		 * events of it go as late: any group may lack them */
		bool closed = b->start + dst->opts.bin <= src->closed_before;

		for (uint32_t j = 0; j < b->n; j++) {
			struct group *g = bin_group(dst, b, j);

			if (!g->inexact && (closed || (src->evicted != NULL &&
			    engine_was_evicted(src, &g->src, b->start))))
				g->inexact = 1;
		}
	}
}

void
engine_join_evicted(struct engine *dst, struct engine *src)
{
	if (src->evicted == NULL)
		return;
	if (dst->evicted == NULL) {
		dst->evicted = src->evicted;
		dst->bloom_bits = src->bloom_bits;
		dst->bytes += src->bloom_bits / 8;
		src->bytes -= src->bloom_bits / 8;
		src->evicted = NULL;
		return;
	}
	/* the smaller of the two sizes holds both, with more false hits */
	if (dst->bloom_bits > src->bloom_bits) {
		uint64_t *v;

		bloom_fold(dst->evicted, src->bloom_bits,
		    dst->evicted + src->bloom_bits / 64,
		    dst->bloom_bits - src->bloom_bits);
		/* when the block cannot shrink, it stays, counted whole */
		if ((v = realloc(dst->evicted, src->bloom_bits / 8)) != NULL) {
			dst->evicted = v;
			dst->bytes -= (dst->bloom_bits - src->bloom_bits) / 8;
		}
		dst->bloom_bits = src->bloom_bits;
	}
	bloom_fold(dst->evicted, dst->bloom_bits, src->evicted,
	    src->bloom_bits);
}

/* True for a group step 2 may evict: few events, not a finding. */
static bool
evictable(const struct engine *e, const struct group *g, uint32_t most)
{
	const struct engine_opts *o = &e->opts;

	return g->attempts <= most && g->ports.n < o->min_ports &&
	    !(g->hosts.n >= o->min_hosts && g->attempts >= o->min_attempts);
}

/*
 * The last-update time below which half the evictable groups lie, from a
 * histogram of their times, so no list of millions of candidates has to
 * be built while memory is short.  INT64_MIN when there are none.
 */
static int64_t
evict_cutoff(const struct engine *e, uint32_t most)
{
	size_t count[HISTOGRAM], total = 0, seen = 0;
	int64_t lo = INT64_MAX, hi = INT64_MIN, last;

	for (size_t i = 0; i < e->nbins; i++)
		for (uint32_t j = 0; j < e->bins[i]->n; j++) {
			const struct group *g = bin_group(e, e->bins[i], j);

			if (evictable(e, g, most)) {
				last = group_last(e, e->bins[i], g);
				lo = last < lo ? last : lo;
				hi = last > hi ? last : hi;
				total++;
			}
		}
	if (total == 0)
		return INT64_MIN;
	memset(count, 0, sizeof(count));
	for (size_t i = 0; i < e->nbins; i++)
		for (uint32_t j = 0; j < e->bins[i]->n; j++) {
			const struct group *g = bin_group(e, e->bins[i], j);

			if (!evictable(e, g, most))
				continue;
			last = group_last(e, e->bins[i], g);
			count[(size_t)((double)(last - lo) /
			    ((double)(hi - lo) + 1) * HISTOGRAM)]++;
		}
	for (size_t k = 0; k < HISTOGRAM; k++)
		if ((seen += count[k]) * 2 >= total) {
			int64_t cut = lo + (int64_t)((double)(hi - lo + 1) *
			    (double)(k + 1) / HISTOGRAM);

			/* at least the oldest time goes, or groups that all
			 * share one time would never be evicted */
			return cut > lo ? cut : lo + 1;
		}
	return hi + 1;
}

static bool
doomed(const struct engine *e, const struct bin *b, const struct group *g,
    uint32_t most, int64_t cutoff)
{
	return evictable(e, g, most) && group_last(e, b, g) < cutoff;
}

/* Removes from b the evictable groups last updated before cutoff: the
 * others move down over them, the emptied chunks are freed and the table
 * is built anew, sized for what is left.  Returns 1 if any went. */
static size_t
bin_evict(struct engine *e, struct bin *b, uint32_t most, int64_t cutoff)
{
	uint32_t keep = 0, cap = 8;
	uint64_t *index;

	for (uint32_t j = 0; j < b->n; j++)
		if (!doomed(e, b, bin_group(e, b, j), most, cutoff))
			keep++;
	if (keep == b->n)
		return 0;
	while ((uint64_t)cap * 3 < ((uint64_t)keep + 1) * 4)
		cap *= 2;
	if ((index = calloc(cap, sizeof(*index))) == NULL)
		return 0;
	for (uint32_t j = 0, k = 0; j < b->n; j++) {
		struct group *g = bin_group(e, b, j);

		if (!doomed(e, b, g, most, cutoff)) {
			if (k != j)
				memcpy(bin_group(e, b, k), g, e->gsize);
			k++;
			continue;
		}
		e->stats.evicted_groups++;
		e->stats.evicted_events += g->attempts;
		b->bytes -= group_heap(e, g);
		e->bytes -= group_heap(e, g);
		bloom_add(e, &g->src, b->start);
		group_free(e, g);
	}
	e->stats.groups_open -= b->n - keep;
	b->n = keep;
	bin_trim_chunks(e, b);
	bin_set_index(e, b, index, cap);
	return 1;
}

size_t
engine_growth_room(const struct engine *e)
{
	size_t most = 0, chunk = GROUP_CHUNK_MAX * e->gsize;

	for (size_t i = 0; i < e->nbins; i++)
		if (e->bins[i]->cap > most)
			most = e->bins[i]->cap;

	/* a table doubles into twice its slots, the old one still held */
	most = 2 * most * sizeof(uint64_t);
	return most > chunk ? most : chunk;
}

/* True while the state, with room for its largest growth (a table's
 * doubling or a new chunk of groups), does not fit in half the cap
 * (relief works down to half, so that it is not needed again at once). */
static bool
over(const struct engine *e)
{
	return e->bytes + engine_growth_room(e) > e->opts.max_bytes / 2;
}

void
engine_relieve(struct engine *e)
{
	while (over(e) && e->nbins > 1) {
		int64_t end = e->bins[0]->start + e->opts.bin;

		if (end > e->closed_before)
			e->closed_before = end;
		e->stats.bins_forced++;
		bin_close_first(e);
	}
	if (e->evicted == NULL && over(e)) {
		/* an eighth of the cap at most, so that it never fills a
		 * small cap (each thread's share) by itself */
		e->bloom_bits = BLOOM_BITS_MAX;
		while (e->bloom_bits / 8 > e->opts.max_bytes / 8 &&
		    e->bloom_bits > 4096)
			e->bloom_bits /= 2;
		if ((e->evicted = calloc(e->bloom_bits / 64,
		    sizeof(uint64_t))) == NULL)
			return;
		/* counted until engine_free(), unless a merge moves or
		 * shrinks it (engine_join_evicted()) */
		e->bytes += e->bloom_bits / 8;
	}
	for (uint32_t most = 1; most <= 3 && over(e);) {
		int64_t cutoff = evict_cutoff(e, most);
		size_t evicted = 0;

		for (size_t i = 0; cutoff != INT64_MIN && i < e->nbins; i++)
			evicted += bin_evict(e, e->bins[i], most, cutoff);
		if (evicted == 0)
			most++;
	}
	/* what could not be freed (findings, groups of many events) is not
	 * walked again for every event: the next relief waits until the
	 * state has grown by a sixteenth of the cap */
	e->relieved_at = e->bytes;
	e->last_bin = 0;
}
