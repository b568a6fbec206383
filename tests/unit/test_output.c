/*
 * test_output.c - the output formats: CSV quoting, JSON lines and the JSON
 * array (escapes, control characters, invalid UTF-8), the table's escaping
 * of terminal control sequences, port lists and the row order of
 * detection.md section 6.
 *
 * Each output is written to a memory stream and compared with text worked
 * out from the column list and the worked example of detection.md.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>

#include <jansson.h>

#include "core/timeutil.h"
#include "output/output.h"

static int64_t
T(int h, int m, int s, int ms)
{
	int64_t day = time_days_from_civil(2026, 3, 1);

	return (day * 86400 + h * 3600 + m * 60 + s) * USEC_PER_SEC +
	    (int64_t)ms * 1000;
}

static struct addr
A(const char *s)
{
	struct addr a;

	assert_true(addr_parse(s, strlen(s), &a));
	return a;
}

static const uint16_t example_ports[12] = {
	21, 22, 23, 25, 53, 80, 110, 139, 143, 443, 445, 3389
};

/* The worked example of detection.md section 7 as a finding. */
static struct finding
example(const char *vendor, const char *product)
{
	struct finding f;

	memset(&f, 0, sizeof(f));
	f.bin = T(10, 5, 0, 0);
	f.src = A("203.0.113.50");
	f.scan_type = "Port Scan";
	f.ports = 12;
	f.hosts = 1;
	f.attempts = 12;
	f.per_minute = 12;
	f.duration = 118;
	f.first = T(10, 6, 1, 250);
	f.last = T(10, 7, 59, 900);
	f.vendor = (struct str){ vendor, strlen(vendor) };
	f.product = (struct str){ product, strlen(product) };
	memcpy(f.port_list, example_ports, sizeof(example_ports));
	f.nport_list = 12;
	return f;
}

/* Writes rows with the named output; the caller frees the text. */
static char *
render(const char *name, const struct finding *rows, size_t n)
{
	const struct output *out = output_by_name(name);
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(out);
	assert_non_null(fp);
	out->write(fp, rows, n);
	fclose(fp);
	assert_int_equal(strlen(buf), len);
	return buf;
}

static char *
json_body(const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	output_json_string(fp, (struct str){ s, strlen(s) });
	fclose(fp);
	return buf;
}

#define HEADER "TimeGenerated,SourceIP,ScanType,UniqueDestPorts," \
	"UniqueDestIPs,TotalAttempts,AttemptsPerMinute,PortsTargeted," \
	"ScanDurationSeconds,FirstSeen,LastSeen,DeviceVendor,DeviceProduct\n"

#define EXAMPLE_PORTS "[21,22,23,25,53,80,110,139,143,443,445,3389]"

static void
test_registry(void **state)
{
	size_t n = 0;

	(void)state;
	assert_ptr_equal(output_by_name("table"), &output_table);
	assert_ptr_equal(output_by_name("csv"), &output_csv);
	assert_ptr_equal(output_by_name("jsonl"), &output_jsonl);
	assert_ptr_equal(output_by_name("json"), &output_json);
	assert_null(output_by_name("xml"));
	assert_null(output_by_name(""));
	assert_null(output_by_name("CSV"));
	while (output_columns[n] != NULL)
		n++;
	assert_int_equal(n, 13);
	assert_string_equal(output_columns[0], "TimeGenerated");
	assert_string_equal(output_columns[7], "PortsTargeted");
	assert_string_equal(output_columns[12], "DeviceProduct");
}

static void
test_ports_list(void **state)
{
	struct finding f = example("", "");
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;

	(void)state;
	fp = open_memstream(&buf, &len);
	output_ports_list(fp, &f);
	f.nport_list = 1;
	output_ports_list(fp, &f);
	f.nport_list = 0;
	output_ports_list(fp, &f);
	fclose(fp);
	assert_string_equal(buf, EXAMPLE_PORTS "[21][]");
	free(buf);
}

static void
test_csv(void **state)
{
	struct finding rows[2];
	char *s;

	(void)state;
	rows[0] = example("Example, \"Co\"", "EdgeFW");
	rows[1] = example("Line\nbreak", "Carriage\rreturn");
	rows[1].src = A("2001:db8::50");
	rows[1].ports = 60;
	rows[1].scan_type = "Aggressive Port Scan";
	s = render("csv", rows, 2);
	assert_string_equal(s, HEADER
	    "2026-03-01T10:05:00Z,203.0.113.50,Port Scan,12,1,12,12,"
	    "\"" EXAMPLE_PORTS "\",118,2026-03-01T10:06:01.250Z,"
	    "2026-03-01T10:07:59.900Z,\"Example, \"\"Co\"\"\",EdgeFW\n"
	    "2026-03-01T10:05:00Z,2001:db8::50,Aggressive Port Scan,60,1,"
	    "12,12,\"" EXAMPLE_PORTS "\",118,2026-03-01T10:06:01.250Z,"
	    "2026-03-01T10:07:59.900Z,\"Line\nbreak\",\"Carriage\rreturn\"\n");
	free(s);

	/* no rows: the header alone; empty vendor: empty fields */
	s = render("csv", rows, 0);
	assert_string_equal(s, HEADER);
	free(s);
	rows[0] = example("", "");
	rows[0].nport_list = 0;
	rows[0].first = T(10, 6, 1, 0) + 5;
	s = render("csv", rows, 1);
	assert_string_equal(s, HEADER
	    "2026-03-01T10:05:00Z,203.0.113.50,Port Scan,12,1,12,12,"
	    "\"[]\",118,2026-03-01T10:06:01.000005Z,"
	    "2026-03-01T10:07:59.900Z,,\n");
	free(s);
}

#define EXAMPLE_JSON(vendor, product)					\
	"{\"TimeGenerated\":\"2026-03-01T10:05:00Z\","			\
	"\"SourceIP\":\"203.0.113.50\",\"ScanType\":\"Port Scan\","	\
	"\"UniqueDestPorts\":12,\"UniqueDestIPs\":1,"			\
	"\"TotalAttempts\":12,\"AttemptsPerMinute\":12,"		\
	"\"PortsTargeted\":" EXAMPLE_PORTS ","				\
	"\"ScanDurationSeconds\":118,"					\
	"\"FirstSeen\":\"2026-03-01T10:06:01.250Z\","			\
	"\"LastSeen\":\"2026-03-01T10:07:59.900Z\","			\
	"\"DeviceVendor\":\"" vendor "\",\"DeviceProduct\":\"" product "\"}"

/* Asserts that text is one valid JSON value (per jansson). */
static json_t *
json_valid(const char *text)
{
	json_error_t err;
	json_t *j = json_loads(text, 0, &err);

	if (j == NULL) {
		print_error("invalid JSON (%s) in: %s\n", err.text, text);
		fail();
	}
	return j;
}

static void
test_jsonl(void **state)
{
	struct finding rows[2];
	char *s, *nl;
	json_t *j;

	(void)state;
	rows[0] = example("Example, \"Co\"", "Edge\\FW");
	rows[1] = example("Tab\there\x01", "Bad\xff" "byte");
	s = render("jsonl", rows, 2);
	assert_string_equal(s,
	    EXAMPLE_JSON("Example, \\\"Co\\\"", "Edge\\\\FW") "\n"
	    EXAMPLE_JSON("Tab\\u0009here\\u0001", "Bad\\ufffdbyte") "\n");

	/* each line is valid JSON with the values back */
	nl = strchr(s, '\n');
	*nl = '\0';
	j = json_valid(s);
	assert_string_equal(json_string_value(json_object_get(j,
	    "DeviceVendor")), "Example, \"Co\"");
	assert_int_equal(json_integer_value(json_object_get(j,
	    "UniqueDestPorts")), 12);
	assert_int_equal(json_array_size(json_object_get(j,
	    "PortsTargeted")), 12);
	assert_int_equal(json_integer_value(json_array_get(
	    json_object_get(j, "PortsTargeted"), 11)), 3389);
	assert_int_equal(json_object_size(j), 13);
	json_decref(j);
	nl[strlen(nl + 1)] = '\0';	/* drop the last newline */
	j = json_valid(nl + 1);
	assert_string_equal(json_string_value(json_object_get(j,
	    "DeviceVendor")), "Tab\there\x01");
	assert_string_equal(json_string_value(json_object_get(j,
	    "DeviceProduct")), "Bad\xef\xbf\xbd" "byte");
	json_decref(j);
	free(s);

	s = render("jsonl", rows, 0);
	assert_string_equal(s, "");
	free(s);
}

static void
test_json_array(void **state)
{
	struct finding rows[2];
	char *s;
	json_t *j;

	(void)state;
	rows[0] = example("A", "B");
	rows[1] = example("C", "D");
	s = render("json", rows, 0);
	assert_string_equal(s, "[]\n");
	j = json_valid(s);
	assert_true(json_is_array(j));
	assert_int_equal(json_array_size(j), 0);
	json_decref(j);
	free(s);

	s = render("json", rows, 2);
	assert_string_equal(s, "[\n" EXAMPLE_JSON("A", "B") ",\n"
	    EXAMPLE_JSON("C", "D") "\n]\n");
	j = json_valid(s);
	assert_int_equal(json_array_size(j), 2);
	assert_string_equal(json_string_value(json_object_get(
	    json_array_get(j, 1), "DeviceProduct")), "D");
	json_decref(j);
	free(s);
}

static void
assert_json_body(const char *in, const char *want)
{
	char *s = json_body(in);

	assert_string_equal(s, want);
	free(s);
}

static void
test_json_string(void **state)
{
	(void)state;
	assert_json_body("", "");
	assert_json_body("plain", "plain");
	assert_json_body("q\"b\\", "q\\\"b\\\\");
	assert_json_body("\x01\x1f\n\r\t\x7f", "\\u0001\\u001f\\u000a"
	    "\\u000d\\u0009\\u007f");
	assert_json_body("\x1b[31m", "\\u001b[31m");
	assert_json_body("/", "/");

	/* valid UTF-8 passes through: 2, 3 and 4 bytes */
	assert_json_body("caf\xc3\xa9", "caf\xc3\xa9");
	assert_json_body("\xe2\x82\xac", "\xe2\x82\xac");
	assert_json_body("\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80");
	assert_json_body("\xf4\x8f\xbf\xbf", "\xf4\x8f\xbf\xbf");

	/* invalid bytes become U+FFFD, one per byte */
	assert_json_body("x\xffy", "x\\ufffdy");
	assert_json_body("\x80", "\\ufffd");
	assert_json_body("\xc0\xaf", "\\ufffd\\ufffd");		/* overlong */
	assert_json_body("\xe0\x80\xaf", "\\ufffd\\ufffd\\ufffd");
	/* a surrogate, D800 */
	assert_json_body("\xed\xa0\x80", "\\ufffd\\ufffd\\ufffd");
	assert_json_body("\xf4\x90\x80\x80",
	    "\\ufffd\\ufffd\\ufffd\\ufffd");			/* > 10FFFF */
	assert_json_body("\xe2\x82", "\\ufffd\\ufffd");		/* cut */
	assert_json_body("\xc3" "A", "\\ufffdA");
}

static size_t
escaped(const char *in, const char *want)
{
	char *buf = NULL;
	size_t len = 0, cols;
	FILE *fp = open_memstream(&buf, &len);

	cols = output_text_escaped(fp, (struct str){ in, strlen(in) });
	fclose(fp);
	assert_string_equal(buf, want);
	assert_int_equal(output_text_escaped(NULL,
	    (struct str){ in, strlen(in) }), cols);
	free(buf);
	return cols;
}

static void
test_text_escaped(void **state)
{
	(void)state;
	assert_int_equal(escaped("plain", "plain"), 5);
	assert_int_equal(escaped("\x1b[31mRED", "\\x1b[31mRED"), 11);
	assert_int_equal(escaped("a\\b", "a\\\\b"), 4);
	assert_int_equal(escaped("\r\n\t\x7f", "\\x0d\\x0a\\x09\\x7f"), 16);
	assert_int_equal(escaped("\xc2\x9b" "2J", "\\xc2\\x9b2J"), 10);
	assert_int_equal(escaped("caf\xc3\xa9", "caf\xc3\xa9"), 4);
	assert_int_equal(escaped("\xc2\xa0", "\xc2\xa0"), 1);
	assert_int_equal(escaped("\xff", "\\xff"), 4);
	assert_int_equal(escaped("", ""), 0);
}

static void
test_table(void **state)
{
	struct finding rows[3];
	char *s, *line2;

	(void)state;
	rows[0] = example("\x1b]0;pwned\x07" "Evil", "\x1b[2J\x9b" "x");
	rows[1] = example("Plain", "Box");
	rows[1].src = A("198.51.100.7");
	rows[1].ports = 60;
	rows[1].nport_list = 50;
	for (int i = 0; i < 50; i++)
		rows[1].port_list[i] = (uint16_t)(1 + i);
	rows[2] = example("Plain", "Box");
	rows[2].src = A("198.51.100.8");
	rows[2].ports = 50;
	rows[2].nport_list = 50;
	for (int i = 0; i < 50; i++)
		rows[2].port_list[i] = (uint16_t)(10000 + 2 * i);
	s = render("table", rows, 3);

	/* no raw control byte reaches the terminal */
	for (const char *p = s; *p != '\0'; p++)
		assert_true(*p == '\n' || (unsigned char)*p >= 0x20);
	assert_null(strchr(s, 0x7f));
	assert_non_null(strstr(s, "\\x1b]0;pwned\\x07Evil"));
	assert_non_null(strstr(s, "\\x1b[2J\\x9bx"));

	/* a header naming every column, in order */
	for (size_t i = 0, at = 0; output_columns[i] != NULL; i++) {
		const char *c = strstr(s + at, output_columns[i]);

		assert_non_null(c);
		at = (size_t)(c - s) + strlen(output_columns[i]);
	}

	/* runs of three or more ports fold; a cut list ends in ",..." */
	line2 = strchr(s, '\n') + 1;
	assert_non_null(strstr(line2,
	    " 21-23,25,53,80,110,139,143,443,445,3389 "));
	assert_non_null(strstr(line2, "2026-03-01T10:05:00Z"));
	assert_non_null(strstr(line2, "203.0.113.50"));
	assert_non_null(strstr(line2, "2026-03-01T10:06:01.250Z"));
	assert_non_null(strstr(strchr(line2, '\n'), " 1-50,... "));

	/* a list wider than 40 columns is cut after a whole port */
	assert_non_null(strstr(strstr(s, "198.51.100.8"), " 10000,10002,10004,"
	    "10006,10008,10010,... "));
	free(s);

	s = render("table", rows, 0);
	assert_int_equal(strncmp(s, "TimeGenerated", 13), 0);
	assert_ptr_equal(strchr(s, '\n'), s + strlen(s) - 1);
	free(s);
}

static struct finding
row(uint32_t attempts, int64_t bin, const char *src)
{
	struct finding f = example("", "");

	f.attempts = attempts;
	f.bin = bin;
	f.src = A(src);
	return f;
}

static void
test_sort(void **state)
{
	struct finding r[8];
	static const char *const want[8] = {
		"2001:db8::2", "9.0.0.0", "198.51.100.9", "198.51.100.10",
		"::ffff:0:0:1", "2001:db8::1", "203.0.113.5", "1.1.1.1",
	};

	(void)state;
	r[0] = row(100, T(10, 5, 0, 0), "203.0.113.5");
	r[1] = row(100, T(10, 0, 0, 0), "2001:db8::1");
	r[2] = row(100, T(10, 0, 0, 0), "198.51.100.10");
	r[3] = row(100, T(10, 0, 0, 0), "198.51.100.9");
	r[4] = row(200, T(10, 10, 0, 0), "2001:db8::2");
	r[5] = row(50, T(10, 0, 0, 0), "1.1.1.1");
	r[6] = row(100, T(10, 0, 0, 0), "::ffff:0:0:1");
	r[7] = row(100, T(10, 0, 0, 0), "9.0.0.0");
	output_sort(r, 8);

	/* attempts down, then bin up, then IPv4 before IPv6, numerically */
	for (int i = 0; i < 8; i++)
		assert_addr_eq(r[i].src, want[i]);
	output_sort(r, 0);
	output_sort(r, 1);
	assert_addr_eq(r[0].src, "2001:db8::2");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_registry),
		cmocka_unit_test(test_ports_list),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_jsonl),
		cmocka_unit_test(test_json_array),
		cmocka_unit_test(test_json_string),
		cmocka_unit_test(test_text_escaped),
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_sort),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
