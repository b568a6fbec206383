/*
 * winfw.c - Windows Defender Firewall pfirewall.log.
 */
#include "format.h"

static enum parse_status
winfw_parse(struct parse_ctx *ctx, const char *line, size_t n,
    struct event *ev)
{
	return PARSE_NOT_MINE;
}

const struct format format_winfw = {
	.name = "winfw",
	.title = "Windows Defender Firewall pfirewall.log",
	.line_based = false,
	.parse = winfw_parse,
};
