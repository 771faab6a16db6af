/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Unit tests of the BIOS RSDP search (src/interface/pcbios/rsdp.c)
 *
 * The search is compiled here from the carrier's source and run over
 * buffers that stand for the BIOS area, with RSDPs built by the test:
 * ACPI 1.0 and 2.0 structures, broken checksums, impossible lengths and
 * candidates off the 16-byte grid.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "../../src/interface/pcbios/rsdp.c"

/** Size of the fake BIOS area */
#define AREA_LEN 4096

/** Physical address the fake area stands for */
#define AREA_PHYS 0xe0000

/**
 * Build an RSDP
 *
 * @v area		Area
 * @v offset		Offset of the RSDP
 * @v revision		Revision (0 or 2)
 * @v length		Length field (revision 2)
 */
static void build_rsdp ( uint8_t *area, size_t offset, uint8_t revision,
                         uint32_t length ) {
	uint8_t *rsdp = ( area + offset );
	uint8_t sum;
	size_t i;

	memcpy ( rsdp, "RSD PTR ", 8 );
	memcpy ( ( rsdp + 9 ), "XENMB ", 6 );
	rsdp[15] = revision;
	memcpy ( ( rsdp + 16 ), "\x00\x10\xfe\x1f", 4 );
	if ( revision >= 2 ) {
		memcpy ( ( rsdp + 20 ), &length, 4 );
		memcpy ( ( rsdp + 24 ), "\x40\x10\xfe\x1f\0\0\0\0", 8 );
	}
	/* ACPI 1.0 checksum over 20 bytes, then the extended one */
	rsdp[8] = 0;
	for ( sum = 0, i = 0; i < 20; i++ )
		sum += rsdp[i];
	rsdp[8] = -sum;
	if ( revision >= 2 ) {
		rsdp[32] = 0;
		for ( sum = 0, i = 0; i < length; i++ )
			sum += rsdp[i];
		rsdp[32] = -sum;
	}
}

/**
 * Find ACPI 1.0 and 2.0 RSDPs; the first valid one wins
 *
 * @v state		Unused
 */
static void test_rsdp_found ( void **state ) {
	static uint8_t area[AREA_LEN];

	( void )state;
	memset ( area, 0, sizeof ( area ) );
	assert_int_equal ( rsdp_scan ( area, AREA_PHYS, AREA_LEN ), 0 );

	build_rsdp ( area, 0x230, 0, 0 );
	assert_int_equal ( rsdp_scan ( area, AREA_PHYS, AREA_LEN ),
	                   AREA_PHYS + 0x230 );

	build_rsdp ( area, 0x100, 2, 36 );
	assert_int_equal ( rsdp_scan ( area, AREA_PHYS, AREA_LEN ),
	                   AREA_PHYS + 0x100 );

	/* Right at the end of the area */
	memset ( area, 0, sizeof ( area ) );
	build_rsdp ( area, ( AREA_LEN - 48 ), 2, 36 );
	assert_int_equal ( rsdp_scan ( area, AREA_PHYS, AREA_LEN ),
	                   AREA_PHYS + AREA_LEN - 48 );
}

/**
 * Refuse broken candidates
 *
 * @v state		Unused
 */
static void test_rsdp_refused ( void **state ) {
	static uint8_t area[AREA_LEN];

	( void )state;

	/* Off the 16-byte grid */
	memset ( area, 0, sizeof ( area ) );
	build_rsdp ( area, 0x108, 0, 0 );
	assert_int_equal ( rsdp_scan ( area, AREA_PHYS, AREA_LEN ), 0 );

	/* ACPI 1.0 checksum wrong */
	memset ( area, 0, sizeof ( area ) );
	build_rsdp ( area, 0x100, 0, 0 );
	area[0x100 + 16] ^= 1;
	assert_int_equal ( rsdp_scan ( area, AREA_PHYS, AREA_LEN ), 0 );

	/* Extended checksum wrong (a byte past the first 20) */
	memset ( area, 0, sizeof ( area ) );
	build_rsdp ( area, 0x100, 2, 36 );
	area[0x100 + 30] ^= 1;
	assert_int_equal ( rsdp_scan ( area, AREA_PHYS, AREA_LEN ), 0 );

	/* Length too small, or past the end of the area */
	memset ( area, 0, sizeof ( area ) );
	build_rsdp ( area, 0x100, 2, 20 );
	assert_int_equal ( rsdp_scan ( area, AREA_PHYS, AREA_LEN ), 0 );
	memset ( area, 0, sizeof ( area ) );
	build_rsdp ( area, ( AREA_LEN - 48 ), 2, 36 );
	assert_int_equal ( rsdp_scan ( area, AREA_PHYS, ( AREA_LEN - 16 ) ),
	                   0 );

	/* A broken candidate before a good one is skipped */
	memset ( area, 0, sizeof ( area ) );
	build_rsdp ( area, 0x100, 2, 36 );
	area[0x100 + 30] ^= 1;
	build_rsdp ( area, 0x200, 0, 0 );
	assert_int_equal ( rsdp_scan ( area, AREA_PHYS, AREA_LEN ),
	                   AREA_PHYS + 0x200 );
}

/**
 * Run the tests
 *
 * @ret rc		Number of failed tests
 */
int main ( void ) {
	static const struct CMUnitTest tests[] = {
	        cmocka_unit_test ( test_rsdp_found ),
	        cmocka_unit_test ( test_rsdp_refused ),
	};

	return cmocka_run_group_tests ( tests, NULL, NULL );
}
