/*
 * fortigate.c - FortiGate key=value logs (FortiOS 3 to 7), alone or behind
 * a syslog header.
 *
 * A record is "key=value" pairs separated by spaces; a value is written
 * bare or in double quotes, and quoted values may hold spaces, "=" and
 * backslash escapes.  The line is scanned once for the keys the event
 * needs, the first occurrence of each winning.  Traffic, UTM and anomaly
 * records give events; device event records (logins, VPN, configuration)
 * are skipped.  Everything borrows from the line.  docs/formats.md,
 * section FortiGate, is the contract.
 */
#include <string.h>
#include <strings.h>

#include "../core/action.h"
#include "format.h"
#include "kv.h"
#include "syslog.h"

#define FG_SNIFF_LINES 100	/* lines of the file head that sniff reads */

/* The keys the event is built from; FortiOS 3/4 names share a slot. */
enum fg_key {
	FG_DATE, FG_TIME, FG_EVENTTIME, FG_LOGTIME, FG_TZ, FG_DEVNAME,
	FG_DEVID, FG_LOGID, FG_TYPE, FG_ACTION, FG_STATUS, FG_POLICYID,
	FG_SRC, FG_DST, FG_SPORT, FG_DPORT, FG_PROTO, FG_NKEYS
};

static const struct kv_name fg_names[] = {
	KV_NAME("date", FG_DATE),
	KV_NAME("time", FG_TIME),
	KV_NAME("eventtime", FG_EVENTTIME),
	KV_NAME("logtime", FG_LOGTIME),
	KV_NAME("tz", FG_TZ),
	KV_NAME("devname", FG_DEVNAME),
	KV_NAME("devid", FG_DEVID),
	KV_NAME("device_id", FG_DEVID),
	KV_NAME("logid", FG_LOGID),
	KV_NAME("log_id", FG_LOGID),
	KV_NAME("type", FG_TYPE),
	KV_NAME("action", FG_ACTION),
	KV_NAME("status", FG_STATUS),
	KV_NAME("policyid", FG_POLICYID),
	KV_NAME("srcip", FG_SRC),
	KV_NAME("src", FG_SRC),
	KV_NAME("dstip", FG_DST),
	KV_NAME("dst", FG_DST),
	KV_NAME("srcport", FG_SPORT),
	KV_NAME("src_port", FG_SPORT),
	KV_NAME("dstport", FG_DPORT),
	KV_NAME("dst_port", FG_DPORT),
	KV_NAME("proto", FG_PROTO),
};

/*
 * Traffic log actions other than "deny": FortiOS logs them for sessions
 * its policy allowed, naming how the session started or ended.
 */
static const char *const fg_allowed_traffic[] = {
	"accept", "start", "close", "timeout", "client-rst", "server-rst",
	"ip-conn", "dns",
};

/* One record, as located in the line. */
struct fg_rec {
	struct str val[FG_NKEYS];	/* values; p NULL when absent */
	size_t first_key;		/* offset of the first key */
	bool has_key;
};

/* Scans the key=value pairs of s[i..n) into r. */
static void
fg_scan(const char *s, size_t n, size_t i, struct fg_rec *r)
{
	r->first_key = kv_scan(s, n, i, fg_names,
	    sizeof(fg_names) / sizeof(fg_names[0]), r->val);
	r->has_key = r->first_key < n;
}

static bool
fg_is(struct str v, const char *lit)
{
	size_t n = strlen(lit);

	return v.n == n && strncasecmp(v.p, lit, n) == 0;
}

/*
 * Reads an epoch time whose unit its length gives: up to 11 digits are
 * seconds, 12 to 14 milliseconds, 15 to 17 microseconds, 18 and 19
 * nanoseconds.  Returns false for anything else.
 */
static bool
fg_read_epoch(struct str v, int64_t *out)
{
	uint64_t x;

	if (v.n > 19 || !str_to_uint(v, UINT64_MAX, &x))
		return false;
	if (v.n <= 11)
		*out = (int64_t)x * USEC_PER_SEC;
	else if (v.n <= 14)
		*out = (int64_t)x * 1000;
	else if (v.n <= 17)
		*out = (int64_t)x;
	else
		*out = (int64_t)(x / 1000);
	return true;
}

/*
 * Sets the event time from eventtime, else logtime, else date and time
 * (with tz), else the syslog header.  A value that cannot be read falls
 * through to the next source; a syslog header time that cannot be read
 * is the reason returned.
 */
static const char *
fg_fill_time(struct parse_ctx *ctx, const struct fg_rec *r,
    const struct syslog_hdr *h, struct event *ev)
{
	struct civil c;

	if (fg_read_epoch(r->val[FG_EVENTTIME], &ev->time) ||
	    fg_read_epoch(r->val[FG_LOGTIME], &ev->time)) {
		ev->has_time = true;
		ctx->time.prev = ev->time;
		ctx->time.has_prev = true;
		return NULL;
	}
	if (kv_read_civil(r->val[FG_DATE], r->val[FG_TIME], r->val[FG_TZ],
	    &c) && time_ctx_resolve(&ctx->time, &c, &ev->time)) {
		ev->has_time = true;
		return NULL;
	}
	return syslog_date(&ctx->time, h, ev);
}

/* Reads an address; false when it is absent or unreadable. */
static bool
fg_read_addr(struct str v, struct addr *a)
{
	return v.n > 0 && addr_parse(v.p, v.n, a);
}

/* Reads a port; false only when one is present and unreadable. */
static bool
fg_read_port(struct str v, uint16_t *port, bool *has)
{
	uint64_t x;

	if (v.n == 0)
		return true;
	if (!str_to_uint(v, 65535, &x))
		return false;
	*port = (uint16_t)x;
	*has = true;
	return true;
}

/* Fills addresses, ports and protocol; returns the error, or NULL. */
static const char *
fg_fill_network(const struct fg_rec *r, struct event *ev)
{
	int proto;

	if (r->val[FG_SRC].n == 0)
		return "no source address";
	if (r->val[FG_DST].n == 0)
		return "no destination address";
	if (!fg_read_addr(r->val[FG_SRC], &ev->src))
		return "bad source address";
	if (!fg_read_addr(r->val[FG_DST], &ev->dst))
		return "bad destination address";
	ev->has_src = ev->has_dst = true;
	if (!fg_read_port(r->val[FG_SPORT], &ev->sport, &ev->has_sport))
		return "bad source port";
	if (!fg_read_port(r->val[FG_DPORT], &ev->dport, &ev->has_dport))
		return "bad destination port";
	if (r->val[FG_PROTO].n > 0) {
		if ((proto = proto_parse(r->val[FG_PROTO].p,
		    r->val[FG_PROTO].n)) == -2)
			return "bad protocol";
		ev->proto = (int16_t)proto;
	}
	return NULL;
}

/*
 * Sets the action: "action", else "status" (FortiOS 3/4), else "deny" for
 * a traffic record of policy 0, the implicit deny policy.  A traffic
 * action that names how an allowed session went, and "clear_session",
 * decide the class by FortiOS's own definition.
 */
static void
fg_fill_action(const struct fg_rec *r, bool traffic, struct event *ev)
{
	struct str act = r->val[FG_ACTION];

	if (act.n == 0)
		act = r->val[FG_STATUS];
	if (act.n == 0 && traffic && fg_is(r->val[FG_POLICYID], "0"))
		act = (struct str){ "deny", 4 };
	ev->action = act;
	if (fg_is(act, "clear_session")) {
		ev->verdict = ACTION_DENY;
		return;
	}
	if (!traffic)
		return;
	for (size_t i = 0; i < sizeof(fg_allowed_traffic) /
	    sizeof(fg_allowed_traffic[0]); i++)
		if (fg_is(act, fg_allowed_traffic[i]))
			ev->verdict = ACTION_ALLOW;
}

/* Device name, else serial number, else the syslog host. */
static void
fg_fill_device(const struct fg_rec *r, const struct syslog_hdr *h,
    struct event *ev)
{
	ev->device = r->val[FG_DEVNAME];
	if (ev->device.n == 0)
		ev->device = r->val[FG_DEVID];
	if (ev->device.n == 0)
		ev->device = h->host;
}

/* True when text marks a line of a format with a header of its own. */
static bool
fg_foreign_marker(const char *s, size_t n)
{
	return memmem(s, n, "CEF:", 4) != NULL ||
	    memmem(s, n, "LEEF:", 5) != NULL;
}

/* Cheap test that the line may be FortiGate key=value text. */
static bool
fg_line_maybe(const char *s, size_t n)
{
	if (memmem(s, n, "logid=", 6) == NULL &&
	    memmem(s, n, "log_id=", 7) == NULL)
		return false;
	/* Sophos XG names its record kind log_type and log_component */
	return memmem(s, n, "log_component=", 14) == NULL;
}

/*
 * Scans the line; returns false when it is not FortiGate text: no
 * "type" key, no "logid" ("log_id" in FortiOS 3/4), or a CEF or LEEF
 * header before the first key.
 */
static bool
fg_read_record(const char *line, size_t n, struct syslog_hdr *h,
    struct fg_rec *r)
{
	syslog_parse(line, n, h);
	if (h->host.n > 0 && memchr(h->host.p, '=', h->host.n) != NULL)
		h->host = STR_NULL;
	memset(r, 0, sizeof(*r));
	fg_scan(line, n, h->msg, r);
	if (r->val[FG_TYPE].n == 0 || r->val[FG_LOGID].n == 0)
		return false;
	return !fg_foreign_marker(line + h->msg, r->first_key - h->msg);
}

static enum parse_status
fortigate_parse(struct parse_ctx *ctx, const char *line, size_t n,
    struct event *ev)
{
	struct syslog_hdr h;
	struct fg_rec r;
	struct str type;
	const char *err;

	if (!fg_line_maybe(line, n) || !fg_read_record(line, n, &h, &r))
		return PARSE_NOT_MINE;
	event_clear(ev);
	type = r.val[FG_TYPE];
	if (fg_is(type, "event"))
		return ctx->reason = "device event record", PARSE_SKIP;
	if (!fg_is(type, "traffic") && !fg_is(type, "utm") &&
	    !fg_is(type, "anomaly"))
		return ctx->reason = "record type without traffic",
		    PARSE_SKIP;
	if ((err = fg_fill_network(&r, ev)) != NULL)
		return ctx->reason = err, PARSE_MALFORMED;
	fg_fill_action(&r, fg_is(type, "traffic"), ev);
	fg_fill_device(&r, &h, ev);
	if ((err = fg_fill_time(ctx, &r, &h, ev)) != NULL)
		return ctx->reason = err, PARSE_MALFORMED;
	ev->vendor = (struct str){ "Fortinet", 8 };
	ev->product = (struct str){ "FortiGate", 9 };
	return PARSE_OK;
}

/* True when a line of the file head reads as a FortiGate record. */
static bool
fg_line_like(const char *s, size_t n)
{
	struct syslog_hdr h;
	struct fg_rec r;

	return fg_line_maybe(s, n) && fg_read_record(s, n, &h, &r);
}

/* Scores the file head by the share of its lines that read as records. */
static int
fortigate_sniff(const char *head, size_t n)
{
	return sniff_share(head, n, FG_SNIFF_LINES, fg_line_like);
}

const struct format format_fortigate = {
	.name = "fortigate",
	.title = "FortiGate key=value logs (FortiOS 3 to 7)",
	.sniff = fortigate_sniff,
	.line_based = true,
	.parse = fortigate_parse,
};
