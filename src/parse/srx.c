/*
 * srx.c - Juniper SRX RT_FLOW session logs.
 */
#include "format.h"

static enum parse_status
srx_parse(struct parse_ctx *ctx, const char *line, size_t n,
    struct event *ev)
{
	return PARSE_NOT_MINE;
}

const struct format format_srx = {
	.name = "srx",
	.title = "Juniper SRX RT_FLOW session logs",
	.line_based = true,
	.parse = srx_parse,
};
