#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""tests/acpi-inject/mktables.py: ACPI tables to inject with QEMU's
-acpitable, for the probe-*-inj-* cases (tests/qemu/cases).

Writes each table's bytes, field by field, with its checksum (on
purpose wrong where the case wants that), into tests/acpi-inject/NAME.aml
(the QEMU cases point at those files), and with --check compares the
files with what it would write (exit 1 if one differs) and, when iasl is
installed, has ACPICA disassemble each so a table it cannot decode fails.

QEMU appends injected tables after the ones it builds, and Xen and the
probe both use the first table of a signature: so an injected DMAR or
IVRS only counts on a machine without that IOMMU device.  QEMU also
rewrites the checksum of every -acpitable table, so a bad checksum
cannot be injected this way (the unit tests and the corpus cover it).

Tables (the MADT IO-APIC of QEMU's q35 and pc has ID 0):
  dmar-nointremap  DMAR, flags 0 (INTR_REMAP clear), one DRHD
                   (INCLUDE_PCI_ALL, IO-APIC 0 scope) at 0xfed90000, where
                   no VT-d unit answers (reads as 0 under QEMU)
  dmar-nounit      the same with flags 1 (INTR_REMAP)
  dmar-width0      the same with Host Address Width 0: Xen stops at the
                   DMAR and does not try IVRS
  dmar-base0       the same with register base 0: Xen gives up on the
                   DMAR with -ENODEV and tries IVRS next
  ivrs-noioapic    IVRS, one IVHD type 0x10 for device 00:00.2 (no such
                   function), range 00:00.0-ff:1f.7, no IO-APIC special
                   entry
"""

import os
import shutil
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
OEM_ID = b"XENMBT"
OEM_TABLE_ID = b"XMBINJCT"
CREATOR = b"XMBT"


def checksummed(sig, revision, body, skew=0):
    """A table: the 36-byte ACPI header before body, its checksum making
    the byte sum 0 (plus skew, to break it on purpose)."""
    length = 36 + len(body)
    head = struct.pack("<4sIBB6s8sI4sI", sig, length, revision, 0, OEM_ID,
                       OEM_TABLE_ID, 1, CREATOR, 1)
    table = bytearray(head + body)
    table[9] = (-sum(table) + skew) & 0xff
    return bytes(table)


def dmar_scope(kind, enum_id, bus, dev, fn):
    """A DMAR device scope with one path hop."""
    return struct.pack("<BBHBBBB", kind, 8, 0, enum_id, bus, dev, fn)


def dmar(flags=1, width=38, skew=0, base=0xfed90000):
    """A DMAR with one INCLUDE_PCI_ALL DRHD at base that lists IO-APIC 0
    (QEMU's pseudo bus 0xff, as its own DMAR does)."""
    scopes = dmar_scope(3, 0, 0xff, 0, 0)
    drhd = struct.pack("<HHBBHQ", 0, 16 + len(scopes), 0x01, 0, 0,
                       base) + scopes
    body = struct.pack("<BB10s", width, flags, bytes(10)) + drhd
    return checksummed(b"DMAR", 1, body, skew)


def ivrs_noioapic():
    """An IVRS with one IVHD type 0x10 and no special entries."""
    entries = (struct.pack("<BHB", 3, 0x0000, 0) +   # range start
               struct.pack("<BHB", 4, 0xffff, 0) +   # range end
               bytes(8))                             # two 4-byte pads
    ivhd = struct.pack("<BBHHHQHHI", 0x10, 0x00, 24 + len(entries), 0x0002,
                       0x40, 0xfeb80000, 0, 0, 0) + entries
    ivinfo = (48 << 8) | (48 << 15) | (40 << 22)     # PA, VA, GVA sizes
    body = struct.pack("<I8s", ivinfo, bytes(8)) + ivhd
    return checksummed(b"IVRS", 2, body)


TABLES = {
    "dmar-nointremap": lambda: dmar(flags=0),
    "dmar-nounit": lambda: dmar(flags=1),
    "dmar-width0": lambda: dmar(flags=1, width=0),
    "dmar-base0": lambda: dmar(flags=1, base=0),
    "ivrs-noioapic": ivrs_noioapic,
}


def iasl_decodes(data):
    """ACPICA's iasl -d on the bytes: True if it wrote a .dsl."""
    tmp = tempfile.mkdtemp(prefix="xenmb-inject-")
    try:
        path = os.path.join(tmp, "t.aml")
        with open(path, "wb") as f:
            f.write(data)
        subprocess.run(["iasl", "-d", path], cwd=tmp, capture_output=True)
        return os.path.exists(os.path.join(tmp, "t.dsl"))
    finally:
        shutil.rmtree(tmp)


def main(argv):
    check = "--check" in argv
    bad = 0
    for name, build in TABLES.items():
        data = build()
        path = os.path.join(HERE, name + ".aml")
        if not check:
            with open(path, "wb") as f:
                f.write(data)
            print("wrote %s (%d bytes)" % (os.path.relpath(path), len(data)))
            continue
        try:
            with open(path, "rb") as f:
                same = f.read() == data
        except OSError:
            same = False
        if not same:
            print("%s: differs from mktables.py's output" % path)
            bad = 1
        if shutil.which("iasl") and not iasl_decodes(data):
            print("%s: iasl cannot disassemble it" % name)
            bad = 1
    return bad


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
