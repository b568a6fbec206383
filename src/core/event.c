/*
 * event.c - the normalized event.
 */
#include <string.h>

#include "event.h"

/*
 * Reads eight ASCII digits at p at once (an epoch time in milliseconds
 * has thirteen).  Returns false when one of them is not a digit.
 */
static bool
digits8(const char *p, uint64_t *out)
{
	uint64_t x;

	memcpy(&x, p, sizeof(x));
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	x = __builtin_bswap64(x);
#endif
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

bool
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

			if (!digits8(v.p + i, &w))
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

/* A field added to struct event must be added to event_clear() too. */
_Static_assert(sizeof(void *) != 8 || sizeof(struct event) == 152,
    "event_clear() sets every field of struct event");

/*
 * Field by field rather than memset(): a memset of the whole struct
 * becomes "rep stos", slow to start, and this runs for every record.
 */
void
event_clear(struct event *ev)
{
	ev->time = 0;
	ev->src = (struct addr){ { 0 } };
	ev->dst = (struct addr){ { 0 } };
	ev->sport = ev->dport = 0;
	ev->proto = -1;
	ev->has_time = ev->has_src = ev->has_dst = false;
	ev->has_sport = ev->has_dport = false;
	/* one assignment each: a chain would copy the field just stored */
	ev->action = STR_NULL;
	ev->action_hint = STR_NULL;
	ev->verdict = 0;
	ev->vendor = STR_NULL;
	ev->product = STR_NULL;
	ev->device = STR_NULL;
	ev->ident = 0;
}

#define PROTO_NAME(s, k) { s, sizeof(s) - 1, k }

static const struct {
	const char *name;
	size_t len;
	int number;
} proto_names[] = {
	PROTO_NAME("TCP", PROTO_TCP), PROTO_NAME("UDP", PROTO_UDP),
	PROTO_NAME("ICMP", PROTO_ICMP), PROTO_NAME("IGMP", 2),
	PROTO_NAME("GRE", 47), PROTO_NAME("ESP", 50), PROTO_NAME("AH", 51),
	PROTO_NAME("ICMPv6", PROTO_ICMPV6),
	PROTO_NAME("IPv6-ICMP", PROTO_ICMPV6),
	PROTO_NAME("SCTP", 132), PROTO_NAME("UDPLITE", 136),
};

/* True when p[0..n) is name in any case (ASCII, as strncasecmp() in the
 * C locale). */
static bool
proto_name_eq(const char *name, const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char a = (unsigned char)name[i];
		unsigned char b = (unsigned char)p[i];

		if (a >= 'A' && a <= 'Z')
			a += 'a' - 'A';
		if (b >= 'A' && b <= 'Z')
			b += 'a' - 'A';
		if (a != b)
			return false;
	}
	return true;
}

int
proto_parse(const char *p, size_t n)
{
	const char *slash = memchr(p, '/', n);
	size_t i;
	int x = 0;

	if (slash != NULL)
		n = (size_t)(slash - p);
	for (i = 0; i < n && p[i] >= '0' && p[i] <= '9'; i++)
		x = x <= 255 ? x * 10 + (p[i] - '0') : x;
	if (i > 0)
		return i == n && x <= 255 ? x : -2;
	for (i = 0; i < sizeof(proto_names) / sizeof(proto_names[0]); i++)
		if (proto_names[i].len == n &&
		    proto_name_eq(proto_names[i].name, p, n))
			return proto_names[i].number;
	return -1;
}
