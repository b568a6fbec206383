/*
 * eve.c - Suricata's EVE JSON log: one JSON object per line, alone or
 * behind a syslog header (Suricata's eve-log output of type syslog).
 *
 * Three event types carry a verdict on an attempt: "alert" (alert.action
 * "blocked" is a deny), "drop" (a packet the engine dropped) and "flow"
 * (the flow's own action in Suricata 7 and later, else whether the
 * responder answered at all).  Every other event type (http, dns, tls,
 * stats, ...) is skipped.  docs/formats.md, section Suricata EVE, is the
 * contract; values borrow from the line.
 */
#include <string.h>
#include <strings.h>

#include "../core/action.h"
#include "format.h"
#include "jsonscan.h"
#include "syslog.h"

/* The members the event is made of. */
enum eve_key {
	EK_TYPE, EK_TIME, EK_SRC, EK_SPORT, EK_DST, EK_DPORT, EK_PROTO,
	EK_HOST, EK_IFACE, EK_ALERT_ACTION, EK_FLOW_STATE, EK_FLOW_TOCLIENT,
	EK_FLOW_ACTION, EK_FLOW_START, EK_TCP_TS, EK_TCP_TC, EK_COUNT
};

static const char *const eve_paths[EK_COUNT] = {
	"event_type", "timestamp", "src_ip", "src_port", "dest_ip",
	"dest_port", "proto", "host", "in_iface", "alert.action",
	"flow.state", "flow.pkts_toclient", "flow.action", "flow.start",
	"tcp.tcp_flags_ts", "tcp.tcp_flags_tc",
};

/* TCP flag bits of tcp_flags_ts and tcp_flags_tc. */
#define TCP_SYN 0x02
#define TCP_RST 0x04
#define TCP_ACK 0x10

struct eve_rec {
	struct jsonscan_value v[EK_COUNT];
	struct str host;	/* the syslog header's host, if any */
};

static bool
str_is_nocase(struct str s, const char *lit)
{
	size_t n = strlen(lit);

	return s.n == n && strncasecmp(s.p, lit, n) == 0;
}

/* A string member's text; empty when absent or not a string. */
static struct str
eve_text(struct parse_ctx *ctx, const struct jsonscan_value *v)
{
	struct str s = STR_NULL;

	if (v->kind == JSONSCAN_STRING && !jsonscan_text(v, &ctx->scratch, &s))
		return STR_NULL;
	return s;
}

/* Reads two hex digits of a tcp_flags member; -1 when absent or bad. */
static int
eve_flags(const struct jsonscan_value *v)
{
	int x = 0;

	if (v->kind != JSONSCAN_STRING || v->n != 2)
		return -1;
	for (size_t i = 0; i < 2; i++) {
		char c = v->p[i];

		if (c >= '0' && c <= '9')
			x = x * 16 + (c - '0');
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			x = x * 16 + ((c | 0x20) - 'a' + 10);
		else
			return -1;
	}
	return x;
}

/*
 * A flow record without an action of its own: unanswered (no packet to
 * the client) or refused (the server's only flags are RST) is a failed
 * attempt; a client that sent ACK saw a SYN-ACK the sensor missed.
 */
static enum action_class
eve_flow_reply(const struct eve_rec *r, struct str state)
{
	int ts = eve_flags(&r->v[EK_TCP_TS]), tc = eve_flags(&r->v[EK_TCP_TC]);
	uint64_t toclient;

	if (str_is_nocase(state, "bypassed") ||
	    !jsonscan_uint(&r->v[EK_FLOW_TOCLIENT], UINT64_MAX, &toclient))
		return ACTION_OTHER;
	if (toclient == 0)
		return ts >= 0 && (ts & TCP_ACK) ? ACTION_OTHER : ACTION_DENY;
	if (tc >= 0 && (tc & TCP_RST) && !(tc & TCP_SYN))
		return ACTION_DENY;
	return ACTION_ALLOW;
}

/* Sets the action and the verdict class by event type. */
static void
eve_verdict(struct parse_ctx *ctx, const struct eve_rec *r, struct str type,
    struct event *ev)
{
	struct str act;

	if (str_is_nocase(type, "drop")) {
		ev->action = (struct str){ "drop", 4 };
		ev->verdict = ACTION_DENY;
	} else if (str_is_nocase(type, "alert")) {
		ev->action = eve_text(ctx, &r->v[EK_ALERT_ACTION]);
		ev->verdict = str_is_nocase(ev->action, "blocked") ?
		    ACTION_DENY : ACTION_OTHER;
	} else if ((act = eve_text(ctx, &r->v[EK_FLOW_ACTION])).n > 0) {
		ev->action = act;
		ev->verdict = str_is_nocase(act, "drop") ? ACTION_DENY :
		    str_is_nocase(act, "accept") || str_is_nocase(act, "pass") ?
		    ACTION_ALLOW : ACTION_NONE;
	} else {
		ev->action = eve_text(ctx, &r->v[EK_FLOW_STATE]);
		ev->verdict = eve_flow_reply(r, ev->action);
	}
}

static bool
eve_addr(struct parse_ctx *ctx, const struct jsonscan_value *v,
    struct addr *a, bool *has)
{
	struct str s = eve_text(ctx, v);

	if (v->kind == JSONSCAN_ABSENT || v->kind == JSONSCAN_NULL)
		return true;
	if (s.n == 0 || !addr_parse(s.p, s.n, a))
		return false;
	*has = true;
	return true;
}

static bool
eve_port(const struct jsonscan_value *v, uint16_t *port, bool *has)
{
	uint64_t x;

	if (v->kind == JSONSCAN_ABSENT || v->kind == JSONSCAN_NULL)
		return true;
	if (!jsonscan_uint(v, 65535, &x))
		return false;
	*port = (uint16_t)x, *has = true;
	return true;
}

/* The record's time: timestamp, else flow.start; absent is allowed. */
static bool
eve_time(struct parse_ctx *ctx, const struct eve_rec *r, struct event *ev)
{
	const struct jsonscan_value *v = &r->v[EK_TIME];
	struct civil c;
	struct str s;

	if (v->kind == JSONSCAN_ABSENT)
		v = &r->v[EK_FLOW_START];
	if (v->kind == JSONSCAN_ABSENT)
		return true;
	s = eve_text(ctx, v);
	if (s.n == 0 || !time_parse_iso(s.p, s.n, &c) ||
	    !time_ctx_resolve(&ctx->time, &c, &ev->time))
		return false;
	ev->has_time = true;
	return true;
}

/* Fills addresses, ports, protocol and time; false with a reason. */
static bool
eve_packet(struct parse_ctx *ctx, const struct eve_rec *r, struct event *ev)
{
	const struct jsonscan_value *p = &r->v[EK_PROTO];
	int proto;

	if (!eve_addr(ctx, &r->v[EK_SRC], &ev->src, &ev->has_src))
		return ctx->reason = "bad src_ip", false;
	if (!eve_addr(ctx, &r->v[EK_DST], &ev->dst, &ev->has_dst))
		return ctx->reason = "bad dest_ip", false;
	if (!ev->has_src || !ev->has_dst)
		return ctx->reason = "no src_ip or dest_ip", false;
	if (!eve_port(&r->v[EK_SPORT], &ev->sport, &ev->has_sport))
		return ctx->reason = "bad src_port", false;
	if (!eve_port(&r->v[EK_DPORT], &ev->dport, &ev->has_dport))
		return ctx->reason = "bad dest_port", false;
	if (p->kind == JSONSCAN_STRING || p->kind == JSONSCAN_NUMBER) {
		if ((proto = proto_parse(p->p, p->n)) == -2)
			return ctx->reason = "bad proto", false;
		ev->proto = (int16_t)proto;
	} else if (p->kind != JSONSCAN_ABSENT && p->kind != JSONSCAN_NULL)
		return ctx->reason = "bad proto", false;
	if (!eve_time(ctx, r, ev))
		return ctx->reason = "bad timestamp", false;
	return true;
}

/* Where the JSON object starts: at the line's start, or after a syslog
 * header; n when there is none. */
static size_t
eve_json_start(const char *line, size_t n, struct str *host)
{
	struct syslog_hdr h;
	size_t i = 0;

	*host = STR_NULL;
	while (i < n && (line[i] == ' ' || line[i] == '\t'))
		i++;
	if (i < n && line[i] == '{')
		return i;
	if (!syslog_parse(line, n, &h))
		return n;
	for (i = h.msg; i < n && line[i] == ' '; i++)
		;
	if (i < n && line[i] == '{')
		*host = h.host;
	return i < n && line[i] == '{' ? i : n;
}

static enum parse_status
eve_parse(struct parse_ctx *ctx, const char *line, size_t n,
    struct event *ev)
{
	struct eve_rec r;
	struct str type;
	const char *err;
	size_t i;

	event_clear(ev);
	if (memmem(line, n, "\"event_type\"", 12) == NULL ||
	    (i = eve_json_start(line, n, &r.host)) == n)
		return PARSE_NOT_MINE;
	/* room for every unescaped string at once (see jsonscan_text) */
	if (scratch_reserve(&ctx->scratch, n) == NULL)
		return ctx->reason = "out of memory", PARSE_MALFORMED;
	if ((err = jsonscan_object(line + i, n - i, eve_paths, EK_COUNT,
	    r.v)) != NULL)
		return ctx->reason = err, PARSE_MALFORMED;
	if (r.v[EK_TYPE].kind != JSONSCAN_STRING)
		return PARSE_NOT_MINE;
	type = eve_text(ctx, &r.v[EK_TYPE]);
	if (!str_is_nocase(type, "alert") && !str_is_nocase(type, "drop") &&
	    !str_is_nocase(type, "flow"))
		return ctx->reason = "event type without a verdict",
		    PARSE_SKIP;
	if (!eve_packet(ctx, &r, ev))
		return PARSE_MALFORMED;
	eve_verdict(ctx, &r, type, ev);
	ev->vendor = (struct str){ "OISF", 4 };
	ev->product = (struct str){ "Suricata", 8 };
	ev->device = eve_text(ctx, &r.v[EK_HOST]);
	if (ev->device.n == 0)
		ev->device = r.host;
	if (ev->device.n == 0)
		ev->device = eve_text(ctx, &r.v[EK_IFACE]);
	return PARSE_OK;
}

/*
 * A head scores by its first non-empty line: an EVE object, bare or behind
 * a syslog header.
 */
static int
eve_sniff(const char *head, size_t n)
{
	const char *p = head, *end = head + n, *nl;
	size_t len;
	struct str host;

	while (p < end && (*p == '\n' || *p == '\r' || *p == ' '))
		p++;
	if (p == end)
		return 0;
	nl = memchr(p, '\n', (size_t)(end - p));
	len = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
	if (memmem(p, len, "\"event_type\"", 12) == NULL)
		return 0;
	if (p[0] == '{')
		return memmem(p, len, "\"timestamp\"", 11) != NULL ? 90 : 70;
	return eve_json_start(p, len, &host) < len ? 80 : 0;
}

const struct format format_eve = {
	.name = "eve",
	.title = "Suricata eve.json",
	.sniff = eve_sniff,
	.line_based = true,
	.parse = eve_parse,
};
