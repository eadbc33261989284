"""``train(config)``: the Python entry point behind ``zaam train`` (transformers ``Trainer``).

Steps, each a function: read data -> tokenizer -> features -> model -> fit with seqeval on
dev each epoch, keeping the best checkpoint -> write the model folder (transformers files,
``zaam.json``, the resolved config, a model card).
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import shutil
import time
from collections.abc import Sequence
from pathlib import Path

import yaml

from zaam.inference.alignment import BIO_LABELS, IGNORE_INDEX
from zaam.inference.configuration import ZaamSettings
from zaam.inference.corpus import read_many

from .augment import augment
from .config import TrainConfig
from zaam.inference.decoding import count_transitions, save_transitions
from zaam.inference.lexicon import NameLexicon
from zaam.inference.relations import HEAD_WEIGHTS, HeadConfig

from .data import LABEL2ID, align_documents, encode_windows
from .joint import JointCollator, JointModel, tune_threshold
from .model_card import write_model_card
from .tokenizer import train_wordpiece

logger = logging.getLogger("zaam")


def _tokenizer_for(config: TrainConfig, word_docs):
    from transformers import AutoTokenizer

    name = config.tokenizer.name_or_path or config.model.name_or_path
    if name:
        return AutoTokenizer.from_pretrained(name, use_fast=True)
    tokenizer = train_wordpiece((d.words for d in word_docs), config.tokenizer.vocab_size, config.tokenizer.min_frequency)
    tokenizer.model_max_length = config.model.architecture.max_position_embeddings
    return tokenizer


def _model_for(config: TrainConfig, tokenizer):
    from transformers import AutoModelForTokenClassification, BertConfig

    id2label = dict(enumerate(BIO_LABELS))
    if config.model.name_or_path:
        return AutoModelForTokenClassification.from_pretrained(
            config.model.name_or_path, num_labels=len(BIO_LABELS), id2label=id2label, label2id=LABEL2ID,
            ignore_mismatched_sizes=True,
        )
    arch = config.model.architecture
    bert = BertConfig(
        vocab_size=len(tokenizer), hidden_size=arch.hidden_size, num_hidden_layers=arch.num_hidden_layers,
        num_attention_heads=arch.num_attention_heads, intermediate_size=arch.intermediate_size,
        max_position_embeddings=arch.max_position_embeddings, hidden_dropout_prob=arch.hidden_dropout_prob,
        pad_token_id=tokenizer.pad_token_id, num_labels=len(BIO_LABELS), id2label=id2label, label2id=LABEL2ID,
    )
    return AutoModelForTokenClassification.from_config(bert)


def seqeval_metrics(eval_prediction) -> dict[str, float]:
    """Strict IOB2 entity scores on the labelled (first) sub-words of each window."""
    from seqeval.metrics import f1_score, precision_score, recall_score
    from seqeval.scheme import IOB2

    logits, labels = eval_prediction
    predictions = logits.argmax(-1)
    gold, pred = [], []
    for p_row, l_row in zip(predictions, labels):
        keep = [(BIO_LABELS[p], BIO_LABELS[l]) for p, l in zip(p_row, l_row) if l != IGNORE_INDEX]
        pred.append([p for p, _ in keep])
        gold.append([g for _, g in keep])
    kwargs = {"mode": "strict", "scheme": IOB2, "zero_division": 0}
    return {
        "precision": precision_score(gold, pred, **kwargs),
        "recall": recall_score(gold, pred, **kwargs),
        "f1": f1_score(gold, pred, **kwargs),
    }


def _training_arguments(config: TrainConfig, checkpoint_dir: Path):
    import torch
    from transformers import TrainingArguments

    t = config.training
    on_cpu = not torch.cuda.is_available()
    world_size = int(os.environ.get("WORLD_SIZE", "1"))  # set by `accelerate launch` / torchrun
    return TrainingArguments(
        output_dir=str(checkpoint_dir), num_train_epochs=t.epochs, max_steps=t.max_steps,
        per_device_train_batch_size=t.batch_size, per_device_eval_batch_size=t.batch_size * 2,
        learning_rate=t.learning_rate, weight_decay=t.weight_decay, warmup_steps=t.warmup_ratio,
        seed=t.seed, data_seed=t.seed, eval_strategy="epoch", save_strategy="epoch", save_total_limit=2,
        load_best_model_at_end=True, metric_for_best_model="f1", greater_is_better=True,
        logging_strategy="epoch", report_to=[], disable_tqdm=False,
        dataloader_num_workers=0, label_names=["labels"], dataloader_pin_memory=not on_cpu,
        bf16=t.bf16, use_cpu=on_cpu, ddp_backend="gloo" if on_cpu and world_size > 1 else None,
        train_sampling_strategy="group_by_length",
    )


def save_model_folder(model, tokenizer, out: Path) -> None:
    """The tagger as a standard transformers folder; a relation head beside it as safetensors."""
    from safetensors.torch import save_file

    tagger = model.tagger if isinstance(model, JointModel) else model
    tagger.save_pretrained(str(out))
    tokenizer.save_pretrained(str(out))
    if isinstance(model, JointModel):
        state = {k: v.contiguous() for k, v in model.head.state_dict().items()}
        save_file(state, str(out / HEAD_WEIGHTS), metadata={"format": "pt"})
        model.head.config.save(out)


def _replace_folder(staging: Path, out: Path) -> None:
    """Move a finished folder into place so ``out`` is never a half-written model."""
    old = out.with_name(out.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    staging.rename(out)
    shutil.rmtree(old, ignore_errors=True)


def _last_checkpoint(checkpoint_dir: Path) -> str | None:
    from transformers.trainer_utils import get_last_checkpoint

    return get_last_checkpoint(str(checkpoint_dir)) if checkpoint_dir.is_dir() else None


def _write_folder(model, tokenizer, config: TrainConfig, train_docs, train_words, best: dict, started: float, out: Path) -> None:
    """Everything a model folder holds, written beside ``out`` and then moved into place."""
    prep = config.preprocessing
    staging = out.with_name(out.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    save_model_folder(model, tokenizer, staging)
    NameLexicon.from_mentions((e.label, d.text[e.start : e.end]) for d in train_docs for e in d.entities).save(staging)
    save_transitions(count_transitions((d.tags for d in train_words), BIO_LABELS), staging)
    ZaamSettings(normalizer=prep.normalizer, max_length=prep.max_length, stride=prep.stride, linker=config.linker).save(staging)
    (staging / "training_config.yaml").write_text(yaml.safe_dump(config.to_dict(), allow_unicode=True, sort_keys=False), encoding="utf-8")
    (staging / "dev_metrics.json").write_text(json.dumps(best, indent=2) + "\n", encoding="utf-8")
    write_model_card(staging, config, train_docs, dev_metrics=best, seconds=time.time() - started)
    _replace_folder(staging, out)


def _quiet_progress():
    """The progress bar without the raw metric dicts; one short line per evaluation instead."""
    from transformers.trainer_callback import ProgressCallback

    class QuietProgress(ProgressCallback):
        def on_log(self, args, state, control, logs=None, **kwargs):
            if state.is_world_process_zero and logs and "eval_f1" in logs and self.training_bar is not None:
                self.training_bar.write(f"epoch {logs.get('epoch', 0):.0f}: dev entity F1 {logs['eval_f1']:.3f}, "
                                        f"loss {logs.get('eval_loss', float('nan')):.3f}")

    return ProgressCallback, QuietProgress()


def train(config: TrainConfig, resume: bool = False, callbacks: Sequence = (), verbose: bool = False) -> Path:
    """Train as ``config`` says and write a model folder that ``zaam.inference.load`` reads.

    Checkpoints go to ``<output_dir>.checkpoints`` each epoch; ``resume`` continues from the
    last one (same seed, same data order). The model folder is written beside the target and
    moved into place at the end, so an interrupted save never leaves a folder that loads half."""
    from datasets import Dataset
    from transformers import DataCollatorForTokenClassification, Trainer, set_seed

    started = time.time()
    set_seed(config.training.seed)
    out = Path(config.output_dir)
    train_docs = read_many(config.data.train)[: config.training.max_train_docs]
    fitted_docs = augment(train_docs, config.data.augment_copies, config.data.augment_labels, config.training.seed)
    dev_docs = read_many(config.data.dev)
    prep = config.preprocessing
    train_words, report = align_documents(fitted_docs, prep.normalizer, config.data.strict_alignment)
    dev_words, _ = align_documents(dev_docs, prep.normalizer, config.data.strict_alignment)
    logger.info("training on %d documents (%d with augmented copies), evaluating on %d; %s",
                len(train_docs), len(fitted_docs), len(dev_docs), report.summary())
    tokenizer = _tokenizer_for(config, train_words)
    model = _model_for(config, tokenizer)
    learned = config.linker == "learned"
    train_set = Dataset.from_dict(encode_windows(train_words, tokenizer, prep.max_length, prep.stride, learned))
    dev_set = Dataset.from_dict(encode_windows(dev_words, tokenizer, prep.max_length, prep.stride, learned))
    checkpoint_dir = out.with_name(out.name + ".checkpoints")
    resume_from = _last_checkpoint(checkpoint_dir) if resume else None
    if resume and resume_from is None:
        logger.warning("--resume: no checkpoint in %s; training from the start", checkpoint_dir)
    collator = DataCollatorForTokenClassification(tokenizer)
    if learned:
        model = JointModel(model, HeadConfig(hidden_size=model.config.hidden_size), config.training.relation_weight)
        collator = JointCollator(collator)
    trainer = Trainer(
        model=model, args=_training_arguments(config, checkpoint_dir), train_dataset=train_set,
        eval_dataset=dev_set, data_collator=collator, compute_metrics=seqeval_metrics, callbacks=list(callbacks),
    )
    if not verbose:
        default_bar, quiet_bar = _quiet_progress()
        trainer.remove_callback(default_bar)
        trainer.add_callback(quiet_bar)
    trainer.train(resume_from_checkpoint=resume_from)
    best = trainer.evaluate()
    if learned:
        threshold, pair_f1 = tune_threshold(trainer.model, dev_set, collator, config.training.batch_size * 2)
        trainer.model.head.config = dataclasses.replace(trainer.model.head.config, threshold=threshold)
        best["eval_relation_pair_f1"] = pair_f1
        logger.info("relation threshold %.2f (dev pair F1 %.3f)", threshold, pair_f1)
    if trainer.is_world_process_zero():  # under `accelerate launch`, one process writes
        _write_folder(trainer.model, tokenizer, config, train_docs, train_words, best, started, out)
        shutil.rmtree(checkpoint_dir, ignore_errors=True)
    logger.info("model written to %s (dev entity F1 %.3f, %.0f s)", out, best.get("eval_f1", 0.0), time.time() - started)
    return out
