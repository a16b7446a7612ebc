package org.sparsetune.linalg;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.lapack.LAPACK;
import java.util.Arrays;
import org.netlib.util.intW;

/**
 * Dense weighted Gram matrices of a few columns, {@code G = scale·A_Sᵀ diag(d) A_S + ridge·I},
 * optionally bordered by a column of ones (an unpenalized intercept, no ridge on its diagonal),
 * and their Cholesky solves through LAPACK (dev.ludovic.netlib). The s × s result is column-major
 * with the lower triangle filled. Dense designs use BLAS {@code dsyrk} on an n × s block (O(n·s²));
 * CSC designs accumulate row by row over a small CSR copy of A_S (O(nnz(A_S) + Σ_i nnz_i(S)²));
 * {@link WorkingSetGram}, the solver's block cache, also takes the dense route on CSC data when
 * its cost model finds it cheaper.
 */
public final class WeightedGram {
  private static final BLAS BLAS_ = BLAS.getInstance();
  private static final LAPACK LAPACK_ = LAPACK.getInstance();

  private WeightedGram() {}

  /**
   * @param a the design
   * @param cols the columns S
   * @param d row weights (null for all ones), each at least 0
   * @param scale multiplies AᵀDA (e.g. 1/n)
   * @param ridge added to the diagonal of the feature block
   * @param intercept border with a column of ones as the last unknown
   * @return the (s + intercept) × (s + intercept) matrix, lower triangle filled
   */
  public static double[] form(
      DesignMatrix a, int[] cols, double[] d, double scale, double ridge, boolean intercept) {
    int n = a.rows();
    int s = cols.length + (intercept ? 1 : 0);
    double[] g = new double[s * s];
    if (a instanceof CscMatrix csc) {
      formSparse(csc, cols, d, scale, intercept, g, s);
    } else {
      double[] block = new double[n * s];
      for (int k = 0; k < s; k++) {
        int off = k * n;
        if (k < cols.length) {
          a.columnAxpyInto(cols[k], block, off);
        } else {
          Arrays.fill(block, off, off + n, 1.0);
        }
        if (d != null) {
          for (int i = 0; i < n; i++) {
            block[off + i] *= Math.sqrt(d[i]);
          }
        }
      }
      if (n > 0 && s > 0) {
        BLAS_.dsyrk("L", "T", s, n, scale, block, n, 0.0, g, s);
      }
    }
    for (int k = 0; k < cols.length; k++) {
      g[k * s + k] += ridge;
    }
    return g;
  }

  /**
   * Row-wise accumulation for CSC data: the S columns are transposed into a small CSR copy, then
   * every row adds d_i·a_ik·a_il to G_kl for each pair of its entries, which costs
   * O(nnz(A_S) + Σ_i nnz_i(S)²) — far below n·s² or s·nnz(A_S) on sparse data.
   */
  private static void formSparse(
      CscMatrix a, int[] cols, double[] d, double scale, boolean intercept, double[] g, int s) {
    new RowPairs(a, cols).accumulate(d, scale, intercept, g, s);
  }

  /**
   * The columns S of a CSC matrix transposed to rows (a small CSR copy), kept so that repeated
   * Gram matrices on the same S with other row weights (successive Newton steps) skip the
   * transposition.
   */
  public static final class RowPairs {
    private final int[] cols;
    private final int n;
    private final int[] rowPtr;
    private final int[] entryCol;
    private final double[] entryVal;

    /** Transposes the columns {@code cols} of a. */
    public RowPairs(CscMatrix a, int[] cols) {
      this.cols = cols.clone();
      this.n = a.rows();
      int[] colPtr = a.colPtr();
      int[] rowIdx = a.rowIdx();
      double[] values = a.values();
      rowPtr = new int[n + 1];
      for (int c : cols) {
        for (int q = colPtr[c]; q < colPtr[c + 1]; q++) {
          rowPtr[rowIdx[q] + 1]++;
        }
      }
      for (int i = 0; i < n; i++) {
        rowPtr[i + 1] += rowPtr[i];
      }
      int nnz = rowPtr[n];
      entryCol = new int[nnz];
      entryVal = new double[nnz];
      int[] next = Arrays.copyOf(rowPtr, n);
      for (int r = 0; r < cols.length; r++) {
        int c = cols[r];
        for (int q = colPtr[c]; q < colPtr[c + 1]; q++) {
          int at = next[rowIdx[q]]++;
          entryCol[at] = r; // ascending within each row, since r ascends
          entryVal[at] = values[q];
        }
      }
    }

    /** Whether these are exactly the columns {@code other}. */
    public boolean sameColumns(int[] other) {
      return Arrays.equals(cols, other);
    }

    /** G = scale·A_SᵀDA_S + ridge·I (+ intercept border), lower triangle, column-major. */
    public double[] gram(double[] d, double scale, double ridge, boolean intercept) {
      int s = cols.length + (intercept ? 1 : 0);
      double[] g = new double[s * s];
      accumulate(d, scale, intercept, g, s);
      for (int k = 0; k < cols.length; k++) {
        g[k * s + k] += ridge;
      }
      return g;
    }

    void accumulate(double[] d, double scale, boolean intercept, double[] g, int s) {
      int m = cols.length;
      double weightSum = 0.0;
      for (int i = 0; i < n; i++) {
        double di = d == null ? 1.0 : d[i];
        weightSum += di;
        int start = rowPtr[i];
        int end = rowPtr[i + 1];
        for (int p1 = start; p1 < end; p1++) {
          int r1 = entryCol[p1];
          double v1 = di * entryVal[p1];
          for (int p2 = start; p2 <= p1; p2++) {
            g[entryCol[p2] * s + r1] += v1 * entryVal[p2]; // lower triangle: row r1 ≥ column r2
          }
          if (intercept) {
            g[r1 * s + m] += v1;
          }
        }
      }
      if (intercept) {
        g[m * s + m] = weightSum;
      }
      if (scale != 1.0) {
        for (int k = 0; k < g.length; k++) {
          g[k] *= scale;
        }
      }
    }
  }

  /**
   * The Gram matrices of an active-set method on one working set W of a CSC matrix: for one row
   * weight vector the products {@code Σ_i d_i a_ik a_il} are accumulated only for the columns asked
   * for so far. A later request on other columns of W computes only the pairs that involve a
   * column not seen before and takes everything else from the block already formed; columns that
   * leave cost nothing. One Newton step's active-set rounds (a few columns dropped or added each
   * time) thus cost about one Gram matrix on their union instead of one per round.
   * {@link #reset} starts over with new weights (the next Newton step).
   *
   * <p>A block formed from nothing is either accumulated row by row over W's columns transposed
   * (a CSR copy whose entries carry their position in W, made once, on first need) exactly as
   * {@link RowPairs} does, or — for a few columns dense in their rows, where that is cheaper by the
   * cost model below — formed by BLAS {@code dsyrk} on a dense n × s copy of {@code D^{1/2} A_S}.
   * Columns joining a formed block are accumulated through their own rows when they hold few
   * entries (fewer than n/2), otherwise in a pass over every row of W. Either way a block equals a
   * freshly formed one up to the order of rounding in each product.
   */
  public static final class WorkingSetGram {
    /** How a block is formed from nothing (tests force one; the solver lets the cost decide). */
    public enum Formation {
      /** The cheaper of the two by the cost model. */
      AUTO,
      /** Row by row over the transposed working set. */
      ROWS,
      /** BLAS {@code dsyrk} on the requested columns copied into an n × s block. */
      DENSE
    }

    /**
     * Largest n·s of the dense n × s block (32 MB); wider requests are formed row by row. The
     * same bound as the solver's dense-design exact step.
     */
    static final long DENSE_MAX_ENTRIES = 4_000_000L;
    /**
     * Cost model of the two formations, in nanoseconds, fitted on this project's machine with
     * OpenBLAS on one thread (docs/benchmarks.md; w8a and mnist01 supports of 14–63 columns, and
     * it picks the faster on those and on a NEWS20-shaped support of 237): row by row costs
     * {@link #ROWS_PER_ENTRY} per entry of W's columns (the row loop visits them all), plus
     * {@link #TRANSPOSE_PER_ENTRY} per entry while W is not yet transposed, plus
     * {@link #ROWS_PER_PAIR} per product of the lower triangle; the dense block costs
     * {@link #DENSE_PER_CELL} per cell of the n × s copy plus {@link #DENSE_PER_PRODUCT} per
     * product n·s(s+1)/2 at BLAS speed, plus {@link #TRANSPOSE_PER_ENTRY} per entry of A_S copied
     * in and cleared again. Without native BLAS the dense route is slower than modelled; results
     * are the same either way up to rounding.
     */
    private static final double ROWS_PER_ENTRY = 10.0;
    private static final double TRANSPOSE_PER_ENTRY = 4.0;
    private static final double ROWS_PER_PAIR = 0.3;
    private static final double DENSE_PER_CELL = 0.35;
    private static final double DENSE_PER_PRODUCT = 0.07;

    private final CscMatrix a;
    private final Formation formation;
    private final int[] cols;
    private final int n;
    /** W's columns transposed (built on the first row-by-row formation; null until then). */
    private int[] rowPtr;
    private int[] entrySlot;
    /** The transposed entries' values; null for a binary matrix (every value 1). */
    private double[] entryVal;
    /** Per working-set slot: its position in the formed block, or -1. */
    private final int[] position;
    /** Per working-set slot: asked for in the current request and not formed before. */
    private final boolean[] fresh;
    /** Scratch for one row's entries in the block: positions and values. */
    private int[] rowPos;
    private double[] rowVal;
    /** The dense formation's n × s block, all zero between formations (only entries are cleared). */
    private double[] columns = new double[0];
    /** Per-row scratch of {@link #rowPairs}, all zero between calls (allocated on first use). */
    private int[] rowCount;
    private double[] d;
    /** √d_i of every row for {@link #formDense}, taken once per {@link #reset} (null: not yet). */
    private double[] sqrtD;
    private boolean sqrtCurrent;
    private int formed;
    /**
     * The formed block by position: the product of positions q ≤ p at {@code p·ld + q} (the lower
     * triangle stored row by row), so one row's products with a fresh column are close together.
     */
    private double[] block = new double[0];
    private int ld;
    /** Per position: Σ_i d_i a_ik (the intercept border). */
    private double[] border = new double[0];
    private double weightSum;
    /** How the last block formed from nothing was formed (null before the first). */
    private Formation lastFresh;
    /** {@link #allPairs()} once counted (-1 before). */
    private long allPairs = -1;
    /**
     * Whether the cost model counts the transposition as paid: set by the first row-by-row
     * formation, cleared by {@link #handOver()}, so that a working set transposed by an earlier
     * solve is formed exactly as a new one would be (same choices, same bits), only faster.
     */
    private boolean transposeCharged;

    /**
     * The working set W: the first {@code count} columns of {@code cols} (any order, no repeats);
     * a request names columns by their index in it.
     */
    public WorkingSetGram(CscMatrix a, int[] cols, int count) {
      this(a, cols, count, Formation.AUTO);
    }

    /** As {@link #WorkingSetGram(CscMatrix, int[], int)}, forming fresh blocks as told. */
    public WorkingSetGram(CscMatrix a, int[] cols, int count, Formation formation) {
      this.a = a;
      this.formation = formation;
      this.cols = Arrays.copyOf(cols, count);
      this.n = a.rows();
      position = new int[count];
      Arrays.fill(position, -1);
      fresh = new boolean[count];
    }

    /** How the last block formed from nothing was formed: ROWS or DENSE (null before any). */
    Formation lastFreshFormation() {
      return lastFresh;
    }

    /** Transposes W's columns into rows whose entries carry their slot (once). */
    private void transpose() {
      transposeCharged = true;
      if (rowPtr != null) {
        return;
      }
      int count = cols.length;
      int[] colPtr = a.colPtr();
      int[] rowIdx = a.rowIdx();
      double[] values = a.values();
      rowPtr = new int[n + 1];
      for (int r = 0; r < count; r++) {
        int c = cols[r];
        for (int q = colPtr[c]; q < colPtr[c + 1]; q++) {
          rowPtr[rowIdx[q] + 1]++;
        }
      }
      int widest = 0;
      for (int i = 0; i < n; i++) {
        widest = Math.max(widest, rowPtr[i + 1]);
        rowPtr[i + 1] += rowPtr[i];
      }
      int nnz = rowPtr[n];
      entrySlot = new int[nnz];
      // A binary matrix's entries are all 1: no values to carry (the kernels know, see unit).
      entryVal = a.unitValues() ? null : new double[nnz];
      int[] next = Arrays.copyOf(rowPtr, n);
      for (int r = 0; r < count; r++) {
        int c = cols[r];
        if (entryVal == null) {
          for (int q = colPtr[c]; q < colPtr[c + 1]; q++) {
            entrySlot[next[rowIdx[q]]++] = r;
          }
          continue;
        }
        for (int q = colPtr[c]; q < colPtr[c + 1]; q++) {
          int at = next[rowIdx[q]]++;
          entrySlot[at] = r;
          entryVal[at] = values[q];
        }
      }
      rowPos = new int[widest];
      rowVal = new double[widest];
    }

    /** Whether the formed block already holds every slot of {@code slots[0..s)} (s ≥ 1). */
    public boolean covers(int[] slots, int s) {
      for (int r = 0; r < s; r++) {
        if (position[slots[r]] < 0) {
          return false;
        }
      }
      return s > 0;
    }

    /**
     * {@link WeightedGram#lowerTrianglePairs} of the whole working set, read off its transposed
     * rows in O(n) (counted once), or -1 while the working set has not been transposed.
     */
    public long allPairs() {
      if (rowPtr == null) {
        return -1;
      }
      if (allPairs < 0) {
        long pairs = 0;
        for (int i = 0; i < n; i++) {
          long c = rowPtr[i + 1] - rowPtr[i];
          pairs += c * (c + 1) / 2;
        }
        allPairs = pairs;
      }
      return allPairs;
    }

    /**
     * Prepares this working set for another solve: its transposition is kept, but the cost model
     * charges it again, so that the solve makes the choices a new working set would make.
     */
    public void handOver() {
      transposeCharged = false;
    }

    /** Whether this working set's columns are those of {@code m} (the same matrix object). */
    public boolean isOver(CscMatrix m) {
      return a == m;
    }

    /** Whether the working set is exactly the first {@code count} entries of {@code other}. */
    public boolean sameColumns(int[] other, int count) {
      return count == cols.length && Arrays.equals(cols, 0, count, other, 0, count);
    }

    /**
     * Forgets the formed block and takes new row weights (kept by reference: they must not
     * change until the next reset).
     *
     * @param weights row weights, each at least 0 (null for all ones)
     */
    public void reset(double[] weights) {
      for (int k = 0; k < cols.length; k++) {
        position[k] = -1;
      }
      formed = 0;
      d = weights;
      sqrtCurrent = false;
      double sum = 0.0;
      if (weights == null) {
        sum = n;
      } else {
        for (int i = 0; i < n; i++) {
          sum += weights[i];
        }
      }
      weightSum = sum;
    }

    /**
     * {@code G = scale·A_SᵀDA_S + ridge·I} (+ intercept border) on the working-set slots
     * {@code slots[0..s)} (ascending), written to {@code out} column-major with the lower triangle filled.
     *
     * @param out at least (s + intercept)² long
     */
    public void gram(int[] slots, int s, double scale, double ridge, boolean intercept, double[] out) {
      extend(slots, s);
      int size = s + (intercept ? 1 : 0);
      for (int c = 0; c < s; c++) {
        int pc = position[slots[c]];
        for (int r = c; r < s; r++) {
          int pr = position[slots[r]];
          double v = pr >= pc ? block[pr * ld + pc] : block[pc * ld + pr];
          out[c * size + r] = scale * v;
        }
        out[c * size + c] += ridge;
        if (intercept) {
          out[c * size + s] = scale * border[pc];
        }
      }
      if (intercept) {
        out[s * size + s] = scale * weightSum;
      }
    }

    /** Forms the products of the slots not yet in the block with every slot in it (and each other). */
    private void extend(int[] slots, int s) {
      int added = 0;
      for (int r = 0; r < s; r++) {
        int k = slots[r];
        if (r > 0 && k <= slots[r - 1]) {
          throw new IllegalArgumentException(
              "slots must ascend: slots[" + r + "] = " + k + " after " + slots[r - 1]);
        }
        if (position[k] < 0) {
          position[k] = formed + added;
          fresh[k] = true;
          added++;
        }
      }
      if (added == 0) {
        return;
      }
      int total = formed + added;
      if (total > ld) {
        int grown = Math.max(total, Math.min(2 * ld, cols.length));
        double[] bigger = new double[grown * grown];
        for (int r = 0; r < formed; r++) {
          System.arraycopy(block, r * ld, bigger, r * grown, r + 1);
        }
        block = bigger;
        border = Arrays.copyOf(border, grown);
        ld = grown;
      }
      if (formed == 0) {
        lastFresh = formsDense(slots, s) ? Formation.DENSE : Formation.ROWS;
      }
      if (formed == 0 && lastFresh == Formation.DENSE) {
        formDense(slots, s);
      } else {
        // Clear the new rows (a block from before a reset holds stale values).
        for (int r = formed; r < total; r++) {
          Arrays.fill(block, r * ld, r * ld + r + 1, 0.0);
        }
        Arrays.fill(border, formed, total, 0.0);
        transpose();
        if (formed == 0) {
          formRows();
        } else if (freshEntries(slots, s) <= n / 2) {
          extendByColumns(slots, s);
        } else {
          extendFormed(block, ld);
        }
      }
      for (int r = 0; r < s; r++) {
        fresh[slots[r]] = false;
      }
      formed = total;
    }

    /**
     * Whether a block on slots[0..s) formed from nothing is cheaper as a dense n × s copy and
     * dsyrk than row by row (the cost model above; the pair count is taken exactly only when its
     * bounds leave the choice open).
     */
    private boolean formsDense(int[] slots, int s) {
      if (formation != Formation.AUTO || n == 0) {
        return formation == Formation.DENSE && n > 0;
      }
      if ((double) n * s > DENSE_MAX_ENTRIES) {
        return false;
      }
      int[] colPtr = a.colPtr();
      double entries = 0.0;
      for (int r = 0; r < s; r++) {
        int c = cols[slots[r]];
        entries += colPtr[c + 1] - colPtr[c];
      }
      double workingEntries = 0.0;
      for (int c : cols) {
        workingEntries += colPtr[c + 1] - colPtr[c];
      }
      double dense = denseFormationNanos(n, s, entries);
      double rows = ROWS_PER_ENTRY * workingEntries
          + (transposeCharged ? 0.0 : TRANSPOSE_PER_ENTRY * workingEntries);
      // Σ_i c_i(c_i + 1)/2 lies between (e²/n + e)/2 (rows equally filled) and e(s + 1)/2.
      if (dense <= rows + ROWS_PER_PAIR * 0.5 * (entries * entries / n + entries)) {
        return true;
      }
      if (dense > rows + ROWS_PER_PAIR * 0.5 * entries * (s + 1)) {
        return false;
      }
      return dense <= rows + ROWS_PER_PAIR * rowPairs(slots, s);
    }

    /**
     * The modelled time of a dense formation on s columns of n rows holding {@code entries}
     * entries, in nanoseconds (infinite beyond {@link #DENSE_MAX_ENTRIES} cells).
     */
    public static double denseFormationNanos(int n, int s, double entries) {
      double cells = (double) n * s;
      if (cells > DENSE_MAX_ENTRIES) {
        return Double.POSITIVE_INFINITY;
      }
      return DENSE_PER_CELL * cells + DENSE_PER_PRODUCT * cells * (s + 1) / 2
          + TRANSPOSE_PER_ENTRY * entries;
    }

    /** {@link WeightedGram#lowerTrianglePairs} of the columns slots[0..s). */
    private double rowPairs(int[] slots, int s) {
      if (rowCount == null) {
        rowCount = new int[n];
      }
      int[] columns = new int[s];
      for (int r = 0; r < s; r++) {
        columns[r] = cols[slots[r]];
      }
      return lowerTrianglePairs(a, columns, s, rowCount);
    }

    /**
     * The block on slots[0..s) (positions 0..s-1, nothing formed) as {@code BᵀB} with B the n × s
     * copy of {@code D^{1/2} A_S}, by BLAS dsyrk into the block's lower triangle (stored row by
     * row, i.e. dsyrk's upper triangle column by column).
     */
    private void formDense(int[] slots, int s) {
      int[] colPtr = a.colPtr();
      int[] rowIdx = a.rowIdx();
      double[] values = a.values();
      if (columns.length < n * s) {
        columns = new double[n * s];
      }
      final double[] copy = columns;
      final double[] weights = d;
      if (weights != null && !sqrtCurrent) {
        // n square roots in one vectorizable loop, instead of one per entry of A_S.
        if (sqrtD == null) {
          sqrtD = new double[n];
        }
        for (int i = 0; i < n; i++) {
          sqrtD[i] = Math.sqrt(weights[i]);
        }
        sqrtCurrent = true;
      }
      final double[] roots = sqrtD;
      for (int r = 0; r < s; r++) {
        int c = cols[slots[r]];
        int off = r * n;
        double sum = 0.0;
        for (int q = colPtr[c]; q < colPtr[c + 1]; q++) {
          int i = rowIdx[q];
          if (weights == null) {
            copy[off + i] = values[q];
            sum += values[q];
          } else {
            copy[off + i] = roots[i] * values[q];
            sum += weights[i] * values[q];
          }
        }
        border[r] = sum;
      }
      BLAS_.dsyrk("U", "T", s, n, 1.0, copy, n, 0.0, block, ld);
      for (int r = 0; r < s; r++) {
        int c = cols[slots[r]];
        int off = r * n;
        for (int q = colPtr[c]; q < colPtr[c + 1]; q++) {
          copy[off + rowIdx[q]] = 0.0;
        }
      }
    }

    /** Everything fresh (a Newton step's first request), row by row. */
    private void formRows() {
      final boolean unit = a.unitValues();
      final double[] m = block;
      final int stride = ld;
      final int[] ptr = rowPtr;
      final int[] slotOf = entrySlot;
      final double[] val = entryVal;
      final int[] pos = position;
      final double[] bord = border;
      final double[] weights = d;
      final int[] rp = rowPos;
      final double[] rv = rowVal;
      // A row's entries in the block have ascending positions, so pairs (f ≤ e) land in the
      // lower triangle.
      for (int i = 0; i < n; i++) {
        int len = 0;
        double di = weights == null ? 1.0 : weights[i];
        if (unit) {
          // Every value is 1: only positions are gathered, and each pair adds d_i (the bits of
          // di * 1 * 1).
          for (int q = ptr[i]; q < ptr[i + 1]; q++) {
            int pk = pos[slotOf[q]];
            rp[len] = pk;
            len += ~pk >>> 31;
          }
          for (int e = 0; e < len; e++) {
            int at = rp[e] * stride;
            bord[rp[e]] += di;
            for (int f = 0; f <= e; f++) {
              m[at + rp[f]] += di;
            }
          }
          continue;
        }
        for (int q = ptr[i]; q < ptr[i + 1]; q++) {
          // Branch-free gather: every entry is written, and kept (len advances) only when its
          // slot is in the block. Rows mix requested and other slots in no pattern a branch
          // predictor can learn.
          int pk = pos[slotOf[q]];
          rp[len] = pk;
          rv[len] = val[q];
          len += ~pk >>> 31;
        }
        for (int e = 0; e < len; e++) {
          double ve = di * rv[e];
          int at = rp[e] * stride;
          bord[rp[e]] += ve;
          for (int f = 0; f <= e; f++) {
            m[at + rp[f]] += ve * rv[f];
          }
        }
      }
    }

    /** The entries of A in the fresh columns among slots[0..s). */
    private long freshEntries(int[] slots, int s) {
      int[] colPtr = a.colPtr();
      long entries = 0;
      for (int r = 0; r < s; r++) {
        if (fresh[slots[r]]) {
          int c = cols[slots[r]];
          entries += colPtr[c + 1] - colPtr[c];
        }
      }
      return entries;
    }

    /**
     * As {@link #extendFormed}, visiting only the rows of the fresh columns (each through its
     * column, then its transposed row): a few columns joining a wide block then cost about their
     * own entries times a row's length instead of a pass over every row of W. The same products
     * are added in the same row order, so the block is the same to the bit.
     */
    private void extendByColumns(int[] slots, int s) {
      final boolean unit = a.unitValues();
      final int[] colPtr = a.colPtr();
      final int[] rowIdx = a.rowIdx();
      final double[] values = a.values();
      final double[] m = block;
      final int stride = ld;
      final int[] ptr = rowPtr;
      final int[] slotOf = entrySlot;
      final double[] val = entryVal;
      final int[] pos = position;
      final boolean[] isFresh = fresh;
      final double[] weights = d;
      for (int r = 0; r < s; r++) {
        int k = slots[r];
        if (!isFresh[k]) {
          continue;
        }
        int pe = pos[k];
        int at = pe * stride;
        int c = cols[k];
        double bsum = border[pe];
        for (int q = colPtr[c]; q < colPtr[c + 1]; q++) {
          int i = rowIdx[q];
          double ve = (weights == null ? 1.0 : weights[i]) * values[q];
          bsum += ve;
          // Pairs with every formed position and with the fresh ones at or below pe, without a
          // branch (the row's slots are in the block or not in no learnable pattern): an entry
          // outside 0 ≤ pf ≤ pe adds a zero to this row's first cell, which leaves it as it is
          // (sums that start at +0 never become -0).
          if (unit) {
            for (int t = ptr[i]; t < ptr[i + 1]; t++) {
              int pf = pos[slotOf[t]];
              int keep = ~(pf | (pe - pf)) >>> 31;
              m[at + (pf & -keep)] += ve * keep;
            }
            continue;
          }
          for (int t = ptr[i]; t < ptr[i + 1]; t++) {
            int pf = pos[slotOf[t]];
            int keep = ~(pf | (pe - pf)) >>> 31; // 1 when 0 ≤ pf ≤ pe, else 0
            m[at + (pf & -keep)] += ve * val[t] * keep;
          }
        }
        border[pe] = bsum;
      }
    }

    /** The products of the fresh positions with the formed ones and with each other. */
    private void extendFormed(double[] m, int stride) {
      final int[] ptr = rowPtr;
      final int[] slotOf = entrySlot;
      final double[] val = entryVal;
      final int[] pos = position;
      final boolean[] isFresh = fresh;
      final double[] bord = border;
      final double[] weights = d;
      final int[] rp = rowPos;
      final double[] rv = rowVal;
      final int end = rp.length;
      for (int i = 0; i < n; i++) {
        // The row's entries in the block, split: formed ones first (positions below `formed`),
        // fresh ones from the end backwards. Both keep the row's (ascending slot) order, and fresh
        // positions ascend with the slot, so every product below lands in the lower triangle
        // without a comparison.
        int old = 0;
        int top = end;
        for (int q = ptr[i]; q < ptr[i + 1]; q++) {
          int k = slotOf[q];
          int pk = pos[k];
          if (pk >= 0) {
            double v = val == null ? 1.0 : val[q]; // null: a binary matrix
            if (isFresh[k]) {
              top--;
              rp[top] = pk;
              rv[top] = v;
            } else {
              rp[old] = pk;
              rv[old] = v;
              old++;
            }
          }
        }
        if (top == end) {
          continue;
        }
        double di = weights == null ? 1.0 : weights[i];
        // Fresh entries lie at [top, end) in descending slot order: walk them from the end.
        for (int e = end - 1; e >= top; e--) {
          int pe = rp[e];
          double ve = di * rv[e];
          bord[pe] += ve;
          int at = pe * stride; // products with pe land in one stretch of `stride` entries
          for (int f = 0; f < old; f++) {
            m[at + rp[f]] += ve * rv[f];
          }
          for (int f = end - 1; f >= e; f--) {
            m[at + rp[f]] += ve * rv[f];
          }
        }
      }
    }
  }

  /**
   * The products a row-by-row formation of {@code A_SᵀDA_S}'s lower triangle computes, Σ_i
   * c_i(c_i + 1)/2 with c_i the entries of row i in the columns {@code cols[0..count)}: rows that
   * hold many of the columns' entries (heavy-tailed data) cost far more than the uniform estimate
   * nnz(A_S)²/n. O(nnz(A_S)).
   *
   * @param rowScratch at least a.rows() long, all zero (and left so)
   */
  public static long lowerTrianglePairs(CscMatrix a, int[] cols, int count, int[] rowScratch) {
    int[] colPtr = a.colPtr();
    int[] rowIdx = a.rowIdx();
    long pairs = 0;
    for (int r = 0; r < count; r++) {
      int c = cols[r];
      for (int q = colPtr[c]; q < colPtr[c + 1]; q++) {
        pairs += ++rowScratch[rowIdx[q]]; // the row's c-th entry pairs with c entries
      }
    }
    for (int r = 0; r < count; r++) {
      int c = cols[r];
      for (int q = colPtr[c]; q < colPtr[c + 1]; q++) {
        rowScratch[rowIdx[q]] = 0;
      }
    }
    return pairs;
  }

  /**
   * Solves G q = rhs by Cholesky, overwriting g with its factor and rhs with q.
   *
   * @return false when G is not numerically positive definite (g and rhs are then garbage)
   */
  public static boolean choleskySolveInPlace(double[] g, int s, double[] rhs) {
    if (s == 0) {
      return true;
    }
    intW info = new intW(0);
    LAPACK_.dpotrf("L", s, g, s, info);
    if (info.val != 0) {
      return false;
    }
    LAPACK_.dpotrs("L", s, 1, g, s, rhs, s, info);
    return info.val == 0;
  }

  /** {@code G v} for the lower-filled G (for residual checks). */
  public static double[] multiply(double[] g, int s, double[] v) {
    double[] out = new double[s];
    for (int i = 0; i < s; i++) {
      double acc = 0.0;
      for (int j = 0; j < s; j++) {
        acc += (i >= j ? g[j * s + i] : g[i * s + j]) * v[j];
      }
      out[i] = acc;
    }
    return out;
  }
}
