/*
 * events.c - `scanspot events`: the normalized events of the inputs, one
 * per line, tab-separated, in input order.  This is what every parser made
 * of every record, for checking a parser against a log by eye or by
 * script.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../core/timeutil.h"
#include "../input/stream.h"
#include "commands.h"
#include "options.h"

static const char *const event_columns =
    "file\tline\tformat\ttime\taction\tclass\tsrc\tdst\tsport\tdport\t"
    "proto\tvendor\tproduct\tdevice\n";

/*
 * Writes log text so that it cannot break the columns or a terminal: C0
 * and DEL as escapes, and the C1 controls (U+0080..U+009F, bytes c2 80 to
 * c2 9f), which terminals obey as well, as \xc2\xHH.
 */
static void
put_text(FILE *fp, struct str s)
{
	if (s.n == 0) {
		fputc('-', fp);
		return;
	}
	for (size_t i = 0; i < s.n; i++) {
		unsigned char c = (unsigned char)s.p[i];
		unsigned char d = i + 1 < s.n ? (unsigned char)s.p[i + 1] : 0;

		if (c == 0xc2 && d >= 0x80 && d < 0xa0) {
			fprintf(fp, "\\xc2\\x%02x", d);
			i++;
		} else if (c == '\t')
			fputs("\\t", fp);
		else if (c == '\n')
			fputs("\\n", fp);
		else if (c == '\r')
			fputs("\\r", fp);
		else if (c == '\\')
			fputs("\\\\", fp);
		else if (c < 0x20 || c == 0x7f)
			fprintf(fp, "\\x%02x", c);
		else
			fputc(c, fp);
	}
}

static void
put_proto(FILE *fp, int proto)
{
	switch (proto) {
	case -1:
		fputc('-', fp);
		break;
	case PROTO_TCP:
		fputs("tcp", fp);
		break;
	case PROTO_UDP:
		fputs("udp", fp);
		break;
	case PROTO_ICMP:
		fputs("icmp", fp);
		break;
	case PROTO_ICMPV6:
		fputs("icmpv6", fp);
		break;
	default:
		fprintf(fp, "%d", proto);
	}
}

static void
put_addr(FILE *fp, bool has, const struct addr *a)
{
	char buf[ADDR_STRLEN];

	if (!has) {
		fputc('-', fp);
		return;
	}
	addr_format(a, buf);
	fputs(buf, fp);
}

static void
put_port(FILE *fp, bool has, uint16_t port)
{
	if (has)
		fprintf(fp, "%u", port);
	else
		fputc('-', fp);
}

static void
sink_print(void *arg, const struct event *ev, const struct format *fmt,
    const char *path, uint64_t line, uint64_t seq)
{
	const struct options *o = arg;
	char t[TIME_STRLEN];

	if (ev->has_time)
		time_format(ev->time, TIME_FRAC_AUTO, t);
	else
		snprintf(t, sizeof(t), "-");
	put_text(stdout, (struct str){ path, strlen(path) });
	printf("\t%llu\t%s\t%s\t", (unsigned long long)line, fmt->name, t);
	put_text(stdout, ev->action);
	printf("\t%s\t", action_class_name(detect_classify(ev,
	    o->detect.profile)));
	put_addr(stdout, ev->has_src, &ev->src);
	putchar('\t');
	put_addr(stdout, ev->has_dst, &ev->dst);
	putchar('\t');
	put_port(stdout, ev->has_sport, ev->sport);
	putchar('\t');
	put_port(stdout, ev->has_dport, ev->dport);
	putchar('\t');
	put_proto(stdout, ev->proto);
	putchar('\t');
	put_text(stdout, ev->vendor);
	putchar('\t');
	put_text(stdout, ev->product);
	putchar('\t');
	put_text(stdout, ev->device);
	putchar('\n');
}

int
cmd_events(int argc, char **argv)
{
	struct options o;
	struct stream_opts so = { 0 };
	struct stream_stats st = { 0 };
	struct timespec ts;
	char **paths, err[512];
	char *stdin_only[] = { "-", NULL };
	size_t n;
	int first, r;

	options_init(&o);
	r = options_parse_argv(&o, argc, argv, &first, "events");
	if (r != 0 || options_finish(&o, err, sizeof(err)) < 0) {
		if (r == 0)
			fprintf(stderr, "scanspot events: %s\n", err);
		options_free(&o);
		return r > 0 ? 0 : EXIT_USAGE;
	}
	clock_gettime(CLOCK_REALTIME, &ts);
	so.forced = o.format;
	so.parse = &o.parse;
	so.now = o.detect.has_now ? o.detect.now :
	    (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
	so.errors = stderr;
	so.untimed_skip = o.skip_untimed;
	n = first < argc ? stream_expand(argv + first, (size_t)(argc - first),
	    &paths, &st, stderr) : stream_expand(stdin_only, 1, &paths, &st,
	    stderr);
	fputs(event_columns, stdout);
	for (size_t i = 0; i < n; i++)
		stream_read(paths[i], (uint32_t)i, &so, sink_print, &o, &st);
	fflush(stdout);
	if (!o.quiet)
		stream_stats_print(stderr, &st);
	r = st.files_failed > 0 ? EXIT_INPUT_ERROR : 0;
	stream_stats_free(&st);
	stream_paths_free(paths);
	options_free(&o);
	return r;
}
