/*
 * nsgflow.c - Azure NSG flow logs (JSON).
 */
#include "format.h"

static enum parse_status
nsgflow_parse(struct parse_ctx *ctx, const char *line, size_t n,
    struct event *ev)
{
	return PARSE_NOT_MINE;
}

const struct format format_nsgflow = {
	.name = "nsgflow",
	.title = "Azure NSG flow logs (JSON)",
	.line_based = false,
	.parse = nsgflow_parse,
};
