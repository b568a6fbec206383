/*
 * mikrotik.c - MikroTik RouterOS firewall log lines.
 */
#include "format.h"

static enum parse_status
mikrotik_parse(struct parse_ctx *ctx, const char *line, size_t n,
    struct event *ev)
{
	return PARSE_NOT_MINE;
}

const struct format format_mikrotik = {
	.name = "mikrotik",
	.title = "MikroTik RouterOS firewall log lines",
	.line_based = true,
	.parse = mikrotik_parse,
};
