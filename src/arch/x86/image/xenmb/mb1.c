/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Multiboot1 boot information builder, and memory sizes for both versions
 *
 * One buffer holds the information structure, then the module list, the
 * memory map and every string.  Pointers in it are physical addresses,
 * computed from the buffer's own physical address.  Unlike iPXE's
 * multiboot1 loader there is no limit on modules, map entries or command
 * line length other than the buffer, and the map keeps every type.
 */
#include <stdint.h>
#include <string.h>
#include <xenmb/errors.h>
#include <xenmb/multiboot.h>
#include <xenmb/platform.h>

/**
 * Take room in the buffer
 *
 * @v mbi		Buffer
 * @v len		Bytes wanted
 * @v align		Alignment of the start (power of two)
 * @v phys		Physical address of the room, on success
 * @ret ptr		Start of the room (zeroed), or NULL if full
 */
static void *mb1_take ( struct mbi_buffer *mbi, size_t len, size_t align,
                        uint32_t *phys ) {
	size_t start = ( mbi->used + align - 1 ) & ~( align - 1 );
	void *ptr;

	if ( mbi->rc != 0 )
		return NULL;
	if ( start > mbi->size || len > mbi->size - start ||
	     mbi->phys + start + len > ADDR_4G ) {
		mbi->rc = -XENOSPC;
		return NULL;
	}
	ptr = mbi->base + start;
	memset ( ptr, 0, len );
	*phys = ( uint32_t )( mbi->phys + start );
	mbi->used = start + len;
	return ptr;
}

/**
 * Store "first second" as a string in the buffer
 *
 * @v mbi		Buffer
 * @v first		First part
 * @v second		Second part (joined by a space if non-empty), or NULL
 * @ret phys		Physical address of the string, or 0 if full
 */
static uint32_t mb1_add_string ( struct mbi_buffer *mbi, const char *first,
                                 const char *second ) {
	size_t first_len = strlen ( first );
	size_t second_len = ( second && *second ) ? strlen ( second ) : 0;
	uint32_t phys = 0;
	char *str;

	str = mb1_take ( mbi,
	                 first_len + ( second_len ? second_len + 1 : 0 ) + 1, 1,
	                 &phys );
	if ( !str )
		return 0;
	memcpy ( str, first, first_len );
	if ( second_len ) {
		str[first_len] = ' ';
		memcpy ( str + first_len + 1, second, second_len );
	}
	return phys;
}

/**
 * Build a multiboot1 information structure
 *
 * @v mbi		Buffer (base, phys, size set; below 4 GiB)
 * @v desc		Contents
 * @ret rc		0, or -XENOSPC / -XEABOVE4G
 */
int mb1_build_info ( struct mbi_buffer *mbi, const struct mb1_desc *desc ) {
	struct mb1_info *info;
	struct mb1_module *mods;
	struct mb1_mmap_entry *mmap;
	uint32_t info_phys, phys;
	unsigned int i;

	mbi->used = 0;
	mbi->rc = 0;
	info = mb1_take ( mbi, sizeof ( *info ), 8, &info_phys );
	if ( !info )
		return mbi->rc;

	info->flags = MB1_INFO_MEMORY | MB1_INFO_CMDLINE | MB1_INFO_MODS |
	              MB1_INFO_MEM_MAP | MB1_INFO_LOADER_NAME;
	info->mem_lower = desc->mem_lower;
	info->mem_upper = desc->mem_upper;
	info->cmdline =
	        mb1_add_string ( mbi, desc->cmdline_name, desc->cmdline_args );
	info->boot_loader_name =
	        mb1_add_string ( mbi, desc->loader_name, NULL );

	mods = mb1_take ( mbi, desc->module_count * sizeof ( *mods ), 8,
	                  &phys );
	info->mods_addr = phys;
	info->mods_count = desc->module_count;
	for ( i = 0; mods && i < desc->module_count; i++ ) {
		const struct mb1_module_desc *mod = &desc->modules[i];

		if ( mod->start + mod->len > ADDR_4G )
			return -XEABOVE4G;
		mods[i].mod_start = ( uint32_t )mod->start;
		mods[i].mod_end = ( uint32_t )( mod->start + mod->len );
		mods[i].string = mb1_add_string ( mbi, mod->name, mod->args );
	}

	mmap = mb1_take ( mbi, desc->map_count * sizeof ( *mmap ), 8, &phys );
	info->mmap_addr = phys;
	info->mmap_length = desc->map_count * sizeof ( *mmap );
	for ( i = 0; mmap && i < desc->map_count; i++ ) {
		mmap[i].size = sizeof ( *mmap ) - sizeof ( mmap[i].size );
		mmap[i].base_addr = desc->map[i].addr;
		mmap[i].length = desc->map[i].len;
		mmap[i].type = desc->map[i].type;
	}
	return mbi->rc;
}

/**
 * Compute mem_lower and mem_upper (KiB) from a memory map
 *
 * @v map		Entries
 * @v count		Number of entries
 * @v lower		KiB of RAM from 0 (at most 640)
 * @v upper		KiB of RAM from 1 MiB without a hole (at most 4 GiB)
 */
void mb_meminfo ( const struct memmap_entry *map, unsigned int count,
                  uint32_t *lower, uint32_t *upper ) {
	uint64_t lower_end = 0, upper_end = 0x100000;
	unsigned int i, pass;

	/* Extend each contiguous run; repeat in case the map is unsorted */
	for ( pass = 0; pass < count; pass++ ) {
		int grew = 0;

		for ( i = 0; i < count; i++ ) {
			uint64_t end = map[i].addr + map[i].len;

			if ( map[i].type != MEMMAP_RAM )
				continue;
			if ( map[i].addr <= lower_end && end > lower_end ) {
				lower_end = end;
				grew = 1;
			}
			if ( map[i].addr <= upper_end && end > upper_end ) {
				upper_end = end;
				grew = 1;
			}
		}
		if ( !grew )
			break;
	}
	if ( lower_end > 640 * 1024 )
		lower_end = 640 * 1024;
	if ( upper_end > ADDR_4G )
		upper_end = ADDR_4G;
	*lower = ( uint32_t )( lower_end / 1024 );
	*upper = ( uint32_t )( ( upper_end - 0x100000 ) / 1024 );
}
