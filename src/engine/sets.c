/*
 * sets.c - distinct ports, hosts and duplicate keys of one group.
 */
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "sets.h"

static bool
portset_is_bitmap(const struct portset *ps)
{
	return ps->n > PORTSET_INLINE && ps->cap == 0;
}

static int
portset_to_bitmap(struct portset *ps)
{
	uint64_t *bits = calloc(PORT_WORDS, sizeof(*bits));

	if (bits == NULL)
		return -1;
	for (uint32_t i = 0; i < ps->n; i++)
		bits[ps->u.arr[i] >> 6] |= UINT64_C(1) << (ps->u.arr[i] & 63);
	free(ps->u.arr);
	ps->u.bits = bits;
	ps->cap = 0;
	return 0;
}

static int cmp_u16(const void *a, const void *b);

static int
portset_to_array(struct portset *ps)
{
	uint16_t *arr = malloc(16 * sizeof(*arr));

	if (arr == NULL)
		return -1;
	memcpy(arr, ps->u.inl, ps->n * sizeof(*arr));
	qsort(arr, ps->n, sizeof(*arr), cmp_u16);
	ps->u.arr = arr;
	ps->cap = 16;
	return 0;
}

static size_t
lower_bound16(const uint16_t *v, size_t n, uint16_t x)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (v[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int
portset_add_array(struct portset *ps, uint16_t port)
{
	size_t at = lower_bound16(ps->u.arr, ps->n, port);

	if (at < ps->n && ps->u.arr[at] == port)
		return 0;
	if (ps->n == PORTSET_ARRAY_MAX) {
		if (portset_to_bitmap(ps) < 0)
			return -1;
		ps->u.bits[port >> 6] |= UINT64_C(1) << (port & 63);
		ps->n++;
		return 1;
	}
	if (ps->n == ps->cap) {
		uint16_t *arr = realloc(ps->u.arr,
		    2 * ps->cap * sizeof(*arr));

		if (arr == NULL)
			return -1;
		ps->u.arr = arr;
		ps->cap *= 2;
	}
	memmove(ps->u.arr + at + 1, ps->u.arr + at,
	    (ps->n - at) * sizeof(*ps->u.arr));
	ps->u.arr[at] = port;
	ps->n++;
	return 1;
}

int
portset_add(struct portset *ps, uint16_t port)
{
	if (portset_is_bitmap(ps)) {
		uint64_t bit = UINT64_C(1) << (port & 63);

		if (ps->u.bits[port >> 6] & bit)
			return 0;
		ps->u.bits[port >> 6] |= bit;
		ps->n++;
		return 1;
	}
	if (ps->cap > 0)
		return portset_add_array(ps, port);
	for (uint32_t i = 0; i < ps->n; i++)
		if (ps->u.inl[i] == port)
			return 0;
	if (ps->n < PORTSET_INLINE) {
		ps->u.inl[ps->n++] = port;
		return 1;
	}
	if (portset_to_array(ps) < 0)
		return -1;
	return portset_add_array(ps, port);
}

static int
cmp_u16(const void *a, const void *b)
{
	return (int)*(const uint16_t *)a - (int)*(const uint16_t *)b;
}

size_t
portset_lowest(const struct portset *ps, uint16_t *out, size_t max)
{
	size_t n = 0;

	if (portset_is_bitmap(ps)) {
		for (unsigned w = 0; w < PORT_WORDS && n < max; w++) {
			uint64_t x = ps->u.bits[w];

			while (x != 0 && n < max) {
				out[n++] = (uint16_t)(w * 64 +
				    (unsigned)__builtin_ctzll(x));
				x &= x - 1;
			}
		}
		return n;
	}
	if (ps->cap > 0) {
		n = ps->n < max ? ps->n : max;
		memcpy(out, ps->u.arr, n * sizeof(*out));
		return n;
	}
	uint16_t tmp[PORTSET_INLINE];

	memcpy(tmp, ps->u.inl, ps->n * sizeof(*tmp));
	qsort(tmp, ps->n, sizeof(*tmp), cmp_u16);
	n = ps->n < max ? ps->n : max;
	memcpy(out, tmp, n * sizeof(*out));
	return n;
}

int
portset_union(struct portset *dst, const struct portset *src)
{
	uint16_t *all;
	size_t n;

	if (src->n == 0)
		return 0;
	all = malloc(src->n * sizeof(*all));
	if (all == NULL)
		return -1;
	n = portset_lowest(src, all, src->n);
	for (size_t i = 0; i < n; i++)
		if (portset_add(dst, all[i]) < 0) {
			free(all);
			return -1;
		}
	free(all);
	return 0;
}

void
portset_free(struct portset *ps)
{
	if (ps->cap > 0)
		free(ps->u.arr);
	else if (portset_is_bitmap(ps))
		free(ps->u.bits);
	memset(ps, 0, sizeof(*ps));
}

static const struct addr empty_addr = {
	{ 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff }
};

/* The first 12 bytes of an IPv4-mapped address. */
static const uint8_t v4_prefix[12] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff
};

static uint64_t
addr_hash(const struct addr *a)
{
	uint64_t x, y;

	memcpy(&x, a->b, 8);
	memcpy(&y, a->b + 8, 8);
	return hash_words(hash_key_get(), x, y);
}

/* Adds a to an inline set: 1 new, 0 known, 2 when it does not fit. */
static int
hostset_add_inline(struct hostset *hs, const struct addr *a)
{
	bool v4 = memcmp(a->b, v4_prefix, sizeof(v4_prefix)) == 0;
	uint32_t v;

	if (hs->n == 0 && !v4) {
		hs->u.one = *a;
		hs->one = 1;
		hs->n = 1;
		return 1;
	}
	if (hs->one)
		return addr_eq(&hs->u.one, a) ? 0 : 2;
	if (!v4)
		return 2;
	memcpy(&v, a->b + 12, 4);
	for (uint32_t i = 0; i < hs->n; i++)
		if (hs->u.v4[i] == v)
			return 0;
	if (hs->n == HOSTSET_INLINE_V4)
		return 2;
	hs->u.v4[hs->n++] = v;
	return 1;
}

/* Writes the hosts of an inline set to out; returns how many. */
static uint32_t
hostset_inline_list(const struct hostset *hs, struct addr *out)
{
	if (hs->one) {
		out[0] = hs->u.one;
		return hs->n;
	}
	for (uint32_t i = 0; i < hs->n; i++) {
		memcpy(out[i].b, v4_prefix, sizeof(v4_prefix));
		memcpy(out[i].b + 12, &hs->u.v4[i], 4);
	}
	return hs->n;
}

/* Inserts into the table part without growing; returns 1 new, 0 known. */
static int
hostset_insert(struct addr *tab, uint32_t cap, const struct addr *a)
{
	uint32_t i = (uint32_t)addr_hash(a) & (cap - 1);

	for (;; i = (i + 1) & (cap - 1)) {
		if (addr_eq(&tab[i], a))
			return 0;
		if (addr_eq(&tab[i], &empty_addr)) {
			tab[i] = *a;
			return 1;
		}
	}
}

static int
hostset_grow(struct hostset *hs)
{
	uint32_t cap = hs->cap ? hs->cap * 2 : 8;
	struct addr *tab, inl[HOSTSET_INLINE_V4];
	uint32_t n;

	/* the 30-bit count of slots, 16 GiB of hosts */
	if (hs->cap >= UINT32_C(1) << 29 ||
	    (tab = malloc(cap * sizeof(*tab))) == NULL)
		return -1;
	for (uint32_t i = 0; i < cap; i++)
		tab[i] = empty_addr;
	if (hs->cap == 0) {
		n = hostset_inline_list(hs, inl);
		for (uint32_t i = 0; i < n; i++) {
			if (addr_eq(&inl[i], &empty_addr))
				hs->ones = 1;
			else
				hostset_insert(tab, cap, &inl[i]);
		}
		hs->one = 0;
	} else {
		for (uint32_t i = 0; i < hs->cap; i++)
			if (!addr_eq(&hs->u.tab[i], &empty_addr))
				hostset_insert(tab, cap, &hs->u.tab[i]);
		free(hs->u.tab);
	}
	hs->u.tab = tab;
	hs->cap = cap;
	return 0;
}

int
hostset_add(struct hostset *hs, const struct addr *a)
{
	int r;

	if (hs->cap == 0) {
		if ((r = hostset_add_inline(hs, a)) != 2)
			return r;
		if (hostset_grow(hs) < 0)
			return -1;
	} else if ((hs->n + 1) * 4 > hs->cap * 3 && hostset_grow(hs) < 0) {
		return -1;
	}
	if (addr_eq(a, &empty_addr)) {
		if (hs->ones)
			return 0;
		hs->ones = 1;
		hs->n++;
		return 1;
	}
	r = hostset_insert(hs->u.tab, hs->cap, a);
	hs->n += (uint32_t)r;
	return r;
}

int
hostset_union(struct hostset *dst, const struct hostset *src)
{
	struct addr inl[HOSTSET_INLINE_V4];

	if (src->cap == 0) {
		uint32_t n = hostset_inline_list(src, inl);

		for (uint32_t i = 0; i < n; i++)
			if (hostset_add(dst, &inl[i]) < 0)
				return -1;
		return 0;
	}
	for (uint32_t i = 0; i < src->cap; i++)
		if (!addr_eq(&src->u.tab[i], &empty_addr) &&
		    hostset_add(dst, &src->u.tab[i]) < 0)
			return -1;
	return src->ones ? hostset_add(dst, &empty_addr) < 0 ? -1 : 0 : 0;
}

void
hostset_free(struct hostset *hs)
{
	if (hs->cap > 0)
		free(hs->u.tab);
	memset(hs, 0, sizeof(*hs));
}

static int
keyset_insert(uint64_t *tab, uint32_t cap, uint64_t key)
{
	uint32_t i = (uint32_t)(key ^ key >> 32) & (cap - 1);

	for (;; i = (i + 1) & (cap - 1)) {
		if (tab[i] == key)
			return 0;
		if (tab[i] == 0) {
			tab[i] = key;
			return 1;
		}
	}
}

static int
keyset_grow(struct keyset *ks)
{
	uint32_t cap = ks->cap ? ks->cap * 2 : 8;
	uint64_t *tab;

	if (ks->cap >= UINT32_C(1) << 31 ||
	    (tab = calloc(cap, sizeof(*tab))) == NULL)
		return -1;
	if (ks->cap == 0) {
		if (ks->n > 0)
			keyset_insert(tab, cap, ks->u.one);
	} else {
		for (uint32_t i = 0; i < ks->cap; i++)
			if (ks->u.tab[i] != 0)
				keyset_insert(tab, cap, ks->u.tab[i]);
		free(ks->u.tab);
	}
	ks->u.tab = tab;
	ks->cap = cap;
	return 0;
}

int
keyset_add(struct keyset *ks, uint64_t key)
{
	int r;

	if (key == 0)
		key = 1;
	if (ks->cap == 0) {
		if (ks->n == 0) {
			ks->u.one = key;
			ks->n = 1;
			return 1;
		}
		if (ks->u.one == key)
			return 0;
		if (keyset_grow(ks) < 0)
			return -1;
	} else if ((ks->n + 1) * 4 > ks->cap * 3 && keyset_grow(ks) < 0) {
		return -1;
	}
	r = keyset_insert(ks->u.tab, ks->cap, key);
	ks->n += (uint32_t)r;
	return r;
}

int
keyset_union(struct keyset *dst, const struct keyset *src)
{
	if (src->cap == 0)
		return src->n > 0 && keyset_add(dst, src->u.one) < 0 ? -1 : 0;
	for (uint32_t i = 0; i < src->cap; i++)
		if (src->u.tab[i] != 0 && keyset_add(dst, src->u.tab[i]) < 0)
			return -1;
	return 0;
}

void
keyset_free(struct keyset *ks)
{
	if (ks->cap > 0)
		free(ks->u.tab);
	memset(ks, 0, sizeof(*ks));
}
