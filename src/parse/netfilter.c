/*
 * netfilter.c - the Linux kernel's packet log lines (iptables, nftables,
 * ulogd2).
 */
#include <string.h>

#include "format.h"

static int
netfilter_sniff(const char *head, size_t n)
{
	return 0;
}

static enum parse_status
netfilter_parse(struct parse_ctx *ctx, const char *line, size_t n,
    struct event *ev)
{
	return PARSE_NOT_MINE;
}

const struct format format_netfilter = {
	.name = "netfilter",
	.title = "Linux netfilter log lines (iptables, nftables, ulogd2)",
	.sniff = netfilter_sniff,
	.line_based = true,
	.parse = netfilter_parse,
};
