package org.sparsetune.solver;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.sparsetune.linalg.CscMatrix;
import org.sparsetune.linalg.DesignMatrix;
import org.sparsetune.linalg.TopScores;
import org.sparsetune.linalg.WeightedGram;

/**
 * Proximal coordinate descent for the lower-level problems of DESIGN.md (the paper's §5
 * "Lower-level solver"):
 *
 * <pre>
 *   quadratic: min_y 1/(2n) ||b - A y - c||² + l2/2 ||y||² + Σ_j w_j |y_j|
 *   logistic:  min_y 1/n Σ_i log(1 + exp(-b_i (a_iᵀ y + c))) + l2/2 ||y||² + Σ_j w_j |y_j|
 * </pre>
 *
 * <h2>Working sets</h2>
 *
 * A round computes the gradient of every feature once (a <em>full pass</em>) and its KKT
 * violation (see {@link Kkt}). If the largest violation is within the tolerance the solve ends.
 * Otherwise the round solves the problem restricted to a working set W: the current support plus
 * the worst violators at zero, at most {@code max(capacity, 2|support|)} features, where the
 * capacity starts at {@link SolverOptions#initialWorkingSetSize()} and doubles whenever violators
 * had to be left out. Features outside W keep their value (zero). A logistic warm start first
 * takes up to two Newton steps on its own support, before any full pass; when the support holds
 * (small penalty changes), the full check after them is the solve's only full pass. Everything else
 * runs on W only, which is what makes 10⁵–10⁷ features affordable.
 *
 * <h2>Inner solvers</h2>
 *
 * <ul>
 *   <li>Quadratic loss: cyclic exact coordinate minimization over W, {@code y_j ← S(y_j - g_j/L_j,
 *       w_j/L_j)} with {@code L_j = ||a_j||²/n + l2} and the residual kept up to date; the
 *       intercept is updated exactly after every pass.
 *   <li>Logistic loss: proximal Newton over W (the newGLMNET scheme of Yuan, Ho and Lin, 2012,
 *       which liblinear uses for L1 logistic regression): the loss is replaced by its second-order
 *       model at y, that model plus the weighted L1 term is minimized on W — by conjugate
 *       gradients on the support with its signs held (coordinates that cross zero are fixed
 *       there), then cyclic coordinate descent for the zero coordinates that want to enter — and
 *       an Armijo backtracking line search on the true objective takes the step. Once
 *       the sign pattern is stable, the model is instead solved exactly on the support with the
 *       signs fixed (a Cholesky solve of {@code A_SᵀDA_S/n + l2 I}) and accepted only if it keeps
 *       every sign and every zero coordinate of W optimal; near the solution this gives Newton's
 *       quadratic convergence in place of many coordinate passes on correlated features. After
 *       an exact step taken in full that added nothing to the support (it may have dropped
 *       coordinates), the next one may reuse that step's Gram block (a chord step: the curvature
 *       has hardly moved), chord steps follow each other while each cuts the violation fourfold,
 *       and a fresh block is formed when the stale one does not give a verified step.
 * </ul>
 *
 * The solve stops when the maximum KKT violation over all features, recomputed from fresh
 * margins, is at most {@link SolverOptions#tolerance()} (default 1e-8, as in the paper), or when
 * the pass budget is spent, or when a non-finite value appears. Every array the solve touches is a
 * primitive array; one call allocates O(n + p) and nothing that grows with n·p or p².
 */
public final class ProximalCoordinateDescent implements LowerLevelSolver {
  /** Armijo sufficient-decrease constant of the logistic line search. */
  private static final double ARMIJO = 0.01;
  /** Most halvings of the logistic line search before the step is abandoned. */
  private static final int MAX_BACKTRACKS = 30;
  /** Most coordinate-descent passes on one Newton model. */
  private static final int MAX_INNER_PASSES_PER_NEWTON = 100;
  /** A working set is solved to this fraction of the violation still outside it. */
  private static final double OUTSIDE_FRACTION = 0.3;
  /**
   * Inexact-Newton forcing term: the quadratic model of a Newton step is solved until its own KKT
   * violation is below this fraction of the violation at the Newton point. Small enough that a
   * warm start needs about two Newton steps (each costs one exp and one log per row), large
   * enough that cold solves do not spend their time polishing early models (measured on w8a and
   * mnist01 with bench-solver, docs/benchmarks.md).
   */
  private static final double MODEL_FORCING = 0.03;
  /**
   * When the loss totals before and after a trial step differ by less than this relative amount,
   * the line search recomputes the difference row by row (exactly); the common case stays at one
   * exp and one log per row.
   */
  private static final double EXACT_DIFFERENCE_BELOW = 1e-9;
  /**
   * Newton steps a logistic warm start takes on its own support before its first full pass (see
   * {@link Solve#startOnWarmSupport}): two, the number a converged start needs after a small
   * penalty change (docs/benchmarks.md).
   */
  private static final int WARM_SUPPORT_STEPS = 2;
  /**
   * Chord steps follow each other while each one, taken in full without the support growing,
   * cut the restricted KKT violation to this fraction or less; otherwise the next step forms its
   * block afresh.
   */
  private static final double CHORD_CONTRACTION = 0.25;
  /** Rows per log in the logistic loss (a product of 32 factors in [1, 2] stays below 2^32). */
  private static final int LOG_BLOCK = 32;
  /**
   * Conjugate-gradient iterations per round of {@link Solve#conjugateGradientModel} (each costs
   * about one coordinate pass over the support).
   */
  private static final int CG_MAX_ITERATIONS = 25;
  /** Rounds of {@link Solve#conjugateGradientModel}: the first, then one per set of sign flips. */
  private static final int CG_ROUNDS = 3;
  /**
   * A quadratic working-set round whose coordinate pass cut the violation by less than this
   * factor (two passes or more after the last such step) takes a conjugate-gradient step on its
   * support. 0.5, 0.7 and 0.85 measured alike on NEWS20-shaped data, w8a and mnist01
   * (docs/benchmarks.md).
   */
  private static final double QUADRATIC_SLOW = 0.7;
  /** Conjugate-gradient steps per quadratic working-set round, at most. */
  private static final int QUADRATIC_STEPS = 3;
  /** Largest fraction of the support the conjugate gradients fix at zero before any product. */
  private static final double PREDICT_FRACTION = 0.1;
  /** The conjugate-gradient residual aimed for, as a fraction of the model tolerance. */
  private static final double CG_FRACTION = 0.5;
  /** Largest support whose Newton model is solved exactly by Cholesky. */
  private static final int EXACT_MAX_SUPPORT = 500;
  /**
   * A zero coordinate whose model gradient stays below this fraction of its penalty is skipped
   * (shrunk) for the rest of a Newton model's coordinate descent, until the verification pass.
   */
  private static final double SHRINK_BELOW = 0.9;
  /**
   * The exact step's cost — on CSC data the products of the support Gram's lower triangle,
   * counted exactly ({@code supportPairs}), plus nnz(A_S) — is weighted by this before it is
   * compared with coordinate passes (2·nnz(A_W) each): a product scatters into the Gram block
   * while a pass streams its columns. An active-set round's re-solve takes its Gram from the
   * block formed for the Newton step, so only the step's first Gram is counted. Calibrated with
   * bench-solver (docs/benchmarks.md): 2.5 lets mnist01's warm solve at 0.01·α_max (ratio 2.9)
   * take exact steps (3 passes instead of 154 coordinate passes) and kept NEWS20-shaped data at
   * 0.1·α_max (ratio 2.26, a step that failed after six rounds) on coordinate descent. Since exact
   * steps start with their predicted entering coordinates and are also priced by the dense
   * formation ({@link #PASS_ENTRY_NANOS}), that problem's cold solve takes exact steps and runs
   * 2.4× faster; its warm solve stays on coordinate descent.
   */
  private static final double EXACT_COST_FACTOR = 2.5;
  /**
   * Nanoseconds per entry of a coordinate pass (a pass costs 2·nnz(A_W) entries), used to price
   * an exact step's Gram block formed densely — an n × |S| copy and BLAS, in the formation's own
   * cost model ({@link WeightedGram.WorkingSetGram#denseFormationNanos}) — against coordinate
   * passes. Of the order of 1 ns on the project machine; chosen with bench-solver, where 0.5
   * already leaves mnist01 at 0.003·α_max on coordinate descent. On columns a third to a half
   * full the dense block costs a fraction of the pair products the row-by-row count charges:
   * mnist01 at 0.003·α_max then solves cold in 8 passes instead of 104 (docs/benchmarks.md).
   */
  private static final double PASS_ENTRY_NANOS = 1.0;
  /**
   * The weight on the uniform estimate (nnz(A_S)²/n + nnz(A_S) pair products on sparse data other
   * than CSC, n·|S|²/4 on dense data), whose Gram matrices are formed afresh for every active-set
   * round: re-solves after dropped coordinates and the allocations cost more than the products
   * the estimate counts (measured on w8a and mnist01).
   */
  private static final double ESTIMATED_COST_FACTOR = 4.0;
  /** Model passes assumed before any model on W was solved by coordinate descent. */
  private static final int ASSUMED_MODEL_PASSES = 25;
  /** Re-solves of an exact step after dropping coordinates whose sign would flip. */
  private static final int EXACT_ATTEMPTS = 6;
  /** Zero coordinates that may join the exact step's active set per attempt. */
  private static final int EXACT_ENTER = 8;
  /**
   * Zero coordinates of W that already violate their optimality condition at the current point
   * and join the exact step's active set from its first attempt (the largest violations; see
   * {@code predictEntering}). Measured with bench-solver (docs/benchmarks.md): cold solves at
   * 0.01·α_max 20–28 % faster on w8a and mnist01, warm solves unchanged.
   */
  private static final int EXACT_PREDICT = 64;
  /** Largest n·|S| for the exact step's dense n × |S| block (32 MB) on dense designs. */
  private static final long EXACT_MAX_ENTRIES = 4_000_000L;

  private final SolverOptions options;
  /**
   * The last solve's working-set Gram on CSC data (its transposed columns), handed to the next
   * solve on the same matrix: a tuning loop's next warm solve usually starts on the working set
   * the last one ended with, and then skips transposing it (and counting its pairs). Taken and
   * put back atomically, so concurrent solves never share one. The cost model still charges
   * the transposition, so a solve makes the choices a new solver makes: the same bits whatever
   * the solver solved before (a restarted executor's new solver included).
   */
  private final AtomicReference<WeightedGram.WorkingSetGram> spareGram = new AtomicReference<>();
  /** Solves that found their working set already transposed by an earlier solve (tests). */
  private final AtomicLong reusedWorkingSets = new AtomicLong();
  /** Newton steps so far taken on an earlier step's Gram block (tests). */
  private final AtomicLong chordSteps = new AtomicLong();
  /**
   * The gradient bounds of this solver's last full check, handed to its next solve on the same
   * design. A bound only lets a check skip a product whose column cannot violate, so results do
   * not depend on it: the same bits as a new solver's.
   */
  private final AtomicReference<GradientBounds> spareBounds = new AtomicReference<>();
  /** Conjugate-gradient iterations of all solves, and coordinates they fixed at zero (tests). */
  private final AtomicLong conjugateGradientIterations = new AtomicLong();
  private final AtomicLong conjugateGradientCrossings = new AtomicLong();
  private final AtomicLong conjugateGradientPredicted = new AtomicLong();
  private final AtomicLong conjugateGradientReleased = new AtomicLong();
  /** Column products computed by the full checks of all solves (tests). */
  private final AtomicLong checkProducts = new AtomicLong();

  /** A solver with {@link SolverOptions#DEFAULTS}. */
  public ProximalCoordinateDescent() {
    this(SolverOptions.DEFAULTS);
  }

  /** A solver with the given options. */
  public ProximalCoordinateDescent(SolverOptions options) {
    if (options == null) {
      throw new IllegalArgumentException("options must not be null");
    }
    this.options = options;
  }

  /** How many solves so far began on a working set an earlier solve had transposed. */
  long reusedWorkingSets() {
    return reusedWorkingSets.get();
  }

  /** How many accepted Newton steps so far were chord steps. */
  long chordSteps() {
    return chordSteps.get();
  }

  /** How many conjugate-gradient iterations the Newton models took so far. */
  long conjugateGradientIterations() {
    return conjugateGradientIterations.get();
  }

  /** How many coordinates the conjugate gradients fixed at zero as they crossed it so far. */
  long conjugateGradientCrossings() {
    return conjugateGradientCrossings.get();
  }

  /** How many coordinates the conjugate gradients fixed at zero before any product so far. */
  long conjugateGradientPredicted() {
    return conjugateGradientPredicted.get();
  }

  /** How many of those rejoined the unknowns because the model wanted them back. */
  long conjugateGradientReleased() {
    return conjugateGradientReleased.get();
  }

  /** How many column products the full checks computed so far (the rest were screened). */
  long checkProducts() {
    return checkProducts.get();
  }

  /** The options this solver runs with. */
  public SolverOptions options() {
    return options;
  }

  @Override
  public SolverResult solve(LowerLevelProblem problem, WarmStart warmStart) {
    long start = System.nanoTime();
    Solve s = new Solve(problem, warmStart == null ? WarmStart.COLD : warmStart, options);
    WeightedGram.WorkingSetGram spare = spareGram.getAndSet(null);
    if (spare != null && s.a instanceof CscMatrix csc && spare.isOver(csc)) {
      spare.handOver();
      s.workingSetGram = spare;
      s.handedOver = spare;
    }
    GradientBounds bounds = spareBounds.getAndSet(null);
    if (bounds != null && bounds.isOver(s.a)) {
      s.bounds = bounds;
    }
    s.run();
    if (s.bounds != null) {
      spareBounds.set(s.bounds);
    }
    if (s.handedOverUsed) {
      reusedWorkingSets.incrementAndGet();
    }
    chordSteps.addAndGet(s.chordSteps);
    conjugateGradientIterations.addAndGet(s.conjugateGradientIterations);
    conjugateGradientCrossings.addAndGet(s.conjugateGradientCrossings);
    conjugateGradientPredicted.addAndGet(s.conjugateGradientPredicted);
    conjugateGradientReleased.addAndGet(s.conjugateGradientReleased);
    checkProducts.addAndGet(s.checkProducts);
    if (s.workingSetGram != null) {
      spareGram.set(s.workingSetGram);
    }
    // Every return but a non-finite one follows a full check, whose support is y's nonzeros.
    int[] stored = s.termination == Termination.NON_FINITE
        ? null : Arrays.copyOf(s.supportIdx, s.supportSize);
    return new SolverResult(
        s.y,
        s.c,
        s.termination,
        s.passes,
        s.fullPasses,
        s.kkt,
        s.objective(),
        System.nanoTime() - start,
        stored);
  }

  /**
   * What a full check on a CSC design leaves for the next one: its rowDeriv r (the reference),
   * the factor of its first screen, and for the columns that screen could not skip (listed by
   * ascending index; on text data the frequent ones) an upper bound on |a_jᵀr|/n. A later check
   * at r' bounds such a column's computed |g_j| at a zero coordinate by
   * {@code (bound_j + ||a_j||₁·(max|r' - r|/n + δ))·safety}, an unlisted column's bound being
   * its first screen's; δ covers the rounding of the computed product ({@code 4(n+4)u·max|r'|/n},
   * as the first screen), and the safety factor ({@link #SAFETY} plus twice that relative
   * widening) the rounding of these sums, of the float sums ||a_j||₁ and of the difference
   * r' - r. A computed product's bound adds the rounding it may carry. Used by one solve at a
   * time.
   */
  static final class GradientBounds {
    /** Relative widening of every bound (above the rounding it covers, far below 1). */
    static final double SAFETY = 1.0 + 1e-9;
    final DesignMatrix design;
    final double[] reference;
    /** The first screen's factor max|reference|/n, widened. */
    double screen;
    /** The listed columns (ascending) and their bounds, [0, size). */
    int[] cols = new int[0];
    double[] bound = new double[0];
    int size;
    /** The list being written by the current check. */
    private int[] nextCols = new int[0];
    private double[] nextBound = new double[0];
    private int nextSize;
    /** The bounds refer to {@link #reference}. */
    boolean valid;

    GradientBounds(DesignMatrix design, int n) {
      this.design = design;
      this.reference = new double[n];
    }

    boolean isOver(DesignMatrix other) {
      return design == other;
    }

    /** max_i |r_i - reference_i|, widened by SAFETY (NaN when r holds one). */
    double shift(double[] r) {
      double largest = 0.0;
      for (int i = 0; i < r.length; i++) {
        double d = Math.abs(r[i] - reference[i]);
        if (!(d <= largest)) {
          largest = d; // also NaN, which no later d replaces
          if (Double.isNaN(d)) {
            break;
          }
        }
      }
      return largest * SAFETY;
    }

    /** A check begins: its list starts empty, and until it finishes nothing refers to it. */
    void startCheck() {
      nextSize = 0;
      valid = false;
    }

    /** Column j (above every column listed so far in this check) is bounded by v. */
    void list(int j, double v) {
      if (nextSize == nextCols.length) {
        nextCols = Arrays.copyOf(nextCols, Math.max(64, 2 * nextSize));
        nextBound = Arrays.copyOf(nextBound, nextCols.length);
      }
      nextCols[nextSize] = j;
      nextBound[nextSize++] = v;
    }

    /** The check finished at r: its list and first screen become the reference. */
    void finishCheck(double[] r, double firstScreen) {
      int[] c = cols;
      double[] b = bound;
      cols = nextCols;
      bound = nextBound;
      size = nextSize;
      nextCols = c;
      nextBound = b;
      System.arraycopy(r, 0, reference, 0, r.length);
      screen = firstScreen;
      valid = true;
    }
  }

  /** How a working-set round ended. */
  private enum Status {
    DONE,
    STALLED,
    NON_FINITE
  }

  /** The mutable state of one solve; never shared between calls. */
  private static final class Solve {
    final DesignMatrix a;
    final double[] b;
    final double[] w;
    final double l2;
    final boolean logistic;
    final boolean intercept;
    final int n;
    final int p;
    final double invN;
    final double tol;
    final int maxPasses;

    final double[] y;
    double c;
    /** Quadratic: residual b - Ay - c. Logistic: margin Ay + c. */
    final double[] rowState;
    /** Logistic per-row derivative of the loss w.r.t. the margin: -b_i σ(-b_i m_i). */
    final double[] rowDeriv;
    /**
     * Logistic per-row curvature σ(s)σ(-s) at the Newton point; quadratic: all ones (the loss's
     * own Hessian is AᵀA/n), for the conjugate gradients both losses share.
     */
    final double[] curvature;
    /** Logistic: A d of the Newton direction d; margin trial buffer. */
    final double[] dirMargin;
    final double[] trialMargin;
    /** Logistic σ(-b_i m_i) at the trial margins of the line search. */
    final double[] trialSig;
    /** Logistic: rowDeriv, curvature and rowLoss describe the current margins. */
    boolean rowTermsCurrent;
    double rowLoss;
    /**
     * Quadratic: ||a_j||² (the matrix's own on CSC data, never written; on other storages computed
     * when feature j first enters a working set, NaN until then).
     */
    final double[] colSq;
    /**
     * The support (ascending) found by the last full check (or, before the first, of the warm
     * start), and the check's violators at zero with their excess |g_j| - w_j.
     */
    int[] supportIdx = new int[0];
    /**
     * The gradient on W (indexed as {@link #work}) computed where a logistic working-set round
     * found its violation within bounds and ended; null once the point or W may have moved.
     */
    double[] gradientOnW;
    /** Bounds on |g_j| from the last full check on this design (CSC only; null until then). */
    GradientBounds bounds;
    /** The length of {@link #supportIdx}'s support. */
    int supportSize;
    /** The warm start holds no NaN or infinity. */
    boolean warmFinite = true;
    int[] violatorIdx = new int[0];
    double[] violatorExcess = new double[0];

    int[] work = new int[0];
    /**
     * W is two ascending runs of features, [0, workSplit) and [workSplit, workSize): the support a
     * full check found, then the violators it added (a warm start's first W is one run).
     */
    int workSplit;
    int workSize;
    int capacity;
    double innerScale = 1.0;
    /**
     * The working set's transposed columns and the Gram block formed so far for the current
     * Newton step (exact steps on CSC data); rebuilt when W changes, reset every Newton step.
     */
    WeightedGram.WorkingSetGram workingSetGram;
    /** The working set the solver's previous solve handed over (null: none), and whether used. */
    WeightedGram.WorkingSetGram handedOver;
    boolean handedOverUsed;
    /** Per-row scratch of {@link #supportPairs}, all zero between calls (allocated on first use). */
    int[] rowCount;
    /** Counts changes of the support (zero ↔ nonzero of any coordinate) since the solve began. */
    int supportVersion;
    /** {@link #supportPairs} of the support as it was at {@link #pairsVersion} (-1: none yet). */
    double pairsCount;
    int pairsVersion = -1;
    /**
     * The next Newton step may solve its exact model with the last step's Gram block (a chord
     * step): set after an exact step taken in full that added no coordinate to the support (it may
     * have dropped some: the block covers a smaller support), and after a chord step that
     * contracted the violation by {@link #CHORD_CONTRACTION}. Near the solution the curvature
     * hardly moves between such steps, and a warm start's later steps then cost no Gram products
     * (docs/benchmarks.md).
     */
    boolean chordNext;
    /** The Gram block holds an earlier step's curvature. */
    boolean staleBlock;
    /** The current exact step was solved with a stale block. */
    boolean chordUsed;
    /** Chord steps accepted so far. */
    int chordSteps;
    /** Conjugate-gradient iterations (and residual passes) of the Newton models so far. */
    long conjugateGradientIterations;
    /** Coordinates the conjugate gradients fixed at zero as they crossed it. */
    long conjugateGradientCrossings;
    /** Coordinates the conjugate gradients fixed at zero before the first product (predicted). */
    long conjugateGradientPredicted;
    /** Predicted zeros that rejoined the unknowns. */
    long conjugateGradientReleased;
    /** Column products the full checks computed. */
    long checkProducts;
    /**
     * The last pass over W's columns went up (or over all p): a pass whose order does not matter
     * (independent dot products) then goes down, starting from the columns still in cache.
     */
    boolean lastPassAscending = true;
    /** The exact step's Gram matrix (overwritten by its Cholesky factor). */
    double[] gramBuffer = new double[0];
    boolean stalled;
    int passes;
    int fullPasses;
    double kkt = Double.POSITIVE_INFINITY;
    double gradIntercept;
    Termination termination;

    Solve(LowerLevelProblem problem, WarmStart warm, SolverOptions options) {
      this.a = problem.design();
      this.b = problem.labels();
      this.w = problem.penalties();
      this.l2 = problem.l2();
      this.logistic = problem.loss() == Loss.LOGISTIC;
      this.intercept = problem.fitIntercept();
      this.n = a.rows();
      this.p = a.cols();
      this.invN = n == 0 ? 0.0 : 1.0 / n;
      this.tol = options.tolerance();
      this.maxPasses = options.maxPasses();
      this.capacity = options.initialWorkingSetSize();
      this.y = new double[p];
      if (!warm.isCold()) {
        DesignMatrix.checkLength("warm start", warm.coefficients(), p);
        // One pass copies the start and collects its support (ascending); at 10⁶ features a
        // second pass over y cost a warm solve as much as a Newton step.
        double[] start = warm.coefficients();
        int[] stored = warm.stored();
        int size = 0;
        int count = stored == null ? p : stored.length;
        // With the stored indices only they are read; y is +0.0 elsewhere, as the start is. A
        // zero of the start is +0.0 in y whatever its sign, so y never holds -0.0 (no step
        // writes one): its nonzeros are then all that is not +0.0, as SolverResult#stored says.
        for (int k = 0; k < count; k++) {
          int j = stored == null ? k : stored[k];
          double v = start[j];
          if (v != 0.0) { // also NaN
            y[j] = v;
            if (size == supportIdx.length) {
              supportIdx = Arrays.copyOf(supportIdx, Math.max(16, 2 * size));
            }
            supportIdx[size++] = j;
            warmFinite &= Double.isFinite(v);
          }
        }
        supportSize = size;
      }
      // W starts as the warm start's support, so every nonzero of y lies in W from the start.
      this.work = Arrays.copyOf(supportIdx, supportSize);
      this.workSize = supportSize;
      this.workSplit = supportSize;
      this.c = intercept ? warm.intercept() : 0.0;
      this.rowState = new double[n];
      this.rowDeriv = new double[n];
      this.curvature = new double[n];
      if (!logistic) {
        Arrays.fill(curvature, 1.0);
      }
      this.dirMargin = logistic ? new double[n] : null;
      this.trialMargin = logistic ? new double[n] : null;
      this.trialSig = logistic ? new double[n] : null;
      // Quadratic: a CSC matrix keeps its columns' squared norms; other storages' are computed
      // as their columns first enter W (NaN until then).
      if (logistic) {
        this.colSq = null;
      } else if (a instanceof CscMatrix csc) {
        this.colSq = csc.sharedColumnSquaredNorms();
      } else {
        this.colSq = new double[p];
        Arrays.fill(colSq, Double.NaN);
      }
    }

    void run() {
      if (!warmFinite) {
        termination = Termination.NON_FINITE;
        return;
      }
      int warmSupport = supportSize;
      if (logistic && warmSupport > 0) {
        startOnWarmSupport(warmSupport);
        // A first round on the warm start's own support, before any full pass: the full check
        // below then both verifies it and finds the features that must join.
        Status status = solveLogisticOnWorkingSet(tol * innerScale, WARM_SUPPORT_STEPS);
        if (status == Status.NON_FINITE) {
          termination = Termination.NON_FINITE;
          kkt = Double.NaN;
          return;
        }
        // No descent left on the support alone says nothing about the features outside it.
      }
      while (true) {
        double outside = fullCheck();
        if (!Double.isFinite(kkt)) {
          termination = Termination.NON_FINITE;
          return;
        }
        if (kkt <= tol) {
          termination = Termination.CONVERGED;
          return;
        }
        if (stalled) {
          // The last round found no representable decrease, and nothing changed since.
          termination = Termination.STALLED;
          return;
        }
        if (passes >= maxPasses) {
          termination = Termination.ITERATION_LIMIT;
          return;
        }
        double inner = Math.max(tol * innerScale, OUTSIDE_FRACTION * outside);
        if (outside == 0.0) {
          // Every violator is inside W: if the previous round still failed the full check, the
          // inner estimate was optimistic, so ask the next round for more.
          innerScale = Math.max(innerScale * 0.1, 1e-6);
        }
        Status status = logistic ? solveLogisticOnWorkingSet(inner) : solveQuadraticOnWorkingSet(inner);
        if (status == Status.NON_FINITE) {
          termination = Termination.NON_FINITE;
          kkt = Double.NaN;
          return;
        }
        stalled = status == Status.STALLED;
      }
    }

    /**
     * Recomputes the row state from y and c, the gradient of every feature and the maximum KKT
     * violation, then builds the next working set.
     *
     * @return the largest violation among the violators left outside the working set
     */
    double fullCheck() {
      fullPasses++;
      lastPassAscending = true;
      // W's gradient as the working-set round ended (the same products at the same point): its
      // columns' dots are not taken again.
      double[] knownGradient = logistic && rowTermsCurrent ? gradientOnW : null;
      gradientOnW = null;
      // W is two ascending runs, [0, workSplit) and [workSplit, workSize), walked along with j.
      // Every nonzero of y lies in W — the warm start's support is the first W, and a round
      // changes only W's coordinates — so a column outside it is known to be zero.
      int nextFirst = 0;
      int nextSecond = workSplit;
      // Fresh row state, so the reported violation carries no drift from incremental updates.
      if (logistic) {
        if (!rowTermsCurrent) {
          refreshLogisticRows();
        }
      } else {
        for (int i = 0; i < n; i++) {
          rowState[i] = b[i] - c;
        }
        addNonzeroColumns(-1.0, rowState);
        for (int i = 0; i < n; i++) {
          rowDeriv[i] = -rowState[i];
        }
      }
      double worst = 0.0;
      if (intercept) {
        double s = 0.0;
        for (int i = 0; i < n; i++) {
          s += rowDeriv[i];
        }
        gradIntercept = s * invN;
        worst = Math.abs(gradIntercept);
      }
      int support = 0;
      int violators = 0;
      // Screening: at y_j = 0, |g_j| ≤ ||a_j||₁·max|rowDeriv|/n. A column whose bound (widened by
      // the rounding the computed product and sums can carry) is within w_j has violation exactly
      // 0 and is no violator: its product is skipped. On text data most columns hold a few
      // entries, and these per-column set-ups dominated the check.
      float[] absSums = a instanceof CscMatrix csc ? csc.columnAbsSums() : null;
      double screen = Double.NaN;
      // A second screen for the columns the first one must compute (on text data the frequent
      // ones), from the last full check on this design (GradientBounds): since then |g_j| moved
      // by at most ||a_j||₁·max|rowDeriv - reference|/n. After a small move — a warm start, a
      // late round — it skips most of their products.
      GradientBounds reference = null;
      double moved = Double.NaN;
      double rounding = Double.NaN;
      double safety = Double.NaN;
      double earlierScreen = Double.NaN;
      int nextEarlier = 0;
      if (absSums != null) {
        double maxDeriv = 0.0;
        for (int i = 0; i < n; i++) {
          maxDeriv = Math.max(maxDeriv, Math.abs(rowDeriv[i]));
        }
        double widen = 4.0 * (n + 4) * Math.ulp(1.0);
        screen = maxDeriv * invN * (1.0 + widen);
        if (bounds == null || !bounds.isOver(a)) {
          bounds = new GradientBounds(a, n);
        }
        reference = bounds;
        rounding = maxDeriv * invN * widen;
        safety = GradientBounds.SAFETY + 2.0 * widen;
        moved = reference.valid ? reference.shift(rowDeriv) * invN + rounding : Double.NaN;
        earlierScreen = reference.screen;
        reference.startCheck();
      }
      boolean skipAhead = absSums != null;
      for (int j = 0; j < p; j++) {
        int nextW = Math.min(nextFirst < workSplit ? work[nextFirst] : p,
            nextSecond < workSize ? work[nextSecond] : p);
        if (skipAhead) {
          // Up to W's next column every coefficient is zero: a tight loop passes over the columns
          // the first screen skips (most of them on text data), without reading y.
          while (j < nextW && absSums[j] * screen <= w[j]) {
            j++;
          }
          if (j == p) {
            break;
          }
        }
        int slot = -1;
        if (j == nextW) {
          slot = nextFirst < workSplit && work[nextFirst] == j ? nextFirst++ : nextSecond++;
        }
        double yj = slot >= 0 ? y[j] : 0.0;
        if (yj == 0.0 && absSums != null) {
          double first = absSums[j] * screen;
          if (first <= w[j]) {
            continue;
          }
          // The earlier check's bound: its own, or its first screen's when it listed none.
          double earlier = absSums[j] * earlierScreen;
          while (nextEarlier < reference.size && reference.cols[nextEarlier] < j) {
            nextEarlier++;
          }
          if (nextEarlier < reference.size && reference.cols[nextEarlier] == j) {
            earlier = reference.bound[nextEarlier];
          }
          double second = (earlier + absSums[j] * moved) * safety;
          if (second <= w[j]) {
            reference.list(j, Math.min(first, second));
            continue;
          }
        }
        double g;
        if (slot >= 0 && knownGradient != null) {
          g = knownGradient[slot];
        } else {
          g = a.columnDot(j, rowDeriv) * invN + l2 * yj;
          checkProducts++;
        }
        if (reference != null) {
          reference.list(j, (Math.abs(g) + Math.abs(l2 * yj) + absSums[j] * rounding) * safety);
        }
        double v = Kkt.violation(g, yj, w[j]);
        if (!(v <= worst)) {
          worst = Double.isNaN(v) ? Double.NaN : Math.max(worst, v);
          if (Double.isNaN(v)) {
            kkt = Double.NaN;
            return 0.0;
          }
        }
        if (yj != 0.0) {
          if (support == supportIdx.length) {
            supportIdx = Arrays.copyOf(supportIdx, Math.max(16, 2 * support));
          }
          supportIdx[support++] = j;
        } else if (v > 0.0) {
          if (violators == violatorIdx.length) {
            violatorIdx = Arrays.copyOf(violatorIdx, Math.max(16, 2 * violators));
            violatorExcess = Arrays.copyOf(violatorExcess, violatorIdx.length);
          }
          violatorIdx[violators] = j;
          violatorExcess[violators++] = v;
        }
      }
      if (reference != null) {
        reference.finishCheck(rowDeriv, screen * safety);
      }
      kkt = worst;
      supportSize = support;
      if (worst <= tol) {
        return 0.0;
      }
      return buildWorkingSet(support, violators);
    }

    /**
     * A logistic warm start's first working set: its support, with the margins and row terms at
     * the start, and no gradient outside it. After a small change of the penalties the support
     * rarely moves, and a warm solve then needs one full pass (the final check) instead of two;
     * when it does move, the full check after this round brings the violators in.
     *
     * @param size the support's size; {@link #supportIdx} holds it, ascending
     */
    void startOnWarmSupport(int size) {
      refreshLogisticRows(work, size); // W is the support already (the constructor's)
    }

    /** Margins Ay + c from scratch, and the loss, derivatives and curvature at them. */
    void refreshLogisticRows() {
      Arrays.fill(rowState, c);
      addNonzeroColumns(1.0, rowState);
      rowLoss = logisticRowTerms(rowState, trialSig);
      rowTermsCurrent = true;
    }

    /**
     * {@code out += sign·y_j·a_j} for y's nonzeros in ascending j, the order of a scan of all p
     * (the same bits): they all lie in W, whose two ascending runs are merged.
     */
    void addNonzeroColumns(double sign, double[] out) {
      int first = 0;
      int second = workSplit;
      while (first < workSplit || second < workSize) {
        int j = second == workSize || (first < workSplit && work[first] < work[second])
            ? work[first++] : work[second++];
        if (y[j] != 0.0) {
          a.columnAxpy(j, sign * y[j], out);
        }
      }
    }

    /** As {@link #refreshLogisticRows()}, y's nonzeros being exactly cols[0..count), ascending. */
    void refreshLogisticRows(int[] cols, int count) {
      lastPassAscending = true;
      Arrays.fill(rowState, c);
      for (int k = 0; k < count; k++) {
        a.columnAxpy(cols[k], y[cols[k]], rowState);
      }
      rowLoss = logisticRowTerms(rowState, trialSig);
      rowTermsCurrent = true;
    }

    /** W = support ∪ the largest violators at zero, within the capacity (each part ascending). */
    double buildWorkingSet(int support, int violators) {
      int target = Math.max(capacity, 2 * support);
      int slots = Math.max(target - support, 0);
      int take = Math.min(slots, violators);
      if (work.length < support + take) {
        work = new int[Math.max(support + take, 2 * work.length)];
      }
      System.arraycopy(supportIdx, 0, work, 0, support);
      workSize = support;
      workSplit = support;
      double outside = 0.0;
      if (take == violators) {
        System.arraycopy(violatorIdx, 0, work, workSize, violators);
        workSize += violators;
      } else {
        // Keep the `take` largest violations: select the threshold on a copy, then collect.
        double[] v = Arrays.copyOf(violatorExcess, violators);
        Arrays.sort(v);
        double threshold = v[violators - take];
        outside = v[violators - take - 1];
        for (int k = 0; k < violators && workSize < support + take; k++) {
          if (violatorExcess[k] >= threshold) {
            work[workSize++] = violatorIdx[k];
          }
        }
        capacity = Math.min(2 * capacity, Math.max(p, 1));
      }
      for (int k = 0; k < workSize && colSq != null; k++) {
        int j = work[k];
        if (Double.isNaN(colSq[j])) {
          colSq[j] = a.columnSquaredNorm(j);
        }
      }
      return outside;
    }

    // ------------------------------------------------------------------ quadratic loss

    /**
     * Cyclic exact coordinate minimization on W until a pass moves no coordinate by more than
     * `inner` in KKT terms; when the passes slow down, a conjugate-gradient step on W's support
     * (see {@link #quadraticSupportStep}).
     */
    Status solveQuadraticOnWorkingSet(double inner) {
      double[] r = rowState;
      double previous = Double.POSITIVE_INFINITY;
      int sinceStep = 0;
      int steps = 0;
      while (passes < maxPasses) {
        passes++;
        double worst = 0.0;
        for (int k = 0; k < workSize; k++) {
          int j = work[k];
          double yj = y[j];
          double g = -a.columnDot(j, r) * invN + l2 * yj;
          double lj = colSq[j] * invN + l2;
          if (lj <= 0.0) {
            continue; // empty column and no ridge: the objective in y_j is w_j|y_j|, y_j stays 0
          }
          double v = Kkt.violation(g, yj, w[j]);
          if (v > worst) {
            worst = v;
          }
          double updated = softThreshold(yj - g / lj, w[j] / lj);
          double delta = updated - yj;
          if (delta != 0.0) {
            a.columnAxpy(j, -delta, r);
            y[j] = updated;
          }
        }
        if (intercept && n > 0) {
          double mean = 0.0;
          for (int i = 0; i < n; i++) {
            mean += r[i];
          }
          mean *= invN;
          worst = Math.max(worst, Math.abs(mean));
          c += mean;
          for (int i = 0; i < n; i++) {
            r[i] -= mean;
          }
        }
        if (!Double.isFinite(worst)) {
          return Status.NON_FINITE;
        }
        if (worst <= inner) {
          return Status.DONE;
        }
        // Passes that no longer cut the violation by QUADRATIC_SLOW: the support's columns are
        // correlated, and conjugate gradients solve it in a few products.
        if (++sinceStep >= 2 && steps < QUADRATIC_STEPS && worst > QUADRATIC_SLOW * previous) {
          quadraticSupportStep(inner);
          sinceStep = 0;
          steps++;
        }
        previous = worst;
      }
      return Status.DONE;
    }

    /**
     * For the quadratic loss the Newton model is the objective itself: with the signs of W's
     * support held, {@link #conjugateGradientModel} solves it on the support (coordinates that
     * would cross zero fixed there), which coordinate descent does at a crawl when the support's
     * columns are correlated (frequent words in text). The step is taken when it lowers the
     * objective — the conjugate gradients' own iterates do, a coordinate fixed at zero may not —
     * and the coordinate passes that follow bring in the zero coordinates of W and finish.
     */
    void quadraticSupportStep(double inner) {
      double[] r = rowState;
      int support = 0;
      double supportEntries = 0.0;
      for (int k = 0; k < workSize; k++) {
        if (y[work[k]] != 0.0) {
          support++;
          supportEntries += a.columnNonzeros(work[k]);
        }
      }
      // An iteration also costs a few vectors of length n, which a coordinate pass does not: on
      // a support of fewer entries than rows the passes stay cheaper.
      if (support < 2 || supportEntries < n) {
        return; // nor is there much coupling to solve
      }
      double[] g = new double[workSize];
      double[] h = new double[workSize];
      double[] target = new double[workSize];
      double worst = 0.0;
      for (int k = 0; k < workSize; k++) {
        int j = work[k];
        g[k] = -a.columnDot(j, r) * invN + l2 * y[j];
        h[k] = colSq[j] * invN + l2;
        target[k] = y[j];
        if (y[j] != 0.0) {
          worst = Math.max(worst, Kkt.violation(g[k], y[j], w[j]));
        }
      }
      double gc = 0.0;
      if (intercept && n > 0) {
        for (int i = 0; i < n; i++) {
          gc -= r[i];
        }
        gc *= invN;
        worst = Math.max(worst, Math.abs(gc));
      }
      if (!(worst > inner)) {
        return; // solved already (or not finite: the passes report it)
      }
      double[] t = new double[n];
      double[] dc = new double[1];
      int cg = conjugateGradientModel(g, gc, h, intercept && n > 0 ? 1.0 : 0.0, target, t, dc,
          Math.max(MODEL_FORCING * worst, 0.1 * inner));
      conjugateGradientIterations += Math.abs(cg);
      // Objective change, term by term: ||r - t||² - ||r||² = Σ t_i (t_i - 2 r_i).
      double change = 0.0;
      for (int i = 0; i < n; i++) {
        change += t[i] * (t[i] - 2.0 * r[i]);
      }
      change *= 0.5 * invN;
      for (int k = 0; k < workSize; k++) {
        int j = work[k];
        double z = target[k];
        change += 0.5 * l2 * (z - y[j]) * (z + y[j]) + w[j] * (Math.abs(z) - Math.abs(y[j]));
      }
      if (!(change < 0.0)) {
        return; // no decrease (or not finite): coordinate descent from where it was
      }
      for (int k = 0; k < workSize; k++) {
        y[work[k]] = target[k];
      }
      for (int i = 0; i < n; i++) {
        r[i] -= t[i];
      }
      c += dc[0];
    }

    // ------------------------------------------------------------------ logistic loss

    /**
     * Mean logistic loss at margins m; stores σ(-b_i m_i) in sig. One exp per row and one log per
     * {@link #LOG_BLOCK} rows: with s = b_i m_i and e = exp(-|s|) ∈ (0, 1], the loss of a row is
     * log(1 + e) + max(-s, 0), and the logs of a block are taken as the log of the product of its
     * factors 1 + e ∈ [1, 2] (no overflow for 32 rows; the product's rounding adds at most 31
     * ulps, an absolute 3.5e-15 per block, as much as 32 separate logs would). No branch on the
     * sign of the margin, whose misprediction cost as much as the arithmetic.
     */
    double logisticLossAndSigmoid(double[] margin, double[] sig) {
      double loss = 0.0;
      for (int start = 0; start < n; start += LOG_BLOCK) {
        int end = Math.min(start + LOG_BLOCK, n);
        double product = 1.0;
        double linear = 0.0;
        for (int i = start; i < end; i++) {
          double s = b[i] * margin[i];
          double e = Math.exp(-Math.abs(s));
          double onePlus = 1.0 + e;
          double inv = 1.0 / onePlus;
          sig[i] = s >= 0.0 ? e * inv : inv;
          product *= onePlus;
          linear += Math.min(s, 0.0);
        }
        loss += Math.log(product) - linear;
      }
      return loss * invN;
    }

    /** Fills rowDeriv and curvature from σ(-b_i m_i). */
    void rowTermsFromSigmoid(double[] sig) {
      for (int i = 0; i < n; i++) {
        double sg = sig[i];
        rowDeriv[i] = -b[i] * sg;
        curvature[i] = sg * (1.0 - sg);
      }
    }

    /** Loss, rowDeriv and curvature at margins m; sig is scratch. */
    double logisticRowTerms(double[] margin, double[] sig) {
      double loss = logisticLossAndSigmoid(margin, sig);
      rowTermsFromSigmoid(sig);
      return loss;
    }

    /**
     * {@code (1/n) Σ_i [log(1 + e^{-s_i - δ_i}) - log(1 + e^{-s_i})]} with {@code s_i = b_i m_i},
     * {@code δ_i = β b_i t_i}, computed as {@code log1p(σ(-s_i)·expm1(-δ_i))} so that no
     * cancellation happens however small the change (σ(-s_i) = -b_i·rowDeriv_i).
     */
    double exactLossChange(double beta) {
      double s = 0.0;
      for (int i = 0; i < n; i++) {
        double sigNeg = -b[i] * rowDeriv[i];
        s += Math.log1p(sigNeg * Math.expm1(-beta * b[i] * dirMargin[i]));
      }
      return s * invN;
    }

    /**
     * Minimizes the Newton model exactly on the nonzero coordinates of W with their signs held
     * fixed: {@code (A_SᵀDA_S/n + l2 I) d_S = -(g_S + w_S σ_S)} by Cholesky (intercept bordered).
     * The result is the model's minimizer over all of W when every sign is kept and every zero
     * coordinate of W satisfies |G_j| ≤ w_j (+ slack) at it; then target and t (= A d) hold the step.
     *
     * @return the intercept step, or NaN when the step does not apply or fails verification
     */
    double exactModelStep(double[] g, double gc, double[] target, double[] t, double slack) {
      // The active set S with fixed signs σ: the current support to begin with. Each attempt
      // solves the model on S; a coordinate whose sign would flip is fixed at zero (d_j = -y_j,
      // coupled into the right-hand side through u = Σ d_j a_j), and the worst zero coordinates
      // that want to enter join S with σ_j = -sign(G_j) — a few rounds of an active-set method.
      int cap = Math.min(workSize, EXACT_MAX_SUPPORT);
      int[] slots = new int[cap];
      int[] sigma = new int[cap];
      boolean[] fixed = new boolean[workSize];
      int s = 0;
      for (int k = 0; k < workSize; k++) {
        if (y[work[k]] != 0.0) {
          if (s == cap) {
            return Double.NaN;
          }
          slots[s] = k;
          sigma[s++] = y[work[k]] > 0.0 ? 1 : -1;
        }
      }
      s = predictEntering(g, slack, slots, sigma, s, cap);
      if (!a.isSparse() && (long) n * (s + 1) > EXACT_MAX_ENTRIES) {
        return Double.NaN;
      }
      boolean firstGram = true; // the step's first Gram matrix resets the block to this curvature
      double[] u = new double[n];
      boolean uZero = true; // no coordinate fixed at zero yet: the coupling terms vanish
      for (int attempt = 0; attempt < EXACT_ATTEMPTS; attempt++) {
        int size = s + (intercept ? 1 : 0);
        if (size == 0) {
          return Double.NaN;
        }
        int[] cols = new int[s];
        double[] rhs = new double[size];
        for (int r = 0; r < s; r++) {
          int k = slots[r];
          int j = work[k];
          cols[r] = j;
          rhs[r] = -(g[k] + w[j] * sigma[r]) - (uZero ? 0.0 : a.columnDot(j, curvature, u) * invN);
        }
        if (intercept) {
          double coupling = 0.0;
          for (int i = 0; i < n && !uZero; i++) {
            coupling += curvature[i] * u[i];
          }
          rhs[s] = -gc - coupling * invN;
        }
        double[] h = gram(cols, slots, s, size, firstGram);
        firstGram = false;
        if (!WeightedGram.choleskySolveInPlace(h, size, rhs)) {
          return Double.NaN;
        }
        int kept = 0;
        for (int r = 0; r < s; r++) {
          int k = slots[r];
          int j = work[k];
          if ((y[j] + rhs[r]) * sigma[r] > 0.0) {
            slots[kept] = k;
            sigma[kept] = sigma[r];
            rhs[kept] = rhs[r];
            kept++;
          } else {
            fixed[k] = true;
            if (y[j] != 0.0) {
              a.columnAxpy(j, -y[j], u); // fixed at zero from now on: d_j = -y_j
              uZero = false;
            }
          }
        }
        if (kept < s) {
          s = kept;
          continue; // re-solve without the coordinates that left
        }
        double dc = intercept ? rhs[s] : 0.0;
        for (int i = 0; i < n; i++) {
          t[i] = u[i] + dc;
        }
        for (int r = 0; r < s; r++) {
          a.columnAxpy(work[slots[r]], rhs[r], t);
        }
        // Zero coordinates (never in S, or fixed) must be optimal for the model at the new point.
        boolean[] inS = new boolean[workSize];
        for (int r = 0; r < s; r++) {
          inS[slots[r]] = true;
        }
        int entering = 0;
        int[] enter = new int[EXACT_ENTER];
        double[] enterScore = new double[EXACT_ENTER];
        for (int k = 0; k < workSize; k++) {
          if (inS[k]) {
            continue;
          }
          int j = work[k];
          double gj = g[k] + a.columnDot(j, curvature, t) * invN - l2 * y[j];
          double excess = Math.abs(gj) - w[j] - slack;
          if (excess > 0.0) {
            if (fixed[k]) {
              return Double.NaN; // a coordinate that just left wants back: give up, CD decides
            }
            // keep the EXACT_ENTER largest excesses, the sign encoded in the key
            entering = TopScores.offer(enter, enterScore, entering,
                k * (gj > 0.0 ? -1 : 1) - (gj > 0.0 ? 1 : 0), excess);
          }
        }
        if (entering == 0) {
          for (int k = 0; k < workSize; k++) {
            target[k] = 0.0;
          }
          for (int r = 0; r < s; r++) {
            int k = slots[r];
            target[k] = y[work[k]] + rhs[r];
          }
          passes++; // one pass worth of work over W, counted like a coordinate pass
          return dc;
        }
        if (s + entering > cap) {
          return Double.NaN;
        }
        // Join S in ascending work order (keeps cols sorted like the support).
        for (int e = 0; e < entering; e++) {
          int code = enter[e];
          int k = code >= 0 ? code : -(code + 1);
          int sg = code >= 0 ? 1 : -1; // gj < 0 → the coordinate grows positive
          slots[s] = k;
          sigma[s] = sg;
          s++;
        }
        sortBySlot(slots, sigma, s);
      }
      return Double.NaN;
    }

    /**
     * Adds to the active set S = slots[0..s) the zero coordinates of W whose gradient already
     * exceeds their threshold (|G_j| > w_j + slack) at the current point, with σ_j = -sign(G_j):
     * the model's minimizer usually moves them, and finding them only after a solve on the support
     * would cost a verification and a re-solve with a grown Gram block per EXACT_ENTER of them.
     * At most EXACT_PREDICT, the largest excesses first; a coordinate that should stay at zero
     * comes out of the first solve with (y + d)σ ≤ 0 and is fixed there like any other (its
     * coupling term is zero: y_j = 0). Keeps the slots sorted.
     *
     * @return the new size of S
     */
    private int predictEntering(double[] g, double slack, int[] slots, int[] sigma, int s,
        int cap) {
      int room = Math.min(EXACT_PREDICT, cap - s);
      if (room <= 0) {
        return s;
      }
      int[] best = new int[room];
      double[] excessOf = new double[room];
      int found = 0;
      for (int k = 0; k < workSize; k++) {
        int j = work[k];
        if (y[j] != 0.0) {
          continue;
        }
        double excess = Math.abs(g[k]) - w[j] - slack;
        if (!(excess > 0.0)) {
          continue;
        }
        found = TopScores.offer(best, excessOf, found, k, excess);
      }
      for (int e = 0; e < found; e++) {
        slots[s] = best[e];
        sigma[s++] = g[best[e]] > 0.0 ? -1 : 1;
      }
      if (found > 0) {
        sortBySlot(slots, sigma, s);
      }
      return s;
    }

    /** Sorts the first s slots ascending, carrying their signs (s is small). */
    private static void sortBySlot(int[] slots, int[] sigma, int s) {
      for (int i = 1; i < s; i++) {
        int k = slots[i];
        int sg = sigma[i];
        int j = i - 1;
        while (j >= 0 && slots[j] > k) {
          slots[j + 1] = slots[j];
          sigma[j + 1] = sigma[j];
          j--;
        }
        slots[j + 1] = k;
        sigma[j + 1] = sg;
      }
    }

    /**
     * The Newton model's Hessian on the columns S = work[slots[0..s)]: on CSC data a sub-block of
     * the working set's Gram block for this Newton step (only columns new to the step cost pair
     * products), on dense data formed afresh.
     *
     * @param firstInStep the Newton step's first request (new curvature: the block starts over,
     *     unless {@link #chordNext} lets this step reuse the last step's block)
     */
    double[] gram(int[] cols, int[] slots, int s, int size, boolean firstInStep) {
      if (a instanceof CscMatrix csc) {
        if (firstInStep) {
          // Transposed lazily: a step that gives up before its first Gram costs nothing here.
          if (workingSetGram == null || !workingSetGram.sameColumns(work, workSize)) {
            workingSetGram = new WeightedGram.WorkingSetGram(csc, work, workSize);
            chordNext = false;
          } else if (workingSetGram == handedOver) {
            handedOverUsed = true;
          }
          if (chordNext && workingSetGram.covers(slots, s)) {
            staleBlock = true; // the last step's curvature: a chord step
            chordUsed = true;
          } else {
            workingSetGram.reset(curvature);
            staleBlock = false;
          }
        } else if (staleBlock && !workingSetGram.covers(slots, s)) {
          workingSetGram.reset(curvature); // new columns: form the block afresh, consistently
          staleBlock = false;
        }
        if (gramBuffer.length < size * size) {
          gramBuffer = new double[Math.max(size * size, 2 * gramBuffer.length)];
        }
        workingSetGram.gram(slots, s, invN, l2, intercept, gramBuffer);
        return gramBuffer;
      }
      return WeightedGram.form(a, cols, curvature, invN, l2, intercept);
    }

    /**
     * Whether an exact model step is expected to cost less than coordinate descent on the model:
     * forming the support's Gram matrix costs its lower triangle's pair products on CSC data
     * (counted exactly once a cheap lower bound passes) or, when cheaper, the dense formation's
     * modelled time in pass entries ({@link #PASS_ENTRY_NANOS}), about nnz(A_S)²/n on other sparse data
     * and n·|S|² with BLAS on dense data (counted at a quarter for BLAS's speed); a coordinate pass
     * costs about 2·nnz(A_W), and the last model needed {@code modelPasses} passes.
     */
    boolean exactLooksCheaper(int modelPasses) {
      double supportEntries = 0.0;
      double passCost = 0.0;
      int s = 0;
      for (int k = 0; k < workSize; k++) {
        int j = work[k];
        int nz = a.columnNonzeros(j);
        passCost += 2.0 * nz;
        if (y[j] != 0.0) {
          supportEntries += nz;
          s++;
        }
      }
      double budget = modelPasses * passCost;
      if (!a.isSparse()) {
        return ESTIMATED_COST_FACTOR * 0.25 * (double) n * s * s <= budget;
      }
      if (!(a instanceof CscMatrix csc)) {
        double estimate = supportEntries * supportEntries / Math.max(n, 1) + supportEntries;
        return ESTIMATED_COST_FACTOR * estimate <= budget;
      }
      if (s > EXACT_MAX_SUPPORT) {
        return false; // the exact step would give up at once
      }
      // The block may be formed densely (an n × |S| copy and BLAS) where that is cheaper than row
      // by row; priced in pass entries.
      double denseUnits = WeightedGram.WorkingSetGram.denseFormationNanos(n, s, supportEntries)
          / PASS_ENTRY_NANOS;
      if (EXACT_COST_FACTOR * (denseUnits + supportEntries) <= budget) {
        return true;
      }
      // The formed triangle has (Σ_i c_i² + Σ_i c_i)/2 ≥ (nnz(A_S)²/n + nnz(A_S))/2 products,
      // c_i = nnz_i(A_S): when even that bound is over budget, nothing needs counting.
      double lowerBound = 0.5 * (supportEntries * supportEntries / Math.max(n, 1) + supportEntries);
      if (EXACT_COST_FACTOR * (lowerBound + supportEntries) > budget) {
        return false;
      }
      // ... and at most nnz(A_S)(|S| + 1)/2 (every row holds all of S): within budget, no count.
      if (EXACT_COST_FACTOR * (0.5 * supportEntries * (s + 1) + supportEntries) <= budget) {
        return true;
      }
      // ... and at most the pairs of all of W, once W's transposed rows have counted them (the
      // support lies in W): within budget, no count. The same answer as the count, only cheaper.
      long workingPairs = workingSetGram != null && workingSetGram.sameColumns(work, workSize)
          ? workingSetGram.allPairs() : -1;
      if (workingPairs >= 0 && EXACT_COST_FACTOR * (workingPairs + supportEntries) <= budget) {
        handedOverUsed |= workingSetGram == handedOver;
        return true;
      }
      return EXACT_COST_FACTOR * (supportPairs(csc) + supportEntries) <= budget;
    }

    /**
     * The exact number of products in the lower triangle of the support's Gram matrix
     * ({@link WeightedGram#lowerTrianglePairs}), counted once per support.
     */
    double supportPairs(CscMatrix csc) {
      if (pairsVersion == supportVersion) {
        return pairsCount; // the same support as the last count (a later Newton step)
      }
      if (rowCount == null) {
        rowCount = new int[n];
      }
      int[] support = new int[workSize];
      int s = 0;
      for (int k = 0; k < workSize; k++) {
        if (y[work[k]] != 0.0) {
          support[s++] = work[k];
        }
      }
      // The support is often exactly a working set transposed before (a warm start's first
      // round, the last solve's set): its rows' lengths give the count without a pass.
      long pairs = workingSetGram != null && workingSetGram.sameColumns(support, s)
          ? workingSetGram.allPairs() : -1;
      handedOverUsed |= pairs >= 0 && workingSetGram == handedOver;
      if (pairs < 0) {
        pairs = WeightedGram.lowerTrianglePairs(csc, support, s, rowCount);
      }
      pairsCount = pairs;
      pairsVersion = supportVersion;
      return pairs;
    }

    /** Proximal Newton on W until the KKT violation restricted to W is at most `inner`. */
    Status solveLogisticOnWorkingSet(double inner) {
      return solveLogisticOnWorkingSet(inner, Integer.MAX_VALUE);
    }

    /** As {@link #solveLogisticOnWorkingSet(double)}, taking at most {@code maxSteps} Newton steps. */
    Status solveLogisticOnWorkingSet(double inner, int maxSteps) {
      int steps = 0;
      double[] m = rowState;
      double[] t = dirMargin;
      double[] target = new double[workSize]; // the model's coordinate values y + d
      boolean exactAllowed = true;
      boolean[] shrunk = new boolean[workSize];
      int lastModelPasses = ASSUMED_MODEL_PASSES;
      // The restricted violation before the last step, and whether that step was a chord step
      // taken in full that added nothing to the support.
      double lastWorst = Double.NaN;
      boolean chordFull = false;
      double[] h = new double[workSize];
      double[] g = new double[workSize];
      while (passes < maxPasses) {
        if (!rowTermsCurrent) {
          rowLoss = logisticRowTerms(m, trialSig);
          rowTermsCurrent = true;
        }
        double loss = rowLoss;
        if (!Double.isFinite(loss)) {
          return Status.NON_FINITE;
        }
        // Gradient on W; the restricted violation decides convergence. Each column's dot stands
        // alone, so the pass runs against the last one, from the columns still in cache.
        double worst = 0.0;
        boolean down = lastPassAscending;
        for (int step = 0; step < workSize; step++) {
          int k = down ? workSize - 1 - step : step;
          int j = work[k];
          g[k] = a.columnDot(j, rowDeriv) * invN + l2 * y[j];
          worst = Math.max(worst, Kkt.violation(g[k], y[j], w[j]));
        }
        lastPassAscending = !down;
        double gc = 0.0;
        double hc = 0.0;
        if (intercept) {
          for (int i = 0; i < n; i++) {
            gc += rowDeriv[i];
            hc += curvature[i];
          }
          gc *= invN;
          hc *= invN;
          worst = Math.max(worst, Math.abs(gc));
        }
        if (!Double.isFinite(worst)) {
          return Status.NON_FINITE;
        }
        if (chordFull && worst <= CHORD_CONTRACTION * lastWorst) {
          chordNext = true; // the stale curvature still serves
        }
        if (worst <= inner) {
          gradientOnW = g; // at the point the full check that follows looks at
          return Status.DONE;
        }
        lastWorst = worst;
        double dc = 0.0;
        boolean exact = false;
        if (exactAllowed && exactLooksCheaper(lastModelPasses)) {
          double slack = Math.max(MODEL_FORCING * worst, 0.1 * inner);
          chordUsed = false;
          double exactDc = exactModelStep(g, gc, target, t, slack);
          if (Double.isNaN(exactDc) && chordUsed) {
            chordNext = false; // the stale curvature was not good enough: this step's own
            exactDc = exactModelStep(g, gc, target, t, slack);
          }
          exact = !Double.isNaN(exactDc);
          if (exact) {
            dc = exactDc;
          } else {
            exactAllowed = false; // until the support changes, it would fail again
          }
        }
        if (!exact) {
        // Coordinate descent on the quadratic model q(d) = gᵀd + ½ dᵀ(AᵀDA/n + l2 I)d + Σ w|y+d|,
        // with the model's Hessian diagonal on W (an exact step does without it).
        down = lastPassAscending;
        for (int step = 0; step < workSize; step++) {
          int k = down ? workSize - 1 - step : step;
          int j = work[k];
          target[k] = y[j];
          h[k] = a.columnWeightedSquaredNorm(j, curvature) * invN + l2;
        }
        lastPassAscending = !down;
        Arrays.fill(t, 0.0);
        double modelTol = Math.max(MODEL_FORCING * worst, 0.1 * inner);
        // Shrinking (as liblinear): a zero coordinate well inside its threshold is skipped in
        // later passes; a final pass over all of W verifies before the model counts as solved.
        if (shrunk.length < workSize) {
          shrunk = new boolean[workSize];
        }
        Arrays.fill(shrunk, 0, workSize, false);
        boolean anyShrunk = false;
        // Conjugate gradients first: on correlated features they solve the model on the support
        // in a few products where coordinate descent creeps (docs/benchmarks.md). The passes
        // below then bring in the zero coordinates of W that want to enter, and are skipped when
        // none does.
        double[] cgIntercept = new double[1];
        int cg = conjugateGradientModel(g, gc, h, hc, target, t, cgIntercept, modelTol);
        conjugateGradientIterations += Math.abs(cg);
        dc = cgIntercept[0];
        boolean modelSolved = cg > 0 && zerosOptimal(g, target, t, modelTol);
        lastModelPasses = Math.max(Math.abs(cg), 1);
        for (int pass = 0;
            !modelSolved && pass < MAX_INNER_PASSES_PER_NEWTON && passes < maxPasses; pass++) {
          passes++;
          double moved = 0.0;
          // A pass that starts with nothing shrunk visits every coordinate of W (one shrunk during
          // it has zero violation), so only such a pass can conclude the model is solved.
          boolean complete = !anyShrunk;
          for (int k = 0; k < workSize; k++) {
            if (shrunk[k]) {
              continue;
            }
            int j = work[k];
            double hj = h[k];
            if (hj <= 0.0) {
              continue;
            }
            double z = target[k];
            double gj = g[k] + a.columnDot(j, curvature, t) * invN + l2 * (z - y[j]);
            if (z == 0.0 && Math.abs(gj) < SHRINK_BELOW * w[j]) {
              shrunk[k] = true;
              anyShrunk = true;
              continue;
            }
            double v = Kkt.violation(gj, z, w[j]);
            if (v > moved) {
              moved = v;
            }
            double updated = softThreshold(z - gj / hj, w[j] / hj);
            double delta = updated - z;
            if (delta != 0.0) {
              target[k] = updated;
              a.columnAxpy(j, delta, t);
            }
          }
          if (intercept && hc > 0.0) {
            double gcm = gc;
            for (int i = 0; i < n; i++) {
              gcm += curvature[i] * t[i] * invN;
            }
            moved = Math.max(moved, Math.abs(gcm));
            double delta = -gcm / hc;
            dc += delta;
            for (int i = 0; i < n; i++) {
              t[i] += delta;
            }
          }
          lastModelPasses = Math.abs(cg) + pass + 1;
          lastPassAscending = true;
          if (!(moved > modelTol)) {
            if (complete) {
              break;
            }
            Arrays.fill(shrunk, 0, workSize, false); // verify with a pass over all of W
            anyShrunk = false;
          }
        }
        }
        // Armijo backtracking on F(y + βd) + Σ w|y + βd| (Tseng and Yun's rule).
        double decrease = dc * gc;
        for (int k = 0; k < workSize; k++) {
          int j = work[k];
          decrease += g[k] * (target[k] - y[j]) + w[j] * (Math.abs(target[k]) - Math.abs(y[j]));
        }
        if (!Double.isFinite(decrease)) {
          return Status.NON_FINITE;
        }
        if (!(decrease < 0.0)) {
          return Status.STALLED; // the model sees no descent direction left
        }
        double beta = 1.0;
        double lossNew = Double.NaN;
        boolean accepted = false;
        for (int bt = 0; bt < MAX_BACKTRACKS; bt++) {
          for (int i = 0; i < n; i++) {
            trialMargin[i] = m[i] + beta * t[i];
          }
          // Penalty change, term by term: (z² - y²)/2 = (z - y)(z + y)/2 loses nothing to rounding.
          double penaltyChange = 0.0;
          for (int k = 0; k < workSize; k++) {
            int j = work[k];
            double z = beta == 1.0 ? target[k] : y[j] + beta * (target[k] - y[j]);
            penaltyChange += 0.5 * l2 * (z - y[j]) * (z + y[j]) + w[j] * (Math.abs(z) - Math.abs(y[j]));
          }
          lossNew = logisticLossAndSigmoid(trialMargin, trialSig);
          double lossChange = lossNew - loss;
          if (Math.abs(lossChange) <= EXACT_DIFFERENCE_BELOW * Math.max(loss, 1e-300)) {
            // Near the solution the two totals agree to rounding: difference them row by row.
            lossChange = exactLossChange(beta);
          }
          if (lossChange + penaltyChange <= ARMIJO * beta * decrease) {
            accepted = true;
            break;
          }
          beta *= 0.5;
        }
        if (!accepted) {
          return Status.STALLED; // no representable decrease left along the Newton direction
        }
        boolean supportChanged = false;
        boolean supportGrew = false;
        for (int k = 0; k < workSize; k++) {
          int j = work[k];
          double before = y[j];
          // A full step takes the model's values exactly, so zeros it chose stay exact zeros.
          y[j] = beta == 1.0 ? target[k] : y[j] + beta * (target[k] - y[j]);
          supportChanged |= (before == 0.0) != (y[j] == 0.0);
          supportGrew |= before == 0.0 && y[j] != 0.0;
        }
        if (supportChanged) {
          supportVersion++;
        }
        if (exact && staleBlock) {
          chordSteps++;
        }
        chordFull = exact && staleBlock && beta == 1.0 && !supportGrew;
        chordNext = exact && beta == 1.0 && !supportGrew && !staleBlock;
        // A failed exact step is retried only once the support has moved.
        if (supportChanged) {
          exactAllowed = true;
        }
        c += beta * dc;
        System.arraycopy(trialMargin, 0, m, 0, n);
        // The line search already evaluated the new point: its terms serve the next Newton step.
        rowTermsFromSigmoid(trialSig);
        rowLoss = lossNew;
        rowTermsCurrent = true;
        if (++steps == maxSteps) {
          return Status.DONE;
        }
      }
      return Status.DONE;
    }

    /**
     * Solves the Newton model on W's nonzero coordinates with their signs held (and the
     * intercept, if any) by Jacobi-preconditioned conjugate gradients from d = 0:
     * {@code (A_SᵀDA_S/n + l2 I) d_S = -(g_S + w_S σ_S)}, bordered by the intercept. Each
     * iteration costs one product with A_S and one with its transpose, about one coordinate pass
     * over S. A coordinate whose value would change sign is fixed at zero and the rest solved
     * again from where they are (at most {@link #CG_ROUNDS} rounds). Coordinates whose Jacobi
     * step crosses zero are fixed there before the first product (a few at most, {@link
     * #PREDICT_FRACTION}), and those the solved model wants back rejoin in the next round. On
     * return target holds y + d on W (zero coordinates of W keep y_j = 0), t = A d + dc and
     * interceptStep[0] = dc.
     *
     * @return the iterations taken (each counted as a pass), negated when the residual on S did
     *     not reach {@link #CG_FRACTION} of the model tolerance; 0 when S is empty
     */
    int conjugateGradientModel(double[] g, double gc, double[] h, double hc, double[] target,
        double[] t, double[] interceptStep, double modelTol) {
      int s = 0;
      int[] slot = new int[workSize];
      for (int k = 0; k < workSize; k++) {
        if (y[work[k]] != 0.0 && h[k] > 0.0) {
          slot[s++] = k;
        }
      }
      boolean withC = intercept && hc > 0.0;
      if (s == 0) {
        return 0;
      }
      // Unknowns: d on slot[0..s), then dc (its residual, direction and value stay 0 unless
      // withC, so the loops below need no case for it).
      int size = s + 1;
      double[] x = new double[size];
      double[] r = new double[size];
      double[] z = new double[size];
      double[] dir = new double[size];
      double[] hp = new double[size];
      double[] q = new double[n];
      double[] dq = new double[n];
      int iterations = 0;
      boolean reached = false;
      boolean tZero = true; // t = A d + dc is still zero
      // Predicted zeros: a coordinate whose Jacobi step -(g_j + w_j σ_j)/h_j reaches zero is
      // likely to cross it (on NEWS20-shaped data after a 1% penalty increase, exactly those
      // that do), which would cost a residual pass and a re-solve once the products have found
      // it. It is fixed at zero from the start — one residual pass serves them all — and comes
      // back, on its own side, when the model at the round's solution wants it there. When more
      // than PREDICT_FRACTION of the support would be predicted, none is.
      int[] predicted = new int[s];
      int predictedCount = 0;
      int unpredicted = 0;
      for (int e = 0; e < s; e++) {
        int k = slot[e];
        int j = work[k];
        double res = -(g[k] + (y[j] > 0.0 ? w[j] : -w[j]));
        if ((y[j] + res / h[k]) * y[j] > 0.0) {
          slot[unpredicted++] = k;
        } else {
          predicted[predictedCount++] = k;
        }
      }
      if (predictedCount > PREDICT_FRACTION * s) {
        // Many crossings: coupling decides which, and the rounds below see them. Slots back in
        // their order.
        unpredicted = 0;
        for (int k = 0; k < workSize; k++) {
          if (y[work[k]] != 0.0 && h[k] > 0.0) {
            slot[unpredicted++] = k;
          }
        }
        predictedCount = 0;
      }
      for (int m = 0; m < predictedCount; m++) {
        int k = predicted[m];
        int j = work[k];
        target[k] = 0.0;
        a.columnAxpy(j, -y[j], t);
        tZero = false;
      }
      conjugateGradientPredicted += predictedCount;
      s = unpredicted;
      size = s + 1;
      boolean residualKnown = false; // r holds the residual (after a release, t unchanged)
      for (int round = 0; round < CG_ROUNDS; round++) {
        // Residual -(model gradient) of the unknowns; after a crossing it needs t (one pass).
        double rz = 0.0;
        if (residualKnown) {
          for (int e = 0; e < s; e++) {
            z[e] = r[e] / h[slot[e]];
          }
          z[s] = withC ? r[s] / hc : 0.0;
        } else {
          if (!tZero) {
            passes++;
            iterations++;
            for (int i = 0; i < n; i++) {
              q[i] = curvature[i] * t[i]; // D t, so each column takes a plain dot
            }
          }
          boolean down = !tZero && lastPassAscending;
          for (int m = 0; m < s; m++) {
            int e = down ? s - 1 - m : m;
            int k = slot[e];
            int j = work[k];
            double res = -(g[k] + (y[j] > 0.0 ? w[j] : -w[j]));
            if (!tZero) {
              res -= a.columnDot(j, q) * invN + l2 * x[e];
            }
            r[e] = res;
            z[e] = res / h[k];
          }
          if (!tZero) {
            lastPassAscending = !down;
          }
          r[s] = 0.0;
          z[s] = 0.0;
          if (withC) {
            double coupling = 0.0;
            for (int i = 0; i < n && !tZero; i++) {
              coupling += q[i];
            }
            r[s] = -gc - coupling * invN;
            z[s] = r[s] / hc;
          }
        }
        residualKnown = false;
        for (int e = 0; e < size; e++) {
          dir[e] = z[e];
          rz += r[e] * z[e];
        }
        reached = false;
        for (int it = 0; it < CG_MAX_ITERATIONS && passes < maxPasses; it++) {
          double largest = 0.0;
          for (int e = 0; e < size; e++) {
            largest = Math.max(largest, Math.abs(r[e]));
          }
          if (largest <= CG_FRACTION * modelTol) {
            reached = true;
            break;
          }
          passes++;
          iterations++;
          Arrays.fill(q, withC ? dir[s] : 0.0);
          for (int e = 0; e < s; e++) {
            a.columnAxpy(work[slot[e]], dir[e], q);
          }
          // The transposed product's dots stand alone: they run back from the columns the
          // product above just read.
          for (int i = 0; i < n; i++) {
            dq[i] = curvature[i] * q[i]; // D q, so each column takes a plain dot
          }
          for (int e = s - 1; e >= 0; e--) {
            hp[e] = a.columnDot(work[slot[e]], dq) * invN + l2 * dir[e];
          }
          lastPassAscending = false;
          double curvatureProduct = 0.0;
          for (int e = 0; e < s; e++) {
            curvatureProduct += dir[e] * hp[e];
          }
          hp[s] = 0.0;
          if (withC) {
            double sum = 0.0;
            for (int i = 0; i < n; i++) {
              sum += dq[i];
            }
            hp[s] = sum * invN;
            curvatureProduct += dir[s] * hp[s];
          }
          if (!(curvatureProduct > 0.0)) {
            break; // no curvature left along the direction (or not finite): leave it to CD
          }
          double alpha = rz / curvatureProduct;
          double rzNext = 0.0;
          for (int e = 0; e < size; e++) {
            x[e] += alpha * dir[e];
            r[e] -= alpha * hp[e];
            z[e] = e < s ? r[e] / h[slot[e]] : (withC ? r[e] / hc : 0.0);
            rzNext += r[e] * z[e];
          }
          for (int i = 0; i < n; i++) {
            t[i] += alpha * q[i];
          }
          tZero = false;
          double beta = rzNext / rz;
          rz = rzNext;
          for (int e = 0; e < size; e++) {
            dir[e] = z[e] + beta * dir[e];
          }
        }
        // Coordinates that crossed zero are fixed there (d_j = -y_j); the others are re-solved.
        int kept = 0;
        for (int e = 0; e < s; e++) {
          int k = slot[e];
          int j = work[k];
          double value = y[j] + x[e];
          if (value * y[j] > 0.0) {
            target[k] = value;
            slot[kept] = k;
            x[kept] = x[e];
            kept++;
          } else {
            target[k] = 0.0;
            a.columnAxpy(j, -y[j] - x[e], t);
            tZero = false;
            conjugateGradientCrossings++;
          }
        }
        x[kept] = x[s];
        if (kept == s) {
          // No crossing: a predicted zero whose model gradient at the solution wants it back on
          // its own side of zero rejoins the unknowns at d_j = -y_j (t holds that already).
          // The others' residuals still hold, since t has not moved: no pass is needed.
          double dcKept = x[s];
          double rcKept = r[s];
          for (int m = 0; m < predictedCount; m++) {
            int k = predicted[m];
            int j = work[k];
            double gj = g[k] + a.columnDot(j, curvature, t) * invN - l2 * y[j];
            if (Kkt.violation(gj, 0.0, w[j]) > modelTol && -gj * y[j] > 0.0) {
              slot[s] = k;
              x[s] = -y[j];
              r[s] = -(gj + (y[j] > 0.0 ? w[j] : -w[j]));
              s++;
              predicted[m--] = predicted[--predictedCount];
              conjugateGradientReleased++;
            }
          }
          x[s] = dcKept;
          r[s] = rcKept;
          if (s == kept) {
            break;
          }
          size = s + 1;
          reached = false;
          residualKnown = true;
          continue;
        }
        s = kept;
        size = s + 1;
        reached = false;
      }
      interceptStep[0] = withC ? x[s] : 0.0;
      return reached ? iterations : -Math.max(iterations, 1);
    }

    /**
     * Whether every zero coordinate of W (target 0) satisfies the model's optimality within
     * {@code modelTol} at the model point t: |G_j| ≤ w_j + modelTol.
     */
    boolean zerosOptimal(double[] g, double[] target, double[] t, double modelTol) {
      for (int k = 0; k < workSize; k++) {
        if (target[k] != 0.0) {
          continue;
        }
        int j = work[k];
        double gj = g[k] + a.columnDot(j, curvature, t) * invN - l2 * y[j];
        if (!(Kkt.violation(gj, 0.0, w[j]) <= modelTol)) {
          return false;
        }
      }
      return true;
    }

    double objective() {
      if (termination == Termination.NON_FINITE) {
        return Double.NaN;
      }
      double fit;
      if (logistic) {
        fit = rowTermsCurrent ? rowLoss : logisticLossAndSigmoid(rowState, trialSig);
      } else {
        double s = 0.0;
        for (int i = 0; i < n; i++) {
          s += rowState[i] * rowState[i];
        }
        fit = 0.5 * s * invN;
      }
      double ridge = 0.0;
      double l1 = 0.0;
      // Every ending but NON_FINITE follows a full check, whose support is y's nonzeros in
      // ascending order: the sums visit them as a pass over all p would (a zero adds nothing,
      // also where w_j is infinite).
      for (int k = 0; k < supportSize; k++) {
        int j = supportIdx[k];
        double yj = y[j];
        ridge += yj * yj;
        l1 += w[j] * Math.abs(yj);
      }
      return fit + 0.5 * l2 * ridge + l1;
    }
  }

  /** The soft-thresholding operator {@code sign(z) max(|z| - u, 0)}. */
  public static double softThreshold(double z, double u) {
    if (z > u) {
      return z - u;
    } else if (z < -u) {
      return z + u;
    }
    return 0.0;
  }
}
