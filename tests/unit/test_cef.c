/*
 * test_cef.c - the CEF parser against docs/formats.md (section CEF), the
 * pitfalls B001, B003, B004 and B006, and lines of the CEF corpus.
 * Expected values are worked out by hand; times are in UTC.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "testutil.h"
#include "core/timeutil.h"
#include "parse/format.h"

extern const struct format format_cef;

/* 2024-03-03T10:00:00Z, the time of the pitfall events. */
#define T0 INT64_C(1709460000)
/* 2024-03-04T00:00:00Z, the stand-in for the file's modification time. */
#define REF INT64_C(1709510400)
#define USEC(sec) ((int64_t)(sec) * USEC_PER_SEC)

#define NCOPIES 8

/* Copies of the parsed lines, which the events borrow from. */
static char *copies[NCOPIES];
static size_t ncopy;

static void
ctx_init(struct parse_ctx *ctx)
{
	memset(ctx, 0, sizeof(*ctx));
	time_ctx_init(&ctx->time, USEC(REF), true);
}

/*
 * Parses the first n bytes of line from a buffer of exactly n bytes, so
 * that reading past the end reads past the allocation.
 */
static enum parse_status
parse_n(struct parse_ctx *ctx, const char *line, size_t n, struct event *ev)
{
	char **copy = &copies[ncopy++ % NCOPIES];

	free(*copy);
	*copy = malloc(n ? n : 1);
	assert_non_null(*copy);
	memcpy(*copy, line, n);
	ctx->scratch.n = 0;
	ctx->reason = NULL;
	return format_cef.parse(ctx, *copy, n, ev);
}

/* Parses a line with a fresh stream context. */
static enum parse_status
parse(const char *line, struct event *ev)
{
	static struct parse_ctx ctx;

	free(ctx.scratch.p);
	ctx_init(&ctx);
	return parse_n(&ctx, line, strlen(line), ev);
}

/* Expects a malformed line with the given reason. */
static void
assert_malformed(const char *line, const char *reason)
{
	struct parse_ctx ctx;
	struct event ev;

	ctx_init(&ctx);
	assert_int_equal(parse_n(&ctx, line, strlen(line), &ev),
	    PARSE_MALFORMED);
	assert_non_null(ctx.reason);
	assert_string_equal(ctx.reason, reason);
	free(ctx.scratch.p);
}

static void
test_b001_escaped_equals(void **state)
{
	struct event ev;

	assert_int_equal(parse("CEF:0|ExampleCo|EdgeFW|3.1|4001|Inbound deny|"
	    "5|src=203.0.113.10 dst=192.0.2.20 dpt=445 proto=TCP "
	    "cs1Label=policy cs1=zone\\=dmz act=deny", &ev), PARSE_OK);
	assert_str_eq(ev.vendor, "ExampleCo");
	assert_str_eq(ev.product, "EdgeFW");
	assert_str_eq(ev.action_hint, "Inbound deny");
	assert_str_eq(ev.action, "deny");
	assert_true(ev.has_src);
	assert_addr_eq(ev.src, "203.0.113.10");
	assert_true(ev.has_dst);
	assert_addr_eq(ev.dst, "192.0.2.20");
	assert_true(ev.has_dport);
	assert_int_equal(ev.dport, 445);
	assert_false(ev.has_sport);
	assert_int_equal(ev.proto, 6);
	assert_false(ev.has_time);
	assert_int_equal(ev.device.n, 0);
	assert_int_equal(ev.ident, 0);
}

/* Value escapes \\ \= \n \r; any other backslash stays. */
static void
test_extension_escapes(void **state)
{
	struct event ev;

	assert_int_equal(parse("CEF:0|V|P|1|2|N|3|deviceExternalId=zone\\=dmz "
	    "node\\\\2 act=deny\\=x\\|y\\t dpt=22", &ev), PARSE_OK);
	assert_str_eq(ev.device, "zone=dmz node\\2");
	assert_str_eq(ev.action, "deny=x\\|y\\t");
	assert_int_equal(ev.dport, 22);

	/* an escaped backslash before "=" does not escape the "=" */
	assert_int_equal(parse("CEF:0|V|P|1|2|N|3|act=a\\\\ dvchost=h\\\\",
	    &ev), PARSE_OK);
	assert_str_eq(ev.action, "a\\");
	assert_str_eq(ev.device, "h\\");

	/* "\=" after a space is not a key */
	assert_int_equal(parse("CEF:0|V|P|1|2|N|3|act=drop now \\=x=1 dpt=7",
	    &ev), PARSE_OK);
	assert_str_eq(ev.action, "drop now =x=1");
	assert_int_equal(ev.dport, 7);
}

static void
test_b003_header_escapes(void **state)
{
	struct event ev;

	assert_int_equal(parse("CEF:0|ExampleCo|ExampleIPS|2.0|scan\\|probe|"
	    "Inbound port probe|7|src=198.51.100.4 dst=192.0.2.8 dpt=3389 "
	    "act=blocked", &ev), PARSE_OK);
	assert_str_eq(ev.vendor, "ExampleCo");
	assert_str_eq(ev.product, "ExampleIPS");
	assert_str_eq(ev.action_hint, "Inbound port probe");
	assert_str_eq(ev.action, "blocked");
	assert_addr_eq(ev.src, "198.51.100.4");
	assert_addr_eq(ev.dst, "192.0.2.8");
	assert_int_equal(ev.dport, 3389);
	assert_int_equal(ev.proto, -1);

	/* only \| and \\ are header escapes; pipes in the extension are
	 * literal */
	assert_int_equal(parse("CEF:0|Example\\|Co|Prod\\\\uct|1|2|"
	    "Port\\nscan\\=x|3|act=drop|reject dpt=1", &ev), PARSE_OK);
	assert_str_eq(ev.vendor, "Example|Co");
	assert_str_eq(ev.product, "Prod\\uct");
	assert_str_eq(ev.action_hint, "Port\\nscan\\=x");
	assert_str_eq(ev.action, "drop|reject");
	assert_int_equal(ev.dport, 1);

	/* an escaped backslash before a pipe: the pipe splits */
	assert_int_equal(parse("CEF:0|A\\\\|B|1|2|N|3|act=x", &ev), PARSE_OK);
	assert_str_eq(ev.vendor, "A\\");
	assert_str_eq(ev.product, "B");
	assert_str_eq(ev.action_hint, "N");
}

static void
test_b004_newlines(void **state)
{
	struct event ev;

	assert_int_equal(parse("CEF:0|ExampleCo|HostIPS|12.0|771|Contact by "
	    "unrecognised client|6|src=203.0.113.50 dst=192.0.2.5 dpt=4118 "
	    "act=blocked msg=Client not recognised.\\n\\nHeaders:\\r\\n"
	    "user-agent: scanner/1.0", &ev), PARSE_OK);
	assert_str_eq(ev.action_hint, "Contact by unrecognised client");
	assert_str_eq(ev.action, "blocked");
	assert_addr_eq(ev.src, "203.0.113.50");
	assert_addr_eq(ev.dst, "192.0.2.5");
	assert_int_equal(ev.dport, 4118);

	assert_int_equal(parse("CEF:0|V|P|1|2|N|3|"
	    "deviceExternalId=a\\nb\\r\\nc act=x\\ny", &ev), PARSE_OK);
	assert_str_eq(ev.device, "a\nb\r\nc");
	assert_str_eq(ev.action, "x\ny");
}

/* Asserts the fields B006 names, and what the syslog header adds. */
static void
assert_b006(const struct event *ev, bool header)
{
	assert_str_eq(ev->vendor, "ExampleCo");
	assert_str_eq(ev->product, "EdgeFW");
	assert_str_eq(ev->action_hint, "Inbound deny");
	assert_str_eq(ev->action, "deny");
	assert_true(ev->has_src);
	assert_addr_eq(ev->src, "203.0.113.20");
	assert_true(ev->has_dst);
	assert_addr_eq(ev->dst, "192.0.2.1");
	assert_true(ev->has_dport);
	assert_int_equal(ev->dport, 22);
	assert_false(ev->has_sport);
	assert_int_equal(ev->proto, -1);
	if (!header) {
		assert_false(ev->has_time);
		assert_int_equal(ev->device.n, 0);
		return;
	}
	assert_true(ev->has_time);
	assert_int_equal(ev->time, USEC(T0));
	assert_str_eq(ev->device, "fw01.example.com");
}

/* B006: the same event with no header, RFC 3164, RFC 5424, "CEF: 0". */
static void
test_b006_four_forms(void **state)
{
	static const char *const line[] = {
		"CEF:0|ExampleCo|EdgeFW|3.1|4001|Inbound deny|5|"
		"src=203.0.113.20 dst=192.0.2.1 dpt=22 act=deny",
		"Mar  3 10:00:00 fw01.example.com CEF:0|ExampleCo|EdgeFW|3.1|"
		"4001|Inbound deny|5|src=203.0.113.20 dst=192.0.2.1 dpt=22 "
		"act=deny",
		"<134>1 2024-03-03T10:00:00.000Z fw01.example.com EdgeFW - - - "
		"CEF:0|ExampleCo|EdgeFW|3.1|4001|Inbound deny|5|"
		"src=203.0.113.20 dst=192.0.2.1 dpt=22 act=deny",
		"Mar  3 10:00:00 fw01.example.com CEF: 0|ExampleCo|EdgeFW|3.1|"
		"4001|Inbound deny|5|src=203.0.113.20 dst=192.0.2.1 dpt=22 "
		"act=deny",
	};
	struct parse_ctx ctx[4];
	struct event ev[4];

	for (int i = 0; i < 4; i++) {
		ctx_init(&ctx[i]);
		assert_int_equal(parse_n(&ctx[i], line[i], strlen(line[i]),
		    &ev[i]), PARSE_OK);
		assert_b006(&ev[i], i > 0);
	}

	/* identical events, field by field */
	for (int i = 1; i < 4; i++) {
		assert_memory_equal(&ev[i].src, &ev[0].src, sizeof(ev[0].src));
		assert_memory_equal(&ev[i].dst, &ev[0].dst, sizeof(ev[0].dst));
		assert_int_equal(ev[i].dport, ev[0].dport);
		assert_int_equal(ev[i].proto, ev[0].proto);
		assert_int_equal(ev[i].action.n, ev[0].action.n);
		assert_memory_equal(ev[i].action.p, ev[0].action.p,
		    ev[0].action.n);
		if (i > 1)
			assert_int_equal(ev[i].time, ev[1].time);
	}
}

static void
test_ipv6(void **state)
{
	struct event ev;

	assert_int_equal(parse("CEF:0|V|P|1|2|N|3|src=2001:db8::1 "
	    "dst=2001:DB8:0:0:0:0:0:2 spt=40000 dpt=443 proto=tcp", &ev),
	    PARSE_OK);
	assert_addr_eq(ev.src, "2001:db8::1");
	assert_addr_eq(ev.dst, "2001:db8::2");
	assert_int_equal(ev.sport, 40000);
	assert_int_equal(ev.dport, 443);
	assert_int_equal(ev.proto, 6);

	/* c6a2 and c6a3 stand in for src and dst */
	assert_int_equal(parse("CEF:0|V|P|1|2|N|3|c6a2=2001:db8::5 "
	    "deviceCustomIPv6Address3=fe80::1%eth0", &ev), PARSE_OK);
	assert_addr_eq(ev.src, "2001:db8::5");
	assert_addr_eq(ev.dst, "fe80::1");

	/* but do not override them */
	assert_int_equal(parse("CEF:0|V|P|1|2|N|3|c6a2=2001:db8::5 "
	    "src=203.0.113.7 c6a3=2001:db8::6 dst=192.0.2.7", &ev), PARSE_OK);
	assert_addr_eq(ev.src, "203.0.113.7");
	assert_addr_eq(ev.dst, "192.0.2.7");

	/* an IPv4-mapped address is the IPv4 address */
	assert_int_equal(parse("CEF:0|V|P|1|2|N|3|src=::ffff:198.51.100.14",
	    &ev), PARSE_OK);
	assert_true(addr_is_v4(&ev.src));
	assert_addr_eq(ev.src, "198.51.100.14");
	assert_false(ev.has_dst);
}

static void
test_long_names(void **state)
{
	struct event ev;

	assert_int_equal(parse("CEF:0|V|P|1|2|N|3|sourceAddress=203.0.113.9 "
	    "destinationAddress=192.0.2.9 sourcePort=40001 "
	    "destinationPort=8080 transportProtocol=udp deviceAction=Drop "
	    "deviceReceiptTime=1709460000000 deviceHostName=edge-1", &ev),
	    PARSE_OK);
	assert_addr_eq(ev.src, "203.0.113.9");
	assert_addr_eq(ev.dst, "192.0.2.9");
	assert_int_equal(ev.sport, 40001);
	assert_int_equal(ev.dport, 8080);
	assert_int_equal(ev.proto, 17);
	assert_str_eq(ev.action, "Drop");
	assert_true(ev.has_time);
	assert_int_equal(ev.time, USEC(T0));
	assert_str_eq(ev.device, "edge-1");

	/* short and long name share one slot: the first one wins */
	assert_int_equal(parse("CEF:0|V|P|1|2|N|3|deviceAction=allow act=deny "
	    "src=203.0.113.1 sourceAddress=203.0.113.2 src=203.0.113.3",
	    &ev), PARSE_OK);
	assert_str_eq(ev.action, "allow");
	assert_addr_eq(ev.src, "203.0.113.1");
}

static void
test_time_epoch(void **state)
{
	struct parse_ctx ctx;
	struct event ev;

	ctx_init(&ctx);
	assert_int_equal(parse_n(&ctx, "CEF:0|V|P|1|2|N|3|rt=1709460000123",
	    34, &ev), PARSE_OK);
	assert_true(ev.has_time);
	assert_int_equal(ev.time, USEC(T0) + 123000);
	assert_true(ctx.time.has_prev);
	assert_int_equal(ctx.time.prev, USEC(T0) + 123000);

	/* 9 to 11 digits are seconds */
	assert_int_equal(parse("CEF:0|V|P|1|2|N|3|rt=1709460000", &ev),
	    PARSE_OK);
	assert_int_equal(ev.time, USEC(T0));
	assert_int_equal(parse("CEF:0|V|P|1|2|N|3|end=946684800", &ev),
	    PARSE_OK);
	assert_int_equal(ev.time, USEC(946684800));
	/* 12 digits are milliseconds: 2001-09-09T01:46:40Z */
	assert_int_equal(parse("CEF:0|V|P|1|2|N|3|rt=1000000000000", &ev),
	    PARSE_OK);
	assert_int_equal(ev.time, USEC(1000000000));
}

static void
assert_rt(const char *line, int64_t want)
{
	struct event ev;

	assert_int_equal(parse(line, &ev), PARSE_OK);
	assert_true(ev.has_time);
	assert_int_equal(ev.time, want);
}

static void
test_time_forms(void **state)
{
	struct event ev;

	assert_rt("CEF:0|V|P|1|2|N|3|rt=Mar 03 2024 10:00:00 dpt=1", USEC(T0));
	assert_rt("CEF:0|FORCEPOINT|Firewall|6.6.1|0|Generic|0|"
	    "deviceExternalId=Master FW node 1 dvc=10.1.1.40 "
	    "rt=Jan 17 2020 08:52:10", USEC(1579251130));
	assert_rt("CEF:0|V|P|1|2|N|3|rt=Mar 03 2024 10:00:00.250 CET",
	    USEC(T0 - 3600) + 250000);
	assert_rt("CEF:0|V|P|1|2|N|3|rt=Mar 03 2024 10:00:00 EST",
	    USEC(T0 + 5 * 3600));
	assert_rt("CEF:0|V|P|1|2|N|3|rt=Mar 03 2024 10:00:00 UTC", USEC(T0));
	assert_rt("CEF:0|V|P|1|2|N|3|rt=Mar 03 2024 10:00:00 +0200",
	    USEC(T0 - 7200));

	/* without a year: the latest year at or before the reference */
	assert_rt("CEF:0|V|P|1|2|N|3|rt=Mar 03 10:00:00", USEC(T0));
	assert_rt("CEF:0|V|P|1|2|N|3|end=2024-03-03T11:00:00+01:00", USEC(T0));
	assert_rt("CEF:0|V|P|1|2|N|3|startTime=2024-03-03T10:00:00.5Z",
	    USEC(T0) + 500000);

	/* rt before end before start */
	assert_rt("CEF:0|V|P|1|2|N|3|start=1000000000 end=1709460000 "
	    "rt=1709463600", USEC(T0 + 3600));
	assert_rt("CEF:0|V|P|1|2|N|3|start=1000000000 end=1709460000",
	    USEC(T0));

	/* the syslog header time, when the extension has none */
	assert_rt("Mar  3 10:00:00 fw01 CEF:0|V|P|1|2|N|3|dpt=1", USEC(T0));
	assert_rt("Mar  3 09:00:00 fw01 CEF:0|V|P|1|2|N|3|rt=1709460000000",
	    USEC(T0));

	/* the first time present decides: garbage there is malformed, not
	 * replaced by a later field or the header */
	assert_malformed("CEF:0|V|P|1|2|N|3|rt=yesterday "
	    "end=Mar 03 2024 10:00:00", "bad time in rt");
	assert_malformed("Mar  3 10:00:00 fw01 CEF:0|V|P|1|2|N|3|rt=soon",
	    "bad time in rt");
	assert_malformed("CEF:0|V|P|1|2|N|3|end=Mar 03 2024 10:00:00 XYZ "
	    "start=Mar 03 2024 10:00:00", "bad time in end");
	assert_malformed("CEF:0|V|P|1|2|N|3|rt=2026-03-01T25:61:61Z",
	    "bad time in rt");
	assert_malformed("CEF:0|V|P|1|2|N|3|rt=1772359561.250",
	    "bad time in rt");
	assert_malformed("CEF:0|V|P|1|2|N|3|rt=99999999999999999999",
	    "bad time in rt");
	assert_malformed("CEF:0|V|P|1|2|N|3|start=2024-03-03T10:00:00+99:00",
	    "bad time in start");

	/* no time field and no header: no time */
	assert_int_equal(parse("CEF:0|V|P|1|2|N|3|end=", &ev), PARSE_OK);
	assert_false(ev.has_time);
}

static void
test_malformed(void **state)
{
	assert_malformed("CEF:0|a|b|c|d|e", "fewer than 7 header fields");
	assert_malformed("CEF:0|a|b|c|d|e|5", "fewer than 7 header fields");
	assert_malformed("Mar  3 10:00:00 fw CEF: 0|a|b\\|c|d|e|5",
	    "fewer than 7 header fields");
	assert_malformed("CEF:0", "fewer than 7 header fields");
	assert_malformed("CEF:0|V|P|1|2|N|3|src=203.0.113.300 dpt=22",
	    "bad source address");
	assert_malformed("CEF:0|V|P|1|2|N|3|src=203.0.113.3 dst=example.com",
	    "bad destination address");
	assert_malformed("CEF:0|V|P|1|2|N|3|c6a3=2001:db8::g",
	    "bad destination address");
	assert_malformed("CEF:0|V|P|1|2|N|3|dpt=65536", "bad destination port");
	assert_malformed("CEF:0|V|P|1|2|N|3|spt=-1", "bad source port");
	assert_malformed("CEF:0|V|P|1|2|N|3|spt=80 x", "bad source port");
	assert_malformed("CEF:0|V|P|1|2|N|3|proto=256", "bad protocol");
}

static void
test_not_mine(void **state)
{
	struct event ev;

	assert_int_equal(parse("0|Ubiquiti|UniFi Network|9.3.45|201|Threat "
	    "Detected and Blocked|7|proto=TCP src=192.168.0.1", &ev),
	    PARSE_NOT_MINE);
	assert_int_equal(parse("CEF:|a|b|c|d|e|f|g", &ev), PARSE_NOT_MINE);
	assert_int_equal(parse("cef:0|a|b|c|d|e|f|g", &ev), PARSE_NOT_MINE);
	assert_int_equal(parse("Mar  3 10:00:01 gw01 kernel: FW-DROP IN=eth0 "
	    "OUT= SRC=203.0.113.77 DST=192.0.2.10", &ev), PARSE_NOT_MINE);
	assert_int_equal(parse("", &ev), PARSE_NOT_MINE);

	/* a "CEF:" without a version before the real one */
	assert_int_equal(parse("app CEF: x CEF:1|V|P|1|2|N|3|dpt=5", &ev),
	    PARSE_OK);
	assert_int_equal(ev.dport, 5);
}

/* Lines of corpus/cef: UniFi "CEF: 0" after a host, Forcepoint. */
static void
test_corpus(void **state)
{
	struct event ev;

	assert_int_equal(parse("Sep  8 08:32:20 UDM-Gent CEF: 0|Ubiquiti|"
	    "UniFi Network|9.4.19|201|Threat Detected and Blocked|9|"
	    "proto=TCP src=192.168.100.252 spt=65020 dst=192.168.1.100 "
	    "dpt=80 UNIFIcategory=Security UNIFIsubCategory=Intrusion "
	    "Prevention UNIFIhost=UDM-Gent UNIFIipsSignature=ET USER_AGENTS "
	    "Suspicious User Agent (BlackSun) UNIFIipsSignatureId=2008983 "
	    "UNIFIutcTime=2025-09-08T06:32:20.613Z msg=A network intrusion "
	    "attempt from Desktop d5:5d to 192.168.1.100 has been detected "
	    "and blocked.", &ev), PARSE_OK);
	assert_str_eq(ev.vendor, "Ubiquiti");
	assert_str_eq(ev.product, "UniFi Network");
	assert_str_eq(ev.action_hint, "Threat Detected and Blocked");
	assert_int_equal(ev.action.n, 0);
	assert_int_equal(ev.proto, 6);
	assert_addr_eq(ev.src, "192.168.100.252");
	assert_int_equal(ev.sport, 65020);
	assert_addr_eq(ev.dst, "192.168.1.100");
	assert_int_equal(ev.dport, 80);
	assert_str_eq(ev.device, "UDM-Gent");
	/* Sep 8 08:32:20 in the latest year before 2024-03-04: 2023 */
	assert_true(ev.has_time);
	assert_int_equal(ev.time, USEC(1694161940));

	assert_int_equal(parse("CEF:0|FORCEPOINT|Firewall|6.6.1|70018|"
	    "Connection_Allowed|0|deviceExternalId=Master FW node 1 "
	    "dvc=10.1.1.40 dvchost=10.1.1.40 src=10.37.205.252 dst=10.1.1.40 "
	    "proto=1 deviceOutboundInterface=255 act=Allow msg=Referred "
	    "connection: 10.1.1.40 -> 10.37.133.35 frag\\=0x4000 TCP "
	    "47413->3020 deviceFacility=Packet Filtering "
	    "rt=Jan 17 2020 08:52:09 app=Dest. Unreachable (Host Unreachable) "
	    "cs1Label=RuleID cs1=2097157.1", &ev), PARSE_OK);
	assert_str_eq(ev.vendor, "FORCEPOINT");
	assert_str_eq(ev.product, "Firewall");
	assert_str_eq(ev.action_hint, "Connection_Allowed");
	assert_str_eq(ev.action, "Allow");
	assert_str_eq(ev.device, "Master FW node 1");
	assert_addr_eq(ev.src, "10.37.205.252");
	assert_addr_eq(ev.dst, "10.1.1.40");
	assert_int_equal(ev.proto, 1);
	assert_false(ev.has_dport);
	assert_int_equal(ev.time, USEC(1579251129));
}

/* deviceExternalId, else dvchost, else the syslog host, else dvc. */
static void
test_device(void **state)
{
	struct event ev;

	assert_int_equal(parse("fw01 CEF:0|V|P|1|2|N|3|dvc=10.1.1.40 "
	    "dvchost=edge deviceExternalId=node 1", &ev), PARSE_OK);
	assert_str_eq(ev.device, "node 1");
	assert_int_equal(parse("fw01 CEF:0|V|P|1|2|N|3|dvc=10.1.1.40 "
	    "deviceHostName=edge", &ev), PARSE_OK);
	assert_str_eq(ev.device, "edge");
	assert_int_equal(parse("fw01 CEF:0|V|P|1|2|N|3|dvc=10.1.1.40", &ev),
	    PARSE_OK);
	assert_str_eq(ev.device, "fw01");
	assert_int_equal(parse("fw01 agent[12]: CEF:0|V|P|1|2|N|3|"
	    "dvc=10.1.1.40", &ev), PARSE_OK);
	assert_str_eq(ev.device, "fw01");
	assert_int_equal(parse("<13>fw01 CEF:0|V|P|1|2|N|3|dvc=10.1.1.40",
	    &ev), PARSE_OK);
	assert_str_eq(ev.device, "fw01");
	assert_false(ev.has_time);

	/* a tag alone, or free text, names no host */
	assert_int_equal(parse("agent: CEF:0|V|P|1|2|N|3|"
	    "deviceAddress=10.1.1.4", &ev), PARSE_OK);
	assert_str_eq(ev.device, "10.1.1.4");
	assert_int_equal(parse("some text here CEF:0|V|P|1|2|N|3|dvc=10.1.1.5",
	    &ev), PARSE_OK);
	assert_str_eq(ev.device, "10.1.1.5");
	assert_int_equal(parse("CEF:0|V|P|1|2|N|3|dvchost= dvc=10.1.1.6",
	    &ev), PARSE_OK);
	assert_str_eq(ev.device, "10.1.1.6");
}

/* Values with spaces, trailing spaces, empty values, text without key. */
static void
test_extension_values(void **state)
{
	struct event ev;

	assert_int_equal(parse("CEF:0|V|P|1|2|N|3|  junk text act=Block  now   "
	    "dst=192.0.2.1  src= spt= dpt=0  ", &ev), PARSE_OK);
	assert_str_eq(ev.action, "Block  now");
	assert_addr_eq(ev.dst, "192.0.2.1");
	assert_false(ev.has_src);
	assert_false(ev.has_sport);
	assert_true(ev.has_dport);
	assert_int_equal(ev.dport, 0);

	/* a key needs a space before it; keys may hold . _ - */
	assert_int_equal(parse("CEF:0|V|P|1|2|N|3|act=x=y dpt=00080 "
	    "ad.my_key-1=v dvchost=a b=c", &ev), PARSE_OK);
	assert_str_eq(ev.action, "x=y");
	assert_int_equal(ev.dport, 80);
	assert_str_eq(ev.device, "a");

	/* an empty extension */
	assert_int_equal(parse("CEF:0|V|P|1|2|N|3|", &ev), PARSE_OK);
	assert_false(ev.has_src);
	assert_int_equal(ev.action.n, 0);
	assert_str_eq(ev.action_hint, "N");
}

static void
test_proto(void **state)
{
	static const struct {
		const char *name;
		int proto;
	} cases[] = {
		{ "TCP", 6 }, { "udp", 17 }, { "Icmp", 1 }, { "ICMPv6", 58 },
		{ "IPv6-ICMP", 58 }, { "esp", 50 }, { "AH", 51 }, { "Gre", 47 },
		{ "SCTP", 132 }, { "udplite", 136 }, { "0", 0 }, { "47", 47 },
		{ "255", 255 }, { "igmp", 2 }, { "tcpx", -1 },
		/* near the three-letter TCP and UDP */
		{ "tCp", 6 }, { "uDP", 17 }, { "udp/53", 17 }, { "tdp", -1 },
		{ "ucp", -1 }, { "tc", -1 }, { "Tcq", -1 },
	};
	char line[64];
	struct event ev;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(line, sizeof(line), "CEF:0|V|P|1|2|N|3|proto=%s dpt=9",
		    cases[i].name);
		assert_int_equal(parse(line, &ev), PARSE_OK);
		assert_int_equal(ev.proto, cases[i].proto);
		assert_int_equal(ev.dport, 9);
	}
}

/*
 * Ports of one to ten digits, in the middle of the extension (eight bytes
 * or more follow, read as one word) and at the end of the line (fewer
 * follow, read digit by digit): the same value either way; -1 for a port
 * that is unreadable or above 65535.
 */
static void
test_ports(void **state)
{
	static const struct {
		const char *text;
		long port;
	} cases[] = {
		{ "0", 0 }, { "7", 7 }, { "80", 80 }, { "443", 443 },
		{ "8080", 8080 }, { "65535", 65535 }, { "65536", -1 },
		{ "00000080", 80 }, { "000000080", 80 }, { "0000065535", 65535 },
		{ "99999999", -1 }, { "12345678", -1 }, { "1a", -1 },
		{ "a1", -1 }, { "-1", -1 }, { "+1", -1 }, { "0x50", -1 },
		{ "8\\=0", -1 }, { "1/2", -1 }, { "4:43", -1 },
	};
	char line[128];
	struct event ev;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		for (int at_end = 0; at_end < 2; at_end++) {
			snprintf(line, sizeof(line), at_end ?
			    "CEF:0|V|P|1|2|N|3|act=deny dpt=%s" :
			    "CEF:0|V|P|1|2|N|3|dpt=%s act=deny spt=1",
			    cases[i].text);
			if (cases[i].port < 0) {
				assert_malformed(line, "bad destination port");
				continue;
			}
			assert_int_equal(parse(line, &ev), PARSE_OK);
			assert_true(ev.has_dport);
			assert_int_equal(ev.dport, cases[i].port);
		}

	/* 0 to 11 bytes after the port, spaces or a key: across the eight
	 * a word needs */
	for (int k = 0; k < 12; k++)
		for (int key = 0; key < 2; key++) {
			if (key && k < 3)
				continue;
			snprintf(line, sizeof(line),
			    "CEF:0|V|P|1|2|N|3|dpt=12345%s%.*s",
			    key ? " x=" : "", key ? k - 3 : k,
			    key ? "bbbbbbbbbbbb" : "            ");
			assert_int_equal(parse(line, &ev), PARSE_OK);
			assert_int_equal(ev.dport, 12345);
		}
}

/* NUL bytes are ordinary bytes; nothing past n is read. */
static void
test_bounds(void **state)
{
	static const char nul[] = "\0x CEF:0|V\0|P|1|2|N|3|act=x\0y dpt=22";
	static const char line[] = "CEF:0|V|P|1|2|N|3|act=drop dpt=22";
	struct parse_ctx ctx;
	struct event ev;

	ctx_init(&ctx);
	assert_int_equal(parse_n(&ctx, nul, sizeof(nul) - 1, &ev), PARSE_OK);
	assert_int_equal(ev.vendor.n, 2);
	assert_memory_equal(ev.vendor.p, "V\0", 2);
	assert_int_equal(ev.action.n, 3);
	assert_memory_equal(ev.action.p, "x\0y", 3);
	assert_int_equal(ev.dport, 22);

	for (size_t n = 0; n < 18; n++) {
		enum parse_status st = parse_n(&ctx, line, n, &ev);

		assert_true(st == (n < 5 ? PARSE_NOT_MINE : PARSE_MALFORMED));
	}
	assert_int_equal(parse_n(&ctx, line, sizeof(line) - 2, &ev),
	    PARSE_OK);
	assert_int_equal(ev.dport, 2);
	assert_int_equal(parse_n(&ctx, line, 24, &ev), PARSE_OK);
	assert_str_eq(ev.action, "dr");
	for (size_t n = 18; n < sizeof(line); n++)
		assert_int_equal(parse_n(&ctx, line, n, &ev), PARSE_OK);
	free(ctx.scratch.p);
}

/* Every text field unescaped into an empty scratch buffer: the first
 * ones must stay valid while the later ones are written. */
static void
test_scratch(void **state)
{
	char line[9000];
	size_t n;
	struct parse_ctx ctx;
	struct event ev;

	n = (size_t)snprintf(line, sizeof(line), "CEF:0|Ven\\|dor|Pro\\\\duct|"
	    "1|2|Na\\|me|3|act=de\\=ny deviceExternalId=d\\nv msg=");
	for (; n < sizeof(line); n++)
		line[n] = n % 2 ? '\\' : 'n';
	ctx_init(&ctx);
	assert_int_equal(parse_n(&ctx, line, n, &ev), PARSE_OK);
	assert_str_eq(ev.vendor, "Ven|dor");
	assert_str_eq(ev.product, "Pro\\duct");
	assert_str_eq(ev.action_hint, "Na|me");
	assert_str_eq(ev.action, "de=ny");
	assert_str_eq(ev.device, "d\nv");
	free(ctx.scratch.p);
}

static void
test_sniff(void **state)
{
	static const char cef[] =
	    "CEF:0|V|P|1|2|N|3|dpt=1\n"
	    "Mar  3 10:00:00 fw CEF: 0|V|P|1|2|N|3|dpt=2\r\n"
	    "\n"
	    "<134>1 2024-03-03T10:00:00Z fw V - - - CEF:1|V|P|1|2|N|3|\n";
	static const char half[] =
	    "CEF:0|V|P|1|2|N|3|dpt=1\n"
	    "Mar  3 10:00:01 gw kernel: DROP IN=eth0 SRC=1.2.3.4 DST=5.6.7.8\n";
	static const char other[] =
	    "Mar  3 10:00:01 gw kernel: DROP IN=eth0 SRC=1.2.3.4 DST=5.6.7.8\n"
	    "CEF:0|V|P\n";

	assert_int_equal(format_cef.sniff(cef, sizeof(cef) - 1), 90);
	assert_int_equal(format_cef.sniff(half, sizeof(half) - 1), 60);
	assert_int_equal(format_cef.sniff(other, sizeof(other) - 1), 0);
	assert_int_equal(format_cef.sniff("", 0), 0);

	/* a head cut inside its only line */
	assert_int_equal(format_cef.sniff(cef, 20), 90);
	/* a last line cut short is not counted */
	assert_int_equal(format_cef.sniff(half, sizeof(half) - 20), 90);
	assert_true(format_cef.line_based);
	assert_string_equal(format_cef.name, "cef");
}

static int
group_setup(void **state)
{
	const char *err = NULL;

	return tz_select("UTC", &err);
}

static int
group_teardown(void **state)
{
	for (size_t i = 0; i < NCOPIES; i++)
		free(copies[i]);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_b001_escaped_equals),
		cmocka_unit_test(test_extension_escapes),
		cmocka_unit_test(test_b003_header_escapes),
		cmocka_unit_test(test_b004_newlines),
		cmocka_unit_test(test_b006_four_forms),
		cmocka_unit_test(test_ipv6),
		cmocka_unit_test(test_long_names),
		cmocka_unit_test(test_time_epoch),
		cmocka_unit_test(test_time_forms),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_not_mine),
		cmocka_unit_test(test_corpus),
		cmocka_unit_test(test_device),
		cmocka_unit_test(test_extension_values),
		cmocka_unit_test(test_proto),
		cmocka_unit_test(test_ports),
		cmocka_unit_test(test_bounds),
		cmocka_unit_test(test_scratch),
		cmocka_unit_test(test_sniff),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
