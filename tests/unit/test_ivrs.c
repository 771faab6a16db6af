/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Unit tests of the IVRS decoder
 *
 * Tables are built field by field with every IVHD type, every device
 * entry type and the IVMD types; the decoded fields are compared with
 * what was written.  Broken lengths must end the block or the table with
 * an error recorded, unknown types must be skipped and listed.
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
#include <xenmb/ivrs.h>
#include "helper_acpitab.h"

/** Arena for the decoded structures */
static uint8_t arena_buf[8 * 1024 * 1024];

/** Table under construction */
static struct tab tab;

/**
 * Start an IVRS table
 *
 * @v ivinfo		IVinfo field
 */
static void ivrs_start ( uint32_t ivinfo ) {
	tab_start ( &tab, "IVRS", 2 );
	tab_u32 ( &tab, ivinfo );
	tab_u64 ( &tab, 0 );
}

/**
 * Append an IVHD header (length patched by ivhd_end)
 *
 * @v type		0x10, 0x11 or 0x40
 * @v bdf		IOMMU device ID
 * @v base		MMIO base
 * @v efr		EFR image (types 0x11, 0x40)
 * @ret start		Offset of the block
 */
static size_t ivhd_start ( uint8_t type, uint16_t bdf, uint64_t base,
                           uint64_t efr ) {
	size_t start = tab_u8 ( &tab, type );

	tab_u8 ( &tab, 0xb0 );
	tab_u16 ( &tab, 0 );
	tab_u16 ( &tab, bdf );
	tab_u16 ( &tab, 0x40 );
	tab_u64 ( &tab, base );
	tab_u16 ( &tab, 0 );
	tab_u16 ( &tab, 0x1300 );
	tab_u32 ( &tab, 0x80048f6e );
	if ( type != IVRS_IVHD_10 ) {
		tab_u64 ( &tab, efr );
		tab_u64 ( &tab, 0 );
	}
	return start;
}

/**
 * Patch the length of a block
 *
 * @v start		Offset of the block
 */
static void ivhd_end ( size_t start ) {
	tab_put16 ( &tab, start + 2, ( uint16_t )( tab.len - start ) );
}

/**
 * Append a 4-byte device entry
 *
 * @v type		Entry type
 * @v bdf		Device ID
 * @v settings		Settings
 * @ret offset		Offset of the entry
 */
static size_t entry4 ( uint8_t type, uint16_t bdf, uint8_t settings ) {
	size_t offset = tab_u8 ( &tab, type );

	tab_u16 ( &tab, bdf );
	tab_u8 ( &tab, settings );
	return offset;
}

/**
 * Append an 8-byte device entry
 *
 * @v type		Entry type
 * @v bdf		Device ID
 * @v settings		Settings
 * @v tail		Bytes 4-7
 * @ret offset		Offset of the entry
 */
static size_t entry8 ( uint8_t type, uint16_t bdf, uint8_t settings,
                       uint32_t tail ) {
	size_t offset = entry4 ( type, bdf, settings );

	tab_u32 ( &tab, tail );
	return offset;
}

/**
 * Decode the table under construction
 *
 * @v table		Table description
 * @v ivrs		Result
 * @ret rc		ivrs_parse's result
 */
static int ivrs_decode ( struct acpi_table *table, struct ivrs **ivrs ) {
	static struct arena arena;

	arena_init ( &arena, arena_buf, sizeof ( arena_buf ) );
	tab_table ( &tab, table );
	return ivrs_parse ( table, &arena, ivrs );
}

/** Every device entry type in a type 0x10 block */
static void test_ivrs_entries ( void **state ) {
	struct acpi_table table;
	struct ivrs *ivrs;
	const struct ivrs_ivhd *ivhd;
	const struct ivrs_device *dev;
	size_t start;
	size_t end_at;

	( void )state;
	ivrs_start ( 0x00203043 );
	start = ivhd_start ( IVRS_IVHD_10, 0x0002, 0xfeb80000ULL, 0 );
	entry4 ( IVRS_DEV_PAD4, 0, 0 );
	entry4 ( IVRS_DEV_ALL, 0, 0x01 );
	entry4 ( IVRS_DEV_SELECT, 0x0010, 0x02 );
	entry4 ( IVRS_DEV_START, 0x0100, 0x03 );
	end_at = entry4 ( IVRS_DEV_END, 0x01ff, 0x04 );
	/* alias select: reserved byte, alias 00:14.4, reserved byte */
	entry8 ( IVRS_DEV_ALIAS_SELECT, 0x0300, 0, ( 0x00a4 << 8 ) );
	entry8 ( IVRS_DEV_ALIAS_START, 0x0400, 0, ( 0x00a5 << 8 ) );
	entry4 ( IVRS_DEV_END, 0x04ff, 0 );
	entry8 ( IVRS_DEV_EXT_SELECT, 0x0500, 0, 0x80000000 );
	entry8 ( IVRS_DEV_EXT_START, 0x0600, 0, 0x11223344 );
	entry4 ( IVRS_DEV_END, 0x06ff, 0 );
	/* special: handle 0x21, source 00:14.0, variety IO-APIC */
	entry8 ( IVRS_DEV_SPECIAL, 0, 0xd7,
	         0x21 | ( 0x00a0 << 8 ) | ( 0x01U << 24 ) );
	/* special: handle 0, source 00:14.0, variety HPET */
	entry8 ( IVRS_DEV_SPECIAL, 0, 0, ( 0x00a0 << 8 ) | ( 0x02U << 24 ) );
	entry8 ( IVRS_DEV_SPECIAL, 0, 0,
	         0x22 | ( 0x0001 << 8 ) | ( 0x01U << 24 ) );
	ivhd_end ( start );
	tab_finish ( &tab );

	assert_int_equal ( ivrs_decode ( &table, &ivrs ), 0 );
	assert_true ( ivrs->checksum_ok );
	assert_int_equal ( ivrs->ivinfo, 0x00203043 );
	assert_int_equal ( ivrs->ivhd_count, 1 );
	ivhd = &ivrs->ivhd[0];
	assert_int_equal ( ivhd->type, IVRS_IVHD_10 );
	assert_int_equal ( ivhd->flags, 0xb0 );
	assert_int_equal ( ivhd->bdf, 0x0002 );
	assert_int_equal ( ivhd->cap_offset, 0x40 );
	assert_int_equal ( ivhd->base, 0xfeb80000ULL );
	assert_int_equal ( ivhd->info, 0x1300 );
	assert_int_equal ( ivhd->attr, 0x80048f6e );
	assert_false ( ivhd->has_efr );
	assert_int_equal ( ivhd->device_count, 11 );

	dev = ivhd->device;
	assert_int_equal ( dev[0].kind, IVRS_KIND_PAD );
	assert_int_equal ( dev[1].kind, IVRS_KIND_ALL );
	assert_int_equal ( dev[1].settings, 0x01 );
	assert_int_equal ( dev[2].kind, IVRS_KIND_SELECT );
	assert_int_equal ( dev[2].bdf, 0x0010 );
	assert_int_equal ( dev[3].kind, IVRS_KIND_RANGE );
	assert_int_equal ( dev[3].bdf, 0x0100 );
	assert_int_equal ( dev[3].last, 0x01ff );
	assert_int_equal ( dev[3].settings, 0x03 );
	assert_int_equal ( dev[3].end_settings, 0x04 );
	assert_int_equal ( dev[3].end_offset, end_at );
	assert_false ( dev[3].unterminated );
	assert_int_equal ( dev[4].kind, IVRS_KIND_ALIAS );
	assert_int_equal ( dev[4].bdf, 0x0300 );
	assert_int_equal ( dev[4].alias, 0x00a4 );
	assert_int_equal ( dev[5].kind, IVRS_KIND_ALIAS_RANGE );
	assert_int_equal ( dev[5].last, 0x04ff );
	assert_int_equal ( dev[5].alias, 0x00a5 );
	assert_int_equal ( dev[6].kind, IVRS_KIND_EXT_SELECT );
	assert_int_equal ( dev[6].ext, 0x80000000 );
	assert_int_equal ( dev[7].kind, IVRS_KIND_EXT_RANGE );
	assert_int_equal ( dev[7].ext, 0x11223344 );
	assert_int_equal ( dev[7].last, 0x06ff );
	assert_int_equal ( dev[8].kind, IVRS_KIND_SPECIAL );
	assert_int_equal ( dev[8].variety, IVRS_SPECIAL_IOAPIC );
	assert_int_equal ( dev[8].handle, 0x21 );
	assert_int_equal ( dev[8].bdf, 0x00a0 );
	assert_int_equal ( dev[8].settings, 0xd7 );
	assert_int_equal ( dev[9].variety, IVRS_SPECIAL_HPET );

	/* IO-APIC and HPET lists */
	assert_int_equal ( ivhd->ioapic_count, 2 );
	assert_int_equal ( ivhd->ioapic[0].id, 0x21 );
	assert_int_equal ( ivhd->ioapic[0].bdf, 0x00a0 );
	assert_int_equal ( ivhd->ioapic[1].id, 0x22 );
	assert_int_equal ( ivhd->ioapic[1].bdf, 0x0001 );
	assert_int_equal ( ivhd->hpet_count, 1 );
	assert_int_equal ( ivhd->hpet[0].id, 0 );
	assert_int_equal ( ivhd->hpet[0].bdf, 0x00a0 );
	assert_int_equal ( ivhd->walk.unknown_count, 0 );
}

/** Types 0x11 and 0x40 with EFR and ACPI HID entries; IVMD blocks */
static void test_ivrs_types_11_40_ivmd ( void **state ) {
	static const char uid[] = "\\_SB.FUR0";
	struct acpi_table table;
	struct ivrs *ivrs;
	const struct ivrs_device *dev;
	size_t start;

	( void )state;
	ivrs_start ( 0x00203041 );
	start = ivhd_start ( IVRS_IVHD_11, 0x0002, 0xfd200000ULL,
	                     0x206d73ef22254adeULL );
	entry4 ( IVRS_DEV_START, 0x0008, 0 );
	entry4 ( IVRS_DEV_END, 0xfffe, 0 );
	ivhd_end ( start );
	start = ivhd_start ( IVRS_IVHD_40, 0x0002, 0xfd200000ULL,
	                     0x246577efa2254afaULL );
	tab_u8 ( &tab, IVRS_DEV_ACPI_HID );
	tab_u16 ( &tab, 0x00a5 );
	tab_u8 ( &tab, 0x40 );
	tab_bytes ( &tab, "AMDI0020", 8 );
	tab_u64 ( &tab, 0 );
	tab_u8 ( &tab, 2 );
	tab_u8 ( &tab, ( uint8_t )strlen ( uid ) );
	tab_bytes ( &tab, uid, strlen ( uid ) );
	/* Integer UID of two bytes */
	tab_u8 ( &tab, IVRS_DEV_ACPI_HID );
	tab_u16 ( &tab, 0x0099 );
	tab_u8 ( &tab, 0 );
	tab_bytes ( &tab, "MSFT0101", 8 );
	tab_bytes ( &tab, "PNP0C31\0", 8 );
	tab_u8 ( &tab, 1 );
	tab_u8 ( &tab, 2 );
	tab_u16 ( &tab, 0x0102 );
	ivhd_end ( start );
	/* IVMD select */
	tab_u8 ( &tab, IVRS_IVMD_SELECT );
	tab_u8 ( &tab, 0x07 );
	tab_u16 ( &tab, 32 );
	tab_u16 ( &tab, 0x0060 );
	tab_u16 ( &tab, 0 );
	tab_u64 ( &tab, 0 );
	tab_u64 ( &tab, 0x7d900000ULL );
	tab_u64 ( &tab, 0x100000ULL );
	/* IVMD range */
	tab_u8 ( &tab, IVRS_IVMD_RANGE );
	tab_u8 ( &tab, 0x08 );
	tab_u16 ( &tab, 32 );
	tab_u16 ( &tab, 0x0100 );
	tab_u16 ( &tab, 0x01ff );
	tab_u64 ( &tab, 0 );
	tab_u64 ( &tab, 0x75e00000ULL );
	tab_u64 ( &tab, 0x20000ULL );
	tab_finish ( &tab );

	assert_int_equal ( ivrs_decode ( &table, &ivrs ), 0 );
	assert_int_equal ( ivrs->ivhd_count, 2 );
	assert_int_equal ( ivrs->ivhd[0].type, IVRS_IVHD_11 );
	assert_true ( ivrs->ivhd[0].has_efr );
	assert_int_equal ( ivrs->ivhd[0].efr, 0x206d73ef22254adeULL );
	assert_int_equal ( ivrs->ivhd[0].device_count, 1 );
	assert_int_equal ( ivrs->ivhd[0].device[0].last, 0xfffe );
	assert_int_equal ( ivrs->ivhd[1].type, IVRS_IVHD_40 );
	assert_int_equal ( ivrs->ivhd[1].efr, 0x246577efa2254afaULL );
	assert_int_equal ( ivrs->ivhd[1].device_count, 2 );
	dev = ivrs->ivhd[1].device;
	assert_int_equal ( dev[0].kind, IVRS_KIND_ACPI_HID );
	assert_int_equal ( dev[0].bdf, 0x00a5 );
	assert_string_equal ( dev[0].hid, "AMDI0020" );
	assert_int_equal ( dev[0].cid_raw, 0 );
	assert_int_equal ( dev[0].uid_format, 2 );
	assert_int_equal ( dev[0].uid_len, strlen ( uid ) );
	assert_string_equal ( dev[0].uid, uid );
	assert_string_equal ( dev[1].hid, "MSFT0101" );
	assert_string_equal ( dev[1].cid, "PNP0C31" );
	assert_int_equal ( dev[1].uid_format, 1 );
	assert_int_equal ( dev[1].uid_value, 0x0102 );

	assert_int_equal ( ivrs->ivmd_count, 2 );
	assert_int_equal ( ivrs->ivmd[0].type, IVRS_IVMD_SELECT );
	assert_int_equal ( ivrs->ivmd[0].flags, 0x07 );
	assert_int_equal ( ivrs->ivmd[0].bdf, 0x0060 );
	assert_int_equal ( ivrs->ivmd[0].start, 0x7d900000ULL );
	assert_int_equal ( ivrs->ivmd[0].size, 0x100000ULL );
	assert_int_equal ( ivrs->ivmd[1].aux, 0x01ff );
	assert_int_equal ( ivrs->ivmd[1].start, 0x75e00000ULL );
}

/** Unknown blocks and entries are skipped by length and recorded */
static void test_ivrs_unknown ( void **state ) {
	struct acpi_table table;
	struct ivrs *ivrs;
	size_t start;
	size_t entry_at;
	size_t block_at;

	( void )state;
	ivrs_start ( 0 );
	start = ivhd_start ( IVRS_IVHD_10, 0x0002, 0xfeb80000ULL, 0 );
	entry_at = entry8 ( 0x44, 0x1234, 0x56, 0xffffffff );
	entry4 ( 0x3f, 0, 0 );
	entry4 ( IVRS_DEV_SELECT, 0x0010, 0 );
	ivhd_end ( start );
	block_at = tab_u8 ( &tab, 0x51 );
	tab_u8 ( &tab, 0 );
	tab_u16 ( &tab, 8 );
	tab_u32 ( &tab, 0xdeadbeef );
	start = ivhd_start ( IVRS_IVHD_10, 0x0003, 0xfeb90000ULL, 0 );
	ivhd_end ( start );
	tab_finish ( &tab );

	assert_int_equal ( ivrs_decode ( &table, &ivrs ), 0 );
	assert_int_equal ( ivrs->ivhd_count, 2 );
	assert_int_equal ( ivrs->ivhd[0].device_count, 1 );
	assert_int_equal ( ivrs->ivhd[0].device[0].bdf, 0x0010 );
	assert_int_equal ( ivrs->ivhd[0].walk.unknown_count, 2 );
	assert_int_equal ( ivrs->ivhd[0].walk.unknown[0].type, 0x44 );
	assert_int_equal ( ivrs->ivhd[0].walk.unknown[0].length, 8 );
	assert_int_equal ( ivrs->ivhd[0].walk.unknown[0].offset, entry_at );
	assert_int_equal ( ivrs->ivhd[0].walk.unknown[1].type, 0x3f );
	assert_int_equal ( ivrs->walk.unknown_count, 1 );
	assert_int_equal ( ivrs->walk.unknown[0].type, 0x51 );
	assert_int_equal ( ivrs->walk.unknown[0].offset, block_at );
	assert_int_equal ( ivrs->ivhd[1].bdf, 0x0003 );
}

/** Zero, short and overlong lengths end the walk with an error */
static void test_ivrs_bad_lengths ( void **state ) {
	struct acpi_table table;
	struct ivrs *ivrs;
	size_t start;
	size_t bad;

	( void )state;

	/* Zero-length block after a good one */
	ivrs_start ( 0 );
	start = ivhd_start ( IVRS_IVHD_10, 0x0002, 0xfeb80000ULL, 0 );
	ivhd_end ( start );
	bad = tab_u8 ( &tab, IVRS_IVHD_10 );
	tab_u8 ( &tab, 0 );
	tab_u16 ( &tab, 0 );
	tab_u32 ( &tab, 0 );
	tab_finish ( &tab );
	assert_int_equal ( ivrs_decode ( &table, &ivrs ), -XEACPISUB );
	assert_int_equal ( ivrs->ivhd_count, 1 );
	assert_int_equal ( ivrs->walk.error_offset, bad );

	/* Type 0x11 block shorter than its 40-byte header */
	ivrs_start ( 0 );
	start = ivhd_start ( IVRS_IVHD_10, 0x0002, 0xfeb80000ULL, 0 );
	tab.buf[start] = IVRS_IVHD_11;
	ivhd_end ( start );
	tab_finish ( &tab );
	assert_int_equal ( ivrs_decode ( &table, &ivrs ), -XEACPISUB );
	assert_int_equal ( ivrs->ivhd_count, 0 );

	/* Block longer than the table */
	ivrs_start ( 0 );
	start = ivhd_start ( IVRS_IVHD_10, 0x0002, 0xfeb80000ULL, 0 );
	tab_put16 ( &tab, start + 2, 0x400 );
	tab_finish ( &tab );
	assert_int_equal ( ivrs_decode ( &table, &ivrs ), -XEACPISUB );
	assert_int_equal ( ivrs->ivhd_count, 0 );

	/* An 8-byte entry cut by the end of its block: the block keeps
	 * what came before, the next block is still decoded */
	ivrs_start ( 0 );
	start = ivhd_start ( IVRS_IVHD_10, 0x0002, 0xfeb80000ULL, 0 );
	entry4 ( IVRS_DEV_SELECT, 0x0008, 0 );
	bad = entry4 ( IVRS_DEV_ALIAS_SELECT, 0x0010, 0 );
	ivhd_end ( start );
	start = ivhd_start ( IVRS_IVHD_10, 0x0003, 0xfeb90000ULL, 0 );
	entry4 ( IVRS_DEV_SELECT, 0x0020, 0 );
	ivhd_end ( start );
	tab_finish ( &tab );
	assert_int_equal ( ivrs_decode ( &table, &ivrs ), -XEACPISUB );
	assert_int_equal ( ivrs->ivhd_count, 2 );
	assert_int_equal ( ivrs->ivhd[0].device_count, 1 );
	assert_int_equal ( ivrs->ivhd[0].walk.rc, -XEACPISUB );
	assert_int_equal ( ivrs->ivhd[0].walk.error_offset, bad );
	assert_int_equal ( ivrs->ivhd[1].device_count, 1 );
	assert_int_equal ( ivrs->ivhd[1].device[0].bdf, 0x0020 );

	/* ACPI HID entry whose UID runs past the block */
	ivrs_start ( 0 );
	start = ivhd_start ( IVRS_IVHD_40, 0x0002, 0xfeb80000ULL, 0 );
	tab_u8 ( &tab, IVRS_DEV_ACPI_HID );
	tab_u16 ( &tab, 0x00a5 );
	tab_u8 ( &tab, 0 );
	tab_bytes ( &tab, "AMDI0020", 8 );
	tab_u64 ( &tab, 0 );
	tab_u8 ( &tab, 2 );
	tab_u8 ( &tab, 200 );
	tab_u32 ( &tab, 0 );
	ivhd_end ( start );
	tab_finish ( &tab );
	assert_int_equal ( ivrs_decode ( &table, &ivrs ), -XEACPISUB );
	assert_int_equal ( ivrs->ivhd[0].device_count, 0 );

	/* IVMD shorter than 32 bytes */
	ivrs_start ( 0 );
	tab_u8 ( &tab, IVRS_IVMD_ALL );
	tab_u8 ( &tab, 0 );
	tab_u16 ( &tab, 8 );
	tab_u32 ( &tab, 0 );
	tab_finish ( &tab );
	assert_int_equal ( ivrs_decode ( &table, &ivrs ), -XEACPISUB );
	assert_int_equal ( ivrs->ivmd_count, 0 );
}

/** Ranges without an end, ends without a start; bad checksum kept */
static void test_ivrs_ranges_and_checksum ( void **state ) {
	struct acpi_table table;
	struct ivrs *ivrs;
	size_t start;

	( void )state;
	ivrs_start ( 0 );
	start = ivhd_start ( IVRS_IVHD_10, 0x0002, 0xfeb80000ULL, 0 );
	entry4 ( IVRS_DEV_END, 0x00ff, 0 );
	entry4 ( IVRS_DEV_START, 0x0100, 0 );
	ivhd_end ( start );
	tab_finish ( &tab );
	tab.buf[9] ^= 1;

	assert_int_equal ( ivrs_decode ( &table, &ivrs ), 0 );
	assert_false ( ivrs->checksum_ok );
	assert_int_equal ( ivrs->ivhd[0].device_count, 2 );
	assert_int_equal ( ivrs->ivhd[0].device[0].kind, IVRS_KIND_END );
	assert_int_equal ( ivrs->ivhd[0].device[1].kind, IVRS_KIND_RANGE );
	assert_true ( ivrs->ivhd[0].device[1].unterminated );

	/* Truncated: no room for IVinfo */
	tab_start ( &tab, "IVRS", 2 );
	tab_finish ( &tab );
	assert_int_equal ( ivrs_decode ( &table, &ivrs ), -XEACPILEN );
	assert_null ( ivrs );
}

/** One IVHD of maximum length full of 4-byte entries */
static void test_ivrs_maximum_walk ( void **state ) {
	struct acpi_table table;
	struct ivrs *ivrs;
	size_t start;
	unsigned int count = 0;
	unsigned int i;

	( void )state;
	ivrs_start ( 0 );
	start = ivhd_start ( IVRS_IVHD_10, 0x0002, 0xfeb80000ULL, 0 );
	while ( ( tab.len - start + 4 ) <= 0xffff ) {
		entry4 ( IVRS_DEV_SELECT, ( uint16_t )count, 0 );
		count++;
	}
	ivhd_end ( start );
	tab_finish ( &tab );
	assert_int_equal ( ivrs_decode ( &table, &ivrs ), 0 );
	assert_int_equal ( ivrs->ivhd[0].device_count, count );
	for ( i = 0; i < count; i++ )
		assert_int_equal ( ivrs->ivhd[0].device[i].bdf, i );
}

/** Kind names as the report writes them */
static void test_ivrs_kind_names ( void **state ) {
	( void )state;
	assert_string_equal ( ivrs_kind_name ( IVRS_KIND_SELECT ), "select" );
	assert_string_equal ( ivrs_kind_name ( IVRS_KIND_RANGE ), "range" );
	assert_string_equal ( ivrs_kind_name ( IVRS_KIND_ALIAS ), "alias" );
	assert_string_equal ( ivrs_kind_name ( IVRS_KIND_ALIAS_RANGE ),
	                      "alias_range" );
	assert_string_equal ( ivrs_kind_name ( IVRS_KIND_EXT_SELECT ),
	                      "ext_select" );
	assert_string_equal ( ivrs_kind_name ( IVRS_KIND_EXT_RANGE ),
	                      "ext_range" );
	assert_string_equal ( ivrs_kind_name ( IVRS_KIND_SPECIAL ), "special" );
	assert_string_equal ( ivrs_kind_name ( IVRS_KIND_ACPI_HID ),
	                      "acpi_hid" );
	assert_string_equal ( ivrs_kind_name ( 200 ), "unknown" );
}

/**
 * Run the tests
 *
 * @ret rc		Number of failed tests
 */
int main ( void ) {
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test ( test_ivrs_entries ),
	        cmocka_unit_test ( test_ivrs_types_11_40_ivmd ),
	        cmocka_unit_test ( test_ivrs_unknown ),
	        cmocka_unit_test ( test_ivrs_bad_lengths ),
	        cmocka_unit_test ( test_ivrs_ranges_and_checksum ),
	        cmocka_unit_test ( test_ivrs_maximum_walk ),
	        cmocka_unit_test ( test_ivrs_kind_names ),
	};

	return cmocka_run_group_tests ( tests, NULL, NULL );
}
