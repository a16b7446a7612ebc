package org.sparsetune.spark.tune;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import org.sparsetune.data.LabeledData;
import org.sparsetune.linalg.CscMatrix;
import org.sparsetune.linalg.CsrMatrix;
import org.sparsetune.linalg.DenseMatrix;
import org.sparsetune.linalg.DesignMatrix;
import org.sparsetune.outer.BilevelObjective.FoldOutcome;
import org.sparsetune.outer.FoldContribution;
import org.sparsetune.outer.FoldProblem;
import org.sparsetune.outer.FoldState;
import org.sparsetune.solver.Loss;
import org.sparsetune.solver.LowerLevelProblem;
import org.sparsetune.tune.PackedDoubles;

/**
 * Kryo serializers of everything sparsetune ships between driver and executors: fold blocks
 * (cached serialized), trial batches (broadcast) and job results. Primitive arrays are written
 * whole (length, then the values), doubles as their exact bits; nothing relies on reflection, so
 * {@code spark.kryo.registrationRequired=true} holds.
 */
public final class KryoCodecs {
  private KryoCodecs() {}

  /** Registers the serializers (called by {@link org.sparsetune.spark.SparsetuneKryoRegistrator}). */
  public static void register(Kryo kryo) {
    kryo.register(FoldBlock.class, new FoldBlockSerializer());
    kryo.register(TrialBatch.class, new TrialBatchSerializer());
    kryo.register(TuneData.class, new TuneDataSerializer());
    kryo.register(BlockResults.class, new BlockResultsSerializer());
    DesignMatrixSerializer matrices = new DesignMatrixSerializer();
    kryo.register(CscMatrix.class, matrices);
    kryo.register(CsrMatrix.class, matrices);
    kryo.register(DenseMatrix.class, matrices);
    kryo.register(double[].class);
    kryo.register(double[][].class);
    kryo.register(int[].class);
    kryo.register(Object[].class);
    kryo.register(FoldBlock[].class);
    kryo.register(BlockResults[].class);
  }

  static final class FoldBlockSerializer extends Serializer<FoldBlock> {
    @Override
    public void write(Kryo kryo, Output out, FoldBlock b) {
      out.writeLong(b.seed());
      out.writeInt(b.fold());
      LowerLevelProblem t = b.problem().train();
      writeMatrix(out, t.design());
      writeDoubles(out, t.labels());
      out.writeInt(t.loss().ordinal());
      out.writeDouble(t.l2());
      out.writeBoolean(t.fitIntercept());
      writeMatrix(out, b.problem().validationDesign());
      writeDoubles(out, b.problem().validationLabels());
      out.writeBoolean(b.problem().hasGuard());
      if (b.problem().hasGuard()) {
        writeMatrix(out, b.problem().guardDesign());
        writeDoubles(out, b.problem().guardLabels());
      }
    }

    @Override
    public FoldBlock read(Kryo kryo, Input in, Class<FoldBlock> type) {
      long seed = in.readLong();
      int fold = in.readInt();
      DesignMatrix a = readMatrix(in);
      double[] b = readDoubles(in);
      Loss loss = Loss.values()[in.readInt()];
      double l2 = in.readDouble();
      boolean intercept = in.readBoolean();
      DesignMatrix va = readMatrix(in);
      double[] vb = readDoubles(in);
      DesignMatrix ga = null;
      double[] gb = null;
      if (in.readBoolean()) {
        ga = readMatrix(in);
        gb = readDoubles(in);
      }
      LowerLevelProblem train =
          new LowerLevelProblem(a, b, loss, l2, new double[a.cols()], intercept);
      return new FoldBlock(seed, fold, new FoldProblem(train, va, vb, ga, gb));
    }
  }

  /**
   * A design matrix shipped on its own (fold blocks and broadcast rows write theirs inline, in
   * the same format): a kind byte (1 CSC, 2 dense, 3 CSR), the shape, then the arrays.
   */
  static final class DesignMatrixSerializer extends Serializer<DesignMatrix> {
    @Override
    public void write(Kryo kryo, Output out, DesignMatrix a) {
      writeMatrix(out, a);
    }

    @Override
    public DesignMatrix read(Kryo kryo, Input in, Class<DesignMatrix> type) {
      DesignMatrix a = readMatrix(in);
      if (!type.isInstance(a)) {
        throw new IllegalStateException("expected a " + type.getSimpleName() + ", read a "
            + a.getClass().getSimpleName());
      }
      return a;
    }
  }

  static final class TuneDataSerializer extends Serializer<TuneData> {
    @Override
    public void write(Kryo kryo, Output out, TuneData d) {
      writeData(out, d.data());
      out.writeBoolean(d.validation() != null);
      if (d.validation() != null) {
        writeData(out, d.validation());
      }
    }

    @Override
    public TuneData read(Kryo kryo, Input in, Class<TuneData> type) {
      LabeledData data = readData(in);
      return new TuneData(data, in.readBoolean() ? readData(in) : null);
    }

    private static void writeData(Output out, LabeledData d) {
      out.writeString(d.source());
      writeMatrix(out, d.features());
      writeDoubles(out, d.labels());
    }

    private static LabeledData readData(Input in) {
      String source = in.readString();
      return new LabeledData(source, readMatrix(in), readDoubles(in));
    }
  }

  static final class TrialBatchSerializer extends Serializer<TrialBatch> {
    @Override
    public void write(Kryo kryo, Output out, TrialBatch t) {
      out.writeString(t.run());
      out.writeLong(t.seed());
      out.writeLong(t.job());
      out.writeInt(t.points().length);
      for (double[] x : t.points()) {
        writeDoubles(out, x);
      }
      out.writeBoolean(t.withGradient());
      out.writeInt(t.anchors().length);
      for (FoldState s : t.anchors()) {
        writeState(out, s);
      }
      out.writeBoolean(t.failFirstAttempt());
    }

    @Override
    public TrialBatch read(Kryo kryo, Input in, Class<TrialBatch> type) {
      String run = in.readString();
      long seed = in.readLong();
      long job = in.readLong();
      double[][] points = new double[in.readInt()][];
      for (int i = 0; i < points.length; i++) {
        points[i] = readDoubles(in);
      }
      boolean withGradient = in.readBoolean();
      FoldState[] anchors = new FoldState[in.readInt()];
      for (int f = 0; f < anchors.length; f++) {
        anchors[f] = readState(in);
      }
      return new TrialBatch(run, seed, job, points, withGradient, anchors, in.readBoolean());
    }
  }

  static final class BlockResultsSerializer extends Serializer<BlockResults> {
    @Override
    public void write(Kryo kryo, Output out, BlockResults r) {
      out.writeInt(r.folds());
      out.writeInt(r.points());
      out.writeLong(r.computeNanosSum());
      out.writeLong(r.computeNanosMax());
      for (FoldOutcome o : r.slots()) {
        out.writeBoolean(o != null);
        if (o != null) {
          writeOutcome(out, o);
        }
      }
    }

    @Override
    public BlockResults read(Kryo kryo, Input in, Class<BlockResults> type) {
      int folds = in.readInt();
      int points = in.readInt();
      long sum = in.readLong();
      long max = in.readLong();
      FoldOutcome[] slots = new FoldOutcome[folds * points];
      for (int i = 0; i < slots.length; i++) {
        if (in.readBoolean()) {
          slots[i] = readOutcome(in);
        }
      }
      return new BlockResults(folds, points, slots, sum, max);
    }
  }

  private static void writeOutcome(Output out, FoldOutcome o) {
    FoldContribution c = o.contribution();
    out.writeDouble(c.value());
    writeDoubles(out, c.gradient());
    writeDoubles(out, c.trainGradient());
    writeDoubles(out, c.validationGradient());
    out.writeInt(c.support());
    out.writeInt(c.biactive());
    out.writeInt(c.selectedBiactive());
    out.writeInt(c.pruningRounds());
    out.writeDouble(c.guardValue());
    out.writeDouble(c.guardMeanVariance());
    out.writeDouble(c.heldOutValue());
    writeState(out, o.state());
    out.writeBoolean(o.converged());
  }

  private static FoldOutcome readOutcome(Input in) {
    FoldContribution c = new FoldContribution(in.readDouble(), readDoubles(in), readDoubles(in),
        readDoubles(in), in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readDouble(),
        in.readDouble(), in.readDouble());
    FoldState s = readState(in);
    return new FoldOutcome(c, s, in.readBoolean());
  }

  private static void writeState(Output out, FoldState s) {
    out.writeInt(s.cols());
    writeInts(out, s.coefficientIndex());
    writeDoubles(out, s.coefficientValue());
    out.writeDouble(s.intercept());
    out.writeInt(s.adjointLength());
    writeInts(out, s.adjointIndex());
    writeDoubles(out, s.adjointValue());
  }

  private static FoldState readState(Input in) {
    return new FoldState(in.readInt(), readInts(in), readDoubles(in), in.readDouble(),
        in.readInt(), readInts(in), readDoubles(in));
  }

  private static void writeMatrix(Output out, DesignMatrix a) {
    if (a instanceof CscMatrix c) {
      out.writeByte(1);
      out.writeInt(c.rows());
      out.writeInt(c.cols());
      writeInts(out, c.colPtr());
      writeInts(out, c.rowIdx());
      writeDoubles(out, c.values());
    } else if (a instanceof CsrMatrix r) {
      out.writeByte(3);
      out.writeInt(r.rows());
      out.writeInt(r.cols());
      writeInts(out, r.rowPtr());
      writeInts(out, r.colIdx());
      writeDoubles(out, r.values());
    } else if (a instanceof DenseMatrix d) {
      out.writeByte(2);
      out.writeInt(d.rows());
      out.writeInt(d.cols());
      writeDoubles(out, d.data());
    } else {
      throw new IllegalArgumentException("cannot ship a " + a.getClass().getName());
    }
  }

  private static DesignMatrix readMatrix(Input in) {
    byte kind = in.readByte();
    int rows = in.readInt();
    int cols = in.readInt();
    return switch (kind) {
      case 1 -> CscMatrix.of(rows, cols, readInts(in), readInts(in), readDoubles(in));
      case 2 -> DenseMatrix.ofColumnMajor(rows, cols, readDoubles(in));
      case 3 -> CsrMatrix.of(rows, cols, readInts(in), readInts(in), readDoubles(in));
      default -> throw new IllegalStateException("unknown matrix kind " + kind);
    };
  }

  /**
   * A vector, dense or — when at most a third of its entries differ from one fill value — as
   * {@link PackedDoubles}: subgradients (zero off the support and its band) and trial points
   * (equal to their start off the coordinates the outer loop moved) travel as a few entries.
   */
  private static void writeDoubles(Output out, double[] v) {
    if (v == null) {
      out.writeInt(-1);
      return;
    }
    out.writeInt(v.length);
    PackedDoubles p = PackedDoubles.pack(v);
    if (p == null) {
      out.writeByte(0);
      out.writeDoubles(v);
      return;
    }
    out.writeByte(1);
    out.writeDouble(p.fill());
    out.writeInt(p.index().length);
    out.writeInts(p.index());
    out.writeDoubles(p.value());
  }

  private static double[] readDoubles(Input in) {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    if (in.readByte() == 0) {
      return in.readDoubles(n);
    }
    double fill = in.readDouble();
    int k = in.readInt();
    return new PackedDoubles(n, fill, in.readInts(k), in.readDoubles(k)).unpack();
  }

  private static void writeInts(Output out, int[] v) {
    if (v == null) {
      out.writeInt(-1);
      return;
    }
    out.writeInt(v.length);
    out.writeInts(v);
  }

  private static int[] readInts(Input in) {
    int n = in.readInt();
    return n < 0 ? null : in.readInts(n);
  }
}
