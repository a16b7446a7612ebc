package org.sparsetune.spark.text;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.sparsetune.data.InputDataException;
import org.tukaani.xz.XZFormatException;
import org.tukaani.xz.XZIOException;
import org.tukaani.xz.XZInputStream;

/**
 * Streams the regular files of a {@code .tar.xz} archive, one at a time, without unpacking it
 * anywhere: xz (XZ for Java) under tar (commons-compress). File contents are decoded as ISO-8859-1
 * (latin-1), which maps every byte to one character, so no byte of the corpora (some are above
 * 0x7F) is lost or rejected.
 */
final class TarXzArchive {
  private static final int BUFFER = 1 << 16;

  private TarXzArchive() {}

  /** Receives one regular file of the archive. */
  @FunctionalInterface
  interface FileVisitor {
    /**
     * @param name the entry's path inside the archive, without a leading {@code ./}
     * @param text its bytes decoded as latin-1
     */
    void file(String name, String text);
  }

  /**
   * Calls {@code visitor} for every regular file in archive order.
   *
   * @param raw the archive's bytes (not closed here)
   * @param source the archive's name, for messages
   * @throws InputDataException when the bytes are not xz, the xz data is corrupt or truncated, or
   *     the content is not a tar archive — the message names {@code source}
   */
  static void forEachFile(InputStream raw, String source, FileVisitor visitor) {
    XZInputStream xz;
    try {
      BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
      checkSignature(in, source);
      xz = new XZInputStream(in);
    } catch (XZFormatException e) {
      throw new InputDataException(source, NOT_XZ);
    } catch (IOException e) {
      throw corrupt(source, null, e);
    }
    // Not closed: closing it would close the caller's stream.
    TarArchiveInputStream tar = new TarArchiveInputStream(xz);
    String current = null;
    boolean any = false;
    try {
      TarArchiveEntry e;
      while ((e = nextEntry(tar, source, any)) != null) {
        any = true;
        if (!e.isFile()) {
          continue;
        }
        current = e.getName().startsWith("./") ? e.getName().substring(2) : e.getName();
        String text = new String(tar.readAllBytes(), StandardCharsets.ISO_8859_1);
        visitor.file(current, text);
        current = null;
      }
    } catch (IOException e) {
      throw corrupt(source, current, e);
    }
  }

  private static final String NOT_XZ =
      "not an xz file (it does not start with the xz signature): expected a .tar.xz archive";

  /** Tells an empty file, a gzip file and other non-xz data apart before decoding. */
  private static void checkSignature(BufferedInputStream in, String source) throws IOException {
    in.mark(16);
    byte[] b = in.readNBytes(6);
    in.reset();
    if (b.length == 0) {
      throw new InputDataException(source, "the file is empty: expected a .tar.xz archive");
    }
    boolean xz = b.length == 6 && (b[0] & 0xff) == 0xfd && b[1] == '7' && b[2] == 'z'
        && b[3] == 'X' && b[4] == 'Z' && b[5] == 0;
    if (xz) {
      return;
    }
    if (b.length >= 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b) {
      throw new InputDataException(source, "gzip data, not xz: expected a .tar.xz archive"
          + " (recompress it, e.g. zcat X.tar.gz | xz > X.tar.xz)");
    }
    throw new InputDataException(source, NOT_XZ);
  }

  private static TarArchiveEntry nextEntry(TarArchiveInputStream tar, String source, boolean any)
      throws IOException {
    try {
      return tar.getNextEntry();
    } catch (XZIOException | EOFException e) {
      throw e; // the xz layer or a cut-off tar: reported as corrupt or truncated data
    } catch (IOException | RuntimeException e) {
      throw new InputDataException(source, 0, (any ? "a damaged tar entry" : "the xz data is not"
          + " a tar archive") + ": " + message(e) + "; expected a .tar.xz archive", e);
    }
  }

  private static InputDataException corrupt(String source, String entry, IOException e) {
    String where = entry == null ? "" : " (in " + entry + ")";
    return new InputDataException(source, 0, "corrupt or truncated .tar.xz data" + where + ": "
        + message(e), e);
  }

  private static String message(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
