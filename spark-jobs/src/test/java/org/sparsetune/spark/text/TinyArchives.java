package org.sparsetune.spark.text;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * Tiny {@code .tar.xz} archives in the layouts of the real corpora (../shared/data/text), for
 * fast tests: a few made-up newsgroup messages and a small Reuters SGML file with one record of
 * every kind the ModApte rule must tell apart. Texts are latin-1 and include bytes above 0x7F.
 */
public final class TinyArchives {
  private TinyArchives() {}

  /** Writes {@code files} (path → latin-1 text, in this order) as a .tar.xz, with folders. */
  public static Path tarXz(Path file, Map<String, String> files) {
    Map<String, byte[]> bytes = new LinkedHashMap<>();
    files.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.ISO_8859_1)));
    return tarXzBytes(file, bytes);
  }

  /** Like {@link #tarXz} with raw bytes. */
  public static Path tarXzBytes(Path file, Map<String, byte[]> files) {
    try (OutputStream out = Files.newOutputStream(file);
        XZOutputStream xz = new XZOutputStream(out, new LZMA2Options(1));
        TarArchiveOutputStream tar = new TarArchiveOutputStream(xz)) {
      List<String> folders = new ArrayList<>();
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        String[] parts = f.getKey().split("/");
        StringBuilder dir = new StringBuilder();
        for (int i = 0; i < parts.length - 1; i++) {
          dir.append(parts[i]).append('/');
          if (!folders.contains(dir.toString())) {
            folders.add(dir.toString());
            tar.putArchiveEntry(new TarArchiveEntry(dir.toString()));
            tar.closeArchiveEntry();
          }
        }
        TarArchiveEntry e = new TarArchiveEntry(f.getKey());
        e.setSize(f.getValue().length);
        tar.putArchiveEntry(e);
        tar.write(f.getValue());
        tar.closeArchiveEntry();
      }
      tar.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** xz-compresses bytes (no tar inside). */
  public static Path xz(Path file, byte[] content) {
    try (OutputStream out = Files.newOutputStream(file);
        XZOutputStream xz = new XZOutputStream(out, new LZMA2Options(1))) {
      xz.write(content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  // ------------------------------------------------------------------------------ news20

  /** One made-up message of a newsgroup: From/Subject/Organization/Lines headers, a body. */
  private static final Map<String, String[]> WORDS = Map.of(
      "comp.graphics", new String[] {"graphics", "card", "pixel", "render", "monitor", "driver"},
      "rec.autos", new String[] {"car", "engine", "brakes", "tires", "dealer", "mileage"},
      "misc.forsale", new String[] {"sale", "price", "shipping", "offer", "condition", "new"},
      "sci.med", new String[] {"doctor", "patient", "study", "disease", "treatment", "diet"},
      "talk.politics.guns", new String[] {"gun", "law", "rights", "vote", "control", "police"});

  /** The tiny 20 Newsgroups archive: path → message, in archive (name) order. */
  public static Map<String, String> news20Files() {
    Map<String, String> files = new LinkedHashMap<>();
    SplittableRandom rng = new SplittableRandom(20);
    int id = 50_000;
    for (String split : new String[] {"20news-bydate-test", "20news-bydate-train"}) {
      for (String group : new String[] {"comp.graphics", "misc.forsale", "rec.autos", "sci.med",
          "talk.politics.guns"}) {
        int count = split.endsWith("train") ? 3 : 2;
        for (int m = 0; m < count; m++) {
          id++;
          String[] w = WORDS.get(group);
          StringBuilder body = new StringBuilder();
          for (int k = 0; k < 12; k++) {
            body.append(w[rng.nextInt(w.length)]).append(k % 5 == 4 ? ".\n" : " ");
          }
          String extra = "";
          if (id == 50_002) {
            extra = "Caf\u00e9 M\u00fcller sells the card_2 for 50$ -- na\u00efve? A b.\r\n";
          }
          files.put(split + "/" + group + "/" + id,
              "From: user" + id + "@example.edu (User " + id + ")\n"
                  + "Subject: Re: " + w[0] + " question\n"
                  + "Organization: Example University\n"
                  + "Lines: 4\n\n" + extra + body);
        }
      }
    }
    return files;
  }

  /** Writes the tiny 20 Newsgroups archive (with an ignored README at the top). */
  public static Path news20(Path file) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("README.txt", "not a message\n");
    files.putAll(news20Files());
    return tarXz(file, files);
  }

  // ------------------------------------------------------------------------------ reuters

  private static String record(String attrs, String topics, String text) {
    return "<REUTERS " + attrs + ">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n"
        + "<TOPICS>" + topics + "</TOPICS>\n<PLACES><D>usa</D></PLACES>\n<PEOPLE></PEOPLE>\n"
        + "<ORGS></ORGS>\n<EXCHANGES></EXCHANGES>\n<COMPANIES></COMPANIES>\n"
        + "<UNKNOWN> \n&#5;&#5;&#5;C T\n&#22;&#22;&#1;f0704&#31;reute\nu f BC-X 02-26 0064</UNKNOWN>\n"
        + text + "\n</REUTERS>\n";
  }

  private static String text(String title, String body) {
    return "<TEXT>&#2;\n<TITLE>" + title + "</TITLE>\n<DATELINE>    NEW YORK, Feb 26 - "
        + "</DATELINE><BODY>" + body + "\n Reuter\n&#3;</BODY></TEXT>";
  }

  /** The NEWIDs the ModApte-with-topics rule keeps from {@link #reutersFiles}, in order. */
  public static final List<String> REUTERS_KEPT = List.of("1", "2", "6", "7", "9", "10");

  /** Their labels: +1 when the topics include earn or acq. */
  public static final double[] REUTERS_LABELS = {1, -1, 1, -1, 1, -1};

  /** Two small .sgm files covering every rule, plus the distribution's other files. */
  public static Map<String, String> reutersFiles() {
    String doctype = "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n";
    String first = doctype
        + record("TOPICS=\"YES\" LEWISSPLIT=\"TRAIN\" CGISPLIT=\"TRAINING-SET\" OLDID=\"5544\""
            + " NEWID=\"1\"", "<D>earn</D>", text("ACME CORP SETS QUARTERLY DIVIDEND",
            "Acme Corp &lt;ACM> said its board declared a quarterly dividend of 12 cts &amp;"
                + " raised profit.\n    Shr 1.20 dlrs vs 1.05 dlrs"))
        + record("TOPICS=\"YES\" LEWISSPLIT=\"TEST\" CGISPLIT=\"TRAINING-SET\" OLDID=\"5545\""
            + " NEWID=\"2\"", "<D>grain</D><D>wheat</D>", text("WHEAT EXPORTS RISE",
            "Wheat exports from Z\u00fcrich traders rose as grain prices fell, the ministry"
                + " said."))
        + record("TOPICS=\"YES\" LEWISSPLIT=\"TRAIN\" CGISPLIT=\"TRAINING-SET\" OLDID=\"5546\""
            + " NEWID=\"3\"", "", text("NO TOPIC HERE", "A story without a topic."))
        + record("TOPICS=\"YES\" LEWISSPLIT=\"NOT-USED\" CGISPLIT=\"TRAINING-SET\""
            + " OLDID=\"5547\" NEWID=\"4\"", "<D>acq</D>", text("NOT USED TAKEOVER",
            "A takeover the ModApte split does not use."))
        + record("TOPICS=\"NO\" LEWISSPLIT=\"TRAIN\" CGISPLIT=\"TRAINING-SET\" OLDID=\"5548\""
            + " NEWID=\"5\"", "", text("TOPICS NO", "Not indexed for topics."));
    String second = doctype
        + record("TOPICS=\"YES\" LEWISSPLIT=\"TEST\" CGISPLIT=\"TRAINING-SET\" OLDID=\"5549\""
            + " NEWID=\"6\"", "<D>acq</D>",
            "<TEXT TYPE=\"BRIEF\">&#2;\n<TITLE>BETA INC BUYS GAMMA UNIT FOR 40 MLN DLRS</TITLE>\n"
                + "<DATELINE>    CHICAGO, March 1 - </DATELINE></TEXT>")
        + record("TOPICS=\"YES\" LEWISSPLIT=\"TRAIN\" CGISPLIT=\"TRAINING-SET\" OLDID=\"5550\""
            + " NEWID=\"7\"", "<D>crude</D>",
            "<TEXT TYPE=\"UNPROC\">&#2;\nOIL PRICES Crude oil output cut by OPEC members,"
                + " sources said.\n&#3;</TEXT>")
        + record("TOPICS=\"BYPASS\" LEWISSPLIT=\"TRAIN\" CGISPLIT=\"TRAINING-SET\""
            + " OLDID=\"5551\" NEWID=\"8\"", "<D>earn</D>", text("BYPASSED", "Bypassed."))
        + record("TOPICS=\"YES\" LEWISSPLIT=\"TEST\" CGISPLIT=\"TRAINING-SET\" OLDID=\"5552\""
            + " NEWID=\"9\"", "<D>money-fx</D><D>earn</D>", text("DELTA BANK PROFIT UP",
            "Delta Bank said net profit rose on currency gains; dividend unchanged."))
        + record("TOPICS=\"YES\" LEWISSPLIT=\"TRAIN\" CGISPLIT=\"TRAINING-SET\" OLDID=\"5553\""
            + " NEWID=\"10\"", "<D>trade</D>", text("TRADE DEFICIT WIDENS",
            "The trade deficit widened as imports of cars rose, officials said."));
    Map<String, String> files = new LinkedHashMap<>();
    files.put("reuters21578/README.txt", "Reuters-21578 text categorization collection\n");
    files.put("reuters21578/lewis.dtd", "<!ELEMENT LEWIS - - (REUTERS*)>\n");
    files.put("reuters21578/reut2-000.sgm", first);
    files.put("reuters21578/reut2-001.sgm", second);
    return files;
  }

  /** Writes the tiny Reuters archive. */
  public static Path reuters(Path file) {
    return tarXz(file, reutersFiles());
  }

  /** The bytes of an archive's first half: a truncated download. */
  public static byte[] firstHalf(Path file) {
    try {
      byte[] all = Files.readAllBytes(file);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(all, 0, all.length / 2);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
