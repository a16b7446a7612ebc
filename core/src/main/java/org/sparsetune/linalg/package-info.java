/**
 * Design matrices behind one column-oriented interface: compressed sparse column ({@link
 * org.sparsetune.linalg.CscMatrix}) and dense column-major ({@link
 * org.sparsetune.linalg.DenseMatrix}) storage, and compressed sparse row ({@link
 * org.sparsetune.linalg.CsrMatrix}) storage for held-out rows, which are only multiplied. Hot
 * loops run on primitive arrays.
 */
package org.sparsetune.linalg;
