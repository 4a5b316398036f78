"""Structured magnitude pruning of a WhisperModel: attention heads and FFN channels.

Rule (applied to every attention module, i.e. encoder attn, decoder attn and decoder
cross_attn, and to every MLP):
- heads: remove floor(amount * H) of the H heads of each module (at least one head is kept).
  A head's score is the L2 norm of all its weights: its rows of query/key/value weight and its
  columns of out weight (biases not counted). The lowest scores go; ties remove the lower index
  first. Kept heads stay in their original order; query/value biases are sliced with them; the
  out bias is unchanged.
- FFN: remove floor(amount * W) of the W hidden channels of each MLP; channel c scores the L2
  norm of mlp.0.weight[c, :] and mlp.2.weight[:, c] together; same tie and order rules.
Every layer of a kind loses the same number of heads/channels, so widths stay uniform per kind.
"""
from typing import Dict, List, Tuple

import torch

from .model import Attention, Shapes, WhisperModel


def _keep(scores: torch.Tensor, n_remove: int) -> List[int]:
    order = sorted(range(len(scores)), key=lambda i: (float(scores[i]), i))
    gone = set(order[:n_remove])
    return [i for i in range(len(scores)) if i not in gone]


def _head_keep(attn: Attention, amount: float) -> List[int]:
    h, d = attn.n_head, attn.head_dim
    n_remove = min(int(amount * h), h - 1)
    s = torch.zeros(h, dtype=torch.float64)
    for lin in (attn.query, attn.key, attn.value):
        s += lin.weight.detach().double().view(h, d, -1).pow(2).sum(dim=(1, 2))
    s += attn.out.weight.detach().double().view(-1, h, d).pow(2).sum(dim=(0, 2))
    return _keep(s.sqrt(), n_remove)


def _mlp_keep(mlp, amount: float) -> List[int]:
    w = mlp[0].weight.shape[0]
    n_remove = min(int(amount * w), w - 1)
    s = mlp[0].weight.detach().double().pow(2).sum(1) + \
        mlp[2].weight.detach().double().pow(2).sum(0)
    return _keep(s.sqrt(), n_remove)


def _head_rows(keep: List[int], d: int) -> torch.Tensor:
    return torch.tensor([h * d + j for h in keep for j in range(d)], dtype=torch.long)


def prune_model(model: WhisperModel, amount: float) -> Tuple[WhisperModel, Dict]:
    """A new, smaller WhisperModel and a report {heads, mlp, kept_heads, kept_channels}."""
    if not 0.0 <= amount < 1.0:
        raise ValueError("prune amount must be in [0, 1)")
    sd = {k: v.detach().clone() for k, v in model.state_dict().items()}
    shapes = Shapes(heads={"encoder.attn": [], "decoder.attn": [], "decoder.cross_attn": []},
                    mlp={"encoder": [], "decoder": []})
    kept_heads: Dict[str, List[List[int]]] = {k: [] for k in shapes.heads}
    kept_channels: Dict[str, List[List[int]]] = {"encoder": [], "decoder": []}
    for side in ("encoder", "decoder"):
        stack = getattr(model, side).blocks
        for i, block in enumerate(stack):
            names = ["attn"] + (["cross_attn"] if side == "decoder" else [])
            for name in names:
                attn = getattr(block, name)
                keep = _head_keep(attn, amount)
                rows = _head_rows(keep, attn.head_dim)
                p = f"{side}.blocks.{i}.{name}."
                for lin in ("query", "key", "value"):
                    sd[p + lin + ".weight"] = sd[p + lin + ".weight"][rows].clone()
                    if p + lin + ".bias" in sd:
                        sd[p + lin + ".bias"] = sd[p + lin + ".bias"][rows].clone()
                sd[p + "out.weight"] = sd[p + "out.weight"][:, rows].clone()
                shapes.heads[f"{side}.{name}"].append(len(keep))
                kept_heads[f"{side}.{name}"].append(keep)
            keep = _mlp_keep(block.mlp, amount)
            idx = torch.tensor(keep, dtype=torch.long)
            p = f"{side}.blocks.{i}.mlp."
            sd[p + "0.weight"] = sd[p + "0.weight"][idx].clone()
            sd[p + "0.bias"] = sd[p + "0.bias"][idx].clone()
            sd[p + "2.weight"] = sd[p + "2.weight"][:, idx].clone()
            shapes.mlp[side].append(len(keep))
            kept_channels[side].append(keep)
    pruned = WhisperModel(model.dims, shapes)
    pruned.load_state_dict(sd, strict=True)
    report = {"heads": shapes.heads, "mlp": shapes.mlp, "kept_heads": kept_heads,
              "kept_channels": kept_channels}
    return pruned.eval(), report
