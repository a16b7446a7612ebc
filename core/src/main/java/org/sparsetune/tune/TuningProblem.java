package org.sparsetune.tune;

import java.util.ArrayList;
import java.util.List;
import org.sparsetune.data.Fold;
import org.sparsetune.data.LabeledData;
import org.sparsetune.data.Split;
import org.sparsetune.data.Splits;
import org.sparsetune.data.Standardizer;
import org.sparsetune.linalg.CsrMatrix;
import org.sparsetune.linalg.DesignMatrix;
import org.sparsetune.outer.FoldProblem;
import org.sparsetune.solver.Loss;
import org.sparsetune.solver.LowerLevelProblem;

/**
 * The bilevel problem of one seed of a tuning run, as DESIGN.md "Data flow" cuts it: the fold
 * blocks the upper level averages over, the rows the reported model is refitted on, and the
 * held-out test rows. Built the same way by the Spark job (which ships the folds to executors)
 * and by the in-process reference the Spark tests compare against.
 *
 * <p>Rows: one data file is split by the seed 60/20/20 (stratified for the logistic loss); with
 * K ≥ 2 folds the train+validation rows are dealt to K folds and the upper level is the K-fold
 * mean. With separate validation (and test) files nothing is split: the seed only seeds the
 * random searches. Dense features are standardized with the statistics of each block's training
 * rows; sparse features are left as they are. A block's sparse training rows are CSC (the
 * coordinate descent walks columns), its sparse validation rows CSR (only multiplied, and n_val + 1
 * row pointers instead of p + 1 column pointers). The ridge stabilizer defaults to 1/n_train of
 * each block.
 *
 * @param seed the seed
 * @param folds the fold blocks, fold f at position f
 * @param refit the rows the final model is fitted on (train, or train+validation with K folds)
 * @param test the test rows (standardized like {@code refit}); may have no rows
 * @param refitL2 the ridge stabilizer of the refit
 */
public record TuningProblem(
    long seed, List<FoldProblem> folds, LabeledData refit, LabeledData test, double refitL2) {

  /**
   * How the blocks are cut.
   *
   * @param loss the lower-level loss
   * @param folds 1 for a single train/validation split, K ≥ 2 for K folds
   * @param l2 the ridge stabilizer, or NaN for 1/n_train of each block
   * @param fitIntercept fit an unpenalized intercept
   * @param guardFraction the fraction of each block's validation rows set aside as guard rows
   *     ({@link FoldProblem}; stratified for the logistic loss, seeded by seed and fold), 0 for
   *     none; {@code auto} uses them (docs/auto.md)
   */
  public record Layout(Loss loss, int folds, double l2, boolean fitIntercept, double guardFraction)
      implements java.io.Serializable {
    /** A layout without guard rows. */
    public Layout(Loss loss, int folds, double l2, boolean fitIntercept) {
      this(loss, folds, l2, fitIntercept, 0.0);
    }

    /** The same layout with another guard fraction. */
    public Layout withGuardFraction(double g) {
      return new Layout(loss, folds, l2, fitIntercept, g);
    }

    /** Validates. */
    public Layout {
      if (loss == null) {
        throw new IllegalArgumentException("loss must not be null");
      }
      if (folds < 1) {
        throw new IllegalArgumentException("--folds must be at least 1, got " + folds);
      }
      if (!Double.isNaN(l2) && !(l2 >= 0.0 && Double.isFinite(l2))) {
        throw new IllegalArgumentException("--l2 must be finite and at least 0, got " + l2);
      }
      if (!(guardFraction >= 0.0 && guardFraction < 1.0)) {
        throw new IllegalArgumentException(
            "--auto-guard must be in [0, 1), got " + guardFraction);
      }
    }
  }

  /** Cuts one data set by seed (see the class comment). */
  public static TuningProblem fromOneFile(LabeledData data, Layout layout, long seed) {
    Split split = split(data, layout, seed);
    LabeledData test = data.selectRows(split.test());
    if (layout.folds() == 1) {
      return fromParts(data.selectRows(split.train()), data.selectRows(split.validation()), test,
          layout, seed);
    }
    List<Fold> folds = folds(data, layout, split, seed);
    List<FoldProblem> blocks = new ArrayList<>(folds.size());
    for (Fold f : folds) {
      blocks.add(block(data.selectRows(f.train()), data.selectRows(f.validation()), layout, seed,
          blocks.size()));
    }
    LabeledData refit = data.selectRows(split.trainAndValidation());
    Standardizer s = Standardizer.fit(refit.features());
    return new TuningProblem(seed, List.copyOf(blocks), s.apply(refit), s.apply(test),
        l2(layout, refit.rows()));
  }

  /**
   * Fold block {@code fold} of {@link #fromOneFile} (or the single block of {@link #fromParts}
   * when {@code validation} is not null), built alone: what a Spark executor builds from the
   * broadcast data, bit for bit the block the whole problem holds.
   */
  public static FoldProblem foldBlock(
      LabeledData data, LabeledData validation, Layout layout, long seed, int fold) {
    if (validation != null) {
      return block(data, validation, layout, seed, 0);
    }
    Split split = split(data, layout, seed);
    if (layout.folds() == 1) {
      return block(data.selectRows(split.train()), data.selectRows(split.validation()), layout,
          seed, 0);
    }
    Fold f = folds(data, layout, split, seed).get(fold);
    return block(data.selectRows(f.train()), data.selectRows(f.validation()), layout, seed, fold);
  }

  private static Split split(LabeledData data, Layout layout, long seed) {
    Split split = layout.loss() == Loss.LOGISTIC
        ? Splits.splitStratified(data.labels(), Splits.Fractions.DEFAULT, seed)
        : Splits.split(data.rows(), seed);
    if (split.train().length == 0 || split.validation().length == 0) {
      throw new IllegalArgumentException(data.source() + " has " + data.rows()
          + " rows: too few for a train/validation/test split");
    }
    return split;
  }

  private static List<Fold> folds(LabeledData data, Layout layout, Split split, long seed) {
    int[] pool = split.trainAndValidation();
    return layout.loss() == Loss.LOGISTIC
        ? Splits.kFoldStratified(pool, data.labels(), layout.folds(), seed)
        : Splits.kFold(pool, layout.folds(), seed);
  }

  /**
   * Separate training, validation and (possibly empty) test rows: one block, the same for every
   * seed. K-fold layouts need one file.
   */
  public static TuningProblem fromParts(
      LabeledData train, LabeledData validation, LabeledData test, Layout layout, long seed) {
    if (layout.folds() != 1) {
      throw new IllegalArgumentException(
          "--folds needs one data file to deal into folds, not separate --val/--test files");
    }
    Standardizer s = Standardizer.fit(train.features());
    FoldProblem block = block(train, validation, layout, seed, 0);
    return new TuningProblem(seed, List.of(block), s.apply(train), s.apply(test),
        l2(layout, train.rows()));
  }

  private static FoldProblem block(
      LabeledData train, LabeledData validation, Layout layout, long seed, int fold) {
    if (train.rows() == 0 || validation.rows() == 0) {
      throw new IllegalArgumentException("a fold has no training or no validation rows");
    }
    Standardizer s = Standardizer.fit(train.features());
    LabeledData tr = s.apply(train);
    LabeledData va = s.apply(validation);
    double[] zero = new double[tr.cols()];
    LowerLevelProblem problem = new LowerLevelProblem(tr.features(), tr.labels(), layout.loss(),
        l2(layout, tr.rows()), zero, layout.fitIntercept());
    if (layout.guardFraction() == 0.0) {
      return new FoldProblem(problem, validationStorage(va.features()), va.labels());
    }
    Splits.Fractions parts = new Splits.Fractions(
        1.0 - layout.guardFraction(), layout.guardFraction(), 0.0);
    long guardSeed = seed * GUARD_SEED_MIX + fold + 1;
    Split g = layout.loss() == Loss.LOGISTIC
        ? Splits.splitStratified(va.labels(), parts, guardSeed)
        : Splits.split(va.rows(), parts, guardSeed);
    if (g.train().length == 0 || g.validation().length == 0) {
      throw new IllegalArgumentException("a fold has " + va.rows() + " validation rows: too few"
          + " to set aside " + layout.guardFraction() + " of them as guard rows (--auto-guard)");
    }
    LabeledData fit = va.selectRows(g.train());
    LabeledData guard = va.selectRows(g.validation());
    return new FoldProblem(problem, validationStorage(fit.features()), fit.labels(),
        validationStorage(guard.features()), guard.labels());
  }

  /**
   * Held-out rows as the block keeps them: sparse rows row-major ({@link CsrMatrix}), dense rows
   * as they are. The upper level only multiplies them, which CSR does in one pass with the CSC
   * results' bits, and CSR costs n_val + 1 row pointers where CSC would cost p + 1 column pointers
   * — on text data (a few thousand held-out rows, millions of features) that takes a news20 block
   * from 14.19 to 13.11 bytes per nonzero ({@link FoldProblem#bytesPerNonzero}).
   */
  static DesignMatrix validationStorage(DesignMatrix a) {
    return a.isSparse() ? CsrMatrix.copyOf(a) : a;
  }

  /** Decorrelates the guard rows' shuffle from the split's (same seed). */
  private static final long GUARD_SEED_MIX = 0x9E3779B97F4A7C15L;

  private static double l2(Layout layout, int rows) {
    return Double.isNaN(layout.l2()) ? 1.0 / rows : layout.l2();
  }

  /** The number of features p. */
  public int cols() {
    return folds.get(0).train().cols();
  }

  /** The refit problem at penalties w. */
  public LowerLevelProblem refitProblem(double[] w) {
    LowerLevelProblem f0 = folds.get(0).train();
    return new LowerLevelProblem(refit.features(), refit.labels(), f0.loss(), refitL2, w,
        f0.fitIntercept());
  }
}
