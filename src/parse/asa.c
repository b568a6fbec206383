/*
 * asa.c - Cisco ASA and FTD syslog messages.
 */
#include "format.h"

static enum parse_status
asa_parse(struct parse_ctx *ctx, const char *line, size_t n,
    struct event *ev)
{
	return PARSE_NOT_MINE;
}

const struct format format_asa = {
	.name = "asa",
	.title = "Cisco ASA and FTD syslog messages",
	.line_based = true,
	.parse = asa_parse,
};
