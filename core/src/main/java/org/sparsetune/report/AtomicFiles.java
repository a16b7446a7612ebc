package org.sparsetune.report;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Writes a file so that readers see either the old content or the complete new content, never a
 * partial file: the bytes go to a temporary file in the target's own folder (named
 * {@code .NAME.RANDOM.tmp}, created with the usual permissions of a new file), are flushed and
 * synced to disk, and the temporary file is then moved onto the target with {@link
 * StandardCopyOption#ATOMIC_MOVE} and {@link StandardCopyOption#REPLACE_EXISTING}. If anything
 * fails the temporary file is deleted and the target is left as it was.
 *
 * <p>On a file system that refuses atomic moves (rare for a rename within one folder) the move
 * falls back to a plain replacing move; the content is still complete on disk before the rename.
 */
public final class AtomicFiles {
  private static final SecureRandom RANDOM = new SecureRandom();

  private AtomicFiles() {}

  /** Produces the content of a file on the stream it is given; must not close the stream. */
  @FunctionalInterface
  public interface Content {
    /** Writes the whole content to {@code out}. */
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writes {@code content} to {@code target} atomically, creating the target's parent folders
   * when they are missing.
   *
   * @return {@code target}
   * @throws IOException when the folder cannot be created or the write or the rename fails (the
   *     target is then unchanged and no temporary file is left behind)
   */
  public static Path write(Path target, Content content) throws IOException {
    if (target == null || content == null) {
      throw new IllegalArgumentException("target and content must not be null");
    }
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    if (dir == null) {
      throw new IllegalArgumentException("cannot write to a file system root: " + target);
    }
    Files.createDirectories(dir);
    if (Files.isDirectory(absolute)) {
      throw new IOException(target + " is a directory, expected a file name");
    }
    Path tmp = null;
    FileChannel channel = null;
    for (int attempt = 0; channel == null; attempt++) {
      String suffix = Long.toUnsignedString(RANDOM.nextLong(), 36);
      tmp = dir.resolve("." + absolute.getFileName() + "." + suffix + ".tmp");
      try {
        // CREATE_NEW with default attributes: the umask decides the permissions, as for any new file.
        channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      } catch (FileAlreadyExistsException e) {
        if (attempt >= 100) {
          throw e;
        }
      }
    }
    boolean moved = false;
    try {
      try (FileChannel ch = channel;
          OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16)) {
        content.writeTo(new FilterOutputStream(out) {
          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
          }

          @Override
          public void close() throws IOException {
            flush(); // the content must not end the write early: closing only flushes
          }
        });
        out.flush();
        ch.force(true);
      }
      try {
        Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
      moved = true;
      return target;
    } finally {
      if (!moved) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /** Writes {@code bytes} to {@code target} atomically; see {@link #write(Path, Content)}. */
  public static Path write(Path target, byte[] bytes) throws IOException {
    if (bytes == null) {
      throw new IllegalArgumentException("bytes must not be null");
    }
    return write(target, out -> out.write(bytes));
  }
}
