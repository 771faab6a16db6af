/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * ACPI MCFG table (PCI Express memory-mapped configuration space)
 */
#ifndef XENMB_MCFG_H
#define XENMB_MCFG_H

#include <stdint.h>
#include <xenmb/acpi.h>

struct arena;
struct json;
struct pci_ecam;

/** One ECAM allocation */
struct mcfg_alloc {
	/** Base address (of bus 0, even when bus_start is not 0) */
	uint64_t base;
	/** PCI segment group */
	uint16_t segment;
	/** First bus */
	uint8_t bus_start;
	/** Last bus */
	uint8_t bus_end;
	/** Offset in the table */
	uint32_t offset;
};

/** A decoded MCFG table */
struct mcfg {
	/** The table */
	const struct acpi_table *table;
	/** Nonzero if the checksum is right */
	int checksum_ok;
	/** Allocations, in table order */
	struct mcfg_alloc *alloc;
	unsigned int count;
	/** Bytes after the last whole allocation (0 in a sound table) */
	unsigned int trailing;
};

/**
 * Decode an MCFG table
 *
 * @v table		Table (signature "MCFG")
 * @v arena		Memory for the decoded structures
 * @ret mcfg		Decoded table
 * @ret rc		0, -XEACPISIG, -XEACPILEN, -XENOMEM
 */
int mcfg_parse ( const struct acpi_table *table, struct arena *arena,
                 struct mcfg **mcfg );

unsigned int mcfg_windows ( const struct mcfg *mcfg, struct pci_ecam *windows,
                            unsigned int max );

/**
 * Write the "mcfg" part of the JSON report (the value only)
 *
 * @v mcfg		Decoded table, or NULL (writes null)
 * @v json		JSON writer
 */
void mcfg_json ( const struct mcfg *mcfg, struct json *json );

#endif /* XENMB_MCFG_H */
