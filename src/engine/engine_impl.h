/*
 * engine_impl.h - the engine's own structures, shared by engine.c (the
 * aggregation) and evict.c (what it does when memory runs short).  Not for
 * use outside src/engine.
 */
#ifndef SCANSPOT_ENGINE_IMPL_H
#define SCANSPOT_ENGINE_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "engine.h"
#include "sets.h"

/*
 * One (source, bin) group: 80 bytes, most of the state's memory.  The
 * times are kept as microseconds after the bin's start, which 32 bits
 * hold for bins up to 71 minutes; wider bins keep them in a group_wide
 * after the group instead.  The dedup keys, when enabled, follow too:
 * see engine.gsize.
 */
struct group {
	struct addr src;
	uint32_t attempts;	/* >= 1 once the group is in use */
	uint32_t vp : 31;	/* vendor/product of the earliest event */
	uint32_t inexact : 1;	/* this (source, bin) was evicted before */
	uint64_t first_seq;
	uint32_t first, last;	/* after the bin's start, unless wide */
	struct portset ports;
	struct hostset hosts;
};

/* The times of a group of a bin wider than 32 bits of microseconds. */
struct group_wide {
	int64_t first, last;
};

/*
 * The groups of a bin are numbered in order of creation and kept in
 * chunks that never move: GROUP_CHUNK_MIN in the first and in the second,
 * then twice as many in each, up to GROUP_CHUNK_MAX, so a bin of few
 * groups stays small and a large bin grows without copying.  A slot of the
 * hash table holds the group number and the low 32 bits of its source's
 * hash (8 bytes): a probe passes other sources without reading their
 * groups, and a table grows without hashing them again.
 */
#define GROUP_CHUNK_MIN_LOG 3
#define GROUP_CHUNK_MAX_LOG 8
#define GROUP_CHUNK_MIN (UINT32_C(1) << GROUP_CHUNK_MIN_LOG)
#define GROUP_CHUNK_MAX (UINT32_C(1) << GROUP_CHUNK_MAX_LOG)

struct bin {
	int64_t start;
	uint32_t n;		/* groups */
	uint32_t cap;		/* slots of index, a power of two */
	uint64_t *index;	/* open-addressed: see slot_make(), 0 for
				   an empty slot */
	char **chunks;		/* of groups, see bin_group() */
	uint32_t nchunks, capchunks;
	size_t bytes;		/* everything the bin holds, for the cap */
};

/* Interned "vendor\0product\0" pairs, so a group stores 4 bytes. */
struct vp_entry {
	uint64_t hash;
	struct str vendor, product;	/* owned, NUL-terminated too */
};

/* The last interned pairs, by a cheap unkeyed digest: each hit is checked
 * in full, so a crafted pair can only miss (see vp_intern()). */
#define VP_RECENT 16

struct engine {
	struct engine_opts opts;
	finding_fn fn;
	void *arg;
	struct bin **bins;
	size_t nbins, capbins, last_bin;
	int64_t watermark;
	bool has_watermark;
	int64_t closed_before;	/* bins ending at or before it are closed
				   for good (the memory cap closed them) */
	size_t bytes;		/* sum of the bins' bytes */
	uint64_t *evicted;	/* Bloom filter of the (source, bin) keys
				   evicted here or in engines merged in */
	uint64_t bloom_bits;	/* its size in use, a power of two (the
				   block may be larger: see evict.c) */
	size_t relieved_at;	/* state size after the last relief */
	struct vp_entry *vps;	/* entry 0 is the empty pair */
	uint32_t nvps, capvps;
	uint32_t *vp_index;	/* open-addressed, values are ids + 1 */
	uint32_t vp_index_cap;
	uint32_t vp_recent[VP_RECENT];	/* ids */
	size_t gsize;		/* bytes of a group with what follows it */
	size_t wide_at;		/* offset of its group_wide, or 0 */
	size_t seen_at;		/* offset of its dedup keyset, or 0 */
	struct engine_stats stats;
};

/* Number of the chunk holding group i, and i's place in it. */
static inline uint32_t
group_chunk(uint32_t i, uint32_t *at)
{
	uint32_t k;

	if (i < GROUP_CHUNK_MIN) {
		*at = i;
		return 0;
	}
	if (i < GROUP_CHUNK_MAX) {
		k = (uint32_t)(31 - __builtin_clz(i)) - GROUP_CHUNK_MIN_LOG;
		*at = i - (GROUP_CHUNK_MIN << k);
		return k + 1;
	}
	*at = i & (GROUP_CHUNK_MAX - 1);
	return GROUP_CHUNK_MAX_LOG - GROUP_CHUNK_MIN_LOG +
	    (i >> GROUP_CHUNK_MAX_LOG);
}

/* Groups chunk k holds. */
static inline uint32_t
group_chunk_size(uint32_t k)
{
	if (k == 0)
		return GROUP_CHUNK_MIN;
	if (k <= GROUP_CHUNK_MAX_LOG - GROUP_CHUNK_MIN_LOG)
		return GROUP_CHUNK_MIN << (k - 1);
	return GROUP_CHUNK_MAX;
}

/* Group i of b (i < b->n). */
static inline struct group *
bin_group(const struct engine *e, const struct bin *b, uint32_t i)
{
	uint32_t at, k = group_chunk(i, &at);

	return (struct group *)(void *)(b->chunks[k] + at * e->gsize);
}

/* The dedup keys of g; only when opts.dedup. */
static inline struct keyset *
group_seen(const struct engine *e, struct group *g)
{
	return (struct keyset *)(void *)((char *)g + e->seen_at);
}

static inline int64_t
group_first(const struct engine *e, const struct bin *b,
    const struct group *g)
{
	if (e->wide_at != 0)
		return ((const struct group_wide *)(const void *)
		    ((const char *)g + e->wide_at))->first;
	return b->start + g->first;
}

static inline int64_t
group_last(const struct engine *e, const struct bin *b,
    const struct group *g)
{
	if (e->wide_at != 0)
		return ((const struct group_wide *)(const void *)
		    ((const char *)g + e->wide_at))->last;
	return b->start + g->last;
}

/* Sets the times of g; t lies within b. */
static inline void
group_set_first(const struct engine *e, const struct bin *b,
    struct group *g, int64_t t)
{
	if (e->wide_at != 0)
		((struct group_wide *)(void *)((char *)g + e->wide_at))->first
		    = t;
	else
		g->first = (uint32_t)(t - b->start);
}

static inline void
group_set_last(const struct engine *e, const struct bin *b,
    struct group *g, int64_t t)
{
	if (e->wide_at != 0)
		((struct group_wide *)(void *)((char *)g + e->wide_at))->last
		    = t;
	else
		g->last = (uint32_t)(t - b->start);
}

/* Heap bytes of a group's sets. */
size_t group_heap(const struct engine *e, const struct group *g);

/* The keyed hash of a source. */
uint64_t group_hash(const struct addr *src);

/* Slot of a source in a table of cap slots (a power of two). */
uint32_t group_slot(const struct addr *src, uint32_t cap);

/* A table slot for group number i (from 0) of a source of hash h. */
static inline uint64_t
slot_make(uint32_t i, uint64_t h)
{
	return (uint64_t)(uint32_t)h << 32 | (uint64_t)(i + 1);
}

/* The group number held in a full slot, and its hash's low 32 bits. */
static inline uint32_t
slot_group(uint64_t s)
{
	return (uint32_t)s - 1;
}

static inline uint32_t
slot_hash(uint64_t s)
{
	return (uint32_t)(s >> 32);
}

/* Frees a group's sets. */
void group_free(const struct engine *e, struct group *g);

/* Makes index, cap zeroed slots (a power of two, more than b->n * 4 / 3),
 * b's table, filled with its groups, and frees the old one. */
void bin_set_index(struct engine *e, struct bin *b, uint64_t *index,
    uint32_t cap);

/* Frees the chunks past the first n groups' (after b->n became n). */
void bin_trim_chunks(struct engine *e, struct bin *b);

/* Judges and frees the oldest open bin, reporting its findings. */
void bin_close_first(struct engine *e);

/* Keeps the engine under opts.max_bytes: see evict.c. */
void engine_relieve(struct engine *e);

/* The most bytes one bin's growth may add at once, counting the old
 * table a doubling holds beside the new one until it is copied. */
size_t engine_growth_room(const struct engine *e);

/* True when (source, bin) may have been evicted before. */
bool engine_was_evicted(const struct engine *e, const struct addr *src,
    int64_t bin);

/*
 * Merging src into dst.  Before the bins join, engine_mark_evicted()
 * marks the groups of dst whose (source, bin) src evicted, or whose bin
 * src closed early, as their joined counts may fall short too (groups
 * that come from src are checked against dst's filter as they join).  After, engine_join_evicted() gives
 * dst's filter src's keys as well: dst takes src's filter, and its bytes,
 * when it has none (src then has none); else src's, and dst's own when it
 * is the larger, are folded into dst's at the smaller of the two sizes,
 * and src keeps its filter, for engine_free().
 */
void engine_mark_evicted(struct engine *dst, const struct engine *src);
void engine_join_evicted(struct engine *dst, struct engine *src);

#endif
