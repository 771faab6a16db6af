#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Compare xenmb's ACPI decoders with ACPICA over the table corpus.

For every DMAR, IVRS, MCFG and VIOT table of the corpus this script builds
two canonical decodings and compares them field by field:

  * the oracle: ACPICA's disassembly (`iasl -d`) in the .dsl beside the
    table, read as text here.  The iasl 20200925 .dsl is used unless the
    MANIFEST's iasl_2020_notes say that version could not decode the
    table (IVHD 0x40, DMAR SATC/SIDP, VIOT); then the upstream
    .acpica-20260408.dsl is used;
  * xenmb: the XENMB-JSON line of `xenmb-probe --table FILE --json`,
    i.e. the C decoders.

The two share no code.  Checksums are checked against a byte sum made
here and the MANIFEST's checksum_ok column.  Any sanitizer report from the
probe (built with ASan+UBSan by `make check-corpus`) is a failure.

Tables on which ACPICA itself is wrong are listed, with the reason, in
tests/corpus/exceptions.txt; they are reported, never silently passed.

Usage: check_corpus.py --probe PROBE [--corpus DIR] [--verbose]
"""

import argparse
import concurrent.futures
import csv
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CORPUS = os.path.join(HERE, "acpi")
SIGNATURES = ("DMAR", "IVRS", "MCFG", "VIOT")

# One disassembled field: "[030h 0048   2]   Subtable Type : 0000 [...]"
FIELD_RE = re.compile(r"^\[([0-9A-Fa-f]+)h [0-9]+ +[0-9A-Fa-f]+h?\]\s*(.*?)\s*: (.*)$")
UNKNOWN_RE = re.compile(r"^\*+ Unknown (\w+) (subtable|node) type 0x([0-9A-Fa-f]+)")


# --------------------------------------------------------------- dsl side

def dsl_fields(path):
    """Read a .dsl into [(offset, name, value)], plus unknown markers."""
    out = []
    with open(path, encoding="latin-1") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("Raw Table Data"):
                break
            m = FIELD_RE.match(line)
            if m:
                out.append((int(m.group(1), 16), m.group(2).strip(), m.group(3).strip()))
                continue
            m = UNKNOWN_RE.match(line.strip())
            if m:
                out.append((None, "UNKNOWN", int(m.group(3), 16)))
    return out


def hexval(value):
    """The leading hex number of a field value ("0000 [Hardware...]")."""
    return int(value.split()[0], 16)


def strval(value):
    """A quoted string field value."""
    m = re.match(r'^"(.*)"', value)
    return m.group(1) if m else value


def dsl_label(value):
    m = re.search(r"\[(.*)\]", value)
    return m.group(1) if m else ""


def dsl_dmar(fields):
    """Canonical DMAR from ACPICA's text."""
    res = {"haw": None, "flags": None, "structs": {}, "unknown": []}
    cur = None
    scope = None
    for off, name, value in fields:
        if name == "UNKNOWN":
            res["unknown"].append(value)
            continue
        if off is not None and off < 0x30:
            if name == "Host Address Width":
                res["haw"] = hexval(value) + 1
            elif name == "Flags":
                res["flags"] = hexval(value)
            continue
        if name == "Subtable Type":
            t = hexval(value)
            cur = {"type": t, "scopes": []}
            scope = None
            res["structs"].setdefault(t, []).append(cur)
            continue
        if cur is None:
            continue
        if name == "Device Scope Type":
            scope = {"type": hexval(value), "path": []}
            cur["scopes"].append(scope)
            continue
        if scope is not None:
            if name == "Enumeration ID":
                scope["id"] = hexval(value)
            elif name == "PCI Bus Number":
                scope["bus"] = hexval(value)
            elif name == "PCI Path":
                scope["path"].extend(int(x, 16) for x in value.split(","))
            continue
        key = {"Flags": "flags", "PCI Segment Number": "segment",
               "Register Base Address": "base", "Base Address": "base",
               "End Address (limit)": "limit", "Proximity Domain": "proximity",
               "Device Number": "number"}.get(name)
        if key:
            cur[key] = hexval(value)
        elif name == "Device Name":
            cur["name"] = strval(value)
    return res


def dsl_ivrs(fields):
    """Canonical IVRS from ACPICA's text."""
    res = {"ivinfo": None, "ivhd": [], "ivmd": [], "unknown": []}
    cur = None
    entry = None
    for off, name, value in fields:
        if name == "UNKNOWN":
            res["unknown"].append(value)
            cur = entry = None
            continue
        if off is not None and off < 0x30:
            if name == "Virtualization Info":
                res["ivinfo"] = hexval(value)
            continue
        label = dsl_label(value)
        is_entry = (name == "Entry Type" or
                    (name == "Subtable Type" and "Device Entry" in label))
        if is_entry:
            entry = {"type": hexval(value), "offset": off}
            if cur is not None and "entries" in cur:
                cur["entries"].append(entry)
            continue
        if name == "Subtable Type":
            t = hexval(value)
            entry = None
            if t in (0x10, 0x11, 0x40):
                cur = {"type": t, "entries": []}
                res["ivhd"].append(cur)
            elif t in (0x20, 0x21, 0x22):
                cur = {"type": t}
                res["ivmd"].append(cur)
            else:
                cur = None
            continue
        if entry is not None:
            key = {"Device ID": "devid", "Data Setting": "settings",
                   "Data Setting (decoded below)": "settings",
                   "Source Used Device ID": "source", "Extended Data": "ext",
                   "Handle": "handle", "Variety": "variety",
                   "UID Format": "uid_format", "UID Length": "uid_len",
                   "ACPI CID": "cid"}.get(name)
            if key:
                entry[key] = hexval(value)
            elif name == "ACPI HID":
                entry["hid"] = strval(value)
            elif name == "UID":
                # Format 1 is an integer, printed in hex; 2 a string
                entry["uid"] = (hexval(value) if entry.get("uid_format") == 1
                                else strval(value))
            continue
        if cur is None:
            continue
        key = {"Flags": "flags", "Flags (decoded below)": "flags",
               "DeviceId": "devid", "Capability Offset": "cap",
               "Base Address": "base", "PCI Segment Group": "segment",
               "Virtualization Info": "info", "Feature Reporting": "attr",
               "Attributes": "attr", "EFR Image": "efr",
               "Auxiliary Data": "aux", "Start Address": "start",
               "Memory Length": "size"}.get(name)
        if key:
            cur[key] = hexval(value)
    return res


def dsl_mcfg(fields):
    allocs = []
    for off, name, value in fields:
        if off is None or off < 0x2C:
            continue
        if name == "Base Address":
            allocs.append({"base": hexval(value)})
        elif allocs and name in ("Segment Group Number", "PCI Segment Group Number"):
            allocs[-1]["segment"] = hexval(value)
        elif allocs and name == "Start Bus Number":
            allocs[-1]["bus_start"] = hexval(value)
        elif allocs and name == "End Bus Number":
            allocs[-1]["bus_end"] = hexval(value)
    return {"allocs": allocs}


def dsl_viot(fields):
    res = {"node_count": None, "nodes": [], "unknown": []}
    cur = None
    for off, name, value in fields:
        if name == "UNKNOWN":
            res["unknown"].append(value)
            if cur is not None and cur["type"] == value:
                res["nodes"].remove(cur)
            cur = None
            continue
        if off is not None and off < 0x30:
            if name == "Node count":
                res["node_count"] = hexval(value)
            continue
        if name == "Type":
            cur = {"type": hexval(value), "offset": off}
            res["nodes"].append(cur)
            continue
        if cur is None:
            continue
        key = {"Endpoint start": "endpoint", "Endpoint": "endpoint",
               "PCI Segment start": "segment_start", "PCI Segment end": "segment_end",
               "PCI BDF start": "bdf_start", "PCI BDF end": "bdf_end",
               "Output node": "output_node", "PCI Segment": "segment",
               "PCI BDF number": "bdf", "Base address": "base"}.get(name)
        if key:
            cur[key] = hexval(value)
    return res


# ------------------------------------------------------------- xenmb side

def bdf_id(text):
    """"SSSS:BB:DD.F" -> 16-bit requester ID."""
    m = re.match(r"^([0-9a-f]{4}):([0-9a-f]{2}):([0-9a-f]{2})\.([0-7])$", text)
    if not m:
        raise ValueError("bad PCI address %r" % text)
    return (int(m.group(2), 16) << 8) | (int(m.group(3), 16) << 3) | int(m.group(4))


def hx(text):
    return int(text, 16)


def c_dmar(d):
    res = {"haw": d["haw"], "flags": d["flags"], "structs": {},
           "unknown": [hx(u["type"]) for u in d["unknown"]]}

    def scopes(lst):
        out = []
        for s in lst:
            path = []
            for hop in s["path"]:
                path.extend(hop)
            out.append({"type": s["type_id"], "id": s["id"], "bus": s["bus"], "path": path})
        return out

    for x in d["drhd"]:
        res["structs"].setdefault(0, []).append(
            {"type": 0, "flags": x["flags"], "segment": x["segment"], "base": hx(x["base"]),
             "scopes": scopes(x["scopes"])})
    for x in d["rmrr"]:
        res["structs"].setdefault(1, []).append(
            {"type": 1, "segment": x["segment"], "base": hx(x["base"]),
             "limit": hx(x["limit"]), "scopes": scopes(x["scopes"])})
    for x in d["atsr"]:
        res["structs"].setdefault(2, []).append(
            {"type": 2, "flags": x["flags"], "segment": x["segment"], "scopes": scopes(x["scopes"])})
    for x in d["rhsa"]:
        res["structs"].setdefault(3, []).append(
            {"type": 3, "base": hx(x["base"]), "proximity": x["proximity_domain"], "scopes": []})
    for x in d["andd"]:
        res["structs"].setdefault(4, []).append(
            {"type": 4, "number": x["id"], "name": x["name"], "scopes": []})
    for x in d["satc"]:
        res["structs"].setdefault(5, []).append(
            {"type": 5, "flags": x["flags"], "segment": x["segment"], "scopes": scopes(x["scopes"])})
    for x in d["sidp"]:
        res["structs"].setdefault(6, []).append(
            {"type": 6, "segment": x["segment"], "scopes": scopes(x["scopes"])})
    return res


def c_ivrs(d):
    res = {"ivinfo": hx(d["ivinfo"]), "ivhd": [], "ivmd": [],
           "unknown": [hx(u["type"]) for u in d["unknown"]]}
    for h in d["ivhd"]:
        blk = {"type": hx(h["type"]), "flags": hx(h["flags"]), "devid": bdf_id(h["bdf"]),
               "cap": hx(h["cap_offset"]), "base": hx(h["base"]), "segment": h["segment"],
               "info": hx(h["info"]), "attr": hx(h["attr"])}
        if h["efr"] is not None:
            blk["efr"] = hx(h["efr"])
        entries = []
        for e in h["devices"]:
            ent = {"type": hx(e["entry"]), "offset": hx(e["offset"]),
                   "settings": hx(e["settings"])}
            kind = e["type"]
            if kind == "special":
                ent.update(devid=hx(e["entry_id"]), handle=e["id"], source=bdf_id(e["bdf"]),
                           variety=hx(e["variety_id"]))
            else:
                ent["devid"] = bdf_id(e["bdf"])
            if kind in ("alias", "alias_range"):
                ent["source"] = bdf_id(e["alias"])
            if kind in ("ext_select", "ext_range"):
                ent["ext"] = hx(e["ext"])
            if kind == "acpi_hid":
                ent.update(hid=e["hid"], cid=hx(e["cid"]), uid_format=e["uid_format"],
                           uid_len=e["uid_len"],
                           uid=hx(e["uid"]) if e["uid_format"] == 1 else e["uid"])
            entries.append(ent)
            if kind in ("range", "alias_range", "ext_range") and not e["unterminated"]:
                entries.append({"type": 4, "offset": hx(e["end_offset"]),
                                "devid": bdf_id(e["last"]), "settings": hx(e["end_settings"])})
        # ACPICA lists the unknown entries it skips as entries too
        for u in h["unknown"]:
            entries.append({"type": hx(u["type"]), "offset": hx(u["offset"])})
        entries.sort(key=lambda x: x["offset"])
        blk["entries"] = entries
        res["ivhd"].append(blk)
    for m in d["ivmd"]:
        res["ivmd"].append({"type": hx(m["type"]), "flags": hx(m["flags"]), "devid": bdf_id(m["bdf"]),
                            "aux": hx(m["aux"]), "start": hx(m["start"]), "size": hx(m["length"])})
    return res


def c_mcfg(d):
    return {"allocs": [{"base": hx(a["base"]), "segment": a["segment"],
                        "bus_start": a["bus_start"], "bus_end": a["bus_end"]} for a in d]}


def c_viot(d):
    res = {"node_count": d["node_count"], "nodes": [],
           "unknown": [hx(u["type"]) for u in d["unknown"]]}
    names = {"pci_range": 1, "mmio_endpoint": 2, "virtio_pci_iommu": 3, "virtio_mmio_iommu": 4}
    for n in d["nodes"]:
        node = {"type": names[n["type"]], "offset": hx(n["offset"])}
        if node["type"] == 1:
            node.update(endpoint=n["endpoint"], segment_start=n["segment_start"],
                        segment_end=n["segment_end"], bdf_start=bdf_id(n["bdf_start"]),
                        bdf_end=bdf_id(n["bdf_end"]), output_node=hx(n["output_node"]))
        elif node["type"] == 2:
            node.update(endpoint=n["endpoint"], base=hx(n["base"]), output_node=hx(n["output_node"]))
        elif node["type"] == 3:
            node.update(segment=n["segment"], bdf=bdf_id(n["bdf"]))
        else:
            node.update(base=hx(n["base"]))
        res["nodes"].append(node)
    return res


# ------------------------------------------------------------- comparison

COMPARED = [0]


def compare(a, b, path, out):
    """Field-by-field comparison of the oracle (a) with xenmb (b)."""
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b), key=str):
            if k not in a:
                continue          # xenmb may decode more than ACPICA prints
            if k not in b:
                out.append("%s.%s: ACPICA %r, xenmb has no such field" % (path, k, a[k]))
                continue
            compare(a[k], b[k], "%s.%s" % (path, k), out)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            out.append("%s: ACPICA has %d, xenmb %d" % (path, len(a), len(b)))
        for i, (x, y) in enumerate(zip(a, b)):
            compare(x, y, "%s[%d]" % (path, i), out)
    else:
        COMPARED[0] += 1
        if a != b:
            out.append("%s: ACPICA %r, xenmb %r" % (path, a, b))


def load_manifest(corpus):
    with open(os.path.join(corpus, "MANIFEST.tsv"), newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def load_exceptions():
    """exceptions.txt: "FILE FIELD-PATH  # reason" per line.

    Each line excuses one difference (the field path as printed in a
    MISMATCH line, up to the colon) on one table; every other field of
    that table is still compared.  Comment lines above say why.
    """
    path = os.path.join(HERE, "exceptions.txt")
    out = {}
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                line = line.split("#", 1)[0].strip()
                if line:
                    name, field = line.split()
                    out.setdefault(name, set()).add(field)
    return out


def oracle_path(corpus, row):
    base = os.path.join(corpus, row["file"][:-4])
    notes = row.get("iasl_2020_notes") or ""
    if re.search(r"unknown_|Unknown_", notes):
        return base + ".acpica-20260408.dsl"
    return base + ".dsl"


def run_probe(probe, table):
    env = dict(os.environ)
    env["ASAN_OPTIONS"] = "exitcode=99:detect_leaks=1"
    env["UBSAN_OPTIONS"] = "halt_on_error=1:exitcode=98:print_stacktrace=1"
    p = subprocess.run([probe, "--table", table, "--json"], capture_output=True, env=env)
    problems = []
    if p.returncode not in (0, 1):
        problems.append("probe exit status %d" % p.returncode)
    err = p.stderr.decode("latin-1")
    if "runtime error" in err or "AddressSanitizer" in err or "LeakSanitizer" in err:
        problems.append("sanitizer: " + err.strip().splitlines()[0])
    report = None
    lines = [l for l in p.stdout.decode("utf-8").splitlines()
             if l.startswith("XENMB-JSON ")]
    if len(lines) != 1:
        problems.append("probe printed %d XENMB-JSON lines" % len(lines))
        return None, problems
    try:
        report = json.loads(lines[0][len("XENMB-JSON "):])
    except ValueError as e:
        problems.append("probe JSON does not parse: %s" % e)
    return report, problems


def check_table(corpus, probe, row):
    sig = row["signature"]
    table = os.path.join(corpus, row["file"])
    mism = []
    report, problems = run_probe(probe, table)
    mism.extend(problems)
    if report is None:
        return mism, None
    with open(table, "rb") as f:
        raw = f.read()
    sum_ok = (sum(raw) & 0xff) == 0
    part = report[sig.lower()]
    if part is None:
        return mism + ["xenmb decoded no %s table" % sig], None
    if sig == "MCFG":
        c_ok = report["acpi"]["details"][0]["checksum_ok"]
    else:
        c_ok = part["checksum_ok"]
    if c_ok != sum_ok:
        mism.append("checksum_ok: byte sum says %s, xenmb %s" % (sum_ok, c_ok))
    if row["checksum_ok"] in ("0", "1") and (row["checksum_ok"] == "1") != c_ok:
        mism.append("checksum_ok: MANIFEST says %s, xenmb %s" % (row["checksum_ok"], c_ok))
    oracle = oracle_path(corpus, row)
    fields = dsl_fields(oracle)
    dsl = {"DMAR": dsl_dmar, "IVRS": dsl_ivrs, "MCFG": dsl_mcfg, "VIOT": dsl_viot}[sig](fields)
    mine = {"DMAR": c_dmar, "IVRS": c_ivrs, "MCFG": c_mcfg, "VIOT": c_viot}[sig](part)
    compare(dsl, mine, sig, mism)
    return mism, os.path.basename(oracle)


def check_tables_dir(corpus, probe):
    """--tables DIR over a sysfs-like dump built from corpus tables."""
    import shutil
    import tempfile
    problems = []
    rows = load_manifest(corpus)
    pick = {}
    for row in rows:
        if row["signature"] in ("DMAR", "MCFG") and row["origin"] == "real":
            pick.setdefault(row["signature"], row["file"])
    tmp = tempfile.mkdtemp(prefix="xenmb-tables.")
    try:
        for sig, name in pick.items():
            shutil.copy(os.path.join(corpus, name), os.path.join(tmp, sig))
        with open(os.path.join(tmp, "JUNK"), "wb") as f:
            f.write(b"not a table")
        p = subprocess.run([probe, "--tables", tmp, "--json"], capture_output=True)
        lines = [l for l in p.stdout.decode().splitlines() if l.startswith("XENMB-JSON ")]
        if p.returncode not in (0, 1) or len(lines) != 1:
            return ["--tables: exit %d, %d report lines" % (p.returncode, len(lines))]
        rep = json.loads(lines[0][len("XENMB-JSON "):])
        if rep["source"] != "tables":
            problems.append("--tables: source %r" % rep["source"])
        if sorted(rep["acpi"]["tables"]) != sorted(pick):
            problems.append("--tables: tables %r, expected %r" % (rep["acpi"]["tables"], sorted(pick)))
        if rep["dmar"] is None or rep["mcfg"] is None or rep["ivrs"] is not None:
            problems.append("--tables: dmar/mcfg missing or ivrs present")
        if rep["pci"] or rep["cpu"] is not None:
            problems.append("--tables: PCI or CPU data from a dump")
    finally:
        shutil.rmtree(tmp)
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--probe", required=True)
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    corpus = os.path.abspath(args.corpus)
    if not os.path.isdir(corpus):
        print("check_corpus: no corpus at %s" % corpus)
        return 1
    exceptions = load_exceptions()
    rows = [r for r in load_manifest(corpus) if r["signature"] in SIGNATURES]
    failed = 0
    excused = 0
    counts = {}
    # Two probes at a time (the machine is shared); results in table order
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda r: check_table(corpus, args.probe, r), rows))
    for row, (mism, oracle) in zip(rows, results):
        counts[row["signature"]] = counts.get(row["signature"], 0) + 1
        allowed = exceptions.get(row["file"], set())
        seen = set()
        left = []
        for m in mism:
            field = m.split(":", 1)[0]
            if field in allowed:
                seen.add(field)
                excused += 1
                print("EXCEPTION %s: %s (see exceptions.txt)" % (row["file"], m))
            else:
                left.append(m)
        for field in sorted(allowed - seen):
            print("NOTE %s: exception %s no longer needed" % (row["file"], field))
        mism = left
        if not mism:
            continue
        failed += 1
        print("MISMATCH %s (oracle %s):" % (row["file"], oracle))
        for m in mism[:40]:
            print("    " + m)
        if len(mism) > 40:
            print("    ... %d more" % (len(mism) - 40))
    for m in check_tables_dir(corpus, args.probe):
        failed += 1
        print("MISMATCH " + m)
    print("check_corpus: %s tables, %d fields compared; %d tables mismatching, "
          "%d listed exceptions used" %
          (", ".join("%d %s" % (counts[s], s) for s in sorted(counts)), COMPARED[0],
           failed, excused))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
