// Writes the HDF5 fuzz seeds with jhdf: java -cp io-formats/target/classes:<test classpath> scripts/MakeHdf5FuzzSeeds.java \
//   io-formats/src/test/resources/org/evshard/io/hdf5/Hdf5EventReaderFuzzTestInputs/readsAnyBytes
import io.jhdf.*; import io.jhdf.api.*; import java.nio.file.*;
public class MakeHdf5FuzzSeeds { public static void main(String[] a) throws Exception {
  Path d = Path.of(a[0]);
  Path f = d.resolve("dsec_three_events");
  try (WritableHdfFile w = HdfFile.write(f)) { WritableGroup g = w.putGroup("events");
    g.putDataset("x", new short[]{1,2,3}); g.putDataset("y", new short[]{4,5,6}); g.putDataset("t", new long[]{10,20,30}); g.putDataset("p", new byte[]{0,1,1});
    w.putDataset("t_offset", new long[]{1000}); w.putAttribute("width", 640); w.putAttribute("height", 480); }
  byte[] b = Files.readAllBytes(f);
  Files.write(d.resolve("dsec_cut_in_half"), java.util.Arrays.copyOf(b, b.length/2));
  Files.write(d.resolve("signature_only"), java.util.Arrays.copyOf(b, 8));
}}
