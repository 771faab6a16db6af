/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * UEFI carrier: the files iPXE hands over on its SIMPLE_FILE_SYSTEM
 *
 * iPXE installs a file system on our LoadedImage->DeviceHandle with one
 * flat root directory: one file per registered image, named by image
 * name, matched case-insensitively.  A file is read once into pages below
 * 4 GiB (and above 1 MiB), page aligned so that it can be a multiboot
 * module where it lies, and kept in the carrier so that a second lookup
 * returns the same copy.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <efi.h>
#include <xenmb/errors.h>
#include <xenmb/platform.h>
#include "efi_carrier.h"

/** Longest file name, including the NUL */
#define EFI_NAME_MAX ( sizeof ( ( ( struct xfile * )NULL )->name ) )

/** Room for one EFI_FILE_INFO with a name of EFI_NAME_MAX characters */
#define EFI_INFO_BUF_SIZE ( SIZE_OF_EFI_FILE_INFO + ( 2 * EFI_NAME_MAX ) + 8 )

/** SIMPLE_FILE_SYSTEM protocol */
static EFI_GUID efi_sfs_guid = SIMPLE_FILE_SYSTEM_PROTOCOL;

/** EFI_FILE_INFO information type */
static EFI_GUID efi_file_info_guid = EFI_FILE_INFO_ID;

/**
 * Open the root directory of iPXE's file system
 *
 * @v carrier		Carrier
 * @ret rc		0, or -XEIO (reason printed)
 */
static int efi_open_root ( struct efi_carrier *carrier ) {
	EFI_FILE_IO_INTERFACE *sfs;
	EFI_STATUS efirc;

	if ( carrier->root )
		return 0;
	efirc = carrier->bs->HandleProtocol ( carrier->loaded->DeviceHandle,
	                                      &efi_sfs_guid, ( void ** )&sfs );
	if ( efirc != EFI_SUCCESS ) {
		printf ( "xenmb: no file system on our device (was xenmb.efi "
		         "started by iPXE?)\n" );
		return -XEIO;
	}
	if ( ( efirc = sfs->OpenVolume ( sfs, &carrier->root ) ) !=
	     EFI_SUCCESS ) {
		carrier->root = NULL;
		printf ( "xenmb: cannot open iPXE's file system\n" );
		return -XEIO;
	}
	return 0;
}

/**
 * Copy a UCS-2 name to ASCII (non-ASCII characters become '?')
 *
 * @v src		UCS-2 name (NUL-terminated within @c max characters
 *			or cut there)
 * @v dst		ASCII buffer
 * @v max		Size of @c dst
 */
static void efi_name_to_ascii ( const CHAR16 *src, char *dst, size_t max ) {
	size_t i;

	for ( i = 0; ( i + 1 ) < max && src[i]; i++ )
		dst[i] = ( ( src[i] >= ' ' ) && ( src[i] <= '~' ) ) ? src[i]
		                                                    : '?';
	dst[i] = '\0';
}

/**
 * Check that a name can be asked of iPXE
 *
 * @v name		Name
 * @ret rc		0, or -XEINVAL (reason printed)
 */
static int efi_check_name ( const char *name ) {
	size_t len = strlen ( name );
	size_t i;

	/* iPXE 2019 opens the root directory for any name starting "." */
	if ( name[0] == '.' ) {
		printf ( "xenmb: %s: names starting with \".\" cannot be "
		         "opened over iPXE's file system; rename the image\n",
		         name );
		return -XEINVAL;
	}
	if ( ( len == 0 ) || ( len >= EFI_NAME_MAX ) ) {
		printf ( "xenmb: %s: file name is empty or too long\n", name );
		return -XEINVAL;
	}
	for ( i = 0; i < len; i++ ) {
		if ( ( name[i] <= ' ' ) || ( name[i] > '~' ) ) {
			printf ( "xenmb: %s: file name must be printable "
			         "ASCII without spaces\n",
			         name );
			return -XEINVAL;
		}
	}
	return 0;
}

/**
 * Read an opened file into fresh pages
 *
 * @v carrier		Carrier
 * @v handle		Opened file
 * @v file		File to fill (name already set)
 * @ret rc		0, or negative (reason printed, nothing kept)
 */
static int efi_file_load ( struct efi_carrier *carrier, EFI_FILE_HANDLE handle,
                           struct xfile *file ) {
	UINT64 info_buf[EFI_INFO_BUF_SIZE / sizeof ( UINT64 )];
	EFI_FILE_INFO *info = ( ( EFI_FILE_INFO * )info_buf );
	UINTN info_len = sizeof ( info_buf );
	struct mem_request req;
	uint8_t *data;
	uint64_t phys;
	uint64_t done;
	UINTN chunk;
	EFI_STATUS efirc;
	int rc;

	/* Size */
	if ( handle->GetInfo ( handle, &efi_file_info_guid, &info_len, info ) !=
	     EFI_SUCCESS ) {
		printf ( "xenmb: %s: cannot read the file's size\n",
		         file->name );
		return -XEIO;
	}
	if ( info->Attribute & EFI_FILE_DIRECTORY ) {
		printf ( "xenmb: %s: is a directory\n", file->name );
		return -XEINVAL;
	}
	if ( info->FileSize >= ADDR_4G ) {
		printf ( "xenmb: %s: %s\n", file->name,
		         xenmb_strerror ( -XEABOVE4G ) );
		return -XEABOVE4G;
	}

	/* Pages below 4 GiB, as high as they go */
	memset ( &req, 0, sizeof ( req ) );
	req.size = info->FileSize;
	req.align = PAGE_SIZE;
	req.max = ADDR_4G;
	req.high = 1;
	req.what = file->name;
	if ( ( rc = efi_alloc ( &carrier->plat, &req, &phys ) ) != 0 ) {
		printf ( "xenmb: %s: %s\n", file->name, xenmb_strerror ( rc ) );
		return rc;
	}
	data = phys_to_virt ( phys );

	/* Read until every byte is there */
	for ( done = 0; done < info->FileSize; done += chunk ) {
		chunk = ( info->FileSize - done );
		efirc = handle->Read ( handle, &chunk, ( data + done ) );
		if ( ( efirc != EFI_SUCCESS ) || ( chunk == 0 ) ) {
			rc = ( ( efirc != EFI_SUCCESS ) ? -XEIO : -XETRUNC );
			printf ( "xenmb: %s: %s after %llu of %llu bytes\n",
			         file->name, xenmb_strerror ( rc ),
			         ( unsigned long long )done,
			         ( unsigned long long )info->FileSize );
			goto err_read;
		}
	}

	file->data = data;
	file->phys = phys;
	file->len = info->FileSize;
	file->region = phys;
	file->region_len =
	        ( ( ( info->FileSize + PAGE_SIZE - 1 ) / PAGE_SIZE ) *
	          PAGE_SIZE );
	if ( file->region_len == 0 )
		file->region_len = PAGE_SIZE;
	return 0;

err_read:
	efi_free ( &carrier->plat, phys, req.size );
	return rc;
}

/**
 * Find a file by name (case-insensitive, as iPXE matches)
 *
 * @v plat		Platform
 * @v name		Name
 * @ret file		File, loaded, or NULL (absent, or the reason printed)
 */
struct xfile *efi_file_find ( struct platform *plat, const char *name ) {
	struct efi_carrier *carrier = efi_carrier ( plat );
	CHAR16 wname[EFI_NAME_MAX];
	EFI_FILE_HANDLE handle;
	struct xfile *file;
	EFI_STATUS efirc;
	unsigned int i;
	int rc = -XEIO;

	/* Already loaded? */
	plat->file_error = 0;
	for ( i = 0; i < carrier->file_count; i++ ) {
		if ( strcasecmp ( carrier->files[i].name, name ) == 0 )
			return &carrier->files[i];
	}

	if ( efi_check_name ( name ) != 0 )
		goto err;
	if ( carrier->file_count >= EFI_MAX_FILES ) {
		printf ( "xenmb: %s: too many files\n", name );
		goto err;
	}
	if ( efi_open_root ( carrier ) != 0 )
		goto err;

	/* Open it (iPXE wants read-only mode) */
	for ( i = 0; name[i]; i++ )
		wname[i] = name[i];
	wname[i] = L'\0';
	efirc = carrier->root->Open ( carrier->root, &handle, wname,
	                              EFI_FILE_MODE_READ, 0 );
	if ( efirc == EFI_NOT_FOUND )
		return NULL;
	if ( efirc != EFI_SUCCESS ) {
		printf ( "xenmb: %s: cannot open\n", name );
		goto err;
	}

	file = &carrier->files[carrier->file_count];
	memset ( file, 0, sizeof ( *file ) );
	memcpy ( file->name, name, strlen ( name ) + 1 );
	file->index = carrier->file_count;
	rc = efi_file_load ( carrier, handle, file );
	handle->Close ( handle );
	if ( rc != 0 )
		goto err;
	carrier->file_count++;
	return file;

err:
	/* The reason has been printed: say the file may well be there */
	plat->file_error = rc;
	return NULL;
}

/**
 * List the files
 *
 * @v plat		Platform
 * @v index		Index from 0 (directories are skipped)
 * @ret name		Name of file @c index, or NULL past the end
 */
const char *efi_file_name ( struct platform *plat, unsigned int index ) {
	struct efi_carrier *carrier = efi_carrier ( plat );
	UINT64 info_buf[EFI_INFO_BUF_SIZE / sizeof ( UINT64 )];
	EFI_FILE_INFO *info = ( ( EFI_FILE_INFO * )info_buf );
	EFI_FILE_HANDLE root;
	unsigned int seen = 0;
	unsigned int entries;
	UINTN len;

	if ( efi_open_root ( carrier ) != 0 )
		return NULL;
	root = carrier->root;

	/* Each Read of a directory gives one EFI_FILE_INFO, 0 at the end */
	if ( root->SetPosition ( root, 0 ) != EFI_SUCCESS )
		return NULL;
	for ( entries = 0; entries < 4096; entries++ ) {
		len = sizeof ( info_buf );
		if ( root->Read ( root, &len, info ) != EFI_SUCCESS )
			return NULL;
		if ( len < SIZE_OF_EFI_FILE_INFO )
			return NULL;
		if ( info->Attribute & EFI_FILE_DIRECTORY )
			continue;
		if ( seen++ != index )
			continue;
		efi_name_to_ascii ( info->FileName, carrier->listed_name,
		                    sizeof ( carrier->listed_name ) );
		return carrier->listed_name;
	}
	return NULL;
}

/**
 * Close the file system (the loaded pages are freed with the memory)
 *
 * @v carrier		Carrier
 */
void efi_files_release ( struct efi_carrier *carrier ) {
	if ( carrier->root ) {
		carrier->root->Close ( carrier->root );
		carrier->root = NULL;
	}
	carrier->file_count = 0;
}
