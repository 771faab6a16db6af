/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * The few facts of the MADT, FADT and HPET tables that the Xen verdict
 * needs: IO-APIC IDs, the FADT "MSI not supported" flag, the HPET number
 */
#include <stdint.h>
#include <string.h>
#include <xenmb/errors.h>
#include <xenmb/acpi.h>
#include <xenmb/madt.h>

/** Offset of the first MADT entry */
#define MADT_ENTRIES 44
/** MADT entry type: IO-APIC */
#define MADT_TYPE_IOAPIC 1
/** Length of an IO-APIC entry */
#define MADT_IOAPIC_LEN 12
/** Offset of IAPC_BOOT_ARCH in the FADT */
#define FADT_BOOT_ARCH 109
/** Offset of the HPET number in the HPET table */
#define HPET_NUMBER 52

/**
 * Read the IO-APICs of a MADT
 *
 * @v table		Table (signature "APIC")
 * @v madt		Result
 * @ret rc		0, or -XEACPISUB if an entry length stopped the walk
 *			(the IO-APICs before it are kept)
 */
int madt_parse ( const struct acpi_table *table, struct madt *madt ) {
	const uint8_t *data = table->data;
	uint32_t offset = MADT_ENTRIES;
	struct madt_ioapic *ioapic;
	unsigned int type;
	unsigned int len;

	memset ( madt, 0, sizeof ( *madt ) );
	madt->present = 1;
	while ( offset + 2 <= table->length ) {
		type = data[offset];
		len = data[offset + 1];
		if ( ( len < 2 ) || ( offset + len > table->length ) ) {
			madt->broken = 1;
			return -XEACPISUB;
		}
		if ( ( type == MADT_TYPE_IOAPIC ) &&
		     ( len >= MADT_IOAPIC_LEN ) &&
		     ( madt->ioapic_count < MADT_MAX_IOAPICS ) ) {
			ioapic = &madt->ioapic[madt->ioapic_count++];
			ioapic->id = data[offset + 2];
			ioapic->address = le_get32 ( &data[offset + 4] );
			ioapic->gsi_base = le_get32 ( &data[offset + 8] );
		}
		offset += len;
	}
	return 0;
}

/**
 * Read the FADT's IA-PC boot architecture flags
 *
 * @v table		Table (signature "FACP")
 * @v boot_arch		Flags
 * @ret rc		0, or -XEACPILEN if the table is too short to hold them
 */
int fadt_boot_arch ( const struct acpi_table *table, uint16_t *boot_arch ) {
	if ( table->length < FADT_BOOT_ARCH + 2 )
		return -XEACPILEN;
	*boot_arch = le_get16 ( &table->data[FADT_BOOT_ARCH] );
	return 0;
}

/**
 * Read the HPET table's HPET number
 *
 * @v table		Table (signature "HPET"), or NULL
 * @ret number		HPET number, or -1
 */
int hpet_number ( const struct acpi_table *table ) {
	if ( ( !table ) || ( table->length <= HPET_NUMBER ) )
		return -1;
	return table->data[HPET_NUMBER];
}
