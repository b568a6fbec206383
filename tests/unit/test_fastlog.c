/*
 * test_fastlog.c - the Snort and Suricata fast alert parser against
 * docs/formats.md: drop markers and their classes, the three date forms,
 * the vendor rule, IPv6 address:port (pitfall B028), ICMP without ports,
 * syslog framing, malformed and foreign lines, and every line of
 * corpus/snort and corpus/suricata/crowdsec_suricata-fastlog.log.
 * Times are worked out by hand (2024-03-03T10:00:00Z is 1709460000).
 */
#include "testutil.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/action.h"
#include "core/timeutil.h"
#include "parse/format.h"

extern const struct format format_fastlog;

#define T_20240303_1000 INT64_C(1709460000)
#define BODY " [**] [1:2000001:1] ET SCAN Example [**] [Classification: " \
	"Attempted Information Leak] [Priority: 2] {TCP} " \
	"203.0.113.101:55555 -> 192.0.2.33:5900"

static struct parse_ctx ctx;

/* A fresh stream whose file was written at 2024-03-03T12:00:00Z. */
static int
setup(void **state)
{
	const char *err;

	(void)state;
	assert_int_equal(tz_select("UTC", &err), 0);
	action_vocab_reset();
	memset(&ctx, 0, sizeof(ctx));
	time_ctx_init(&ctx.time, (T_20240303_1000 + 7200) * USEC_PER_SEC,
	    true);
	return 0;
}

static enum parse_status
fast(const char *line, struct event *ev)
{
	ctx.reason = NULL;
	return format_fastlog.parse(&ctx, line, strlen(line), ev);
}

static void
fast_ok(const char *line, struct event *ev)
{
	enum parse_status st = fast(line, ev);

	if (st != PARSE_OK)
		print_error("status %d (%s) for: %s\n", st,
		    ctx.reason ? ctx.reason : "-", line);
	assert_int_equal(st, PARSE_OK);
}

static void
fast_malformed(const char *line, const char *reason)
{
	struct event ev;

	assert_int_equal(fast(line, &ev), PARSE_MALFORMED);
	assert_string_equal(ctx.reason, reason);
}

static void
assert_probe(const struct event *ev)
{
	assert_addr_eq(ev->src, "203.0.113.101");
	assert_addr_eq(ev->dst, "192.0.2.33");
	assert_true(ev->has_sport && ev->has_dport);
	assert_int_equal(ev->sport, 55555);
	assert_int_equal(ev->dport, 5900);
	assert_int_equal(ev->proto, PROTO_TCP);
	assert_str_eq(ev->product, "fast alert");
	assert_true(ev->has_time);
	assert_int_equal(ev->time, (T_20240303_1000 + 13) * USEC_PER_SEC +
	    123456);
}

/* Suricata in IPS mode: "[Drop]" is a deny; "[wDrop]" passed. */
static void
test_suricata_markers(void **unused)
{
	struct event ev;

	fast_ok("03/03/2024-10:00:13.123456  [Drop]" BODY, &ev);
	assert_probe(&ev);
	assert_str_eq(ev.action, "Drop");
	assert_int_equal(ev.verdict, ACTION_DENY);
	assert_str_eq(ev.vendor, "Suricata");
	assert_int_equal(ev.device.n, 0);

	fast_ok("03/03/2024-10:00:13.123456  [wDrop]" BODY, &ev);
	assert_str_eq(ev.action, "wDrop");
	assert_int_equal(ev.verdict, ACTION_OTHER);

	/* no marker: an alert, class other whatever its classification */
	fast_ok("03/03/2024-10:00:13.123456 " BODY, &ev);
	assert_probe(&ev);
	assert_int_equal(ev.action.n, 0);
	assert_int_equal(ev.verdict, ACTION_OTHER);
}

/* Snort 2 (" [Drop]", " [WDrop]", -y years) and Snort 3 markers. */
static void
test_snort_markers(void **unused)
{
	struct event ev;

	fast_ok("03/03-10:00:13.123456 [Drop]" BODY, &ev);
	assert_probe(&ev);
	assert_int_equal(ev.verdict, ACTION_DENY);
	assert_str_eq(ev.vendor, "Snort");
	fast_ok("03/03-10:00:13.123456 [WDrop]" BODY, &ev);
	assert_int_equal(ev.verdict, ACTION_OTHER);
	fast_ok("03/03/24-10:00:13.123456 " BODY, &ev);	/* snort -y */
	assert_probe(&ev);
	assert_str_eq(ev.vendor, "Snort");

	fast_ok("03/03-10:00:13.123456 [drop] [**] [1:1000001:1] \"SCAN "
	    "probe\" [**] [Classification: Attempted Information Leak] "
	    "[Priority: 2] [AppID: VNC] {TCP} 203.0.113.101:55555 -> "
	    "192.0.2.33:5900", &ev);
	assert_probe(&ev);
	assert_str_eq(ev.action, "drop");
	assert_int_equal(ev.verdict, ACTION_DENY);
	fast_ok("03/03-10:00:13.123456 [reset]" BODY, &ev);
	assert_int_equal(ev.verdict, ACTION_DENY);
	fast_ok("03/03-10:00:13.123456 [block]" BODY, &ev);
	assert_int_equal(ev.verdict, ACTION_DENY);
	fast_ok("03/03-10:00:13.123456 [would_drop]" BODY, &ev);
	assert_int_equal(ev.verdict, ACTION_OTHER);
	fast_ok("03/03-10:00:13.123456 [cant_drop]" BODY, &ev);
	assert_int_equal(ev.verdict, ACTION_OTHER);
	fast_ok("03/03-10:00:13.123456 [mystery]" BODY, &ev);
	assert_int_equal(ev.verdict, ACTION_UNKNOWN);
}

/* B028: IPv6 address:port split at the last colon; ICMP has no ports. */
static void
test_ipv6_and_icmp(void **unused)
{
	struct event ev;

	fast_ok("03/03-10:00:16.000000  [**] [1:1:1] x [**] [Priority: 1] "
	    "{TCP} 2001:db8:4:5::7:51000 -> 2001:db8::100:80", &ev);
	assert_addr_eq(ev.src, "2001:db8:4:5::7");
	assert_int_equal(ev.sport, 51000);
	assert_addr_eq(ev.dst, "2001:db8::100");
	assert_int_equal(ev.dport, 80);

	/* Snort writes no port after ICMP */
	fast_ok("03/03-10:00:16.000000  [**] [1:2:1] x [**] [Priority: 1] "
	    "{IPV6-ICMP} 2001:db8::1 -> 2001:db8::2", &ev);
	assert_addr_eq(ev.src, "2001:db8::1");
	assert_addr_eq(ev.dst, "2001:db8::2");
	assert_int_equal(ev.proto, PROTO_ICMPV6);
	assert_false(ev.has_sport || ev.has_dport);

	/* Suricata writes type and code: not ports */
	fast_ok("03/03/2024-10:00:16.000000  [**] [1:2:1] x [**] "
	    "[Classification: (null)] [Priority: 3] {IPv6-ICMP} "
	    "2001:db8::1:128 -> 2001:db8::2:0", &ev);
	assert_addr_eq(ev.src, "2001:db8::1");
	assert_addr_eq(ev.dst, "2001:db8::2");
	assert_false(ev.has_sport || ev.has_dport);
	fast_ok("03/03/2024-10:00:16.000000  [**] [1:2:1] x [**] "
	    "[Classification: (null)] [Priority: 3] {ICMP} "
	    "203.0.113.1:8 -> 192.0.2.1:0", &ev);
	assert_addr_eq(ev.src, "203.0.113.1");
	assert_int_equal(ev.proto, PROTO_ICMP);
	assert_false(ev.has_dport);

	/* another protocol, by number */
	fast_ok("03/03-10:00:16.000000  [**] [1:3:1] x [**] {47} "
	    "203.0.113.1 -> 192.0.2.1", &ev);
	assert_int_equal(ev.proto, 47);
}

/* The syslog alert outputs of Suricata and Snort. */
static void
test_syslog(void **unused)
{
	struct event ev;

	fast_ok("Mar  3 10:00:13 fw01 suricata[4321]: [Drop] [1:2000001:1] ET "
	    "SCAN Example [Classification: Attempted Information Leak] "
	    "[Priority: 2] {TCP} 203.0.113.101:55555 -> 192.0.2.33:5900", &ev);
	assert_str_eq(ev.vendor, "Suricata");
	assert_str_eq(ev.device, "fw01");
	assert_int_equal(ev.verdict, ACTION_DENY);
	assert_int_equal(ev.time, (T_20240303_1000 + 13) * USEC_PER_SEC);

	fast_ok("Mar  3 10:00:14 ids snort[99]: [1:469:3] ICMP PING NMAP "
	    "[Classification: Attempted Information Leak] [Priority: 2]: "
	    "{ICMP} 203.0.113.6 -> 192.0.2.6", &ev);
	assert_str_eq(ev.vendor, "Snort");
	assert_str_eq(ev.device, "ids");
	assert_int_equal(ev.verdict, ACTION_OTHER);
	assert_addr_eq(ev.src, "203.0.113.6");
	assert_false(ev.has_dport);
}

static void
test_malformed_and_skipped(void **unused)
{
	struct event ev;

	fast_malformed("03/03-10:00:13.123456  [**] [1:2000001:1] ET SCAN "
	    "Example [**] [Priority: 2] {TCP} 203.0.113.101:55555 -> 192.0",
	    "bad destination address or port");
	fast_malformed("03/03-10:00:13.123456  [**] [1:2000001:1] ET SCAN Ex",
	    "no {protocol} and addresses");
	fast_malformed("03/03-10:00:13.123456  [**] ET SCAN Example [**]",
	    "no [gid:sid:rev]");
	fast_malformed("03/03-10:00:13.123456  [**] [1:1:1] x [**] {TCP} "
	    "203.0.113.1:70000 -> 192.0.2.1:22",
	    "bad source address or port");
	fast_malformed("03/03-10:00:13.123456  [**] [1:1:1] x [**] {TCP} "
	    "203.0.113.1 -> 192.0.2.1:22", "bad source address or port");
	fast_malformed("03/03-10:00:13.123456  [**] [1:1:1] x [**] {300} "
	    "203.0.113.1 -> 192.0.2.1", "bad protocol number");
	fast_malformed("02/30/2024-10:00:13.123456  [**] [1:1:1] x [**] {TCP} "
	    "203.0.113.1:1 -> 192.0.2.1:2", "bad time");
	assert_int_equal(fast("03/03/2024-10:00:13.123456  [**] [1:2200000:2] "
	    "SURICATA IPv4 packet too small [**] [Classification: (null)] "
	    "[Priority: 3] [**] [Raw pkt: 45 00 00 14 ]", &ev), PARSE_SKIP);
	assert_string_equal(ctx.reason, "decoder event without addresses");
}

static void
test_not_mine(void **unused)
{
	struct event ev;

	assert_int_equal(fast("CEF:0|ExampleCo|EdgeFW|3.1|4001|Inbound deny|5|"
	    "src=203.0.113.10 dst=192.0.2.20 dpt=445 act=deny", &ev),
	    PARSE_NOT_MINE);
	assert_int_equal(fast("Mar  3 10:00:19 gw01 kernel: REJECT IN=eth0 "
	    "OUT= SRC=203.0.113.31 DST=192.0.2.25 PROTO=TCP SPT=1 DPT=3389",
	    &ev), PARSE_NOT_MINE);
	assert_int_equal(fast("{\"timestamp\":\"2024-03-03T10:00:00Z\","
	    "\"event_type\":\"alert\",\"alert\":{\"signature\":"
	    "\"a -> b {x}\"}}", &ev), PARSE_NOT_MINE);
	assert_int_equal(fast("1709460000.0\tC1\t203.0.113.1\t1\t192.0.2.1\t2"
	    "\ttcp", &ev), PARSE_NOT_MINE);
	assert_int_equal(fast("Mar  3 10:00:00 host app: moved a -> b {x}",
	    &ev), PARSE_NOT_MINE);
	assert_int_equal(fast("*Mar  3 10:00:19.114 UTC: %SEC-6-IPACCESSLOGP: "
	    "list OUTSIDE-IN denied tcp 203.0.113.31(50150) -> "
	    "192.0.2.25(443), 1 packet", &ev), PARSE_NOT_MINE);
	assert_int_equal(fast("", &ev), PARSE_NOT_MINE);
}

static void
test_sniff(void **unused)
{
	const char *head = "03/03-10:00:13.123456 " BODY "\n"
	    "03/03-10:00:14.123456 " BODY "\n";
	const char *cef = "CEF:0|a|b|1|2|n|5|src=192.0.2.1\n";

	assert_int_equal(format_fastlog.sniff(head, strlen(head)), 95);
	assert_int_equal(format_fastlog.sniff(cef, strlen(cef)), 0);
}

static void
feed_file(const char *name, int want_ok,
    void (*check)(const struct event *, int line))
{
	char path[4096], *line = NULL;
	const char *dir = getenv("SHARED");
	size_t cap = 0;
	ssize_t len;
	FILE *fp;
	int ok = 0, lineno = 0;
	struct event ev;

	snprintf(path, sizeof(path), "%s/corpus/%s",
	    dir != NULL ? dir : "../shared", name);
	if ((fp = fopen(path, "r")) == NULL)
		skip();
	while ((len = getline(&line, &cap, fp)) >= 0) {
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		lineno++;
		ctx.reason = NULL;
		assert_int_equal(format_fastlog.parse(&ctx, line, (size_t)len,
		    &ev), PARSE_OK);
		ok++;
		check(&ev, lineno);
	}
	assert_int_equal(ok, want_ok);
	free(line);
	fclose(fp);
}

static void
check_snort(const struct event *ev, int line)
{
	assert_str_eq(ev->vendor, "Snort");
	assert_int_equal(ev->action.n, 0);
	assert_int_equal(ev->verdict, ACTION_OTHER);
	switch (line) {
	case 1:	/* 05/30 before 2024-03-03: 2023; day 19507 */
		assert_int_equal(ev->time, INT64_C(1685473750917356));
		assert_addr_eq(ev->src, "0.0.0.0");
		assert_addr_eq(ev->dst, "255.255.255.255");
		assert_int_equal(ev->sport, 68);
		assert_int_equal(ev->dport, 67);
		assert_int_equal(ev->proto, PROTO_UDP);
		break;
	case 3:
	case 6:
	case 9:
	case 10:
		assert_int_equal(ev->proto, PROTO_ICMP);
		assert_false(ev->has_sport || ev->has_dport);
		break;
	case 4:	/* 12/30 closest to 2023-05-30: 2022; day 19356 */
		assert_int_equal(ev->time, INT64_C(1672409361116402));
		assert_addr_eq(ev->dst, "239.255.255.250");
		assert_int_equal(ev->dport, 1900);
		break;
	default:
		assert_true(ev->has_sport && ev->has_dport);
	}
}

static void
check_suricata(const struct event *ev, int line)
{
	assert_str_eq(ev->vendor, "Suricata");
	assert_int_equal(ev->verdict, ACTION_OTHER);
	if (line == 2) {	/* 2022-07-11 is day 19184 */
		assert_int_equal(ev->time, INT64_C(1657535372251216));
		assert_addr_eq(ev->src, "89.248.163.216");
		assert_int_equal(ev->sport, 5116);
		assert_addr_eq(ev->dst, "172.31.18.55");
		assert_int_equal(ev->dport, 5060);
		assert_int_equal(ev->proto, PROTO_UDP);
	}
}

static void
test_corpus(void **unused)
{
	feed_file("snort/elastic_test-log-fast.log", 10, check_snort);
	feed_file("suricata/crowdsec_suricata-fastlog.log", 4, check_suricata);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_suricata_markers, setup),
		cmocka_unit_test_setup(test_snort_markers, setup),
		cmocka_unit_test_setup(test_ipv6_and_icmp, setup),
		cmocka_unit_test_setup(test_syslog, setup),
		cmocka_unit_test_setup(test_malformed_and_skipped, setup),
		cmocka_unit_test_setup(test_not_mine, setup),
		cmocka_unit_test_setup(test_sniff, setup),
		cmocka_unit_test_setup(test_corpus, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
