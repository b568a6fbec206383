/*
 * fuzz_detect.c - libFuzzer target for format detection and the stream.
 *
 * Every format's sniff() scores the input as the head of a file (up to
 * 64 KiB, in an allocation of exactly that length; each score must be
 * 0..100).  Then the input becomes a file that stream_read() reads with
 * detection, as the program reads an input: the reader (plain, gzip or
 * zstd), the choice of format, the per-line fallback of mixed streams,
 * every parser it reaches, and the account of lines.
 */
#include "fuzz.h"

#include "input/stream.h"
#include "parse/format.h"

#define FUZZ_HEAD_MAX (64u << 10)

static const struct parse_opts popts = { "drop", 'm' };

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_select_zone();
	return 0;
}

static void
sink(void *arg, const struct event *ev, const struct format *fmt,
    const char *path, uint64_t line, uint64_t seq)
{
	uint64_t *events = arg;

	FUZZ_ASSERT(ev->has_time);
	FUZZ_ASSERT(ev->time >= TIME_MIN && ev->time <= TIME_MAX);
	(*events)++;
}

static void
sniff_all(const uint8_t *data, size_t size)
{
	size_t n = size < FUZZ_HEAD_MAX ? size : FUZZ_HEAD_MAX;
	char *head = fuzz_copy(data, n);

	if (head == NULL)
		return;
	for (size_t i = 0; i < nformats; i++) {
		int score;

		if (formats[i]->sniff == NULL)
			continue;
		score = formats[i]->sniff(head, n);
		FUZZ_ASSERT(score >= 0 && score <= 100);
	}
	free(head);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct stream_opts so = { 0 };
	struct stream_stats st;
	uint64_t events = 0;
	char path[64];
	int fd;

	sniff_all(data, size);
	if ((fd = fuzz_memfile(data, size, path, sizeof(path))) < 0)
		return 0;
	memset(&st, 0, sizeof(st));
	so.parse = &popts;
	so.now = INT64_C(1717200000) * USEC_PER_SEC;
	stream_read(path, 0, &so, sink, &events, &st);
	FUZZ_ASSERT(st.events == events);
	stream_stats_free(&st);
	close(fd);
	return 0;
}
