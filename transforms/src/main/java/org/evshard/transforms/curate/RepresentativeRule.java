package org.evshard.transforms.curate;

/**
 * Which member of a duplicate group is kept: the one with the most pixels (width x height of the original image),
 * then the smallest id (Java {@link String#compareTo}, which for DataComp's 32-digit lower-case hex uids is numeric
 * order).
 *
 * <p>Why: the largest copy carries the most detail and survives DataComp's size filter ({@code basic}: shorter side
 * >= 200), while smaller copies are usually thumbnails or re-encodes of it; the id breaks ties so that the choice
 * depends only on the group's members, never on the order Beam delivers them, and is stable between runs.
 */
public final class RepresentativeRule {

  private RepresentativeRule() {}

  /** Negative when (pixelsA, idA) is the better representative, positive when B is, 0 when identical. */
  public static int compare(long pixelsA, String idA, long pixelsB, String idB) {
    if (pixelsA != pixelsB) {
      return pixelsA > pixelsB ? -1 : 1;
    }
    return idA.compareTo(idB);
  }

  /** The index of the representative among {@code members} (indices into the id and pixel arrays). */
  public static int pick(int[] members, String[] ids, long[] pixels) {
    int best = members[0];
    for (int i = 1; i < members.length; i++) {
      int m = members[i];
      if (compare(pixels[m], ids[m], pixels[best], ids[best]) < 0) {
        best = m;
      }
    }
    return best;
  }
}
