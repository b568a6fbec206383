/*
 * vpcflow.c - AWS VPC Flow Logs.
 */
#include "format.h"

static enum parse_status
vpcflow_parse(struct parse_ctx *ctx, const char *line, size_t n,
    struct event *ev)
{
	return PARSE_NOT_MINE;
}

const struct format format_vpcflow = {
	.name = "vpcflow",
	.title = "AWS VPC Flow Logs",
	.line_based = false,
	.parse = vpcflow_parse,
};
