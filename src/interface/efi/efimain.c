/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * UEFI carrier: entry point and exit status
 *
 * iPXE starts xenmb.efi with LoadOptions "<image name> <arguments>".  We
 * turn that into an ASCII command line without the first word, fill the
 * platform interface, and run the core.  Whatever the core returns (it
 * returns only after --probe or on failure) goes back to iPXE as an EFI
 * status, after every page, pool buffer and handle we took is given back.
 *
 * Exit status, and what an iPXE script sees as ${errno} after
 * "boot || echo ${errno}" (iPXE reports a failed StartImage as
 * 0x7f0482XX with XX = the status' low 7 bits | 0x80):
 *
 *   result                              EFI status              ${errno}
 *   0 (--probe: conditions hold)        EFI_SUCCESS             (no error)
 *   -XECANCELED (--probe/--require)     EFI_ABORTED             0x7f048295
 *   -XENOENT (a file is missing)        EFI_NOT_FOUND           0x7f04828e
 *   command line / xen.cfg errors       EFI_INVALID_PARAMETER   0x7f048282
 *     (XEOPTION, XEOPTARG, XEOPTVAL, XENOXEN, XENODOM0, XENOMODULE,
 *      XETOOMANY, XEDUPNAME, XECFGSYNTAX, XECFGSECTION, XECFGKEY,
 *      XEINVAL, and a non-ASCII command line)
 *   -XENOMEM, -XENOROOM, -XENOSPC       EFI_OUT_OF_RESOURCES    0x7f048289
 *   damaged download (gzip, SHA-256,    EFI_CRC_ERROR           0x7f04829b
 *     truncated or empty file)
 *   -XENOTSUP                           EFI_UNSUPPORTED         0x7f048283
 *   -XEIO                               EFI_DEVICE_ERROR        0x7f048287
 *   anything else (not a bootable       EFI_LOAD_ERROR          0x7f048281
 *     kernel, placement, ACPI, ...)
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <efi.h>
#include <xenmb/errors.h>
#include <xenmb/platform.h>
#include <xenmb/xenboot.h>
#include <xenmb/xenmb.h>
#include <xenmb/efiargs.h>
#include <xenmb/pci.h>
#include <xenmb/pci_cf8.h>
#include "efi_carrier.h"

/** LOADED_IMAGE protocol */
static EFI_GUID efi_loaded_image_guid = LOADED_IMAGE_PROTOCOL;

/**
 * Turn a result into the EFI status iPXE gets (see the table above)
 *
 * @v rc		Return status code
 * @ret efirc		EFI status
 */
static EFI_STATUS efi_status ( int rc ) {

	switch ( -rc ) {
	case XENMB_EOK:
		return EFI_SUCCESS;
	case XECANCELED:
		return EFI_ABORTED;
	case XENOENT:
		return EFI_NOT_FOUND;
	case XEOPTION:
	case XEOPTARG:
	case XEOPTVAL:
	case XENOXEN:
	case XENODOM0:
	case XENOMODULE:
	case XETOOMANY:
	case XEDUPNAME:
	case XECFGSYNTAX:
	case XECFGSECTION:
	case XECFGKEY:
	case XEINVAL:
		return EFI_INVALID_PARAMETER;
	case XENOMEM:
	case XENOROOM:
	case XENOSPC:
		return EFI_OUT_OF_RESOURCES;
	case XEGZMAGIC:
	case XEGZMETHOD:
	case XEGZHEADER:
	case XEGZDATA:
	case XEGZCRC:
	case XEGZSIZE:
	case XEGZTRUNC:
	case XEGZTOOBIG:
	case XESHA256:
	case XETRUNC:
	case XEEMPTY:
		return EFI_CRC_ERROR;
	case XENOTSUP:
		return EFI_UNSUPPORTED;
	case XEIO:
		return EFI_DEVICE_ERROR;
	default:
		return EFI_LOAD_ERROR;
	}
}

/**
 * Fill the platform interface
 *
 * @v carrier		Carrier (image, systab, bs set)
 */
static void efi_platform_init ( struct efi_carrier *carrier ) {
	struct platform *plat = &carrier->plat;

	plat->name = "efi";
	plat->probes_hardware = 1;
	plat->can_rdmsr = 1;
	plat->keeps_boot_services = 1;
	plat->file_find = efi_file_find;
	plat->file_name = efi_file_name;
	plat->alloc = efi_alloc;
	plat->free = efi_free;
	plat->memmap = efi_memmap;
	plat->phys_read = efi_phys_read;
	plat->pci_read = pci_cf8_read;
	plat->rsdp = efi_find_rsdp ( carrier->systab );
	plat->boot = efi_boot;
	plat->efi_system_table = virt_to_phys ( carrier->systab );
	plat->efi_image_handle = virt_to_phys ( carrier->image );
	plat->priv = carrier;
}

/**
 * Read our command line from LoadOptions
 *
 * @v carrier		Carrier (loaded set)
 * @ret rc		0, or -XEINVAL / -XENOSPC (reason printed)
 */
static int efi_read_cmdline ( struct efi_carrier *carrier ) {
	EFI_LOADED_IMAGE *loaded = carrier->loaded;
	size_t bad = 0;
	int rc;

	rc = efi_cmdline_from_options (
	        loaded->LoadOptions, loaded->LoadOptionsSize, carrier->cmdline,
	        sizeof ( carrier->cmdline ), &bad );
	if ( rc == -XEINVAL ) {
		printf ( "xenmb: command line: character %u is not printable "
		         "ASCII; only ASCII is accepted\n",
		         ( unsigned int )( bad + 1 ) );
	} else if ( rc != 0 ) {
		printf ( "xenmb: command line: longer than %u characters\n",
		         ( unsigned int )( sizeof ( carrier->cmdline ) - 1 ) );
	}
	return rc;
}

/**
 * Entry point (gnu-efi's crt0 calls it after relocating us)
 *
 * @v image		Our image handle
 * @v systab		System table
 * @ret efirc		EFI status (see the table at the top of this file)
 */
EFI_STATUS efi_main ( EFI_HANDLE image, EFI_SYSTEM_TABLE *systab ) {
	EFI_BOOT_SERVICES *bs = systab->BootServices;
	struct efi_carrier *carrier;
	EFI_STATUS efirc;
	int rc;

	efi_console_init ( systab->ConOut );

	/* The carrier's state lives in pool memory, not on the stack */
	if ( ( efirc = bs->AllocatePool ( EfiLoaderData, sizeof ( *carrier ),
	                                  ( void ** )&carrier ) ) !=
	     EFI_SUCCESS ) {
		printf ( "xenmb: %s\n", xenmb_strerror ( -XENOMEM ) );
		rc = -XENOMEM;
		goto err_alloc;
	}
	memset ( carrier, 0, sizeof ( *carrier ) );
	carrier->image = image;
	carrier->systab = systab;
	carrier->bs = bs;

	if ( ( efirc = bs->HandleProtocol ( image, &efi_loaded_image_guid,
	                                    ( void ** )&carrier->loaded ) ) !=
	     EFI_SUCCESS ) {
		printf ( "xenmb: cannot find our own loaded image\n" );
		rc = -XEIO;
		goto err_loaded;
	}
	if ( ( rc = efi_read_cmdline ( carrier ) ) != 0 )
		goto err_cmdline;

	efi_platform_init ( carrier );
	rc = xenmb_main ( &carrier->plat, carrier->cmdline );

	/* Back to iPXE: give back everything the kernel did not get */
err_cmdline:
err_loaded:
	efi_files_release ( carrier );
	efi_mem_release ( carrier );
	bs->FreePool ( carrier );
err_alloc:
	return efi_status ( rc );
}
