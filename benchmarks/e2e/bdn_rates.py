"""Prints "<method> <Mpoints/s>" for every row of BenchmarkDotNet CSV reports (the Op/s column, one point per op)."""
import csv
import sys

for path in sys.argv[1:]:
    with open(path, newline="") as report:
        for row in csv.DictReader(report):
            rate = row.get("Op/s", "").replace(",", "")
            print(row["Method"], f"{float(rate) / 1e6:.0f}" if rate and rate != "NA" else "NA")
