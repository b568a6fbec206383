/*
 * sets.h - the exact distinct-value sets kept per (source, bin) group.
 *
 * Most groups are one stray packet, a few are scans touching thousands of
 * ports or hosts, so each set starts inline in the group and grows only
 * when it must: ports go from a few inline values to a sorted array to an
 * 8 KiB bitmap of all 65536 ports; hosts and duplicate keys go from inline
 * values to an open-addressed table.  The inline forms are what most of
 * the state's memory is made of, so they are kept small: 16 bytes for the
 * ports, 24 for the hosts, 16 for the keys.
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

/* Inline, a host set holds one address of any kind or up to this many
 * IPv4 addresses (as their last four bytes): most groups reach a handful
 * of hosts, and a table of them costs 128 bytes or more. */
#define HOSTSET_INLINE_V4 4

struct hostset {
	uint32_t n;		/* distinct hosts */
	uint32_t cap : 30;	/* of tab; 0 while inline */
	uint32_t ones : 1;	/* tab form: holds ffff:..:ffff, the empty
				   mark */
	uint32_t one : 1;	/* inline form: u.one holds the host, else
				   u.v4 holds n IPv4 hosts */
	union {
		uint32_t v4[HOSTSET_INLINE_V4];
		struct addr one;
		struct addr *tab;	/* open-addressed; all-ones = empty */
	} u;
};

/* Adds a host; returns 1 if it was new, 0 if known, -1 if out of memory. */
int hostset_add(struct hostset *hs, const struct addr *a);

/* Adds every host of src to dst; -1 if out of memory. */
int hostset_union(struct hostset *dst, const struct hostset *src);
void hostset_free(struct hostset *hs);

/* Bytes of heap the set holds, for accounting (called per event). */
static inline size_t
hostset_heap(const struct hostset *hs)
{
	return hs->cap * sizeof(struct addr);
}

/* A set of 64-bit keys; one key is kept inline. */
struct keyset {
	uint32_t n;
	uint32_t cap;		/* of tab; 0 while inline (n <= 1) */
	union {
		uint64_t one;
		uint64_t *tab;	/* open-addressed; 0 = empty, so the key
				   0 is stored as 1 */
	} u;
};

/* Adds a key; returns 1 if it was new, 0 if known, -1 if out of memory. */
int keyset_add(struct keyset *ks, uint64_t key);

/* Adds every key of src to dst; -1 if out of memory. */
int keyset_union(struct keyset *dst, const struct keyset *src);
void keyset_free(struct keyset *ks);

/* Bytes of heap the set holds, for accounting. */
static inline size_t
keyset_heap(const struct keyset *ks)
{
	return ks->cap * sizeof(uint64_t);
}

#endif
