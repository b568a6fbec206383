/*
 * cef.c - ArcSight Common Event Format.
 */
#include <string.h>

#include "format.h"
#include "syslog.h"

static int
cef_sniff(const char *head, size_t n)
{
	return 0;
}

static enum parse_status
cef_parse(struct parse_ctx *ctx, const char *line, size_t n,
    struct event *ev)
{
	return PARSE_NOT_MINE;
}

const struct format format_cef = {
	.name = "cef",
	.title = "ArcSight Common Event Format (CEF)",
	.sniff = cef_sniff,
	.line_based = true,
	.parse = cef_parse,
};
