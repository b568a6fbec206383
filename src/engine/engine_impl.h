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

struct group {
	struct addr src;
	uint32_t attempts;	/* 0: the slot is empty */
	uint32_t vp : 31;	/* vendor/product of the earliest event */
	uint32_t inexact : 1;	/* this (source, bin) was evicted before */
	int64_t first, last;
	uint64_t first_seq;
	struct portset ports;
	struct hostset hosts;
	struct keyset seen;	/* dedup keys, when enabled */
};

struct bin {
	int64_t start;
	uint32_t n, cap;	/* groups in use, slots */
	size_t bytes;		/* table and set memory, for the cap */
	struct group *tab;
};

/* Interned "vendor\0product\0" pairs, so a group stores 4 bytes. */
struct vp_entry {
	uint64_t hash;
	struct str vendor, product;	/* owned, NUL-terminated too */
};

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
	uint64_t *evicted;	/* Bloom filter of evicted (source, bin) */
	uint64_t bloom_bits;	/* its size, a power of two */
	size_t relieved_at;	/* state size after the last relief */
	struct vp_entry *vps;	/* entry 0 is the empty pair */
	uint32_t nvps, capvps;
	uint32_t *vp_index;	/* open-addressed, values are ids + 1 */
	uint32_t vp_index_cap;
	struct engine_stats stats;
};

/* Heap bytes of a group's sets. */
size_t group_heap(const struct group *g);

/* Slot of a source in a table of cap slots (a power of two). */
uint32_t group_slot(const struct addr *src, uint32_t cap);

/* Frees a group's sets. */
void group_free(struct group *g);

/* Judges and frees the oldest open bin, reporting its findings. */
void bin_close_first(struct engine *e);

/* Keeps the engine under opts.max_bytes: see evict.c. */
void engine_relieve(struct engine *e);

/* Bytes of the largest open bin's table, which may double next. */
size_t engine_largest_table(const struct engine *e);

/* True when (source, bin) may have been evicted before. */
bool engine_was_evicted(const struct engine *e, const struct addr *src,
    int64_t bin);

#endif
