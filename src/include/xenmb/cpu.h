/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * CPU virtualization state: vendor, VMX/SVM, firmware lock-out, HAP
 *
 * The CPUID and RDMSR instructions sit behind a small struct cpu_ops so
 * that the decisions can be tested with fake values.  Firmware carriers
 * run in ring 0 and use cpu_native_ops(); MSRs are only read when CPUID
 * says they exist, because a missing MSR faults.
 */
#ifndef XENMB_CPU_H
#define XENMB_CPU_H

#include <stdint.h>

/** IA32_FEATURE_CONTROL */
#define MSR_IA32_FEATURE_CONTROL          0x0000003aUL
#define FEATURE_CONTROL_LOCKED            0x01
#define FEATURE_CONTROL_VMXON_IN_SMX      0x02
#define FEATURE_CONTROL_VMXON_OUTSIDE_SMX 0x04
/** IA32_APIC_BASE */
#define MSR_IA32_APIC_BASE      0x0000001bUL
#define APIC_BASE_X2APIC_ENABLE 0x400
/** VMX capability MSRs Xen reads (vmcs.c vmx_init_vmcs_config) */
#define MSR_IA32_VMX_PROCBASED_CTLS  0x00000482UL
#define MSR_IA32_VMX_ENTRY_CTLS      0x00000484UL
#define MSR_IA32_VMX_PROCBASED_CTLS2 0x0000048bUL
#define MSR_IA32_VMX_EPT_VPID_CAP    0x0000048cUL
#define VMX_ACTIVATE_SECONDARY       0x80000000UL
#define VMX_SECONDARY_EPT            0x00000002UL
#define VMX_ENTRY_LOAD_PAT           0x00004000UL
#define VMX_EPT_WALK_4               0x00000040ULL
#define VMX_EPT_WB                   0x00004000ULL
#define VMX_EPT_INVEPT_ALL           0x04000000ULL
/** AMD VM_CR */
#define MSR_VM_CR    0xc0010114UL
#define VM_CR_SVMDIS 0x10

/** How to run CPUID and RDMSR */
struct cpu_ops {
	/**
	 * Run CPUID
	 *
	 * @v ctx		Context
	 * @v leaf		EAX
	 * @v subleaf		ECX
	 * @v regs		EAX, EBX, ECX, EDX out
	 */
	void ( *cpuid ) ( void *ctx, uint32_t leaf, uint32_t subleaf,
	                  uint32_t regs[4] );
	/**
	 * Read an MSR, or NULL where MSRs cannot be read (Linux user space)
	 *
	 * @v ctx		Context
	 * @v msr		MSR number
	 * @v val		Value
	 * @ret rc		0, or negative
	 */
	int ( *rdmsr ) ( void *ctx, uint32_t msr, uint64_t *val );
	/** Context */
	void *ctx;
};

/** Tri-state: unknown */
#define CPU_UNKNOWN -1

/** What the probe learnt about the CPU */
struct cpu_info {
	/** Vendor string from CPUID 0 */
	char vendor[13];
	/** Nonzero on GenuineIntel, AuthenticAMD, HygonGenuine */
	int intel;
	int amd;
	/** CPUID says VMX / SVM */
	int vmx;
	int svm;
	/** CPUID says x2APIC */
	int x2apic;
	/** x2APIC already enabled (IA32_APIC_BASE), or CPU_UNKNOWN */
	int x2apic_enabled;
	/** Virtualization usable by Xen (not locked off), or CPU_UNKNOWN */
	int virt_enabled;
	/** Nested paging as Xen requires it, or CPU_UNKNOWN */
	int hap;
	/** Raw IA32_FEATURE_CONTROL or VM_CR (when read) */
	uint64_t virt_msr;
	/** Nonzero if @c virt_msr was read */
	int virt_msr_valid;
};

extern void cpu_probe ( const struct cpu_ops *ops, struct cpu_info *info );

#endif /* XENMB_CPU_H */
