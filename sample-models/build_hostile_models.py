"""Writes two small TorchScript models that misbehave, for the tests of what scoring does with
model outputs (src/test/resources/models/). Both wrap the breast-cancer sample's model, so they
take its 30 standardized inputs and return [N, 1] logits when they behave.

- output-width-changes.pt: a batch of 2 rows (the dry run's) gets [N, 2]; 3 rows get [2, 1]
  (a row dropped); any other batch gets [N, 1]. Scoring must refuse it, never shift rows.
- nan-outputs.pt: rows whose first standardized input is above 100 get NaN, above 50 +inf,
  below -50 -inf; the others get the sample model's logit.

Run with Debian's python3 (torch 1.13): python3 sample-models/build_hostile_models.py
"""
import os

import torch

HERE = os.path.dirname(__file__)
OUT = os.path.join(HERE, "..", "src", "test", "resources", "models")
BASE = torch.jit.load(os.path.join(HERE, "breast-cancer", "model.pt"))


class WidthChanges(torch.nn.Module):
    def __init__(self, base):
        super().__init__()
        self.base = base

    def forward(self, x):
        y = self.base(x)
        if x.size(0) == 2:
            return torch.cat([-y, y], 1)
        if x.size(0) == 3:
            return y[:-1]
        return y


class NanOutputs(torch.nn.Module):
    def __init__(self, base):
        super().__init__()
        self.base = base

    def forward(self, x):
        y = self.base(x)
        first = x[:, 0:1]
        y = torch.where(first > 100.0, torch.full_like(y, float("nan")), y)
        y = torch.where((first > 50.0) & (first <= 100.0), torch.full_like(y, float("inf")), y)
        return torch.where(first < -50.0, torch.full_like(y, float("-inf")), y)


for name, module in [("output-width-changes.pt", WidthChanges(BASE)), ("nan-outputs.pt", NanOutputs(BASE))]:
    scripted = torch.jit.script(module.eval())
    scripted.save(os.path.join(OUT, name))
    print(name, [tuple(scripted(torch.zeros(n, 30)).shape) for n in (1, 2, 3, 4)])
x = torch.zeros(4, 30)
x[1, 0] = 140
x[2, 0] = 80
x[3, 0] = -60
print(torch.jit.load(os.path.join(OUT, "nan-outputs.pt"))(x).flatten().tolist())
