"""The idiomatic NumPy Monte Carlo pi: float64 coordinates in [0, 1), vectorised in chunks, one core.

Usage: python3 pi_numpy.py [points=2e8] [chunk=1e7] [seed=1]
Prints: numpy mpoints_per_s=<rate> points=<n> chunk=<c> seconds=<s> pi=<estimate>
"""
import os

# One core, like the other peers: pin any BLAS/OpenMP pools before NumPy loads (the loop itself is single-threaded).
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402


def count_inside(rng, points, chunk):
    inside = 0
    left = points
    while left > 0:
        n = min(chunk, left)
        x = rng.random(n)
        y = rng.random(n)
        inside += int(np.count_nonzero(x * x + y * y <= 1.0))
        left -= n
    return inside


def main():
    points = int(float(sys.argv[1])) if len(sys.argv) > 1 else 200_000_000
    chunk = int(float(sys.argv[2])) if len(sys.argv) > 2 else 10_000_000
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    rng = np.random.default_rng(seed)
    count_inside(rng, chunk, chunk)  # warm-up: page in the buffers
    start = time.perf_counter()
    inside = count_inside(rng, points, chunk)
    seconds = time.perf_counter() - start
    print(f"numpy mpoints_per_s={points / seconds / 1e6:.1f} points={points} chunk={chunk} seconds={seconds:.3f} "
          f"pi={4 * inside / points:.6f} numpy={np.__version__}")


if __name__ == "__main__":
    main()
