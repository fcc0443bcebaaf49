"""Fuzz every reader (text, md, html, docx, pdf) with mutants of real reports (issue 21).

    python bench/fuzz.py --mutants 10000 [--seed 1] [--memory-gb 1]

Each mutant is read, parsed and linted in this process, which runs under an address-space limit
(RLIMIT_AS, default 1 GB): a file that needs more fails with MemoryError and is counted. Printed:
mutants per reader, tracebacks (an exception out of lint_bytes), internal errors (a failure
message with 内部错误), the slowest file and its time, and files over 10 s.
"""

from __future__ import annotations

import argparse
import io
import random
import resource
import sys
import time
import traceback
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from giplint.lint import lint_bytes
from giplint.plugins import load_registry

TOKENS = [
    b"<a", b"</", b"<!--", b"<![if x]>", b"&#", b"<td>1", b"|", b"\n", "一、".encode(), b"%1", b"\x00",
    b"9" * 5000, b"\xff\xfe", b"\x1b[2J", b"<p>", b"</table>", b"(", b"[", b"obj", b"endobj",
    b"stream", b"/Length 5 0 R", b"5 0 obj 6 0 R endobj", b"6 0 obj 5 0 R endobj",
]  # fmt: skip


def mutate(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        op = rng.randrange(5)
        at = rng.randrange(len(out) + 1)
        if op == 0 and out:
            out[min(at, len(out) - 1)] ^= 1 << rng.randrange(8)
        elif op == 1:
            out[at:at] = rng.choice(TOKENS) * rng.choice((1, 1, 10, 1000))
        elif op == 2:
            del out[at : at + rng.randint(1, 200)]
        elif op == 3 and out:
            start = rng.randrange(len(out))
            out[at:at] = out[start : start + rng.randint(1, 400)]
        else:
            out = out[: max(1, at)]
    return bytes(out)


def mutate_docx(data: bytes, rng: random.Random) -> bytes:
    if rng.random() < 0.2:
        return mutate(data, rng)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    victim = rng.choice(source.namelist())
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in source.namelist():
            body = source.read(name)
            archive.writestr(name, mutate(body, rng) if name == victim or rng.random() < 0.1 else body)
    return out.getvalue()


def seeds() -> dict[str, list[tuple[str, bytes]]]:
    reports = ROOT / "fixtures" / "reports"
    found: dict[str, list[tuple[str, bytes]]] = {"txt": [], "md": [], "html": [], "docx": [], "pdf": []}
    for path in sorted(reports.iterdir()):
        suffix = path.suffix.lstrip(".").replace("htm", "html").replace("htmll", "html")
        if suffix in found:
            found[suffix].append((path.name, path.read_bytes()))
    for path in sorted((ROOT / "fixtures" / "html").glob("*.htm*")):
        found["html"].append((path.name, path.read_bytes()))
    corpus = ROOT.parent / "shared" / "corpus"
    if corpus.is_dir():
        for path in sorted(corpus.glob("*.pdf")) + sorted(corpus.glob("*.html")):
            found[path.suffix.lstrip(".")].append((path.name, path.read_bytes()))
    import docx

    for name, text in found["txt"][:3]:
        document = docx.Document()
        for line in text.decode("utf-8", "replace").splitlines():
            document.add_paragraph(line)
        out = io.BytesIO()
        document.save(out)
        found["docx"].append((name.replace(".txt", ".docx"), out.getvalue()))
    return found


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mutants", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--memory-gb", type=float, default=1.0)
    args = parser.parse_args()
    limit = int(args.memory_gb * 2**30)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    registry = load_registry()
    rng = random.Random(args.seed)
    pool = seeds()
    kinds = [kind for kind, items in pool.items() if items]
    counts = dict.fromkeys(kinds, 0)
    tracebacks: list[str] = []
    internal: list[str] = []
    slowest = (0.0, "")
    over = 0
    for n in range(args.mutants):
        kind = kinds[n % len(kinds)]
        name, data = rng.choice(pool[kind])
        mutant = mutate_docx(data, rng) if kind == "docx" else mutate(data, rng)
        started = time.perf_counter()
        try:
            result = lint_bytes(name, mutant, registry.rules, registry.kinds, registry.readers)
            internal += [f.message for f in result.failures if "内部错误" in f.message]
        except BaseException:  # noqa: BLE001 - counting, not handling
            tracebacks.append(f"{kind} #{n}: {traceback.format_exc(limit=3)}")
        elapsed = time.perf_counter() - started
        counts[kind] += 1
        over += elapsed > 10
        slowest = max(slowest, (elapsed, f"{kind} #{n}"))
    print(f"mutants {sum(counts.values())} {counts}")
    print(f"tracebacks {len(tracebacks)}  internal errors {len(internal)}  over 10 s {over}")
    print(f"slowest {slowest[0]:.2f} s ({slowest[1]})  peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MiB")
    for line in (tracebacks + internal)[:10]:
        print(line[:600])
    return 1 if tracebacks or internal or over else 0


if __name__ == "__main__":
    raise SystemExit(main())
