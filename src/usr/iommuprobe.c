/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * The IOMMU/SR-IOV probe
 *
 * Runs everything in order: ACPI discovery (unless the carrier already
 * has the tables), the IOMMU table parsers, PCI enumeration through the
 * MCFG windows, the CPU, the IOMMU registers, the device to IOMMU
 * mapping, and the Xen verdict.  The reports are probereport.c's.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <xenmb/errors.h>
#include <xenmb/arena.h>
#include <xenmb/acpi.h>
#include <xenmb/dmar.h>
#include <xenmb/ivrs.h>
#include <xenmb/viot.h>
#include <xenmb/mcfg.h>
#include <xenmb/cpu_native.h>
#include <xenmb/iommuprobe.h>
#include <xenmb/madt.h>
#include <xenmb/iommu_regs.h>

/**
 * Decode the DMAR, IVRS, VIOT and MCFG tables of a collection
 *
 * @v iommu		Result (cleared first)
 * @v tables		Collection
 * @v arena		Memory for the decoded structures
 * @ret rc		0, or -XENOMEM
 */
int acpi_parse_iommu ( struct acpi_iommu *iommu,
                       const struct acpi_tables *tables, struct arena *arena ) {
	const struct acpi_table *table;

	memset ( iommu, 0, sizeof ( *iommu ) );
	iommu->tables = tables;
	if ( ( table = acpi_find ( tables, "DMAR", 0 ) ) )
		iommu->dmar_rc = dmar_parse ( table, arena, &iommu->dmar );
	if ( ( table = acpi_find ( tables, "IVRS", 0 ) ) )
		iommu->ivrs_rc = ivrs_parse ( table, arena, &iommu->ivrs );
	if ( ( table = acpi_find ( tables, "VIOT", 0 ) ) )
		iommu->viot_rc = viot_parse ( table, arena, &iommu->viot );
	if ( ( table = acpi_find ( tables, "MCFG", 0 ) ) )
		iommu->mcfg_rc = mcfg_parse ( table, arena, &iommu->mcfg );
	if ( ( iommu->dmar_rc == -XENOMEM ) || ( iommu->ivrs_rc == -XENOMEM ) ||
	     ( iommu->viot_rc == -XENOMEM ) || ( iommu->mcfg_rc == -XENOMEM ) )
		return -XENOMEM;
	return 0;
}

/**
 * Take the ECAM windows from MCFG
 *
 * @v report		Report
 */
static void probe_ecam ( struct probe_report *report ) {
	if ( report->acpi.mcfg )
		report->ecam_count = mcfg_windows (
		        report->acpi.mcfg, report->ecam, PROBE_MAX_ECAM );
}

/**
 * Resolve multi-hop DMAR device scopes to the BDF they name
 *
 * @v report		Report
 * @v scopes		Scopes of one structure
 * @v seg		Segment
 *
 * As Xen's acpi_parse_dev_scope does: each hop but the last is a bridge
 * whose secondary bus is the next hop's bus.
 */
static void probe_resolve_scopes ( struct probe_report *report,
                                   struct dmar_scopes *scopes,
                                   unsigned int seg ) {
	struct dmar_scope *scope;
	unsigned int bus;
	unsigned int hop;
	uint32_t val;
	unsigned int i;

	for ( i = 0; i < scopes->count; i++ ) {
		scope = &scopes->scope[i];
		if ( scope->hops < 2 )
			continue;
		bus = scope->start_bus;
		for ( hop = 0; hop + 1 < scope->hops; hop++ ) {
			if ( pci_config_read (
			             &report->pci_access, seg, bus,
			             PCI_DEVFN ( scope->path[2 * hop],
			                         scope->path[2 * hop + 1] ),
			             PCI_SECONDARY_BUS, 1, &val ) != 0 )
				break;
			bus = val;
		}
		if ( hop + 1 == scope->hops )
			scope->bdf = ( ( bus << 8 ) |
			               PCI_DEVFN ( scope->path[2 * hop],
			                           scope->path[2 * hop + 1] ) );
	}
}

/**
 * Find the DRHD covering a device (acpi_find_matched_drhd_unit)
 *
 * @v report		Report
 * @v dev		Device
 * @ret index		DRHD index, or -1
 */
static int probe_drhd_for ( const struct probe_report *report,
                            const struct pci_device *dev ) {
	const struct dmar *dmar = report->acpi.dmar;
	const struct dmar_scope *scope;
	const struct pci_device *bridge;
	uint16_t bdf = ( ( dev->bus << 8 ) | dev->devfn );
	int include_all = -1;
	unsigned int i;
	unsigned int j;

	for ( i = 0; i < dmar->drhd_count; i++ ) {
		if ( dmar->drhd[i].segment != dev->segment )
			continue;
		if ( dmar->drhd[i].flags & DMAR_DRHD_INCLUDE_PCI_ALL ) {
			include_all = i;
			continue;
		}
		for ( j = 0; j < dmar->drhd[i].scopes.count; j++ ) {
			scope = &dmar->drhd[i].scopes.scope[j];
			if ( ( scope->type == DMAR_SCOPE_ENDPOINT ) &&
			     ( scope->bdf == bdf ) )
				return i;
			if ( scope->type != DMAR_SCOPE_BRIDGE )
				continue;
			bridge = pci_find_device ( &report->pci, dev->segment,
			                           ( scope->bdf >> 8 ),
			                           ( scope->bdf & 0xff ) );
			if ( ( scope->bdf == bdf ) ||
			     ( bridge && ( dev->bus >= bridge->secondary ) &&
			       ( dev->bus <= bridge->subordinate ) ) )
				return i;
		}
	}
	return include_all;
}

/**
 * Find the IVHD covering a device (its device entries)
 *
 * @v report		Report
 * @v dev		Device
 * @ret index		IVHD index, or -1
 */
static int probe_ivhd_for ( const struct probe_report *report,
                            const struct pci_device *dev ) {
	const struct ivrs *ivrs = report->acpi.ivrs;
	const struct ivrs_device *entry;
	uint16_t bdf = ( ( dev->bus << 8 ) | dev->devfn );
	unsigned int i;
	unsigned int j;

	for ( i = 0; i < ivrs->ivhd_count; i++ ) {
		if ( ivrs->ivhd[i].segment != dev->segment )
			continue;
		for ( j = 0; j < ivrs->ivhd[i].device_count; j++ ) {
			entry = &ivrs->ivhd[i].device[j];
			if ( entry->kind == IVRS_KIND_ALL )
				return i;
			if ( ( entry->kind == IVRS_KIND_PAD ) ||
			     ( entry->kind == IVRS_KIND_SPECIAL ) ||
			     ( entry->kind == IVRS_KIND_ACPI_HID ) )
				continue;
			if ( ( bdf >= entry->bdf ) && ( bdf <= entry->last ) )
				return i;
		}
	}
	return -1;
}

/**
 * Map every device to the IOMMU covering it
 *
 * @v report		Report
 */
static void probe_map_devices ( struct probe_report *report ) {
	struct pci_device *dev;
	unsigned int i;

	for ( i = 0; i < report->pci.count; i++ ) {
		dev = &report->pci.devs[i];
		dev->iommu = -1;
		if ( report->acpi.dmar )
			dev->iommu = probe_drhd_for ( report, dev );
		else if ( report->acpi.ivrs )
			dev->iommu = probe_ivhd_for ( report, dev );
	}
}

/**
 * Scan PCI
 *
 * @v plat		Platform
 * @v arena		Arena
 * @v report		Report
 */
static void probe_pci ( struct platform *plat, struct arena *arena,
                        struct probe_report *report ) {
	struct dmar *dmar = report->acpi.dmar;
	unsigned int i;

	report->pci_access.plat = plat;
	report->pci_access.ecam = report->ecam;
	report->pci_access.ecam_count = report->ecam_count;
	if ( !plat->pci_read && !( plat->phys_read && report->ecam_count ) )
		return;
	report->pci.devs = arena_alloc_array ( arena, PROBE_MAX_PCI,
	                                       sizeof ( report->pci.devs[0] ) );
	if ( !report->pci.devs )
		return;
	report->pci.max = PROBE_MAX_PCI;
	pci_scan_all ( &report->pci_access, &report->pci );
	report->pci_valid = ( report->pci.count > 0 );
	if ( !report->pci_valid || !dmar )
		return;
	for ( i = 0; i < dmar->drhd_count; i++ )
		probe_resolve_scopes ( report, &dmar->drhd[i].scopes,
		                       dmar->drhd[i].segment );
	for ( i = 0; i < dmar->rmrr_count; i++ )
		probe_resolve_scopes ( report, &dmar->rmrr[i].scopes,
		                       dmar->rmrr[i].segment );
}

/**
 * Read the IOMMU registers the tables point at
 *
 * @v plat		Platform
 * @v arena		Arena
 * @v report		Report
 */
static void probe_regs ( struct platform *plat, struct arena *arena,
                         struct probe_report *report ) {
	struct dmar *dmar = report->acpi.dmar;
	const struct ivrs *ivrs = report->acpi.ivrs;
	unsigned int i;

	if ( dmar && dmar->drhd_count && plat->phys_read ) {
		report->vtd = arena_alloc_array ( arena, dmar->drhd_count,
		                                  sizeof ( report->vtd[0] ) );
		if ( report->vtd ) {
			vtd_regs_read ( plat, dmar, report->vtd );
			for ( i = 0; i < dmar->drhd_count; i++ ) {
				dmar->drhd[i].regs_valid = report->vtd[i].valid;
				dmar->drhd[i].cap = report->vtd[i].cap;
				dmar->drhd[i].ecap = report->vtd[i].ecap;
			}
		}
	}
	if ( ivrs && ivrs->ivhd_count ) {
		report->amdvi = arena_alloc_array (
		        arena, ivrs->ivhd_count, sizeof ( report->amdvi[0] ) );
		if ( report->amdvi )
			amdvi_regs_read ( plat,
			                  ( report->pci_valid
			                            ? &report->pci_access
			                            : NULL ),
			                  ivrs, report->amdvi );
	}
}

/**
 * Gather the verdict's input and decide
 *
 * @v plat		Platform
 * @v report		Report
 */
static void probe_decide ( struct platform *plat,
                           struct probe_report *report ) {
	const struct acpi_tables *tables = report->tables;
	const struct acpi_table *table;
	struct verdict_input in;

	memset ( &in, 0, sizeof ( in ) );
	in.dmar = report->acpi.dmar;
	in.dmar_rc = report->acpi.dmar_rc;
	in.dmar_present = ( acpi_find ( tables, "DMAR", 0 ) != NULL );
	in.vtd = report->vtd;
	in.ivrs = report->acpi.ivrs;
	in.ivrs_rc = report->acpi.ivrs_rc;
	in.ivrs_present = ( acpi_find ( tables, "IVRS", 0 ) != NULL );
	in.amdvi = report->amdvi;
	if ( ( table = acpi_find ( tables, "APIC", 0 ) ) )
		madt_parse ( table, &report->madt );
	in.madt = &report->madt;
	if ( ( table = acpi_find ( tables, "FACP", 0 ) ) &&
	     ( fadt_boot_arch ( table, &in.fadt_boot_arch ) == 0 ) )
		in.fadt_valid = 1;
	in.hpet_number = hpet_number ( acpi_find ( tables, "HPET", 0 ) );
	if ( plat->memmap )
		in.memmap = plat->memmap ( plat, &in.memmap_count );
	in.cpu = ( report->cpu_valid ? &report->cpu : NULL );
	in.pci = ( report->pci_valid ? &report->pci : NULL );
	verdict_decide ( &in, &report->verdict );
}

/**
 * Run the probe
 *
 * @v plat		Platform
 * @v arena		Memory for tables and findings
 * @v tables		Tables the carrier already has, or NULL to discover
 * @v report		Report to fill
 * @ret rc		0, or -XENOMEM
 */
int probe_run ( struct platform *plat, struct arena *arena,
                const struct acpi_tables *tables,
                struct probe_report *report ) {
	struct acpi_tables *found;
	struct cpu_ops ops;
	int rc;

	memset ( report, 0, sizeof ( *report ) );
	report->source = plat->name;

	/* Tables */
	if ( !tables ) {
		found = arena_alloc ( arena, sizeof ( *found ) );
		if ( !found )
			return -XENOMEM;
		acpi_discover ( found, plat, arena );
		tables = found;
	}
	report->tables = tables;
	if ( ( rc = acpi_parse_iommu ( &report->acpi, tables, arena ) ) != 0 )
		return rc;
	probe_ecam ( report );

	/* Hardware: nothing of it when probing table dumps */
	if ( plat->probes_hardware ) {
		cpu_native_ops ( &ops, plat->can_rdmsr );
		cpu_probe ( &ops, &report->cpu );
		report->cpu_valid = 1;
		probe_pci ( plat, arena, report );
		probe_regs ( plat, arena, report );
		probe_map_devices ( report );
	}

	probe_decide ( plat, report );
	return 0;
}
