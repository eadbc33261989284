"""Joint training of tagger and relation head on one encoder pass.

The tagger is a plain ``AutoModelForTokenClassification``; :class:`JointModel` runs it once
with hidden states, adds the relation head's loss on gold entity pairs (teacher forcing),
and the Trainer optimises the sum. Only the parts are saved: the tagger as a standard
folder, the head as safetensors beside it.
"""

from __future__ import annotations

from collections.abc import Sequence

import torch
from torch import nn

from zaam.inference.relations import HeadConfig, build_head, window_pairs

from .data import WordDoc

PER_PAIR_FIELDS = ("pair_labels", "buckets", "gaps", "rules")  # one integer per candidate pair
PAIR_FIELDS = ("ent_spans", "pairs", *PER_PAIR_FIELDS)


class JointModel(nn.Module):
    def __init__(self, tagger, head_config: HeadConfig, relation_weight: float = 1.0):
        super().__init__()
        self.tagger = tagger
        self.head = build_head(head_config)
        self.relation_weight = relation_weight

    def forward(self, input_ids, attention_mask, labels=None, ent_spans=None, pairs=None, pair_labels=None,
                buckets=None, gaps=None, rules=None, pair_mask=None):
        out = self.tagger(input_ids=input_ids, attention_mask=attention_mask, labels=labels, output_hidden_states=True)
        loss = out.loss
        if pairs is not None and pair_mask is not None and pair_mask.any():
            logits = self.head(out.hidden_states[-1], ent_spans, pairs, buckets, gaps, rules)
            rel_loss = nn.functional.binary_cross_entropy_with_logits(logits[pair_mask], pair_labels[pair_mask].float())
            loss = rel_loss * self.relation_weight if loss is None else loss + rel_loss * self.relation_weight
        return {"loss": loss, "logits": out.logits}


def pair_features(doc: WordDoc, word_ids: Sequence[int | None]) -> dict[str, list]:
    """Relation training targets of one window: every allowed pair of gold entities in it."""
    wp = window_pairs(word_ids, doc.entity_words, doc.sentences, doc.rule_pairs)
    gold = {(a, b) for a, b in doc.relations}
    return {
        "ent_spans": [list(s) for s in wp.spans],
        "pairs": [list(p) for p in wp.pairs],
        "pair_labels": [int((wp.entity_ids[i], wp.entity_ids[j]) in gold) for i, j in wp.pairs],
        "buckets": list(wp.buckets),
        "gaps": list(wp.gaps),
        "rules": list(wp.rules),
    }


class JointCollator:
    """Pads token fields as transformers does and pair fields with a mask."""

    def __init__(self, token_collator):
        self.token_collator = token_collator

    def __call__(self, features: list[dict]) -> dict:
        pair_data = [{k: f.pop(k) for k in PAIR_FIELDS if k in f} for f in features]
        batch = self.token_collator(features)
        if not pair_data or not pair_data[0]:
            return batch
        n_ents = max(1, max(len(p["ent_spans"]) for p in pair_data))
        n_pairs = max(1, max(len(p["pairs"]) for p in pair_data))
        spans = torch.zeros((len(features), n_ents, 3), dtype=torch.long)
        pairs = torch.zeros((len(features), n_pairs, 2), dtype=torch.long)
        per_pair = {k: torch.zeros((len(features), n_pairs), dtype=torch.long) for k in PER_PAIR_FIELDS}
        mask = torch.zeros((len(features), n_pairs), dtype=torch.bool)
        for row, p in enumerate(pair_data):
            if p["ent_spans"]:
                spans[row, : len(p["ent_spans"])] = torch.tensor(p["ent_spans"])
            if p["pairs"]:
                count = len(p["pairs"])
                pairs[row, :count] = torch.tensor(p["pairs"])
                for key, tensor in per_pair.items():
                    tensor[row, :count] = torch.tensor(p[key])
                mask[row, :count] = True
        batch.update(ent_spans=spans, pairs=pairs, pair_mask=mask, **per_pair)
        return batch


def tune_threshold(model: JointModel, dataset, collator, batch_size: int = 32) -> tuple[float, float]:
    """The decision threshold that maximises pair F1 on ``dataset`` (the dev windows, gold
    entities given), and that F1: calibrates the head instead of trusting 0.5."""
    from torch.utils.data import DataLoader

    model.eval()
    device = next(model.parameters()).device
    scores, gold = [], []
    with torch.inference_mode():
        for batch in DataLoader(dataset, batch_size=batch_size, collate_fn=collator):
            if "pair_mask" not in batch or not batch["pair_mask"].any():
                continue
            batch = {k: v.to(device) for k, v in batch.items()}
            hidden = model.tagger(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"],
                                  output_hidden_states=True).hidden_states[-1]
            logits = model.head(hidden, batch["ent_spans"], batch["pairs"], batch["buckets"], batch["gaps"], batch["rules"])
            mask = batch["pair_mask"]
            scores.append(torch.sigmoid(logits[mask].float()).cpu())
            gold.append(batch["pair_labels"][mask].cpu().bool())
    if not scores:
        return 0.5, 0.0
    scores, gold = torch.cat(scores), torch.cat(gold)
    best = (0.5, -1.0)
    for threshold in [t / 20 for t in range(2, 19)]:
        predicted = scores >= threshold
        tp = (predicted & gold).sum().item()
        f1 = 2 * tp / (predicted.sum().item() + gold.sum().item()) if tp else 0.0
        best = max(best, (threshold, f1), key=lambda x: x[1])
    return best
