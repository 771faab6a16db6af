/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Placing Xen and its modules, and handing over (multiboot1/2)
 *
 * The protocol half of loading (usr/xenboot.c finds, checks and unpacks
 * the files): read the kernel's multiboot headers and ELF segments,
 * choose where it goes (honouring the relocatable tag), place the modules
 * (leaving them where iPXE put them when they are page aligned, sliding a
 * module down over its own cpio header when that aligns it, moving it
 * only when it must), build the information structure, jump.
 *
 * Nothing is written to the kernel's final place until every check has
 * passed, and every allocation is undone on the way out of a failure.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <xenmb/errors.h>
#include <xenmb/load.h>
#include <xenmb/xenmb.h>

/**
 * Report a failure concerning a file
 *
 * @v name		File name
 * @v rc		Return status code
 * @ret rc		The same code
 */
int load_fail ( const char *name, int rc ) {
	printf ( "xenmb: %s: %s\n", name, xenmb_strerror ( rc ) );
	return rc;
}

/**
 * Read the kernel's headers and choose the protocol and entry mode
 *
 * @v ld		Loader state
 * @ret rc		Return status code (reported)
 */
int load_choose_protocol ( struct load_state *ld ) {
	struct mb_kernel *kernel = &ld->kernel;
	int efi = ld->plat->keeps_boot_services;
	int rc;

	if ( ( rc = mb_parse_headers ( ld->image, ld->image_len, kernel ) ) )
		return load_fail ( ld->xen_name, rc );
	if ( ld->opts->mb1 ) {
		if ( !kernel->has_mb1 )
			return load_fail ( ld->xen_name, -XENOMB1 );
		if ( efi ) {
			printf ( "xenmb: %s: multiboot1 needs a BIOS; on UEFI "
			         "drop --mb1\n",
			         ld->xen_name );
			return -XENOTSUP;
		}
		ld->use_mb2 = 0;
	} else {
		ld->use_mb2 = kernel->has_mb2;
	}

	ld->mode = HANDOFF_I386;
	if ( efi ) {
		/* On UEFI only the EFI amd64 entry with boot services works */
		if ( !ld->use_mb2 || !kernel->mb2_has_efi64_entry ||
		     !kernel->mb2_efi_bs )
			return load_fail ( ld->xen_name, -XENOEFIENTRY );
		ld->mode = HANDOFF_EFI64;
	} else if ( !ld->use_mb2 && !kernel->has_mb1 ) {
		return load_fail ( ld->xen_name, -XENOEXEC );
	}

	if ( ld->use_mb2 && kernel->mb2_has_address )
		return load_fail ( ld->xen_name, -XEMBTAG );
	if ( !ld->use_mb2 && ( kernel->mb1_flags & MB1_FLAG_AOUT_KLUDGE ) ) {
		printf ( "xenmb: %s: a.out-style multiboot1 kernels are not "
		         "supported, only ELF\n",
		         ld->xen_name );
		return -XENOTSUP;
	}
	if ( ( rc = elf_parse ( ld->image, ld->image_len, &ld->elf ) ) != 0 )
		return load_fail ( ld->xen_name, rc );
	return 0;
}

/**
 * Tell whether two ranges overlap
 *
 * @v a			Start of the first
 * @v a_len		Its length
 * @v b			Start of the second
 * @v b_len		Its length
 * @ret overlap		Nonzero if they share a byte
 */
static int load_overlaps ( uint64_t a, uint64_t a_len, uint64_t b,
                           uint64_t b_len ) {
	return ( a < b + b_len && b < a + a_len );
}

/**
 * Move a module to fresh memory
 *
 * @v ld		Loader state
 * @v mod		Module
 * @v avoid		Start of a range the copy must not touch
 * @v avoid_len		Its length (0: none)
 * @ret rc		Return status code (reported)
 */
static int load_move_module ( struct load_state *ld, struct load_module *mod,
                              uint64_t avoid, uint64_t avoid_len ) {
	struct platform *plat = ld->plat;
	struct mem_request req;
	uint64_t phys;
	int rc;

	mem_request_high ( &req, mod->len, mod->spec->name );
	/* Keep clear of the kernel's fixed place, above it or below it */
	if ( avoid_len ) {
		req.min = avoid + avoid_len;
		if ( plat->alloc ( plat, &req, &phys ) == 0 )
			goto found;
		req.min = 0x100000;
		req.max = avoid;
	}
	if ( ( rc = plat->alloc ( plat, &req, &phys ) ) != 0 )
		return load_fail ( mod->spec->name, -XENOROOM );
found:
	memcpy ( phys_to_virt ( phys ), phys_to_virt ( mod->phys ), mod->len );
	mod->phys = phys;
	mod->moved_size = req.size;
	return 0;
}

/**
 * Move modules out of the place a fixed-address kernel must go
 *
 * @v ld		Loader state
 * @v start		Start of the kernel's place
 * @v len		Its length
 * @ret rc		Return status code (reported)
 *
 * iPXE puts its initrd area high, so this only happens with very little
 * memory; the modules that lie in the way are copied elsewhere and their
 * old place is given back, so that the kernel's place becomes free.
 */
static int load_clear_fixed ( struct load_state *ld, uint64_t start,
                              uint64_t len ) {
	struct platform *plat = ld->plat;
	struct load_module *mod;
	struct xfile *file;
	unsigned int i;
	int rc;

	for ( i = 0; i < ld->module_count; i++ ) {
		mod = &ld->modules[i];
		file = mod->file;
		if ( !load_overlaps ( file->region, file->region_len, start,
		                      len ) )
			continue;
		if ( !file->region_free ) {
			printf ( "xenmb: %s: lies where %s must go\n",
			         mod->spec->name, ld->xen_name );
			return -XEOVERLAP;
		}
		if ( ( rc = load_move_module ( ld, mod, start, len ) ) != 0 )
			return rc;
		plat->free ( plat, file->region, file->region_len );
		file->region_len = 0;
	}
	return 0;
}

/**
 * Choose where the kernel goes and claim the memory
 *
 * @v ld		Loader state
 * @ret rc		Return status code (reported)
 */
int load_place_kernel ( struct load_state *ld ) {
	struct platform *plat = ld->plat;
	const struct mb_kernel *kernel = &ld->kernel;
	struct mem_request req;
	uint64_t link_entry, delta;
	int rc;

	memset ( &req, 0, sizeof ( req ) );
	req.size = ( ld->elf.high - ld->elf.low + PAGE_SIZE - 1 ) &
	           ~( PAGE_SIZE - 1 );
	req.align = PAGE_SIZE;
	req.what = ld->xen_name;
	if ( ld->use_mb2 && kernel->mb2_relocatable ) {
		/* The tag's max is the highest end address of the image */
		req.min = kernel->mb2_reloc_min;
		req.max = ( uint64_t )kernel->mb2_reloc_max + 1;
		if ( kernel->mb2_reloc_align > req.align )
			req.align = kernel->mb2_reloc_align;
		req.high = ( kernel->mb2_reloc_pref != MB2_RELOC_LOW );
		if ( req.min < 0x100000 )
			req.min = 0x100000;
	} else {
		req.min = ld->elf.low;
		req.max = ld->elf.low + req.size;
		req.fixed = 1;
		if ( ( rc = load_clear_fixed ( ld, req.min, req.size ) ) != 0 )
			return rc;
	}
	if ( ( rc = plat->alloc ( plat, &req, &ld->load_phys ) ) != 0 ) {
		printf ( "xenmb: %s: %s (%llu KiB%s)\n", ld->xen_name,
		         xenmb_strerror ( -XENOROOM ),
		         ( unsigned long long )( req.size / 1024 ),
		         req.fixed ? " at its fixed address" : "" );
		return -XENOROOM;
	}
	ld->load_size = req.size;
	ld->load_allocated = 1;
	delta = ld->load_phys - ld->elf.low;

	/* The entry point, as the chosen protocol defines it */
	if ( ld->mode == HANDOFF_EFI64 )
		link_entry = kernel->mb2_efi64_entry;
	else if ( ld->use_mb2 && kernel->mb2_has_entry )
		link_entry = kernel->mb2_entry;
	else
		link_entry = ld->elf.entry;
	if ( !elf_contains ( &ld->elf, link_entry ) ) {
		printf ( "xenmb: %s: entry point 0x%llx is outside the "
		         "image\n",
		         ld->xen_name, ( unsigned long long )link_entry );
		return -XEMBADDR;
	}
	ld->entry = link_entry + delta;
	return 0;
}

/**
 * Put each module on a page boundary below 4 GiB, clear of the kernel
 *
 * @v ld		Loader state
 * @ret rc		Return status code (reported)
 */
int load_place_modules ( struct load_state *ld ) {
	struct load_module *mod;
	struct xfile *file;
	unsigned int i;
	int rc;

	for ( i = 0; i < ld->module_count; i++ ) {
		mod = &ld->modules[i];
		file = mod->file;

		/* Moved out of the kernel's way already */
		if ( mod->moved_size )
			continue;
		/* Overlapping the kernel: iPXE's placement cannot be kept */
		if ( load_overlaps ( file->region, file->region_len,
		                     ld->load_phys, ld->load_size ) ) {
			printf ( "xenmb: %s: lies where %s must go\n",
			         mod->spec->name, ld->xen_name );
			return -XEOVERLAP;
		}
		if ( ( mod->phys & ( PAGE_SIZE - 1 ) ) == 0 &&
		     mod->phys + mod->len <= ADDR_4G )
			continue;
		/* Slide the data down over its own cpio header */
		if ( ( file->region & ( PAGE_SIZE - 1 ) ) == 0 &&
		     file->region <= mod->phys &&
		     mod->phys + mod->len <= file->region + file->region_len &&
		     file->region + mod->len <= ADDR_4G ) {
			memmove ( phys_to_virt ( file->region ),
			          phys_to_virt ( mod->phys ), mod->len );
			mod->phys = file->region;
			file->phys = file->region;
			file->data = phys_to_virt ( file->region );
			continue;
		}
		if ( ( rc = load_move_module ( ld, mod, 0, 0 ) ) != 0 )
			return rc;
	}
	return 0;
}

/**
 * Estimate the size of the information structure
 *
 * @v ld		Loader state
 * @v map_count		Memory map entries
 * @ret size		Bytes (generous)
 */
static size_t load_info_size ( struct load_state *ld, unsigned int map_count ) {
	size_t size = 4096 + strlen ( ld->xen_name ) +
	              strlen ( ld->opts->xen.args ? ld->opts->xen.args : "" ) +
	              ( size_t )map_count * 32;
	unsigned int i;

	for ( i = 0; i < ld->module_count; i++ ) {
		const struct image_spec *spec = ld->modules[i].spec;

		size += 64 + strlen ( spec->name ) +
		        strlen ( spec->args ? spec->args : "" );
	}
	return size;
}

/**
 * Add the ACPI RSDP tag (a copy of the firmware's RSDP)
 *
 * @v ld		Loader state
 */
static void load_add_acpi_tag ( struct load_state *ld ) {
	struct platform *plat = ld->plat;
	uint8_t rsdp[36];
	uint32_t len;

	if ( !plat->rsdp || !plat->phys_read ||
	     plat->phys_read ( plat, plat->rsdp, rsdp, 20 ) != 0 )
		return;
	if ( rsdp[15] >= 2 && plat->phys_read ( plat, plat->rsdp, rsdp,
	                                        sizeof ( rsdp ) ) == 0 ) {
		len = rsdp[20] | ( rsdp[21] << 8 ) | ( rsdp[22] << 16 ) |
		      ( ( uint32_t )rsdp[23] << 24 );
		if ( len > sizeof ( rsdp ) || len < 20 )
			len = sizeof ( rsdp );
		mb2_add_raw_tag ( &ld->mbi, MB2_TAG_ACPI_NEW, rsdp, len );
	} else {
		mb2_add_raw_tag ( &ld->mbi, MB2_TAG_ACPI_OLD, rsdp, 20 );
	}
}

/**
 * Build the multiboot2 information
 *
 * @v ld		Loader state
 * @v map		Memory map (or NULL)
 * @v map_count		Entries
 * @ret rc		Return status code
 */
static int load_build_mb2 ( struct load_state *ld,
                            const struct memmap_entry *map,
                            unsigned int map_count ) {
	struct mbi_buffer *mbi = &ld->mbi;
	struct platform *plat = ld->plat;
	uint32_t lower, upper;
	unsigned int i;

	mb2_begin ( mbi );
	if ( ld->kernel.mb2_relocatable )
		mb2_add_value_tag ( mbi, MB2_TAG_LOAD_BASE_ADDR, ld->load_phys,
		                    4 );
	mb2_add_string_tag ( mbi, MB2_TAG_CMDLINE, ld->xen_name,
	                     ld->opts->xen.args );
	mb2_add_string_tag ( mbi, MB2_TAG_BOOT_LOADER_NAME, LOAD_LOADER_NAME,
	                     XENMB_VERSION );
	for ( i = 0; i < ld->module_count; i++ ) {
		const struct load_module *mod = &ld->modules[i];

		mb2_add_module_tag ( mbi, mod->phys, mod->len, mod->spec->name,
		                     mod->spec->args );
	}
	/* With boot services kept, the kernel reads the map from UEFI */
	if ( ld->mode != HANDOFF_EFI64 && map ) {
		mb_meminfo ( map, map_count, &lower, &upper );
		mb2_add_basic_meminfo_tag ( mbi, lower, upper );
		mb2_add_mmap_tag ( mbi, map, map_count );
	}
	load_add_acpi_tag ( ld );
	if ( ld->mode == HANDOFF_EFI64 ) {
		mb2_add_value_tag ( mbi, MB2_TAG_EFI64, plat->efi_system_table,
		                    8 );
		mb2_add_empty_tag ( mbi, MB2_TAG_EFI_BS );
		mb2_add_value_tag ( mbi, MB2_TAG_EFI64_IH,
		                    plat->efi_image_handle, 8 );
	}
	return mb2_finish ( mbi );
}

/**
 * Build the multiboot1 information
 *
 * @v ld		Loader state
 * @v map		Memory map (or NULL)
 * @v map_count		Entries
 * @ret rc		Return status code
 */
static int load_build_mb1 ( struct load_state *ld,
                            const struct memmap_entry *map,
                            unsigned int map_count ) {
	struct mb1_module_desc mods[XENMB_MAX_MODULES];
	struct mb1_desc desc;
	unsigned int i;

	memset ( &desc, 0, sizeof ( desc ) );
	desc.cmdline_name = ld->xen_name;
	desc.cmdline_args = ld->opts->xen.args;
	desc.loader_name = LOAD_LOADER_NAME " " XENMB_VERSION;
	desc.map = map;
	desc.map_count = map ? map_count : 0;
	if ( map )
		mb_meminfo ( map, map_count, &desc.mem_lower, &desc.mem_upper );
	for ( i = 0; i < ld->module_count; i++ ) {
		mods[i].start = ld->modules[i].phys;
		mods[i].len = ld->modules[i].len;
		mods[i].name = ld->modules[i].spec->name;
		mods[i].args = ld->modules[i].spec->args;
	}
	desc.modules = mods;
	desc.module_count = ld->module_count;
	return mb1_build_info ( &ld->mbi, &desc );
}

/**
 * Allocate and build the information structure
 *
 * @v ld		Loader state
 * @ret rc		Return status code (reported)
 */
int load_build_info ( struct load_state *ld ) {
	struct platform *plat = ld->plat;
	const struct memmap_entry *map = NULL;
	unsigned int map_count = 0;
	struct mem_request req;
	int rc;

	if ( plat->memmap )
		map = plat->memmap ( plat, &map_count );
	mem_request_high ( &req, load_info_size ( ld, map_count ),
	                   "boot information" );
	if ( ( rc = plat->alloc ( plat, &req, &ld->mbi.phys ) ) != 0 )
		return load_fail ( "boot information", -XENOROOM );
	ld->mbi_alloc = req.size;
	ld->mbi.base = phys_to_virt ( ld->mbi.phys );
	ld->mbi.size = ( size_t )req.size;

	rc = ld->use_mb2 ? load_build_mb2 ( ld, map, map_count )
	                 : load_build_mb1 ( ld, map, map_count );
	if ( rc != 0 )
		return load_fail ( "boot information", rc );
	return 0;
}

/**
 * Free everything the loader allocated
 *
 * @v ld		Loader state
 */
void load_release ( struct load_state *ld ) {
	struct platform *plat = ld->plat;
	unsigned int i;

	if ( !plat->free )
		return;
	if ( ld->mbi_alloc )
		plat->free ( plat, ld->mbi.phys, ld->mbi_alloc );
	for ( i = 0; i < ld->module_count; i++ ) {
		if ( ld->modules[i].moved_size )
			plat->free ( plat, ld->modules[i].phys,
			             ld->modules[i].moved_size );
	}
	if ( ld->load_allocated )
		plat->free ( plat, ld->load_phys, ld->load_size );
	if ( ld->scratch_size )
		plat->free ( plat, ld->scratch_phys, ld->scratch_size );
}

/**
 * Start the kernel
 *
 * @v ld		Loader state (placed, information built, image copied)
 * @ret rc		Only returns on failure (reason printed)
 */
int load_start ( struct load_state *ld ) {
	struct platform *plat = ld->plat;
	struct handoff handoff;
	int rc;

	memset ( &handoff, 0, sizeof ( handoff ) );
	handoff.mode = ld->mode;
	handoff.magic = ld->use_mb2 ? MB2_BOOT_MAGIC : MB1_BOOT_MAGIC;
	handoff.info = ld->mbi.phys;
	handoff.entry = ld->entry;
	rc = plat->boot ( plat, &handoff );
	printf ( "xenmb: %s: could not start it: %s\n", ld->xen_name,
	         xenmb_strerror ( rc ) );
	return rc;
}
