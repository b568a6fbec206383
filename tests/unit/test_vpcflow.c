/*
 * test_vpcflow.c - the AWS VPC Flow Logs reader, held to docs/formats.md:
 * the default version 2 record, custom formats named by a header line,
 * CloudWatch Logs exports, NODATA and SKIPDATA (pitfall B014), "-" as
 * absent, and the records of corpus/cloud_flow.
 *
 * Expected times are the records' start fields (epoch seconds) or worked
 * out by hand from the calendar, never copied from the program's output.
 */
#include <stdio.h>
#include <stdlib.h>

#include "testutil.h"
#include "parse/format.h"
#include "core/action.h"

extern const struct format format_vpcflow, format_cef, format_netfilter;

#define USEC(sec) ((int64_t)(sec) * USEC_PER_SEC)

/* 2024-03-03T10:00:00Z: 19785 days after 1970-01-01, plus ten hours */
#define T_20240303_100000 INT64_C(1709460000)

struct feed {
	struct parse_opts opts;
	struct parse_ctx ctx;
	struct event ev;
};

static void
feed_open(struct feed *f)
{
	memset(f, 0, sizeof(*f));
	f->opts.netfilter_default_action = "drop";
	f->ctx.opts = &f->opts;
	time_ctx_init(&f->ctx.time, 0, false);
	f->ctx.state = format_vpcflow.state_new();
	assert_non_null(f->ctx.state);
}

static void
feed_close(struct feed *f)
{
	format_vpcflow.state_free(f->ctx.state);
	free(f->ctx.scratch.p);
}

static enum parse_status
feed_line(struct feed *f, const char *line)
{
	enum parse_status rc;

	f->ctx.line++;
	f->ctx.record_line = f->ctx.line;
	f->ctx.scratch.n = 0;
	f->ctx.reason = NULL;
	event_clear(&f->ev);
	rc = format_vpcflow.parse(&f->ctx, line, strlen(line), &f->ev);
	assert_false(f->ctx.again);
	return rc;
}

#define assert_reason(f, lit) assert_string_equal((f)->ctx.reason, (lit))

static void
assert_common(const struct event *ev)
{
	assert_str_eq(ev->vendor, "AWS");
	assert_str_eq(ev->product, "VPC Flow Logs");
	assert_int_equal(ev->verdict, 0);
	assert_int_equal(ev->ident, 0);
}

/* Pitfall B014: a REJECT record, then NODATA and SKIPDATA full of "-". */
static void
test_b014(void **unused)
{
	struct feed f;

	feed_open(&f);
	assert_int_equal(feed_line(&f, "2 123456789012 eni-0123456789abcdef0 "
	    "203.0.113.5 192.0.2.9 44321 22 6 1 40 1709460000 1709460060 "
	    "REJECT OK"), PARSE_OK);
	assert_common(&f.ev);
	assert_true(f.ev.has_time);
	assert_int_equal(f.ev.time, USEC(T_20240303_100000));
	assert_str_eq(f.ev.action, "REJECT");
	assert_int_equal(action_classify(f.ev.action.p, f.ev.action.n),
	    ACTION_DENY);
	assert_addr_eq(f.ev.src, "203.0.113.5");
	assert_addr_eq(f.ev.dst, "192.0.2.9");
	assert_true(f.ev.has_sport && f.ev.has_dport);
	assert_int_equal(f.ev.sport, 44321);
	assert_int_equal(f.ev.dport, 22);
	assert_int_equal(f.ev.proto, PROTO_TCP);
	assert_str_eq(f.ev.device, "eni-0123456789abcdef0");

	assert_int_equal(feed_line(&f, "2 123456789012 eni-0123456789abcdef0 "
	    "- - - - - - - 1709460000 1709460060 - NODATA"), PARSE_SKIP);
	assert_reason(&f, "no data");
	assert_int_equal(feed_line(&f, "2 123456789012 eni-0123456789abcdef0 "
	    "- - - - - - - 1709460000 1709460060 - SKIPDATA"), PARSE_SKIP);
	assert_reason(&f, "no data");
	feed_close(&f);
}

/* Every record of corpus/cloud_flow/elastic_test-vpcflow-extra-samples.log
 * (the AWS documentation's examples), in file order. */
static void
test_corpus(void **unused)
{
	struct feed f;

	feed_open(&f);
	/* line 1: IPv6, accepted SSH */
	assert_int_equal(feed_line(&f, "2 123456789010 eni-1235b8ca123456789 "
	    "2001:db8:1234:a100:8d6e:3477:df66:f105 "
	    "2001:db8:1234:a102:3304:8879:34cf:4071 34892 22 6 54 8855 "
	    "1477913708 1477913820 ACCEPT OK"), PARSE_OK);
	assert_common(&f.ev);
	assert_int_equal(f.ev.time, USEC(1477913708));
	assert_str_eq(f.ev.action, "ACCEPT");
	assert_addr_eq(f.ev.src, "2001:db8:1234:a100:8d6e:3477:df66:f105");
	assert_addr_eq(f.ev.dst, "2001:db8:1234:a102:3304:8879:34cf:4071");
	assert_int_equal(f.ev.sport, 34892);
	assert_int_equal(f.ev.dport, 22);
	assert_int_equal(f.ev.proto, PROTO_TCP);
	assert_str_eq(f.ev.device, "eni-1235b8ca123456789");

	/* lines 2 and 3: no data */
	assert_int_equal(feed_line(&f, "2 123456789010 eni-1235b8ca123456789 "
	    "- - - - - - - 1431280876 1431280934 - NODATA"), PARSE_SKIP);
	assert_reason(&f, "no data");
	assert_int_equal(feed_line(&f, "2 123456789010 eni-11111111aaaaaaaaa "
	    "- - - - - - - 1431280876 1431280934 - SKIPDATA"), PARSE_SKIP);
	assert_reason(&f, "no data");

	/* lines 4 and 5: the same source accepted on 22, rejected on 3389 */
	assert_int_equal(feed_line(&f, "2 123456789010 eni-1235b8ca123456789 "
	    "78.24.182.42 158.109.0.1 20641 22 6 20 4249 1418530010 "
	    "1418530070 ACCEPT OK"), PARSE_OK);
	assert_str_eq(f.ev.action, "ACCEPT");
	assert_int_equal(f.ev.dport, 22);
	assert_int_equal(f.ev.time, USEC(1418530010));
	assert_int_equal(feed_line(&f, "2 123456789010 eni-1235b8ca123456789 "
	    "78.24.182.42 158.109.0.1 49761 3389 6 20 4249 1418530010 "
	    "1418530070 REJECT OK"), PARSE_OK);
	assert_str_eq(f.ev.action, "REJECT");
	assert_addr_eq(f.ev.src, "78.24.182.42");
	assert_addr_eq(f.ev.dst, "158.109.0.1");
	assert_int_equal(f.ev.sport, 49761);
	assert_int_equal(f.ev.dport, 3389);
	assert_int_equal(f.ev.time, USEC(1418530010));

	/* lines 6 and 7: ICMP, ports logged as 0 (a port, not absent) */
	assert_int_equal(feed_line(&f, "2 123456789010 eni-1235b8ca123456789 "
	    "203.0.113.12 172.31.16.139 0 0 1 4 336 1432917027 1432917142 "
	    "ACCEPT OK"), PARSE_OK);
	assert_int_equal(f.ev.proto, PROTO_ICMP);
	assert_true(f.ev.has_sport && f.ev.has_dport);
	assert_int_equal(f.ev.dport, 0);
	assert_int_equal(f.ev.time, USEC(1432917027));
	assert_int_equal(feed_line(&f, "2 123456789010 eni-1235b8ca123456789 "
	    "172.31.16.139 203.0.113.12 0 0 1 4 336 1432917094 1432917142 "
	    "REJECT OK"), PARSE_OK);
	assert_str_eq(f.ev.action, "REJECT");
	assert_addr_eq(f.ev.src, "172.31.16.139");
	assert_int_equal(f.ev.time, USEC(1432917094));
	feed_close(&f);
}

/* A custom format: the header maps columns by name, in any order; the
 * packet-level addresses win over srcaddr/dstaddr. */
static void
test_custom_header(void **unused)
{
	struct feed f;

	feed_open(&f);
	assert_int_equal(feed_line(&f, "version vpc-id subnet-id instance-id "
	    "interface-id account-id type srcaddr dstaddr srcport dstport "
	    "pkt-srcaddr pkt-dstaddr protocol bytes packets start end action "
	    "tcp-flags log-status"), PARSE_SKIP);
	assert_reason(&f, "header");
	assert_int_equal(feed_line(&f, "3 vpc-0a1b2c3d subnet-0a1b2c3d "
	    "i-0123456789abcdef0 eni-0a1b2c3d4e5f60718 123456789012 IPv4 "
	    "10.0.1.5 10.0.2.7 51000 8080 198.51.100.20 192.0.2.44 6 40 1 "
	    "1709460000 1709460060 REJECT 2 OK"), PARSE_OK);
	assert_common(&f.ev);
	assert_addr_eq(f.ev.src, "198.51.100.20");
	assert_addr_eq(f.ev.dst, "192.0.2.44");
	assert_int_equal(f.ev.sport, 51000);
	assert_int_equal(f.ev.dport, 8080);
	assert_int_equal(f.ev.proto, PROTO_TCP);
	assert_str_eq(f.ev.action, "REJECT");
	assert_str_eq(f.ev.device, "eni-0a1b2c3d4e5f60718");
	assert_int_equal(f.ev.time, USEC(T_20240303_100000));

	/* pkt-srcaddr "-": srcaddr stands in */
	assert_int_equal(feed_line(&f, "3 vpc-0a1b2c3d subnet-0a1b2c3d - "
	    "eni-0a1b2c3d4e5f60718 123456789012 IPv4 203.0.113.9 10.0.2.7 "
	    "51000 23 - - 6 40 1 1709460005 1709460060 REJECT 2 OK"),
	    PARSE_OK);
	assert_addr_eq(f.ev.src, "203.0.113.9");
	assert_addr_eq(f.ev.dst, "10.0.2.7");
	assert_int_equal(f.ev.dport, 23);

	/* a record of another length than the header */
	assert_int_equal(feed_line(&f, "3 vpc-0a1b2c3d 10.0.1.5"),
	    PARSE_MALFORMED);
	assert_reason(&f, "wrong number of fields");

	/* a subset in another order, and a new header replaces the old */
	assert_int_equal(feed_line(&f, "action dstport srcaddr dstaddr "
	    "log-status"), PARSE_SKIP);
	assert_int_equal(feed_line(&f, "REJECT 445 203.0.113.50 192.0.2.10 "
	    "OK"), PARSE_OK);
	assert_str_eq(f.ev.action, "REJECT");
	assert_addr_eq(f.ev.src, "203.0.113.50");
	assert_addr_eq(f.ev.dst, "192.0.2.10");
	assert_int_equal(f.ev.dport, 445);
	assert_false(f.ev.has_sport);
	assert_int_equal(f.ev.proto, -1);
	assert_false(f.ev.has_time);
	assert_int_equal(f.ev.device.n, 0);

	/* a header with a field AWS may add later keeps its column */
	assert_int_equal(feed_line(&f, "srcaddr dstaddr dstport some-new-field "
	    "action"), PARSE_SKIP);
	assert_int_equal(feed_line(&f, "203.0.113.50 192.0.2.10 22 x ACCEPT"),
	    PARSE_OK);
	assert_str_eq(f.ev.action, "ACCEPT");
	feed_close(&f);
}

/* "-" is absent, never 0: ports, protocol, action, interface, start. */
static void
test_dash_absent(void **unused)
{
	struct feed f;

	feed_open(&f);
	assert_int_equal(feed_line(&f, "2 123456789012 - 203.0.113.5 "
	    "192.0.2.9 - - - - - - - - OK"), PARSE_OK);
	assert_addr_eq(f.ev.src, "203.0.113.5");
	assert_false(f.ev.has_sport);
	assert_false(f.ev.has_dport);
	assert_int_equal(f.ev.proto, -1);
	assert_int_equal(f.ev.action.n, 0);
	assert_int_equal(f.ev.device.n, 0);
	assert_false(f.ev.has_time);

	/* a NODATA record is skipped whatever else it holds */
	assert_int_equal(feed_line(&f, "2 123456789012 eni-1 - - - - - - - - "
	    "- - NODATA"), PARSE_SKIP);
	assert_reason(&f, "no data");
	feed_close(&f);
}

/* CloudWatch Logs exports: each record after the event's ISO time. */
static void
test_cloudwatch_export(void **unused)
{
	struct feed f;

	feed_open(&f);
	assert_int_equal(feed_line(&f, "2024-03-03T10:00:14.000Z 2 "
	    "123456789012 eni-0123456789abcdef0 203.0.113.5 192.0.2.9 44325 "
	    "3389 6 1 40 1709460002 1709460060 REJECT OK"), PARSE_OK);
	assert_int_equal(f.ev.time, USEC(T_20240303_100000 + 2));
	assert_int_equal(f.ev.dport, 3389);
	assert_str_eq(f.ev.device, "eni-0123456789abcdef0");

	/* no start: the export's time (10:00:14 UTC) stands in */
	assert_int_equal(feed_line(&f, "2024-03-03T10:00:14.000Z 2 "
	    "123456789012 eni-0123456789abcdef0 203.0.113.5 192.0.2.9 44325 "
	    "3389 6 1 40 - - REJECT OK"), PARSE_OK);
	assert_int_equal(f.ev.time, USEC(T_20240303_100000 + 14));

	assert_int_equal(feed_line(&f, "2024-03-03T10:00:14.000Z 2 "
	    "123456789012 eni-0123456789abcdef0 - - - - - - - 1709460000 "
	    "1709460060 - NODATA"), PARSE_SKIP);
	assert_reason(&f, "no data");
	assert_int_equal(feed_line(&f, "2024-13-03T10:00:14.000Z 2 "
	    "123456789012 eni-0123456789abcdef0 - - - - - - - 1709460000 "
	    "1709460060 - OK"), PARSE_MALFORMED);
	assert_reason(&f, "bad export time");
	feed_close(&f);
}

/* Present but unreadable values make the record malformed. */
static void
test_malformed(void **unused)
{
	static const struct {
		const char *line, *reason;
	} cases[] = {
		{ "2 1 eni-1 203.0.113.500 192.0.2.9 1 22 6 1 40 1709460000 "
		  "1709460060 REJECT OK", "bad srcaddr" },
		{ "2 1 eni-1 203.0.113.5 192.0.2.x 1 22 6 1 40 1709460000 "
		  "1709460060 REJECT OK", "bad dstaddr" },
		{ "2 1 eni-1 203.0.113.5 192.0.2.9 65536 22 6 1 40 1709460000 "
		  "1709460060 REJECT OK", "bad srcport" },
		{ "2 1 eni-1 203.0.113.5 192.0.2.9 1 2x 6 1 40 1709460000 "
		  "1709460060 REJECT OK", "bad dstport" },
		{ "2 1 eni-1 203.0.113.5 192.0.2.9 1 22 256 1 40 1709460000 "
		  "1709460060 REJECT OK", "bad protocol" },
		{ "2 1 eni-1 203.0.113.5 192.0.2.9 1 22 6 1 40 17094600x0 "
		  "1709460060 REJECT OK", "bad start" },
		{ "2 1 eni-1 203.0.113.5 192.0.2.9 1 22 6 1 40 1709460000 "
		  "1709460060 REJECT", "wrong number of fields" },
		{ "2 1 eni-1 203.0.113.5 192.0.2.9 1 22 6 1 40 1709460000 "
		  "1709460060 REJECT OK extra", "wrong number of fields" },
	};
	struct feed f;

	feed_open(&f);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(feed_line(&f, cases[i].line),
		    PARSE_MALFORMED);
		assert_reason(&f, cases[i].reason);
	}

	/* NUL bytes: the record is cut where a field holds one */
	static const char nul[] = "2 1 eni-1 203.0.113.5\0 192.0.2.9 1 22 6 "
	    "1 40 1709460000 1709460060 REJECT OK";
	f.ctx.line++;
	assert_int_equal(format_vpcflow.parse(&f.ctx, nul, sizeof(nul) - 1,
	    &f.ev), PARSE_MALFORMED);
	assert_reason(&f, "bad srcaddr");

	/* a header with too many columns */
	char big[64 * 8 + 16];
	size_t k = 0;

	for (int i = 0; i < 65; i++)
		k += (size_t)snprintf(big + k, sizeof(big) - k, "%sstart",
		    i ? " " : "");
	assert_int_equal(feed_line(&f, big), PARSE_MALFORMED);
	assert_reason(&f, "too many fields in header");

	assert_int_equal(feed_line(&f, ""), PARSE_SKIP);
	assert_reason(&f, "empty line");
	assert_int_equal(feed_line(&f, "  \r"), PARSE_SKIP);
	feed_close(&f);
}

/* CRLF line ends and a byte order mark in front of the header. */
static void
test_crlf_bom(void **unused)
{
	struct feed f;

	feed_open(&f);
	assert_int_equal(feed_line(&f, "\xef\xbb\xbfsrcaddr dstaddr dstport "
	    "action\r"), PARSE_SKIP);
	assert_reason(&f, "header");
	assert_int_equal(feed_line(&f, "203.0.113.5 192.0.2.9 22 REJECT\r"),
	    PARSE_OK);
	assert_str_eq(f.ev.action, "REJECT");
	feed_close(&f);
}

static void
test_sniff(void **unused)
{
	static const char v2[] = "2 123456789010 eni-1235b8ca123456789 "
	    "78.24.182.42 158.109.0.1 49761 3389 6 20 4249 1418530010 "
	    "1418530070 REJECT OK\n";
	static const char hdr[] = "version account-id interface-id srcaddr "
	    "dstaddr srcport dstport protocol packets bytes start end action "
	    "log-status\n2 1 eni-1 - - - - - - - 1 2 - NODATA\n";
	static const char cw[] = "2018-09-22T20:29:12.000Z 2 633112549318 "
	    "eni-d68830d4 - - - - - - - 1537648152 1537648249 - NODATA\n";
	static const char cef[] = "CEF:0|ExampleCo|EdgeFW|3.1|4001|Inbound "
	    "deny|5|src=203.0.113.10 dst=192.0.2.20 dpt=445 act=deny\n";
	static const char nf[] = "Mar  3 10:00:01 gw01 kernel: FW-DROP "
	    "IN=eth0 OUT= SRC=203.0.113.77 DST=192.0.2.10 PROTO=TCP\n";
	static const char json[] = "{\"records\":[{\"time\":\"x\"}]}\n";

	assert_int_equal(format_vpcflow.sniff(v2, sizeof(v2) - 1), 95);
	assert_int_equal(format_vpcflow.sniff(hdr, sizeof(hdr) - 1), 95);
	assert_int_equal(format_vpcflow.sniff(cw, sizeof(cw) - 1), 95);
	assert_int_equal(format_vpcflow.sniff(cef, sizeof(cef) - 1), 0);
	assert_int_equal(format_vpcflow.sniff(nf, sizeof(nf) - 1), 0);
	assert_int_equal(format_vpcflow.sniff(json, sizeof(json) - 1), 0);
	assert_int_equal(format_vpcflow.sniff("", 0), 0);
	assert_int_equal(format_cef.sniff(v2, sizeof(v2) - 1), 0);
	assert_int_equal(format_netfilter.sniff(v2, sizeof(v2) - 1), 0);
	assert_false(format_vpcflow.line_based);
	assert_string_equal(format_vpcflow.name, "vpcflow");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_b014),
		cmocka_unit_test(test_corpus),
		cmocka_unit_test(test_custom_header),
		cmocka_unit_test(test_dash_absent),
		cmocka_unit_test(test_cloudwatch_export),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_crlf_bom),
		cmocka_unit_test(test_sniff),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
