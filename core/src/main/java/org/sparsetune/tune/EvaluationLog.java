package org.sparsetune.tune;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.sparsetune.outer.Evaluation;
import org.sparsetune.outer.FoldState;
import org.sparsetune.outer.IterationRecord;

/**
 * The checkpoint of one outer iteration: the iteration's record and every evaluation the outer
 * loop made during it, bit for bit (doubles as their IEEE bits, fold states sparse). Replaying
 * these evaluations in order through {@link ReplayingObjective} brings a deterministic outer loop
 * — its iterate, radius, best point, random-number state — exactly to where it was, which is how
 * an interrupted run resumes with the result an uninterrupted run gives.
 *
 * <p>Format (big-endian, {@link DataOutputStream}): magic {@code SPTCKPT3}, the run's fingerprint
 * (UTF), the iteration record, the evaluation count, the evaluations (each with its guard and
 * held-out values; its p-vectors dense or as {@link PackedDoubles}, whichever is smaller by a
 * third). {@code SPTCKPT2} (dense vectors) and {@code SPTCKPT1} (no guard values) checkpoints are
 * still read.
 *
 * @param fingerprint identifies the command that wrote it (data, options, seed)
 * @param record the iteration's trajectory row
 * @param evaluations the evaluations made during the iteration, in order
 */
public record EvaluationLog(String fingerprint, IterationRecord record, List<Evaluation> evaluations) {
  private static final long MAGIC = 0x535054434b505433L; // "SPTCKPT3"
  private static final long MAGIC_V2 = 0x535054434b505432L; // "SPTCKPT2": vectors dense
  private static final long MAGIC_V1 = 0x535054434b505431L; // "SPTCKPT1": no guard values

  /** Writes this checkpoint to {@code out} (not closed). */
  public void write(OutputStream out) throws IOException {
    DataOutputStream d = new DataOutputStream(out);
    d.writeLong(MAGIC);
    d.writeUTF(fingerprint);
    writeRecord(d, record);
    d.writeInt(evaluations.size());
    for (Evaluation e : evaluations) {
      writeEvaluation(d, e);
    }
    d.flush();
  }

  /**
   * Reads a checkpoint written by {@link #write}.
   *
   * @throws IOException when the stream is not a complete checkpoint
   */
  public static EvaluationLog read(InputStream in) throws IOException {
    DataInputStream d = new DataInputStream(in);
    try {
      long magic = d.readLong();
      if (magic != MAGIC && magic != MAGIC_V2 && magic != MAGIC_V1) {
        throw new IOException("not a sparsetune checkpoint (bad magic number)");
      }
      int version = magic == MAGIC ? 3 : magic == MAGIC_V2 ? 2 : 1;
      String fingerprint = d.readUTF();
      IterationRecord record = readRecord(d);
      int n = d.readInt();
      if (n < 0) {
        throw new IOException("corrupt checkpoint: " + n + " evaluations");
      }
      List<Evaluation> evaluations = new ArrayList<>(Math.min(n, 1024));
      for (int i = 0; i < n; i++) {
        evaluations.add(readEvaluation(d, version));
      }
      return new EvaluationLog(fingerprint, record, List.copyOf(evaluations));
    } catch (EOFException e) {
      throw new IOException("truncated checkpoint", e);
    }
  }

  private static void writeRecord(DataOutputStream d, IterationRecord r) throws IOException {
    d.writeInt(r.iteration());
    d.writeUTF(r.phase());
    d.writeDouble(r.value());
    d.writeDouble(r.bestValue());
    d.writeDouble(r.gradientNorm());
    d.writeDouble(r.radius());
    d.writeDouble(r.stepNorm());
    d.writeDouble(r.rho());
    d.writeBoolean(r.accepted());
    d.writeInt(r.support());
    d.writeInt(r.biactive());
    d.writeInt(r.evaluations());
    d.writeDouble(r.seconds());
  }

  private static IterationRecord readRecord(DataInputStream d) throws IOException {
    return new IterationRecord(d.readInt(), d.readUTF(), d.readDouble(), d.readDouble(),
        d.readDouble(), d.readDouble(), d.readDouble(), d.readDouble(), d.readBoolean(),
        d.readInt(), d.readInt(), d.readInt(), d.readDouble());
  }

  private static void writeEvaluation(DataOutputStream d, Evaluation e) throws IOException {
    if (!(e.solutions() instanceof FoldState[] states)) {
      throw new IllegalArgumentException("only evaluations carrying fold states can be logged");
    }
    writeVector(d, e.x());
    d.writeDouble(e.value());
    writeVector(d, e.gradient());
    d.writeInt(e.support());
    d.writeInt(e.biactive());
    d.writeInt(e.selectedBiactive());
    d.writeInt(e.pruningRounds());
    writeVector(d, e.trainGradient());
    writeVector(d, e.validationGradient());
    d.writeDouble(e.seconds());
    d.writeDouble(e.guardValue());
    d.writeDouble(e.guardStandardError());
    d.writeDouble(e.heldOutValue());
    d.writeInt(states.length);
    for (FoldState s : states) {
      writeState(d, s);
    }
  }

  private static Evaluation readEvaluation(DataInputStream d, int version)
      throws IOException {
    boolean guarded = version >= 2;
    boolean packed = version >= 3;
    double[] x = readVector(d, packed);
    double value = d.readDouble();
    double[] gradient = readVector(d, packed);
    int support = d.readInt();
    int biactive = d.readInt();
    int selected = d.readInt();
    int rounds = d.readInt();
    double[] trainGradient = readVector(d, packed);
    double[] validationGradient = readVector(d, packed);
    double seconds = d.readDouble();
    double guard = guarded ? d.readDouble() : Double.NaN;
    double guardSe = guarded ? d.readDouble() : Double.NaN;
    double heldOut = guarded ? d.readDouble() : value;
    int k = d.readInt();
    if (k < 1) {
      throw new IOException("corrupt checkpoint: " + k + " folds");
    }
    FoldState[] states = new FoldState[k];
    for (int f = 0; f < k; f++) {
      states[f] = readState(d);
    }
    return new Evaluation(x, value, gradient, support, biactive, selected, rounds, trainGradient,
        validationGradient, seconds, states, guard, guardSe, heldOut);
  }

  /** Writes a fold state (also used by the Spark serializers). */
  public static void writeState(DataOutputStream d, FoldState s) throws IOException {
    d.writeInt(s.cols());
    writeInts(d, s.coefficientIndex());
    writeDoubles(d, s.coefficientValue());
    d.writeDouble(s.intercept());
    d.writeInt(s.adjointLength());
    writeInts(d, s.adjointIndex());
    writeDoubles(d, s.adjointValue());
  }

  /** Reads a fold state written by {@link #writeState}. */
  public static FoldState readState(DataInputStream d) throws IOException {
    int cols = d.readInt();
    int[] ci = readInts(d);
    double[] cv = readDoubles(d);
    double intercept = d.readDouble();
    int adjointLength = d.readInt();
    int[] ai = readInts(d);
    double[] av = readDoubles(d);
    try {
      return new FoldState(cols, ci, cv, intercept, adjointLength, ai, av);
    } catch (IllegalArgumentException e) {
      throw new IOException("corrupt checkpoint: " + e.getMessage(), e);
    }
  }

  /** A p-vector of an evaluation: dense (mode 0) or as {@link PackedDoubles} (mode 1). */
  private static void writeVector(DataOutputStream d, double[] v) throws IOException {
    if (v == null) {
      d.writeInt(-1);
      return;
    }
    PackedDoubles p = PackedDoubles.pack(v);
    d.writeInt(v.length);
    d.writeByte(p == null ? 0 : 1);
    if (p == null) {
      writeBits(d, v);
      return;
    }
    d.writeLong(Double.doubleToRawLongBits(p.fill()));
    writeInts(d, p.index());
    writeBits(d, p.value());
  }

  /** A p-vector as {@link #writeVector} wrote it, or dense as before {@code SPTCKPT3}. */
  private static double[] readVector(DataInputStream d, boolean packed) throws IOException {
    if (!packed) {
      return readDoubles(d);
    }
    int n = readLength(d);
    if (n == -1) {
      return null;
    }
    int mode = d.readByte();
    if (mode == 0) {
      return readBits(d, n);
    }
    if (mode != 1) {
      throw new IOException("corrupt checkpoint: vector mode " + mode);
    }
    double fill = Double.longBitsToDouble(d.readLong());
    int[] index = readInts(d);
    if (index == null) {
      throw new IOException("corrupt checkpoint: packed vector without positions");
    }
    try {
      return new PackedDoubles(n, fill, index, readBits(d, index.length)).unpack();
    } catch (IllegalArgumentException e) {
      throw new IOException("corrupt checkpoint: " + e.getMessage(), e);
    }
  }

  private static void writeDoubles(DataOutputStream d, double[] v) throws IOException {
    if (v == null) {
      d.writeInt(-1);
      return;
    }
    d.writeInt(v.length);
    writeBits(d, v);
  }

  private static double[] readDoubles(DataInputStream d) throws IOException {
    int n = readLength(d);
    return n == -1 ? null : readBits(d, n);
  }

  /** An array length, or -1 for null. */
  private static int readLength(DataInputStream d) throws IOException {
    int n = d.readInt();
    if (n < -1) {
      throw new IOException("corrupt checkpoint: array length " + n);
    }
    return n;
  }

  private static void writeBits(DataOutputStream d, double[] v) throws IOException {
    for (double x : v) {
      d.writeLong(Double.doubleToRawLongBits(x));
    }
  }

  private static double[] readBits(DataInputStream d, int n) throws IOException {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = Double.longBitsToDouble(d.readLong());
    }
    return v;
  }

  private static void writeInts(DataOutputStream d, int[] v) throws IOException {
    if (v == null) {
      d.writeInt(-1);
      return;
    }
    d.writeInt(v.length);
    for (int x : v) {
      d.writeInt(x);
    }
  }

  private static int[] readInts(DataInputStream d) throws IOException {
    int n = readLength(d);
    if (n == -1) {
      return null;
    }
    int[] v = new int[n];
    for (int i = 0; i < n; i++) {
      v[i] = d.readInt();
    }
    return v;
  }
}
