/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Unit tests of the MCFG decoder
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <xenmb/errors.h>
#include <xenmb/arena.h>
#include <xenmb/acpi.h>
#include <xenmb/mcfg.h>
#include <xenmb/pci.h>
#include "helper_acpitab.h"

/** Arena for the decoded structures */
static uint8_t arena_buf[64 * 1024];

/** Table under construction */
static struct tab tab;

/**
 * Append an allocation
 *
 * @v base		Base address
 * @v segment		Segment
 * @v start		First bus
 * @v end		Last bus
 */
static void mcfg_alloc ( uint64_t base, uint16_t segment, uint8_t start,
                         uint8_t end ) {
	tab_u64 ( &tab, base );
	tab_u16 ( &tab, segment );
	tab_u8 ( &tab, start );
	tab_u8 ( &tab, end );
	tab_u32 ( &tab, 0 );
}

/**
 * Decode the table under construction
 *
 * @v table		Table description
 * @v mcfg		Result
 * @ret rc		mcfg_parse's result
 */
static int mcfg_decode ( struct acpi_table *table, struct mcfg **mcfg ) {
	static struct arena arena;

	arena_init ( &arena, arena_buf, sizeof ( arena_buf ) );
	tab_table ( &tab, table );
	return mcfg_parse ( table, &arena, mcfg );
}

/** Allocations decoded and looked up by segment and bus */
static void test_mcfg_allocations ( void **state ) {
	struct acpi_table table;
	struct pci_ecam ecam[4];
	struct mcfg *mcfg;
	unsigned int n;

	( void )state;
	tab_start ( &tab, "MCFG", 1 );
	tab_u64 ( &tab, 0 );
	mcfg_alloc ( 0xe0000000ULL, 0, 0, 0x3f );
	mcfg_alloc ( 0x3f000000000ULL, 1, 0x80, 0xff );
	tab_u16 ( &tab, 0xffff );
	tab_finish ( &tab );

	assert_int_equal ( mcfg_decode ( &table, &mcfg ), 0 );
	assert_true ( mcfg->checksum_ok );
	assert_int_equal ( mcfg->count, 2 );
	assert_int_equal ( mcfg->trailing, 2 );
	assert_int_equal ( mcfg->alloc[0].base, 0xe0000000ULL );
	assert_int_equal ( mcfg->alloc[0].bus_end, 0x3f );
	assert_int_equal ( mcfg->alloc[1].base, 0x3f000000000ULL );
	assert_int_equal ( mcfg->alloc[1].segment, 1 );
	assert_int_equal ( mcfg->alloc[1].bus_start, 0x80 );
	n = mcfg_windows ( mcfg, ecam, 4 );
	assert_int_equal ( n, 2 );
	assert_int_equal ( ecam[1].base, 0x3f000000000ULL );
	assert_ptr_equal ( pci_ecam_find ( ecam, n, 0, 0x3f ), &ecam[0] );
	assert_null ( pci_ecam_find ( ecam, n, 0, 0x40 ) );
	assert_ptr_equal ( pci_ecam_find ( ecam, n, 1, 0x80 ), &ecam[1] );
	assert_null ( pci_ecam_find ( ecam, n, 1, 0x7f ) );
	assert_null ( pci_ecam_find ( ecam, n, 2, 0 ) );
	assert_int_equal ( mcfg_windows ( mcfg, ecam, 1 ), 1 );
}

/** Empty, truncated, wrong signature, bad checksum */
static void test_mcfg_broken ( void **state ) {
	struct acpi_table table;
	struct mcfg *mcfg;

	( void )state;
	tab_start ( &tab, "MCFG", 1 );
	tab_u64 ( &tab, 0 );
	tab_finish ( &tab );
	assert_int_equal ( mcfg_decode ( &table, &mcfg ), 0 );
	assert_int_equal ( mcfg->count, 0 );

	tab_start ( &tab, "MCFG", 1 );
	tab_u32 ( &tab, 0 );
	tab_finish ( &tab );
	assert_int_equal ( mcfg_decode ( &table, &mcfg ), -XEACPILEN );
	assert_null ( mcfg );

	tab_start ( &tab, "MCFX", 1 );
	tab_u64 ( &tab, 0 );
	tab_finish ( &tab );
	assert_int_equal ( mcfg_decode ( &table, &mcfg ), -XEACPISIG );

	tab_start ( &tab, "MCFG", 1 );
	tab_u64 ( &tab, 0 );
	mcfg_alloc ( 0xe0000000ULL, 0, 0, 0xff );
	tab_finish ( &tab );
	tab.buf[20] ^= 0x10;
	assert_int_equal ( mcfg_decode ( &table, &mcfg ), 0 );
	assert_false ( mcfg->checksum_ok );
	assert_int_equal ( mcfg->count, 1 );
}

/**
 * Run the tests
 *
 * @ret rc		Number of failed tests
 */
int main ( void ) {
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test ( test_mcfg_allocations ),
	        cmocka_unit_test ( test_mcfg_broken ),
	};

	return cmocka_run_group_tests ( tests, NULL, NULL );
}
