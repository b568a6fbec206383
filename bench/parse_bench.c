/*
 * parse_bench.c - how fast one parser reads one sample file.
 *
 *	parse_bench FORMAT FILE [SECONDS]
 *
 * Loads FILE into memory, then runs FORMAT's parser over every line again
 * and again for about SECONDS (default 2), and prints bytes per second,
 * lines per second and the share of lines that became events.  Reading,
 * format detection and the engine are left out: this measures the parser
 * alone, so formats can be compared per byte.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/timeutil.h"
#include "parse/format.h"

static double
now_sec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *
load(const char *path, size_t *n)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	long len;

	if (fp == NULL || fseek(fp, 0, SEEK_END) != 0 ||
	    (len = ftell(fp)) < 0 ||
	    fseek(fp, 0, SEEK_SET) != 0 ||
	    (buf = malloc((size_t)len + 1)) == NULL ||
	    fread(buf, 1, (size_t)len, fp) != (size_t)len) {
		perror(path);
		exit(2);
	}
	fclose(fp);
	*n = (size_t)len;
	return buf;
}

/* One pass over every line; returns the number of events. */
static size_t
pass(const struct format *f, struct parse_ctx *ctx, const char *buf,
    size_t n, size_t *lines)
{
	size_t events = 0;
	const char *p = buf, *end = buf + n;
	struct event ev;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);

		ctx->line++;
		ctx->scratch.n = 0;
		do {
			ctx->again = false;
			if (f->parse(ctx, p, len, &ev) == PARSE_OK)
				events++;
		} while (ctx->again);
		(*lines)++;
		p += len + 1;
	}
	return events;
}

int
main(int argc, char **argv)
{
	const struct format *f;
	struct parse_opts po = { "drop", 'm' };
	struct parse_ctx ctx;
	const char *err;
	double limit = argc > 3 ? atof(argv[3]) : 2.0, t0, t;
	size_t n, lines = 0, events = 0, rounds = 0;
	char *buf;

	if (argc < 3 || (f = format_by_name(argv[1])) == NULL) {
		fprintf(stderr, "usage: parse_bench FORMAT FILE [SECONDS]\n");
		return 2;
	}
	tz_select("UTC", &err);
	buf = load(argv[2], &n);
	t0 = now_sec();
	do {
		memset(&ctx, 0, sizeof(ctx));
		ctx.opts = &po;
		time_ctx_init(&ctx.time, INT64_C(1772409600000000), true);
		ctx.state = f->state_new ? f->state_new() : NULL;
		events += pass(f, &ctx, buf, n, &lines);
		if (f->state_free)
			f->state_free(ctx.state);
		free(ctx.scratch.p);
		rounds++;
		t = now_sec() - t0;
	} while (t < limit);
	printf("%-14s %8.1f MB/s %10.0f lines/s  %5.1f%% events\n", f->name,
	    (double)n * (double)rounds / t / 1e6, (double)lines / t,
	    lines ? 100.0 * (double)events / (double)lines : 0.0);
	free(buf);
	return 0;
}
