/*
 * scan.h - finding bytes in short spans of a line, eight at a time.
 *
 * The values between the delimiters of a log line are short (a port, an
 * address, a word), so a call to memchr() costs more than the search.
 * These inline searches read the span a 64-bit word at a time, never past
 * its end, and fall back to single bytes for the last few.
 */
#ifndef SCANSPOT_SCAN_H
#define SCANSPOT_SCAN_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define SCAN_ONES 0x0101010101010101ULL
#define SCAN_HIGHS 0x8080808080808080ULL

/* Nonzero when a byte of x is zero; the lowest flagged byte is exact. */
static inline uint64_t
scan_zero_bytes(uint64_t x)
{
	return (x - SCAN_ONES) & ~x & SCAN_HIGHS;
}

/* Offset in the word of the lowest flagged byte. */
static inline size_t
scan_first(uint64_t m)
{
	return (size_t)__builtin_ctzll(m) >> 3;
}

/* Eight bytes at p, the first in the least significant place: a false
 * flag of scan_zero_bytes() can then only follow a true one. */
static inline uint64_t
scan_load(const char *p)
{
	uint64_t x;

	memcpy(&x, p, sizeof(x));
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	x = __builtin_bswap64(x);
#endif
	return x;
}

/*
 * Returns the first byte of p[0..n) equal to c, or NULL; like memchr().
 */
static inline const char *
scan_byte(const char *p, size_t n, char c)
{
	const uint64_t pat = SCAN_ONES * (unsigned char)c;
	size_t i = 0;
	uint64_t m;

	for (; i + 8 <= n; i += 8)
		if ((m = scan_zero_bytes(scan_load(p + i) ^ pat)) != 0)
			return p + i + scan_first(m);
	for (; i < n; i++)
		if (p[i] == c)
			return p + i;
	return NULL;
}

/*
 * Returns the first byte of p[0..n) equal to c1 or c2, or NULL.
 */
static inline const char *
scan_byte2(const char *p, size_t n, char c1, char c2)
{
	const uint64_t pat1 = SCAN_ONES * (unsigned char)c1;
	const uint64_t pat2 = SCAN_ONES * (unsigned char)c2;
	size_t i = 0;
	uint64_t x, m;

	for (; i + 8 <= n; i += 8) {
		x = scan_load(p + i);
		m = scan_zero_bytes(x ^ pat1) | scan_zero_bytes(x ^ pat2);
		if (m != 0)
			return p + i + scan_first(m);
	}
	for (; i < n; i++)
		if (p[i] == c1 || p[i] == c2)
			return p + i;
	return NULL;
}

#endif
