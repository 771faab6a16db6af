/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * The Xen 4.17 verdict
 *
 * Replays, on the decoded tables and the registers read, the decisions
 * Xen 4.17 takes while booting (xen/drivers/passthrough, tag
 * RELEASE-4.17.5), in the order Xen takes them:
 *
 *  - x86/iommu.c acpi_iommu_init: DMAR first; IVRS only when
 *    acpi_dmar_init returned -ENODEV (no DMAR, or a DRHD Xen cannot use);
 *    any other failure disables the IOMMU and interrupt remapping.
 *  - vtd/dmar.c and vtd/iommu.c (parse, vtd_setup, init_vtd_hw) for VT-d;
 *  - amd/iommu_acpi.c, iommu_detect.c, iommu_init.c for AMD-Vi;
 *  - iommu.c iommu_setup: interrupt remapping needs the IOMMU enabled.
 *
 * Every rule says which function it mirrors.  Reasons are sentences that
 * name the table and field; suggestions are Xen command-line options.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <xenmb/errors.h>
#include <xenmb/acpi.h>
#include <xenmb/dmar.h>
#include <xenmb/ivrs.h>
#include <xenmb/cpu.h>
#include <xenmb/pci.h>
#include <xenmb/verdict.h>

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

/** VT-d CAP fields (vtd/iommu.h) */
#define CAP_NDOMS( c ) ( 1UL << ( 4 + 2 * ( ( c )&7 ) ) )
#define CAP_SAGAW( c ) ( ( ( c ) >> 8 ) & 0x1f )
#define CAP_FRO( c )   ( ( ( ( c ) >> 24 ) & 0x3ff ) * 16 )
#define CAP_NFR( c )   ( ( ( ( c ) >> 40 ) & 0xff ) + 1 )
/** VT-d ECAP fields */
#define ECAP_QI( e )  ( ( ( e ) >> 1 ) & 1 )
#define ECAP_IR( e )  ( ( ( e ) >> 3 ) & 1 )
#define ECAP_EIM( e ) ( ( ( e ) >> 4 ) & 1 )
#define ECAP_IRO( e ) ( ( ( ( e ) >> 8 ) & 0x3ff ) * 16 )

/** Add a reason
 *
 * @v out		Verdict
 * @v fmt		Format
 * @v ...		Arguments
 */
static void __attribute__ ( ( format ( printf, 2, 3 ) ) )
verdict_reason ( struct verdict *out, const char *fmt, ... ) {
	va_list args;

	if ( out->reason_count >= VERDICT_MAX_REASONS )
		return;
	va_start ( args, fmt );
	vsnprintf ( out->reason[out->reason_count++], VERDICT_REASON_LEN, fmt,
	            args );
	va_end ( args );
}

/** Add a suggestion, once
 *
 * @v out		Verdict
 * @v fmt		Format
 * @v ...		Arguments
 */
static void __attribute__ ( ( format ( printf, 2, 3 ) ) )
verdict_suggest ( struct verdict *out, const char *fmt, ... ) {
	char text[VERDICT_SUGGEST_LEN];
	va_list args;
	unsigned int i;

	va_start ( args, fmt );
	vsnprintf ( text, sizeof ( text ), fmt, args );
	va_end ( args );
	for ( i = 0; i < out->suggest_count; i++ ) {
		if ( strcmp ( out->suggest[i], text ) == 0 )
			return;
	}
	if ( out->suggest_count < VERDICT_MAX_SUGGEST )
		memcpy ( out->suggest[out->suggest_count++], text,
		         sizeof ( text ) );
}

/**
 * Check that a range lies entirely in memory of one type (e820_all_mapped)
 *
 * @v in		Input (memory map)
 * @v start		Start
 * @v end		End (exclusive)
 * @v type		Memory type
 * @ret ok		Nonzero if covered
 */
static int verdict_all_mapped ( const struct verdict_input *in, uint64_t start,
                                uint64_t end, uint32_t type ) {
	const struct memmap_entry *entry;
	unsigned int rounds;
	unsigned int i;
	int found;

	for ( rounds = 0; rounds <= in->memmap_count; rounds++ ) {
		found = 0;
		for ( i = 0; i < in->memmap_count; i++ ) {
			entry = &in->memmap[i];
			if ( ( entry->type == type ) &&
			     ( entry->addr <= start ) &&
			     ( start < entry->addr + entry->len ) ) {
				start = ( entry->addr + entry->len );
				found = 1;
				break;
			}
		}
		if ( !found )
			return 0;
		if ( start >= end )
			return 1;
	}
	return 0;
}

/**
 * Check whether a PCI function answers (pci_device_detect)
 *
 * @v in		Input
 * @v seg		Segment
 * @v bdf		Bus/device/function
 * @ret present		Nonzero if present, or if PCI was not scanned
 */
static int verdict_pci_present ( const struct verdict_input *in,
                                 unsigned int seg, unsigned int bdf ) {
	if ( !in->pci )
		return 1;
	return ( pci_find_device ( in->pci, seg, ( bdf >> 8 ),
	                           ( bdf & 0xff ) ) != NULL );
}

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

/* ------------------------------------------------------------------ */
/* VT-d                                                                */
/* ------------------------------------------------------------------ */

/** State while replaying acpi_parse_dmar */
struct vtd_state {
	const struct verdict_input *in;
	struct verdict *out;
	const struct dmar *dmar;
	/** INCLUDE_ALL seen on segment 0 (acpi_parse_one_drhd) */
	int include_all;
	/** ALL_PORTS seen on segment 0 (acpi_parse_one_atsr) */
	int all_ports;
	/** RMRRs registered so far, by index */
	unsigned int rmrr_reg[64];
	unsigned int rmrr_reg_count;
};

/**
 * Check a structure's device scopes (scope_device_count)
 *
 * @v st		State
 * @v scopes		Scopes
 * @v what		Structure name for the reason
 * @v offset		Structure offset
 * @ret rc		0 or -XEINVAL
 */
static int vtd_check_scopes ( struct vtd_state *st,
                              const struct dmar_scopes *scopes,
                              const char *what, uint32_t offset ) {
	unsigned int i;

	for ( i = 0; i < scopes->count; i++ ) {
		if ( scopes->scope[i].length < 8 ) {
			verdict_reason (
			        st->out,
			        "DMAR: %s at offset 0x%x: device scope "
			        "length %u is below 8 (Xen: \"Invalid "
			        "device scope\")",
			        what, offset, scopes->scope[i].length );
			return -XEINVAL;
		}
	}
	return 0;
}

/**
 * Check whether nothing answered at a DRHD's base
 *
 * @v regs		Registers read there
 * @ret silent		Nonzero if CAP and ECAP both read as 0
 *
 * A VT-d unit always reports a domain count and page-table widths in
 * CAP; reads of zero mean no unit decodes the address.
 */
static int vtd_regs_silent ( const struct vtd_regs *regs ) {
	return ( regs->valid && ( regs->cap == 0 ) && ( regs->ecap == 0 ) );
}

/**
 * Check one DRHD's registers (vtd/iommu.c iommu_alloc)
 *
 * @v st		State
 * @v index		DRHD index
 * @ret rc		0 or -XENOENT (Xen's -ENODEV)
 */
static int vtd_check_regs ( struct vtd_state *st, unsigned int index ) {
	const struct dmar_drhd *drhd = &st->dmar->drhd[index];
	const struct vtd_regs *regs;
	uint64_t cap;
	uint64_t ecap;
	unsigned int major;

	if ( !st->in->vtd )
		return 0;
	regs = &st->in->vtd[index];
	if ( !regs->valid )
		return 0;
	cap = regs->cap;
	ecap = regs->ecap;
	major = ( ( regs->version >> 4 ) & 0xf );

	if ( ( cap == ~0ULL ) || ( ecap == ~0ULL ) ) {
		verdict_reason ( st->out,
		                 "DMAR: DRHD %u at 0x%llx: CAP/ECAP read as "
		                 "all-ones (no VT-d unit answers there)",
		                 index, ( unsigned long long )drhd->base );
		return -XENOENT;
	}
	if ( ( CAP_FRO ( cap ) + CAP_NFR ( cap ) * 16 > 4096 ) ||
	     ( ( CAP_NDOMS ( cap ) - 1 ) >> 16 ) ||
	     ( ( major < 6 ) && ( ECAP_IRO ( ecap ) >= 4096 ) ) ) {
		verdict_reason ( st->out,
		                 "DMAR: DRHD %u at 0x%llx: CAP 0x%llx / ECAP "
		                 "0x%llx give register offsets or a domain "
		                 "count Xen rejects (\"IOMMU: unsupported\")",
		                 index, ( unsigned long long )drhd->base,
		                 ( unsigned long long )cap,
		                 ( unsigned long long )ecap );
		return -XENOENT;
	}
	/* Xen 4.17's "unsupported sagaw" test compares an unsigned agaw
	 * with 0, so it never fires: the unit is kept whatever SAGAW says */
	if ( !( CAP_SAGAW ( cap ) & 6 ) && !vtd_regs_silent ( regs ) ) {
		verdict_reason ( st->out,
		                 "DMAR: DRHD %u at 0x%llx: CAP.SAGAW 0x%x has "
		                 "neither 3- nor 4-level tables; Xen 4.17 "
		                 "still uses the unit (its SAGAW check "
		                 "cannot fire)",
		                 index, ( unsigned long long )drhd->base,
		                 ( unsigned int )CAP_SAGAW ( cap ) );
	}
	return 0;
}

/**
 * Replay one DRHD (vtd/dmar.c acpi_parse_one_drhd)
 *
 * @v st		State
 * @v index		DRHD index
 * @ret rc		0, -XENOENT (-ENODEV) or -XEINVAL
 */
static int vtd_parse_drhd ( struct vtd_state *st, unsigned int index ) {
	const struct dmar_drhd *drhd = &st->dmar->drhd[index];
	int rc;

	if ( ( drhd->base == 0 ) || ( drhd->base == ~0ULL ) ) {
		verdict_reason ( st->out,
		                 "DMAR: DRHD %u: register base address is "
		                 "0x%llx, which Xen refuses",
		                 index, ( unsigned long long )drhd->base );
		return -XENOENT;
	}
	if ( ( rc = vtd_check_regs ( st, index ) ) != 0 )
		return rc;
	rc = vtd_check_scopes ( st, &drhd->scopes, "DRHD", drhd->offset );
	if ( drhd->flags & DMAR_DRHD_INCLUDE_PCI_ALL ) {
		if ( ( drhd->segment == 0 ) && st->include_all ) {
			verdict_reason ( st->out,
			                 "DMAR: DRHD %u: a second "
			                 "INCLUDE_PCI_ALL unit on segment 0 "
			                 "(Xen: \"Only one INCLUDE_ALL device "
			                 "scope is allowed\")",
			                 index );
			rc = -XEINVAL;
		}
		if ( drhd->segment == 0 )
			st->include_all = 1;
	}
	return rc;
}

/**
 * Replay one RMRR (vtd/dmar.c acpi_parse_one_rmrr, register_one_rmrr)
 *
 * @v st		State
 * @v index		RMRR index
 * @ret rc		0 or -XEINVAL
 */
static int vtd_parse_rmrr ( struct vtd_state *st, unsigned int index ) {
	const struct dmar_rmrr *rmrr = &st->dmar->rmrr[index];
	const struct dmar_rmrr *other;
	const struct dmar_scope *scope;
	unsigned int devices = 0;
	unsigned int present = 0;
	unsigned int i;
	int rc;

	/* Overlap with an RMRR already registered is fatal */
	for ( i = 0; i < st->rmrr_reg_count; i++ ) {
		other = &st->dmar->rmrr[st->rmrr_reg[i]];
		if ( ( rmrr->base <= other->limit ) &&
		     ( other->base <= rmrr->limit ) ) {
			verdict_reason ( st->out,
			                 "DMAR: RMRR [0x%llx-0x%llx] overlaps "
			                 "RMRR [0x%llx-0x%llx] (Xen: "
			                 "\"Overlapping RMRRs\")",
			                 ( unsigned long long )rmrr->base,
			                 ( unsigned long long )rmrr->limit,
			                 ( unsigned long long )other->base,
			                 ( unsigned long long )other->limit );
			return -XEINVAL;
		}
	}

	/* Not in reserved memory: a warning only */
	if ( st->in->memmap && ( rmrr->limit >= rmrr->base ) &&
	     !verdict_all_mapped ( st->in, rmrr->base, rmrr->limit + 1,
	                           MEMMAP_RESERVED ) &&
	     !verdict_all_mapped ( st->in, rmrr->base, rmrr->limit + 1,
	                           MEMMAP_NVS ) &&
	     !verdict_all_mapped ( st->in, rmrr->base, rmrr->limit + 1,
	                           MEMMAP_ACPI ) ) {
		verdict_reason ( st->out,
		                 "DMAR: RMRR [0x%llx-0x%llx] is not reserved "
		                 "in the memory map (Xen warns only; devices "
		                 "using it may fault)",
		                 ( unsigned long long )rmrr->base,
		                 ( unsigned long long )rmrr->limit );
		verdict_suggest ( st->out, "iommu_inclusive_mapping=1" );
	}

	if ( ( rc = vtd_check_scopes ( st, &rmrr->scopes, "RMRR",
	                               rmrr->offset ) ) != 0 )
		return rc;

	/* Devices Xen keeps (types 1-4), and whether any is present */
	for ( i = 0; i < rmrr->scopes.count; i++ ) {
		scope = &rmrr->scopes.scope[i];
		if ( ( scope->type < DMAR_SCOPE_ENDPOINT ) ||
		     ( scope->type > DMAR_SCOPE_HPET ) )
			continue;
		devices++;
		if ( verdict_pci_present ( st->in, rmrr->segment, scope->bdf ) )
			present++;
	}
	if ( !devices )
		return 0;
	if ( !present && ( rmrr->segment == 0 ) )
		return 0;
	if ( rmrr->base > rmrr->limit ) {
		verdict_reason ( st->out,
		                 "DMAR: RMRR base 0x%llx is above its limit "
		                 "0x%llx (Xen: \"RMRR is incorrect\", not "
		                 "printed by release builds)",
		                 ( unsigned long long )rmrr->base,
		                 ( unsigned long long )rmrr->limit );
		return -XEINVAL;
	}
	if ( st->rmrr_reg_count <
	     ( sizeof ( st->rmrr_reg ) / sizeof ( st->rmrr_reg[0] ) ) )
		st->rmrr_reg[st->rmrr_reg_count++] = index;
	return 0;
}

/**
 * Replay one ATSR (vtd/dmar.c acpi_parse_one_atsr)
 *
 * @v st		State
 * @v index		ATSR index
 * @ret rc		0 or -XEINVAL
 */
static int vtd_parse_atsr ( struct vtd_state *st, unsigned int index ) {
	const struct dmar_atsr *atsr = &st->dmar->atsr[index];
	int rc = 0;

	if ( !( atsr->flags & DMAR_ATSR_ALL_PORTS ) )
		return vtd_check_scopes ( st, &atsr->scopes, "ATSR",
		                          atsr->offset );
	if ( ( atsr->segment == 0 ) && st->all_ports ) {
		verdict_reason ( st->out, "DMAR: a second ATSR with ALL_PORTS "
		                          "on segment 0 (Xen: \"Only one "
		                          "ALL_PORTS device scope is "
		                          "allowed\")" );
		rc = -XEINVAL;
	}
	if ( atsr->segment == 0 )
		st->all_ports = 1;
	return rc;
}

/** Structure kinds replayed in table order */
enum vtd_kind {
	VTD_DRHD,
	VTD_RMRR,
	VTD_ATSR,
	VTD_END,
};

/**
 * Find the structure with the lowest offset above a given one
 *
 * @v dmar		DMAR
 * @v after		Offset already handled
 * @v kind		Kind found
 * @v index		Index found
 * @ret offset		Offset found, or 0 when none is left
 */
static uint32_t vtd_next ( const struct dmar *dmar, uint32_t after,
                           enum vtd_kind *kind, unsigned int *index ) {
	uint32_t best = 0;
	unsigned int i;

	for ( i = 0; i < dmar->drhd_count; i++ ) {
		if ( ( dmar->drhd[i].offset > after ) &&
		     ( !best || ( dmar->drhd[i].offset < best ) ) ) {
			best = dmar->drhd[i].offset;
			*kind = VTD_DRHD;
			*index = i;
		}
	}
	for ( i = 0; i < dmar->rmrr_count; i++ ) {
		if ( ( dmar->rmrr[i].offset > after ) &&
		     ( !best || ( dmar->rmrr[i].offset < best ) ) ) {
			best = dmar->rmrr[i].offset;
			*kind = VTD_RMRR;
			*index = i;
		}
	}
	for ( i = 0; i < dmar->atsr_count; i++ ) {
		if ( ( dmar->atsr[i].offset > after ) &&
		     ( !best || ( dmar->atsr[i].offset < best ) ) ) {
			best = dmar->atsr[i].offset;
			*kind = VTD_ATSR;
			*index = i;
		}
	}
	return best;
}

/**
 * Replay acpi_parse_dmar (vtd/dmar.c)
 *
 * @v in		Input
 * @v out		Verdict
 * @ret rc		0, -XENOENT (Xen's -ENODEV: IVRS is tried next) or
 *			-XEINVAL (VT-d disabled, IVRS not tried)
 */
static int vtd_parse ( const struct verdict_input *in, struct verdict *out ) {
	static struct vtd_state st;
	const struct dmar *dmar = in->dmar;
	enum vtd_kind kind = VTD_END;
	unsigned int index = 0;
	uint32_t offset = 0;
	int rc = 0;

	if ( !dmar ) {
		verdict_reason ( out, "DMAR: the table cannot be read (%s)",
		                 xenmb_strerror ( in->dmar_rc ) );
		return -XEINVAL;
	}
	if ( dmar->width == 0 ) {
		verdict_reason ( out, "DMAR: Host Address Width field is 0 "
		                      "(Xen: \"Zero: Invalid DMAR width\")" );
		return -XEINVAL;
	}

	memset ( &st, 0, sizeof ( st ) );
	st.in = in;
	st.out = out;
	st.dmar = dmar;
	while ( ( rc == 0 ) &&
	        ( offset = vtd_next ( dmar, offset, &kind, &index ) ) ) {
		/* A length error stops Xen's walk where it stops ours */
		if ( dmar->walk.rc && ( offset >= dmar->walk.error_offset ) )
			break;
		if ( kind == VTD_DRHD )
			rc = vtd_parse_drhd ( &st, index );
		else if ( kind == VTD_RMRR )
			rc = vtd_parse_rmrr ( &st, index );
		else
			rc = vtd_parse_atsr ( &st, index );
	}
	if ( ( rc == 0 ) && dmar->walk.rc ) {
		verdict_reason ( out,
		                 "DMAR: structure at offset 0x%x: %s (Xen: "
		                 "\"Failed to parse ACPI DMAR.  Disabling "
		                 "VT-d.\")",
		                 dmar->walk.error_offset,
		                 ( dmar->walk.error_what ? dmar->walk.error_what
		                                         : "bad length" ) );
		rc = -XEINVAL;
	}
	return rc;
}

/**
 * Check whether a MADT IO-APIC is under some DRHD (ioapic_to_drhd)
 *
 * @v dmar		DMAR
 * @v id		IO-APIC ID
 * @ret covered		Nonzero if a DRHD has an IO-APIC scope with this ID
 */
static int vtd_ioapic_covered ( const struct dmar *dmar, unsigned int id ) {
	const struct dmar_scope *scope;
	unsigned int i;
	unsigned int j;

	for ( i = 0; i < dmar->drhd_count; i++ ) {
		for ( j = 0; j < dmar->drhd[i].scopes.count; j++ ) {
			scope = &dmar->drhd[i].scopes.scope[j];
			if ( ( scope->type == DMAR_SCOPE_IOAPIC ) &&
			     ( scope->enum_id == id ) )
				return 1;
		}
	}
	return 0;
}

/**
 * Check every MADT IO-APIC against the DRHD scopes
 *
 * @v in		Input
 * @v out		Verdict (a reason per uncovered IO-APIC), or NULL
 * @ret ok		Nonzero if all are covered
 */
static int vtd_ioapics_covered ( const struct verdict_input *in,
                                 struct verdict *out ) {
	unsigned int i;
	int ok = 1;

	if ( !( in->madt && in->madt->present ) )
		return 1;
	for ( i = 0; i < in->madt->ioapic_count; i++ ) {
		if ( vtd_ioapic_covered ( in->dmar, in->madt->ioapic[i].id ) )
			continue;
		ok = 0;
		if ( out )
			verdict_reason ( out,
			                 "DMAR: no DRHD has an IO-APIC device "
			                 "scope for MADT IO-APIC ID %u, so Xen "
			                 "leaves interrupt remapping off "
			                 "(ioapic_to_iommu)",
			                 in->madt->ioapic[i].id );
	}
	return ok;
}

/**
 * Replay the x2APIC decision (apic.c x2apic_bsp_setup,
 * vtd/intremap.c intel_iommu_supports_eim, vtd/dmar.c
 * platform_supports_x2apic)
 *
 * @v in		Input
 * @v out		Verdict
 */
static void vtd_x2apic ( const struct verdict_input *in, struct verdict *out ) {
	const struct dmar *dmar = in->dmar;
	unsigned int i;

	if ( !( in->cpu && in->cpu->x2apic &&
	        ( in->cpu->x2apic_enabled > 0 ) ) )
		return;
	if ( ( dmar->flags & ( DMAR_INTR_REMAP | DMAR_X2APIC_OPT_OUT ) ) ==
	     DMAR_INTR_REMAP )
		return;
	/* Only when the IOMMU could do x2APIC at all does Xen ask */
	if ( !in->vtd || !dmar->drhd_count )
		return;
	for ( i = 0; i < dmar->drhd_count; i++ ) {
		if ( !in->vtd[i].valid || !ECAP_QI ( in->vtd[i].ecap ) ||
		     !ECAP_IR ( in->vtd[i].ecap ) ||
		     !ECAP_EIM ( in->vtd[i].ecap ) )
			return;
	}
	if ( !vtd_ioapics_covered ( in, NULL ) )
		return;
	out->boots = 0;
	verdict_reason ( out,
	                 "DMAR: flags 0x%x ask for xAPIC mode "
	                 "(X2APIC_OPT_OUT or no INTR_REMAP) but firmware "
	                 "left x2APIC enabled: Xen panics (\"IOMMU "
	                 "requests xAPIC mode, but x2APIC already "
	                 "enabled by firmware\")",
	                 dmar->flags );
	verdict_suggest ( out, "iommu=no-intremap" );
}

/**
 * Replay vtd_setup and init_vtd_hw (vtd/iommu.c)
 *
 * @v in		Input
 * @v out		Verdict
 */
static void vtd_setup ( const struct verdict_input *in, struct verdict *out ) {
	const struct dmar *dmar = in->dmar;
	const struct vtd_regs *regs;
	int qinval = 1;
	int reg_inval = 1;
	unsigned int i;

	if ( !dmar->drhd_count ) {
		verdict_reason ( out,
		                 "DMAR: the table has no DRHD (no VT-d unit "
		                 "to use)" );
		out->iommu = out->intremap = 0;
		return;
	}
	if ( in->fadt_valid && ( in->fadt_boot_arch & FADT_NO_MSI ) ) {
		verdict_reason ( out, "FADT: IAPC_BOOT_ARCH says MSI is not "
		                      "supported; Xen then disables VT-d "
		                      "(vtd_setup)" );
		out->iommu = out->intremap = 0;
		return;
	}

	/* Features every unit must have */
	for ( i = 0; in->vtd && ( i < dmar->drhd_count ); i++ ) {
		regs = &in->vtd[i];
		if ( !regs->valid )
			continue;
		if ( !ECAP_QI ( regs->ecap ) )
			qinval = 0;
		if ( ( ( regs->version >> 4 ) & 0xf ) >= 6 )
			reg_inval = 0;
		if ( out->intremap && !ECAP_IR ( regs->ecap ) ) {
			verdict_reason (
			        out,
			        "VT-d unit at 0x%llx: ECAP 0x%llx has "
			        "no interrupt remapping (Xen: \"Intel "
			        "VT-d Interrupt Remapping not "
			        "enabled\")",
			        ( unsigned long long )dmar->drhd[i].base,
			        ( unsigned long long )regs->ecap );
			out->intremap = 0;
		}
	}
	if ( !qinval && !reg_inval ) {
		verdict_reason ( out, "VT-d: a unit lacks queued invalidation "
		                      "and another is version 6+ without "
		                      "register invalidation: no invalidation "
		                      "interface (vtd_setup)" );
		out->iommu = out->intremap = 0;
		return;
	}
	/* init_vtd_hw: a unit that never answers never completes the
	 * commands Xen waits for, and Xen panics */
	for ( i = 0; in->vtd && ( i < dmar->drhd_count ); i++ ) {
		if ( !vtd_regs_silent ( &in->vtd[i] ) )
			continue;
		verdict_reason (
		        out,
		        "DMAR: DRHD %u at 0x%llx: CAP and ECAP read as "
		        "0 (no VT-d unit answers there); Xen 4.17 "
		        "keeps the unit and crashes in init_vtd_hw",
		        i, ( unsigned long long )dmar->drhd[i].base );
		verdict_suggest ( out, "iommu=off" );
		out->boots = 0;
		out->iommu = out->intremap = 0;
		return;
	}
	if ( !qinval && out->intremap ) {
		verdict_reason ( out, "VT-d: a unit lacks queued invalidation "
		                      "(ECAP.QI), which interrupt remapping "
		                      "needs" );
		out->intremap = 0;
	}

	/* init_vtd_hw: IO-APICs, then the DMAR flag in enable_intremap */
	if ( out->intremap && !vtd_ioapics_covered ( in, out ) )
		out->intremap = 0;
	if ( out->intremap && !( dmar->flags & DMAR_INTR_REMAP ) ) {
		verdict_reason ( out, "DMAR: flags bit 0 (INTR_REMAP) is clear "
		                      "(Xen: \"Platform firmware does not "
		                      "support interrupt remapping\")" );
		out->intremap = 0;
	}
}

/* ------------------------------------------------------------------ */
/* AMD-Vi                                                              */
/* ------------------------------------------------------------------ */

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
		blk_len = acpi_get16 ( &table->data[offset + 2] );
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
static void amdvi_decide ( const struct verdict_input *in,
                           struct verdict *out ) {
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

/**
 * Decide what Xen 4.17 will do
 *
 * @v in		Input
 * @v out		Verdict
 */
void verdict_decide ( const struct verdict_input *in, struct verdict *out ) {
	int rc = -XENOENT;

	memset ( out, 0, sizeof ( *out ) );
	out->boots = 1;

	/* acpi_iommu_init: DMAR first */
	if ( in->dmar_present ) {
		out->driver = VERDICT_VTD;
		rc = vtd_parse ( in, out );
		if ( rc == 0 ) {
			out->iommu = out->intremap = 1;
			vtd_x2apic ( in, out );
			vtd_setup ( in, out );
		}
	}
	if ( rc == -XENOENT ) {
		if ( in->ivrs_present ) {
			amdvi_decide ( in, out );
		} else if ( !in->dmar_present ) {
			out->driver = VERDICT_NONE;
			verdict_reason ( out,
			                 "ACPI: no DMAR and no IVRS table, so "
			                 "Xen finds no IOMMU (the firmware "
			                 "must publish one)" );
		} else {
			out->iommu = out->intremap = 0;
		}
	}

	/* iommu_setup: no interrupt remapping without the IOMMU */
	if ( !out->iommu )
		out->intremap = 0;
}
