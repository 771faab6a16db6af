/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * The probe's reports: the summary, the verbose listing, the JSON report,
 * and the --require conditions
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <xenmb/errors.h>
#include <xenmb/acpi.h>
#include <xenmb/dmar.h>
#include <xenmb/ivrs.h>
#include <xenmb/viot.h>
#include <xenmb/mcfg.h>
#include <xenmb/json.h>
#include <xenmb/options.h>
#include <xenmb/iommuprobe.h>
#include <xenmb/probereport.h>

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
 * Write the "acpi", "dmar", "ivrs", "viot" and "mcfg" members of the report
 *
 * @v iommu		Decoded tables
 * @v json		JSON writer, inside the report object
 */
void acpi_iommu_json ( const struct acpi_iommu *iommu, struct json *json ) {
	json_key ( json, "acpi" );
	acpi_json ( iommu->tables, json );
	json_key ( json, "dmar" );
	dmar_json ( iommu->dmar, json );
	json_key ( json, "ivrs" );
	ivrs_json ( iommu->ivrs, json );
	json_key ( json, "viot" );
	viot_json ( iommu->viot, json );
	json_key ( json, "mcfg" );
	mcfg_json ( iommu->mcfg, json );
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
