package org.evshard.pipelines.runner;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Before a run on a remote cluster, a TCP connection to its master: a master that cannot be reached (a typo in the
 * port, a cluster not started) made Flink and Spark retry for 70-85 s and end in their own words ("Pipeline execution
 * failed", "SparkContext has been shutdown"), the cause inside 80-160 lines of traces. Checked: {@code --flinkMaster}
 * other than {@code [auto]}, {@code [local]} and {@code [collection]} ({@code HOST:PORT}, optionally
 * {@code http(s)://}; Flink's REST port, default 8081), which must also answer {@code GET /config} as Flink does, and {@code spark://HOST:PORT[,HOST:PORT...]} (any one answering
 * is enough, as Spark's standby masters). Other masters ({@code local[N]}, {@code yarn}, {@code k8s://...}) are left to
 * their runner, and so is {@code --sparkMaster} under {@code spark-submit}, whose master wins.
 */
public final class ClusterMasterCheck {

  /** Milliseconds each address may take to accept a connection. */
  static final int TIMEOUT_MS = 5_000;
  private static final int FLINK_REST_PORT = 8081;

  private ClusterMasterCheck() {}

  /**
   * Throws {@link IllegalStateException} naming the master and the reason when no address of the master that
   * {@code args} give {@code runner} ({@code FlinkRunner}, {@code SparkRunner}) accepts a connection.
   */
  public static void requireReachable(String runner, List<String> args) {
    String what;
    List<InetSocketAddress> addresses;
    String flinkScheme = null; // Flink: its REST API must answer too
    if (runner.equals("FlinkRunner")) {
      String master = lastValue(args, "flinkMaster");
      if (master == null || master.equals("[auto]") || master.equals("[local]") || master.equals("[collection]")) {
        return;
      }
      what = "the Flink master " + master;
      addresses = parse(master.replaceFirst("(?i)^https?://", ""), FLINK_REST_PORT, what);
      flinkScheme = master.toLowerCase(Locale.ROOT).startsWith("https://") ? "https" : "http";
    } else if (runner.equals("SparkRunner")) {
      String master = lastValue(args, "sparkMaster");
      if (master == null || !master.toLowerCase(Locale.ROOT).startsWith("spark://")
          || System.getProperty("spark.master") != null) { // under spark-submit, whose master wins
        return;
      }
      what = "the Spark master " + master;
      addresses = parse(master.substring("spark://".length()), 7077, what);
    } else {
      return;
    }
    List<String> reasons = new ArrayList<>();
    for (InetSocketAddress a : addresses) {
      String reason = connect(a);
      if (reason == null && flinkScheme != null) {
        reason = flinkRest(flinkScheme, a);
      }
      if (reason == null) {
        return;
      }
      reasons.add(a.getHostString() + ":" + a.getPort() + ": " + reason);
    }
    throw new IllegalStateException("cannot reach " + what + " (" + String.join("; ", reasons)
        + "); is the cluster running and the address right? (docs/CLUSTERS.md; checked before the run, nothing "
        + "was written)");
  }

  /** Null when {@code a} accepts a TCP connection within {@link #TIMEOUT_MS}, else the reason in words. */
  static String connect(InetSocketAddress a) {
    if (a.isUnresolved()) {
      return "unknown host";
    }
    try (Socket s = new Socket()) {
      s.connect(a, TIMEOUT_MS);
      return null;
    } catch (java.net.SocketTimeoutException e) {
      return "no answer within " + TIMEOUT_MS / 1000 + " s";
    } catch (java.net.ConnectException e) {
      String m = e.getMessage();
      return m == null || m.toLowerCase(Locale.ROOT).contains("refused") ? "connection refused" : m;
    } catch (IOException | IllegalArgumentException e) {
      return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
  }

  /**
   * Null when {@code a} answers {@code GET /config} as a Flink JobManager's REST API does (its {@code flink-version}),
   * or asks for credentials; else why not. A port that accepts connections but is something else, or never answers
   * (a hung JobManager), made the runner retry for 70-90 s or print nothing for minutes.
   */
  static String flinkRest(String scheme, InetSocketAddress a) {
    java.net.HttpURLConnection c = null;
    try {
      java.net.URL url = new java.net.URI(scheme, null, a.getHostString(), a.getPort(), "/config", null, null).toURL();
      c = (java.net.HttpURLConnection) url.openConnection();
      c.setConnectTimeout(TIMEOUT_MS);
      c.setReadTimeout(TIMEOUT_MS);
      int status = c.getResponseCode();
      if (status == 401 || status == 403) {
        return null; // a protected REST API: it is there
      }
      if (status != 200) {
        return "answers GET /config with HTTP " + status + ", not as Flink's REST API";
      }
      try (java.io.InputStream in = c.getInputStream()) {
        String body = new String(in.readNBytes(1 << 16), java.nio.charset.StandardCharsets.UTF_8);
        return body.contains("flink-version") ? null : "answers GET /config, but not as Flink's REST API";
      }
    } catch (java.net.SocketTimeoutException e) {
      return "accepts connections but sends no answer within " + TIMEOUT_MS / 1000 + " s";
    } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
      return "does not answer as Flink's REST API (" + (e.getMessage() == null ? e.getClass().getSimpleName()
          : e.getMessage()) + ")";
    } finally {
      if (c != null) {
        c.disconnect();
      }
    }
  }

  /** {@code HOST[:PORT][,HOST[:PORT]...]} (a path after the address is dropped); IPv6 hosts in brackets. */
  static List<InetSocketAddress> parse(String list, int defaultPort, String what) {
    List<InetSocketAddress> out = new ArrayList<>();
    for (String part : list.split(",")) {
      String hostPort = part.strip();
      int slash = hostPort.indexOf('/');
      if (slash >= 0) {
        hostPort = hostPort.substring(0, slash);
      }
      String host = hostPort;
      int port = defaultPort;
      int colon = hostPort.lastIndexOf(':');
      if (colon >= 0 && colon > hostPort.lastIndexOf(']')) {
        host = hostPort.substring(0, colon);
        try {
          port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(what + ": the port is not a number: " + hostPort.substring(colon + 1));
        }
        if (port < 1 || port > 65535) {
          throw new IllegalArgumentException(what + ": the port must be 1..65535, got " + port);
        }
      }
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      if (host.isEmpty()) {
        throw new IllegalArgumentException(what + ": no host");
      }
      out.add(new InetSocketAddress(host, port));
    }
    return out;
  }

  private static String lastValue(List<String> args, String name) {
    String v = null;
    for (String a : args) {
      if (a.startsWith("--" + name + "=")) {
        v = a.substring(name.length() + 3).trim();
      }
    }
    return v;
  }
}
