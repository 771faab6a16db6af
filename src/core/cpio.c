/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Walk the initrd area iPXE builds for a bzImage
 *
 * iPXE writes each image at a 4 KiB boundary of the area (offsets count
 * from the area's start, which iPXE puts on a 4 KiB boundary too).  An
 * image with a command line gets a newc cpio header first, naming it; an
 * image without one is copied raw.  Zeros pad the gaps.  A raw image may
 * itself be a cpio archive, whose entries follow each other at 4-byte
 * boundaries.  The walk therefore goes:
 *
 * - skip zero padding, 4 bytes at a time;
 * - a newc header ("070701", or "070702" whose checksum is not checked)
 *   is an entry: thirteen 8-digit hex fields, the name (namesize counts
 *   its NUL), padding to 4 bytes, filesize bytes of data, padding to 4;
 *   entries that are directories or empty are recorded like any other
 *   (the caller decides what an empty file means).  "TRAILER!!!" ends an
 *   archive that was handed over raw, and is not recorded; the walk goes
 *   on with the images iPXE placed after it;
 * - anything else is a raw, unnamed image.  It starts at the first 4 KiB
 *   boundary at or after the end of the previous entry (so a raw image
 *   that begins with zero bytes keeps them), which must lie at or before
 *   the first non-zero byte, else the area is damaged (-XECPIOMAGIC).  It
 *   runs up to the next 4 KiB boundary that starts with a newc magic, or
 *   to the end of the area.  Its length stops at its last non-zero byte:
 *   the zero padding iPXE adds cannot be told apart from zeros at the end
 *   of the image itself, so an image that ends in zero bytes is reported
 *   that much shorter.  Two raw images in a row look like one.
 *
 * Each entry's region runs from where its header (or raw data) starts to
 * where the next entry starts, or to the end of the area.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <xenmb/cpio.h>
#include <xenmb/errors.h>

/** newc magic */
#define CPIO_MAGIC_NEWC "070701"

/** newc magic, with checksums */
#define CPIO_MAGIC_CRC "070702"

/** Length of the magic */
#define CPIO_MAGIC_LEN 6

/** Number of hex fields after the magic */
#define CPIO_FIELDS 13

/** Digits in one field */
#define CPIO_FIELD_LEN 8

/** Length of a newc header */
#define CPIO_HEADER_LEN ( CPIO_MAGIC_LEN + ( CPIO_FIELDS * CPIO_FIELD_LEN ) )

/** newc alignment of names and data */
#define CPIO_ALIGN 4

/** Field numbers within the header (the others are not needed here) */
enum cpio_field {
	CPIO_FILESIZE = 6,
	CPIO_NAMESIZE = 11,
};

/** Name of the entry that ends an archive */
#define CPIO_TRAILER "TRAILER!!!"

/** The area being walked */
struct cpio_area {
	/** Contents */
	const uint8_t *data;
	/** Physical address */
	uint64_t phys;
	/** Length */
	size_t len;
	/** Files found */
	struct xfile *files;
	/** Room in @c files */
	unsigned int max;
	/** Files recorded so far */
	unsigned int count;
};

/**
 * Round an offset up
 *
 * @v offset		Offset
 * @v align		Alignment (a power of two)
 * @ret offset		Rounded offset (saturates at SIZE_MAX & ~(align-1))
 */
static size_t align_up ( size_t offset, size_t align ) {
	size_t mask = ( align - 1 );

	if ( offset > ( ( ( size_t )-1 ) - mask ) )
		return ( ( ( size_t )-1 ) & ~mask );
	return ( ( offset + mask ) & ~mask );
}

/**
 * Check for a newc magic
 *
 * @v area		Area
 * @v offset		Offset (4-byte aligned)
 * @ret is_header	Nonzero if a header magic starts there
 */
static int cpio_is_header ( struct cpio_area *area, size_t offset ) {
	const void *magic = ( area->data + offset );

	if ( ( area->len - offset ) < CPIO_MAGIC_LEN )
		return 0;
	return ( ( memcmp ( magic, CPIO_MAGIC_NEWC, CPIO_MAGIC_LEN ) == 0 ) ||
	         ( memcmp ( magic, CPIO_MAGIC_CRC, CPIO_MAGIC_LEN ) == 0 ) );
}

/**
 * Read one hex field of a header
 *
 * @v header		Header (at least CPIO_HEADER_LEN bytes)
 * @v field		Field number
 * @v value		Value read
 * @ret rc		0, or -XECPIOHDR on a non-hex digit
 */
static int cpio_field ( const uint8_t *header, unsigned int field,
                        uint32_t *value ) {
	const uint8_t *digit =
	        ( header + CPIO_MAGIC_LEN + ( field * CPIO_FIELD_LEN ) );
	unsigned int nibble;
	unsigned int i;

	*value = 0;
	for ( i = 0; i < CPIO_FIELD_LEN; i++ ) {
		if ( ( digit[i] >= '0' ) && ( digit[i] <= '9' ) ) {
			nibble = ( digit[i] - '0' );
		} else if ( ( digit[i] >= 'a' ) && ( digit[i] <= 'f' ) ) {
			nibble = ( digit[i] - 'a' + 10 );
		} else if ( ( digit[i] >= 'A' ) && ( digit[i] <= 'F' ) ) {
			nibble = ( digit[i] - 'A' + 10 );
		} else {
			return -XECPIOHDR;
		}
		*value = ( ( *value << 4 ) | nibble );
	}
	return 0;
}

/**
 * Record a file
 *
 * @v area		Area
 * @v start		Offset where its header or raw data starts
 * @v data		Offset of its data
 * @v len		Length of its data
 * @ret file		Entry filled (name empty), or NULL if there is no room
 *
 * The previous entry's region is closed at @c start; this entry's region
 * runs to the end of the area until the next one is recorded.
 */
static struct xfile *cpio_record ( struct cpio_area *area, size_t start,
                                   size_t data, size_t len ) {
	struct xfile *file;
	struct xfile *prev;

	if ( area->count == area->max )
		return NULL;

	/* Close the previous region */
	if ( area->count ) {
		prev = &area->files[area->count - 1];
		prev->region_len = ( ( area->phys + start ) - prev->region );
	}

	file = &area->files[area->count];
	memset ( file, 0, sizeof ( *file ) );
	file->data = ( void * )( area->data + data );
	file->phys = ( area->phys + data );
	file->len = len;
	file->region = ( area->phys + start );
	file->region_len = ( area->len - start );
	file->index = area->count++;
	return file;
}

/**
 * Walk one newc entry
 *
 * @v area		Area
 * @v start		Offset of the header
 * @v next		Offset after the entry, or 0 at the trailer
 * @ret rc		0, -XECPIOHDR, -XECPIOBOUNDS or -XETOOMANY
 */
static int cpio_entry ( struct cpio_area *area, size_t start, size_t *next ) {
	const uint8_t *header = ( area->data + start );
	const char *name;
	struct xfile *file;
	uint32_t filesize;
	uint32_t namesize;
	size_t avail = ( area->len - start );
	size_t data;
	unsigned int i;
	uint32_t value;
	int rc;

	/* The header must fit, with hex digits only */
	if ( avail < CPIO_HEADER_LEN )
		return -XECPIOBOUNDS;
	for ( i = 0; i < CPIO_FIELDS; i++ ) {
		if ( ( rc = cpio_field ( header, i, &value ) ) != 0 )
			return rc;
	}
	cpio_field ( header, CPIO_FILESIZE, &filesize );
	cpio_field ( header, CPIO_NAMESIZE, &namesize );

	/* The name must fit and end in its NUL */
	if ( namesize == 0 )
		return -XECPIOHDR;
	if ( namesize > ( avail - CPIO_HEADER_LEN ) )
		return -XECPIOBOUNDS;
	name = ( ( const char * )header + CPIO_HEADER_LEN );
	if ( name[namesize - 1] != '\0' )
		return -XECPIOHDR;
	if ( strlen ( name ) >= sizeof ( file->name ) )
		return -XECPIOHDR;

	/* The data must fit */
	data = align_up ( ( start + CPIO_HEADER_LEN + namesize ), CPIO_ALIGN );
	if ( ( data > area->len ) || ( filesize > ( area->len - data ) ) )
		return -XECPIOBOUNDS;

	/*
	 * A trailer ends an archive that was handed over raw, not the
	 * area: the images iPXE placed after it are walked too
	 */
	if ( strcmp ( name, CPIO_TRAILER ) == 0 ) {
		*next = align_up ( ( data + filesize ), CPIO_ALIGN );
		return 0;
	}

	/* Record it (directories and empty files too) */
	file = cpio_record ( area, start, data, filesize );
	if ( !file )
		return -XETOOMANY;
	memcpy ( file->name, name, strlen ( name ) + 1 );

	*next = align_up ( ( data + filesize ), CPIO_ALIGN );
	return 0;
}

/**
 * Walk one raw (unnamed) image
 *
 * @v area		Area
 * @v start		Offset where it starts (4 KiB aligned)
 * @v next		Offset of the next entry, or the area's length
 * @ret rc		0 or -XETOOMANY
 */
static int cpio_raw ( struct cpio_area *area, size_t start, size_t *next ) {
	size_t end;
	size_t used;

	/* It runs to the next page that starts with a header */
	for ( end = ( start + CPIO_IMAGE_ALIGN );
	      ( end < area->len ) && ( end > start );
	      end += CPIO_IMAGE_ALIGN ) {
		if ( cpio_is_header ( area, end ) )
			break;
	}
	if ( ( end > area->len ) || ( end <= start ) )
		end = area->len;

	/* Its data stops at the last non-zero byte */
	for ( used = end; ( used > start ) && !area->data[used - 1]; used-- ) {
	}

	if ( !cpio_record ( area, start, start, ( used - start ) ) )
		return -XETOOMANY;
	*next = end;
	return 0;
}

/**
 * Walk the initrd area and record each file
 *
 * @v area		Start of the initrd area (in memory)
 * @v area_phys		Its physical address
 * @v area_len		Its length (ramdisk_size)
 * @v files		Array to fill
 * @v max		Size of the array
 * @v count		Number of entries filled, on return (also on error)
 * @ret rc		0, -XECPIOBOUNDS, -XECPIOHDR, -XECPIOMAGIC, -XETOOMANY
 *
 * Raw chunks (no cpio header) are recorded with an empty name; callers
 * that need a named file report them by index with -XEUNNAMED.  Every
 * header field is checked against the area before it is used.
 */
int cpio_walk ( const void *area, uint64_t area_phys, size_t area_len,
                struct xfile *files, unsigned int max, unsigned int *count ) {
	struct cpio_area walk = {
	        .data = area,
	        .phys = area_phys,
	        .len = area_len,
	        .files = files,
	        .max = max,
	        .count = 0,
	};
	size_t pos = 0;
	size_t next;
	size_t raw;
	size_t skip;
	int rc = 0;

	while ( pos < walk.len ) {

		/* Skip zero padding, a word at a time */
		for ( skip = pos; ( ( walk.len - skip ) >= CPIO_ALIGN ) &&
		                  ( memcmp ( ( walk.data + skip ), "\0\0\0\0",
		                             CPIO_ALIGN ) == 0 );
		      skip += CPIO_ALIGN ) {
		}
		if ( ( walk.len - skip ) < CPIO_ALIGN ) {
			/* Only a short tail is left: it must be zeros */
			for ( ; skip < walk.len; skip++ ) {
				if ( walk.data[skip] )
					break;
			}
			if ( skip == walk.len )
				break;
			skip = ( skip & ~( ( size_t )CPIO_ALIGN - 1 ) );
		}

		if ( cpio_is_header ( &walk, skip ) ) {
			/* A newc entry */
			rc = cpio_entry ( &walk, skip, &next );
			if ( rc != 0 )
				break;
		} else {
			/* A raw image, from the page boundary after pos */
			raw = align_up ( pos, CPIO_IMAGE_ALIGN );
			if ( raw > skip ) {
				rc = -XECPIOMAGIC;
				break;
			}
			if ( ( rc = cpio_raw ( &walk, raw, &next ) ) != 0 )
				break;
		}
		pos = next;
	}

	*count = walk.count;
	return rc;
}
