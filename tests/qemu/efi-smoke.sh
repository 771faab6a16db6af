#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/qemu/efi-smoke.sh: boot xenmb.efi from Debian's ipxe.efi on OVMF
#
# Usage: tests/qemu/efi-smoke.sh [XENMB_EFI] [XENMB-ARGS...]
#        tests/qemu/efi-smoke.sh --selftest [XENMB_SELFTEST_EFI]
#
# A FAT image holds EFI/BOOT/BOOTX64.EFI = /usr/lib/ipxe/ipxe.efi.  The
# e1000 gets no option ROM, so OVMF boots that drive; ipxe.efi then does
# DHCP on QEMU's user network, fetches boot.ipxe over TFTP from 10.0.2.2,
# and the script runs xenmb.efi with xen.gz beside it and returns to the
# script.  The serial console must show xenmb's output, the script going
# on after xenmb returned, and no CPU exception.  Exit 0 on success.
# Two files are served: xen.gz (Debian's Xen) and small.bin (12345
# random bytes, not a whole number of pages).
#
# --selftest runs build/xenmb-selftest.efi (tests/efi/selftest.c) instead,
# telling it each file's size and CRC-32 as the server sees them; it must print
# "XENMB-SELFTEST PASS" after its jump through the EFI64 handoff.
#
# Environment: TIMEOUT (seconds, default 240), KEEP=1 keeps the work dir,
# EXPECT (extra regex that must appear in the serial log), FILES (more
# files from /var/cache/xenmb to serve and fetch, e.g. "vmlinuz"), MEM
# (MiB, default 512), LOG (copy the cleaned serial log there).
set -eu

selftest=0
if [ "${1:-}" = --selftest ]; then
	selftest=1
	shift
	efi=${1:-build/xenmb-selftest.efi}
else
	efi=${1:-bin/xenmb.efi}
fi
[ $# -gt 0 ] && shift
args=${*:---probe xen.gz}
xen_gz=/var/cache/xenmb/xen-4.17-amd64.gz
small_size=12345
timeout=${TIMEOUT:-240}
ovmf_code=/usr/share/OVMF/OVMF_CODE.fd
ovmf_vars=/usr/share/OVMF/OVMF_VARS.fd

if [ ! -f "$efi" ]; then
	echo "efi-smoke: $efi not found (run make first)" >&2
	exit 2
fi

work=$(mktemp -d /tmp/xenmb-efi-smoke.XXXXXX)
cleanup () {
	if [ "${KEEP:-0}" = 1 ]; then
		echo "efi-smoke: kept $work"
	else
		rm -rf "$work"
	fi
}
trap cleanup EXIT

mkdir -p "$work/tftp"
# A small FAT image (mtools) with ipxe.efi at the removable-media path
dd if=/dev/zero of="$work/esp.img" bs=1024 count=4096 2>/dev/null
mformat -i "$work/esp.img" ::
mmd -i "$work/esp.img" ::/EFI ::/EFI/BOOT
mcopy -i "$work/esp.img" /usr/lib/ipxe/ipxe.efi ::/EFI/BOOT/BOOTX64.EFI
cp "$efi" "$work/tftp/xenmb.efi"
cp "$xen_gz" "$work/tftp/xen.gz"
for f in ${FILES:-}; do
	cp "/var/cache/xenmb/$f" "$work/tftp/$f"
done
head -c "$small_size" /dev/urandom >"$work/tftp/small.bin"
if [ "$selftest" = 1 ]; then
	# Each file's size and CRC-32 as the server sees them
	args=$(cd "$work/tftp" && python3 -c 'import sys, zlib
print(" ".join("%s=%d,%08x" % (n, len(d), zlib.crc32(d))
	for n in sys.argv[1:] for d in [open(n, "rb").read()]))' xen.gz small.bin)
	EXPECT=${EXPECT:-XENMB-SELFTEST PASS}
fi
cp "$ovmf_vars" "$work/vars.fd"
cat > "$work/tftp/boot.ipxe" <<SCRIPT
#!ipxe
echo XENMB-SMOKE-START
imgfree
kernel tftp://10.0.2.2/xenmb.efi $args
initrd -n xen.gz tftp://10.0.2.2/xen.gz xen.gz
initrd -n small.bin tftp://10.0.2.2/small.bin small.bin
$(for f in ${FILES:-}; do echo "initrd -n $f tftp://10.0.2.2/$f $f"; done)
boot || echo XENMB-SMOKE-RETURNED-\${errno}
echo XENMB-SMOKE-END
sleep 1
reboot
SCRIPT

start=$(date +%s)
set +e
timeout "$timeout" qemu-system-x86_64 -accel tcg -m "${MEM:-512}" -nographic \
	-no-reboot \
	-drive if=pflash,format=raw,readonly=on,file="$ovmf_code" \
	-drive if=pflash,format=raw,file="$work/vars.fd" \
	-drive file="$work/esp.img",format=raw,if=ide \
	-netdev user,id=n0,tftp="$work/tftp",bootfile=boot.ipxe \
	-device e1000,netdev=n0,romfile= \
	</dev/null >"$work/serial.log" 2>&1
qrc=$?
set -e
end=$(date +%s)

# Strip the firmware's terminal escapes and carriage returns
sed -e 's/\x1b\[[0-9;]*[A-Za-z]//g' -e 's/\r//g' "$work/serial.log" \
	>"$work/serial.txt"
if [ -n "${LOG:-}" ]; then
	cp "$work/serial.txt" "$LOG"
fi

fail=0
check () {
	if grep -Eq -- "$1" "$work/serial.txt"; then
		echo "efi-smoke: ok: $2"
	else
		echo "efi-smoke: FAIL: $2 (no match for /$1/)"
		fail=1
	fi
}
check 'XENMB-SMOKE-START' "iPXE ran the script"
check '^xenmb[ :]' "xenmb.efi printed its output"
check 'XENMB-SMOKE-(RETURNED-0x7f0482[0-9a-f]{2}|END)' \
	"xenmb.efi returned to the script"
check 'XENMB-SMOKE-END' "the script went on after xenmb.efi"
if [ -n "${EXPECT:-}" ]; then
	check "$EXPECT" "expected output"
fi
if grep -Eq 'X64 Exception|!!!! ' "$work/serial.txt"; then
	echo "efi-smoke: FAIL: CPU exception"
	fail=1
fi
echo "efi-smoke: QEMU exit $qrc after $((end - start)) s"
grep -E '^xenmb|XENMB-' "$work/serial.txt" | sed 's/^/  | /'
if [ "$fail" != 0 ]; then
	tail -n 40 "$work/serial.txt" | sed 's/^/  > /'
fi
exit "$fail"
