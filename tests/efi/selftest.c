/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Self-test of the UEFI carrier, run under OVMF by iPXE
 *
 * Linked into build/xenmb-selftest.efi in place of the core's
 * xenmb_main(): it drives the carrier's platform interface the way the
 * core does, checks each answer, and prints one line per check and
 * "XENMB-SELFTEST PASS" or "XENMB-SELFTEST FAIL".  The command line
 * names the files iPXE was given and their sizes as the server knows
 * them: "NAME=SIZE,CRC32 ..." (CRC-32 in hex, as zlib computes it).  At the end it jumps through the carrier's
 * EFI64 handoff into selftest_entry (selftest_entry.S), which checks the
 * registers and returns to iPXE with Exit() on our image handle, as Xen
 * does when it fails before ExitBootServices().  Before the jump, the
 * carrier's release functions (what efi_main runs on return to iPXE)
 * must give back every page the tests took.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <efi.h>
#include <xenmb/errors.h>
#include <xenmb/platform.h>
#include <xenmb/boot.h>
#include <xenmb/xenboot.h>
#include <xenmb/xenmb.h>
#include <xenmb/inflate.h>
#include <xenmb/efimap.h>
#include <xenmb/crc32.h>
#include "../../src/interface/efi/efi_carrier.h"

/** What the handoff must deliver, and how to get back to iPXE */
struct selftest_info {
	/** System table */
	EFI_SYSTEM_TABLE *systab;
	/** Our image handle */
	EFI_HANDLE image;
	/** Failures counted before the jump */
	uint64_t failures;
};

/** Assembly entry that the handoff jumps to */
extern char selftest_entry[];

/** Failures so far (this file only; a test program, not the product) */
static unsigned int selftest_failures;

/**
 * Report one check
 *
 * @v ok		Nonzero if the check holds
 * @v what		What was checked
 */
static void check ( int ok, const char *what ) {
	printf ( "xenmb selftest: %s: %s\n", ( ok ? "ok" : "FAIL" ), what );
	if ( !ok )
		selftest_failures++;
}

/**
 * Check the ACPI RSDP the carrier found
 *
 * @v plat		Platform
 */
static void test_rsdp ( struct platform *plat ) {
	char sig[8];

	check ( plat->rsdp != 0, "RSDP found in the configuration table" );
	if ( !plat->rsdp )
		return;
	check ( plat->phys_read ( plat, plat->rsdp, sig, sizeof ( sig ) ) == 0,
	        "RSDP readable" );
	check ( memcmp ( sig, "RSD PTR ", 8 ) == 0, "RSDP signature" );
}

/**
 * Check one file against the size and CRC-32 the server reported
 *
 * @v plat		Platform
 * @v name		Name as given
 * @v size		Size the server reported
 * @v crc		CRC-32 the server reported
 */
static void test_file ( struct platform *plat, const char *name,
                        unsigned long size, unsigned long crc ) {
	char upper[128];
	struct xfile *file;
	struct xfile *again;
	size_t i;

	printf ( "xenmb selftest: file %s (%lu bytes)\n", name, size );
	file = plat->file_find ( plat, name );
	check ( file != NULL, "file found" );
	if ( !file )
		return;
	check ( file->len == size, "length matches the server's" );
	check ( crc32_update ( 0, file->data, file->len ) == crc,
	        "CRC-32 matches the server's" );
	check ( file->data == phys_to_virt ( file->phys ), "data is at phys" );
	check ( ( file->phys % PAGE_SIZE ) == 0, "page aligned" );
	check ( file->phys >= 0x100000, "not below 1 MiB" );
	check ( ( file->phys + file->len ) <= ADDR_4G, "below 4 GiB" );
	check ( ( file->region == file->phys ) &&
	                ( file->region_len >= file->len ) &&
	                ( file->region_len % PAGE_SIZE ) == 0,
	        "region covers the pages" );

	/* A second look-up, in another case, gives the same copy */
	for ( i = 0; name[i] && ( i + 1 ) < sizeof ( upper ); i++ )
		upper[i] = ( ( name[i] >= 'a' ) && ( name[i] <= 'z' ) )
		                   ? ( name[i] - 'a' + 'A' )
		                   : name[i];
	upper[i] = '\0';
	again = plat->file_find ( plat, upper );
	check ( again == file,
	        "case-insensitive look-up returns the same file" );
}

/**
 * Check the directory listing names every file given
 *
 * @v plat		Platform
 * @v names		Names given on the command line
 * @v count		Number of names
 */
static void test_listing ( struct platform *plat, char **names,
                           unsigned int count ) {
	const char *listed;
	unsigned int found = 0;
	unsigned int index;
	unsigned int i;

	for ( index = 0; index < 64; index++ ) {
		if ( !( listed = plat->file_name ( plat, index ) ) )
			break;
		printf ( "xenmb selftest: listed %u: %s\n", index, listed );
		for ( i = 0; i < count; i++ ) {
			if ( strcmp ( listed, names[i] ) == 0 )
				found++;
		}
	}
	check ( ( index > 0 ) && ( found == count ),
	        "directory lists every file" );
	check ( plat->file_find ( plat, ".hidden" ) == NULL,
	        "name starting with '.' refused" );
	check ( plat->file_find ( plat, "no-such-file" ) == NULL,
	        "missing file is NULL" );
}

/**
 * Check the allocator's honour of a request
 *
 * @v plat		Platform
 */
static void test_alloc ( struct platform *plat ) {
	struct mem_request req;
	uint64_t high = 0;
	uint64_t low = 0;
	uint64_t fixed = 0;

	memset ( &req, 0, sizeof ( req ) );
	req.size = 0x300000;
	req.align = 0x200000;
	req.max = ADDR_4G;
	req.high = 1;
	req.what = "high";
	check ( plat->alloc ( plat, &req, &high ) == 0, "high alloc" );
	check ( ( high % 0x200000 ) == 0, "high alloc 2 MiB aligned" );
	check ( ( high + req.size ) <= ADDR_4G, "high alloc below 4 GiB" );
	printf ( "xenmb selftest: high alloc at %#llx\n",
	         ( unsigned long long )high );

	req.high = 0;
	req.min = 0x1000000;
	req.align = 0x10000;
	req.size = 0x5000;
	check ( plat->alloc ( plat, &req, &low ) == 0, "low alloc" );
	check ( ( low >= 0x1000000 ) && ( ( low % 0x10000 ) == 0 ),
	        "low alloc above min, aligned" );
	printf ( "xenmb selftest: low alloc at %#llx\n",
	         ( unsigned long long )low );

	/* Free the high block, then take exactly its place again */
	plat->free ( plat, high, 0x300000 );
	req.fixed = 1;
	req.min = high;
	req.size = 0x1000;
	check ( plat->alloc ( plat, &req, &fixed ) == 0, "fixed alloc" );
	check ( fixed == high, "fixed alloc at the address asked" );
	check ( plat->alloc ( plat, &req, &fixed ) != 0,
	        "fixed alloc refused on taken memory" );
	plat->free ( plat, high, 0x1000 );
	/* "low" is left for the carrier to free on return */
}

/**
 * Check the memory map
 *
 * @v plat		Platform
 */
static void test_memmap ( struct platform *plat ) {
	const struct memmap_entry *map;
	uint64_t ram = 0;
	unsigned int count = 0;
	unsigned int sorted = 1;
	unsigned int i;

	map = plat->memmap ( plat, &count );
	check ( ( map != NULL ) && ( count > 0 ), "memory map" );
	if ( !map )
		return;
	for ( i = 0; i < count; i++ ) {
		if ( map[i].type == MEMMAP_RAM )
			ram += map[i].len;
		if ( ( i > 0 ) && ( map[i].addr < map[i - 1].addr ) )
			sorted = 0;
	}
	printf ( "xenmb selftest: memory map: %u entries, %llu MiB RAM\n",
	         count, ( unsigned long long )( ram >> 20 ) );
	check ( sorted, "memory map sorted" );
	/* QEMU runs with -m 512: all but a few MiB is RAM */
	check ( ( ram > ( 400ULL << 20 ) ) && ( ram <= ( 512ULL << 20 ) ),
	        "memory map RAM total plausible for -m 512" );
}

/**
 * Count the free (conventional) pages in the firmware memory map
 *
 * @v plat		Platform
 * @ret pages		Free pages, or 0 if the map cannot be read
 */
static uint64_t free_pages ( struct platform *plat ) {
	EFI_SYSTEM_TABLE *systab = phys_to_virt ( plat->efi_system_table );
	EFI_BOOT_SERVICES *bs = systab->BootServices;
	static uint8_t map[32768];
	struct efimap_desc desc;
	UINTN size = sizeof ( map );
	UINTN key;
	UINTN desc_size;
	UINT32 version;
	uint64_t pages = 0;
	unsigned int i;

	if ( bs->GetMemoryMap ( &size, ( void * )map, &key, &desc_size,
	                        &version ) != EFI_SUCCESS )
		return 0;
	for ( i = 0; efimap_desc ( map, size, desc_size, i, &desc ) == 0;
	      i++ ) {
		if ( desc.type == EFIMAP_CONVENTIONAL )
			pages += desc.pages;
	}
	return pages;
}

/**
 * Check the handoff: the 32-bit entry is refused, then jump for real
 *
 * @v plat		Platform
 * @v info		Information for selftest_entry
 */
static void test_boot ( struct platform *plat, struct selftest_info *info ) {
	struct handoff handoff;

	memset ( &handoff, 0, sizeof ( handoff ) );
	handoff.mode = HANDOFF_I386;
	handoff.magic = MB1_BOOT_MAGIC;
	check ( plat->boot ( plat, &handoff ) == -XENOEFIENTRY,
	        "32-bit entry refused" );

	info->systab = phys_to_virt ( plat->efi_system_table );
	info->image = phys_to_virt ( plat->efi_image_handle );
	info->failures = selftest_failures;
	handoff.mode = HANDOFF_EFI64;
	handoff.magic = MB2_BOOT_MAGIC;
	handoff.info = virt_to_phys ( info );
	handoff.entry = virt_to_phys ( selftest_entry );
	printf ( "xenmb selftest: jumping, %u failures so far\n",
	         selftest_failures );
	plat->boot ( plat, &handoff );
	check ( 0, "boot returned" );
}

/**
 * Entered from selftest_entry with the registers the handoff set
 *
 * @v magic		RAX
 * @v info		RBX
 * @v rsp		RSP at entry
 * @v zeros		RCX | RDX | RSI | RDI | RBP at entry
 * @v rflags		RFLAGS at entry
 */
void selftest_entered ( uint64_t magic, uint64_t info, uint64_t rsp,
                        uint64_t zeros, uint64_t rflags ) {
	struct selftest_info *st = phys_to_virt ( info );

	selftest_failures = st->failures;
	printf ( "xenmb selftest: entered with rax=%#llx rbx=%#llx "
	         "rsp=%#llx\n",
	         ( unsigned long long )magic, ( unsigned long long )info,
	         ( unsigned long long )rsp );
	check ( magic == MB2_BOOT_MAGIC, "RAX is the multiboot2 magic" );
	check ( ( rsp < ADDR_4G ) && ( ( rsp % 16 ) == 0 ),
	        "RSP below 4 GiB, 16-byte aligned" );
	check ( zeros == 0, "RCX RDX RSI RDI RBP are zero" );
	check ( !( rflags & 0x400 ), "direction flag clear" );
	printf ( "XENMB-SELFTEST %s\n", selftest_failures ? "FAIL" : "PASS" );

	/* Back to iPXE, as a kernel failing before ExitBootServices does */
	st->systab->BootServices->Exit (
	        st->image, ( selftest_failures ? EFI_ABORTED : EFI_SUCCESS ), 0,
	        NULL );
	for ( ;; )
		;
}

/**
 * Run the self-test in place of xenmb
 *
 * @v plat		Platform
 * @v cmdline		"NAME=SIZE,CRC32 ..."
 * @ret rc		Only on failure before the jump
 */
int xenmb_main ( struct platform *plat, char *cmdline ) {
	static struct selftest_info info;
	char *names[16];
	unsigned long sizes[16];
	unsigned long crcs[16];
	uint64_t before = free_pages ( plat );
	uint64_t taken;
	/* The 0x5000-byte "low" allocation test_alloc() keeps */
	uint64_t held = 5;
	uint64_t after;
	char *end;
	unsigned int count = 0;
	char *word;
	char *eq;

	printf ( "xenmb selftest (%s): \"%s\"\n", plat->name, cmdline );
	check ( strcmp ( plat->name, "efi" ) == 0, "platform name" );
	check ( plat->efi_system_table && plat->efi_image_handle,
	        "system table and image handle exported" );

	/* NAME=SIZE words */
	for ( word = cmdline; *word && ( count < 16 ); ) {
		while ( *word == ' ' )
			*( word++ ) = '\0';
		if ( !*word )
			break;
		names[count] = word;
		while ( *word && ( *word != ' ' ) )
			word++;
		if ( *word )
			*( word++ ) = '\0';
		if ( ( eq = strchr ( names[count], '=' ) ) ) {
			*eq = '\0';
			sizes[count] = strtoul ( eq + 1, &end, 10 );
			crcs[count] = ( ( *end == ',' )
			                        ? strtoul ( end + 1, NULL, 16 )
			                        : 0 );
			count++;
		}
	}

	test_rsdp ( plat );
	test_listing ( plat, names, count );
	for ( unsigned int i = 0; i < count; i++ )
		test_file ( plat, names[i], sizes[i], crcs[i] );
	test_alloc ( plat );
	test_memmap ( plat );

	/* What efi_main does on return to iPXE gives every page back */
	taken = free_pages ( plat );
	efi_files_release ( plat->priv );
	efi_mem_release ( plat->priv );
	after = free_pages ( plat );
	printf ( "xenmb selftest: free pages: %llu at start, %llu before "
	         "release, %llu after\n",
	         ( unsigned long long )before, ( unsigned long long )taken,
	         ( unsigned long long )after );
	/* Pool use by the firmware may move a few pages either way */
	for ( unsigned int i = 0; i < count; i++ )
		held += ( ( sizes[i] + PAGE_SIZE - 1 ) / PAGE_SIZE );
	check ( ( before - taken ) >= held,
	        "the loaded files and the kept allocation hold memory" );
	check ( ( after + 16 >= before ) && ( after <= before + 16 ),
	        "release gives back every page" );

	test_boot ( plat, &info );
	return -XEINVAL;
}
