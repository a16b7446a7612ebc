package org.sparsetune.oracle;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.sparsetune.linalg.DesignMatrix;
import org.sparsetune.solver.Kkt;
import org.sparsetune.solver.Loss;
import org.sparsetune.solver.LowerLevelProblem;
import org.sparsetune.solver.SolverResult;

/**
 * The residual-enlarged subgradient oracle, Algorithm 1 of the paper, for
 * {@code Φ(x) = L(y*(x))} with penalties {@code w = exp(x)}.
 *
 * <ol>
 *   <li>Partition (Phase 1): {@code (u, v) = (γ·exp(x), ȳ - γ∇F(ȳ))} with γ = 1/Λ_F; a
 *       nonzero ȳ_i is in I⁺/I⁻ by its sign (unless it is a numerical zero, |ȳ_i| ≤ 1e-9·u_i,
 *       which is partitioned as a zero); a zero one is biactive (B⁺ if v_i &gt; 0, else B⁻)
 *       when {@code ||v_i| - u_i| ≤ max(tolAbs, tolRel·max(|v_i|, u_i))} and active (A)
 *       otherwise. A zero coordinate outside the band with |v_i| &gt; u_i violates the lower-level
 *       KKT conditions (an inexact solve) and is treated as biactive.
 *   <li>Selection (Phase 2): S = I⁺ ∪ I⁻ plus the biactive coordinates the {@link BiactivePolicy}
 *       selects, with signs σ (Corollary 13, Definition 2).
 *   <li>Reduced adjoint (Phase 3): {@code γ [∇²F(ȳ)]_{S,S} q_S = -z*_S}, z* = ∇_y L(ȳ); solved
 *       for {@code γq} directly, by dense Cholesky when |S| is small and by conjugate gradients
 *       otherwise (warm-started from the previous adjoint mapped onto the new S). With the
 *       self-consistent policy every selected biactive i with σ_i q_i ≤ 0 is pruned and the
 *       system re-solved until nothing changes.
 *   <li>Reconstruction (Phase 4): {@code h = ∇_x L + γ·exp(x)⊙σ⊙q} on S, zero elsewhere (L does
 *       not depend on x directly, so ∇_x L = 0).
 * </ol>
 *
 * <p>γ enters h only through the product γq, which the adjoint system fixes independently of γ;
 * it does matter for the partition's absolute band. The default γ = 1/Λ_F is the largest step the
 * paper's Lemma 10 allows in the limit; Λ_F is λ_max(AᵀA)/n + l2 for the quadratic loss and
 * λ_max(AᵀA)/(4n) + l2 for the logistic loss, λ_max by power iteration (cached per design).
 *
 * <p>Instances keep one cache (the last design's Λ_F) and are not thread-safe; use one per
 * thread or task.
 */
public final class SubgradientOracle {
  /**
   * A nonzero ȳ_j with {@code |v_j| - u_j ≤ NUMERICAL_ZERO·max(|v_j|, u_j)} is a numerical zero
   * (the lower-level solve left rounding noise on a coordinate exactly at its threshold) and is
   * partitioned like a zero coordinate.
   */
  static final double NUMERICAL_ZERO = 1e-9;
  private final OracleOptions options;
  private DesignMatrix cachedDesign;
  private double cachedLambdaMax;

  /** An oracle with {@link OracleOptions#DEFAULTS}. */
  public SubgradientOracle() {
    this(OracleOptions.DEFAULTS);
  }

  /** An oracle with the given options. */
  public SubgradientOracle(OracleOptions options) {
    if (options == null) {
      throw new IllegalArgumentException("options must not be null");
    }
    this.options = options;
  }

  /** The options. */
  public OracleOptions options() {
    return options;
  }

  /**
   * Evaluates Φ and a subgradient at the point whose lower-level solution is {@code lower}.
   *
   * @param train the lower-level problem at x (its penalties are exp(x))
   * @param lower the solution of {@code train}
   * @param valDesign the held-out design (same feature count)
   * @param valLabels the held-out labels
   * @param criterion the held-out criterion L
   * @param previousAdjoint the adjoint of a previous call (length p, or p+1 with intercept), or
   *     null; it warm-starts conjugate gradients
   */
  public OracleResult evaluate(
      LowerLevelProblem train,
      SolverResult lower,
      DesignMatrix valDesign,
      double[] valLabels,
      UpperCriterion criterion,
      double[] previousAdjoint) {
    long start = System.nanoTime();
    int p = train.cols();
    if (valDesign.cols() != p) {
      throw new IllegalArgumentException(
          "validation data has " + valDesign.cols() + " features, training data " + p);
    }
    DesignMatrix.checkLength("validation labels", valLabels, valDesign.rows());
    double[] y = lower.coefficients();
    double c = lower.intercept();
    double[] w = train.penalties();
    boolean intercept = train.fitIntercept();

    // Train-side gradient of F and the Hessian's row weights at ȳ.
    DesignMatrix a = train.design();
    int n = a.rows();
    double[] margin = new double[n];
    a.multiply(y, margin);
    double[] rowDeriv = new double[n];
    double[] curvature = null;
    double[] b = train.labels();
    if (train.loss() == Loss.QUADRATIC) {
      for (int i = 0; i < n; i++) {
        rowDeriv[i] = margin[i] + c - b[i];
      }
    } else {
      curvature = new double[n];
      for (int i = 0; i < n; i++) {
        double sg = Kkt.sigmoid(-b[i] * (margin[i] + c));
        rowDeriv[i] = -b[i] * sg;
        curvature[i] = sg * (1.0 - sg);
      }
    }
    double invN = n == 0 ? 0.0 : 1.0 / n;
    double gamma = 1.0 / lipschitz(train);

    UpperCriterion.ValueAndGradient upper = criterion.valueAndGradient(valDesign, valLabels, y, c);
    double value = upper.value();
    double[] z = upper.gradient();

    // Phase 1-2: partition and initial selection with signs.
    int[] sign = new int[p];
    boolean[] biactive = new boolean[p];
    double[] trainGrad = new double[p];
    int ip = 0;
    int in = 0;
    int act = 0;
    int bp = 0;
    int bn = 0;
    double tolRel = options.biactiveTolRel();
    double tolAbs = options.biactiveTolAbs();
    boolean selfConsistent = options.policy() == BiactivePolicy.SELF_CONSISTENT;
    for (int j = 0; j < p; j++) {
      double g = a.columnDot(j, rowDeriv) * invN + train.l2() * y[j];
      trainGrad[j] = g;
      double u = gamma * w[j];
      double v = y[j] - gamma * g;
      double gap = Math.abs(v) - u;
      // For an exact solution gap = |y_j|. A nonzero coordinate is support, never biactive,
      // unless it is a numerical zero: |y_j| at rounding level relative to its threshold, where
      // the solver cannot tell it from 0 (a penalty exactly on the activation threshold).
      if (y[j] != 0.0 && gap > Math.max(tolAbs, NUMERICAL_ZERO * Math.max(Math.abs(v), u))) {
        if (y[j] > 0.0) {
          sign[j] = 1;
          ip++;
        } else {
          sign[j] = -1;
          in++;
        }
        continue;
      }
      double band = Math.max(tolAbs, tolRel * Math.max(Math.abs(v), u));
      if (gap < -band) {
        act++;
        continue;
      }
      biactive[j] = true;
      if (v > 0.0) {
        bp++;
        if (selfConsistent && z[j] < 0.0) {
          sign[j] = 1;
        }
      } else {
        bn++;
        if (selfConsistent && z[j] > 0.0) {
          sign[j] = -1;
        }
      }
    }

    // Phase 3: reduced adjoint solves, pruning sign-inconsistent biactive coordinates (Def. 2).
    double[] gq = null; // γq on S (plus intercept)
    int[] cols = selected(sign);
    int rounds = 0;
    int cgIterations = 0;
    String method = "none";
    double residual = 0.0;
    while (true) {
      if (cols.length == 0 && !intercept) {
        gq = new double[0];
        break;
      }
      double[] rhs = new double[cols.length + (intercept ? 1 : 0)];
      for (int k = 0; k < cols.length; k++) {
        rhs[k] = -z[cols[k]];
      }
      if (intercept) {
        rhs[cols.length] = -z[p];
      }
      ReducedHessian h = new ReducedHessian(a, curvature, train.l2(), cols, intercept);
      gq = null;
      boolean dense = h.size() <= options.denseMaxSize()
          && (long) n * h.size() <= options.denseMaxEntries();
      if (dense) {
        gq = h.solveCholesky(rhs);
        method = "cholesky";
      }
      if (gq == null) {
        double[] x0 = warmStart(previousAdjoint, cols, intercept, p);
        gq = h.solveConjugateGradient(rhs, x0, options.cgRelativeTolerance(), options.cgMaxIterations());
        method = "cg";
        cgIterations += h.lastIterations;
      }
      residual = h.lastResidual;
      if (!selfConsistent) {
        break;
      }
      boolean pruned = false;
      for (int k = 0; k < cols.length; k++) {
        int j = cols[k];
        if (biactive[j] && sign[j] * gq[k] <= 0.0) {
          sign[j] = 0;
          pruned = true;
        }
      }
      if (!pruned) {
        break;
      }
      rounds++;
      previousAdjoint = scatter(gq, cols, intercept, p);
      cols = selected(sign);
    }

    // Phase 4: h = γ exp(x) σ q on S.
    double[] grad = new double[p];
    int selectedBiactive = 0;
    for (int k = 0; k < cols.length; k++) {
      int j = cols[k];
      grad[j] = w[j] * sign[j] * gq[k];
      if (biactive[j]) {
        selectedBiactive++;
      }
    }
    return new OracleResult(
        value,
        grad,
        scatter(gq, cols, intercept, p),
        ip,
        in,
        act,
        bp,
        bn,
        cols.length,
        selectedBiactive,
        rounds,
        method,
        residual,
        cgIterations,
        gamma,
        System.nanoTime() - start,
        trainGrad,
        z);
  }

  private static int[] selected(int[] sign) {
    int count = 0;
    for (int s : sign) {
      if (s != 0) {
        count++;
      }
    }
    int[] cols = new int[count];
    int k = 0;
    for (int j = 0; j < sign.length; j++) {
      if (sign[j] != 0) {
        cols[k++] = j;
      }
    }
    return cols;
  }

  private static double[] scatter(double[] gq, int[] cols, boolean intercept, int p) {
    double[] full = new double[p + (intercept ? 1 : 0)];
    for (int k = 0; k < cols.length; k++) {
      full[cols[k]] = gq[k];
    }
    if (intercept && gq.length > cols.length) {
      full[p] = gq[cols.length];
    }
    return full;
  }

  private static double[] warmStart(double[] previous, int[] cols, boolean intercept, int p) {
    if (previous == null || previous.length < p) {
      return null;
    }
    double[] x0 = new double[cols.length + (intercept ? 1 : 0)];
    for (int k = 0; k < cols.length; k++) {
      x0[k] = previous[cols[k]];
    }
    if (intercept && previous.length > p) {
      x0[cols.length] = previous[p];
    }
    return x0;
  }

  /**
   * Seeds the cache with λ_max(AᵀA) of {@code a} computed elsewhere by {@link #gramLambdaMax}
   * (for example on the Spark driver, once per fold block), so that an executor working on a
   * freshly deserialized copy of the design does not repeat the power iteration. The value must
   * be {@code gramLambdaMax(a)}; the oracle then computes exactly what it would compute itself.
   */
  public void presetGramLambdaMax(DesignMatrix a, double lambdaMax) {
    if (a == null || !(lambdaMax >= 0.0) || !Double.isFinite(lambdaMax)) {
      throw new IllegalArgumentException(
          "need a design and a finite λ_max ≥ 0, got " + lambdaMax);
    }
    cachedDesign = a;
    cachedLambdaMax = lambdaMax;
  }

  /**
   * λ_max(AᵀA) as the oracle computes it for its step γ = 1/Λ_F: {@link
   * #largestEigenvalueOfGram} with 100 iterations, relative tolerance 1e-6 and seed 42
   * (deterministic: the same design gives the same bits on any machine).
   */
  public static double gramLambdaMax(DesignMatrix a) {
    return largestEigenvalueOfGram(a, 100, 1e-6, 42L);
  }

  /** Λ_F, the Lipschitz constant of ∇F, with λ_max(AᵀA) cached for the last design. */
  double lipschitz(LowerLevelProblem train) {
    DesignMatrix a = train.design();
    if (a != cachedDesign) {
      cachedLambdaMax = gramLambdaMax(a);
      cachedDesign = a;
    }
    int n = Math.max(a.rows(), 1);
    double curvatureBound = train.loss() == Loss.LOGISTIC ? 0.25 : 1.0;
    double lf = curvatureBound * cachedLambdaMax / n + train.l2();
    return lf > 0.0 ? lf : 1.0;
  }

  /** λ_max(AᵀA) by power iteration from a seeded random start. */
  public static double largestEigenvalueOfGram(DesignMatrix a, int maxIter, double relTol, long seed) {
    int p = a.cols();
    int n = a.rows();
    if (p == 0 || n == 0) {
      return 0.0;
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] v = new double[p];
    for (int j = 0; j < p; j++) {
      v[j] = rnd.nextDouble() + 0.5;
    }
    double[] av = new double[n];
    double[] w = new double[p];
    double lambda = 0.0;
    for (int it = 0; it < maxIter; it++) {
      double norm = 0.0;
      for (double x : v) {
        norm += x * x;
      }
      norm = Math.sqrt(norm);
      if (norm == 0.0) {
        return 0.0;
      }
      for (int j = 0; j < p; j++) {
        v[j] /= norm;
      }
      a.multiply(v, av);
      a.multiplyTransposed(av, w);
      double next = 0.0;
      for (int j = 0; j < p; j++) {
        next += v[j] * w[j];
      }
      System.arraycopy(w, 0, v, 0, p);
      if (Math.abs(next - lambda) <= relTol * next) {
        lambda = next;
        break;
      }
      lambda = next;
    }
    // The Rayleigh quotient approaches λ_max from below; a 1% margin keeps γ ≤ 1/Λ_F.
    return lambda * 1.01;
  }

  @Override
  public String toString() {
    return "SubgradientOracle" + Arrays.toString(new Object[] {options.toMap()});
  }
}
