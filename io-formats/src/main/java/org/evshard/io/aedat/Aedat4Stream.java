package org.evshard.io.aedat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.evshard.io.error.CorruptInputException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * One stream an AEDAT 4.0 infoNode declares: {@code <node name="outInfo">} holds one child node per stream, named by
 * the stream id, with a {@code typeIdentifier} attr ({@code EVTS}, {@code FRME}, {@code IMUS}, {@code TRIG}, ...) and
 * an {@code info} child with {@code sizeX}, {@code sizeY} and {@code source}.
 *
 * @param id the stream id packets carry
 * @param type the FlatBuffer type identifier, e.g. {@code EVTS}
 * @param name the {@code originalOutputName}, e.g. {@code events} ("" when absent)
 * @param source the camera, e.g. {@code DVXplorer_DXB00010} ("" when absent)
 * @param sizeX the pixel array width, or 0 when not stated
 * @param sizeY the pixel array height, or 0 when not stated
 */
record Aedat4Stream(int id, String type, String name, String source, int sizeX, int sizeY) {

  /**
   * One parser per thread, built once: looking the factory up per file ({@code newInstance} scans the class path for
   * providers) and configuring it took 60-80 us per file against about 8 us for a reused builder (the JDK's own
   * parser either way). No DOCTYPE, no entity expansion, secure processing.
   */
  private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(() -> {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setExpandEntityReferences(false);
      return f.newDocumentBuilder();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser lacks a required feature", e);
    }
  });

  /** Fails on a fatal error (the exception carries the message), ignores warnings, prints nothing. */
  private static final DefaultHandler QUIET = new DefaultHandler();

  /** Parses the infoNode XML of an IOHeader; {@code where} is the header's file offset, for errors. */
  static List<Aedat4Stream> parseInfoNode(String xml, String fileName, long where) {
    Element root;
    try {
      DocumentBuilder builder = BUILDER.get();
      builder.reset();
      builder.setErrorHandler(QUIET); // the default handler also prints "[Fatal Error] ..." to stderr
      root = builder.parse(new InputSource(new StringReader(xml))).getDocumentElement();
    } catch (SAXException | IOException e) {
      throw new CorruptInputException(fileName, where, "IOHeader infoNode is not well-formed XML: " + e.getMessage(),
          e);
    }
    Element outInfo = child(root, "outInfo");
    if (outInfo == null) {
      throw new CorruptInputException(fileName, where, "IOHeader infoNode without a <node name=\"outInfo\">");
    }
    List<Aedat4Stream> streams = new ArrayList<>();
    for (Node n = outInfo.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals("node")) {
        int id;
        try {
          id = Integer.parseInt(e.getAttribute("name"));
        } catch (NumberFormatException x) {
          throw new CorruptInputException(fileName, where, "outInfo stream node name '" + e.getAttribute("name")
              + "' is not an integer stream id");
        }
        Element info = child(e, "info");
        streams.add(new Aedat4Stream(id, attr(e, "typeIdentifier", fileName, where),
            attr(e, "originalOutputName", fileName, where), info == null ? "" : attr(info, "source", fileName, where), info == null ? 0 : intAttr(info, "sizeX", fileName, where),
            info == null ? 0 : intAttr(info, "sizeY", fileName, where)));
      }
    }
    return streams;
  }

  /** The child {@code <node name="...">} of {@code parent}, or null. */
  private static Element child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals("node") && e.getAttribute("name").equals(name)) {
        return e;
      }
    }
    return null;
  }

  /** The text of the child {@code <attr key="...">}, or "" when absent. */
  private static String attr(Element parent, String key, String fileName, long where) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals("attr") && e.getAttribute("key").equals(key)) {
        StringBuilder text = new StringBuilder(); // its own text only: getTextContent recursed through 10,000 nested
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) { // elements to a StackOverflowError
          if (c instanceof org.w3c.dom.Text t) {
            text.append(t.getData());
          } else if (c instanceof Element inner) {
            throw new CorruptInputException(fileName, where, "IOHeader infoNode <attr key=\"" + key + "\"> holds an "
                + "element <" + inner.getTagName() + ">, expected text");
          }
        }
        return text.toString().trim();
      }
    }
    return "";
  }

  private static int intAttr(Element parent, String key, String fileName, long where) {
    String v = attr(parent, key, fileName, where);
    if (v.isEmpty()) {
      return 0;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new CorruptInputException(fileName, where, "infoNode attr " + key + " = '" + v + "' is not an integer");
    }
  }

  @Override
  public String toString() {
    return id + ":" + type + ":" + name;
  }
}
