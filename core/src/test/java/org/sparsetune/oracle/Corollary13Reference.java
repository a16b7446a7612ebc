package org.sparsetune.oracle;

import org.sparsetune.linalg.DesignMatrix;
import org.sparsetune.solver.Loss;
import org.sparsetune.solver.LowerLevelProblem;

/**
 * A deliberately plain, independent implementation of the paper's Corollary 13 (eqs. 23–24) with
 * the partition (16) and the biactive policies of Definition 2, written from the paper and not from
 * {@link SubgradientOracle}: it shares no code with it (its own loops for ∇F, ∇²F, ∇L; its own
 * linear solver) and uses none of its shortcuts (no support reduction, no Cholesky, no CG).
 *
 * <ol>
 *   <li>Dense copies of the training design A (n × p) and the held-out design.
 *   <li>{@code ∇F(ȳ) = Aᵀr/n + l2·ȳ}, r_i the loss derivative at the margin a_iᵀȳ + c (quadratic:
 *       {@code a_iᵀȳ + c - b_i}; logistic: {@code -b_i σ(-b_i(a_iᵀȳ + c))}); {@code ∇²F(ȳ) = AᵀWA/n
 *       + l2·I} with W = I (quadratic) or {@code W_ii = σ(s_i)σ(-s_i)} (logistic), formed entry by
 *       entry. With an intercept the Hessian is bordered by the unpenalized intercept: {@code
 *       H_{j,c} = Σ_i W_ii a_ij / n}, {@code H_{c,c} = Σ_i W_ii / n} (no l2 on c).
 *   <li>Partition (16) of {@code (u, v) = (γ·w, ȳ - γ∇F(ȳ))}: with {@code gap_i = |v_i| - u_i} and
 *       the band {@code max(tolAbs, tolRel·max(|v_i|, u_i))} (the convention {@link OracleOptions}
 *       documents), I^± when gap_i exceeds the band (sign of v_i), A when gap_i is below minus the
 *       band, B^± (sign of v_i) otherwise. Note this is the paper's partition by (u, v); it does
 *       not look at whether ȳ_i is zero.
 *   <li>The signed selection D (Corollary 13): ±1 on I^±; on B^± the policy decides — NULL: 0;
 *       SELF_CONSISTENT: Definition 2 (i), +1 on B⁺ with z_i &lt; 0 and -1 on B⁻ with z_i &gt; 0.
 *       The intercept, a smooth unconstrained variable (its FB map has no prox), always has D = 1.
 *   <li>The full system (23), {@code M q = -z*} with {@code M = I - D² + γ∇²F(ȳ)D²}, is solved by
 *       Gaussian elimination with partial pivoting. Under SELF_CONSISTENT every biactive i with
 *       {@code D_ii ≠ 0} and {@code D_ii q_i ≤ 0} is set to D_ii = 0 and the system solved again,
 *       until nothing changes (Definition 2 (ii)–(iii)); each round that removed something counts.
 *   <li>{@code h = γ·JΨ(x)·D·q = γ·exp(x) ⊙ D ⊙ q} (24), since ∇_x L = 0.
 * </ol>
 */
final class Corollary13Reference {
  private Corollary13Reference() {}

  /**
   * The reference's answer.
   *
   * @param value L(ȳ) on the held-out rows
   * @param gradient h of eq. (24), length p
   * @param q the full solution of (23), length p (+1 with intercept, the intercept last)
   * @param selection the diagonal of D, length p (the intercept's implicit 1 not included)
   * @param biactive whether each feature is in B⁺ ∪ B⁻
   * @param zStar ∇_y L (length p, then ∂L/∂c)
   * @param inactivePositive |I⁺|
   * @param inactiveNegative |I⁻|
   * @param active |A|
   * @param biactivePositive |B⁺|
   * @param biactiveNegative |B⁻|
   * @param workingSet the number of features with D_ii ≠ 0 at termination
   * @param selectedBiactive the biactive features with D_ii ≠ 0 at termination
   * @param pruningRounds the rounds of Definition 2 that removed at least one feature
   */
  record Result(
      double value,
      double[] gradient,
      double[] q,
      int[] selection,
      boolean[] biactive,
      double[] zStar,
      int inactivePositive,
      int inactiveNegative,
      int active,
      int biactivePositive,
      int biactiveNegative,
      int workingSet,
      int selectedBiactive,
      int pruningRounds) {}

  /**
   * Evaluates Corollary 13 at the lower-level solution (y, c) of {@code train}.
   *
   * @param gamma the FB step γ (it only enters through the partition's absolute band and the
   *     scaling of q; h does not depend on it)
   */
  static Result evaluate(
      LowerLevelProblem train,
      double[] y,
      double c,
      DesignMatrix valDesign,
      double[] valLabels,
      UpperCriterion criterion,
      BiactivePolicy policy,
      double gamma,
      double tolRel,
      double tolAbs) {
    int p = train.cols();
    boolean intercept = train.fitIntercept();
    int m = p + (intercept ? 1 : 0);
    double[] w = train.penalties();

    double[] gradF = smoothGradient(train, y, c);
    double[][] hess = hessian(train, y, c);

    // Partition (16) of (u, v) = (γw, ȳ - γ∇F(ȳ)).
    int[] sel = new int[p];
    boolean[] bi = new boolean[p];
    int ip = 0;
    int in = 0;
    int act = 0;
    int bp = 0;
    int bn = 0;
    double[] z = heldOutGradient(valDesign, valLabels, y, c, criterion);
    for (int j = 0; j < p; j++) {
      double u = gamma * w[j];
      double v = y[j] - gamma * gradF[j];
      double gap = Math.abs(v) - u;
      double band = Math.max(tolAbs, tolRel * Math.max(Math.abs(v), u));
      if (gap > band) {
        sel[j] = v > 0.0 ? 1 : -1;
        if (v > 0.0) {
          ip++;
        } else {
          in++;
        }
      } else if (gap < -band) {
        act++;
      } else {
        bi[j] = true;
        if (v > 0.0) {
          bp++;
          if (policy == BiactivePolicy.SELF_CONSISTENT && z[j] < 0.0) {
            sel[j] = 1;
          }
        } else {
          bn++;
          if (policy == BiactivePolicy.SELF_CONSISTENT && z[j] > 0.0) {
            sel[j] = -1;
          }
        }
      }
    }

    // (23) and Definition 2's pruning.
    double[] rhs = new double[m];
    for (int j = 0; j < m; j++) {
      rhs[j] = -z[j];
    }
    double[] q;
    int rounds = 0;
    while (true) {
      double[][] mat = new double[m][m];
      for (int i = 0; i < m; i++) {
        for (int k = 0; k < m; k++) {
          double dk2 = k < p ? sel[k] * sel[k] : 1.0; // (D²)_kk; the intercept's D is 1
          mat[i][k] = (i == k ? 1.0 - dk2 : 0.0) + gamma * hess[i][k] * dk2;
        }
      }
      q = gaussianElimination(mat, rhs);
      boolean removed = false;
      if (policy == BiactivePolicy.SELF_CONSISTENT) {
        for (int j = 0; j < p; j++) {
          if (bi[j] && sel[j] != 0 && sel[j] * q[j] <= 0.0) {
            sel[j] = 0;
            removed = true;
          }
        }
      }
      if (!removed) {
        break;
      }
      rounds++;
    }

    double[] h = new double[p];
    int ws = 0;
    int sb = 0;
    for (int j = 0; j < p; j++) {
      h[j] = gamma * w[j] * sel[j] * q[j];
      if (sel[j] != 0) {
        ws++;
        if (bi[j]) {
          sb++;
        }
      }
    }
    return new Result(
        heldOutValue(valDesign, valLabels, y, c, criterion),
        h,
        q,
        sel,
        bi,
        z,
        ip,
        in,
        act,
        bp,
        bn,
        ws,
        sb,
        rounds);
  }

  /**
   * The per-row loss derivative r_i and curvature W_ii at the margins a_iᵀy + c: quadratic r_i =
   * margin - b_i, W_ii = 1; logistic r_i = -b_i σ(-b_i·margin), W_ii = σ(s)σ(-s).
   */
  private static double[][] rowTerms(LowerLevelProblem train, double[][] a, double[] y, double c) {
    int n = a.length;
    double[] b = train.labels();
    double[] r = new double[n];
    double[] curv = new double[n];
    for (int i = 0; i < n; i++) {
      double margin = c;
      for (int j = 0; j < y.length; j++) {
        margin += a[i][j] * y[j];
      }
      if (train.loss() == Loss.LOGISTIC) {
        double s = sigmoid(-b[i] * margin);
        r[i] = -b[i] * s;
        curv[i] = s * (1.0 - s);
      } else {
        r[i] = margin - b[i];
        curv[i] = 1.0;
      }
    }
    return new double[][] {r, curv};
  }

  /** ∇F(y, c) over the features: {@code Aᵀr/n + l2·y}. */
  static double[] smoothGradient(LowerLevelProblem train, double[] y, double c) {
    double[][] a = dense(train.design());
    int n = a.length;
    int p = y.length;
    double[] r = rowTerms(train, a, y, c)[0];
    double[] g = new double[p];
    for (int j = 0; j < p; j++) {
      double s = 0.0;
      for (int i = 0; i < n; i++) {
        s += a[i][j] * r[i];
      }
      g[j] = s / n + train.l2() * y[j];
    }
    return g;
  }

  /**
   * ∇²F(y, c), formed naively: {@code AᵀWA/n + l2·I} (p × p), bordered by the intercept's row and
   * column ({@code Σ_i W_ii a_ij / n}, {@code Σ_i W_ii / n}, no l2) when the problem fits one.
   */
  static double[][] hessian(LowerLevelProblem train, double[] y, double c) {
    double[][] a = dense(train.design());
    int n = a.length;
    int p = y.length;
    int m = p + (train.fitIntercept() ? 1 : 0);
    double[] curv = rowTerms(train, a, y, c)[1];
    double[][] hess = new double[m][m];
    for (int j = 0; j < m; j++) {
      for (int k = 0; k < m; k++) {
        double s = 0.0;
        for (int i = 0; i < n; i++) {
          double aij = j < p ? a[i][j] : 1.0;
          double aik = k < p ? a[i][k] : 1.0;
          s += aij * curv[i] * aik;
        }
        hess[j][k] = s / n + (j == k && j < p ? train.l2() : 0.0);
      }
    }
    return hess;
  }

  /** L(y, c) on the held-out rows, with its own loops: MSE or mean logistic loss. */
  static double heldOutValue(
      DesignMatrix valDesign, double[] valLabels, double[] y, double c, UpperCriterion criterion) {
    double[][] a = dense(valDesign);
    int n = a.length;
    double s = 0.0;
    for (int i = 0; i < n; i++) {
      double margin = c;
      for (int j = 0; j < y.length; j++) {
        margin += a[i][j] * y[j];
      }
      if (criterion == UpperCriterion.MSE) {
        s += (valLabels[i] - margin) * (valLabels[i] - margin);
      } else {
        double t = -valLabels[i] * margin;
        s += t > 0.0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
      }
    }
    return s / n;
  }

  /** ∇_y L (length p) followed by ∂L/∂c, with its own loops. */
  static double[] heldOutGradient(
      DesignMatrix valDesign, double[] valLabels, double[] y, double c, UpperCriterion criterion) {
    double[][] a = dense(valDesign);
    int n = a.length;
    int p = y.length;
    double[] g = new double[p + 1];
    for (int i = 0; i < n; i++) {
      double margin = c;
      for (int j = 0; j < p; j++) {
        margin += a[i][j] * y[j];
      }
      double d =
          criterion == UpperCriterion.MSE
              ? 2.0 * (margin - valLabels[i]) / n
              : -valLabels[i] * sigmoid(-valLabels[i] * margin) / n;
      for (int j = 0; j < p; j++) {
        g[j] += a[i][j] * d;
      }
      g[p] += d;
    }
    return g;
  }

  /**
   * Solves {@code M x = rhs} by Gaussian elimination with partial pivoting (row swaps to the
   * largest remaining pivot in each column), then back substitution. M and rhs are not modified.
   */
  static double[] gaussianElimination(double[][] matrix, double[] rhs) {
    int m = rhs.length;
    double[][] a = new double[m][];
    double[] x = rhs.clone();
    for (int i = 0; i < m; i++) {
      a[i] = matrix[i].clone();
    }
    for (int col = 0; col < m; col++) {
      int pivot = col;
      for (int i = col + 1; i < m; i++) {
        if (Math.abs(a[i][col]) > Math.abs(a[pivot][col])) {
          pivot = i;
        }
      }
      if (a[pivot][col] == 0.0) {
        throw new ArithmeticException("singular matrix at column " + col);
      }
      double[] tr = a[col];
      a[col] = a[pivot];
      a[pivot] = tr;
      double tx = x[col];
      x[col] = x[pivot];
      x[pivot] = tx;
      for (int i = col + 1; i < m; i++) {
        double f = a[i][col] / a[col][col];
        if (f != 0.0) {
          for (int k = col; k < m; k++) {
            a[i][k] -= f * a[col][k];
          }
          x[i] -= f * x[col];
        }
      }
    }
    for (int i = m - 1; i >= 0; i--) {
      double s = x[i];
      for (int k = i + 1; k < m; k++) {
        s -= a[i][k] * x[k];
      }
      x[i] = s / a[i][i];
    }
    return x;
  }

  /**
   * The Lipschitz constant Λ_F of ∇F from an eigen-decomposition of the dense p×p Gram matrix AᵀA
   * (cyclic Jacobi rotations, converged to rounding): {@code κ·λ_max(AᵀA)/n + l2}, κ = 1 for the
   * quadratic and 1/4 for the logistic loss (σ' ≤ 1/4). Independent of the oracle's power
   * iteration.
   */
  static double lipschitz(LowerLevelProblem problem) {
    double[][] a = dense(problem.design());
    int n = a.length;
    int p = problem.cols();
    double[][] g = new double[p][p];
    for (int j = 0; j < p; j++) {
      for (int k = 0; k < p; k++) {
        double s = 0.0;
        for (int i = 0; i < n; i++) {
          s += a[i][j] * a[i][k];
        }
        g[j][k] = s;
      }
    }
    double lambdaMax = 0.0;
    for (double e : jacobiEigenvalues(g)) {
      lambdaMax = Math.max(lambdaMax, e);
    }
    double kappa = problem.loss() == Loss.LOGISTIC ? 0.25 : 1.0;
    return kappa * lambdaMax / n + problem.l2();
  }

  /** Eigenvalues of a symmetric matrix by cyclic Jacobi sweeps until the off-diagonal vanishes. */
  static double[] jacobiEigenvalues(double[][] sym) {
    int p = sym.length;
    double[][] a = new double[p][];
    for (int i = 0; i < p; i++) {
      a[i] = sym[i].clone();
    }
    for (int sweep = 0; sweep < 100; sweep++) {
      double off = 0.0;
      double diag = 0.0;
      for (int i = 0; i < p; i++) {
        diag += a[i][i] * a[i][i];
        for (int k = i + 1; k < p; k++) {
          off += a[i][k] * a[i][k];
        }
      }
      if (off <= 1e-30 * diag) {
        break;
      }
      for (int i = 0; i < p; i++) {
        for (int k = i + 1; k < p; k++) {
          if (a[i][k] == 0.0) {
            continue;
          }
          double theta = (a[k][k] - a[i][i]) / (2.0 * a[i][k]);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1.0));
          if (theta == 0.0) {
            t = 1.0;
          }
          double cs = 1.0 / Math.sqrt(t * t + 1.0);
          double sn = t * cs;
          for (int r = 0; r < p; r++) {
            double ari = a[r][i];
            double ark = a[r][k];
            a[r][i] = cs * ari - sn * ark;
            a[r][k] = sn * ari + cs * ark;
          }
          for (int r = 0; r < p; r++) {
            double air = a[i][r];
            double akr = a[k][r];
            a[i][r] = cs * air - sn * akr;
            a[k][r] = sn * air + cs * akr;
          }
        }
      }
    }
    double[] e = new double[p];
    for (int i = 0; i < p; i++) {
      e[i] = a[i][i];
    }
    return e;
  }

  private static double[][] dense(DesignMatrix design) {
    int n = design.rows();
    int p = design.cols();
    double[][] a = new double[n][p];
    for (int j = 0; j < p; j++) {
      double[] col = design.column(j);
      for (int i = 0; i < n; i++) {
        a[i][j] = col[i];
      }
    }
    return a;
  }

  private static double sigmoid(double t) {
    if (t >= 0.0) {
      return 1.0 / (1.0 + Math.exp(-t));
    }
    double e = Math.exp(t);
    return e / (1.0 + e);
  }
}
