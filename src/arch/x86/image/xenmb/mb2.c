/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Multiboot2 boot information builder
 *
 * Tags are appended to one buffer, each 8-byte aligned.  The first error
 * (a full buffer) is kept in the buffer and reported by mb2_finish(), so
 * callers add every tag and check once.
 */
#include <stdint.h>
#include <string.h>
#include <xenmb/errors.h>
#include <xenmb/multiboot.h>
#include <xenmb/platform.h>

/**
 * Reserve room for a tag
 *
 * @v mbi		Buffer
 * @v type		Tag type
 * @v size		Tag size including its header
 * @ret tag		Start of the tag (zeroed), or NULL if full
 */
static uint8_t *mb2_reserve ( struct mbi_buffer *mbi, uint32_t type,
                              size_t size ) {
	size_t padded = ( size + MB2_TAG_ALIGN - 1 ) & ~( MB2_TAG_ALIGN - 1 );
	struct mb2_tag hdr;
	uint8_t *tag;

	if ( mbi->rc != 0 )
		return NULL;
	if ( padded > mbi->size - mbi->used || size > UINT32_MAX ) {
		mbi->rc = -XENOSPC;
		return NULL;
	}
	tag = mbi->base + mbi->used;
	memset ( tag, 0, padded );
	hdr.type = type;
	hdr.size = ( uint32_t )size;
	memcpy ( tag, &hdr, sizeof ( hdr ) );
	mbi->used += padded;
	return tag;
}

/**
 * Start a multiboot2 information structure
 *
 * @v mbi		Buffer (base, phys, size set; 8-byte aligned)
 */
void mb2_begin ( struct mbi_buffer *mbi ) {
	mbi->used = 0;
	mbi->rc = 0;
	if ( mbi->size < sizeof ( struct mb2_info_header ) ) {
		mbi->rc = -XENOSPC;
		return;
	}
	memset ( mbi->base, 0, sizeof ( struct mb2_info_header ) );
	mbi->used = sizeof ( struct mb2_info_header );
}

/**
 * Write "first second" (or "first") as a NUL-terminated string
 *
 * @v dest		Destination
 * @v first		First part
 * @v second		Second part, or NULL / empty
 */
static void mb2_join ( char *dest, const char *first, const char *second ) {
	size_t len = strlen ( first );

	memcpy ( dest, first, len );
	if ( second && *second ) {
		dest[len++] = ' ';
		memcpy ( dest + len, second, strlen ( second ) );
		len += strlen ( second );
	}
	dest[len] = '\0';
}

/**
 * Length of the string mb2_join() writes, including the NUL
 *
 * @v first		First part
 * @v second		Second part, or NULL / empty
 * @ret len		Length
 */
static size_t mb2_join_len ( const char *first, const char *second ) {
	size_t len = strlen ( first ) + 1;

	if ( second && *second )
		len += strlen ( second ) + 1;
	return len;
}

/**
 * Add a string tag (command line, boot loader name)
 *
 * @v mbi		Buffer
 * @v type		MB2_TAG_CMDLINE or MB2_TAG_BOOT_LOADER_NAME
 * @v first		First part of the string
 * @v second		Second part, joined by one space if non-empty, or NULL
 */
void mb2_add_string_tag ( struct mbi_buffer *mbi, uint32_t type,
                          const char *first, const char *second ) {
	uint8_t *tag;

	tag = mb2_reserve ( mbi, type,
	                    sizeof ( struct mb2_tag ) +
	                            mb2_join_len ( first, second ) );
	if ( tag )
		mb2_join ( ( char * )tag + sizeof ( struct mb2_tag ), first,
		           second );
}

/**
 * Add a module tag
 *
 * @v mbi		Buffer
 * @v start		Physical start (below 4 GiB)
 * @v len		Length
 * @v name		First word of the module string
 * @v args		Rest of the module string, or NULL
 */
void mb2_add_module_tag ( struct mbi_buffer *mbi, uint64_t start, size_t len,
                          const char *name, const char *args ) {
	uint32_t range[2];
	uint8_t *tag;

	if ( start + len > ADDR_4G ) {
		mbi->rc = mbi->rc ? mbi->rc : -XEABOVE4G;
		return;
	}
	tag = mb2_reserve ( mbi, MB2_TAG_MODULE,
	                    sizeof ( struct mb2_tag ) + sizeof ( range ) +
	                            mb2_join_len ( name, args ) );
	if ( !tag )
		return;
	range[0] = ( uint32_t )start;
	range[1] = ( uint32_t )( start + len );
	memcpy ( tag + sizeof ( struct mb2_tag ), range, sizeof ( range ) );
	mb2_join ( ( char * )tag + sizeof ( struct mb2_tag ) + sizeof ( range ),
	           name, args );
}

/**
 * Add the basic memory information tag
 *
 * @v mbi		Buffer
 * @v mem_lower		KiB of memory from 0
 * @v mem_upper		KiB of memory from 1 MiB
 */
void mb2_add_basic_meminfo_tag ( struct mbi_buffer *mbi, uint32_t mem_lower,
                                 uint32_t mem_upper ) {
	uint32_t value[2] = { mem_lower, mem_upper };

	mb2_add_raw_tag ( mbi, MB2_TAG_BASIC_MEMINFO, value, sizeof ( value ) );
}

/**
 * Add the memory map tag
 *
 * @v mbi		Buffer
 * @v map		Entries
 * @v count		Number of entries
 */
void mb2_add_mmap_tag ( struct mbi_buffer *mbi, const struct memmap_entry *map,
                        unsigned int count ) {
	struct mb2_mmap_entry entry;
	uint32_t head[2];
	uint8_t *tag, *p;
	unsigned int i;

	tag = mb2_reserve ( mbi, MB2_TAG_MMAP,
	                    sizeof ( struct mb2_tag ) + sizeof ( head ) +
	                            ( size_t )count * sizeof ( entry ) );
	if ( !tag )
		return;
	head[0] = sizeof ( entry ); /* entry_size */
	head[1] = 0;                /* entry_version */
	p = tag + sizeof ( struct mb2_tag );
	memcpy ( p, head, sizeof ( head ) );
	p += sizeof ( head );
	for ( i = 0; i < count; i++ ) {
		entry.base_addr = map[i].addr;
		entry.length = map[i].len;
		entry.type = map[i].type;
		entry.reserved = 0;
		memcpy ( p, &entry, sizeof ( entry ) );
		p += sizeof ( entry );
	}
}

/**
 * Add a tag with a raw payload
 *
 * @v mbi		Buffer
 * @v type		Tag type
 * @v data		Payload
 * @v len		Payload length
 */
void mb2_add_raw_tag ( struct mbi_buffer *mbi, uint32_t type, const void *data,
                       size_t len ) {
	uint8_t *tag;

	tag = mb2_reserve ( mbi, type, sizeof ( struct mb2_tag ) + len );
	if ( tag )
		memcpy ( tag + sizeof ( struct mb2_tag ), data, len );
}

/**
 * Add a tag with one 32-bit or 64-bit value
 *
 * @v mbi		Buffer
 * @v type		Tag type
 * @v value		Value
 * @v width		4 or 8
 */
void mb2_add_value_tag ( struct mbi_buffer *mbi, uint32_t type, uint64_t value,
                         unsigned int width ) {
	uint32_t value32 = ( uint32_t )value;

	if ( width == 4 )
		mb2_add_raw_tag ( mbi, type, &value32, sizeof ( value32 ) );
	else
		mb2_add_raw_tag ( mbi, type, &value, sizeof ( value ) );
}

/**
 * Add a tag with no payload
 *
 * @v mbi		Buffer
 * @v type		Tag type
 */
void mb2_add_empty_tag ( struct mbi_buffer *mbi, uint32_t type ) {
	mb2_reserve ( mbi, type, sizeof ( struct mb2_tag ) );
}

/**
 * Finish a multiboot2 information structure
 *
 * @v mbi		Buffer
 * @ret rc		0, or -XENOSPC if the buffer was too small
 */
int mb2_finish ( struct mbi_buffer *mbi ) {
	struct mb2_info_header hdr;

	mb2_add_empty_tag ( mbi, MB2_TAG_END );
	if ( mbi->rc != 0 )
		return mbi->rc;
	hdr.total_size = ( uint32_t )mbi->used;
	hdr.reserved = 0;
	memcpy ( mbi->base, &hdr, sizeof ( hdr ) );
	return 0;
}
