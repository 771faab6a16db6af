/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * UEFI carrier: physical reads, the ACPI RSDP, and the jump into Xen
 *
 * Xen's multiboot2 EFI amd64 entry wants boot services still running,
 * RAX = magic, RBX = the information, and a stack below 4 GiB (Xen later
 * drops to 32-bit mode on it).  We give it a fresh 128 KiB stack from
 * EfiLoaderData and never call ExitBootServices(): Xen does that itself.
 * The 32-bit entry (HANDOFF_I386) cannot be used from UEFI and is refused
 * with -XENOEFIENTRY.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <efi.h>
#include <xenmb/errors.h>
#include <xenmb/platform.h>
#include <xenmb/boot.h>
#include "efi_carrier.h"

/** ACPI 2.0+ RSDP configuration table */
static EFI_GUID efi_acpi20_guid = ACPI_20_TABLE_GUID;

/** ACPI 1.0 RSDP configuration table */
static EFI_GUID efi_acpi10_guid = ACPI_TABLE_GUID;

/**
 * Read physical memory (the firmware identity-maps it)
 *
 * @v plat		Platform
 * @v addr		Physical address
 * @v buf		Buffer
 * @v len		Length; 4 or 8 at an aligned address is one access
 * @ret rc		0, or -XERANGE if the range wraps around
 */
int efi_phys_read ( struct platform *plat, uint64_t addr, void *buf,
                    size_t len ) {
	const volatile void *src = phys_to_virt ( addr );
	uint32_t dword;
	uint64_t qword;

	( void )plat;
	if ( ( addr + len ) < addr )
		return -XERANGE;

	/* Registers are read with one access of their width */
	if ( ( len == sizeof ( dword ) ) && !( addr % sizeof ( dword ) ) ) {
		dword = *( ( const volatile uint32_t * )src );
		memcpy ( buf, &dword, sizeof ( dword ) );
	} else if ( ( len == sizeof ( qword ) ) &&
	            !( addr % sizeof ( qword ) ) ) {
		qword = *( ( const volatile uint64_t * )src );
		memcpy ( buf, &qword, sizeof ( qword ) );
	} else {
		memcpy ( buf, ( const void * )src, len );
	}
	return 0;
}

/**
 * Look up a configuration table
 *
 * @v systab		System table
 * @v guid		Table GUID
 * @ret addr		Physical address of the table, or 0
 */
static uint64_t efi_config_table ( EFI_SYSTEM_TABLE *systab,
                                   const EFI_GUID *guid ) {
	EFI_CONFIGURATION_TABLE *table;
	UINTN i;

	for ( i = 0; i < systab->NumberOfTableEntries; i++ ) {
		table = &systab->ConfigurationTable[i];
		if ( memcmp ( &table->VendorGuid, guid, sizeof ( *guid ) ) ==
		     0 )
			return virt_to_phys ( table->VendorTable );
	}
	return 0;
}

/**
 * Find the ACPI RSDP, as Xen will: ACPI 2.0 table first, then 1.0
 *
 * @v systab		System table
 * @ret rsdp		Physical address of the RSDP, or 0
 */
uint64_t efi_find_rsdp ( EFI_SYSTEM_TABLE *systab ) {
	uint64_t rsdp;

	if ( ( rsdp = efi_config_table ( systab, &efi_acpi20_guid ) ) != 0 )
		return rsdp;
	return efi_config_table ( systab, &efi_acpi10_guid );
}

/**
 * Start the kernel at its EFI amd64 entry; does not return on success
 *
 * @v plat		Platform
 * @v handoff		Entry point, registers, mode
 * @ret rc		-XENOEFIENTRY (32-bit entry), -XEABOVE4G, -XENOROOM
 */
int efi_boot ( struct platform *plat, const struct handoff *handoff ) {
	struct mem_request req;
	uint64_t stack;
	int rc;

	if ( handoff->mode != HANDOFF_EFI64 ) {
		printf ( "xenmb: the UEFI carrier can only enter a kernel at "
		         "its multiboot2 EFI amd64 entry\n" );
		return -XENOEFIENTRY;
	}
	if ( ( handoff->entry >= ADDR_4G ) || ( handoff->info >= ADDR_4G ) ) {
		printf ( "xenmb: entry point or boot information: %s\n",
		         xenmb_strerror ( -XEABOVE4G ) );
		return -XEABOVE4G;
	}

	/* A stack below 4 GiB: Xen truncates RSP to ESP on its way down */
	memset ( &req, 0, sizeof ( req ) );
	req.size = EFI_HANDOFF_STACK;
	req.align = PAGE_SIZE;
	req.max = ADDR_4G;
	req.high = 1;
	req.what = "stack";
	if ( ( rc = efi_alloc ( plat, &req, &stack ) ) != 0 ) {
		printf ( "xenmb: stack for the kernel: %s\n",
		         xenmb_strerror ( rc ) );
		return rc;
	}

	efi_handoff_jump ( handoff->entry, handoff->magic, handoff->info,
	                   ( stack + EFI_HANDOFF_STACK ) );
}
