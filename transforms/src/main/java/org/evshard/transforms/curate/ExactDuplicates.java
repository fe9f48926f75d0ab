package org.evshard.transforms.curate;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.evshard.transforms.InvalidParameterException;

/**
 * Exact deduplication by the sha256 of the source bytes (the image file as downloaded, the value img2dataset and
 * DataComp store in their {@code sha256} column): samples with equal digests form a group, one representative per
 * group is kept by {@link RepresentativeRule} (equal bytes mean equal pixel counts, so in practice the smallest id).
 * In a pipeline: key each sample by {@link #sha256Hex}, {@code GroupByKey}, then {@link #resolveGroup} per group.
 */
public final class ExactDuplicates {

  public static final String NAME = "exact_dedup";

  private ExactDuplicates() {}

  /** Lower-case hex sha256 of {@code bytes} (64 digits, as Python's {@code hashlib.sha256(b).hexdigest()}). */
  public static String sha256Hex(byte[] bytes) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
    byte[] d = md.digest(bytes);
    StringBuilder sb = new StringBuilder(64);
    for (byte b : d) {
      sb.append(Character.forDigit((b >>> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
    }
    return sb.toString();
  }

  /** The members of one digest group other than its representative, each with the representative's id. */
  public static List<DuplicateOf> resolveGroup(String[] ids, long[] pixels) {
    if (ids == null || pixels == null || ids.length != pixels.length) {
      throw new InvalidParameterException(NAME + ": ids and pixels must be non-null and of equal length");
    }
    List<DuplicateOf> out = new ArrayList<>();
    if (ids.length < 2) {
      return out;
    }
    int[] all = new int[ids.length];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    int rep = RepresentativeRule.pick(all, ids, pixels);
    for (int i = 0; i < ids.length; i++) {
      if (i != rep) {
        out.add(new DuplicateOf(ids[i], ids[rep]));
      }
    }
    return out;
  }

  /** Every removed sample of a whole (in-memory) collection, grouped by digest; in item order. */
  public static List<DuplicateOf> findAll(String[] ids, String[] sha256, long[] pixels) {
    if (ids == null || sha256 == null || pixels == null || ids.length != sha256.length
        || ids.length != pixels.length) {
      throw new InvalidParameterException(NAME + ": ids, sha256 and pixels must be non-null and of equal length");
    }
    Map<String, Integer> firstOf = new HashMap<>();
    int[] pairs = new int[2 * ids.length];
    int size = 0;
    for (int i = 0; i < ids.length; i++) {
      Integer first = firstOf.putIfAbsent(sha256[i], i);
      if (first != null) {
        pairs[size++] = first;
        pairs[size++] = i;
      }
    }
    return DuplicateGroups.duplicates(ids, pixels, Arrays.copyOf(pairs, size));
  }
}
