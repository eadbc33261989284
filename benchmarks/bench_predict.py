"""zaam ``predict`` against transformers' ``pipeline("token-classification")`` on one model.

Both run on the same model folder and documents, in one process, in alternating rounds, so
machine noise falls on both. The pipeline runs at its best batch size (tried first). zaam
does more (relations, claims) and is still expected to be faster: paragraph-bounded windows,
length-sorted dynamic batches, no per-token Python aggregation.

    python benchmarks/bench_predict.py --model runs/offline              # the offline model
    python benchmarks/bench_predict.py --model runs/offline --bert-base  # plus a BERT-base-sized one

Prints docs/s, sub-word tokens/s, peak RSS during each run, the ratio, and for the
BERT-base run the share of this machine's measured fp32 matmul peak reached.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import torch


def peak_rss_during(fn):
    """Run ``fn`` while sampling this process's RSS; returns (result, seconds, peak MiB)."""
    import psutil

    process = psutil.Process()
    peak = [process.memory_info().rss]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], process.memory_info().rss)
            time.sleep(0.01)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    start = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - start
    done.set()
    thread.join()
    return result, seconds, peak[0] / 2**20


def matmul_peak_gflops(size: int = 2048, repeats: int = 10) -> float:
    a, b = torch.randn(size, size), torch.randn(size, size)
    a @ b
    start = time.perf_counter()
    for _ in range(repeats):
        a @ b
    return 2 * size**3 * repeats / (time.perf_counter() - start) / 1e9


def make_bert_base(small_model: Path, out: Path) -> Path:
    """AraBERT's architecture (12 layers, 768 hidden, 64k vocabulary) with random weights,
    saved as a zaam model folder that reuses the small model's tokenizer and settings."""
    import shutil

    from transformers import AutoModelForTokenClassification, BertConfig

    small = AutoModelForTokenClassification.from_pretrained(small_model)
    config = BertConfig(vocab_size=64000, hidden_size=768, num_hidden_layers=12, num_attention_heads=12,
                        intermediate_size=3072, max_position_embeddings=512, num_labels=small.config.num_labels,
                        id2label=small.config.id2label, label2id=small.config.label2id)
    AutoModelForTokenClassification.from_config(config).save_pretrained(out)
    for name in ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"):
        if (small_model / name).exists():
            shutil.copy(small_model / name, out / name)
    settings = (small_model / "zaam.json").read_text(encoding="utf-8").replace('"learned"', '"rules"')
    (out / "zaam.json").write_text(settings, encoding="utf-8")
    return out


def bench(model_dir: Path, texts: list[str], rounds: int, batch_size: int) -> dict:
    from transformers import pipeline

    from zaam.inference import load

    extractor = load(model_dir)
    tagger = pipeline("token-classification", model=str(model_dir), aggregation_strategy="simple", device=-1)
    tokens = sum(len(extractor.tokenizer(t).input_ids) for t in texts)
    probe = texts[: min(64, len(texts))]
    best_bs, best_time = 1, float("inf")
    for bs in (1, 8, 32, 64):
        start = time.perf_counter()
        tagger(probe, batch_size=bs)
        if (elapsed := time.perf_counter() - start) < best_time:
            best_bs, best_time = bs, elapsed
    extractor.predict(probe, batch_size=batch_size)  # warm-up
    runs = {"zaam": [], "pipeline": []}
    peaks = {"zaam": 0.0, "pipeline": 0.0}
    for _ in range(rounds):
        for name, fn in (("zaam", lambda: extractor.predict(texts, batch_size=batch_size)),
                         ("pipeline", lambda: tagger(texts, batch_size=best_bs))):
            _, seconds, peak = peak_rss_during(fn)
            runs[name].append(seconds)
            peaks[name] = max(peaks[name], peak)
    seconds = {k: statistics.median(v) for k, v in runs.items()}
    return {"docs": len(texts), "tokens": tokens, "seconds": seconds, "peak_mib": peaks, "pipeline_batch": best_bs,
            "params": sum(p.numel() for p in extractor.model.parameters())}


def report(title: str, result: dict, peak_gflops: float | None = None, layers_hidden: tuple[int, int] | None = None) -> None:
    print(f"\n## {title}: {result['docs']} documents, {result['tokens']} sub-word tokens, "
          f"pipeline batch size {result['pipeline_batch']}")
    print(f"{'':<10} {'docs/s':>9} {'tokens/s':>10} {'peak RSS MiB':>13}")
    for name in ("zaam", "pipeline"):
        s = result["seconds"][name]
        print(f"{name:<10} {result['docs'] / s:>9.1f} {result['tokens'] / s:>10.0f} {result['peak_mib'][name]:>13.0f}")
    print(f"zaam / pipeline docs/s: {result['seconds']['pipeline'] / result['seconds']['zaam']:.2f}x")
    if peak_gflops and layers_hidden:
        layers, hidden = layers_hidden
        flops_per_token = 2 * layers * 12 * hidden * hidden  # QKV, output, two FFN matmuls
        achieved = flops_per_token * result["tokens"] / result["seconds"]["zaam"] / 1e9
        print(f"zaam reaches {achieved:.0f} GFLOP/s of a measured {peak_gflops:.0f} GFLOP/s fp32 matmul peak "
              f"({achieved / peak_gflops:.0%})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", type=Path, default=Path("runs/offline"))
    parser.add_argument("--data", nargs="+", default=["annotations/train.jsonl"])
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--bert-base", action="store_true", help="also a BERT-base-sized model with random weights")
    args = parser.parse_args(argv)
    from zaam.inference.corpus import read_many

    texts = [d.text for d in read_many(args.data)][: args.docs]
    torch.set_num_threads(torch.get_num_threads())
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads")
    report("offline small model", bench(args.model, texts, args.rounds, args.batch_size))
    if args.bert_base:
        peak = matmul_peak_gflops()
        with tempfile.TemporaryDirectory() as tmp:
            folder = make_bert_base(args.model, Path(tmp) / "bert-base")
            report("BERT-base-sized model (random weights)", bench(folder, texts, args.rounds, args.batch_size),
                   peak_gflops=peak, layers_hidden=(12, 768))
    return 0


if __name__ == "__main__":
    sys.exit(main())
