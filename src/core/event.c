/*
 * event.c - the normalized event.
 */
#include <string.h>

#include "event.h"

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
	size_t i;
	int x = 0;

	/* most lines name TCP or UDP: ASCII letters | 0x20 are lower case */
	if (n == 3 && (p[2] | 0x20) == 'p') {
		if ((p[0] | 0x20) == 't' && (p[1] | 0x20) == 'c')
			return PROTO_TCP;
		if ((p[0] | 0x20) == 'u' && (p[1] | 0x20) == 'd')
			return PROTO_UDP;
	}
	for (i = 0; i < n && p[i] != '/'; i++)
		;
	n = i;
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
