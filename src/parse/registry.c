/*
 * registry.c - the list of log formats, and the scratch buffer parsers
 * write rewritten text into.
 *
 * The order of the list is the order in which the per-line fallback of a
 * mixed stream tries the line-based formats.
 */
#include <stdlib.h>
#include <string.h>

#include "format.h"

extern const struct format format_cef;
extern const struct format format_netfilter;
extern const struct format format_csl;

const struct format *const formats[] = {
	&format_cef,
	&format_netfilter,
	&format_csl,
};

const size_t nformats = sizeof(formats) / sizeof(formats[0]);

const struct format *
format_by_name(const char *name)
{
	for (size_t i = 0; i < nformats; i++)
		if (strcmp(formats[i]->name, name) == 0)
			return formats[i];
	return NULL;
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
