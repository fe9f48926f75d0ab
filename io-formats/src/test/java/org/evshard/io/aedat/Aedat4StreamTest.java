package org.evshard.io.aedat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.evshard.io.error.CorruptInputException;
import org.junit.jupiter.api.Test;

class Aedat4StreamTest {

  private static final String INFO = """
      <dv version="2.0">
        <node name="outInfo" path="/mainloop/Recorder/outInfo/">
          <node name="0" path="/mainloop/Recorder/outInfo/0/">
            <attr key="compression" type="string">LZ4</attr>
            <attr key="originalOutputName" type="string">events</attr>
            <attr key="typeIdentifier" type="string">EVTS</attr>
            <node name="info" path="/mainloop/Recorder/outInfo/0/info/">
              <attr key="sizeX" type="int">%d</attr>
              <attr key="sizeY" type="int">240</attr>
              <attr key="source" type="string">DVXplorer_DXB00010</attr>
            </node>
          </node>
          <node name="3" path="/mainloop/Recorder/outInfo/3/">
            <attr key="typeIdentifier" type="string">TRIG</attr>
          </node>
        </node>
      </dv>
      """;

  @Test
  void readsTheStreamsOfAnInfoNode() {
    List<Aedat4Stream> streams = Aedat4Stream.parseInfoNode(INFO.formatted(320), "rec.aedat4", 14);
    assertEquals(List.of(new Aedat4Stream(0, "EVTS", "events", "DVXplorer_DXB00010", 320, 240),
        new Aedat4Stream(3, "TRIG", "", "", 0, 0)), streams);
  }

  @Test
  void malformedXmlIsATypedErrorAndPrintsNothing() {
    PrintStream err = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
    CorruptInputException e;
    try {
      e = assertThrows(CorruptInputException.class,
          () -> Aedat4Stream.parseInfoNode("<dv><node name=\"outInfo\">", "rec.aedat4", 14));
    } finally {
      System.setErr(err);
    }
    assertTrue(e.getMessage().contains("rec.aedat4") && e.getMessage().contains("not well-formed XML"),
        e.getMessage());
    assertEquals(14, e.offset());
    assertEquals("", printed.toString(StandardCharsets.UTF_8), "the XML parser wrote to stderr");
  }

  /** 10,000 elements nested in an attr (70 KB of a 1 MiB header) overflowed getTextContent's recursion. */
  @Test
  void anAttrHoldingElementsIsRefusedWithoutRecursingIntoThem() {
    int depth = 10_000;
    String xml = "<dv version=\"2.0\"><node name=\"outInfo\" path=\"/o/\"><node name=\"0\" path=\"/o/0/\">"
        + "<attr key=\"typeIdentifier\" type=\"string\">" + "<a>".repeat(depth) + "EVTS" + "</a>".repeat(depth)
        + "</attr></node></node></dv>";
    CorruptInputException e = assertThrows(CorruptInputException.class,
        () -> Aedat4Stream.parseInfoNode(xml, "deep.aedat4", 14));
    assertEquals("deep.aedat4 at byte 14 (0xe): IOHeader infoNode <attr key=\"typeIdentifier\"> holds an element "
        + "<a>, expected text", e.getMessage());
  }

  @Test
  void aDoctypeIsRefusedAndTheParserStaysUsable() {
    String withDoctype = "<!DOCTYPE dv [<!ENTITY x \"y\">]>" + INFO.formatted(320);
    assertThrows(CorruptInputException.class, () -> Aedat4Stream.parseInfoNode(withDoctype, "rec.aedat4", 14));
    // the same thread's reused parser reads the next file normally
    assertEquals(640, Aedat4Stream.parseInfoNode(INFO.formatted(640), "next.aedat4", 14).get(0).sizeX());
  }

  @Test
  void threadsParseIndependently() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> widths = new java.util.ArrayList<>();
      for (int i = 0; i < 64; i++) {
        int w = 100 + i;
        widths.add(pool.submit(() -> Aedat4Stream.parseInfoNode(INFO.formatted(w), "f" + w, 0).get(0).sizeX()));
      }
      for (int i = 0; i < 64; i++) {
        assertEquals(100 + i, widths.get(i).get());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
