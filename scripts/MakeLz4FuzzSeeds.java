// Writes the seeds of Lz4FrameDecoderFuzzTest#decodesAnyFrameAsCommonsCompressDoes: LZ4 frames made by commons-compress
// (an implementation independent of evshard's decoder), small enough to mutate quickly. Run from the checkout:
//   java -cp "$(cat /tmp/cp.txt)" scripts/MakeLz4FuzzSeeds.java \
//     io-formats/src/test/resources/org/evshard/io/aedat/Lz4FrameDecoderFuzzTestInputs/decodesAnyFrameAsCommonsCompressDoes
// with /tmp/cp.txt from `mvn -pl io-formats dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt`.
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.apache.commons.compress.compressors.lz4.BlockLZ4CompressorOutputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream.BlockSize;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream.Parameters;

public class MakeLz4FuzzSeeds {
  public static void main(String[] a) throws Exception {
    Path d = Path.of(a[0]);
    Files.createDirectories(d);
    Random rng = new Random(7);
    // 64 AEDAT 4.0 polarity structs (int64 t, int16 x, int16 y, int8 p, 3 bytes padding), times 10-40 us apart
    ByteBuffer events = ByteBuffer.allocate(64 * 16).order(ByteOrder.LITTLE_ENDIAN);
    long t = 1_700_000_000_000_000L;
    for (int i = 0; i < 64; i++) {
      t += 10 + rng.nextInt(30);
      events.putLong(t).putShort((short) rng.nextInt(640)).putShort((short) rng.nextInt(480))
          .put((byte) rng.nextInt(2)).put(new byte[3]);
    }
    byte[] structs = events.array();
    write(d, "event_structs", structs, false, false, false);
    write(d, "event_structs_with_checksums", structs, false, true, true);
    write(d, "short_period_runs", "evshard ".repeat(200).getBytes("US-ASCII"), false, false, false);
    byte[] noise = new byte[300];
    rng.nextBytes(noise);
    write(d, "random_bytes_uncompressed_block", noise, false, false, false);
    write(d, "empty", new byte[0], false, false, true);
    // 40 KB of random bytes twice: the first 64 KB block ends inside the repeat, and the second block is one match
    // into the first, which only a decoder of dependent blocks reads
    byte[] unit = new byte[40 << 10];
    rng.nextBytes(unit);
    byte[] twice = new byte[unit.length * 2];
    System.arraycopy(unit, 0, twice, 0, unit.length);
    System.arraycopy(unit, 0, twice, unit.length, unit.length);
    write(d, "dependent_blocks", twice, true, false, false);
  }

  static void write(Path d, String name, byte[] data, boolean dependent, boolean blockChecksum,
      boolean contentChecksum) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Parameters parameters = new Parameters(BlockSize.K64, contentChecksum, blockChecksum, dependent,
        BlockLZ4CompressorOutputStream.createParameterBuilder().tunedForSpeed().build());
    try (FramedLZ4CompressorOutputStream out = new FramedLZ4CompressorOutputStream(bytes, parameters)) {
      out.write(data);
    }
    Files.write(d.resolve(name), bytes.toByteArray());
    System.out.println(name + ": " + data.length + " bytes in a frame of " + bytes.size());
  }
}
