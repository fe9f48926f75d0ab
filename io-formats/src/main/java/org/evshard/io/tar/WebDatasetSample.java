package org.evshard.io.tar;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One webdataset sample: the consecutive regular files of a shard that share a key (webdataset's
 * {@code group_by_keys}), in tar order. Carries the shard name and the header offset of its first member so that a
 * later stage can name where a bad sample came from. Immutable.
 */
public final class WebDatasetSample {

  private final String shard;
  private final String key;
  private final List<TarMember> members;
  private final List<String> oversized;

  WebDatasetSample(String shard, String key, List<TarMember> members) {
    this(shard, key, members, List.of());
  }

  WebDatasetSample(String shard, String key, List<TarMember> members, List<String> oversized) {
    if (members.isEmpty()) {
      throw new IllegalArgumentException("a sample has at least one member");
    }
    this.shard = Objects.requireNonNull(shard);
    this.key = Objects.requireNonNull(key);
    this.members = List.copyOf(members);
    this.oversized = List.copyOf(oversized);
  }

  /**
   * The sample's members skipped as over the entry limit, each as {@code "NAME (N bytes)"}: a sample whose image was
   * one of them is told apart from one that had none.
   */
  public List<String> oversized() {
    return oversized;
  }

  /** The shard (file) this sample was read from. */
  public String shard() {
    return shard;
  }

  /** webdataset's {@code __key__}: the member paths up to the basename's first dot, e.g. {@code 00000/000000123}. */
  public String key() {
    return key;
  }

  /** Byte offset of the first member's header in the tar stream. */
  public long headerOffset() {
    return members.get(0).headerOffset();
  }

  /** The members in tar order. */
  public List<TarMember> members() {
    return members;
  }

  /** The members' extensions in tar order, e.g. {@code [cls, png]}. */
  public List<String> extensions() {
    return members.stream().map(TarMember::extension).toList();
  }

  public Optional<TarMember> member(String extension) {
    return members.stream().filter(m -> m.extension().equals(extension)).findFirst();
  }

  public boolean has(String extension) {
    return member(extension).isPresent();
  }

  /** The sum of the members' sizes. */
  public long totalBytes() {
    long n = 0;
    for (TarMember m : members) {
      n += m.size();
    }
    return n;
  }

  @Override
  public String toString() {
    return "WebDatasetSample[" + shard + " " + key + " " + extensions() + "]";
  }
}
