package org.sparsetune.outer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparsetune.solver.SolverResult;
import org.sparsetune.solver.Termination;
import org.sparsetune.solver.WarmStart;

/** Fold states store solutions and adjoints sparsely and give back the exact arrays. */
class FoldStateTest {

  @Test
  void storesExactlyTheNonPositiveZeroEntries() {
    double[] y = {0.0, -0.0, 3.0, 0.0, -1e-320};
    double[] q = {0.5, 0.0, 0.0, -0.0};
    SolverResult sol = new SolverResult(y, -0.5, Termination.CONVERGED, 3, 1, 0.0, 1.0, 10L);
    FoldState s = FoldState.of(sol, q);
    assertEquals(3, s.storedCoefficients());
    assertArrayEquals(new int[] {1, 2, 4}, s.coefficientIndex());
    WarmStart w = s.warmStart();
    for (int j = 0; j < y.length; j++) {
      assertEquals(Double.doubleToRawLongBits(y[j]), Double.doubleToRawLongBits(w.coefficients()[j]));
    }
    assertEquals(-0.5, w.intercept(), 0.0);
    assertArrayEquals(new int[] {1, 2, 4}, w.stored(), "the solver reads only the stored entries");
    double[] back = s.adjoint();
    for (int j = 0; j < q.length; j++) {
      assertEquals(Double.doubleToRawLongBits(q[j]), Double.doubleToRawLongBits(back[j]));
    }
  }

  @Test
  void aResultNamingItsEntriesIsStoredByThoseNames() {
    double[] y = {0.0, 0.0, 3.0, 0.0, -2.0};
    SolverResult named =
        new SolverResult(y, 0.0, Termination.CONVERGED, 3, 1, 0.0, 1.0, 10L, new int[] {2, 4});
    FoldState s = FoldState.of(named, null);
    assertArrayEquals(new int[] {2, 4}, s.coefficientIndex());
    assertArrayEquals(new double[] {3.0, -2.0}, s.coefficientValue(), 0.0);
    // The names are trusted, not rescanned: a result naming fewer entries stores only those.
    SolverResult fewer =
        new SolverResult(y, 0.0, Termination.CONVERGED, 3, 1, 0.0, 1.0, 10L, new int[] {4});
    assertArrayEquals(new int[] {4}, FoldState.of(fewer, null).coefficientIndex());
    assertTrue(named.stored() != s.coefficientIndex(), "the state keeps its own copy");
  }

  @Test
  void coldStateStartsColdAndValueOnlyEvaluationsKeepTheAdjoint() {
    FoldState cold = FoldState.cold(4);
    assertTrue(cold.isCold());
    assertSame(WarmStart.COLD, cold.warmStart());
    assertNull(cold.adjoint());
    assertArrayEquals(new double[4], cold.coefficients(), 0.0);
    SolverResult sol = new SolverResult(new double[] {0, 1, 0, 0}, 0.0, Termination.CONVERGED, 1,
        1, 0.0, 0.0, 1L);
    FoldState withAdjoint = FoldState.of(sol, new double[] {0, 2, 0, 0});
    FoldState valueOnly = FoldState.of(sol, null).withAdjointOf(withAdjoint);
    assertArrayEquals(new double[] {0, 2, 0, 0}, valueOnly.adjoint(), 0.0);
  }

  @Test
  void rejectsInconsistentParts() {
    assertThrows(IllegalArgumentException.class,
        () -> new FoldState(3, new int[] {2, 1}, new double[] {1, 1}, 0, -1, null, null));
    assertThrows(IllegalArgumentException.class,
        () -> new FoldState(3, new int[] {3}, new double[] {1}, 0, -1, null, null));
    assertThrows(IllegalArgumentException.class,
        () -> new FoldState(3, new int[] {0}, new double[] {1, 2}, 0, -1, null, null));
    assertThrows(IllegalArgumentException.class,
        () -> new FoldState(3, null, null, 0, 2, null, null));
  }
}
