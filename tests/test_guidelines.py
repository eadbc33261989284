"""annotations/GUIDELINES.md: every worked example is valid authoring markup, and there are many."""

import re
from pathlib import Path

from zaam.training.authoring import parse_source

GUIDELINES = Path(__file__).parent.parent / "annotations" / "GUIDELINES.md"


def test_every_worked_example_converts_without_problems(tmp_path):
    text = GUIDELINES.read_text(encoding="utf-8")
    examples = text.split("## 9. Worked examples", 1)[1]
    blocks = re.findall(r"```\n(.*?)```", examples, flags=re.S)
    assert len(blocks) >= 40
    source = "".join(f"=== ex-{i}\n{block}" for i, block in enumerate(blocks, start=1))
    path = tmp_path / "examples.txt"
    path.write_text(source, encoding="utf-8")
    docs, problems = parse_source(path)
    assert not problems and len(docs) == len(blocks)
