#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/qemu/lab-boot.sh: the seed's scenario end to end in the lab
# (scripts/lab): DHCP from dnsmasq, iPXE loading boot.ipxe over TFTP and
# the menu over HTTP, the entry chosen by the menu's scripted default
# (the machine's host/MAC.ipxe), xenmb booting Xen, dom0 mounting its
# root over NFS and printing the token this lab wrote into that root.
# On BIOS (the e1000's iPXE ROM) and UEFI (ipxe.efi); then the probe
# entry (UEFI with an IOMMU; BIOS through ipxe.lkrn + embed/menu.ipxe),
# the probe-gated entry on both branches, and finally that "scripts/lab
# down" leaves no process, namespace or TAP device behind.
# One QEMU at a time.  Usage: tests/qemu/lab-boot.sh [CASE...]

set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
export XENMB_LAB_STATE=$root/build/lab-test
lab=scripts/lab
pass=0 fail=0
t0=$(date +%s)

ok() { echo "PASS $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1${2:+: $2}"; fail=$((fail + 1)); }

[ "$(id -u)" = 0 ] || { echo "lab-boot: must run as root"; exit 2; }
for f in bin/xenmb.lkrn bin/xenmb.efi; do
	[ -f "$f" ] || { echo "lab-boot: $f is not built (make)"; exit 2; }
done

wanted() {
	[ $# -eq 0 ] && return 0
	local c
	for c in $selected; do [ "$c" = "$1" ] && return 0; done
	return 1
}
selected="$*"

# boot NAME ARGS...: one lab boot; it passes when scripts/lab boot does
boot() {
	local name=$1 start
	shift
	[ -z "$selected" ] || wanted "$name" || return 0
	start=$(date +%s)
	echo "--- $name: scripts/lab boot $*"
	if $lab boot "$@"; then
		ok "$name ($(($(date +%s) - start)) s)"
	else
		bad "$name" "see the lines above"
	fi
}

echo "--- scripts/lab up (state $XENMB_LAB_STATE)"
if ! $lab up; then
	echo "lab-boot: the lab did not come up"
	exit 1
fi
pids=$(awk '{ print $2 }' "$XENMB_LAB_STATE/pids")
token=$(cat "$XENMB_LAB_STATE/token")
nfsroot='192\.168\.42\.1:/export/rootfs'

# A second lab is refused while this one is up
if $lab up >"$XENMB_LAB_STATE/second-up.out" 2>&1; then
	bad "second-up" "a second lab came up"
elif grep -q "a lab is already up" "$XENMB_LAB_STATE/second-up.out"; then
	ok "second-up refused: $(cat "$XENMB_LAB_STATE/second-up.out")"
else
	bad "second-up" "$(cat "$XENMB_LAB_STATE/second-up.out")"
fi

xen_ok=(--expect '^tftp://192\.168\.42\.1/boot\.ipxe\.\.\. ok'
	--expect '^http://192\.168\.42\.1/ipxe/menu\.ipxe\.\.\. ok'
	--expect '^xenmb: menu entry xen$'
	--expect '^\(XEN\) Bootloader: xenmb'
	--expect '^\(XEN\) Xen version 4\.17'
	--expect '^xenmb-initrd: eth0 192\.168\.42\.[0-9]+ from 192\.168\.42\.1$'
	--expect "^XENMB-NFS-MOUNTED $nfsroot\$"
	--expect "^XENMB-LAB-ROOT-UP token=$token root=$nfsroot nfs\$")

boot bios-xen --entry xen --timeout 240 "${xen_ok[@]}" \
	--expect '^xenmb: xen\.gz: .*multiboot2$'
boot efi-xen --efi --entry xen --timeout 240 "${xen_ok[@]}" \
	--expect '^xenmb: xen\.gz: .*multiboot2 \(EFI, boot services kept\)$'

# The probe entry: UEFI returns to the script with the verdict
boot efi-probe-iommu --efi --iommu --entry probe --timeout 150 \
	--expect '^xenmb: menu entry probe$' \
	--expect '^xenmb probe: Xen 4\.17 boots, IOMMU enabled, interrupt remapping enabled' \
	--expect '^xenmb-probe: Xen will get a working IOMMU$' \
	--forbid '^xenmb-probe: Xen will not' --forbid '^\(XEN\)'
# BIOS through ipxe.lkrn with embed/menu.ipxe as its initrd (the way an
# embedded script runs); no IOMMU; --probe reboots at once (QEMU exits)
boot bios-embed-probe --lkrn --embed embed/menu.ipxe --entry probe \
	--set 'xenmb-probe-timeout 0' --timeout 120 \
	--expect '^xenmb-embed: menu from http://192\.168\.42\.1/ipxe/menu\.ipxe$' \
	--expect '^xenmb: menu entry probe$' \
	--expect '^xenmb probe: Xen 4\.17 boots, IOMMU disabled' \
	--forbid '^\(XEN\)'

# The probe-gated entry, both branches
boot efi-gated-iommu --efi --iommu --entry gated --timeout 200 \
	--expect '^xenmb-gate: IOMMU ready: booting Xen with iommu=on$' \
	--expect '^\(XEN\) Command line: console=com1 .* iommu=on$' \
	--expect '^\(XEN\) I/O virtualisation enabled$' \
	--forbid '^xenmb-gate: no IOMMU'
boot efi-gated-none --efi --entry gated --timeout 200 \
	--expect '^xenmb-gate: no IOMMU for passthrough \(0x[0-9a-f]+\): booting Xen without it$' \
	--expect '^\(XEN\) Command line: console=com1 com1=115200,8n1 dom0_mem=512M,max:512M loglvl=all guest_loglvl=all$' \
	--forbid '^xenmb-gate: IOMMU ready' --forbid '^\(XEN\) Command line: .*iommu=on'

echo "--- scripts/lab down"
$lab down
# A process that has exited but not yet been reaped by its new parent
# (the daemons outlive "scripts/lab up") is a zombie: it no longer runs
left=
for pid in $pids; do
	state=$(sed 's/.*) \([A-Z]\).*/\1/' "/proc/$pid/stat" 2>/dev/null)
	[ -n "$state" ] && [ "$state" != Z ] &&
		left="$left $pid($(cat /proc/$pid/comm 2>/dev/null), state $state)"
done
if ip netns list | grep -qw xenmb-lab; then
	bad "down" "namespace xenmb-lab still exists"
elif [ -n "$left" ]; then
	bad "down" "processes still running:$left"
elif ip link show tap0 >/dev/null 2>&1 || ip link show br0 >/dev/null 2>&1; then
	bad "down" "tap0 or br0 left in the root namespace"
elif [ -e "$XENMB_LAB_STATE/pids" ]; then
	bad "down" "PID file left behind"
else
	ok "down: no namespace, no tap0/br0, none of the PIDs$(echo " $pids" | tr '\n' ' ') alive"
fi

echo "lab-boot: $pass passed, $fail failed in $(($(date +%s) - t0)) s (serial logs in ${XENMB_LAB_STATE#"$root"/})"
[ $fail -eq 0 ]
