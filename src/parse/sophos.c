/*
 * sophos.c - Sophos XG / SFOS key=value logs.
 */
#include "format.h"

static enum parse_status
sophos_parse(struct parse_ctx *ctx, const char *line, size_t n,
    struct event *ev)
{
	return PARSE_NOT_MINE;
}

const struct format format_sophos = {
	.name = "sophos",
	.title = "Sophos XG / SFOS key=value logs",
	.line_based = true,
	.parse = sophos_parse,
};
