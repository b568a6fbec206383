/*
 * panos.c - PAN-OS TRAFFIC and THREAT CSV.
 */
#include "format.h"

static enum parse_status
panos_parse(struct parse_ctx *ctx, const char *line, size_t n,
    struct event *ev)
{
	return PARSE_NOT_MINE;
}

const struct format format_panos = {
	.name = "panos",
	.title = "PAN-OS TRAFFIC and THREAT CSV",
	.line_based = true,
	.parse = panos_parse,
};
