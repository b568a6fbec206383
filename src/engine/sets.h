/*
 * sets.h - the exact distinct-value sets kept per (source, bin) group.
 *
 * Most groups are one stray packet, a few are scans touching thousands of
 * ports or hosts, so each set starts inline in the group and grows only
 * when it must: ports go from a few inline values to a sorted array to an
 * 8 KiB bitmap of all 65536 ports; hosts and duplicate keys go from inline
 * values to an open-addressed table.
 */
#ifndef SCANSPOT_SETS_H
#define SCANSPOT_SETS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/addr.h"

#define PORTSET_INLINE 4

struct portset {
	uint32_t n;		/* distinct ports */
	uint32_t cap;		/* of arr; 0 while inline or bitmap */
	union {
		uint16_t inl[PORTSET_INLINE];
		uint16_t *arr;	/* sorted, when cap > 0 */
		uint64_t *bits;	/* when n > the array's limit */
	} u;
};

/* Adds a port; returns 1 if it was new, 0 if known, -1 if out of memory. */
int portset_add(struct portset *ps, uint16_t port);

/* Writes at most max ports in ascending order; returns how many. */
size_t portset_lowest(const struct portset *ps, uint16_t *out, size_t max);

/* Adds every port of src to dst; -1 if out of memory. */
int portset_union(struct portset *dst, const struct portset *src);
void portset_free(struct portset *ps);

/* Above this many ports the sorted array (1 KiB) becomes a bitmap. */
#define PORTSET_ARRAY_MAX 512
#define PORT_WORDS (65536 / 64)

/* Bytes of heap the set holds, for accounting (called per event). */
static inline size_t
portset_heap(const struct portset *ps)
{
	if (ps->cap > 0)
		return ps->cap * sizeof(uint16_t);
	return ps->n > PORTSET_INLINE ? PORT_WORDS * sizeof(uint64_t) : 0;
}

#define HOSTSET_INLINE 2

struct hostset {
	uint32_t n, cap;	/* cap 0 while inline */
	bool ones;		/* holds ffff:..:ffff, the empty mark */
	union {
		struct addr inl[HOSTSET_INLINE];
		struct addr *tab;	/* open-addressed; all-ones = empty */
	} u;
};

int hostset_add(struct hostset *hs, const struct addr *a);
int hostset_union(struct hostset *dst, const struct hostset *src);
void hostset_free(struct hostset *hs);
static inline size_t
hostset_heap(const struct hostset *hs)
{
	return hs->cap * sizeof(struct addr);
}

/* A set of nonzero 64-bit keys (0 is stored as 1). */
struct keyset {
	uint32_t n, cap;
	uint64_t *tab;
};

int keyset_add(struct keyset *ks, uint64_t key);
int keyset_union(struct keyset *dst, const struct keyset *src);
void keyset_free(struct keyset *ks);

#endif
