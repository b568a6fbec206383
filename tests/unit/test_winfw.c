/*
 * test_winfw.c - the Windows Defender Firewall pfirewall.log parser
 * against docs/formats.md.  The corpus has no such file; the fixtures are
 * written from Microsoft's description of the log: the W3C header lines,
 * the fields "date time action protocol src-ip dst-ip src-port dst-port
 * size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info path" (and
 * "pid" on newer systems), actions ALLOW, DROP and INFO-EVENTS-LOST
 * (OPEN, OPEN-INBOUND and CLOSE on Windows XP), paths SEND, RECEIVE,
 * FORWARD and UNKNOWN, "-" for a field that does not apply, local times.
 * Pitfalls B019 (a repeated local hour) and B027 (IPv4-mapped sources).
 * Expected times are worked out from the calendar: 2024-03-03T10:00:00Z
 * is 1709460000.
 */
#include "testutil.h"

#include <stdbool.h>
#include <stdio.h>

#include "core/action.h"
#include "core/timeutil.h"
#include "parse/format.h"

extern const struct format format_winfw;

#define T_20240303_1000 INT64_C(1709460000)
#define T_20240303_1200 INT64_C(1709467200)
#define FIELDS "#Fields: date time action protocol src-ip dst-ip " \
    "src-port dst-port size tcpflags tcpsyn tcpack tcpwin icmptype " \
    "icmpcode info path"

static struct parse_ctx ctx;

/* A fresh stream; the file was last written at ref (epoch seconds). */
static void
stream_open(int64_t ref)
{
	memset(&ctx, 0, sizeof(ctx));
	time_ctx_init(&ctx.time, ref * USEC_PER_SEC, true);
	ctx.state = format_winfw.state_new();
	assert_non_null(ctx.state);
}

static int
setup(void **state)
{
	const char *err;

	(void)state;
	assert_int_equal(tz_select("UTC", &err), 0);
	action_vocab_reset();
	stream_open(T_20240303_1200);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	format_winfw.state_free(ctx.state);
	ctx.state = NULL;
	return 0;
}

static enum parse_status
wf(const char *line, struct event *ev)
{
	ctx.line++;
	ctx.reason = NULL;
	return format_winfw.parse(&ctx, line, strlen(line), ev);
}

static void
wf_ok(const char *line, struct event *ev)
{
	enum parse_status st = wf(line, ev);

	if (st != PARSE_OK)
		print_error("status %d (%s) for: %s\n", st,
		    ctx.reason ? ctx.reason : "-", line);
	assert_int_equal(st, PARSE_OK);
}

static void
wf_status(const char *line, enum parse_status want, const char *reason)
{
	struct event ev;

	assert_int_equal(wf(line, &ev), want);
	assert_non_null(ctx.reason);
	assert_string_equal(ctx.reason, reason);
}

static void
header(void)
{
	wf_status("#Version: 1.5", PARSE_SKIP, "header");
	wf_status("#Software: Microsoft Windows Firewall", PARSE_SKIP,
	    "header");
	wf_status("#Time Format: Local", PARSE_SKIP, "header");
	wf_status(FIELDS, PARSE_SKIP, "header");
	wf_status("", PARSE_SKIP, "empty line");
}

static enum action_class
class_of(const struct event *ev)
{
	if (ev->verdict != ACTION_NONE)
		return (enum action_class)ev->verdict;
	return action_classify(ev->action.p, ev->action.n);
}

/* The header, then a dropped TCP packet, the common case. */
static void
test_drop_tcp(void **state)
{
	struct event ev;

	header();
	wf_ok("2024-03-03 10:00:01 DROP TCP 203.0.113.5 192.0.2.10 51234 445 "
	    "52 S 1234567890 0 64240 - - - RECEIVE", &ev);
	assert_str_eq(ev.action, "DROP");
	assert_int_equal(class_of(&ev), ACTION_DENY);
	assert_true(action_is_reference_deny(ev.action.p, ev.action.n));
	assert_addr_eq(ev.src, "203.0.113.5");
	assert_addr_eq(ev.dst, "192.0.2.10");
	assert_true(ev.has_src && ev.has_dst && ev.has_sport &&
	    ev.has_dport);
	assert_int_equal(ev.sport, 51234);
	assert_int_equal(ev.dport, 445);
	assert_int_equal(ev.proto, PROTO_TCP);
	assert_str_eq(ev.vendor, "Microsoft");
	assert_str_eq(ev.product, "Windows Firewall");
	assert_int_equal(ev.device.n, 0);
	assert_true(ev.has_time);
	assert_int_equal(ev.time, (T_20240303_1000 + 1) * USEC_PER_SEC);
}

/* ICMP has no ports; ALLOW is allowed; other paths are read. */
static void
test_actions_and_paths(void **state)
{
	struct event ev;

	header();
	wf_ok("2024-03-03 10:00:03 DROP ICMP 203.0.113.5 192.0.2.10 - - 60 - "
	    "- - - 8 0 - RECEIVE", &ev);
	assert_int_equal(ev.proto, PROTO_ICMP);
	assert_false(ev.has_sport || ev.has_dport);
	wf_ok("2024-03-03 10:00:04 ALLOW TCP 198.51.100.7 192.0.2.10 50000 "
	    "443 0 - - - - - - - RECEIVE", &ev);
	assert_str_eq(ev.action, "ALLOW");
	assert_int_equal(class_of(&ev), ACTION_ALLOW);
	wf_ok("2024-03-03 10:00:05 DROP UDP 198.51.100.8 192.0.2.11 5353 5353 "
	    "120 - - - - - - - FORWARD", &ev);
	assert_int_equal(ev.proto, PROTO_UDP);
	wf_ok("2024-03-03 10:00:06 DROP 2 198.51.100.9 224.0.0.22 - - 40 - - "
	    "- - - - - UNKNOWN", &ev);
	assert_int_equal(ev.proto, 2);
	wf_ok("2024-03-03 10:00:07 DROP 41 198.51.100.9 192.0.2.1 - - 40 - - "
	    "- - - - - -", &ev);
	assert_int_equal(ev.proto, 41);
}

/* Outbound records and lost-event notices are skipped, with reasons. */
static void
test_skipped(void **state)
{
	header();
	wf_status("2024-03-03 10:00:02 ALLOW UDP 192.0.2.10 198.51.100.53 "
	    "55000 53 0 - - - - - - - SEND", PARSE_SKIP,
	    "outbound record (path SEND)");
	wf_status("2024-03-03 10:00:02 DROP TCP 192.0.2.10 198.51.100.80 "
	    "55001 8080 0 - - - - - - - SEND", PARSE_SKIP,
	    "outbound record (path SEND)");
	wf_status("2024-03-03 10:00:04 INFO-EVENTS-LOST - - - - - - - - - - - "
	    "- 25 -", PARSE_SKIP, "events lost notice");
	wf_status("# a comment", PARSE_SKIP, "header");
	wf_status("   \r", PARSE_SKIP, "empty line");
}

/* Columns follow the #Fields line: another order, and the pid column. */
static void
test_fields_order(void **state)
{
	struct event ev;

	wf_status(FIELDS " pid", PARSE_SKIP, "header");
	wf_ok("2024-03-03 10:00:08 DROP TCP 203.0.113.6 192.0.2.12 40000 22 "
	    "52 S 1 0 64240 - - - RECEIVE 4", &ev);
	assert_int_equal(ev.dport, 22);
	wf_status("#Fields: path action dst-port src-ip dst-ip protocol time "
	    "date", PARSE_SKIP, "header");
	wf_ok("RECEIVE DROP 3389 203.0.113.7 192.0.2.13 TCP 10:00:09 "
	    "2024-03-03", &ev);
	assert_str_eq(ev.action, "DROP");
	assert_addr_eq(ev.src, "203.0.113.7");
	assert_addr_eq(ev.dst, "192.0.2.13");
	assert_int_equal(ev.dport, 3389);
	assert_false(ev.has_sport);
	assert_int_equal(ev.time, (T_20240303_1000 + 9) * USEC_PER_SEC);

	/* extra values past the named columns are ignored */
	wf_ok("RECEIVE DROP 3390 203.0.113.7 192.0.2.13 TCP 10:00:09 "
	    "2024-03-03 extra", &ev);
	assert_int_equal(ev.dport, 3390);
	wf_status("RECEIVE DROP 3390 203.0.113.7 192.0.2.13 TCP 10:00:09",
	    PARSE_MALFORMED, "fewer fields than #Fields names");

	/* without date or time columns: no time of its own */
	wf_status("#Fields: action src-ip dst-ip dst-port", PARSE_SKIP,
	    "header");
	wf_ok("DROP 203.0.113.8 192.0.2.14 23", &ev);
	assert_false(ev.has_time);
	assert_int_equal(ev.proto, -1);
}

/* Records before any #Fields line take the version 1.5 order. */
static void
test_no_header(void **state)
{
	struct event ev;

	wf_ok("2024-03-03 10:00:10 DROP TCP 203.0.113.9 192.0.2.15 1 139 52 "
	    "S 1 0 8192 - - - RECEIVE", &ev);
	assert_int_equal(ev.dport, 139);
	assert_int_equal(ev.time, (T_20240303_1000 + 10) * USEC_PER_SEC);
}

/* A byte order mark and CRLF line ends, as Windows tools may write. */
static void
test_bom_crlf(void **state)
{
	struct event ev;

	wf_status("\xef\xbb\xbf#Version: 1.5\r", PARSE_SKIP, "header");
	wf_status(FIELDS "\r", PARSE_SKIP, "header");
	wf_ok("2024-03-03 10:00:11 DROP TCP 203.0.113.10 192.0.2.16 1 80 52 S "
	    "1 0 8192 - - - RECEIVE\r", &ev);
	assert_int_equal(ev.dport, 80);
	assert_int_equal(ev.time, (T_20240303_1000 + 11) * USEC_PER_SEC);
}

/* B027 and IPv6: a mapped source is the IPv4 address. */
static void
test_b027_addresses(void **state)
{
	struct event ev;

	header();
	wf_ok("2024-03-03 10:00:15 DROP TCP ::ffff:198.51.100.14 192.0.2.80 "
	    "40000 8080 52 S 1 0 8192 - - - RECEIVE", &ev);
	assert_true(addr_is_v4(&ev.src));
	assert_addr_eq(ev.src, "198.51.100.14");
	wf_ok("2024-03-03 10:00:16 DROP TCP 2001:db8:4:5::7 2001:db8::80 "
	    "51000 443 72 S 1 0 8192 - - - RECEIVE", &ev);
	assert_addr_eq(ev.src, "2001:db8:4:5::7");
	assert_addr_eq(ev.dst, "2001:db8::80");
	assert_int_equal(ev.dport, 443);
	wf_ok("2024-03-03 10:00:17 DROP ICMPv6 2001:db8::9 2001:db8::80 - - 64 "
	    "- - - - 128 0 - RECEIVE", &ev);
	assert_int_equal(ev.proto, PROTO_ICMPV6);
}

/* B019: local times in America/Chicago across the fall-back. */
static void
test_b019_fall_back(void **state)
{
	struct event ev;
	const char *err;

	assert_int_equal(tz_select("America/Chicago", &err), 0);
	format_winfw.state_free(ctx.state);
	stream_open(INT64_C(1730635200));	/* 2024-11-03T12:00:00Z */
	header();
	wf_ok("2024-11-03 01:58:12 DROP TCP 203.0.113.80 192.0.2.10 40001 80 "
	    "52 S 1 0 8192 - - - RECEIVE", &ev);
	assert_int_equal(ev.time, INT64_C(1730617092) * USEC_PER_SEC);
	wf_ok("2024-11-03 01:08:49 DROP TCP 203.0.113.80 192.0.2.10 40002 "
	    "8080 52 S 1 0 8192 - - - RECEIVE", &ev);
	assert_int_equal(ev.time, INT64_C(1730617729) * USEC_PER_SEC);

	/* "#Time Format: UTC" overrides --tz */
	wf_status("#Time Format: UTC", PARSE_SKIP, "header");
	wf_ok("2024-11-03 10:00:00 DROP TCP 203.0.113.80 192.0.2.10 40003 81 "
	    "52 S 1 0 8192 - - - RECEIVE", &ev);
	assert_int_equal(ev.time, (INT64_C(1730635200) - 2 * 3600) *
	    USEC_PER_SEC);
	assert_int_equal(tz_select("UTC", &err), 0);
}

/* Windows XP's Internet Connection Firewall: OPEN and CLOSE are allowed. */
static void
test_xp_actions(void **state)
{
	struct event ev;

	wf_status("#Software: Microsoft Internet Connection Firewall",
	    PARSE_SKIP, "header");
	wf_ok("2006-09-19 03:04:29 OPEN TCP 192.0.2.12 198.51.100.204 3599 445 "
	    "- - - - - - - - -", &ev);
	assert_str_eq(ev.action, "OPEN");
	assert_int_equal(class_of(&ev), ACTION_ALLOW);
	wf_ok("2006-09-19 03:04:30 OPEN-INBOUND TCP 198.51.100.204 192.0.2.12 "
	    "3600 139 - - - - - - - - -", &ev);
	assert_int_equal(class_of(&ev), ACTION_ALLOW);
	wf_ok("2006-09-19 03:05:29 CLOSE TCP 192.0.2.12 198.51.100.204 3599 "
	    "445 - - - - - - - - -", &ev);
	assert_int_equal(class_of(&ev), ACTION_ALLOW);
	assert_false(action_is_reference_deny(ev.action.p, ev.action.n));
}

static void
test_malformed(void **state)
{
	header();
	wf_status("2024-03-03 10:00:20 DROP TCP 203.0.113.999 192.0.2.1 1 2 "
	    "52 S 1 0 8192 - - - RECEIVE", PARSE_MALFORMED,
	    "bad source address");
	wf_status("2024-03-03 10:00:20 DROP TCP 203.0.113.1 192.0.2 1 2 "
	    "52 S 1 0 8192 - - - RECEIVE", PARSE_MALFORMED,
	    "bad destination address");
	wf_status("2024-03-03 10:00:20 DROP TCP 203.0.113.1 192.0.2.1 x 2 "
	    "52 S 1 0 8192 - - - RECEIVE", PARSE_MALFORMED, "bad source port");
	wf_status("2024-03-03 10:00:20 DROP TCP 203.0.113.1 192.0.2.1 1 65536 "
	    "52 S 1 0 8192 - - - RECEIVE", PARSE_MALFORMED,
	    "bad destination port");
	wf_status("2024-03-03 10:00:20 DROP 300 203.0.113.1 192.0.2.1 1 2 "
	    "52 S 1 0 8192 - - - RECEIVE", PARSE_MALFORMED, "bad protocol");
	wf_status("2024-02-30 10:00:20 DROP TCP 203.0.113.1 192.0.2.1 1 2 "
	    "52 S 1 0 8192 - - - RECEIVE", PARSE_MALFORMED,
	    "bad date or time");
	wf_status("2024-03-03 25:00:20 DROP TCP 203.0.113.1 192.0.2.1 1 2 "
	    "52 S 1 0 8192 - - - RECEIVE", PARSE_MALFORMED,
	    "bad date or time");
	wf_status("2024-03-03 10:00:20 DROP TCP 203.0.113.1 192.0.2.1 1 2 "
	    "52 S 1", PARSE_MALFORMED, "fewer fields than #Fields names");
}

/* NUL bytes are ordinary bytes of a value; nothing past n is read. */
static void
test_bounds(void **state)
{
	struct event ev;
	const char line[] = "2024-03-03 10:00:21 DROP TCP 203.0.113.1 "
	    "192.0.2.1 1 23 52 S 1 0 8192 - - - RECEIVE 99";
	const char nul[] = "2024-03-03 10:00:21 DROP TCP 203.0.113.1\0 "
	    "192.0.2.1 1 23 52 S 1 0 8192 - - - RECEIVE";

	header();
	assert_int_equal(format_winfw.parse(&ctx, line, sizeof(line) - 4,
	    &ev), PARSE_OK);
	assert_int_equal(ev.dport, 23);
	assert_int_equal(format_winfw.parse(&ctx, nul, sizeof(nul) - 1, &ev),
	    PARSE_MALFORMED);
}

static void
test_sniff(void **state)
{
	const char *full = "#Version: 1.5\n#Software: Microsoft Windows "
	    "Firewall\n#Time Format: Local\n" FIELDS "\n";
	const char *fields = FIELDS " pid\n2024-03-03 10:00:01 DROP TCP";
	const char *bare = "2024-03-03 10:00:01 DROP TCP 203.0.113.5 "
	    "192.0.2.10 51234 445 52 S 1 0 64240 - - - RECEIVE\n"
	    "2024-03-03 10:00:02 ALLOW UDP 192.0.2.10 198.51.100.53 1 53 0 - - "
	    "- - - - - SEND\n";
	const char *iis = "#Software: Microsoft Internet Information Services "
	    "10.0\n#Version: 1.0\n#Fields: date time s-ip cs-method "
	    "cs-uri-stem s-port c-ip sc-status\n2024-03-03 10:00:01 192.0.2.1 "
	    "GET / 80 203.0.113.5 200\n";
	const char *cef = "CEF:0|ExampleCo|EdgeFW|3.1|4001|Inbound deny|5|"
	    "src=203.0.113.10 dst=192.0.2.20 dpt=445 act=deny\n";

	assert_int_equal(format_winfw.sniff(full, strlen(full)), 100);
	assert_int_equal(format_winfw.sniff(fields, strlen(fields)), 95);
	assert_int_equal(format_winfw.sniff(bare, strlen(bare)), 80);
	assert_int_equal(format_winfw.sniff(iis, strlen(iis)), 0);
	assert_int_equal(format_winfw.sniff(cef, strlen(cef)), 0);
	assert_int_equal(format_winfw.sniff("", 0), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_drop_tcp, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_actions_and_paths, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_skipped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fields_order, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_no_header, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_bom_crlf, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_b027_addresses, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_b019_fall_back, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_xp_actions, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_malformed, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_bounds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sniff, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
