package org.sparsetune.outer.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SearchSpaceTest {

  private static String rejection(double[] lower, double[] upper) {
    return assertThrows(IllegalArgumentException.class, () -> SearchSpace.of(lower, upper))
        .getMessage();
  }

  @Test
  void rejectsBadBoxesNamingTheDimension() {
    String nan = rejection(new double[] {0, Double.NaN}, new double[] {1, 1});
    assertTrue(nan.startsWith("dimension 1: bounds must be finite"), nan);
    String inf = rejection(new double[] {0, 0}, new double[] {Double.POSITIVE_INFINITY, 1});
    assertTrue(inf.startsWith("dimension 0: bounds must be finite"), inf);
    String order = rejection(new double[] {0, 0, 3}, new double[] {1, 1, 2});
    assertTrue(order.startsWith("dimension 2: lower bound 3.0 must be below upper bound 2.0"),
        order);
    String empty = rejection(new double[] {0, 5}, new double[] {1, 5});
    assertTrue(empty.startsWith("dimension 1: lower bound 5.0"), empty);
    String overflow = rejection(new double[] {-Double.MAX_VALUE}, new double[] {Double.MAX_VALUE});
    assertTrue(overflow.contains("overflows"), overflow);
    String lengths = rejection(new double[] {0, 0}, new double[] {1});
    assertTrue(lengths.contains("lower has 2 bounds but upper has 1"), lengths);
    assertTrue(rejection(new double[0], new double[0]).contains("at least one dimension"));
    assertThrows(IllegalArgumentException.class, () -> SearchSpace.cube(0, 0, 1));
  }

  @Test
  void describesTheBoxAndCopiesTheBounds() {
    double[] lower = {-5.0, 0.0};
    double[] upper = {10.0, 15.0};
    SearchSpace box = SearchSpace.of(lower, upper);
    lower[0] = 100.0; // later changes to the caller's arrays do not reach the box
    assertEquals(2, box.dimension());
    assertEquals(-5.0, box.lower(0));
    assertEquals(15.0, box.upper(1));
    assertEquals(15.0, box.width(0));
    assertArrayEquals(new double[] {-5.0, 0.0}, box.lowerBounds());
    box.upperBounds()[0] = 0.0;
    assertEquals(10.0, box.upper(0));
    assertEquals(TestObjectives.BRANIN_BOX, box);
    assertEquals(TestObjectives.BRANIN_BOX.hashCode(), box.hashCode());
    assertEquals(SearchSpace.of(new double[] {-1, -1, -1}, new double[] {2, 2, 2}),
        SearchSpace.cube(3, -1, 2));
  }

  @Test
  void containsIsTheClosedBox() {
    SearchSpace box = TestObjectives.BRANIN_BOX;
    assertTrue(box.contains(new double[] {-5.0, 15.0}));
    assertTrue(box.contains(new double[] {0.0, 7.0}));
    assertFalse(box.contains(new double[] {Math.nextDown(-5.0), 7.0}));
    assertFalse(box.contains(new double[] {0.0, Double.NaN}));
    assertFalse(box.contains(new double[] {0.0}));
    assertFalse(box.contains(null));
  }
}
