/*
 * test_csl.c - the Microsoft Sentinel CommonSecurityLog reader: CSV, TSV,
 * JSON arrays and JSON lines, held to docs/formats.md.
 *
 * Expected times are microseconds since the epoch worked out independently
 * of the program (by hand from the calendar, checked with a desk
 * calculator), never copied from its output.
 */
#include <stdio.h>
#include <stdlib.h>

#include "testutil.h"
#include "parse/format.h"

extern const struct format format_csl;

/* 2026-03-01T10:06:01.250Z and friends */
#define T_0301_100601_250 INT64_C(1772359561250000)
#define T_0301_001500 INT64_C(1772324100000000)
#define T_0301_123000 INT64_C(1772368200000000)
#define T_0301_130509 INT64_C(1772370309000000)
#define T_0301_221000 INT64_C(1772403000000000)
#define T_0103_100601_250 INT64_C(1767434761250000)
#define T_0301_090601 INT64_C(1772355961000000)
#define T_0301_235959_999999 INT64_C(1772409599999999)
#define T_20220331_105235_857 INT64_C(1648723955857000)

#define CSL_TEST_MIB (1024 * 1024)

/* One stream fed line by line, as the reader would. */
struct feed {
	struct parse_opts opts;
	struct parse_ctx ctx;
	struct event ev;
};

static void
feed_open(struct feed *f, char order)
{
	memset(f, 0, sizeof(*f));
	f->opts.csl_date_order = order;
	f->opts.netfilter_default_action = "drop";
	f->ctx.opts = &f->opts;
	time_ctx_init(&f->ctx.time, 0, false);
	f->ctx.state = format_csl.state_new();
	assert_non_null(f->ctx.state);
}

static void
feed_close(struct feed *f)
{
	format_csl.state_free(f->ctx.state);
	free(f->ctx.scratch.p);
}

/* Hands in the next line (a new line number). */
static enum parse_status
feed_line(struct feed *f, const char *line)
{
	f->ctx.line++;
	f->ctx.record_line = f->ctx.line;
	f->ctx.scratch.n = 0;
	f->ctx.reason = NULL;
	return format_csl.parse(&f->ctx, line, strlen(line), &f->ev);
}

/* Hands in the same line once more, after the parser set again. */
static enum parse_status
feed_again(struct feed *f, const char *line)
{
	assert_true(f->ctx.again);
	f->ctx.record_line = f->ctx.line;
	f->ctx.scratch.n = 0;
	f->ctx.reason = NULL;
	return format_csl.parse(&f->ctx, line, strlen(line), &f->ev);
}

#define assert_reason(f, lit) assert_string_equal((f)->ctx.reason, (lit))

static const char csv_header[] =
    "TimeGenerated [UTC],DeviceVendor,DeviceProduct,DeviceAction,"
    "SourceIP,DestinationIP,DestinationPort,Protocol,Computer";

/* Opens a CSV stream and reads the header above. */
static void
feed_open_csv(struct feed *f)
{
	feed_open(f, 'm');
	assert_int_equal(feed_line(f, csv_header), PARSE_SKIP);
	assert_reason(f, "header");
}

static void
test_csv_basic(void **unused)
{
	struct feed f;

	feed_open_csv(&f);
	assert_int_equal(feed_line(&f, "2026-03-01T10:06:01.25Z,ExampleCo,"
	    "EdgeFW,Deny,203.0.113.50,192.0.2.10,22,TCP,fw01"), PARSE_OK);
	assert_true(f.ev.has_time);
	assert_int_equal(f.ev.time, T_0301_100601_250);
	assert_str_eq(f.ev.vendor, "ExampleCo");
	assert_str_eq(f.ev.product, "EdgeFW");
	assert_str_eq(f.ev.action, "Deny");
	assert_int_equal(f.ev.action_hint.n, 0);
	assert_true(f.ev.has_src && f.ev.has_dst && f.ev.has_dport);
	assert_false(f.ev.has_sport);
	assert_addr_eq(f.ev.src, "203.0.113.50");
	assert_addr_eq(f.ev.dst, "192.0.2.10");
	assert_int_equal(f.ev.dport, 22);
	assert_int_equal(f.ev.proto, PROTO_TCP);
	assert_str_eq(f.ev.device, "fw01");
	assert_int_equal(f.ev.ident, 0);
	feed_close(&f);
}

/* RFC 4180: quoted commas, "" escapes and a line end inside a field. */
static void
test_csv_quoting(void **unused)
{
	struct feed f;

	feed_open_csv(&f);
	assert_int_equal(feed_line(&f, "\"2026-03-01T10:06:01.250Z\","
	    "\"Example, Inc.\",\"Edge \"\"FW\"\"\",Deny,203.0.113.50,"
	    "192.0.2.10,\"22\",TCP,fw01"), PARSE_OK);
	assert_str_eq(f.ev.vendor, "Example, Inc.");
	assert_str_eq(f.ev.product, "Edge \"FW\"");
	assert_int_equal(f.ev.dport, 22);

	f.ctx.line = 10;
	assert_int_equal(feed_line(&f, "2026-03-01T10:06:01.250Z,\"Example"),
	    PARSE_PENDING);
	assert_int_equal(f.ctx.record_line, 11);
	assert_int_equal(feed_line(&f, ""), PARSE_PENDING);
	assert_int_equal(feed_line(&f, "Co\",\"Edge,"), PARSE_PENDING);
	assert_int_equal(feed_line(&f, "FW\",Deny,203.0.113.51,192.0.2.10,23,"
	    "UDP,fw01"), PARSE_OK);
	assert_int_equal(f.ctx.record_line, 11);
	assert_str_eq(f.ev.vendor, "Example\n\nCo");
	assert_str_eq(f.ev.product, "Edge,\nFW");
	assert_addr_eq(f.ev.src, "203.0.113.51");
	assert_int_equal(f.ev.dport, 23);
	assert_int_equal(f.ev.proto, PROTO_UDP);

	/* a quote inside an unquoted field is an ordinary character */
	assert_int_equal(feed_line(&f, "2026-03-01T10:06:01.250Z,Ex\"ample,"
	    "EdgeFW,Deny,203.0.113.50,192.0.2.10,22,TCP,fw01"), PARSE_OK);
	assert_str_eq(f.ev.vendor, "Ex\"ample");
	feed_close(&f);
}

/* Columns in any order with extra ones; missing columns are absent. */
static void
test_csv_columns(void **unused)
{
	struct feed f;

	feed_open(&f, 'm');
	assert_int_equal(feed_line(&f, "TenantId,DestinationPort,Extra,"
	    "SourceIP,DeviceExternalID,Computer,Activity,TimeGenerated"),
	    PARSE_SKIP);
	assert_int_equal(feed_line(&f, "abc,8080,x,198.51.100.7,,host-b,"
	    "Traffic denied,2026-03-01T10:06:01.25"), PARSE_OK);
	assert_int_equal(f.ev.dport, 8080);
	assert_addr_eq(f.ev.src, "198.51.100.7");
	assert_false(f.ev.has_dst);
	assert_false(f.ev.has_sport);
	assert_int_equal(f.ev.proto, -1);
	assert_int_equal(f.ev.action.n, 0);
	assert_str_eq(f.ev.action_hint, "Traffic denied");
	assert_int_equal(f.ev.vendor.n, 0);
	assert_str_eq(f.ev.device, "host-b");	/* empty id: Computer */
	/* no zone and no bracket: UTC */
	assert_int_equal(f.ev.time, T_0301_100601_250);

	assert_int_equal(feed_line(&f, "abc,8080,x,198.51.100.7,FGT-1,host-b,"
	    ",2026-03-01T10:06:01.25Z"), PARSE_OK);
	assert_str_eq(f.ev.device, "FGT-1");
	assert_int_equal(f.ev.action_hint.n, 0);

	/* empty values are absent, 0 is a port */
	assert_int_equal(feed_line(&f, ",0,,,,,,"), PARSE_OK);
	assert_false(f.ev.has_time);
	assert_false(f.ev.has_src);
	assert_true(f.ev.has_dport);
	assert_int_equal(f.ev.dport, 0);
	assert_int_equal(f.ev.device.n, 0);
	feed_close(&f);

	/* two columns with one name: the first with a value wins */
	feed_open(&f, 'm');
	assert_int_equal(feed_line(&f, "DestinationPort,SourceIP,"
	    "DestinationPort,TimeGenerated [Local Time],TimeGenerated"),
	    PARSE_SKIP);
	assert_int_equal(feed_line(&f, "22,203.0.113.5,23,,"
	    "2026-03-01T12:30:00"), PARSE_OK);
	assert_int_equal(f.ev.dport, 22);
	assert_int_equal(f.ev.time, T_0301_123000);
	assert_int_equal(feed_line(&f, ",203.0.113.5,23,"
	    "2026-03-01T10:06:01.25Z,2026-03-01T12:30:00"), PARSE_OK);
	assert_int_equal(f.ev.dport, 23);
	assert_int_equal(f.ev.time, T_0301_100601_250);
	feed_close(&f);
}

static void
test_csv_wrong_count(void **unused)
{
	struct feed f;

	feed_open_csv(&f);
	assert_int_equal(feed_line(&f, "2026-03-01T10:06:01.25Z,ExampleCo,"
	    "EdgeFW,Deny,203.0.113.50,192.0.2.10,22,TCP"), PARSE_MALFORMED);
	assert_reason(&f, "wrong number of fields");
	assert_int_equal(feed_line(&f, "2026-03-01T10:06:01.25Z,ExampleCo,"
	    "EdgeFW,Deny,203.0.113.50,192.0.2.10,22,TCP,fw01,x"),
	    PARSE_MALFORMED);
	assert_reason(&f, "wrong number of fields");
	/* the next good row is read */
	assert_int_equal(feed_line(&f, "2026-03-01T10:06:01.25Z,ExampleCo,"
	    "EdgeFW,Deny,203.0.113.50,192.0.2.10,22,TCP,fw01"), PARSE_OK);
	feed_close(&f);
}

/* Bad values make the record malformed, never silently absent. */
static void
test_csv_bad_values(void **unused)
{
	static const struct {
		const char *row, *reason;
	} bad[] = {
		{ "x,V,P,Deny,203.0.113.50,192.0.2.10,22,TCP,h",
		    "bad TimeGenerated" },
		{ "2026-02-30T10:00:00Z,V,P,Deny,203.0.113.50,192.0.2.10,22,"
		    "TCP,h", "bad TimeGenerated" },
		{ "2026-03-01T10:00:00Z,V,P,Deny,203.0.113.500,192.0.2.10,22,"
		    "TCP,h", "bad SourceIP" },
		{ "2026-03-01T10:00:00Z,V,P,Deny,203.0.113.5,host,22,TCP,h",
		    "bad DestinationIP" },
		{ "2026-03-01T10:00:00Z,V,P,Deny,203.0.113.5,192.0.2.10,65536,"
		    "TCP,h", "bad DestinationPort" },
		{ "2026-03-01T10:00:00Z,V,P,Deny,203.0.113.5,192.0.2.10,ssh,"
		    "TCP,h", "bad DestinationPort" },
		{ "2026-03-01T10:00:00Z,V,P,Deny,203.0.113.5,192.0.2.10,-1,"
		    "TCP,h", "bad DestinationPort" },
		{ "2026-03-01T10:00:00Z,V,P,Deny,203.0.113.5,192.0.2.10,22.0,"
		    "TCP,h", "bad DestinationPort" },
	};
	struct feed f;

	feed_open_csv(&f);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(feed_line(&f, bad[i].row), PARSE_MALFORMED);
		assert_reason(&f, bad[i].reason);
	}
	assert_int_equal(feed_line(&f, "2026-03-01T10:00:00Z,V,P,Deny,"
	    "203.0.113.5,192.0.2.10,65535,TCP,h"), PARSE_OK);
	assert_int_equal(f.ev.dport, 65535);
	feed_close(&f);
}

/* IPv6 and IPv4-mapped sources; protocols by name and number. */
static void
test_csv_addresses_protocols(void **unused)
{
	static const struct {
		const char *proto;
		int number;	/* -2: malformed */
	} protos[] = {
		{ "tcp", 6 }, { "Udp", 17 }, { "ICMP", 1 }, { "icmpv6", 58 },
		{ "IPv6-ICMP", 58 }, { "esp", 50 }, { "AH", 51 }, { "gre", 47 },
		{ "SCTP", 132 }, { "udplite", 136 }, { "6", 6 }, { "255", 255 },
		{ "0", 0 }, { "256", -2 }, { "123456", -2 }, { "HOPOPT-X", -1 },
		{ "tcp/https", 6 },
	};
	char row[200];
	struct feed f;

	feed_open_csv(&f);
	assert_int_equal(feed_line(&f, "2026-03-01T10:00:00Z,V,P,Deny,"
	    "2001:db8:4::7,2001:db8::10,22,TCP,h"), PARSE_OK);
	assert_addr_eq(f.ev.src, "2001:db8:4::7");
	assert_addr_eq(f.ev.dst, "2001:db8::10");
	assert_int_equal(feed_line(&f, "2026-03-01T10:00:00Z,V,P,Deny,"
	    "::ffff:198.51.100.14,192.0.2.10,22,TCP,h"), PARSE_OK);
	assert_true(addr_is_v4(&f.ev.src));
	assert_addr_eq(f.ev.src, "198.51.100.14");
	for (size_t i = 0; i < sizeof(protos) / sizeof(protos[0]); i++) {
		snprintf(row, sizeof(row), "2026-03-01T10:00:00Z,V,P,Deny,"
		    "203.0.113.5,192.0.2.10,22,%s,h", protos[i].proto);
		if (protos[i].number == -2) {
			assert_int_equal(feed_line(&f, row), PARSE_MALFORMED);
			assert_reason(&f, "bad Protocol");
			continue;
		}
		assert_int_equal(feed_line(&f, row), PARSE_OK);
		assert_int_equal(f.ev.proto, protos[i].number);
	}
	feed_close(&f);
}

/* The portal's locale form, 12-hour edges and the day-first order. */
static void
test_locale_times(void **unused)
{
	static const struct {
		const char *time;
		int64_t want;	/* 0: malformed */
	} times[] = {
		{ "3/1/2026, 10:06:01.250 AM", T_0301_100601_250 },
		{ "03/01/2026 10:06:01.25 am", T_0301_100601_250 },
		{ "3/1/2026, 12:15:00 AM", T_0301_001500 },
		{ "3/1/2026, 12:30:00 PM", T_0301_123000 },
		{ "3/1/2026, 1:05:09 PM", T_0301_130509 },
		{ "3/1/2026, 10:10:00 PM", T_0301_221000 },
		{ "3/1/2026, 22:10:00", T_0301_221000 },
		{ "3/1/2026,22:10", T_0301_221000 },
		{ "3/1/2026, 11:59:59.9999999 PM", T_0301_235959_999999 },
		{ "3/1/2026, 0:15:00 AM", 0 },
		{ "3/1/2026, 13:05:09 PM", 0 },
		{ "3/1/2026, 10:06:01 XM", 0 },
		{ "13/1/2026, 10:06:01 AM", 0 },
		{ "2/29/2026, 10:06:01 AM", 0 },
		{ "3/1/26, 10:06:01 AM", 0 },
		{ "3/1/2026, 24:00:00", 0 },
	};
	char row[200];
	struct feed f;

	feed_open_csv(&f);
	for (size_t i = 0; i < sizeof(times) / sizeof(times[0]); i++) {
		snprintf(row, sizeof(row), "\"%s\",V,P,Deny,203.0.113.5,"
		    "192.0.2.10,22,TCP,h", times[i].time);
		if (times[i].want == 0) {
			assert_int_equal(feed_line(&f, row), PARSE_MALFORMED);
			assert_reason(&f, "bad TimeGenerated");
			continue;
		}
		if (feed_line(&f, row) != PARSE_OK)
			fail_msg("%s: %s", times[i].time, f.ctx.reason);
		assert_int_equal(f.ev.time, times[i].want);
	}
	feed_close(&f);

	/* --date-order dmy: 1/3/2026 is the first of March */
	feed_open(&f, 'd');
	assert_int_equal(feed_line(&f, csv_header), PARSE_SKIP);
	assert_int_equal(feed_line(&f, "\"1/3/2026, 10:06:01.250 AM\",V,P,"
	    "Deny,203.0.113.5,192.0.2.10,22,TCP,h"), PARSE_OK);
	assert_int_equal(f.ev.time, T_0301_100601_250);
	assert_int_equal(feed_line(&f, "\"3/1/2026, 10:06:01.250 AM\",V,P,"
	    "Deny,203.0.113.5,192.0.2.10,22,TCP,h"), PARSE_OK);
	assert_int_equal(f.ev.time, T_0103_100601_250);
	assert_int_equal(feed_line(&f, "\"3/13/2026, 10:06:01.250 AM\",V,P,"
	    "Deny,203.0.113.5,192.0.2.10,22,TCP,h"), PARSE_MALFORMED);
	feed_close(&f);
}

/* "[Local Time]" columns are read in --tz; "[UTC]" and bare ones not. */
static void
test_local_time_column(void **unused)
{
	const char *err;
	struct feed f;

	assert_int_equal(tz_select("Europe/Berlin", &err), 0);
	feed_open(&f, 'm');
	assert_int_equal(feed_line(&f, "TimeGenerated [Local Time],SourceIP"),
	    PARSE_SKIP);
	assert_int_equal(feed_line(&f, "\"3/1/2026, 10:06:01 AM\","
	    "203.0.113.5"), PARSE_OK);
	assert_int_equal(f.ev.time, T_0301_090601);	/* CET, +01:00 */
	assert_int_equal(feed_line(&f, "2026-03-01T10:06:01,203.0.113.5"),
	    PARSE_OK);
	assert_int_equal(f.ev.time, T_0301_090601);
	/* an explicit offset wins over the column's zone */
	assert_int_equal(feed_line(&f, "2026-03-01T10:06:01.25Z,203.0.113.5"),
	    PARSE_OK);
	assert_int_equal(f.ev.time, T_0301_100601_250);
	feed_close(&f);

	/* the same with JSON keys */
	feed_open(&f, 'm');
	assert_int_equal(feed_line(&f, "{\"TimeGenerated [Local Time]\":"
	    "\"3/1/2026, 10:06:01 AM\"}"), PARSE_OK);
	assert_int_equal(f.ev.time, T_0301_090601);
	assert_int_equal(feed_line(&f, "{\"TimeGenerated [UTC]\":"
	    "\"2026-03-01T10:06:01.25\"}"), PARSE_OK);
	assert_int_equal(f.ev.time, T_0301_100601_250);
	assert_int_equal(feed_line(&f, "{\"TimeGenerated\":"
	    "\"3/1/2026, 10:06:01.250 AM\"}"), PARSE_OK);
	assert_int_equal(f.ev.time, T_0301_100601_250);
	feed_close(&f);

	feed_open(&f, 'm');
	assert_int_equal(feed_line(&f, "TimeGenerated [UTC],SourceIP"),
	    PARSE_SKIP);
	assert_int_equal(feed_line(&f, "2026-03-01T10:06:01.25,203.0.113.5"),
	    PARSE_OK);
	assert_int_equal(f.ev.time, T_0301_100601_250);
	feed_close(&f);
	assert_int_equal(tz_select("UTC", &err), 0);
}

/* A TSV export as the portal writes it (after the SonicWall sample). */
static void
test_tsv(void **unused)
{
	struct feed f;

	feed_open(&f, 'm');
	assert_int_equal(feed_line(&f, "\xef\xbb\xbfTenantId\tTimeGenerated "
	    "[UTC]\tDeviceVendor\tDeviceProduct\tDeviceAction\tComputer\t"
	    "DestinationPort\tDestinationIP\tMessage\tProtocol\tSourcePort\t"
	    "SourceIP\tAdditionalExtensions\r"), PARSE_SKIP);
	assert_reason(&f, "header");
	assert_int_equal(feed_line(&f, "84c4\t3/1/2026, 10:06:01.250 AM\t"
	    "SonicWall\tNSv 270\t\t\t443\t192.0.2.226\t\"Connection, "
	    "Closed\"\ttcp/https\t57635\t198.51.100.160\tsusr=\"admin\";"
	    "fw_action=\"NA\"\r"), PARSE_OK);
	assert_int_equal(f.ev.time, T_0301_100601_250);
	assert_str_eq(f.ev.vendor, "SonicWall");
	assert_str_eq(f.ev.product, "NSv 270");
	assert_int_equal(f.ev.action.n, 0);
	assert_int_equal(f.ev.device.n, 0);
	assert_int_equal(f.ev.dport, 443);
	assert_int_equal(f.ev.sport, 57635);
	assert_int_equal(f.ev.proto, PROTO_TCP);
	assert_addr_eq(f.ev.src, "198.51.100.160");
	assert_addr_eq(f.ev.dst, "192.0.2.226");
	feed_close(&f);
}

/* Headers again in the middle of a file, BOM, blank lines, CRLF. */
static void
test_csv_header_blank(void **unused)
{
	struct feed f;

	feed_open(&f, 'm');
	assert_int_equal(feed_line(&f, "\xef\xbb\xbf"), PARSE_SKIP);
	assert_reason(&f, "empty line");
	assert_int_equal(feed_line(&f, "SourceIP,DestinationPort\r"),
	    PARSE_SKIP);
	assert_reason(&f, "header");
	assert_int_equal(feed_line(&f, "203.0.113.5,80\r"), PARSE_OK);
	assert_addr_eq(f.ev.src, "203.0.113.5");
	assert_int_equal(f.ev.dport, 80);
	assert_int_equal(feed_line(&f, "   "), PARSE_SKIP);
	assert_reason(&f, "empty line");
	assert_int_equal(feed_line(&f, "SourceIP,DestinationPort"),
	    PARSE_SKIP);
	assert_reason(&f, "header");
	feed_close(&f);

	/* a first line naming no column of the table is not ours */
	feed_open(&f, 'm');
	assert_int_equal(feed_line(&f, "alpha,beta,gamma"), PARSE_NOT_MINE);
	feed_close(&f);
}

/*
 * One result of the parser as the driver sees it: the status, the line it
 * is counted on, the reason, and for an event its source and port.
 */
struct seen {
	enum parse_status rc;
	uint64_t line;
	const char *reason;
	char src[ADDR_STRLEN];
	int dport;
};

/* A stream fed as the driver does, every result kept in order. */
struct run {
	struct feed f;
	struct seen *seen;
	size_t n, cap;
};

static void
run_open(struct run *r, size_t cap)
{
	feed_open_csv(&r->f);
	r->seen = calloc(cap, sizeof(*r->seen));
	assert_non_null(r->seen);
	r->n = 0;
	r->cap = cap;
}

static void
run_close(struct run *r)
{
	feed_close(&r->f);
	free(r->seen);
}

static void
run_keep(struct run *r, enum parse_status rc)
{
	struct seen *s;
	size_t len;

	assert_true(r->n < r->cap);
	s = &r->seen[r->n++];
	s->rc = rc;
	s->line = r->f.ctx.record_line;
	s->reason = r->f.ctx.reason;
	s->dport = rc == PARSE_OK && r->f.ev.has_dport ? r->f.ev.dport : -1;
	s->src[0] = '\0';
	if (rc == PARSE_OK && r->f.ev.has_src) {
		len = addr_format(&r->f.ev.src, s->src);
		s->src[len] = '\0';
	}
}

/* Hands in the next line, then the same line as often as asked;
 * rounds caps the calls, as the driver does, 0 for no cap. */
static void
run_line(struct run *r, const char *line, int rounds)
{
	run_keep(r, feed_line(&r->f, line));
	while (r->f.ctx.again && --rounds != 0)
		run_keep(r, feed_again(&r->f, line));
}

#define assert_seen(r, i, want_rc, want_line) do {			\
	assert_true((size_t)(i) < (r)->n);				\
	assert_int_equal((r)->seen[i].rc, (want_rc));			\
	assert_int_equal((r)->seen[i].line, (want_line));		\
} while (0)

/*
 * A quote never closed: the next line is a row of its own, so the row
 * with the quote is malformed and the next one is read as it stands.
 * Lines: 1 header, 2 good, 3 damaged, 4 and 5 good, 6 damaged in its
 * last field, 7 and 8 a good row whose field holds a line end.
 */
static void
test_csv_unbalanced_quote(void **unused)
{
	struct run r;

	run_open(&r, 16);
	run_line(&r, "2026-03-01T10:00:00Z,V,P,Deny,203.0.113.1,192.0.2.10,"
	    "21,TCP,h", 0);
	run_line(&r, "2026-03-01T10:00:01Z,\"unterminated,P,Deny,203.0.113.2,"
	    "192.0.2.10,22,TCP,h", 0);
	run_line(&r, "2026-03-01T10:00:02Z,V,P,Deny,203.0.113.3,192.0.2.10,"
	    "23,TCP,h", 0);
	run_line(&r, "2026-03-01T10:00:03Z,V,P,Deny,203.0.113.4,192.0.2.10,"
	    "25,TCP,h", 0);
	run_line(&r, "2026-03-01T10:00:04Z,V,P,Deny,203.0.113.5,192.0.2.10,"
	    "53,TCP,\"h", 0);
	run_line(&r, "2026-03-01T10:00:05Z,\"Example", 0);
	run_line(&r, "Co\",P,Deny,203.0.113.6,192.0.2.10,80,TCP,h", 0);
	assert_int_equal(r.n, 9);
	assert_seen(&r, 0, PARSE_OK, 2);
	assert_int_equal(r.seen[0].dport, 21);
	assert_seen(&r, 1, PARSE_PENDING, 3);
	assert_seen(&r, 2, PARSE_MALFORMED, 3);
	assert_string_equal(r.seen[2].reason, "unbalanced quote");
	assert_seen(&r, 3, PARSE_OK, 4);
	assert_string_equal(r.seen[3].src, "203.0.113.3");
	assert_int_equal(r.seen[3].dport, 23);
	assert_seen(&r, 4, PARSE_OK, 5);
	assert_int_equal(r.seen[4].dport, 25);
	assert_seen(&r, 5, PARSE_PENDING, 6);
	/* line 7 begins a row (a time, then a quote that goes on) */
	assert_seen(&r, 6, PARSE_MALFORMED, 6);
	assert_string_equal(r.seen[6].reason, "unbalanced quote");
	assert_seen(&r, 7, PARSE_PENDING, 7);
	assert_seen(&r, 8, PARSE_OK, 7);
	assert_string_equal(r.seen[8].src, "203.0.113.6");
	assert_int_equal(r.seen[8].dport, 80);
	assert_str_eq(r.f.ev.vendor, "Example\nCo");
	assert_int_equal(format_csl.finish(&r.f.ctx), PARSE_SKIP);
	run_close(&r);
}

/*
 * A 2,000-row export with "unterminated in row 700 (line 702): that row
 * is malformed and the other 1,999 are read, each on its own line.
 */
static void
test_csv_unbalanced_quote_export(void **unused)
{
	char row[200];
	struct run r;
	size_t k = 0;

	run_open(&r, 2100);
	for (int i = 0; i < 2000; i++) {
		snprintf(row, sizeof(row), "2026-03-01T10:00:00Z,%s,P,Deny,"
		    "198.51.100.%d,192.0.2.10,%d,TCP,h", i == 700 ?
		    "\"unterminated" : "V", i % 200 + 1, i + 1);
		run_line(&r, row, 0);
	}
	assert_int_equal(format_csl.finish(&r.f.ctx), PARSE_SKIP);
	assert_int_equal(r.n, 2001);
	for (int i = 0; i < 2000; i++) {
		char src[32];

		if (i == 700) {
			assert_seen(&r, k, PARSE_PENDING, 702);
			assert_seen(&r, k + 1, PARSE_MALFORMED, 702);
			assert_string_equal(r.seen[k + 1].reason,
			    "unbalanced quote");
			k += 2;
			continue;
		}
		snprintf(src, sizeof(src), "198.51.100.%d", i % 200 + 1);
		assert_seen(&r, k, PARSE_OK, (uint64_t)i + 2);
		assert_int_equal(r.seen[k].dport, i + 1);
		assert_string_equal(r.seen[k].src, src);
		k++;
	}
	run_close(&r);
}

/*
 * Lines that are no row do not end an open quote, but a record spans at
 * most 64 lines: line 2 opens a quote, lines 3 to 80 are notes.  Line 66
 * would be the 65th line of the record, so line 2 is given up there and
 * lines 3 to 66 are read again, each a record of one field; lines 67 to
 * 80 follow, and line 81 is a good row.
 */
static void
test_csv_span_limit(void **unused)
{
	char note[32];
	struct run r;
	size_t k;

	run_open(&r, 200);
	run_line(&r, "2026-03-01T10:00:00Z,\"V,P,Deny,203.0.113.1,192.0.2.10,"
	    "21,TCP,h", 0);
	for (int i = 3; i <= 80; i++) {
		snprintf(note, sizeof(note), "note %d", i);
		run_line(&r, note, 0);
	}
	run_line(&r, "2026-03-01T10:00:01Z,V,P,Deny,203.0.113.2,192.0.2.10,"
	    "22,TCP,h", 0);
	/* 64 pending (lines 2 to 65), 1 + 64 at line 66, 14, 1 */
	assert_int_equal(r.n, 64 + 65 + 14 + 1);
	for (k = 0; k < 64; k++)
		assert_seen(&r, k, PARSE_PENDING, 2);
	assert_seen(&r, 64, PARSE_MALFORMED, 2);
	assert_string_equal(r.seen[64].reason, "unbalanced quote");
	for (k = 65; k < 65 + 64 + 14; k++) {
		assert_seen(&r, k, PARSE_MALFORMED, k - 62);
		assert_string_equal(r.seen[k].reason,
		    "wrong number of fields");
	}
	assert_seen(&r, k, PARSE_OK, 81);
	assert_int_equal(r.seen[k].dport, 22);
	run_close(&r);
}

/*
 * The 1 MiB cap ends an open record the same way.  Line 2 (26 bytes)
 * opens a quote; after it and 15 lines of 64 KiB (lines 3 to 17) the
 * record holds 26 + 15 * 65,537 = 983,081 bytes, and line 18 with its line
 * end would pass 1,048,576: line 2 is given up and lines 3 to 18 are read
 * again, each a record of one field.
 */
static void
test_csv_too_long(void **unused)
{
	size_t len = 64 * 1024;
	char *big = malloc(CSL_TEST_MIB + 2);
	struct run r;
	int lines = 0;

	assert_non_null(big);
	memset(big, 'a', len);
	big[len] = '\0';
	run_open(&r, 40);
	run_line(&r, "\"2026-03-01T10:00:00Z,oops", 0);
	while (r.seen[r.n - 1].rc == PARSE_PENDING && lines < 100)
		run_line(&r, big, 0), lines++;
	assert_int_equal(lines, 16);
	assert_int_equal(r.n, 1 + 15 + 1 + 16);
	assert_seen(&r, 16, PARSE_MALFORMED, 2);
	assert_string_equal(r.seen[16].reason, "unbalanced quote");
	for (int i = 0; i < 16; i++) {
		assert_seen(&r, 17 + i, PARSE_MALFORMED, 3 + i);
		assert_string_equal(r.seen[17 + i].reason,
		    "wrong number of fields");
	}
	run_line(&r, "2026-03-01T10:00:00Z,V,P,Deny,203.0.113.5,192.0.2.10,"
	    "22,TCP,h", 0);
	assert_seen(&r, 33, PARSE_OK, 19);

	/* a single line over 1 MiB is too long on its own */
	memset(big, 'a', CSL_TEST_MIB + 1);
	big[CSL_TEST_MIB + 1] = '\0';
	run_line(&r, big, 0);
	assert_seen(&r, 34, PARSE_MALFORMED, 20);
	assert_string_equal(r.seen[34].reason, "record too long");
	assert_int_equal(format_csl.finish(&r.f.ctx), PARSE_SKIP);
	run_close(&r);
	free(big);
}

/*
 * The driver may stop asking for a line again (it caps the rounds): the
 * lines still queued come first on the next line, which joins the queue.
 * Line 2 opens a quote, 3 and 4 are notes, 5 is a row and is handed in
 * with rounds for one result, 6 with rounds for two, 7 without a cap.
 */
static void
test_csv_replay_capped(void **unused)
{
	char row[3][120];
	struct run r;

	for (int i = 0; i < 3; i++)
		snprintf(row[i], sizeof(row[i]), "2026-03-01T10:00:0%dZ,V,P,"
		    "Deny,203.0.113.%d,192.0.2.10,2%d,TCP,h", i, i, 5 + i);
	run_open(&r, 16);
	run_line(&r, "2026-03-01T10:00:00Z,\"V", 0);
	run_line(&r, "note 3", 0);
	run_line(&r, "note 4", 0);
	run_line(&r, row[0], 1);
	assert_true(r.f.ctx.again);
	run_line(&r, row[1], 2);
	assert_true(r.f.ctx.again);
	run_line(&r, row[2], 0);
	assert_false(r.f.ctx.again);
	assert_int_equal(r.n, 9);
	assert_seen(&r, 3, PARSE_MALFORMED, 2);
	assert_seen(&r, 4, PARSE_MALFORMED, 3);
	assert_seen(&r, 5, PARSE_MALFORMED, 4);
	for (int i = 0; i < 3; i++) {
		assert_seen(&r, 6 + i, PARSE_OK, 5 + i);
		assert_int_equal(r.seen[6 + i].dport, 25 + i);
	}

	/* what is still queued at the end is reported, at its first line */
	run_line(&r, "2026-03-01T10:00:00Z,\"V", 0);
	run_line(&r, row[0], 1);
	assert_seen(&r, 10, PARSE_MALFORMED, 8);
	assert_int_equal(format_csl.finish(&r.f.ctx), PARSE_MALFORMED);
	assert_int_equal(r.f.ctx.record_line, 9);
	assert_reason(&r.f, "rows left unread at end of input");
	assert_int_equal(format_csl.finish(&r.f.ctx), PARSE_SKIP);
	run_close(&r);
}

/* A record still open at the end is reported at its first line. */
static void
test_csv_finish_open_record(void **unused)
{
	struct feed f;

	feed_open_csv(&f);
	assert_int_equal(feed_line(&f, "2026-03-01T10:00:00Z,\"V"),
	    PARSE_PENDING);
	assert_int_equal(feed_line(&f, "more"), PARSE_PENDING);
	f.ctx.record_line = 99;
	assert_int_equal(format_csl.finish(&f.ctx), PARSE_MALFORMED);
	assert_reason(&f, "unbalanced quote");
	assert_int_equal(f.ctx.record_line, 2);
	assert_int_equal(format_csl.finish(&f.ctx), PARSE_SKIP);
	feed_close(&f);
}

/*
 * Concatenated exports whose second header has another column order: the
 * second header is skipped and maps the rows after it.  Line 1 header,
 * 2 a row, 3 the second header (source and destination swapped), 4 a
 * row, 5 a tab-separated header, 6 its row.
 */
static void
test_csv_second_header(void **unused)
{
	struct feed f;

	feed_open(&f, 'm');
	assert_int_equal(feed_line(&f, "TimeGenerated [UTC],SourceIP,"
	    "DestinationIP,DestinationPort,DeviceAction"), PARSE_SKIP);
	assert_int_equal(feed_line(&f, "2026-03-01T10:06:01.25Z,203.0.113.5,"
	    "192.0.2.10,22,Deny"), PARSE_OK);
	assert_addr_eq(f.ev.src, "203.0.113.5");
	assert_addr_eq(f.ev.dst, "192.0.2.10");
	assert_int_equal(feed_line(&f, "TimeGenerated [UTC],DestinationIP,"
	    "SourceIP,DestinationPort,DeviceAction"), PARSE_SKIP);
	assert_reason(&f, "header");
	assert_int_equal(f.ctx.record_line, 3);
	assert_int_equal(feed_line(&f, "2026-03-01T10:06:01.25Z,192.0.2.11,"
	    "203.0.113.6,23,Deny"), PARSE_OK);
	assert_addr_eq(f.ev.src, "203.0.113.6");
	assert_addr_eq(f.ev.dst, "192.0.2.11");
	assert_int_equal(f.ev.dport, 23);
	assert_int_equal(f.ev.time, T_0301_100601_250);
	assert_int_equal(feed_line(&f, "\"TimeGenerated [UTC]\"\tSourceIP\t"
	    "DestinationPort"), PARSE_SKIP);
	assert_reason(&f, "header");
	assert_int_equal(feed_line(&f, "2026-03-01T10:06:01.25Z\t"
	    "203.0.113.7\t24"), PARSE_OK);
	assert_addr_eq(f.ev.src, "203.0.113.7");
	assert_false(f.ev.has_dst);
	assert_int_equal(f.ev.dport, 24);
	feed_close(&f);

	/* rows of words are no header: a time or an empty field in them */
	feed_open(&f, 'm');
	assert_int_equal(feed_line(&f, "TimeGenerated,DeviceAction,Activity"),
	    PARSE_SKIP);
	assert_int_equal(feed_line(&f, ",Deny,Blocked"), PARSE_OK);
	assert_str_eq(f.ev.action, "Deny");
	assert_int_equal(feed_line(&f, "2026-03-01T10:06:01.25Z,DeviceAction,"
	    "TimeGenerated"), PARSE_OK);
	assert_str_eq(f.ev.action, "DeviceAction");
	assert_str_eq(f.ev.action_hint, "TimeGenerated");
	/* a row naming no TimeGenerated is no header either */
	assert_int_equal(feed_line(&f, "SourceIP,DeviceAction,Activity"),
	    PARSE_MALFORMED);
	assert_reason(&f, "bad TimeGenerated");
	feed_close(&f);
}

/*
 * The last row of the first export has an open quote: the second header
 * ends it, and maps the rows after it.
 */
static void
test_csv_header_after_open_quote(void **unused)
{
	struct run r;

	run_open(&r, 8);
	run_line(&r, "2026-03-01T10:00:00Z,V,P,Deny,203.0.113.1,192.0.2.10,"
	    "21,TCP,\"h", 0);
	run_line(&r, "TimeGenerated [UTC],DestinationIP,SourceIP,"
	    "DestinationPort", 0);
	run_line(&r, "2026-03-01T10:00:00Z,192.0.2.10,203.0.113.2,22", 0);
	assert_int_equal(r.n, 4);
	assert_seen(&r, 0, PARSE_PENDING, 2);
	assert_seen(&r, 1, PARSE_MALFORMED, 2);
	assert_string_equal(r.seen[1].reason, "unbalanced quote");
	assert_seen(&r, 2, PARSE_SKIP, 3);
	assert_string_equal(r.seen[2].reason, "header");
	assert_seen(&r, 3, PARSE_OK, 4);
	assert_string_equal(r.seen[3].src, "203.0.113.2");
	assert_int_equal(r.seen[3].dport, 22);
	run_close(&r);
}

/* JSON lines: numbers as strings, null, IPv6, missing keys. */
static void
test_json_lines(void **unused)
{
	struct feed f;

	feed_open(&f, 'm');
	assert_int_equal(feed_line(&f, "{\"TimeGenerated\":"
	    "\"2026-03-01T10:06:01.25Z\",\"DeviceAction\":\"Drop\","
	    "\"SourceIP\":\"2001:db8:4::7\",\"DestinationIP\":\"2001:db8::1\","
	    "\"SourcePort\":\"40000\",\"DestinationPort\":\"22\","
	    "\"Protocol\":\"17\",\"DeviceVendor\":null,\"Computer\":\"fw\"}"),
	    PARSE_OK);
	assert_int_equal(f.ev.time, T_0301_100601_250);
	assert_str_eq(f.ev.action, "Drop");
	assert_addr_eq(f.ev.src, "2001:db8:4::7");
	assert_addr_eq(f.ev.dst, "2001:db8::1");
	assert_int_equal(f.ev.sport, 40000);
	assert_int_equal(f.ev.dport, 22);
	assert_int_equal(f.ev.proto, PROTO_UDP);
	assert_int_equal(f.ev.vendor.n, 0);
	assert_str_eq(f.ev.device, "fw");

	assert_int_equal(feed_line(&f, ""), PARSE_SKIP);
	assert_int_equal(feed_line(&f, "{\"SourceIP\":\"::ffff:198.51.100.14\","
	    "\"DestinationPort\":3389,\"Protocol\":6,\"SourcePort\":null,"
	    "\"DeviceExternalID\":12345,\"TimeGenerated\":null}"), PARSE_OK);
	assert_addr_eq(f.ev.src, "198.51.100.14");
	assert_int_equal(f.ev.dport, 3389);
	assert_int_equal(f.ev.proto, PROTO_TCP);
	assert_false(f.ev.has_sport);
	assert_false(f.ev.has_time);
	assert_str_eq(f.ev.device, "12345");

	/* a number written as a real is the same port */
	assert_int_equal(feed_line(&f, "{\"DestinationPort\":443.0}"),
	    PARSE_OK);
	assert_int_equal(f.ev.dport, 443);
	assert_int_equal(feed_line(&f, "{\"DestinationPort\":443.5}"),
	    PARSE_MALFORMED);
	assert_reason(&f, "bad DestinationPort");
	assert_int_equal(feed_line(&f, "{\"DestinationPort\":70000}"),
	    PARSE_MALFORMED);
	assert_int_equal(feed_line(&f, "{\"SourceIP\":[\"203.0.113.5\"]}"),
	    PARSE_MALFORMED);
	assert_int_equal(feed_line(&f, "{\"SourceIP\":true}"),
	    PARSE_MALFORMED);
	/* keys with a suffix, matched without regard to case */
	assert_int_equal(feed_line(&f, "{\"timegenerated [UTC]\":"
	    "\"3/1/2026, 10:06:01.250 AM\",\"sourceip\":\"203.0.113.5\"}"),
	    PARSE_OK);
	assert_int_equal(f.ev.time, T_0301_100601_250);
	assert_addr_eq(f.ev.src, "203.0.113.5");
	feed_close(&f);
}

static void
test_json_invalid(void **unused)
{
	struct feed f;

	feed_open(&f, 'm');
	assert_int_equal(feed_line(&f, "{\"SourceIP\":\"203.0.113.5\",}"),
	    PARSE_MALFORMED);
	assert_reason(&f, "invalid JSON");
	assert_int_equal(feed_line(&f, "{\"SourceIP\":203.0.113.5}"),
	    PARSE_MALFORMED);
	assert_reason(&f, "invalid JSON");
	/* a string cannot run past its line: not read on as one record */
	assert_int_equal(feed_line(&f, "{\"SourceIP\":\"203.0.113.5}"),
	    PARSE_MALFORMED);
	assert_reason(&f, "invalid JSON");
	assert_int_equal(feed_line(&f, "\"just a string\""), PARSE_MALFORMED);
	assert_reason(&f, "JSON value is not an object");
	assert_int_equal(feed_line(&f, "[1, 2]"), PARSE_MALFORMED);
	assert_reason(&f, "JSON value is not an object");
	assert_int_equal(feed_line(&f, "{\"SourceIP\":\"203.0.113.5\"}"),
	    PARSE_OK);
	assert_int_equal(feed_line(&f, "{\"SourceIP\":"), PARSE_PENDING);
	assert_int_equal(format_csl.finish(&f.ctx), PARSE_MALFORMED);
	feed_close(&f);
}

/* The first occurrence of a repeated key wins, as for every format. */
static void
test_json_duplicate_keys(void **unused)
{
	struct feed f;

	feed_open(&f, 'm');
	assert_int_equal(feed_line(&f, "{\"DestinationPort\":22,"
	    "\"Nested\":{\"a\":1},\"SourceIP\":\"203.0.113.5\","
	    "\"DestinationPort\":\"23\",\"SourceIP\":\"203.0.113.6\","
	    "\"DeviceVendor\":\"A\\\"B\"}"), PARSE_OK);
	assert_int_equal(f.ev.dport, 22);
	assert_addr_eq(f.ev.src, "203.0.113.5");
	assert_str_eq(f.ev.vendor, "A\"B");
	/* null has no value: the next occurrence gives it */
	assert_int_equal(feed_line(&f, "{\"SourceIP\":null,\"SourceIP\":"
	    "\"203.0.113.7\",\"SourceIP\":\"203.0.113.8\"}"), PARSE_OK);
	assert_addr_eq(f.ev.src, "203.0.113.7");
	/* two spellings of one column: the first wins */
	assert_int_equal(feed_line(&f, "{\"TimeGenerated [UTC]\":"
	    "\"2026-03-01T10:06:01.25\",\"TimeGenerated\":"
	    "\"2026-03-01T12:30:00\"}"), PARSE_OK);
	assert_int_equal(f.ev.time, T_0301_100601_250);
	feed_close(&f);
}

/* A whole array on one line: the parser asks for the line again. */
static void
test_json_one_line_array(void **unused)
{
	const char *line = "[{\"SourceIP\":\"203.0.113.5\","
	    "\"DestinationPort\":21}, {\"SourceIP\":\"203.0.113.6\","
	    "\"DestinationPort\":22},{\"DestinationPort\":\"x\"},"
	    "{\"SourceIP\":\"203.0.113.7\",";
	struct feed f;

	feed_open(&f, 'm');
	assert_int_equal(feed_line(&f, line), PARSE_OK);
	assert_addr_eq(f.ev.src, "203.0.113.5");
	assert_int_equal(f.ev.dport, 21);
	assert_int_equal(feed_again(&f, line), PARSE_OK);
	assert_addr_eq(f.ev.src, "203.0.113.6");
	assert_int_equal(f.ev.dport, 22);
	assert_int_equal(feed_again(&f, line), PARSE_MALFORMED);
	assert_reason(&f, "bad DestinationPort");
	assert_int_equal(feed_again(&f, line), PARSE_PENDING);
	assert_false(f.ctx.again);
	assert_int_equal(feed_line(&f, "\"DestinationPort\":23}]"), PARSE_OK);
	assert_int_equal(f.ctx.record_line, 1);
	assert_false(f.ctx.again);
	assert_addr_eq(f.ev.src, "203.0.113.7");
	assert_int_equal(f.ev.dport, 23);
	feed_close(&f);

	feed_open(&f, 'm');
	assert_int_equal(feed_line(&f, "[{\"DestinationPort\":21}]"),
	    PARSE_OK);
	assert_false(f.ctx.again);
	assert_int_equal(feed_line(&f, "[]"), PARSE_SKIP);
	assert_reason(&f, "JSON array punctuation");
	feed_close(&f);

	/* a byte order mark and a CR do not shift where reading goes on */
	line = "\xef\xbb\xbf[{\"DestinationPort\":21},{\"DestinationPort\":22},"
	    "{\"DestinationPort\":23}]\r";
	feed_open(&f, 'm');
	assert_int_equal(feed_line(&f, line), PARSE_OK);
	assert_int_equal(f.ev.dport, 21);
	assert_int_equal(feed_again(&f, line), PARSE_OK);
	assert_int_equal(f.ev.dport, 22);
	assert_int_equal(feed_again(&f, line), PARSE_OK);
	assert_int_equal(f.ev.dport, 23);
	assert_false(f.ctx.again);
	feed_close(&f);
}

/*
 * An object never closed: a line that starts with "{" where the open
 * object cannot take one begins the next record.  Line 1 lacks its "}",
 * line 2 is read as it stands; lines 3 to 6 hold a nested object after a
 * ":", which is no new record.
 */
static void
test_json_unclosed_object(void **unused)
{
	const char *line2 = "{\"SourceIP\":\"203.0.113.6\","
	    "\"DestinationPort\":22}";
	struct feed f;

	feed_open(&f, 'm');
	assert_int_equal(feed_line(&f, "{\"SourceIP\":\"203.0.113.5\","
	    "\"DestinationPort\":21"), PARSE_PENDING);
	assert_int_equal(feed_line(&f, line2), PARSE_MALFORMED);
	assert_reason(&f, "unclosed JSON object");
	assert_int_equal(f.ctx.record_line, 1);
	assert_int_equal(feed_again(&f, line2), PARSE_OK);
	assert_int_equal(f.ctx.record_line, 2);
	assert_false(f.ctx.again);
	assert_addr_eq(f.ev.src, "203.0.113.6");
	assert_int_equal(f.ev.dport, 22);

	assert_int_equal(feed_line(&f, "{\"DestinationPort\":23,\"Extra\":"),
	    PARSE_PENDING);
	assert_int_equal(feed_line(&f, "  {\"a\":1,"), PARSE_PENDING);
	assert_int_equal(feed_line(&f, "   \"b\":[1,"), PARSE_PENDING);
	assert_int_equal(feed_line(&f, "   {\"c\":2}]},\"SourceIP\":"
	    "\"203.0.113.7\"}"), PARSE_OK);
	assert_int_equal(f.ctx.record_line, 3);
	assert_int_equal(f.ev.dport, 23);
	assert_addr_eq(f.ev.src, "203.0.113.7");

	/* in a pretty-printed array, a record cut short before the next */
	assert_int_equal(feed_line(&f, "  {"), PARSE_PENDING);
	assert_int_equal(feed_line(&f, "    \"DestinationPort\": 24,"),
	    PARSE_PENDING);
	assert_int_equal(feed_line(&f, "  {"), PARSE_MALFORMED);
	assert_int_equal(f.ctx.record_line, 7);
	assert_int_equal(feed_again(&f, "  {"), PARSE_PENDING);
	assert_int_equal(feed_line(&f, "    \"DestinationPort\": 25"),
	    PARSE_PENDING);
	assert_int_equal(feed_line(&f, "  }"), PARSE_OK);
	assert_int_equal(f.ctx.record_line, 9);
	assert_int_equal(f.ev.dport, 25);
	assert_int_equal(format_csl.finish(&f.ctx), PARSE_SKIP);
	feed_close(&f);
}

/*
 * A JSON array of 60,000 objects on one line of about 4 MB: object i
 * gives port i % 65,536 and source 198.51.100.(i % 200 + 1).
 */
static void
test_json_one_line_array_large(void **unused)
{
	size_t cap = 60000 * 80, len = 0;
	char *line = malloc(cap), src[32];
	enum parse_status rc;
	struct feed f;
	int i;

	assert_non_null(line);
	line[len++] = '[';
	for (i = 0; i < 60000; i++)
		len += (size_t)snprintf(line + len, cap - len,
		    "%s{\"SourceIP\":\"198.51.100.%d\",\"DestinationPort\":%d,"
		    "\"Pad\":\"%s\"}",
		    i > 0 ? "," : "", i % 200 + 1, i % 65536, "xxxxxxxxxx");
	line[len++] = ']';
	line[len] = '\0';
	assert_true(len > 4000000);
	feed_open(&f, 'm');
	f.ctx.line = 1;
	rc = format_csl.parse(&f.ctx, line, len, &f.ev);
	for (i = 0; rc == PARSE_OK; i++) {
		snprintf(src, sizeof(src), "198.51.100.%d", i % 200 + 1);
		assert_addr_eq(f.ev.src, src);
		assert_int_equal(f.ev.dport, i % 65536);
		assert_int_equal(f.ctx.record_line, 1);
		if (!f.ctx.again)
			break;
		f.ctx.reason = NULL;
		rc = format_csl.parse(&f.ctx, line, len, &f.ev);
	}
	assert_int_equal(rc, PARSE_OK);
	assert_int_equal(i, 59999);
	assert_int_equal(format_csl.finish(&f.ctx), PARSE_SKIP);
	feed_close(&f);
	free(line);
}

/*
 * Reads a whole file, checking each status against the expected count;
 * calls check on every event with its number.
 */
static void
feed_file(const char *path, char order, int want_ok, int want_bad,
    void (*check)(const struct event *, int))
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	FILE *fp = fopen(path, "r");
	struct feed f;
	int ok = 0, bad = 0;

	if (fp == NULL)
		skip();
	feed_open(&f, order);
	while ((len = getline(&line, &cap, fp)) >= 0) {
		enum parse_status rc;

		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		f.ctx.line++;
		do {
			f.ctx.record_line = f.ctx.line;
			f.ctx.scratch.n = 0;
			rc = format_csl.parse(&f.ctx, line, (size_t)len,
			    &f.ev);
			assert_int_not_equal(rc, PARSE_NOT_MINE);
			if (rc == PARSE_OK)
				check(&f.ev, ok++);
			bad += rc == PARSE_MALFORMED;
		} while (f.ctx.again);
	}
	assert_int_equal(format_csl.finish(&f.ctx), PARSE_SKIP);
	assert_int_equal(ok, want_ok);
	assert_int_equal(bad, want_bad);
	feed_close(&f);
	free(line);
	fclose(fp);
}

static const char *
path_in(const char *env, const char *fallback, const char *rest, char *buf,
    size_t cap)
{
	const char *dir = getenv(env);

	snprintf(buf, cap, "%s/%s", dir != NULL ? dir : fallback, rest);
	return buf;
}

static void
check_fortigate(const struct event *ev, int i)
{
	assert_true(ev->has_time);
	assert_int_equal(ev->time, T_20220331_105235_857);
	assert_str_eq(ev->vendor, "Fortinet");
	assert_str_eq(ev->product, "Fortigate");
	assert_int_equal(ev->action.n, 0);
	assert_str_eq(ev->action_hint, "utm:app-ctrl signature pass");
	assert_addr_eq(ev->src, i == 0 ? "213.252.245.73" : "104.168.141.190");
	assert_addr_eq(ev->dst, i == 0 ? "192.168.20.58" : "192.168.20.44");
	assert_int_equal(ev->sport, 15577);
	assert_int_equal(ev->dport, 3389);
	assert_int_equal(ev->proto, PROTO_TCP);
	assert_str_eq(ev->device, "FGVM4VTM21000724");
}

/* The Azure-Sentinel sample: a pretty-printed array of two records. */
static void
test_corpus_fortigate(void **unused)
{
	char path[4096];

	feed_file(path_in("SHARED", "../shared",
	    "corpus/cef/azure_sentinel_Fortigate_CommonSecurityLog.json", path,
	    sizeof(path)), 'm', 2, 0, check_fortigate);
}

/* The spec's worked example: 203.0.113.50 -> 192.0.2.10, twelve ports. */
static void
check_worked_example(const struct event *ev, int i)
{
	static const uint16_t ports[12] = {
		21, 22, 23, 25, 53, 80, 110, 139, 143, 443, 445, 3389
	};
	/* offsets from 10:06:01.250 in milliseconds */
	static const int64_t ms[12] = {
		0, 10750, 22250, 32750, 44500, 54750, 65875, 76750, 88250,
		98750, 109750, 118650
	};

	assert_in_range(i, 0, 11);
	assert_int_equal(ev->time, T_0301_100601_250 + ms[i] * 1000);
	assert_str_eq(ev->action, "Deny");
	assert_addr_eq(ev->src, "203.0.113.50");
	assert_addr_eq(ev->dst, "192.0.2.10");
	assert_int_equal(ev->dport, ports[i]);
	assert_int_equal(ev->sport, 40000 + i);
	assert_int_equal(ev->proto, PROTO_TCP);
	assert_str_eq(ev->vendor, "ExampleCo");
	assert_str_eq(ev->product, "EdgeFW");
	assert_str_eq(ev->device, "fw01.example.com");
}

static void
test_worked_example(void **unused)
{
	char path[4096];

	feed_file(path_in("TESTDIR", "tests", "cases/data/worked_example.csv",
	    path, sizeof(path)), 'm', 12, 0, check_worked_example);
	feed_file(path_in("TESTDIR", "tests", "cases/data/worked_example.json",
	    path, sizeof(path)), 'm', 12, 0, check_worked_example);
}

static void
test_sniff(void **unused)
{
	static const char json[] = "[\n  {\n    \"TimeGenerated\": "
	    "\"2026-03-01T10:06:01.25Z\",\n    \"DeviceVendor\": \"X\",\n"
	    "    \"SourceIP\": \"203.0.113.5\",\n    \"DestinationPort\": 22";
	static const char jsonl[] = "{\"DeviceAction\":\"Deny\",\"SourceIP\":"
	    "\"203.0.113.5\",\"DestinationPort\":22}\n";
	static const char csv[] = "TimeGenerated [UTC],DeviceVendor,"
	    "DeviceProduct,SourceIP,DestinationPort\n1,2,3,4,5\n";
	static const char tsv[] = "\xef\xbb\xbf\"TimeGenerated [UTC]\"\t"
	    "SourceIP\tDestinationPort\tDeviceAction";
	static const char cef[] = "CEF:0|ExampleCo|EdgeFW|3.1|4001|Inbound "
	    "deny|5|src=203.0.113.10 dst=192.0.2.20 dpt=445 act=deny\n";
	static const char nf[] = "Mar  3 10:00:01 gw01 kernel: FW-DROP "
	    "IN=eth0 OUT= SRC=203.0.113.77 DST=192.0.2.10 PROTO=TCP\n";
	static const char other[] = "{\"timestamp\":\"2024-03-03T05:00:13Z\","
	    "\"src_ip\":\"203.0.113.101\",\"dest_port\":5900}\n";

	assert_in_range(format_csl.sniff(json, sizeof(json) - 1), 90, 100);
	assert_in_range(format_csl.sniff(jsonl, sizeof(jsonl) - 1), 90, 100);
	assert_in_range(format_csl.sniff(csv, sizeof(csv) - 1), 90, 100);
	assert_in_range(format_csl.sniff(tsv, sizeof(tsv) - 1), 90, 100);
	assert_int_equal(format_csl.sniff(cef, sizeof(cef) - 1), 0);
	assert_int_equal(format_csl.sniff(nf, sizeof(nf) - 1), 0);
	assert_int_equal(format_csl.sniff(other, sizeof(other) - 1), 0);
	assert_int_equal(format_csl.sniff("", 0), 0);
	assert_false(format_csl.line_based);
	assert_string_equal(format_csl.name, "csl");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_basic),
		cmocka_unit_test(test_csv_quoting),
		cmocka_unit_test(test_csv_columns),
		cmocka_unit_test(test_csv_wrong_count),
		cmocka_unit_test(test_csv_bad_values),
		cmocka_unit_test(test_csv_addresses_protocols),
		cmocka_unit_test(test_locale_times),
		cmocka_unit_test(test_local_time_column),
		cmocka_unit_test(test_tsv),
		cmocka_unit_test(test_csv_header_blank),
		cmocka_unit_test(test_csv_unbalanced_quote),
		cmocka_unit_test(test_csv_unbalanced_quote_export),
		cmocka_unit_test(test_csv_span_limit),
		cmocka_unit_test(test_csv_too_long),
		cmocka_unit_test(test_csv_replay_capped),
		cmocka_unit_test(test_csv_finish_open_record),
		cmocka_unit_test(test_csv_second_header),
		cmocka_unit_test(test_csv_header_after_open_quote),
		cmocka_unit_test(test_json_lines),
		cmocka_unit_test(test_json_invalid),
		cmocka_unit_test(test_json_duplicate_keys),
		cmocka_unit_test(test_json_one_line_array),
		cmocka_unit_test(test_json_one_line_array_large),
		cmocka_unit_test(test_json_unclosed_object),
		cmocka_unit_test(test_corpus_fortigate),
		cmocka_unit_test(test_worked_example),
		cmocka_unit_test(test_sniff),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
