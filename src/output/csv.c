/*
 * csv.c - findings as RFC 4180 CSV with a header row.
 *
 * A field is quoted when it holds a comma, a quote, CR or LF; quotes are
 * doubled.  PortsTargeted is written "[21,22,23]" and so always quoted.
 *
 * Vendor and product come from the logs, which attackers can write to.  A
 * spreadsheet runs a cell that starts with =, +, -, @, TAB or CR as a
 * formula, so such a field is written with a leading apostrophe (and
 * quoted), which spreadsheets show as text; output_csv_raw turns this off.
 */
#include <stdbool.h>
#include <string.h>

#include "../core/timeutil.h"
#include "output.h"

bool output_csv_raw;

static bool
csv_formula(struct str s)
{
	return s.n > 0 && memchr("=+-@\t\r", s.p[0], 6) != NULL;
}

static void
csv_field(FILE *fp, struct str s)
{
	bool formula = !output_csv_raw && csv_formula(s);
	bool quote = formula;

	for (size_t i = 0; i < s.n && !quote; i++)
		quote = s.p[i] == ',' || s.p[i] == '"' || s.p[i] == '\r' ||
		    s.p[i] == '\n';
	if (!quote) {
		fwrite(s.p, 1, s.n, fp);
		return;
	}
	fputc('"', fp);
	if (formula)
		fputc('\'', fp);
	for (size_t i = 0; i < s.n; i++) {
		if (s.p[i] == '"')
			fputc('"', fp);
		fputc(s.p[i], fp);
	}
	fputc('"', fp);
}

static void
csv_row(FILE *fp, const struct finding *f)
{
	char t[TIME_STRLEN], a[ADDR_STRLEN];

	time_format(f->bin, TIME_FRAC_NONE, t);
	addr_format(&f->src, a);
	fprintf(fp, "%s,%s,%s,%u,%u,%u,%u,\"", t, a, f->scan_type, f->ports,
	    f->hosts, f->attempts, f->per_minute);
	output_ports_list(fp, f);
	fprintf(fp, "\",%lld,", (long long)f->duration);
	time_format(f->first, TIME_FRAC_AUTO, t);
	fprintf(fp, "%s,", t);
	time_format(f->last, TIME_FRAC_AUTO, t);
	fprintf(fp, "%s,", t);
	csv_field(fp, f->vendor);
	fputc(',', fp);
	csv_field(fp, f->product);
	fputc('\n', fp);
}

static void
csv_write(FILE *fp, const struct finding *rows, size_t n)
{
	for (size_t i = 0; output_columns[i] != NULL; i++)
		fprintf(fp, i ? ",%s" : "%s", output_columns[i]);
	fputc('\n', fp);
	for (size_t i = 0; i < n; i++)
		csv_row(fp, &rows[i]);
}

const struct output output_csv = { "csv", csv_write };
