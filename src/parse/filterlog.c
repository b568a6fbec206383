/*
 * filterlog.c - pfSense and OPNsense filterlog.
 */
#include "format.h"

static enum parse_status
filterlog_parse(struct parse_ctx *ctx, const char *line, size_t n,
    struct event *ev)
{
	return PARSE_NOT_MINE;
}

const struct format format_filterlog = {
	.name = "filterlog",
	.title = "pfSense and OPNsense filterlog",
	.line_based = true,
	.parse = filterlog_parse,
};
