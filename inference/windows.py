"""Cutting canonical words into sub-word windows the model can take.

Paragraphs (blocks separated by a blank line) are the model's unit: a window never crosses
a blank line, so a document gets the same entities as its paragraphs predicted one by one;
the lines of one paragraph share windows, keeping the context a speaker named one sentence
earlier needs. A long paragraph is cut into windows that overlap by ``stride`` sub-words.
Training and inference share this code.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_SURROGATE = re.compile("[\ud800-\udfff]")

Word = tuple[int, int]


def paragraph_breaks(text: str, words: Sequence[Word]) -> list[int]:
    """Indices of the words that open a new paragraph (a blank line precedes them)."""
    breaks = [0] if words else []
    for index in range(1, len(words)):
        if _BLANK_LINE.search(text, words[index - 1][1], words[index][0]):
            breaks.append(index)
    return breaks


def cut_windows(tokenizer, words: Sequence[str], breaks: Sequence[int], max_length: int, stride: int):
    """``(input_ids, word_ids)`` per window; word ids index ``words`` (the whole document)."""
    if not words:
        return []
    bounds = list(zip(breaks, list(breaks[1:]) + [len(words)]))
    # Lone surrogates are legal in a Python str but not encodable; the tokenizer gets U+FFFD
    # instead (offsets come from the words, so the caller's text is untouched).
    words = [_SURROGATE.sub("\ufffd", w) for w in words]
    batch = tokenizer([list(words[s:e]) for s, e in bounds], is_split_into_words=True, truncation=True,
                      max_length=max_length, stride=stride, return_overflowing_tokens=True)
    mapping = batch["overflow_to_sample_mapping"]
    windows = []
    for index, ids in enumerate(batch["input_ids"]):
        offset = bounds[mapping[index]][0]
        word_ids = tuple(None if w is None else w + offset for w in batch.word_ids(index))
        windows.append((ids, word_ids))
    return windows

