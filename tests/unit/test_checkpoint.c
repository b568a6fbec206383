/*
 * test_checkpoint.c - the Check Point parser against docs/formats.md
 * (section Check Point): both lines of corpus/other_firewalls/
 * elastic_checkpoint_test-packet-drop.log (aggregated drops, one event
 * per packet) and fixtures written from the Log Exporter syslog format
 * and Check Point's RFC 5424 structured data.  Expected values are
 * worked out by hand; epoch seconds come from the calendar.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "testutil.h"
#include "core/timeutil.h"
#include "parse/format.h"

extern const struct format format_checkpoint;

#define USEC(sec) ((int64_t)(sec) * USEC_PER_SEC)
#define T0 INT64_C(1709460000)		/* 2024-03-03T10:00:00Z */
#define REF INT64_C(1709510400)		/* 2024-03-04T00:00:00Z */
#define MAXEV 8

static struct parse_ctx ctx;
static char *copy;

/* One parsed record: its status, event and reason. */
struct result {
	enum parse_status st;
	struct event ev;
	const char *reason;
};

/*
 * Parses a line as the stream driver does: again while the parser asks
 * for it.  Fills up to MAXEV results and returns their number.  The
 * events' text is only checked for the last one (scratch is reused).
 */
static size_t
parse_all(const char *line, struct result *res)
{
	size_t n = strlen(line), k = 0;

	free(copy);
	copy = malloc(n ? n : 1);
	assert_non_null(copy);
	memcpy(copy, line, n);
	ctx.line++;
	do {
		ctx.scratch.n = 0;
		ctx.reason = NULL;
		ctx.again = false;
		res[k].st = format_checkpoint.parse(&ctx, copy, n, &res[k].ev);
		res[k].reason = ctx.reason;
		k++;
	} while (ctx.again && k < MAXEV);
	return k;
}

static struct event
parse_one(const char *line)
{
	struct result res[MAXEV];

	assert_int_equal(parse_all(line, res), 1);
	if (res[0].st != PARSE_OK)
		print_error("status %d (%s)\n", res[0].st,
		    res[0].reason ? res[0].reason : "-");
	assert_int_equal(res[0].st, PARSE_OK);
	return res[0].ev;
}

static void
assert_status(const char *line, enum parse_status want, const char *reason)
{
	struct result res[MAXEV];

	assert_int_equal(parse_all(line, res), 1);
	assert_int_equal(res[0].st, want);
	if (reason != NULL) {
		assert_non_null(res[0].reason);
		assert_string_equal(res[0].reason, reason);
	}
}

/* Checks one packet's event: addresses, ports, protocol. */
static void
assert_packet(const struct result *r, const char *src, int sport,
    const char *dst, int dport, int proto)
{
	assert_int_equal(r->st, PARSE_OK);
	assert_addr_eq(r->ev.src, src);
	assert_int_equal(r->ev.sport, sport);
	assert_addr_eq(r->ev.dst, dst);
	assert_true(r->ev.has_dport);
	assert_int_equal(r->ev.dport, dport);
	assert_int_equal(r->ev.proto, proto);
	assert_true(r->ev.has_time);
}

/* The corpus file: 5 and 3 dropped packets, times from "time". */
static void
test_corpus(void **state)
{
	struct result r[MAXEV];

	assert_int_equal(parse_all(
	    "<134>1 2025-01-21T09:36:10Z TEST_HOSTNAME CheckPoint 16953 -"
	    " [action:\"Drop\"; flags:\"409600\"; ifdir:\"inbound\"; logi"
	    "d:\"0\"; loguid:\"{0x5e818e17,0x0,0x6401a8c0,0x108620ab}\"; "
	    "origin:\"192.168.1.100\"; originsicname:\"cn=cp_mgmt,o=gw-da"
	    "58d3..tmn8s8\"; sequencenum:\"1\"; time:\"1737452170\"; vers"
	    "ion:\"5\"; __policy_id_tag:\"product=VPN-1 & FireWall-1[db_t"
	    "ag={880771B0-FD92-2C4F-82FC-B96FC3DE5A07};mgmt=gw-da58d3;dat"
	    "e=1585502566;policy_name=Standard\\]\"; drop_reason:\"matche"
	    "d optimized drop\"; layer_name:\"Network\"; layer_uuid:\"63b"
	    "7fe60-76d2-4287-bca5-21af87337b0a\"; match_id:\"1\"; parent_"
	    "rule:\"0\"; rule_action:\"Drop\"; rule_name:\"Cleanup rule\""
	    "; rule_uid:\"1fde807b-6300-4b1a-914f-f1c1f3e2e7d2\"; packet_"
	    "amount:\"5\"; packets:\" <81.2.69.142,59912,81.2.69.144,1990"
	    ",6;eth0> <81.2.69.142,40252,81.2.69.144,999,6;eth0> <81.2.69"
	    ".142,60636,89.160.20.128,999,6;eth0> <81.2.69.142,43010,89.1"
	    "60.20.128,1898,6;eth0> <81.2.69.142,59440,81.2.69.144,1898,6"
	    ";eth0>\"]",
	    r), 5);
	assert_packet(&r[0], "81.2.69.142", 59912, "81.2.69.144", 1990, 6);
	assert_packet(&r[1], "81.2.69.142", 40252, "81.2.69.144", 999, 6);
	assert_packet(&r[2], "81.2.69.142", 60636, "89.160.20.128", 999, 6);
	assert_packet(&r[3], "81.2.69.142", 43010, "89.160.20.128", 1898, 6);
	assert_packet(&r[4], "81.2.69.142", 59440, "81.2.69.144", 1898, 6);
	for (size_t k = 0; k < 5; k++)	/* 2025-01-21T09:36:10Z */
		assert_int_equal(r[k].ev.time, USEC(1737452170));
	assert_str_eq(r[4].ev.action, "Drop");
	assert_str_eq(r[4].ev.vendor, "Check Point");
	assert_str_eq(r[4].ev.product, "VPN-1 & FireWall-1");
	assert_str_eq(r[4].ev.device, "192.168.1.100");
	assert_false(ctx.again);

	assert_int_equal(parse_all(
	    "<134>1 2025-01-21T09:37:10Z TEST_HOSTNAME CheckPoint 16953 -"
	    " [action:\"Drop\"; flags:\"409600\"; ifdir:\"inbound\"; logi"
	    "d:\"0\"; loguid:\"{0x5e818e17,0x1,0x6401a8c0,0x108620ab}\"; "
	    "origin:\"192.168.1.100\"; originsicname:\"cn=cp_mgmt,o=gw-da"
	    "58d3..tmn8s8\"; sequencenum:\"2\"; time:\"1737452230\"; vers"
	    "ion:\"5\"; __policy_id_tag:\"product=VPN-1 & FireWall-1[db_t"
	    "ag={880771B0-FD92-2C4F-82FC-B96FC3DE5A07};mgmt=gw-da58d3;dat"
	    "e=1585502566;policy_name=Standard\\]\"; drop_reason:\"matche"
	    "d optimized drop\"; layer_name:\"Network\"; layer_uuid:\"63b"
	    "7fe60-76d2-4287-bca5-21af87337b0a\"; match_id:\"1\"; parent_"
	    "rule:\"0\"; rule_action:\"Drop\"; rule_name:\"Cleanup rule\""
	    "; rule_uid:\"1fde807b-6300-4b1a-914f-f1c1f3e2e7d2\"; packet_"
	    "amount:\"3\"; packets:\" <81.2.69.142,45000,81.2.69.144,443,"
	    "6> <81.2.69.142,45001,89.160.20.128,80,17> <81.2.69.142,4500"
	    "2,81.2.69.144,8080,6>\"]",
	    r), 3);
	assert_packet(&r[0], "81.2.69.142", 45000, "81.2.69.144", 443, 6);
	assert_packet(&r[1], "81.2.69.142", 45001, "89.160.20.128", 80, 17);
	assert_packet(&r[2], "81.2.69.142", 45002, "81.2.69.144", 8080, 6);
	assert_int_equal(r[2].ev.time, USEC(1737452230));
}

/* A Log Exporter connection record, RFC 5424 framing. */
static void
test_log_exporter(void **state)
{
	struct event ev;

	ev = parse_one("<134>1 2024-03-03T10:00:00Z gw-01 CheckPoint 16700 - "
	    "[action:\"Drop\"; flags:\"411908\"; ifdir:\"inbound\"; "
	    "ifname:\"eth0\"; loguid:\"{0x0,0x0,0x0,0x0}\"; "
	    "origin:\"192.0.2.254\"; time:\"1709460000\"; version:\"5\"; "
	    "dst:\"192.0.2.10\"; inzone:\"External\"; outzone:\"Internal\"; "
	    "product:\"VPN-1 & FireWall-1\"; proto:\"6\"; "
	    "rule_action:\"Drop\"; s_port:\"40123\"; service:\"3389\"; "
	    "service_id:\"ms-rdp\"; src:\"203.0.113.40\"]");
	assert_int_equal(ev.time, USEC(T0));
	assert_str_eq(ev.action, "Drop");
	assert_addr_eq(ev.src, "203.0.113.40");
	assert_addr_eq(ev.dst, "192.0.2.10");
	assert_int_equal(ev.sport, 40123);
	assert_int_equal(ev.dport, 3389);
	assert_int_equal(ev.proto, 6);
	assert_str_eq(ev.device, "192.0.2.254");
}

/* RFC 3164 framing, IPv6, Reject, escaped quotes, time in milliseconds,
 * no origin (the syslog host stands in). */
static void
test_reject_ipv6(void **state)
{
	struct event ev;

	ev = parse_one("Mar  3 10:00:01 gw-01 CheckPoint[1234]: "
	    "[action:\"Reject\"; src:\"2001:db8::40\"; dst:\"2001:db8::10\"; "
	    "proto:\"17\"; s_port:\"5353\"; service:\"161\"; "
	    "rule_name:\"say \\\"no\\\"; [now\\]\"; time:\"1709460001000\"]");
	assert_int_equal(ev.time, USEC(T0 + 1));
	assert_str_eq(ev.action, "Reject");
	assert_addr_eq(ev.src, "2001:db8::40");
	assert_int_equal(ev.dport, 161);
	assert_int_equal(ev.proto, 17);
	assert_str_eq(ev.device, "gw-01");
	assert_str_eq(ev.product, "VPN-1 & FireWall-1");

	ev = parse_one("[action:\"Accept\"; src:\"203.0.113.41\"; "
	    "product:\"Fire\\\"Wall\"]");
	assert_str_eq(ev.action, "Accept");
	assert_str_eq(ev.product, "Fire\"Wall");
	assert_false(ev.has_time);
	assert_false(ev.has_dst);
	assert_false(ev.has_dport);
	assert_int_equal(ev.device.n, 0);
}

/* RFC 5424 structured data under Check Point's enterprise number. */
static void
test_structured_data(void **state)
{
	struct event ev;

	ev = parse_one("<85>1 2024-03-03T10:00:02Z 192.0.2.254 CP-GW - Log "
	    "[Fields@1.3.6.1.4.1.2620 inzone=\"External\" src=\"203.0.113.42\""
	    " dst=\"192.0.2.11\" proto=\"6\" svc=\"22\" sport_svc=\"50000\" "
	    "ProductName=\"VPN-1 & FireWall-1\" action=\"Drop\" ]");
	assert_int_equal(ev.time, USEC(T0 + 2));
	assert_str_eq(ev.action, "Drop");
	assert_addr_eq(ev.src, "203.0.113.42");
	assert_int_equal(ev.sport, 50000);
	assert_int_equal(ev.dport, 22);
	assert_str_eq(ev.device, "192.0.2.254");

	ev = parse_one("<85>1 2024-03-03T10:00:03Z fw - - - [cp@2620 "
	    "src=\"203.0.113.43\" service=\"23\" svc=\"24\"]");
	assert_int_equal(ev.dport, 23);
	assert_int_equal(ev.time, USEC(T0 + 3));
	assert_int_equal(ev.action.n, 0);
}

static void
test_malformed(void **state)
{
	struct result r[MAXEV];

	assert_status("[action:\"Drop\"; src:\"203.0.113.5",
	    PARSE_MALFORMED, "unterminated record");
	assert_status("[action:\"Drop\"; src:\"203.0.113.5\"; dst",
	    PARSE_MALFORMED, "unterminated record");
	assert_status("[action:\"Drop\"; src:\"203.0.113.500\"]",
	    PARSE_MALFORMED, "bad source address");
	assert_status("[action:\"Drop\"; dst:\"192.0.2\"]",
	    PARSE_MALFORMED, "bad destination address");
	assert_status("[action:\"Drop\"; service:\"https\"]",
	    PARSE_MALFORMED, "bad destination port");
	assert_status("[action:\"Drop\"; s_port:\"65536\"]",
	    PARSE_MALFORMED, "bad source port");
	assert_status("[action:\"Drop\"; proto:\"256\"]",
	    PARSE_MALFORMED, "bad protocol");

	/* a bad packet is counted; the list goes on */
	assert_int_equal(parse_all("[action:\"Drop\"; time:\"1709460000\"; "
	    "packets:\"<203.0.113.5,1,192.0.2.1,99999,6> <203.0.113.5> "
	    "<203.0.113.5,2,192.0.2.1,23,6;eth0>\"]", r), 3);
	assert_int_equal(r[0].st, PARSE_MALFORMED);
	assert_string_equal(r[0].reason, "bad packet in packets list");
	assert_int_equal(r[1].st, PARSE_MALFORMED);
	assert_packet(&r[2], "203.0.113.5", 2, "192.0.2.1", 23, 6);

	/* "packets" as a count is not a list */
	assert_int_equal(parse_one("[action:\"Accept\"; packets:\"37\"; "
	    "src:\"203.0.113.6\"]").has_src, true);
}

static void
test_not_mine(void **state)
{
	static const char *const lines[] = {
		"{\"timestamp\":\"2024-03-03T10:00:00Z\",\"event_type\":"
		    "\"alert\",\"src_ip\":\"203.0.113.1\",\"x\":[\"a\"]}",
		"Mar  3 10:00:00 gw kernel: [12.5] DROP IN=eth0 OUT= "
		    "SRC=203.0.113.7 DST=192.0.2.1 PROTO=TCP SPT=1 DPT=23",
		"CEF:0|Check Point|VPN-1 & FireWall-1|Check Point|Drop|x|5|"
		    "act=Drop src=203.0.113.7",
		"<14>1 2024-03-03T10:00:00Z h app - - [meta sequenceId=\"1\"]"
		    " hello",
		"<14>1 2024-03-03T10:00:00Z h app - - [x@26200 a=\"1\"] hi",
		"[info] key:\"value\" after text",
		"[",
		"",
	};
	struct result r[MAXEV];

	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		assert_int_equal(parse_all(lines[i], r), 1);
		assert_int_equal(r[0].st, PARSE_NOT_MINE);
	}
}

/* Every cut of a line with a packet list: no read past its end. */
static void
test_bounds(void **state)
{
	static const char line[] = "<134>1 2024-03-03T10:00:00Z gw CheckPoint"
	    " 1 - [action:\"Drop\"; origin:\"192.0.2.\0254\"; packets:\" "
	    "<203.0.113.5,1,192.0.2.1,22,6;eth0> <203.0.113.5,2,192.0.2.1,23,"
	    "6>\"]";
	struct event ev;

	for (size_t n = 0; n < sizeof(line) - 1; n++) {
		free(copy);
		copy = malloc(n ? n : 1);
		memcpy(copy, line, n);
		ctx.line++;
		do {
			ctx.scratch.n = 0;
			ctx.again = false;
			(void)format_checkpoint.parse(&ctx, copy, n, &ev);
		} while (ctx.again);
	}
}

static void
test_sniff(void **state)
{
	static const char head[] = "<134>1 2024-03-03T10:00:00Z gw CheckPoint"
	    " 1 - [action:\"Drop\"; src:\"203.0.113.5\"]\n";

	assert_true(format_checkpoint.sniff(head, sizeof(head) - 1) >= 80);
	assert_int_equal(format_checkpoint.sniff("CEF:0|a|b|c|d|e|f|\n", 19),
	    0);
}

static int
setup(void **state)
{
	const char *err;

	memset(&ctx, 0, sizeof(ctx));
	time_ctx_init(&ctx.time, USEC(REF), true);
	ctx.state = format_checkpoint.state_new();
	assert_non_null(ctx.state);
	return tz_select("UTC", &err);
}

static int
teardown(void **state)
{
	free(copy);
	free(ctx.scratch.p);
	format_checkpoint.state_free(ctx.state);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_corpus),
		cmocka_unit_test(test_log_exporter),
		cmocka_unit_test(test_reject_ipv6),
		cmocka_unit_test(test_structured_data),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_not_mine),
		cmocka_unit_test(test_bounds),
		cmocka_unit_test(test_sniff),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
