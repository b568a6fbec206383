/*
 * zeek.c - Zeek conn.log (TSV and JSON).
 */
#include "format.h"

static enum parse_status
zeek_parse(struct parse_ctx *ctx, const char *line, size_t n,
    struct event *ev)
{
	return PARSE_NOT_MINE;
}

const struct format format_zeek = {
	.name = "zeek",
	.title = "Zeek conn.log (TSV and JSON)",
	.line_based = false,
	.parse = zeek_parse,
};
