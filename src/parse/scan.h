/*
 * scan.h - finding bytes in short spans of a line, eight at a time.
 *
 * The values between the delimiters of a log line are short (a port, an
 * address, a word), so a call to memchr() costs more than the search.
 * These inline searches read the span a 64-bit word at a time, never past
 * its end, and fall back to single bytes for the last few.
 *
 * A parser that wants every delimiter of a line instead loads it 64 bytes
 * at a time into a struct scan_block and asks for masks: bit i of
 * scan_block_eq(b, c) is set when byte i is c.  Iterating the set bits then
 * visits the delimiters in order, a few instructions each, without a
 * branch per byte.
 */
#ifndef SCANSPOT_SCAN_H
#define SCANSPOT_SCAN_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../core/event.h"

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

/*
 * Returns the first byte of p[0..n) equal to c, or NULL; like memchr().
 */
static inline const char *
scan_byte(const char *p, size_t n, char c)
{
	const uint64_t pat = SCAN_ONES * (unsigned char)c;
	size_t i = 0;
	uint64_t m;

	/* the first byte in the least significant place: a false flag of
	 * scan_zero_bytes() can then only follow a true one */
	for (; i + 8 <= n; i += 8)
		if ((m = scan_zero_bytes(str_load8(p + i) ^ pat)) != 0)
			return p + i + scan_first(m);
	for (; i < n; i++)
		if (p[i] == c)
			return p + i;
	return NULL;
}

#ifdef __SSE2__
#include <emmintrin.h>

/* Sixty-four bytes of a line, in four SSE2 registers. */
struct scan_block {
	__m128i v[4];
	unsigned shift;		/* see scan_block_at() */
};

static inline void
scan_block_load(struct scan_block *b, const char *p)
{
	const __m128i *v = (const void *)p;

	b->v[0] = _mm_loadu_si128(v);
	b->v[1] = _mm_loadu_si128(v + 1);
	b->v[2] = _mm_loadu_si128(v + 2);
	b->v[3] = _mm_loadu_si128(v + 3);
}

/* The 64-bit mask of the byte lanes set in m0..m3. */
static inline uint64_t
scan_block_bits(__m128i m0, __m128i m1, __m128i m2, __m128i m3)
{
	uint32_t lo = (uint32_t)_mm_movemask_epi8(m0) |
	    (uint32_t)_mm_movemask_epi8(m1) << 16;
	uint32_t hi = (uint32_t)_mm_movemask_epi8(m2) |
	    (uint32_t)_mm_movemask_epi8(m3) << 16;

	return (uint64_t)hi << 32 | lo;
}

/* Bit i set when byte i equals c. */
static inline uint64_t
scan_block_eq(const struct scan_block *b, char c)
{
	const __m128i pat = _mm_set1_epi8(c);

	return scan_block_bits(_mm_cmpeq_epi8(b->v[0], pat),
	    _mm_cmpeq_epi8(b->v[1], pat), _mm_cmpeq_epi8(b->v[2], pat),
	    _mm_cmpeq_epi8(b->v[3], pat)) >> b->shift;
}

/* One register of scan_block_range(). */
static inline __m128i
scan_range16(__m128i v, __m128i fold, __m128i shift, __m128i top)
{
	return _mm_cmplt_epi8(_mm_add_epi8(_mm_or_si128(v, fold), shift),
	    top);
}

/*
 * Bit i set when byte i, with the bits of fold set (0x20 folds ASCII
 * letters to lower case; 0 keeps the byte), lies in [lo, lo + len).
 * len is at most 128.
 */
static inline uint64_t
scan_block_range(const struct scan_block *b, unsigned char fold,
    unsigned char lo, unsigned char len)
{
	/* x - lo, moved by 128 so that a signed compare is an unsigned one */
	const __m128i f = _mm_set1_epi8((char)fold);
	const __m128i sh = _mm_set1_epi8((char)(unsigned char)(128 - lo));
	const __m128i top = _mm_set1_epi8((char)(unsigned char)(128 + len));

	return scan_block_bits(scan_range16(b->v[0], f, sh, top),
	    scan_range16(b->v[1], f, sh, top),
	    scan_range16(b->v[2], f, sh, top),
	    scan_range16(b->v[3], f, sh, top)) >> b->shift;
}
#else

/* Sixty-four bytes of a line, as they are. */
struct scan_block {
	unsigned char c[64];
	unsigned shift;		/* see scan_block_at() */
};

static inline void
scan_block_load(struct scan_block *b, const char *p)
{
	memcpy(b->c, p, sizeof(b->c));
}

static inline uint64_t
scan_block_eq(const struct scan_block *b, char c)
{
	uint64_t x = 0;

	for (int i = 0; i < 64; i++)
		x |= (uint64_t)(b->c[i] == (unsigned char)c) << i;
	return x >> b->shift;
}

static inline uint64_t
scan_block_range(const struct scan_block *b, unsigned char fold,
    unsigned char lo, unsigned char len)
{
	uint64_t x = 0;

	for (int i = 0; i < 64; i++)
		x |= (uint64_t)((unsigned char)((b->c[i] | fold) - lo) <
		    len) << i;
	return x >> b->shift;
}
#endif

/*
 * Loads the 64 bytes of s[0..n) from offset i: bit k of a mask stands for
 * s[i + k], and is clear past n for any byte but NUL.  The last block of a
 * line of 64 bytes or more is read from s + n - 64 and its masks shifted
 * down; a shorter line is copied into a block padded with NULs, so a mask
 * that NUL matches may have bits set past n.
 */
static inline void
scan_block_at(struct scan_block *b, const char *s, size_t n, size_t i)
{
	char pad[64];

	if (n - i >= 64) {
		scan_block_load(b, s + i);
		b->shift = 0;
	} else if (n >= 64) {
		scan_block_load(b, s + n - 64);
		b->shift = (unsigned)(i + 64 - n);
	} else {
		memset(pad, 0, sizeof(pad));
		memcpy(pad, s + i, n - i);
		scan_block_load(b, pad);
		b->shift = 0;
	}
}

#endif
