/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Fuzz harness for the CPU virtualization probe (cpu.c)
 *
 * The input is a processor: what CPUID gives for the five leaves the
 * probe may ask (0, 1, 0x80000000, 0x80000001, 0x8000000A) and the
 * values of the seven MSRs it may read.  On real hardware an MSR that
 * does not exist raises #GP, which in a boot loader is a crash; so the
 * fake rdmsr stops the run when the probe reads an MSR that the CPUID
 * and VMX capability values it was given say is absent, and the fake
 * CPUID stops it on a leaf past the maximum of its range.  The result
 * is then checked against what those values mean to Xen.
 *
 * Input:
 *
 *   byte		flags: 1 MSRs readable (ring 0), 2-128 the MSR of
 *			that index (below) fails to read all the same
 *   5 x 16 bytes	EAX, EBX, ECX, EDX of each leaf
 *   7 x 8 bytes	the MSRs
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <xenmb/cpu.h>
#include "fuzz_input.h"

/** The leaves given, in input order */
static const uint32_t fuzz_leaves[] = { 0, 1, 0x80000000UL, 0x80000001UL,
                                        0x8000000aUL };
#define FUZZ_LEAVES ( sizeof ( fuzz_leaves ) / sizeof ( fuzz_leaves[0] ) )

/** The MSRs given, in input order */
static const uint32_t fuzz_msrs[] = {
        MSR_IA32_APIC_BASE,
        MSR_IA32_FEATURE_CONTROL,
        MSR_IA32_VMX_PROCBASED_CTLS,
        MSR_IA32_VMX_ENTRY_CTLS,
        MSR_IA32_VMX_PROCBASED_CTLS2,
        MSR_IA32_VMX_EPT_VPID_CAP,
        MSR_VM_CR,
};
#define FUZZ_MSRS ( sizeof ( fuzz_msrs ) / sizeof ( fuzz_msrs[0] ) )

/** CPUID bits the existence rules use */
#define FUZZ_CPUID1_ECX_VMX    0x00000020UL
#define FUZZ_CPUID1_ECX_SMX    0x00000040UL
#define FUZZ_CPUID1_ECX_X2APIC 0x00200000UL
#define FUZZ_CPUID1_EDX_APIC   0x00000200UL
#define FUZZ_CPUID81_ECX_SVM   0x00000004UL
#define FUZZ_CPUID8A_EDX_NPT   0x00000001UL
/** VMX controls whose allowed-1 bits gate the later capability MSRs */
#define FUZZ_SECONDARY_EPT  0x00000002UL
#define FUZZ_SECONDARY_VPID 0x00000020UL

/** The fake processor */
struct fuzz_cpu {
	uint32_t leaf[FUZZ_LEAVES][4];
	uint64_t msr[FUZZ_MSRS];
	unsigned int flags;
};

/**
 * Index of a leaf, or stop on one the probe may not ask
 *
 * @v cpu		Processor
 * @v leaf		Leaf
 * @ret index		Index in fuzz_leaves
 */
static unsigned int fuzz_leaf_index ( const struct fuzz_cpu *cpu,
                                      uint32_t leaf ) {
	uint32_t max_basic = cpu->leaf[0][0];
	uint32_t max_ext = cpu->leaf[2][0];
	unsigned int i;

	for ( i = 0; i < FUZZ_LEAVES; i++ ) {
		if ( fuzz_leaves[i] == leaf )
			break;
	}
	if ( i == FUZZ_LEAVES )
		abort ();
	/* Past the maximum of its range: stale data on real CPUs */
	if ( ( leaf > 0 ) && ( leaf < 0x80000000UL ) && ( leaf > max_basic ) )
		abort ();
	if ( ( leaf > 0x80000000UL ) &&
	     ( ( ( max_ext & 0xffff0000UL ) != 0x80000000UL ) ||
	       ( leaf > max_ext ) ) )
		abort ();
	return i;
}

/**
 * Fake CPUID
 *
 * @v ctx		Processor
 * @v leaf		Leaf
 * @v subleaf		Subleaf
 * @v regs		EAX..EDX out
 */
static void fuzz_cpuid ( void *ctx, uint32_t leaf, uint32_t subleaf,
                         uint32_t regs[4] ) {
	const struct fuzz_cpu *cpu = ctx;

	( void )subleaf;
	memcpy ( regs, cpu->leaf[fuzz_leaf_index ( cpu, leaf )],
	         4 * sizeof ( regs[0] ) );
}

/**
 * Whether an MSR exists on the processor described
 *
 * @v cpu		Processor
 * @v msr		MSR
 * @ret exists		Nonzero if reading it does not fault
 */
static int fuzz_msr_exists ( const struct fuzz_cpu *cpu, uint32_t msr ) {
	int basic1 = ( cpu->leaf[0][0] >= 1 );
	uint32_t ecx1 = ( basic1 ? cpu->leaf[1][2] : 0 );
	uint32_t edx1 = ( basic1 ? cpu->leaf[1][3] : 0 );
	uint32_t max_ext = cpu->leaf[2][0];
	int ext1 = ( ( ( max_ext & 0xffff0000UL ) == 0x80000000UL ) &&
	             ( max_ext >= 0x80000001UL ) );
	int vmx = ( ( ecx1 & FUZZ_CPUID1_ECX_VMX ) != 0 );
	int secondary = ( vmx && ( cpu->msr[2] >> 63 ) );

	switch ( msr ) {
	case MSR_IA32_APIC_BASE:
		return ( ( edx1 & FUZZ_CPUID1_EDX_APIC ) ||
		         ( ecx1 & FUZZ_CPUID1_ECX_X2APIC ) );
	case MSR_IA32_FEATURE_CONTROL:
		return ( vmx || ( ecx1 & FUZZ_CPUID1_ECX_SMX ) );
	case MSR_IA32_VMX_PROCBASED_CTLS:
	case MSR_IA32_VMX_ENTRY_CTLS:
		return vmx;
	case MSR_IA32_VMX_PROCBASED_CTLS2:
		return secondary;
	case MSR_IA32_VMX_EPT_VPID_CAP:
		return ( secondary &&
		         ( ( cpu->msr[4] >> 32 ) &
		           ( FUZZ_SECONDARY_EPT | FUZZ_SECONDARY_VPID ) ) );
	case MSR_VM_CR:
		return ( ext1 && ( cpu->leaf[3][2] & FUZZ_CPUID81_ECX_SVM ) );
	default:
		return 0;
	}
}

/**
 * Fake RDMSR
 *
 * @v ctx		Processor
 * @v msr		MSR
 * @v val		Value out
 * @ret rc		0, or -1 when the input says this read fails
 */
static int fuzz_rdmsr ( void *ctx, uint32_t msr, uint64_t *val ) {
	const struct fuzz_cpu *cpu = ctx;
	unsigned int i;

	if ( !fuzz_msr_exists ( cpu, msr ) )
		abort ();
	for ( i = 0; fuzz_msrs[i] != msr; i++ )
		;
	if ( cpu->flags & ( 2U << i ) )
		return -1;
	*val = cpu->msr[i];
	return 0;
}

/**
 * Whether an MSR was readable (exists, MSR access, not set to fail)
 *
 * @v cpu		Processor
 * @v index		Index in fuzz_msrs
 * @ret ok		Nonzero if a read returns its value
 */
static int fuzz_msr_readable ( const struct fuzz_cpu *cpu,
                               unsigned int index ) {
	return ( ( cpu->flags & 1 ) && !( cpu->flags & ( 2U << index ) ) &&
	         fuzz_msr_exists ( cpu, fuzz_msrs[index] ) );
}

/**
 * Check what the probe says against the processor
 *
 * @v cpu		Processor
 * @v info		Probe result
 */
static void fuzz_judge ( const struct fuzz_cpu *cpu,
                         const struct cpu_info *info ) {
	char vendor[13];
	int vmx, svm, x2apic;

	memcpy ( &vendor[0], &cpu->leaf[0][1], 4 );
	memcpy ( &vendor[4], &cpu->leaf[0][3], 4 );
	memcpy ( &vendor[8], &cpu->leaf[0][2], 4 );
	vendor[12] = '\0';
	if ( memcmp ( vendor, info->vendor, 13 ) ||
	     ( info->intel != !strcmp ( vendor, "GenuineIntel" ) ) ||
	     ( info->amd != ( !strcmp ( vendor, "AuthenticAMD" ) ||
	                      !strcmp ( vendor, "HygonGenuine" ) ) ) )
		abort ();

	vmx = ( ( cpu->leaf[0][0] >= 1 ) &&
	        ( cpu->leaf[1][2] & FUZZ_CPUID1_ECX_VMX ) );
	x2apic = ( ( cpu->leaf[0][0] >= 1 ) &&
	           ( cpu->leaf[1][2] & FUZZ_CPUID1_ECX_X2APIC ) );
	svm = ( ( ( cpu->leaf[2][0] & 0xffff0000UL ) == 0x80000000UL ) &&
	        ( cpu->leaf[2][0] >= 0x80000001UL ) &&
	        ( cpu->leaf[3][2] & FUZZ_CPUID81_ECX_SVM ) );
	if ( ( info->vmx != vmx ) || ( info->svm != svm ) ||
	     ( info->x2apic != x2apic ) )
		abort ();

	/* x2APIC left enabled: only from IA32_APIC_BASE bit 10 */
	if ( !x2apic ? ( info->x2apic_enabled != 0 )
	             : ( fuzz_msr_readable ( cpu, 0 )
	                         ? ( info->x2apic_enabled !=
	                             !!( cpu->msr[0] &
	                                 APIC_BASE_X2APIC_ENABLE ) )
	                         : ( info->x2apic_enabled != CPU_UNKNOWN ) ) )
		abort ();

	/* Usable virtualization (Xen: "VMX disabled by BIOS", "SVM is
	 * disabled by BIOS") */
	if ( !vmx && !svm ) {
		if ( info->virt_enabled != 0 )
			abort ();
	} else if ( vmx && fuzz_msr_readable ( cpu, 1 ) ) {
		if ( info->virt_enabled !=
		     ( !( cpu->msr[1] & FEATURE_CONTROL_LOCKED ) ||
		       !!( cpu->msr[1] & FEATURE_CONTROL_VMXON_OUTSIDE_SMX ) ) )
			abort ();
	} else if ( !vmx && fuzz_msr_readable ( cpu, 6 ) ) {
		if ( info->virt_enabled != !( cpu->msr[6] & VM_CR_SVMDIS ) )
			abort ();
	} else if ( info->virt_enabled != CPU_UNKNOWN ) {
		abort ();
	}

	/* Nested paging on AMD is a CPUID bit */
	if ( !vmx && svm &&
	     ( info->hap != ( ( cpu->leaf[2][0] >= 0x8000000aUL ) &&
	                      ( cpu->leaf[4][3] & FUZZ_CPUID8A_EDX_NPT ) ) ) )
		abort ();
	if ( ( info->hap < CPU_UNKNOWN ) || ( info->hap > 1 ) )
		abort ();
}

/**
 * Fuzz one input
 *
 * @v data		Input
 * @v size		Length
 * @ret rc		0
 */
int LLVMFuzzerTestOneInput ( const uint8_t *data, size_t size ) {
	struct fuzz_input in;
	struct fuzz_cpu cpu;
	struct cpu_info info;
	struct cpu_ops ops;
	unsigned int i, j;

	fuzz_input_init ( &in, data, size );
	cpu.flags = fuzz_take ( &in, 1 );
	for ( i = 0; i < FUZZ_LEAVES; i++ ) {
		for ( j = 0; j < 4; j++ )
			cpu.leaf[i][j] = fuzz_take ( &in, 4 );
	}
	for ( i = 0; i < FUZZ_MSRS; i++ )
		cpu.msr[i] = fuzz_take ( &in, 8 );

	ops.cpuid = fuzz_cpuid;
	ops.rdmsr = ( ( cpu.flags & 1 ) ? fuzz_rdmsr : NULL );
	ops.ctx = &cpu;
	cpu_probe ( &ops, &info );
	fuzz_judge ( &cpu, &info );
	return 0;
}
