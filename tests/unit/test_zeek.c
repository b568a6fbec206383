/*
 * test_zeek.c - the Zeek conn.log parser against docs/formats.md: the
 * conn_state table, TSV headers, JSON records, pitfall B047 (REJ is a
 * failed attempt), B013 (port 0 is a port), B014 ("-" is absent), and
 * every record of corpus/zeek.  Expected values are worked out by hand
 * from the lines; epoch values are the logged ts themselves.
 */
#include "testutil.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/action.h"
#include "core/timeutil.h"
#include "parse/format.h"

extern const struct format format_zeek;

#define T_20240303_1200 INT64_C(1709467200)	/* 2024-03-03T12:00:00Z */

static struct parse_ctx ctx;

/* The TSV header of Zeek 7 (the corpus baselines), tab-separated. */
static const char *const header[] = {
	"#separator \\x09",
	"#set_separator\t,",
	"#empty_field\t(empty)",
	"#unset_field\t-",
	"#path\tconn",
	"#open\t2024-03-03-10-00-00",
	"#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\t"
	    "proto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state\t"
	    "local_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts\t"
	    "orig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents\t"
	    "ip_proto",
	"#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\t"
	    "interval\tcount\tcount\tstring\tbool\tbool\tcount\tstring\t"
	    "count\tcount\tcount\tcount\tset[string]\tcount",
};

static void
stream_open(void)
{
	memset(&ctx, 0, sizeof(ctx));
	ctx.state = format_zeek.state_new();
	assert_non_null(ctx.state);
	time_ctx_init(&ctx.time, T_20240303_1200 * USEC_PER_SEC, true);
}

static void
stream_close(void)
{
	format_zeek.state_free(ctx.state);
	free(ctx.scratch.p);
	ctx.scratch = (struct scratch){ NULL, 0, 0 };
}

static int
setup(void **state)
{
	const char *err;

	(void)state;
	assert_int_equal(tz_select("UTC", &err), 0);
	action_vocab_reset();
	stream_open();
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	stream_close();
	return 0;
}

static enum parse_status
zk(const char *line, struct event *ev)
{
	ctx.reason = NULL;
	ctx.scratch.n = 0;
	ctx.line++;
	return format_zeek.parse(&ctx, line, strlen(line), ev);
}

/* Writes a record given with single spaces between fields as TSV. */
static enum parse_status
zk_tsv(const char *spaced, struct event *ev)
{
	char buf[1024];
	size_t n = strlen(spaced);

	assert_true(n < sizeof(buf));
	for (size_t i = 0; i <= n; i++)
		buf[i] = spaced[i] == ' ' ? '\t' : spaced[i];
	return zk(buf, ev);
}

static void
feed_header(void)
{
	struct event ev;

	for (size_t i = 0; i < sizeof(header) / sizeof(*header); i++) {
		assert_int_equal(zk(header[i], &ev), PARSE_SKIP);
		assert_string_equal(ctx.reason, "header line");
	}
}

static void
assert_ok(enum parse_status st)
{
	if (st != PARSE_OK)
		print_error("status %d (%s)\n", st,
		    ctx.reason ? ctx.reason : "-");
	assert_int_equal(st, PARSE_OK);
}

static void
assert_malformed(enum parse_status st, const char *reason)
{
	assert_int_equal(st, PARSE_MALFORMED);
	assert_non_null(ctx.reason);
	assert_string_equal(ctx.reason, reason);
}

/* A TCP record with the given state and history. */
static enum action_class
class_of(const char *proto, const char *state, const char *history)
{
	char line[512];
	struct event ev;

	snprintf(line, sizeof(line), "1709460000.000000 Cx 203.0.113.5 40000 "
	    "192.0.2.9 22 %s - 0.1 0 0 %s F T 0 %s 1 44 0 0 - -", proto,
	    state, history);
	assert_ok(zk_tsv(line, &ev));
	assert_str_eq(ev.action, state);
	return (enum action_class)ev.verdict;
}

/* The conn_state table of docs/formats.md, state by state. */
static void
test_state_table(void **unused)
{
	feed_header();
	/* failed or unanswered attempts */
	assert_int_equal(class_of("tcp", "S0", "S"), ACTION_DENY);
	assert_int_equal(class_of("tcp", "S0", "-"), ACTION_DENY);
	assert_int_equal(class_of("tcp", "REJ", "Sr"), ACTION_DENY);
	assert_int_equal(class_of("tcp", "REJ", "-"), ACTION_DENY);
	assert_int_equal(class_of("tcp", "RSTOS0", "SR"), ACTION_DENY);
	assert_int_equal(class_of("tcp", "SH", "SF"), ACTION_DENY);
	assert_int_equal(class_of("udp", "S0", "D"), ACTION_DENY);
	/* the originator acknowledged or sent data: a one-sided capture */
	assert_int_equal(class_of("tcp", "S0", "SAD"), ACTION_OTHER);
	assert_int_equal(class_of("tcp", "SH", "SADF"), ACTION_OTHER);
	assert_int_equal(class_of("tcp", "SH", "DAF"), ACTION_OTHER);
	assert_int_equal(class_of("tcp", "RSTOS0", "SDR"), ACTION_OTHER);
	/* no SYN in the history: picked up midstream */
	assert_int_equal(class_of("tcp", "SH", "F"), ACTION_OTHER);
	/* established */
	assert_int_equal(class_of("tcp", "SF", "ShADadFf"), ACTION_ALLOW);
	assert_int_equal(class_of("tcp", "S1", "ShADad"), ACTION_ALLOW);
	assert_int_equal(class_of("tcp", "S2", "ShADadF"), ACTION_ALLOW);
	assert_int_equal(class_of("tcp", "S3", "ShADadf"), ACTION_ALLOW);
	assert_int_equal(class_of("tcp", "RSTO", "ShR"), ACTION_ALLOW);
	assert_int_equal(class_of("tcp", "RSTR", "ShADadr"), ACTION_ALLOW);
	assert_int_equal(class_of("udp", "SF", "Dd"), ACTION_ALLOW);
	/* the rest */
	assert_int_equal(class_of("tcp", "RSTRH", "hr"), ACTION_OTHER);
	assert_int_equal(class_of("tcp", "SHR", "hf"), ACTION_OTHER);
	assert_int_equal(class_of("udp", "SHR", "d"), ACTION_OTHER);
	assert_int_equal(class_of("tcp", "OTH", "DdA"), ACTION_OTHER);
	/* B047: "REG" is not "REJ"; any case of a known state is read */
	assert_int_equal(class_of("tcp", "REG", "Sr"), ACTION_UNKNOWN);
	assert_int_equal(class_of("tcp", "rej", "Sr"), ACTION_DENY);
}

/* B047: a REJ record is a deny event with every field read. */
static void
test_b047_rej(void **unused)
{
	struct event ev;

	feed_header();
	assert_ok(zk_tsv("1709460019.000000 CHhAvVGS1DHFjwGM9 203.0.113.31 "
	    "50154 192.0.2.25 110 tcp - 0.050692 0 0 REJ F T 0 Sr 1 52 1 40 "
	    "- 6", &ev));
	assert_str_eq(ev.action, "REJ");
	assert_int_equal(ev.verdict, ACTION_DENY);
	assert_addr_eq(ev.src, "203.0.113.31");
	assert_addr_eq(ev.dst, "192.0.2.25");
	assert_true(ev.has_sport && ev.has_dport);
	assert_int_equal(ev.sport, 50154);
	assert_int_equal(ev.dport, 110);
	assert_int_equal(ev.proto, PROTO_TCP);
	assert_true(ev.has_time);
	assert_int_equal(ev.time, INT64_C(1709460019) * USEC_PER_SEC);
	assert_str_eq(ev.vendor, "Zeek");
	assert_str_eq(ev.product, "conn");
	assert_int_equal(ev.device.n, 0);
}

/* B014 and B013: "-" and "(empty)" are absent; port 0 is a port. */
static void
test_unset_and_zero(void **unused)
{
	struct event ev;

	feed_header();
	assert_ok(zk_tsv("1709460000.5 C1 203.0.113.7 0 192.0.2.8 0 tcp - - "
	    "- - S0 (empty) - 0 - 1 40 0 0 (empty) -", &ev));
	assert_true(ev.has_sport && ev.has_dport);
	assert_int_equal(ev.sport, 0);
	assert_int_equal(ev.dport, 0);
	assert_int_equal(ev.time, INT64_C(1709460000500000));
	assert_int_equal(ev.verdict, ACTION_DENY);	/* no history */

	/* ports, state and time unset */
	assert_ok(zk_tsv("- C2 203.0.113.7 - 192.0.2.8 - tcp - - - - - - - 0 "
	    "- - - - - - -", &ev));
	assert_false(ev.has_sport || ev.has_dport || ev.has_time);
	assert_int_equal(ev.action.n, 0);
	assert_int_equal(ev.verdict, ACTION_NONE);
}

/* The btest mask "XXXXXXXXXX.XXXXXX" is no time, not a bad one. */
static void
test_masked_time(void **unused)
{
	struct event ev;

	feed_header();
	assert_ok(zk_tsv("XXXXXXXXXX.XXXXXX C3 203.0.113.9 1 192.0.2.1 23 tcp "
	    "- - - - S0 F F 0 S 1 40 0 0 - 6", &ev));
	assert_false(ev.has_time);
	assert_int_equal(ev.verdict, ACTION_DENY);
	assert_malformed(zk_tsv("17094600x0.0 C3 203.0.113.9 1 192.0.2.1 23 "
	    "tcp - - - - S0 F F 0 S 1 40 0 0 - 6", &ev), "bad ts");
}

/* ip_proto wins over proto; unknown_transport; ICMP has no ports. */
static void
test_protocols(void **unused)
{
	struct event ev;

	feed_header();
	assert_ok(zk_tsv("1709460000.0 C4 2001:db8::50 0 2001:db8::1 0 "
	    "unknown_transport - 0.000668 0 0 OTH F F 0 - 2 80 0 0 - 132",
	    &ev));
	assert_int_equal(ev.proto, 132);
	assert_true(ev.has_dport);
	assert_addr_eq(ev.src, "2001:db8::50");
	assert_ok(zk_tsv("1709460000.0 C5 203.0.113.1 8 192.0.2.1 0 icmp - - "
	    "- - OTH F F 0 - 1 84 0 0 - 1", &ev));
	assert_int_equal(ev.proto, PROTO_ICMP);
	assert_false(ev.has_sport || ev.has_dport);
	assert_ok(zk_tsv("1709460000.0 C6 2001:db8::7 128 2001:db8::1 0 icmp "
	    "- - - - OTH F F 0 - 1 84 0 0 - -", &ev));
	assert_int_equal(ev.proto, PROTO_ICMPV6);	/* from the address */
	assert_ok(zk_tsv("1709460000.0 C7 203.0.113.1 1 192.0.2.1 2 "
	    "unknown_transport - - - - OTH F F 0 - 1 84 0 0 - -", &ev));
	assert_int_equal(ev.proto, -1);
	assert_malformed(zk_tsv("1709460000.0 C8 203.0.113.1 1 192.0.2.1 2 tcp "
	    "- - - - S0 F F 0 S 1 40 0 0 - 300", &ev), "bad proto or ip_proto");
}

static void
test_malformed(void **unused)
{
	struct event ev;

	feed_header();
	assert_malformed(zk_tsv("1709460000.0 C1 203.0.113.1 1 192.0.2.1 2 tcp "
	    "- - - - S0", &ev), "wrong number of fields");
	assert_malformed(zk_tsv("1709460000.0 C1 203.0.113.999 1 192.0.2.1 2 "
	    "tcp - - - - S0 F F 0 S 1 40 0 0 - 6", &ev), "bad id.orig_h");
	assert_malformed(zk_tsv("1709460000.0 C1 203.0.113.1 1 192.0.2 2 tcp "
	    "- - - - S0 F F 0 S 1 40 0 0 - 6", &ev), "bad id.resp_h");
	assert_malformed(zk_tsv("1709460000.0 C1 203.0.113.1 1 192.0.2.1 "
	    "65536 tcp - - - - S0 F F 0 S 1 40 0 0 - 6", &ev),
	    "bad id.orig_p or id.resp_p");
	assert_malformed(zk_tsv("1709460000.0 C1 - 1 - 2 tcp - - - - S0 F F "
	    "0 S 1 40 0 0 - 6", &ev), "no id.orig_h or id.resp_h");
	assert_malformed(zk("{\"ts\":1709460000.0,\"id.orig_h\":\"203.0.113.1"
	    "\",\"id.resp_h\":\"192.0.2.1\",\"id.resp_p\":22", &ev),
	    "JSON cut short");
	assert_malformed(zk("{\"ts\":1709460000.0,\"id.orig_h\":\"203.0.113.1"
	    "\",\"id.resp_h\":\"192.0.2.1\",\"id.resp_p\":true}", &ev),
	    "JSON value of the wrong type");
	assert_malformed(zk("{\"id.orig_h\":\"203.0.113.1\",\"id.resp_h\":"
	    "\"192.0.2.1\",}", &ev), "invalid JSON");
}

/* #path other than conn, another separator and markers, no #fields. */
static void
test_headers(void **unused)
{
	struct event ev;

	assert_int_equal(zk("#separator \\x2c", &ev), PARSE_SKIP);
	assert_int_equal(zk("#unset_field,NA", &ev), PARSE_SKIP);
	assert_int_equal(zk("#fields,id.resp_p,conn_state,id.resp_h,ts,"
	    "id.orig_h", &ev), PARSE_SKIP);
	assert_ok(zk("3389,REJ,192.0.2.4,1709460001.25,203.0.113.4", &ev));
	assert_int_equal(ev.dport, 3389);
	assert_false(ev.has_sport);
	assert_addr_eq(ev.dst, "192.0.2.4");
	assert_addr_eq(ev.src, "203.0.113.4");
	assert_int_equal(ev.time, INT64_C(1709460001250000));
	assert_int_equal(ev.proto, -1);
	assert_int_equal(ev.verdict, ACTION_DENY);
	assert_ok(zk("NA,S0,192.0.2.4,NA,203.0.113.4", &ev));
	assert_false(ev.has_dport || ev.has_time);
	assert_int_equal(zk("#path,dns", &ev), PARSE_SKIP);
	assert_int_equal(zk("3389,REJ,192.0.2.4,1709460001.25,203.0.113.4",
	    &ev), PARSE_SKIP);
	assert_string_equal(ctx.reason, "not a conn log (#path)");
	stream_close();

	/* no header at all: Zeek's default column order */
	stream_open();
	assert_ok(zk_tsv("1709460002.0 C9 203.0.113.2 51000 192.0.2.2 445 tcp "
	    "- - - - S0 F F 0 S 1 44 0 0 -", &ev));
	assert_int_equal(ev.dport, 445);
	assert_int_equal(ev.verdict, ACTION_DENY);
	assert_ok(zk_tsv("1709460002.0 C9 203.0.113.2 51000 192.0.2.2 445 "
	    "unknown_transport - - - - S0 F F 0 S 1 44 0 0 - 6", &ev));
	assert_int_equal(ev.proto, PROTO_TCP);	/* 22nd column */
	assert_malformed(zk_tsv("1709460002.0 C9 203.0.113.2 51000 192.0.2.2",
	    &ev), "wrong number of fields");
}

/* JSON: epoch and ISO ts, TS_MILLIS, nested id, _path, escapes. */
static void
test_json(void **unused)
{
	struct event ev;

	/* corpus/zeek/elastic_test-conn.json, line 17 */
	assert_ok(zk("{\"ts\":\"2021-06-09T20:55:13.160328Z\",\"uid\":"
	    "\"C2KP1V3alRLoxl4JB9\",\"id.orig_h\":\"10.0.2.15\",\"id.orig_p\":"
	    "46408,\"id.resp_h\":\"172.16.9.68\",\"id.resp_p\":80,\"proto\":"
	    "\"tcp\",\"conn_state\":\"OTH\",\"local_orig\":true,\"local_resp"
	    "\":false,\"missed_bytes\":0,\"history\":\"C\",\"orig_pkts\":0,"
	    "\"orig_ip_bytes\":0,\"resp_pkts\":0,\"resp_ip_bytes\":0}", &ev));
	/* 2021-06-09 is day 18787; 18787 * 86400 + 75313 s */
	assert_int_equal(ev.time, INT64_C(1623272113160328));
	assert_int_equal(ev.verdict, ACTION_OTHER);
	assert_int_equal(ev.dport, 80);

	/* JSON::TS_MILLIS, a nested id, a device name */
	assert_ok(zk("{\"ts\":1709460000123,\"id\":{\"orig_h\":\"203.0.113.8\""
	    ",\"orig_p\":\"40001\",\"resp_h\":\"192.0.2.8\",\"resp_p\":23},"
	    "\"proto\":\"tcp\",\"conn_state\":\"S0\",\"history\":\"S\","
	    "\"_system_name\":\"sensor\\u002d1\"}", &ev));
	assert_int_equal(ev.time, INT64_C(1709460000123000));
	assert_int_equal(ev.sport, 40001);
	assert_int_equal(ev.dport, 23);
	assert_int_equal(ev.verdict, ACTION_DENY);
	assert_str_eq(ev.device, "sensor-1");

	assert_int_equal(zk("{\"_path\":\"dns\",\"ts\":1709460000.0,"
	    "\"id.orig_h\":\"203.0.113.8\",\"id.resp_h\":\"192.0.2.8\"}", &ev),
	    PARSE_SKIP);
	assert_string_equal(ctx.reason, "not a conn log (_path)");
	assert_ok(zk("  {\"_path\":\"conn\",\"id.orig_h\":\"203.0.113.8\","
	    "\"id.resp_h\":\"192.0.2.8\",\"conn_state\":null}  ", &ev));
	assert_false(ev.has_time);
	assert_int_equal(ev.action.n, 0);
}

/* Lines of other formats, and blank lines, are not Zeek's. */
static void
test_not_mine(void **unused)
{
	struct event ev;

	feed_header();
	assert_int_equal(zk("CEF:0|ExampleCo|EdgeFW|3.1|4001|Inbound deny|5|"
	    "src=203.0.113.10 dst=192.0.2.20 dpt=445 act=deny", &ev),
	    PARSE_NOT_MINE);
	assert_int_equal(zk("Mar  3 10:00:19 gw01 kernel: REJECT IN=eth0 OUT= "
	    "SRC=203.0.113.31 DST=192.0.2.25 PROTO=TCP SPT=1 DPT=3389", &ev),
	    PARSE_NOT_MINE);
	assert_int_equal(zk("{\"timestamp\":\"2024-03-03T05:00:13.123456-0500"
	    "\",\"event_type\":\"alert\",\"src_ip\":\"203.0.113.101\"}", &ev),
	    PARSE_NOT_MINE);
	assert_int_equal(zk("", &ev), PARSE_NOT_MINE);
	assert_int_equal(zk("   ", &ev), PARSE_NOT_MINE);
}

static void
test_sniff(void **unused)
{
	const char *tsv = "#separator \\x09\n#set_separator\t,\n"
	    "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\t"
	    "proto\tconn_state\n";
	const char *json = "{\"ts\":1547188415.857497,\"uid\":\"C1\","
	    "\"id.orig_h\":\"192.0.2.1\",\"conn_state\":\"SF\"}\n";
	const char *cef = "CEF:0|a|b|1|2|n|5|src=192.0.2.1\n";

	assert_int_equal(format_zeek.sniff(tsv, strlen(tsv)), 95);
	assert_int_equal(format_zeek.sniff(json, strlen(json)), 90);
	assert_int_equal(format_zeek.sniff(cef, strlen(cef)), 0);
}

/*
 * Corpus files: each is read line by line as one stream; classes are
 * counted and compared with the counts worked out from the files'
 * conn_state, proto and history columns (see PROVENANCE.md).
 */
struct tally {
	int ok, skip, bad, deny, allow, other;
	int64_t first_time;
	bool all_timeless;
};

static void
feed_file(const char *name, struct tally *t,
    void (*check)(const struct event *, uint64_t line))
{
	char path[4096], *line = NULL;
	const char *dir = getenv("SHARED");
	size_t cap = 0;
	ssize_t len;
	FILE *fp;
	struct event ev;

	snprintf(path, sizeof(path), "%s/corpus/zeek/%s",
	    dir != NULL ? dir : "../shared", name);
	if ((fp = fopen(path, "r")) == NULL)
		skip();
	memset(t, 0, sizeof(*t));
	t->all_timeless = true;
	while ((len = getline(&line, &cap, fp)) >= 0) {
		enum parse_status st;

		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		ctx.reason = NULL, ctx.scratch.n = 0, ctx.line++;
		st = format_zeek.parse(&ctx, line, (size_t)len, &ev);
		assert_int_not_equal(st, PARSE_NOT_MINE);
		t->skip += st == PARSE_SKIP;
		t->bad += st == PARSE_MALFORMED;
		if (st != PARSE_OK)
			continue;
		if (t->ok++ == 0)
			t->first_time = ev.time;
		t->all_timeless &= !ev.has_time;
		t->deny += ev.verdict == ACTION_DENY;
		t->allow += ev.verdict == ACTION_ALLOW;
		t->other += ev.verdict == ACTION_OTHER;
		if (check != NULL)
			check(&ev, ctx.line);
	}
	free(line);
	fclose(fp);
}

static void
check_pop3(const struct event *ev, uint64_t line)
{
	/* line 10 is the first record (9 header lines) */
	if (line == 10) {
		assert_addr_eq(ev->src, "192.168.0.4");
		assert_addr_eq(ev->dst, "212.227.15.188");
		assert_int_equal(ev->sport, 26242);
		assert_int_equal(ev->dport, 110);
		assert_int_equal(ev->proto, PROTO_TCP);
	}
	assert_int_equal(ev->verdict, line <= 15 ? ACTION_DENY : ACTION_ALLOW);
	assert_str_eq(ev->action, line <= 15 ? "REJ" : "SF");
}

static void
check_fabric(const struct event *ev, uint64_t line)
{
	if (ev->proto == PROTO_TCP || ev->proto == PROTO_UDP) {
		assert_str_eq(ev->action, "S0");
		assert_int_equal(ev->verdict, ACTION_DENY);
	} else {
		assert_true(ev->proto == 99 || ev->proto == 132);
		assert_str_eq(ev->action, "OTH");
		assert_int_equal(ev->verdict, ACTION_OTHER);
	}
	if (line == 10) {	/* 1.1.1.6:57005 -> 2.2.2.2:48879 */
		assert_addr_eq(ev->src, "1.1.1.6");
		assert_addr_eq(ev->dst, "2.2.2.2");
		assert_int_equal(ev->sport, 57005);
		assert_int_equal(ev->dport, 48879);
	}
}

static void
test_corpus_tsv(void **unused)
{
	struct tally t;

	/* 9 header lines, 6 REJ (Sr) and 5 SF, 1 #close */
	feed_file("zeek_btest_pop3.basic_conn.log", &t, check_pop3);
	assert_int_equal(t.ok, 11);
	assert_int_equal(t.skip, 10);
	assert_int_equal(t.bad, 0);
	assert_int_equal(t.deny, 6);
	assert_int_equal(t.allow, 5);
	assert_true(t.all_timeless);
	stream_close(), stream_open();

	/* 16 S0 tcp (S), 16 S0 udp (D), 32 OTH of ip_proto 99 and 132 */
	feed_file("zeek_btest_cisco-fabric-path_conn.log", &t, check_fabric);
	assert_int_equal(t.ok, 64);
	assert_int_equal(t.deny, 32);
	assert_int_equal(t.other, 32);
	assert_int_equal(t.bad, 0);
	stream_close(), stream_open();

	/* 10 S0 udp (D), 14 SF udp, 8 S1 tcp, 2 OTH tcp */
	feed_file("zeek_btest_opt.basic_conn.log", &t, NULL);
	assert_int_equal(t.ok, 34);
	assert_int_equal(t.deny, 10);
	assert_int_equal(t.allow, 22);
	assert_int_equal(t.other, 2);
	stream_close(), stream_open();

	/* half-duplex: 5 S0 (SAD) and 20 SH (DAF, ADF, SADF), none denied */
	feed_file("zeek_btest_ssh.half-duplex-client_conn.log", &t, NULL);
	assert_int_equal(t.ok, 25);
	assert_int_equal(t.deny, 0);
	assert_int_equal(t.other, 25);
}

static void
check_elastic(const struct event *ev, uint64_t line)
{
	assert_true(ev->has_time);
	if (line == 4) {	/* icmp: type and code are not ports */
		assert_int_equal(ev->proto, PROTO_ICMP);
		assert_false(ev->has_sport || ev->has_dport);
		assert_int_equal(ev->time, INT64_C(1551399000578550));
	}
	if (line == 18) {	/* port 0 is a port */
		assert_true(ev->has_sport && ev->has_dport);
		assert_int_equal(ev->dport, 0);
		assert_addr_eq(ev->dst, "175.16.199.74");
	}
}

static void
test_corpus_json(void **unused)
{
	struct tally t;

	/* 3 SF, 7 OTH, 8 SHR */
	feed_file("elastic_test-conn.json", &t, check_elastic);
	assert_int_equal(t.ok, 18);
	assert_int_equal(t.allow, 3);
	assert_int_equal(t.other, 15);
	assert_int_equal(t.first_time, INT64_C(1547188415857497));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_state_table, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_b047_rej, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unset_and_zero, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_masked_time, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_protocols, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_malformed, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_headers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_mine, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_sniff, setup, teardown),
		cmocka_unit_test_setup_teardown(test_corpus_tsv, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_corpus_json, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
