/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * ACPI VIOT table (virtual I/O translation: virtio-iommu topology)
 */
#ifndef XENMB_VIOT_H
#define XENMB_VIOT_H

#include <stdint.h>
#include <xenmb/acpi.h>

struct arena;
struct json;

/** VIOT node types */
enum viot_type {
	VIOT_PCI_RANGE = 1,
	VIOT_MMIO_ENDPOINT = 2,
	VIOT_VIRTIO_PCI_IOMMU = 3,
	VIOT_VIRTIO_MMIO_IOMMU = 4,
};

/** A decoded VIOT node (fields not of its type are 0) */
struct viot_node {
	/** Type (enum viot_type) */
	uint8_t type;
	/** Length as stored */
	uint16_t length;
	/** Endpoint ID (PCI range: first; MMIO endpoint) */
	uint32_t endpoint;
	/** PCI range: first and last segment; virtio-pci IOMMU: segment */
	uint16_t segment_start;
	uint16_t segment_end;
	/** PCI range: first and last BDF; virtio-pci IOMMU: its BDF */
	uint16_t bdf_start;
	uint16_t bdf_end;
	/** MMIO endpoint, virtio-mmio IOMMU: base address */
	uint64_t base;
	/** PCI range, MMIO endpoint: offset of the IOMMU node */
	uint16_t output_node;
	/** Offset of the node in the table */
	uint32_t offset;
};

/** A decoded VIOT table */
struct viot {
	/** The table */
	const struct acpi_table *table;
	/** Nonzero if the checksum is right */
	int checksum_ok;
	/** Node count as stored */
	uint16_t node_count;
	/** Offset of the first node as stored */
	uint16_t node_offset;
	/** Decoded nodes, in table order (unknown types are not included) */
	struct viot_node *node;
	unsigned int count;
	/** Unknown nodes, and the error that stopped the walk */
	struct acpi_walk walk;
};

/**
 * Decode a VIOT table
 *
 * @v table		Table (signature "VIOT")
 * @v arena		Memory for the decoded structures
 * @ret viot		Decoded table, on success or -XEACPISUB
 * @ret rc		0; -XEACPISUB if a length stopped the walk (the
 *			result holds the nodes before it); -XEACPISIG,
 *			-XEACPILEN, -XENOMEM (and @c viot is NULL)
 */
int viot_parse ( const struct acpi_table *table, struct arena *arena,
                 struct viot **viot );

/**
 * Write the "viot" part of the JSON report (the value only)
 *
 * @v viot		Decoded table, or NULL (writes null)
 * @v json		JSON writer
 */
void viot_json ( const struct viot *viot, struct json *json );

#endif /* XENMB_VIOT_H */
