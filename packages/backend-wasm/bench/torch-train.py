"""PyTorch side of bench/wasm-train.mjs: reference CNN training and inference img/s.

Prints one JSON line: {"train": img/s, "infer1_ms": ms, "infer64": img/s, "infer256": img/s, "threads": n,
"version": torch version, "blas": the BLAS it was built with (e.g. "open", "mkl")}.
"""
import json, os, sys, time
import torch
import torch.nn as nn

# Stock wheels try NNPACK on every conv and warn on CPUs it does not support; it is not used either way.
if hasattr(torch.backends, "nnpack") and hasattr(torch.backends.nnpack, "set_flags"):
    torch.backends.nnpack.set_flags(False)


def blas_info():
    """The BLAS torch was built with; for a build against the generic libblas.so.3 (Debian's), the
    library actually loaded: OpenBLAS only when libopenblas0-* is installed, else the slow reference BLAS."""
    built = "unknown"
    for part in torch.__config__.show().replace("\n", ",").split(","):
        if "BLAS_INFO=" in part:
            built = part.split("BLAS_INFO=")[1].strip()
    if built not in ("generic", "unknown"):
        return {"mkl": "MKL", "open": "OpenBLAS"}.get(built, built)
    torch.mm(torch.rand(8, 8), torch.rand(8, 8))
    try:
        with open("/proc/self/maps") as f:
            libs = {line.split()[-1] for line in f if ".so" in line}
    except OSError:
        libs = set()
    for key, name in (("openblas", "OpenBLAS"), ("blis", "BLIS"), ("/blas/libblas", "reference BLAS")):
        if any(key in lib for lib in libs):
            return name
    return built

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
if os.environ.get("TORCH_TRAIN_ONLY"):
    print(json.dumps({"train": train, "threads": torch.get_num_threads(), "version": torch.__version__,
                      "blas": blas_info()}))
    sys.exit(0)

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
                  "infer256": 256 / t256[len(t256) // 2], "threads": torch.get_num_threads(),
                  "version": torch.__version__, "blas": blas_info()}))
