package org.sparsetune.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link BiactivePolicy#parse} and {@link BiactivePolicy#cliName}. */
class BiactivePolicyTest {

  @Test
  void parseAcceptsTheDocumentedNamesInAnyCase() {
    for (String s :
        new String[] {
          "sc", "SC", "self-consistent", "Self-Consistent", "self_consistent", "SELF_CONSISTENT"
        }) {
      assertEquals(BiactivePolicy.SELF_CONSISTENT, BiactivePolicy.parse(s), s);
    }
    for (String s : new String[] {"null", "NULL", "Null", "sparse-ho", "Sparse-HO"}) {
      assertEquals(BiactivePolicy.NULL, BiactivePolicy.parse(s), s);
    }
  }

  @Test
  void cliNamesRoundTrip() {
    assertEquals("sc", BiactivePolicy.SELF_CONSISTENT.cliName());
    assertEquals("null", BiactivePolicy.NULL.cliName());
    for (BiactivePolicy p : BiactivePolicy.values()) {
      assertEquals(p, BiactivePolicy.parse(p.cliName()));
      assertEquals(p, BiactivePolicy.parse(p.name()));
    }
  }

  @Test
  void unknownNamesAreRejectedWithTheNameAndTheChoices() {
    for (String s : new String[] {"", "scc", "none", "self consistent"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> BiactivePolicy.parse(s));
      assertTrue(e.getMessage().contains("'" + s + "'"), e.getMessage());
      assertTrue(e.getMessage().contains("sc") && e.getMessage().contains("null"), e.getMessage());
    }
  }
}
