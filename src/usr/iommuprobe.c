/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * The IOMMU/SR-IOV probe
 *
 * Runs everything in order: ACPI discovery (unless the carrier already
 * has the tables), the IOMMU table parsers, PCI enumeration through the
 * MCFG windows, the CPU, the IOMMU registers, the device to IOMMU
 * mapping, and the Xen verdict; then prints what it found.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <xenmb/errors.h>
#include <xenmb/arena.h>
#include <xenmb/acpi.h>
#include <xenmb/dmar.h>
#include <xenmb/ivrs.h>
#include <xenmb/mcfg.h>
#include <xenmb/json.h>
#include <xenmb/options.h>
#include <xenmb/probe.h>

/**
 * Take the ECAM windows from MCFG
 *
 * @v report		Report
 */
static void probe_ecam ( struct probe_report *report ) {
	const struct mcfg *mcfg = report->acpi.mcfg;
	struct pci_ecam *ecam;
	unsigned int i;

	if ( !mcfg )
		return;
	for ( i = 0;
	      ( i < mcfg->count ) && ( report->ecam_count < PROBE_MAX_ECAM );
	      i++ ) {
		if ( mcfg->alloc[i].bus_end < mcfg->alloc[i].bus_start )
			continue;
		ecam = &report->ecam[report->ecam_count++];
		ecam->base = mcfg->alloc[i].base;
		ecam->segment = mcfg->alloc[i].segment;
		ecam->bus_start = mcfg->alloc[i].bus_start;
		ecam->bus_end = mcfg->alloc[i].bus_end;
	}
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
	int ring0;
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
	if ( strcmp ( plat->name, "tables" ) != 0 ) {
		ring0 = ( ( strcmp ( plat->name, "bios" ) == 0 ) ||
		          ( strcmp ( plat->name, "efi" ) == 0 ) );
		cpu_native_ops ( &ops, ring0 );
		cpu_probe ( &ops, &report->cpu );
		report->cpu_valid = 1;
		probe_pci ( plat, arena, report );
		probe_regs ( plat, arena, report );
		probe_map_devices ( report );
	}

	probe_decide ( plat, report );
	return 0;
}

/**
 * Name a tri-state
 *
 * @v value		0, 1 or CPU_UNKNOWN
 * @ret name		"yes", "no" or "unknown"
 */
static const char *probe_tristate ( int value ) {
	return ( ( value < 0 ) ? "unknown" : ( value ? "yes" : "no" ) );
}

/** Width of a summary line (an 80-column screen, less a margin) */
#define PROBE_LINE_WIDTH 78

/**
 * Print a sentence wrapped at word boundaries
 *
 * @v first		Prefix of the first line (e.g. "  - ")
 * @v text		Sentence
 *
 * Lines after the first are indented by the prefix's width, so that a
 * long reason stays readable on an 80x25 screen without being cut.
 */
static void probe_print_wrapped ( const char *first, const char *text ) {
	size_t indent = strlen ( first );
	size_t room = PROBE_LINE_WIDTH - indent;
	size_t len, cut;

	printf ( "%s", first );
	while ( 1 ) {
		len = strlen ( text );
		if ( len <= room ) {
			printf ( "%s\n", text );
			return;
		}
		/* Break at the last space that fits, or hard at the width */
		for ( cut = room; cut > 0 && text[cut] != ' '; cut-- )
			;
		if ( cut == 0 )
			cut = room;
		printf ( "%.*s\n%*s", ( int )cut, text, ( int )indent, "" );
		text += cut;
		while ( *text == ' ' )
			text++;
	}
}

/**
 * Print the summary (fits an 80x25 screen)
 *
 * @v report		Report
 */
void probe_print_summary ( const struct probe_report *report ) {
	const struct verdict *v = &report->verdict;
	unsigned int sriov = 0;
	unsigned int uncovered = 0;
	unsigned int i;

	printf ( "xenmb probe: Xen 4.17 %s, IOMMU %s, interrupt remapping "
	         "%s\n",
	         ( v->boots ? "boots" : "WILL NOT BOOT" ),
	         ( v->iommu ? "enabled" : "disabled" ),
	         ( v->intremap ? "enabled" : "disabled" ) );
	if ( report->cpu_valid )
		printf ( "  cpu: %s %s, firmware-enabled %s, HAP %s\n",
		         report->cpu.vendor,
		         ( report->cpu.vmx
		                   ? "VMX"
		                   : ( report->cpu.svm ? "SVM"
		                                       : "no VMX/SVM" ) ),
		         probe_tristate ( report->cpu.virt_enabled ),
		         probe_tristate ( report->cpu.hap ) );
	for ( i = 0; i < report->pci.count; i++ ) {
		if ( report->pci.devs[i].flags & PCI_DEV_SRIOV )
			sriov++;
		if ( report->pci.devs[i].iommu < 0 )
			uncovered++;
	}
	if ( report->pci_valid )
		printf ( "  pci: %u functions, %u with SR-IOV, %u not covered "
		         "by an IOMMU\n",
		         report->pci.count, sriov, uncovered );
	for ( i = 0; ( i < v->reason_count ) && ( i < 12 ); i++ )
		probe_print_wrapped ( "  - ", v->reason[i] );
	for ( i = 0; i < v->suggest_count; i++ )
		printf ( "  fix: add \"%s\" to Xen's command line\n",
		         v->suggest[i] );
}

/**
 * Print everything
 *
 * @v report		Report
 */
void probe_print_verbose ( const struct probe_report *report ) {
	const struct pci_device *dev;
	const struct verdict *v = &report->verdict;
	unsigned int i;

	printf ( "xenmb probe (%s)\n", report->source );
	for ( i = 0; i < report->ecam_count; i++ )
		printf ( "  ecam: segment %u buses %02x-%02x at 0x%llx\n",
		         report->ecam[i].segment, report->ecam[i].bus_start,
		         report->ecam[i].bus_end,
		         ( unsigned long long )report->ecam[i].base );
	for ( i = 0; i < report->pci.count; i++ ) {
		dev = &report->pci.devs[i];
		printf ( "  %04x:%02x:%02x.%x %04x:%04x class %06x iommu %d%s",
		         dev->segment, dev->bus, PCI_SLOT ( dev->devfn ),
		         PCI_FUNC ( dev->devfn ), dev->vendor, dev->device,
		         dev->class_code, dev->iommu,
		         ( ( dev->flags & PCI_DEV_CAP_BROKEN )
		                   ? " (capability chain broken)"
		                   : "" ) );
		if ( dev->flags & PCI_DEV_SRIOV )
			printf (
			        " sriov %u/%u vfs, vf %04x, bars %s, buses %s",
			        dev->sriov.num_vfs, dev->sriov.total_vfs,
			        dev->sriov.vf_device,
			        ( dev->sriov.vf_bars_ok ? "ok" : "unassigned" ),
			        ( dev->sriov.vf_buses_ok ? "ok"
			                                 : "out of range" ) );
		printf ( "\n" );
	}
	for ( i = 0; i < v->reason_count; i++ )
		printf ( "  reason: %s\n", v->reason[i] );
	for ( i = 0; i < v->suggest_count; i++ )
		printf ( "  suggest: %s\n", v->suggest[i] );
}

/**
 * JSON sink writing to the console
 *
 * @v ctx		Unused
 * @v text		Text
 * @v len		Length
 */
static void probe_json_sink ( void *ctx, const char *text, size_t len ) {
	( void )ctx;
	printf ( "%.*s", ( int )len, text );
}

/**
 * Write the "pci" member
 *
 * @v report		Report
 * @v json		Writer
 */
static void probe_json_pci ( const struct probe_report *report,
                             struct json *json ) {
	const struct pci_device *dev;
	unsigned int i;

	if ( !report->pci_valid ) {
		json_null ( json, "pci" );
		return;
	}
	json_array_open ( json, "pci" );
	for ( i = 0; i < report->pci.count; i++ ) {
		dev = &report->pci.devs[i];
		json_object_open ( json, NULL );
		json_bdf ( json, "bdf", dev->segment,
		           ( ( dev->bus << 8 ) | dev->devfn ) );
		json_hex ( json, "vendor", dev->vendor );
		json_hex ( json, "device", dev->device );
		json_hex ( json, "class", dev->class_code );
		if ( dev->iommu >= 0 )
			json_uint ( json, "iommu", dev->iommu );
		else
			json_null ( json, "iommu" );
		if ( dev->flags & PCI_DEV_SRIOV ) {
			json_object_open ( json, "sriov" );
			json_uint ( json, "total_vfs", dev->sriov.total_vfs );
			json_uint ( json, "initial_vfs",
			            dev->sriov.initial_vfs );
			json_uint ( json, "num_vfs", dev->sriov.num_vfs );
			json_uint ( json, "vf_offset", dev->sriov.vf_offset );
			json_uint ( json, "vf_stride", dev->sriov.vf_stride );
			json_hex ( json, "vf_device", dev->sriov.vf_device );
			json_bool ( json, "vf_bars_ok", dev->sriov.vf_bars_ok );
			json_bool ( json, "vf_buses_ok",
			            dev->sriov.vf_buses_ok );
			json_object_close ( json );
		} else {
			json_null ( json, "sriov" );
		}
		if ( dev->flags & PCI_DEV_ACS )
			json_hex ( json, "acs", dev->acs_cap );
		else
			json_null ( json, "acs" );
		json_bool ( json, "ats", ( dev->flags & PCI_DEV_ATS ) );
		json_bool ( json, "ari", ( dev->flags & PCI_DEV_ARI ) );
		json_bool ( json, "cap_broken",
		            ( dev->flags & PCI_DEV_CAP_BROKEN ) );
		json_object_close ( json );
	}
	json_array_close ( json );
}

/**
 * Write the "cpu" member
 *
 * @v report		Report
 * @v json		Writer
 */
static void probe_json_cpu ( const struct probe_report *report,
                             struct json *json ) {
	const struct cpu_info *cpu = &report->cpu;

	if ( !report->cpu_valid ) {
		json_null ( json, "cpu" );
		return;
	}
	json_object_open ( json, "cpu" );
	json_string ( json, "vendor", cpu->vendor );
	json_bool ( json, "vmx", cpu->vmx );
	json_bool ( json, "svm", cpu->svm );
	if ( cpu->virt_enabled < 0 )
		json_null ( json, "virt_enabled" );
	else
		json_bool ( json, "virt_enabled", cpu->virt_enabled );
	if ( cpu->hap < 0 )
		json_null ( json, "hap" );
	else
		json_bool ( json, "hap", cpu->hap );
	json_object_close ( json );
}

/**
 * Write the "xen" member
 *
 * @v report		Report
 * @v json		Writer
 */
static void probe_json_xen ( const struct probe_report *report,
                             struct json *json ) {
	const struct verdict *v = &report->verdict;
	unsigned int i;

	json_object_open ( json, "xen" );
	json_bool ( json, "boots", v->boots );
	json_string ( json, "iommu", ( v->iommu ? "enabled" : "disabled" ) );
	json_string ( json, "intremap",
	              ( v->intremap ? "enabled" : "disabled" ) );
	json_array_open ( json, "reasons" );
	for ( i = 0; i < v->reason_count; i++ )
		json_string ( json, NULL, v->reason[i] );
	json_array_close ( json );
	json_array_open ( json, "suggest" );
	for ( i = 0; i < v->suggest_count; i++ )
		json_string ( json, NULL, v->suggest[i] );
	json_array_close ( json );
	json_object_close ( json );
}

/**
 * Print the JSON report as one line: "XENMB-JSON {...}"
 *
 * @v report		Report
 * @ret rc		0, or the JSON writer's error
 */
int probe_print_json ( const struct probe_report *report ) {
	struct json json;
	int rc;

	printf ( "XENMB-JSON " );
	json_init_sink ( &json, probe_json_sink, NULL );
	json_object_open ( &json, NULL );
	json_uint ( &json, "version", 1 );
	json_string ( &json, "source", report->source );
	probe_json_cpu ( report, &json );
	acpi_iommu_json ( &report->acpi, &json );
	probe_json_pci ( report, &json );
	probe_json_xen ( report, &json );
	json_object_close ( &json );
	rc = json_finish ( &json );
	printf ( "\n" );
	return rc;
}

/**
 * Check the --require conditions
 *
 * @v report		Report
 * @v require		REQUIRE_xxx bits
 * @ret rc		0, or -XECANCELED with the unmet conditions printed
 */
int probe_check_require ( const struct probe_report *report,
                          unsigned int require ) {
	const struct verdict *v = &report->verdict;
	unsigned int i;
	int sriov = 0;
	int rc = 0;

	if ( ( require & REQUIRE_IOMMU ) && !v->iommu ) {
		printf ( "xenmb: required: iommu: Xen will not enable the "
		         "IOMMU\n" );
		rc = -XECANCELED;
	}
	if ( ( require & REQUIRE_INTREMAP ) && !v->intremap ) {
		printf ( "xenmb: required: intremap: Xen will not enable "
		         "interrupt remapping\n" );
		rc = -XECANCELED;
	}
	if ( require & REQUIRE_SRIOV ) {
		for ( i = 0; i < report->pci.count; i++ ) {
			if ( report->pci.devs[i].flags & PCI_DEV_SRIOV )
				sriov = 1;
		}
		if ( !sriov ) {
			printf ( "xenmb: required: sriov: no PCI function "
			         "with an SR-IOV capability\n" );
			rc = -XECANCELED;
		}
	}
	return rc;
}
