/*
 * test_eve.c - the Suricata EVE parser against docs/formats.md: alert,
 * drop and flow records and their verdicts, pitfall B021 (every offset
 * form), syslog framing, malformed and foreign lines, and every line of
 * the EVE files of corpus/suricata.  Times are worked out by hand from
 * the calendar (2024-03-03T10:00:00Z is 1709460000).
 */
#include "testutil.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/action.h"
#include "core/timeutil.h"
#include "parse/format.h"

extern const struct format format_eve;

#define T_20240303_1000 INT64_C(1709460000)

static struct parse_ctx ctx;

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

static int
teardown(void **state)
{
	(void)state;
	free(ctx.scratch.p);
	return 0;
}

static enum parse_status
eve(const char *line, struct event *ev)
{
	ctx.reason = NULL;
	ctx.scratch.n = 0;
	return format_eve.parse(&ctx, line, strlen(line), ev);
}

static void
eve_ok(const char *line, struct event *ev)
{
	enum parse_status st = eve(line, ev);

	if (st != PARSE_OK)
		print_error("status %d (%s) for: %s\n", st,
		    ctx.reason ? ctx.reason : "-", line);
	assert_int_equal(st, PARSE_OK);
}

static void
eve_malformed(const char *line, const char *reason)
{
	struct event ev;

	assert_int_equal(eve(line, &ev), PARSE_MALFORMED);
	assert_string_equal(ctx.reason, reason);
}

/* B021: a -0500 offset, and the other offset forms. */
static void
test_b021_offsets(void **unused)
{
	struct event ev;
	static const struct {
		const char *stamp;
		int64_t usec;	/* after 2024-03-03T10:00:00Z */
	} forms[] = {
		{ "2024-03-03T05:00:13.123456-0500", 13123456 },
		{ "2024-03-03T15:00:13.123456+0500", 13123456 },
		{ "2024-03-03T15:30:13.123456+05:30", 13123456 },
		{ "2024-03-03T10:00:13.123456Z", 13123456 },
		{ "2024-03-03T10:00:13.123456+0000", 13123456 },
		{ "2024-03-03T07:00:13-03", 13000000 },
		{ "2024-03-03T10:00:13.5", 13500000 },	/* --tz UTC */
	};
	char line[512];

	eve_ok("{\"timestamp\":\"2024-03-03T05:00:13.123456-0500\","
	    "\"flow_id\":1,\"event_type\":\"alert\",\"src_ip\":"
	    "\"203.0.113.101\",\"src_port\":55555,\"dest_ip\":\"192.0.2.33\","
	    "\"dest_port\":5900,\"proto\":\"TCP\",\"alert\":{\"action\":"
	    "\"blocked\",\"signature_id\":2000001,\"signature\":"
	    "\"EXAMPLE inbound probe\"}}", &ev);
	assert_true(ev.has_time);
	assert_int_equal(ev.time, (T_20240303_1000 + 13) * USEC_PER_SEC +
	    123456);
	assert_str_eq(ev.action, "blocked");
	assert_int_equal(ev.verdict, ACTION_DENY);
	assert_addr_eq(ev.src, "203.0.113.101");
	assert_addr_eq(ev.dst, "192.0.2.33");
	assert_int_equal(ev.sport, 55555);
	assert_int_equal(ev.dport, 5900);
	assert_int_equal(ev.proto, PROTO_TCP);
	assert_str_eq(ev.vendor, "OISF");
	assert_str_eq(ev.product, "Suricata");
	assert_int_equal(ev.device.n, 0);

	for (size_t i = 0; i < sizeof(forms) / sizeof(*forms); i++) {
		snprintf(line, sizeof(line), "{\"timestamp\":\"%s\","
		    "\"event_type\":\"drop\",\"src_ip\":\"203.0.113.101\","
		    "\"dest_ip\":\"192.0.2.33\",\"proto\":\"TCP\"}",
		    forms[i].stamp);
		eve_ok(line, &ev);
		assert_int_equal(ev.time, T_20240303_1000 * USEC_PER_SEC +
		    forms[i].usec);
	}
}

/* Alerts: blocked is a deny, allowed and no action are other. */
static void
test_alert_actions(void **unused)
{
	struct event ev;

	eve_ok("{\"timestamp\":\"2024-03-03T10:00:01Z\",\"event_type\":"
	    "\"alert\",\"src_ip\":\"198.51.100.7\",\"src_port\":40000,"
	    "\"dest_ip\":\"192.0.2.3\",\"dest_port\":22,\"proto\":\"TCP\","
	    "\"host\":\"ids-edge\",\"in_iface\":\"eth1\",\"alert\":{\"action\":"
	    "\"allowed\",\"gid\":1,\"signature_id\":2001219,\"signature\":"
	    "\"ET SCAN Potential SSH Scan\"}}", &ev);
	assert_str_eq(ev.action, "allowed");
	assert_int_equal(ev.verdict, ACTION_OTHER);
	assert_str_eq(ev.device, "ids-edge");	/* host before in_iface */

	eve_ok("{\"event_type\":\"alert\",\"src_ip\":\"198.51.100.7\","
	    "\"dest_ip\":\"192.0.2.3\",\"alert\":{\"signature_id\":1}}", &ev);
	assert_int_equal(ev.action.n, 0);
	assert_int_equal(ev.verdict, ACTION_OTHER);
	assert_false(ev.has_time || ev.has_sport || ev.has_dport);
	assert_int_equal(ev.proto, -1);

	/* a reject rule is logged "blocked" too */
	eve_ok("{\"event_type\":\"alert\",\"src_ip\":\"2001:db8::9\","
	    "\"src_port\":\"51000\",\"dest_ip\":\"2001:db8::1\",\"dest_port\":"
	    "443.0,\"proto\":\"006\",\"alert\":{\"action\":\"BLOCKED\"}}", &ev);
	assert_int_equal(ev.verdict, ACTION_DENY);
	assert_int_equal(ev.sport, 51000);	/* "51000" is 51000 */
	assert_int_equal(ev.dport, 443);
	assert_int_equal(ev.proto, PROTO_TCP);
}

/* A drop event as Suricata writes it in IPS mode. */
static void
test_drop(void **unused)
{
	struct event ev;

	eve_ok("{\"timestamp\":\"2024-03-03T10:00:02.000000+0000\",\"flow_id"
	    "\":1129911893937553,\"in_iface\":\"nfq0\",\"event_type\":\"drop\","
	    "\"src_ip\":\"203.0.113.40\",\"src_port\":61000,\"dest_ip\":"
	    "\"192.0.2.40\",\"dest_port\":3389,\"proto\":\"TCP\",\"drop\":{"
	    "\"len\":60,\"tos\":0,\"ttl\":52,\"ipid\":4242,\"tcpseq\":1,"
	    "\"tcpack\":0,\"tcpwin\":1024,\"syn\":true,\"ack\":false,\"psh\":"
	    "false,\"rst\":false,\"urg\":false,\"fin\":false,\"tcpres\":0,"
	    "\"tcpurgp\":0}}", &ev);
	assert_str_eq(ev.action, "drop");
	assert_int_equal(ev.verdict, ACTION_DENY);
	assert_int_equal(ev.dport, 3389);
	assert_str_eq(ev.device, "nfq0");
	assert_int_equal(ev.time, (T_20240303_1000 + 2) * USEC_PER_SEC);
}

/* A flow record; state, packets to the client, TCP flags. */
static enum action_class
flow(const char *proto, const char *flow_members, const char *tcp,
    struct event *ev)
{
	char line[1024];

	snprintf(line, sizeof(line), "{\"timestamp\":\"2024-03-03T10:00:03Z\","
	    "\"event_type\":\"flow\",\"src_ip\":\"203.0.113.50\",\"src_port\":"
	    "44000,\"dest_ip\":\"192.0.2.50\",\"dest_port\":25,\"proto\":"
	    "\"%s\",\"flow\":{%s}%s%s%s}", proto, flow_members,
	    tcp ? ",\"tcp\":{\"tcp_flags\":\"00\",\"tcp_flags_ts\":\"" : "",
	    tcp ? tcp : "", tcp ? "\"}" : "");
	eve_ok(line, ev);
	return (enum action_class)ev->verdict;
}

static void
test_flow(void **unused)
{
	struct event ev;

	/* SYN, no answer */
	assert_int_equal(flow("TCP", "\"pkts_toserver\":2,\"pkts_toclient\":0,"
	    "\"state\":\"new\",\"reason\":\"timeout\"", "02\",\"tcp_flags_tc\":"
	    "\"00", &ev), ACTION_DENY);
	assert_str_eq(ev.action, "new");
	/* SYN answered by RST+ACK: refused */
	assert_int_equal(flow("TCP", "\"pkts_toserver\":1,\"pkts_toclient\":1,"
	    "\"state\":\"closed\"", "02\",\"tcp_flags_tc\":\"14", &ev),
	    ACTION_DENY);
	assert_str_eq(ev.action, "closed");
	/* SYN answered by SYN-ACK: established */
	assert_int_equal(flow("TCP", "\"pkts_toserver\":5,\"pkts_toclient\":4,"
	    "\"state\":\"closed\"", "1b\",\"tcp_flags_tc\":\"1b", &ev),
	    ACTION_ALLOW);
	/* SYN-ACK then RST from the server: answered */
	assert_int_equal(flow("TCP", "\"pkts_toserver\":2,\"pkts_toclient\":2,"
	    "\"state\":\"closed\"", "12\",\"tcp_flags_tc\":\"16", &ev),
	    ACTION_ALLOW);
	/* the client acknowledged: the sensor missed the reply */
	assert_int_equal(flow("TCP", "\"pkts_toserver\":6,\"pkts_toclient\":0,"
	    "\"state\":\"established\"", "1a\",\"tcp_flags_tc\":\"00", &ev),
	    ACTION_OTHER);
	/* UDP without a reply, and with one */
	assert_int_equal(flow("UDP", "\"pkts_toserver\":1,\"pkts_toclient\":0,"
	    "\"state\":\"new\"", NULL, &ev), ACTION_DENY);
	assert_int_equal(ev.proto, PROTO_UDP);
	assert_int_equal(flow("UDP", "\"pkts_toserver\":1,\"pkts_toclient\":1,"
	    "\"state\":\"established\"", NULL, &ev), ACTION_ALLOW);
	/* bypassed, or no packet counts: cannot tell */
	assert_int_equal(flow("TCP", "\"pkts_toserver\":9,\"pkts_toclient\":0,"
	    "\"state\":\"bypassed\",\"bypass\":\"capture\"", NULL, &ev),
	    ACTION_OTHER);
	assert_int_equal(flow("TCP", "\"state\":\"new\"", NULL, &ev),
	    ACTION_OTHER);
	/* Suricata 7: the flow's own action wins */
	assert_int_equal(flow("TCP", "\"pkts_toserver\":1,\"pkts_toclient\":0,"
	    "\"state\":\"new\",\"action\":\"drop\"", "02", &ev), ACTION_DENY);
	assert_str_eq(ev.action, "drop");
	assert_int_equal(flow("TCP", "\"pkts_toserver\":1,\"pkts_toclient\":0,"
	    "\"state\":\"new\",\"action\":\"pass\"", "02", &ev), ACTION_ALLOW);
	assert_int_equal(flow("TCP", "\"pkts_toserver\":1,\"pkts_toclient\":1,"
	    "\"state\":\"new\",\"action\":\"accept\"", "02", &ev),
	    ACTION_ALLOW);
}

/* EVE through syslog: the header's host is the device. */
static void
test_syslog(void **unused)
{
	struct event ev;

	eve_ok("Mar  3 10:00:13 ids01 suricata[811]: {\"timestamp\":"
	    "\"2024-03-03T10:00:13.000000+0000\",\"event_type\":\"alert\","
	    "\"src_ip\":\"203.0.113.9\",\"src_port\":1,\"dest_ip\":"
	    "\"192.0.2.9\",\"dest_port\":23,\"proto\":\"TCP\",\"alert\":{"
	    "\"action\":\"blocked\"}}", &ev);
	assert_str_eq(ev.device, "ids01");
	assert_int_equal(ev.verdict, ACTION_DENY);
	assert_int_equal(ev.time, (T_20240303_1000 + 13) * USEC_PER_SEC);
}

static void
test_skipped(void **unused)
{
	struct event ev;

	assert_int_equal(eve("{\"timestamp\":\"2024-03-03T10:00:00Z\","
	    "\"event_type\":\"http\",\"src_ip\":\"192.0.2.1\",\"dest_ip\":"
	    "\"192.0.2.2\",\"http\":{\"url\":\"\\/x\"}}", &ev), PARSE_SKIP);
	assert_string_equal(ctx.reason, "event type without a verdict");
	assert_int_equal(eve("{\"timestamp\":\"2024-03-03T10:00:00Z\","
	    "\"event_type\":\"stats\",\"stats\":{\"uptime\":5}}", &ev),
	    PARSE_SKIP);
}

static void
test_malformed(void **unused)
{
	eve_malformed("{\"timestamp\":\"2024-03-03T10:00:00Z\",\"event_type\":"
	    "\"alert\",\"src_ip\":\"203.0.113.1\",\"dest_ip\":\"192.0",
	    "JSON cut short");
	eve_malformed("{\"event_type\":\"alert\",\"src_ip\":\"203.0.113.1\","
	    "\"dest_ip\":\"192.0.2.1\"} x", "invalid JSON");
	eve_malformed("{\"event_type\":\"alert\",\"src_ip\":\"203.0.113.256\","
	    "\"dest_ip\":\"192.0.2.1\"}", "bad src_ip");
	eve_malformed("{\"event_type\":\"alert\",\"src_ip\":\"203.0.113.1\","
	    "\"dest_ip\":7}", "bad dest_ip");
	eve_malformed("{\"event_type\":\"drop\",\"dest_ip\":\"192.0.2.1\"}",
	    "no src_ip or dest_ip");
	eve_malformed("{\"event_type\":\"alert\",\"src_ip\":\"203.0.113.1\","
	    "\"dest_ip\":\"192.0.2.1\",\"dest_port\":70000}", "bad dest_port");
	eve_malformed("{\"event_type\":\"alert\",\"src_ip\":\"203.0.113.1\","
	    "\"dest_ip\":\"192.0.2.1\",\"src_port\":-1}", "bad src_port");
	eve_malformed("{\"event_type\":\"alert\",\"src_ip\":\"203.0.113.1\","
	    "\"dest_ip\":\"192.0.2.1\",\"proto\":\"300\"}", "bad proto");
	eve_malformed("{\"timestamp\":\"yesterday\",\"event_type\":\"alert\","
	    "\"src_ip\":\"203.0.113.1\",\"dest_ip\":\"192.0.2.1\"}",
	    "bad timestamp");
}

static void
test_not_mine(void **unused)
{
	struct event ev;

	assert_int_equal(eve("{\"ts\":1547188415.857497,\"id.orig_h\":"
	    "\"192.0.2.1\",\"id.resp_h\":\"192.0.2.2\"}", &ev), PARSE_NOT_MINE);
	assert_int_equal(eve("{\"x\":{\"event_type\":\"alert\"}}", &ev),
	    PARSE_NOT_MINE);
	assert_int_equal(eve("CEF:0|OISF|Suricata|7|1|event_type|5|src=1.2.3.4",
	    &ev), PARSE_NOT_MINE);
	assert_int_equal(eve("Mar  3 10:00:19 gw01 kernel: DROP IN=eth0 OUT= "
	    "SRC=203.0.113.31 DST=192.0.2.25 PROTO=TCP SPT=1 DPT=3389", &ev),
	    PARSE_NOT_MINE);
	assert_int_equal(eve("03/03/2024-10:00:13.123456  [**] [1:2000001:1] "
	    "ET SCAN [**] [Priority: 2] {TCP} 203.0.113.1:1 -> 192.0.2.1:2",
	    &ev), PARSE_NOT_MINE);
	assert_int_equal(eve("", &ev), PARSE_NOT_MINE);
}

static void
test_sniff(void **unused)
{
	const char *bare = "{\"timestamp\":\"2024-03-03T10:00:00Z\","
	    "\"event_type\":\"flow\"}\n";
	const char *sys = "Mar  3 10:00:13 ids01 suricata[811]: {\"timestamp\""
	    ":\"2024-03-03T10:00:13Z\",\"event_type\":\"alert\"}\n";
	const char *zeek = "{\"ts\":1.5,\"id.orig_h\":\"192.0.2.1\"}\n";

	assert_int_equal(format_eve.sniff(bare, strlen(bare)), 90);
	assert_int_equal(format_eve.sniff(sys, strlen(sys)), 80);
	assert_int_equal(format_eve.sniff(zeek, strlen(zeek)), 0);
}

/* Reads a corpus file; checks statuses and calls check on each event. */
static void
feed_file(const char *name, int want_ok, int want_skip,
    void (*check)(const struct event *, int line))
{
	char path[4096], *line = NULL;
	const char *dir = getenv("SHARED");
	size_t cap = 0;
	ssize_t len;
	FILE *fp;
	int ok = 0, skip = 0, lineno = 0;
	struct event ev;

	snprintf(path, sizeof(path), "%s/corpus/suricata/%s",
	    dir != NULL ? dir : "../shared", name);
	if ((fp = fopen(path, "r")) == NULL)
		skip();
	while ((len = getline(&line, &cap, fp)) >= 0) {
		enum parse_status st;

		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		lineno++;
		ctx.reason = NULL, ctx.scratch.n = 0;
		st = format_eve.parse(&ctx, line, (size_t)len, &ev);
		assert_true(st == PARSE_OK || st == PARSE_SKIP);
		skip += st == PARSE_SKIP;
		if (st == PARSE_OK) {
			ok++;
			check(&ev, lineno);
		}
	}
	assert_int_equal(ok, want_ok);
	assert_int_equal(skip, want_skip);
	free(line);
	fclose(fp);
}

static void
check_crowdsec(const struct event *ev, int line)
{
	/* 2022-07-12 is day 19185: 1657584000 */
	static const int64_t t[4] = {
		INT64_C(1657606953415742), INT64_C(1657625194407881),
		INT64_C(1657625195407881), INT64_C(1657625196407881),
	};

	assert_str_eq(ev->action, "allowed");
	assert_int_equal(ev->verdict, ACTION_OTHER);
	assert_int_equal(ev->time, t[line - 1]);
	assert_str_eq(ev->device, "eth0");
	assert_int_equal(ev->proto, PROTO_TCP);
	if (line == 1) {
		assert_addr_eq(ev->src, "1.2.3.4");
		assert_int_equal(ev->dport, 80);
	} else {
		assert_addr_eq(ev->src, "2.2.3.4");
		assert_int_equal(ev->sport, 5164);
		assert_int_equal(ev->dport, 5060);
	}
}

static void
check_elastic(const struct event *ev, int line)
{
	/* 2018-07-05 is day 17717: 1530748800 */
	if (line == 2) {	/* ET POLICY alert, allowed */
		assert_int_equal(ev->verdict, ACTION_OTHER);
		assert_int_equal(ev->time, INT64_C(1530817640910626));
		assert_addr_eq(ev->dst, "192.168.156.70");
		assert_int_equal(ev->dport, 443);
		assert_str_eq(ev->device, "en0");
		return;
	}
	assert_int_equal(line, 8);	/* DHCPv6 flow, state new, no reply */
	assert_str_eq(ev->action, "new");
	assert_int_equal(ev->verdict, ACTION_DENY);
	assert_int_equal(ev->time, INT64_C(1530820314001329));
	assert_addr_eq(ev->src, "fe80::fada:cff:fedc:87f1");
	assert_addr_eq(ev->dst, "ff02::1:2");
	assert_int_equal(ev->sport, 546);
	assert_int_equal(ev->dport, 547);
	assert_int_equal(ev->proto, PROTO_UDP);
	assert_int_equal(ev->device.n, 0);
}

static void
test_corpus(void **unused)
{
	feed_file("crowdsec_suricata-eve-detect.json", 4, 0, check_crowdsec);
	/* ssh, http, fileinfo, dns, stats, tls and http/tls: skipped */
	feed_file("elastic_test-eve-small.json", 2, 10, check_elastic);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_b021_offsets),
		cmocka_unit_test(test_alert_actions),
		cmocka_unit_test(test_drop),
		cmocka_unit_test(test_flow),
		cmocka_unit_test(test_syslog),
		cmocka_unit_test(test_skipped),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_not_mine),
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_corpus),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
