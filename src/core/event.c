/*
 * event.c - the normalized event.
 */
#include <strings.h>
#include <string.h>

#include "event.h"

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
