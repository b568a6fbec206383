/*
 * addr.h - IPv4 and IPv6 addresses and sets of address ranges.
 *
 * Every address is kept in 16 bytes.  An IPv4 address a.b.c.d is stored as
 * the IPv4-mapped IPv6 address ::ffff:a.b.c.d, so that an IPv4 source and
 * the same source logged in mapped form are one key, one range check and
 * one output string.
 */
#ifndef SCANSPOT_ADDR_H
#define SCANSPOT_ADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct addr {
	uint8_t b[16];
};

/* Longest text form written by addr_format(), with its NUL. */
#define ADDR_STRLEN 46

bool addr_is_v4(const struct addr *a);

/* addr_parse() for the forms addr_parse_v4() does not read: IPv6, and
 * either in brackets. */
bool addr_parse_other(const char *s, size_t n, struct addr *a);

/*
 * Reads plain dotted IPv4, s[0..n) exactly: four parts of one to three
 * digits, each at most 255, joined by dots.  The common case of every
 * parser, so inline.
 */
static inline bool
addr_parse_v4(const char *s, size_t n, struct addr *a)
{
	const char *end = s + n;
	uint32_t ip = 0;
	unsigned v, d;

	if (n < 7 || n > 15)
		return false;
	for (int part = 0;; part++) {
		if ((v = (unsigned char)*s++ - '0') > 9)
			return false;
		if (s < end && (d = (unsigned char)*s - '0') <= 9) {
			v = v * 10 + d, s++;
			if (s < end && (d = (unsigned char)*s - '0') <= 9)
				v = v * 10 + d, s++;
		}
		if (v > 255)
			return false;
		ip = ip << 8 | v;
		if (part == 3)
			break;
		/* a fourth digit fails here, or at the end for the last */
		if (end - s < 2 || *s++ != '.')
			return false;
	}
	if (s != end)
		return false;
	memset(a->b, 0, 10);
	a->b[10] = a->b[11] = 0xff;
	a->b[12] = (uint8_t)(ip >> 24);
	a->b[13] = (uint8_t)(ip >> 16);
	a->b[14] = (uint8_t)(ip >> 8);
	a->b[15] = (uint8_t)ip;
	return true;
}

/*
 * Parses an IPv4 or IPv6 address in text form, exactly n bytes long (no
 * NUL needed).  IPv6 may carry a zone ("fe80::1%eth0"), which is dropped,
 * and may be written in brackets.  Returns true and fills *a on success.
 */
static inline bool
addr_parse(const char *s, size_t n, struct addr *a)
{
	return addr_parse_v4(s, n, a) || addr_parse_other(s, n, a);
}

/*
 * Splits "host:port", "[v6]:port" or "v6:port" at the last colon, for
 * fields that the format defines as address and port.  Returns true when
 * both parts are valid; the port is 0..65535.
 */
bool addr_parse_hostport(const char *s, size_t n, struct addr *a,
    uint16_t *port);

/* Writes the canonical text form (RFC 5952 for IPv6) into buf; returns its
 * length.  buf must hold ADDR_STRLEN bytes. */
size_t addr_format(const struct addr *a, char *buf);

/* Address order: every IPv4 address before every IPv6 address, then by
 * numeric value.  Returns <0, 0 or >0. */
int addr_cmp(const struct addr *x, const struct addr *y);

static inline bool
addr_eq(const struct addr *x, const struct addr *y)
{
	const uint64_t *p = (const void *)x->b, *q = (const void *)y->b;

	return p[0] == q[0] && p[1] == q[1];
}

/*
 * A set of address ranges, built from CIDR blocks and kept as sorted,
 * merged [lo, hi] intervals so that a lookup is a binary search.
 */
struct range_set {
	struct addr_range {
		struct addr lo, hi;
	} *v;
	size_t n, cap;
};

void range_set_init(struct range_set *rs);
void range_set_free(struct range_set *rs);

/*
 * Adds a CIDR block ("192.0.2.0/24", "2001:db8::/32") or a single address.
 * IPv4 prefixes (0..32) apply to the mapped form; an address written in
 * IPv6 text, mapped or not, takes an IPv6 prefix (0..128), so
 * "::ffff:192.0.2.0/120" is 192.0.2.0/24.  Host bits set below the prefix
 * are an error, so that a typo cannot silently widen a range.  Returns 0,
 * or -1 with a static message in *err.
 */
int range_set_add(struct range_set *rs, const char *cidr, size_t n,
    const char **err);

/* Adds every block of a comma- or space-separated list; stops at the first
 * bad one, leaving *bad pointing at it. */
int range_set_add_list(struct range_set *rs, const char *list,
    const char **err, const char **bad);

bool range_set_contains(const struct range_set *rs, const struct addr *a);

/* The default internal networks of the detection (RFC 1918, loopback,
 * link-local, CGNAT, multicast, reserved, and their IPv6 counterparts). */
extern const char *const addr_internal_default[];

#endif
