package org.evshard.io.prophesee;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Test-side EVT 3.0 word builder written from Prophesee's EVT 3.0 specification (16-bit little-endian words, type in
 * bits 15..12), independent of {@link Evt3Writer}: it lays down any word sequence, including ones the writer never
 * produces (a TIME_HIGH between VECT_BASE_X and its vectors, OTHERS, CONTINUED, triggers).
 */
final class SpecEvt3Words {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final int headerBytes;

  SpecEvt3Words(String header) {
    byte[] h = header.getBytes(StandardCharsets.US_ASCII);
    out.write(h, 0, h.length);
    headerBytes = h.length;
  }

  /** Offset of the next word in the file. */
  long offset() {
    return out.size();
  }

  int headerBytes() {
    return headerBytes;
  }

  SpecEvt3Words word(int w) {
    out.write(w & 0xFF);
    out.write(w >>> 8 & 0xFF);
    return this;
  }

  SpecEvt3Words addrY(int y) {
    return word(y & 0x7FF);
  }

  SpecEvt3Words addrX(int x, boolean on) {
    return word(0x2000 | (on ? 0x800 : 0) | x & 0x7FF);
  }

  SpecEvt3Words vectBaseX(int x, boolean on) {
    return word(0x3000 | (on ? 0x800 : 0) | x & 0x7FF);
  }

  SpecEvt3Words vect12(int mask) {
    return word(0x4000 | mask & 0xFFF);
  }

  SpecEvt3Words vect8(int mask) {
    return word(0x5000 | mask & 0xFF);
  }

  SpecEvt3Words timeLow(int low) {
    return word(0x6000 | low & 0xFFF);
  }

  SpecEvt3Words timeHigh(int high) {
    return word(0x8000 | high & 0xFFF);
  }

  SpecEvt3Words trigger(int channel, boolean rising) {
    return word(0xA000 | (channel & 0xF) << 8 | (rising ? 1 : 0));
  }

  SpecEvt3Words others() {
    return word(0xE000);
  }

  SpecEvt3Words continued() {
    return word(0xF123);
  }

  byte[] bytes() {
    return out.toByteArray();
  }
}
