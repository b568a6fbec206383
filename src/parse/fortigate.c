/*
 * fortigate.c - FortiGate key=value traffic logs.
 */
#include "format.h"

static enum parse_status
fortigate_parse(struct parse_ctx *ctx, const char *line, size_t n,
    struct event *ev)
{
	return PARSE_NOT_MINE;
}

const struct format format_fortigate = {
	.name = "fortigate",
	.title = "FortiGate key=value traffic logs",
	.line_based = true,
	.parse = fortigate_parse,
};
