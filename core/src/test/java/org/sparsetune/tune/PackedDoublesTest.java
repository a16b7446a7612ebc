package org.sparsetune.tune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link PackedDoubles}: lossless to the bit, packed only when that is much smaller. */
class PackedDoublesTest {
  private static void assertSameBits(double[] expected, double[] actual) {
    assertEquals(expected.length, actual.length);
    for (int j = 0; j < expected.length; j++) {
      assertEquals(Double.doubleToRawLongBits(expected[j]), Double.doubleToRawLongBits(actual[j]),
          "entry " + j);
    }
  }

  @Test
  void aSubgradientPacksAroundZeroAndComesBackBitForBit() {
    double[] g = new double[1000];
    g[3] = -0.0; // differs from +0.0 in its bits: must survive
    g[17] = 2.5;
    g[999] = Double.longBitsToDouble(0x7ff8000000000123L); // a NaN with a payload
    PackedDoubles p = PackedDoubles.pack(g);
    assertNotNull(p);
    assertEquals(0L, Double.doubleToRawLongBits(p.fill()));
    assertArrayEquals(new int[] {3, 17, 999}, p.index());
    assertSameBits(g, p.unpack());
  }

  @Test
  void aLogPenaltyVectorPacksAroundItsStartingValue() {
    double[] x = new double[600];
    Arrays.fill(x, Math.log(0.05));
    x[0] = -1.0; // the first coordinate moved: the fill is found in the middle
    x[400] = -7.25;
    PackedDoubles p = PackedDoubles.pack(x);
    assertNotNull(p);
    assertEquals(Math.log(0.05), p.fill(), 0.0);
    assertArrayEquals(new int[] {0, 400}, p.index());
    assertSameBits(x, p.unpack());
  }

  @Test
  void denseOrShortVectorsStayAsTheyAre() {
    SplittableRandom rng = new SplittableRandom(3);
    double[] dense = new double[300];
    for (int j = 0; j < dense.length; j++) {
      dense[j] = j % 3 == 0 ? 0.0 : rng.nextDouble();
    }
    assertNull(PackedDoubles.pack(dense), "two thirds differ from every candidate fill");
    assertNull(PackedDoubles.pack(new double[8]), "too short to bother");
    dense[1] = 0.0; // now more than two thirds equal the fill
    for (int j = 2; j < dense.length; j += 3) {
      dense[j] = 0.0;
    }
    assertSameBits(dense, PackedDoubles.pack(dense).unpack());
  }

  @Test
  void inconsistentPartsAreRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> new PackedDoubles(4, 0.0, new int[] {2, 1}, new double[] {1, 2}));
    assertThrows(IllegalArgumentException.class,
        () -> new PackedDoubles(4, 0.0, new int[] {4}, new double[] {1}));
    assertThrows(IllegalArgumentException.class,
        () -> new PackedDoubles(4, 0.0, new int[] {1}, new double[] {1, 2}));
  }
}
