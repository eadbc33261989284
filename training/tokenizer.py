"""A WordPiece tokenizer built from the training texts, for models trained from scratch.

The vocabulary is chosen here, deterministically: the ``tokenizers`` trainer breaks
frequency ties in hash order, so the same corpus could give another vocabulary and so
another model, and two runs with one seed must agree. Every character of the corpus is in
the vocabulary (as a word start and as a ``##`` continuation), then the frequent whole words,
then the pieces that save the most sub-words (see :func:`build_vocab`). Tokenising is left
to the ``tokenizers`` WordPiece model, saved as a standard fast tokenizer (``tokenizer.json``).
The words are zaam's canonical words (proclitics already split off), as the model sees them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

SPECIAL_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
MAX_PIECE = 12


def build_vocab(word_lists: Iterable[Sequence[str]], vocab_size: int, min_frequency: int = 2) -> list[str]:
    """Specials, the alphabet, every word seen ``min_frequency`` times (most frequent first:
    a small model learns whole words best), then the word prefixes and ``##`` pieces that
    save the most sub-words for the rest; ties are broken by the string."""
    words = Counter(word for words in word_lists for word in words)
    alphabet = sorted({char for word in words for char in word})
    base = SPECIAL_TOKENS + alphabet + ["##" + char for char in alphabet]
    frequent = sorted((w for w, c in words.items() if c >= min_frequency and len(w) > 1), key=lambda w: (-words[w], w))
    vocab = base + frequent[: max(0, vocab_size - len(base))]
    chosen = set(vocab)
    scores: Counter = Counter()
    for word, count in words.items():
        if len(word) < 2:
            continue
        for end in range(2, min(len(word), MAX_PIECE) + 1):
            scores[word[:end]] += count * (end - 1)
        for start in range(1, len(word)):
            for end in range(start + 2, min(len(word), start + MAX_PIECE) + 1):
                scores["##" + word[start:end]] += count * (end - start - 1)
    ranked = sorted((item for item in scores.items() if item[0] not in chosen), key=lambda item: (-item[1], item[0]))
    return vocab + [token for token, _ in ranked[: max(0, vocab_size - len(vocab))]]


def train_wordpiece(word_lists: Iterable[Sequence[str]], vocab_size: int, min_frequency: int = 2):
    """A BERT-style fast tokenizer over a vocabulary built by :func:`build_vocab`."""
    from tokenizers import Tokenizer, decoders, normalizers, pre_tokenizers, processors
    from tokenizers.models import WordPiece
    from transformers import PreTrainedTokenizerFast

    vocab = {token: index for index, token in enumerate(build_vocab(word_lists, vocab_size, min_frequency))}
    tokenizer = Tokenizer(WordPiece(vocab=vocab, unk_token="[UNK]", max_input_chars_per_word=100))
    tokenizer.normalizer = normalizers.BertNormalizer(clean_text=True, handle_chinese_chars=False,
                                                      strip_accents=False, lowercase=False)
    tokenizer.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    cls_id, sep_id = vocab["[CLS]"], vocab["[SEP]"]
    tokenizer.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1", special_tokens=[("[CLS]", cls_id), ("[SEP]", sep_id)]
    )
    tokenizer.decoder = decoders.WordPiece(prefix="##")
    return PreTrainedTokenizerFast(
        tokenizer_object=tokenizer, unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]",
        sep_token="[SEP]", mask_token="[MASK]", model_input_names=["input_ids", "attention_mask"],
    )
