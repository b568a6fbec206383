/*
 * event.c - the normalized event.
 */
#include <strings.h>
#include <string.h>

#include "event.h"

bool
str_to_uint(struct str v, uint64_t max, uint64_t *out)
{
	uint64_t x = 0;

	if (v.n == 0 || v.n > 20)
		return false;
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

void
event_clear(struct event *ev)
{
	memset(ev, 0, sizeof(*ev));
	ev->proto = -1;
}

static const struct {
	const char *name;
	int number;
} proto_names[] = {
	{ "ICMP", PROTO_ICMP }, { "IGMP", 2 }, { "TCP", PROTO_TCP },
	{ "UDP", PROTO_UDP }, { "GRE", 47 }, { "ESP", 50 }, { "AH", 51 },
	{ "ICMPv6", PROTO_ICMPV6 }, { "IPv6-ICMP", PROTO_ICMPV6 },
	{ "SCTP", 132 }, { "UDPLITE", 136 },
};

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
		if (strlen(proto_names[i].name) == n &&
		    strncasecmp(proto_names[i].name, p, n) == 0)
			return proto_names[i].number;
	return -1;
}
