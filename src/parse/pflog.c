/*
 * pflog.c - OpenBSD pf log read by tcpdump -n -e -ttt.
 */
#include "format.h"

static enum parse_status
pflog_parse(struct parse_ctx *ctx, const char *line, size_t n,
    struct event *ev)
{
	return PARSE_NOT_MINE;
}

const struct format format_pflog = {
	.name = "pflog",
	.title = "OpenBSD pf log read by tcpdump -n -e -ttt",
	.line_based = true,
	.parse = pflog_parse,
};
