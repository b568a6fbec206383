/*
 * registry.c - the list of log formats, and the scratch buffer parsers
 * write rewritten text into.
 *
 * The order of the list is the order in which the per-line fallback of a
 * mixed stream tries the line-based formats: formats with a distinctive
 * marker ("CEF:", "LEEF:", "%ASA-", "filterlog") come before the looser
 * key=value and packet-line formats, so that a line is claimed by the most
 * specific parser that reads it.
 */
#include <stdlib.h>
#include <string.h>

#include "format.h"

extern const struct format format_cef, format_leef, format_asa,
    format_filterlog, format_fortigate, format_panos, format_checkpoint,
    format_srx, format_sophos, format_mikrotik, format_netfilter,
    format_fastlog, format_eve, format_gcpfw, format_pflog, format_csl,
    format_vpcflow, format_nsgflow, format_winfw, format_zeek;

const struct format *const formats[] = {
	&format_cef,
	&format_leef,
	&format_asa,
	&format_filterlog,
	&format_fortigate,
	&format_panos,
	&format_checkpoint,
	&format_srx,
	&format_sophos,
	&format_mikrotik,
	&format_netfilter,
	&format_fastlog,
	&format_eve,
	&format_gcpfw,
	&format_pflog,
	&format_csl,
	&format_vpcflow,
	&format_nsgflow,
	&format_winfw,
	&format_zeek,
};

const size_t nformats = sizeof(formats) / sizeof(formats[0]);

_Static_assert(sizeof(formats) / sizeof(formats[0]) <= FORMATS_MAX,
    "raise FORMATS_MAX");

const struct format *
format_by_name(const char *name)
{
	for (size_t i = 0; i < nformats; i++)
		if (strcmp(formats[i]->name, name) == 0)
			return formats[i];
	return NULL;
}

int
sniff_share(const char *head, size_t n, size_t max_lines,
    bool (*like)(const char *line, size_t n))
{
	size_t i = 0, e, lines = 0, good = 0;
	const char *nl;

	while (i < n && lines < max_lines) {
		nl = memchr(head + i, '\n', n - i);
		if (nl == NULL && lines > 0)
			break;
		e = nl != NULL ? (size_t)(nl - head) : n;
		while (e > i && (head[e - 1] == '\r' || head[e - 1] == ' '))
			e--;
		if (e > i) {
			lines++;
			good += like(head + i, e - i);
		}
		i = (nl != NULL ? (size_t)(nl - head) : n) + 1;
	}
	return good == 0 ? 0 : (int)(30 + 60 * good / lines);
}

char *
scratch_reserve(struct scratch *s, size_t need)
{
	if (s->cap - s->n < need) {
		size_t cap = s->cap ? s->cap : 4096;
		char *p;

		while (cap - s->n < need) {
			if (cap > SIZE_MAX / 2)
				return NULL;
			cap *= 2;
		}
		p = realloc(s->p, cap);
		if (p == NULL)
			return NULL;
		s->p = p, s->cap = cap;
	}
	return s->p + s->n;
}
