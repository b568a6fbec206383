/*
 * fastlog.c - Snort and Suricata fast alert lines.
 */
#include "format.h"

static enum parse_status
fastlog_parse(struct parse_ctx *ctx, const char *line, size_t n,
    struct event *ev)
{
	return PARSE_NOT_MINE;
}

const struct format format_fastlog = {
	.name = "fast",
	.title = "Snort and Suricata fast alert lines",
	.line_based = true,
	.parse = fastlog_parse,
};
