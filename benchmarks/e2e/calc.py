"""Submits, waits for or cancels one calculation; prints key=value pairs for the e2e scripts.

Usage:
  calc.py PORT run POINTS MODE SEED      submit, poll until finished: id, status, wall_s, duration_ms, chunks, retries, pi, inside, silos
  calc.py PORT submit POINTS MODE SEED   submit only: id, submitted_at (Unix seconds just before the POST)
  calc.py PORT wait ID SUBMITTED_AT      poll until finished, as run (wall_s counted from SUBMITTED_AT), riding out failed polls
                                         (a frozen silo may hold one up); fails after CALC_WAIT_LIMIT seconds (default 1800)
  calc.py PORT until ID FRACTION         poll until the progress reaches FRACTION or the calculation ends: progress, status
  calc.py PORT cancel ID                 DELETE: status, chunks_done, chunks_total
"""
import json
import os
import sys
import time
import urllib.request


def call(url, body=None, method="GET"):
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Content-Type": "application/json"}
    if os.environ.get("Auth__ApiKeys__0"):  # the key cluster.sh configures; harmless where auth is off
        headers["X-Api-Key"] = os.environ["Auth__ApiKeys__0"]
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    with urllib.request.urlopen(req, timeout=600) as response:
        return json.load(response)


def follow(url):
    """Reads the calculation's server-sent events until its final one: no polling, so the client costs the Api nothing while it waits."""
    headers = {"Accept": "text/event-stream"}
    if os.environ.get("Auth__ApiKeys__0"):
        headers["X-Api-Key"] = os.environ["Auth__ApiKeys__0"]
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=600) as stream:
        for raw in stream:
            line = raw.decode().strip()
            if line.startswith("event:") and line.split(":", 1)[1].strip() in ("completed", "failed", "cancelled"):
                return


def describe(calc, **extra):
    fields = {
        "id": calc["id"],
        "status": calc["status"],
        **extra,
        "duration_ms": f"{calc['duration_ms'] or 0:.0f}",
        "chunks_total": calc["chunks_total"],
        "chunks_done": calc["chunks_done"],
        "chunk_retries": calc["chunk_retries"],
        "pi": calc["result_pi"],
        "inside": calc["result_inside"],
        "silos": ",".join(calc["silos_used"]) or "-",
    }
    return " ".join(f"{k}={v}" for k, v in fields.items())


def main():
    port, command = sys.argv[1], sys.argv[2]
    base = f"http://127.0.0.1:{port}/api/calculate"
    if command == "cancel":
        print(describe(call(f"{base}/{sys.argv[3]}", method="DELETE")))
        return
    if command == "wait":
        submitted_at, deadline = float(sys.argv[4]), time.monotonic() + float(os.environ.get("CALC_WAIT_LIMIT", "1800"))
        while True:
            try:
                calc = call(f"{base}/{sys.argv[3]}")
                if calc["status"] not in ("pending", "running"):
                    break
            except OSError:  # URLError, HTTPError, timeouts: the Api or the calculation's silo does not answer now
                pass
            if time.monotonic() > deadline:
                sys.exit(f"calculation {sys.argv[3]} did not finish within CALC_WAIT_LIMIT")
            time.sleep(0.1)
        print(describe(calc, wall_s=f"{time.time() - submitted_at:.3f}"))
        return
    if command == "until":
        fraction = float(sys.argv[4])
        while True:
            calc = call(f"{base}/{sys.argv[3]}")
            if calc["progress"] >= fraction or calc["status"] not in ("pending", "running"):
                break
            time.sleep(0.05)
        print(f"progress={calc['progress']:.3f} status={calc['status']}")
        return
    points, mode, seed = int(float(sys.argv[3])), sys.argv[4], int(sys.argv[5])
    start = time.perf_counter()
    submitted_at = time.time()
    calc = call(base, {"total_points": points, "mode": mode, "seed": seed}, "POST")
    if command == "submit":
        print(f"id={calc['id']} submitted_at={submitted_at:.3f}")
        return
    if calc["status"] in ("pending", "running"):
        if os.environ.get("CALC_POLL"):
            # The old way, for comparison: a GET every CALC_POLL seconds (0.01 cost the Api about 10% of a core).
            while calc["status"] in ("pending", "running"):
                time.sleep(float(os.environ["CALC_POLL"]))
                calc = call(f"{base}/{calc['id']}")
        else:
            follow(f"{base}/{calc['id']}/events")
            calc = call(f"{base}/{calc['id']}")
    print(describe(calc, wall_s=f"{time.perf_counter() - start:.3f}"))


if __name__ == "__main__":
    main()
