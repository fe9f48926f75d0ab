package org.evshard.io.error;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WordingTest {

  @Test
  void countsAreSingularOnlyForOne() {
    assertEquals("0 bytes", Wording.count(0, "byte"));
    assertEquals("1 byte", Wording.count(1, "byte"));
    assertEquals("2 shards", Wording.count(2, "shard"));
    assertEquals("1 line", Wording.count(1, "line"));
  }

  @Test
  void theArticleFollowsHowTheWordIsSaid() {
    assertEquals("an 8-byte", Wording.article("8-byte"));
    assertEquals("an 80-byte", Wording.article("80-byte"));
    assertEquals("an 11-byte", Wording.article("11-byte"));
    assertEquals("an 18-byte", Wording.article("18-byte"));
    assertEquals("a 2-byte", Wording.article("2-byte"));
    assertEquals("a 4-byte", Wording.article("4-byte"));
    assertEquals("a 16-byte", Wording.article("16-byte"));
    assertEquals("a 118-byte", Wording.article("118-byte"));
    assertEquals("an int16", Wording.article("int16"));
    assertEquals("a uint8", Wording.article("uint8"));
    assertEquals("a float32", Wording.article("float32"));
  }
}
