/* SPDX-License-Identifier: GPL-2.0-or-later */
/** @file
 *
 * CPU virtualization state as Xen 4.17 sees it
 *
 * Mirrors xen/arch/x86/hvm/vmx/vmcs.c (_vmx_cpu_up: IA32_FEATURE_CONTROL;
 * vmx_init_vmcs_config: EPT capability checks), xen/arch/x86/hvm/vmx/vmx.c
 * (start_vmx: HAP needs EPT and the VM-entry "load PAT" control) and
 * xen/arch/x86/hvm/svm/svm.c (_svm_cpu_up: VM_CR.SVMDIS; start_svm: NPT
 * from CPUID 0x8000000A EDX bit 0).
 */
#include <stdint.h>
#include <string.h>
#include <xenmb/errors.h>
#include <xenmb/cpu.h>

/** CPUID 1 ECX: VMX */
#define CPUID1_ECX_VMX 0x00000020UL
/** CPUID 1 ECX: x2APIC */
#define CPUID1_ECX_X2APIC 0x00200000UL
/** CPUID 0x80000001 ECX: SVM */
#define CPUID81_ECX_SVM 0x00000004UL
/** CPUID 0x8000000A EDX: nested paging */
#define CPUID8A_EDX_NPT 0x00000001UL

/**
 * Read an MSR if the carrier can
 *
 * @v ops		CPU operations
 * @v msr		MSR
 * @v val		Value
 * @ret rc		0, or negative if not readable here
 */
static int cpu_rdmsr ( const struct cpu_ops *ops, uint32_t msr,
                       uint64_t *val ) {
	if ( !ops->rdmsr )
		return -XENOTSUP;
	return ops->rdmsr ( ops->ctx, msr, val );
}

/**
 * Decide whether firmware left VMX usable (vmcs.c _vmx_cpu_up)
 *
 * @v ops		CPU operations
 * @v info		CPU information
 *
 * A locked IA32_FEATURE_CONTROL without "VMXON outside SMX" makes Xen say
 * "VMX disabled by BIOS".  An unlocked one Xen sets and locks itself.
 */
static void cpu_probe_vmx ( const struct cpu_ops *ops, struct cpu_info *info ) {
	uint64_t ctl;
	uint64_t procbased;
	uint64_t secondary;
	uint64_t entry;
	uint64_t ept;

	if ( cpu_rdmsr ( ops, MSR_IA32_FEATURE_CONTROL, &ctl ) != 0 )
		return;
	info->virt_msr = ctl;
	info->virt_msr_valid = 1;
	info->virt_enabled = ( !( ctl & FEATURE_CONTROL_LOCKED ) ||
	                       ( ctl & FEATURE_CONTROL_VMXON_OUTSIDE_SMX ) );

	/* EPT: allowed-1 bits are the high halves of the control MSRs */
	if ( ( cpu_rdmsr ( ops, MSR_IA32_VMX_PROCBASED_CTLS, &procbased ) !=
	       0 ) ||
	     ( cpu_rdmsr ( ops, MSR_IA32_VMX_ENTRY_CTLS, &entry ) != 0 ) )
		return;
	info->hap = 0;
	if ( !( ( procbased >> 32 ) & VMX_ACTIVATE_SECONDARY ) )
		return;
	if ( ( cpu_rdmsr ( ops, MSR_IA32_VMX_PROCBASED_CTLS2, &secondary ) !=
	       0 ) ||
	     !( ( secondary >> 32 ) & VMX_SECONDARY_EPT ) )
		return;
	/* EPT_VPID_CAP exists only when EPT or VPID may be set */
	if ( cpu_rdmsr ( ops, MSR_IA32_VMX_EPT_VPID_CAP, &ept ) != 0 ) {
		info->hap = CPU_UNKNOWN;
		return;
	}
	if ( !( ept & VMX_EPT_WB ) || !( ept & VMX_EPT_WALK_4 ) ||
	     !( ept & VMX_EPT_INVEPT_ALL ) )
		return;
	info->hap = ( ( ( entry >> 32 ) & VMX_ENTRY_LOAD_PAT ) != 0 );
}

/**
 * Decide whether firmware left SVM usable (svm.c _svm_cpu_up)
 *
 * @v ops		CPU operations
 * @v info		CPU information
 */
static void cpu_probe_svm ( const struct cpu_ops *ops, struct cpu_info *info ) {
	uint32_t regs[4];
	uint64_t vm_cr;

	/* NPT is a CPUID bit: known even without MSR access */
	ops->cpuid ( ops->ctx, 0x80000000UL, 0, regs );
	if ( regs[0] >= 0x8000000aUL ) {
		ops->cpuid ( ops->ctx, 0x8000000aUL, 0, regs );
		info->hap = ( ( regs[3] & CPUID8A_EDX_NPT ) != 0 );
	} else {
		info->hap = 0;
	}

	if ( cpu_rdmsr ( ops, MSR_VM_CR, &vm_cr ) != 0 )
		return;
	info->virt_msr = vm_cr;
	info->virt_msr_valid = 1;
	info->virt_enabled = !( vm_cr & VM_CR_SVMDIS );
}

/**
 * Probe the CPU
 *
 * @v ops		CPU operations
 * @v info		CPU information to fill
 */
void cpu_probe ( const struct cpu_ops *ops, struct cpu_info *info ) {
	uint32_t regs[4];
	uint32_t max_leaf;
	uint32_t max_ext;
	uint64_t apic_base;

	memset ( info, 0, sizeof ( *info ) );
	info->virt_enabled = CPU_UNKNOWN;
	info->hap = CPU_UNKNOWN;
	info->x2apic_enabled = CPU_UNKNOWN;

	/* Vendor: EBX, EDX, ECX */
	ops->cpuid ( ops->ctx, 0, 0, regs );
	max_leaf = regs[0];
	memcpy ( &info->vendor[0], &regs[1], 4 );
	memcpy ( &info->vendor[4], &regs[3], 4 );
	memcpy ( &info->vendor[8], &regs[2], 4 );
	info->vendor[12] = '\0';
	info->intel = ( strcmp ( info->vendor, "GenuineIntel" ) == 0 );
	info->amd = ( ( strcmp ( info->vendor, "AuthenticAMD" ) == 0 ) ||
	              ( strcmp ( info->vendor, "HygonGenuine" ) == 0 ) );

	/* Feature bits */
	if ( max_leaf >= 1 ) {
		ops->cpuid ( ops->ctx, 1, 0, regs );
		info->vmx = ( ( regs[2] & CPUID1_ECX_VMX ) != 0 );
		info->x2apic = ( ( regs[2] & CPUID1_ECX_X2APIC ) != 0 );
	}
	ops->cpuid ( ops->ctx, 0x80000000UL, 0, regs );
	max_ext = regs[0];
	if ( ( max_ext & 0xffff0000UL ) == 0x80000000UL &&
	     ( max_ext >= 0x80000001UL ) ) {
		ops->cpuid ( ops->ctx, 0x80000001UL, 0, regs );
		info->svm = ( ( regs[2] & CPUID81_ECX_SVM ) != 0 );
	}

	/* x2APIC mode left on by firmware matters to the VT-d opt-out */
	if ( info->x2apic &&
	     ( cpu_rdmsr ( ops, MSR_IA32_APIC_BASE, &apic_base ) == 0 ) )
		info->x2apic_enabled =
		        ( ( apic_base & APIC_BASE_X2APIC_ENABLE ) != 0 );
	else if ( !info->x2apic )
		info->x2apic_enabled = 0;

	/* Only read the MSRs that the CPUID bits say exist */
	if ( info->vmx )
		cpu_probe_vmx ( ops, info );
	else if ( info->svm )
		cpu_probe_svm ( ops, info );
	else
		info->virt_enabled = 0;
}
