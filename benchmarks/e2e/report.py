"""Renders results/bench/latest.md from the rows of run-all.sh: every goal with its target, the measured number,
its ratio to the C limit and the peers, and the 1-minute load average while it was taken.

Usage: report.py RESULTS_TSV MACHINE_TXT
"""
import statistics
import sys
from collections import defaultdict

rows = defaultdict(list)
busy_share = defaultdict(list)
with open(sys.argv[1]) as results:
    for line in results:
        name, value, load, busy, note = (line.rstrip("\n").split("\t") + [""] * 5)[:5]
        rows[name].append((value, float(load), note))
        busy_share[name].append(int(busy) if busy else None)
machine = dict(line.rstrip("\n").split("=", 1) for line in open(sys.argv[2]) if "=" in line)


def value(name):
    """The median of a measurement's numeric values, or None when it was not taken."""
    numbers = [float(v) for v, _, _ in rows.get(name, []) if v not in ("", "NA")]
    return statistics.median(numbers) if numbers else None


def span(values, form):
    values = [v for v in values if v is not None]
    if not values:
        return "—"
    return form.format(min(values)) + ("" if min(values) == max(values) else "–" + form.format(max(values)))


def load(*names):
    loads = [l for n in names for _, l, _ in rows.get(n, [])]
    busy = [b for n in names for b in busy_share.get(n, [])]
    if not loads:
        return "—"
    return f"{span(loads, '{:.2f}')} ({span(busy, '{}')}% busy)" if any(b is not None for b in busy) else span(loads, "{:.2f}")


def fmt(v, digits=0):
    return "—" if v is None else f"{v:,.{digits}f}"


def ratio(a, b, digits=2):
    return "—" if a is None or not b else f"{a / b:.{digits}f}×"


def verdict(ok):
    return "—" if ok is None else ("met" if ok else "**missed**")


def runs(name):
    return len(rows.get(name, []))


goals = []


def goal(number, what, target, measured, compared, ok, *names):
    goals.append(f"| {number} | {what} | {target} | {measured} | {compared} | {load(*names)} | {verdict(ok)} |")


limit = value("limit.c-avx512")
v512, v256, scalar = value("sampler.Vector512"), value("sampler.Vector256"), value("sampler.Scalar")
same = value("limit.same-count")
goal(1, "Sampler, Vector512 kernel (BenchmarkDotNet)", "≥ 3,000 Mpoints/s/core", f"{fmt(v512)} Mpoints/s",
     f"{ratio(v512, limit)} the C limit", None if v512 is None else v512 >= 3000, "sampler.Vector512")
goal(1, "Sampler, Vector256 kernel", "—", f"{fmt(v256)} Mpoints/s", f"{ratio(v256, limit)} the C limit", None, "sampler.Vector256")
goal(1, "Sampler, Scalar kernel", "—", f"{fmt(scalar)} Mpoints/s", f"{ratio(scalar, limit)} the C limit", None, "sampler.Scalar")
goal(1, "Bare sampler, 1 thread, same 2^30 points as the C program", "—", f"{fmt(value('sampler.bare-1-thread'))} Mpoints/s",
     f"{ratio(value('sampler.bare-1-thread'), limit)} the C limit; same count as C: {'yes' if same == 1 else 'NO' if same is not None else '—'}",
     None, "sampler.bare-1-thread")
goal(1, "C limit: hand-written AVX-512, exact integer test", "—", f"{fmt(limit)} Mpoints/s",
     f"as written (x(x+1)+y(y+1) < 2^62): {fmt(value('limit.c-avx512-literal'))}; plain C, GCC-vectorised: {fmt(value('limit.c-plain'))}",
     None, "limit.c-avx512", "limit.c-avx512-literal", "limit.c-plain")

bare, embedded, redis1 = value("overhead.bare-s"), value("overhead.embedded-s"), value("overhead.redis-1-worker-s")
points = value("overhead.points")
same_counts = [float(v) for v, _, _ in rows.get("overhead.same-count", [])]
goal(2, f"Grain overhead: {fmt(points / 1e10 if points else None, 0)}·10^10 points distributed, one silo, 2 slots (embedded Api)",
     "≤ 1.05× bare", f"{fmt(embedded, 3)} s vs bare {fmt(bare, 3)} s (median of {runs('overhead.bare-s')})",
     f"{ratio(embedded, bare, 3)}; same count as bare: {'yes' if same_counts and min(same_counts) == 1 else 'NO' if same_counts else '—'}",
     None if embedded is None or bare is None else embedded <= 1.05 * bare, "overhead.bare-s", "overhead.embedded-s")
tc0 = value("overhead.embedded-tc0-s")
if tc0 is not None:
    goal(2, "Diagnostic: the same with DOTNET_TieredCompilation=0 in the service", "≤ 1.05× bare", f"{fmt(tc0, 3)} s vs bare {fmt(bare, 3)} s",
         ratio(tc0, bare, 3), None if bare is None else tc0 <= 1.05 * bare, "overhead.embedded-tc0-s")
if redis1 is not None:
    goal(2, "Grain overhead, Api + 1 Silo (Redis), 2 slots", "≤ 1.05× bare", f"{fmt(redis1, 3)} s vs bare {fmt(bare, 3)} s",
         ratio(redis1, bare, 3), None if bare is None else redis1 <= 1.05 * bare, "overhead.redis-1-worker-s")

one, two, spoints = value("scale.workers-1-s"), value("scale.workers-2-s"), value("scale.points")
rate = lambda s: None if s is None or not spoints else spoints / s / 1e6
b1, b2 = value("scale.bare-1-thread-s"), value("scale.bare-2-thread-s")
goal(3, "Machine ceiling: bare sampler, 1 → 2 plain threads, same points", "—",
     f"{fmt(rate(b1))} → {fmt(rate(b2))} Mpoints/s ({fmt(b1, 2)} s → {fmt(b2, 2)} s)", ratio(b1, b2), None,
     "scale.bare-1-thread-s", "scale.bare-2-thread-s")
goal(3, f"Scale-out: 1 → 2 worker Silos (Redis), --Pi:Slots=1 each, {fmt(spoints / 1e10 if spoints else None, 0)}·10^10 points",
     "≥ 1.8×", f"{fmt(rate(one))} → {fmt(rate(two))} Mpoints/s ({fmt(one, 2)} s → {fmt(two, 2)} s)", ratio(one, two),
     None if one is None or two is None else one / two >= 1.8, "scale.workers-1-s", "scale.workers-2-s")

one0, two0 = value("scale.workers-1-tc0-s"), value("scale.workers-2-tc0-s")
if one0 is not None and two0 is not None:
    goal(3, "Diagnostic: the same with DOTNET_TieredCompilation=0 in every silo", "≥ 1.8×",
         f"{fmt(rate(one0))} → {fmt(rate(two0))} Mpoints/s ({fmt(one0, 2)} s → {fmt(two0, 2)} s)", ratio(one0, two0),
         one0 / two0 >= 1.8, "scale.workers-1-tc0-s", "scale.workers-2-tc0-s")

for setup, label in (("embedded", "embedded default"), ("redis-2-workers", "Api + 2 Silos, Redis")):
    p50, p99 = value(f"latency.{setup}.p50-ms"), value(f"latency.{setup}.p99-ms")
    errors = value(f"latency.{setup}.errors")
    note = next((n for _, _, n in rows.get(f"latency.{setup}.p50-ms", [])), "")
    goal(4, f"Single 10^6 points over HTTP, 16 clients, {label}", "p50 ≤ 5 ms, p99 ≤ 25 ms",
         f"p50 {fmt(p50, 2)}, p90 {fmt(value(f'latency.{setup}.p90-ms'), 2)}, p99 {fmt(p99, 2)}, max {fmt(value(f'latency.{setup}.max-ms'), 1)} ms",
         note.split(", ", 2)[-1] if note else "—",
         None if p50 is None or p99 is None else p50 <= 5 and p99 <= 25 and errors == 0, f"latency.{setup}.p50-ms")

worker = value("memory.worker-idle-mb")
goal(5, "Idle worker Silo RSS (Redis mode)", "≤ 150 MB", f"{fmt(worker)} MB after start, {fmt(value('memory.worker-after-mb'))} MB after a calculation",
     "VmRSS", None if worker is None else max(worker, value("memory.worker-after-mb") or 0) <= 150, "memory.worker-idle-mb", "memory.worker-after-mb")
api = value("memory.api-idle-mb")
goal(5, "Idle Api (front silo) RSS, Redis mode", "≤ 150 MB", f"{fmt(api)} MB after start, {fmt(value('memory.api-after-mb'))} MB after a calculation",
     "VmRSS", None if api is None else max(api, value("memory.api-after-mb") or 0) <= 150, "memory.api-idle-mb", "memory.api-after-mb")
emb = value("memory.embedded-idle-mb")
goal(5, "Idle embedded Api RSS (one process)", "≤ 150 MB", f"{fmt(emb)} MB after start, {fmt(value('memory.embedded-after-mb'))} MB after a calculation",
     "VmRSS", None if emb is None else max(emb, value("memory.embedded-after-mb") or 0) <= 150, "memory.embedded-idle-mb", "memory.embedded-after-mb")
nodash = value("memory.embedded-no-dashboard-idle-mb")
if nodash is not None:
    goal(5, "Idle embedded Api RSS, --Dashboard:Enabled=false", "≤ 150 MB", f"{fmt(nodash)} MB after start",
         f"the dashboard costs {fmt(emb - nodash if emb else None)} MB", nodash <= 150, "memory.embedded-no-dashboard-idle-mb")
four, per_chunk, one_chunk = value("state.4096-chunks-bytes"), value("state.bytes-per-chunk"), value("state.1-chunk-bytes")
goal(5, "Persisted state, finished 4096-chunk calculation (the most chunks any calculation has)", "≤ 1 MB (1,048,576 B)",
     f"{fmt(four)} B; 1 chunk: {fmt(one_chunk)} B", f"{fmt(per_chunk)} B per chunk: O(chunks)",
     None if four is None or "4096 chunks" not in next((n for _, _, n in rows["state.4096-chunks-bytes"]), "") else four <= 1 << 20,
     "state.4096-chunks-bytes")
cancelled = rows.get("state.1e13-cancelled-bytes", [])
goal(5, "Persisted state, 10^13 points cancelled after 5 s", "≤ 1 MB", f"{fmt(value('state.1e13-cancelled-bytes'))} B",
     cancelled[0][2].split(";")[0] if cancelled else "—",
     None if not cancelled else value("state.1e13-cancelled-bytes") <= 1 << 20, "state.1e13-cancelled-bytes")

peers = [("C, hand-written AVX-512 (the limit)", "limit.c-avx512"), ("C, plain loop, GCC -O3 -march=native", "limit.c-plain"),
         ("C# naive, Random.Shared", "peer.csharp-random-shared"), ("NumPy, float64, chunks of 10^7", "peer.numpy"),
         ("Java SparkPi loop, Math.random()", "peer.java-math-random"), ("Java SparkPi loop, ThreadLocalRandom", "peer.java-threadlocalrandom")]
print("# Performance results\n")
print(f"Mode **{machine.get('mode', '?')}**, {machine.get('started', '?')} → {machine.get('finished', '?')} (UTC). "
      f"Load average (1, 5, 15 min) at start {machine.get('load_at_start', '?')}, at end {machine.get('load_at_end', '?')}; "
      f"{machine.get('quiet', '')}. "
      "Each row's load is the 1-minute load average just before its measurement and, in brackets, the share of both cores "
      "that was busy over the second before it while nothing of this run computed: anything well above 0% means other "
      "work shared the cores (the load average also counts this run's own processes of the minute before).\n")
print("| Machine | |\n|---|---|")
for key in ("cpu", "cores", "cpu_flags", "memory", "os", "dotnet", "gcc", "java", "numpy", "redis"):
    print(f"| {key} | {machine.get(key, '?')} |")
print("\n## Goals\n")
print("| # | Measurement | Target | Measured | Ratio / detail | Load | Verdict |\n|---|---|---|---|---|---|---|")
print("\n".join(goals))
print("\n## Peers, one core each, same run (goal 6)\n")
print("| Program | Mpoints/s | Vector512 kernel ÷ it | Load |\n|---|---|---|---|")
for label, name in peers:
    print(f"| {label} | {fmt(value(name), 1 if (value(name) or 0) < 1000 else 0)} | {ratio(v512, value(name), 1)} | {load(name)} |")
print("\n## Every measurement\n")
print("| Name | Value | Load before | Busy before | Note |\n|---|---|---|---|---|")
for name, entries in rows.items():
    for (v, l, note), b in zip(entries, busy_share[name]):
        print(f"| {name} | {v} | {l:.2f} | {'—' if b is None else f'{b}%'} | {note.replace('|', '/')} |")
