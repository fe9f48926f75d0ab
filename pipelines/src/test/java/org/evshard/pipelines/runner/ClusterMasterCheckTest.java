package org.evshard.pipelines.runner;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClusterMasterCheckTest {

  /** A local port that nothing listens on (bound once, then closed). */
  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void anUnreachableFlinkMasterIsNamedWithTheReason() throws IOException {
    int port = closedPort();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> ClusterMasterCheck.requireReachable(
        "FlinkRunner", List.of("--flinkMaster=127.0.0.1:" + port, "--parallelism=2")));
    assertTrue(e.getMessage().startsWith("cannot reach the Flink master 127.0.0.1:" + port + " (127.0.0.1:" + port
        + ": connection refused)"), e.getMessage());
    assertTrue(e.getMessage().contains("nothing was written"), e.getMessage());
  }

  /** A JobManager's REST API: GET /config answers with its flink-version. */
  @Test
  void aFlinkMasterWhoseRestApiAnswersPasses() throws IOException {
    com.sun.net.httpserver.HttpServer rest = server("/config", 200, "{\"flink-version\":\"1.19.1\"}");
    try {
      int port = rest.getAddress().getPort();
      assertDoesNotThrow(() -> ClusterMasterCheck.requireReachable("FlinkRunner",
          List.of("--flinkMaster=127.0.0.1:" + port)));
      assertDoesNotThrow(() -> ClusterMasterCheck.requireReachable("FlinkRunner",
          List.of("--flinkMaster=http://localhost:" + port + "/")));
    } finally {
      rest.stop(0);
    }
  }

  /**
   * A port that accepts connections but is not Flink (another web server), or never answers (a hung JobManager): the
   * runner retried for 70-90 s, or printed nothing for minutes.
   */
  @Test
  void aPortThatIsNotFlinksRestApiIsRefusedSayingWhat() throws IOException {
    com.sun.net.httpserver.HttpServer other = server("/", 404, "not here");
    try {
      int port = other.getAddress().getPort();
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> ClusterMasterCheck.requireReachable(
          "FlinkRunner", List.of("--flinkMaster=127.0.0.1:" + port)));
      assertTrue(e.getMessage().startsWith("cannot reach the Flink master 127.0.0.1:" + port + " (127.0.0.1:" + port
          + ": answers GET /config with HTTP 404, not as Flink's REST API)"), e.getMessage());
    } finally {
      other.stop(0);
    }
    try (ServerSocket silent = new ServerSocket(0)) {
      int port = silent.getLocalPort();
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> ClusterMasterCheck.requireReachable(
          "FlinkRunner", List.of("--flinkMaster=127.0.0.1:" + port)));
      assertTrue(e.getMessage().contains("accepts connections but sends no answer within 5 s"), e.getMessage());
    }
  }

  private static com.sun.net.httpserver.HttpServer server(String path, int status, String body) throws IOException {
    com.sun.net.httpserver.HttpServer s = com.sun.net.httpserver.HttpServer.create(
        new InetSocketAddress("127.0.0.1", 0), 0);
    s.createContext(path, exchange -> {
      byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    s.start();
    return s;
  }

  @Test
  void oneAnsweringSparkMasterOfSeveralIsEnough() throws IOException {
    int closed = closedPort();
    try (ServerSocket s = new ServerSocket(0)) {
      assertDoesNotThrow(() -> ClusterMasterCheck.requireReachable("SparkRunner",
          List.of("--sparkMaster=spark://127.0.0.1:" + closed + ",127.0.0.1:" + s.getLocalPort())));
    }
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> ClusterMasterCheck.requireReachable(
        "SparkRunner", List.of("--sparkMaster=spark://127.0.0.1:" + closed)));
    assertTrue(e.getMessage().startsWith("cannot reach the Spark master spark://127.0.0.1:" + closed), e.getMessage());
  }

  /** Embedded clusters, other managers and the DirectRunner are not probed (these hosts would not resolve). */
  @ParameterizedTest
  @ValueSource(strings = {"FlinkRunner|--flinkMaster=[local]", "FlinkRunner|--flinkMaster=[auto]",
      "FlinkRunner|--flinkMaster=[collection]", "FlinkRunner|--parallelism=2", "SparkRunner|--sparkMaster=local[2]",
      "SparkRunner|--sparkMaster=yarn", "SparkRunner|--sparkMaster=k8s://no-such-host.invalid:443",
      "SparkRunner|--parallelism=1", "DirectRunner|--flinkMaster=no-such-host.invalid:1"})
  void localAndOtherMastersAreNotProbed(String runnerAndArg) {
    String[] parts = runnerAndArg.split("\\|");
    assertDoesNotThrow(() -> ClusterMasterCheck.requireReachable(parts[0], List.of(parts[1])));
  }

  @Test
  void parsesHostsPortsAndDefaults() {
    assertEquals(List.of(new InetSocketAddress("127.0.0.1", 8081)),
        ClusterMasterCheck.parse("127.0.0.1", 8081, "m"));
    assertEquals(List.of(new InetSocketAddress("127.0.0.1", 7077), new InetSocketAddress("::1", 7078)),
        ClusterMasterCheck.parse("127.0.0.1:7077, [::1]:7078", 8081, "m"));
    assertEquals(List.of(new InetSocketAddress("127.0.0.1", 9000)),
        ClusterMasterCheck.parse("127.0.0.1:9000/some/path", 8081, "m"));
    IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
        () -> ClusterMasterCheck.parse("127.0.0.1:80a", 8081, "the Flink master 127.0.0.1:80a"));
    assertEquals("the Flink master 127.0.0.1:80a: the port is not a number: 80a", port.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ClusterMasterCheck.parse("127.0.0.1:0", 8081, "m"));
    assertThrows(IllegalArgumentException.class, () -> ClusterMasterCheck.parse(":8081", 8081, "m"));
  }
}
