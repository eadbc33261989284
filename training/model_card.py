"""The model card (README.md) written into every model folder, Hub-style with YAML metadata."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import yaml

from zaam.inference.alignment import BIO_LABELS
from zaam.inference.schema import ENTITY_LABELS


def write_model_card(folder: Path, config, train_docs, dev_metrics: dict, seconds: float) -> Path:
    labels = Counter(e.label for d in train_docs for e in d.entities)
    relations = Counter(r.type for d in train_docs for r in d.relations)
    base = config.model.name_or_path
    meta = {
        "language": ["ar"], "license": "apache-2.0", "library_name": "transformers",
        "pipeline_tag": "token-classification", "tags": ["zaam", "ner", "relation-extraction", "arabic"],
        **({"base_model": base} if base else {}),
        "labels": list(ENTITY_LABELS),
        "training_data": {"documents": len(train_docs), "mentions": {k: labels.get(k, 0) for k in ENTITY_LABELS},
                          "relations": dict(sorted(relations.items()))},
        "dev_metrics": {k.removeprefix("eval_"): round(float(v), 4) for k, v in dev_metrics.items()
                        if k.removeprefix("eval_") in ("precision", "recall", "f1", "relation_pair_f1")},
    }
    lines = [
        "---", yaml.safe_dump(meta, allow_unicode=True, sort_keys=False).strip(), "---", "",
        "# zaam claim extractor", "",
        "Tags PERSON, PLACE, WEAPON, COUNT and UNIT spans in Arabic news; zaam links them into claims",
        "(who says how many of what, where).", "",
        "```python", "from zaam.inference import load", f"extractor = load({str(folder)!r})",
        'doc = extractor.predict("قال المتحدث إن القوات دمرت 12 دبابة قرب إزيوم")',
        "for claim in doc.claims:", "    print(claim.item.text, claim.count and claim.count.value)", "```", "",
        f"- Base model: {base or 'BERT built from scratch (' + str(config.model.architecture) + ')'}",
        f"- Labels: {', '.join(BIO_LABELS)}",
        f"- Linker: {config.linker}",
        f"- Training documents: {len(train_docs)}; training time {seconds:.0f} s", "",
        "| label | training mentions |", "|---|---|",
        *(f"| {label} | {labels.get(label, 0)} |" for label in ENTITY_LABELS), "",
        "| relation | training edges |", "|---|---|",
        *(f"| {rtype} | {count} |" for rtype, count in sorted(relations.items())), "",
        "## Evaluation on the dev set (seqeval, strict IOB2, first sub-words)", "",
        "| metric | value |", "|---|---|",
        *(f"| {k.removeprefix('eval_')} | {v:.4f} |" for k, v in dev_metrics.items()
          if k.removeprefix("eval_") in ("precision", "recall", "f1", "relation_pair_f1")),
        "", "## Sharing", "",
        "```python", "from huggingface_hub import HfApi",
        f'HfApi().upload_folder(folder_path={str(folder)!r}, repo_id="your-name/zaam-claims", repo_type="model")',
        "```", "", "Then `zaam.inference.load(\"your-name/zaam-claims\")` loads it where the Hub is reachable.",
        "",
    ]
    path = folder / "README.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
