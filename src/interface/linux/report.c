/** @file
 *
 * xenmb-probe: the report (ACPI parts)
 *
 * Writes the JSON report of DESIGN.md and a readable summary from the
 * decoded tables.  This is the stand-in for the core probe's report
 * (src/core/probe.c): it has no PCI, CPU or register data, and its Xen
 * verdict only looks at what the tables offer.
 */
#include <stdio.h>
#include <string.h>
#include <xenmb/errors.h>
#include <xenmb/json.h>
#include <xenmb/acpi.h>
#include <xenmb/dmar.h>
#include <xenmb/ivrs.h>
#include <xenmb/viot.h>
#include <xenmb/mcfg.h>
#include "linux_probe.h"

/**
 * JSON sink writing to a stream
 *
 * @v ctx		Stream
 * @v text		Text
 * @v len		Length
 */
static void linux_json_sink ( void *ctx, const char *text, size_t len ) {
	fwrite ( text, 1, len, ( FILE * )ctx );
}

/**
 * Does a DMAR offer interrupt remapping to Xen?
 *
 * @v dmar		Decoded DMAR
 * @ret offered		Nonzero if the flag is set and an IO-APIC is in scope
 */
static int linux_dmar_intremap ( const struct dmar *dmar ) {
	unsigned int i;

	if ( !( dmar->flags & DMAR_INTR_REMAP ) )
		return 0;
	for ( i = 0; i < dmar->scope_count; i++ ) {
		if ( dmar->scope[i].type == DMAR_SCOPE_IOAPIC )
			return 1;
	}
	return 0;
}

/**
 * Does the firmware give an IOMMU (and interrupt remapping)?
 *
 * @v iommu		Decoded tables
 * @v intremap		Nonzero on return if interrupt remapping is offered
 * @ret present		Nonzero if a usable DMAR or IVRS describes an IOMMU
 */
int linux_report_iommu ( const struct acpi_iommu *iommu, int *intremap ) {
	const struct ivrs *ivrs = iommu->ivrs;
	const struct dmar *dmar = iommu->dmar;
	unsigned int i;

	*intremap = 0;
	if ( dmar && dmar->checksum_ok && dmar->drhd_count ) {
		*intremap = linux_dmar_intremap ( dmar );
		return 1;
	}
	if ( ivrs && ivrs->checksum_ok && ivrs->ivhd_count ) {
		for ( i = 0; i < ivrs->ivhd_count; i++ ) {
			if ( ivrs->ivhd[i].ioapic_count )
				*intremap = 1;
		}
		return 1;
	}
	return 0;
}

/**
 * Write the stand-in "xen" verdict
 *
 * @v iommu		Decoded tables
 * @v json		JSON writer
 */
static void linux_xen_json ( const struct acpi_iommu *iommu,
                             struct json *json ) {
	int intremap;
	int present = linux_report_iommu ( iommu, &intremap );

	json_object_open ( json, "xen" );
	json_bool ( json, "boots", 1 );
	json_string ( json, "iommu", ( present ? "enabled" : "disabled" ) );
	json_string ( json, "intremap", ( intremap ? "enabled" : "disabled" ) );
	json_array_open ( json, "reasons" );
	if ( !present )
		json_string ( json, NULL,
		              "no DMAR or IVRS table describes an IOMMU" );
	json_array_close ( json );
	json_array_open ( json, "suggest" );
	json_array_close ( json );
	json_object_close ( json );
}

/**
 * Write the JSON report (ACPI parts; no PCI/CPU data yet)
 *
 * @v out		Output stream
 * @v iommu		Decoded tables
 * @v source		"linux" or "tables"
 * @ret rc		0 or negative
 */
int linux_report_json ( FILE *out, const struct acpi_iommu *iommu,
                        const char *source ) {
	struct json json;

	json_init_sink ( &json, linux_json_sink, out );
	json_object_open ( &json, NULL );
	json_uint ( &json, "version", 1 );
	json_string ( &json, "source", source );
	json_null ( &json, "cpu" );
	acpi_iommu_json ( iommu, &json );
	json_array_open ( &json, "pci" );
	json_array_close ( &json );
	linux_xen_json ( iommu, &json );
	json_object_close ( &json );
	fputc ( '\n', out );
	return json_finish ( &json );
}

/**
 * Print one DMAR summary (and its structures when verbose)
 *
 * @v out		Output stream
 * @v dmar		Decoded DMAR
 * @v verbose		Nonzero for every structure
 */
static void linux_dmar_text ( FILE *out, const struct dmar *dmar,
                              int verbose ) {
	unsigned int i;

	fprintf ( out,
	          "DMAR: %u DRHD, %u RMRR, %u ATSR, %u SATC; haw %u bits;"
	          " intremap %s, x2apic opt-out %s%s\n",
	          dmar->drhd_count, dmar->rmrr_count, dmar->atsr_count,
	          dmar->satc_count, dmar->haw,
	          ( ( dmar->flags & DMAR_INTR_REMAP ) ? "yes" : "no" ),
	          ( ( dmar->flags & DMAR_X2APIC_OPT_OUT ) ? "yes" : "no" ),
	          ( dmar->checksum_ok ? "" : "; BAD CHECKSUM" ) );
	for ( i = 0; verbose && ( i < dmar->drhd_count ); i++ ) {
		fprintf ( out, "  DRHD %04x base %#llx%s, %u scopes\n",
		          dmar->drhd[i].segment,
		          ( unsigned long long )dmar->drhd[i].base,
		          ( ( dmar->drhd[i].flags & DMAR_DRHD_INCLUDE_PCI_ALL )
		                    ? " (all PCI)"
		                    : "" ),
		          dmar->drhd[i].scopes.count );
	}
}

/**
 * Print one IVRS summary (and its blocks when verbose)
 *
 * @v out		Output stream
 * @v ivrs		Decoded IVRS
 * @v verbose		Nonzero for every block
 */
static void linux_ivrs_text ( FILE *out, const struct ivrs *ivrs,
                              int verbose ) {
	const struct ivrs_ivhd *ivhd;
	unsigned int i;

	fprintf ( out, "IVRS: %u IVHD, %u IVMD%s\n", ivrs->ivhd_count,
	          ivrs->ivmd_count,
	          ( ivrs->checksum_ok ? "" : "; BAD CHECKSUM" ) );
	for ( i = 0; verbose && ( i < ivrs->ivhd_count ); i++ ) {
		ivhd = &ivrs->ivhd[i];
		fprintf ( out,
		          "  IVHD %#x base %#llx, %u entries, %u IO-APIC, "
		          "%u HPET\n",
		          ivhd->type, ( unsigned long long )ivhd->base,
		          ivhd->device_count, ivhd->ioapic_count,
		          ivhd->hpet_count );
	}
}

/**
 * Write the readable report
 *
 * @v out		Output stream
 * @v iommu		Decoded tables
 * @v verbose		Nonzero for every structure, zero for a summary
 */
void linux_report_text ( FILE *out, const struct acpi_iommu *iommu,
                         int verbose ) {
	int intremap;
	int present = linux_report_iommu ( iommu, &intremap );

	fprintf ( out, "ACPI: %u tables%s\n", iommu->tables->count,
	          ( iommu->tables->bad ? " (some unreadable)" : "" ) );
	if ( iommu->dmar )
		linux_dmar_text ( out, iommu->dmar, verbose );
	else if ( iommu->dmar_rc )
		fprintf ( out, "DMAR: %s\n",
		          xenmb_strerror ( iommu->dmar_rc ) );
	if ( iommu->ivrs )
		linux_ivrs_text ( out, iommu->ivrs, verbose );
	else if ( iommu->ivrs_rc )
		fprintf ( out, "IVRS: %s\n",
		          xenmb_strerror ( iommu->ivrs_rc ) );
	if ( iommu->viot )
		fprintf ( out, "VIOT: %u nodes\n", iommu->viot->count );
	if ( iommu->mcfg )
		fprintf ( out, "MCFG: %u ECAM allocations\n",
		          iommu->mcfg->count );
	fprintf ( out, "IOMMU: %s; interrupt remapping: %s\n",
	          ( present ? "offered by the firmware tables"
	                    : "none (no DMAR/IVRS describes one)" ),
	          ( intremap ? "offered" : "not offered" ) );
}
