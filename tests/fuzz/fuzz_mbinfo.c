/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Fuzz harness for the multiboot information builders (mb1.c, mb2.c)
 *
 * The input is a description: command line, loader name, modules,
 * memory map entries, a raw tag, and the size of the buffer.  Both
 * structures are built into heap buffers of exactly that size (ASan
 * catches any write past them), then decoded here and compared field by
 * field with the description.  A multiboot2 build fails with -XENOSPC
 * exactly when its size, computed here from the specification's layout,
 * does not fit; a multiboot1 build that runs out of room must succeed in
 * a large buffer and need more than it was given.  mb_meminfo on the
 * same map must agree with a sorted single pass over its RAM entries.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xenmb/errors.h>
#include <xenmb/multiboot.h>
#include <xenmb/platform.h>
#include "fuzz_input.h"

/** Most modules and map entries described */
#define FUZZ_MAX_ITEMS 8

/** Longest string */
#define FUZZ_STRING_MAX 64

/** Buffer for the multiboot1 rebuild that must fit */
#define FUZZ_BIG 65536

/** Where the multiboot1 buffer pretends to live */
#define FUZZ_MB1_PHYS 0x90000ULL

/** A module as described */
struct fuzz_module {
	uint32_t start;
	uint16_t len;
	char name[FUZZ_STRING_MAX];
	char args[FUZZ_STRING_MAX];
};

/** The whole description */
struct fuzz_desc {
	char cmd_name[FUZZ_STRING_MAX];
	char cmd_args[FUZZ_STRING_MAX];
	char loader[FUZZ_STRING_MAX];
	struct fuzz_module mods[FUZZ_MAX_ITEMS];
	unsigned int mod_count;
	struct memmap_entry map[FUZZ_MAX_ITEMS];
	unsigned int map_count;
	uint8_t raw[FUZZ_STRING_MAX];
	size_t raw_len;
	uint32_t meminfo[2];
	size_t size;
};

/**
 * Read the description from the input
 *
 * @v in		Reader
 * @v desc		Description to fill
 */
static void fuzz_read_desc ( struct fuzz_input *in, struct fuzz_desc *desc ) {
	unsigned int i;

	memset ( desc, 0, sizeof ( *desc ) );
	desc->size = ( fuzz_take ( in, 2 ) & 0x1fff );
	desc->mod_count = ( fuzz_take ( in, 1 ) % ( FUZZ_MAX_ITEMS + 1 ) );
	desc->map_count = ( fuzz_take ( in, 1 ) % ( FUZZ_MAX_ITEMS + 1 ) );
	desc->raw_len = ( fuzz_take ( in, 1 ) % FUZZ_STRING_MAX );
	desc->meminfo[0] = fuzz_take ( in, 4 );
	desc->meminfo[1] = fuzz_take ( in, 4 );
	fuzz_take_string ( in, desc->cmd_name, sizeof ( desc->cmd_name ) );
	fuzz_take_string ( in, desc->cmd_args, sizeof ( desc->cmd_args ) );
	fuzz_take_string ( in, desc->loader, sizeof ( desc->loader ) );
	for ( i = 0; i < desc->mod_count; i++ ) {
		desc->mods[i].start = fuzz_take ( in, 4 );
		desc->mods[i].len = fuzz_take ( in, 2 );
		fuzz_take_string ( in, desc->mods[i].name,
		                   sizeof ( desc->mods[i].name ) );
		fuzz_take_string ( in, desc->mods[i].args,
		                   sizeof ( desc->mods[i].args ) );
	}
	for ( i = 0; i < desc->map_count; i++ ) {
		desc->map[i].addr = fuzz_take ( in, 8 );
		desc->map[i].len = fuzz_take ( in, 8 );
		desc->map[i].type = fuzz_take ( in, 4 );
	}
	for ( i = 0; i < desc->raw_len; i++ )
		desc->raw[i] = fuzz_take ( in, 1 );
}

/**
 * Join "first second" as the builders do (second dropped when empty)
 *
 * @v buf		Buffer (2 * FUZZ_STRING_MAX)
 * @v first		First part
 * @v second		Second part
 * @ret buf		The joined string
 */
static const char *fuzz_join ( char *buf, const char *first,
                               const char *second ) {
	snprintf ( buf, ( 2 * FUZZ_STRING_MAX ), "%s%s%s", first,
	           ( *second ? " " : "" ), second );
	return buf;
}

/**
 * Tell whether some module ends above 4 GiB
 *
 * @v desc		Description
 * @ret above		Nonzero if one does
 */
static int fuzz_above_4g ( const struct fuzz_desc *desc ) {
	unsigned int i;

	for ( i = 0; i < desc->mod_count; i++ ) {
		if ( ( ( uint64_t )desc->mods[i].start + desc->mods[i].len ) >
		     ADDR_4G )
			return 1;
	}
	return 0;
}

/**
 * Size of one multiboot2 tag as the specification lays it out
 *
 * @v payload		Bytes after the 8-byte tag header
 * @ret size		Bytes taken, padded to 8
 */
static size_t fuzz_mb2_tag ( size_t payload ) {
	return ( ( 8 + payload + 7 ) & ~( ( size_t )7 ) );
}

/**
 * Check a multiboot2 string tag
 *
 * @v tag		Tag
 * @v type		Expected type
 * @v expect		Expected string
 * @ret next		Size of the tag, padded
 */
static size_t fuzz_mb2_string ( const uint8_t *tag, uint32_t type,
                                const char *expect ) {
	uint32_t hdr[2];

	memcpy ( hdr, tag, sizeof ( hdr ) );
	if ( ( hdr[0] != type ) ||
	     ( hdr[1] != ( 8 + strlen ( expect ) + 1 ) ) ||
	     ( strcmp ( ( const char * )( tag + 8 ), expect ) != 0 ) )
		abort ();
	return fuzz_mb2_tag ( hdr[1] - 8 );
}

/**
 * Build the multiboot2 structure and decode it
 *
 * @v desc		Description
 */
static void fuzz_mb2 ( const struct fuzz_desc *desc ) {
	char joined[2 * FUZZ_STRING_MAX];
	struct mbi_buffer mbi;
	const uint8_t *p;
	size_t need;
	size_t pos;
	uint32_t word[4];
	unsigned int i;
	uint8_t *buf;
	int rc;

	/* The size from the specification: header, tags, END */
	need = 8;
	need += fuzz_mb2_tag ( strlen ( fuzz_join ( joined, desc->cmd_name,
	                                            desc->cmd_args ) ) +
	                       1 );
	need += fuzz_mb2_tag ( strlen ( desc->loader ) + 1 );
	for ( i = 0; i < desc->mod_count; i++ ) {
		need += fuzz_mb2_tag (
		        8 +
		        strlen ( fuzz_join ( joined, desc->mods[i].name,
		                             desc->mods[i].args ) ) +
		        1 );
	}
	need += fuzz_mb2_tag ( 8 );
	need += fuzz_mb2_tag ( 8 + ( 24 * desc->map_count ) );
	need += fuzz_mb2_tag ( desc->raw_len );
	need += fuzz_mb2_tag ( 0 );

	buf = malloc ( desc->size ? desc->size : 1 );
	if ( !buf )
		return;
	memset ( &mbi, 0, sizeof ( mbi ) );
	mbi.base = buf;
	mbi.phys = 0x10000;
	mbi.size = desc->size;
	mb2_begin ( &mbi );
	mb2_add_string_tag ( &mbi, MB2_TAG_CMDLINE, desc->cmd_name,
	                     desc->cmd_args );
	mb2_add_string_tag ( &mbi, MB2_TAG_BOOT_LOADER_NAME, desc->loader,
	                     NULL );
	for ( i = 0; i < desc->mod_count; i++ ) {
		mb2_add_module_tag ( &mbi, desc->mods[i].start,
		                     desc->mods[i].len, desc->mods[i].name,
		                     desc->mods[i].args );
	}
	mb2_add_basic_meminfo_tag ( &mbi, desc->meminfo[0], desc->meminfo[1] );
	mb2_add_mmap_tag ( &mbi, desc->map, desc->map_count );
	mb2_add_raw_tag ( &mbi, MB2_TAG_ACPI_NEW, desc->raw, desc->raw_len );
	rc = mb2_finish ( &mbi );
	if ( fuzz_above_4g ( desc ) ) {
		/* A module past 4 GiB is refused (unless room ran out first) */
		if ( ( rc != -XEABOVE4G ) && ( rc != -XENOSPC ) )
			abort ();
		goto out;
	}
	if ( rc != 0 ) {
		if ( ( rc != -XENOSPC ) || ( need <= desc->size ) )
			abort ();
		goto out;
	}
	if ( ( need > desc->size ) || ( mbi.used != need ) )
		abort ();

	/* Decode in order */
	memcpy ( word, buf, 8 );
	if ( word[0] != need )
		abort ();
	pos = 8;
	pos += fuzz_mb2_string (
	        ( buf + pos ), MB2_TAG_CMDLINE,
	        fuzz_join ( joined, desc->cmd_name, desc->cmd_args ) );
	pos += fuzz_mb2_string ( ( buf + pos ), MB2_TAG_BOOT_LOADER_NAME,
	                         desc->loader );
	for ( i = 0; i < desc->mod_count; i++ ) {
		p = ( buf + pos );
		memcpy ( word, p, 16 );
		if ( ( word[0] != MB2_TAG_MODULE ) ||
		     ( word[2] != desc->mods[i].start ) ||
		     ( word[3] != ( uint32_t )( desc->mods[i].start +
		                                desc->mods[i].len ) ) )
			abort ();
		fuzz_join ( joined, desc->mods[i].name, desc->mods[i].args );
		if ( ( word[1] != ( 16 + strlen ( joined ) + 1 ) ) ||
		     ( strcmp ( ( const char * )( p + 16 ), joined ) != 0 ) )
			abort ();
		pos += fuzz_mb2_tag ( word[1] - 8 );
	}
	memcpy ( word, ( buf + pos ), 16 );
	if ( ( word[0] != MB2_TAG_BASIC_MEMINFO ) || ( word[1] != 16 ) ||
	     ( word[2] != desc->meminfo[0] ) ||
	     ( word[3] != desc->meminfo[1] ) )
		abort ();
	pos += 16;
	memcpy ( word, ( buf + pos ), 16 );
	if ( ( word[0] != MB2_TAG_MMAP ) ||
	     ( word[1] != ( 16 + ( 24 * desc->map_count ) ) ) ||
	     ( word[2] != 24 ) || ( word[3] != 0 ) )
		abort ();
	for ( i = 0; i < desc->map_count; i++ ) {
		struct mb2_mmap_entry entry;

		memcpy ( &entry, ( buf + pos + 16 + ( 24 * i ) ),
		         sizeof ( entry ) );
		if ( ( entry.base_addr != desc->map[i].addr ) ||
		     ( entry.length != desc->map[i].len ) ||
		     ( entry.type != desc->map[i].type ) ||
		     ( entry.reserved != 0 ) )
			abort ();
	}
	pos += fuzz_mb2_tag ( 8 + ( 24 * desc->map_count ) );
	memcpy ( word, ( buf + pos ), 8 );
	if ( ( word[0] != MB2_TAG_ACPI_NEW ) ||
	     ( word[1] != ( 8 + desc->raw_len ) ) ||
	     ( memcmp ( ( buf + pos + 8 ), desc->raw, desc->raw_len ) != 0 ) )
		abort ();
	pos += fuzz_mb2_tag ( desc->raw_len );
	memcpy ( word, ( buf + pos ), 8 );
	if ( ( word[0] != MB2_TAG_END ) || ( word[1] != 8 ) ||
	     ( ( pos + 8 ) != need ) )
		abort ();
out:
	free ( buf );
}

/**
 * Translate a multiboot1 pointer into the buffer
 *
 * @v buf		Buffer
 * @v used		Bytes used
 * @v phys		Pointer in the structure
 * @v len		Bytes that must follow it
 * @ret ptr		Where it points in the buffer
 */
static const uint8_t *fuzz_mb1_ptr ( const uint8_t *buf, size_t used,
                                     uint32_t phys, size_t len ) {
	if ( ( phys < FUZZ_MB1_PHYS ) || ( ( phys - FUZZ_MB1_PHYS ) > used ) ||
	     ( len > ( used - ( phys - FUZZ_MB1_PHYS ) ) ) )
		abort ();
	return ( buf + ( phys - FUZZ_MB1_PHYS ) );
}

/**
 * Check a multiboot1 string
 *
 * @v buf		Buffer
 * @v used		Bytes used
 * @v phys		Pointer to the string
 * @v expect		Expected string
 */
static void fuzz_mb1_string ( const uint8_t *buf, size_t used, uint32_t phys,
                              const char *expect ) {
	const uint8_t *str =
	        fuzz_mb1_ptr ( buf, used, phys, ( strlen ( expect ) + 1 ) );

	if ( strcmp ( ( const char * )str, expect ) != 0 )
		abort ();
}

/**
 * Build a multiboot1 structure into a buffer of a given size
 *
 * @v desc		Description
 * @v buf		Buffer
 * @v size		Its size
 * @v used		Bytes used, on return
 * @ret rc		mb1_build_info()'s result
 */
static int fuzz_mb1_build ( const struct fuzz_desc *desc, uint8_t *buf,
                            size_t size, size_t *used ) {
	struct mb1_module_desc mods[FUZZ_MAX_ITEMS];
	struct mb1_desc mb1;
	struct mbi_buffer mbi;
	unsigned int i;
	int rc;

	memset ( &mb1, 0, sizeof ( mb1 ) );
	for ( i = 0; i < desc->mod_count; i++ ) {
		mods[i].start = desc->mods[i].start;
		mods[i].len = desc->mods[i].len;
		mods[i].name = desc->mods[i].name;
		mods[i].args = desc->mods[i].args;
	}
	mb1.cmdline_name = desc->cmd_name;
	mb1.cmdline_args = desc->cmd_args;
	mb1.loader_name = desc->loader;
	mb1.mem_lower = desc->meminfo[0];
	mb1.mem_upper = desc->meminfo[1];
	mb1.map = desc->map;
	mb1.map_count = desc->map_count;
	mb1.modules = mods;
	mb1.module_count = desc->mod_count;
	memset ( &mbi, 0, sizeof ( mbi ) );
	mbi.base = buf;
	mbi.phys = FUZZ_MB1_PHYS;
	mbi.size = size;
	rc = mb1_build_info ( &mbi, &mb1 );
	*used = mbi.used;
	return rc;
}

/**
 * Build the multiboot1 structure and decode it
 *
 * @v desc		Description
 */
static void fuzz_mb1 ( const struct fuzz_desc *desc ) {
	char joined[2 * FUZZ_STRING_MAX];
	struct mb1_info info;
	struct mb1_module mod;
	struct mb1_mmap_entry entry;
	const uint8_t *p;
	size_t used;
	size_t big_used;
	unsigned int i;
	uint8_t *buf;
	uint8_t *big;
	int rc;

	buf = malloc ( desc->size ? desc->size : 1 );
	big = malloc ( FUZZ_BIG );
	if ( ( !buf ) || ( !big ) )
		goto out;
	rc = fuzz_mb1_build ( desc, buf, desc->size, &used );
	if ( fuzz_above_4g ( desc ) ) {
		if ( ( rc != -XEABOVE4G ) && ( rc != -XENOSPC ) )
			abort ();
		goto out;
	}
	if ( rc == -XENOSPC ) {
		/* Out of room: the same in a large buffer fits, and needs more */
		if ( ( fuzz_mb1_build ( desc, big, FUZZ_BIG, &big_used ) !=
		       0 ) ||
		     ( big_used <= desc->size ) )
			abort ();
		goto out;
	}
	if ( ( rc != 0 ) || ( used > desc->size ) )
		abort ();

	memcpy ( &info, buf, sizeof ( info ) );
	if ( ( info.mem_lower != desc->meminfo[0] ) ||
	     ( info.mem_upper != desc->meminfo[1] ) ||
	     ( info.mods_count != desc->mod_count ) ||
	     ( info.mmap_length != ( desc->map_count * sizeof ( entry ) ) ) ||
	     ( ( info.flags & MB1_INFO_MODS ) == 0 ) )
		abort ();
	fuzz_mb1_string (
	        buf, used, info.cmdline,
	        fuzz_join ( joined, desc->cmd_name, desc->cmd_args ) );
	fuzz_mb1_string ( buf, used, info.boot_loader_name, desc->loader );
	p = fuzz_mb1_ptr ( buf, used, info.mods_addr,
	                   ( desc->mod_count * sizeof ( mod ) ) );
	for ( i = 0; i < desc->mod_count; i++ ) {
		memcpy ( &mod, ( p + ( i * sizeof ( mod ) ) ), sizeof ( mod ) );
		if ( ( mod.mod_start != desc->mods[i].start ) ||
		     ( mod.mod_end != ( uint32_t )( desc->mods[i].start +
		                                    desc->mods[i].len ) ) )
			abort ();
		fuzz_mb1_string ( buf, used, mod.string,
		                  fuzz_join ( joined, desc->mods[i].name,
		                              desc->mods[i].args ) );
	}
	p = fuzz_mb1_ptr ( buf, used, info.mmap_addr, info.mmap_length );
	for ( i = 0; i < desc->map_count; i++ ) {
		memcpy ( &entry, ( p + ( i * sizeof ( entry ) ) ),
		         sizeof ( entry ) );
		if ( ( entry.size != 20 ) ||
		     ( entry.base_addr != desc->map[i].addr ) ||
		     ( entry.length != desc->map[i].len ) ||
		     ( entry.type != desc->map[i].type ) )
			abort ();
	}
out:
	free ( big );
	free ( buf );
}

/**
 * Check mb_meminfo against a single pass over the RAM entries sorted by
 * start (an entry that is empty or wraps past 2^64 extends nothing)
 *
 * @v desc		Description (its memory map)
 */
static void fuzz_meminfo ( const struct fuzz_desc *desc ) {
	struct memmap_entry ram[FUZZ_MAX_ITEMS];
	uint64_t lower_end = 0, upper_end = 0x100000, end;
	unsigned int count = 0, i, j;
	uint32_t lower, upper;

	for ( i = 0; i < desc->map_count; i++ ) {
		const struct memmap_entry *entry = &desc->map[i];

		if ( ( entry->type != MEMMAP_RAM ) ||
		     ( ( entry->addr + entry->len ) <= entry->addr ) )
			continue;
		for ( j = count; ( j > 0 ) && ( ram[j - 1].addr > entry->addr );
		      j-- )
			ram[j] = ram[j - 1];
		ram[j] = *entry;
		count++;
	}
	for ( i = 0; i < count; i++ ) {
		end = ( ram[i].addr + ram[i].len );
		if ( ( ram[i].addr <= lower_end ) && ( end > lower_end ) )
			lower_end = end;
		if ( ( ram[i].addr <= upper_end ) && ( end > upper_end ) )
			upper_end = end;
	}
	if ( lower_end > ( 640 * 1024 ) )
		lower_end = ( 640 * 1024 );
	if ( upper_end > ADDR_4G )
		upper_end = ADDR_4G;

	mb_meminfo ( desc->map, desc->map_count, &lower, &upper );
	if ( ( lower != ( lower_end / 1024 ) ) ||
	     ( upper != ( ( upper_end - 0x100000 ) / 1024 ) ) ) {
		fprintf ( stderr, "mb_meminfo: %u/%u KiB, expected %llu/%llu\n",
		          lower, upper,
		          ( unsigned long long )( lower_end / 1024 ),
		          ( unsigned long long )( ( upper_end - 0x100000 ) /
		                                  1024 ) );
		abort ();
	}
}

/**
 * Fuzz one input
 *
 * @v data		Input
 * @v size		Length
 * @ret rc		0
 */
int LLVMFuzzerTestOneInput ( const uint8_t *data, size_t size ) {
	static struct fuzz_desc desc;
	struct fuzz_input in;

	fuzz_input_init ( &in, data, size );
	fuzz_read_desc ( &in, &desc );
	fuzz_mb2 ( &desc );
	fuzz_mb1 ( &desc );
	fuzz_meminfo ( &desc );
	return 0;
}
