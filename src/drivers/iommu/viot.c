/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * ACPI VIOT table decoder
 *
 * Nodes start at the table's node offset; the walk takes as many as the
 * node count says, each checked against the table, and stops at the
 * first impossible length.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <xenmb/errors.h>
#include <xenmb/arena.h>
#include <xenmb/json.h>
#include <xenmb/acpi.h>
#include <xenmb/viot.h>

/** Length of the VIOT header (ACPI header, count, offset, reserved) */
#define VIOT_HDR_LEN 48

/** Size of a node's type, reserved and length fields */
#define VIOT_NODE_HDR 4

/**
 * Smallest length of a node type
 *
 * @v type		Node type
 * @ret len		Length, or 0 if the type is unknown
 */
static unsigned int viot_node_min ( unsigned int type ) {
	switch ( type ) {
	case VIOT_PCI_RANGE:
	case VIOT_MMIO_ENDPOINT:
		return 24;
	case VIOT_VIRTIO_PCI_IOMMU:
	case VIOT_VIRTIO_MMIO_IOMMU:
		return 16;
	default:
		return 0;
	}
}

/**
 * Decode one node
 *
 * @v node		Node to fill
 * @v n			Node bytes (at least viot_node_min long)
 * @v offset		Offset in the table
 */
static void viot_fill_node ( struct viot_node *node, const uint8_t *n,
                             uint32_t offset ) {
	node->type = n[0];
	node->length = le_get16 ( n + 2 );
	node->offset = offset;
	switch ( n[0] ) {
	case VIOT_PCI_RANGE:
		node->endpoint = le_get32 ( n + 4 );
		node->segment_start = le_get16 ( n + 8 );
		node->segment_end = le_get16 ( n + 10 );
		node->bdf_start = le_get16 ( n + 12 );
		node->bdf_end = le_get16 ( n + 14 );
		node->output_node = le_get16 ( n + 16 );
		break;
	case VIOT_MMIO_ENDPOINT:
		node->endpoint = le_get32 ( n + 4 );
		node->base = le_get64 ( n + 8 );
		node->output_node = le_get16 ( n + 16 );
		break;
	case VIOT_VIRTIO_PCI_IOMMU:
		node->segment_start = node->segment_end = le_get16 ( n + 4 );
		node->bdf_start = node->bdf_end = le_get16 ( n + 6 );
		break;
	case VIOT_VIRTIO_MMIO_IOMMU:
		node->base = le_get64 ( n + 8 );
		break;
	default:
		break;
	}
}

/**
 * Walk the nodes
 *
 * @v viot		Result (node array allocated for node_count entries)
 * @ret rc		0 or -XEACPISUB
 */
static int viot_walk ( struct viot *viot ) {
	const uint8_t *data = viot->table->data;
	uint32_t table_len = viot->table->length;
	uint32_t offset = viot->node_offset;
	const uint8_t *n;
	unsigned int min;
	unsigned int i;
	uint16_t length;

	if ( viot->node_count && ( offset < VIOT_HDR_LEN ) )
		return acpi_walk_fail ( &viot->walk, -XEACPISUB, offset,
		                        "node offset points into the header" );
	for ( i = 0; i < viot->node_count; i++, offset += length ) {

		/* Check the node against the table */
		n = ( data + offset );
		if ( ( offset > table_len ) ||
		     ( ( table_len - offset ) < VIOT_NODE_HDR ) )
			return acpi_walk_fail ( &viot->walk, -XEACPISUB, offset,
			                        "node runs past the table" );
		length = le_get16 ( n + 2 );
		if ( length < VIOT_NODE_HDR )
			return acpi_walk_fail ( &viot->walk, -XEACPISUB, offset,
			                        "node length too small" );
		if ( length > ( table_len - offset ) )
			return acpi_walk_fail ( &viot->walk, -XEACPISUB, offset,
			                        "node overruns the table" );

		/* Decode known types, record others */
		if ( !( min = viot_node_min ( n[0] ) ) ) {
			acpi_walk_unknown ( &viot->walk, n[0], length, offset );
			continue;
		}
		if ( length < min )
			return acpi_walk_fail ( &viot->walk, -XEACPISUB, offset,
			                        "node too short for its type" );
		viot_fill_node ( &viot->node[viot->count++], n, offset );
	}
	return 0;
}

/**
 * Decode a VIOT table
 *
 * @v table		Table (signature "VIOT")
 * @v arena		Memory for the decoded structures
 * @ret viot		Decoded table, on success or -XEACPISUB
 * @ret rc		0, -XEACPISUB, -XEACPISIG, -XEACPILEN, -XENOMEM
 */
int viot_parse ( const struct acpi_table *table, struct arena *arena,
                 struct viot **viot ) {
	struct viot *result;
	unsigned int room;
	unsigned int count;

	*viot = NULL;
	if ( memcmp ( table->signature, "VIOT", 4 ) != 0 )
		return -XEACPISIG;
	if ( table->length < VIOT_HDR_LEN )
		return -XEACPILEN;
	if ( !( result = arena_alloc ( arena, sizeof ( *result ) ) ) )
		return -XENOMEM;
	result->table = table;
	result->checksum_ok = table->checksum_ok;
	result->node_count = le_get16 ( table->data + 36 );
	result->node_offset = le_get16 ( table->data + 38 );

	/* No more nodes can fit than the table has room for */
	room = ( ( table->length - VIOT_HDR_LEN ) / VIOT_NODE_HDR );
	count = ( ( result->node_count < room ) ? result->node_count : room );
	if ( !( result->node = arena_alloc_array (
	                arena, count, sizeof ( *result->node ) ) ) )
		return -XENOMEM;
	*viot = result;
	return viot_walk ( result );
}

/**
 * Name a node type
 *
 * @v type		Node type
 * @ret name		Name used in the report
 */
static const char *viot_type_name ( unsigned int type ) {
	switch ( type ) {
	case VIOT_PCI_RANGE:
		return "pci_range";
	case VIOT_MMIO_ENDPOINT:
		return "mmio_endpoint";
	case VIOT_VIRTIO_PCI_IOMMU:
		return "virtio_pci_iommu";
	case VIOT_VIRTIO_MMIO_IOMMU:
		return "virtio_mmio_iommu";
	default:
		return "unknown";
	}
}

/**
 * Write one node
 *
 * @v node		Node
 * @v json		JSON writer
 */
static void viot_node_json ( const struct viot_node *node, struct json *json ) {
	json_object_open ( json, NULL );
	json_string ( json, "type", viot_type_name ( node->type ) );
	json_hex ( json, "offset", node->offset );
	switch ( node->type ) {
	case VIOT_PCI_RANGE:
		json_uint ( json, "endpoint", node->endpoint );
		json_uint ( json, "segment_start", node->segment_start );
		json_uint ( json, "segment_end", node->segment_end );
		json_bdf ( json, "bdf_start", node->segment_start,
		           node->bdf_start );
		json_bdf ( json, "bdf_end", node->segment_end, node->bdf_end );
		json_hex ( json, "output_node", node->output_node );
		break;
	case VIOT_MMIO_ENDPOINT:
		json_uint ( json, "endpoint", node->endpoint );
		json_hex ( json, "base", node->base );
		json_hex ( json, "output_node", node->output_node );
		break;
	case VIOT_VIRTIO_PCI_IOMMU:
		json_uint ( json, "segment", node->segment_start );
		json_bdf ( json, "bdf", node->segment_start, node->bdf_start );
		break;
	case VIOT_VIRTIO_MMIO_IOMMU:
		json_hex ( json, "base", node->base );
		break;
	default:
		break;
	}
	json_object_close ( json );
}

/**
 * Write the "viot" part of the JSON report (the value only)
 *
 * @v viot		Decoded table, or NULL (writes null)
 * @v json		JSON writer
 */
void viot_json ( const struct viot *viot, struct json *json ) {
	unsigned int i;

	if ( !viot ) {
		json_null ( json, NULL );
		return;
	}
	json_object_open ( json, NULL );
	json_bool ( json, "checksum_ok", viot->checksum_ok );
	json_uint ( json, "node_count", viot->node_count );
	json_hex ( json, "node_offset", viot->node_offset );
	json_array_open ( json, "nodes" );
	for ( i = 0; i < viot->count; i++ )
		viot_node_json ( &viot->node[i], json );
	json_array_close ( json );
	acpi_walk_json ( &viot->walk, json );
	json_object_close ( json );
}
