/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * The Xen 4.17 verdict for VT-d: replays vtd/dmar.c (acpi_parse_dmar and
 * its structure parsers) and vtd/iommu.c (vtd_setup, init_vtd_hw, the
 * x2APIC opt-out) on the decoded DMAR and the registers read
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <xenmb/errors.h>
#include <xenmb/acpi.h>
#include <xenmb/dmar.h>
#include <xenmb/cpu.h>
#include <xenmb/pci.h>
#include <xenmb/verdict.h>
#include <xenmb/verdict_vtd.h>

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
int vtd_parse ( const struct verdict_input *in, struct verdict *out ) {
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
void vtd_x2apic ( const struct verdict_input *in, struct verdict *out ) {
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
void vtd_setup ( const struct verdict_input *in, struct verdict *out ) {
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
