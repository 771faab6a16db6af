/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * The Xen 4.17 verdict for AMD-Vi: replays amd/iommu_acpi.c,
 * iommu_detect.c and iommu_init.c on the decoded IVRS and the registers
 * read
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <xenmb/errors.h>
#include <xenmb/acpi.h>
#include <xenmb/ivrs.h>
#include <xenmb/pci.h>
#include <xenmb/verdict.h>
#include <xenmb/verdict_amd.h>

/** Offset of the first IVRS block */
#define IVRS_BLOCKS 48
/** Size of an IVRS block header */
#define IVRS_BLOCK_HDR 6
/** Xen's sizeof ( struct acpi_ivrs_hardware ) including the EFR image */
#define IVHD_MIN_LEN 40
/** IVinfo: EFRSup */
#define IVINFO_EFRSUP 0x01
/** Southbridge IO-APIC device ID (00:14.0) */
#define SB_IOAPIC_BDF 0x00a0

/**
 * Format a BDF as Xen's command line takes it
 *
 * @v buf		Buffer (at least 8 bytes)
 * @v bdf		Bus/device/function
 * @ret buf		Buffer
 */
static char *verdict_bdf ( char *buf, unsigned int bdf ) {
	snprintf ( buf, 8, "%02x:%02x.%x", ( ( bdf >> 8 ) & 0xff ),
	           ( ( bdf >> 3 ) & 0x1f ), ( bdf & 7 ) );
	return buf;
}

/**
 * Walk the IVRS block headers as Xen does (get_supported_ivhd_type)
 *
 * @v in		Input
 * @v out		Verdict
 * @v type		Chosen IVHD type, on success
 * @ret rc		0, or -XEINVAL (IOMMU disabled; boots cleared on a
 *			block length that would make Xen loop forever)
 */
static int amdvi_choose_type ( const struct verdict_input *in,
                               struct verdict *out, unsigned int *type ) {
	const struct acpi_table *table = in->ivrs->table;
	uint32_t offset = IVRS_BLOCKS;
	unsigned int blk_type;
	unsigned int blk_len;

	if ( !in->ivrs->checksum_ok ) {
		verdict_reason ( out, "IVRS: checksum is wrong (Xen: "
		                      "\"AMD-Vi: Error: IVRS: invalid "
		                      "checksum\")" );
		return -XEINVAL;
	}
	*type = 0;
	while ( table->length > offset + IVRS_BLOCK_HDR ) {
		blk_type = table->data[offset];
		blk_len = le_get16 ( &table->data[offset + 2] );
		if ( table->length < offset + blk_len ) {
			verdict_reason ( out,
			                 "IVRS: block at offset 0x%x (length "
			                 "0x%x) runs past the table (Xen: "
			                 "\"IVRS: table length exceeded\")",
			                 offset, blk_len );
			return -XEINVAL;
		}
		if ( blk_len == 0 ) {
			verdict_reason ( out,
			                 "IVRS: block at offset 0x%x has "
			                 "length 0: Xen 4.17 loops forever in "
			                 "get_supported_ivhd_type",
			                 offset );
			out->boots = 0;
			verdict_suggest ( out, "iommu=off,no-intremap" );
			return -XEINVAL;
		}
		if ( ( ( blk_type == IVRS_IVHD_10 ) ||
		       ( ( blk_type == IVRS_IVHD_11 ) &&
		         ( in->ivrs->ivinfo & IVINFO_EFRSUP ) ) ) &&
		     ( blk_type > *type ) )
			*type = blk_type;
		offset += blk_len;
	}
	if ( !*type ) {
		verdict_reason ( out,
		                 "IVRS: no IVHD of type 0x10 (or 0x11 with "
		                 "IVinfo EFRSup) (Xen: \"Cannot find "
		                 "supported IVHD type.\")" );
		return -XEINVAL;
	}
	return 0;
}

/**
 * Check one chosen IVHD's header and IOMMU function
 * (iommu_detect.c amd_iommu_detect_one_acpi)
 *
 * @v in		Input
 * @v out		Verdict
 * @v index		IVHD index
 * @ret rc		0 or -XEINVAL
 */
static int amdvi_detect_one ( const struct verdict_input *in,
                              struct verdict *out, unsigned int index ) {
	const struct ivrs_ivhd *ivhd = &in->ivrs->ivhd[index];
	const struct amdvi_regs *regs;

	if ( ivhd->length < IVHD_MIN_LEN ) {
		verdict_reason ( out,
		                 "IVRS: IVHD at offset 0x%x is 0x%x bytes, "
		                 "below the 40 Xen needs (\"invalid IVHD "
		                 "block length\")",
		                 ivhd->offset, ivhd->length );
		return -XEINVAL;
	}
	if ( !ivhd->bdf || !ivhd->cap_offset || !ivhd->base ) {
		verdict_reason ( out,
		                 "IVRS: IVHD at offset 0x%x has a zero device "
		                 "ID, capability offset or base address "
		                 "(\"invalid IVHD block\")",
		                 ivhd->offset );
		return -XEINVAL;
	}
	if ( !in->amdvi )
		return 0;
	regs = &in->amdvi[index];
	if ( regs->cap_valid &&
	     ( ( ( regs->cap_header >> 16 ) & 7 ) != AMDVI_CAP_TYPE_IOMMU ) ) {
		verdict_reason ( out,
		                 "IVRS: IVHD device %04x capability at 0x%x is "
		                 "not an IOMMU capability (header 0x%08x)",
		                 ivhd->bdf, ivhd->cap_offset,
		                 regs->cap_header );
		return -XEINVAL;
	}
	if ( regs->cap_valid && !regs->has_msi ) {
		verdict_reason ( out,
		                 "IVRS: the IOMMU function %04x has no MSI "
		                 "capability, which Xen requires",
		                 ivhd->bdf );
		return -XEINVAL;
	}
	return 0;
}

/** State of one IO-APIC ID while replaying special entries */
struct amdvi_ioapic {
	/** Nonzero once an entry registered it */
	int seen;
	/** Device ID registered */
	uint16_t bdf;
	/** Segment registered */
	uint16_t seg;
};

/** State while replaying parse_ivrs_table */
struct amdvi_state {
	const struct verdict_input *in;
	struct verdict *out;
	/** Per IO-APIC ID */
	struct amdvi_ioapic ioapic[256];
	/** Handle of an entry naming no MADT IO-APIC, and its device */
	int invalid_handle;
	uint16_t invalid_bdf;
	/** Number of HPET special entries */
	unsigned int hpets;
};

/**
 * Check whether an IO-APIC ID is in the MADT
 *
 * @v in		Input
 * @v id		ID
 * @ret index		MADT index, or -1
 */
static int amdvi_madt_index ( const struct verdict_input *in,
                              unsigned int id ) {
	unsigned int i;

	for ( i = 0; i < in->madt->ioapic_count; i++ ) {
		if ( in->madt->ioapic[i].id == id )
			return i;
	}
	return -1;
}

/**
 * Replay a special entry (iommu_acpi.c parse_ivhd_device_special)
 *
 * @v st		State
 * @v ivhd		IVHD
 * @v dev		Entry
 * @ret rc		0 or -XEINVAL
 */
static int amdvi_special ( struct amdvi_state *st, const struct ivrs_ivhd *ivhd,
                           const struct ivrs_device *dev ) {
	struct amdvi_ioapic *ioapic;
	char bdf[8];
	char other[8];

	if ( dev->variety == IVRS_SPECIAL_HPET ) {
		st->hpets++;
		return 0;
	}
	if ( dev->variety != IVRS_SPECIAL_IOAPIC ) {
		verdict_reason ( st->out,
		                 "IVRS: special entry at offset 0x%x has "
		                 "variety 0x%x (Xen: \"Unrecognized IVHD "
		                 "special variety\")",
		                 dev->offset, dev->variety );
		return -XEINVAL;
	}
	if ( !( st->in->madt && st->in->madt->present ) )
		return 0;
	if ( amdvi_madt_index ( st->in, dev->handle ) < 0 ) {
		verdict_reason ( st->out,
		                 "IVRS: IO-APIC special entry names handle %u "
		                 "(device %s), which is no MADT IO-APIC ID "
		                 "(Xen: \"IVHD Error: Invalid IO-APIC\")",
		                 dev->handle, verdict_bdf ( bdf, dev->bdf ) );
		st->invalid_handle = dev->handle;
		st->invalid_bdf = dev->bdf;
		verdict_suggest ( st->out, "iommu=no-intremap" );
		return -XEINVAL;
	}
	ioapic = &st->ioapic[dev->handle];
	if ( !ioapic->seen ) {
		ioapic->seen = 1;
		ioapic->bdf = dev->bdf;
		ioapic->seg = ivhd->segment;
		return 0;
	}
	if ( ( ioapic->bdf == dev->bdf ) && ( ioapic->seg == ivhd->segment ) )
		return 0;
	verdict_reason ( st->out,
	                 "IVRS: IO-APIC %u is given as device %s and as %s "
	                 "(Xen: \"IVHD: conflicting IO-APIC entries\")",
	                 dev->handle, verdict_bdf ( bdf, ioapic->bdf ),
	                 verdict_bdf ( other, dev->bdf ) );
	verdict_suggest ( st->out, "ivrs_ioapic[%u]=%s", dev->handle, bdf );
	verdict_suggest ( st->out, "iommu=no-intremap" );
	return -XEINVAL;
}

/**
 * Size of a range's first entry
 *
 * @v kind		Kind
 * @ret len		Bytes before the end entry Xen expects
 */
static unsigned int amdvi_range_start_len ( unsigned int kind ) {
	return ( ( kind == IVRS_KIND_RANGE ) ? 4 : 8 );
}

/**
 * Replay one chosen IVHD's device entries (parse_ivhd_block and
 * get_last_bdf_ivhd)
 *
 * @v st		State
 * @v ivhd		IVHD
 * @ret rc		0 or -XEINVAL
 */
static int amdvi_entries ( struct amdvi_state *st,
                           const struct ivrs_ivhd *ivhd ) {
	const struct ivrs_device *dev;
	unsigned int i;
	int rc;

	if ( ivhd->walk.unknown_count ) {
		verdict_reason ( st->out,
		                 "IVRS: IVHD at offset 0x%x has device entry "
		                 "type 0x%x, unknown to Xen 4.17, which then "
		                 "rejects the table (\"IVHD: unknown device "
		                 "type\")",
		                 ivhd->offset, ivhd->walk.unknown[0].type );
		return -XEINVAL;
	}
	for ( i = 0; i < ivhd->device_count; i++ ) {
		dev = &ivhd->device[i];
		switch ( dev->kind ) {
		case IVRS_KIND_ALL:
		case IVRS_KIND_ACPI_HID:
		case IVRS_KIND_END:
			verdict_reason ( st->out,
			                 "IVRS: IVHD at offset 0x%x has device "
			                 "entry type 0x%x (%s) at offset 0x%x, "
			                 "unknown to Xen 4.17, which then "
			                 "rejects the table",
			                 ivhd->offset, dev->type,
			                 ivrs_kind_name ( dev->kind ),
			                 dev->offset );
			return -XEINVAL;
		case IVRS_KIND_RANGE:
		case IVRS_KIND_ALIAS_RANGE:
		case IVRS_KIND_EXT_RANGE:
			if ( dev->unterminated ||
			     ( dev->end_offset !=
			       dev->offset +
			               amdvi_range_start_len ( dev->kind ) ) ||
			     ( dev->last <= dev->bdf ) ) {
				verdict_reason (
				        st->out,
				        "IVRS: range entry at offset "
				        "0x%x is not directly followed "
				        "by an end entry above its "
				        "start (Xen: \"IVHD: invalid "
				        "range\")",
				        dev->offset );
				return -XEINVAL;
			}
			break;
		case IVRS_KIND_SPECIAL:
			if ( ( rc = amdvi_special ( st, ivhd, dev ) ) != 0 )
				return rc;
			break;
		default:
			break;
		}
	}
	if ( ivhd->walk.rc ) {
		verdict_reason ( st->out,
		                 "IVRS: IVHD at offset 0x%x: device entry at "
		                 "0x%x runs past the block (Xen: \"IVHD: "
		                 "invalid Device_Entry length\")",
		                 ivhd->offset, ivhd->walk.error_offset );
		return -XEINVAL;
	}
	return 0;
}

/**
 * Replay the IO-APIC checks after the blocks (parse_ivrs_table)
 *
 * @v st		State
 * @ret rc		0 or -XEINVAL
 */
static int amdvi_ioapics ( struct amdvi_state *st ) {
	const struct madt *madt = st->in->madt;
	const struct madt_ioapic *ioapic;
	int southbridge = 0;
	unsigned int i;
	char bdf[8];
	int rc = 0;

	if ( !( madt && madt->present ) )
		return 0;
	for ( i = 0; i < madt->ioapic_count; i++ ) {
		ioapic = &madt->ioapic[i];
		if ( !st->ioapic[ioapic->id].seen ) {
			verdict_reason ( st->out,
			                 "IVRS: no special entry for MADT "
			                 "IO-APIC ID %u (Xen: \"IVHD Error: no "
			                 "information for IO-APIC\")",
			                 ioapic->id );
			if ( st->invalid_handle >= 0 )
				verdict_suggest (
				        st->out, "ivrs_ioapic[%u]=%s",
				        ioapic->id,
				        verdict_bdf ( bdf, st->invalid_bdf ) );
			else if ( ioapic->gsi_base == 0 )
				verdict_suggest ( st->out,
				                  "ivrs_ioapic[%u]=00:14.0",
				                  ioapic->id );
			rc = -XEINVAL;
			continue;
		}
		if ( ( st->ioapic[ioapic->id].seg == 0 ) &&
		     ( st->ioapic[ioapic->id].bdf == SB_IOAPIC_BDF ) )
			southbridge = 1;
	}
	if ( ( rc == 0 ) && !southbridge && madt->ioapic_count ) {
		verdict_reason ( st->out,
		                 "IVRS: no IO-APIC is at 00:14.0 (Xen: "
		                 "\"No southbridge IO-APIC found in "
		                 "IVRS table\")" );
		for ( i = 0; i < madt->ioapic_count; i++ ) {
			if ( madt->ioapic[i].gsi_base == 0 )
				verdict_suggest ( st->out,
				                  "ivrs_ioapic[%u]=00:14.0",
				                  madt->ioapic[i].id );
		}
		rc = -XEINVAL;
	}
	if ( rc != 0 )
		verdict_suggest ( st->out, "iommu=no-intremap" );
	return rc;
}

/**
 * Check whether a special entry of the chosen IVHDs names an IO-APIC
 *
 * @v in		Input
 * @v type		Chosen IVHD type
 * @v id		IO-APIC ID
 * @ret named		Nonzero if some entry names it
 */
static int amdvi_ioapic_named ( const struct verdict_input *in,
                                unsigned int type, unsigned int id ) {
	const struct ivrs_ivhd *ivhd;
	const struct ivrs_device *dev;
	unsigned int i;
	unsigned int j;

	for ( i = 0; i < in->ivrs->ivhd_count; i++ ) {
		ivhd = &in->ivrs->ivhd[i];
		if ( ivhd->type != type )
			continue;
		for ( j = 0; j < ivhd->device_count; j++ ) {
			dev = &ivhd->device[j];
			if ( ( dev->kind == IVRS_KIND_SPECIAL ) &&
			     ( dev->variety == IVRS_SPECIAL_IOAPIC ) &&
			     ( dev->handle == id ) )
				return 1;
		}
	}
	return 0;
}

/**
 * Suggest giving an entry with a wrong handle the MADT ID it lacks
 *
 * @v st		State (invalid_handle, invalid_bdf set)
 * @v type		Chosen IVHD type
 *
 * A command-line override for the entry's device makes Xen skip the
 * entry (parse_ivhd_device_special) and supplies the missing IO-APIC.
 */
static void amdvi_suggest_renames ( struct amdvi_state *st,
                                    unsigned int type ) {
	const struct madt *madt = st->in->madt;
	unsigned int i;
	char bdf[8];

	for ( i = 0; i < madt->ioapic_count; i++ ) {
		if ( !amdvi_ioapic_named ( st->in, type, madt->ioapic[i].id ) )
			verdict_suggest (
			        st->out, "ivrs_ioapic[%u]=%s",
			        madt->ioapic[i].id,
			        verdict_bdf ( bdf, st->invalid_bdf ) );
	}
}

/**
 * Replay the AMD-Vi decisions (pci_amd_iommu.c acpi_ivrs_init,
 * iommu_init.c amd_iommu_prepare, iommu_acpi.c parse_ivrs_table)
 *
 * @v in		Input
 * @v out		Verdict
 */
void amdvi_decide ( const struct verdict_input *in, struct verdict *out ) {
	static struct amdvi_state st;
	const struct ivrs_ivhd *ivhd;
	unsigned int type;
	unsigned int i;
	int rc = 0;

	out->driver = VERDICT_AMDVI;
	out->iommu = out->intremap = 0;
	if ( !in->ivrs ) {
		verdict_reason ( out, "IVRS: the table cannot be read (%s)",
		                 xenmb_strerror ( in->ivrs_rc ) );
		return;
	}
	if ( amdvi_choose_type ( in, out, &type ) != 0 )
		return;

	/* detect_iommu_acpi */
	for ( i = 0; i < in->ivrs->ivhd_count; i++ ) {
		if ( ( in->ivrs->ivhd[i].type == type ) &&
		     ( amdvi_detect_one ( in, out, i ) != 0 ) )
			return;
	}

	/* amd_iommu_prepare */
	if ( in->fadt_valid && ( in->fadt_boot_arch & FADT_NO_MSI ) ) {
		verdict_reason ( out, "FADT: IAPC_BOOT_ARCH says MSI is not "
		                      "supported; Xen then disables AMD-Vi "
		                      "(amd_iommu_prepare)" );
		return;
	}
	memset ( &st, 0, sizeof ( st ) );
	st.in = in;
	st.out = out;
	st.invalid_handle = -1;
	for ( i = 0; ( rc == 0 ) && ( i < in->ivrs->ivhd_count ); i++ ) {
		ivhd = &in->ivrs->ivhd[i];
		if ( ivhd->type == type )
			rc = amdvi_entries ( &st, ivhd );
	}
	if ( rc == 0 )
		rc = amdvi_ioapics ( &st );
	else if ( st.invalid_handle >= 0 )
		amdvi_suggest_renames ( &st, type );
	if ( rc != 0 )
		return;
	out->iommu = out->intremap = 1;

	/* HPET MSI remapping (amd/iommu_intr.c): a warning only */
	if ( ( st.hpets == 0 ) && ( in->hpet_number >= 0 ) ) {
		verdict_reason ( out, "IVRS: no HPET special entry; Xen cannot "
		                      "remap HPET MSIs (IOMMU unaffected)" );
		verdict_suggest ( out, "ivrs_hpet[%d]=00:14.0",
		                  in->hpet_number );
	}
}
