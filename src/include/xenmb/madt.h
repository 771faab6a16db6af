/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * The MADT (IO-APICs), FADT (IAPC_BOOT_ARCH) and HPET facts the verdict
 * needs
 */
#ifndef XENMB_MADT_H
#define XENMB_MADT_H

#include <stdint.h>

struct acpi_table;

/** Most IO-APICs kept from the MADT (Xen: MAX_IO_APICS is 128) */
#define MADT_MAX_IOAPICS 128

/** An IO-APIC from the MADT */
struct madt_ioapic {
	/** IO-APIC ID */
	uint8_t id;
	/** MMIO address */
	uint32_t address;
	/** First GSI */
	uint32_t gsi_base;
};

/** The MADT facts the verdict needs */
struct madt {
	/** Nonzero if a MADT was found and read */
	int present;
	/** IO-APICs, in table order */
	struct madt_ioapic ioapic[MADT_MAX_IOAPICS];
	/** Number of IO-APICs kept */
	unsigned int ioapic_count;
	/** Nonzero if some entry's length was impossible (walk stopped) */
	int broken;
};

/** FADT IAPC_BOOT_ARCH: MSI not supported */
#define FADT_NO_MSI 0x0008

extern int madt_parse ( const struct acpi_table *table, struct madt *madt );
extern int fadt_boot_arch ( const struct acpi_table *table,
                            uint16_t *boot_arch );
extern int hpet_number ( const struct acpi_table *table );

#endif /* XENMB_MADT_H */
