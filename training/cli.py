"""The ``zaam`` command: a thin layer over the Python functions.

Every failure zaam foresees ends with one line on standard error and a non-zero exit.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path

from zaam.inference.schema import ZaamError

EXAMPLES = {
    "train": "zaam train configs/offline-small.yaml --output-dir runs/offline --set training.epochs=4",
    "evaluate": "zaam evaluate runs/offline annotations/test.jsonl --json scores.json",
    "predict": "zaam predict runs/offline news.txt --output predictions.jsonl",
    "validate": "zaam validate annotations/*.jsonl",
    "stats": "zaam stats annotations/train.jsonl annotations/dev.jsonl annotations/test.jsonl",
    "convert": "zaam convert annotations/test.jsonl test-labelstudio.json --to labelstudio",
    "render": "zaam render predictions.jsonl --output page.html",
}


class CliError(ZaamError):
    pass


def _cmd_train(args) -> int:
    from .config import load_config
    from .trainer import train

    config = load_config(args.config, overrides=args.set, output_dir=args.output_dir)
    folder = train(config, resume=args.resume, verbose=args.verbose)
    print(f"model written to {folder}")
    return 0


def _cmd_evaluate(args) -> int:
    from .evaluation import evaluate, format_report, json_report

    from zaam.inference import load

    report = evaluate(load(args.model, precision=args.precision), args.data, batch_size=args.batch_size, progress=not args.quiet)
    print(format_report(report))
    if args.json:
        Path(args.json).write_text(json.dumps(json_report(report), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.html:
        from .render import render_report

        Path(args.html).write_text(render_report(report, f"zaam evaluate: {args.model}"), encoding="utf-8")
    return 0


def _read_inputs(source: str) -> Iterator[tuple[str | None, str]]:
    """(id, text) pairs from JSONL, plain text (blank-line-separated blocks) or stdin."""
    if source == "-":
        handle = sys.stdin
        name = "<stdin>"
    else:
        path = Path(source)
        if not path.is_file():
            raise CliError(f"{source}: no such input file")
        handle = open(path, encoding="utf-8-sig")
        name = source
    with handle:
        if name.endswith(".jsonl"):
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise CliError(f"{name}:{number}: invalid JSON ({exc.msg})") from None
                if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                    raise CliError(f"{name}:{number}: expected an object with a string 'text'")
                yield (str(record["id"]) if "id" in record else str(number)), record["text"]
            return
        block: list[str] = []
        count = 0
        for line in handle:
            if line.strip():
                block.append(line.rstrip("\r\n"))
            elif block:
                count += 1
                yield str(count), "\n".join(block)
                block = []
        if block:
            yield str(count + 1), "\n".join(block)


def _cmd_predict(args) -> int:
    from zaam.inference import load

    extractor = load(args.model, precision=args.precision)
    inputs = _read_inputs(args.input)
    stream = extractor.predict_many(inputs, batch_size=args.batch_size)
    if args.output and not args.quiet:
        from tqdm.auto import tqdm

        stream = tqdm(stream, desc="predicting", unit="doc")
    handle = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    count = 0
    try:
        for prediction in stream:
            handle.write(json.dumps(prediction.to_dict(), ensure_ascii=False) + "\n")
            count += 1
    finally:
        if args.output:
            handle.close()
    if args.output:
        print(f"{count} documents written to {args.output}", file=sys.stderr)
    return 0


def _cmd_validate(args) -> int:
    from zaam.inference.corpus import validate_file

    total = 0
    for path in args.files:
        problems = validate_file(path)
        for problem in problems:
            print(problem)
        total += len(problems)
    print(f"{total} problem(s) in {len(args.files)} file(s)", file=sys.stderr)
    return 1 if total else 0


def _cmd_stats(args) -> int:
    from zaam.inference.corpus import read_many

    from .stats import corpus_stats, format_stats

    stats = corpus_stats(read_many(args.files))
    print(json.dumps(stats, indent=2, ensure_ascii=False) if args.json else format_stats(stats))
    return 0


def _cmd_convert(args) -> int:
    from .interop import convert

    count = convert(Path(args.input), Path(args.output), args.source_format, args.target_format)
    print(f"{count} documents converted to {args.output}", file=sys.stderr)
    return 0


def _cmd_render(args) -> int:
    from .render import render_file

    output = Path(args.output or Path(args.file).with_suffix(".html"))
    count = render_file(Path(args.file), output)
    print(f"{count} documents rendered to {output}", file=sys.stderr)
    return 0


def _add_inference_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--batch-size", type=int, default=32, help="windows per model call (default 32)")
    p.add_argument("--precision", choices=("fp32", "bf16", "int8"), default="fp32", help="inference precision")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="zaam", description="Extract military claims from Arabic news.")
    parser.add_argument("-v", "--verbose", action="store_true", help="more log output")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, help_text: str):
        return sub.add_parser(name, help=help_text, description=help_text, epilog=f"example: {EXAMPLES[name]}")

    p = add("train", "train a model as a YAML config says")
    p.add_argument("config", help="training config (YAML)")
    p.add_argument("--output-dir", help="model folder to write (overrides the config's output_dir)")
    p.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="override a config key, e.g. training.epochs=3")
    p.add_argument("--resume", action="store_true", help="continue from the last checkpoint in OUTPUT_DIR.checkpoints")
    p.set_defaults(func=_cmd_train)

    p = add("evaluate", "score a model on annotated documents")
    p.add_argument("model", help="model folder (or hub id)")
    p.add_argument("data", nargs="+", help="annotated JSONL file(s)")
    p.add_argument("--json", metavar="OUT.json", help="also write the scores as JSON")
    p.add_argument("--html", metavar="OUT.html", help="also write a page with per-label scores and a confusion view")
    _add_inference_options(p)
    p.set_defaults(func=_cmd_evaluate)

    p = add("predict", "extract claims from documents")
    p.add_argument("model", help="model folder (or hub id)")
    p.add_argument("input", nargs="?", default="-", help=".jsonl with id and text, plain text (blank-line-separated documents), or - for stdin")
    p.add_argument("--output", "-o", help="prediction JSONL to write (default: stdout)")
    _add_inference_options(p)
    p.set_defaults(func=_cmd_predict)

    p = add("validate", "check annotation files against the contract")
    p.add_argument("files", nargs="+")
    p.set_defaults(func=_cmd_validate)

    p = add("stats", "corpus statistics: labels, relations, distinct strings, hard cases")
    p.add_argument("files", nargs="+")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=_cmd_stats)

    p = add("convert", "convert annotations between doccano, Label Studio, BRAT and CoNLL")
    p.add_argument("input", help="source file or BRAT folder")
    p.add_argument("output", help="target file or BRAT folder")
    p.add_argument("--from", dest="source_format", choices=("doccano", "labelstudio", "brat"), help="default: from the name")
    p.add_argument("--to", dest="target_format", choices=("doccano", "labelstudio", "brat", "conll"), help="default: from the name")
    p.set_defaults(func=_cmd_convert)

    p = add("render", "an HTML page of annotated or predicted documents")
    p.add_argument("file", help="annotation or prediction JSONL")
    p.add_argument("--output", "-o", help="HTML file to write (default: FILE with .html)")
    p.set_defaults(func=_cmd_render)
    return parser


def _configure_logging(verbose: bool) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("zaam").setLevel(logging.INFO)
    if not verbose:
        import os
        import warnings

        warnings.filterwarnings("ignore")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _configure_logging(args.verbose)
    try:
        return args.func(args)
    except ZaamError as exc:
        if args.debug:
            raise
        print(f"zaam {args.command}: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"zaam {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # unforeseen: still one line, with a way to see more
        if args.debug:
            raise
        print(f"zaam {args.command}: unexpected error: {type(exc).__name__}: {exc} (run with --debug for the traceback)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
