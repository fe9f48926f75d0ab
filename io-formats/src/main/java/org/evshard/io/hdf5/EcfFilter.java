package org.evshard.io.hdf5;

import io.jhdf.exceptions.HdfFilterException;
import io.jhdf.filter.Filter;
import io.jhdf.filter.FilterManager;
import io.jhdf.object.message.FilterPipelineMessage;
import java.util.List;

/**
 * Prophesee's HDF5 ECF filter (id 36559, github.com/prophesee-ai/hdf5_ecf) for jhdf: decodes each chunk of a
 * Metavision {@code CD/events} dataset with {@link EcfDecoder}. The filter has no parameters; a chunk holds at most
 * {@value EcfDecoder#MAX_EVENTS} events, so a damaged count fails before anything is allocated.
 *
 * <p>Registered like {@link BloscFilter}: through {@code META-INF/services/io.jhdf.filter.Filter}, and by
 * {@link #register()} where that class loader did not see the file.
 */
public final class EcfFilter implements Filter {

  /** The filter id HDF5 registered for ECF ({@code 0x8ECF}). */
  public static final int ID = 36559;

  /** Adds this filter to jhdf's registry unless it is there already. */
  public static void register() {
    try {
      FilterManager.getPipeline(List.of(new FilterPipelineMessage.FilterInfo(ID, "ecf", false, new int[0])));
    } catch (HdfFilterException missing) {
      FilterManager.addFilter(new EcfFilter());
    }
  }

  @Override
  public int getId() {
    return ID;
  }

  @Override
  public String getName() {
    return "ecf";
  }

  /**
   * Decodes one HDF5 chunk.
   *
   * @throws EcfFormatException when the chunk is damaged
   */
  @Override
  public byte[] decode(byte[] encoded, int[] filterData) {
    try {
      return EcfDecoder.decode(encoded, EcfDecoder.MAX_EVENTS);
    } catch (EcfFormatException e) {
      throw new EcfFormatException("HDF5 ECF chunk: " + e.getMessage(), e);
    }
  }
}
