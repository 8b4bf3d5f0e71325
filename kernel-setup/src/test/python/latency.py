"""Kernel latency over the real protocol: start-to-ready seconds (process start until the kernel
answers kernel_info, start-up files evaluated) and the round trip of a trivial cell (execute
request sent until the execute reply and the idle status are back), median of many.

    JUPYTER_PATH=... METAQNN4J_KERNEL=metaqnn4j /usr/bin/python3 latency.py [starts] [cells]
"""
import statistics
import sys
import time

from kernel_client import Kernel


def main():
    starts = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    cells = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    ready, trips = [], []
    for i in range(starts):
        k = Kernel()
        ready.append(k.ready_seconds)
        try:
            k.run("1 + 1")  # the first cell compiles JShell's wrappers
            for _ in range(cells if i == 0 else 0):
                t = time.perf_counter()
                reply, _ = k.run("1 + 1")
                trips.append((time.perf_counter() - t) * 1000)
                assert reply["status"] == "ok"
        finally:
            k.close()
    print(f"kernel start-to-ready: median {statistics.median(ready):.2f} s "
          f"(min {min(ready):.2f}, max {max(ready):.2f}, {starts} starts)")
    trips.sort()
    print(f"trivial cell '1 + 1' round trip: median {statistics.median(trips):.1f} ms, "
          f"p90 {trips[int(0.9 * len(trips))]:.1f} ms ({len(trips)} cells)")


if __name__ == "__main__":
    main()
