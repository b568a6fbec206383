/*
 * json.c - findings as JSON lines (one object per line) or as one JSON
 * array.  Keys are the column names, in column order; counts and ports are
 * numbers, times RFC 3339 strings.
 */
#include "../core/timeutil.h"
#include "output.h"

static void
json_object(FILE *fp, const struct finding *f)
{
	char t[TIME_STRLEN], a[ADDR_STRLEN];

	time_format(f->bin, TIME_FRAC_NONE, t);
	addr_format(&f->src, a);
	fprintf(fp, "{\"TimeGenerated\":\"%s\",\"SourceIP\":\"%s\","
	    "\"ScanType\":\"%s\",\"UniqueDestPorts\":%u,"
	    "\"UniqueDestIPs\":%u,\"TotalAttempts\":%u,"
	    "\"AttemptsPerMinute\":%u,\"PortsTargeted\":", t, a,
	    f->scan_type, f->ports, f->hosts, f->attempts, f->per_minute);
	output_ports_list(fp, f);
	fprintf(fp, ",\"ScanDurationSeconds\":%lld,", (long long)f->duration);
	time_format(f->first, TIME_FRAC_AUTO, t);
	fprintf(fp, "\"FirstSeen\":\"%s\",", t);
	time_format(f->last, TIME_FRAC_AUTO, t);
	fprintf(fp, "\"LastSeen\":\"%s\",\"DeviceVendor\":\"", t);
	output_json_string(fp, f->vendor);
	fputs("\",\"DeviceProduct\":\"", fp);
	output_json_string(fp, f->product);
	fputs("\"}", fp);
}

static void
jsonl_write(FILE *fp, const struct finding *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		json_object(fp, &rows[i]);
		fputc('\n', fp);
	}
}

static void
json_write(FILE *fp, const struct finding *rows, size_t n)
{
	fputc('[', fp);
	for (size_t i = 0; i < n; i++) {
		fputs(i ? ",\n" : "\n", fp);
		json_object(fp, &rows[i]);
	}
	fputs(n ? "\n]\n" : "]\n", fp);
}

const struct output output_jsonl = { "jsonl", jsonl_write };
const struct output output_json = { "json", json_write };
