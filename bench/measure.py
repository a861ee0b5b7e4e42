"""Run one command as a subprocess and measure it: wall time and memory.

Memory is measured two ways, because the generator forks worker processes that share the
spaCy model's pages copy-on-write:

* ``max_rss_kb`` — the largest single process in the tree, from ``/usr/bin/time -v``
  (``wait4`` reports the maximum over the child and the descendants it reaped). Without
  GNU time, a fresh wrapper interpreter reports ``getrusage(RUSAGE_CHILDREN).ru_maxrss``,
  the same quantity, isolated from the benchmark's other children.
* ``tree_rss_kb`` / ``tree_pss_kb`` — the peak of the whole process tree's summed RSS and
  PSS, sampled from ``/proc`` every ``SAMPLE_SECONDS``. PSS splits shared pages between the
  processes that map them, so it is the tree's real footprint; summed RSS counts shared
  pages once per process.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

SAMPLE_SECONDS = 0.5
GNU_TIME = "/usr/bin/time"
TIMEOUT = 4 * 3600

_RUSAGE_WRAPPER = (
    "import resource, subprocess, sys\n"
    "rc = subprocess.call(sys.argv[2:])\n"
    "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))\n"
    "sys.exit(rc)\n"
)


@dataclass
class Measured:
    cmd: list[str]
    wall_s: float
    returncode: int
    stdout: str
    stderr: str
    max_rss_kb: int | None = None
    tree_rss_kb: int | None = None
    tree_pss_kb: int | None = None
    samples: int = 0
    cpu_s: float | None = None  # user + system time of the whole tree
    other_cpu_s: float | None = None  # CPU time the rest of the machine used meanwhile
    extra: dict = field(default_factory=dict)

    @property
    def other_load(self) -> float | None:
        """How many CPUs other processes kept busy during this step, on average."""
        return None if self.other_cpu_s is None or self.wall_s <= 0 else max(0.0, self.other_cpu_s) / self.wall_s

    def check(self, what: str) -> "Measured":
        if self.returncode != 0:
            raise StepFailed(f"{what} failed (exit {self.returncode}):\n{self.stdout[-3000:]}\n{self.stderr[-6000:]}")
        return self

    def as_dict(self) -> dict:
        return {"wall_s": round(self.wall_s, 3), "returncode": self.returncode, "max_rss_kb": self.max_rss_kb,
                "tree_peak_rss_kb": self.tree_rss_kb, "tree_peak_pss_kb": self.tree_pss_kb,
                "memory_samples": self.samples,
                "cpu_s": None if self.cpu_s is None else round(self.cpu_s, 2),
                "other_load_cpus": None if self.other_load is None else round(self.other_load, 2), **self.extra}


class StepFailed(RuntimeError):
    pass


def _gnu_time_works() -> bool:
    if not os.access(GNU_TIME, os.X_OK):
        return False
    with tempfile.NamedTemporaryFile("r") as out:
        result = subprocess.run([GNU_TIME, "-v", "-o", out.name, "true"], capture_output=True)
        return result.returncode == 0 and "Maximum resident set size" in Path(out.name).read_text()


_HAS_GNU_TIME: bool | None = None


def has_gnu_time() -> bool:
    global _HAS_GNU_TIME
    if _HAS_GNU_TIME is None:
        _HAS_GNU_TIME = _gnu_time_works()
    return _HAS_GNU_TIME


class TreeSampler(threading.Thread):
    """Samples the summed RSS and PSS of a process and all its descendants until stopped."""

    def __init__(self, root: int):
        super().__init__(daemon=True)
        self.root = root
        self.peak_rss = 0
        self.peak_pss = 0
        self.samples = 0
        self.available = os.path.exists("/proc/self/smaps_rollup")
        self._done = threading.Event()

    def run(self) -> None:
        if not self.available:
            return
        while not self._done.is_set():
            self.sample()
            self._done.wait(SAMPLE_SECONDS)

    def stop(self) -> None:
        self._done.set()
        self.join()

    def sample(self) -> None:
        children: dict[int, list[int]] = defaultdict(list)
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as handle:
                    stat = handle.read()
            except OSError:
                continue
            fields = stat.rpartition(b")")[2].split()
            if len(fields) > 1:
                children[int(fields[1])].append(int(entry.name))
        tree, todo = [], [self.root]
        while todo:
            pid = todo.pop()
            tree.append(pid)
            todo += children.get(pid, [])
        rss = pss = 0
        for pid in tree:
            try:
                with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
                    text = handle.read()
            except OSError:
                continue
            m = re.search(rb"^Rss:\s+(\d+)", text, re.MULTILINE)
            rss += int(m.group(1)) if m else 0
            m = re.search(rb"^Pss:\s+(\d+)", text, re.MULTILINE)
            pss += int(m.group(1)) if m else 0
        self.samples += 1
        self.peak_rss = max(self.peak_rss, rss)
        self.peak_pss = max(self.peak_pss, pss)


def machine_busy_seconds() -> float | None:
    """CPU time all processes have used since boot (``/proc/stat``), in seconds."""
    try:
        with open("/proc/stat") as handle:
            fields = handle.readline().split()
    except OSError:
        return None
    # user nice system idle iowait irq softirq steal ...: everything but idle and iowait
    values = [int(v) for v in fields[1:9]]
    busy = values[0] + values[1] + values[2] + values[5] + values[6] + values[7]
    return busy / os.sysconf("SC_CLK_TCK")


def other_load(seconds: float = 1.0) -> float | None:
    """CPUs kept busy over the next ``seconds`` (call it while none of our subprocesses runs)."""
    before = machine_busy_seconds()
    time.sleep(seconds)
    after = machine_busy_seconds()
    return None if before is None or after is None else (after - before) / seconds


def wait_for_quiet(max_wait: float, threshold: float, log) -> float:
    """Wait (up to ``max_wait`` seconds) until other processes use less than ``threshold`` CPUs."""
    start = time.perf_counter()
    warned = False
    while True:
        load = other_load()
        waited = time.perf_counter() - start
        if load is None or load < threshold or waited >= max_wait:
            if warned:
                log(f"        ... waited {waited:.0f} s; other processes now use {load:.1f} CPUs")
            return waited
        if not warned:
            log(f"        other processes are using {load:.1f} CPUs: waiting up to {max_wait:.0f} s for quiet")
            warned = True
        time.sleep(2)


def run(cmd: list[str], *, cwd: Path, env: dict[str, str]) -> Measured:
    """Run ``cmd`` to completion; time it from outside and measure its memory."""
    with tempfile.TemporaryDirectory(prefix="bench-rusage-") as tmp:
        report = Path(tmp) / "rusage.txt"
        if has_gnu_time():
            full = [GNU_TIME, "-v", "-o", str(report), *cmd]
        else:
            full = [sys.executable, "-c", _RUSAGE_WRAPPER, str(report), *cmd]
        busy_before = machine_busy_seconds()
        start = time.perf_counter()
        proc = subprocess.Popen(full, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        try:
            stdout, stderr = proc.communicate(timeout=TIMEOUT)
        finally:
            wall = time.perf_counter() - start
            busy_after = machine_busy_seconds()
            sampler.stop()
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        max_rss = cpu = None
        try:
            text = report.read_text()
            if has_gnu_time():
                m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
                max_rss = int(m.group(1)) if m else None
                user = re.search(r"User time \(seconds\): ([\d.]+)", text)
                system = re.search(r"System time \(seconds\): ([\d.]+)", text)
                cpu = float(user.group(1)) + float(system.group(1)) if user and system else None
            else:
                max_rss = int(text.strip())
        except (OSError, ValueError):
            pass
    other = None
    if cpu is not None and busy_before is not None and busy_after is not None:
        other = busy_after - busy_before - cpu  # includes this benchmark's own sampling: a few percent of one CPU
    # the tree includes the GNU time (or wrapper) process itself: a few MB at most
    return Measured(cmd, wall, proc.returncode, stdout, stderr, max_rss,
                    sampler.peak_rss or None, sampler.peak_pss or None, sampler.samples, cpu, other)


def tree_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())

