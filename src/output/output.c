/*
 * output.c - the output registry and what the formats share: row order,
 * port lists and escaping.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"

const char *const output_columns[] = {
	"TimeGenerated", "SourceIP", "ScanType", "UniqueDestPorts",
	"UniqueDestIPs", "TotalAttempts", "AttemptsPerMinute",
	"PortsTargeted", "ScanDurationSeconds", "FirstSeen", "LastSeen",
	"DeviceVendor", "DeviceProduct", NULL
};

static const struct output *const outputs[] = {
	&output_table, &output_csv, &output_jsonl, &output_json,
};

const struct output *
output_by_name(const char *name)
{
	for (size_t i = 0; i < sizeof(outputs) / sizeof(outputs[0]); i++)
		if (strcmp(outputs[i]->name, name) == 0)
			return outputs[i];
	return NULL;
}

static int
row_cmp(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;

	if (x->attempts != y->attempts)
		return x->attempts > y->attempts ? -1 : 1;
	if (x->bin != y->bin)
		return x->bin < y->bin ? -1 : 1;
	return addr_cmp(&x->src, &y->src);
}

void
output_sort(struct finding *rows, size_t n)
{
	if (n > 1)
		qsort(rows, n, sizeof(*rows), row_cmp);
}

void
output_ports_list(FILE *fp, const struct finding *f)
{
	fputc('[', fp);
	for (uint32_t i = 0; i < f->nport_list; i++)
		fprintf(fp, i ? ",%u" : "%u", f->port_list[i]);
	fputc(']', fp);
}

/*
 * Length of the valid UTF-8 sequence at s (1..4) within the rem bytes
 * left, or 0 if the bytes there are not one (overlong forms, surrogates,
 * values past U+10FFFF and sequences cut short are invalid).
 */
static size_t
utf8_len(const unsigned char *s, size_t rem)
{
	unsigned c = s[0];
	size_t n;
	unsigned min, v;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2, min = 0x80, v = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3, min = 0x800, v = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4, min = 0x10000, v = c & 0x07;
	else
		return 0;
	if (n > rem)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		v = v << 6 | (s[i] & 0x3f);
	}
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return 0;
	return n;
}

void
output_json_string(FILE *fp, struct str text)
{
	const unsigned char *s = (const unsigned char *)text.p;
	const unsigned char *end = s + text.n;

	while (s < end) {
		size_t n = utf8_len(s, (size_t)(end - s));

		if (n == 0) {
			fputs("\\ufffd", fp);
			s++;
		} else if (*s == '"' || *s == '\\') {
			fputc('\\', fp);
			fputc(*s++, fp);
		} else if (*s < 0x20 || *s == 0x7f) {
			fprintf(fp, "\\u%04x", *s++);
		} else if (n == 2 && s[0] == 0xc2 && s[1] < 0xa0) {
			/* C1 controls: valid JSON raw, but terminals obey
			 * them, so escape them too */
			fprintf(fp, "\\u%04x", s[1]);
			s += 2;
		} else {
			fwrite(s, 1, n, fp);
			s += n;
		}
	}
}

size_t
output_text_escaped(FILE *fp, struct str text)
{
	const unsigned char *s = (const unsigned char *)text.p;
	const unsigned char *end = s + text.n;
	size_t cols = 0;

	while (s < end) {
		size_t n = utf8_len(s, (size_t)(end - s));
		bool c1 = n == 2 && s[0] == 0xc2 && s[1] < 0xa0;

		if (n == 0 || c1 || *s < 0x20 || *s == 0x7f) {
			/* controls, C1 controls and bad bytes as \xHH */
			if (n == 0 || !c1)
				n = 1;
			for (size_t i = 0; i < n; i++, s++)
				if (fp != NULL)
					fprintf(fp, "\\x%02x", *s);
			cols += 4 * n;
		} else if (*s == '\\') {
			if (fp != NULL)
				fputs("\\\\", fp);
			s++;
			cols += 2;
		} else {
			if (fp != NULL)
				fwrite(s, 1, n, fp);
			s += n;
			cols++;
		}
	}
	return cols;
}
