/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Unit tests of the DMAR decoder
 *
 * Each test builds a DMAR table field by field, decodes it and compares
 * every decoded field with what was written; broken tables (zero or
 * overlong lengths, truncation, unknown types) must stop or skip as the
 * rules say, never loop or read outside the table.
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
#include <xenmb/dmar.h>
#include "helper_acpitab.h"

/** Arena for the decoded structures */
static uint8_t arena_buf[4 * 1024 * 1024];

/** Table under construction */
static struct tab tab;

/**
 * Start a DMAR table
 *
 * @v width		Host address width field
 * @v flags		Flags
 */
static void dmar_start ( uint8_t width, uint8_t flags ) {
	uint8_t reserved[10] = { 0 };

	tab_start ( &tab, "DMAR", 1 );
	tab_u8 ( &tab, width );
	tab_u8 ( &tab, flags );
	tab_bytes ( &tab, reserved, sizeof ( reserved ) );
}

/**
 * Append a device scope
 *
 * @v type		Scope type
 * @v id		Enumeration ID
 * @v bus		Start bus
 * @v path		Path bytes (device, function pairs)
 * @v hops		Number of hops
 */
static void dmar_scope ( uint8_t type, uint8_t id, uint8_t bus,
                         const uint8_t *path, unsigned int hops ) {
	tab_u8 ( &tab, type );
	tab_u8 ( &tab, ( uint8_t )( 6 + 2 * hops ) );
	tab_u16 ( &tab, 0 );
	tab_u8 ( &tab, id );
	tab_u8 ( &tab, bus );
	tab_bytes ( &tab, path, 2 * hops );
}

/**
 * Decode the table under construction
 *
 * @v arena		Arena
 * @v table		Table description
 * @v dmar		Result
 * @ret rc		dmar_parse's result
 */
static int dmar_decode ( struct arena *arena, struct acpi_table *table,
                         struct dmar **dmar ) {
	arena_init ( arena, arena_buf, sizeof ( arena_buf ) );
	tab_table ( &tab, table );
	return dmar_parse ( table, arena, dmar );
}

/** Every structure type, scopes with one and several hops */
static void test_dmar_all_types ( void **state ) {
	static const uint8_t one[] = { 0x02, 0x00 };
	static const uint8_t three[] = { 0x1c, 0x04, 0x00, 0x00, 0x03, 0x01 };
	static const char name[] = "\\_SB.PCI0.I2C0";
	struct acpi_table table;
	struct arena arena;
	struct dmar *dmar;
	size_t start;

	( void )state;
	dmar_start ( 0x26, DMAR_INTR_REMAP | DMAR_X2APIC_OPT_OUT );

	/* DRHD with an endpoint and an IO-APIC */
	start = tab_u16 ( &tab, DMAR_TYPE_DRHD );
	tab_u16 ( &tab, 0 );
	tab_u8 ( &tab, 0 );
	tab_u8 ( &tab, 0 );
	tab_u16 ( &tab, 0 );
	tab_u64 ( &tab, 0xfed90000ULL );
	dmar_scope ( DMAR_SCOPE_ENDPOINT, 0, 0, one, 1 );
	dmar_scope ( DMAR_SCOPE_IOAPIC, 2, 0xf0, ( const uint8_t * )"\x1f\x00",
	             1 );
	tab_put16 ( &tab, start + 2, ( uint16_t )( tab.len - start ) );

	/* DRHD INCLUDE_PCI_ALL on segment 1, a three-hop bridge scope */
	start = tab_u16 ( &tab, DMAR_TYPE_DRHD );
	tab_u16 ( &tab, 0 );
	tab_u8 ( &tab, DMAR_DRHD_INCLUDE_PCI_ALL );
	tab_u8 ( &tab, 0 );
	tab_u16 ( &tab, 1 );
	tab_u64 ( &tab, 0x123456789000ULL );
	dmar_scope ( DMAR_SCOPE_BRIDGE, 0, 0x10, three, 3 );
	tab_put16 ( &tab, start + 2, ( uint16_t )( tab.len - start ) );

	/* RMRR */
	start = tab_u16 ( &tab, DMAR_TYPE_RMRR );
	tab_u16 ( &tab, 0 );
	tab_u16 ( &tab, 0 );
	tab_u16 ( &tab, 0 );
	tab_u64 ( &tab, 0xa3eea000ULL );
	tab_u64 ( &tab, 0xa3ef8fffULL );
	dmar_scope ( DMAR_SCOPE_ENDPOINT, 0, 0, ( const uint8_t * )"\x14\x00",
	             1 );
	tab_put16 ( &tab, start + 2, ( uint16_t )( tab.len - start ) );

	/* ATSR */
	start = tab_u16 ( &tab, DMAR_TYPE_ATSR );
	tab_u16 ( &tab, 0 );
	tab_u8 ( &tab, DMAR_ATSR_ALL_PORTS );
	tab_u8 ( &tab, 0 );
	tab_u16 ( &tab, 0 );
	tab_put16 ( &tab, start + 2, ( uint16_t )( tab.len - start ) );

	/* RHSA */
	tab_u16 ( &tab, DMAR_TYPE_RHSA );
	tab_u16 ( &tab, 20 );
	tab_u32 ( &tab, 0 );
	tab_u64 ( &tab, 0xc7ffc000ULL );
	tab_u32 ( &tab, 3 );

	/* ANDD */
	tab_u16 ( &tab, DMAR_TYPE_ANDD );
	tab_u16 ( &tab, ( uint16_t )( 8 + sizeof ( name ) ) );
	tab_u16 ( &tab, 0 );
	tab_u8 ( &tab, 0 );
	tab_u8 ( &tab, 7 );
	tab_bytes ( &tab, name, sizeof ( name ) );

	/* SATC and SIDP */
	start = tab_u16 ( &tab, DMAR_TYPE_SATC );
	tab_u16 ( &tab, 0 );
	tab_u8 ( &tab, DMAR_SATC_ATC_REQUIRED );
	tab_u8 ( &tab, 0 );
	tab_u16 ( &tab, 0 );
	dmar_scope ( DMAR_SCOPE_ENDPOINT, 0, 0, ( const uint8_t * )"\x0b\x00",
	             1 );
	tab_put16 ( &tab, start + 2, ( uint16_t )( tab.len - start ) );
	start = tab_u16 ( &tab, DMAR_TYPE_SIDP );
	tab_u16 ( &tab, 0 );
	tab_u16 ( &tab, 0 );
	tab_u16 ( &tab, 2 );
	dmar_scope ( DMAR_SCOPE_ENDPOINT, 0, 0, ( const uint8_t * )"\x0c\x01",
	             1 );
	tab_put16 ( &tab, start + 2, ( uint16_t )( tab.len - start ) );
	tab_finish ( &tab );

	assert_int_equal ( dmar_decode ( &arena, &table, &dmar ), 0 );
	assert_non_null ( dmar );
	assert_true ( dmar->checksum_ok );
	assert_int_equal ( dmar->haw, 0x27 );
	assert_int_equal ( dmar->flags, 3 );

	assert_int_equal ( dmar->drhd_count, 2 );
	assert_int_equal ( dmar->drhd[0].base, 0xfed90000ULL );
	assert_int_equal ( dmar->drhd[0].scopes.count, 2 );
	assert_int_equal ( dmar->drhd[0].scopes.scope[0].type,
	                   DMAR_SCOPE_ENDPOINT );
	assert_int_equal ( dmar->drhd[0].scopes.scope[0].bdf, 0x0010 );
	assert_int_equal ( dmar->drhd[0].scopes.scope[1].type,
	                   DMAR_SCOPE_IOAPIC );
	assert_int_equal ( dmar->drhd[0].scopes.scope[1].enum_id, 2 );
	assert_int_equal ( dmar->drhd[0].scopes.scope[1].bdf, 0xf0f8 );
	assert_int_equal ( dmar->drhd[1].flags, DMAR_DRHD_INCLUDE_PCI_ALL );
	assert_int_equal ( dmar->drhd[1].segment, 1 );
	assert_int_equal ( dmar->drhd[1].base, 0x123456789000ULL );
	assert_int_equal ( dmar->drhd[1].scopes.count, 1 );
	assert_int_equal ( dmar->drhd[1].scopes.scope[0].hops, 3 );
	assert_memory_equal ( dmar->drhd[1].scopes.scope[0].path, three,
	                      sizeof ( three ) );
	/* First hop on the start bus: 10:1c.4 */
	assert_int_equal ( dmar->drhd[1].scopes.scope[0].bdf,
	                   ( 0x10 << 8 ) | ( 0x1c << 3 ) | 4 );

	assert_int_equal ( dmar->rmrr_count, 1 );
	assert_int_equal ( dmar->rmrr[0].base, 0xa3eea000ULL );
	assert_int_equal ( dmar->rmrr[0].limit, 0xa3ef8fffULL );
	assert_int_equal ( dmar->rmrr[0].scopes.count, 1 );
	assert_int_equal ( dmar->rmrr[0].scopes.scope[0].bdf, 0x14 << 3 );
	assert_int_equal ( dmar->atsr_count, 1 );
	assert_int_equal ( dmar->atsr[0].flags, DMAR_ATSR_ALL_PORTS );
	assert_int_equal ( dmar->atsr[0].scopes.count, 0 );
	assert_int_equal ( dmar->rhsa_count, 1 );
	assert_int_equal ( dmar->rhsa[0].base, 0xc7ffc000ULL );
	assert_int_equal ( dmar->rhsa[0].proximity_domain, 3 );
	assert_int_equal ( dmar->andd_count, 1 );
	assert_int_equal ( dmar->andd[0].device_number, 7 );
	assert_int_equal ( dmar->andd[0].name_len, strlen ( name ) );
	assert_memory_equal ( dmar->andd[0].name, name, strlen ( name ) );
	assert_int_equal ( dmar->satc_count, 1 );
	assert_int_equal ( dmar->satc[0].flags, DMAR_SATC_ATC_REQUIRED );
	assert_int_equal ( dmar->satc[0].scopes.scope[0].bdf, 0x0b << 3 );
	assert_int_equal ( dmar->sidp_count, 1 );
	assert_int_equal ( dmar->sidp[0].segment, 2 );
	assert_int_equal ( dmar->sidp[0].scopes.scope[0].bdf,
	                   ( 0x0c << 3 ) | 1 );
	assert_int_equal ( dmar->scope_count, 6 );
	assert_int_equal ( dmar->walk.rc, 0 );
	assert_int_equal ( dmar->walk.unknown_count, 0 );
}

/**
 * Append a DRHD with one endpoint scope
 *
 * @v base		Register base
 */
static void dmar_simple_drhd ( uint64_t base ) {
	tab_u16 ( &tab, DMAR_TYPE_DRHD );
	tab_u16 ( &tab, 24 );
	tab_u32 ( &tab, 0 );
	tab_u64 ( &tab, base );
	dmar_scope ( DMAR_SCOPE_ENDPOINT, 0, 0, ( const uint8_t * )"\x02\x00",
	             1 );
}

/** A zero-length structure stops the walk; what came before is kept */
static void test_dmar_zero_length ( void **state ) {
	struct acpi_table table;
	struct arena arena;
	struct dmar *dmar;
	size_t bad;

	( void )state;
	dmar_start ( 0x26, 0 );
	dmar_simple_drhd ( 0xfed90000ULL );
	bad = tab_u16 ( &tab, DMAR_TYPE_RMRR );
	tab_u16 ( &tab, 0 );
	dmar_simple_drhd ( 0xfed91000ULL );
	tab_finish ( &tab );

	assert_int_equal ( dmar_decode ( &arena, &table, &dmar ), -XEACPISUB );
	assert_non_null ( dmar );
	assert_int_equal ( dmar->drhd_count, 1 );
	assert_int_equal ( dmar->rmrr_count, 0 );
	assert_int_equal ( dmar->walk.rc, -XEACPISUB );
	assert_int_equal ( dmar->walk.error_offset, bad );
	assert_non_null ( dmar->walk.error_what );
}

/** A zero-length device scope stops the walk inside its structure */
static void test_dmar_zero_scope ( void **state ) {
	struct acpi_table table;
	struct arena arena;
	struct dmar *dmar;
	size_t bad;

	( void )state;
	dmar_start ( 0x26, 0 );
	tab_u16 ( &tab, DMAR_TYPE_DRHD );
	tab_u16 ( &tab, 32 );
	tab_u32 ( &tab, 0 );
	tab_u64 ( &tab, 0xfed90000ULL );
	dmar_scope ( DMAR_SCOPE_ENDPOINT, 0, 0, ( const uint8_t * )"\x02\x00",
	             1 );
	bad = tab_u8 ( &tab, DMAR_SCOPE_ENDPOINT );
	tab_u8 ( &tab, 0 );
	tab_u16 ( &tab, 0 );
	tab_u32 ( &tab, 0 );
	tab_finish ( &tab );

	assert_int_equal ( dmar_decode ( &arena, &table, &dmar ), -XEACPISUB );
	assert_int_equal ( dmar->drhd_count, 1 );
	assert_int_equal ( dmar->drhd[0].scopes.count, 1 );
	assert_int_equal ( dmar->walk.error_offset, bad );
}

/** A scope longer than its structure, a structure longer than the table */
static void test_dmar_overruns ( void **state ) {
	struct acpi_table table;
	struct arena arena;
	struct dmar *dmar;

	( void )state;

	/* Scope says 16 bytes, the DRHD has 8 left */
	dmar_start ( 0x26, 0 );
	tab_u16 ( &tab, DMAR_TYPE_DRHD );
	tab_u16 ( &tab, 24 );
	tab_u32 ( &tab, 0 );
	tab_u64 ( &tab, 0xfed90000ULL );
	tab_u8 ( &tab, DMAR_SCOPE_ENDPOINT );
	tab_u8 ( &tab, 16 );
	tab_u16 ( &tab, 0 );
	tab_u32 ( &tab, 0x0002 );
	tab_u64 ( &tab, 0 );
	tab_finish ( &tab );
	assert_int_equal ( dmar_decode ( &arena, &table, &dmar ), -XEACPISUB );
	assert_int_equal ( dmar->drhd[0].scopes.count, 0 );

	/* Structure says 0x100 bytes, the table ends first */
	dmar_start ( 0x26, 0 );
	tab_u16 ( &tab, DMAR_TYPE_DRHD );
	tab_u16 ( &tab, 0x100 );
	tab_u32 ( &tab, 0 );
	tab_u64 ( &tab, 0xfed90000ULL );
	tab_finish ( &tab );
	assert_int_equal ( dmar_decode ( &arena, &table, &dmar ), -XEACPISUB );
	assert_int_equal ( dmar->drhd_count, 0 );

	/* An RMRR too short for its fixed fields */
	dmar_start ( 0x26, 0 );
	tab_u16 ( &tab, DMAR_TYPE_RMRR );
	tab_u16 ( &tab, 12 );
	tab_u64 ( &tab, 0 );
	tab_finish ( &tab );
	assert_int_equal ( dmar_decode ( &arena, &table, &dmar ), -XEACPISUB );
	assert_int_equal ( dmar->rmrr_count, 0 );

	/* Three bytes after the last structure: header cut off */
	dmar_start ( 0x26, 0 );
	dmar_simple_drhd ( 0xfed90000ULL );
	tab_u16 ( &tab, DMAR_TYPE_DRHD );
	tab_u8 ( &tab, 0 );
	tab_finish ( &tab );
	assert_int_equal ( dmar_decode ( &arena, &table, &dmar ), -XEACPISUB );
	assert_int_equal ( dmar->drhd_count, 1 );
}

/** Unknown structure types are skipped by their length and recorded */
static void test_dmar_unknown ( void **state ) {
	struct acpi_table table;
	struct arena arena;
	struct dmar *dmar;
	size_t at;

	( void )state;
	dmar_start ( 0x2f, 0 );
	at = tab_u16 ( &tab, 0x99 );
	tab_u16 ( &tab, 12 );
	tab_u64 ( &tab, 0xffffffffffffffffULL );
	dmar_simple_drhd ( 0xfed90000ULL );
	tab_finish ( &tab );

	assert_int_equal ( dmar_decode ( &arena, &table, &dmar ), 0 );
	assert_int_equal ( dmar->haw, 48 );
	assert_int_equal ( dmar->drhd_count, 1 );
	assert_int_equal ( dmar->drhd[0].base, 0xfed90000ULL );
	assert_int_equal ( dmar->walk.unknown_count, 1 );
	assert_int_equal ( dmar->walk.unknown[0].type, 0x99 );
	assert_int_equal ( dmar->walk.unknown[0].length, 12 );
	assert_int_equal ( dmar->walk.unknown[0].offset, at );
}

/** Bad checksums are reported, not refused; short tables are refused */
static void test_dmar_checksum_and_truncation ( void **state ) {
	struct acpi_table table;
	struct arena arena;
	struct dmar *dmar;

	( void )state;
	dmar_start ( 0x26, 0 );
	dmar_simple_drhd ( 0xfed90000ULL );
	tab_finish ( &tab );
	tab.buf[9] ^= 0x55;
	assert_int_equal ( dmar_decode ( &arena, &table, &dmar ), 0 );
	assert_false ( dmar->checksum_ok );
	assert_int_equal ( dmar->drhd_count, 1 );

	/* Header only: no room for width and flags */
	tab_start ( &tab, "DMAR", 1 );
	tab_finish ( &tab );
	assert_int_equal ( dmar_decode ( &arena, &table, &dmar ), -XEACPILEN );
	assert_null ( dmar );

	/* Wrong signature */
	tab_start ( &tab, "IVRS", 1 );
	tab_u64 ( &tab, 0 );
	tab_u32 ( &tab, 0 );
	tab_finish ( &tab );
	assert_int_equal ( dmar_decode ( &arena, &table, &dmar ), -XEACPISIG );
}

/** A table full of minimal structures decodes every one */
static void test_dmar_maximum_walk ( void **state ) {
	struct acpi_table table;
	struct arena arena;
	struct dmar *dmar;
	unsigned int count = 0;
	unsigned int i;

	( void )state;
	dmar_start ( 0x26, 0 );
	while ( ( tab.len + 24 ) <= TAB_MAX ) {
		dmar_simple_drhd ( 0x1000ULL * count );
		count++;
	}
	tab_finish ( &tab );
	assert_int_equal ( dmar_decode ( &arena, &table, &dmar ), 0 );
	assert_int_equal ( dmar->drhd_count, count );
	assert_int_equal ( dmar->scope_count, count );
	for ( i = 0; i < count; i++ )
		assert_int_equal ( dmar->drhd[i].base, 0x1000ULL * i );

	/* Too small an arena fails cleanly */
	arena_init ( &arena, arena_buf, 4096 );
	assert_int_equal ( dmar_parse ( &table, &arena, &dmar ), -XENOMEM );
	assert_null ( dmar );
}

/** Scope type names as the report writes them */
static void test_dmar_scope_names ( void **state ) {
	( void )state;
	assert_string_equal ( dmar_scope_name ( 1 ), "endpoint" );
	assert_string_equal ( dmar_scope_name ( 2 ), "bridge" );
	assert_string_equal ( dmar_scope_name ( 3 ), "ioapic" );
	assert_string_equal ( dmar_scope_name ( 4 ), "hpet" );
	assert_string_equal ( dmar_scope_name ( 5 ), "acpi" );
	assert_string_equal ( dmar_scope_name ( 0 ), "unknown" );
}

/**
 * Run the tests
 *
 * @ret rc		Number of failed tests
 */
int main ( void ) {
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test ( test_dmar_all_types ),
	        cmocka_unit_test ( test_dmar_zero_length ),
	        cmocka_unit_test ( test_dmar_zero_scope ),
	        cmocka_unit_test ( test_dmar_overruns ),
	        cmocka_unit_test ( test_dmar_unknown ),
	        cmocka_unit_test ( test_dmar_checksum_and_truncation ),
	        cmocka_unit_test ( test_dmar_maximum_walk ),
	        cmocka_unit_test ( test_dmar_scope_names ),
	};

	return cmocka_run_group_tests ( tests, NULL, NULL );
}
