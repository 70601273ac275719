"""Writes real TorchScript models, made as data scientists make them, and hostile ones.

The ordinary models (scripted and traced: every common layer family, dynamic and static
int8, fp16/fp64, functional code, control flow, dict/tuple outputs) must pass the
operator allow-list of TorchScriptCheck; the hostile ones (files, printing, global
state, custom classes) must be refused. Run with Debian's python3-torch 1.13:

    /usr/bin/python3 sample-models/build_torchscript_corpus.py OUT_DIR [--vocabulary]

--vocabulary prints every name the models' serialized code calls, to review the list.
"""
import os
import sys
from typing import Dict, List, Optional, Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class Mlp(nn.Module):
    def __init__(self, act):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(8, 16), act, nn.Dropout(0.2), nn.Linear(16, 3))

    def forward(self, x):
        return self.net(x)


class Functional(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Linear(8, 8)
        self.norm = nn.LayerNorm(8)
        self.b = nn.Linear(8, 2)

    def forward(self, x):
        h = F.gelu(self.a(x))
        h = self.norm(h + x)
        h = F.dropout(h, 0.1, training=self.training)
        h = torch.clamp(h, -5.0, 5.0) * torch.sigmoid(h)
        out = self.b(h)
        if out.size(0) > 0:
            out = out - out.mean(dim=1, keepdim=True)
        return F.log_softmax(out, dim=1)


class Convs(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv1d(1, 4, 3, padding=1)
        self.bn = nn.BatchNorm1d(4)
        self.pool = nn.MaxPool1d(2)
        self.c2 = nn.Conv2d(1, 2, 3, padding=1)
        self.avg = nn.AdaptiveAvgPool2d((2, 2))
        self.out = nn.Linear(4 * 4 + 8, 2)

    def forward(self, x):
        a = self.pool(F.relu(self.bn(self.c1(x.unsqueeze(1)))))
        b = self.avg(self.c2(x.view(-1, 1, 2, 4)))
        z = torch.cat([torch.flatten(a, 1), b.reshape(b.shape[0], -1)], dim=1)
        return self.out(z)


class Recurrent(nn.Module):
    def __init__(self, cell):
        super().__init__()
        self.rnn = cell
        self.head = nn.Linear(6, 2)

    def forward(self, x):
        seq = x.view(x.size(0), 4, 2)
        out, _ = self.rnn(seq)
        return self.head(out[:, -1, :])


class Embeddings(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(10, 4)
        self.bag = nn.EmbeddingBag(10, 4, mode="mean")
        self.head = nn.Linear(8 + 6, 2)

    def forward(self, x):
        codes = x[:, :2].abs().long().clamp(0, 9)
        e = self.emb(codes).sum(1)
        g = self.bag(codes)
        return torch.softmax(self.head(torch.cat((e, g, x[:, 2:]), 1)), dim=-1)


class Attention(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc = nn.TransformerEncoderLayer(d_model=4, nhead=2, dim_feedforward=8, batch_first=True)
        self.head = nn.Linear(4, 2)

    def forward(self, x):
        h = self.enc(x.view(x.size(0), 2, 4))
        return self.head(h.mean(1))


class Outputs(nn.Module):
    def __init__(self):
        super().__init__()
        self.l = nn.Linear(8, 3)

    def forward(self, x) -> Dict[str, torch.Tensor]:
        logits = self.l(x)
        return {"logits": logits, "probabilities": torch.softmax(logits, 1)}


class Loops(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(8, 8) for _ in range(3)])
        self.head = nn.Linear(8, 2)
        self.names: List[str] = ["a", "b"]

    def forward(self, x) -> Tuple[torch.Tensor, torch.Tensor]:
        acc: List[torch.Tensor] = []
        for layer in self.layers:
            x = torch.tanh(layer(x))
            acc.append(x)
        total = torch.stack(acc).sum(0)
        i = 0
        while i < len(self.names):
            total = total * 0.5
            i += 1
        scale: Optional[float] = None
        if x.dim() == 2:
            scale = float(x.shape[1])
        if scale is not None:
            total = total / scale
        logits = self.head(total)
        return logits, torch.sigmoid(logits)


def ordinary(out):
    x = torch.randn(5, 8)
    made = {
        "mlp-relu-script": torch.jit.script(Mlp(nn.ReLU()).eval()),
        "mlp-elu-trace": torch.jit.trace(Mlp(nn.ELU()).eval(), x, check_trace=False),
        "mlp-silu-script": torch.jit.script(Mlp(nn.SiLU()).eval()),
        "functional-script": torch.jit.script(Functional().eval()),
        "functional-trace": torch.jit.trace(Functional().eval(), x, check_trace=False),
        "convs-script": torch.jit.script(Convs().eval()),
        "convs-trace": torch.jit.trace(Convs().eval(), x, check_trace=False),
        "lstm-script": torch.jit.script(Recurrent(nn.LSTM(2, 6, batch_first=True)).eval()),
        "gru-trace": torch.jit.trace(Recurrent(nn.GRU(2, 6, batch_first=True)).eval(), x, check_trace=False),
        "rnn-script": torch.jit.script(Recurrent(nn.RNN(2, 6, batch_first=True)).eval()),
        "embeddings-script": torch.jit.script(Embeddings().eval()),
        "attention-script": torch.jit.script(Attention().eval()),
        "attention-trace": torch.jit.trace(Attention().eval(), x, check_trace=False),
        "dict-output-script": torch.jit.script(Outputs().eval()),
        "loops-script": torch.jit.script(Loops().eval()),
        "mlp-fp64-script": torch.jit.script(Mlp(nn.ReLU()).double().eval()),
        "mlp-fp16-script": torch.jit.script(Mlp(nn.ReLU()).half().eval()),
        "mlp-int8-dynamic-script": torch.jit.script(torch.quantization.quantize_dynamic(
            Mlp(nn.ReLU()).eval(), {nn.Linear}, dtype=torch.qint8)),
        "lstm-int8-dynamic-trace": torch.jit.trace(torch.quantization.quantize_dynamic(
            Recurrent(nn.LSTM(2, 6, batch_first=True)).eval(), {nn.Linear, nn.LSTM}, dtype=torch.qint8), x),
    }
    for name, module in made.items():
        module.save(os.path.join(out, name + ".pt"))
    return sorted(made)


# Hostile models: each does one thing a model must never do.
class ReadsAFile(nn.Module):
    def forward(self, x):
        secret = torch.from_file("/etc/hostname", False, 8, dtype=torch.uint8)
        return x[:, :1] * 0 + secret[:1].float()


class WritesAFile(nn.Module):
    def forward(self, x):
        torch.save(x, "/tmp/predictbench-canary-written.bin")
        return x


class Prints(nn.Module):
    def forward(self, x):
        print("scored", x.size(0))
        return x


class SeedsTheGenerator(nn.Module):
    def forward(self, x):
        torch.manual_seed(7)
        return x + torch.rand_like(x)


class ReadsThroughOps(nn.Module):
    def forward(self, x):
        secret = torch.ops.aten.from_file("/etc/hostname", False, 8, dtype=torch.uint8)
        return x[:, :1] * 0 + secret[:1].float()


def hostile(out):
    made = {
        "hostile-from-file": ReadsAFile(),
        "hostile-save": WritesAFile(),
        "hostile-print": Prints(),
        "hostile-manual-seed": SeedsTheGenerator(),
        "hostile-ops-from-file": ReadsThroughOps(),
    }
    for name, module in made.items():
        torch.jit.script(module).save(os.path.join(out, name + ".pt"))
    return sorted(made)


def vocabulary(out):
    import re
    import zipfile
    names = set()
    for file in sorted(os.listdir(out)):
        if file.startswith("hostile") or not file.endswith(".pt"):
            continue
        with zipfile.ZipFile(os.path.join(out, file)) as z:
            for entry in z.namelist():
                if entry.endswith(".py"):
                    code = z.read(entry).decode()
                    names.update(re.findall(r"\b(?:torch|ops\.\w+)\.\w+", code))
                    names.update("." + m for m in re.findall(r"[\w\)\]]\.(\w+)\(", code))
                    names.update(m + "(" for m in re.findall(r"(?<![\w.])([a-z_]\w*)\(", code))
    print("\n".join(sorted(names)))


if __name__ == "__main__":
    target = sys.argv[1]
    os.makedirs(target, exist_ok=True)
    print("ordinary:", ", ".join(ordinary(target)))
    print("hostile:", ", ".join(hostile(target)))
    if "--vocabulary" in sys.argv:
        vocabulary(target)
