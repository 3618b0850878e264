"""PyTorch side of bench/wasm-train.mjs: reference CNN training and inference img/s.

Prints one JSON line: {"train": img/s, "infer1_ms": ms, "infer64": img/s, "infer256": img/s, "threads": n}.
"""
import json, os, sys, time
import torch
import torch.nn as nn

torch.set_num_threads(int(os.environ.get("TORCH_THREADS", "2")))
torch.manual_seed(0)
steps = int(sys.argv[1]) if len(sys.argv) > 1 else 30
model = nn.Sequential(
    nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(), nn.Linear(64 * 5 * 5, 128), nn.ReLU(), nn.Linear(128, 10))
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_fn = nn.CrossEntropyLoss()
x = torch.rand(64, 1, 28, 28)
y = torch.randint(0, 10, (64,))

def step():
    opt.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    opt.step()

for _ in range(5):
    step()
times = []
for _ in range(steps):
    t = time.perf_counter(); step(); times.append(time.perf_counter() - t)
times.sort()
train = 64 / times[len(times) // 2]

model.eval()
with torch.no_grad():
    x1 = torch.rand(1, 1, 28, 28)
    for _ in range(20):
        model(x1)
    t1 = []
    for _ in range(200):
        t = time.perf_counter(); model(x1); t1.append(time.perf_counter() - t)
    t1.sort()
    x64 = torch.rand(64, 1, 28, 28)
    for _ in range(3):
        model(x64)
    t64 = []
    for _ in range(30):
        t = time.perf_counter(); model(x64); t64.append(time.perf_counter() - t)
    t64.sort()
    x256 = torch.rand(256, 1, 28, 28)
    for _ in range(3):
        model(x256)
    t256 = []
    for _ in range(15):
        t = time.perf_counter(); model(x256); t256.append(time.perf_counter() - t)
    t256.sort()
print(json.dumps({"train": train, "infer1_ms": t1[len(t1) // 2] * 1e3,
                  "infer64": 64 / t64[len(t64) // 2],
                  "infer256": 256 / t256[len(t256) // 2], "threads": torch.get_num_threads()}))
