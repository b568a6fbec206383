/*
 * event.h - the normalized event that every parser produces.
 *
 * One log record becomes zero or one event.  Text fields are borrowed:
 * they point into the record or into the parser's scratch space and stay
 * valid only until the next record of the same stream is parsed.  Nothing
 * in an event is allocated per line.
 */
#ifndef SCANSPOT_EVENT_H
#define SCANSPOT_EVENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "addr.h"

/* A borrowed byte string, not NUL-terminated. */
struct str {
	const char *p;
	size_t n;
};

#define STR_NULL ((struct str){ NULL, 0 })

/* IP protocol numbers that the detection names. */
#define PROTO_ICMP 1
#define PROTO_TCP 6
#define PROTO_UDP 17
#define PROTO_ICMPV6 58

struct event {
	int64_t time;		/* microseconds since the epoch, UTC */
	struct addr src, dst;
	uint16_t sport, dport;
	int16_t proto;		/* 0..255, or -1 when the record has none */
	bool has_time, has_src, has_dst, has_sport, has_dport;

	/*
	 * The verdict as logged: the device's action field (CEF act,
	 * DeviceAction, the action word of a netfilter prefix).  Empty when
	 * the record has none.  action_hint is a weaker second source, such
	 * as the CEF event name, used only by the default profile when action
	 * is empty.
	 */
	struct str action;
	struct str action_hint;

	/*
	 * The verdict class when the format's own rules decide it rather
	 * than its words (an Azure NSG decision "D", a Zeek connection state
	 * "REJ"): one of enum action_class (core/action.h), or 0 to decide
	 * from action and action_hint.  Used by the default profile only.
	 */
	uint8_t verdict;

	struct str vendor, product;
	struct str device;	/* host name or id of the reporting device */

	/*
	 * Identity of the packet or record beyond the fields above (the IP
	 * ID of a netfilter line, for example), for duplicate detection;
	 * 0 when the format has none.
	 */
	uint64_t ident;
};

void event_clear(struct event *ev);

/*
 * Reads eight ASCII digits held in x, the first in the lowest byte (an
 * epoch time in milliseconds has thirteen).  Returns false when one of
 * them is not a digit.
 */
static inline bool
str_digits8_word(uint64_t x, uint64_t *out)
{
	/* every byte 0x30..0x39: high nibble 3, and adding 6 keeps it 3 */
	if ((x & 0xf0f0f0f0f0f0f0f0ULL) != 0x3030303030303030ULL ||
	    ((x + 0x0606060606060606ULL) & 0xf0f0f0f0f0f0f0f0ULL) !=
	    0x3030303030303030ULL)
		return false;
	x -= 0x3030303030303030ULL;
	/* the first digit is the lowest byte: pair, then quad, then all */
	x = (x * 10 + (x >> 8)) & 0x00ff00ff00ff00ffULL;
	x = (x * 100 + (x >> 16)) & 0x0000ffff0000ffffULL;
	x = (x * 10000 + (x >> 32)) & 0xffffffffULL;
	*out = x;
	return true;
}

/* The eight bytes at p as a word, the first in the lowest byte. */
static inline uint64_t
str_load8(const char *p)
{
	uint64_t x;

	memcpy(&x, p, sizeof(x));
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	x = __builtin_bswap64(x);
#endif
	return x;
}

/* Reads the eight ASCII digits at p; false when one is not a digit. */
static inline bool
str_digits8(const char *p, uint64_t *out)
{
	return str_digits8_word(str_load8(p), out);
}

/*
 * Reads a decimal number written with digits only (no sign, no spaces),
 * at most max.  Returns false for an empty, non-numeric, overflowing or
 * too large value.  Inline: every parser reads ports and times with it,
 * and a constant max folds away.
 */
static inline bool
str_to_uint(struct str v, uint64_t max, uint64_t *out)
{
	uint64_t x = 0;

	if (v.n == 0 || v.n > 20)
		return false;
	if (v.n < 20) {
		/* at most 19 digits: below 10^19, no overflow to check */
		size_t i = 0;

		for (; i + 8 <= v.n; i += 8) {
			uint64_t w;

			if (!str_digits8(v.p + i, &w))
				return false;
			x = x * 100000000 + w;
		}
		for (; i < v.n; i++) {
			unsigned d = (unsigned char)v.p[i] - '0';

			if (d > 9)
				return false;
			x = x * 10 + d;
		}
		if (x > max)
			return false;
		*out = x;
		return true;
	}
	for (size_t i = 0; i < v.n; i++) {
		unsigned d = (unsigned char)v.p[i] - '0';

		if (d > 9 || x > (UINT64_MAX - d) / 10)
			return false;
		x = x * 10 + d;
	}
	if (x > max)
		return false;
	*out = x;
	return true;
}

/*
 * str_to_uint() for a value inside a line whose bytes may be read up to
 * end: a value of one to eight digits with eight bytes before end is
 * read as one word, the bytes after it replaced by leading zeros, without
 * a branch on its length (ports are four or five digits, mixed).
 */
static inline bool
str_to_uint_near(struct str v, const char *end, uint64_t max,
    uint64_t *out)
{
	uint64_t x;

	if (v.n == 0 || v.n > 8 || end - v.p < 8)
		return str_to_uint(v, max, out);
	/* the value's bytes to the top, '0's below them */
	x = str_load8(v.p) << (8 * (8 - v.n)) |
	    (0x3030303030303030ULL >> (4 * v.n)) >> (4 * v.n);
	if (!str_digits8_word(x, &x) || x > max)
		return false;
	*out = x;
	return true;
}

/*
 * Reads an IP protocol as logs write it: a decimal number, or a name in any
 * case (TCP, UDP, ICMP, ICMPv6, IPv6-ICMP, IGMP, GRE, ESP, AH, SCTP,
 * UDPLITE).  A "/service" suffix ("tcp/https") is ignored.  Returns the
 * number 0..255; -1 for a name it does not know (the protocol is then
 * absent); -2 for a number above 255 or digits followed by anything else
 * (the record is malformed).
 */
int proto_parse(const char *p, size_t n);

#endif
