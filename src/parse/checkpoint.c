/*
 * checkpoint.c - Check Point syslog key:value logs.
 */
#include "format.h"

static enum parse_status
checkpoint_parse(struct parse_ctx *ctx, const char *line, size_t n,
    struct event *ev)
{
	return PARSE_NOT_MINE;
}

const struct format format_checkpoint = {
	.name = "checkpoint",
	.title = "Check Point syslog key:value logs",
	.line_based = true,
	.parse = checkpoint_parse,
};
