/*
 * fuzz_parse.c - libFuzzer target for one log format's parser.
 *
 * The format is chosen when the target is built: -DFUZZ_FORMAT="cef".
 * The input is one stream: it is cut into lines as the reader cuts them,
 * and every line goes to the format's parse() with a fresh per-stream
 * state, called again while the parser sets ctx->again, as the stream
 * loop does; finish() ends the stream.  Each line sits in an allocation
 * of its own exact length, and every text field of every event is read,
 * so that a borrowed pointer past the line or into moved scratch space
 * is caught.
 */
#include "fuzz.h"

#include "core/action.h"
#include "core/event.h"
#include "parse/format.h"

#ifndef FUZZ_FORMAT
#error "build with -DFUZZ_FORMAT=\"name\""
#endif

/* The stream loop's bound on the records one line may yield. */
#define FUZZ_AGAIN_SLACK 4096

/* 2024-06-01T00:00:00Z: the file's modification time for year inference. */
#define FUZZ_MTIME (INT64_C(1717200000) * USEC_PER_SEC)

static const struct format *fmt;
static const struct parse_opts popts = { "drop", 'm' };

struct fuzz_stream {
	struct parse_ctx ctx;
	unsigned sum;
};

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fmt = format_by_name(FUZZ_FORMAT);
	FUZZ_ASSERT(fmt != NULL);
	fuzz_select_zone();
	return 0;
}

/* Reads every byte of a borrowed text field. */
static unsigned
touch(struct str s)
{
	unsigned sum = 0;

	FUZZ_ASSERT(s.n == 0 || s.p != NULL);
	for (size_t i = 0; i < s.n; i++)
		sum += (unsigned char)s.p[i];
	return sum;
}

static void
check_event(struct fuzz_stream *fs, const struct event *ev)
{
	FUZZ_ASSERT(ev->proto >= -1 && ev->proto <= 255);
	FUZZ_ASSERT(ev->verdict <= ACTION_UNKNOWN);
	fs->sum += touch(ev->action) + touch(ev->action_hint) +
	    touch(ev->vendor) + touch(ev->product) + touch(ev->device);
}

static void
parse_line(void *arg, const uint8_t *data, size_t n)
{
	struct fuzz_stream *fs = arg;
	struct parse_ctx *ctx = &fs->ctx;
	char *line = fuzz_copy(data, n);
	enum parse_status s;
	struct event ev;
	size_t rounds = 0;

	if (line == NULL)
		return;
	ctx->line++;
	do {
		ctx->again = false;
		ctx->scratch.n = 0;
		ctx->reason = NULL;
		ctx->record_line = ctx->line;
		event_clear(&ev);
		s = fmt->parse(ctx, line, n, &ev);
		if (s == PARSE_OK)
			check_event(fs, &ev);
		if (s == PARSE_SKIP || s == PARSE_MALFORMED)
			FUZZ_ASSERT(ctx->reason != NULL);
		FUZZ_ASSERT(ctx->record_line <= ctx->line);
		/* a parser that never stops asking is a hang */
		FUZZ_ASSERT(++rounds <= n + FUZZ_AGAIN_SLACK);
	} while (ctx->again && s != PARSE_NOT_MINE);
	free(line);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_stream fs;

	memset(&fs, 0, sizeof(fs));
	fs.ctx.opts = &popts;
	time_ctx_init(&fs.ctx.time, FUZZ_MTIME, true);
	if (fmt->state_new != NULL && (fs.ctx.state = fmt->state_new()) == NULL)
		return 0;
	fuzz_lines(data, size, parse_line, &fs);
	if (fmt->finish != NULL) {
		fs.ctx.reason = NULL;
		if (fmt->finish(&fs.ctx) == PARSE_MALFORMED)
			FUZZ_ASSERT(fs.ctx.reason != NULL);
	}
	if (fmt->state_free != NULL)
		fmt->state_free(fs.ctx.state);
	free(fs.ctx.scratch.p);
	return 0;
}
