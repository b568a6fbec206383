/*
 * vpcflow.c - AWS VPC Flow Logs in their text form: the default version 2
 * record, custom formats declared by the header line that files delivered
 * to S3 begin with, and CloudWatch Logs exports that put the event's time
 * in front of every record.
 *
 * A record is one line of fields separated by spaces.  The stream keeps
 * the column map of the last header line; without one, the default
 * version 2 order applies.  "-" is an absent value, never 0.  Records of
 * an interface that saw no traffic (NODATA) or that lost records
 * (SKIPDATA) carry no flow and are skipped.  Everything borrows from the
 * line.
 */
#include <stdlib.h>
#include <string.h>

#include "format.h"

/*
 * More columns than this make the header or the record malformed.  AWS
 * offers about forty fields; the cap keeps the column map a fixed array.
 */
#define VF_COLS_MAX 64

/* The columns the event is made of. */
enum vf_field {
	VF_INTERFACE, VF_SRCADDR, VF_DSTADDR, VF_PKT_SRCADDR, VF_PKT_DSTADDR,
	VF_SRCPORT, VF_DSTPORT, VF_PROTOCOL, VF_START, VF_ACTION, VF_STATUS,
	VF_COUNT
};

static const char *const vf_field_names[VF_COUNT] = {
	"interface-id", "srcaddr", "dstaddr", "pkt-srcaddr", "pkt-dstaddr",
	"srcport", "dstport", "protocol", "start", "action", "log-status",
};

/* Every field AWS documents (versions 2 to 8), for telling a header. */
static const char *const vf_known_names[] = {
	"version", "account-id", "interface-id", "srcaddr", "dstaddr",
	"srcport", "dstport", "protocol", "packets", "bytes", "start", "end",
	"action", "log-status", "vpc-id", "subnet-id", "instance-id",
	"tcp-flags", "type", "pkt-srcaddr", "pkt-dstaddr", "region", "az-id",
	"sublocation-type", "sublocation-id", "pkt-src-aws-service",
	"pkt-dst-aws-service", "flow-direction", "traffic-path",
	"ecs-cluster-arn", "ecs-cluster-name", "ecs-container-instance-arn",
	"ecs-container-instance-id", "ecs-container-id",
	"ecs-second-container-id", "ecs-service-name",
	"ecs-task-definition-arn", "ecs-task-arn", "ecs-task-id",
	"reject-reason", "resource-id", "encryption-status",
};

/* The default format: version 2, fourteen fields. */
#define VF_DEFAULT_COLS 14
static const signed char vf_default_map[VF_DEFAULT_COLS] = {
	-1, -1, VF_INTERFACE, VF_SRCADDR, VF_DSTADDR, VF_SRCPORT, VF_DSTPORT,
	VF_PROTOCOL, -1, -1, VF_START, -1, VF_ACTION, VF_STATUS,
};

struct vf_state {
	bool has_header;
	size_t ncols;
	signed char map[VF_COLS_MAX];	/* column -> enum vf_field, or -1 */
};

/* The fields of one record, "-" already turned into absent. */
struct vf_record {
	struct str v[VF_COUNT];
	bool has_export_time;
	struct civil export_time;	/* a CloudWatch export's prefix */
};

/* Returns a new stream state (default column order), or NULL. */
static void *
vf_state_new(void)
{
	return calloc(1, sizeof(struct vf_state));
}

static void
vf_state_free(void *p)
{
	free(p);
}

static bool
vf_str_is(struct str s, const char *lit)
{
	size_t n = strlen(lit);

	return s.n == n && memcmp(s.p, lit, n) == 0;
}

/* Splits line into space-separated tokens; returns how many (at most
 * max + 1, so that too many shows). */
static size_t
vf_split(const char *line, size_t n, struct str *tok, size_t max)
{
	size_t i = 0, k = 0;

	while (k <= max) {
		size_t start;

		while (i < n && (line[i] == ' ' || line[i] == '\t'))
			i++;
		if (i == n)
			break;
		start = i;
		while (i < n && line[i] != ' ' && line[i] != '\t')
			i++;
		tok[k++] = (struct str){ line + start, i - start };
	}
	return k;
}

/* True when s is a field name as headers write them: [a-z][a-z0-9-]*. */
static bool
vf_is_name(struct str s)
{
	if (s.n == 0 || s.p[0] < 'a' || s.p[0] > 'z')
		return false;
	for (size_t i = 1; i < s.n; i++) {
		char c = s.p[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-'))
			return false;
	}
	return true;
}

static bool
vf_is_known(struct str s)
{
	for (size_t i = 0; i < sizeof(vf_known_names) /
	    sizeof(vf_known_names[0]); i++)
		if (vf_str_is(s, vf_known_names[i]))
			return true;
	return false;
}

/*
 * Tells a header line: at least two tokens, every one a field name, at
 * least one of them a field AWS documents.
 */
static bool
vf_is_header(const struct str *tok, size_t k)
{
	bool known = false;

	if (k < 2)
		return false;
	for (size_t i = 0; i < k; i++) {
		if (!vf_is_name(tok[i]))
			return false;
		known |= vf_is_known(tok[i]);
	}
	return known;
}

/* Takes a header's column names as the map for the records after it. */
static enum parse_status
vf_header(struct parse_ctx *ctx, struct vf_state *st, const struct str *tok,
    size_t k)
{
	if (k > VF_COLS_MAX) {
		ctx->reason = "too many fields in header";
		return PARSE_MALFORMED;
	}
	for (size_t i = 0; i < k; i++) {
		st->map[i] = -1;
		for (int f = 0; f < VF_COUNT; f++)
			if (vf_str_is(tok[i], vf_field_names[f]))
				st->map[i] = (signed char)f;
	}
	st->ncols = k;
	st->has_header = true;
	ctx->reason = "header";
	return PARSE_SKIP;
}

/* True when s starts like an ISO date and time: "yyyy-mm-ddT". */
static bool
vf_looks_iso(struct str s)
{
	static const char shape[] = "dddd-dd-ddT";

	if (s.n < sizeof(shape) - 1)
		return false;
	for (size_t i = 0; i < sizeof(shape) - 1; i++) {
		if (shape[i] == 'd' ? (s.p[i] < '0' || s.p[i] > '9') :
		    s.p[i] != shape[i])
			return false;
	}
	return true;
}

/* Reads an address field unless absent; sets the reason on failure. */
static bool
vf_addr(struct parse_ctx *ctx, struct str s, const char *reason,
    struct addr *a, bool *has)
{
	if (s.p == NULL)
		return true;
	if (!addr_parse(s.p, s.n, a)) {
		ctx->reason = reason;
		return false;
	}
	*has = true;
	return true;
}

static bool
vf_port(struct parse_ctx *ctx, struct str s, const char *reason,
    uint16_t *port, bool *has)
{
	uint64_t v;

	if (s.p == NULL)
		return true;
	if (!str_to_uint(s, 65535, &v)) {
		ctx->reason = reason;
		return false;
	}
	*port = (uint16_t)v;
	*has = true;
	return true;
}

/* The time: start (epoch seconds), else the export's prefix, else none. */
static bool
vf_time(struct parse_ctx *ctx, const struct vf_record *r, struct event *ev)
{
	uint64_t secs;

	if (r->v[VF_START].p != NULL) {
		/* 10^11 seconds is the year 5138: far beyond any log */
		if (!str_to_uint(r->v[VF_START], UINT64_C(99999999999),
		    &secs)) {
			ctx->reason = "bad start";
			return false;
		}
		ev->time = (int64_t)secs * USEC_PER_SEC;
		ev->has_time = true;
		ctx->time.prev = ev->time;
		ctx->time.has_prev = true;
		return true;
	}
	if (r->has_export_time) {
		if (!time_ctx_resolve(&ctx->time, &r->export_time, &ev->time)) {
			ctx->reason = "bad export time";
			return false;
		}
		ev->has_time = true;
	}
	return true;
}

/* Turns the fields of a record with a flow into the event. */
static enum parse_status
vf_event(struct parse_ctx *ctx, const struct vf_record *r, struct event *ev)
{
	const struct str *v = r->v;
	int proto;

	if (!vf_time(ctx, r, ev))
		return PARSE_MALFORMED;
	if (v[VF_PKT_SRCADDR].p != NULL ?
	    !vf_addr(ctx, v[VF_PKT_SRCADDR], "bad pkt-srcaddr", &ev->src,
	    &ev->has_src) :
	    !vf_addr(ctx, v[VF_SRCADDR], "bad srcaddr", &ev->src,
	    &ev->has_src))
		return PARSE_MALFORMED;
	if (v[VF_PKT_DSTADDR].p != NULL ?
	    !vf_addr(ctx, v[VF_PKT_DSTADDR], "bad pkt-dstaddr", &ev->dst,
	    &ev->has_dst) :
	    !vf_addr(ctx, v[VF_DSTADDR], "bad dstaddr", &ev->dst,
	    &ev->has_dst))
		return PARSE_MALFORMED;
	if (!vf_port(ctx, v[VF_SRCPORT], "bad srcport", &ev->sport,
	    &ev->has_sport) ||
	    !vf_port(ctx, v[VF_DSTPORT], "bad dstport", &ev->dport,
	    &ev->has_dport))
		return PARSE_MALFORMED;
	if (v[VF_PROTOCOL].p != NULL) {
		proto = proto_parse(v[VF_PROTOCOL].p, v[VF_PROTOCOL].n);
		if (proto == -2) {
			ctx->reason = "bad protocol";
			return PARSE_MALFORMED;
		}
		ev->proto = (int16_t)proto;
	}
	if (v[VF_ACTION].p != NULL)
		ev->action = v[VF_ACTION];
	if (v[VF_INTERFACE].p != NULL)
		ev->device = v[VF_INTERFACE];
	ev->vendor = (struct str){ "AWS", 3 };
	ev->product = (struct str){ "VPC Flow Logs", 13 };
	return PARSE_OK;
}

/*
 * Reads one data record: tok holds k tokens, the export prefix (if any)
 * already taken off.
 */
static enum parse_status
vf_record(struct parse_ctx *ctx, const struct vf_state *st,
    struct vf_record *r, const struct str *tok, size_t k, struct event *ev)
{
	const signed char *map = st->has_header ? st->map : vf_default_map;
	size_t ncols = st->has_header ? st->ncols : VF_DEFAULT_COLS;
	struct str status;

	if (k != ncols) {
		ctx->reason = "wrong number of fields";
		return PARSE_MALFORMED;
	}
	for (size_t i = 0; i < k; i++)
		if (map[i] >= 0 && r->v[map[i]].p == NULL &&
		    !vf_str_is(tok[i], "-"))
			r->v[map[i]] = tok[i];
	status = r->v[VF_STATUS];
	if (vf_str_is(status, "NODATA") || vf_str_is(status, "SKIPDATA")) {
		ctx->reason = "no data";
		return PARSE_SKIP;
	}
	return vf_event(ctx, r, ev);
}

static enum parse_status
vpcflow_parse(struct parse_ctx *ctx, const char *line, size_t n,
    struct event *ev)
{
	struct vf_state *st = ctx->state;
	struct str tok[VF_COLS_MAX + 2];
	struct vf_record r;
	size_t k;

	ctx->again = false;
	if (st == NULL) {
		ctx->reason = "out of memory";
		return PARSE_MALFORMED;
	}
	if (n >= 3 && memcmp(line, "\xef\xbb\xbf", 3) == 0)
		line += 3, n -= 3;
	if (n > 0 && line[n - 1] == '\r')
		n--;
	k = vf_split(line, n, tok, VF_COLS_MAX + 1);
	if (k == 0) {
		ctx->reason = "empty line";
		return PARSE_SKIP;
	}
	if (vf_is_header(tok, k))
		return vf_header(ctx, st, tok, k);
	memset(&r, 0, sizeof(r));
	if (vf_looks_iso(tok[0])) {
		if (!time_parse_iso(tok[0].p, tok[0].n, &r.export_time)) {
			ctx->reason = "bad export time";
			return PARSE_MALFORMED;
		}
		r.has_export_time = true;
		return vf_record(ctx, st, &r, tok + 1, k - 1, ev);
	}
	return vf_record(ctx, st, &r, tok, k, ev);
}

/*
 * Sniffing: the first line that is not blank is a header naming the
 * address fields, or a default-format record (with or without an export
 * time in front).
 */
static int
vf_sniff_line(const char *line, size_t n)
{
	struct str tok[VF_COLS_MAX + 2], *t = tok;
	size_t k = vf_split(line, n, tok, VF_COLS_MAX + 1);
	struct str last;
	uint64_t v;

	if (vf_is_header(tok, k)) {
		for (size_t i = 0; i < k; i++)
			if (vf_str_is(tok[i], "srcaddr") ||
			    vf_str_is(tok[i], "dstaddr") ||
			    vf_str_is(tok[i], "log-status"))
				return 95;
		return 0;
	}
	if (k > 0 && vf_looks_iso(tok[0]))
		t++, k--;
	if (k != VF_DEFAULT_COLS || !str_to_uint(t[0], 99, &v) ||
	    !(vf_str_is(t[2], "-") || (t[2].n > 4 &&
	    memcmp(t[2].p, "eni-", 4) == 0)))
		return 0;
	last = t[VF_DEFAULT_COLS - 1];
	if (vf_str_is(last, "OK") || vf_str_is(last, "NODATA") ||
	    vf_str_is(last, "SKIPDATA"))
		return 95;
	return 0;
}

static int
vpcflow_sniff(const char *head, size_t n)
{
	size_t i = 0;

	if (n >= 3 && memcmp(head, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < n) {
		const char *nl = memchr(head + i, '\n', n - i);
		size_t len = nl != NULL ? (size_t)(nl - head) - i : n - i;

		if (len > 0 && head[i + len - 1] == '\r')
			len--;
		for (size_t j = 0; j < len; j++)
			if (head[i + j] != ' ' && head[i + j] != '\t')
				return vf_sniff_line(head + i, len);
		if (nl == NULL)
			break;
		i = (size_t)(nl - head) + 1;
	}
	return 0;
}

const struct format format_vpcflow = {
	.name = "vpcflow",
	.title = "AWS VPC Flow Logs",
	.sniff = vpcflow_sniff,
	.line_based = false,
	.state_new = vf_state_new,
	.state_free = vf_state_free,
	.parse = vpcflow_parse,
};
