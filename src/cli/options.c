/*
 * options.c - one table of settings serves the command line, the config
 * file and the usage text, so the three cannot drift apart.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ini.h>

#include "../core/action.h"
#include "../core/timeutil.h"
#include "options.h"

typedef int (*setter_fn)(struct options *o, const char *v, char *err,
    size_t errlen);

struct setting {
	const char *name;
	setter_fn set;
	const char *arg;	/* NULL for a switch (takes =yes or =no) */
	const char *help;
	bool events;		/* also a setting of `scanspot events` */
};

static int
fail(char *err, size_t errlen, const char *fmt, const char *v)
{
	snprintf(err, errlen, fmt, v);
	return -1;
}

static int
parse_uint(const char *v, unsigned long max, unsigned long *out)
{
	char *end;

	if (*v < '0' || *v > '9')
		return -1;
	errno = 0;
	*out = strtoul(v, &end, 10);
	return (errno != 0 || *end != '\0' || *out > max) ? -1 : 0;
}

static int
parse_bool(const char *v, bool *out)
{
	if (v == NULL || strcmp(v, "yes") == 0 || strcmp(v, "true") == 0 ||
	    strcmp(v, "on") == 0 || strcmp(v, "1") == 0)
		*out = true;
	else if (strcmp(v, "no") == 0 || strcmp(v, "false") == 0 ||
	    strcmp(v, "off") == 0 || strcmp(v, "0") == 0)
		*out = false;
	else
		return -1;
	return 0;
}

static int
replace_str(char **dst, const char *v)
{
	char *s = strdup(v);

	if (s == NULL)
		return -1;
	free(*dst);
	*dst = s;
	return 0;
}

static int
set_profile(struct options *o, const char *v, char *err, size_t errlen)
{
	if (strcmp(v, "default") == 0)
		o->detect.profile = PROFILE_DEFAULT;
	else if (strcmp(v, "sentinel") == 0)
		o->detect.profile = PROFILE_SENTINEL;
	else
		return fail(err, errlen,
		    "unknown profile '%s' (default, sentinel)", v);
	return 0;
}

/*
 * Reads a duration that must name its unit: "--bin 5" could mean seconds
 * or minutes, and a wrong guess silently changes every finding.
 */
static int
parse_duration_unit(const char *v, int64_t *out, const char *what,
    char *err, size_t errlen)
{
	size_t n = strlen(v);

	if (n > 0 && v[n - 1] >= '0' && v[n - 1] <= '9') {
		snprintf(err, errlen, "%s '%.32s' needs a unit (e.g. 90s, 5m, "
		    "1h, 2d)", what, v);
		return -1;
	}
	if (!time_parse_duration(v, out)) {
		snprintf(err, errlen, "bad %s '%.32s' (e.g. 90s, 5m, 1h30m)",
		    what, v);
		return -1;
	}
	return 0;
}

static int
set_bin(struct options *o, const char *v, char *err, size_t errlen)
{
	return parse_duration_unit(v, &o->detect.engine.bin, "bin width",
	    err, errlen);
}

static int
set_threshold(uint32_t *t, const char *v, char *err, size_t errlen)
{
	unsigned long n;

	if (parse_uint(v, UINT32_MAX, &n) < 0 || n == 0)
		return fail(err, errlen, "bad threshold '%s' (a count >= 1)",
		    v);
	*t = (uint32_t)n;
	return 0;
}

static int
set_min_ports(struct options *o, const char *v, char *err, size_t errlen)
{
	return set_threshold(&o->detect.engine.min_ports, v, err, errlen);
}

static int
set_min_hosts(struct options *o, const char *v, char *err, size_t errlen)
{
	return set_threshold(&o->detect.engine.min_hosts, v, err, errlen);
}

static int
set_min_attempts(struct options *o, const char *v, char *err, size_t errlen)
{
	return set_threshold(&o->detect.engine.min_attempts, v, err, errlen);
}

static int
add_ranges(struct range_set *rs, const char *v, char *err, size_t errlen)
{
	const char *why, *bad;

	if (range_set_add_list(rs, v, &why, &bad) < 0) {
		size_t n = strcspn(bad, ", \t\n");

		snprintf(err, errlen, "bad network '%.*s': %s",
		    (int)(n > 64 ? 64 : n), bad, why);
		return -1;
	}
	return 0;
}

static int
set_internal(struct options *o, const char *v, char *err, size_t errlen)
{
	return add_ranges(&o->detect.internal, v, err, errlen);
}

static int
set_trusted(struct options *o, const char *v, char *err, size_t errlen)
{
	return add_ranges(&o->detect.trusted, v, err, errlen);
}

static int
set_no_default_internal(struct options *o, const char *v, char *err,
    size_t errlen)
{
	if (parse_bool(v, &o->no_default_internal) < 0)
		return fail(err, errlen, "bad yes/no value '%s'", v);
	return 0;
}

static int
set_last(struct options *o, const char *v, char *err, size_t errlen)
{
	if (parse_duration_unit(v, &o->detect.last, "duration", err,
	    errlen) < 0)
		return -1;
	o->detect.has_last = true;
	o->period_given = true;
	return 0;
}

static int
set_since(struct options *o, const char *v, char *err, size_t errlen)
{
	o->period_given = true;
	return replace_str(&o->since_text, v);
}

static int
set_until(struct options *o, const char *v, char *err, size_t errlen)
{
	o->period_given = true;
	return replace_str(&o->until_text, v);
}

static int
set_now(struct options *o, const char *v, char *err, size_t errlen)
{
	return replace_str(&o->now_text, v);
}

static int
set_tz(struct options *o, const char *v, char *err, size_t errlen)
{
	return replace_str(&o->tz, v);
}

static int
set_format(struct options *o, const char *v, char *err, size_t errlen)
{
	if (strcmp(v, "auto") == 0) {
		o->format = NULL;
		return 0;
	}
	if ((o->format = format_by_name(v)) == NULL)
		return fail(err, errlen, "unknown format '%s' (see --help)",
		    v);
	return 0;
}

static int
set_output(struct options *o, const char *v, char *err, size_t errlen)
{
	if ((o->output = output_by_name(v)) == NULL)
		return fail(err, errlen,
		    "unknown output '%s' (table, csv, jsonl, json)", v);
	return 0;
}

static int
set_flag(bool *b, const char *v, char *err, size_t errlen)
{
	if (parse_bool(v, b) < 0)
		return fail(err, errlen, "bad yes/no value '%s'", v);
	return 0;
}

static int
set_portless(struct options *o, const char *v, char *err, size_t errlen)
{
	return set_flag(&o->detect.portless, v, err, errlen);
}

static int
set_stray_udp(struct options *o, const char *v, char *err, size_t errlen)
{
	return set_flag(&o->detect.stray_udp, v, err, errlen);
}

static int
set_dedup(struct options *o, const char *v, char *err, size_t errlen)
{
	return set_flag(&o->detect.engine.dedup, v, err, errlen);
}

static int
set_quiet(struct options *o, const char *v, char *err, size_t errlen)
{
	return set_flag(&o->quiet, v, err, errlen);
}

static int
set_stray_ports(struct options *o, const char *v, char *err, size_t errlen)
{
	uint64_t *bits = o->detect.service_ports;
	char buf[16];
	const char *p = v;

	memset(o->detect.service_ports, 0, sizeof(o->detect.service_ports));
	while (*p != '\0') {
		size_t n = strcspn(p, ", ");
		unsigned long port;

		if (n > 0) {
			snprintf(buf, sizeof(buf), "%.*s", (int)n, p);
			if (n >= sizeof(buf) ||
			    parse_uint(buf, 65535, &port) < 0)
				return fail(err, errlen, "bad port in '%s'", v);
			bits[port >> 6] |= UINT64_C(1) << (port & 63);
		}
		p += n;
		p += strspn(p, ", ");
	}
	return 0;
}

static int
set_ephemeral(struct options *o, const char *v, char *err, size_t errlen)
{
	unsigned long port;

	if (parse_uint(v, 65535, &port) < 0)
		return fail(err, errlen, "bad port '%s'", v);
	o->detect.ephemeral_min = (uint16_t)port;
	return 0;
}

static int
set_csv_raw(struct options *o, const char *v, char *err, size_t errlen)
{
	return set_flag(&output_csv_raw, v, err, errlen);
}

static int
set_skip_untimed(struct options *o, const char *v, char *err, size_t errlen)
{
	return set_flag(&o->skip_untimed, v, err, errlen);
}

static int
set_state(struct options *o, const char *v, char *err, size_t errlen)
{
	return replace_str(&o->state_path, v);
}

static int
set_lateness(struct options *o, const char *v, char *err, size_t errlen)
{
	if (strcmp(v, "none") == 0 || strcmp(v, "end") == 0) {
		o->detect.engine.lateness = ENGINE_KEEP_ALL;
		return 0;
	}
	return parse_duration_unit(v, &o->detect.engine.lateness,
	    "lateness", err, errlen);
}

/* Reads a size: a number with an optional K, M, G or T (powers of 1024),
 * at least min.  Returns -1 for anything else. */
static int
parse_size(const char *v, size_t min, size_t *out)
{
	char *end;
	unsigned long long n;
	int shift = 0;

	errno = 0;
	n = strtoull(v, &end, 10);
	if (end != v && *end != '\0' && end[1] == '\0')
		shift = *end == 'K' || *end == 'k' ? 10 :
		    *end == 'M' || *end == 'm' ? 20 :
		    *end == 'G' || *end == 'g' ? 30 :
		    *end == 'T' || *end == 't' ? 40 : -1;
	else if (*end != '\0')
		shift = -1;
	if (*v < '0' || *v > '9' || errno != 0 || shift < 0 ||
	    n > (SIZE_MAX >> shift) || (n << shift) < min)
		return -1;
	*out = (size_t)(n << shift);
	return 0;
}

static int
set_max_memory(struct options *o, const char *v, char *err, size_t errlen)
{
	if (parse_size(v, 16u << 20, &o->detect.engine.max_bytes) < 0)
		return fail(err, errlen, "bad size '%s' (at least 16M; "
		    "e.g. 512M, 2G)", v);
	return 0;
}

static int
set_piece_size(struct options *o, const char *v, char *err, size_t errlen)
{
	if (parse_size(v, 1, &o->piece_size) < 0)
		return fail(err, errlen, "bad size '%s' (e.g. 64K, 32M)", v);
	return 0;
}

static int
set_threads(struct options *o, const char *v, char *err, size_t errlen)
{
	unsigned long n;

	if (parse_uint(v, 256, &n) < 0 || n == 0)
		return fail(err, errlen, "bad thread count '%s' (1..256)", v);
	o->threads = (int)n;
	return 0;
}

static int
set_nf_action(struct options *o, const char *v, char *err, size_t errlen)
{
	if (*v == '\0' || strlen(v) > 31)
		return fail(err, errlen, "bad action word '%s'", v);
	if (replace_str(&o->netfilter_action, v) < 0)
		return -1;
	o->parse.netfilter_default_action = o->netfilter_action;
	return 0;
}

static int
set_date_order(struct options *o, const char *v, char *err, size_t errlen)
{
	if (strcmp(v, "mdy") == 0)
		o->parse.csl_date_order = 'm';
	else if (strcmp(v, "dmy") == 0)
		o->parse.csl_date_order = 'd';
	else
		return fail(err, errlen, "bad date order '%s' (mdy, dmy)", v);
	return 0;
}

static const struct setting settings[] = {
	{ "profile", set_profile, "NAME",
	    "default, or sentinel (the rule as written)", true },
	{ "bin", set_bin, "DURATION", "bin width (5m)", false },
	{ "min-ports", set_min_ports, "N",
	    "finding when distinct ports >= N (10)", false },
	{ "min-hosts", set_min_hosts, "N",
	    "or distinct hosts >= N (5) and", false },
	{ "min-attempts", set_min_attempts, "N", "attempts >= N (30)", false },
	{ "internal", set_internal, "CIDR,...",
	    "add networks to the internal set", false },
	{ "no-default-internal", set_no_default_internal, NULL,
	    "drop the built-in internal networks", false },
	{ "trusted", set_trusted, "CIDR,...",
	    "sources never reported (your own scanners)", false },
	{ "last", set_last, "DURATION",
	    "events within this of the newest (--now)", false },
	{ "since", set_since, "TIME", "only events at or after TIME", false },
	{ "until", set_until, "TIME", "only events before TIME", false },
	{ "now", set_now, "TIME",
	    "end of --last (default: newest event)", true },
	{ "tz", set_tz, "ZONE",
	    "zone of log times that carry none (machine's)", true },
	{ "format", set_format, "NAME", "read every input as this format",
	    true },
	{ "output", set_output, "FORMAT", "table, csv, jsonl or json", false },
	{ "csv-raw", set_csv_raw, NULL,
	    "CSV: keep text that starts like a formula", false },
	{ "include-portless", set_portless, NULL,
	    "count portless events as attempts and hosts", false },
	{ "stray-udp", set_stray_udp, NULL,
	    "keep UDP service replies out of the ports", false },
	{ "stray-udp-ports", set_stray_ports, "PORT,...",
	    "service source ports of --stray-udp", false },
	{ "ephemeral-min", set_ephemeral, "PORT",
	    "lowest ephemeral port of --stray-udp (32768)", false },
	{ "skip-untimed", set_skip_untimed, NULL,
	    "leave records without any time undated", true },
	{ "dedup", set_dedup, NULL,
	    "count an exactly repeated record once", false },
	{ "state", set_state, "FILE",
	    "report each (source, bin) once across runs", false },
	{ "lateness", set_lateness, "DURATION",
	    "close bins this far behind the newest (none)", false },
	{ "max-memory", set_max_memory, "SIZE",
	    "cap on the detection state (RAM/2, at most 4G)",
	    false },
	{ "threads", set_threads, "N", "reader threads (one per core)", false },
	{ "piece-size", set_piece_size, "SIZE",
	    "threads share files of twice this size (8M)", false },
	{ "netfilter-default-action", set_nf_action, "WORD",
	    "action of netfilter lines without one (drop)", true },
	{ "date-order", set_date_order, "mdy|dmy",
	    "numeric date order of CommonSecurityLog", true },
	{ "quiet", set_quiet, NULL, "no summary on standard error", true },
};

#define NSETTINGS (sizeof(settings) / sizeof(settings[0]))

/* Half the machine's memory, at most 4 GiB: a flood must not push the
 * machine into swap, and a day of real logs needs far less. */
static size_t
default_max_memory(void)
{
	long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGESIZE);
	unsigned long long half = pages > 0 && size > 0 ?
	    (unsigned long long)pages * (unsigned long long)size / 2 :
	    (1ull << 30);

	return (size_t)(half < (4ull << 30) ? half : (4ull << 30));
}

void
options_init(struct options *o)
{
	memset(o, 0, sizeof(*o));
	detect_opts_default(&o->detect);
	/* the built-in networks are added by options_finish(), unless
	 * no-default-internal is set by then */
	range_set_free(&o->detect.internal);
	o->parse.netfilter_default_action = "drop";
	o->parse.csl_date_order = 'm';
	o->detect.engine.max_bytes = default_max_memory();
	o->piece_size = PIECE_SIZE_DEFAULT;
}

void
options_free(struct options *o)
{
	detect_opts_free(&o->detect);
	free(o->tz);
	free(o->state_path);
	free(o->netfilter_action);
	free(o->since_text);
	free(o->until_text);
	free(o->now_text);
}

static const struct setting *
setting_find(const char *name)
{
	char norm[64];
	size_t n = strlen(name);

	if (n >= sizeof(norm))
		return NULL;
	for (size_t i = 0; i <= n; i++)
		norm[i] = name[i] == '_' ? '-' : name[i];
	for (size_t i = 0; i < NSETTINGS; i++)
		if (strcmp(settings[i].name, norm) == 0)
			return &settings[i];
	return NULL;
}

int
options_set(struct options *o, const char *name, const char *value,
    char *err, size_t errlen)
{
	const struct setting *s = setting_find(name);

	if (s == NULL)
		return fail(err, errlen, "unknown setting '%s'", name);
	if (value == NULL && s->arg != NULL)
		return fail(err, errlen, "setting '%s' needs a value", name);
	if (s->set(o, value, err, errlen) < 0) {
		if (err[0] == '\0')
			snprintf(err, errlen, "out of memory");
		return -1;
	}
	return 0;
}

struct load_ctx {
	struct options *o;
	char *err;
	size_t errlen;
	int failed;
};

static int
set_vocab(const char *word, const char *class, char *err, size_t errlen)
{
	enum action_class c;

	if (strcmp(class, "deny") == 0)
		c = ACTION_DENY;
	else if (strcmp(class, "allow") == 0)
		c = ACTION_ALLOW;
	else if (strcmp(class, "other") == 0)
		c = ACTION_OTHER;
	else
		return fail(err, errlen, "bad class '%s' (deny, allow, other)",
		    class);
	if (action_vocab_set(word, strlen(word), c) < 0)
		return fail(err, errlen, "cannot add action word '%s'", word);
	return 0;
}

/* inih calls this per key; returning 0 stops it with the line number. */
static int
load_key(void *arg, const char *section, const char *name, const char *value)
{
	struct load_ctx *lc = arg;
	int r;

	if (strcmp(section, "actions") == 0)
		r = set_vocab(name, value, lc->err, lc->errlen);
	else if (section[0] == '\0' || strcmp(section, "scanspot") == 0)
		r = options_set(lc->o, name, value, lc->err, lc->errlen);
	else
		r = fail(lc->err, lc->errlen, "unknown section [%s]", section);
	if (r < 0)
		lc->failed = 1;
	return r == 0;
}

int
options_load(struct options *o, const char *path, char *err, size_t errlen)
{
	struct load_ctx lc = { o, err, errlen, 0 };
	char why[256] = "";
	struct stat sb;
	int line;

	/* a directory, a device or a FIFO would be read as empty or never
	 * end */
	if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		snprintf(err, errlen, "%s: not a regular file", path);
		return -1;
	}
	lc.err = why;
	lc.errlen = sizeof(why);
	line = ini_parse(path, load_key, &lc);
	if (line == 0)
		return 0;
	if (line < 0)
		snprintf(err, errlen, "%s: cannot read: %s", path,
		    strerror(errno));
	else
		snprintf(err, errlen, "%s:%d: %s", path, line,
		    why[0] ? why : "syntax error");
	return -1;
}

static int
parse_time_setting(const char *name, const char *text, int64_t *t,
    bool *has, char *err, size_t errlen)
{
	if (text == NULL)
		return 0;
	if (!time_parse_arg(text, t)) {
		snprintf(err, errlen, "bad %s time '%s' (RFC 3339, "
		    "YYYY-MM-DD or @SECONDS)", name, text);
		return -1;
	}
	*has = true;
	return 0;
}

int
options_finish(struct options *o, char *err, size_t errlen)
{
	struct detect_opts *d = &o->detect;
	const char *why;

	if (tz_select(o->tz, &why) < 0) {
		snprintf(err, errlen, "%s", why);
		return -1;
	}
	if (parse_time_setting("--since", o->since_text, &d->since,
	    &d->has_since, err, errlen) < 0 ||
	    parse_time_setting("--until", o->until_text, &d->until,
	    &d->has_until, err, errlen) < 0 ||
	    parse_time_setting("--now", o->now_text, &d->now, &d->has_now,
	    err, errlen) < 0)
		return -1;
	if (d->has_since && d->has_until && d->since >= d->until) {
		snprintf(err, errlen, "--since %s is not before --until %s",
		    o->since_text, o->until_text);
		return -1;
	}
	if (action_classify(o->parse.netfilter_default_action,
	    strlen(o->parse.netfilter_default_action)) == ACTION_UNKNOWN) {
		snprintf(err, errlen, "netfilter default action '%s' is not "
		    "a known verdict word (add it under [actions])",
		    o->parse.netfilter_default_action);
		return -1;
	}
	if (!o->no_default_internal)
		for (size_t i = 0; addr_internal_default[i] != NULL; i++)
			range_set_add(&d->internal, addr_internal_default[i],
			    strlen(addr_internal_default[i]), &why);
	/* the reference rule looks at the last hour before now */
	if (d->profile == PROFILE_SENTINEL && !o->period_given) {
		d->has_last = true;
		d->last = USEC_PER_HOUR;
	}
	if (d->engine.lateness != ENGINE_KEEP_ALL)
		o->threads = 1;
	return 0;
}

#define DEFAULT_CONFIG "/etc/scanspot/scanspot.conf"
#define OPT_CONFIG 1000
#define OPT_HELP 'h'

void
options_usage(FILE *fp, const char *cmd)
{
	fprintf(fp, "usage: scanspot %s [options] [FILE|DIR|-]...\n\n", cmd);
	fprintf(fp, "  %-30s %s\n", "-c, --config FILE",
	    "read settings from FILE (default");
	fprintf(fp, "  %-30s %s\n", "", DEFAULT_CONFIG " if present)");
	for (size_t i = 0; i < NSETTINGS; i++) {
		char lhs[64];

		if (strcmp(cmd, "events") == 0 && !settings[i].events)
			continue;
		const char *shortopt =
		    strcmp(settings[i].name, "output") == 0 ? "-o, " :
		    strcmp(settings[i].name, "threads") == 0 ? "-j, " :
		    strcmp(settings[i].name, "quiet") == 0 ? "-q, " :
		    strcmp(settings[i].name, "format") == 0 ? "-f, " : "    ";

		snprintf(lhs, sizeof(lhs), "%s--%s%s%s", shortopt,
		    settings[i].name, settings[i].arg ? " " : "",
		    settings[i].arg ? settings[i].arg : "");
		if (strlen(lhs) > 30)
			fprintf(fp, "  %s\n  %-30s %s\n", lhs, "",
			    settings[i].help);
		else
			fprintf(fp, "  %-30s %s\n", lhs, settings[i].help);
	}
	fprintf(fp, "  %-30s %s\n", "-h, --help", "show this help");
	fprintf(fp, "\nformats (default: detected per file):\n ");
	for (size_t i = 0, col = 1; i < nformats; i++) {
		size_t w = strlen(formats[i]->name) + 1;

		if (col + w > 76) {
			fputs("\n ", fp);
			col = 1;
		}
		fprintf(fp, " %s", formats[i]->name);
		col += w;
	}
	fputc('\n', fp);
}

static void
longopts_build(struct option *lo)
{
	size_t i;

	for (i = 0; i < NSETTINGS; i++) {
		lo[i].name = settings[i].name;
		lo[i].has_arg = settings[i].arg ? required_argument :
		    optional_argument;
		lo[i].flag = NULL;
		lo[i].val = 2000 + (int)i;
	}
	lo[i++] = (struct option){ "config", required_argument, NULL,
	    OPT_CONFIG };
	lo[i++] = (struct option){ "help", no_argument, NULL, OPT_HELP };
	lo[i] = (struct option){ NULL, 0, NULL, 0 };
}

static const char *
short_name(int c)
{
	return c == 'o' ? "output" : c == 'j' ? "threads" :
	    c == 'q' ? "quiet" : c == 'f' ? "format" : NULL;
}

/* First pass: the config file, which the rest of the line overrides. */
static int
config_pass(struct options *o, int argc, char **argv, struct option *lo,
    const char *cmd)
{
	const char *path = NULL;
	char err[512];
	int c;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "c:o:j:qf:h", lo, NULL)) != -1)
		if (c == 'c' || c == OPT_CONFIG)
			path = optarg;
	if (path == NULL && access(DEFAULT_CONFIG, F_OK) == 0)
		path = DEFAULT_CONFIG;
	if (path != NULL && options_load(o, path, err, sizeof(err)) < 0) {
		fprintf(stderr, "scanspot %s: %s\n", cmd, err);
		return -1;
	}
	return 0;
}

int
options_parse_argv(struct options *o, int argc, char **argv, int *first,
    const char *cmd)
{
	struct option lo[NSETTINGS + 3];
	static char prog[32];
	char err[512];
	int c;

	longopts_build(lo);
	if (config_pass(o, argc, argv, lo, cmd) < 0)
		return -1;
	/* getopt names argv[0] in its messages */
	snprintf(prog, sizeof(prog), "scanspot %s", cmd);
	argv[0] = prog;
	opterr = 1;
	optind = 1;
	while ((c = getopt_long(argc, argv, "c:o:j:qf:h", lo, NULL)) != -1) {
		const char *name = NULL;

		if (c == 'h') {
			options_usage(stdout, cmd);
			return 1;
		}
		if (c == 'c' || c == OPT_CONFIG)
			continue;
		if (c >= 2000 && c < 2000 + (int)NSETTINGS)
			name = settings[c - 2000].name;
		else
			name = short_name(c);
		if (name == NULL) {
			fprintf(stderr, "Try 'scanspot %s --help'.\n", cmd);
			return -1;
		}
		if (strcmp(cmd, "events") == 0 && !setting_find(name)->events) {
			fprintf(stderr, "scanspot events: --%s is an option of "
			    "'scanspot detect'\n", name);
			return -1;
		}
		err[0] = '\0';
		if (options_set(o, name, optarg ? optarg : "yes", err,
		    sizeof(err)) < 0) {
			fprintf(stderr, "scanspot %s: --%s: %s\n", cmd, name,
			    err);
			return -1;
		}
	}
	*first = optind;
	return 0;
}
