"""Optuna's TPE on the sampler benchmark's functions (the same definitions as functions.mjs).

Usage: python3 optuna_tpe.py '{"functions": ["branin", ...], "seeds": 30, "trials": 100}'
Prints JSON on stdout: {"optuna": version, "curves": {variant: {function: [[regret after trial 1, ...,
after trial N] for each seed]}}} for two variants: "optuna-tpe" (TPESampler's defaults, which model
the parameters jointly since Optuna 4) and "optuna-tpe-indep" (multivariate=False).
"""
import json
import math
import sys

import numpy as np
import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)

H_A = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
H_P = [
    [0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886],
    [0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991],
    [0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.665],
    [0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381],
]
H_ALPHA = [1.0, 1.2, 3.0, 3.2]
ACT_PENALTY = {"relu": 0.0, "tanh": 0.3, "sigmoid": 0.6}


def branin(t, rng):
    x1 = t.suggest_float("x1", -5, 10)
    x2 = t.suggest_float("x2", 0, 15)
    b, c, tt = 5.1 / (4 * math.pi**2), 5 / math.pi, 1 / (8 * math.pi)
    v = (x2 - b * x1**2 + c * x1 - 6) ** 2 + 10 * (1 - tt) * math.cos(x1) + 10
    return v, v


def hartmann6(t, rng):
    x = [t.suggest_float(f"x{i}", 0, 1) for i in range(6)]
    v = 0.0
    for i in range(4):
        inner = sum(H_A[i][j] * (x[j] - H_P[i][j]) ** 2 for j in range(6))
        v -= H_ALPHA[i] * math.exp(-inner)
    return v, v


def noisy_hparams(t, rng):
    lr = t.suggest_float("lr", 1e-5, 1, log=True)
    units = t.suggest_int("units", 8, 256, log=True)
    dropout = t.suggest_float("dropout", 0, 0.6)
    act = t.suggest_categorical("act", ["relu", "tanh", "sigmoid"])
    truth = (math.log10(lr) + 2.5) ** 2 / 4 + (math.log2(units) - 6) ** 2 / 9 + 4 * (dropout - 0.2) ** 2 + ACT_PENALTY[act]
    return truth + 0.2 * rng.standard_normal(), truth


FUNCTIONS = {"branin": (branin, 0.397887), "hartmann6": (hartmann6, -3.32237), "noisy-hparams": (noisy_hparams, 0.0)}


VARIANTS = {
    "optuna-tpe": lambda seed: optuna.samplers.TPESampler(seed=seed),
    "optuna-tpe-indep": lambda seed: optuna.samplers.TPESampler(seed=seed, multivariate=False),
}


def run(variant, name, seed, trials):
    fn, optimum = FUNCTIONS[name]
    rng = np.random.default_rng(1000 + seed)
    study = optuna.create_study(sampler=VARIANTS[variant](seed))
    truths = {}

    def objective(t):
        value, truth = fn(t, rng)
        truths[t.number] = truth
        return value

    study.optimize(objective, n_trials=trials)
    curve, best, best_truth = [], math.inf, math.inf
    for t in study.trials:
        if t.value < best:
            best, best_truth = t.value, truths[t.number]
        curve.append(best_truth - optimum)
    return curve


def main():
    cfg = json.loads(sys.argv[1])
    out = {
        v: {name: [run(v, name, s, cfg["trials"]) for s in range(cfg["seeds"])] for name in cfg["functions"]}
        for v in VARIANTS
    }
    json.dump({"optuna": optuna.__version__, "curves": out}, sys.stdout)


if __name__ == "__main__":
    main()
