#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""tests/probe/check_probe_tables.py: xenmb-probe --tables end to end.

Two checks of the Linux carrier as users run it (DESIGN.md: `--tables
DIR` reads raw tables named by signature, the layout of
/sys/firmware/acpi/tables):

  corpus  every table of the ACPI corpus (tests/corpus/acpi/SIG/*.bin)
          alone in a directory as DIR/SIG: xenmb-probe --tables DIR
          --json must exit 0 or 1 (never crash, no sanitizer report),
          print exactly one XENMB-JSON line with source "tables", the
          table's signature in acpi.tables, its decoded object present,
          and a xen verdict with every field of the contract; the exit
          status must be 0 exactly when the verdict enables the IOMMU.
  sys     this machine: xenmb-probe --json (live /sys) and --tables
          /sys/firmware/acpi/tables: whatever the machine has, the report
          must list the tables /sys lists, decode DMAR/IVRS/VIOT/MCFG
          exactly when they exist, and give no IOMMU without DMAR or IVRS.

Usage: check_probe_tables.py --probe PROBE [--corpus DIR] [--sys]
                             [--limit N] [--verbose]
Exit status 1 if any check fails.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CORPUS = os.path.join(HERE, "..", "corpus", "acpi")
SYS_TABLES = "/sys/firmware/acpi/tables"
DECODED = {"DMAR": "dmar", "IVRS": "ivrs", "VIOT": "viot", "MCFG": "mcfg"}
ONOFF = ("enabled", "disabled")


def run_probe(probe, args):
    """Run the probe; return (exit status, report or None, problems)."""
    env = dict(os.environ)
    env["ASAN_OPTIONS"] = "exitcode=99:detect_leaks=1"
    env["UBSAN_OPTIONS"] = "halt_on_error=1:exitcode=98"
    p = subprocess.run([probe] + args + ["--json"], capture_output=True,
                       env=env, timeout=60)
    problems = []
    if p.returncode not in (0, 1):
        problems.append("exit status %d" % p.returncode)
    err = p.stderr.decode("latin-1")
    for word in ("runtime error", "AddressSanitizer", "LeakSanitizer"):
        if word in err:
            problems.append("sanitizer: %s" % err.strip().splitlines()[0])
            break
    lines = [ln for ln in p.stdout.decode("utf-8", "replace").splitlines()
             if ln.startswith("XENMB-JSON ")]
    if len(lines) != 1:
        return p.returncode, None, problems + [
            "%d XENMB-JSON lines" % len(lines)]
    try:
        report = json.loads(lines[0][len("XENMB-JSON "):])
    except ValueError as exc:
        return p.returncode, None, problems + ["JSON: %s" % exc]
    return p.returncode, report, problems


def verdict_problems(report, status):
    """The contract's xen object, and the exit status agreeing with it."""
    xen = report.get("xen")
    if not isinstance(xen, dict):
        return ["no xen object"]
    out = []
    if not isinstance(xen.get("boots"), bool):
        out.append("xen.boots is %r" % xen.get("boots"))
    for key in ("iommu", "intremap"):
        if xen.get(key) not in ONOFF:
            out.append("xen.%s is %r" % (key, xen.get(key)))
    for key in ("reasons", "suggest"):
        if not (isinstance(xen.get(key), list) and
                all(isinstance(s, str) for s in xen[key])):
            out.append("xen.%s is not a list of strings" % key)
    if xen.get("iommu") == "disabled" and xen.get("intremap") == "enabled":
        out.append("interrupt remapping enabled without the IOMMU")
    if xen.get("iommu") == "disabled" and not xen.get("reasons"):
        out.append("IOMMU disabled with no reason given")
    if status in (0, 1) and (status == 0) != (xen.get("iommu") == "enabled"):
        out.append("exit status %d but xen.iommu %s" % (status,
                                                       xen.get("iommu")))
    return out


def corpus_tables(corpus):
    """(signature, path) of every table of the corpus."""
    out = []
    for sig in sorted(DECODED):
        folder = os.path.join(corpus, sig)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            if name.endswith(".bin"):
                out.append((sig, os.path.join(folder, name)))
    return out


def check_corpus(probe, corpus, limit, verbose):
    """Every corpus table through --tables; return the failure count."""
    tables = corpus_tables(corpus)
    if limit:
        tables = tables[:limit]
    if not tables:
        print("probe-tables: no tables under %s" % corpus)
        return 1
    failed = 0
    counts = {}
    work = tempfile.mkdtemp(prefix="xenmb-probe-tables-")
    try:
        for sig, path in tables:
            tdir = os.path.join(work, "t")
            os.makedirs(tdir)
            shutil.copyfile(path, os.path.join(tdir, sig))
            status, report, problems = run_probe(probe, ["--tables", tdir])
            shutil.rmtree(tdir)
            if report is not None:
                if report.get("source") != "tables":
                    problems.append("source is %r" % report.get("source"))
                tabs = (report.get("acpi") or {}).get("tables") or []
                if sig not in tabs:
                    problems.append("acpi.tables lacks %s" % sig)
                if report.get(DECODED[sig]) is None:
                    problems.append("%s is null" % DECODED[sig])
                problems += verdict_problems(report, status)
                xen = report.get("xen") or {}
                key = "%s iommu=%s boots=%s" % (sig, xen.get("iommu"),
                                                xen.get("boots"))
                counts[key] = counts.get(key, 0) + 1
            if problems:
                failed += 1
                print("FAIL %s: %s" % (os.path.relpath(path, corpus),
                                       "; ".join(problems)))
            elif verbose:
                print("ok   %s" % os.path.relpath(path, corpus))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for key in sorted(counts):
        print("probe-tables:   %-40s %d" % (key, counts[key]))
    print("probe-tables: corpus: %d tables, %d failed" % (len(tables),
                                                          failed))
    return failed


def sys_signatures():
    """Signatures of the tables /sys lists (SSDT1 -> SSDT; dynamic/ and
    data/ are directories, not tables)."""
    sigs = set()
    for name in os.listdir(SYS_TABLES):
        if os.path.isfile(os.path.join(SYS_TABLES, name)):
            sigs.add(name.rstrip("0123456789")[:4])
    return sigs


def check_sys(probe):
    """This machine's own tables; return the failure count."""
    if not os.path.isdir(SYS_TABLES):
        print("probe-tables: sys: no %s, skipped" % SYS_TABLES)
        return 0
    try:
        have = sys_signatures()
    except PermissionError:
        print("probe-tables: sys: %s not readable, skipped" % SYS_TABLES)
        return 0
    failed = 0
    for args, name in (([], "live"), (["--tables", SYS_TABLES], "tables")):
        status, report, problems = run_probe(probe, args)
        if report is not None:
            listed = set((report.get("acpi") or {}).get("tables") or [])
            for sig in sorted(DECODED):
                if sig in listed and sig not in have:
                    problems.append("reports %s, which /sys lacks" % sig)
                if sig in have and sig not in listed:
                    problems.append("/sys has %s, the report lacks it" % sig)
                decoded = report.get(DECODED[sig]) not in (None, [])
                if decoded != (sig in have):
                    problems.append("%s decoded=%s but /sys has it: %s" % (
                        sig, decoded, sig in have))
            problems += verdict_problems(report, status)
            xen = report.get("xen") or {}
            if not ({"DMAR", "IVRS"} & have) and xen.get("iommu") != \
                    "disabled":
                problems.append("no DMAR or IVRS, yet xen.iommu is %s"
                                % xen.get("iommu"))
            print("probe-tables: sys %s: tables %s; Xen boots=%s iommu=%s "
                  "intremap=%s" % (name, ",".join(sorted(listed)),
                                   xen.get("boots"), xen.get("iommu"),
                                   xen.get("intremap")))
        if problems:
            failed += 1
            print("FAIL sys %s: %s" % (name, "; ".join(problems)))
    return failed


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--probe", required=True)
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    ap.add_argument("--sys", action="store_true",
                    help="also check this machine's /sys tables")
    ap.add_argument("--no-corpus", action="store_true")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    failed = 0
    if not args.no_corpus:
        failed += check_corpus(args.probe, args.corpus, args.limit,
                               args.verbose)
    if args.sys:
        failed += check_sys(args.probe)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
