#!/usr/bin/env python3
"""liblinear's L1 logistic regression on the same rows and penalties as `sparsetune bench-solver`.

Reference measurement for docs/benchmarks.md. Needs scikit-learn (Debian: python3-sklearn) and the
row files written by `deploy/bin/sparsetune bench-solver --datasets w8a,mnist01 --export-rows DIR`.

Our problem: (1/n) sum log(1 + exp(-b a.y)) + (1/(2n))||y||^2 + alpha ||y||_1, alpha = f * alpha_max.
liblinear's: ||y||_1 + C sum log(1 + exp(-b a.y)), the same minimizer (up to our tiny ridge) for
C = 1 / (n alpha). No intercept in either. Times are the fastest of 7 fits in one process. The
"KKT" column is the maximum KKT violation of liblinear's solution for its own problem in our
scaling, (1/n) sum log(1 + exp(-b a.y)) + alpha ||y||_1 (the measure `bench-solver` stops on, without
the ridge), so that its stopping rule can be compared with ours.

    usage: liblinear_reference.py DATA_DIR ROWS_DIR
"""
import lzma
import sys
import time

import numpy as np
from sklearn.datasets import load_svmlight_file
from sklearn.linear_model import LogisticRegression

DATASETS = [("w8a", "w8a.xz", 300), ("mnist01", "mnist01_train.libsvm.xz", 784)]


def main(data_dir, rows_dir):
    print("| dataset | w/w_max | tol | liblinear s | KKT | nnz(y) |")
    print("|---|---|---|---|---|---|")
    for name, file, p in DATASETS:
        with lzma.open(f"{data_dir}/{file}") as f:
            x, b = load_svmlight_file(f, n_features=p)
        rows = np.loadtxt(f"{rows_dir}/{name}_train_rows.txt", dtype=int)
        x, b = x[rows].tocsc(), np.where(b[rows] > 0, 1.0, -1.0)
        n = x.shape[0]
        alpha_max = np.max(np.abs(x.T @ b)) / (2 * n)
        for frac in (0.1, 0.01):
            for tol in (1e-4, 1e-5, 1e-6):
                best, model = float("inf"), None
                for _ in range(7):
                    model = LogisticRegression(penalty="l1", C=1.0 / (n * frac * alpha_max),
                                               solver="liblinear", fit_intercept=False,
                                               tol=tol, max_iter=1000)
                    t0 = time.perf_counter()
                    model.fit(x, b)
                    best = min(best, time.perf_counter() - t0)
                y = model.coef_.ravel()
                print(f"| {name} | {frac:g} | {tol:g} | {best:.4f} | "
                      f"{kkt(x, b, y, frac * alpha_max):.1e} | {np.count_nonzero(y)} |")


def kkt(x, b, y, alpha):
    """Max KKT violation of y for (1/n) sum log(1 + exp(-b x.y)) + alpha ||y||_1."""
    n = x.shape[0]
    s = b * (x @ y)
    sig = 0.5 * (1.0 - np.tanh(0.5 * s))  # sigma(-s), overflow-free
    g = x.T @ (-b * sig) / n
    return float(np.max(np.where(y != 0, np.abs(g + alpha * np.sign(y)),
                                 np.maximum(np.abs(g) - alpha, 0.0))))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
