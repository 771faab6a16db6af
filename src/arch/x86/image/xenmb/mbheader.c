/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Multiboot1 and multiboot2 kernel header parsing
 *
 * Finds the headers where the specifications say they are (MB1: 4-byte
 * aligned in the first 8 KiB; MB2: 8-byte aligned in the first 32 KiB),
 * checks their checksums and lengths, and records what the kernel asks
 * for.  A required tag this loader cannot honour is refused by type.
 */
#include <stdint.h>
#include <string.h>
#include <xenmb/errors.h>
#include <xenmb/multiboot.h>
#include <xenmb/le.h>

/**
 * Find and check the multiboot1 header
 *
 * @v image		Kernel image
 * @v len		Length
 * @v kernel		Header information to fill
 * @ret rc		0 if found, -XENOEXEC if absent, -XEMBHDR if damaged
 */
static int mb1_parse_header ( const uint8_t *image, size_t len,
                              struct mb_kernel *kernel ) {
	size_t limit = ( len < MB1_SEARCH ) ? len : MB1_SEARCH;
	size_t offset;
	uint32_t flags;

	for ( offset = 0; offset + 12 <= limit; offset += 4 ) {
		const uint8_t *hdr = image + offset;

		if ( le_get32 ( hdr ) != MB1_HEADER_MAGIC )
			continue;
		flags = le_get32 ( hdr + 4 );
		/* Magic + flags + checksum must sum to zero */
		if ( ( uint32_t )( MB1_HEADER_MAGIC + flags +
		                   le_get32 ( hdr + 8 ) ) != 0 )
			continue;
		kernel->has_mb1 = 1;
		kernel->mb1_offset = offset;
		kernel->mb1_flags = flags;
		/* Required flags (low 16 bits) we do not know: refuse */
		if ( flags & 0x0000fff8UL )
			return -XEMBHDR;
		if ( flags & MB1_FLAG_AOUT_KLUDGE ) {
			if ( offset + 32 > len )
				return -XEMBHDR;
			kernel->mb1_header_addr = le_get32 ( hdr + 12 );
			kernel->mb1_load_addr = le_get32 ( hdr + 16 );
			kernel->mb1_load_end_addr = le_get32 ( hdr + 20 );
			kernel->mb1_bss_end_addr = le_get32 ( hdr + 24 );
			kernel->mb1_entry_addr = le_get32 ( hdr + 28 );
		}
		return 0;
	}
	return -XENOEXEC;
}

/**
 * Record an information request tag
 *
 * @v tag		Tag start
 * @v size		Tag size
 * @v optional		Tag is optional
 * @v kernel		Header information
 * @ret rc		0, or -XEMBTAG for an unknown required information type
 */
static int mb2_parse_info_request ( const uint8_t *tag, uint32_t size,
                                    int optional, struct mb_kernel *kernel ) {
	uint32_t offset;
	uint32_t type;

	for ( offset = 8; offset + 4 <= size; offset += 4 ) {
		type = le_get32 ( tag + offset );
		/* Types this loader knows how to provide or omit */
		if ( type > MB2_TAG_LOAD_BASE_ADDR ) {
			if ( !optional )
				return -XEMBTAG;
			continue;
		}
		kernel->mb2_requested |= ( 1UL << type );
		if ( !optional )
			kernel->mb2_required |= ( 1UL << type );
	}
	return 0;
}

/**
 * Record one multiboot2 header tag
 *
 * @v tag		Tag start
 * @v type		Tag type
 * @v size		Tag size (already checked against the header)
 * @v optional		Tag is optional
 * @v kernel		Header information
 * @ret rc		0, or -XEMBHDR (bad size) / -XEMBTAG (unsupported)
 */
static int mb2_parse_tag ( const uint8_t *tag, uint16_t type, uint32_t size,
                           int optional, struct mb_kernel *kernel ) {
	switch ( type ) {
	case MB2_HDR_INFORMATION_REQUEST:
		return mb2_parse_info_request ( tag, size, optional, kernel );
	case MB2_HDR_ADDRESS:
		if ( size < 24 )
			return -XEMBHDR;
		/* a.out-style loading is not implemented: only ELF */
		if ( !optional )
			return -XEMBTAG;
		kernel->mb2_has_address = 1;
		return 0;
	case MB2_HDR_ENTRY_ADDRESS:
	case MB2_HDR_ENTRY_ADDRESS_EFI64:
		if ( size < 12 )
			return -XEMBHDR;
		if ( type == MB2_HDR_ENTRY_ADDRESS ) {
			kernel->mb2_has_entry = 1;
			kernel->mb2_entry = le_get32 ( tag + 8 );
		} else {
			kernel->mb2_has_efi64_entry = 1;
			kernel->mb2_efi64_entry = le_get32 ( tag + 8 );
		}
		return 0;
	case MB2_HDR_ENTRY_ADDRESS_EFI32:
		if ( !optional )
			return -XEMBTAG;
		return 0;
	case MB2_HDR_CONSOLE_FLAGS:
		if ( size < 12 )
			return -XEMBHDR;
		kernel->mb2_console_flags = le_get32 ( tag + 8 );
		return 0;
	case MB2_HDR_FRAMEBUFFER:
		if ( size < 20 )
			return -XEMBHDR;
		/* No framebuffer is set up: only acceptable if optional */
		if ( !optional )
			return -XEMBTAG;
		kernel->mb2_has_framebuffer = 1;
		return 0;
	case MB2_HDR_MODULE_ALIGN:
		kernel->mb2_module_align = 1;
		return 0;
	case MB2_HDR_EFI_BS:
		kernel->mb2_efi_bs = 1;
		return 0;
	case MB2_HDR_RELOCATABLE:
		if ( size < 24 )
			return -XEMBHDR;
		kernel->mb2_relocatable = 1;
		kernel->mb2_reloc_min = le_get32 ( tag + 8 );
		kernel->mb2_reloc_max = le_get32 ( tag + 12 );
		kernel->mb2_reloc_align = le_get32 ( tag + 16 );
		kernel->mb2_reloc_pref = le_get32 ( tag + 20 );
		/* Alignment must be zero or a power of two */
		if ( kernel->mb2_reloc_align & ( kernel->mb2_reloc_align - 1 ) )
			return -XEMBHDR;
		if ( kernel->mb2_reloc_min > kernel->mb2_reloc_max )
			return -XEMBHDR;
		return 0;
	default:
		return optional ? 0 : -XEMBTAG;
	}
}

/**
 * Walk the tags of a multiboot2 header
 *
 * @v hdr		Header start
 * @v hdr_len		Header length (checked against the image)
 * @v kernel		Header information
 * @ret rc		0, -XEMBHDR, -XEMBTAG
 */
static int mb2_parse_tags ( const uint8_t *hdr, uint32_t hdr_len,
                            struct mb_kernel *kernel ) {
	uint32_t offset = 16;
	uint16_t type;
	uint32_t size;
	int rc;

	while ( offset + 8 <= hdr_len ) {
		type = le_get16 ( hdr + offset );
		size = le_get32 ( hdr + offset + 4 );
		if ( size < 8 || size > hdr_len - offset )
			return -XEMBHDR;
		if ( type == MB2_HDR_END )
			return 0;
		rc = mb2_parse_tag ( hdr + offset, type, size,
		                     le_get16 ( hdr + offset + 2 ) &
		                             MB2_HDR_TAG_OPTIONAL,
		                     kernel );
		if ( rc != 0 )
			return rc;
		/* Tags are padded to 8 bytes */
		size = ( size + 7 ) & ~7U;
		if ( size > hdr_len - offset )
			break;
		offset += size;
	}
	/* No END tag inside the header */
	return -XEMBHDR;
}

/**
 * Find and check the multiboot2 header
 *
 * @v image		Kernel image
 * @v len		Length
 * @v kernel		Header information to fill
 * @ret rc		0 if found, -XENOEXEC if absent, or an error
 */
static int mb2_parse_header ( const uint8_t *image, size_t len,
                              struct mb_kernel *kernel ) {
	size_t limit = ( len < MB2_SEARCH ) ? len : MB2_SEARCH;
	size_t offset;
	uint32_t arch, hdr_len, sum;

	for ( offset = 0; offset + 16 <= limit; offset += 8 ) {
		const uint8_t *hdr = image + offset;

		if ( le_get32 ( hdr ) != MB2_HEADER_MAGIC )
			continue;
		arch = le_get32 ( hdr + 4 );
		hdr_len = le_get32 ( hdr + 8 );
		sum = MB2_HEADER_MAGIC + arch + hdr_len + le_get32 ( hdr + 12 );
		if ( sum != 0 )
			continue;
		kernel->has_mb2 = 1;
		kernel->mb2_offset = offset;
		if ( arch != MB2_ARCH_I386 )
			return -XEMBHDR;
		if ( hdr_len < 24 || hdr_len > len - offset )
			return -XEMBHDR;
		return mb2_parse_tags ( hdr, hdr_len, kernel );
	}
	return -XENOEXEC;
}

/**
 * Find and check the multiboot headers of a kernel image
 *
 * @v image		Kernel image (decompressed)
 * @v len		Length
 * @v kernel		What the headers ask for, on success
 * @ret rc		0 if at least one valid header was found
 */
int mb_parse_headers ( const void *image, size_t len,
                       struct mb_kernel *kernel ) {
	int rc1, rc2;

	memset ( kernel, 0, sizeof ( *kernel ) );
	rc2 = mb2_parse_header ( image, len, kernel );
	rc1 = mb1_parse_header ( image, len, kernel );
	/* A damaged header is reported even if the other one is fine */
	if ( rc2 != 0 && rc2 != -XENOEXEC )
		return rc2;
	if ( rc1 != 0 && rc1 != -XENOEXEC )
		return rc1;
	if ( !kernel->has_mb1 && !kernel->has_mb2 )
		return -XENOEXEC;
	return 0;
}
