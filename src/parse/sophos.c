/*
 * sophos.c - Sophos Firewall (XG, SFOS) key=value logs: the "Default"
 * syslog format of SFOS 17 to 19 (device="SFW" date= time= timezone=)
 * and the Central Reporting format of SFOS 19.5 and later
 * (device_name="SFW" timestamp=...).
 *
 * A record is "key=value" pairs separated by spaces; a value is bare or
 * in double quotes, and bare values may hold spaces ("Unknown (0x0000)").
 * The line is scanned once for the keys the event needs, the first
 * occurrence of each winning.  Firewall and IDP records give events;
 * the other log types (web, mail, system events) are skipped.
 * Everything borrows from the line.  docs/formats.md, section Sophos, is
 * the contract.
 */
#include <string.h>
#include <strings.h>

#include "format.h"
#include "kv.h"
#include "syslog.h"

#define SPH_SNIFF_LINES 100	/* lines of the file head that sniff reads */

/* The keys the event is built from; the two formats' names share a slot
 * where they mean the same. */
enum sph_key {
	SPH_TIMESTAMP, SPH_DATE, SPH_TIME, SPH_TIMEZONE, SPH_DEVICE_ID,
	SPH_SERIAL, SPH_DEVICE_NAME, SPH_LOG_TYPE, SPH_COMPONENT, SPH_STATUS,
	SPH_SUBTYPE, SPH_SRC, SPH_DST, SPH_SPORT, SPH_DPORT, SPH_PROTO,
	SPH_NKEYS
};

static const struct kv_name sph_names[] = {
	KV_NAME("timestamp", SPH_TIMESTAMP),
	KV_NAME("date", SPH_DATE),
	KV_NAME("time", SPH_TIME),
	KV_NAME("timezone", SPH_TIMEZONE),
	KV_NAME("device_id", SPH_DEVICE_ID),
	KV_NAME("device_serial_id", SPH_SERIAL),
	KV_NAME("device_name", SPH_DEVICE_NAME),
	KV_NAME("log_type", SPH_LOG_TYPE),
	KV_NAME("log_component", SPH_COMPONENT),
	KV_NAME("status", SPH_STATUS),
	KV_NAME("log_subtype", SPH_SUBTYPE),
	KV_NAME("src_ip", SPH_SRC),
	KV_NAME("dst_ip", SPH_DST),
	KV_NAME("src_port", SPH_SPORT),
	KV_NAME("dst_port", SPH_DPORT),
	KV_NAME("protocol", SPH_PROTO),
};

/* One record, as located in the line. */
struct sph_rec {
	struct str val[SPH_NKEYS];	/* values; p NULL when absent */
	size_t first_key;		/* offset of the first key */
	bool has_key;
};

/* Scans the key=value pairs of s[i..n) into r. */
static void
sph_scan(const char *s, size_t n, size_t i, struct sph_rec *r)
{
	r->first_key = kv_scan(s, n, i, sph_names,
	    sizeof(sph_names) / sizeof(sph_names[0]), r->val);
	r->has_key = r->first_key < n;
}

static bool
sph_is(struct str v, const char *lit)
{
	size_t n = strlen(lit);

	return v.n == n && strncasecmp(v.p, lit, n) == 0;
}

/* Reads a decimal port 0..65535. */
static bool
sph_read_port(struct str v, uint16_t *port)
{
	uint32_t x = 0;

	if (v.n == 0 || v.n > 5)
		return false;
	for (size_t i = 0; i < v.n; i++) {
		if (v.p[i] < '0' || v.p[i] > '9')
			return false;
		x = x * 10 + (uint32_t)(v.p[i] - '0');
	}
	if (x > 65535)
		return false;
	*port = (uint16_t)x;
	return true;
}

/*
 * Sets the event time from timestamp, else date and time (with
 * timezone), else the syslog header.  A value that cannot be read falls
 * through to the next source; a syslog header time that cannot be read
 * is the reason returned.
 */
static const char *
sph_fill_time(struct parse_ctx *ctx, const struct sph_rec *r,
    const struct syslog_hdr *h, struct event *ev)
{
	struct str ts = r->val[SPH_TIMESTAMP];
	struct civil c;

	memset(&c, 0, sizeof(c));
	if (ts.n > 0 && time_parse_iso(ts.p, ts.n, &c) &&
	    time_ctx_resolve(&ctx->time, &c, &ev->time)) {
		ev->has_time = true;
		return NULL;
	}
	if (kv_read_civil(r->val[SPH_DATE], r->val[SPH_TIME],
	    r->val[SPH_TIMEZONE], &c) &&
	    time_ctx_resolve(&ctx->time, &c, &ev->time)) {
		ev->has_time = true;
		return NULL;
	}
	return syslog_date(&ctx->time, h, ev);
}

/* Fills addresses, ports and protocol; returns the error, or NULL. */
static const char *
sph_fill_network(const struct sph_rec *r, struct event *ev)
{
	struct str v;
	int proto;

	if (r->val[SPH_SRC].n == 0)
		return "no source address";
	if (r->val[SPH_DST].n == 0)
		return "no destination address";
	if (!addr_parse(r->val[SPH_SRC].p, r->val[SPH_SRC].n, &ev->src))
		return "bad source address";
	if (!addr_parse(r->val[SPH_DST].p, r->val[SPH_DST].n, &ev->dst))
		return "bad destination address";
	ev->has_src = ev->has_dst = true;
	if ((v = r->val[SPH_SPORT]).n > 0) {
		if (!sph_read_port(v, &ev->sport))
			return "bad source port";
		ev->has_sport = true;
	}
	if ((v = r->val[SPH_DPORT]).n > 0) {
		if (!sph_read_port(v, &ev->dport))
			return "bad destination port";
		ev->has_dport = true;
	}
	if ((v = r->val[SPH_PROTO]).n > 0) {
		if ((proto = proto_parse(v.p, v.n)) == -2)
			return "bad protocol";
		ev->proto = (int16_t)proto;
	}
	return NULL;
}

/* Device id, else serial number, else device name, else syslog host. */
static void
sph_fill_device(const struct sph_rec *r, const struct syslog_hdr *h,
    struct event *ev)
{
	static const enum sph_key order[] = {
		SPH_DEVICE_ID, SPH_SERIAL, SPH_DEVICE_NAME
	};

	for (size_t k = 0; k < sizeof(order) / sizeof(order[0]); k++)
		if (r->val[order[k]].n > 0) {
			ev->device = r->val[order[k]];
			return;
		}
	ev->device = h->host;
}

/* Cheap test that the line may be Sophos key=value text. */
static bool
sph_line_maybe(const char *s, size_t n)
{
	return memmem(s, n, "log_component=", 14) != NULL &&
	    memmem(s, n, "log_type=", 9) != NULL;
}

/*
 * Scans the line; returns false when it is not Sophos text: no
 * "log_type" or "log_component" key, or a CEF or LEEF header before the
 * first key.
 */
static bool
sph_read_record(const char *line, size_t n, struct syslog_hdr *h,
    struct sph_rec *r)
{
	const char *s;

	syslog_parse(line, n, h);
	if (h->host.n > 0 && memchr(h->host.p, '=', h->host.n) != NULL)
		h->host = STR_NULL;
	memset(r, 0, sizeof(*r));
	sph_scan(line, n, h->msg, r);
	if (r->val[SPH_LOG_TYPE].n == 0 || r->val[SPH_COMPONENT].n == 0)
		return false;
	s = line + h->msg;
	n = r->first_key - h->msg;
	return memmem(s, n, "CEF:", 4) == NULL &&
	    memmem(s, n, "LEEF:", 5) == NULL;
}

static enum parse_status
sophos_parse(struct parse_ctx *ctx, const char *line, size_t n,
    struct event *ev)
{
	struct syslog_hdr h;
	struct sph_rec r;
	const char *err;

	if (!sph_line_maybe(line, n) || !sph_read_record(line, n, &h, &r))
		return PARSE_NOT_MINE;
	event_clear(ev);
	if (!sph_is(r.val[SPH_LOG_TYPE], "Firewall") &&
	    !sph_is(r.val[SPH_LOG_TYPE], "IDP"))
		return ctx->reason = "log type other than Firewall or IDP",
		    PARSE_SKIP;
	if ((err = sph_fill_network(&r, ev)) != NULL)
		return ctx->reason = err, PARSE_MALFORMED;
	ev->action = r.val[SPH_STATUS];
	if (ev->action.n == 0)
		ev->action = r.val[SPH_SUBTYPE];
	sph_fill_device(&r, &h, ev);
	if ((err = sph_fill_time(ctx, &r, &h, ev)) != NULL)
		return ctx->reason = err, PARSE_MALFORMED;
	ev->vendor = (struct str){ "Sophos", 6 };
	ev->product = (struct str){ "XG Firewall", 11 };
	return PARSE_OK;
}

/* True when a line of the file head reads as a Sophos record. */
static bool
sph_line_like(const char *s, size_t n)
{
	struct syslog_hdr h;
	struct sph_rec r;

	return sph_line_maybe(s, n) && sph_read_record(s, n, &h, &r);
}

/* Scores the file head by the share of its lines that read as records. */
static int
sophos_sniff(const char *head, size_t n)
{
	return sniff_share(head, n, SPH_SNIFF_LINES, sph_line_like);
}

const struct format format_sophos = {
	.name = "sophos",
	.title = "Sophos Firewall (XG, SFOS) key=value logs",
	.sniff = sophos_sniff,
	.line_based = true,
	.parse = sophos_parse,
};
