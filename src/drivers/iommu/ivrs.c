/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * ACPI IVRS table decoder
 *
 * Walks the IVHD and IVMD blocks twice: once to count blocks, device
 * entries and special devices, then, with pools of the right size from
 * the arena, to fill them in.  Device entries are sized by their type
 * (bits 7:6: 4, 8, 16 or 32 bytes; 0xF0 carries its own UID length).  A
 * broken entry ends its IVHD block only; a broken block ends the table.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <xenmb/errors.h>
#include <xenmb/arena.h>
#include <xenmb/json.h>
#include <xenmb/acpi.h>
#include <xenmb/ivrs.h>

/** Offset of the first block */
#define IVRS_BLOCK_START 48

/** Size of a block's type, flags and length fields */
#define IVRS_BLOCK_HDR 4

/** Length of the IVHD type 0x10 header */
#define IVHD_10_LEN 24

/** Length of the IVHD type 0x11 / 0x40 header */
#define IVHD_11_LEN 40

/** Length of an IVMD block */
#define IVMD_LEN 32

/** Fixed part of an ACPI HID entry (before the UID) */
#define IVRS_HID_FIXED 22

/** A walk over one IVRS table */
struct ivrs_walker {
	/** Result being counted or filled */
	struct ivrs *ivrs;
	/** Table bytes */
	const uint8_t *data;
	/** Nonzero on the filling pass */
	int fill;
	/** Pools (filling pass) and their use so far */
	struct ivrs_device *device;
	unsigned int device_used;
	struct ivrs_special *special;
	unsigned int special_used;
};

/**
 * Size of a device entry from its type
 *
 * @v entry		Entry (at least 1 byte readable; 22 for type 0xF0)
 * @v avail		Bytes available in the block
 * @ret len		Entry length, or 0 if it cannot be known
 */
static unsigned int ivrs_entry_len ( const uint8_t *entry, uint32_t avail ) {
	if ( entry[0] == IVRS_DEV_ACPI_HID ) {
		if ( avail < IVRS_HID_FIXED )
			return 0;
		return ( IVRS_HID_FIXED + entry[21] );
	}
	return ( 4U << ( entry[0] >> 6 ) );
}

/**
 * Decode an ACPI HID entry's strings
 *
 * @v dev		Device entry
 * @v entry		Entry bytes
 */
static void ivrs_fill_hid ( struct ivrs_device *dev, const uint8_t *entry ) {
	unsigned int uid_len = entry[21];
	unsigned int keep;
	unsigned int i;

	memcpy ( dev->hid, ( entry + 4 ), 8 );
	dev->hid[8] = '\0';
	memcpy ( dev->cid, ( entry + 12 ), 8 );
	dev->cid[8] = '\0';
	dev->cid_raw = le_get64 ( entry + 12 );
	dev->uid_format = entry[20];
	dev->uid_len = ( uint8_t )uid_len;
	keep = ( ( uid_len < IVRS_UID_MAX ) ? uid_len : IVRS_UID_MAX );
	memcpy ( dev->uid, ( entry + 22 ), keep );
	dev->uid[keep] = '\0';

	/* An integer UID is as long as its length says (at most 8 bytes) */
	for ( i = ( ( uid_len < 8 ) ? uid_len : 8 ); i > 0; i-- )
		dev->uid_value = ( ( dev->uid_value << 8 ) | entry[21 + i] );
}

/**
 * Decode one device entry (filling pass)
 *
 * @v walker		Walker
 * @v ivhd		Block
 * @v entry		Entry bytes
 * @v offset		Offset in the table
 * @v open		Range waiting for its end entry (updated)
 */
static void ivrs_fill_entry ( struct ivrs_walker *walker,
                              struct ivrs_ivhd *ivhd, const uint8_t *entry,
                              uint32_t offset, struct ivrs_device **open ) {
	struct ivrs_device *dev = &ivhd->device[ivhd->device_count];
	struct ivrs_special *special;

	dev->type = entry[0];
	dev->bdf = dev->last = le_get16 ( entry + 1 );
	dev->settings = entry[3];
	dev->offset = offset;
	switch ( entry[0] ) {
	case IVRS_DEV_PAD4:
		dev->kind = IVRS_KIND_PAD;
		break;
	case IVRS_DEV_ALL:
		dev->kind = IVRS_KIND_ALL;
		break;
	case IVRS_DEV_SELECT:
		dev->kind = IVRS_KIND_SELECT;
		break;
	case IVRS_DEV_START:
		dev->kind = IVRS_KIND_RANGE;
		break;
	case IVRS_DEV_ALIAS_SELECT:
	case IVRS_DEV_ALIAS_START:
		dev->kind = ( ( entry[0] == IVRS_DEV_ALIAS_SELECT )
		                      ? IVRS_KIND_ALIAS
		                      : IVRS_KIND_ALIAS_RANGE );
		dev->alias = le_get16 ( entry + 5 );
		break;
	case IVRS_DEV_EXT_SELECT:
	case IVRS_DEV_EXT_START:
		dev->kind = ( ( entry[0] == IVRS_DEV_EXT_SELECT )
		                      ? IVRS_KIND_EXT_SELECT
		                      : IVRS_KIND_EXT_RANGE );
		dev->ext = le_get32 ( entry + 4 );
		break;
	case IVRS_DEV_SPECIAL:
		dev->kind = IVRS_KIND_SPECIAL;
		dev->alias = dev->bdf;
		dev->handle = entry[4];
		dev->bdf = dev->last = le_get16 ( entry + 5 );
		dev->variety = entry[7];
		if ( dev->variety == IVRS_SPECIAL_IOAPIC )
			special = &ivhd->ioapic[ivhd->ioapic_count++];
		else if ( dev->variety == IVRS_SPECIAL_HPET )
			special = &ivhd->hpet[ivhd->hpet_count++];
		else
			break;
		special->id = dev->handle;
		special->bdf = dev->bdf;
		special->settings = dev->settings;
		break;
	case IVRS_DEV_ACPI_HID:
		dev->kind = IVRS_KIND_ACPI_HID;
		ivrs_fill_hid ( dev, entry );
		break;
	default:
		dev->kind = IVRS_KIND_END;
		break;
	}

	/* A start entry waits for its end; a new start leaves the old open */
	if ( ( dev->kind == IVRS_KIND_RANGE ) ||
	     ( dev->kind == IVRS_KIND_ALIAS_RANGE ) ||
	     ( dev->kind == IVRS_KIND_EXT_RANGE ) ) {
		dev->unterminated = 1;
		*open = dev;
	}
	ivhd->device_count++;
	walker->device_used++;
}

/**
 * Is this a device entry type the decoder knows?
 *
 * @v type		Entry type
 * @ret known		Nonzero if known
 */
static int ivrs_entry_known ( unsigned int type ) {
	switch ( type ) {
	case IVRS_DEV_PAD4:
	case IVRS_DEV_ALL:
	case IVRS_DEV_SELECT:
	case IVRS_DEV_START:
	case IVRS_DEV_END:
	case IVRS_DEV_ALIAS_SELECT:
	case IVRS_DEV_ALIAS_START:
	case IVRS_DEV_EXT_SELECT:
	case IVRS_DEV_EXT_START:
	case IVRS_DEV_SPECIAL:
	case IVRS_DEV_ACPI_HID:
		return 1;
	default:
		return 0;
	}
}

/**
 * Count one device entry (counting pass)
 *
 * @v walker		Walker
 * @v entry		Entry bytes
 * @v open		Nonzero if a range is waiting for its end
 * @ret open		Whether a range waits after this entry
 */
static int ivrs_count_entry ( struct ivrs_walker *walker, const uint8_t *entry,
                              int open ) {
	switch ( entry[0] ) {
	case IVRS_DEV_END:
		if ( open )
			return 0;
		walker->device_used++;
		return 0;
	case IVRS_DEV_SPECIAL:
		if ( ( entry[7] == IVRS_SPECIAL_IOAPIC ) ||
		     ( entry[7] == IVRS_SPECIAL_HPET ) )
			walker->special_used++;
		break;
	case IVRS_DEV_START:
	case IVRS_DEV_ALIAS_START:
	case IVRS_DEV_EXT_START:
		walker->device_used++;
		return 1;
	default:
		break;
	}
	walker->device_used++;
	return open;
}

/**
 * Walk the device entries of one IVHD block
 *
 * @v walker		Walker
 * @v ivhd		Block (filling pass), or NULL
 * @v start		Offset of the first entry
 * @v end		Offset just past the block
 * @ret rc		0 or -XEACPISUB
 */
static int ivrs_walk_entries ( struct ivrs_walker *walker,
                               struct ivrs_ivhd *ivhd, uint32_t start,
                               uint32_t end ) {
	struct acpi_walk scratch;
	struct acpi_walk *walk = ( ivhd ? &ivhd->walk : &scratch );
	struct ivrs_device *open = NULL;
	const uint8_t *entry;
	uint32_t offset;
	unsigned int len;
	int counting_open = 0;

	memset ( &scratch, 0, sizeof ( scratch ) );
	for ( offset = start; offset < end; offset += len ) {
		entry = ( walker->data + offset );
		len = ivrs_entry_len ( entry, ( end - offset ) );
		if ( ( !len ) || ( len > ( end - offset ) ) )
			return acpi_walk_fail ( walk, -XEACPISUB, offset,
			                        "device entry overruns its "
			                        "IVHD block" );
		if ( !ivrs_entry_known ( entry[0] ) ) {
			acpi_walk_unknown ( walk, entry[0], len, offset );
			continue;
		}
		if ( !ivhd ) {
			counting_open = ivrs_count_entry ( walker, entry,
			                                   counting_open );
			continue;
		}
		if ( ( entry[0] == IVRS_DEV_END ) && open ) {
			/* Close the waiting range */
			open->last = le_get16 ( entry + 1 );
			open->end_settings = entry[3];
			open->end_offset = offset;
			open->unterminated = 0;
			open = NULL;
			continue;
		}
		ivrs_fill_entry ( walker, ivhd, entry, offset, &open );
	}
	return 0;
}

/**
 * Decode an IVHD block header (filling pass)
 *
 * @v walker		Walker
 * @v b			Block bytes
 * @v offset		Offset in the table
 * @ret ivhd		Block
 */
static struct ivrs_ivhd *ivrs_fill_ivhd ( struct ivrs_walker *walker,
                                          const uint8_t *b, uint32_t offset ) {
	struct ivrs *ivrs = walker->ivrs;
	struct ivrs_ivhd *ivhd = &ivrs->ivhd[ivrs->ivhd_count];

	ivhd->type = b[0];
	ivhd->flags = b[1];
	ivhd->length = le_get16 ( b + 2 );
	ivhd->bdf = le_get16 ( b + 4 );
	ivhd->cap_offset = le_get16 ( b + 6 );
	ivhd->base = le_get64 ( b + 8 );
	ivhd->segment = le_get16 ( b + 16 );
	ivhd->info = le_get16 ( b + 18 );
	ivhd->attr = le_get32 ( b + 20 );
	if ( b[0] != IVRS_IVHD_10 ) {
		ivhd->has_efr = 1;
		ivhd->efr = le_get64 ( b + 24 );
		ivhd->efr2 = le_get64 ( b + 32 );
	}
	ivhd->offset = offset;

	/* Device entries and specials go into the pools; IO-APICs and
	 * HPETs share the special pool, IO-APICs first */
	ivhd->device = ( walker->device + walker->device_used );
	ivhd->ioapic = ( walker->special + walker->special_used );
	return ivhd;
}

/**
 * Count the IO-APIC specials of one block, to place its HPETs
 *
 * @v walker		Walker
 * @v ivhd		Block with @c ioapic set
 * @v start		Offset of the first entry
 * @v end		Offset just past the block
 */
static void ivrs_place_hpets ( struct ivrs_walker *walker,
                               struct ivrs_ivhd *ivhd, uint32_t start,
                               uint32_t end ) {
	const uint8_t *entry;
	uint32_t offset;
	unsigned int len;
	unsigned int ioapics = 0;

	for ( offset = start; offset < end; offset += len ) {
		entry = ( walker->data + offset );
		len = ivrs_entry_len ( entry, ( end - offset ) );
		if ( ( !len ) || ( len > ( end - offset ) ) )
			break;
		if ( ( entry[0] == IVRS_DEV_SPECIAL ) &&
		     ( entry[7] == IVRS_SPECIAL_IOAPIC ) )
			ioapics++;
	}
	ivhd->hpet = ( ivhd->ioapic + ioapics );
}

/**
 * Decode an IVMD block (filling pass)
 *
 * @v walker		Walker
 * @v b			Block bytes
 * @v offset		Offset in the table
 */
static void ivrs_fill_ivmd ( struct ivrs_walker *walker, const uint8_t *b,
                             uint32_t offset ) {
	struct ivrs *ivrs = walker->ivrs;
	struct ivrs_ivmd *ivmd = &ivrs->ivmd[ivrs->ivmd_count];

	ivmd->type = b[0];
	ivmd->flags = b[1];
	ivmd->length = le_get16 ( b + 2 );
	ivmd->bdf = le_get16 ( b + 4 );
	ivmd->aux = le_get16 ( b + 6 );
	ivmd->start = le_get64 ( b + 16 );
	ivmd->size = le_get64 ( b + 24 );
	ivmd->offset = offset;
}

/**
 * Handle one IVHD block
 *
 * @v walker		Walker
 * @v b			Block bytes
 * @v offset		Offset in the table
 * @v length		Block length (at least its header)
 * @ret rc		0 or -XEACPISUB (a broken entry ends the block)
 */
static int ivrs_walk_ivhd ( struct ivrs_walker *walker, const uint8_t *b,
                            uint32_t offset, uint32_t length ) {
	/* The caller checked the length against the header */
	struct ivrs *ivrs = walker->ivrs;
	struct ivrs_ivhd *ivhd = NULL;
	uint32_t hdr = ( ( b[0] == IVRS_IVHD_10 ) ? IVHD_10_LEN : IVHD_11_LEN );
	uint32_t start = ( offset + hdr );
	uint32_t end = ( offset + length );
	int rc;

	if ( walker->fill ) {
		ivhd = ivrs_fill_ivhd ( walker, b, offset );
		ivrs_place_hpets ( walker, ivhd, start, end );
	}
	rc = ivrs_walk_entries ( walker, ivhd, start, end );
	if ( ivhd ) {
		walker->special_used +=
		        ( ivhd->ioapic_count + ivhd->hpet_count );
		if ( rc != 0 )
			acpi_walk_fail ( &ivrs->walk, rc,
			                 ivhd->walk.error_offset,
			                 ivhd->walk.error_what );
	}
	ivrs->ivhd_count++;
	return rc;
}

/**
 * Walk the blocks (one pass)
 *
 * @v walker		Walker
 * @ret rc		0 or -XEACPISUB
 */
static int ivrs_walk ( struct ivrs_walker *walker ) {
	struct ivrs *ivrs = walker->ivrs;
	uint32_t table_len = ivrs->table->length;
	const uint8_t *b;
	uint32_t offset;
	uint16_t length;
	int rc = 0;

	for ( offset = IVRS_BLOCK_START; offset < table_len;
	      offset += length ) {

		/* Check the block against the table */
		b = ( walker->data + offset );
		if ( ( table_len - offset ) < IVRS_BLOCK_HDR )
			return acpi_walk_fail ( &ivrs->walk, -XEACPISUB, offset,
			                        "block header cut off" );
		length = le_get16 ( b + 2 );
		if ( length < IVRS_BLOCK_HDR )
			return acpi_walk_fail ( &ivrs->walk, -XEACPISUB, offset,
			                        "block length too small" );
		if ( length > ( table_len - offset ) )
			return acpi_walk_fail ( &ivrs->walk, -XEACPISUB, offset,
			                        "block overruns the table" );

		/* Decode by type */
		switch ( b[0] ) {
		case IVRS_IVHD_10:
		case IVRS_IVHD_11:
		case IVRS_IVHD_40:
			if ( length < ( ( b[0] == IVRS_IVHD_10 )
			                        ? IVHD_10_LEN
			                        : IVHD_11_LEN ) )
				return acpi_walk_fail ( &ivrs->walk, -XEACPISUB,
				                        offset,
				                        "IVHD block shorter "
				                        "than its header" );
			/* A broken entry ends only its own block */
			if ( ivrs_walk_ivhd ( walker, b, offset, length ) != 0 )
				rc = -XEACPISUB;
			break;
		case IVRS_IVMD_ALL:
		case IVRS_IVMD_SELECT:
		case IVRS_IVMD_RANGE:
			if ( length < IVMD_LEN )
				return acpi_walk_fail ( &ivrs->walk, -XEACPISUB,
				                        offset,
				                        "IVMD block too "
				                        "short" );
			if ( walker->fill )
				ivrs_fill_ivmd ( walker, b, offset );
			ivrs->ivmd_count++;
			break;
		default:
			if ( walker->fill )
				acpi_walk_unknown ( &ivrs->walk, b[0], length,
				                    offset );
			break;
		}
	}
	return rc;
}

/**
 * Allocate the arrays and pools for the filling pass
 *
 * @v walker		Walker with the counts of the counting pass
 * @v arena		Memory
 * @ret rc		0 or -XENOMEM
 */
static int ivrs_alloc ( struct ivrs_walker *walker, struct arena *arena ) {
	struct ivrs *ivrs = walker->ivrs;

	if ( !( ( ivrs->ivhd = arena_alloc_array ( arena, ivrs->ivhd_count,
	                                           sizeof ( *ivrs->ivhd ) ) ) &&
	        ( ivrs->ivmd = arena_alloc_array ( arena, ivrs->ivmd_count,
	                                           sizeof ( *ivrs->ivmd ) ) ) &&
	        ( walker->device =
	                  arena_alloc_array ( arena, walker->device_used,
	                                      sizeof ( *walker->device ) ) ) &&
	        ( walker->special = arena_alloc_array (
	                  arena, walker->special_used,
	                  sizeof ( *walker->special ) ) ) ) )
		return -XENOMEM;
	ivrs->ivhd_count = ivrs->ivmd_count = 0;
	walker->device_used = walker->special_used = 0;
	memset ( &ivrs->walk, 0, sizeof ( ivrs->walk ) );
	return 0;
}

/**
 * Decode an IVRS table
 *
 * @v table		Table (signature "IVRS")
 * @v arena		Memory for the decoded structures
 * @ret ivrs		Decoded table, on success or -XEACPISUB
 * @ret rc		0, -XEACPISUB, -XEACPISIG, -XEACPILEN, -XENOMEM
 */
int ivrs_parse ( const struct acpi_table *table, struct arena *arena,
                 struct ivrs **ivrs ) {
	struct ivrs_walker walker;
	struct ivrs *result;
	int rc;

	*ivrs = NULL;
	if ( memcmp ( table->signature, "IVRS", 4 ) != 0 )
		return -XEACPISIG;
	if ( table->length < IVRS_BLOCK_START )
		return -XEACPILEN;
	if ( !( result = arena_alloc ( arena, sizeof ( *result ) ) ) )
		return -XENOMEM;
	result->table = table;
	result->checksum_ok = table->checksum_ok;
	result->ivinfo = le_get32 ( table->data + 36 );

	/* Count, allocate, fill */
	memset ( &walker, 0, sizeof ( walker ) );
	walker.ivrs = result;
	walker.data = table->data;
	ivrs_walk ( &walker );
	if ( ( rc = ivrs_alloc ( &walker, arena ) ) != 0 )
		return rc;
	walker.fill = 1;
	rc = ivrs_walk ( &walker );
	*ivrs = result;
	return rc;
}

/**
 * Name a device entry kind as the JSON report does
 *
 * @v kind		Kind (enum ivrs_dev_kind)
 * @ret name		"select", "range", ...
 */
const char *ivrs_kind_name ( unsigned int kind ) {
	static const char *const names[] = {
	        [IVRS_KIND_PAD] = "pad",
	        [IVRS_KIND_ALL] = "all",
	        [IVRS_KIND_SELECT] = "select",
	        [IVRS_KIND_RANGE] = "range",
	        [IVRS_KIND_ALIAS] = "alias",
	        [IVRS_KIND_ALIAS_RANGE] = "alias_range",
	        [IVRS_KIND_EXT_SELECT] = "ext_select",
	        [IVRS_KIND_EXT_RANGE] = "ext_range",
	        [IVRS_KIND_SPECIAL] = "special",
	        [IVRS_KIND_ACPI_HID] = "acpi_hid",
	        [IVRS_KIND_END] = "end",
	};

	if ( kind >= ( sizeof ( names ) / sizeof ( names[0] ) ) )
		return "unknown";
	return names[kind];
}

/**
 * Write one device entry
 *
 * @v dev		Device entry
 * @v segment		PCI segment of the block
 * @v json		JSON writer
 */
static void ivrs_device_json ( const struct ivrs_device *dev,
                               unsigned int segment, struct json *json ) {
	json_object_open ( json, NULL );
	json_string ( json, "type", ivrs_kind_name ( dev->kind ) );
	json_hex ( json, "entry", dev->type );
	json_bdf ( json, "bdf", segment, dev->bdf );
	json_hex ( json, "settings", dev->settings );
	json_hex ( json, "offset", dev->offset );
	switch ( dev->kind ) {
	case IVRS_KIND_RANGE:
	case IVRS_KIND_ALIAS_RANGE:
	case IVRS_KIND_EXT_RANGE:
		json_bdf ( json, "last", segment, dev->last );
		json_bool ( json, "unterminated", dev->unterminated );
		if ( !dev->unterminated ) {
			json_hex ( json, "end_settings", dev->end_settings );
			json_hex ( json, "end_offset", dev->end_offset );
		}
		break;
	default:
		break;
	}
	if ( ( dev->kind == IVRS_KIND_ALIAS ) ||
	     ( dev->kind == IVRS_KIND_ALIAS_RANGE ) )
		json_bdf ( json, "alias", segment, dev->alias );
	if ( ( dev->kind == IVRS_KIND_EXT_SELECT ) ||
	     ( dev->kind == IVRS_KIND_EXT_RANGE ) )
		json_hex ( json, "ext", dev->ext );
	if ( dev->kind == IVRS_KIND_SPECIAL ) {
		json_string (
		        json, "variety",
		        ( ( dev->variety == IVRS_SPECIAL_IOAPIC )
		                  ? "ioapic"
		                  : ( ( dev->variety == IVRS_SPECIAL_HPET )
		                              ? "hpet"
		                              : "other" ) ) );
		json_uint ( json, "id", dev->handle );
		json_hex ( json, "variety_id", dev->variety );
		json_hex ( json, "entry_id", dev->alias );
	}
	if ( dev->kind == IVRS_KIND_ACPI_HID ) {
		json_string ( json, "hid", dev->hid );
		json_hex ( json, "cid", dev->cid_raw );
		json_uint ( json, "uid_format", dev->uid_format );
		json_uint ( json, "uid_len", dev->uid_len );
		if ( dev->uid_format == 1 )
			json_hex ( json, "uid", dev->uid_value );
		else
			json_string ( json, "uid", dev->uid );
	}
	json_object_close ( json );
}

/**
 * Write a list of special devices
 *
 * @v name		Member name
 * @v list		Specials
 * @v count		Number of specials
 * @v segment		PCI segment of the block
 * @v json		JSON writer
 */
static void ivrs_specials_json ( const char *name,
                                 const struct ivrs_special *list,
                                 unsigned int count, unsigned int segment,
                                 struct json *json ) {
	unsigned int i;

	json_array_open ( json, name );
	for ( i = 0; i < count; i++ ) {
		json_object_open ( json, NULL );
		json_uint ( json, "id", list[i].id );
		json_bdf ( json, "bdf", segment, list[i].bdf );
		json_object_close ( json );
	}
	json_array_close ( json );
}

/**
 * Write one IVHD block
 *
 * @v ivhd		Block
 * @v json		JSON writer
 */
static void ivrs_ivhd_json ( const struct ivrs_ivhd *ivhd, struct json *json ) {
	unsigned int i;

	json_object_open ( json, NULL );
	json_hex ( json, "type", ivhd->type );
	json_hex ( json, "flags", ivhd->flags );
	json_bdf ( json, "bdf", ivhd->segment, ivhd->bdf );
	json_hex ( json, "cap_offset", ivhd->cap_offset );
	json_hex ( json, "base", ivhd->base );
	json_uint ( json, "segment", ivhd->segment );
	json_hex ( json, "info", ivhd->info );
	json_hex ( json, "attr", ivhd->attr );
	if ( ivhd->has_efr )
		json_hex ( json, "efr", ivhd->efr );
	else
		json_null ( json, "efr" );
	json_array_open ( json, "devices" );
	for ( i = 0; i < ivhd->device_count; i++ )
		ivrs_device_json ( &ivhd->device[i], ivhd->segment, json );
	json_array_close ( json );
	ivrs_specials_json ( "ioapics", ivhd->ioapic, ivhd->ioapic_count,
	                     ivhd->segment, json );
	ivrs_specials_json ( "hpets", ivhd->hpet, ivhd->hpet_count,
	                     ivhd->segment, json );
	acpi_walk_json ( &ivhd->walk, json );
	json_object_close ( json );
}

/**
 * Write the "ivrs" part of the JSON report (the value only)
 *
 * @v ivrs		Decoded table, or NULL (writes null)
 * @v json		JSON writer
 */
void ivrs_json ( const struct ivrs *ivrs, struct json *json ) {
	const struct ivrs_ivmd *ivmd;
	unsigned int i;

	if ( !ivrs ) {
		json_null ( json, NULL );
		return;
	}
	json_object_open ( json, NULL );
	json_bool ( json, "checksum_ok", ivrs->checksum_ok );
	json_hex ( json, "ivinfo", ivrs->ivinfo );
	json_array_open ( json, "ivhd" );
	for ( i = 0; i < ivrs->ivhd_count; i++ )
		ivrs_ivhd_json ( &ivrs->ivhd[i], json );
	json_array_close ( json );
	json_array_open ( json, "ivmd" );
	for ( i = 0; i < ivrs->ivmd_count; i++ ) {
		ivmd = &ivrs->ivmd[i];
		json_object_open ( json, NULL );
		json_hex ( json, "type", ivmd->type );
		json_hex ( json, "flags", ivmd->flags );
		json_bdf ( json, "bdf", 0, ivmd->bdf );
		json_hex ( json, "aux", ivmd->aux );
		json_hex ( json, "start", ivmd->start );
		json_hex ( json, "length", ivmd->size );
		json_object_close ( json );
	}
	json_array_close ( json );
	acpi_walk_json ( &ivrs->walk, json );
	json_object_close ( json );
}
