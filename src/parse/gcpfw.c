/*
 * gcpfw.c - Google Cloud firewall rules logging (JSON).
 */
#include "format.h"

static enum parse_status
gcpfw_parse(struct parse_ctx *ctx, const char *line, size_t n,
    struct event *ev)
{
	return PARSE_NOT_MINE;
}

const struct format format_gcpfw = {
	.name = "gcp-firewall",
	.title = "Google Cloud firewall rules logging (JSON)",
	.line_based = true,
	.parse = gcpfw_parse,
};
