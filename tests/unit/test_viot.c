/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Unit tests of the VIOT decoder
 *
 * VIOT tables with every node type, unknown nodes, and broken node
 * counts, offsets and lengths, built field by field.
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
#include <xenmb/viot.h>
#include "helper_acpitab.h"

/** Arena for the decoded structures */
static uint8_t arena_buf[1024 * 1024];

/** Table under construction */
static struct tab tab;

/**
 * Start a VIOT table
 *
 * @v count		Node count field
 * @v offset		Node offset field
 */
static void viot_start ( uint16_t count, uint16_t offset ) {
	tab_start ( &tab, "VIOT", 0 );
	tab_u16 ( &tab, count );
	tab_u16 ( &tab, offset );
	tab_u64 ( &tab, 0 );
}

/**
 * Append a node header
 *
 * @v type		Type
 * @v length		Length
 * @ret offset		Offset of the node
 */
static size_t viot_node ( uint8_t type, uint16_t length ) {
	size_t offset = tab_u8 ( &tab, type );

	tab_u8 ( &tab, 0 );
	tab_u16 ( &tab, length );
	return offset;
}

/**
 * Decode the table under construction
 *
 * @v table		Table description
 * @v viot		Result
 * @ret rc		viot_parse's result
 */
static int viot_decode ( struct acpi_table *table, struct viot **viot ) {
	static struct arena arena;

	arena_init ( &arena, arena_buf, sizeof ( arena_buf ) );
	tab_table ( &tab, table );
	return viot_parse ( table, &arena, viot );
}

/** Every node type, plus an unknown one skipped by its length */
static void test_viot_nodes ( void **state ) {
	struct acpi_table table;
	struct viot *viot;
	size_t iommu;
	size_t unknown;

	( void )state;
	viot_start ( 5, 48 );
	iommu = viot_node ( VIOT_VIRTIO_PCI_IOMMU, 16 );
	tab_u16 ( &tab, 0 );
	tab_u16 ( &tab, 0x0010 );
	tab_u64 ( &tab, 0 );
	viot_node ( VIOT_PCI_RANGE, 24 );
	tab_u32 ( &tab, 0x3000 );
	tab_u16 ( &tab, 0 );
	tab_u16 ( &tab, 1 );
	tab_u16 ( &tab, 0x3000 );
	tab_u16 ( &tab, 0x30ff );
	tab_u16 ( &tab, ( uint16_t )iommu );
	tab_bytes ( &tab, "\0\0\0\0\0\0", 6 );
	unknown = viot_node ( 6, 8 );
	tab_u32 ( &tab, 0 );
	viot_node ( VIOT_MMIO_ENDPOINT, 24 );
	tab_u32 ( &tab, 0x10000 );
	tab_u64 ( &tab, 0x1c000000ULL );
	tab_u16 ( &tab, 0x70 );
	tab_bytes ( &tab, "\0\0\0\0\0\0", 6 );
	viot_node ( VIOT_VIRTIO_MMIO_IOMMU, 16 );
	tab_u32 ( &tab, 0 );
	tab_u64 ( &tab, 0x1d000000ULL );
	tab_finish ( &tab );

	assert_int_equal ( viot_decode ( &table, &viot ), 0 );
	assert_true ( viot->checksum_ok );
	assert_int_equal ( viot->node_count, 5 );
	assert_int_equal ( viot->count, 4 );
	assert_int_equal ( viot->node[0].type, VIOT_VIRTIO_PCI_IOMMU );
	assert_int_equal ( viot->node[0].bdf_start, 0x0010 );
	assert_int_equal ( viot->node[0].offset, iommu );
	assert_int_equal ( viot->node[1].type, VIOT_PCI_RANGE );
	assert_int_equal ( viot->node[1].endpoint, 0x3000 );
	assert_int_equal ( viot->node[1].segment_end, 1 );
	assert_int_equal ( viot->node[1].bdf_start, 0x3000 );
	assert_int_equal ( viot->node[1].bdf_end, 0x30ff );
	assert_int_equal ( viot->node[1].output_node, iommu );
	assert_int_equal ( viot->node[2].type, VIOT_MMIO_ENDPOINT );
	assert_int_equal ( viot->node[2].endpoint, 0x10000 );
	assert_int_equal ( viot->node[2].base, 0x1c000000ULL );
	assert_int_equal ( viot->node[3].type, VIOT_VIRTIO_MMIO_IOMMU );
	assert_int_equal ( viot->node[3].base, 0x1d000000ULL );
	assert_int_equal ( viot->walk.unknown_count, 1 );
	assert_int_equal ( viot->walk.unknown[0].type, 6 );
	assert_int_equal ( viot->walk.unknown[0].offset, unknown );
}

/** Broken counts, offsets and lengths stop the walk */
static void test_viot_broken ( void **state ) {
	struct acpi_table table;
	struct viot *viot;

	( void )state;

	/* More nodes counted than present */
	viot_start ( 100, 48 );
	viot_node ( VIOT_VIRTIO_MMIO_IOMMU, 16 );
	tab_u32 ( &tab, 0 );
	tab_u64 ( &tab, 0x1d000000ULL );
	tab_finish ( &tab );
	assert_int_equal ( viot_decode ( &table, &viot ), -XEACPISUB );
	assert_int_equal ( viot->count, 1 );

	/* Zero-length node */
	viot_start ( 2, 48 );
	viot_node ( 7, 0 );
	tab_u32 ( &tab, 0 );
	tab_finish ( &tab );
	assert_int_equal ( viot_decode ( &table, &viot ), -XEACPISUB );
	assert_int_equal ( viot->count, 0 );
	assert_int_equal ( viot->walk.error_offset, 48 );

	/* Node longer than the table */
	viot_start ( 1, 48 );
	viot_node ( VIOT_VIRTIO_MMIO_IOMMU, 32 );
	tab_u32 ( &tab, 0 );
	tab_u64 ( &tab, 0x1d000000ULL );
	tab_finish ( &tab );
	assert_int_equal ( viot_decode ( &table, &viot ), -XEACPISUB );
	assert_int_equal ( viot->count, 0 );

	/* Node too short for its type */
	viot_start ( 1, 48 );
	viot_node ( VIOT_PCI_RANGE, 8 );
	tab_u32 ( &tab, 0 );
	tab_finish ( &tab );
	assert_int_equal ( viot_decode ( &table, &viot ), -XEACPISUB );

	/* Node offset inside the header, or past the end */
	viot_start ( 1, 8 );
	tab_finish ( &tab );
	assert_int_equal ( viot_decode ( &table, &viot ), -XEACPISUB );
	viot_start ( 1, 0xfff0 );
	tab_finish ( &tab );
	assert_int_equal ( viot_decode ( &table, &viot ), -XEACPISUB );

	/* Truncated header */
	tab_start ( &tab, "VIOT", 0 );
	tab_u16 ( &tab, 0 );
	tab_finish ( &tab );
	assert_int_equal ( viot_decode ( &table, &viot ), -XEACPILEN );
	assert_null ( viot );
}

/**
 * Run the tests
 *
 * @ret rc		Number of failed tests
 */
int main ( void ) {
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test ( test_viot_nodes ),
	        cmocka_unit_test ( test_viot_broken ),
	};

	return cmocka_run_group_tests ( tests, NULL, NULL );
}
