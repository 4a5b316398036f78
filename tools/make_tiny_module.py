#!/usr/bin/python3
"""Make a tiny TorchScript module and the outputs Python computes for it.

Used by the core tests: C++ loads the module through libtorch and must reproduce the outputs
written here. Deterministic (fixed seed), so the files are the same on every run.

    make_tiny_module.py OUT_DIR
writes OUT_DIR/tiny_mlp.pt and OUT_DIR/tiny_mlp.expected.json
"""
import json
import sys
import warnings
from pathlib import Path

import torch


class TinyMlp(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.first = torch.nn.Linear(4, 8)
        self.second = torch.nn.Linear(8, 3)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.second(torch.tanh(self.first(x)))

    @torch.jit.export
    def affine(self, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        """A second method with two inputs, reached through run_method."""
        return 2.0 * x - y

    @torch.jit.export
    def noisy(self, x: torch.Tensor) -> torch.Tensor:
        """Emits the same warning on every call, as QNNPACK's reduce_range warning does."""
        warnings.warn("tiny_mlp noisy() was called")
        return x


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)

    torch.manual_seed(1234)
    model = TinyMlp().eval()
    scripted = torch.jit.script(model)
    scripted.save(str(out / "tiny_mlp.pt"))

    x = torch.linspace(-1.5, 2.0, steps=12).reshape(3, 4)
    y = torch.arange(12, dtype=torch.float32).reshape(3, 4) / 7.0
    with torch.no_grad():
        forward = scripted(x)
        affine = scripted.affine(x, y)

    expected = {
        "torch_version": torch.__version__,
        "parameter_count": sum(p.numel() for p in model.parameters()),
        "input_x": {"shape": list(x.shape), "values": x.flatten().tolist()},
        "input_y": {"shape": list(y.shape), "values": y.flatten().tolist()},
        "forward": {"shape": list(forward.shape), "values": forward.flatten().tolist()},
        "affine": {"shape": list(affine.shape), "values": affine.flatten().tolist()},
        "warning": "tiny_mlp noisy() was called",
    }
    (out / "tiny_mlp.expected.json").write_text(json.dumps(expected, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
