/*
 * eve.c - Suricata eve.json.
 */
#include "format.h"

static enum parse_status
eve_parse(struct parse_ctx *ctx, const char *line, size_t n,
    struct event *ev)
{
	return PARSE_NOT_MINE;
}

const struct format format_eve = {
	.name = "eve",
	.title = "Suricata eve.json",
	.line_based = true,
	.parse = eve_parse,
};
