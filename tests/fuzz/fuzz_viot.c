/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Fuzz harness for the VIOT decoder (viot.c)
 *
 * The input is one VIOT table (signature and length forced).  It is
 * decoded and written as JSON; the sanitizers catch any read outside the
 * table or the arena.  Seeds: the .bin files of tests/corpus/acpi/VIOT.
 */
#include <stddef.h>
#include <stdint.h>
#include "fuzz_acpitab.h"

/**
 * Fuzz one input
 *
 * @v data		Input
 * @v size		Length
 * @ret rc		0
 */
int LLVMFuzzerTestOneInput ( const uint8_t *data, size_t size ) {
	static struct acpi_tables tables;
	struct arena arena;

	if ( fuzz_table ( data, size, "VIOT", &tables, &arena ) )
		fuzz_report ( &tables, &arena );
	return 0;
}
