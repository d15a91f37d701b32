/* numfmt.h - numbers for people: every table, prose line and chart label
 * that a planner reads goes through these, so the same quantity reads the
 * same everywhere (grouped thousands, money as 10.19M, no scientific
 * notation). Machine output (JSON, CSV) keeps full precision elsewhere. */
#ifndef ARS_UTIL_NUMFMT_H
#define ARS_UTIL_NUMFMT_H

#include <stddef.h>

/* Fixed decimals with thousands separators: (1234567.891, 2) -> "1,234,567.89". */
void ars__fmt_fixed(char *buf, size_t len, double v, int decimals);

/* A quantity in units (shells, shortfall, worker-periods): no decimals when
 * it is integral, else two: "4,589,167.69", "140,000". */
void ars__fmt_amount(char *buf, size_t len, double v);

/* Money: "10.19M", "1.20B", "564,927", "12.50" (two decimals under 100). */
void ars__fmt_money(char *buf, size_t len, double v);

/* About `sig` significant digits, never in scientific notation: values of
 * 10^(sig-1) and more are whole numbers ("12,670"), smaller ones keep sig
 * significant digits without trailing zeros ("0.8", "78.17", "0.0004146"). */
void ars__fmt_sig(char *buf, size_t len, double v, int sig);

/* The same with a sign: "+1,234", "-0.5"; zero is "0". */
void ars__fmt_sig_signed(char *buf, size_t len, double v, int sig);

#endif /* ARS_UTIL_NUMFMT_H */
