/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * ACPI DMAR table decoder
 *
 * Walks the remapping structures twice: once to count each kind and the
 * device scopes, then, with arrays of the right size from the arena, to
 * fill them in.  Both passes stop at the same place, so a table whose
 * lengths are broken yields the structures before the break.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <xenmb/errors.h>
#include <xenmb/arena.h>
#include <xenmb/json.h>
#include <xenmb/acpi.h>
#include <xenmb/dmar.h>

/** Offset of the first remapping structure */
#define DMAR_STRUCT_START 48

/** Size of a remapping structure's type and length fields */
#define DMAR_STRUCT_HDR 4

/** Smallest device scope: type, length, flags, reserved, id, bus */
#define DMAR_SCOPE_MIN 6

/** Fixed part of each structure type, before its scopes or name */
static const uint8_t dmar_fixed_len[] = {
        [DMAR_TYPE_DRHD] = 16, [DMAR_TYPE_RMRR] = 24, [DMAR_TYPE_ATSR] = 8,
        [DMAR_TYPE_RHSA] = 20, [DMAR_TYPE_ANDD] = 8,  [DMAR_TYPE_SATC] = 8,
        [DMAR_TYPE_SIDP] = 8,
};

/** A walk over one DMAR table: the decoded result and the pass */
struct dmar_walker {
	/** Result being counted or filled */
	struct dmar *dmar;
	/** Table bytes */
	const uint8_t *data;
	/** Nonzero on the filling pass */
	int fill;
};

/**
 * Walk the device scopes of one structure
 *
 * @v walker		Walker
 * @v start		Offset of the first scope
 * @v end		Offset just past the structure
 * @v scopes		Run to fill (filling pass), or NULL
 * @ret rc		0 or -XEACPISUB
 */
static int dmar_walk_scopes ( struct dmar_walker *walker, uint32_t start,
                              uint32_t end, struct dmar_scopes *scopes ) {
	struct dmar *dmar = walker->dmar;
	const uint8_t *entry;
	struct dmar_scope *scope;
	uint32_t offset;
	uint8_t length;

	if ( scopes && walker->fill )
		scopes->scope = ( dmar->scope + dmar->scope_count );
	for ( offset = start; offset < end; offset += length ) {

		/* Check the entry against its structure */
		entry = ( walker->data + offset );
		if ( ( end - offset ) < 2 )
			return acpi_walk_fail ( &dmar->walk, -XEACPISUB, offset,
			                        "device scope header cut off" );
		length = entry[1];
		if ( length < DMAR_SCOPE_MIN )
			return acpi_walk_fail ( &dmar->walk, -XEACPISUB, offset,
			                        "device scope too short" );
		if ( length > ( end - offset ) )
			return acpi_walk_fail ( &dmar->walk, -XEACPISUB, offset,
			                        "device scope overruns its "
			                        "structure" );

		/* Decode it */
		if ( walker->fill ) {
			scope = &dmar->scope[dmar->scope_count];
			scope->type = entry[0];
			scope->length = length;
			scope->flags = entry[2];
			scope->enum_id = entry[4];
			scope->start_bus = entry[5];
			scope->hops = ( ( length - DMAR_SCOPE_MIN ) / 2 );
			scope->path = ( scope->hops ? ( entry + 6 ) : NULL );
			scope->bdf =
			        ( ( scope->start_bus << 8 ) |
			          ( scope->hops
			                    ? ( ( ( entry[6] & 0x1f ) << 3 ) |
			                        ( entry[7] & 0x7 ) )
			                    : 0 ) );
			scope->offset = offset;
			if ( scopes )
				scopes->count++;
		}
		dmar->scope_count++;
	}
	return 0;
}

/**
 * Decode the fixed part of one structure (filling pass)
 *
 * @v walker		Walker
 * @v type		Structure type
 * @v offset		Offset of the structure
 * @v length		Length of the structure
 * @ret scopes		Where its scopes go, or NULL if it has none
 */
static struct dmar_scopes *dmar_fill_struct ( struct dmar_walker *walker,
                                              unsigned int type,
                                              uint32_t offset,
                                              uint32_t length ) {
	struct dmar *dmar = walker->dmar;
	const uint8_t *s = ( walker->data + offset );
	struct dmar_drhd *drhd;
	struct dmar_rmrr *rmrr;
	struct dmar_atsr *atsr;
	struct dmar_rhsa *rhsa;
	struct dmar_andd *andd;
	struct dmar_satc *satc;

	switch ( type ) {
	case DMAR_TYPE_DRHD:
		drhd = &dmar->drhd[dmar->drhd_count];
		drhd->flags = s[4];
		drhd->size = s[5];
		drhd->segment = le_get16 ( s + 6 );
		drhd->base = le_get64 ( s + 8 );
		drhd->offset = offset;
		return &drhd->scopes;
	case DMAR_TYPE_RMRR:
		rmrr = &dmar->rmrr[dmar->rmrr_count];
		rmrr->segment = le_get16 ( s + 6 );
		rmrr->base = le_get64 ( s + 8 );
		rmrr->limit = le_get64 ( s + 16 );
		rmrr->offset = offset;
		return &rmrr->scopes;
	case DMAR_TYPE_ATSR:
		atsr = &dmar->atsr[dmar->atsr_count];
		atsr->flags = s[4];
		atsr->segment = le_get16 ( s + 6 );
		atsr->offset = offset;
		return &atsr->scopes;
	case DMAR_TYPE_RHSA:
		rhsa = &dmar->rhsa[dmar->rhsa_count];
		rhsa->base = le_get64 ( s + 8 );
		rhsa->proximity_domain = le_get32 ( s + 16 );
		rhsa->offset = offset;
		return NULL;
	case DMAR_TYPE_ANDD:
		andd = &dmar->andd[dmar->andd_count];
		andd->device_number = s[7];
		andd->name = ( const char * )( s + 8 );
		while ( ( andd->name_len < ( length - 8 ) ) &&
		        andd->name[andd->name_len] )
			andd->name_len++;
		andd->offset = offset;
		return NULL;
	case DMAR_TYPE_SATC:
	case DMAR_TYPE_SIDP:
		satc = ( ( type == DMAR_TYPE_SATC )
		                 ? &dmar->satc[dmar->satc_count]
		                 : &dmar->sidp[dmar->sidp_count] );
		satc->flags = ( ( type == DMAR_TYPE_SATC ) ? s[4] : 0 );
		satc->segment = le_get16 ( s + 6 );
		satc->offset = offset;
		return &satc->scopes;
	default:
		return NULL;
	}
}

/**
 * Count one decoded structure
 *
 * @v dmar		Result
 * @v type		Structure type
 */
static void dmar_count_struct ( struct dmar *dmar, unsigned int type ) {
	switch ( type ) {
	case DMAR_TYPE_DRHD:
		dmar->drhd_count++;
		break;
	case DMAR_TYPE_RMRR:
		dmar->rmrr_count++;
		break;
	case DMAR_TYPE_ATSR:
		dmar->atsr_count++;
		break;
	case DMAR_TYPE_RHSA:
		dmar->rhsa_count++;
		break;
	case DMAR_TYPE_ANDD:
		dmar->andd_count++;
		break;
	case DMAR_TYPE_SATC:
		dmar->satc_count++;
		break;
	case DMAR_TYPE_SIDP:
		dmar->sidp_count++;
		break;
	default:
		break;
	}
}

/**
 * Walk the remapping structures (one pass)
 *
 * @v walker		Walker
 * @ret rc		0 or -XEACPISUB
 */
static int dmar_walk ( struct dmar_walker *walker ) {
	struct dmar *dmar = walker->dmar;
	const uint8_t *s;
	struct dmar_scopes *scopes;
	uint32_t table_len = dmar->table->length;
	uint32_t offset;
	uint16_t length;
	uint16_t type;
	int has_scopes;
	int rc;

	for ( offset = DMAR_STRUCT_START; offset < table_len;
	      offset += length ) {

		/* Check the structure against the table */
		s = ( walker->data + offset );
		if ( ( table_len - offset ) < DMAR_STRUCT_HDR )
			return acpi_walk_fail ( &dmar->walk, -XEACPISUB, offset,
			                        "structure header cut off" );
		type = le_get16 ( s );
		length = le_get16 ( s + 2 );
		if ( length < DMAR_STRUCT_HDR )
			return acpi_walk_fail ( &dmar->walk, -XEACPISUB, offset,
			                        "structure length too small" );
		if ( length > ( table_len - offset ) )
			return acpi_walk_fail (
			        &dmar->walk, -XEACPISUB, offset,
			        "structure overruns the table" );

		/* Skip (and record) what we do not know */
		if ( type >= ( sizeof ( dmar_fixed_len ) /
		               sizeof ( dmar_fixed_len[0] ) ) ) {
			if ( walker->fill )
				acpi_walk_unknown ( &dmar->walk, type, length,
				                    offset );
			continue;
		}
		if ( length < dmar_fixed_len[type] )
			return acpi_walk_fail ( &dmar->walk, -XEACPISUB, offset,
			                        "structure too short for its "
			                        "type" );

		/* Decode the fixed part, then the scopes */
		scopes = NULL;
		if ( walker->fill )
			scopes = dmar_fill_struct ( walker, type, offset,
			                            length );
		has_scopes = ( ( type != DMAR_TYPE_RHSA ) &&
		               ( type != DMAR_TYPE_ANDD ) );
		rc = 0;
		if ( has_scopes )
			rc = dmar_walk_scopes (
			        walker, ( offset + dmar_fixed_len[type] ),
			        ( offset + length ), scopes );
		dmar_count_struct ( dmar, type );
		if ( rc != 0 )
			return rc;
	}
	return 0;
}

/**
 * Allocate the arrays for the filling pass
 *
 * @v dmar		Result with the counts of the counting pass
 * @v arena		Memory
 * @ret rc		0 or -XENOMEM
 */
static int dmar_alloc ( struct dmar *dmar, struct arena *arena ) {

	if ( !( ( dmar->drhd = arena_alloc_array ( arena, dmar->drhd_count,
	                                           sizeof ( *dmar->drhd ) ) ) &&
	        ( dmar->rmrr = arena_alloc_array ( arena, dmar->rmrr_count,
	                                           sizeof ( *dmar->rmrr ) ) ) &&
	        ( dmar->atsr = arena_alloc_array ( arena, dmar->atsr_count,
	                                           sizeof ( *dmar->atsr ) ) ) &&
	        ( dmar->rhsa = arena_alloc_array ( arena, dmar->rhsa_count,
	                                           sizeof ( *dmar->rhsa ) ) ) &&
	        ( dmar->andd = arena_alloc_array ( arena, dmar->andd_count,
	                                           sizeof ( *dmar->andd ) ) ) &&
	        ( dmar->satc = arena_alloc_array ( arena, dmar->satc_count,
	                                           sizeof ( *dmar->satc ) ) ) &&
	        ( dmar->sidp = arena_alloc_array ( arena, dmar->sidp_count,
	                                           sizeof ( *dmar->sidp ) ) ) &&
	        ( dmar->scope =
	                  arena_alloc_array ( arena, dmar->scope_count,
	                                      sizeof ( *dmar->scope ) ) ) ) )
		return -XENOMEM;

	/* Counts restart for the filling pass */
	dmar->drhd_count = dmar->rmrr_count = dmar->atsr_count = 0;
	dmar->rhsa_count = dmar->andd_count = dmar->satc_count = 0;
	dmar->sidp_count = dmar->scope_count = 0;
	memset ( &dmar->walk, 0, sizeof ( dmar->walk ) );
	return 0;
}

/**
 * Decode a DMAR table
 *
 * @v table		Table (signature "DMAR")
 * @v arena		Memory for the decoded structures
 * @ret dmar		Decoded table, on success or -XEACPISUB
 * @ret rc		0, -XEACPISUB, -XEACPISIG, -XEACPILEN, -XENOMEM
 */
int dmar_parse ( const struct acpi_table *table, struct arena *arena,
                 struct dmar **dmar ) {
	struct dmar_walker walker;
	struct dmar *result;
	int rc;

	*dmar = NULL;
	if ( memcmp ( table->signature, "DMAR", 4 ) != 0 )
		return -XEACPISIG;
	if ( table->length < DMAR_STRUCT_START )
		return -XEACPILEN;
	if ( !( result = arena_alloc ( arena, sizeof ( *result ) ) ) )
		return -XENOMEM;
	result->table = table;
	result->checksum_ok = table->checksum_ok;
	result->width = table->data[36];
	result->haw = ( result->width + 1U );
	result->flags = table->data[37];

	/* Count, allocate, fill */
	walker.dmar = result;
	walker.data = table->data;
	walker.fill = 0;
	dmar_walk ( &walker );
	if ( ( rc = dmar_alloc ( result, arena ) ) != 0 )
		return rc;
	walker.fill = 1;
	rc = dmar_walk ( &walker );
	*dmar = result;
	return rc;
}

/**
 * Name a device scope type as the JSON report does
 *
 * @v type		Scope type
 * @ret name		"endpoint", "bridge", "ioapic", "hpet", "acpi" or
 *			"unknown"
 */
const char *dmar_scope_name ( unsigned int type ) {
	switch ( type ) {
	case DMAR_SCOPE_ENDPOINT:
		return "endpoint";
	case DMAR_SCOPE_BRIDGE:
		return "bridge";
	case DMAR_SCOPE_IOAPIC:
		return "ioapic";
	case DMAR_SCOPE_HPET:
		return "hpet";
	case DMAR_SCOPE_ACPI:
		return "acpi";
	default:
		return "unknown";
	}
}

/**
 * Write a run of device scopes as a "scopes" member
 *
 * @v scopes		Scopes
 * @v segment		PCI segment of the owning structure
 * @v json		JSON writer
 */
static void dmar_scopes_json ( const struct dmar_scopes *scopes,
                               unsigned int segment, struct json *json ) {
	const struct dmar_scope *scope;
	unsigned int i;
	unsigned int hop;

	json_array_open ( json, "scopes" );
	for ( i = 0; i < scopes->count; i++ ) {
		scope = &scopes->scope[i];
		json_object_open ( json, NULL );
		json_string ( json, "type", dmar_scope_name ( scope->type ) );
		json_uint ( json, "type_id", scope->type );
		json_uint ( json, "id", scope->enum_id );
		json_bdf ( json, "bdf", segment, scope->bdf );
		json_uint ( json, "bus", scope->start_bus );
		json_array_open ( json, "path" );
		for ( hop = 0; hop < scope->hops; hop++ ) {
			json_array_open ( json, NULL );
			json_uint ( json, NULL, scope->path[2 * hop] );
			json_uint ( json, NULL, scope->path[2 * hop + 1] );
			json_array_close ( json );
		}
		json_array_close ( json );
		json_object_close ( json );
	}
	json_array_close ( json );
}

/**
 * Write the DRHD list
 *
 * @v dmar		Decoded table
 * @v json		JSON writer
 */
static void dmar_drhd_json ( const struct dmar *dmar, struct json *json ) {
	const struct dmar_drhd *drhd;
	unsigned int i;

	json_array_open ( json, "drhd" );
	for ( i = 0; i < dmar->drhd_count; i++ ) {
		drhd = &dmar->drhd[i];
		json_object_open ( json, NULL );
		json_uint ( json, "segment", drhd->segment );
		json_hex ( json, "base", drhd->base );
		json_uint ( json, "flags", drhd->flags );
		json_bool ( json, "include_pci_all",
		            ( drhd->flags & DMAR_DRHD_INCLUDE_PCI_ALL ) );
		dmar_scopes_json ( &drhd->scopes, drhd->segment, json );
		if ( drhd->regs_valid ) {
			json_hex ( json, "cap", drhd->cap );
			json_hex ( json, "ecap", drhd->ecap );
		} else {
			json_null ( json, "cap" );
			json_null ( json, "ecap" );
		}
		json_object_close ( json );
	}
	json_array_close ( json );
}

/**
 * Write the RMRR list
 *
 * @v dmar		Decoded table
 * @v json		JSON writer
 */
static void dmar_rmrr_json ( const struct dmar *dmar, struct json *json ) {
	const struct dmar_rmrr *rmrr;
	unsigned int i;

	json_array_open ( json, "rmrr" );
	for ( i = 0; i < dmar->rmrr_count; i++ ) {
		rmrr = &dmar->rmrr[i];
		json_object_open ( json, NULL );
		json_uint ( json, "segment", rmrr->segment );
		json_hex ( json, "base", rmrr->base );
		json_hex ( json, "limit", rmrr->limit );
		dmar_scopes_json ( &rmrr->scopes, rmrr->segment, json );
		json_object_close ( json );
	}
	json_array_close ( json );
}

/**
 * Write a list of ATSR-like structures (ATSR, SATC, SIDP)
 *
 * @v name		Member name
 * @v list		Structures (ATSR)
 * @v satc		Structures (SATC/SIDP), used when @c list is NULL
 * @v count		Number of structures
 * @v json		JSON writer
 */
static void dmar_flagged_json ( const char *name, const struct dmar_atsr *list,
                                const struct dmar_satc *satc,
                                unsigned int count, struct json *json ) {
	unsigned int i;

	json_array_open ( json, name );
	for ( i = 0; i < count; i++ ) {
		json_object_open ( json, NULL );
		if ( list ) {
			json_uint ( json, "segment", list[i].segment );
			json_uint ( json, "flags", list[i].flags );
			dmar_scopes_json ( &list[i].scopes, list[i].segment,
			                   json );
		} else {
			json_uint ( json, "segment", satc[i].segment );
			json_uint ( json, "flags", satc[i].flags );
			dmar_scopes_json ( &satc[i].scopes, satc[i].segment,
			                   json );
		}
		json_object_close ( json );
	}
	json_array_close ( json );
}

/**
 * Write the RHSA and ANDD lists
 *
 * @v dmar		Decoded table
 * @v json		JSON writer
 */
static void dmar_rhsa_andd_json ( const struct dmar *dmar, struct json *json ) {
	unsigned int i;

	json_array_open ( json, "rhsa" );
	for ( i = 0; i < dmar->rhsa_count; i++ ) {
		json_object_open ( json, NULL );
		json_hex ( json, "base", dmar->rhsa[i].base );
		json_uint ( json, "proximity_domain",
		            dmar->rhsa[i].proximity_domain );
		json_object_close ( json );
	}
	json_array_close ( json );
	json_array_open ( json, "andd" );
	for ( i = 0; i < dmar->andd_count; i++ ) {
		json_object_open ( json, NULL );
		json_uint ( json, "id", dmar->andd[i].device_number );
		json_string_len ( json, "name", dmar->andd[i].name,
		                  dmar->andd[i].name_len );
		json_object_close ( json );
	}
	json_array_close ( json );
}

/**
 * Write the "dmar" part of the JSON report (the value only)
 *
 * @v dmar		Decoded table, or NULL (writes null)
 * @v json		JSON writer
 */
void dmar_json ( const struct dmar *dmar, struct json *json ) {

	if ( !dmar ) {
		json_null ( json, NULL );
		return;
	}
	json_object_open ( json, NULL );
	json_bool ( json, "checksum_ok", dmar->checksum_ok );
	json_uint ( json, "haw", dmar->haw );
	json_uint ( json, "flags", dmar->flags );
	json_bool ( json, "intr_remap", ( dmar->flags & DMAR_INTR_REMAP ) );
	json_bool ( json, "x2apic_opt_out",
	            ( dmar->flags & DMAR_X2APIC_OPT_OUT ) );
	json_bool ( json, "dma_ctrl_platform_opt_in",
	            ( dmar->flags & DMAR_DMA_CTRL_PLATFORM_OPT_IN ) );
	dmar_drhd_json ( dmar, json );
	dmar_rmrr_json ( dmar, json );
	dmar_flagged_json ( "atsr", dmar->atsr, NULL, dmar->atsr_count, json );
	dmar_rhsa_andd_json ( dmar, json );
	dmar_flagged_json ( "satc", NULL, dmar->satc, dmar->satc_count, json );
	dmar_flagged_json ( "sidp", NULL, dmar->sidp, dmar->sidp_count, json );
	acpi_walk_json ( &dmar->walk, json );
	json_object_close ( json );
}
