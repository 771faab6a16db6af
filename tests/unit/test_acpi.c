/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Unit tests of ACPI table discovery and the arena
 *
 * A fake platform serves a small physical memory image holding an RSDP,
 * an RSDT, an XSDT and some tables; discovery must prefer the XSDT, fall
 * back to the RSDT, check every length and checksum, and count what it
 * could not read.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <xenmb/errors.h>
#include <xenmb/arena.h>
#include <xenmb/platform.h>
#include <xenmb/acpi.h>
#include <xenmb/dmar.h>
#include <xenmb/mcfg.h>
#include <xenmb/iommuprobe.h>
#include "helper_acpitab.h"

/** Physical address where the fake memory starts */
#define FAKE_BASE 0xe0000ULL

/** Size of the fake memory */
#define FAKE_SIZE 0x4000

/** Where things live in the fake memory */
#define AT_RSDP 0xe0000ULL
#define AT_RSDT 0xe0100ULL
#define AT_XSDT 0xe0200ULL
#define AT_DMAR 0xe1000ULL
#define AT_MCFG 0xe2000ULL
#define AT_APIC 0xe3000ULL

/** Fake physical memory */
static uint8_t fake_mem[FAKE_SIZE];

/** Arena buffer */
static uint8_t arena_buf[256 * 1024];

/** Table under construction */
static struct tab tab;

/**
 * Read fake physical memory
 *
 * @v plat		Platform
 * @v addr		Address
 * @v buf		Buffer
 * @v len		Length
 * @ret rc		0, or -XEIO outside the fake memory
 */
static int fake_phys_read ( struct platform *plat, uint64_t addr, void *buf,
                            size_t len ) {
	( void )plat;
	if ( ( addr < FAKE_BASE ) || ( len > FAKE_SIZE ) ||
	     ( ( addr - FAKE_BASE ) > ( FAKE_SIZE - len ) ) )
		return -XEIO;
	memcpy ( buf, ( fake_mem + ( addr - FAKE_BASE ) ), len );
	return 0;
}

/**
 * Place the table under construction in fake memory
 *
 * @v addr		Address
 */
static void place ( uint64_t addr ) {
	memcpy ( ( fake_mem + ( addr - FAKE_BASE ) ), tab.buf, tab.len );
}

/**
 * Fix up a checksum byte over a range of fake memory
 *
 * @v addr		Start
 * @v len		Length covered
 * @v sum_at		Address of the checksum byte
 */
static void fix_sum ( uint64_t addr, size_t len, uint64_t sum_at ) {
	uint8_t *p = ( fake_mem + ( addr - FAKE_BASE ) );

	fake_mem[sum_at - FAKE_BASE] = 0;
	fake_mem[sum_at - FAKE_BASE] =
	        ( uint8_t )( 0x100 - acpi_checksum ( p, len ) );
}

/**
 * Build the fake machine: RSDP (revision 0 or 2), RSDT, XSDT, tables
 *
 * @v revision		RSDP revision
 */
static void build_machine ( uint8_t revision ) {
	uint8_t *rsdp = ( fake_mem + ( AT_RSDP - FAKE_BASE ) );

	memset ( fake_mem, 0, sizeof ( fake_mem ) );

	/* RSDP */
	memcpy ( rsdp, "RSD PTR ", 8 );
	memcpy ( rsdp + 9, "XENMB ", 6 );
	rsdp[15] = revision;
	rsdp[16] = ( uint8_t )AT_RSDT;
	rsdp[17] = ( uint8_t )( AT_RSDT >> 8 );
	rsdp[18] = ( uint8_t )( AT_RSDT >> 16 );
	fix_sum ( AT_RSDP, 20, AT_RSDP + 8 );
	rsdp[20] = 36;
	rsdp[24] = ( uint8_t )AT_XSDT;
	rsdp[25] = ( uint8_t )( AT_XSDT >> 8 );
	rsdp[26] = ( uint8_t )( AT_XSDT >> 16 );
	fix_sum ( AT_RSDP, 36, AT_RSDP + 32 );

	/* RSDT: DMAR, MCFG (APIC only in the XSDT) */
	tab_start ( &tab, "RSDT", 1 );
	tab_u32 ( &tab, ( uint32_t )AT_DMAR );
	tab_u32 ( &tab, ( uint32_t )AT_MCFG );
	tab_finish ( &tab );
	place ( AT_RSDT );

	/* XSDT: DMAR, MCFG, APIC, and one unreadable address */
	tab_start ( &tab, "XSDT", 1 );
	tab_u64 ( &tab, AT_DMAR );
	tab_u64 ( &tab, AT_MCFG );
	tab_u64 ( &tab, AT_APIC );
	tab_u64 ( &tab, 0x100000000ULL );
	tab_finish ( &tab );
	place ( AT_XSDT );

	/* DMAR with one DRHD, MCFG with one allocation (bad checksum) */
	tab_start ( &tab, "DMAR", 1 );
	tab_u8 ( &tab, 0x26 );
	tab_u8 ( &tab, 1 );
	tab_bytes ( &tab, "\0\0\0\0\0\0\0\0\0\0", 10 );
	tab_u16 ( &tab, 0 );
	tab_u16 ( &tab, 16 );
	tab_u32 ( &tab, 1 );
	tab_u64 ( &tab, 0xfed90000ULL );
	tab_finish ( &tab );
	place ( AT_DMAR );
	tab_start ( &tab, "MCFG", 1 );
	tab_u64 ( &tab, 0 );
	tab_u64 ( &tab, 0xb0000000ULL );
	tab_u32 ( &tab, 0xff000000 );
	tab_u32 ( &tab, 0 );
	tab_finish ( &tab );
	tab.buf[9]++;
	place ( AT_MCFG );
	tab_start ( &tab, "APIC", 4 );
	tab_u64 ( &tab, 0 );
	tab_finish ( &tab );
	place ( AT_APIC );
}

/**
 * Run discovery on the fake machine
 *
 * @v tables		Collection
 * @v arena		Arena
 * @ret rc		acpi_discover's result
 */
static int discover ( struct acpi_tables *tables, struct arena *arena ) {
	struct platform plat;

	memset ( &plat, 0, sizeof ( plat ) );
	plat.phys_read = fake_phys_read;
	plat.rsdp = AT_RSDP;
	arena_init ( arena, arena_buf, sizeof ( arena_buf ) );
	return acpi_discover ( tables, &plat, arena );
}

/** ACPI 2.0: the XSDT is walked, checksums are recorded */
static void test_acpi_xsdt ( void **state ) {
	static struct acpi_tables tables;
	const struct acpi_table *table;
	struct acpi_iommu iommu;
	struct arena arena;

	( void )state;
	build_machine ( 2 );
	assert_int_equal ( discover ( &tables, &arena ), 0 );
	assert_true ( tables.via_xsdt );
	assert_int_equal ( tables.root, AT_XSDT );
	assert_int_equal ( tables.rsdp_revision, 2 );
	assert_int_equal ( tables.count, 4 );
	assert_int_equal ( tables.bad, 1 );
	assert_string_equal ( tables.table[0].signature, "XSDT" );
	assert_string_equal ( tables.table[1].signature, "DMAR" );
	assert_int_equal ( tables.table[1].phys, AT_DMAR );
	assert_true ( tables.table[1].checksum_ok );
	assert_string_equal ( tables.table[1].oem_id, "XENMB " );
	assert_string_equal ( tables.table[1].oem_table_id, "UNITTEST" );
	table = acpi_find ( &tables, "MCFG", 0 );
	assert_non_null ( table );
	assert_false ( table->checksum_ok );
	assert_non_null ( acpi_find ( &tables, "APIC", 0 ) );
	assert_null ( acpi_find ( &tables, "APIC", 1 ) );
	assert_null ( acpi_find ( &tables, "IVRS", 0 ) );

	/* The tables are copies, not the fake memory */
	assert_ptr_not_equal ( table->data,
	                       ( fake_mem + ( AT_MCFG - FAKE_BASE ) ) );

	/* And the IOMMU tables decode from the collection */
	assert_int_equal ( acpi_parse_iommu ( &iommu, &tables, &arena ), 0 );
	assert_non_null ( iommu.dmar );
	assert_int_equal ( iommu.dmar->drhd_count, 1 );
	assert_int_equal ( iommu.dmar->drhd[0].base, 0xfed90000ULL );
	assert_non_null ( iommu.mcfg );
	assert_false ( iommu.mcfg->checksum_ok );
	assert_int_equal ( iommu.mcfg->alloc[0].base, 0xb0000000ULL );
	assert_int_equal ( iommu.mcfg->alloc[0].bus_end, 0xff );
	assert_null ( iommu.ivrs );
	assert_null ( iommu.viot );
}

/** ACPI 1.0, or a broken XSDT: the RSDT is walked */
static void test_acpi_rsdt ( void **state ) {
	static struct acpi_tables tables;
	struct arena arena;

	( void )state;
	build_machine ( 0 );
	assert_int_equal ( discover ( &tables, &arena ), 0 );
	assert_false ( tables.via_xsdt );
	assert_int_equal ( tables.count, 3 );
	assert_string_equal ( tables.table[0].signature, "RSDT" );
	assert_null ( acpi_find ( &tables, "APIC", 0 ) );

	/* XSDT signature broken: fall back */
	build_machine ( 2 );
	fake_mem[AT_XSDT - FAKE_BASE] = 'Y';
	assert_int_equal ( discover ( &tables, &arena ), 0 );
	assert_false ( tables.via_xsdt );
	assert_int_equal ( tables.count, 3 );

	/* Extended RSDP checksum broken: do not trust the XSDT address */
	build_machine ( 2 );
	fake_mem[AT_RSDP - FAKE_BASE + 32]++;
	assert_int_equal ( discover ( &tables, &arena ), 0 );
	assert_false ( tables.via_xsdt );
}

/** A broken RSDP or root table is an error */
static void test_acpi_bad_rsdp ( void **state ) {
	static struct acpi_tables tables;
	struct platform plat;
	struct arena arena;

	( void )state;
	build_machine ( 2 );
	fake_mem[AT_RSDP - FAKE_BASE + 8]++;
	assert_int_equal ( discover ( &tables, &arena ), -XEACPISUM );

	build_machine ( 2 );
	fake_mem[AT_RSDP - FAKE_BASE]++;
	assert_int_equal ( discover ( &tables, &arena ), -XEACPISIG );

	/* Root table length impossible */
	build_machine ( 0 );
	fake_mem[AT_RSDT - FAKE_BASE + 4] = 8;
	assert_int_equal ( discover ( &tables, &arena ), -XEACPILEN );

	/* No RSDP at all */
	memset ( &plat, 0, sizeof ( plat ) );
	plat.phys_read = fake_phys_read;
	arena_init ( &arena, arena_buf, sizeof ( arena_buf ) );
	assert_int_equal ( acpi_discover ( &tables, &plat, &arena ),
	                   -XENORSDP );
}

/** Tables from files: every length checked; the collection has a limit */
static void test_acpi_tables_add ( void **state ) {
	static struct acpi_tables tables;
	struct arena arena;
	unsigned int i;

	( void )state;
	memset ( &tables, 0, sizeof ( tables ) );
	arena_init ( &arena, arena_buf, sizeof ( arena_buf ) );
	tab_start ( &tab, "SSDT", 2 );
	tab_u32 ( &tab, 0x12345678 );
	tab_finish ( &tab );

	/* Fewer bytes than the length says */
	assert_int_equal ( acpi_tables_add ( &tables, &arena, tab.buf,
	                                     ( tab.len - 1 ), 0 ),
	                   -XEACPILEN );
	/* Shorter than a header */
	assert_int_equal ( acpi_tables_add ( &tables, &arena, tab.buf, 20, 0 ),
	                   -XEACPILEN );
	assert_int_equal ( tables.count, 0 );

	/* Fill the collection */
	for ( i = 0; i < ACPI_MAX_TABLES; i++ )
		assert_int_equal ( acpi_tables_add ( &tables, &arena, tab.buf,
		                                     tab.len, 0 ),
		                   0 );
	assert_int_equal (
	        acpi_tables_add ( &tables, &arena, tab.buf, tab.len, 0 ),
	        -XENOSPC );
	assert_int_equal ( tables.count, ACPI_MAX_TABLES );
	assert_true ( tables.table[5].checksum_ok );
	assert_int_equal ( tables.table[5].revision, 2 );
	assert_int_equal ( tables.table[5].length, 40 );

	/* Header claims more than the maximum */
	memset ( &tables, 0, sizeof ( tables ) );
	tab.buf[7] = 0x10;
	assert_int_equal (
	        acpi_tables_add ( &tables, &arena, tab.buf, tab.len, 0 ),
	        -XEACPILEN );

	/* Arena too small for the copy */
	tab_finish ( &tab );
	arena_init ( &arena, arena_buf, 16 );
	assert_int_equal (
	        acpi_tables_add ( &tables, &arena, tab.buf, tab.len, 0 ),
	        -XENOMEM );
}

/** Checksums */
static void test_acpi_checksum ( void **state ) {
	static const uint8_t bytes[] = { 0x10, 0x20, 0xd0 };

	( void )state;
	assert_int_equal ( acpi_checksum ( bytes, 3 ), 0 );
	assert_int_equal ( acpi_checksum ( bytes, 2 ), 0x30 );
	assert_int_equal ( acpi_checksum ( bytes, 0 ), 0 );
}

/** The arena: alignment, zeroing, exhaustion, overflow */
static void test_arena ( void **state ) {
	static uint8_t buf[64];
	struct arena arena;
	uint8_t *a;
	uint8_t *b;

	( void )state;
	memset ( buf, 0xff, sizeof ( buf ) );
	arena_init ( &arena, buf, sizeof ( buf ) );
	a = arena_alloc ( &arena, 3 );
	b = arena_alloc ( &arena, 8 );
	assert_non_null ( a );
	assert_non_null ( b );
	assert_int_equal ( ( ( uintptr_t )b % ARENA_ALIGN ), 0 );
	assert_true ( b >= ( a + 3 ) );
	assert_int_equal ( a[0] | a[1] | a[2], 0 );
	assert_null ( arena_alloc ( &arena, 64 ) );
	assert_non_null ( arena_alloc ( &arena, 8 ) );
	assert_null ( arena_alloc_array ( &arena, ( ( size_t )-1 ) / 2, 4 ) );
	assert_true ( arena.used <= arena.size );
}

/**
 * Run the tests
 *
 * @ret rc		Number of failed tests
 */
int main ( void ) {
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test ( test_acpi_xsdt ),
	        cmocka_unit_test ( test_acpi_rsdt ),
	        cmocka_unit_test ( test_acpi_bad_rsdp ),
	        cmocka_unit_test ( test_acpi_tables_add ),
	        cmocka_unit_test ( test_acpi_checksum ),
	        cmocka_unit_test ( test_arena ),
	};

	return cmocka_run_group_tests ( tests, NULL, NULL );
}
