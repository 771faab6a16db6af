/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * Unit tests of the CPU virtualization checks with fake CPUID and MSRs
 *
 * Each case sets the CPUID leaves and MSR values that a real CPU of that
 * kind reports, and checks the decision Xen would make, and that no MSR is
 * read that CPUID does not announce (reading one would fault).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <xenmb/errors.h>
#include <xenmb/cpu.h>

/** A fake CPU */
struct fake_cpu {
	const char *vendor;
	uint32_t ecx1;
	uint32_t ecx81;
	uint32_t edx8a;
	uint64_t feature_control;
	uint64_t vm_cr;
	uint64_t procbased;
	uint64_t procbased2;
	uint64_t entry;
	uint64_t ept;
	/** MSRs read that the CPU does not have */
	unsigned int bad_msrs;
	/** MSRs read */
	unsigned int msr_reads;
};

/**
 * Fake CPUID
 *
 * @v ctx		Fake CPU
 * @v leaf		Leaf
 * @v subleaf		Subleaf
 * @v regs		Registers out
 */
static void fake_cpuid ( void *ctx, uint32_t leaf, uint32_t subleaf,
                         uint32_t regs[4] ) {
	struct fake_cpu *cpu = ctx;

	( void )subleaf;
	memset ( regs, 0, 4 * sizeof ( regs[0] ) );
	switch ( leaf ) {
	case 0:
		regs[0] = 0x0d;
		memcpy ( &regs[1], &cpu->vendor[0], 4 );
		memcpy ( &regs[3], &cpu->vendor[4], 4 );
		memcpy ( &regs[2], &cpu->vendor[8], 4 );
		break;
	case 1:
		regs[2] = cpu->ecx1;
		break;
	case 0x80000000UL:
		regs[0] = 0x8000001fUL;
		break;
	case 0x80000001UL:
		regs[2] = cpu->ecx81;
		break;
	case 0x8000000aUL:
		regs[3] = cpu->edx8a;
		break;
	default:
		break;
	}
}

/**
 * Fake RDMSR: only the MSRs the fake CPU's CPUID announces exist
 *
 * @v ctx		Fake CPU
 * @v msr		MSR
 * @v val		Value
 * @ret rc		0
 */
static int fake_rdmsr ( void *ctx, uint32_t msr, uint64_t *val ) {
	struct fake_cpu *cpu = ctx;
	int vmx = ( ( cpu->ecx1 & 0x20 ) != 0 );
	int svm = ( ( cpu->ecx81 & 0x04 ) != 0 );

	cpu->msr_reads++;
	*val = 0;
	switch ( msr ) {
	case MSR_IA32_FEATURE_CONTROL:
		cpu->bad_msrs += !vmx;
		*val = cpu->feature_control;
		break;
	case MSR_IA32_VMX_PROCBASED_CTLS:
		cpu->bad_msrs += !vmx;
		*val = cpu->procbased;
		break;
	case MSR_IA32_VMX_ENTRY_CTLS:
		cpu->bad_msrs += !vmx;
		*val = cpu->entry;
		break;
	case MSR_IA32_VMX_PROCBASED_CTLS2:
		cpu->bad_msrs +=
		        !( vmx && ( ( cpu->procbased >> 32 ) & 0x80000000U ) );
		*val = cpu->procbased2;
		break;
	case MSR_IA32_VMX_EPT_VPID_CAP:
		cpu->bad_msrs += !( vmx && ( cpu->procbased2 >> 32 ) );
		*val = cpu->ept;
		break;
	case MSR_VM_CR:
		cpu->bad_msrs += !svm;
		*val = cpu->vm_cr;
		break;
	case MSR_IA32_APIC_BASE:
		*val = 0xfee00900ULL;
		break;
	default:
		cpu->bad_msrs++;
		break;
	}
	return 0;
}

/**
 * Probe a fake CPU
 *
 * @v cpu		Fake CPU
 * @v info		Result
 * @v msrs		Nonzero to allow MSR reads
 */
static void probe_fake ( struct fake_cpu *cpu, struct cpu_info *info,
                         int msrs ) {
	struct cpu_ops ops = { .cpuid = fake_cpuid,
	                       .rdmsr = ( msrs ? fake_rdmsr : NULL ),
	                       .ctx = cpu };

	cpu_probe ( &ops, info );
	assert_int_equal ( cpu->bad_msrs, 0 );
}

/** An Intel CPU with EPT as Xen wants it */
static struct fake_cpu intel_ept = {
        .vendor = "GenuineIntel",
        .ecx1 = 0x20 | 0x00200000,
        .feature_control = 0x05,
        .procbased = 0xfff9fffe0401e172ULL,
        .procbased2 = 0x000000ff00000000ULL | ( 0x2ULL << 32 ),
        .entry = 0x0000ffff000011ffULL,
        .ept = 0x0000000006334141ULL,
};

/** Intel: enabled, EPT with WB, 4-level walk, INVEPT all, load PAT */
static void test_intel_ok ( void **state ) {
	struct fake_cpu cpu = intel_ept;
	struct cpu_info info;

	( void )state;
	probe_fake ( &cpu, &info, 1 );
	assert_string_equal ( info.vendor, "GenuineIntel" );
	assert_true ( info.intel );
	assert_true ( info.vmx );
	assert_false ( info.svm );
	assert_int_equal ( info.virt_enabled, 1 );
	assert_int_equal ( info.hap, 1 );
	assert_int_equal ( info.x2apic_enabled, 0 );
}

/** Intel: locked without VMXON outside SMX is "VMX disabled by BIOS" */
static void test_intel_locked ( void **state ) {
	struct fake_cpu cpu = intel_ept;
	struct cpu_info info;

	( void )state;
	cpu.feature_control =
	        FEATURE_CONTROL_LOCKED | FEATURE_CONTROL_VMXON_IN_SMX;
	probe_fake ( &cpu, &info, 1 );
	assert_int_equal ( info.virt_enabled, 0 );

	/* Unlocked: Xen enables and locks it itself */
	cpu.feature_control = 0;
	probe_fake ( &cpu, &info, 1 );
	assert_int_equal ( info.virt_enabled, 1 );
}

/** Intel: EPT without WB memory type or without load-PAT is no HAP */
static void test_intel_no_hap ( void **state ) {
	struct fake_cpu cpu = intel_ept;
	struct cpu_info info;

	( void )state;
	cpu.ept &= ~VMX_EPT_WB;
	probe_fake ( &cpu, &info, 1 );
	assert_int_equal ( info.hap, 0 );

	cpu = intel_ept;
	cpu.entry &= ~( ( uint64_t )VMX_ENTRY_LOAD_PAT << 32 );
	probe_fake ( &cpu, &info, 1 );
	assert_int_equal ( info.hap, 0 );

	/* No secondary controls: the later MSRs must not be read */
	cpu = intel_ept;
	cpu.procbased &= ~( ( uint64_t )VMX_ACTIVATE_SECONDARY << 32 );
	cpu.procbased2 = 0;
	probe_fake ( &cpu, &info, 1 );
	assert_int_equal ( info.hap, 0 );
}

/** AMD: SVMDIS set, NPT from CPUID, no Intel MSR touched */
static void test_amd ( void **state ) {
	struct fake_cpu cpu = { .vendor = "AuthenticAMD",
	                        .ecx81 = 0x04,
	                        .edx8a = 0x01,
	                        .vm_cr = VM_CR_SVMDIS };
	struct cpu_info info;

	( void )state;
	probe_fake ( &cpu, &info, 1 );
	assert_true ( info.amd );
	assert_true ( info.svm );
	assert_false ( info.vmx );
	assert_int_equal ( info.virt_enabled, 0 );
	assert_int_equal ( info.hap, 1 );

	cpu.vm_cr = 0;
	cpu.edx8a = 0;
	probe_fake ( &cpu, &info, 1 );
	assert_int_equal ( info.virt_enabled, 1 );
	assert_int_equal ( info.hap, 0 );
}

/** Without MSR access (Linux): unknown, never guessed */
static void test_no_msr ( void **state ) {
	struct fake_cpu cpu = intel_ept;
	struct cpu_info info;

	( void )state;
	probe_fake ( &cpu, &info, 0 );
	assert_true ( info.vmx );
	assert_int_equal ( info.virt_enabled, CPU_UNKNOWN );
	assert_int_equal ( info.hap, CPU_UNKNOWN );
	assert_int_equal ( cpu.msr_reads, 0 );
}

/** No virtualization at all: no MSR read */
static void test_none ( void **state ) {
	struct fake_cpu cpu = { .vendor = "GenuineIntel" };
	struct cpu_info info;

	( void )state;
	probe_fake ( &cpu, &info, 1 );
	assert_false ( info.vmx );
	assert_false ( info.svm );
	assert_int_equal ( info.virt_enabled, 0 );
	assert_int_equal ( cpu.msr_reads, 0 );
}

/**
 * Run the tests
 *
 * @ret status		Number of failures
 */
int main ( void ) {
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test ( test_intel_ok ),
	        cmocka_unit_test ( test_intel_locked ),
	        cmocka_unit_test ( test_intel_no_hap ),
	        cmocka_unit_test ( test_amd ),
	        cmocka_unit_test ( test_no_msr ),
	        cmocka_unit_test ( test_none ),
	};

	return cmocka_run_group_tests ( tests, NULL, NULL );
}
