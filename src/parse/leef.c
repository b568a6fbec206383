/*
 * leef.c - IBM QRadar LEEF 1.0 and 2.0.
 */
#include "format.h"

static enum parse_status
leef_parse(struct parse_ctx *ctx, const char *line, size_t n,
    struct event *ev)
{
	return PARSE_NOT_MINE;
}

const struct format format_leef = {
	.name = "leef",
	.title = "IBM QRadar LEEF 1.0 and 2.0",
	.line_based = true,
	.parse = leef_parse,
};
