/*
 * state.c - a text file of "BIN<TAB>SOURCE" lines, BIN in RFC 3339.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/timeutil.h"
#include "state.h"

struct pair {
	int64_t bin;
	struct addr src;
};

struct state {
	struct pair *v;
	size_t n, cap;
	size_t sorted;		/* v[0..sorted) is in order */
};

static int
pair_cmp(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;

	if (x->bin != y->bin)
		return x->bin < y->bin ? -1 : 1;
	return addr_cmp(&x->src, &y->src);
}

static int
state_add(struct state *s, int64_t bin, const struct addr *src)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		void *v = realloc(s->v, cap * sizeof(*s->v));

		if (v == NULL)
			return -1;
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n].bin = bin;
	s->v[s->n].src = *src;
	s->n++;
	return 0;
}

/* Reads one "BIN<TAB>SOURCE" line; false if it is not one. */
static bool
state_line(char *line, int64_t *bin, struct addr *src)
{
	char *tab = strchr(line, '\t');
	size_t n;

	if (tab == NULL)
		return false;
	*tab = '\0';
	n = strcspn(tab + 1, "\r\n");
	return time_parse_arg(line, bin) && addr_parse(tab + 1, n, src);
}

struct state *
state_load(const char *path, char *err, size_t errlen)
{
	struct state *s = calloc(1, sizeof(*s));
	char line[256];
	unsigned lineno = 0;
	FILE *fp;

	if (s == NULL || (fp = fopen(path, "r")) == NULL) {
		if (s != NULL && errno == ENOENT)
			return s;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		free(s);
		return NULL;
	}
	while (fgets(line, sizeof(line), fp) != NULL) {
		int64_t bin;
		struct addr src;

		lineno++;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		if (!state_line(line, &bin, &src) ||
		    state_add(s, bin, &src) < 0) {
			snprintf(err, errlen, "%s:%u: not a state line", path,
			    lineno);
			fclose(fp);
			state_free(s);
			return NULL;
		}
	}
	fclose(fp);
	if (s->n > 0)
		qsort(s->v, s->n, sizeof(*s->v), pair_cmp);
	s->sorted = s->n;
	return s;
}

void
state_free(struct state *s)
{
	if (s == NULL)
		return;
	free(s->v);
	free(s);
}

size_t
state_filter(struct state *s, struct finding *rows, size_t n)
{
	size_t out = 0;

	for (size_t i = 0; i < n; i++) {
		struct pair key = { rows[i].bin, rows[i].src };

		if (s->sorted > 0 && bsearch(&key, s->v, s->sorted,
		    sizeof(*s->v), pair_cmp) != NULL)
			continue;
		state_add(s, rows[i].bin, &rows[i].src);
		if (i != out) {
			struct finding t = rows[out];

			rows[out] = rows[i];
			rows[i] = t;
		}
		out++;
	}
	return out;
}

/*
 * The bin pairs are kept back from: the newest one not in the future.  A
 * forged far-future log line must not push every real pair out of the
 * state, so bins after now (plus a day of clock skew) do not count here.
 */
static int64_t
state_reference(const struct state *s, int64_t now)
{
	int64_t newest = INT64_MIN;

	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].bin > newest && s->v[i].bin <= now + USEC_PER_DAY)
			newest = s->v[i].bin;
	return newest;
}

int
state_save(struct state *s, const char *path, int64_t now, char *err,
    size_t errlen)
{
	size_t tn = strlen(path) + 8;
	char *tmp = malloc(tn);
	int64_t newest = state_reference(s, now);
	FILE *fp;

	if (tmp == NULL) {
		snprintf(err, errlen, "%s: out of memory", path);
		return -1;
	}
	snprintf(tmp, tn, "%s.tmp", path);
	if (s->n > 0)
		qsort(s->v, s->n, sizeof(*s->v), pair_cmp);
	if ((fp = fopen(tmp, "w")) == NULL)
		goto fail;
	fprintf(fp, "# scanspot: (bin, source) pairs already reported\n");
	for (size_t i = 0; i < s->n; i++) {
		char t[TIME_STRLEN], a[ADDR_STRLEN];

		if (newest != INT64_MIN && s->v[i].bin < newest - STATE_KEEP)
			continue;
		time_format(s->v[i].bin, TIME_FRAC_NONE, t);
		addr_format(&s->v[i].src, a);
		fprintf(fp, "%s\t%s\n", t, a);
	}
	if (fclose(fp) != 0 || rename(tmp, path) != 0)
		goto fail;
	free(tmp);
	return 0;
fail:
	snprintf(err, errlen, "%s: %s", path, strerror(errno));
	remove(tmp);
	free(tmp);
	return -1;
}
